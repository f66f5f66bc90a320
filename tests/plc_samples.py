"""Populated objects of the PLC classes (80-92): realistic, non-default values, tables with several entries."""

from __future__ import annotations

from typing import Any

from gurux_dlms.cosem import create_object
from gurux_dlms.cosem.classes.g3_plc_6lowpan import (
    DeviceType,
    GXDLMSBroadcastLogTable,
    GXDLMSContextInformationTable,
    GXDLMSRoutingConfiguration,
    GXDLMSRoutingTable,
)
from gurux_dlms.cosem.classes.g3_plc_mac import (
    GainResolution,
    GXDLMSMacPosTable,
    GXDLMSNeighbourTable,
    GXKeyValuePair,
    Modulation,
)
from gurux_dlms.cosem.classes.prime_plc import MacCapabilities, MacState
from gurux_dlms.cosem.classes.prime_plc_admin import (
    GXMacAvailableSwitch,
    GXMacDirectTable,
    GXMacMulticastEntry,
    GXMacPhyCommunication,
)
from gurux_dlms.data import GXBitString, GXStructure, GXUInt8, GXUInt32

SNA = bytearray.fromhex("0A1B2C3D4E5F")


def neighbour(address: int) -> GXDLMSNeighbourTable:
    return GXDLMSNeighbourTable(address, True, GXBitString("101100111000111111000011"), Modulation.DQPSK, -3,
                                GainResolution.DB3, GXBitString("110011001100110011001100"), 201, -12, 4, 120)


def _set(obj: Any, **values: Any) -> Any:
    for name, value in values.items():
        setattr(obj, name, value)
    return obj


def populated(class_id: int) -> Any:
    """An object of class ``class_id`` (80-92) with every attribute set to a non-default value."""
    obj = create_object(class_id)
    obj.logicalName = f"0.1.{28 if class_id < 90 else 29}.{class_id % 10}.3.255"
    if class_id == 80:
        return _set(obj, serviceNodeAddress=0x123, baseNodeAddress=0x045)
    if class_id == 81:
        return _set(obj, crcIncorrectCount=11, crcFailedCount=22, txDropCount=33, rxDropCount=65535)
    if class_id == 82:
        return _set(obj, macMinSwitchSearchTime=24, macMaxPromotionPdu=2, macPromotionPduTxPeriod=5,
                    macBeaconsPerFrame=4, macScpMaxTxAttempts=5, macCtlReTxTimer=2, macMaxCtlReTx=3)
    if class_id == 83:
        return _set(obj, lnId=-2, lsId=17, sId=3, sna=SNA, state=MacState.SWITCH, scpLength=-100,
                    nodeHierarchyLevel=2, beaconSlotCount=5, beaconRxSlot=1, beaconTxSlot=2, beaconRxFrequency=9,
                    beaconTxFrequency=8,
                    capabilities=MacCapabilities.SWITCH_CAPABLE | MacCapabilities.ARQ | MacCapabilities.MULTICAST)
    if class_id == 84:
        return _set(obj, txDataPktCount=100000, rxDataPktCount=99999, txCtrlPktCount=5000, rxCtrlPktCount=4999,
                    csmaFailCount=7, csmaChBusyCount=0xFFFFFFFF)
    if class_id == 85:
        return _set(
            obj,
            multicastEntries=[GXMacMulticastEntry(1, 12), GXMacMulticastEntry(-5, 300)],
            switchTable=[1, 2, -300],
            directTable=[GXMacDirectTable(1, 2, 3, 4, 5, 6, bytearray(b"\x01\x02\x03\x04\x05\x06")),
                         GXMacDirectTable(-1, -2, -3, 400, 500, 600, bytearray())],
            availableSwitches=[GXMacAvailableSwitch(SNA, 3, 1, -70, 15),
                               GXMacAvailableSwitch(bytearray(6), 4, 2, -80, 9)],
            communications=[GXMacPhyCommunication(bytearray.fromhex("001122334455"), 1, 2, 3, -4, 5, 6, 7, 8),
                            GXMacPhyCommunication(bytearray.fromhex("66778899AABB"), -1, 0, 1, -90, 20, 0, 1, 2)],
        )
    if class_id == 86:
        return _set(obj, firmwareVersion="PRIME 1.4 r2", vendorId=0x1234, productId=0xBEEF)
    if class_id == 90:
        for index, attribute in enumerate(obj.ATTRIBUTES, 1):
            setattr(obj, attribute.name, 1000 * index + 7)
        return obj
    if class_id == 91:
        _set(obj, shortAddress=0x0012, rcCoord=0x1000, panId=0x781D,
             keyTable=[GXKeyValuePair(0, bytearray(range(16))), GXKeyValuePair(1, bytearray(range(16, 32)))],
             frameCounter=123456, toneMask=GXBitString("1" * 36 + "0" * 36), tmrTtl=3, maxFrameRetries=4,
             neighbourTableEntryTtl=200, neighbourTable=[neighbour(0x0001), neighbour(0x0002), neighbour(0x0001)],
             highPriorityWindowSize=6, cscmFairnessLimit=20, beaconRandomizationWindowLength=10, a=7, k=4,
             minCwAttempts=9, cenelecLegacyMode=0, fccLegacyMode=0, maxBe=7, maxCsmaBackoffs=40, minBe=2,
             macBroadcastMaxCwEnabled=True, macTransmitAtten=6,
             macPosTable=[GXDLMSMacPosTable(0x0001, 180, 60), GXDLMSMacPosTable(0x0003, 90, 30)],
             macDuplicateDetectionTTL=5)
        return obj
    if class_id == 92:
        return _set(
            obj, maxHops=6, weakLqiValue=50, securityLevel=0,
            prefixTable=[GXStructure([GXUInt8(64), True, True, GXUInt32(3600), GXUInt32(1800),
                                      bytearray.fromhex("FD00000000000000")])],
            routingConfiguration=[GXDLMSRoutingConfiguration(20, 360, 0, 0, 0, 0, 4, 0, 0, 30, 10, True, False, 1),
                                  GXDLMSRoutingConfiguration(21, 361, 1, 2, 3, 4, 5, 6, 7, 8, 9, False, True, 0)],
            broadcastLogTableEntryTtl=3,
            routingTable=[GXDLMSRoutingTable(0x10, 0x11, 12, 2, 1, 240), GXDLMSRoutingTable(0x20, 0x21, 7, 1, 0, 10)],
            contextInformationTable=[
                GXDLMSContextInformationTable(GXBitString("0001"), 64, bytearray.fromhex("FD00000000000000"), True,
                                              600),
                GXDLMSContextInformationTable(GXBitString("0010"), 16, bytearray.fromhex("112233"), False, 1)],
            blacklistTable=[GXKeyValuePair(0x0033, 20), GXKeyValuePair(0x0034, 21)],
            broadcastLogTable=[GXDLMSBroadcastLogTable(0x0001, 200, 2), GXDLMSBroadcastLogTable(0x0002, 3, 1)],
            groupTable=[0x8001, 0x8002], maxJoinWaitTime=30, pathDiscoveryTime=45, activeKeyIndex=1,
            metricType=1, coordShortAddress=0x0000, disableDefaultRouting=True, deviceType=DeviceType.PAN_DEVICE,
            defaultCoordRouteEnabled=True, destinationAddress=[0x0001, 0x0100], lowLQI=30, highLQI=200,
        )
    raise ValueError(class_id)


PLC_CLASS_IDS = (80, 81, 82, 83, 84, 85, 86, 90, 91, 92)
