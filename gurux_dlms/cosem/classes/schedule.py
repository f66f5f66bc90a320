"""Schedule (class 10): scripts run at set times on set weekdays and special days, within dates."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ...data.datetime import GXDate, GXTime
from ...data.types import DataType, GXArray, GXBitString, GXStructure, GXUInt16
from ...errors import DecodeError
from ..access import AccessMode
from ..base import Attribute, GXDLMSObject, Method, ValueEventArgs
from ..object_type import ObjectType
from ..registry import register_class
from .object_references import (
    as_int,
    check_array,
    check_structure,
    date_from,
    date_octets,
    ln_from,
    ln_octets,
)


@dataclass(eq=True)
class GXScheduleEntry:
    """One schedule entry: run ``scriptSelector`` of script table ``logicalName`` at ``switchTime``.

    ``execWeekdays`` has seven bits (Monday first), ``execSpecDays`` nine (special day
    ids 1..9); ``validityWindow`` is in minutes (0xFFFF: any time later the same day).
    """

    index: int = 0
    enable: bool = False
    logicalName: Any = "0.0.0.0.0.0"
    scriptSelector: int = 0
    switchTime: Any = field(default_factory=GXTime)
    validityWindow: int = 0
    execWeekdays: GXBitString = field(default_factory=lambda: GXBitString("0" * 7))
    execSpecDays: GXBitString = field(default_factory=lambda: GXBitString("0" * 9))
    beginDate: Any = field(default_factory=GXDate)
    endDate: Any = field(default_factory=GXDate)


def entry_to_data(entry: GXScheduleEntry) -> GXStructure:
    return GXStructure([
        GXUInt16(entry.index), bool(entry.enable), ln_octets(entry.logicalName), GXUInt16(entry.scriptSelector),
        date_octets(entry.switchTime, DataType.TIME), GXUInt16(entry.validityWindow),
        GXBitString(entry.execWeekdays), GXBitString(entry.execSpecDays),
        date_octets(entry.beginDate, DataType.DATE), date_octets(entry.endDate, DataType.DATE),
    ])


def entry_from_data(value: Any) -> GXScheduleEntry:
    m = check_structure(value, 10, "schedule entry")
    for position, what in ((6, "exec weekdays"), (7, "exec special days")):
        if not isinstance(m[position], str):
            raise DecodeError(f"schedule entry {what}", expected="a bit-string", found=type(m[position]).__name__)
    return GXScheduleEntry(
        as_int(m[0], "schedule entry index"), bool(m[1]), ln_from(m[2]), as_int(m[3], "script selector"),
        date_from(m[4], DataType.TIME), as_int(m[5], "validity window"), GXBitString(m[6]), GXBitString(m[7]),
        date_from(m[8], DataType.DATE), date_from(m[9], DataType.DATE))


def entries_to_data(obj: Any, settings: Any) -> GXArray:
    return GXArray(entry_to_data(entry) for entry in obj.entries)


def entries_from_data(obj: Any, value: Any, settings: Any) -> None:
    obj.entries = [entry_from_data(item) for item in check_array(value, "schedule entries")]


def _range(value: Any, first: int, what: str) -> range:
    low, high = as_int(value[first], what), as_int(value[first + 1], what)
    return range(low, high + 1)


@register_class
class GXDLMSSchedule(GXDLMSObject):
    """A COSEM Schedule: ``entries`` is a list of :class:`GXScheduleEntry`."""

    CLASS_ID = ObjectType.SCHEDULE
    VERSION = 0
    ATTRIBUTES = (
        Attribute(2, "entries", "Entries", DataType.ARRAY, factory=list, static=True, to_data=entries_to_data,
                  from_data=entries_from_data, access=AccessMode.READ_WRITE),
    )
    METHODS = (
        Method(1, "enableDisable", "Enable/disable", DataType.STRUCTURE),
        Method(2, "insert", "Insert", DataType.STRUCTURE),
        Method(3, "delete", "Delete", DataType.STRUCTURE),
    )

    entries: list[GXScheduleEntry]

    # --- client helpers -------------------------------------------------------------------
    def enableDisable(self, client: Any, disableFirst: int, disableLast: int, enableFirst: int,
                      enableLast: int) -> Any:
        """Disable entries disableFirst..disableLast and enable enableFirst..enableLast (index numbers)."""
        value = GXStructure(GXUInt16(v) for v in (disableFirst, disableLast, enableFirst, enableLast))
        return self._method_request(client, 1, value)

    def insert(self, client: Any, entry: GXScheduleEntry) -> Any:
        return self._method_request(client, 2, entry_to_data(entry))

    def delete(self, client: Any, first: int, last: int | None = None) -> Any:
        """Delete the entries whose index is first..last (last defaults to first)."""
        value = GXStructure([GXUInt16(first), GXUInt16(first if last is None else last)])
        return self._method_request(client, 3, value)

    # --- server side ----------------------------------------------------------------------
    def invoke(self, settings: Any, e: ValueEventArgs) -> Any:
        """enable/disable: the first index range is disabled, the second enabled; insert adds or
        replaces the entry with the same index (kept in index order); delete removes an index range."""
        if e.index == 1:
            params = check_structure(e.parameters, 4, "enable/disable parameters")
            disable, enable = _range(params, 0, "first/last index"), _range(params, 2, "first/last index")
            for entry in self.entries:
                if entry.index in disable:
                    entry.enable = False
                if entry.index in enable:
                    entry.enable = True
        elif e.index == 2:
            entry = entry_from_data(e.parameters)
            self.entries = sorted([x for x in self.entries if x.index != entry.index] + [entry],
                                  key=lambda x: x.index)
        elif e.index == 3:
            params = check_structure(e.parameters, 2, "delete parameters")
            gone = _range(params, 0, "first/last index")
            self.entries = [x for x in self.entries if x.index not in gone]
        else:
            return super().invoke(settings, e)
        return None


__all__ = ["GXDLMSSchedule", "GXScheduleEntry"]
