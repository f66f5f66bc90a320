"""Local and serial port setups: IEC optical port (19), IEC HDLC (23), IEC twisted pair (24),
M-Bus slave port (25) and M-Bus master port (74).

These classes only hold link parameters (baud rates, window sizes, addresses, timeouts), so
they are tables and nothing else; the baud rate enumeration they share is Gurux's ``BaudRate``.
"""

from __future__ import annotations

from enum import IntEnum

from ...data.types import DataType
from ..access import AccessMode
from ..base import Attribute, GXDLMSObject
from ..object_type import ObjectType
from ..registry import register_class
from .setup_values import list_attribute, text_attribute

RW = AccessMode.READ_WRITE


class BaudRate(IntEnum):
    """Communication speed of a serial port."""

    BAUDRATE_300 = 0
    BAUDRATE_600 = 1
    BAUDRATE_1200 = 2
    BAUDRATE_2400 = 3
    BAUDRATE_4800 = 4
    BAUDRATE_9600 = 5
    BAUDRATE_19200 = 6
    BAUDRATE_38400 = 7
    BAUDRATE_57600 = 8
    BAUDRATE_115200 = 9


class OpticalProtocolMode(IntEnum):
    """IEC local port default mode: IEC 62056-21 protocol, DLMS/COSEM directly, or not specified."""

    DEFAULT = 0
    NET = 1
    UNKNOWN = 2


class LocalPortResponseTime(IntEnum):
    """Minimum time before a reply on the IEC local port."""

    MS_20 = 0
    MS_200 = 1


class IecTwistedPairSetupMode(IntEnum):
    """Whether the twisted pair port takes part in the bus."""

    INACTIVE = 0
    ACTIVE = 1


class AddressState(IntEnum):
    """Whether an M-Bus slave port has a primary address."""

    NONE = 0
    ASSIGNED = 1


def _baud(index: int, name: str, title: str, default: BaudRate) -> Attribute:
    return Attribute(index, name, title, DataType.ENUM, default=default, enum=BaudRate, static=True, access=RW)


@register_class
class GXDLMSIECLocalPortSetup(GXDLMSObject):
    """IEC 62056-21 optical (local) port: modes, baud rates, device address and passwords (text)."""

    CLASS_ID = ObjectType.IEC_LOCAL_PORT_SETUP
    VERSION = 1
    DEFAULT_LN = "0.0.20.0.0.255"
    ATTRIBUTES = (
        Attribute(2, "defaultMode", "Default Mode", DataType.ENUM, default=OpticalProtocolMode.DEFAULT,
                  enum=OpticalProtocolMode, static=True, access=RW),
        _baud(3, "defaultBaudrate", "Default Baudrate", BaudRate.BAUDRATE_300),
        _baud(4, "proposedBaudrate", "Proposed Baudrate", BaudRate.BAUDRATE_9600),
        Attribute(5, "responseTime", "Response Time", DataType.ENUM, default=LocalPortResponseTime.MS_20,
                  enum=LocalPortResponseTime, static=True, access=RW),
        text_attribute(6, "deviceAddress", "Device Address", static=True, access=RW),
        text_attribute(7, "password1", "Password P1", static=True, access=AccessMode.WRITE),
        text_attribute(8, "password2", "Password P2", static=True, access=AccessMode.WRITE),
        text_attribute(9, "password5", "Password W5", static=True, access=AccessMode.WRITE),
    )

    defaultMode: OpticalProtocolMode | int
    defaultBaudrate: BaudRate | int
    proposedBaudrate: BaudRate | int
    responseTime: LocalPortResponseTime | int
    deviceAddress: str
    password1: str
    password2: str
    password5: str


@register_class
class GXDLMSHdlcSetup(GXDLMSObject):
    """IEC HDLC setup: speed, window sizes, maximum information field lengths, timeouts, address.

    Version 0 sends the maximum information lengths as ``unsigned``, version 1 as
    ``long-unsigned``.
    """

    CLASS_ID = ObjectType.IEC_HDLC_SETUP
    VERSION = 1
    DEFAULT_LN = "0.0.22.0.0.255"
    ATTRIBUTES = (
        _baud(2, "communicationSpeed", "Communication Speed", BaudRate.BAUDRATE_9600),
        Attribute(3, "windowSizeTransmit", "Window Size Transmit", DataType.UINT8, default=1, static=True, access=RW),
        Attribute(4, "windowSizeReceive", "Window Size Receive", DataType.UINT8, default=1, static=True, access=RW),
        Attribute(5, "maximumInfoLengthTransmit", "Maximum Info Length Transmit", DataType.UINT8, default=128,
                  static=True, access=RW, until=0),
        Attribute(5, "maximumInfoLengthTransmit", "Maximum Info Length Transmit", DataType.UINT16, default=128,
                  static=True, access=RW, since=1),
        Attribute(6, "maximumInfoLengthReceive", "Maximum Info Length Receive", DataType.UINT8, default=128,
                  static=True, access=RW, until=0),
        Attribute(6, "maximumInfoLengthReceive", "Maximum Info Length Receive", DataType.UINT16, default=128,
                  static=True, access=RW, since=1),
        Attribute(7, "interCharachterTimeout", "Inter Charachter Timeout", DataType.UINT16, default=25,
                  static=True, access=RW),
        Attribute(8, "inactivityTimeout", "Inactivity Timeout", DataType.UINT16, default=120, static=True,
                  access=RW),
        Attribute(9, "deviceAddress", "Device Address", DataType.UINT16, default=0, static=True, access=RW),
    )

    communicationSpeed: BaudRate | int
    windowSizeTransmit: int
    windowSizeReceive: int
    maximumInfoLengthTransmit: int
    maximumInfoLengthReceive: int
    interCharachterTimeout: int  # sic: Gurux's spelling
    inactivityTimeout: int
    deviceAddress: int


@register_class
class GXDLMSIecTwistedPairSetup(GXDLMSObject):
    """IEC 62056-3-1 twisted pair port: mode, speed, primary addresses and TAB(i) values."""

    CLASS_ID = ObjectType.IEC_TWISTED_PAIR_SETUP
    VERSION = 0
    DEFAULT_LN = "0.0.23.0.0.255"
    ATTRIBUTES = (
        Attribute(2, "mode", "Mode", DataType.ENUM, default=IecTwistedPairSetupMode.INACTIVE,
                  enum=IecTwistedPairSetupMode, access=RW),
        _baud(3, "speed", "Speed", BaudRate.BAUDRATE_300),
        list_attribute(4, "primaryAddresses", "Primary Addresses", DataType.UINT8, static=True, access=RW),
        list_attribute(5, "tabis", "Tabis", DataType.INT8, static=True, access=RW),
    )

    mode: IecTwistedPairSetupMode | int
    speed: BaudRate | int
    primaryAddresses: list[int]
    tabis: list[int]


@register_class
class GXDLMSMBusSlavePortSetup(GXDLMSObject):
    """M-Bus slave port (EN 13757-2): baud rates, whether an address is assigned, the address."""

    CLASS_ID = ObjectType.MBUS_SLAVE_PORT_SETUP
    VERSION = 0
    DEFAULT_LN = "0.0.24.0.0.255"
    ATTRIBUTES = (
        _baud(2, "defaultBaud", "Default Baud", BaudRate.BAUDRATE_300),
        _baud(3, "availableBaud", "Available Baud", BaudRate.BAUDRATE_300),
        Attribute(4, "addressState", "Address State", DataType.ENUM, default=AddressState.NONE, enum=AddressState,
                  static=True, access=RW),
        Attribute(5, "busAddress", "Bus Address", DataType.UINT8, default=0, static=True, access=RW),
    )

    defaultBaud: BaudRate | int
    availableBaud: BaudRate | int
    addressState: AddressState | int
    busAddress: int


@register_class
class GXDLMSMBusMasterPortSetup(GXDLMSObject):
    """M-Bus master port: the speed it talks to its slaves at."""

    CLASS_ID = ObjectType.MBUS_MASTER_PORT_SETUP
    VERSION = 0
    DEFAULT_LN = "0.0.24.6.0.255"
    ATTRIBUTES = (
        _baud(2, "commSpeed", "Comm Speed", BaudRate.BAUDRATE_2400),
    )

    commSpeed: BaudRate | int


__all__ = [
    "AddressState",
    "BaudRate",
    "GXDLMSHdlcSetup",
    "GXDLMSIECLocalPortSetup",
    "GXDLMSIecTwistedPairSetup",
    "GXDLMSMBusMasterPortSetup",
    "GXDLMSMBusSlavePortSetup",
    "IecTwistedPairSetupMode",
    "LocalPortResponseTime",
    "OpticalProtocolMode",
]
