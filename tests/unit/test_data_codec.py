"""The A-XDR codec: every type, lengths, bounds and errors."""

from __future__ import annotations

import pytest

from gurux_dlms.data import (
    DataType,
    GXArray,
    GXBitString,
    GXDate,
    GXDateTime,
    GXEnum,
    GXFloat32,
    GXFloat64,
    GXInt8,
    GXInt16,
    GXInt32,
    GXInt64,
    GXStructure,
    GXTime,
    GXUInt8,
    GXUInt16,
    GXUInt32,
    GXUInt64,
    GXUtf8String,
    decode,
    decode_length,
    decode_value,
    encode,
    encode_length,
)
from gurux_dlms.errors import DecodeError, LocalProtocolError

CASES = [
    ("00", None, DataType.NONE),
    ("0301", True, DataType.BOOLEAN),
    ("0300", False, DataType.BOOLEAN),
    ("0F FF", GXInt8(-1), DataType.INT8),
    ("10 FF B3", GXInt16(-77), DataType.INT16),
    ("05 80 00 00 00", GXInt32(-(2**31)), DataType.INT32),
    ("14 FF FF FF FF FF FF FF FE", GXInt64(-2), DataType.INT64),
    ("11 FF", GXUInt8(255), DataType.UINT8),
    ("12 12 34", GXUInt16(0x1234), DataType.UINT16),
    ("06 FF FF FF FF", GXUInt32(2**32 - 1), DataType.UINT32),
    ("15 80 00 00 00 00 00 00 01", GXUInt64(2**63 + 1), DataType.UINT64),
    ("16 1E", GXEnum(30), DataType.ENUM),
    ("17 3F 80 00 00", GXFloat32(1.0), DataType.FLOAT32),
    ("18 40 09 21 FB 54 44 2D 18", GXFloat64(3.141592653589793), DataType.FLOAT64),
    ("09 03 01 02 03", bytearray(b"\x01\x02\x03"), DataType.OCTET_STRING),
    ("0A 04 54 45 53 54", "TEST", DataType.STRING),
    ("0C 03 E6 97 A5", GXUtf8String("日"), DataType.STRING_UTF8),
    ("04 03 A0", GXBitString("101"), DataType.BITSTRING),
    ("04 0A FF C0", GXBitString("1111111111"), DataType.BITSTRING),
    ("19 07 E8 0B 18 07 0A 1E 00 FF 80 00 00", GXDateTime.from_fields(2024, 11, 24, 7, 10, 30, 0, 0xFF, -0x8000, 0),
     DataType.DATETIME),
    ("1A 07 E8 0B 18 07", GXDate.from_bytes(bytes.fromhex("07E80B1807")), DataType.DATE),
    ("1B 0A 1E 00 FF", GXTime.from_bytes(bytes.fromhex("0A1E00FF")), DataType.TIME),
    ("02 02 0F FF 16 1E", GXStructure([GXInt8(-1), GXEnum(30)]), DataType.STRUCTURE),
    ("01 02 11 01 11 02", GXArray([GXUInt8(1), GXUInt8(2)]), DataType.ARRAY),
]


@pytest.mark.parametrize(("hex_", "value", "data_type"), CASES)
def test_decode_encode_every_type(hex_: str, value: object, data_type: DataType) -> None:
    raw = bytes.fromhex(hex_)
    decoded = decode(raw)
    assert decoded == value
    assert type(decoded) is type(value)
    assert encode(decoded) == raw
    assert encode(value, data_type) == raw


def test_plain_python_values_infer_types() -> None:
    assert encode(5) == bytes.fromhex("05 00000005")
    assert encode(2**40) == bytes.fromhex("14 0000010000000000")
    assert encode("AB") == bytes.fromhex("0A 02 4142")
    assert encode(b"\x01") == bytes.fromhex("09 01 01")
    assert encode([1, True]) == bytes.fromhex("01 02 05 00000001 03 01")
    assert encode(1.5) == bytes.fromhex("18 3FF8000000000000")
    assert encode(None) == b"\x00"


def test_explicit_type_converts_plain_values() -> None:
    assert encode(7, DataType.UINT16) == bytes.fromhex("12 0007")
    assert encode("258", DataType.UINT16) == bytes.fromhex("12 0102")
    assert encode("0x0102", DataType.UINT16) == bytes.fromhex("12 0102")
    assert encode(GXDateTime.from_fields(2024, 1, 2, 2, 3, 4, 5, 0, -60, 0), DataType.OCTET_STRING) == bytes.fromhex(
        "09 0C 07E8 01 02 02 03 04 05 00 FFC4 00")


@pytest.mark.parametrize("value", [256, -1])
def test_out_of_range_values_raise_local_error(value: int) -> None:
    with pytest.raises(LocalProtocolError, match="unsigned"):
        encode(value, DataType.UINT8)


@pytest.mark.parametrize("length", [0, 1, 0x7F, 0x80, 0xFF, 0x100, 0xFFFF, 0x10000, 0xFFFFFF, 0x1000000])
def test_lengths_of_every_size(length: int) -> None:
    out = bytearray()
    encode_length(out, length)
    assert len(out) == (1 if length < 0x80 else 2 if length < 0x100 else 3 if length < 0x10000
                        else 4 if length < 0x1000000 else 5)
    assert decode_length(bytes(out), 0) == (length, len(out))


def test_long_octet_string_uses_long_length() -> None:
    value = bytearray(range(256)) * 2
    raw = encode(value)
    assert raw[:4] == bytes.fromhex("09 82 02 00")
    assert decode(raw) == value


@pytest.mark.parametrize(
    ("hex_", "message"),
    [
        ("09 84 FF FF FF FF 00", "octet-string"),  # claims 4 GB
        ("01 84 FF FF FF FF 00", "array count"),
        ("02 05 11 01", "structure"),
        ("12 00", "long-unsigned"),
        ("09 85 00 00 00 00 01", "length"),
        ("FE", "data type"),
        ("", "data"),
        ("0C 02 C3 28", "utf8-string"),
        ("19 07 E8", "date-time"),
        ("04 10 FF", "bit-string"),
        ("11 01 02", "end of data"),
    ],
)
def test_malformed_data_raises_decode_error_with_offset(hex_: str, message: str) -> None:
    with pytest.raises(DecodeError, match=message) as info:
        decode(bytes.fromhex(hex_))
    assert info.value.offset is not None


def test_huge_length_fails_before_allocating() -> None:
    with pytest.raises(DecodeError) as info:
        decode(bytes.fromhex("09 84 FF FF FF FF"))
    assert "4294967295" in str(info.value)


def test_deep_nesting_is_an_error_not_a_crash() -> None:
    raw = bytes.fromhex("0201") * 5000 + b"\x00"
    with pytest.raises(DecodeError, match="nested"):
        decode(raw)


def test_moderate_nesting_round_trips() -> None:
    raw = bytes.fromhex("0201") * 200 + b"\x00"
    assert encode(decode(raw)) == raw


def test_decode_value_returns_next_position() -> None:
    raw = bytes.fromhex("11 05 12 00 06")
    first, pos = decode_value(raw, 0)
    second, end = decode_value(raw, pos)
    assert (first, pos, second, end) == (5, 2, 6, 5)


def test_float_nan_bits_survive() -> None:
    raw = bytes.fromhex("17 7F A0 00 01")  # a signalling NaN
    assert encode(decode(raw)) == raw


def test_boolean_reads_any_non_zero_as_true() -> None:
    assert decode(bytes.fromhex("03 FF")) is True
