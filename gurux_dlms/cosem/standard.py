"""Companion standards a meter may follow (Gurux's ``Standard`` enum)."""

from __future__ import annotations

from enum import IntEnum


class Standard(IntEnum):
    """The standard whose OBIS codes and conventions apply (DLMS UA when none more specific)."""

    DLMS = 0
    INDIA = 1
    ITALY = 2
    SAUDI_ARABIA = 3
    IDIS = 4
    SPAIN = 5


__all__ = ["Standard"]
