"""Special days table (class 11): dates (holidays ...) that use a day profile of their own."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ...data.datetime import GXDate
from ...data.types import DataType, GXArray, GXStructure, GXUInt8, GXUInt16
from ..base import Attribute, GXDLMSObject, Method, ValueEventArgs
from ..object_type import ObjectType
from ..registry import register_class
from .object_references import as_int, check_array, check_structure, date_from, date_octets, to_date_value


@dataclass(eq=True)
class GXDLMSSpecialDay:
    """A special day: its ``index`` in the table, the ``date`` (fields may be unspecified) and the ``dayId``."""

    index: int = 0
    date: Any = field(default_factory=GXDate)
    dayId: int = 0

    def __post_init__(self) -> None:
        self.date = to_date_value(self.date, DataType.DATE)


def special_day_to_data(day: GXDLMSSpecialDay) -> GXStructure:
    return GXStructure([GXUInt16(day.index), date_octets(day.date, DataType.DATE), GXUInt8(day.dayId)])


def special_day_from_data(value: Any) -> GXDLMSSpecialDay:
    members = check_structure(value, 3, "special day")
    return GXDLMSSpecialDay(as_int(members[0], "special day index"), date_from(members[1], DataType.DATE),
                            as_int(members[2], "special day id"))


def entries_to_data(obj: Any, settings: Any) -> GXArray:
    return GXArray(special_day_to_data(day) for day in obj.entries)


def entries_from_data(obj: Any, value: Any, settings: Any) -> None:
    obj.entries = [special_day_from_data(item) for item in check_array(value, "special days")]


@register_class
class GXDLMSSpecialDaysTable(GXDLMSObject):
    """A COSEM Special days table: ``entries`` is a list of :class:`GXDLMSSpecialDay`."""

    CLASS_ID = ObjectType.SPECIAL_DAYS_TABLE
    VERSION = 0
    DEFAULT_LN = "0.0.11.0.0.255"
    ATTRIBUTES = (
        Attribute(2, "entries", "Entries", DataType.ARRAY, factory=list, static=True, to_data=entries_to_data,
                  from_data=entries_from_data),
    )
    METHODS = (
        Method(1, "insert", "Insert", DataType.STRUCTURE),
        Method(2, "delete", "Delete", DataType.UINT16),
    )

    entries: list[GXDLMSSpecialDay]

    def insert(self, client: Any, entry: GXDLMSSpecialDay) -> Any:
        return self._method_request(client, 1, special_day_to_data(entry))

    def delete(self, client: Any, entry: GXDLMSSpecialDay | int) -> Any:
        return self._method_request(client, 2, GXUInt16(entry.index if isinstance(entry, GXDLMSSpecialDay) else entry))

    def invoke(self, settings: Any, e: ValueEventArgs) -> Any:
        """Insert adds the entry (replacing one with the same index); delete removes an index."""
        if e.index == 1:
            day = special_day_from_data(e.parameters)
            self.entries = sorted([d for d in self.entries if d.index != day.index] + [day], key=lambda d: d.index)
        elif e.index == 2:
            index = as_int(e.parameters, "special day index")
            self.entries = [d for d in self.entries if d.index != index]
        else:
            return super().invoke(settings, e)
        return None


__all__ = ["GXDLMSSpecialDay", "GXDLMSSpecialDaysTable"]
