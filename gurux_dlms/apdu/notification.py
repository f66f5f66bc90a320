"""Unsolicited LN messages: Data-Notification (0x0F) and Event-Notification-Request (0xC2).

A meter pushes these without being asked (push setup, alarms).  Both may carry a
date-time, kept as the octet string that was sent so that the PDU re-encodes exactly;
:attr:`DataNotification.date_time_value` reads it as a :class:`GXDateTime`.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from typing import Any

from ..data.codec import encode_into
from ..data.datetime import GXDateTime
from ..errors import LocalProtocolError
from .base import Apdu, register
from .commands import Command
from .common import (
    U32,
    AttributeDescriptor,
    LongInvokeIdFields,
    put_octet_string,
    put_u8,
    put_u32,
    read_attribute_descriptor,
    read_data,
    read_octet_string,
    read_u8,
    truncated,
    write_attribute_descriptor,
)

#: The byte Gurux writes before an event notification's time: the octet-string type tag.
GURUX_TIME_FLAG = 0x09


def _as_date_time(raw: bytes | None) -> GXDateTime | None:
    if raw is None or len(raw) != 12:
        return None
    return GXDateTime.from_bytes(raw)


@register
@dataclass(slots=True)
class DataNotification(LongInvokeIdFields, Apdu):
    """Data-Notification: pushed data (a push setup's objects, usually a structure).

    ``date_time`` is the A-XDR octet string as sent: empty when the meter sent no time,
    12 bytes of COSEM date-time otherwise.
    """

    TAG = int(Command.DATA_NOTIFICATION)
    long_invoke_id_and_priority: int
    date_time: bytes = b""
    notification_body: Any = None

    @property
    def date_time_value(self) -> GXDateTime | None:
        """``date_time`` as a date-time (None when absent or not 12 bytes)."""
        return _as_date_time(self.date_time)

    def encode_into(self, out: bytearray) -> None:
        out.append(self.TAG)
        put_u32(out, self.long_invoke_id_and_priority, "long-invoke-id-and-priority")
        put_octet_string(out, self.date_time, "date-time")
        encode_into(out, self.notification_body)

    @classmethod
    def decode_body(cls, data: bytes, pos: int) -> tuple[DataNotification, int]:
        try:
            invoke = U32.unpack_from(data, pos)[0]
        except struct.error:
            raise truncated("long-invoke-id-and-priority", pos, 4, data) from None
        date_time, pos = read_octet_string(data, pos + 4, "date-time")
        body, pos = read_data(data, pos, "notification body")
        return cls(invoke, date_time, body), pos


@register
@dataclass(slots=True)
class EventNotificationRequest(Apdu):
    """Event-Notification-Request: an attribute's new value, optionally with the time of the event.

    ``time`` None: no time was sent (flag byte 0).  Otherwise the flag byte (``time_flag``,
    any non-zero value; Gurux writes 0x09, the octet-string tag) is followed by an A-XDR
    octet string, kept as sent.
    """

    TAG = int(Command.EVENT_NOTIFICATION)
    time: bytes | None
    attribute_descriptor: AttributeDescriptor
    attribute_value: Any = None
    time_flag: int = GURUX_TIME_FLAG

    @property
    def time_value(self) -> GXDateTime | None:
        """``time`` as a date-time (None when absent or not 12 bytes)."""
        return _as_date_time(self.time)

    def encode_into(self, out: bytearray) -> None:
        out.append(self.TAG)
        if self.time is None:
            out.append(0)
        else:
            if self.time_flag == 0:
                raise LocalProtocolError("event notification time flag", expected="non-zero when a time is sent",
                                         found=0)
            put_u8(out, self.time_flag, "time flag")
            put_octet_string(out, self.time, "time")
        write_attribute_descriptor(out, self.attribute_descriptor)
        encode_into(out, self.attribute_value)

    @classmethod
    def decode_body(cls, data: bytes, pos: int) -> tuple[EventNotificationRequest, int]:
        flag, pos = read_u8(data, pos, "time flag")
        time: bytes | None = None
        if flag:
            time, pos = read_octet_string(data, pos, "time")
        descriptor, pos = read_attribute_descriptor(data, pos)
        value, pos = read_data(data, pos, "attribute value")
        return cls(time, descriptor, value, flag or GURUX_TIME_FLAG), pos


__all__ = ["GURUX_TIME_FLAG", "DataNotification", "EventNotificationRequest"]
