"""Hypothesis: the short ways of the one decoder and encoder give what the general ways give.

BER elements with a one-octet identifier and a short length, ACSE elements in their usual
form, one-byte A-XDR lengths and fixed-size integers inside structures are read without
the general machinery; values whose class alone decides their type are encoded without
``infer_type``.  Each short way must return exactly what the general one returns, and
leave everything else (errors included) to it.
"""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from strategies import values

from gurux_dlms.apdu import acse, acse_fields
from gurux_dlms.data import ber
from gurux_dlms.data.codec import decode_length, decode_value
from gurux_dlms.data.encoding import _CLASS_TYPES, encode, infer_type
from gurux_dlms.errors import DecodeError


def _general_read_tlv(data: bytes, pos: int, end: int) -> ber.Tlv:
    """read_tlv without its short way (what it did before it had one)."""
    tag, at = ber.decode_tag(data, pos)
    length, value_start = ber.decode_length(data, at)
    if value_start + length > end:
        raise DecodeError("BER element", where=pos, expected=f"{length} value bytes",
                          found=f"{end - value_start} left")
    return ber.Tlv(tag, pos, value_start, value_start + length)


def _outcome(function: Any, *args: Any) -> Any:
    try:
        return ("ok", function(*args))
    except DecodeError as exc:
        return ("error", str(exc))


@given(st.binary(max_size=12), st.integers(0, 12), st.integers(0, 14))
def test_read_tlv_reads_as_the_general_way(data: bytes, pos: int, end: int) -> None:
    end = min(end, len(data))
    assert _outcome(ber.read_tlv, data, pos, end) == _outcome(_general_read_tlv, data, pos, end)


_FAST_FIELDS = [(name, field) for name, fields in (("AARQ", acse._AARQ_FIELDS), ("AARE", acse._AARE_FIELDS),
                                                   ("RLRQ", acse._RLRQ_FIELDS), ("RLRE", acse._RLRE_FIELDS))
                for field in fields if field.fast is not None]
#: contents close to the usual ones (an OID of the context names, a one-octet INTEGER, a
#: diagnostic, an initiate) with a byte changed here and there
_USUAL = [bytes.fromhex(h) for h in ("060760857405080101", "06076085740508020a", "0201 00", "020100", "a1030201 0e",
                                     "a203020102", "040e01000000065f1f0400007e1fffff", "040608000650", "00", "07",
                                     "60857405080202", "0203000100")]


@given(st.sampled_from(_FAST_FIELDS),
       st.sampled_from(_USUAL) | st.binary(max_size=18),
       st.lists(st.tuples(st.integers(0, 40), st.integers(0, 255)), max_size=2))
def test_acse_fast_readers_read_as_the_general_readers(named: Any, content: bytes, changes: Any) -> None:
    _, field = named
    mutable = bytearray(content)
    for at, byte in changes:
        if mutable:
            mutable[at % len(mutable)] = byte
    data = bytes((field.tag & 0xFF, len(mutable))) + bytes(mutable) if len(mutable) < 0x80 else b""
    if not data:
        return
    found = _outcome(field.fast, data, 2, len(data))
    if found == ("ok", None):
        return  # the general reader decides
    assert found == _outcome(field.read, data, ber.Tlv(field.tag, 0, 2, len(data)))


@given(st.binary(min_size=1, max_size=3))
def test_read_bits_reads_as_the_general_way(content: bytes) -> None:
    def general(content: bytes) -> str:
        bits, count = ber.decode_bit_string(content)
        if ber.encode_bit_string(bits, count) != content:
            raise DecodeError("bits", expected="zero unused bits")
        return "".join("1" if bits >> index & 1 else "0" for index in range(count))

    try:
        expected = ("ok", general(content))
    except DecodeError:
        expected = ("error",)
    try:
        found = ("ok", acse_fields.read_bits(content, 0, "bits"))
    except DecodeError:
        found = ("error",)
    assert found == expected


@given(values(10))
def test_values_are_encoded_with_the_type_infer_type_gives(value: Any) -> None:
    data_type = _CLASS_TYPES.get(value.__class__)
    if data_type is not None:
        assert data_type == infer_type(value)
    assert encode(value) == encode(value, infer_type(value))


@given(st.binary(max_size=24))
def test_structures_of_truncated_or_odd_data_fail_as_their_elements_do(tail: bytes) -> None:
    """A structure of one element fails exactly as that element alone fails (same text, same offset)."""
    alone = _outcome(decode_value, tail, 0)
    inside = _outcome(decode_value, b"\x02\x01" + tail, 0)
    if alone[0] == "ok":
        value, end = alone[1]
        assert inside[0] == "ok" and list(inside[1][0]) == [value] and inside[1][1] == end + 2
    elif not tail:
        assert inside[0] == "error"
    else:
        assert inside[0] == "error"
        assert inside[1] == alone[1].replace(f"offset {_offset(alone[1])}", f"offset {_offset(alone[1]) + 2}")


def _offset(text: str) -> int:
    return int(text.split("offset ")[1].split(":")[0].split(" ")[0]) if "offset " in text else -1


@given(st.binary(max_size=6), st.integers(0, 6))
def test_one_byte_lengths_read_as_decode_length(data: bytes, pos: int) -> None:
    octets = _outcome(decode_value, b"\x09" + data, 0)
    length = _outcome(decode_length, data, 0)
    if length[0] == "ok" and octets[0] == "ok":
        size, start = length[1]
        assert octets[1] == (bytearray(data[start:start + size]), 1 + start + size)
