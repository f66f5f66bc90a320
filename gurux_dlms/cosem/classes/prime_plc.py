"""PRIME NB OFDM PLC (Blue Book 4.8.4): LLC SSCS setup (80), PHY and MAC counters (81, 84),
MAC setup (82), MAC functional parameters (83) and applications identification (86).

All attributes are simple values, so the classes are their tables; the counters' reset
methods zero the counters on the server side.
"""

from __future__ import annotations

from enum import IntEnum, IntFlag
from typing import Any

from ...data.types import DataType
from ..access import AccessMode
from ..base import Attribute, GXDLMSObject, Method, ValueEventArgs
from ..object_type import ObjectType
from ..registry import register_class
from .plc_records import reset_to_defaults

RW = AccessMode.READ_WRITE


class MacState(IntEnum):
    """State of a PRIME node (mac_state, class 83 attribute 6)."""

    DISCONNECTED = 0
    TERMINAL = 1
    SWITCH = 2
    BASE = 3


class MacCapabilities(IntFlag):
    """Capabilities of a PRIME node (class 83 attribute 14, a bit mask in a long-unsigned)."""

    NONE = 0
    SWITCH_CAPABLE = 0x1
    PACKET_AGGREGATION = 0x2
    CONTENTION_FREE_PERIOD = 0x4
    DIRECT_CONNECTION = 0x8
    MULTICAST = 0x10
    PHY_ROBUSTNESS_MANAGEMENT = 0x20
    ARQ = 0x40
    RESERVED_FOR_FUTURE_USE = 0x80
    DIRECT_CONNECTION_SWITCHING = 0x100
    MULTICAST_SWITCHING_CAPABILITY = 0x200
    PHY_ROBUSTNESS_MANAGEMENT_SWITCHING_CAPABILITY = 0x400
    ARQ_BUFFERING_SWITCHING_CAPABILITY = 0x800


def _counter(index: int, name: str, title: str, data_type: DataType = DataType.UINT32) -> Attribute:
    return Attribute(index, name, title, data_type, default=0, access=RW)


class _ResettableCounters(GXDLMSObject):
    """Counter classes whose method 1 (reset) zeroes every counter."""

    def reset(self, client: Any) -> Any:
        """Frames that call reset (method 1) through a Gurux-style client."""
        return self._method_request(client, 1, 0)

    def invoke(self, settings: Any, e: ValueEventArgs) -> Any:
        if e.index == 1:
            reset_to_defaults(self, [a.name for a in self.ATTRIBUTES])
            return None
        return super().invoke(settings, e)


@register_class
class GXDLMSLlcSscsSetup(GXDLMSObject):
    """LLC SSCS setup: the node's service node address and its base node address."""

    CLASS_ID = ObjectType.LLC_SSCS_SETUP
    VERSION = 0
    DEFAULT_LN = "0.0.28.0.0.255"
    ATTRIBUTES = (
        Attribute(2, "serviceNodeAddress", "Service Node Address", DataType.UINT16, default=0xFFE, access=RW),
        Attribute(3, "baseNodeAddress", "Base Node Address", DataType.UINT16, default=0, access=RW),
    )
    METHODS = (Method(1, "reset", "Reset", DataType.INT8),)

    serviceNodeAddress: int
    baseNodeAddress: int

    def reset(self, client: Any) -> Any:
        """Frames that call reset (method 1): the node forgets its addresses."""
        return self._method_request(client, 1, 0)

    def invoke(self, settings: Any, e: ValueEventArgs) -> Any:
        if e.index == 1:
            reset_to_defaults(self, ("serviceNodeAddress", "baseNodeAddress"))
            return None
        return super().invoke(settings, e)


@register_class
class GXDLMSPrimeNbOfdmPlcPhysicalLayerCounters(_ResettableCounters):
    """PHY counters of a PRIME node: CRC errors and dropped packets."""

    CLASS_ID = ObjectType.PRIME_NB_OFDM_PLC_PHYSICAL_LAYER_COUNTERS
    VERSION = 0
    DEFAULT_LN = "0.0.28.1.0.255"
    ATTRIBUTES = (
        _counter(2, "crcIncorrectCount", "Crc Incorrect Count", DataType.UINT16),
        _counter(3, "crcFailedCount", "Crc Failed Count", DataType.UINT16),
        _counter(4, "txDropCount", "Tx Drop Count", DataType.UINT16),
        _counter(5, "rxDropCount", "Rx Drop Count", DataType.UINT16),
    )
    METHODS = (Method(1, "reset", "Reset", DataType.INT8),)

    crcIncorrectCount: int
    crcFailedCount: int
    txDropCount: int
    rxDropCount: int


@register_class
class GXDLMSPrimeNbOfdmPlcMacSetup(GXDLMSObject):
    """MAC setup of a PRIME node: promotion, beacon and retransmission parameters."""

    CLASS_ID = ObjectType.PRIME_NB_OFDM_PLC_MAC_SETUP
    VERSION = 0
    DEFAULT_LN = "0.0.28.2.0.255"
    ATTRIBUTES = (
        Attribute(2, "macMinSwitchSearchTime", "Mac Min Switch Search Time", DataType.UINT8, default=0, access=RW),
        Attribute(3, "macMaxPromotionPdu", "Mac Max Promotion Pdu", DataType.UINT8, default=0, access=RW),
        Attribute(4, "macPromotionPduTxPeriod", "Mac Promotion Pdu Tx Period", DataType.UINT8, default=0,
                  access=RW),
        Attribute(5, "macBeaconsPerFrame", "Mac Beacons Per Frame", DataType.UINT8, default=0),
        Attribute(6, "macScpMaxTxAttempts", "Mac Scp Max Tx Attempts", DataType.UINT8, default=0, access=RW),
        Attribute(7, "macCtlReTxTimer", "Mac Ctl Re Tx Timer", DataType.UINT8, default=0, access=RW),
        Attribute(8, "macMaxCtlReTx", "Mac Max Ctl Re Tx", DataType.UINT8, default=0, access=RW),
    )

    macMinSwitchSearchTime: int
    macMaxPromotionPdu: int
    macPromotionPduTxPeriod: int
    macBeaconsPerFrame: int
    macScpMaxTxAttempts: int
    macCtlReTxTimer: int
    macMaxCtlReTx: int


@register_class
class GXDLMSPrimeNbOfdmPlcMacFunctionalParameters(GXDLMSObject):
    """MAC functional parameters of a PRIME node: identifiers, state, beacon slots, capabilities."""

    CLASS_ID = ObjectType.PRIME_NB_OFDM_PLC_MAC_FUNCTIONAL_PARAMETERS
    VERSION = 0
    DEFAULT_LN = "0.0.28.3.0.255"
    ATTRIBUTES = (
        Attribute(2, "lnId", "Ln Id", DataType.INT16, default=0),
        Attribute(3, "lsId", "Ls Id", DataType.UINT8, default=0),
        Attribute(4, "sId", "S Id", DataType.UINT8, default=0),
        Attribute(5, "sna", "Sna", DataType.OCTET_STRING, factory=bytearray),
        Attribute(6, "state", "State", DataType.ENUM, default=MacState.DISCONNECTED, enum=MacState),
        Attribute(7, "scpLength", "Scp Length", DataType.INT16, default=0),
        Attribute(8, "nodeHierarchyLevel", "Node Hierarchy Level", DataType.UINT8, default=0),
        Attribute(9, "beaconSlotCount", "Beacon Slot Count", DataType.UINT8, default=0),
        Attribute(10, "beaconRxSlot", "Beacon Rx Slot", DataType.UINT8, default=0),
        Attribute(11, "beaconTxSlot", "Beacon Tx Slot", DataType.UINT8, default=0),
        Attribute(12, "beaconRxFrequency", "Beacon Rx Frequency", DataType.UINT8, default=0),
        Attribute(13, "beaconTxFrequency", "Beacon Tx Frequency", DataType.UINT8, default=0),
        Attribute(14, "capabilities", "Capabilities", DataType.UINT16, default=MacCapabilities.NONE,
                  enum=MacCapabilities),
    )

    lnId: int
    lsId: int
    sId: int
    sna: bytearray
    state: MacState | int
    scpLength: int
    nodeHierarchyLevel: int
    beaconSlotCount: int
    beaconRxSlot: int
    beaconTxSlot: int
    beaconRxFrequency: int
    beaconTxFrequency: int
    capabilities: MacCapabilities | int


@register_class
class GXDLMSPrimeNbOfdmPlcMacCounters(_ResettableCounters):
    """MAC counters of a PRIME node: data and control packets, CSMA failures."""

    CLASS_ID = ObjectType.PRIME_NB_OFDM_PLC_MAC_COUNTERS
    VERSION = 0
    DEFAULT_LN = "0.0.28.4.0.255"
    ATTRIBUTES = (
        _counter(2, "txDataPktCount", "Tx Data Pkt Count"),
        _counter(3, "rxDataPktCount", "Rx Data Pkt Count"),
        _counter(4, "txCtrlPktCount", "Tx Ctrl Pkt Count"),
        _counter(5, "rxCtrlPktCount", "Rx Ctrl Pkt Count"),
        _counter(6, "csmaFailCount", "Csma Fail Count"),
        _counter(7, "csmaChBusyCount", "Csma Ch Busy Count"),
    )
    METHODS = (Method(1, "reset", "Reset", DataType.INT8),)

    txDataPktCount: int
    rxDataPktCount: int
    txCtrlPktCount: int
    rxCtrlPktCount: int
    csmaFailCount: int
    csmaChBusyCount: int


def _firmware_from_data(obj: Any, value: Any, settings: Any) -> None:
    """The firmware version is an octet string that holds text; keep text when it is text."""
    if isinstance(value, (bytes, bytearray)):
        try:
            obj.firmwareVersion = bytes(value).decode("ascii")
            return
        except UnicodeDecodeError:
            obj.firmwareVersion = bytearray(value)
            return
    if value is not None and not isinstance(value, str):
        from ...errors import DecodeError

        raise DecodeError("firmware version", expected="octet-string", found=repr(value))
    obj.firmwareVersion = value


@register_class
class GXDLMSPrimeNbOfdmPlcApplicationsIdentification(GXDLMSObject):
    """Firmware version, vendor and product of a PRIME node."""

    CLASS_ID = ObjectType.PRIME_NB_OFDM_PLC_APPLICATIONS_IDENTIFICATION
    VERSION = 0
    DEFAULT_LN = "0.0.28.7.0.255"
    ATTRIBUTES = (
        Attribute(2, "firmwareVersion", "Firmware Version", DataType.OCTET_STRING, ui=DataType.STRING,
                  default="", static=True, from_data=_firmware_from_data),
        Attribute(3, "vendorId", "Vendor Id", DataType.UINT16, default=0, static=True),
        Attribute(4, "productId", "Product Id", DataType.UINT16, default=0, static=True),
    )

    firmwareVersion: str | bytearray
    vendorId: int
    productId: int


__all__ = [
    "GXDLMSLlcSscsSetup",
    "GXDLMSPrimeNbOfdmPlcApplicationsIdentification",
    "GXDLMSPrimeNbOfdmPlcMacCounters",
    "GXDLMSPrimeNbOfdmPlcMacFunctionalParameters",
    "GXDLMSPrimeNbOfdmPlcMacSetup",
    "GXDLMSPrimeNbOfdmPlcPhysicalLayerCounters",
    "MacCapabilities",
    "MacState",
]
