"""HDLC and WRAPPER frames in the translator: wrappers, addresses, parameters, segments."""

from __future__ import annotations

import pytest
from vectors.loader import load

from gurux_dlms.framing.hdlc_frame import encode_frame
from gurux_dlms.framing.hdlc_params import hdlc_parameter_items
from gurux_dlms.translator import GXDLMSTranslator, TranslatorOutputType

SNRM = "7E A0 19 03 41 93 B9 09 81 80 0D 05 01 C8 06 02 04 00 07 04 00 00 00 03 49 CE 7E"


def test_hdlc_parameter_items_keep_presence_and_width() -> None:
    info = bytes.fromhex("81 80 0D 05 01 C8 06 02 04 00 07 04 00 00 00 03")
    assert hdlc_parameter_items(info) == [(5, 1, 200), (6, 2, 1024), (7, 4, 3)]
    assert hdlc_parameter_items(b"") == []


def test_snrm_parameters_as_gurux_writes_them() -> None:
    t = GXDLMSTranslator()
    t.comments = True
    xml = t.messageToXml(SNRM)
    assert xml == (
        '<HDLC len="18" >\r\n<TargetAddress Value="1" />\r\n<SourceAddress Value="20" />\r\n'
        '<!--SNRM frame.-->\r\n<FrameType Value="93" />\r\n<PDU>\r\n<Snrm>\r\n  <MaxInfoTX Value="200" />\r\n'
        '  <MaxInfoRX Value="1024" />\r\n  <WindowSizeTX Value="3" />\r\n</Snrm></PDU>\r\n</HDLC>\r\n')
    assert bytes(t.xmlToPdu(xml)) == bytes.fromhex(SNRM)


def test_server_address_comment_and_combined_value() -> None:
    frame = next(v for v in load("framed") if v["id"] == "pub-framed-0018")
    t = GXDLMSTranslator()
    t.comments = True
    xml = t.messageToXml(frame["hex"])
    assert '<!--Logical address:3, Physical address:3855-->\r\n<TargetAddress Value="CF0F" />' in xml
    standard = GXDLMSTranslator(TranslatorOutputType.STANDARD_XML).messageToXml(frame["hex"])
    assert '<TargetAddress Value="53007" />' in standard and '<FrameType Value="10" />' in standard


@pytest.mark.parametrize(("control", "element"), [
    (0x53, "<DisconnectRequest>"), (0x1F, "<DisconnectMode>"), (0x97, "<UnacceptableFrame>"),
    (0x31, '<Command Value="NextFrame" />'), (0x35, '<Command Value="NextFrame" />'),
])
def test_frames_without_a_pdu(control: int, element: str) -> None:
    data = encode_frame(1, 16, control)
    t = GXDLMSTranslator()
    xml = t.messageToXml(data)
    assert element in xml and f'<FrameType Value="{control:02X}" />' in xml
    assert bytes(t.xmlToPdu(xml)) == data


def test_wrapper_labels_are_gurux_labels() -> None:
    data = bytes.fromhex("00 01 00 10 00 01 00 04 C5 01 C1 00")
    xml = GXDLMSTranslator().messageToXml(data)
    assert xml.startswith('<WRAPPER len="C" >\r\n<TargetAddress Value="10" />\r\n<SourceAddress Value="1" />')
    assert bytes(GXDLMSTranslator().xmlToPdu(xml)) == data


def test_segments_without_complete_pdu() -> None:
    frames = [v for v in load("hdlc") if v.get("sequence", {}).get("id") == "pub-hdlc-seq001"]
    t = GXDLMSTranslator()
    outputs = [t.messageToXml(v["hex"]) for v in frames]
    assert outputs[0] == frames[0]["xml"] and outputs[1] == frames[1]["xml"]  # NextFrame, as Gurux
    assert '<Data Value="675A410B1A6AFCD99C6ADD4FB222089FA33CDD05A869AA44122E2B8C7584AB17A9B71CF74D" />' in outputs[2]
    assert bytes(t.xmlToPdu(outputs[2])) == bytes.fromhex(frames[2]["hex"])


def test_i_frame_llc_follows_the_direction() -> None:
    request = GXDLMSTranslator().messageToXml(next(v for v in load("framed") if v["id"] == "pub-framed-0019")["hex"])
    response = next(v for v in load("framed") if v["case"] == "hdlc/get-response")
    for xml, data in ((request, next(v for v in load("framed") if v["id"] == "pub-framed-0019")["hex"]),
                      (GXDLMSTranslator().messageToXml(response["hex"]), response["hex"])):
        assert bytes(GXDLMSTranslator().xmlToPdu(xml)) == bytes.fromhex(data)
