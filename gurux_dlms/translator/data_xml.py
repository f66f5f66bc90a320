"""DLMS data values as XML elements (both dialects).

:func:`write_data` renders a decoded value (the typed values of :mod:`gurux_dlms.data`)
in Gurux's format: integers as fixed-width hex (or decimal), octet strings and date-times
as hex, floats as their IEEE bytes, strings as text.  The renderer of each value class
is found in one table, so a 10,000-row profile costs one dictionary look-up per value.

Where Gurux's output is broken this module writes a correct form: ``Qty`` of 256 and
more elements in full (``010E``, not ``0E``), compact arrays with their type description
and one element per row, visible strings with characters XML cannot carry as hex bytes
(``Encoding="Hex"``), text comments of printable octet strings without a Python repr.
"""

from __future__ import annotations

import re
import struct
from collections.abc import Callable
from typing import Any

from ..data.codec import decode_length, infer_type, typed
from ..data.compact import GXCompactArray, TypeDescription
from ..data.compact_codec import encode_compact_array
from ..data.compact_codec import write_description as write_description_bytes
from ..data.datetime import GXDate, GXDateTime, GXTime
from ..data.types import (
    INT_TYPES,
    DataType,
    GXArray,
    GXBitString,
    GXFloat32,
    GXFloat64,
    GXStructure,
    GXUtf8String,
)
from .comments import datetime_text, float_text, octet_string_text
from .tags import DATA_TAGS, STANDARD
from .writer import HEX2, INDENTS, XmlWriter, escape

Renderer = Callable[[XmlWriter, Any], None]

#: hex digits of each integer type
INT_DIGITS: dict[DataType, int] = {
    DataType.INT8: 2, DataType.INT16: 4, DataType.INT32: 8, DataType.INT64: 16,
    DataType.UINT8: 2, DataType.UINT16: 4, DataType.UINT32: 8, DataType.UINT64: 16,
    DataType.ENUM: 2, DataType.BCD: 2,
    DataType.DELTA_INT8: 2, DataType.DELTA_INT16: 4, DataType.DELTA_INT32: 8,
    DataType.DELTA_UINT8: 2, DataType.DELTA_UINT16: 4, DataType.DELTA_UINT32: 8,
}

#: characters XML 1.0 cannot carry at all (not even as character references)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_F32 = struct.Struct(">f")
_F64 = struct.Struct(">d")


def spaced_hex(data: bytes | bytearray) -> str:
    """``E6 97 A5``: the bytes as upper-case hex pairs separated by spaces."""
    return bytes(data).hex(" ").upper()


def _int_renderer(data_type: DataType) -> Renderer:
    key = DATA_TAGS[data_type]
    std_open = f"<x:{STANDARD[key]}>"
    std_close = f"</x:{STANDARD[key]}>"
    digits = INT_DIGITS[data_type]
    mask = (1 << (digits * 4)) - 1
    simple_open = f"<{key} Value=\""
    hex_format = f"%0{digits}X"

    def render(w: XmlWriter, value: Any) -> None:
        indent = INDENTS[w.level]
        if w.standard:
            w.lines.append(f"{indent}{std_open}{int(value)}{std_close}")
        elif w.hex:
            text = HEX2[value & 0xFF] if digits == 2 else hex_format % (value & mask)
            w.lines.append(f'{indent}{simple_open}{text}" />')
        else:
            w.lines.append(f'{indent}{simple_open}{int(value)}" />')

    return render


def _render_none(w: XmlWriter, value: Any) -> None:
    w.empty("None")


def _render_bool(w: XmlWriter, value: Any) -> None:
    w.value("Boolean", "True" if value else "False")


def _render_bit_string(w: XmlWriter, value: Any) -> None:
    w.value("BitString", str(value))


def _render_octet_string(w: XmlWriter, value: Any) -> None:
    if w.comments:
        text = octet_string_text(value)
        if text is not None:
            w.comment(text)
    w.value("OctetString", value.hex().upper())


def _render_string(w: XmlWriter, value: Any) -> None:
    if w.string_as_hex:
        w.value("String", spaced_hex(str(value).encode("latin-1", "replace")))
    elif value.isascii() and value.isprintable():  # the usual text: only & < > " may need escaping
        special = "&" in value or "<" in value or ">" in value or '"' in value
        w.value("String", escape(value) if special else value)
    elif _NOT_XML.search(value):
        # XML cannot hold these characters: write the bytes, and say so
        text = spaced_hex(str(value).encode("latin-1", "replace"))
        if w.standard:
            w.line(f'<x:visible-string Encoding="Hex">{text}</x:visible-string>')
        else:
            w.line(f'<String Value="{text}" Encoding="Hex" />')
    else:
        w.value("String", escape(value))


def _render_utf8(w: XmlWriter, value: Any) -> None:
    w.value("StringUTF8", spaced_hex(str(value).encode("utf-8")))


def _float_bytes(value: Any, size: int) -> bytes:
    raw = getattr(value, "raw", None)
    if raw is not None and len(raw) == size:
        return bytes(raw)
    return (_F32 if size == 4 else _F64).pack(float(value))


def _render_float32(w: XmlWriter, value: Any) -> None:
    w.comment(float_text(value))
    w.value("Float32", _float_bytes(value, 4).hex().upper())


def _render_float64(w: XmlWriter, value: Any) -> None:
    w.comment(float_text(value))
    w.value("Float64", _float_bytes(value, 8).hex().upper())


def _date_time_renderer(key: str) -> Renderer:
    def render(w: XmlWriter, value: Any) -> None:
        if w.comments:
            text = datetime_text(value.raw)
            if text is not None:
                w.comment(text)
        w.value(key, value.to_bytes().hex().upper())

    return render


def _render_items(w: XmlWriter, key: str, value: Any) -> None:
    """A structure or an array: ``Qty`` and each element (:func:`write_data` inlined: the hot loop)."""
    count = len(value)
    if not w.hex or count >= 0x100:
        w.start(key, count)
        for item in value:
            write_data(w, item)
        w.end(key)
        return
    # SIMPLE_XML with hex numbers, the usual case: integers and octet strings written here
    lines = w.lines
    level = w.level
    lines.append(f'{INDENTS[level]}<{key} Qty="{HEX2[count]}" >')
    w.level = level + 1
    indent = INDENTS[level + 1]
    plain_octets = not w.comments
    renderers = RENDERERS
    for item in value:
        cls = item.__class__
        number = _HEX_NUMBERS.get(cls)
        if number is not None:
            opening, digits, mask, hex_format = number
            text = HEX2[item & 0xFF] if digits == 2 else hex_format % (item & mask)
            lines.append(f'{indent}{opening}{text}" />')
        elif cls is bytearray and plain_octets:
            lines.append(f'{indent}<OctetString Value="{item.hex().upper()}" />')
        else:
            render = renderers.get(cls)
            if render is None:
                render = _fallback(item)
            render(w, item)
    w.level = level
    lines.append(f"{INDENTS[level]}</{key}>")


def _render_structure(w: XmlWriter, value: Any) -> None:
    _render_items(w, "Structure", value)


def _render_array(w: XmlWriter, value: Any) -> None:
    _render_items(w, "Array", value)


def write_description(w: XmlWriter, description: TypeDescription) -> None:
    """A compact-array type description as empty typed elements."""
    kind = description.data_type
    if kind == DataType.STRUCTURE:
        w.start("Structure", len(description.members))
        for member in description.members:
            write_description(w, member)
        w.end("Structure")
    elif kind == DataType.ARRAY:
        w.start("Array", description.count)
        write_description(w, description.members[0])
        w.end("Array")
    else:
        w.empty(DATA_TAGS[kind])


def _render_compact_array(w: XmlWriter, value: Any) -> None:
    w.start("CompactArray")
    w.start("ContentsDescription")
    write_description(w, value.description)
    w.end("ContentsDescription")
    if w.standard:
        w.value("ArrayContents", spaced_hex(compact_contents(value)))
    else:
        w.start("ArrayContents")
        for item in value:
            write_data(w, _typed_element(value.description, item))
        w.end("ArrayContents")
    w.end("CompactArray")


def compact_contents(value: GXCompactArray) -> bytes:
    """The array-contents bytes of a compact array (its elements without type tags)."""
    encoded = bytearray()
    encode_compact_array(encoded, value)
    head = bytearray()
    write_description_bytes(head, value.description)
    _, start = decode_length(bytes(encoded), len(head))
    return bytes(encoded[start:])


def _typed_element(description: TypeDescription, item: Any) -> Any:
    """A compact-array element with the types its description gives (for rendering)."""
    kind = description.data_type
    if kind == DataType.STRUCTURE:
        return GXStructure(_typed_element(m, v) for m, v in zip(description.members, item))
    if kind == DataType.ARRAY:
        return GXArray(_typed_element(description.members[0], v) for v in item)
    return typed(item, kind)


RENDERERS: dict[type, Renderer] = {cls: _int_renderer(data_type) for data_type, cls in INT_TYPES.items()}
#: integer class -> (``<Key Value="``, hex digits, mask, ``%`` format): what _render_items writes itself
_HEX_NUMBERS = {cls: (f'<{DATA_TAGS[data_type]} Value="', INT_DIGITS[data_type], (1 << (INT_DIGITS[data_type] * 4)) - 1,
                      f"%0{INT_DIGITS[data_type]}X") for data_type, cls in INT_TYPES.items()}
RENDERERS.update({
    type(None): _render_none,
    bool: _render_bool,
    GXBitString: _render_bit_string,
    bytearray: _render_octet_string,
    bytes: _render_octet_string,
    str: _render_string,
    GXUtf8String: _render_utf8,
    GXFloat32: _render_float32,
    GXFloat64: _render_float64,
    GXDateTime: _date_time_renderer("DateTime"),
    GXDate: _date_time_renderer("Date"),
    GXTime: _date_time_renderer("Time"),
    GXStructure: _render_structure,
    GXArray: _render_array,
    GXCompactArray: _render_compact_array,
})


def write_data(w: XmlWriter, value: Any) -> None:
    """Render one data value at the writer's current level."""
    render = RENDERERS.get(value.__class__)
    if render is None:
        render = _fallback(value)
    render(w, value)


def _fallback(value: Any) -> Renderer:
    """Renderer of a value of another class: by its DLMS type (plain ints, lists, datetimes ...)."""
    for cls in type(value).__mro__:
        if cls in RENDERERS and cls is not object:
            return RENDERERS[cls]
    data_type = infer_type(value)
    converted = typed(value, data_type)
    if data_type == DataType.ARRAY and not isinstance(converted, GXArray):
        converted = GXArray(converted)
    render = RENDERERS.get(converted.__class__, _render_none)
    return lambda w, _: render(w, converted)


__all__ = ["INT_DIGITS", "RENDERERS", "spaced_hex", "write_data", "write_description"]
