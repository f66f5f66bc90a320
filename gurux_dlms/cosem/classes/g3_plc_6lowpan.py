"""G3-PLC 6LoWPAN adaptation layer setup (class 92, Blue Book 4.8.5.4).

Routing parameters, the routing, context information, blacklist and broadcast log tables,
the group and destination address lists.  Versions: 0 has attributes 2-19, version 1 adds
the default coordinator route flag and the destination addresses (20, 21), versions 2 and
3 the low and high LQI thresholds (22, 23).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any

from ...data.types import DataType, GXArray, GXBitString
from ...errors import DecodeError
from ..access import AccessMode
from ..base import Attribute, GXDLMSObject
from ..object_type import ObjectType
from ..registry import register_class
from .g3_plc_mac import GXKeyValuePair
from .plc_records import Field, record_list, value_list

RW = AccessMode.READ_WRITE


class DeviceType(IntEnum):
    """Role of the node in the G3 PAN (adp_device_type)."""

    PAN_DEVICE = 0
    PAN_COORDINATOR = 1
    NOT_DEFINED = 2


@dataclass
class GXDLMSRoutingConfiguration:
    """routing_configuration_element: the LOADng routing parameters."""

    netTraversalTime: int = 0
    routingTableEntryTtl: int = 0
    kr: int = 0
    km: int = 0
    kc: int = 0
    kq: int = 0
    kh: int = 0
    krt: int = 0
    rreqRetries: int = 0
    rreqRerrWait: int = 0
    blacklistTableEntryTtl: int = 0
    unicastRreqGenEnable: bool = False
    rlcEnabled: bool = False
    addRevLinkCost: int = 0


@dataclass
class GXDLMSRoutingTable:
    """routing_table_element: one route towards a destination address."""

    destinationAddress: int = 0
    nextHopAddress: int = 0
    routeCost: int = 0
    hopCount: int = 0
    weakLinkCount: int = 0
    validTime: int = 0


@dataclass
class GXDLMSContextInformationTable:
    """context_information_table_element: a 6LoWPAN header compression context."""

    cid: GXBitString = field(default_factory=GXBitString)
    contextLength: int = 0
    context: bytearray = field(default_factory=bytearray)
    compression: bool = False
    validLifetime: int = 0


@dataclass
class GXDLMSBroadcastLogTable:
    """broadcast_log_table_element: a broadcast frame already seen (for duplicate detection)."""

    sourceAddress: int = 0
    sequenceNumber: int = 0
    validTime: int = 0


_U8, _U16, _BOOL = DataType.UINT8, DataType.UINT16, DataType.BOOLEAN

ROUTING_CONFIGURATION_FIELDS = (
    Field("netTraversalTime", _U8), Field("routingTableEntryTtl", _U16), Field("kr", _U8), Field("km", _U8),
    Field("kc", _U8), Field("kq", _U8), Field("kh", _U8), Field("krt", _U8), Field("rreqRetries", _U8),
    Field("rreqRerrWait", _U8), Field("blacklistTableEntryTtl", _U16), Field("unicastRreqGenEnable", _BOOL),
    Field("rlcEnabled", _BOOL), Field("addRevLinkCost", _U8),
)
ROUTING_TABLE_FIELDS = (
    Field("destinationAddress", _U16), Field("nextHopAddress", _U16), Field("routeCost", _U16),
    Field("hopCount", _U8), Field("weakLinkCount", _U8), Field("validTime", _U16),
)
CONTEXT_FIELDS = (
    Field("cid", DataType.BITSTRING), Field("contextLength", _U8), Field("context", DataType.OCTET_STRING),
    Field("compression", _BOOL), Field("validLifetime", _U16),
)
BLACKLIST_FIELDS = (Field("key", _U16), Field("value", _U16))
BROADCAST_LOG_FIELDS = (Field("sourceAddress", _U16), Field("sequenceNumber", _U8), Field("validTime", _U16))

_routing_configuration = record_list("routingConfiguration", GXDLMSRoutingConfiguration,
                                     ROUTING_CONFIGURATION_FIELDS, "routing configuration")
_routing_table = record_list("routingTable", GXDLMSRoutingTable, ROUTING_TABLE_FIELDS, "routing table")
_context = record_list("contextInformationTable", GXDLMSContextInformationTable, CONTEXT_FIELDS,
                       "context information table")
_blacklist = record_list("blacklistTable", GXKeyValuePair, BLACKLIST_FIELDS, "blacklist table")
_broadcast_log = record_list("broadcastLogTable", GXDLMSBroadcastLogTable, BROADCAST_LOG_FIELDS,
                             "broadcast log table")
_groups = value_list("groupTable", _U16, "group table")
_destinations = value_list("destinationAddress", _U16, "destination addresses")


def _prefix_table_to_data(obj: Any, settings: Any) -> GXArray:
    """The prefix table is kept as the DLMS values the meter gave (their layout varies by edition)."""
    return GXArray(obj.prefixTable or ())


def _prefix_table_from_data(obj: Any, value: Any, settings: Any) -> None:
    if value is not None and not isinstance(value, list):
        raise DecodeError("prefix table", expected="array", found=repr(value))
    obj.prefixTable = list(value or ())


def _table(index: int, name: str, title: str, pair: tuple[Any, Any], since: int = 0,
           access: int = AccessMode.READ) -> Attribute:
    return Attribute(index, name, title, DataType.ARRAY, factory=list, to_data=pair[0], from_data=pair[1],
                     since=since, access=access)


def _u8(index: int, name: str, title: str, default: int, since: int = 0) -> Attribute:
    return Attribute(index, name, title, _U8, default=default, since=since, access=RW)


@register_class
class GXDLMSG3Plc6LoWPan(GXDLMSObject):
    """G3-PLC 6LoWPAN adaptation layer setup."""

    CLASS_ID = ObjectType.G3_PLC6_LO_WPAN
    VERSION = 3
    DEFAULT_LN = "0.0.29.2.0.255"
    ATTRIBUTES = (
        _u8(2, "maxHops", "Max Hops", 8),
        _u8(3, "weakLqiValue", "Weak Lqi Value", 52),
        _u8(4, "securityLevel", "Security Level", 5),
        _table(5, "prefixTable", "Prefix Table", (_prefix_table_to_data, _prefix_table_from_data), access=RW),
        _table(6, "routingConfiguration", "Routing Configuration", _routing_configuration, access=RW),
        Attribute(7, "broadcastLogTableEntryTtl", "Broadcast Log Table Entry Ttl", _U16, default=2, access=RW),
        _table(8, "routingTable", "Routing Table", _routing_table),
        _table(9, "contextInformationTable", "Context Information Table", _context, access=RW),
        _table(10, "blacklistTable", "Blacklist Table", _blacklist),
        _table(11, "broadcastLogTable", "Broadcast Log Table", _broadcast_log),
        _table(12, "groupTable", "Group Table", _groups, access=RW),
        Attribute(13, "maxJoinWaitTime", "Max Join Wait Time", _U16, default=20, access=RW),
        _u8(14, "pathDiscoveryTime", "Path Discovery Time", 40),
        _u8(15, "activeKeyIndex", "Active Key Index", 0),
        _u8(16, "metricType", "Metric Type", 0x0F),
        Attribute(17, "coordShortAddress", "Coord Short Address", _U16, default=0, access=RW),
        Attribute(18, "disableDefaultRouting", "Disable Default Routing", _BOOL, default=False, access=RW),
        Attribute(19, "deviceType", "Device Type", DataType.ENUM, default=DeviceType.NOT_DEFINED, enum=DeviceType,
                  access=RW),
        Attribute(20, "defaultCoordRouteEnabled", "Default Coord Route Enabled", _BOOL, default=False, since=1,
                  access=RW),
        _table(21, "destinationAddress", "Destination Address", _destinations, since=1, access=RW),
        _u8(22, "lowLQI", "Low LQI", 0, since=2),
        _u8(23, "highLQI", "High LQI", 0, since=2),
    )

    maxHops: int
    weakLqiValue: int
    securityLevel: int
    prefixTable: list[Any]
    routingConfiguration: list[GXDLMSRoutingConfiguration]
    broadcastLogTableEntryTtl: int
    routingTable: list[GXDLMSRoutingTable]
    contextInformationTable: list[GXDLMSContextInformationTable]
    blacklistTable: list[GXKeyValuePair]
    broadcastLogTable: list[GXDLMSBroadcastLogTable]
    groupTable: list[int]
    maxJoinWaitTime: int
    pathDiscoveryTime: int
    activeKeyIndex: int
    metricType: int
    coordShortAddress: int
    disableDefaultRouting: bool
    deviceType: DeviceType | int
    defaultCoordRouteEnabled: bool
    destinationAddress: list[int]
    lowLQI: int
    highLQI: int


__all__ = [
    "DeviceType",
    "GXDLMSBroadcastLogTable",
    "GXDLMSContextInformationTable",
    "GXDLMSG3Plc6LoWPan",
    "GXDLMSRoutingConfiguration",
    "GXDLMSRoutingTable",
]
