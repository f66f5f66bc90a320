"""NTP setup (class 100): time synchronisation from an NTP server, with optional symmetric keys."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from ...data.types import DataType, GXArray, GXInt8, GXStructure, GXUInt32
from ..access import AccessMode
from ..base import Attribute, GXDLMSObject, Method, ValueEventArgs
from ..object_type import ObjectType
from ..registry import register_class
from .setup_values import integer, items, members, octets, octets_attribute, text_attribute

RW = AccessMode.READ_WRITE


class NtpAuthenticationMethod(IntEnum):
    """How NTP packets are authenticated."""

    NO_SECURITY = 0
    SHARED_SECRETS = 1
    AUTO_KEY_IFF = 2


def _key_to_data(key_id: int, key: bytes) -> GXStructure:
    return GXStructure([GXUInt32(key_id), bytearray(key)])


def _keys_to_data(obj: Any, settings: Any) -> GXArray:
    return GXArray(_key_to_data(key_id, key) for key_id, key in obj.keys.items())


def _key_from_data(value: Any) -> tuple[int, bytes]:
    fields = members(value, 2, "NTP key")
    return integer(fields[0], "NTP key id"), octets(fields[1], "NTP key")


def _keys_from_data(obj: Any, value: Any, settings: Any) -> None:
    obj.keys = dict(_key_from_data(entry) for entry in items(value, "NTP keys"))


@register_class
class GXDLMSNtpSetup(GXDLMSObject):
    """NTP client setup; ``keys`` maps key ids to shared secrets (bytes)."""

    CLASS_ID = ObjectType.NTP_SETUP
    VERSION = 0
    DEFAULT_LN = "0.0.25.10.0.255"
    ATTRIBUTES = (
        Attribute(2, "activated", "Activated", DataType.BOOLEAN, default=True, access=RW),
        text_attribute(3, "serverAddress", "Server Address", access=RW),
        Attribute(4, "port", "Port", DataType.UINT16, default=123, access=RW),
        Attribute(5, "authentication", "Authentication", DataType.ENUM, default=NtpAuthenticationMethod.NO_SECURITY,
                  enum=NtpAuthenticationMethod, access=RW),
        Attribute(6, "keys", "Keys", DataType.ARRAY, factory=dict, to_data=_keys_to_data, from_data=_keys_from_data),
        octets_attribute(7, "clientKey", "Client Key", access=RW),
    )
    METHODS = (
        Method(1, "synchronize", "Synchronize", DataType.INT8),
        Method(2, "addAuthenticationKey", "Add authentication key", DataType.STRUCTURE),
        Method(3, "deleteAuthenticationKey", "Delete authentication key", DataType.UINT32),
    )

    activated: bool
    serverAddress: str
    port: int
    authentication: NtpAuthenticationMethod | int
    keys: dict[int, bytes]
    clientKey: bytes

    def __init__(self, ln: str | None = None, sn: int = 0) -> None:
        super().__init__(ln, sn)
        self.synchronizeRequests = 0

    # --- client helpers (Gurux names) --------------------------------------------------------------
    def synchronize(self, client: Any) -> Any:
        return self._method_request(client, 1, GXInt8(0))

    def addAuthenticationKey(self, client: Any, id: int, key: bytes) -> Any:
        return self._method_request(client, 2, _key_to_data(id, key))

    def deleteAuthenticationKey(self, client: Any, id: int) -> Any:
        return self._method_request(client, 3, GXUInt32(id))

    # --- server side --------------------------------------------------------------------------------
    def invoke(self, settings: Any, e: ValueEventArgs) -> Any:
        """synchronize is counted in ``synchronizeRequests`` (the engine does no I/O); keys are added or deleted."""
        if e.index == 1:
            self.synchronizeRequests += 1
        elif e.index == 2:
            key_id, key = _key_from_data(e.parameters)
            self.keys[key_id] = key
        elif e.index == 3:
            self.keys.pop(integer(e.parameters, "NTP key id"), None)
        else:
            return super().invoke(settings, e)
        return None


__all__ = ["GXDLMSNtpSetup", "NtpAuthenticationMethod"]
