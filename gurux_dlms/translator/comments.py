"""The explanatory texts of ``<!--...-->`` comments (written only when comments are on).

Gurux explains octet strings by their length: 12 bytes as a date-time, 5 as a date,
6 ending in 0xFF as an OBIS code, printable ones as their text.  Date-times are shown in
UTC (the wall-clock fields plus the deviation, when it is given) as ``MM/DD/YY HH:MM:SS``;
when any date or time field is unspecified the skipped fields are left out and the
hundredths are added as microseconds (``MM/DD/YY HH:MM:SS:ffffff``), as Gurux does.
"""

from __future__ import annotations

import math
import struct
from datetime import datetime, timedelta

from ..data.datetime import UNSPECIFIED_DEVIATION

_DATETIME = struct.Struct(">HBBBBBBBhB")
_DATE = struct.Struct(">HBBB")


def datetime_text(fields: tuple[int, ...]) -> str | None:
    """The comment text of the ten date-time fields, or None when they are not a date-time."""
    year, month, day, dow, hour, minute, second, hundredths, deviation, _ = fields
    skip_year = year == 0xFFFF
    skip_month = month >= 0xFD
    skip_day = day >= 0xFD
    skipped = (skip_year or skip_month or skip_day or dow == 0xFF or hour == 0xFF or minute == 0xFF
               or second == 0xFF or hundredths == 0xFF)
    try:
        value = datetime(2000 if skip_year else year, 1 if skip_month else month, 1 if skip_day else day,
                         0 if hour == 0xFF else hour, 0 if minute == 0xFF else minute,
                         0 if second == 0xFF else second, 0 if hundredths == 0xFF else hundredths * 10000)
    except ValueError:
        return None
    if not (dow == 0xFF or 1 <= dow <= 7) or (hundredths != 0xFF and hundredths > 99):
        return None
    if deviation != UNSPECIFIED_DEVIATION:
        if not -1440 < deviation < 1440:
            return None
        try:
            value += timedelta(minutes=deviation)
        except OverflowError:
            return None
    if not skipped:
        return value.strftime("%m/%d/%y %H:%M:%S")
    date = "/".join(part for part, skip in ((f"{value.month:02d}", skip_month), (f"{value.day:02d}", skip_day),
                                           (f"{value.year % 100:02d}", skip_year)) if not skip)
    clock = ":".join(part for part, skip in ((f"{value.hour:02d}", hour == 0xFF),
                                            (f"{value.minute:02d}", minute == 0xFF),
                                            (f"{value.second:02d}", second == 0xFF),
                                            (f"{value.microsecond:06d}", hundredths == 0xFF)) if not skip)
    text = f"{date} {clock}" if date and clock else date or clock
    return text or None


def octet_string_text(value: bytes | bytearray) -> str | None:
    """What an octet string probably is: a date-time, a date, an OBIS code or text."""
    size = len(value)
    if size == 12:
        text = datetime_text(_DATETIME.unpack(value))
        if text is not None:
            return text
    elif size == 5:
        year, month, day, dow = _DATE.unpack(value)
        text = datetime_text((year, month, day, dow, 0xFF, 0xFF, 0xFF, 0xFF, UNSPECIFIED_DEVIATION, 0xFF))
        if text is not None:
            return text
    elif size == 6 and value[5] == 0xFF:
        return ".".join(map(str, value))
    if size and all(0x20 <= b < 0x7F for b in value):
        return bytes(value).decode("ascii")
    return None


def float_text(value: float) -> str:
    """A float as a short decimal: ``0``, ``1.5``, ``-2.25``, ``1e+100``."""
    if math.isfinite(value) and value == int(value) and abs(value) < 1e16:
        return str(int(value))
    return repr(float(value))


__all__ = ["datetime_text", "float_text", "octet_string_text"]
