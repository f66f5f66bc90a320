"""DLMS values as XML elements (the value part of the object cache), and back.

A value becomes one element with its DLMS type in a ``Type`` attribute (the A-XDR tag,
as Gurux writes it): numbers in decimal, octet strings in spaced hex, bit strings as
their bits, date-times as ``MM/DD/YYYY HH:MM:SS`` text with ``*`` for unspecified fields,
arrays and structures as nested ``<Item>`` elements.  An octet string that holds a
date-time gets ``UIType`` 25/26/27.  Fields of a date-time the text cannot carry (day of
week, hundredths, deviation, clock status) go into attributes, so a value read back is
the same value, byte for byte.
"""

from __future__ import annotations

import math
import re
import struct
from typing import Any

from lxml import etree

from ..data import codec
from ..data.compact import GXCompactArray
from ..data.datetime import UNSPECIFIED_DEVIATION, GXDate, GXDateTime, GXTime
from ..data.types import INT_TYPES, DataType, GXArray, GXBitString, GXFloat32, GXFloat64, GXStructure

_DATE_TYPES = {DataType.DATETIME: GXDateTime, DataType.DATE: GXDate, DataType.TIME: GXTime}
_FLOATS = {DataType.FLOAT32: (GXFloat32, ">f"), DataType.FLOAT64: (GXFloat64, ">d")}
# Characters XML 1.0 cannot carry (or carries altered: CR) in element text.
_UNSAFE_TEXT = re.compile("[\x00-\x08\x0b-\x1f\ud800-\udfff\ufffe\uffff]")
# (XML attribute, raw field index, value meaning 'not given')
_EXTRA_FIELDS = (("DayOfWeek", 3, 0xFF), ("Hundredths", 7, 0xFF), ("Deviation", 8, UNSPECIFIED_DEVIATION),
                 ("Status", 9, 0))
_DATE_RE = re.compile(r"^\s*(\*|\d+)/(\*|\d+)/(\*|\d+)\s*$")
_TIME_RE = re.compile(r"^\s*(\*|\d+):(\*|\d+)(?::(\*|\d+))?\s*$")


class ValueFormatError(ValueError):
    """A value element whose text does not fit its type (the caller adds file and line)."""


# --- writing ----------------------------------------------------------------------------
def _field(value: int, marker: int, width: int) -> str:
    return "*" if value == marker else f"{value:0{width}d}"


def datetime_text(value: GXDateTime) -> str:
    """``MM/DD/YYYY HH:MM:SS`` (date part only for GXDate, time part only for GXTime)."""
    y, mo, d, _, h, mi, s, _, _, _ = value.raw
    date = f"{_field(mo, 0xFF, 2)}/{_field(d, 0xFF, 2)}/{_field(y, 0xFFFF, 4)}"
    clock = f"{_field(h, 0xFF, 2)}:{_field(mi, 0xFF, 2)}:{_field(s, 0xFF, 2)}"
    if isinstance(value, GXDate):
        return date
    if isinstance(value, GXTime):
        return clock
    return f"{date} {clock}"


def _set_datetime(element: Any, value: GXDateTime) -> None:
    element.text = datetime_text(value)
    raw = value.raw
    for name, index, absent in _EXTRA_FIELDS:
        if (isinstance(value, GXDate) and index != 3) or (isinstance(value, GXTime) and index != 7):
            continue
        if raw[index] != absent:
            element.set(name, str(raw[index]))


def _set_text(element: Any, text: str) -> None:
    if _UNSAFE_TEXT.search(text) or "\r" in text:
        element.set("Hex", "1")
        element.text = text.encode("utf-8", "surrogatepass").hex(" ").upper()
    else:
        element.text = text


def value_element(name: str, value: Any, data_type: DataType | None = None) -> Any:
    """The element ``<name Type="..">`` holding ``value`` (its type inferred unless given)."""
    element = etree.Element(name)
    fill_element(element, value, data_type)
    return element


def fill_element(element: Any, value: Any, data_type: DataType | None = None) -> None:
    """Write ``value`` into ``element`` (type attribute, text or child items)."""
    if data_type is None or data_type == DataType.NONE:
        data_type = codec.infer_type(value) if value is not None else DataType.NONE
    if value is None:
        data_type = DataType.NONE
    element.set("Type", str(int(data_type)))
    if value is None:
        return
    if data_type == DataType.COMPACT_ARRAY:
        element.text = codec.encode(value).hex(" ").upper()
    elif data_type in (DataType.ARRAY, DataType.STRUCTURE):
        for item in value:
            element.append(value_element("Item", item))
    elif isinstance(value, GXDateTime):
        if data_type not in _DATE_TYPES:
            element.set("UIType", str(int(value.dataType)))
        _set_datetime(element, value)
    elif data_type == DataType.OCTET_STRING:
        element.text = bytes(value).hex(" ").upper()
    elif data_type == DataType.BOOLEAN:
        element.text = "True" if value else "False"
    elif data_type in _FLOATS:
        number = float(value)
        if math.isnan(number):
            raw = getattr(value, "raw", None) or struct.pack(_FLOATS[data_type][1], number)
            element.set("Bits", bytes(raw).hex().upper())
        element.text = repr(number)
    elif data_type in (DataType.STRING, DataType.STRING_UTF8):
        _set_text(element, value if isinstance(value, str) else bytes(value).decode("latin-1"))
    elif data_type == DataType.BITSTRING:
        element.text = str(value)
    else:
        element.text = str(int(value))


# --- reading ----------------------------------------------------------------------------
def _number(text: str, marker: int) -> int:
    return marker if text == "*" else int(text)


def parse_datetime(text: str, kind: DataType, element: Any = None) -> GXDateTime:
    """A date-time, date or time from the text :func:`datetime_text` writes (Gurux's 2-digit years too)."""
    date_part, _, time_part = text.strip().partition(" ")
    if kind == DataType.TIME:
        date_part, time_part = "", date_part
    fields = [0xFFFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, UNSPECIFIED_DEVIATION, 0]
    if kind != DataType.TIME:
        match = _DATE_RE.match(date_part)
        if match is None:
            return _fallback_datetime(text, kind)
        month, day, year = match.groups()
        fields[0] = _number(year, 0xFFFF)
        if year != "*" and len(year) <= 2:
            fields[0] += 2000
        fields[1], fields[2] = _number(month, 0xFF), _number(day, 0xFF)
    if kind != DataType.DATE and time_part:
        match = _TIME_RE.match(time_part)
        if match is None:
            return _fallback_datetime(text, kind)
        hour, minute, second = match.groups()
        fields[4], fields[5] = _number(hour, 0xFF), _number(minute, 0xFF)
        fields[6] = _number(second or "0", 0xFF)
    if element is not None:
        for name, index, _absent in _EXTRA_FIELDS:
            given = element.get(name)
            if given is not None:
                fields[index] = int(given)
    if kind == DataType.DATE:
        fields[8], fields[9] = UNSPECIFIED_DEVIATION, 0xFF
    elif kind == DataType.TIME:
        fields[8], fields[9] = UNSPECIFIED_DEVIATION, 0xFF
    value = _DATE_TYPES[kind].from_fields(*fields)
    value.to_bytes()  # range check: raises ConfigurationError for fields that cannot be encoded
    return value


def _fallback_datetime(text: str, kind: DataType) -> GXDateTime:
    """Other date-time texts (ISO 8601 ...): whatever GXDateTime understands."""
    return _DATE_TYPES[kind](GXDateTime(text.strip()).value)


def _text_of(element: Any) -> str:
    text = element.text or ""
    if element.get("Hex") == "1":
        return bytes.fromhex(text).decode("utf-8", "surrogatepass")
    return text


def parse_value(element: Any, data_type: DataType | None = None, ui: DataType | None = None) -> Any:
    """The DLMS value an element holds (``data_type``/``ui`` apply when it has no Type attribute).

    Raises :class:`ValueFormatError` (or ConfigurationError for impossible date-times) when
    the text does not fit the type.
    """
    given = element.get("Type")
    try:
        kind = DataType(int(given)) if given is not None else DataType(data_type or DataType.NONE)
    except ValueError:
        raise ValueFormatError(f"unknown Type {given!r}") from None
    ui_given = element.get("UIType")
    ui_kind = DataType(int(ui_given)) if ui_given is not None and ui_given.isdigit() else ui
    try:
        return _parse(element, kind, ui_kind)
    except (ValueError, TypeError, struct.error) as exc:
        if isinstance(exc, ValueFormatError):
            raise
        raise ValueFormatError(f"{kind.name} value {element.text!r}: {exc}") from None


def _parse(element: Any, kind: DataType, ui: DataType | None) -> Any:
    text = element.text or ""
    if kind == DataType.NONE:
        return None
    if kind in (DataType.ARRAY, DataType.STRUCTURE):
        items = [parse_value(child) for child in element if child.tag == "Item"]
        return GXArray(items) if kind == DataType.ARRAY else GXStructure(items)
    if kind in INT_TYPES:
        int_class = INT_TYPES[kind]
        number = int(text.strip())
        if not int_class.minimum <= number <= int_class.maximum:
            raise ValueFormatError(f"{kind.name} {number} out of range {int_class.minimum}..{int_class.maximum}")
        return int_class(number)
    if kind == DataType.BOOLEAN:
        flag = text.strip().lower()
        if flag not in ("true", "false", "1", "0"):
            raise ValueFormatError(f"boolean {text!r}")
        return flag in ("true", "1")
    if kind in _FLOATS:
        cls, fmt = _FLOATS[kind]
        bits = element.get("Bits")
        if bits:
            value = cls(struct.unpack(fmt, bytes.fromhex(bits))[0])
            value.raw = bytes.fromhex(bits)
            return value
        return cls(float(text))
    if kind in _DATE_TYPES:
        return parse_datetime(text, kind, element)
    if kind == DataType.OCTET_STRING:
        if ui in _DATE_TYPES and any(mark in text for mark in "/:*"):
            return parse_datetime(text, ui, element)
        return bytearray.fromhex(text)
    if kind in (DataType.STRING, DataType.STRING_UTF8):
        return codec.typed(_text_of(element), kind)
    if kind == DataType.BITSTRING:
        return GXBitString(text.strip())
    if kind == DataType.COMPACT_ARRAY:
        value = codec.decode(bytes.fromhex(text))
        if not isinstance(value, GXCompactArray):
            raise ValueFormatError("compact array")
        return value
    raise ValueFormatError(f"values of type {kind.name}")


__all__ = ["ValueFormatError", "datetime_text", "fill_element", "parse_datetime", "parse_value", "value_element"]
