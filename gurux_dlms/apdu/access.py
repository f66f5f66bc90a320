"""ACCESS service: Access-Request (0xD9) and Access-Response (0xDA).

One ACCESS request carries a list of GET/SET/ACTION items (the request specification)
and a list of data of the same length (null for a GET, the value for a SET, the parameters
for an ACTION).  The response returns, in order, the data of each item and a result per
item; it may repeat the request specification.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any

from ..errors import DecodeError, LocalProtocolError
from .base import Apdu, register
from .commands import Command
from .common import (
    DESCRIPTOR,
    U32,
    AttributeDescriptor,
    LongInvokeIdFields,
    MethodDescriptor,
    SelectiveAccess,
    put_count,
    put_octet_string,
    put_u8,
    put_u32,
    read_attribute_descriptor,
    read_count,
    read_data_list,
    read_flag,
    read_method_descriptor,
    read_octet_string,
    read_selective_access,
    read_u8,
    truncated,
    write_attribute_descriptor,
    write_data_list,
    write_method_descriptor,
    write_selective_access,
)


class AccessServiceCommandType(IntEnum):
    """The choice of an access request (and, 1-3, response) specification item."""

    GET = 1
    SET = 2
    ACTION = 3
    GET_WITH_SELECTION = 4
    SET_WITH_SELECTION = 5


_WITH_SELECTION = (AccessServiceCommandType.GET_WITH_SELECTION, AccessServiceCommandType.SET_WITH_SELECTION)


@dataclass(slots=True)
class AccessRequestSpecification:
    """One item of an access request: a service, what it addresses, and (4, 5) the selection.

    ``descriptor`` is a :class:`MethodDescriptor` for ACTION and an
    :class:`AttributeDescriptor` otherwise.
    """

    service: int
    descriptor: AttributeDescriptor | MethodDescriptor
    access_selection: SelectiveAccess | None = None


@dataclass(slots=True)
class AccessResponseSpecification:
    """One item of an access response: the service (1-3) and its result."""

    service: int
    result: int = 0


def _read_request_specification(data: bytes, pos: int) -> tuple[list[AccessRequestSpecification], int]:
    count, pos = read_count(data, pos, "access request specification", 1 + DESCRIPTOR.size)
    items = []
    for _ in range(count):
        service, pos = read_u8(data, pos, "access request specification")
        descriptor: AttributeDescriptor | MethodDescriptor
        selection = None
        if service == AccessServiceCommandType.ACTION:
            descriptor, pos = read_method_descriptor(data, pos)
        elif 1 <= service <= 5:
            descriptor, pos = read_attribute_descriptor(data, pos)
            if service >= AccessServiceCommandType.GET_WITH_SELECTION:
                selection, pos = read_selective_access(data, pos)
        else:
            raise DecodeError("access request specification", where=pos - 1, expected="a choice 1..5",
                              found=service)
        items.append(AccessRequestSpecification(service, descriptor, selection))
    return items, pos


def _write_request_specification(out: bytearray, items: list[AccessRequestSpecification]) -> None:
    put_count(out, items, "access request specification")
    for item in items:
        if not isinstance(item, AccessRequestSpecification):
            raise LocalProtocolError("access request specification item", expected="an AccessRequestSpecification",
                                     found=type(item).__name__)
        put_u8(out, item.service, "access service")
        if item.service == AccessServiceCommandType.ACTION:
            if not isinstance(item.descriptor, MethodDescriptor):
                raise LocalProtocolError("access action descriptor", expected="a MethodDescriptor",
                                         found=type(item.descriptor).__name__)
            write_method_descriptor(out, item.descriptor)
        elif 1 <= item.service <= 5:
            write_attribute_descriptor(out, item.descriptor)  # type: ignore[arg-type]
            if item.service in _WITH_SELECTION:
                if item.access_selection is None:
                    raise LocalProtocolError("access selection", expected="a SelectiveAccess for service 4/5",
                                             found=None)
                write_selective_access(out, item.access_selection)
        else:
            raise LocalProtocolError("access service", expected="1..5", found=item.service)
        if item.service not in _WITH_SELECTION and item.access_selection is not None:
            raise LocalProtocolError("access selection", expected="None for service 1-3",
                                     found=item.access_selection)


def _read_long_head(data: bytes, pos: int, what: str) -> tuple[int, bytes, int]:
    try:
        invoke = U32.unpack_from(data, pos)[0]
    except struct.error:
        raise truncated(what, pos, 4, data) from None
    date_time, pos = read_octet_string(data, pos + 4, "date-time")
    return invoke, date_time, pos


@register
@dataclass(slots=True)
class AccessRequest(LongInvokeIdFields, Apdu):
    """Access-Request: several GET/SET/ACTION items in one request.

    ``date_time`` is the octet string as sent (empty when there is none).
    """

    TAG = int(Command.ACCESS_REQUEST)
    long_invoke_id_and_priority: int
    date_time: bytes = b""
    request_specification: list[AccessRequestSpecification] = field(default_factory=list)
    list_of_data: list[Any] = field(default_factory=list)

    def encode_into(self, out: bytearray) -> None:
        out.append(self.TAG)
        put_u32(out, self.long_invoke_id_and_priority, "long-invoke-id-and-priority")
        put_octet_string(out, self.date_time, "date-time")
        _write_request_specification(out, self.request_specification)
        write_data_list(out, self.list_of_data, "access request list of data")

    @classmethod
    def decode_body(cls, data: bytes, pos: int) -> tuple[AccessRequest, int]:
        invoke, date_time, pos = _read_long_head(data, pos, "AccessRequest")
        items, pos = _read_request_specification(data, pos)
        values, pos = read_data_list(data, pos, "access request list of data")
        return cls(invoke, date_time, items, values), pos


@register
@dataclass(slots=True)
class AccessResponse(LongInvokeIdFields, Apdu):
    """Access-Response: the data and the result of each item of an Access-Request.

    ``request_specification`` None: the optional echo of the request items is absent.
    """

    TAG = int(Command.ACCESS_RESPONSE)
    long_invoke_id_and_priority: int
    date_time: bytes = b""
    request_specification: list[AccessRequestSpecification] | None = None
    list_of_data: list[Any] = field(default_factory=list)
    response_specification: list[AccessResponseSpecification] = field(default_factory=list)

    def encode_into(self, out: bytearray) -> None:
        out.append(self.TAG)
        put_u32(out, self.long_invoke_id_and_priority, "long-invoke-id-and-priority")
        put_octet_string(out, self.date_time, "date-time")
        if self.request_specification is None:
            out.append(0)
        else:
            out.append(1)
            _write_request_specification(out, self.request_specification)
        write_data_list(out, self.list_of_data, "access response list of data")
        put_count(out, self.response_specification, "access response specification")
        for item in self.response_specification:
            if not isinstance(item, AccessResponseSpecification):
                raise LocalProtocolError("access response specification item",
                                         expected="an AccessResponseSpecification", found=type(item).__name__)
            put_u8(out, item.service, "access service")
            put_u8(out, item.result, "access result")

    @classmethod
    def decode_body(cls, data: bytes, pos: int) -> tuple[AccessResponse, int]:
        invoke, date_time, pos = _read_long_head(data, pos, "AccessResponse")
        present, pos = read_flag(data, pos, "access request specification flag")
        items = None
        if present:
            items, pos = _read_request_specification(data, pos)
        values, pos = read_data_list(data, pos, "access response list of data")
        count, pos = read_count(data, pos, "access response specification", 2)
        responses = []
        for _ in range(count):
            service = data[pos]
            if not 1 <= service <= 3:
                raise DecodeError("access response specification", where=pos, expected="a choice 1..3",
                                  found=service)
            responses.append(AccessResponseSpecification(service, data[pos + 1]))
            pos += 2
        return cls(invoke, date_time, items, values, responses), pos


__all__ = [
    "AccessRequest",
    "AccessRequestSpecification",
    "AccessResponse",
    "AccessResponseSpecification",
    "AccessServiceCommandType",
]
