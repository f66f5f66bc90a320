"""BER helpers (ITU-T X.690) for the ACSE layer: tags, lengths, TLVs, OIDs, bit strings.

The AARQ/AARE/RLRQ/RLRE APDUs are BER encoded, unlike the A-XDR xDLMS APDUs.  These
helpers read and write the few BER constructs they use, strictly: a length that claims
more than is there raises :class:`DecodeError` with the offset.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

from ..errors import DecodeError, LocalProtocolError

# tag classes (bits 8-7 of the identifier octet)
UNIVERSAL = 0x00
APPLICATION = 0x40
CONTEXT = 0x80
PRIVATE = 0xC0
CONSTRUCTED = 0x20

# universal tags used by DLMS
BOOLEAN = 0x01
INTEGER = 0x02
BIT_STRING = 0x03
OCTET_STRING = 0x04
OBJECT_IDENTIFIER = 0x06
GRAPHIC_STRING = 0x19


class BerType(IntEnum):
    """BER identifier values (X.690): universal tag numbers, tag classes and the constructed bit.

    Gurux's ``BerType``; a tag is a class (or 0) OR-ed with CONSTRUCTED (or 0) and a number.
    """

    EOC = 0x00
    BOOLEAN = 0x01
    INTEGER = 0x02
    BIT_STRING = 0x03
    OCTET_STRING = 0x04
    NULL = 0x05
    OBJECT_IDENTIFIER = 0x06
    OBJECT_DESCRIPTOR = 0x07
    EXTERNAL = 0x08
    REAL = 0x09
    ENUMERATED = 0x0A
    UTF8_STRING = 0x0C
    SEQUENCE = 0x10
    SET = 0x11
    NUMERIC_STRING = 0x12
    PRINTABLE_STRING = 0x13
    TELETEX_STRING = 0x14
    VIDEOTEX_STRING = 0x15
    IA5_STRING = 0x16
    UTC_TIME = 0x17
    GENERALIZED_TIME = 0x18
    GRAPHIC_STRING = 0x19
    VISIBLE_STRING = 0x1A
    GENERAL_STRING = 0x1B
    UNIVERSAL_STRING = 0x1C
    BMP_STRING = 0x1E
    CONSTRUCTED = 0x20
    APPLICATION = 0x40
    CONTEXT = 0x80
    PRIVATE = 0xC0


@dataclass(slots=True)
class Tlv:
    """One BER element: identifier (class|constructed|number as read), value span.

    Not frozen: one is made for every element read, and a frozen dataclass costs three
    times as much to construct.
    """

    tag: int
    start: int  # offset of the identifier
    value_start: int
    end: int  # offset after the value

    def value(self, data: bytes) -> bytes:
        return bytes(data[self.value_start : self.end])


def decode_tag(data: bytes, pos: int) -> tuple[int, int]:
    """Read an identifier; the tag is its octets as one big-endian number (``5F 1F`` is 0x5F1F)."""
    try:
        first = data[pos]
    except IndexError:
        raise DecodeError("BER tag", where=pos, expected="an identifier octet", found="end of data") from None
    if first & 0x1F != 0x1F:
        return first, pos + 1
    at = pos + 1
    while True:
        try:
            byte = data[at]
        except IndexError:
            raise DecodeError("BER tag", where=at, expected="more tag octets", found="end of data") from None
        at += 1
        if not byte & 0x80:
            break
        if at - pos > 4:
            raise DecodeError("BER tag", where=pos, expected="at most 4 identifier octets", found="a longer tag")
    return int.from_bytes(data[pos:at], "big"), at


def encode_tag(out: bytearray, tag: int) -> None:
    """Append an identifier as returned by :func:`decode_tag`."""
    if 0 <= tag < 0x100:
        out.append(tag)
        return
    out += tag.to_bytes(max(1, (tag.bit_length() + 7) // 8), "big")


def decode_length(data: bytes, pos: int) -> tuple[int, int]:
    """Read a definite BER length (short form, or 0x8N and N bytes)."""
    try:
        first = data[pos]
    except IndexError:
        raise DecodeError("BER length", where=pos, expected="a length octet", found="end of data") from None
    if first < 0x80:
        return first, pos + 1
    size = first & 0x7F
    if size == 0:
        raise DecodeError("BER length", where=pos, expected="a definite length", found="the indefinite form 0x80")
    if size > 4 or pos + 1 + size > len(data):
        raise DecodeError("BER length", where=pos, expected=f"{size} length octets (at most 4)",
                          found=f"{len(data) - pos - 1} octets")
    return int.from_bytes(data[pos + 1 : pos + 1 + size], "big"), pos + 1 + size


def encode_length(out: bytearray, length: int) -> None:
    """Append a definite BER length in its shortest form."""
    if length < 0x80:
        out.append(length)
        return
    size = (length.bit_length() + 7) // 8
    if size > 4:
        raise LocalProtocolError("BER length", expected="below 2**32", found=length)
    out.append(0x80 | size)
    out += length.to_bytes(size, "big")


def read_tlv(data: bytes, pos: int, end: int | None = None) -> Tlv:
    """Read one element at ``pos``, checking that its value fits before ``end``."""
    limit = len(data) if end is None else end
    if pos + 1 < limit:  # the usual element: one identifier octet, a short-form length
        tag = data[pos]
        length = data[pos + 1]
        if tag & 0x1F != 0x1F and length < 0x80 and pos + 2 + length <= limit:
            return Tlv(tag, pos, pos + 2, pos + 2 + length)
    tag, at = decode_tag(data, pos)
    length, value_start = decode_length(data, at)
    value_end = value_start + length
    if value_end > limit:
        raise DecodeError("BER element", where=pos, expected=f"{length} value bytes",
                          found=f"{limit - value_start} left")
    return Tlv(tag, pos, value_start, value_end)


def iter_tlvs(data: bytes, pos: int, end: int) -> list[Tlv]:
    """All elements between ``pos`` and ``end``."""
    items = []
    while pos < end:
        item = read_tlv(data, pos, end)
        items.append(item)
        pos = item.end
    return items


def write_tlv(out: bytearray, tag: int, value: bytes | bytearray) -> None:
    """Append tag, length and value."""
    if 0 <= tag < 0x100 and len(value) < 0x80:  # one identifier octet, a short-form length
        out.append(tag)
        out.append(len(value))
        out += value
        return
    encode_tag(out, tag)
    encode_length(out, len(value))
    out += value


# --- object identifiers -------------------------------------------------------------------
def encode_oid(arcs: tuple[int, ...] | list[int]) -> bytes:
    """Content octets of an OBJECT IDENTIFIER (e.g. (2, 16, 756, 5, 8, 1, 1))."""
    if len(arcs) < 2 or arcs[0] > 2 or (arcs[0] < 2 and arcs[1] > 39):
        raise LocalProtocolError("object identifier", expected="at least two valid arcs", found=str(arcs))
    out = bytearray()
    for number in (arcs[0] * 40 + arcs[1], *arcs[2:]):
        if number < 0:
            raise LocalProtocolError("object identifier arc", expected="a non-negative number", found=number)
        groups = [number & 0x7F]
        number >>= 7
        while number:
            groups.append((number & 0x7F) | 0x80)
            number >>= 7
        out += bytes(reversed(groups))
    return bytes(out)


def decode_oid(value: bytes) -> tuple[int, ...]:
    """Arcs of an OBJECT IDENTIFIER from its content octets."""
    if not value or value[-1] & 0x80:
        raise DecodeError("object identifier", expected="complete sub-identifiers", found=value.hex(" ").upper())
    numbers: list[int] = []
    number = 0
    for byte in value:
        number = (number << 7) | (byte & 0x7F)
        if not byte & 0x80:
            numbers.append(number)
            number = 0
    first = numbers[0]
    head = (0, first) if first < 40 else (1, first - 40) if first < 80 else (2, first - 80)
    return (*head, *numbers[1:])


# --- bit strings ------------------------------------------------------------------------------
def encode_bit_string(bits: int, count: int) -> bytes:
    """Content octets of a BIT STRING of ``count`` bits; ``bits`` has bit 0 as the first bit."""
    size = (count + 7) // 8
    unused = size * 8 - count
    value = 0
    for index in range(count):
        if bits >> index & 1:
            value |= 1 << (size * 8 - 1 - index)
    return bytes((unused,)) + value.to_bytes(size, "big")


def decode_bit_string(value: bytes) -> tuple[int, int]:
    """(bits with bit 0 as the first bit, number of bits) of a BIT STRING's content octets."""
    if not value or value[0] > 7 or (len(value) == 1 and value[0]):
        raise DecodeError("bit string", expected="an unused-bits octet 0..7", found=bytes(value).hex(" ").upper())
    unused = value[0]
    count = (len(value) - 1) * 8 - unused
    whole = int.from_bytes(value[1:], "big")
    size = (len(value) - 1) * 8
    bits = 0
    for index in range(count):
        if whole >> (size - 1 - index) & 1:
            bits |= 1 << index
    return bits, count


def encode_integer(value: int) -> bytes:
    """Content octets of an INTEGER (two's complement, minimal)."""
    size = max(1, (value + (value < 0)).bit_length() // 8 + 1)
    return value.to_bytes(size, "big", signed=True)


def decode_integer(value: bytes) -> int:
    """An INTEGER from its content octets."""
    if not value:
        raise DecodeError("integer", expected="at least one octet", found="none")
    return int.from_bytes(value, "big", signed=True)


__all__ = [
    "APPLICATION",
    "BerType",
    "BIT_STRING",
    "CONSTRUCTED",
    "CONTEXT",
    "GRAPHIC_STRING",
    "INTEGER",
    "OBJECT_IDENTIFIER",
    "OCTET_STRING",
    "PRIVATE",
    "UNIVERSAL",
    "Tlv",
    "decode_bit_string",
    "decode_integer",
    "decode_length",
    "decode_oid",
    "decode_tag",
    "encode_bit_string",
    "encode_integer",
    "encode_length",
    "encode_oid",
    "iter_tlvs",
    "read_tlv",
    "write_tlv",
]
