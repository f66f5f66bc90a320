"""Attribute conversions shared by the association, security and communication setup classes.

Many of their attributes are octet strings that are really something else: text (an APN,
a password, a server name), the logical name of another object, an IPv4 address carried
as a double-long-unsigned, or windows of date-time pairs.  The functions here build
:class:`Attribute` descriptors for those, so each class states *what* an attribute is and
the conversion is written once.  Decoded values are checked, and a value of the wrong
shape raises :class:`DecodeError` saying what was expected.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from typing import Any

from ...data import codec
from ...data.datetime import GXDateTime
from ...data.obis import obis_to_bytes, obis_to_str
from ...data.types import INT_TYPES, DataType, GXArray, GXStructure, GXUInt32
from ...errors import ConfigurationError, DecodeError, LocalProtocolError
from ..access import AccessMode
from ..base import Attribute

ZERO_LN = "0.0.0.0.0.0"


# --- shape checks -------------------------------------------------------------------------------
def members(value: Any, count: int, what: str) -> list[Any]:
    """``value`` as a structure of at least ``count`` members, else DecodeError naming ``what``."""
    if not isinstance(value, list) or len(value) < count:
        found = f"{len(value)} members" if isinstance(value, list) else type(value).__name__
        raise DecodeError(what, expected=f"a structure of {count} members", found=found)
    return value


def items(value: Any, what: str) -> list[Any]:
    """``value`` as an array (null is an empty one), else DecodeError naming ``what``."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise DecodeError(what, expected="an array", found=type(value).__name__)
    return value


def integer(value: Any, what: str) -> int:
    """An integer member, else DecodeError."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise DecodeError(what, expected="an integer", found=repr(value))
    return int(value)


def octets(value: Any, what: str) -> bytes:
    """An octet-string member (null is empty), else DecodeError."""
    if value is None:
        return b""
    if not isinstance(value, (bytes, bytearray)):
        raise DecodeError(what, expected="an octet-string", found=type(value).__name__)
    return bytes(value)


def enum_or_int(enum: Callable[[int], Any], value: int) -> Any:
    """``enum(value)``, or the plain number for a value the enumeration does not name."""
    try:
        return enum(value)
    except ValueError:
        return value


# --- text in octet strings ------------------------------------------------------------------------
def text_to_octets(value: Any) -> bytearray:
    """Text kept as ``str`` in Python, sent as octet-string (one byte per character)."""
    if value is None:
        return bytearray()
    if isinstance(value, (bytes, bytearray)):
        return bytearray(value)
    try:
        return bytearray(str(value).encode("latin-1"))
    except UnicodeEncodeError:
        raise LocalProtocolError("octet-string text", expected="characters U+0000..U+00FF",
                                 found=repr(value)) from None


def octets_to_text(value: Any, what: str) -> str:
    """An octet-string (or visible-string) read from a meter, as text; bytes map one to one."""
    if isinstance(value, str):
        return value
    return octets(value, what).decode("latin-1")


def text_attribute(index: int, name: str, title: str, **options: Any) -> Attribute:
    """An octet-string attribute holding text (``str`` in Python)."""

    def to_data(obj: Any, settings: Any) -> bytearray:
        return text_to_octets(getattr(obj, name))

    def from_data(obj: Any, value: Any, settings: Any) -> None:
        setattr(obj, name, octets_to_text(value, title))

    options.setdefault("default", "")
    return Attribute(index, name, title, DataType.OCTET_STRING, to_data=to_data, from_data=from_data, **options)


def octets_attribute(index: int, name: str, title: str, **options: Any) -> Attribute:
    """An octet-string attribute holding bytes (keys, secrets, system titles); anything else read is refused."""

    def to_data(obj: Any, settings: Any) -> bytearray:
        return bytearray(getattr(obj, name) or b"")

    def from_data(obj: Any, value: Any, settings: Any) -> None:
        setattr(obj, name, octets(value, title))

    options.setdefault("default", b"")
    return Attribute(index, name, title, DataType.OCTET_STRING, to_data=to_data, from_data=from_data, **options)


# --- logical-name references ------------------------------------------------------------------------
def ln_to_octets(value: Any) -> bytearray:
    """A logical name given as text, bytes or an object with ``logicalName``; None is empty."""
    if value is None:
        return bytearray()
    if hasattr(value, "logicalName"):
        value = value.logicalName
    try:
        return bytearray(obis_to_bytes(value))
    except ConfigurationError as exc:
        raise LocalProtocolError("logical name reference", expected="an OBIS code", found=repr(value)) from exc


def octets_to_ln(value: Any, what: str) -> str | None:
    """A logical name read from a meter: dotted text, None for an empty octet string."""
    raw = octets(value, what)
    if not raw:
        return None
    if len(raw) != 6:
        raise DecodeError(what, expected="a 6-byte logical name", found=f"{len(raw)} bytes")
    return obis_to_str(raw)


def ln_attribute(index: int, name: str, title: str, **options: Any) -> Attribute:
    """An octet-string(6) attribute naming another object (dotted text in Python)."""

    def to_data(obj: Any, settings: Any) -> bytearray:
        return ln_to_octets(getattr(obj, name))

    def from_data(obj: Any, value: Any, settings: Any) -> None:
        setattr(obj, name, octets_to_ln(value, title))

    options.setdefault("default", ZERO_LN)
    options.setdefault("static", True)
    return Attribute(index, name, title, DataType.OCTET_STRING, to_data=to_data, from_data=from_data, **options)


# --- IPv4 addresses ---------------------------------------------------------------------------------
def ip4_to_int(value: Any) -> int:
    """An IPv4 address given as dotted text or a number, as the 32-bit number sent."""
    if value is None or value == "":
        return 0
    try:
        return int(ipaddress.IPv4Address(value if isinstance(value, int) else str(value)))
    except (ValueError, ipaddress.AddressValueError):
        raise LocalProtocolError("IPv4 address", expected="dotted text such as 192.168.0.1",
                                 found=repr(value)) from None


def int_to_ip4(value: Any, what: str) -> str:
    """A double-long-unsigned read from a meter, as dotted text."""
    number = integer(value, what)
    if not 0 <= number <= 0xFFFFFFFF:
        raise DecodeError(what, expected="a 32-bit address", found=number)
    return str(ipaddress.IPv4Address(number))


def ip4_attribute(index: int, name: str, title: str, **options: Any) -> Attribute:
    """A double-long-unsigned attribute holding an IPv4 address (dotted text in Python)."""

    def to_data(obj: Any, settings: Any) -> GXUInt32:
        return GXUInt32(ip4_to_int(getattr(obj, name)))

    def from_data(obj: Any, value: Any, settings: Any) -> None:
        setattr(obj, name, int_to_ip4(value, title))

    options.setdefault("default", "0.0.0.0")
    options.setdefault("access", AccessMode.READ_WRITE)
    return Attribute(index, name, title, DataType.UINT32, to_data=to_data, from_data=from_data, **options)


# --- arrays of simple values ------------------------------------------------------------------------
def list_attribute(index: int, name: str, title: str, element_type: DataType,
                   convert: Callable[[Any, str], Any] | None = None,
                   back: Callable[[Any], Any] | None = None, **options: Any) -> Attribute:
    """An array of one simple type, kept as a Python list.

    ``convert(value, what)`` turns a decoded element into the Python value (default: the
    element as read, checked to be an integer for integer types); ``back`` turns a
    Python value into what is encoded (default: the value itself, typed as ``element_type``).
    """
    if convert is None:
        convert = integer if element_type in INT_TYPES else (lambda value, what: value)

    def to_data(obj: Any, settings: Any) -> GXArray:
        return GXArray(codec.typed(back(v) if back else v, element_type) for v in getattr(obj, name) or ())

    def from_data(obj: Any, value: Any, settings: Any) -> None:
        setattr(obj, name, [convert(v, title) for v in items(value, title)])

    options.setdefault("factory", list)
    return Attribute(index, name, title, DataType.ARRAY, to_data=to_data, from_data=from_data, **options)


# --- records: structures of simple values held by a small value class ----------------------------------
Layout = tuple[tuple[str, DataType], ...]


def record_to_data(record: Any, layout: Layout) -> GXStructure:
    """A value object as ``structure{...}``: one member per ``(field, type)`` of ``layout``."""
    return GXStructure(codec.typed(getattr(record, field), data_type) for field, data_type in layout)


def record_from_data(cls: Callable[..., Any], value: Any, layout: Layout, what: str) -> Any:
    """A value object from a decoded structure laid out as ``layout`` (extra members are ignored)."""
    fields = members(value, len(layout), what)
    values: dict[str, Any] = {}
    for (name, data_type), member in zip(layout, fields):
        if data_type in INT_TYPES:
            values[name] = integer(member, f"{what} {name}")
        elif data_type == DataType.OCTET_STRING:
            values[name] = octets(member, f"{what} {name}")
        else:
            values[name] = member
    return cls(**values)


def record_attribute(index: int, name: str, title: str, cls: Callable[..., Any], layout: Layout,
                     **options: Any) -> Attribute:
    """A structure attribute held by a value class ``cls`` whose fields follow ``layout``."""

    def to_data(obj: Any, settings: Any) -> GXStructure:
        return record_to_data(getattr(obj, name), layout)

    def from_data(obj: Any, value: Any, settings: Any) -> None:
        setattr(obj, name, record_from_data(cls, value, layout, title))

    options.setdefault("factory", cls)
    return Attribute(index, name, title, DataType.STRUCTURE, to_data=to_data, from_data=from_data, **options)


# --- date-time windows --------------------------------------------------------------------------
def to_octet_datetime(value: Any) -> bytearray:
    """A date-time sent as octet-string(12); None is 'not specified'."""
    if value is None:
        return bytearray(GXDateTime().to_bytes())
    if isinstance(value, (bytes, bytearray)):
        return bytearray(value)
    if not isinstance(value, GXDateTime):
        value = GXDateTime(value)
    return bytearray(value.to_bytes())


def from_octet_datetime(value: Any, what: str) -> GXDateTime:
    """An octet-string(12) (or date-time) read from a meter, as :class:`GXDateTime`."""
    if isinstance(value, GXDateTime):
        return value
    raw = octets(value, what)
    if len(raw) != 12:
        raise DecodeError(what, expected="a 12-byte date-time", found=f"{len(raw)} bytes")
    return GXDateTime.from_bytes(raw)


def window_attribute(index: int, name: str, title: str, **options: Any) -> Attribute:
    """``array of structure{start date-time, end date-time}``: a list of (start, end) pairs."""

    def to_data(obj: Any, settings: Any) -> GXArray:
        return GXArray(GXStructure([to_octet_datetime(start), to_octet_datetime(end)])
                       for start, end in getattr(obj, name) or ())

    def from_data(obj: Any, value: Any, settings: Any) -> None:
        setattr(obj, name, [(from_octet_datetime(pair[0], title), from_octet_datetime(pair[1], title))
                            for pair in (members(p, 2, title) for p in items(value, title))])

    options.setdefault("factory", list)
    options.setdefault("access", AccessMode.READ_WRITE)
    return Attribute(index, name, title, DataType.ARRAY, to_data=to_data, from_data=from_data, **options)


__all__ = [
    "ZERO_LN",
    "enum_or_int",
    "from_octet_datetime",
    "int_to_ip4",
    "integer",
    "ip4_attribute",
    "ip4_to_int",
    "items",
    "list_attribute",
    "ln_attribute",
    "ln_to_octets",
    "members",
    "octets",
    "octets_attribute",
    "octets_to_ln",
    "octets_to_text",
    "record_attribute",
    "record_from_data",
    "record_to_data",
    "text_attribute",
    "text_to_octets",
    "to_octet_datetime",
    "window_attribute",
]
