"""The A-XDR codec of DLMS data (Blue Book 4.1.5, Green Book 9.5).

``decode_value(data, pos)`` reads one tagged value and returns ``(value, next_pos)``;
``encode(value, data_type)`` writes one.  Decoders are looked up in a 256-entry table by
tag, read with precompiled ``struct`` objects, and check every length against the bytes
that are really there before allocating anything.  Long arrays whose elements all share
one layout (profiles, object lists of one shape) are decoded by :mod:`.uniform` in one
``struct.iter_unpack`` pass.
"""

from __future__ import annotations

import gc
import struct
from collections.abc import Callable, Mapping
from typing import Any

from ..errors import DecodeError, LocalProtocolError
from .compact import TypeDescription
from .datetime import GXDate, GXDateTime, GXTime
from .types import (
    INT_TYPES,
    DataType,
    GXArray,
    GXBitString,
    GXFloat32,
    GXFloat64,
    GXStructure,
    GXTypedFloat,
    GXUtf8String,
)

Decoder = Callable[[bytes, int], "tuple[Any, int]"]

#: Human names of the types, as the Blue Book writes them (used in error messages).
TYPE_NAMES: dict[int, str] = {
    0: "null-data", 1: "array", 2: "structure", 3: "boolean", 4: "bit-string", 5: "double-long",
    6: "double-long-unsigned", 9: "octet-string", 10: "visible-string", 12: "utf8-string", 13: "bcd",
    15: "integer", 16: "long", 17: "unsigned", 18: "long-unsigned", 19: "compact-array", 20: "long64",
    21: "long64-unsigned", 22: "enum", 23: "float32", 24: "float64", 25: "date-time", 26: "date", 27: "time",
    28: "delta-integer", 29: "delta-long", 30: "delta-double-long", 31: "delta-unsigned",
    32: "delta-long-unsigned", 33: "delta-double-long-unsigned",
}

# struct format and wrapper class of every fixed-size integer/float type
FIXED_FORMATS: dict[DataType, str] = {
    DataType.INT8: "b", DataType.INT16: "h", DataType.INT32: "i", DataType.INT64: "q",
    DataType.UINT8: "B", DataType.UINT16: "H", DataType.UINT32: "I", DataType.UINT64: "Q",
    DataType.ENUM: "B", DataType.BCD: "B", DataType.BOOLEAN: "B",
    DataType.DELTA_INT8: "b", DataType.DELTA_INT16: "h", DataType.DELTA_INT32: "i",
    DataType.DELTA_UINT8: "B", DataType.DELTA_UINT16: "H", DataType.DELTA_UINT32: "I",
    DataType.FLOAT32: "f", DataType.FLOAT64: "d",
}
_STRUCTS = {t: struct.Struct(">" + f) for t, f in FIXED_FORMATS.items()}
_U16 = struct.Struct(">H")

MAX_LENGTH_BYTES = 4


# --- lengths -----------------------------------------------------------------------------
def decode_length(data: bytes, pos: int) -> tuple[int, int]:
    """Read an A-XDR length (one byte below 0x80, else 0x8N and N big-endian bytes)."""
    try:
        first = data[pos]
    except IndexError:
        raise DecodeError("length", where=pos, expected="a length byte", found="end of data") from None
    if first < 0x80:
        return first, pos + 1
    size = first & 0x7F
    if not 0 < size <= MAX_LENGTH_BYTES:
        raise DecodeError("length", where=pos, expected="0x81..0x84 for a long length", found=f"0x{first:02X}")
    end = pos + 1 + size
    if end > len(data):
        raise DecodeError("length", where=pos, expected=f"{size} length bytes", found=f"{len(data) - pos - 1}")
    return int.from_bytes(data[pos + 1 : end], "big"), end


def encode_length(out: bytearray, length: int) -> None:
    """Append an A-XDR length."""
    if length < 0x80:
        out.append(length)
    elif length < 0x100:
        out += b"\x81" + bytes((length,))
    elif length < 0x10000:
        out += b"\x82" + length.to_bytes(2, "big")
    elif length < 0x1000000:
        out += b"\x83" + length.to_bytes(3, "big")
    elif length < 0x100000000:
        out += b"\x84" + length.to_bytes(4, "big")
    else:
        raise LocalProtocolError("length", expected="below 2**32", found=length)


def _span(data: bytes, pos: int, what: str) -> tuple[int, int]:
    """Read a length and check that that many bytes follow; return (start, end)."""
    length, start = decode_length(data, pos)
    end = start + length
    if end > len(data):
        raise DecodeError(what, where=pos, expected=f"{length} bytes", found=f"{len(data) - start}")
    return start, end


def _truncated(tag: int, pos: int, data: bytes) -> DecodeError:
    return DecodeError(TYPE_NAMES.get(tag, f"type {tag}"), where=pos, expected="more data",
                       found=f"{len(data) - pos} bytes left")


# --- decoders (each gets the position just after the tag) ----------------------------------
def _fixed_decoder(data_type: DataType) -> Decoder:
    unpack = _STRUCTS[data_type].unpack_from
    size = _STRUCTS[data_type].size
    wrap = INT_TYPES.get(data_type)
    tag = int(data_type)
    if wrap is None:
        raise AssertionError(data_type)

    def decode(data: bytes, pos: int) -> tuple[Any, int]:
        try:
            return wrap(unpack(data, pos)[0]), pos + size
        except struct.error:
            raise _truncated(tag, pos, data) from None

    return decode


def _d_null(data: bytes, pos: int) -> tuple[Any, int]:
    return None, pos


def _d_boolean(data: bytes, pos: int) -> tuple[Any, int]:
    try:
        return data[pos] != 0, pos + 1
    except IndexError:
        raise _truncated(3, pos, data) from None


def _float_decoder(cls: type[GXTypedFloat], size: int) -> Decoder:
    unpack = struct.Struct(">f" if size == 4 else ">d").unpack_from
    tag = int(cls.dataType)

    def decode(data: bytes, pos: int) -> tuple[Any, int]:
        try:
            number = unpack(data, pos)[0]
        except struct.error:
            raise _truncated(tag, pos, data) from None
        value = cls(number)
        if number != number:  # NaN: keep the exact bits
            value.raw = bytes(data[pos : pos + size])
        return value, pos + size

    return decode


def _d_octet_string(data: bytes, pos: int) -> tuple[Any, int]:
    if pos < len(data) and data[pos] < 0x80 and pos + 1 + data[pos] <= len(data):  # a one-byte length
        end = pos + 1 + data[pos]
        return bytearray(data[pos + 1:end]), end
    start, end = _span(data, pos, "octet-string")
    return bytearray(data[start:end]), end


def _d_visible_string(data: bytes, pos: int) -> tuple[Any, int]:
    if pos < len(data) and data[pos] < 0x80 and pos + 1 + data[pos] <= len(data):  # a one-byte length
        end = pos + 1 + data[pos]
        return bytes(data[pos + 1:end]).decode("latin-1"), end
    start, end = _span(data, pos, "visible-string")
    return bytes(data[start:end]).decode("latin-1"), end


def _d_utf8_string(data: bytes, pos: int) -> tuple[Any, int]:
    start, end = _span(data, pos, "utf8-string")
    try:
        return GXUtf8String(bytes(data[start:end]).decode("utf-8")), end
    except UnicodeDecodeError as exc:
        raise DecodeError("utf8-string", where=start + exc.start, expected="UTF-8 text",
                          found=f"byte 0x{data[start + exc.start]:02X}") from None


def _d_bit_string(data: bytes, pos: int) -> tuple[Any, int]:
    bits, start = decode_length(data, pos)
    end = start + (bits + 7) // 8
    if end > len(data):
        raise DecodeError("bit-string", where=pos, expected=f"{(bits + 7) // 8} bytes", found=f"{len(data) - start}")
    return GXBitString.from_bytes(bytes(data[start:end]), bits), end


def _date_time_decoder(cls: type[GXDateTime], size: int) -> Decoder:
    tag = int(cls.dataType)

    def decode(data: bytes, pos: int) -> tuple[Any, int]:
        if pos + size > len(data):
            raise _truncated(tag, pos, data)
        return cls.from_bytes(data, pos), pos + size

    return decode


def _count(data: bytes, pos: int, what: str) -> tuple[int, int]:
    if pos < len(data) and data[pos] < 0x80 and data[pos] < len(data) - pos:  # a one-byte count that fits
        return data[pos], pos + 1
    count, start = decode_length(data, pos)
    if count > len(data) - start:  # every element takes at least one byte
        raise DecodeError(f"{what} count", where=pos, expected=f"at most {len(data) - start} elements",
                          found=count)
    return count, start


def _d_structure(data: bytes, pos: int) -> tuple[Any, int]:
    count, pos = _count(data, pos, "structure")
    return _read_items(data, pos, count, GXStructure(), 2)


def _read_items(data: bytes, pos: int, count: int, out: list[Any], container: int) -> tuple[Any, int]:
    """``count`` tagged values into ``out``; fixed-size integers are read here, without a call.

    ``container`` is the tag (structure or array) named when the data ends too early.
    """
    append = out.append
    decoders = DECODERS
    fixed_sizes = _FIXED
    tag = container
    try:
        for _ in range(count):
            tag = data[pos]
            fixed = fixed_sizes[tag]
            if fixed is None:
                value, pos = decoders[tag](data, pos + 1)
                append(value)
            else:
                unpack, size, wrap = fixed
                append(wrap(unpack(data, pos + 1)[0]))
                pos += 1 + size
    except IndexError:
        raise _truncated(container, pos, data) from None
    except struct.error:  # only the unpack above: the decoders convert their own
        raise _truncated(tag, pos + 1, data) from None
    return out, pos


def _d_array(data: bytes, pos: int) -> tuple[Any, int]:
    count, pos = _count(data, pos, "array")
    if count >= UNIFORM_MIN_COUNT:
        fast = decode_uniform(data, pos, count, GXArray)
        if fast is not None:
            return fast
    return _read_items(data, pos, count, GXArray(), 1)


def _d_compact_array(data: bytes, pos: int) -> tuple[Any, int]:
    from .compact_codec import decode_compact_array

    return decode_compact_array(data, pos)


def _unknown(tag: int) -> Decoder:
    def decode(data: bytes, pos: int) -> tuple[Any, int]:
        raise DecodeError("data type", where=pos - 1, expected="a DLMS data type tag", found=f"0x{tag:02X}")

    return decode


DECODERS: list[Decoder] = [_unknown(tag) for tag in range(256)]
for _type in INT_TYPES:
    DECODERS[_type] = _fixed_decoder(_type)
DECODERS[DataType.NONE] = _d_null
DECODERS[DataType.BOOLEAN] = _d_boolean
DECODERS[DataType.FLOAT32] = _float_decoder(GXFloat32, 4)
DECODERS[DataType.FLOAT64] = _float_decoder(GXFloat64, 8)
DECODERS[DataType.OCTET_STRING] = _d_octet_string
DECODERS[DataType.STRING] = _d_visible_string
DECODERS[DataType.STRING_UTF8] = _d_utf8_string
DECODERS[DataType.BITSTRING] = _d_bit_string
DECODERS[DataType.DATETIME] = _date_time_decoder(GXDateTime, 12)
DECODERS[DataType.DATE] = _date_time_decoder(GXDate, 5)
DECODERS[DataType.TIME] = _date_time_decoder(GXTime, 4)
DECODERS[DataType.STRUCTURE] = _d_structure
DECODERS[DataType.ARRAY] = _d_array
DECODERS[DataType.COMPACT_ARRAY] = _d_compact_array

from .uniform import UNIFORM_MIN_COUNT, decode_uniform  # noqa: E402 - needs DECODERS

#: Inputs at least this long are decoded with the cyclic garbage collector paused.
GC_PAUSE_BYTES = 8192


def decode_value(data: bytes, pos: int = 0) -> tuple[Any, int]:
    """Decode the tagged value at ``pos``; return it and the position after it.

    Large inputs create many small acyclic objects; the cyclic garbage collector would
    scan them over and over while they are being built (it doubles the time of a 10,000
    row profile), so it is paused while a large array or structure is decoded.
    """
    try:
        tag = data[pos]
    except IndexError:
        raise DecodeError("data", where=pos, expected="a data type tag", found="end of data") from None
    fixed = _FIXED[tag]
    if fixed is not None:  # an integer of fixed size, read here without a further call
        unpack, size, wrap = fixed
        try:
            return wrap(unpack(data, pos + 1)[0]), pos + 1 + size
        except struct.error:
            raise _truncated(tag, pos + 1, data) from None
    if tag not in _CONTAINERS:  # a scalar: no nesting, nothing to pause
        return DECODERS[tag](data, pos + 1)
    pause = len(data) - pos >= GC_PAUSE_BYTES and gc.isenabled()
    if pause:
        gc.disable()
    try:
        return DECODERS[tag](data, pos + 1)
    except RecursionError:
        raise DecodeError("data", where=pos, expected="nesting the interpreter can follow",
                          found="data nested too deeply") from None
    finally:
        if pause:
            gc.enable()


_CONTAINERS = frozenset((DataType.ARRAY, DataType.STRUCTURE, DataType.COMPACT_ARRAY))
#: (unpack, size, wrapper class) of the fixed-size integer types, indexed by tag.
_FIXED: list[tuple[Any, int, type] | None] = [None] * 256
for _type, _cls in INT_TYPES.items():
    _FIXED[_type] = (_STRUCTS[_type].unpack_from, _STRUCTS[_type].size, _cls)


def decode_table(data: bytes, pos: int, columns: Mapping[int, DataType]) -> tuple[Any, int]:
    """Decode a tagged value that is a table (an array of structures, e.g. a profile buffer).

    The octet strings of the structure members named in ``columns`` (member index to
    DATETIME, DATE or TIME) become date-time values, as the capture objects of a profile
    say they are.  Any other value decodes as :func:`decode_value` would.
    """
    if pos < len(data) and data[pos] == DataType.ARRAY:
        count, start = _count(data, pos + 1, "array")
        pause = count >= 256 and gc.isenabled()
        if pause:
            gc.disable()
        try:
            fast = decode_uniform(data, start, count, GXArray, columns) if count >= 2 else None
            if fast is not None:
                return fast
            rows, end = _d_array(data, pos + 1)
            for row in rows:
                if isinstance(row, list):
                    for index, data_type in columns.items():
                        if index < len(row) and isinstance(row[index], (bytes, bytearray)):
                            row[index] = typed(row[index], data_type)
            return rows, end
        finally:
            if pause:
                gc.enable()
    return decode_value(data, pos)


def decode(data: bytes | bytearray | memoryview, pos: int = 0) -> Any:
    """Decode exactly one tagged value filling ``data`` from ``pos`` to the end."""
    if not isinstance(data, bytes):
        data = bytes(data)
    value, end = decode_value(data, pos)
    if end != len(data):
        raise DecodeError("data", where=end, expected="end of data", found=f"{len(data) - end} more bytes")
    return value


# The encoders live in .encoding; they are part of this module's API.
from .encoding import ENCODERS, VALUE_CLASSES, encode, encode_into, infer_type, typed  # noqa: E402

__all__ = [
    "DECODERS",
    "ENCODERS",
    "TYPE_NAMES",
    "VALUE_CLASSES",
    "TypeDescription",
    "decode",
    "decode_length",
    "decode_table",
    "decode_value",
    "encode",
    "encode_into",
    "encode_length",
    "infer_type",
    "typed",
]
