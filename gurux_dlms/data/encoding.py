"""Encoding of DLMS values into A-XDR (the writing half of :mod:`.codec`).

``encode(value, data_type)`` writes one tagged value; without a type, the value's own
(:func:`infer_type`: a typed value knows it, plain Python values get the natural one).
Encoders live in a table by tag; ``typed()`` turns a plain value into the typed value of a
data type (what attribute descriptors do before encoding).
"""

from __future__ import annotations

import math
import struct
from collections.abc import Callable
from datetime import date as _date
from datetime import datetime
from datetime import time as _time
from typing import Any

from ..errors import LocalProtocolError
from .codec import _STRUCTS, TYPE_NAMES, encode_length
from .compact import GXCompactArray
from .datetime import GXDate, GXDateTime, GXTime
from .types import (
    INT_TYPES,
    DataType,
    GXArray,
    GXBitString,
    GXEnum,
    GXFloat32,
    GXFloat64,
    GXInt8,
    GXInt16,
    GXInt32,
    GXInt64,
    GXStructure,
    GXUInt8,
    GXUInt16,
    GXUInt32,
    GXUInt64,
    GXUtf8String,
)


def infer_type(value: Any) -> DataType:
    """The DLMS type a Python value encodes as when no type is given."""
    data_type = getattr(value, "dataType", None)
    if data_type is not None:
        return data_type if data_type.__class__ is DataType else DataType(data_type)
    if value is None:
        return DataType.NONE
    if isinstance(value, bool):
        return DataType.BOOLEAN
    if isinstance(value, int):
        if -0x80000000 <= value <= 0x7FFFFFFF:
            return DataType.INT32
        if -(1 << 63) <= value < (1 << 63):
            return DataType.INT64
        return DataType.UINT64
    if isinstance(value, float):
        return DataType.FLOAT64
    if isinstance(value, str):
        return DataType.STRING
    if isinstance(value, (bytes, bytearray, memoryview)):
        return DataType.OCTET_STRING
    if isinstance(value, (datetime, _date, _time)):
        return DataType.DATETIME if isinstance(value, datetime) else (
            DataType.DATE if isinstance(value, _date) else DataType.TIME)
    if isinstance(value, (list, tuple)):
        return DataType.ARRAY
    raise LocalProtocolError("value", expected="a value with a DLMS type", found=type(value).__name__)


def encode(value: Any, data_type: DataType | int | None = None) -> bytes:
    """Encode one value with its type tag (``data_type`` None: inferred from the value)."""
    out = bytearray()
    encode_into(out, value, data_type)
    return bytes(out)


def encode_into(out: bytearray, value: Any, data_type: DataType | int | None = None) -> None:
    """Append the tagged encoding of ``value`` to ``out``."""
    if data_type is None:
        data_type = _CLASS_TYPES.get(value.__class__)  # the type of most values, by their class alone
        if data_type is None:
            data_type = infer_type(value)
    elif data_type == DataType.NONE and value is not None:
        data_type = infer_type(value)
    try:
        encoder = ENCODERS[data_type]
    except KeyError:
        raise LocalProtocolError("data type", expected="a DLMS data type", found=data_type) from None
    out.append(data_type)
    encoder(out, value)


def _fixed_encoder(data_type: DataType) -> Callable[[bytearray, Any], None]:
    pack = _STRUCTS[data_type].pack
    name = TYPE_NAMES[data_type]

    def encode_(out: bytearray, value: Any) -> None:
        try:
            out += pack(value)
        except (struct.error, TypeError):
            try:
                out += pack(_as_int(value))
            except (struct.error, TypeError, ValueError):
                raise LocalProtocolError(f"{name} value", expected="a number in range", found=repr(value)) from None

    return encode_


def _as_int(value: Any) -> int:
    if isinstance(value, (bytes, bytearray)) and len(value) <= 8:
        return int.from_bytes(value, "big")
    if isinstance(value, str):
        text = value.strip()
        return int(text, 16) if text[:2] in ("0x", "0X") else int(text)
    return int(value)


def _e_null(out: bytearray, value: Any) -> None:
    return None


def _e_boolean(out: bytearray, value: Any) -> None:
    if isinstance(value, str):
        value = value.strip().lower() in ("1", "true")
    out.append(1 if value else 0)


def _float_encoder(fmt: str) -> Callable[[bytearray, Any], None]:
    pack = struct.Struct(fmt).pack
    size = struct.calcsize(fmt)

    def encode_(out: bytearray, value: Any) -> None:
        raw = getattr(value, "raw", None)
        if raw is not None and len(raw) == size and math.isnan(value):
            out += raw
            return
        try:
            out += pack(float(value))
        except (TypeError, ValueError, OverflowError, struct.error):
            raise LocalProtocolError("float value", expected="a number", found=repr(value)) from None

    return encode_


def _as_bytes(value: Any) -> bytes:
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value)
    if isinstance(value, GXDateTime):
        return value.to_bytes()
    if isinstance(value, (datetime, _date, _time)):
        return _to_datetime_value(value).to_bytes()
    if isinstance(value, str):
        return value.encode("utf-8")
    if isinstance(value, int):
        return bytes((value,)) if 0 <= value < 256 else value.to_bytes((value.bit_length() + 7) // 8, "big")
    if isinstance(value, (list, tuple)):
        return bytes(value)
    raise LocalProtocolError("octet-string value", expected="bytes", found=type(value).__name__)


def _e_octet_string(out: bytearray, value: Any) -> None:
    raw = _as_bytes(value)
    encode_length(out, len(raw))
    out += raw


def _e_visible_string(out: bytearray, value: Any) -> None:
    raw = value if isinstance(value, (bytes, bytearray)) else str(value).encode("latin-1", "replace")
    encode_length(out, len(raw))
    out += raw


def _e_utf8_string(out: bytearray, value: Any) -> None:
    raw = value if isinstance(value, (bytes, bytearray)) else str(value).encode("utf-8")
    encode_length(out, len(raw))
    out += raw


def _e_bit_string(out: bytearray, value: Any) -> None:
    bits = value if isinstance(value, GXBitString) else GXBitString(value)
    encode_length(out, len(bits))
    out += bits.to_bytes()


def _to_datetime_value(value: Any, cls: type[GXDateTime] = GXDateTime) -> GXDateTime:
    if isinstance(value, cls):
        return value
    if isinstance(value, GXDateTime):
        return cls.from_raw(value.raw)
    if isinstance(value, (bytes, bytearray, memoryview)):
        return cls.from_bytes(bytes(value))
    return cls(value)


def _date_time_encoder(cls: type[GXDateTime]) -> Callable[[bytearray, Any], None]:
    def encode_(out: bytearray, value: Any) -> None:
        out += _to_datetime_value(value, cls).to_bytes()

    return encode_


def _e_structure(out: bytearray, value: Any) -> None:
    encode_length(out, len(value))
    for item in value:
        encode_into(out, item)


def _e_array(out: bytearray, value: Any) -> None:
    encode_length(out, len(value))
    for item in value:
        encode_into(out, item)


def _e_compact_array(out: bytearray, value: Any) -> None:
    from .compact_codec import encode_compact_array

    encode_compact_array(out, value)


ENCODERS: dict[int, Callable[[bytearray, Any], None]] = {t: _fixed_encoder(t) for t in INT_TYPES}
ENCODERS.update({
    DataType.NONE: _e_null,
    DataType.BOOLEAN: _e_boolean,
    DataType.FLOAT32: _float_encoder(">f"),
    DataType.FLOAT64: _float_encoder(">d"),
    DataType.OCTET_STRING: _e_octet_string,
    DataType.STRING: _e_visible_string,
    DataType.STRING_UTF8: _e_utf8_string,
    DataType.BITSTRING: _e_bit_string,
    DataType.DATETIME: _date_time_encoder(GXDateTime),
    DataType.DATE: _date_time_encoder(GXDate),
    DataType.TIME: _date_time_encoder(GXTime),
    DataType.STRUCTURE: _e_structure,
    DataType.ARRAY: _e_array,
    DataType.COMPACT_ARRAY: _e_compact_array,
})



def _class_types() -> dict[type, DataType]:
    """What :func:`infer_type` says for every value of a class, for the classes where the
    class alone decides: a few builtins, and the typed classes whose instances have no
    ``__dict__`` (so no instance can carry a ``dataType`` of its own)."""
    table: dict[type, DataType] = {type(None): DataType.NONE, bool: DataType.BOOLEAN, bytes: DataType.OCTET_STRING,
                                   bytearray: DataType.OCTET_STRING, str: DataType.STRING}
    typed_classes: tuple[Any, ...] = (*INT_TYPES.values(), GXUtf8String, GXBitString, GXStructure, GXArray)
    for cls in typed_classes:
        if cls.__dictoffset__ == 0:
            table[cls] = cls.dataType
    return table


_CLASS_TYPES = _class_types()

#: Python class of the value each data type decodes to (for conversions by descriptor).
VALUE_CLASSES: dict[DataType, type] = {
    DataType.INT8: GXInt8, DataType.INT16: GXInt16, DataType.INT32: GXInt32, DataType.INT64: GXInt64,
    DataType.UINT8: GXUInt8, DataType.UINT16: GXUInt16, DataType.UINT32: GXUInt32, DataType.UINT64: GXUInt64,
    DataType.ENUM: GXEnum, DataType.FLOAT32: GXFloat32, DataType.FLOAT64: GXFloat64,
    DataType.STRUCTURE: GXStructure, DataType.ARRAY: GXArray, DataType.BITSTRING: GXBitString,
    DataType.STRING_UTF8: GXUtf8String, DataType.COMPACT_ARRAY: GXCompactArray,
    DataType.DATETIME: GXDateTime, DataType.DATE: GXDate, DataType.TIME: GXTime,
}


def typed(value: Any, data_type: DataType | int) -> Any:
    """``value`` as the typed Python value of ``data_type`` (ints wrapped, bytes to date-times ...)."""
    data_type = DataType(data_type)
    if value is None or data_type == DataType.NONE:
        return value
    if data_type in INT_TYPES:
        cls = INT_TYPES[data_type]
        return value if type(value) is cls else cls(_as_int(value))
    if data_type in (DataType.DATETIME, DataType.DATE, DataType.TIME):
        return _to_datetime_value(value, VALUE_CLASSES[data_type])
    if data_type == DataType.OCTET_STRING:
        return value if isinstance(value, (bytearray, GXDateTime)) else bytearray(_as_bytes(value))
    if data_type == DataType.BOOLEAN:
        return bool(value)
    if data_type == DataType.STRING:
        return value if type(value) is str else str(value)
    value_class = VALUE_CLASSES.get(data_type)
    if value_class is not None and not isinstance(value, value_class):
        return value_class(value)
    return value


__all__ = ["ENCODERS", "VALUE_CLASSES", "encode", "encode_into", "infer_type", "typed"]
