"""ExceptionResponse (0xD8) and ConfirmedServiceError (0x0E), with Gurux's enum names.

::

    ExceptionResponse ::= SEQUENCE {
        state-error    [0] IMPLICIT ENUMERATED { service-not-allowed (1), service-unknown (2) },
        service-error  [1] CHOICE { operation-not-possible [1] NULL, service-not-supported [2] NULL,
                                    other-reason [3] NULL, pdu-too-long [4] NULL,
                                    deciphering-error [5] NULL,
                                    invocation-counter-error [6] Unsigned32 } }

    ConfirmedServiceError ::= CHOICE {                  -- which service failed
        initiateError [1] ServiceError, getStatus [2] ..., read [5] ServiceError,
        write [6] ServiceError, ... }
    ServiceError ::= CHOICE {                           -- the error class, then its enum
        application-reference [0], hardware-resource [1], vde-state-error [2], service [3],
        definition [4], access [5], initiate [6], load-data-set [7], change-scope [8],
        task [9], other [10] }

Values outside the enums are kept as plain integers, so every PDU re-encodes as it came;
only the error class must be one of the eleven the CHOICE has, since the meaning of the
value that follows depends on it.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from enum import IntEnum
from typing import ClassVar

from ..errors import ConfirmedServiceErrorError, DecodeError, ExceptionResponseError, LocalProtocolError
from .base import Apdu, register
from .common import put_u8, put_u32, truncated


class StateError(IntEnum):
    """ExceptionResponse state-error."""

    SERVICE_NOT_ALLOWED = 1
    SERVICE_UNKNOWN = 2


class ExceptionServiceError(IntEnum):
    """ExceptionResponse service-error."""

    OPERATION_NOT_POSSIBLE = 1
    SERVICE_NOT_SUPPORTED = 2
    OTHER_REASON = 3
    PDU_TOO_LONG = 4
    DECIPHERING_ERROR = 5
    INVOCATION_COUNTER_ERROR = 6


class ConfirmedService(IntEnum):
    """The service a ConfirmedServiceError is about (Gurux's ``ConfirmedServiceError`` enum)."""

    INITIATE_ERROR = 1
    GET_STATUS = 2
    GET_NAME_LIST = 3
    GET_VARIABLE_ATTRIBUTE = 4
    READ = 5
    WRITE = 6
    GET_DATA_SET_ATTRIBUTE = 7
    GET_TI_ATTRIBUTE = 8
    CHANGE_SCOPE = 9
    START = 10
    STOP = 11
    RESUME = 12
    MAKE_USABLE = 13
    INITIATE_LOAD = 14
    LOAD_SEGMENT = 15
    TERMINATE_LOAD = 16
    INITIATE_UP_LOAD = 17
    UP_LOAD_SEGMENT = 18
    TERMINATE_UP_LOAD = 19


class ServiceError(IntEnum):
    """The error class of a ConfirmedServiceError (the ServiceError CHOICE)."""

    APPLICATION_REFERENCE = 0
    HARDWARE_RESOURCE = 1
    VDE_STATE_ERROR = 2
    SERVICE = 3
    DEFINITION = 4
    ACCESS = 5
    INITIATE = 6
    LOAD_DATA_SET = 7
    CHANGE_SCOPE = 8
    TASK = 9
    OTHER_ERROR = 10
    OTHER = 10


class ApplicationReference(IntEnum):
    OTHER = 0
    TIME_ELAPSED = 1
    APPLICATION_UNREACHABLE = 2
    APPLICATION_REFERENCE_INVALID = 3
    APPLICATION_CONTEXT_UNSUPPORTED = 4
    PROVIDER_COMMUNICATION_ERROR = 5
    DECIPHERING_ERROR = 6


class HardwareResource(IntEnum):
    OTHER = 0
    MEMORY_UNAVAILABLE = 1
    PROCESSOR_RESOURCE_UNAVAILABLE = 2
    MASS_STORAGE_UNAVAILABLE = 3
    OTHER_RESOURCE_UNAVAILABLE = 4


class VdeStateError(IntEnum):
    OTHER = 0
    NO_DLMS_CONTEXT = 1
    LOADING_DATA_SET = 2
    STATUS_NO_CHANGE = 3
    STATUS_INOPERABLE = 4


class Service(IntEnum):
    OTHER = 0
    PDU_SIZE = 1
    UNSUPPORTED = 2


class Definition(IntEnum):
    OTHER = 0
    OBJECT_UNDEFINED = 1
    OBJECT_CLASS_INCONSISTENT = 2
    OBJECT_ATTRIBUTE_INCONSISTENT = 3


class Access(IntEnum):
    OTHER = 0
    SCOPE_OF_ACCESS_VIOLATED = 1
    OBJECT_ACCESS_INVALID = 2
    HARDWARE_FAULT = 3
    OBJECT_UNAVAILABLE = 4


class Initiate(IntEnum):
    OTHER = 0
    DLMS_VERSION_TOO_LOW = 1
    INCOMPATIBLE_CONFORMANCE = 2
    PDU_SIZE_TOO_SHORT = 3
    REFUSED_BY_THE_VDE_HANDLER = 4


class LoadDataSet(IntEnum):
    OTHER = 0
    PRIMITIVE_OUT_OF_SEQUENCE = 1
    NOT_LOADABLE = 2
    DATASET_SIZE_TOO_LARGE = 3
    NOT_AWAITED_SEGMENT = 4
    INTERPRETATION_FAILURE = 5
    STORAGE_FAILURE = 6
    DATASET_NOT_READY = 7


class ChangeScope(IntEnum):
    OTHER = 0


class Task(IntEnum):
    OTHER = 0
    NO_REMOTE_CONTROL = 1
    TI_STOPPED = 2
    TI_RUNNING = 3
    TI_UNUSABLE = 4


class OtherError(IntEnum):
    OTHER = 0


#: The enum of the value under each error class.
SERVICE_ERROR_DETAILS: dict[ServiceError, type[IntEnum]] = {
    ServiceError.APPLICATION_REFERENCE: ApplicationReference,
    ServiceError.HARDWARE_RESOURCE: HardwareResource,
    ServiceError.VDE_STATE_ERROR: VdeStateError,
    ServiceError.SERVICE: Service,
    ServiceError.DEFINITION: Definition,
    ServiceError.ACCESS: Access,
    ServiceError.INITIATE: Initiate,
    ServiceError.LOAD_DATA_SET: LoadDataSet,
    ServiceError.CHANGE_SCOPE: ChangeScope,
    ServiceError.TASK: Task,
    ServiceError.OTHER_ERROR: OtherError,
}

_U32 = struct.Struct(">I")


def enum_or_int(enum: type[IntEnum], value: int) -> int:
    """``enum(value)`` when the value is a member, else the plain integer."""
    try:
        return enum(value)
    except ValueError:
        return value


def service_error_detail(error: int, value: int) -> int:
    """The value of a ServiceError as the enum of its class (plain int when unknown)."""
    detail = SERVICE_ERROR_DETAILS.get(error)  # type: ignore[call-overload]
    return value if detail is None else enum_or_int(detail, value)


@register
@dataclass(slots=True)
class ExceptionResponse(Apdu):
    """ExceptionResponse: the server could not even start to process the request."""

    TAG: ClassVar[int] = 0xD8

    state_error: int = StateError.SERVICE_NOT_ALLOWED
    service_error: int = ExceptionServiceError.OPERATION_NOT_POSSIBLE
    #: The invocation counter the server expects; only with service-error invocation-counter-error.
    invocation_counter: int | None = None

    def encode_into(self, out: bytearray) -> None:
        out.append(self.TAG)
        put_u8(out, self.state_error, "state-error")
        put_u8(out, self.service_error, "service-error")
        if self.service_error == ExceptionServiceError.INVOCATION_COUNTER_ERROR:
            if self.invocation_counter is None:
                raise LocalProtocolError(
                    "ExceptionResponse invocation counter",
                    expected="the expected counter with invocation-counter-error",
                    found="None",
                )
            put_u32(out, self.invocation_counter, "invocation counter")
        elif self.invocation_counter is not None:
            raise LocalProtocolError(
                "ExceptionResponse invocation counter",
                expected="None unless the service error is invocation-counter-error",
                found=self.invocation_counter,
            )

    @classmethod
    def decode_body(cls, data: bytes, pos: int) -> tuple[ExceptionResponse, int]:
        if pos + 2 > len(data):
            raise truncated("ExceptionResponse state-error and service-error", pos, 2, data)
        state = enum_or_int(StateError, data[pos])
        service = enum_or_int(ExceptionServiceError, data[pos + 1])
        pos += 2
        counter = None
        if service == ExceptionServiceError.INVOCATION_COUNTER_ERROR:
            try:
                counter = _U32.unpack_from(data, pos)[0]
            except struct.error:
                raise truncated("invocation-counter-error value", pos, 4, data) from None
            pos += 4
        return cls(state, service, counter), pos

    def to_error(self) -> ExceptionResponseError:
        """The exception the session raises for this response."""
        state = self.state_error.name if isinstance(self.state_error, IntEnum) else str(self.state_error)
        service = (
            self.service_error.name if isinstance(self.service_error, IntEnum) else str(self.service_error)
        )
        text = f"exception response: state error {state}, service error {service}"
        if self.invocation_counter is not None:
            text += f", expected invocation counter {self.invocation_counter}"
        return ExceptionResponseError(
            text, state_error=int(self.state_error), service_error=int(self.service_error), reason=service
        )


@register
@dataclass(slots=True)
class ConfirmedServiceError(Apdu):
    """ConfirmedServiceError: a confirmed service (initiate, read, write ...) failed."""

    TAG: ClassVar[int] = 0x0E

    service: int = ConfirmedService.INITIATE_ERROR
    error: int = ServiceError.INITIATE
    value: int = 0

    def encode_into(self, out: bytearray) -> None:
        out.append(self.TAG)
        put_u8(out, self.service, "confirmed service")
        put_u8(out, self.error, "service error")
        put_u8(out, self.value, "service error value")

    @classmethod
    def decode_body(cls, data: bytes, pos: int) -> tuple[ConfirmedServiceError, int]:
        if pos + 3 > len(data):
            raise truncated("ConfirmedServiceError service, error and value", pos, 3, data)
        service, error, value = data[pos], data[pos + 1], data[pos + 2]
        if error not in SERVICE_ERROR_DETAILS:
            raise DecodeError(
                "ConfirmedServiceError service-error",
                where=pos + 1,
                expected="an error class 0..10",
                found=error,
            )
        return cls(
            enum_or_int(ConfirmedService, service), ServiceError(error), service_error_detail(error, value)
        ), pos + 3

    def to_error(self) -> ConfirmedServiceErrorError:
        """The exception the session raises for this response."""
        service = self.service.name if isinstance(self.service, IntEnum) else str(self.service)
        error = self.error.name if isinstance(self.error, IntEnum) else str(self.error)
        value = self.value.name if isinstance(self.value, IntEnum) else str(self.value)
        return ConfirmedServiceErrorError(
            f"confirmed service error: {service} failed with {error} {value}",
            service=int(self.service),
            error_class=int(self.error),
            error=int(self.value),
            reason=value,
        )


__all__ = [
    "Access",
    "ApplicationReference",
    "ChangeScope",
    "ConfirmedService",
    "ConfirmedServiceError",
    "Definition",
    "ExceptionResponse",
    "ExceptionServiceError",
    "HardwareResource",
    "Initiate",
    "LoadDataSet",
    "OtherError",
    "SERVICE_ERROR_DETAILS",
    "Service",
    "ServiceError",
    "StateError",
    "Task",
    "VdeStateError",
    "enum_or_int",
    "service_error_detail",
]
