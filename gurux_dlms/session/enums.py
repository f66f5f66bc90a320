"""Enumerations of the session layer (Gurux names and values)."""

from __future__ import annotations

from enum import IntEnum, IntFlag


class InterfaceType(IntEnum):
    """How APDUs travel (Gurux's ``InterfaceType``)."""

    HDLC = 0
    WRAPPER = 1
    PDU = 2
    WIRELESS_MBUS = 3
    HDLC_WITH_MODE_E = 4
    PLC = 5
    PLC_HDLC = 6
    LPWAN = 7
    WI_SUN = 8
    PLC_PRIME = 9
    WIRED_MBUS = 10


class Priority(IntEnum):
    """Invoke-id-and-priority bit 7."""

    NORMAL = 0
    HIGH = 1


class ServiceClass(IntEnum):
    """Invoke-id-and-priority bit 6."""

    UN_CONFIRMED = 0
    CONFIRMED = 1


class RequestTypes(IntFlag):
    """What a reply still needs (``GXReplyData.moreData``)."""

    NONE = 0
    DATABLOCK = 1
    FRAME = 2
    GBT = 4


def uses_hdlc(interface: int) -> bool:
    """True for the interfaces that carry HDLC frames."""
    return interface in (InterfaceType.HDLC, InterfaceType.HDLC_WITH_MODE_E, InterfaceType.PLC_HDLC)


__all__ = ["InterfaceType", "Priority", "RequestTypes", "ServiceClass", "uses_hdlc"]
