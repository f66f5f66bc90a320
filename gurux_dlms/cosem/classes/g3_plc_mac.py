"""G3-PLC MAC layer (Blue Book 4.8.5): MAC layer counters (class 90) and MAC setup (class 91).

MAC setup versions: 0 and 1 have attributes 2-22 and method 1; version 2 adds the
broadcast max CW flag, the transmit attenuation and the POS table (attributes 23-25) and
method 2; version 3 adds the duplicate detection TTL (attribute 26).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any

from ...data.types import DataType, GXBitString, GXUInt16
from ...errors import DecodeError
from ..access import AccessMode
from ..base import Attribute, GXDLMSObject, Method, ValueEventArgs
from ..object_type import ObjectType
from ..registry import register_class
from .plc_records import Field, record_list, records_to_data, reset_to_defaults

RW = AccessMode.READ_WRITE


class Modulation(IntEnum):
    """Modulation of a neighbour (neighbour_table_entry.modulation)."""

    ROBUST_MODE = 0
    DBPSK = 1
    DQPSK = 2
    D8PSK = 3
    QAM16 = 4


class GainResolution(IntEnum):
    """Transmit gain resolution of a neighbour (neighbour_table_entry.tx_res)."""

    DB6 = 0
    DB3 = 1


@dataclass
class GXKeyValuePair:
    """A key and its value (MAC key table: key index and key; blacklist: address and valid time)."""

    key: Any = 0
    value: Any = None


@dataclass
class GXDLMSNeighbourTable:
    """neighbour_table_entry: what the MAC knows of one neighbour."""

    shortAddress: int = 0
    payloadModulationScheme: bool = False
    toneMap: GXBitString = field(default_factory=GXBitString)
    modulation: Modulation | int = Modulation.ROBUST_MODE
    txGain: int = 0
    txRes: GainResolution | int = GainResolution.DB6
    txCoeff: GXBitString = field(default_factory=GXBitString)
    lqi: int = 0
    phaseDifferential: int = 0
    tmrValidTime: int = 0
    neighbourValidTime: int = 0


@dataclass
class GXDLMSMacPosTable:
    """pos_table_element: short address, link quality and remaining validity of a neighbour."""

    shortAddress: int = 0
    lqi: int = 0
    validTime: int = 0


_U8, _U16 = DataType.UINT8, DataType.UINT16

KEY_FIELDS = (Field("key", _U8), Field("value", DataType.OCTET_STRING))
NEIGHBOUR_FIELDS = (
    Field("shortAddress", _U16), Field("payloadModulationScheme", DataType.BOOLEAN),
    Field("toneMap", DataType.BITSTRING), Field("modulation", DataType.ENUM, Modulation),
    Field("txGain", DataType.INT8), Field("txRes", DataType.ENUM, GainResolution),
    Field("txCoeff", DataType.BITSTRING), Field("lqi", _U8), Field("phaseDifferential", DataType.INT8),
    Field("tmrValidTime", _U8), Field("neighbourValidTime", _U8),
)
POS_FIELDS = (Field("shortAddress", _U16), Field("lqi", _U8), Field("validTime", _U8))

_keys = record_list("keyTable", GXKeyValuePair, KEY_FIELDS, "MAC key table")
_neighbours = record_list("neighbourTable", GXDLMSNeighbourTable, NEIGHBOUR_FIELDS, "MAC neighbour table")
_pos = record_list("macPosTable", GXDLMSMacPosTable, POS_FIELDS, "MAC POS table")


def _counter(index: int, name: str, title: str) -> Attribute:
    return Attribute(index, name, title, DataType.UINT32, default=0, access=RW)


@register_class
class GXDLMSG3PlcMacLayerCounters(GXDLMSObject):
    """G3-PLC MAC counters: packets sent and received, CSMA failures, CRC errors, broadcasts."""

    CLASS_ID = ObjectType.G3_PLC_MAC_LAYER_COUNTERS
    VERSION = 1
    DEFAULT_LN = "0.0.29.0.0.255"
    ATTRIBUTES = (
        _counter(2, "txDataPacketCount", "Tx Data Packet Count"),
        _counter(3, "rxDataPacketCount", "Rx Data Packet Count"),
        _counter(4, "txCmdPacketCount", "Tx Cmd Packet Count"),
        _counter(5, "rxCmdPacketCount", "Rx Cmd Packet Count"),
        _counter(6, "cSMAFailCount", "CSMA Fail Count"),
        _counter(7, "cSMANoAckCount", "CSMA No Ack Count"),
        _counter(8, "badCrcCount", "Bad Crc Count"),
        _counter(9, "txDataBroadcastCount", "Tx Data Broadcast Count"),
        _counter(10, "rxDataBroadcastCount", "Rx Data Broadcast Count"),
    )
    METHODS = (Method(1, "reset", "Reset", DataType.INT8),)

    txDataPacketCount: int
    rxDataPacketCount: int
    txCmdPacketCount: int
    rxCmdPacketCount: int
    cSMAFailCount: int
    cSMANoAckCount: int
    badCrcCount: int
    txDataBroadcastCount: int
    rxDataBroadcastCount: int

    def reset(self, client: Any) -> Any:
        """Frames that call reset (method 1): every counter back to zero."""
        return self._method_request(client, 1, 0)

    def invoke(self, settings: Any, e: ValueEventArgs) -> Any:
        if e.index == 1:
            reset_to_defaults(self, [a.name for a in self.ATTRIBUTES])
            return None
        return super().invoke(settings, e)


def _u8(index: int, name: str, title: str, default: int, since: int = 0) -> Attribute:
    return Attribute(index, name, title, _U8, default=default, since=since, access=RW)


@register_class
class GXDLMSG3PlcMacSetup(GXDLMSObject):
    """G3-PLC MAC setup: addresses, keys, tone mask, CSMA parameters and the neighbour tables."""

    CLASS_ID = ObjectType.G3_PLC_MAC_SETUP
    VERSION = 3
    DEFAULT_LN = "0.0.29.1.0.255"
    ATTRIBUTES = (
        Attribute(2, "shortAddress", "Short Address", _U16, default=0xFFFF, access=RW),
        Attribute(3, "rcCoord", "Rc Coord", _U16, default=0xFFFF),
        Attribute(4, "panId", "PAN Id", _U16, default=0xFFFF, access=RW),
        Attribute(5, "keyTable", "Key Table", DataType.ARRAY, factory=list, access=AccessMode.WRITE,
                  to_data=_keys[0], from_data=_keys[1]),
        Attribute(6, "frameCounter", "Frame Counter", DataType.UINT32, default=0, access=RW),
        Attribute(7, "toneMask", "Tone Mask", DataType.BITSTRING, factory=GXBitString, access=RW),
        _u8(8, "tmrTtl", "Tmr Ttl", 2),
        _u8(9, "maxFrameRetries", "Max Frame Retries", 5),
        _u8(10, "neighbourTableEntryTtl", "Neighbour Table Entry Ttl", 255),
        Attribute(11, "neighbourTable", "Neighbour Table", DataType.ARRAY, factory=list,
                  to_data=_neighbours[0], from_data=_neighbours[1]),
        _u8(12, "highPriorityWindowSize", "High Priority Window Size", 7),
        _u8(13, "cscmFairnessLimit", "Cscm Fairness Limit", 25),
        _u8(14, "beaconRandomizationWindowLength", "Beacon Randomization Window Length", 12),
        _u8(15, "a", "A", 8),
        _u8(16, "k", "K", 5),
        _u8(17, "minCwAttempts", "Min Cw Attempts", 10),
        _u8(18, "cenelecLegacyMode", "Cenelec Legacy Mode", 1),
        _u8(19, "fccLegacyMode", "Fcc Legacy Mode", 1),
        _u8(20, "maxBe", "Max Be", 8),
        _u8(21, "maxCsmaBackoffs", "Max Csma Backoffs", 50),
        _u8(22, "minBe", "Min Be", 3),
        Attribute(23, "macBroadcastMaxCwEnabled", "Mac Broadcast Max Cw Enabled", DataType.BOOLEAN, default=False,
                  since=2, access=RW),
        _u8(24, "macTransmitAtten", "Mac Transmit Atten", 0, since=2),
        Attribute(25, "macPosTable", "Mac Pos Table", DataType.ARRAY, factory=list, since=2,
                  to_data=_pos[0], from_data=_pos[1]),
        _u8(26, "macDuplicateDetectionTTL", "Mac Duplicate Detection TTL", 3, since=3),
    )
    METHODS = (
        Method(1, "getNeighbourTableEntry", "MAC get neighbour table entry", _U16),
        Method(2, "getPosTableEntry", "MAC get POS table entry", _U16, since=2),
    )

    shortAddress: int
    rcCoord: int
    panId: int
    keyTable: list[GXKeyValuePair]
    frameCounter: int
    toneMask: GXBitString
    tmrTtl: int
    maxFrameRetries: int
    neighbourTableEntryTtl: int
    neighbourTable: list[GXDLMSNeighbourTable]
    highPriorityWindowSize: int
    cscmFairnessLimit: int
    beaconRandomizationWindowLength: int
    a: int
    k: int
    minCwAttempts: int
    cenelecLegacyMode: int
    fccLegacyMode: int
    maxBe: int
    maxCsmaBackoffs: int
    minBe: int
    macBroadcastMaxCwEnabled: bool
    macTransmitAtten: int
    macPosTable: list[GXDLMSMacPosTable]
    macDuplicateDetectionTTL: int

    # --- client helpers (Gurux names) ---------------------------------------------------
    def getNeighbourTableEntry(self, client: Any, address: int) -> Any:
        """Frames asking for the neighbour table entry of short address ``address``."""
        return self._method_request(client, 1, GXUInt16(address))

    def getPosTableEntry(self, client: Any, address: int) -> Any:
        """Frames asking for the POS table entry of short address ``address``."""
        return self._method_request(client, 2, GXUInt16(address))

    # --- server side ----------------------------------------------------------------------
    def invoke(self, settings: Any, e: ValueEventArgs) -> Any:
        """Both methods return an array with the entries of the asked short address (empty if none)."""
        if e.index not in (1, 2) or e.index > self.getMethodCount():
            return super().invoke(settings, e)
        if not isinstance(e.parameters, int) or isinstance(e.parameters, bool):
            raise DecodeError("G3 MAC setup method parameter", expected="long-unsigned short address",
                              found=repr(e.parameters))
        address = int(e.parameters)
        table, fields = ("neighbourTable", NEIGHBOUR_FIELDS) if e.index == 1 else ("macPosTable", POS_FIELDS)
        return records_to_data([entry for entry in getattr(self, table) if entry.shortAddress == address], fields)


__all__ = [
    "GXDLMSG3PlcMacLayerCounters",
    "GXDLMSG3PlcMacSetup",
    "GXDLMSMacPosTable",
    "GXDLMSNeighbourTable",
    "GXKeyValuePair",
    "GainResolution",
    "Modulation",
]
