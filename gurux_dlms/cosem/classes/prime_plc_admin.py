"""PRIME NB OFDM PLC MAC network administration data (class 85): the node's MAC tables.

Multicast groups, the switch table, the direct connection table, the switches the node
hears and the PHY parameters of its communications, each an array of structures.  The
reset method (1) empties every table.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ...data.types import DataType
from ..base import Attribute, GXDLMSObject, Method, ValueEventArgs
from ..object_type import ObjectType
from ..registry import register_class
from .plc_records import Field, record_list, value_list


@dataclass
class GXMacMulticastEntry:
    """multicast_entry ::= structure { member_id integer, members long }."""

    id: int = 0
    members: int = 0


@dataclass
class GXMacDirectTable:
    """direct_table_entry: source and destination SID/LNID/LCID of a direct connection, and its DID."""

    sourceSId: int = 0
    sourceLnId: int = 0
    sourceLcId: int = 0
    destinationSId: int = 0
    destinationLnId: int = 0
    destinationLcId: int = 0
    did: bytearray = field(default_factory=bytearray)


@dataclass
class GXMacAvailableSwitch:
    """available_switches_entry: a switch the node hears (SNA, LSID, level, reception level and SNR)."""

    sna: bytearray = field(default_factory=bytearray)
    lsId: int = 0
    level: int = 0
    rxLevel: int = 0
    rxSnr: int = 0


@dataclass
class GXMacPhyCommunication:
    """communication_entry: PHY parameters used towards one neighbour (EUI-48)."""

    eui: bytearray = field(default_factory=bytearray)
    txPower: int = 0
    txCoding: int = 0
    rxCoding: int = 0
    rxLvl: int = 0
    snr: int = 0
    txPowerModified: int = 0
    txCodingModified: int = 0
    rxCodingModified: int = 0


_I8, _I16, _OCTETS = DataType.INT8, DataType.INT16, DataType.OCTET_STRING

MULTICAST_FIELDS = (Field("id", _I8), Field("members", _I16))
DIRECT_FIELDS = (Field("sourceSId", _I16), Field("sourceLnId", _I16), Field("sourceLcId", _I16),
                 Field("destinationSId", _I16), Field("destinationLnId", _I16), Field("destinationLcId", _I16),
                 Field("did", _OCTETS))
SWITCH_FIELDS = (Field("sna", _OCTETS), Field("lsId", _I16), Field("level", _I16), Field("rxLevel", _I16),
                 Field("rxSnr", _I16))
COMMUNICATION_FIELDS = (Field("eui", _OCTETS), *(Field(name, _I8) for name in (
    "txPower", "txCoding", "rxCoding", "rxLvl", "snr", "txPowerModified", "txCodingModified", "rxCodingModified")))

_multicast = record_list("multicastEntries", GXMacMulticastEntry, MULTICAST_FIELDS, "multicast entries")
_switches = value_list("switchTable", _I16, "switch table")
_direct = record_list("directTable", GXMacDirectTable, DIRECT_FIELDS, "direct table")
_available = record_list("availableSwitches", GXMacAvailableSwitch, SWITCH_FIELDS, "available switches")
_communications = record_list("communications", GXMacPhyCommunication, COMMUNICATION_FIELDS, "communications")


@register_class
class GXDLMSPrimeNbOfdmPlcMacNetworkAdministrationData(GXDLMSObject):
    """The MAC tables of a PRIME node."""

    CLASS_ID = ObjectType.PRIME_NB_OFDM_PLC_MAC_NETWORK_ADMINISTRATION_DATA
    VERSION = 0
    DEFAULT_LN = "0.0.28.5.0.255"
    ATTRIBUTES = (
        Attribute(2, "multicastEntries", "Multicast Entries", DataType.ARRAY, factory=list,
                  to_data=_multicast[0], from_data=_multicast[1]),
        Attribute(3, "switchTable", "Switch Table", DataType.ARRAY, factory=list,
                  to_data=_switches[0], from_data=_switches[1]),
        Attribute(4, "directTable", "Direct Table", DataType.ARRAY, factory=list,
                  to_data=_direct[0], from_data=_direct[1]),
        Attribute(5, "availableSwitches", "Available Switches", DataType.ARRAY, factory=list,
                  to_data=_available[0], from_data=_available[1]),
        Attribute(6, "communications", "Communications", DataType.ARRAY, factory=list,
                  to_data=_communications[0], from_data=_communications[1]),
    )
    METHODS = (Method(1, "reset", "Reset", DataType.INT8),)

    multicastEntries: list[GXMacMulticastEntry]
    switchTable: list[int]
    directTable: list[GXMacDirectTable]
    availableSwitches: list[GXMacAvailableSwitch]
    communications: list[GXMacPhyCommunication]

    def reset(self, client: Any) -> Any:
        """Frames that call reset (method 1): the node empties its MAC tables."""
        return self._method_request(client, 1, 0)

    def invoke(self, settings: Any, e: ValueEventArgs) -> Any:
        if e.index == 1:
            for attribute in self.ATTRIBUTES:
                setattr(self, attribute.name, [])
            return None
        return super().invoke(settings, e)


__all__ = [
    "GXDLMSPrimeNbOfdmPlcMacNetworkAdministrationData",
    "GXMacAvailableSwitch",
    "GXMacDirectTable",
    "GXMacMulticastEntry",
    "GXMacPhyCommunication",
]
