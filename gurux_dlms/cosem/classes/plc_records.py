"""Arrays of fixed-layout structures, described by field tables.

The PLC classes keep many tables whose entries are plain structures of simple values (MAC
direct tables, neighbour tables, routing tables ...).  Each entry class is a dataclass and
a tuple of :class:`Field` says how its members map to the structure; :func:`record_list`
turns that into the ``to_data``/``from_data`` pair an :class:`~gurux_dlms.cosem.base.Attribute`
takes, with explicit checks so a malformed table from a meter raises ``DecodeError``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from ...data import codec
from ...data.types import INT_TYPES, DataType, GXArray, GXBitString, GXStructure
from ...errors import DecodeError


@dataclass(frozen=True, slots=True)
class Field:
    """One member of a structure: the Python attribute, its DLMS type and optional enum."""

    name: str
    data_type: DataType
    enum: type[int] | None = None


def value_to_data(value: Any, data_type: DataType) -> Any:
    """A Python value as the typed DLMS value of ``data_type`` (None stays null-data)."""
    if value is None:
        return None
    return codec.typed(value, data_type)


def value_from_data(value: Any, data_type: DataType, what: str, enum: type[int] | None = None) -> Any:
    """A decoded DLMS value as the Python value kept in an entry, checked against ``data_type``."""
    if value is None:
        return None
    if data_type in INT_TYPES:
        if not isinstance(value, int) or isinstance(value, bool):
            raise DecodeError(what, expected=data_type.name, found=repr(value))
        if enum is not None:
            try:
                return enum(int(value))
            except ValueError:
                return int(value)
        return int(value)
    if data_type == DataType.BOOLEAN:
        if not isinstance(value, (bool, int)):
            raise DecodeError(what, expected="boolean", found=repr(value))
        return bool(value)
    if data_type == DataType.OCTET_STRING:
        if not isinstance(value, (bytes, bytearray)):
            raise DecodeError(what, expected="octet-string", found=repr(value))
        return bytearray(value)
    if data_type == DataType.BITSTRING:
        if not isinstance(value, str):
            raise DecodeError(what, expected="bit-string", found=repr(value))
        return GXBitString(value)
    return value


def _entries(value: Any, what: str) -> Sequence[Any]:
    if not isinstance(value, list):
        raise DecodeError(what, expected="array", found=repr(value))
    return value


def records_to_data(items: Any, fields: tuple[Field, ...]) -> GXArray:
    """``array structure { fields... }`` of a list of entries."""
    return GXArray(GXStructure(value_to_data(getattr(item, f.name), f.data_type) for f in fields)
                   for item in items or ())


def record_list(attr: str, cls: Callable[..., Any], fields: tuple[Field, ...],
                what: str) -> tuple[Callable[[Any, Any], Any], Callable[[Any, Any, Any], None]]:
    """``to_data``/``from_data`` for an attribute holding a list of ``cls`` entries.

    On the wire the attribute is ``array structure { fields... }``.
    """
    count = len(fields)

    def to_data(obj: Any, settings: Any) -> GXArray:
        return records_to_data(getattr(obj, attr), fields)

    def from_data(obj: Any, value: Any, settings: Any) -> None:
        items = []
        for position, entry in enumerate(_entries(value, what) if value is not None else ()):
            where = f"{what} entry {position}"
            if not isinstance(entry, list) or len(entry) < count:
                raise DecodeError(where, expected=f"structure of {count} members", found=repr(entry))
            items.append(cls(**{f.name: value_from_data(v, f.data_type, f"{where} {f.name}", f.enum)
                                for f, v in zip(fields, entry)}))
        setattr(obj, attr, items)

    return to_data, from_data


def value_list(attr: str, data_type: DataType,
               what: str) -> tuple[Callable[[Any, Any], Any], Callable[[Any, Any, Any], None]]:
    """``to_data``/``from_data`` for an attribute holding ``array`` of simple values of one type."""

    def to_data(obj: Any, settings: Any) -> GXArray:
        return GXArray(value_to_data(v, data_type) for v in getattr(obj, attr) or ())

    def from_data(obj: Any, value: Any, settings: Any) -> None:
        entries = _entries(value, what) if value is not None else ()
        setattr(obj, attr, [value_from_data(v, data_type, f"{what} entry {i}") for i, v in enumerate(entries)])

    return to_data, from_data


def reset_to_defaults(obj: Any, names: Sequence[str]) -> None:
    """Give the named attributes their table defaults again (what the reset methods do)."""
    for attribute in obj.ATTRIBUTES:
        if attribute.name in names:
            value = attribute.factory() if attribute.factory is not None else attribute.default
            setattr(obj, attribute.name, value)


__all__ = ["Field", "record_list", "records_to_data", "reset_to_defaults", "value_from_data", "value_list", "value_to_data"]
