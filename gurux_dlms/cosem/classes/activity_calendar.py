"""Activity calendar (class 20): seasons, week profiles and day profiles that switch tariffs.

Each table exists twice: the active calendar and a passive one that replaces it at
``time`` (or when ``activate_passive_calendar`` is called).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from ...data.datetime import GXDateTime, GXTime
from ...data.types import DataType, GXArray, GXStructure, GXUInt8, GXUInt16
from ..access import AccessMode
from ..base import Attribute, GXDLMSObject, Method, ValueEventArgs, to_datetime_value
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
    octets,
    text_from,
)

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass(eq=True)
class GXDLMSSeasonProfile:
    """A season: its ``name``, ``start`` date-time and the ``weekName`` of the week profile it uses."""

    name: Any = ""
    start: Any = field(default_factory=GXDateTime)
    weekName: Any = ""


@dataclass(eq=True)
class GXDLMSWeekProfile:
    """A week profile: its ``name`` and the day profile id of each weekday."""

    name: Any = ""
    monday: int = 0
    tuesday: int = 0
    wednesday: int = 0
    thursday: int = 0
    friday: int = 0
    saturday: int = 0
    sunday: int = 0


@dataclass(eq=True)
class GXDLMSDayProfileAction:
    """From ``startTime`` on, run script ``scriptSelector`` of script table ``scriptLogicalName``."""

    startTime: Any = field(default_factory=GXTime)
    scriptLogicalName: Any = "0.0.0.0.0.0"
    scriptSelector: int = 0


@dataclass(eq=True)
class GXDLMSDayProfile:
    """A day profile: its ``dayId`` and the actions of the day, in time order."""

    dayId: int = 0
    daySchedules: list[GXDLMSDayProfileAction] = field(default_factory=list)


def _season_to_data(season: GXDLMSSeasonProfile) -> GXStructure:
    return GXStructure([octets(season.name), date_octets(season.start), octets(season.weekName)])


def _season_from_data(value: Any) -> GXDLMSSeasonProfile:
    m = check_structure(value, 3, "season profile")
    return GXDLMSSeasonProfile(text_from(m[0]), date_from(m[1]), text_from(m[2]))


def _week_to_data(week: GXDLMSWeekProfile) -> GXStructure:
    return GXStructure([octets(week.name), *(GXUInt8(getattr(week, day)) for day in WEEKDAYS)])


def _week_from_data(value: Any) -> GXDLMSWeekProfile:
    m = check_structure(value, 8, "week profile")
    return GXDLMSWeekProfile(text_from(m[0]), *(as_int(v, "week profile day id") for v in m[1:8]))


def _day_to_data(day: GXDLMSDayProfile) -> GXStructure:
    actions = GXArray(GXStructure([date_octets(a.startTime, DataType.TIME), ln_octets(a.scriptLogicalName),
                                   GXUInt16(a.scriptSelector)]) for a in day.daySchedules)
    return GXStructure([GXUInt8(day.dayId), actions])


def _day_from_data(value: Any) -> GXDLMSDayProfile:
    m = check_structure(value, 2, "day profile")
    actions = []
    for item in check_array(m[1], "day schedule"):
        a = check_structure(item, 3, "day profile action")
        actions.append(GXDLMSDayProfileAction(date_from(a[0], DataType.TIME), ln_from(a[1]),
                                              as_int(a[2], "day profile script selector")))
    return GXDLMSDayProfile(as_int(m[0], "day id"), actions)


def _table(name: str, to_one: Any, from_one: Any, what: str) -> tuple[Any, Any]:
    def to_data(obj: Any, settings: Any) -> GXArray:
        return GXArray(to_one(item) for item in getattr(obj, name))

    def from_data(obj: Any, value: Any, settings: Any) -> None:
        setattr(obj, name, [from_one(item) for item in check_array(value, what)])

    return to_data, from_data


def _name(name: str) -> tuple[Any, Any]:
    def to_data(obj: Any, settings: Any) -> bytearray:
        return octets(getattr(obj, name))

    def from_data(obj: Any, value: Any, settings: Any) -> None:
        setattr(obj, name, text_from(value))

    return to_data, from_data


def _attributes(first: int, suffix: str, title: str) -> tuple[Attribute, ...]:
    """The four attributes of one calendar (active from index 2, passive from index 6)."""
    access = AccessMode.READ if suffix == "Active" else AccessMode.READ_WRITE
    n_to, n_from = _name(f"calendarName{suffix}")
    s_to, s_from = _table(f"seasonProfile{suffix}", _season_to_data, _season_from_data, "season profiles")
    w_to, w_from = _table(f"weekProfileTable{suffix}", _week_to_data, _week_from_data, "week profiles")
    d_to, d_from = _table(f"dayProfileTable{suffix}", _day_to_data, _day_from_data, "day profiles")
    return (
        Attribute(first, f"calendarName{suffix}", f"Calendar Name {title}", DataType.OCTET_STRING, default="",
                  static=True, to_data=n_to, from_data=n_from, access=access),
        Attribute(first + 1, f"seasonProfile{suffix}", f"Season Profile {title}", DataType.ARRAY, factory=list,
                  static=True, to_data=s_to, from_data=s_from, access=access),
        Attribute(first + 2, f"weekProfileTable{suffix}", f"Week Profile Table {title}", DataType.ARRAY,
                  factory=list, static=True, to_data=w_to, from_data=w_from, access=access),
        Attribute(first + 3, f"dayProfileTable{suffix}", f"Day Profile Table {title}", DataType.ARRAY,
                  factory=list, static=True, to_data=d_to, from_data=d_from, access=access),
    )


@register_class
class GXDLMSActivityCalendar(GXDLMSObject):
    """A COSEM Activity calendar.

    Names are text when they are printable ASCII, else bytes; ``time`` is when the passive
    calendar becomes active.
    """

    CLASS_ID = ObjectType.ACTIVITY_CALENDAR
    VERSION = 0
    DEFAULT_LN = "0.0.13.0.0.255"
    ATTRIBUTES = (
        *_attributes(2, "Active", "Active"),
        *_attributes(6, "Passive", "Passive"),
        Attribute(10, "time", "Activate Passive Calendar Time", DataType.OCTET_STRING, ui=DataType.DATETIME,
                  factory=GXDateTime, static=True, access=AccessMode.READ_WRITE),
    )
    METHODS = (Method(1, "activatePassiveCalendar", "Activate passive calendar", DataType.INT8),)

    calendarNameActive: Any
    seasonProfileActive: list[GXDLMSSeasonProfile]
    weekProfileTableActive: list[GXDLMSWeekProfile]
    dayProfileTableActive: list[GXDLMSDayProfile]
    calendarNamePassive: Any
    seasonProfilePassive: list[GXDLMSSeasonProfile]
    weekProfileTablePassive: list[GXDLMSWeekProfile]
    dayProfileTablePassive: list[GXDLMSDayProfile]
    time: GXDateTime

    def __setattr__(self, name: str, value: Any) -> None:
        if name == "time" and value is not None and not isinstance(value, GXDateTime):
            value = to_datetime_value(value)
        object.__setattr__(self, name, value)

    def activatePassiveCalendar(self, client: Any) -> Any:
        return self._method_request(client, 1, 0)

    def invoke(self, settings: Any, e: ValueEventArgs) -> Any:
        """Activate passive calendar (1): the passive tables are copied into the active ones."""
        if e.index != 1:
            return super().invoke(settings, e)
        self.activate_passive()
        return None

    def activate_passive(self) -> None:
        """Copy the passive calendar into the active one (the passive one stays as it is)."""
        for part in ("calendarName", "seasonProfile", "weekProfileTable", "dayProfileTable"):
            setattr(self, f"{part}Active", copy.deepcopy(getattr(self, f"{part}Passive")))


__all__ = [
    "GXDLMSActivityCalendar",
    "GXDLMSDayProfile",
    "GXDLMSDayProfileAction",
    "GXDLMSSeasonProfile",
    "GXDLMSWeekProfile",
]
