"""Clock (class 8): the meter's date and time, time zone, DST settings and adjustments."""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import IntEnum
from typing import Any

from ...data.datetime import GXDateTime
from ...data.enums import ClockStatus
from ...data.types import DataType, GXInt8, GXInt16, GXStructure
from ..access import AccessMode
from ..base import Attribute, GXDLMSObject, Method, ValueEventArgs, to_datetime_value
from ..object_type import ObjectType
from ..registry import register_class


class ClockBase(IntEnum):
    """What drives the clock (Gurux's ``ClockBase``)."""

    NONE = 0
    CRYSTAL = 1
    FREQUENCY_50 = 2
    FREQUENCY_60 = 3
    GPS = 4
    RADIO = 5


@register_class
class GXDLMSClock(GXDLMSObject):
    """A COSEM Clock.

    ``time``, ``begin`` and ``end`` are :class:`GXDateTime` values (octet strings on the
    wire); ``timeZone`` is the deviation of local time from UTC in minutes (DLMS sign:
    -60 for UTC+01:00); ``deviation`` the DST shift in minutes; ``status`` a ClockStatus.
    """

    CLASS_ID = ObjectType.CLOCK
    VERSION = 0
    DEFAULT_LN = "0.0.1.0.0.255"
    ATTRIBUTES = (
        Attribute(2, "time", "Time", DataType.OCTET_STRING, ui=DataType.DATETIME, factory=GXDateTime,
                  access=AccessMode.READ_WRITE),
        Attribute(3, "timeZone", "Time Zone", DataType.INT16, default=0, static=True, access=AccessMode.READ_WRITE),
        Attribute(4, "status", "Status", DataType.UINT8, default=ClockStatus.OK, enum=ClockStatus),
        Attribute(5, "begin", "Begin", DataType.OCTET_STRING, ui=DataType.DATETIME, factory=GXDateTime,
                  static=True, access=AccessMode.READ_WRITE),
        Attribute(6, "end", "End", DataType.OCTET_STRING, ui=DataType.DATETIME, factory=GXDateTime, static=True,
                  access=AccessMode.READ_WRITE),
        Attribute(7, "deviation", "Deviation", DataType.INT8, default=0, static=True, access=AccessMode.READ_WRITE),
        Attribute(8, "enabled", "Enabled", DataType.BOOLEAN, default=False, static=True,
                  access=AccessMode.READ_WRITE),
        Attribute(9, "clockBase", "Clock Base", DataType.ENUM, default=ClockBase.NONE, enum=ClockBase, static=True),
    )
    METHODS = (
        Method(1, "adjustToQuarter", "Adjust to quarter", DataType.INT8),
        Method(2, "adjustToMeasuringPeriod", "Adjust to measuring period", DataType.INT8),
        Method(3, "adjustToMinute", "Adjust to minute", DataType.INT8),
        Method(4, "adjustToPresetTime", "Adjust to preset time", DataType.INT8),
        Method(5, "presetAdjustingTime", "Preset adjusting time", DataType.STRUCTURE),
        Method(6, "shiftTime", "Shift time", DataType.INT16),
    )

    time: GXDateTime
    timeZone: int
    status: ClockStatus | int
    begin: GXDateTime
    end: GXDateTime
    deviation: int
    enabled: bool
    clockBase: ClockBase | int

    def __init__(self, ln: str | None = None, sn: int = 0) -> None:
        super().__init__(ln, sn)
        self.presetTime: GXDateTime | None = None
        self.validityIntervalStart: GXDateTime | None = None
        self.validityIntervalEnd: GXDateTime | None = None

    def __setattr__(self, name: str, value: Any) -> None:
        if name in ("time", "begin", "end") and value is not None and not isinstance(value, GXDateTime):
            value = to_datetime_value(value)
        object.__setattr__(self, name, value)

    # --- client helpers (Gurux names): each returns the frames to send ----------------
    def adjustToQuarter(self, client: Any) -> Any:
        return self._method_request(client, 1, 0)

    def adjustToMeasuringPeriod(self, client: Any) -> Any:
        return self._method_request(client, 2, 0)

    def adjustToMinute(self, client: Any) -> Any:
        return self._method_request(client, 3, 0)

    def adjustToPresetTime(self, client: Any) -> Any:
        return self._method_request(client, 4, 0)

    def presetAdjustingTime(self, client: Any, presetTime: Any, validityIntervalStart: Any,
                            validityIntervalEnd: Any) -> Any:
        value = GXStructure([bytearray(to_datetime_value(v).to_bytes())  # type: ignore[union-attr]
                             for v in (presetTime, validityIntervalStart, validityIntervalEnd)])
        return self._method_request(client, 5, value)

    def shiftTime(self, client: Any, forTime: int) -> Any:
        return self._method_request(client, 6, GXInt16(forTime))

    # --- server side ----------------------------------------------------------------------
    def now(self) -> GXDateTime:
        """The current time in the clock's time zone, with its status (what a server reports)."""
        value = GXDateTime(datetime.now().astimezone())
        value.status = self.status
        return value

    def invoke(self, settings: Any, e: ValueEventArgs) -> Any:
        current = self.time.value if isinstance(self.time, GXDateTime) and self.time.value else datetime.now()
        if e.index in (1, 2, 3):
            step = {1: 15, 2: 15, 3: 1}[e.index]
            minute = (current.minute + step // 2 + (1 if step == 1 and current.second >= 30 else 0)) // step * step
            base = current.replace(minute=0, second=0, microsecond=0)
            self.time = GXDateTime(base + timedelta(minutes=minute))
        elif e.index == 4:
            if self.presetTime is not None:
                self.time = GXDateTime(self.presetTime)
        elif e.index == 5:
            values = list(e.parameters or [])
            self.presetTime, self.validityIntervalStart, self.validityIntervalEnd = (
                GXDateTime.from_bytes(bytes(v)) if isinstance(v, (bytes, bytearray)) else v for v in values[:3])
        elif e.index == 6:
            self.time = GXDateTime(current + timedelta(seconds=int(e.parameters or 0)))
        else:
            return super().invoke(settings, e)
        return None


__all__ = ["ClockBase", "GXDLMSClock", "GXInt8"]
