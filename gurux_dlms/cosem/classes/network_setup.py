"""Internet link classes: TCP-UDP setup (41), MAC address setup (43), PPP setup (44), GPRS setup (45)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from ...data.types import DataType, GXArray, GXEnum, GXStructure, GXUInt8
from ...errors import LocalProtocolError
from ..access import AccessMode
from ..base import Attribute, GXDLMSObject
from ..object_type import ObjectType
from ..registry import register_class
from .setup_values import enum_or_int, integer, items, ln_attribute, members, octets, text_attribute

RW = AccessMode.READ_WRITE


@register_class
class GXDLMSTcpUdpSetup(GXDLMSObject):
    """The TCP or UDP port the meter listens on, and its segment and connection limits."""

    CLASS_ID = ObjectType.TCP_UDP_SETUP
    VERSION = 0
    DEFAULT_LN = "0.0.25.0.0.255"
    ATTRIBUTES = (
        Attribute(2, "port", "Port", DataType.UINT16, default=4059, static=True, access=RW),
        ln_attribute(3, "ipReference", "IP Reference", access=RW),
        Attribute(4, "maximumSegmentSize", "Maximum Segment Size", DataType.UINT16, default=576, static=True,
                  access=RW),
        Attribute(5, "maximumSimultaneousConnections", "Maximum Simultaneous Connections", DataType.UINT8,
                  default=1, static=True, access=RW),
        Attribute(6, "inactivityTimeout", "Inactivity Timeout", DataType.UINT16, default=180, static=True,
                  access=RW),
    )

    port: int
    ipReference: str | None
    maximumSegmentSize: int
    maximumSimultaneousConnections: int
    inactivityTimeout: int


# --- MAC address ------------------------------------------------------------------------------------
def mac_to_octets(value: Any) -> bytearray:
    """``"00:1A:2B:3C:4D:5E"`` (or with ``-``/spaces, or bytes) as the octets sent."""
    if isinstance(value, (bytes, bytearray)):
        return bytearray(value)
    text = str(value or "").replace(":", "").replace("-", "").replace(" ", "")
    try:
        return bytearray.fromhex(text)
    except ValueError:
        raise LocalProtocolError("MAC address", expected="hex bytes such as 00:1A:2B:3C:4D:5E",
                                 found=repr(value)) from None


def _mac_to_data(obj: Any, settings: Any) -> bytearray:
    return mac_to_octets(obj.macAddress)


def _mac_from_data(obj: Any, value: Any, settings: Any) -> None:
    obj.macAddress = ":".join(f"{b:02X}" for b in octets(value, "MAC address"))


@register_class
class GXDLMSMacAddressSetup(GXDLMSObject):
    """The MAC address of a network interface, as ``"00:1A:2B:3C:4D:5E"`` text."""

    CLASS_ID = ObjectType.MAC_ADDRESS_SETUP
    VERSION = 0
    DEFAULT_LN = "0.0.25.2.0.255"
    ATTRIBUTES = (
        Attribute(2, "macAddress", "MAC Address", DataType.OCTET_STRING, default="", to_data=_mac_to_data,
                  from_data=_mac_from_data, static=True, access=RW),
    )

    macAddress: str


# --- PPP ----------------------------------------------------------------------------------------------
class PppSetupLcpOptionType(IntEnum):
    """LCP option types (RFC 1661 and successors)."""

    MAX_REC_UNIT = 1
    ASYNC_CONTROL_CHAR_MAP = 2
    AUTH_PROTOCOL = 3
    MAGIC_NUMBER = 5
    PROTOCOL_FIELD_COMPRESSION = 7
    ADDRESS_AND_CTR_COMPRESSION = 8
    FCS_ALTERNATIVES = 9
    CALLBACK = 13


class PppSetupIPCPOptionType(IntEnum):
    """IPCP option types (RFC 1332 and RFC 1877)."""

    IP_COMPRESSION_PROTOCOL = 2
    PREF_LOCAL_IP = 3
    PREF_PEER_IP = 20
    GAO = 21
    USIP = 22


@dataclass
class GXDLMSPppSetupLcpOption:
    """One LCP option; ``data`` keeps the DLMS value the option carries (its type depends on the option)."""

    type: PppSetupLcpOptionType | int = PppSetupLcpOptionType.MAX_REC_UNIT
    length: int = 0
    data: Any = None


@dataclass
class GXDLMSPppSetupIPCPOption:
    """One IPCP option; ``data`` keeps the DLMS value the option carries."""

    type: PppSetupIPCPOptionType | int = PppSetupIPCPOptionType.IP_COMPRESSION_PROTOCOL
    length: int = 0
    data: Any = None


def _options_attribute(index: int, name: str, title: str, cls: type, enum: type[IntEnum]) -> Attribute:
    """``array of structure{type enum, length unsigned, data}``."""

    def to_data(obj: Any, settings: Any) -> GXArray:
        return GXArray(GXStructure([GXEnum(int(o.type)), GXUInt8(o.length), o.data]) for o in getattr(obj, name))

    def from_data(obj: Any, value: Any, settings: Any) -> None:
        result = []
        for entry in items(value, title):
            fields = members(entry, 3, title)
            result.append(cls(enum_or_int(enum, integer(fields[0], f"{title} type")),
                              integer(fields[1], f"{title} length"), fields[2]))
        setattr(obj, name, result)

    return Attribute(index, name, title, DataType.ARRAY, factory=list, to_data=to_data, from_data=from_data,
                     static=True, access=RW)


def _authentication_to_data(obj: Any, settings: Any) -> GXStructure | None:
    if obj.userName is None:
        return None
    return GXStructure([bytearray(obj.userName), bytearray(obj.password or b"")])


def _authentication_from_data(obj: Any, value: Any, settings: Any) -> None:
    if value is None:
        obj.userName, obj.password = None, b""
        return
    fields = members(value, 2, "PPP authentication")
    obj.userName = octets(fields[0], "PPP user name")
    obj.password = octets(fields[1], "PPP password")


@register_class
class GXDLMSPppSetup(GXDLMSObject):
    """PPP link setup: the physical layer used, LCP and IPCP options, and PAP credentials.

    ``userName``/``password`` are bytes; a ``userName`` of None means no authentication (null).
    """

    CLASS_ID = ObjectType.PPP_SETUP
    VERSION = 0
    DEFAULT_LN = "0.0.25.3.0.255"
    ATTRIBUTES = (
        ln_attribute(2, "phyReference", "PHY Reference", access=RW),
        _options_attribute(3, "lcpOptions", "LCP Options", GXDLMSPppSetupLcpOption, PppSetupLcpOptionType),
        _options_attribute(4, "ipcpOptions", "IPCP Options", GXDLMSPppSetupIPCPOption, PppSetupIPCPOptionType),
        Attribute(5, "pppAuthentication", "PPP Authentication", DataType.STRUCTURE, to_data=_authentication_to_data,
                  from_data=_authentication_from_data, static=True, access=RW),
    )

    phyReference: str | None
    lcpOptions: list[GXDLMSPppSetupLcpOption]
    ipcpOptions: list[GXDLMSPppSetupIPCPOption]

    def __init__(self, ln: str | None = None, sn: int = 0) -> None:
        super().__init__(ln, sn)
        self.userName: bytes | None = b""
        self.password: bytes = b""

    @property
    def pppAuthentication(self) -> tuple[bytes | None, bytes]:
        """``(userName, password)``."""
        return self.userName, self.password


# --- GPRS ---------------------------------------------------------------------------------------------
@dataclass
class GXDLMSQosElement:
    """GPRS quality of service (3GPP TS 23.107 parameters, one byte each)."""

    precedence: int = 0
    delay: int = 0
    reliability: int = 0
    peakThroughput: int = 0
    meanThroughput: int = 0

    def to_data(self) -> GXStructure:
        return GXStructure(GXUInt8(v) for v in (self.precedence, self.delay, self.reliability, self.peakThroughput,
                                                self.meanThroughput))

    @classmethod
    def from_data(cls, value: Any) -> GXDLMSQosElement:
        fields = members(value, 5, "quality of service")
        return cls(*(integer(f, "quality of service") for f in fields[:5]))


def _qos_to_data(obj: Any, settings: Any) -> GXStructure:
    return GXStructure([obj.defaultQualityOfService.to_data(), obj.requestedQualityOfService.to_data()])


def _qos_from_data(obj: Any, value: Any, settings: Any) -> None:
    fields = members(value, 2, "quality of service")
    obj.defaultQualityOfService = GXDLMSQosElement.from_data(fields[0])
    obj.requestedQualityOfService = GXDLMSQosElement.from_data(fields[1])


@register_class
class GXDLMSGprsSetup(GXDLMSObject):
    """GPRS modem setup: access point name, PIN code and the default and requested quality of service."""

    CLASS_ID = ObjectType.GPRS_SETUP
    VERSION = 0
    DEFAULT_LN = "0.0.25.4.0.255"
    ATTRIBUTES = (
        text_attribute(2, "apn", "APN", static=True, access=RW),
        Attribute(3, "pinCode", "PIN Code", DataType.UINT16, default=0, static=True, access=RW),
        Attribute(4, "qualityOfService", "Quality Of Service", DataType.STRUCTURE, to_data=_qos_to_data,
                  from_data=_qos_from_data, static=True, access=RW),
    )

    apn: str
    pinCode: int

    def __init__(self, ln: str | None = None, sn: int = 0) -> None:
        super().__init__(ln, sn)
        self.defaultQualityOfService = GXDLMSQosElement()
        self.requestedQualityOfService = GXDLMSQosElement()

    @property
    def qualityOfService(self) -> tuple[GXDLMSQosElement, GXDLMSQosElement]:
        """``(defaultQualityOfService, requestedQualityOfService)``."""
        return self.defaultQualityOfService, self.requestedQualityOfService


__all__ = [
    "GXDLMSGprsSetup",
    "GXDLMSMacAddressSetup",
    "GXDLMSPppSetup",
    "GXDLMSPppSetupIPCPOption",
    "GXDLMSPppSetupLcpOption",
    "GXDLMSQosElement",
    "GXDLMSTcpUdpSetup",
    "PppSetupIPCPOptionType",
    "PppSetupLcpOptionType",
]
