"""M-Bus client (class 72): a DLMS meter's view of one M-Bus slave device (gas, water, heat meter).

Version 1 adds the configuration and the encryption key status.  The methods install and
de-install the slave, capture its data, reset its alarm counter, synchronise its clock,
send it data and manage its encryption key.  The engine does no M-Bus I/O, so on the
server side the methods update the object's state and leave the radio or wired link to
the application.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from ...data.types import DataType, GXArray, GXInt8, GXStructure, GXUInt8
from ..access import AccessMode
from ..base import Attribute, GXDLMSObject, Method, ValueEventArgs
from ..object_type import ObjectType
from ..registry import register_class
from .setup_values import integer, items, ln_attribute, members, octets

RW = AccessMode.READ_WRITE


class MBusEncryptionKeyStatus(IntEnum):
    """Where the slave's encryption key is."""

    NO_ENCRYPTION_KEY = 0
    ENCRYPTION_KEY_SET = 1
    ENCRYPTION_KEY_TRANSFERRED = 2
    ENCRYPTION_KEY_SET_AND_TRANSFERRED = 3
    ENCRYPTION_KEY_IN_USE = 4


@dataclass
class GXMBusClientData:
    """One record of data_send: data information block, value information block, value."""

    dataInformation: bytes = b""
    valueInformation: bytes = b""
    data: Any = None


def _capture_to_data(obj: Any, settings: Any) -> GXArray:
    return GXArray(GXStructure([bytearray(dib), bytearray(vib)]) for dib, vib in obj.captureDefinition)


def _capture_from_data(obj: Any, value: Any, settings: Any) -> None:
    what = "capture definition"
    obj.captureDefinition = [(octets(f[0], what), octets(f[1], what))
                             for f in (members(e, 2, what) for e in items(value, what))]


def _u8(index: int, name: str, title: str, **options: Any) -> Attribute:
    return Attribute(index, name, title, DataType.UINT8, default=0, **options)


@register_class
class GXDLMSMBusClient(GXDLMSObject):
    """An M-Bus slave as seen from the meter; ``captureDefinition`` is a list of (DIB, VIB) byte pairs."""

    CLASS_ID = ObjectType.MBUS_CLIENT
    VERSION = 1
    DEFAULT_LN = "0.0.24.1.0.255"
    ATTRIBUTES = (
        ln_attribute(2, "mBusPortReference", "M-Bus Port Reference", access=RW),
        Attribute(3, "captureDefinition", "Capture Definition", DataType.ARRAY, factory=list,
                  to_data=_capture_to_data, from_data=_capture_from_data, static=True, access=RW),
        Attribute(4, "capturePeriod", "Capture Period", DataType.UINT32, default=0, static=True, access=RW),
        _u8(5, "primaryAddress", "Primary Address", access=RW),
        Attribute(6, "identificationNumber", "Identification Number", DataType.UINT32, default=0, access=RW),
        Attribute(7, "manufacturerID", "Manufacturer ID", DataType.UINT16, default=0, access=RW),
        _u8(8, "dataHeaderVersion", "Version", access=RW),
        _u8(9, "deviceType", "Device Type", access=RW),
        _u8(10, "accessNumber", "Access Number"),
        _u8(11, "status", "Status"),
        _u8(12, "alarm", "Alarm"),
        Attribute(13, "configuration", "Configuration", DataType.UINT16, default=0, access=RW, since=1),
        Attribute(14, "encryptionKeyStatus", "Encryption Key Status", DataType.ENUM,
                  default=MBusEncryptionKeyStatus.NO_ENCRYPTION_KEY, enum=MBusEncryptionKeyStatus, since=1),
    )
    METHODS = (
        Method(1, "slaveInstall", "Slave install", DataType.UINT8),
        Method(2, "slaveDeInstall", "Slave de-install", DataType.INT8),
        Method(3, "capture", "Capture", DataType.INT8),
        Method(4, "resetAlarmCounter", "Reset alarm counter", DataType.INT8),
        Method(5, "synchronizeClock", "Synchronize clock", DataType.INT8),
        Method(6, "dataSend", "Data send", DataType.ARRAY),
        Method(7, "setEncryptionKey", "Set encryption key", DataType.OCTET_STRING),
        Method(8, "transferKey", "Transfer key", DataType.OCTET_STRING),
    )

    mBusPortReference: str | None
    captureDefinition: list[tuple[bytes, bytes]]
    capturePeriod: int
    primaryAddress: int
    identificationNumber: int
    manufacturerID: int
    dataHeaderVersion: int
    deviceType: int
    accessNumber: int
    status: int
    alarm: int
    configuration: int
    encryptionKeyStatus: MBusEncryptionKeyStatus | int

    def __init__(self, ln: str | None = None, sn: int = 0) -> None:
        super().__init__(ln, sn)
        self.encryptionKey: bytes | None = None
        self.pendingData: list[GXMBusClientData] = []

    # --- client helpers (Gurux names) --------------------------------------------------------------
    def installSlave(self, client: Any, primaryAddress: int) -> Any:
        return self._method_request(client, 1, GXUInt8(primaryAddress))

    def deInstallSlave(self, client: Any) -> Any:
        return self._method_request(client, 2, GXInt8(0))

    def capture(self, client: Any) -> Any:
        return self._method_request(client, 3, GXInt8(0))

    def resetAlarmCounter(self, client: Any) -> Any:
        return self._method_request(client, 4, GXInt8(0))

    def synchronizeClock(self, client: Any) -> Any:
        return self._method_request(client, 5, GXInt8(0))

    def sendData(self, client: Any, data: list[GXMBusClientData]) -> Any:
        value = GXArray(GXStructure([bytearray(d.dataInformation), bytearray(d.valueInformation), d.data])
                        for d in data)
        return self._method_request(client, 6, value)

    def setEncryptionKey(self, client: Any, encryptionKey: bytes) -> Any:
        return self._method_request(client, 7, bytearray(encryptionKey or b""))

    def transferKey(self, client: Any, encryptionKey: bytes) -> Any:
        return self._method_request(client, 8, bytearray(encryptionKey))

    # --- server side --------------------------------------------------------------------------------
    def invoke(self, settings: Any, e: ValueEventArgs) -> Any:
        """Update the slave's state as each method says; the M-Bus link itself is the application's."""
        if e.index == 1:
            self.primaryAddress = integer(e.parameters, "primary address")
        elif e.index == 2:
            self.primaryAddress = 0
            self.identificationNumber = self.manufacturerID = self.dataHeaderVersion = self.deviceType = 0
            self.encryptionKey = None
            self.encryptionKeyStatus = MBusEncryptionKeyStatus.NO_ENCRYPTION_KEY
        elif e.index == 4:
            self.alarm = 0
        elif e.index == 6:
            what = "data send"
            self.pendingData = [GXMBusClientData(octets(f[0], what), octets(f[1], what), f[2])
                                for f in (members(entry, 3, what) for entry in items(e.parameters, what))]
        elif e.index == 7:
            key = octets(e.parameters, "encryption key")
            self.encryptionKey = key or None
            self.encryptionKeyStatus = (MBusEncryptionKeyStatus.ENCRYPTION_KEY_SET if key
                                        else MBusEncryptionKeyStatus.NO_ENCRYPTION_KEY)
        elif e.index == 8:
            octets(e.parameters, "encryption key")
            self.encryptionKeyStatus = (MBusEncryptionKeyStatus.ENCRYPTION_KEY_SET_AND_TRANSFERRED
                                        if self.encryptionKey else MBusEncryptionKeyStatus.ENCRYPTION_KEY_TRANSFERRED)
        elif e.index not in (3, 5):
            return super().invoke(settings, e)
        return None


__all__ = ["GXDLMSMBusClient", "GXMBusClientData", "MBusEncryptionKeyStatus"]
