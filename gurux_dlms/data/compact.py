"""Compact arrays (A-XDR tag 19): one type description, then untagged contents.

A compact array is how meters send long profiles cheaply: the type of an element is
described once (``contents-description``) and the elements follow without type tags in
one octet string (``array-contents``).  The decoded value keeps both, so it re-encodes to
the same bytes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .types import DataType


@dataclass(frozen=True, slots=True)
class TypeDescription:
    """The type of a compact-array element.

    ``data_type`` is a simple type, ``ARRAY`` (``count`` elements of ``members[0]``) or
    ``STRUCTURE`` (one member per description in ``members``).
    """

    data_type: DataType
    count: int = 0
    members: tuple[TypeDescription, ...] = field(default=())

    @classmethod
    def simple(cls, data_type: DataType | int) -> TypeDescription:
        return cls(DataType(data_type))

    @classmethod
    def array(cls, count: int, element: TypeDescription) -> TypeDescription:
        return cls(DataType.ARRAY, count, (element,))

    @classmethod
    def structure(cls, *members: TypeDescription) -> TypeDescription:
        return cls(DataType.STRUCTURE, len(members), tuple(members))


class GXCompactArray(list):
    """A decoded compact array: the element values plus their ``description``."""

    __slots__ = ("description",)
    dataType = DataType.COMPACT_ARRAY

    def __init__(self, description: TypeDescription, values: list | None = None) -> None:
        super().__init__(values or ())
        self.description = description

    def __eq__(self, other: object) -> bool:
        if isinstance(other, GXCompactArray):
            return self.description == other.description and list.__eq__(self, other)
        return list.__eq__(self, other)

    __hash__ = None

    def __repr__(self) -> str:
        return f"GXCompactArray({self.description!r}, {list.__repr__(self)})"


__all__ = ["GXCompactArray", "TypeDescription"]
