"""GXDLMSXmlClient reads Gurux Messages files into PDUs with their XML and command."""

from __future__ import annotations

from pathlib import Path

import pytest

from gurux_dlms import GXDLMSXmlClient, GXDLMSXmlPdu
from gurux_dlms.enums import TranslatorOutputType

MESSAGES = Path(__file__).resolve().parents[1] / "vectors" / "gurux_messages"


def test_load_a_get_request_file() -> None:
    client = GXDLMSXmlClient(TranslatorOutputType.SIMPLE_XML)
    pdus = client.load(MESSAGES / "LN" / "GetClock.xml")
    assert len(pdus) == 1
    pdu = pdus[0]
    assert isinstance(pdu, GXDLMSXmlPdu) and pdu.command == 0xC0 and pdu.isRequest()
    assert pdu.data == bytes.fromhex("C0 01 81 00 08 00 00 01 00 00 FF 02 00")
    assert "<GetRequestNormal>" in pdu.xml and 'Value="0000010000FF"' in pdu.xml


def test_load_a_disconnect_frame_and_show_a_reply() -> None:
    client = GXDLMSXmlClient()
    (disc,) = client.load(MESSAGES / "LN" / "DisconnectRequest.xml")
    assert disc.command == 0x53 and disc.isRequest() and disc.data[:1] == b"\x7e"
    assert "<GetResponse>" in client.pduToXml("C4 01 81 00 12 00 07")
    assert not GXDLMSXmlPdu(0xC4, "", b"\xc4").isRequest()


@pytest.mark.parametrize("path", sorted(MESSAGES.glob("*/*.xml")), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_gurux_messages_file_loads(path: Path) -> None:
    pdus = GXDLMSXmlClient().load(path)
    assert pdus and all(p.data and p.xml for p in pdus)
