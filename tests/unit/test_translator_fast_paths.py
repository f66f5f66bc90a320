"""The translator's short ways write and read what its general ways write and read.

Fused lines (service heads, descriptors, closing sequences), the per-octet tables of
conformance bits and the descriptor read in one go must give the text and the bytes of
the element-by-element code; deep nesting must neither run out of indentation nor let a
RecursionError out.
"""

from __future__ import annotations

import dataclasses

import pytest

from gurux_dlms.apdu.common import AttributeDescriptor, MethodDescriptor
from gurux_dlms.apdu.conformance import CONFORMANCE_NAMES
from gurux_dlms.data.byte_buffer import GXByteBuffer
from gurux_dlms.errors import DecodeError
from gurux_dlms.translator import GXDLMSTranslator, TranslatorOutputType
from gurux_dlms.translator.reader import parse
from gurux_dlms.translator.writer import XmlWriter
from gurux_dlms.translator.xml_initiate import _write_conformance


def _nested(depth: int) -> bytes:
    """A GetResponse-Normal whose value is ``depth`` structures, one inside the other, around a UInt8."""
    return bytes.fromhex("c401c100") + bytes.fromhex("0201") * depth + bytes.fromhex("1105")


def test_deep_nesting_is_indented_at_every_level() -> None:
    t = GXDLMSTranslator()
    xml = t.pduToXml(_nested(70))
    assert ' ' * (2 * (4 + 70)) + '<UInt8 Value="05" />' in xml.split("\r\n")
    assert bytes(t.xmlToPdu(xml)) == _nested(70)


@pytest.mark.parametrize("depth", [300, 600, 5000])
def test_nesting_too_deep_to_follow_raises_decode_error(depth: int) -> None:
    t = GXDLMSTranslator()
    try:
        xml = t.pduToXml(_nested(depth))
    except DecodeError as exc:  # from the decoder or from the renderer, never a RecursionError
        assert "nested too deeply" in str(exc)
        return
    assert xml.count("<Structure ") == depth


@pytest.mark.parametrize("standard", [False, True])
@pytest.mark.parametrize("level", [0, 1, 5])
def test_fused_opening_and_closing_lines_are_the_element_by_element_lines(standard: bool, level: int) -> None:
    for hex_numbers in (True, False):
        fused = XmlWriter(standard, hex_numbers, level=level)
        fused.open_service("GetResponse", "GetResponseNormal", 0x1C1, "Result", "Data")
        fused.open_many("Structure", "Array", "Structure")
        fused.close_many("Structure", "Array", "Structure")
        fused.close_many("Data", "Result", "GetResponseNormal", "GetResponse")
        single = XmlWriter(standard, hex_numbers, level=level)
        single.start("GetResponse")
        single.start("GetResponseNormal")
        single.number("InvokeIdAndPriority", 0x1C1, 2)
        for key in ("Result", "Data", "Structure", "Array", "Structure"):
            single.start(key)
        for key in ("Structure", "Array", "Structure", "Data", "Result", "GetResponseNormal", "GetResponse"):
            single.end(key)
        assert fused.text() == single.text()
        assert fused.level == single.level == level


@pytest.mark.parametrize("value", [0, 1, 0x80, 0x1C1F, 0xFFFFFF, 0x7E1F1F, 0x100, 0x800000, 0x5A5A5A])
def test_conformance_bits_from_the_octet_tables_are_the_flags_in_order(value: int) -> None:
    w = XmlWriter(level=2)
    _write_conformance(w, "ProposedConformance", value)
    names = [name for flag, name in CONFORMANCE_NAMES.items() if value & flag]
    expected = ["    <ProposedConformance>", *(f'      <ConformanceBit Name="{name}" />' for name in names),
                "    </ProposedConformance>"]
    assert w.text() == "\r\n".join(expected) + "\r\n"


def test_descriptors_stay_frozen_hashable_values() -> None:
    a = AttributeDescriptor(3, bytes.fromhex("0100010800FF"), 2)
    assert a == AttributeDescriptor(class_id=3, instance_id=bytes.fromhex("0100010800FF"), attribute_id=2)
    assert hash(a) == hash(AttributeDescriptor(3, bytes.fromhex("0100010800FF"), 2))
    assert dataclasses.replace(a, attribute_id=3).attribute_id == 3
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.class_id = 4  # type: ignore[misc]
    m = MethodDescriptor(70, bytes(6), 1)
    assert (m.class_id, m.instance_id, m.method_id) == (70, bytes(6), 1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        m.method_id = 2  # type: ignore[misc]


@pytest.mark.parametrize("standard", [False, True])
def test_descriptor_elements_in_another_order_are_read_element_by_element(standard: bool) -> None:
    t = GXDLMSTranslator(TranslatorOutputType.STANDARD_XML if standard else TranslatorOutputType.SIMPLE_XML)
    pdu = bytes.fromhex("c001c100070100630100ff0200")
    xml = t.pduToXml(pdu)
    lines = xml.split("\r\n")
    class_line = next(i for i, line in enumerate(lines) if "ClassId" in line or "class-id" in line)
    lines[class_line], lines[class_line + 1] = lines[class_line + 1], lines[class_line]
    assert bytes(t.xmlToPdu("\r\n".join(lines))) == pdu


def test_a_bad_descriptor_value_is_reported_by_the_element_by_element_reader() -> None:
    xml = GXDLMSTranslator().pduToXml("c001c100070100630100ff0200").replace('<ClassId Value="0007"',
                                                                            '<ClassId Value="1FFFF"')
    with pytest.raises(DecodeError, match="line 5, element <ClassId>"):
        GXDLMSTranslator().xmlToPdu(xml)


def test_released_documents_drop_their_tree() -> None:
    doc = parse('<GetRequest><GetRequestForNextDataBlock><InvokeIdAndPriority Value="C1" />'
                '<BlockNumber Value="00000001" /></GetRequestForNextDataBlock></GetRequest>')
    assert doc.root is not None and doc.root.children[0].doc is doc
    doc.release()
    assert doc.root is None


@pytest.mark.parametrize("source", [b"\x01\x02\x03", bytearray(b"\x01\x02\x03")])
def test_byte_buffers_copy_bytes_and_bytearrays(source: bytes | bytearray) -> None:
    buffer = GXByteBuffer(source)
    assert bytes(buffer) == b"\x01\x02\x03" and buffer.position == 0 and buffer.size == 3
    buffer.setUInt8(4)
    assert bytes(source) == b"\x01\x02\x03"
