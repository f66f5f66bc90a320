"""GXDLMSTranslator: options, input forms, XML reading, Messages files and errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from vectors.loader import load, raw

import gurux_dlms
from gurux_dlms.data.byte_buffer import GXByteBuffer
from gurux_dlms.errors import DecodeError, FrameError
from gurux_dlms.session.enums import InterfaceType
from gurux_dlms.translator import GXDLMSTranslator, GXDLMSTranslatorMessage, TranslatorOutputType

GET = "C0 01 C1 00 01 00 00 2A 00 00 FF 02 00"
GET_RESPONSE = "C4 01 C1 00 02 03 06 00 00 04 D2 09 0C 07 E8 0B 18 07 0A 1E 00 FF 80 00 00 02 02 0F FF 16 1E"
FRAME = "7E A0 19 03 21 32 6F D8 E6 E6 00 C0 01 C1 00 01 00 00 2A 00 00 FF 02 00 12 80 7E"
MESSAGES = Path(__file__).resolve().parent.parent / "vectors" / "gurux_messages"


def test_gurux_import_paths() -> None:
    assert gurux_dlms.GXDLMSTranslator is GXDLMSTranslator
    assert gurux_dlms.GXDLMSTranslatorMessage is GXDLMSTranslatorMessage
    assert TranslatorOutputType.SIMPLE_XML == 0 and TranslatorOutputType.STANDARD_XML == 1


def test_defaults_are_gurux_defaults() -> None:
    t = GXDLMSTranslator()
    assert t.outputType == TranslatorOutputType.SIMPLE_XML
    assert t.hex and not t.comments and not t.pduOnly and not t.completePdu and not t.showStringAsHex
    assert t.systemTitle == b"ABCDEFGH"
    assert t.blockCipherKey == bytes(range(16)) and t.authenticationKey == bytes(range(0xD0, 0xE0))


@pytest.mark.parametrize("form", [
    bytes.fromhex(GET), bytearray.fromhex(GET), memoryview(bytes.fromhex(GET)), GXByteBuffer(bytes.fromhex(GET)),
    GET, GET.replace(" ", ""), GET.lower(), GET.replace(" ", "\n"), "0x" + GET.replace(" ", ""),
])
def test_inputs_bytes_hex_and_buffers(form: object) -> None:
    assert GXDLMSTranslator().pduToXml(form) == GXDLMSTranslator().pduToXml(bytes.fromhex(GET))


def test_bad_hex_text_says_where() -> None:
    with pytest.raises(DecodeError) as raised:
        GXDLMSTranslator().pduToXml("C0 01 ZZ")
    assert raised.value.where == 4


def test_decimal_numbers() -> None:
    t = GXDLMSTranslator()
    t.hex = False
    xml = t.pduToXml(GET_RESPONSE)
    assert '<InvokeIdAndPriority Value="193" />' in xml
    assert '<Structure Qty="3" >' in xml
    assert '<UInt32 Value="1234" />' in xml and '<Int8 Value="-1" />' in xml and '<Enum Value="30" />' in xml
    assert '<OctetString Value="07E80B18070A1E00FF800000" />' in xml  # octet strings stay hex
    assert bytes(t.xmlToPdu(xml)) == bytes.fromhex(GET_RESPONSE)


def test_comments_option() -> None:
    t = GXDLMSTranslator()
    plain = t.pduToXml(GET)
    t.comments = True
    commented = t.pduToXml(GET)
    assert "<!--" not in plain
    assert "<!--1-->" in commented and "<!--0.0.42.0.0.255-->" in commented
    assert commented.replace("      <!--1-->\r\n", "").replace("      <!--0.0.42.0.0.255-->\r\n", "") == plain


def test_standard_output_declaration_and_namespace_options() -> None:
    t = GXDLMSTranslator(TranslatorOutputType.STANDARD_XML)
    full = t.pduToXml(GET)
    assert full.startswith('<?xml version="1.0" encoding="utf-8"?>\r\n<x:xDLMS-APDU xmlns:x="http://www.dlms.com/COSEMpdu">')
    assert "<x:invoke-id-and-priority>193</x:invoke-id-and-priority>" in full
    assert t.pduToXml(GET, True).startswith("<x:xDLMS-APDU ")
    assert t.pduToXml(GET, True, True).startswith("<x:get-request>")
    t.omitXmlDeclaration = True
    assert t.pduToXml(GET).startswith("<x:xDLMS-APDU ")
    t.omitXmlNameSpace = True
    assert t.pduToXml(GET).startswith("<x:get-request>")
    for xml in (full, t.pduToXml(GET)):
        assert bytes(t.xmlToPdu(xml)) == bytes.fromhex(GET)


def test_show_string_as_hex() -> None:
    t = GXDLMSTranslator()
    t.showStringAsHex = True
    xml = t.pduToXml("C4 01 C1 00 0A 03 41 42 43")
    assert '<String Value="41 42 43" />' in xml
    assert bytes(t.xmlToPdu(xml)) == bytes.fromhex("C4 01 C1 00 0A 03 41 42 43")


def test_strings_that_xml_cannot_carry() -> None:
    t = GXDLMSTranslator()
    data = bytes.fromhex("C4 01 C1 00 0A 04 41 00 3C 26")
    xml = t.pduToXml(data)
    assert '<String Value="41 00 3C 26" Encoding="Hex" />' in xml
    assert bytes(t.xmlToPdu(xml)) == data
    escaped = t.pduToXml("C4 01 C1 00 0A 03 3C 26 22")
    assert '<String Value="&lt;&amp;&quot;" />' in escaped
    assert bytes(t.xmlToPdu(escaped)) == bytes.fromhex("C4 01 C1 00 0A 03 3C 26 22")


def test_pdu_only_and_message_object() -> None:
    t = GXDLMSTranslator()
    message = GXDLMSTranslatorMessage(FRAME)
    xml = t.messageToXml(message)
    assert message.xml == xml and xml.startswith('<HDLC len="18" >')
    assert message.interfaceType == InterfaceType.HDLC
    assert (message.targetAddress, message.sourceAddress, message.moreData) == (1, 16, 0)
    t.pduOnly = True
    assert t.messageToXml(FRAME) == t.pduToXml(GET)


def test_message_to_xml_of_a_bare_pdu_is_its_pdu_xml() -> None:
    assert GXDLMSTranslator().messageToXml(GET) == GXDLMSTranslator().pduToXml(GET)


def test_get_dlms_framing_and_find_next_frame() -> None:
    assert GXDLMSTranslator.getDlmsFraming(FRAME) == InterfaceType.HDLC
    assert GXDLMSTranslator.getDlmsFraming("00 01 00 10 00 01 00 02 C5 01") == InterfaceType.WRAPPER
    assert GXDLMSTranslator.getDlmsFraming(GET) == InterfaceType.PDU
    junk = bytes.fromhex("01 02 7E 7E") + bytes.fromhex(FRAME) + bytes.fromhex("00 01 00 01 00 10 00 04 C5 01 C1 00")
    buffer = GXByteBuffer(junk)
    found = GXByteBuffer()
    t = GXDLMSTranslator()
    assert t.findNextFrame(buffer, found)
    assert buffer.position == 4 and bytes(found) == bytes.fromhex(FRAME)  # stray flags skipped
    buffer.position += len(bytes.fromhex(FRAME))
    wrapper = GXByteBuffer()
    assert t.findNextFrame(buffer, wrapper, InterfaceType.WRAPPER)
    assert bytes(wrapper) == bytes.fromhex("00 01 00 01 00 10 00 04 C5 01 C1 00")
    buffer.position += 1
    assert not t.findNextFrame(buffer, GXByteBuffer())


def test_data_to_xml_and_back() -> None:
    t = GXDLMSTranslator()
    data = bytes.fromhex("02 03 11 05 0A 02 41 42 1A 07 EA 05 1A FF 11 07")
    xml = t.dataToXml(data)
    assert xml.startswith('<Structure Qty="03" >\r\n  <UInt8 Value="05" />')
    assert '<Date Value="07EA051AFF" />' in xml  # Gurux raises on DATE
    assert bytes(t.xmlToData(xml)) == data
    assert bytes(t.XmlToData(xml)) == data
    assert bytes(t.xmlToData('<?xml version="1.0"?>\r\n<UInt8 Value="01" />\r\n<None />')) == b"\x11\x01\x00"


def test_xml_to_hex_pdu() -> None:
    t = GXDLMSTranslator()
    xml = t.pduToXml(GET)
    assert t.xmlToHexPdu(xml) == GET.replace(" ", "")
    assert t.xmlToHexPdu(xml, True) == GET


def _segmented_frames() -> tuple[list[bytes], bytes]:
    """The four I-frames of a client SetRequest (vectors pub-hdlc-0037..0040) and the whole APDU."""
    vectors = [v for v in load("hdlc") if v.get("sequence", {}).get("id") == "pub-hdlc-seq000"]
    frames = [raw(v) for v in vectors]
    pdu = b"".join(raw(v, "info_hex") if "info_hex" in v else raw(v, "pdu_hex") for v in vectors)
    return frames, pdu[3:]  # without the LLC header of the first segment


def test_complete_pdu_joins_segments() -> None:
    frames, pdu = _segmented_frames()
    assert len(frames) == 4
    joined = GXDLMSTranslator()
    joined.completePdu = True
    outputs = [joined.messageToXml(frame) for frame in frames]
    assert all("<NextFrame Value=" in xml for xml in outputs[:-1])
    assert GXDLMSTranslator().pduToXml(pdu) in outputs[-1]
    apart = GXDLMSTranslator()
    last = [apart.messageToXml(frame) for frame in frames][-1]
    assert '<Data Value="' in last  # without completePdu the last segment is a fragment
    only = GXDLMSTranslator()
    only.completePdu = only.pduOnly = True
    assert [only.messageToXml(frame) for frame in frames][-1] == GXDLMSTranslator().pduToXml(pdu)
    only.clear()


# --- XML errors --------------------------------------------------------------------------------
@pytest.mark.parametrize(("xml", "line", "element"), [
    ("<GetRequest>\r\n  <GetRequestNormal>\r\n    <InvokeIdAndPriority Value=\"ZZ\" />", 2, "GetRequestNormal"),
    ("<GetRequest>\r\n  <GetRequestNormal>\r\n    <InvokeIdAndPriority Value=\"ZZ\" />\r\n  </GetRequestNormal>\r\n"
     "</GetRequest>", 3, "InvokeIdAndPriority"),
    ("<GetRequest>\r\n  <GetRequestNormal>\r\n    <InvokeIdAndPriority Value=\"C1\" />\r\n  </GetRequestNormal>\r\n"
     "</GetRequest>", 2, "GetRequestNormal"),
    ("<GetRequest>\r\n  <Bogus />\r\n</GetRequest>", 2, "Bogus"),
    ("<Nonsense />", 1, "Nonsense"),
    ("<GetRequest>\r\n  <GetRequestNormal>\r\n  </GetRequest>", 3, "GetRequest"),
])
def test_malformed_xml_names_the_element_and_the_line(xml: str, line: int, element: str | None) -> None:
    with pytest.raises(DecodeError) as raised:
        GXDLMSTranslator().xmlToPdu(xml)
    text = str(raised.value)
    assert f"line {line}" in text
    if element is not None:
        assert f"<{element}>" in text or f"</{element}>" in text


def test_malformed_bytes_raise_and_say_where() -> None:
    with pytest.raises(DecodeError) as raised:
        GXDLMSTranslator().pduToXml("C0 01 C1 00 03 01")
    assert raised.value.where == 2
    with pytest.raises(DecodeError) as unknown:
        GXDLMSTranslator().pduToXml("FE 5F 39")
    assert unknown.value.where == 0 and "0xFE" in str(unknown.value)
    with pytest.raises(FrameError) as frame:
        GXDLMSTranslator().messageToXml("7E A0 19 03 FF 10 0E 1F E6 E6 00 C0 01 C1 00 03 01 00 0E 07 00 FF 02 00 47 3F 7E")
    assert "HCS" in str(frame.value) and frame.value.where == 6


# --- Messages files ----------------------------------------------------------------------------
EXPECTED_MESSAGES = {
    "LN/DisconnectRequest.xml": ["7EA00703215303C77E"],
    "LN/GetAssociationView.xml": ["C001C1000F0000280000FF0200"],
    "LN/GetClock.xml": ["C0018100080000010000FF0200"],
    "LN/GetLogicalDeviceName.xml": ["C001C1000100002A0000FF0200"],
    "LN/GetRegister.xml": ["C001C100030101151900FF0200", "C401C100050000017B"],
    "LN/ResetRegister.xml": ["C301C100030101151900FF01010F00"],
    "SN/ShortNameAssociationView.xml": ["050102FA08"],
}


@pytest.mark.parametrize("name", sorted(EXPECTED_MESSAGES))
@pytest.mark.parametrize("hex_numbers", [False, True], ids=["decimal", "hex"])
def test_gurux_messages_files_load(name: str, hex_numbers: bool) -> None:
    t = GXDLMSTranslator()
    t.hex = hex_numbers  # XmlClient reads them with hex off; decimal files are recognised either way
    text = (MESSAGES / name).read_text(encoding="utf-8-sig")
    assert [data.hex().upper() for data in t.messages_to_pdus(text)] == EXPECTED_MESSAGES[name]


def test_messages_in_either_output_type_with_comments_load() -> None:
    pdus = [bytes.fromhex(GET), bytes.fromhex(GET_RESPONSE)]
    for output in TranslatorOutputType:
        t = GXDLMSTranslator(output)
        t.comments = True
        t.omitXmlDeclaration = True
        body = "".join(t.pduToXml(pdu) for pdu in pdus)
        document = f'<?xml version="1.0" encoding="utf-8"?>\r\n<Messages>\r\n{body}</Messages>\r\n'
        assert GXDLMSTranslator(output).messages_to_pdus(document) == pdus


def test_disconnect_request_uses_the_settings_addresses() -> None:
    class Settings:
        clientAddress = 0x20
        serverAddress = 0x12

    data = bytes(GXDLMSTranslator().xmlToPdu("<DisconnectRequest>\r\n</DisconnectRequest>", Settings()))
    assert data[3:5] == bytes((0x12 << 1 | 1, 0x20 << 1 | 1)) and data[5] == 0x53


def test_single_and_double_quoted_attributes() -> None:
    t = GXDLMSTranslator()
    xml = "<GetRequest><GetRequestNormal><InvokeIdAndPriority Value='C1' /><AttributeDescriptor>" \
          "<ClassId Value='0001'/><InstanceId Value=\"00002A0000FF\"/><AttributeId Value='02'/>" \
          "</AttributeDescriptor></GetRequestNormal></GetRequest>"
    assert bytes(t.xmlToPdu(xml)) == bytes.fromhex(GET)
