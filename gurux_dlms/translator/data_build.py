"""XML elements back to DLMS data values (both dialects, hex or decimal numbers).

The inverse of :mod:`.data_xml`: each data element name maps to a builder that returns
the typed value whose encoding is the original bytes.  Numbers are hex when the document
is SIMPLE_XML and the translator's ``hex`` option is on, decimal otherwise (Gurux's
XmlClient writes its Messages files in decimal, with leading zeros such as ``"0008"``).
Errors name the element and its line.
"""

from __future__ import annotations

import struct
from collections.abc import Callable
from typing import Any

from ..data.codec import decode_value, encode_length
from ..data.compact import GXCompactArray, TypeDescription
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
from ..errors import DLMSError
from .data_xml import INT_DIGITS
from .reader import Node
from .tags import DATA_TAGS

#: data type of each data element name (SIMPLE_XML tag)
DATA_TYPES: dict[str, DataType] = {tag: DataType(code) for code, tag in DATA_TAGS.items()}
_SIGNED = {DataType.INT8, DataType.INT16, DataType.INT32, DataType.INT64,
           DataType.DELTA_INT8, DataType.DELTA_INT16, DataType.DELTA_INT32}


class Context:
    """How to read numbers: ``hex`` is True for SIMPLE_XML read with the ``hex`` option on."""

    __slots__ = ("addresses", "hex", "settings")

    def __init__(self, hex: bool, settings: object = None, addresses: tuple[int, int] = (16, 1)) -> None:
        self.hex = hex
        self.settings = settings
        #: client and server address of frames written without their HDLC wrapper
        self.addresses = addresses


def parse_int(node: Node, text: str, ctx: Context, digits: int = 0, signed: bool = False) -> int:
    """A number in the document's format (hex with ``digits`` two's complement, or decimal)."""
    try:
        if ctx.hex:
            value = int(text, 16)
            if signed and digits and value >= 1 << (digits * 4 - 1):
                value -= 1 << (digits * 4)
            return value
        return int(text, 10)
    except ValueError:
        raise node.error("number", expected="a hex number" if ctx.hex else "a decimal number",
                         found=repr(text)) from None


def parse_hex(node: Node, text: str) -> bytes:
    """Hex bytes, with or without spaces."""
    try:
        return bytes.fromhex(text)
    except ValueError:
        raise node.error("hex bytes", expected="hex digits", found=repr(text[:40])) from None


def int_value(node: Node, ctx: Context, digits: int, signed: bool = False) -> int:
    """The element's value as a number."""
    return parse_int(node, node.value, ctx, digits, signed)


def _int_builder(data_type: DataType) -> Callable[[Node, Context], Any]:
    cls = INT_TYPES[data_type]
    digits = INT_DIGITS[data_type]
    signed = data_type in _SIGNED
    low, high = cls.minimum, cls.maximum
    half, full = 1 << (digits * 4 - 1), 1 << (digits * 4)

    def build(node: Node, ctx: Context) -> Any:
        text = node.attrs.get("Value")
        if text is None:
            text = node.value
        try:  # parse_int in line (the most common data element)
            value = int(text, 16 if ctx.hex else 10)
        except ValueError:
            value = parse_int(node, text, ctx, digits, signed)  # raises, naming the element
        if signed and ctx.hex and value >= half:
            value -= full
        if not low <= value <= high:
            raise node.error(f"{node.raw_name} value", expected=f"{low}..{high}", found=value)
        return cls(value)

    return build


def _b_none(node: Node, ctx: Context) -> Any:
    return None


def _b_boolean(node: Node, ctx: Context) -> Any:
    text = node.value.strip().lower()
    if text in ("true", "1"):
        return True
    if text in ("false", "0"):
        return False
    raise node.error("boolean", expected="True or False", found=repr(node.value))


def _b_bit_string(node: Node, ctx: Context) -> Any:
    text = node.value.replace(" ", "")
    if text.strip("01"):
        raise node.error("bit-string", expected="only 0 and 1", found=repr(node.value))
    return GXBitString(text)


def _b_octet_string(node: Node, ctx: Context) -> Any:
    return bytearray(parse_hex(node, node.value))


def _is_spaced_hex(text: str) -> bool:
    parts = text.split(" ")
    return all(len(p) == 2 for p in parts) and all(c in "0123456789ABCDEFabcdef" for c in text.replace(" ", ""))


def _b_string(node: Node, ctx: Context) -> Any:
    value = node.attrs.get("Value")
    if value is None:
        value = node.text  # standard: the text as it is
    if node.attrs.get("Encoding", "").lower() == "hex" or getattr(ctx.settings, "showStringAsHex", False):
        return parse_hex(node, value).decode("latin-1")
    return value


def _b_utf8(node: Node, ctx: Context) -> Any:
    value = node.attrs.get("Value")
    if value is None:
        value = node.text
    if value and _is_spaced_hex(value):
        try:
            return GXUtf8String(parse_hex(node, value).decode("utf-8"))
        except UnicodeDecodeError:
            raise node.error("utf8-string", expected="UTF-8 bytes", found=value[:40]) from None
    return GXUtf8String(value)


def _float_builder(cls: type, size: int) -> Callable[[Node, Context], Any]:
    unpack = struct.Struct(">f" if size == 4 else ">d").unpack

    def build(node: Node, ctx: Context) -> Any:
        text = node.value.replace(" ", "")
        if len(text) == size * 2 and all(c in "0123456789ABCDEFabcdef" for c in text):
            raw = bytes.fromhex(text)
            number = unpack(raw)[0]
            value = cls(number)
            if number != number:
                value.raw = raw
            return value
        try:
            return cls(float(node.value))
        except ValueError:
            raise node.error(f"{node.raw_name} value", expected=f"{size * 2} hex digits or a number",
                             found=repr(node.value)) from None

    return build


def _date_time_builder(cls: type[GXDateTime], size: int) -> Callable[[Node, Context], Any]:
    def build(node: Node, ctx: Context) -> Any:
        raw = parse_hex(node, node.value)
        if len(raw) != size:
            raise node.error(f"{node.raw_name} value", expected=f"{size} bytes", found=f"{len(raw)} bytes")
        return cls.from_bytes(raw)

    return build


def _b_structure(node: Node, ctx: Context) -> Any:
    return GXStructure([read_data(child, ctx) for child in node.children])


def _b_array(node: Node, ctx: Context) -> Any:
    return GXArray([read_data(child, ctx) for child in node.children])


def read_description(node: Node, ctx: Context) -> TypeDescription:
    """A compact-array type description from its typed (empty) elements."""
    data_type = DATA_TYPES.get(node.name)
    if data_type is None:
        raise node.error("compact-array type description", expected="a data type element",
                         found=f"<{node.raw_name}>")
    if data_type == DataType.STRUCTURE:
        return TypeDescription.structure(*(read_description(child, ctx) for child in node.children))
    if data_type == DataType.ARRAY:
        if len(node.children) != 1:
            raise node.error("compact-array array description", expected="one element type",
                             found=f"{len(node.children)} elements")
        qty = node.attrs.get("Qty")
        count = len(node.children) if qty is None else parse_int(node, qty, ctx)
        return TypeDescription.array(count, read_description(node.children[0], ctx))
    return TypeDescription.simple(data_type)


def _b_compact_array(node: Node, ctx: Context) -> Any:
    described = node.need("ContentsDescription")
    if len(described.children) != 1:
        raise described.error("compact-array contents description", expected="one type element",
                              found=f"{len(described.children)} elements")
    description = read_description(described.children[0], ctx)
    contents = node.need("ArrayContents")
    if contents.children:
        return GXCompactArray(description, [read_data(child, ctx) for child in contents.children])
    raw = parse_hex(contents, contents.value)
    encoded = bytearray(b"\x13")
    write_description_bytes(encoded, description)
    encode_length(encoded, len(raw))
    encoded += raw
    try:
        value, _ = decode_value(bytes(encoded), 0)
    except DLMSError as exc:
        raise contents.error("compact-array contents", expected="elements of the described type",
                             found=str(exc)) from None
    return value


BUILDERS: dict[str, Callable[[Node, Context], Any]] = {
    DATA_TAGS[data_type]: _int_builder(data_type) for data_type in INT_TYPES
}
BUILDERS.update({
    "None": _b_none,
    "Boolean": _b_boolean,
    "BitString": _b_bit_string,
    "OctetString": _b_octet_string,
    "String": _b_string,
    "StringUTF8": _b_utf8,
    "Float32": _float_builder(GXFloat32, 4),
    "Float64": _float_builder(GXFloat64, 8),
    "DateTime": _date_time_builder(GXDateTime, 12),
    "Date": _date_time_builder(GXDate, 5),
    "Time": _date_time_builder(GXTime, 4),
    "Structure": _b_structure,
    "Array": _b_array,
    "CompactArray": _b_compact_array,
})


def read_data(node: Node, ctx: Context) -> Any:
    """The value of one data element."""
    build = BUILDERS.get(node.name)
    if build is None:
        raise node.error("data", expected="a data element (UInt8, Structure, OctetString ...)",
                         found=f"<{node.raw_name}>")
    return build(node, ctx)


def read_single_data(node: Node, ctx: Context) -> Any:
    """The value inside a wrapper element (``<Data>``, ``<Value>`` ...): exactly one data child."""
    if len(node.children) != 1:
        raise node.error(f"<{node.raw_name}> contents", expected="one data element",
                         found=f"{len(node.children)} elements")
    return read_data(node.children[0], ctx)


__all__ = ["BUILDERS", "DATA_TYPES", "Context", "int_value", "parse_hex", "parse_int", "read_data",
           "read_description", "read_single_data"]
