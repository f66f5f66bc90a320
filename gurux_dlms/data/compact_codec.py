"""Encoding and decoding of compact arrays (A-XDR tag 19).

Wire form: ``13 <type-description> <length> <contents>`` where the type description is a
type tag, or ``01 <u16 count> <description>`` for an array, or ``02 <count> <descriptions>``
for a structure, and the contents are the elements encoded without type tags (variable
length types keep their length prefix) until the contents are used up.
"""

from __future__ import annotations

from typing import Any

from ..errors import DecodeError, LocalProtocolError
from .codec import DECODERS, ENCODERS, _span, decode_length, encode_length
from .compact import GXCompactArray, TypeDescription
from .types import DataType, GXArray, GXStructure

_MAX_DEPTH = 64


def read_description(data: bytes, pos: int, depth: int = 0) -> tuple[TypeDescription, int]:
    """Read a type description at ``pos``."""
    if depth > _MAX_DEPTH:
        raise DecodeError("compact-array type description", where=pos, expected=f"at most {_MAX_DEPTH} levels",
                          found="deeper nesting")
    try:
        tag = data[pos]
    except IndexError:
        raise DecodeError("compact-array type description", where=pos, expected="a type tag",
                          found="end of data") from None
    pos += 1
    if tag == DataType.ARRAY:
        if pos + 2 > len(data):
            raise DecodeError("compact-array element count", where=pos, expected="2 bytes", found="end of data")
        count = int.from_bytes(data[pos : pos + 2], "big")
        element, pos = read_description(data, pos + 2, depth + 1)
        return TypeDescription.array(count, element), pos
    if tag == DataType.STRUCTURE:
        count, pos = decode_length(data, pos)
        if count > len(data) - pos:
            raise DecodeError("compact-array structure description", where=pos,
                              expected=f"at most {len(data) - pos} members", found=count)
        members = []
        for _ in range(count):
            member, pos = read_description(data, pos, depth + 1)
            members.append(member)
        return TypeDescription.structure(*members), pos
    try:
        data_type = DataType(tag)
    except ValueError:
        raise DecodeError("compact-array type description", where=pos - 1, expected="a DLMS data type",
                          found=f"0x{tag:02X}") from None
    if data_type in (DataType.COMPACT_ARRAY, DataType.NONE):
        raise DecodeError("compact-array type description", where=pos - 1, expected="a storable type",
                          found=data_type.name)
    return TypeDescription.simple(data_type), pos


def write_description(out: bytearray, description: TypeDescription) -> None:
    """Append a type description."""
    out.append(description.data_type)
    if description.data_type == DataType.ARRAY:
        out += description.count.to_bytes(2, "big")
        write_description(out, description.members[0])
    elif description.data_type == DataType.STRUCTURE:
        encode_length(out, len(description.members))
        for member in description.members:
            write_description(out, member)


def _read_untagged(description: TypeDescription, data: bytes, pos: int) -> tuple[Any, int]:
    kind = description.data_type
    if kind == DataType.ARRAY:
        element = description.members[0]
        array = GXArray()
        for _ in range(description.count):
            value, pos = _read_untagged(element, data, pos)
            array.append(value)
        return array, pos
    if kind == DataType.STRUCTURE:
        structure = GXStructure()
        for member in description.members:
            value, pos = _read_untagged(member, data, pos)
            structure.append(value)
        return structure, pos
    return DECODERS[kind](data, pos)


def decode_compact_array(data: bytes, pos: int) -> tuple[GXCompactArray, int]:
    """Decode a compact array whose tag was just before ``pos``."""
    description, pos = read_description(data, pos)
    start, end = _span(data, pos, "compact-array contents")
    body = bytes(data[:end])
    values: list[Any] = []
    at = start
    while at < end:
        before = at
        value, at = _read_untagged(description, body, at)
        if at == before:
            raise DecodeError("compact-array contents", where=at, expected="elements of at least one byte",
                              found="an element description of zero size")
        values.append(value)
    if at != end:
        raise DecodeError("compact-array contents", where=at, expected=f"elements filling {end - start} bytes",
                          found=f"{at - start} bytes used")
    return GXCompactArray(description, values), end


def _write_untagged(out: bytearray, description: TypeDescription, value: Any) -> None:
    kind = description.data_type
    if kind in (DataType.ARRAY, DataType.STRUCTURE):
        members = description.members * description.count if kind == DataType.ARRAY else description.members
        if len(value) != len(members):
            raise LocalProtocolError("compact-array element", expected=f"{len(members)} members", found=len(value))
        for member, item in zip(members, value):
            _write_untagged(out, member, item)
        return
    ENCODERS[kind](out, value)


def encode_compact_array(out: bytearray, value: Any) -> None:
    """Append description, length and contents of a :class:`GXCompactArray` (tag already written)."""
    description = getattr(value, "description", None)
    if not isinstance(description, TypeDescription):
        raise LocalProtocolError("compact array", expected="a GXCompactArray with a description",
                                 found=type(value).__name__)
    write_description(out, description)
    contents = bytearray()
    for item in value:
        _write_untagged(contents, description, item)
    encode_length(out, len(contents))
    out += contents


__all__ = ["decode_compact_array", "encode_compact_array", "read_description", "write_description"]
