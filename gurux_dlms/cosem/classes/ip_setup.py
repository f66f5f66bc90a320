"""IP layer setups: IPv4 setup (42) and IPv6 setup (48).

Addresses are text in Python (``"192.168.0.1"``, ``"fe80::1"``); on the wire an IPv4
address is a double-long-unsigned and an IPv6 address a 16-byte octet string.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from ...data.types import DataType, GXArray, GXEnum, GXStructure, GXUInt8, GXUInt16, GXUInt32
from ...errors import DecodeError, LocalProtocolError
from ..access import AccessMode
from ..base import Attribute, GXDLMSObject, Method, ValueEventArgs
from ..object_type import ObjectType
from ..registry import register_class
from .setup_values import (
    enum_or_int,
    int_to_ip4,
    integer,
    ip4_attribute,
    ip4_to_int,
    items,
    list_attribute,
    ln_attribute,
    members,
    octets,
)

RW = AccessMode.READ_WRITE


# --- IPv4 ---------------------------------------------------------------------------------------------
class Ip4SetupIpOptionType(IntEnum):
    """IPv4 header options (RFC 791)."""

    SECURITY = 0x82
    LOOSE_SOURCE_AND_RECORD_ROUTE = 0x83
    STRICT_SOURCE_AND_RECORD_ROUTE = 0x89
    RECORD_ROUTE = 0x07
    INTERNET_TIMESTAMP = 0x44


@dataclass
class GXDLMSIp4SetupIpOption:
    """One IPv4 option: type, length and data."""

    type: Ip4SetupIpOptionType | int = Ip4SetupIpOptionType.SECURITY
    length: int = 0
    data: bytes = b""


def _options_to_data(obj: Any, settings: Any) -> GXArray:
    return GXArray(GXStructure([GXEnum(int(o.type)), GXUInt8(o.length), bytearray(o.data)]) for o in obj.ipOptions)


def _options_from_data(obj: Any, value: Any, settings: Any) -> None:
    what = "IP option"
    result = []
    for entry in items(value, "IP options"):
        fields = members(entry, 3, what)
        result.append(GXDLMSIp4SetupIpOption(enum_or_int(Ip4SetupIpOptionType, integer(fields[0], what)),
                                             integer(fields[1], what), octets(fields[2], what)))
    obj.ipOptions = result


@register_class
class GXDLMSIp4Setup(GXDLMSObject):
    """IPv4 interface: address, mask, gateway, DNS servers, multicast addresses, options, DHCP."""

    CLASS_ID = ObjectType.IP4_SETUP
    VERSION = 0
    DEFAULT_LN = "0.0.25.1.0.255"
    ATTRIBUTES = (
        ln_attribute(2, "dataLinkLayerReference", "Data LinkLayer Reference", access=RW),
        ip4_attribute(3, "ipAddress", "IP Address"),
        list_attribute(4, "multicastIPAddress", "Multicast IP Address", DataType.UINT32, convert=int_to_ip4,
                       back=ip4_to_int, access=RW),
        Attribute(5, "ipOptions", "IP Options", DataType.ARRAY, factory=list, to_data=_options_to_data,
                  from_data=_options_from_data, access=RW),
        ip4_attribute(6, "subnetMask", "Subnet Mask"),
        ip4_attribute(7, "gatewayIPAddress", "Gateway IP Address"),
        Attribute(8, "useDHCP", "Use DHCP", DataType.BOOLEAN, default=False, access=RW),
        ip4_attribute(9, "primaryDNSAddress", "Primary DNS Address"),
        ip4_attribute(10, "secondaryDNSAddress", "Secondary DNS Address"),
    )
    METHODS = (
        Method(1, "addMcIpAddress", "Add multicast IP address", DataType.UINT32),
        Method(2, "deleteMcIpAddress", "Delete multicast IP address", DataType.UINT32),
        Method(3, "getNbofMcIpAddresses", "Get number of multicast IP addresses", DataType.INT8),
    )

    dataLinkLayerReference: str | None
    ipAddress: str
    multicastIPAddress: list[str]
    ipOptions: list[GXDLMSIp4SetupIpOption]
    subnetMask: str
    gatewayIPAddress: str
    useDHCP: bool
    primaryDNSAddress: str
    secondaryDNSAddress: str

    def invoke(self, settings: Any, e: ValueEventArgs) -> Any:
        """Add or delete a multicast address, or count them."""
        if e.index in (1, 2):
            address = int_to_ip4(e.parameters, "multicast IP address")
            self.multicastIPAddress = [a for a in self.multicastIPAddress if ip4_to_int(a) != ip4_to_int(address)]
            if e.index == 1:
                self.multicastIPAddress.append(address)
            return None
        if e.index == 3:
            return GXUInt16(len(self.multicastIPAddress))
        return super().invoke(settings, e)


# --- IPv6 ---------------------------------------------------------------------------------------------
class AddressConfigMode(IntEnum):
    """How an IPv6 interface gets its addresses."""

    AUTO = 0
    DHCP_V6 = 1
    MANUAL = 2
    NEIGHBOUR_DISCOVERY = 3


class IPv6AddressType(IntEnum):
    """Which address list add/remove_IPv6_address acts on."""

    UNICAST = 0
    MULTICAST = 1
    GATEWAY = 2


@dataclass
class GXNeighborDiscoverySetup:
    """Router solicitation parameters: retries, wait between them (s) and the send period (s)."""

    maxRetry: int = 0
    retryWaitTime: int = 0
    sendPeriod: int = 0


def ip6_to_octets(value: Any) -> bytearray:
    """An IPv6 address as text (or 16 bytes) as the octets sent; None is empty."""
    if value is None or value == "":
        return bytearray()
    if isinstance(value, (bytes, bytearray)):
        return bytearray(value)
    try:
        return bytearray(ipaddress.IPv6Address(str(value)).packed)
    except ValueError:
        raise LocalProtocolError("IPv6 address", expected="text such as fe80::1", found=repr(value)) from None


def octets_to_ip6(value: Any, what: str) -> str | None:
    """16 octets read from a meter as IPv6 text; an empty octet string is None."""
    raw = octets(value, what)
    if not raw:
        return None
    if len(raw) != 16:
        raise DecodeError(what, expected="16 bytes", found=f"{len(raw)} bytes")
    return str(ipaddress.IPv6Address(raw))


def _ip6_attribute(index: int, name: str, title: str) -> Attribute:
    def to_data(obj: Any, settings: Any) -> bytearray:
        return ip6_to_octets(getattr(obj, name))

    def from_data(obj: Any, value: Any, settings: Any) -> None:
        setattr(obj, name, octets_to_ip6(value, title))

    return Attribute(index, name, title, DataType.OCTET_STRING, to_data=to_data, from_data=from_data, access=RW)


def _ip6_list(index: int, name: str, title: str) -> Attribute:
    return list_attribute(index, name, title, DataType.OCTET_STRING, convert=octets_to_ip6, back=ip6_to_octets,
                          access=RW)


def _discovery_to_data(obj: Any, settings: Any) -> GXArray:
    return GXArray(GXStructure([GXUInt8(d.maxRetry), GXUInt16(d.retryWaitTime), GXUInt32(d.sendPeriod)])
                   for d in obj.neighborDiscoverySetup)


def _discovery_from_data(obj: Any, value: Any, settings: Any) -> None:
    what = "neighbor discovery setup"
    obj.neighborDiscoverySetup = [GXNeighborDiscoverySetup(*(integer(f, what) for f in members(entry, 3, what)[:3]))
                                  for entry in items(value, what)]


_ADDRESS_LISTS = {IPv6AddressType.UNICAST: "unicastIPAddress", IPv6AddressType.MULTICAST: "multicastIPAddress",
                  IPv6AddressType.GATEWAY: "gatewayIPAddress"}


@register_class
class GXDLMSIp6Setup(GXDLMSObject):
    """IPv6 interface: configuration mode, address lists, DNS servers, traffic class, neighbour discovery."""

    CLASS_ID = ObjectType.IP6_SETUP
    VERSION = 0
    DEFAULT_LN = "0.0.25.7.0.255"
    ATTRIBUTES = (
        ln_attribute(2, "dataLinkLayerReference", "Data LinkLayer Reference", access=RW),
        Attribute(3, "addressConfigMode", "Address Config Mode", DataType.ENUM, default=AddressConfigMode.AUTO,
                  enum=AddressConfigMode, access=RW),
        _ip6_list(4, "unicastIPAddress", "Unicast IP Address"),
        _ip6_list(5, "multicastIPAddress", "Multicast IP Address"),
        _ip6_list(6, "gatewayIPAddress", "Gateway IP Address"),
        _ip6_attribute(7, "primaryDNSAddress", "Primary DNS Address"),
        _ip6_attribute(8, "secondaryDNSAddress", "Secondary DNS Address"),
        Attribute(9, "trafficClass", "Traffic Class", DataType.UINT8, default=0, access=RW),
        Attribute(10, "neighborDiscoverySetup", "Neighbor Discovery Setup", DataType.ARRAY, factory=list,
                  to_data=_discovery_to_data, from_data=_discovery_from_data, access=RW),
    )
    METHODS = (
        Method(1, "addIpv6Address", "Add IPv6 address", DataType.STRUCTURE),
        Method(2, "removeIpv6Address", "Remove IPv6 address", DataType.STRUCTURE),
    )

    dataLinkLayerReference: str | None
    addressConfigMode: AddressConfigMode | int
    unicastIPAddress: list[str]
    multicastIPAddress: list[str]
    gatewayIPAddress: list[str]
    primaryDNSAddress: str | None
    secondaryDNSAddress: str | None
    trafficClass: int
    neighborDiscoverySetup: list[GXNeighborDiscoverySetup]

    def invoke(self, settings: Any, e: ValueEventArgs) -> Any:
        """add_IPv6_address / remove_IPv6_address: ``structure{address_type enum, address octet-string}``."""
        if e.index not in (1, 2):
            return super().invoke(settings, e)
        fields = members(e.parameters, 2, "IPv6 address")
        kind = integer(fields[0], "IPv6 address type")
        if kind not in _ADDRESS_LISTS:
            raise DecodeError("IPv6 address type", expected="0 (unicast), 1 (multicast) or 2 (gateway)", found=kind)
        address = octets_to_ip6(fields[1], "IPv6 address")
        name = _ADDRESS_LISTS[IPv6AddressType(kind)]
        addresses = [a for a in getattr(self, name) if a != address]
        if e.index == 1 and address is not None:
            addresses.append(address)
        setattr(self, name, addresses)
        return None


__all__ = [
    "AddressConfigMode",
    "GXDLMSIp4Setup",
    "GXDLMSIp4SetupIpOption",
    "GXDLMSIp6Setup",
    "GXNeighborDiscoverySetup",
    "IPv6AddressType",
    "Ip4SetupIpOptionType",
]
