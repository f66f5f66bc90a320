"""Cellular modem diagnostics: GSM diagnostic (47) and LTE monitoring (151).

GSM diagnostic version 0 sends cell ids as long-unsigned and its cell info has four
members; version 1 widens cell ids to double-long-unsigned and adds the mobile country and
network codes and the channel number.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from ...data.datetime import GXDateTime
from ...data.types import DataType, GXArray
from ..base import Attribute, GXDLMSObject
from ..object_type import ObjectType
from ..registry import register_class
from .setup_values import (
    Layout,
    enum_or_int,
    items,
    octets_to_text,
    record_attribute,
    record_from_data,
    record_to_data,
)


class GsmStatus(IntEnum):
    """Registration status of the modem."""

    NONE = 0
    HOME_NETWORK = 1
    SEARCHING = 2
    DENIED = 3
    UNKNOWN = 4
    ROAMING = 5


class GsmCircuitSwitchStatus(IntEnum):
    """Circuit switched (CSD) call status."""

    INACTIVE = 0
    INCOMING_CALL = 1
    ACTIVE = 2


class GsmPacketSwitchStatus(IntEnum):
    """Packet switched (data) bearer in use."""

    INACTIVE = 0
    GPRS = 1
    EDGE = 2
    UMTS = 3
    HSDPA = 4
    LTE = 5
    CDMA = 6
    LTE_CAT_M1 = 7
    LTE_CAT_NB1 = 8
    LTE_CAT_NB2 = 9


@dataclass
class GXDLMSGSMCellInfo:
    """The serving cell (signal quality 0..31 or 99, bit error rate 0..7 or 99)."""

    cellId: int = 0
    locationId: int = 0
    signalQuality: int = 0
    ber: int = 0
    mobileCountryCode: int = 0
    mobileNetworkCode: int = 0
    channelNumber: int = 0


@dataclass
class GXAdjacentCell:
    """A neighbouring cell and its signal quality."""

    cellId: int = 0
    signalQuality: int = 0


_CELL_V0: Layout = (("cellId", DataType.UINT16), ("locationId", DataType.UINT16),
                    ("signalQuality", DataType.UINT8), ("ber", DataType.UINT8))
_CELL_V1: Layout = (("cellId", DataType.UINT32), ("locationId", DataType.UINT16),
                    ("signalQuality", DataType.UINT8), ("ber", DataType.UINT8),
                    ("mobileCountryCode", DataType.UINT16), ("mobileNetworkCode", DataType.UINT16),
                    ("channelNumber", DataType.UINT32))
_ADJACENT_V0: Layout = (("cellId", DataType.UINT16), ("signalQuality", DataType.UINT8))
_ADJACENT_V1: Layout = (("cellId", DataType.UINT32), ("signalQuality", DataType.UINT8))


def _operator_from_data(obj: Any, value: Any, settings: Any) -> None:
    """A visible-string; some modems report the operator as an octet-string, which is read as text too."""
    obj.operator = octets_to_text(value, "operator")


def _cell_to_data(obj: Any, settings: Any) -> Any:
    return record_to_data(obj.cellInfo, _CELL_V0 if obj.version == 0 else _CELL_V1)


def _cell_from_data(obj: Any, value: Any, settings: Any) -> None:
    layout = _CELL_V1 if isinstance(value, list) and len(value) >= len(_CELL_V1) else _CELL_V0
    obj.cellInfo = record_from_data(GXDLMSGSMCellInfo, value, layout, "cell info")


def _adjacent_to_data(obj: Any, settings: Any) -> GXArray:
    layout = _ADJACENT_V0 if obj.version == 0 else _ADJACENT_V1
    return GXArray(record_to_data(cell, layout) for cell in obj.adjacentCells)


def _adjacent_from_data(obj: Any, value: Any, settings: Any) -> None:
    obj.adjacentCells = [record_from_data(GXAdjacentCell, cell, _ADJACENT_V1, "adjacent cell")
                         for cell in items(value, "adjacent cells")]


@register_class
class GXDLMSGSMDiagnostic(GXDLMSObject):
    """GSM/GPRS/UMTS/LTE modem diagnostics: operator, registration, bearer, cells, capture time."""

    CLASS_ID = ObjectType.GSM_DIAGNOSTIC
    VERSION = 1
    DEFAULT_LN = "0.0.25.6.0.255"
    ATTRIBUTES = (
        Attribute(2, "operator", "Operator", DataType.STRING, default="", from_data=_operator_from_data),
        Attribute(3, "status", "Status", DataType.ENUM, default=GsmStatus.NONE, enum=GsmStatus),
        Attribute(4, "circuitSwitchStatus", "Circuit Switch Status", DataType.ENUM,
                  default=GsmCircuitSwitchStatus.INACTIVE, enum=GsmCircuitSwitchStatus),
        Attribute(5, "packetSwitchStatus", "Packet Switch Status", DataType.ENUM,
                  default=GsmPacketSwitchStatus.INACTIVE, enum=GsmPacketSwitchStatus),
        Attribute(6, "cellInfo", "Cell Info", DataType.STRUCTURE, factory=GXDLMSGSMCellInfo, to_data=_cell_to_data,
                  from_data=_cell_from_data),
        Attribute(7, "adjacentCells", "Adjacent Cells", DataType.ARRAY, factory=list, to_data=_adjacent_to_data,
                  from_data=_adjacent_from_data),
        Attribute(8, "captureTime", "Capture Time", DataType.OCTET_STRING, ui=DataType.DATETIME,
                  factory=GXDateTime),
    )

    operator: str
    status: GsmStatus | int
    circuitSwitchStatus: GsmCircuitSwitchStatus | int
    packetSwitchStatus: GsmPacketSwitchStatus | int
    cellInfo: GXDLMSGSMCellInfo
    adjacentCells: list[GXAdjacentCell]
    captureTime: GXDateTime


# --- LTE ----------------------------------------------------------------------------------------------
class LteCoverageEnhancement(IntEnum):
    """Coverage enhancement level of an LTE-M / NB-IoT cell."""

    LEVEL0 = 0
    LEVEL1 = 1
    LEVEL2 = 2


@dataclass
class GXLteNetworkParameters:
    """LTE timers (3GPP TS 24.301/24.008) and minimum receive levels."""

    t3402: int = 0
    t3412: int = 0
    t3412ext2: int = 0
    t3324: int = 0
    teDRX: int = 0
    tPTW: int = 0
    qRxlevMin: int = 0
    qRxlevMinCE: int = 0
    qRxLevMinCE1: int = 0


@dataclass
class GXLteQualityOfService:
    """Signal quality, level and signal-to-noise ratio of the serving cell, and its coverage enhancement."""

    signalQuality: int = 0
    signalLevel: int = 0
    signalToNoiseRatio: int = 0
    coverageEnhancement: LteCoverageEnhancement | int = LteCoverageEnhancement.LEVEL0

    def __post_init__(self) -> None:
        self.coverageEnhancement = enum_or_int(LteCoverageEnhancement, int(self.coverageEnhancement))


_NETWORK: Layout = (("t3402", DataType.UINT16), ("t3412", DataType.UINT16), ("t3412ext2", DataType.UINT32),
                    ("t3324", DataType.UINT16), ("teDRX", DataType.UINT32), ("tPTW", DataType.UINT16),
                    ("qRxlevMin", DataType.INT8), ("qRxlevMinCE", DataType.INT8), ("qRxLevMinCE1", DataType.INT8))
_QUALITY: Layout = (("signalQuality", DataType.INT8), ("signalLevel", DataType.INT8),
                    ("signalToNoiseRatio", DataType.INT8), ("coverageEnhancement", DataType.ENUM))


@register_class
class GXDLMSLteMonitoring(GXDLMSObject):
    """LTE modem monitoring: network timers and the quality of the serving cell."""

    CLASS_ID = ObjectType.LTE_MONITORING
    VERSION = 0
    DEFAULT_LN = "0.0.25.11.0.255"
    ATTRIBUTES = (
        record_attribute(2, "networkParameters", "Network Parameters", GXLteNetworkParameters, _NETWORK),
        record_attribute(3, "qualityOfService", "Quality Of Service", GXLteQualityOfService, _QUALITY),
    )

    networkParameters: GXLteNetworkParameters
    qualityOfService: GXLteQualityOfService


__all__ = [
    "GXAdjacentCell",
    "GXDLMSGSMCellInfo",
    "GXDLMSGSMDiagnostic",
    "GXDLMSLteMonitoring",
    "GXLteNetworkParameters",
    "GXLteQualityOfService",
    "GsmCircuitSwitchStatus",
    "GsmPacketSwitchStatus",
    "GsmStatus",
    "LteCoverageEnhancement",
]
