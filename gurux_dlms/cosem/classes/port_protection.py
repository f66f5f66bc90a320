"""Communication port protection (class 124): lock a port after failed authentication attempts."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from ...data.types import DataType, GXInt8
from ..access import AccessMode
from ..base import Attribute, GXDLMSObject, Method, ValueEventArgs
from ..object_type import ObjectType
from ..registry import register_class
from .setup_values import ln_attribute

RW = AccessMode.READ_WRITE


class ProtectionMode(IntEnum):
    """Whether the port is locked, locked after failed attempts, or always open."""

    LOCKED = 0
    LOCKED_ON_FAILED_ATTEMPTS = 1
    UNLOCKED = 2


class ProtectionStatus(IntEnum):
    """Current state of the port."""

    UNLOCKED = 0
    TEMPORARILY_LOCKED = 1
    LOCKED = 2


@register_class
class GXDLMSCommunicationPortProtection(GXDLMSObject):
    """Lockout of a communication port: after ``allowedFailedAttempts`` the port locks for a time
    that starts at ``initialLockoutTime`` and grows by ``steepnessFactor`` up to ``maxLockoutTime``
    (seconds); ``port`` is the logical name of the protected port's setup object."""

    CLASS_ID = ObjectType.COMMUNICATION_PORT_PROTECTION
    VERSION = 0
    DEFAULT_LN = "0.0.44.2.0.255"
    ATTRIBUTES = (
        Attribute(2, "protectionMode", "Protection Mode", DataType.ENUM,
                  default=ProtectionMode.LOCKED_ON_FAILED_ATTEMPTS, enum=ProtectionMode, access=RW),
        Attribute(3, "allowedFailedAttempts", "Allowed Failed Attempts", DataType.UINT16, default=0, access=RW),
        Attribute(4, "initialLockoutTime", "Initial Lockout Time", DataType.UINT32, default=0, access=RW),
        Attribute(5, "steepnessFactor", "Steepness Factor", DataType.UINT8, default=1, access=RW),
        Attribute(6, "maxLockoutTime", "Max Lockout Time", DataType.UINT32, default=0, access=RW),
        ln_attribute(7, "port", "Port"),
        Attribute(8, "protectionStatus", "Protection Status", DataType.ENUM, default=ProtectionStatus.UNLOCKED,
                  enum=ProtectionStatus),
        Attribute(9, "failedAttempts", "Failed Attempts", DataType.UINT32, default=0),
        Attribute(10, "cumulativeFailedAttempts", "Cumulative Failed Attempts", DataType.UINT32, default=0),
    )
    METHODS = (Method(1, "reset", "Reset", DataType.INT8),)

    protectionMode: ProtectionMode | int
    allowedFailedAttempts: int
    initialLockoutTime: int
    steepnessFactor: int
    maxLockoutTime: int
    port: str | None
    protectionStatus: ProtectionStatus | int
    failedAttempts: int
    cumulativeFailedAttempts: int

    def reset(self, client: Any) -> Any:
        """Frames that call reset (method 1)."""
        return self._method_request(client, 1, GXInt8(0))

    def lockout_time(self) -> int:
        """Seconds the port stays locked after the current run of failed attempts.

        ``initialLockoutTime * steepnessFactor ** (attempts beyond the allowed ones - 1)``,
        capped at ``maxLockoutTime`` (and at the 32 bits the attribute has); 0 while attempts
        are still allowed.
        """
        beyond = self.failedAttempts - self.allowedFailedAttempts
        if beyond <= 0 or self.protectionMode != ProtectionMode.LOCKED_ON_FAILED_ATTEMPTS:
            return 0
        cap = self.maxLockoutTime or 0xFFFFFFFF
        time = self.initialLockoutTime
        steps = beyond - 1 if self.steepnessFactor > 1 and time else 0
        for _ in range(steps):
            if time >= cap:
                break
            time *= self.steepnessFactor
        return min(time, cap)

    def invoke(self, settings: Any, e: ValueEventArgs) -> Any:
        """reset: clear the failed attempts and unlock the port."""
        if e.index != 1:
            return super().invoke(settings, e)
        self.failedAttempts = 0
        self.protectionStatus = ProtectionStatus.UNLOCKED
        return None


__all__ = ["GXDLMSCommunicationPortProtection", "ProtectionMode", "ProtectionStatus"]
