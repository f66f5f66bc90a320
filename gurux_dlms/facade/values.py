"""Small value classes of Gurux's API: access items, write items, gateway and XML load settings.

Also the conversions the push and report services share: a notification time as the
octet string the APDU carries, and :class:`CaptureIndex`, the attribute index a push
object list gives for each object (an ``int``, so ``client.updateValue(obj, index, value)``
works as in Gurux, that also remembers the element index).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from ..apdu.access import AccessServiceCommandType
from ..data.datetime import GXDateTime
from ..data.enums import DateTimeSkips
from ..errors import LocalProtocolError


@dataclass(eq=False)
class GXDLMSAccessItem:
    """One item of an ACCESS request: what to do (GET, SET, ACTION) with which attribute or method.

    ``value`` is the value to write (SET; the object's attribute value when None) or the
    method parameter (ACTION); after :meth:`GXDLMSClient.parseAccessResponse` it holds the
    value the meter returned and ``error`` the data-access-result (0 = success).
    """

    command: AccessServiceCommandType | int = AccessServiceCommandType.GET
    target: Any = None
    index: int = 0
    value: Any = None
    error: int = 0

    def __post_init__(self) -> None:
        try:
            self.command = AccessServiceCommandType(self.command)
        except ValueError:
            raise LocalProtocolError("access item command", expected="GET, SET or ACTION",
                                     found=self.command) from None


@dataclass(eq=False)
class GXWriteItem:
    """An attribute to write with ``GXDLMSClient.writeList`` (the object's current value is sent)."""

    target: Any = None
    index: int = 0


@dataclass
class GXDLMSGateway:
    """Where a DLMS gateway forwards requests: the network id and the physical address of the device."""

    networkId: int = 0
    physicalDeviceAddress: bytes = b""


@dataclass
class GXXmlLoadSettings:
    """Options for loading a Messages file: the time range that ``start``/``end`` in the file stand for."""

    start: datetime | None = None
    end: datetime | None = None
    extras: dict[str, Any] = field(default_factory=dict)


class CaptureIndex(int):
    """An attribute index (the ``int``) with the element index of a capture object definition.

    ``dataIndex`` 0 means the whole attribute; above 0 the 1-based element of an array or
    structure attribute.
    """

    dataIndex: int

    def __new__(cls, attributeIndex: int, dataIndex: int = 0) -> CaptureIndex:
        obj = super().__new__(cls, attributeIndex)
        obj.dataIndex = int(dataIndex)
        return obj

    @property
    def attributeIndex(self) -> int:
        return int(self)

    def __repr__(self) -> str:
        return f"CaptureIndex({int(self)}, {self.dataIndex})" if self.dataIndex else f"CaptureIndex({int(self)})"

    def __reduce__(self) -> Any:
        return (CaptureIndex, (int(self), self.dataIndex))


def time_bytes(time: Any) -> bytes:
    """The date-time field of a notification or access request: empty for None, else 12 bytes.

    A ``datetime`` is sent without its day of week (0xFF), as Gurux does; a ``GXDateTime``
    is sent as it is, and raw bytes unchanged.
    """
    if time is None:
        return b""
    if isinstance(time, (bytes, bytearray, memoryview)):
        return bytes(time)
    if isinstance(time, GXDateTime):
        return time.to_bytes()
    if isinstance(time, datetime):
        return GXDateTime(time, skip=DateTimeSkips.DAY_OF_WEEK).to_bytes()
    raise LocalProtocolError("notification time", expected="None, datetime, GXDateTime or 12 bytes",
                             found=type(time).__name__)


__all__ = ["CaptureIndex", "GXDLMSAccessItem", "GXDLMSGateway", "GXWriteItem", "GXXmlLoadSettings", "time_bytes"]
