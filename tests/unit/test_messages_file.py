"""Reading Messages files message by message: kinds, lines, decimal-then-hex numbers, frames, directions."""

from __future__ import annotations

from pathlib import Path

import pytest

from gurux_dlms import GXDLMSXmlClient
from gurux_dlms.errors import DecodeError
from gurux_dlms.translator.messages_file import MessageKind, kind_of, read_messages

MESSAGES = Path(__file__).resolve().parents[1] / "vectors" / "gurux_messages"
GET_LDN = bytes.fromhex("C0 01 C1 00 01 00 00 2A 00 00 FF 02 00")

FILE = """\ufeff<?xml version="1.0" encoding="utf-8"?>
<!-- a test -->
<Messages>
  <Description Value="Read the logical device name" />
  <Sleep Value="20" />
  <GetRequest>
    <GetRequestNormal>
      <InvokeIdAndPriority Value="193" />
      <AttributeDescriptor>
        <ClassId Value="15" />
        <InstanceId Value="0000280000FF" />
        <AttributeId Value="2" />
      </AttributeDescriptor>
    </GetRequestNormal>
  </GetRequest>
  <GetResponse>
    <GetResponseNormal>
      <InvokeIdAndPriority Value="193" />
      <Result><Data><Int32 Value="-379" /></Data></Result>
    </GetResponseNormal>
  </GetResponse>
  <Error>It failed</Error>
  <HDLC len="18" >
  <TargetAddress Value="1" />
  <SourceAddress Value="10" />
  <!--I frame.-->
  <FrameType Value="32" />
  <PDU>
  <GetRequest>
    <GetRequestNormal>
      <InvokeIdAndPriority Value="C1" />
      <AttributeDescriptor>
        <ClassId Value="0001" />
        <InstanceId Value="00002A0000FF" />
        <AttributeId Value="02" />
      </AttributeDescriptor>
    </GetRequestNormal>
  </GetRequest>
  </PDU>
  </HDLC>
  <Snrm>
    <MaxInfoTX Value="256" />
    <WindowSizeRX Value="3" />
  </Snrm>
  <DisconnectRequest />
</Messages>
"""


def test_messages_have_their_kind_line_and_bytes() -> None:
    messages = read_messages(FILE)
    assert [(m.name, m.kind, m.line) for m in messages] == [
        ("Description", MessageKind.DIRECTION, 4),
        ("Sleep", MessageKind.DIRECTION, 5),
        ("GetRequest", MessageKind.REQUEST, 6),
        ("GetResponse", MessageKind.REPLY, 16),
        ("Error", MessageKind.DIRECTION, 22),
        ("GetRequest", MessageKind.REQUEST, 23),
        ("Snrm", MessageKind.LINK, 41),
        ("DisconnectRequest", MessageKind.LINK, 45),
    ]
    description, sleep, request, reply, error, framed, snrm, disc = messages
    assert description.text == "Read the logical device name" and error.text == "It failed"
    assert sleep.milliseconds == 20
    # decimal first: ClassId "15" is 15 (hex would make it 21)
    assert request.data == bytes.fromhex("C0 01 C1 00 0F 00 00 28 00 00 FF 02 00")
    assert reply.data == bytes.fromhex("C4 01 C1 00 05 FF FF FE 85")
    # a frame gives its PDU; its hex numbers ("C1") are read in hex once decimal fails
    assert framed.framed and framed.pdu.name == "GetRequest" and framed.data == GET_LDN
    params = snrm.hdlc_parameters
    assert (params.max_info_tx, params.max_info_rx, params.window_tx, params.window_rx) == (256, 128, 1, 3)
    assert disc.data == bytes.fromhex("7E A0 07 03 21 53 03 C7 7E")


@pytest.mark.parametrize(("apdu", "kind"), [
    ("C001C1", MessageKind.REQUEST), ("C401C1", MessageKind.REPLY), ("0501", MessageKind.REQUEST),
    ("0C01", MessageKind.REPLY), ("60", MessageKind.REQUEST), ("61", MessageKind.REPLY), ("C8", MessageKind.REQUEST),
    ("CC", MessageKind.REPLY), ("DB", MessageKind.AMBIGUOUS), ("0F", MessageKind.REPLY),
])
def test_kind_of_an_apdu(apdu: str, kind: MessageKind) -> None:
    assert kind_of(bytes.fromhex(apdu)) is kind


@pytest.mark.parametrize(("text", "line", "what"), [
    ("<Messages>\n<GetRequest>\n<GetRequestNormal>\n</GetRequest>\n</Messages>", 4, "end tag"),
    ("<Messages>\n  <Sleeping Value='1' />\n</Messages>", 2, "Sleeping"),
    ("<Messages>\n<GetRequest>\n<GetRequestNormal>\n<InvokeIdAndPriority Value=\"x\" />\n"
     "</GetRequestNormal>\n</GetRequest>\n</Messages>", 4, "InvokeIdAndPriority"),
])
def test_malformed_files_name_the_line(text: str, line: int, what: str) -> None:
    with pytest.raises(DecodeError) as error:
        read_messages(text)
    assert f"line {line}" in str(error.value) and what in str(error.value)


def test_sleep_must_be_milliseconds() -> None:
    (sleep,) = read_messages("<Messages><Sleep Value='soon' /></Messages>")
    with pytest.raises(DecodeError, match="milliseconds"):
        assert sleep.milliseconds >= 0


def test_xml_client_load_keeps_directions_and_frames_and_applies_snrm() -> None:
    client = GXDLMSXmlClient()
    pdus = client.loadXml(FILE)
    assert [hex(p.command) for p in pdus] == ["0xc0", "0xc4", "0xc0", "0x93", "0x53"]
    first, reply, framed, snrm, _ = pdus
    assert first.description == "Read the logical device name" and first.sleep == 20 and first.error is None
    assert reply.description is None and framed.error == "It failed"
    assert framed.data[:1] == b"\x7e" and GET_LDN in framed.data  # a frame stays a frame, as in Gurux
    assert snrm.isRequest() and client.hdlcSettings.maxInfoTX == 256 and client.hdlcSettings.windowSizeRX == 3


def test_gurux_association_view_file_reads_class_15() -> None:
    (pdu,) = GXDLMSXmlClient().load(MESSAGES / "LN" / "GetAssociationView.xml")
    assert pdu.data == bytes.fromhex("C0 01 C1 00 0F 00 00 28 00 00 FF 02 00")
