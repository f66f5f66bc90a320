"""Token gateway (class 115): accepts payment tokens and reports how their processing went."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from ...data.datetime import GXDateTime
from ...data.types import DataType, GXArray, GXBitString, GXEnum, GXStructure
from ...errors import DecodeError
from ..base import Attribute, GXDLMSObject, Method, ValueEventArgs, to_datetime_value
from ..object_type import ObjectType
from ..registry import register_class
from .object_references import as_int, as_octets, check_array, check_structure, clock_time, octets, text_from


class TokenDelivery(IntEnum):
    """How the last token arrived (Gurux's ``TokenDelivery``)."""

    REMOTE = 0
    LOCAL = 1
    MANUAL = 2


class TokenStatusCode(IntEnum):
    """Result of processing the last token (Gurux's ``TokenStatusCode``)."""

    FORMAT_OK = 0
    AUTHENTICATION_OK = 1
    VALIDATION_OK = 2
    TOKEN_EXECUTION_OK = 3
    TOKEN_FORMAT_FAILURE = 4
    AUTHENTICATION_FAILURE = 5
    VALIDATION_RESULT_FAILURE = 6
    TOKEN_EXECUTION_RESULT_FAILURE = 7
    TOKEN_RECEIVED = 8


def descriptions_to_data(obj: Any, settings: Any) -> GXArray:
    return GXArray(octets(d) for d in obj.descriptions)


def descriptions_from_data(obj: Any, value: Any, settings: Any) -> None:
    obj.descriptions = [text_from(d) for d in check_array(value, "token descriptions")]


def status_to_data(obj: Any, settings: Any) -> GXStructure:
    return GXStructure([GXEnum(int(obj.status)), GXBitString(obj.dataValue)])


def status_from_data(obj: Any, value: Any, settings: Any) -> None:
    m = check_structure(value, 2, "token status")
    code = as_int(m[0], "token status code")
    try:
        obj.status = TokenStatusCode(code)
    except ValueError:
        obj.status = code
    if not isinstance(m[1], str):
        raise DecodeError("token status data value", expected="a bit-string", found=type(m[1]).__name__)
    obj.dataValue = GXBitString(m[1])


@register_class
class GXDLMSTokenGateway(GXDLMSObject):
    """A COSEM Token gateway: the last ``token``, its ``time``, ``descriptions``, ``deliveryMethod``
    and processing ``status`` with its ``dataValue`` bits."""

    CLASS_ID = ObjectType.TOKEN_GATEWAY
    VERSION = 0
    DEFAULT_LN = "0.0.19.40.0.255"
    ATTRIBUTES = (
        Attribute(2, "token", "Token", DataType.OCTET_STRING, factory=bytearray),
        Attribute(3, "time", "Time", DataType.OCTET_STRING, ui=DataType.DATETIME, factory=GXDateTime),
        Attribute(4, "descriptions", "Descriptions", DataType.ARRAY, factory=list, to_data=descriptions_to_data,
                  from_data=descriptions_from_data),
        Attribute(5, "deliveryMethod", "Delivery Method", DataType.ENUM, default=TokenDelivery.REMOTE,
                  enum=TokenDelivery),
        Attribute(6, "tokenStatus", "Status", DataType.STRUCTURE, to_data=status_to_data, from_data=status_from_data),
    )
    METHODS = (Method(1, "enter", "Enter", DataType.OCTET_STRING),)

    token: bytearray
    time: GXDateTime
    descriptions: list[Any]
    deliveryMethod: TokenDelivery | int

    def __init__(self, ln: str | None = None, sn: int = 0) -> None:
        super().__init__(ln, sn)
        self.status: TokenStatusCode | int = TokenStatusCode.FORMAT_OK
        self.dataValue = GXBitString("")

    def __setattr__(self, name: str, value: Any) -> None:
        if name == "time" and value is not None and not isinstance(value, GXDateTime):
            value = to_datetime_value(value)
        object.__setattr__(self, name, value)

    @property
    def tokenStatus(self) -> tuple[TokenStatusCode | int, GXBitString]:
        return self.status, self.dataValue

    def enter(self, client: Any, token: Any) -> Any:
        """Frames that hand a token (bytes) to the meter."""
        return self._method_request(client, 1, octets(token))

    def invoke(self, settings: Any, e: ValueEventArgs) -> Any:
        """enter (1): store the token as received remotely, stamped with the server clock's time.

        Checking and executing the token is the payment application's job: the status says
        only that it was received.
        """
        if e.index != 1:
            return super().invoke(settings, e)
        self.token = bytearray(as_octets(e.parameters, "token"))
        self.deliveryMethod = TokenDelivery.REMOTE
        self.status = TokenStatusCode.TOKEN_RECEIVED
        now = clock_time(settings)
        if now is not None:
            self.time = GXDateTime(now)
        return None


__all__ = ["GXDLMSTokenGateway", "TokenDelivery", "TokenStatusCode"]
