"""COSEM date-time values: fields, skips, deviation, status and the datetime view."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from gurux_dlms.data import ClockStatus, DateTimeExtraInfo, DateTimeSkips, GXDate, GXDateTime, GXTime
from gurux_dlms.errors import DecodeError


def test_fields_and_value() -> None:
    value = GXDateTime.from_bytes(bytes.fromhex("07E80B18070A1E0032FFC480"))
    assert value.raw == (2024, 11, 24, 7, 10, 30, 0, 0x32, -60, 0x80)
    assert value.value == datetime(2024, 11, 24, 10, 30, 0, 500000, timezone(timedelta(hours=1)))
    assert value.status == ClockStatus.DAYLIGHT_SAVE_ACTIVE
    assert value.skip == DateTimeSkips.NONE
    assert value.to_bytes().hex().upper() == "07E80B18070A1E0032FFC480"


def test_positive_deviation_is_west_of_utc() -> None:
    value = GXDateTime.from_bytes(bytes.fromhex("07E80B18070A1E0000003C00"))
    assert value.value is not None and value.value.utcoffset() == timedelta(hours=-1)


def test_unspecified_fields_become_skips_and_survive() -> None:
    raw = bytes.fromhex("FFFFFF01FF0AFFFFFF800000")
    value = GXDateTime.from_bytes(raw)
    assert value.skip == (DateTimeSkips.YEAR | DateTimeSkips.MONTH | DateTimeSkips.DAY_OF_WEEK
                          | DateTimeSkips.MINUTE | DateTimeSkips.SECOND | DateTimeSkips.MILLISECOND
                          | DateTimeSkips.DEVITATION)
    assert value.value == datetime(2000, 1, 1, 10, 0)
    assert value.value.tzinfo is None
    assert value.to_bytes() == raw


def test_dst_and_last_day_markers() -> None:
    value = GXDateTime.from_bytes(bytes.fromhex("FFFFFEFDFF02000000800000"))
    assert value.extra == DateTimeExtraInfo.DST_BEGIN | DateTimeExtraInfo.LAST_DAY2
    assert value.to_bytes().hex().upper() == "FFFFFEFDFF02000000800000"


def test_invalid_date_gives_none_value_but_keeps_bytes() -> None:
    raw = bytes.fromhex("07E8021E050A000000FFC400")  # February 30
    value = GXDateTime.from_bytes(raw)
    assert value.value is None
    assert value.to_bytes() == raw


def test_from_aware_datetime() -> None:
    stamp = datetime(2024, 3, 5, 6, 7, 8, 90000, timezone(timedelta(hours=2)))
    value = GXDateTime(stamp)
    assert value.to_bytes().hex().upper() == "07E8030502060708" + "09" + "FF88" + "00"


def test_setting_skip_and_value() -> None:
    value = GXDateTime(datetime(2024, 3, 5, 6, 7, 8, tzinfo=timezone.utc))
    value.skip = DateTimeSkips.DAY_OF_WEEK | DateTimeSkips.MILLISECOND
    assert value.to_bytes().hex().upper() == "07E80305FF060708FF000000"
    value.value = datetime(2025, 1, 1, tzinfo=timezone.utc)
    assert value.dayOfWeek == 0xFF  # the skip stays
    assert value.year == 2025


def test_date_and_time_kinds() -> None:
    date = GXDate.from_bytes(bytes.fromhex("07E80B1807"))
    assert date.to_bytes().hex() == "07e80b1807"
    assert str(date) == "11/24/24"
    time = GXTime.from_bytes(bytes.fromhex("0A1E00FF"))
    assert time.to_bytes().hex() == "0a1e00ff"
    assert str(time) == "10:30:00"
    assert GXDate(datetime(2024, 1, 2)).to_bytes().hex() == "07e8010202"


def test_text_form_matches_gurux() -> None:
    value = GXDateTime.from_bytes(bytes.fromhex("07E80B18070A1E00FF800000"))
    assert str(value) == "11/24/24 10:30:00"


def test_parse_text() -> None:
    assert GXDateTime("2024-11-24 10:30:00").raw[:8] == (2024, 11, 24, 7, 10, 30, 0, 0)


def test_truncated_bytes_raise() -> None:
    with pytest.raises(DecodeError, match="12 bytes"):
        GXDateTime.from_bytes(b"\x07\xe8")


def test_equality_and_hash_follow_fields() -> None:
    a = GXDateTime.from_bytes(bytes.fromhex("07E80B18070A1E00FF800000"))
    b = GXDateTime.from_fields(*a.raw)
    assert a == b and hash(a) == hash(b)
    assert a != GXDate.from_bytes(a.to_bytes()[:5])
