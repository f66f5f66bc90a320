"""ACTION service (LN referencing): Action-Request (0xC3) and Action-Response (0xC7), every form.

Method parameters too large for one PDU travel in DataBlock-SA "pblocks": the first with
the method descriptor (ActionRequestWithFirstPBlock), the rest alone (ActionRequestWithPBlock),
each acknowledged by ActionResponseNextPBlock.  Long return data comes back the same way
(ActionResponseWithPBlock, fetched with ActionRequestNextPBlock).
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from typing import Any

from ..data.codec import encode_into
from ..errors import DecodeError
from .base import Apdu, register
from .commands import Command
from .common import (
    INVOKE_BLOCK,
    INVOKE_DESCRIPTOR,
    ActionResponseWithOptionalData,
    GetDataResult,
    InvokeIdFields,
    MethodDescriptor,
    put_count,
    put_u8,
    put_u32,
    read_action_response,
    read_count,
    read_data,
    read_data_block_sa,
    read_data_list,
    read_method_descriptor,
    read_method_descriptor_list,
    read_u8,
    truncated,
    write_action_response,
    write_data_block_sa,
    write_data_list,
    write_get_data_result,
    write_method_descriptor,
    write_method_descriptor_list,
)

ACTION_REQUEST = int(Command.METHOD_REQUEST)
ACTION_RESPONSE = int(Command.METHOD_RESPONSE)


def _read_block_number(data: bytes, pos: int, what: str) -> tuple[int, int, int]:
    try:
        invoke, number = INVOKE_BLOCK.unpack_from(data, pos)
    except struct.error:
        raise truncated(what, pos, INVOKE_BLOCK.size, data) from None
    return invoke, number, pos + 5


# --- requests --------------------------------------------------------------------------------
@register
@dataclass(slots=True)
class ActionRequestNormal(InvokeIdFields, Apdu):
    """Action-Request-Normal: invoke one method, with or without parameters.

    ``has_parameters`` tells an absent parameter (flag 0) from a null one (flag 1, data
    null); left at None it follows ``method_invocation_parameters is not None``.
    """

    TAG = ACTION_REQUEST
    CHOICE = 1
    invoke_id_and_priority: int
    method_descriptor: MethodDescriptor
    method_invocation_parameters: Any = None
    has_parameters: bool | None = None

    def __post_init__(self) -> None:
        if self.has_parameters is None:
            self.has_parameters = self.method_invocation_parameters is not None

    def encode_into(self, out: bytearray) -> None:
        out += b"\xc3\x01"
        put_u8(out, self.invoke_id_and_priority, "invoke-id-and-priority")
        write_method_descriptor(out, self.method_descriptor)
        if self.has_parameters:
            out.append(1)
            encode_into(out, self.method_invocation_parameters)
        else:
            out.append(0)

    @classmethod
    def decode_body(cls, data: bytes, pos: int) -> tuple[ActionRequestNormal, int]:
        try:
            invoke, class_id, instance_id, method_id = INVOKE_DESCRIPTOR.unpack_from(data, pos)
        except struct.error:
            raise truncated("ActionRequestNormal", pos, INVOKE_DESCRIPTOR.size, data) from None
        descriptor = MethodDescriptor(class_id, instance_id, method_id)
        flag, pos = read_u8(data, pos + 10, "method-invocation-parameters flag")
        if flag == 0:
            return cls(invoke, descriptor, None, False), pos
        if flag != 1:
            raise DecodeError("method-invocation-parameters flag", where=pos - 1, expected="0 or 1",
                              found=f"0x{flag:02X}")
        parameters, pos = read_data(data, pos, "method-invocation-parameters")
        return cls(invoke, descriptor, parameters, True), pos


@register
@dataclass(slots=True)
class ActionRequestNextPBlock(InvokeIdFields, Apdu):
    """Action-Request-Next-Pblock: ask for the block after ``block_number`` of long return data."""

    TAG = ACTION_REQUEST
    CHOICE = 2
    invoke_id_and_priority: int
    block_number: int

    def encode_into(self, out: bytearray) -> None:
        out += b"\xc3\x02"
        put_u8(out, self.invoke_id_and_priority, "invoke-id-and-priority")
        put_u32(out, self.block_number, "block number")

    @classmethod
    def decode_body(cls, data: bytes, pos: int) -> tuple[ActionRequestNextPBlock, int]:
        invoke, number, pos = _read_block_number(data, pos, "ActionRequestNextPBlock")
        return cls(invoke, number), pos


@register
@dataclass(slots=True)
class ActionRequestWithList(InvokeIdFields, Apdu):
    """Action-Request-With-List: invoke several methods; parameters pair with the descriptors."""

    TAG = ACTION_REQUEST
    CHOICE = 3
    invoke_id_and_priority: int
    method_descriptor_list: list[MethodDescriptor] = field(default_factory=list)
    method_invocation_parameters: list[Any] = field(default_factory=list)

    def encode_into(self, out: bytearray) -> None:
        out += b"\xc3\x03"
        put_u8(out, self.invoke_id_and_priority, "invoke-id-and-priority")
        write_method_descriptor_list(out, self.method_descriptor_list)
        write_data_list(out, self.method_invocation_parameters, "method-invocation-parameters")

    @classmethod
    def decode_body(cls, data: bytes, pos: int) -> tuple[ActionRequestWithList, int]:
        invoke, pos = read_u8(data, pos, "invoke-id-and-priority")
        descriptors, pos = read_method_descriptor_list(data, pos)
        parameters, pos = read_data_list(data, pos, "method-invocation-parameters")
        return cls(invoke, descriptors, parameters), pos


@register
@dataclass(slots=True)
class ActionRequestWithFirstPBlock(InvokeIdFields, Apdu):
    """Action-Request-With-First-Pblock: the method descriptor and the first parameter block."""

    TAG = ACTION_REQUEST
    CHOICE = 4
    invoke_id_and_priority: int
    method_descriptor: MethodDescriptor
    last_block: bool = False
    block_number: int = 1
    raw_data: bytes = b""

    def encode_into(self, out: bytearray) -> None:
        out += b"\xc3\x04"
        put_u8(out, self.invoke_id_and_priority, "invoke-id-and-priority")
        write_method_descriptor(out, self.method_descriptor)
        write_data_block_sa(out, self.last_block, self.block_number, self.raw_data)

    @classmethod
    def decode_body(cls, data: bytes, pos: int) -> tuple[ActionRequestWithFirstPBlock, int]:
        invoke, pos = read_u8(data, pos, "invoke-id-and-priority")
        descriptor, pos = read_method_descriptor(data, pos)
        last, number, raw, pos = read_data_block_sa(data, pos)
        return cls(invoke, descriptor, last, number, raw), pos


@register
@dataclass(slots=True)
class ActionRequestWithListAndFirstPBlock(InvokeIdFields, Apdu):
    """Action-Request-With-List-And-First-Pblock: several methods, their parameters in blocks."""

    TAG = ACTION_REQUEST
    CHOICE = 5
    invoke_id_and_priority: int
    method_descriptor_list: list[MethodDescriptor] = field(default_factory=list)
    last_block: bool = False
    block_number: int = 1
    raw_data: bytes = b""

    def encode_into(self, out: bytearray) -> None:
        out += b"\xc3\x05"
        put_u8(out, self.invoke_id_and_priority, "invoke-id-and-priority")
        write_method_descriptor_list(out, self.method_descriptor_list)
        write_data_block_sa(out, self.last_block, self.block_number, self.raw_data)

    @classmethod
    def decode_body(cls, data: bytes, pos: int) -> tuple[ActionRequestWithListAndFirstPBlock, int]:
        invoke, pos = read_u8(data, pos, "invoke-id-and-priority")
        descriptors, pos = read_method_descriptor_list(data, pos)
        last, number, raw, pos = read_data_block_sa(data, pos)
        return cls(invoke, descriptors, last, number, raw), pos


@register
@dataclass(slots=True)
class ActionRequestWithPBlock(InvokeIdFields, Apdu):
    """Action-Request-With-Pblock: a following block of the method parameters."""

    TAG = ACTION_REQUEST
    CHOICE = 6
    invoke_id_and_priority: int
    last_block: bool
    block_number: int
    raw_data: bytes = b""

    def encode_into(self, out: bytearray) -> None:
        out += b"\xc3\x06"
        put_u8(out, self.invoke_id_and_priority, "invoke-id-and-priority")
        write_data_block_sa(out, self.last_block, self.block_number, self.raw_data)

    @classmethod
    def decode_body(cls, data: bytes, pos: int) -> tuple[ActionRequestWithPBlock, int]:
        invoke, pos = read_u8(data, pos, "invoke-id-and-priority")
        last, number, raw, pos = read_data_block_sa(data, pos)
        return cls(invoke, last, number, raw), pos


# --- responses -------------------------------------------------------------------------------
@register
@dataclass(slots=True)
class ActionResponseNormal(InvokeIdFields, Apdu):
    """Action-Response-Normal: the action result and, optionally, return parameters.

    ``return_parameters`` None means the optional field is absent (flag 0); a present
    field is a :class:`GetDataResult` (data, or a data-access-result).  Gurux servers
    leave out even the flag byte when nothing is returned (``C7 01 C1 00``):
    ``return_flag`` False keeps that form.
    """

    TAG = ACTION_RESPONSE
    CHOICE = 1
    invoke_id_and_priority: int
    result: int = 0
    return_parameters: GetDataResult | None = None
    return_flag: bool = True

    def encode_into(self, out: bytearray) -> None:
        out += b"\xc7\x01"
        put_u8(out, self.invoke_id_and_priority, "invoke-id-and-priority")
        put_u8(out, self.result, "action-result")
        if self.return_parameters is not None:
            out.append(1)
            write_get_data_result(out, self.return_parameters)
        elif self.return_flag:
            out.append(0)

    @classmethod
    def decode_body(cls, data: bytes, pos: int) -> tuple[ActionResponseNormal, int]:
        if pos + 2 == len(data):  # invoke id and result, no return-parameters flag
            return cls(data[pos], data[pos + 1], None, False), pos + 2
        invoke, pos = read_u8(data, pos, "invoke-id-and-priority")
        response, pos = read_action_response(data, pos)
        return cls(invoke, response.result, response.return_parameters), pos


@register
@dataclass(slots=True)
class ActionResponseWithPBlock(InvokeIdFields, Apdu):
    """Action-Response-With-Pblock: one block of long return data."""

    TAG = ACTION_RESPONSE
    CHOICE = 2
    invoke_id_and_priority: int
    last_block: bool
    block_number: int
    raw_data: bytes = b""

    def encode_into(self, out: bytearray) -> None:
        out += b"\xc7\x02"
        put_u8(out, self.invoke_id_and_priority, "invoke-id-and-priority")
        write_data_block_sa(out, self.last_block, self.block_number, self.raw_data)

    @classmethod
    def decode_body(cls, data: bytes, pos: int) -> tuple[ActionResponseWithPBlock, int]:
        invoke, pos = read_u8(data, pos, "invoke-id-and-priority")
        last, number, raw, pos = read_data_block_sa(data, pos)
        return cls(invoke, last, number, raw), pos


@register
@dataclass(slots=True)
class ActionResponseWithList(InvokeIdFields, Apdu):
    """Action-Response-With-List: one result (with optional data) per invoked method."""

    TAG = ACTION_RESPONSE
    CHOICE = 3
    invoke_id_and_priority: int
    results: list[ActionResponseWithOptionalData] = field(default_factory=list)

    def encode_into(self, out: bytearray) -> None:
        out += b"\xc7\x03"
        put_u8(out, self.invoke_id_and_priority, "invoke-id-and-priority")
        put_count(out, self.results, "results")
        for response in self.results:
            write_action_response(out, response)

    @classmethod
    def decode_body(cls, data: bytes, pos: int) -> tuple[ActionResponseWithList, int]:
        invoke, pos = read_u8(data, pos, "invoke-id-and-priority")
        count, pos = read_count(data, pos, "results", 2)
        results = []
        for _ in range(count):
            response, pos = read_action_response(data, pos)
            results.append(response)
        return cls(invoke, results), pos


@register
@dataclass(slots=True)
class ActionResponseNextPBlock(InvokeIdFields, Apdu):
    """Action-Response-Next-Pblock: parameter block ``block_number`` arrived, send the next."""

    TAG = ACTION_RESPONSE
    CHOICE = 4
    invoke_id_and_priority: int
    block_number: int

    def encode_into(self, out: bytearray) -> None:
        out += b"\xc7\x04"
        put_u8(out, self.invoke_id_and_priority, "invoke-id-and-priority")
        put_u32(out, self.block_number, "block number")

    @classmethod
    def decode_body(cls, data: bytes, pos: int) -> tuple[ActionResponseNextPBlock, int]:
        invoke, number, pos = _read_block_number(data, pos, "ActionResponseNextPBlock")
        return cls(invoke, number), pos


__all__ = [
    "ActionRequestNextPBlock",
    "ActionRequestNormal",
    "ActionRequestWithFirstPBlock",
    "ActionRequestWithList",
    "ActionRequestWithListAndFirstPBlock",
    "ActionRequestWithPBlock",
    "ActionResponseNextPBlock",
    "ActionResponseNormal",
    "ActionResponseWithList",
    "ActionResponseWithPBlock",
]
