"""Enumerations of the data layer (Gurux names and values)."""

from __future__ import annotations

from enum import IntEnum, IntFlag


class DateTimeSkips(IntFlag):
    """Date-time fields that are 'not specified' on the wire (0xFF / 0xFFFF / 0x8000)."""

    NONE = 0
    YEAR = 0x1
    MONTH = 0x2
    DAY = 0x4
    DAY_OF_WEEK = 0x8
    HOUR = 0x10
    MINUTE = 0x20
    SECOND = 0x40
    MILLISECOND = 0x80
    DEVITATION = 0x100  # sic: Gurux's spelling
    STATUS = 0x200


class DateTimeExtraInfo(IntFlag):
    """Special month and day values of a COSEM date (DST begin/end, last days of the month)."""

    NONE = 0
    DST_BEGIN = 0x1  # month 0xFE
    DST_END = 0x2  # month 0xFD
    LAST_DAY = 0x4  # day 0xFE
    LAST_DAY2 = 0x8  # day 0xFD


class ClockStatus(IntFlag):
    """Clock status bits of a COSEM date-time."""

    OK = 0
    INVALID_VALUE = 0x1
    DOUBTFUL_VALUE = 0x2
    DIFFERENT_CLOCK_BASE = 0x4
    INVALID_CLOCK_STATUS = 0x8
    RESERVED2 = 0x10
    RESERVED3 = 0x20
    RESERVED4 = 0x40
    DAYLIGHT_SAVE_ACTIVE = 0x80
    SKIPPED = 0xFF


class DateTimeKind(IntEnum):
    """Which COSEM encoding a date-time value uses."""

    DATETIME = 12
    DATE = 5
    TIME = 4
