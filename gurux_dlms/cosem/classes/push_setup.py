"""Push setup (class 40): what a meter pushes, where to, when and how often it retries.

``pushObjectList`` is a list of ``(object, GXDLMSCaptureObject)`` pairs, as a profile's
capture objects are.  On the server, method 1 (push) gathers the current values of those
attributes into the structure a DataNotification carries (:meth:`GXDLMSPushSetup.push_data`).

Versions: 0 has attributes 1-7 and the push method; 1 adds the port reference, the push
client SAP and the protection parameters; 2 adds the operation method, the confirmation
parameters, the last confirmation time and the reset method, and turns the repetition
delay into ``structure{min, exponent, max}``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any

from ...data import codec
from ...data.datetime import GXDateTime
from ...data.types import DataType, GXArray, GXEnum, GXInt8, GXStructure, GXUInt16, GXUInt32
from ..access import AccessMode
from ..base import Attribute, GXDLMSObject, Method, ValueEventArgs
from ..object_type import ObjectType
from ..registry import register_class
from .object_references import GXDLMSCaptureObject, capture_definition_from_data, capture_definition_to_data
from .setup_values import (
    enum_or_int,
    from_octet_datetime,
    integer,
    items,
    ln_attribute,
    members,
    octets,
    octets_to_text,
    text_to_octets,
    to_octet_datetime,
    window_attribute,
)

RW = AccessMode.READ_WRITE


class ServiceType(IntEnum):
    """Transport service a push is sent with."""

    TCP = 0
    UDP = 1
    FTP = 2
    SMTP = 3
    SMS = 4
    HDLC = 5
    M_BUS = 6
    ZIG_BEE = 7
    DLMS_GATEWAY = 8


class MessageType(IntEnum):
    """How the pushed data is encoded."""

    COSEM_APDU = 0
    COSEM_APDU_XML = 1
    MANUFACTURER_SPESIFIC = 128  # sic: Gurux's spelling


class PushOperationMethod(IntEnum):
    """Whether pushes are confirmed, and when an unconfirmed push is repeated."""

    UN_CONFIRMED_FAILURE = 0
    UN_CONFIRMED_MISSING = 1
    CONFIRMED = 2


class ProtectionType(IntEnum):
    """Protection applied to pushed data."""

    AUTHENTICATION = 1
    ENCRYPTION = 2
    AUTHENTICATION_ENCRYPTION = 3


@dataclass
class GXPushProtectionParameters:
    """One protection a push gets; ``keyInfo`` keeps the key information structure as read."""

    protectionType: ProtectionType | int = ProtectionType.AUTHENTICATION_ENCRYPTION
    transactionId: bytes = b""
    originatorSystemTitle: bytes = b""
    recipientSystemTitle: bytes = b""
    otherInformation: bytes = b""
    keyInfo: Any = None


@dataclass
class GXPushConfirmationParameter:
    """When confirmed pushes start and how often (seconds)."""

    startDate: GXDateTime = field(default_factory=GXDateTime)
    interval: int = 0


# --- attribute conversions --------------------------------------------------------------------------
def _objects_to_data(obj: Any, settings: Any) -> GXArray:
    return GXArray(capture_definition_to_data(target, capture.attributeIndex, capture.dataIndex)
                   for target, capture in obj.pushObjectList)


def _objects_from_data(obj: Any, value: Any, settings: Any) -> None:
    obj.pushObjectList = [capture_definition_from_data(item, settings, "push object")
                          for item in items(value, "push object list")]


def _destination_to_data(obj: Any, settings: Any) -> GXStructure:
    return GXStructure([GXEnum(int(obj.service)), text_to_octets(obj.destination), GXEnum(int(obj.message))])


def _destination_from_data(obj: Any, value: Any, settings: Any) -> None:
    fields = members(value, 3, "send destination and method")
    obj.service = enum_or_int(ServiceType, integer(fields[0], "transport service"))
    obj.destination = octets_to_text(fields[1], "destination")
    obj.message = enum_or_int(MessageType, integer(fields[2], "message type"))


def _delays_to_data(obj: Any, settings: Any) -> GXStructure:
    return GXStructure([GXUInt16(obj.repetitionDelayMin), GXUInt16(obj.repetitionDelayExponent),
                        GXUInt16(obj.repetitionDelayMax)])


def _delays_from_data(obj: Any, value: Any, settings: Any) -> None:
    fields = members(value, 3, "repetition delay")
    obj.repetitionDelayMin, obj.repetitionDelayExponent, obj.repetitionDelayMax = (
        integer(f, "repetition delay") for f in fields[:3])


def _protection_to_data(obj: Any, settings: Any) -> GXArray:
    return GXArray(GXStructure([GXEnum(int(p.protectionType)), GXStructure([
        bytearray(p.transactionId), bytearray(p.originatorSystemTitle), bytearray(p.recipientSystemTitle),
        bytearray(p.otherInformation), p.keyInfo])]) for p in obj.pushProtectionParameters)


def _protection_from_data(obj: Any, value: Any, settings: Any) -> None:
    what = "push protection parameters"
    result = []
    for entry in items(value, what):
        fields = members(entry, 2, what)
        options = members(fields[1], 5, f"{what} options")
        result.append(GXPushProtectionParameters(
            enum_or_int(ProtectionType, integer(fields[0], "protection type")), octets(options[0], "transaction id"),
            octets(options[1], "originator system title"), octets(options[2], "recipient system title"),
            octets(options[3], "other information"), options[4]))
    obj.pushProtectionParameters = result


def _confirmation_to_data(obj: Any, settings: Any) -> GXStructure:
    parameter = obj.confirmationParameters
    return GXStructure([to_octet_datetime(parameter.startDate), GXUInt32(parameter.interval)])


def _confirmation_from_data(obj: Any, value: Any, settings: Any) -> None:
    fields = members(value, 2, "confirmation parameters")
    obj.confirmationParameters = GXPushConfirmationParameter(
        from_octet_datetime(fields[0], "confirmation start date"), integer(fields[1], "confirmation interval"))


@register_class
class GXDLMSPushSetup(GXDLMSObject):
    """A COSEM Push setup: ``service``/``destination``/``message`` make up attribute 3."""

    CLASS_ID = ObjectType.PUSH_SETUP
    VERSION = 2
    DEFAULT_LN = "0.0.25.9.0.255"
    ATTRIBUTES = (
        Attribute(2, "pushObjectList", "Push Object List", DataType.ARRAY, factory=list, to_data=_objects_to_data,
                  from_data=_objects_from_data, static=True, access=RW),
        Attribute(3, "sendDestinationAndMethod", "Send Destination And Method", DataType.STRUCTURE,
                  to_data=_destination_to_data, from_data=_destination_from_data, static=True, access=RW),
        window_attribute(4, "communicationWindow", "Communication Window", static=True),
        Attribute(5, "randomisationStartInterval", "Randomisation Start Interval", DataType.UINT16, default=0,
                  static=True, access=RW),
        Attribute(6, "numberOfRetries", "Number Of Retries", DataType.UINT8, default=0, static=True, access=RW),
        Attribute(7, "repetitionDelay", "Repetition Delay", DataType.UINT16, default=0, static=True, access=RW,
                  until=1),
        Attribute(7, "repetitionDelays", "Repetition Delay", DataType.STRUCTURE, to_data=_delays_to_data,
                  from_data=_delays_from_data, static=True, access=RW, since=2),
        ln_attribute(8, "portReference", "Port Reference", access=RW, since=1),
        Attribute(9, "pushClientSAP", "Push Client SAP", DataType.INT8, default=0, static=True, access=RW, since=1),
        Attribute(10, "pushProtectionParameters", "Push Protection Parameters", DataType.ARRAY, factory=list,
                  to_data=_protection_to_data, from_data=_protection_from_data, static=True, access=RW, since=1),
        Attribute(11, "pushOperationMethod", "Push Operation Method", DataType.ENUM,
                  default=PushOperationMethod.UN_CONFIRMED_FAILURE, enum=PushOperationMethod, static=True,
                  access=RW, since=2),
        Attribute(12, "confirmationParameters", "Confirmation Parameters", DataType.STRUCTURE,
                  factory=GXPushConfirmationParameter, to_data=_confirmation_to_data,
                  from_data=_confirmation_from_data, static=True, access=RW, since=2),
        Attribute(13, "lastConfirmationDateTime", "Last Confirmation Date Time", DataType.OCTET_STRING,
                  ui=DataType.DATETIME, factory=GXDateTime, since=2),
    )
    METHODS = (
        Method(1, "push", "Push", DataType.INT8),
        Method(2, "reset", "Reset", DataType.INT8, since=2),
    )

    pushObjectList: list[tuple[GXDLMSObject, GXDLMSCaptureObject]]
    communicationWindow: list[tuple[GXDateTime, GXDateTime]]
    randomisationStartInterval: int
    numberOfRetries: int
    repetitionDelay: int
    portReference: str | None
    pushClientSAP: int
    pushProtectionParameters: list[GXPushProtectionParameters]
    pushOperationMethod: PushOperationMethod | int
    confirmationParameters: GXPushConfirmationParameter
    lastConfirmationDateTime: GXDateTime

    def __init__(self, ln: str | None = None, sn: int = 0) -> None:
        super().__init__(ln, sn)
        self.service: ServiceType | int = ServiceType.TCP
        self.destination: str = ""
        self.message: MessageType | int = MessageType.COSEM_APDU
        self.repetitionDelayMin = 0
        self.repetitionDelayExponent = 0
        self.repetitionDelayMax = 0
        self.lastPushData: GXStructure | None = None

    @property
    def sendDestinationAndMethod(self) -> tuple[ServiceType | int, str, MessageType | int]:
        """``(service, destination, message)``."""
        return self.service, self.destination, self.message

    @property
    def repetitionDelays(self) -> tuple[int, int, int]:
        """Version 2 repetition delay: ``(repetitionDelayMin, repetitionDelayExponent, repetitionDelayMax)``."""
        return self.repetitionDelayMin, self.repetitionDelayExponent, self.repetitionDelayMax

    # --- client helpers -----------------------------------------------------------------------------
    def push(self, client: Any) -> Any:
        """Frames that make the meter push now (method 1)."""
        return self._method_request(client, 1, GXInt8(0))

    def reset(self, client: Any) -> Any:
        """Frames that reset the push setup (method 2, version 2)."""
        return self._method_request(client, 2, GXInt8(0))

    # --- server side --------------------------------------------------------------------------------
    def push_data(self, settings: Any = None) -> GXStructure:
        """The value a push sends: one member per push object, read from the server's objects.

        Each object is looked up in ``settings.objects`` (so current values are sent) and
        falls back to the object held in the list; a data index above 0 picks that element
        (1-based) of an array or structure value.
        """
        objects = getattr(settings, "objects", None)
        values = GXStructure()
        for target, capture in self.pushObjectList:
            if objects is not None:
                target = objects.findByLN(target.objectType, target.logicalName) or target
            # as sent on the wire: a clock's date-time is an octet-string there, not a date-time
            value = codec.decode(target.encode_attribute(capture.attributeIndex, settings))
            if capture.dataIndex and isinstance(value, list):
                value = value[capture.dataIndex - 1] if capture.dataIndex <= len(value) else None
            values.append(value)
        return values

    def invoke(self, settings: Any, e: ValueEventArgs) -> Any:
        """push: build the data (``lastPushData``) and give it to ``settings.send_push(push_setup, data)``
        when the server has that; reset: forget the last confirmation."""
        if e.index == 1:
            self.lastPushData = self.push_data(settings)
            send = getattr(settings, "send_push", None)
            if callable(send):
                send(self, self.lastPushData)
            return None
        if e.index == 2 and self.version >= 2:
            self.lastConfirmationDateTime = GXDateTime()
            self.lastPushData = None
            return None
        return super().invoke(settings, e)


__all__ = [
    "GXDLMSPushSetup",
    "GXPushConfirmationParameter",
    "GXPushProtectionParameters",
    "MessageType",
    "ProtectionType",
    "PushOperationMethod",
    "ServiceType",
]
