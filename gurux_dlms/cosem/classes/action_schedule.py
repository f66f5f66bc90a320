"""Single action schedule (class 22): run one script at a list of dates and times."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from ...data.datetime import UNSPECIFIED_DEVIATION, GXDate, GXDateTime, GXTime
from ...data.types import DataType, GXArray, GXStructure, GXUInt16
from ...errors import DecodeError
from ..access import AccessMode
from ..base import Attribute, GXDLMSObject
from ..object_type import ObjectType
from ..registry import register_class
from .object_references import (
    as_int,
    as_octets,
    check_array,
    check_structure,
    ln_from,
    ln_octets,
    to_date_value,
)


class SingleActionScheduleType(IntEnum):
    """How the execution times are given (Gurux's ``SingleActionScheduleType``).

    1: one time, any date set; 2: several times, same date wildcards; 3: any times and dates.
    """

    SINGLE_ACTION_SCHEDULE_TYPE1 = 1
    SINGLE_ACTION_SCHEDULE_TYPE2 = 2
    SINGLE_ACTION_SCHEDULE_TYPE3 = 3
    SingleActionScheduleType1 = 1
    SingleActionScheduleType2 = 2
    SingleActionScheduleType3 = 3


def script_to_data(obj: Any, settings: Any) -> GXStructure:
    return GXStructure([ln_octets(obj.executedScriptLogicalName), GXUInt16(obj.executedScriptSelector)])


def script_from_data(obj: Any, value: Any, settings: Any) -> None:
    m = check_structure(value, 2, "executed script")
    obj.executedScriptLogicalName = ln_from(m[0])
    obj.executedScriptSelector = as_int(m[1], "executed script selector")


def _execution_time_to_data(value: Any) -> GXStructure:
    """execution_time_date ::= structure {time octet-string(4), date octet-string(5)}."""
    stamp = to_date_value(value)
    return GXStructure([bytearray(GXTime.from_raw(stamp.raw).to_bytes()),
                        bytearray(GXDate.from_raw(stamp.raw).to_bytes())])


def _execution_time_from_data(value: Any) -> GXDateTime:
    m = check_structure(value, 2, "execution time")
    time, date = as_octets(m[0], "execution time"), as_octets(m[1], "execution date")
    if len(time) != 4 or len(date) != 5:
        raise DecodeError("execution time", expected="a 4-byte time and a 5-byte date",
                          found=f"{len(time)} and {len(date)} bytes")
    raw = (*GXDate.from_bytes(date).raw[:4], *GXTime.from_bytes(time).raw[4:8], UNSPECIFIED_DEVIATION, 0xFF)
    return GXDateTime.from_raw(raw)


def times_to_data(obj: Any, settings: Any) -> GXArray:
    return GXArray(_execution_time_to_data(t) for t in obj.executionTime)


def times_from_data(obj: Any, value: Any, settings: Any) -> None:
    obj.executionTime = [_execution_time_from_data(item) for item in check_array(value, "execution times")]


@register_class
class GXDLMSActionSchedule(GXDLMSObject):
    """A COSEM Single action schedule.

    ``executionTime`` is a list of :class:`GXDateTime` combining each entry's date and time
    fields (unspecified fields stay unspecified); the deviation and status are not sent.
    """

    CLASS_ID = ObjectType.ACTION_SCHEDULE
    VERSION = 0
    ATTRIBUTES = (
        Attribute(2, "executedScript", "Executed Script", DataType.STRUCTURE, static=True, to_data=script_to_data,
                  from_data=script_from_data, access=AccessMode.READ_WRITE),
        Attribute(3, "type", "Type", DataType.ENUM, default=SingleActionScheduleType.SINGLE_ACTION_SCHEDULE_TYPE1,
                  enum=SingleActionScheduleType, static=True, access=AccessMode.READ_WRITE),
        Attribute(4, "executionTime", "Execution Time", DataType.ARRAY, factory=list, static=True,
                  to_data=times_to_data, from_data=times_from_data, access=AccessMode.READ_WRITE),
    )

    type: SingleActionScheduleType | int
    executionTime: list[GXDateTime]

    def __init__(self, ln: str | None = None, sn: int = 0) -> None:
        super().__init__(ln, sn)
        self.executedScriptLogicalName: Any = "0.0.0.0.0.0"
        self.executedScriptSelector = 0

    @property
    def executedScript(self) -> tuple[Any, int]:
        """(script table logical name, script selector)."""
        return self.executedScriptLogicalName, self.executedScriptSelector


__all__ = ["GXDLMSActionSchedule", "SingleActionScheduleType"]
