"""COSEM date-time, date and time values (Blue Book 4.1.6.1).

The wire fields are the truth: a value keeps every field the meter sent (unspecified
fields, the DST/last-day markers, hundredths, the deviation including 0x8000, the clock
status and the day of week), so it re-encodes to the same bytes.  ``value`` is the Python
``datetime`` view of those fields, with unspecified fields replaced by neutral values and
flagged in ``skip``.

Deviation follows DLMS (and Gurux): minutes *to add to local time to get UTC*, so CET
(UTC+01:00) is -60 and a deviation of 60 means UTC-01:00.
"""

from __future__ import annotations

import struct
import time as _time
from datetime import date as _date
from datetime import datetime, timedelta, timezone
from datetime import time as _dtime
from typing import Any

from ..errors import ConfigurationError, DecodeError
from .enums import ClockStatus, DateTimeExtraInfo, DateTimeSkips
from .types import DataType

#: Raw field order of the 10-tuple every value keeps.
FIELDS = ("year", "month", "day", "dayOfWeek", "hour", "minute", "second", "hundredths", "deviation", "status")
UNSPECIFIED_DEVIATION = -0x8000

_DATETIME = struct.Struct(">HBBBBBBBhB")
_DATE = struct.Struct(">HBBB")
_TIME = struct.Struct(">BBBB")

_ALL_SKIPPED = (0xFFFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, UNSPECIFIED_DEVIATION, 0xFF)

# (field index, skip flag, unspecified value, neutral value used in ``value``)
_SKIP_FIELDS = (
    (0, DateTimeSkips.YEAR, 0xFFFF),
    (1, DateTimeSkips.MONTH, 0xFF),
    (2, DateTimeSkips.DAY, 0xFF),
    (3, DateTimeSkips.DAY_OF_WEEK, 0xFF),
    (4, DateTimeSkips.HOUR, 0xFF),
    (5, DateTimeSkips.MINUTE, 0xFF),
    (6, DateTimeSkips.SECOND, 0xFF),
    (7, DateTimeSkips.MILLISECOND, 0xFF),
    (8, DateTimeSkips.DEVITATION, UNSPECIFIED_DEVIATION),
    (9, DateTimeSkips.STATUS, 0xFF),
)

_ZONES: dict[int, timezone] = {}


def zone_of(deviation: int) -> timezone | None:
    """The ``tzinfo`` for a DLMS deviation in minutes (None when unspecified)."""
    zone = _ZONES.get(deviation)
    if zone is None:
        if deviation == UNSPECIFIED_DEVIATION or not -1440 < deviation < 1440:
            return None
        zone = _ZONES[deviation] = timezone(timedelta(minutes=-deviation))
    return zone


def _local_deviation(value: datetime) -> int:
    """DLMS deviation of the machine's local zone at ``value`` (what Gurux writes for naive times)."""
    stamp = _time.mktime(value.timetuple())
    offset = datetime.fromtimestamp(stamp).astimezone().utcoffset() or timedelta(0)
    return -int(offset.total_seconds() // 60)


class GXDateTime:
    """A COSEM date-time (12 bytes on the wire).

    Build it from a ``datetime`` (``GXDateTime(datetime(2024, 11, 24, 10, 30))``), from text
    (``GXDateTime("2024-11-24 10:30:00")``), from bytes (:meth:`from_bytes`) or from fields
    (:meth:`from_fields`).  A naive ``datetime`` takes the deviation of the local time zone,
    as Gurux does; an aware one its own offset.  ``None`` gives a value with every field
    unspecified.
    """

    __slots__ = ("_bytes", "_fields", "_value")
    dataType = DataType.DATETIME
    _size = 12
    _bytes: bytes | None
    _fields: tuple[int, ...] | None
    _value: datetime | None

    # The fields are kept as the 10-tuple ``_raw``; a value decoded from a profile keeps just
    # its 12 wire bytes until a field is asked for (most rows are only ever re-sent or shown).
    @property
    def _raw(self) -> tuple[int, ...]:
        fields = self._fields
        if fields is None:
            fields = self._fields = self._unpack(self._bytes or b"")
        return fields

    @_raw.setter
    def _raw(self, fields: tuple[int, ...]) -> None:
        self._fields = fields
        self._bytes = None
        self._value = None

    @staticmethod
    def _unpack(data: bytes) -> tuple[int, ...]:
        return _DATETIME.unpack(data)

    def __init__(self, value: Any = None, pattern: str | None = None, *, skip: DateTimeSkips | int = 0) -> None:
        self._value = None
        self._bytes = None
        if value is None:
            self._raw = _ALL_SKIPPED
            return
        if isinstance(value, GXDateTime):
            self._raw = value._raw
        elif isinstance(value, datetime):
            self._raw = _fields_of_datetime(value)
        elif isinstance(value, _date):
            self._raw = (value.year, value.month, value.day, value.isoweekday(), 0, 0, 0, 0, UNSPECIFIED_DEVIATION, 0)
        elif isinstance(value, _dtime):
            self._raw = (0xFFFF, 0xFF, 0xFF, 0xFF, value.hour, value.minute, value.second,
                         value.microsecond // 10000, UNSPECIFIED_DEVIATION, 0)
        elif isinstance(value, str):
            self._raw = _fields_of_datetime(_parse_text(value, pattern))
        elif isinstance(value, (bytes, bytearray, memoryview)):
            self._raw = type(self).from_bytes(bytes(value))._raw
        else:
            raise ConfigurationError("date-time value", expected="datetime, str or bytes", found=type(value).__name__)
        if skip:
            self.skip = DateTimeSkips(self.skip | skip)

    # --- construction -------------------------------------------------------------------
    @classmethod
    def from_fields(
        cls,
        year: int = 0xFFFF,
        month: int = 0xFF,
        day: int = 0xFF,
        dayOfWeek: int = 0xFF,
        hour: int = 0xFF,
        minute: int = 0xFF,
        second: int = 0xFF,
        hundredths: int = 0xFF,
        deviation: int = UNSPECIFIED_DEVIATION,
        status: int = 0,
    ) -> GXDateTime:
        """A value from raw wire fields (0xFF / 0xFFFF / -0x8000 mean 'not specified')."""
        obj = cls.__new__(cls)
        obj._raw = (year, month, day, dayOfWeek, hour, minute, second, hundredths, deviation, status)
        return obj

    @classmethod
    def from_raw(cls, raw: tuple[int, ...]) -> GXDateTime:
        """A value from the 10-tuple of wire fields (the fast path of the decoders)."""
        obj = cls.__new__(cls)
        obj._raw = raw
        return obj

    @classmethod
    def from_bytes(cls, data: bytes, offset: int = 0) -> GXDateTime:
        """Decode the 12-byte COSEM date-time at ``offset``."""
        if len(data) - offset < 12:
            raise DecodeError("date-time", where=offset, expected="12 bytes", found=f"{len(data) - offset}")
        obj = cls.__new__(cls)
        obj._raw = _DATETIME.unpack_from(data, offset)
        return obj

    @classmethod
    def now(cls) -> GXDateTime:
        """The current local time, with the local deviation."""
        return cls(datetime.now())

    # --- wire ---------------------------------------------------------------------------
    def to_bytes(self) -> bytes:
        """The 12-byte COSEM date-time."""
        if self._bytes is not None:
            return self._bytes
        try:
            return _DATETIME.pack(*self._raw)
        except struct.error as exc:
            raise ConfigurationError("date-time field out of range", found=str(self._raw)) from exc

    def __bytes__(self) -> bytes:
        return self.to_bytes()

    @property
    def raw(self) -> tuple[int, ...]:
        """The wire fields: year, month, day, dayOfWeek, hour, minute, second, hundredths, deviation, status."""
        return self._raw

    # --- the datetime view --------------------------------------------------------------
    @property
    def value(self) -> datetime | None:
        """The fields as a ``datetime``: aware when the deviation is given, naive when not.

        Unspecified fields become neutral values (year 2000, January, day 1, zero time).
        None when the fields do not form a date (e.g. February 30).
        """
        value = self._value
        if value is None:
            y, mo, d, _, h, mi, s, hs, dev, _ = self._raw
            try:
                value = datetime(
                    2000 if y == 0xFFFF else y,
                    1 if mo >= 0xFD else mo,
                    1 if d >= 0xFD else d,
                    0 if h == 0xFF else h,
                    0 if mi == 0xFF else mi,
                    0 if s == 0xFF else s,
                    0 if hs == 0xFF else hs * 10000,
                    zone_of(dev),
                )
            except (ValueError, OverflowError):
                return None
            self._value = value
        return value

    @value.setter
    def value(self, value: datetime) -> None:
        skip = self.skip
        self._raw = _fields_of_datetime(value, self._raw[9])
        if skip:
            self.skip = skip

    def _field(index: int) -> Any:  # type: ignore[misc]
        def get(self: GXDateTime) -> int:
            return self._raw[index]

        def set_(self: GXDateTime, value: int) -> None:
            raw = list(self._raw)
            raw[index] = int(value)
            self._raw = tuple(raw)

        return property(get, set_, doc=f"The raw '{FIELDS[index]}' field.")

    year = _field(0)
    month = _field(1)
    day = _field(2)
    dayOfWeek = _field(3)
    hour = _field(4)
    minute = _field(5)
    second = _field(6)
    hundredths = _field(7)
    deviation = _field(8)
    del _field

    @property
    def status(self) -> ClockStatus:
        """The clock status byte."""
        return ClockStatus(self._raw[9])

    @status.setter
    def status(self, value: int) -> None:
        self._raw = (*self._raw[:9], int(value))

    @property
    def skip(self) -> DateTimeSkips:
        """The fields that are not specified."""
        raw = self._raw
        flags = 0
        for index, flag, unspecified in _SKIP_FIELDS:
            if raw[index] == unspecified:
                flags |= flag
        return DateTimeSkips(flags)

    @skip.setter
    def skip(self, value: DateTimeSkips | int) -> None:
        raw = list(self._raw)
        for index, flag, unspecified in _SKIP_FIELDS:
            if value & flag:
                raw[index] = unspecified
        self._raw = tuple(raw)

    @property
    def extra(self) -> DateTimeExtraInfo:
        """DST begin/end months and last-day markers."""
        month, day = self._raw[1], self._raw[2]
        flags = {0xFE: DateTimeExtraInfo.DST_BEGIN, 0xFD: DateTimeExtraInfo.DST_END}.get(month, 0)
        flags |= {0xFE: DateTimeExtraInfo.LAST_DAY, 0xFD: DateTimeExtraInfo.LAST_DAY2}.get(day, 0)
        return DateTimeExtraInfo(flags)

    # --- comparison and text ------------------------------------------------------------
    def __eq__(self, other: object) -> bool:
        if isinstance(other, GXDateTime):
            return type(self) is type(other) and self._raw == other._raw
        return NotImplemented

    def __hash__(self) -> int:
        return hash((type(self).__name__, self._raw))

    def __repr__(self) -> str:
        return f"{type(self).__name__}.from_fields{self._raw}"

    def __str__(self) -> str:
        return self.toFormatString()

    def toFormatString(self) -> str:
        """``MM/DD/YY HH:MM:SS`` of the wall-clock fields; unspecified fields as ``*``."""
        y, mo, d, _, h, mi, s, _, _, _ = self._raw
        date = f"{_two(mo)}/{_two(d)}/{'*' if y == 0xFFFF else f'{y % 100:02d}'}"
        clock = f"{_two(h)}:{_two(mi)}:{_two(s)}"
        return f"{date} {clock}"

    def toUnixTime(self) -> int:
        """Seconds since 1970-01-01 UTC (local time when the deviation is unspecified)."""
        value = self.value
        if value is None:
            raise ConfigurationError("date-time has no valid date", found=repr(self))
        return int(value.timestamp())

    @classmethod
    def fromUnixTime(cls, seconds: int) -> GXDateTime:
        """A UTC date-time from seconds since 1970."""
        return cls(datetime.fromtimestamp(seconds, timezone.utc))


class GXDate(GXDateTime):
    """A COSEM date (5 bytes: year, month, day, day of week)."""

    __slots__ = ()
    dataType = DataType.DATE
    _size = 5

    def __init__(self, value: Any = None, pattern: str | None = None, *, skip: DateTimeSkips | int = 0) -> None:
        super().__init__(value, pattern, skip=skip)
        y, mo, d, dow = self._raw[:4]
        self._raw = (y, mo, d, dow, 0xFF, 0xFF, 0xFF, 0xFF, UNSPECIFIED_DEVIATION, 0xFF)

    @classmethod
    def from_bytes(cls, data: bytes, offset: int = 0) -> GXDate:
        """Decode the 5-byte COSEM date at ``offset``."""
        if len(data) - offset < 5:
            raise DecodeError("date", where=offset, expected="5 bytes", found=f"{len(data) - offset}")
        obj = cls.__new__(cls)
        obj._raw = (*_DATE.unpack_from(data, offset), 0xFF, 0xFF, 0xFF, 0xFF, UNSPECIFIED_DEVIATION, 0xFF)
        return obj

    def to_bytes(self) -> bytes:
        try:
            return _DATE.pack(*self._raw[:4])
        except struct.error as exc:
            raise ConfigurationError("date field out of range", found=str(self._raw[:4])) from exc

    def toFormatString(self) -> str:
        return super().toFormatString().split(" ")[0]


class GXTime(GXDateTime):
    """A COSEM time (4 bytes: hour, minute, second, hundredths)."""

    __slots__ = ()
    dataType = DataType.TIME
    _size = 4

    def __init__(self, value: Any = None, pattern: str | None = None, *, skip: DateTimeSkips | int = 0) -> None:
        super().__init__(value, pattern, skip=skip)
        self._raw = (0xFFFF, 0xFF, 0xFF, 0xFF, *self._raw[4:8], UNSPECIFIED_DEVIATION, 0xFF)

    @classmethod
    def from_bytes(cls, data: bytes, offset: int = 0) -> GXTime:
        """Decode the 4-byte COSEM time at ``offset``."""
        if len(data) - offset < 4:
            raise DecodeError("time", where=offset, expected="4 bytes", found=f"{len(data) - offset}")
        obj = cls.__new__(cls)
        obj._raw = (0xFFFF, 0xFF, 0xFF, 0xFF, *_TIME.unpack_from(data, offset), UNSPECIFIED_DEVIATION, 0xFF)
        return obj

    def to_bytes(self) -> bytes:
        try:
            return _TIME.pack(*self._raw[4:8])
        except struct.error as exc:
            raise ConfigurationError("time field out of range", found=str(self._raw[4:8])) from exc

    def toFormatString(self) -> str:
        return super().toFormatString().split(" ")[1]


def _two(value: int) -> str:
    return "*" if value >= 0xFD else f"{value:02d}"


def _fields_of_datetime(value: datetime, status: int = 0) -> tuple[int, ...]:
    if value.tzinfo is None:
        deviation = _local_deviation(value)
    else:
        offset = value.utcoffset() or timedelta(0)
        deviation = -int(offset.total_seconds() // 60)
    return (value.year, value.month, value.day, value.isoweekday(), value.hour, value.minute, value.second,
            value.microsecond // 10000, deviation, status)


_TEXT_FORMATS = (
    "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d",
    "%m/%d/%y %H:%M:%S", "%m/%d/%Y %H:%M:%S", "%m/%d/%y %H:%M", "%m/%d/%y",
)


def _parse_text(text: str, pattern: str | None) -> datetime:
    if pattern:
        return datetime.strptime(text, pattern)
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        pass
    for fmt in _TEXT_FORMATS:
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            continue
    raise ConfigurationError("date-time text", expected="ISO 8601 or MM/DD/YY HH:MM:SS", found=repr(text))


_new = object.__new__


def datetime_from_raw(raw: tuple[int, ...]) -> GXDateTime:
    """A :class:`GXDateTime` from its 10 wire fields, as cheaply as Python allows (decoder hot path)."""
    obj = _new(GXDateTime)
    obj._fields = raw
    obj._bytes = None
    obj._value = None
    return obj


def datetime_from_wire(data: bytes) -> GXDateTime:
    """A :class:`GXDateTime` from its 12 wire bytes; the fields are read when first asked for."""
    obj = _new(GXDateTime)
    obj._bytes = data
    obj._fields = None
    obj._value = None
    return obj


__all__ = ["FIELDS", "UNSPECIFIED_DEVIATION", "GXDate", "GXDateTime", "GXTime", "datetime_from_raw", "zone_of"]
