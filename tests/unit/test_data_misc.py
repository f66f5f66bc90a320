"""OBIS codes, BER helpers, bit strings, compact arrays and GXByteBuffer."""

from __future__ import annotations

import pytest

from gurux_dlms.data import (
    DataType,
    GXBitString,
    GXCompactArray,
    GXStructure,
    GXUInt16,
    GXUInt32,
    TypeDescription,
    ber,
)
from gurux_dlms.data.byte_buffer import GXByteBuffer
from gurux_dlms.data.codec import decode, encode
from gurux_dlms.data.obis import obis_to_bytes, obis_to_iec, obis_to_str
from gurux_dlms.errors import ConfigurationError, DecodeError


@pytest.mark.parametrize("text", ["1.0.1.8.0.255", "1-0:1.8.0*255", "1-0:1.8.0.255", "1-0:1.8.0", "0100010800FF"])
def test_obis_text_forms(text: str) -> None:
    assert obis_to_bytes(text) == bytes([1, 0, 1, 8, 0, 255])
    assert obis_to_str(text) == "1.0.1.8.0.255"


def test_obis_bytes_and_iec() -> None:
    assert obis_to_str(bytes([0, 0, 40, 0, 0, 255])) == "0.0.40.0.0.255"
    assert obis_to_iec("0.0.1.0.0.255") == "0-0:1.0.0*255"


@pytest.mark.parametrize("bad", ["1.2.3", "1.0.1.8.0.256", "a.b.c.d.e.f", ""])
def test_bad_obis(bad: str) -> None:
    with pytest.raises(ConfigurationError):
        obis_to_bytes(bad)


def test_ber_oid_round_trip() -> None:
    raw = ber.encode_oid((2, 16, 756, 5, 8, 1, 1))
    assert raw.hex().upper() == "60857405080101"
    assert ber.decode_oid(raw) == (2, 16, 756, 5, 8, 1, 1)


def test_ber_lengths_and_tags() -> None:
    out = bytearray()
    ber.write_tlv(out, 0xBE, bytes(200))
    tlv = ber.read_tlv(bytes(out), 0)
    assert (tlv.tag, tlv.value_start, tlv.end) == (0xBE, 3, 203)
    out = bytearray()
    ber.encode_tag(out, 0x5F1F)
    assert bytes(out) == b"\x5f\x1f"
    assert ber.decode_tag(b"\x5f\x1f", 0) == (0x5F1F, 2)
    with pytest.raises(DecodeError, match="value bytes"):
        ber.read_tlv(bytes.fromhex("A1 09 06 07"), 0)
    with pytest.raises(DecodeError, match="indefinite"):
        ber.decode_length(b"\x80", 0)


def test_ber_bit_string_matches_acse_requirements() -> None:
    assert ber.encode_bit_string(1, 1) == bytes.fromhex("0780")
    assert ber.decode_bit_string(bytes.fromhex("0780")) == (1, 1)


def test_ber_integer() -> None:
    for value in (0, 1, 127, 128, -1, -129, 65535):
        assert ber.decode_integer(ber.encode_integer(value)) == value


def test_bit_string_forms() -> None:
    assert GXBitString(0b101, 3) == "101"
    assert GXBitString(b"\xa0", 3) == "101"
    assert GXBitString("101").toInteger() == 5
    assert GXBitString("1").to_bytes() == b"\x80"
    with pytest.raises(ConfigurationError):
        GXBitString("12")


def test_compact_array_simple_and_structure() -> None:
    raw = bytes.fromhex("13 12 02 DF 4C")
    value = decode(raw)
    assert isinstance(value, GXCompactArray) and value == [GXUInt16(57164)]
    assert encode(value) == raw
    desc = TypeDescription.structure(TypeDescription.simple(DataType.UINT32), TypeDescription.simple(DataType.BOOLEAN))
    value = GXCompactArray(desc, [GXStructure([GXUInt32(1), True]), GXStructure([GXUInt32(2), False])])
    raw = encode(value)
    assert raw.hex().upper() == "13020206030A00000001010000000200"
    assert decode(raw) == value


def test_compact_array_errors() -> None:
    with pytest.raises(DecodeError, match="long-unsigned"):
        decode(bytes.fromhex("13 12 03 DF 4C 01"))
    with pytest.raises(DecodeError, match="compact-array contents"):
        decode(bytes.fromhex("13 11 03 DF 4C"))
    with pytest.raises(DecodeError, match="zero size"):
        decode(bytes.fromhex("13 02 00 01 00"))


def test_byte_buffer_gurux_methods() -> None:
    assert GXByteBuffer.hex(b"\x01\x0a\xff") == "01 0A FF"
    assert GXByteBuffer.hex(b"\x01\x0a\xff", False) == "010AFF"
    assert GXByteBuffer.hexToBytes("01 0a FF") == bytearray(b"\x01\x0a\xff")
    buffer = GXByteBuffer()
    buffer.setUInt8(1)
    buffer.setUInt16(0x0203)
    buffer.setUInt32(0x04050607)
    buffer.set(b"\x08")
    assert str(buffer) == "01 02 03 04 05 06 07 08"
    assert (buffer.getUInt8(), buffer.getUInt16(), buffer.getUInt32()) == (1, 0x0203, 0x04050607)
    assert buffer.available() == 1 and buffer.position == 7 and buffer.size == 8
    with pytest.raises(DecodeError):
        buffer.getUInt16()
    assert GXByteBuffer("0102").array() == bytearray(b"\x01\x02")
