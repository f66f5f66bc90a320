"""SET service (LN referencing): Set-Request (0xC1) and Set-Response (0xC5), every form.

A value too large for one PDU goes out in DataBlock-SA pieces: the first with the
attribute descriptor (SetRequestWithFirstDataBlock), the rest alone (SetRequestWithDataBlock);
the server acknowledges each block (SetResponseDataBlock) and answers the last one with the
result (SetResponseLastDataBlock).
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from typing import Any

from ..data.codec import encode_into
from .base import Apdu, register
from .commands import Command
from .common import (
    INVOKE_BLOCK,
    INVOKE_DESCRIPTOR,
    AttributeDescriptor,
    AttributeDescriptorWithSelection,
    InvokeIdFields,
    SelectiveAccess,
    put_u8,
    put_u32,
    read_data,
    read_data_block_sa,
    read_data_list,
    read_descriptor_list,
    read_result_list,
    read_selection,
    read_u8,
    read_u32,
    truncated,
    write_attribute_descriptor,
    write_data_block_sa,
    write_data_list,
    write_descriptor_list,
    write_result_list,
    write_selection,
)

SET_REQUEST = int(Command.SET_REQUEST)
SET_RESPONSE = int(Command.SET_RESPONSE)


def _read_head(data: bytes, pos: int, what: str) -> tuple[int, AttributeDescriptor, SelectiveAccess | None, int]:
    """invoke-id-and-priority, attribute descriptor and optional access selection."""
    try:
        invoke, class_id, instance_id, attribute_id = INVOKE_DESCRIPTOR.unpack_from(data, pos)
    except struct.error:
        raise truncated(what, pos, INVOKE_DESCRIPTOR.size, data) from None
    selection, pos = read_selection(data, pos + 10)
    return invoke, AttributeDescriptor(class_id, instance_id, attribute_id), selection, pos


# --- requests --------------------------------------------------------------------------------
@register
@dataclass(slots=True)
class SetRequestNormal(InvokeIdFields, Apdu):
    """Set-Request-Normal: write one attribute."""

    TAG = SET_REQUEST
    CHOICE = 1
    invoke_id_and_priority: int
    attribute_descriptor: AttributeDescriptor
    access_selection: SelectiveAccess | None = None
    value: Any = None

    def encode_into(self, out: bytearray) -> None:
        out += b"\xc1\x01"
        put_u8(out, self.invoke_id_and_priority, "invoke-id-and-priority")
        write_attribute_descriptor(out, self.attribute_descriptor)
        write_selection(out, self.access_selection)
        encode_into(out, self.value)

    @classmethod
    def decode_body(cls, data: bytes, pos: int) -> tuple[SetRequestNormal, int]:
        invoke, descriptor, selection, pos = _read_head(data, pos, "SetRequestNormal")
        value, pos = read_data(data, pos, "value")
        return cls(invoke, descriptor, selection, value), pos


@register
@dataclass(slots=True)
class SetRequestWithFirstDataBlock(InvokeIdFields, Apdu):
    """Set-Request-With-First-Datablock: the descriptor and the first block of the value."""

    TAG = SET_REQUEST
    CHOICE = 2
    invoke_id_and_priority: int
    attribute_descriptor: AttributeDescriptor
    access_selection: SelectiveAccess | None = None
    last_block: bool = False
    block_number: int = 1
    raw_data: bytes = b""

    def encode_into(self, out: bytearray) -> None:
        out += b"\xc1\x02"
        put_u8(out, self.invoke_id_and_priority, "invoke-id-and-priority")
        write_attribute_descriptor(out, self.attribute_descriptor)
        write_selection(out, self.access_selection)
        write_data_block_sa(out, self.last_block, self.block_number, self.raw_data)

    @classmethod
    def decode_body(cls, data: bytes, pos: int) -> tuple[SetRequestWithFirstDataBlock, int]:
        invoke, descriptor, selection, pos = _read_head(data, pos, "SetRequestWithFirstDataBlock")
        last, number, raw, pos = read_data_block_sa(data, pos)
        return cls(invoke, descriptor, selection, last, number, raw), pos


@register
@dataclass(slots=True)
class SetRequestWithDataBlock(InvokeIdFields, Apdu):
    """Set-Request-With-Datablock: a following block of the value."""

    TAG = SET_REQUEST
    CHOICE = 3
    invoke_id_and_priority: int
    last_block: bool
    block_number: int
    raw_data: bytes = b""

    def encode_into(self, out: bytearray) -> None:
        out += b"\xc1\x03"
        put_u8(out, self.invoke_id_and_priority, "invoke-id-and-priority")
        write_data_block_sa(out, self.last_block, self.block_number, self.raw_data)

    @classmethod
    def decode_body(cls, data: bytes, pos: int) -> tuple[SetRequestWithDataBlock, int]:
        invoke, pos = read_u8(data, pos, "invoke-id-and-priority")
        last, number, raw, pos = read_data_block_sa(data, pos)
        return cls(invoke, last, number, raw), pos


@register
@dataclass(slots=True)
class SetRequestWithList(InvokeIdFields, Apdu):
    """Set-Request-With-List: write several attributes; ``value_list`` pairs with the descriptors."""

    TAG = SET_REQUEST
    CHOICE = 4
    invoke_id_and_priority: int
    attribute_descriptor_list: list[AttributeDescriptorWithSelection] = field(default_factory=list)
    value_list: list[Any] = field(default_factory=list)

    def encode_into(self, out: bytearray) -> None:
        out += b"\xc1\x04"
        put_u8(out, self.invoke_id_and_priority, "invoke-id-and-priority")
        write_descriptor_list(out, self.attribute_descriptor_list)
        write_data_list(out, self.value_list, "value list")

    @classmethod
    def decode_body(cls, data: bytes, pos: int) -> tuple[SetRequestWithList, int]:
        invoke, pos = read_u8(data, pos, "invoke-id-and-priority")
        items, pos = read_descriptor_list(data, pos)
        values, pos = read_data_list(data, pos, "value list")
        return cls(invoke, items, values), pos


@register
@dataclass(slots=True)
class SetRequestWithListAndFirstDataBlock(InvokeIdFields, Apdu):
    """Set-Request-With-List-And-First-Datablock: several descriptors, the values in blocks."""

    TAG = SET_REQUEST
    CHOICE = 5
    invoke_id_and_priority: int
    attribute_descriptor_list: list[AttributeDescriptorWithSelection] = field(default_factory=list)
    last_block: bool = False
    block_number: int = 1
    raw_data: bytes = b""

    def encode_into(self, out: bytearray) -> None:
        out += b"\xc1\x05"
        put_u8(out, self.invoke_id_and_priority, "invoke-id-and-priority")
        write_descriptor_list(out, self.attribute_descriptor_list)
        write_data_block_sa(out, self.last_block, self.block_number, self.raw_data)

    @classmethod
    def decode_body(cls, data: bytes, pos: int) -> tuple[SetRequestWithListAndFirstDataBlock, int]:
        invoke, pos = read_u8(data, pos, "invoke-id-and-priority")
        items, pos = read_descriptor_list(data, pos)
        last, number, raw, pos = read_data_block_sa(data, pos)
        return cls(invoke, items, last, number, raw), pos


# --- responses -------------------------------------------------------------------------------
@register
@dataclass(slots=True)
class SetResponseNormal(InvokeIdFields, Apdu):
    """Set-Response-Normal: the data-access-result of the write (0 = success)."""

    TAG = SET_RESPONSE
    CHOICE = 1
    invoke_id_and_priority: int
    result: int = 0

    def encode_into(self, out: bytearray) -> None:
        out += b"\xc5\x01"
        put_u8(out, self.invoke_id_and_priority, "invoke-id-and-priority")
        put_u8(out, self.result, "data-access-result")

    @classmethod
    def decode_body(cls, data: bytes, pos: int) -> tuple[SetResponseNormal, int]:
        if pos + 2 > len(data):
            raise truncated("SetResponseNormal", pos, 2, data)
        return cls(data[pos], data[pos + 1]), pos + 2


@register
@dataclass(slots=True)
class SetResponseDataBlock(InvokeIdFields, Apdu):
    """Set-Response-Datablock: block ``block_number`` was received, send the next."""

    TAG = SET_RESPONSE
    CHOICE = 2
    invoke_id_and_priority: int
    block_number: int

    def encode_into(self, out: bytearray) -> None:
        out += b"\xc5\x02"
        put_u8(out, self.invoke_id_and_priority, "invoke-id-and-priority")
        put_u32(out, self.block_number, "block number")

    @classmethod
    def decode_body(cls, data: bytes, pos: int) -> tuple[SetResponseDataBlock, int]:
        try:
            invoke, number = INVOKE_BLOCK.unpack_from(data, pos)
        except struct.error:
            raise truncated("SetResponseDataBlock", pos, INVOKE_BLOCK.size, data) from None
        return cls(invoke, number), pos + 5


@register
@dataclass(slots=True)
class SetResponseLastDataBlock(InvokeIdFields, Apdu):
    """Set-Response-Last-Datablock: the result of a block-wise write, and its last block number."""

    TAG = SET_RESPONSE
    CHOICE = 3
    invoke_id_and_priority: int
    result: int
    block_number: int

    def encode_into(self, out: bytearray) -> None:
        out += b"\xc5\x03"
        put_u8(out, self.invoke_id_and_priority, "invoke-id-and-priority")
        put_u8(out, self.result, "data-access-result")
        put_u32(out, self.block_number, "block number")

    @classmethod
    def decode_body(cls, data: bytes, pos: int) -> tuple[SetResponseLastDataBlock, int]:
        if pos + 6 > len(data):
            raise truncated("SetResponseLastDataBlock", pos, 6, data)
        return cls(data[pos], data[pos + 1], int.from_bytes(data[pos + 2 : pos + 6], "big")), pos + 6


@register
@dataclass(slots=True)
class SetResponseLastDataBlockWithList(InvokeIdFields, Apdu):
    """Set-Response-Last-Datablock-With-List: one result per attribute, and the last block number."""

    TAG = SET_RESPONSE
    CHOICE = 4
    invoke_id_and_priority: int
    results: list[int] = field(default_factory=list)
    block_number: int = 1

    def encode_into(self, out: bytearray) -> None:
        out += b"\xc5\x04"
        put_u8(out, self.invoke_id_and_priority, "invoke-id-and-priority")
        write_result_list(out, self.results, "results")
        put_u32(out, self.block_number, "block number")

    @classmethod
    def decode_body(cls, data: bytes, pos: int) -> tuple[SetResponseLastDataBlockWithList, int]:
        invoke, pos = read_u8(data, pos, "invoke-id-and-priority")
        results, pos = read_result_list(data, pos, "results")
        number, pos = read_u32(data, pos, "block number")
        return cls(invoke, results, number), pos


@register
@dataclass(slots=True)
class SetResponseWithList(InvokeIdFields, Apdu):
    """Set-Response-With-List: one data-access-result per written attribute, in order."""

    TAG = SET_RESPONSE
    CHOICE = 5
    invoke_id_and_priority: int
    results: list[int] = field(default_factory=list)

    def encode_into(self, out: bytearray) -> None:
        out += b"\xc5\x05"
        put_u8(out, self.invoke_id_and_priority, "invoke-id-and-priority")
        write_result_list(out, self.results, "results")

    @classmethod
    def decode_body(cls, data: bytes, pos: int) -> tuple[SetResponseWithList, int]:
        invoke, pos = read_u8(data, pos, "invoke-id-and-priority")
        results, pos = read_result_list(data, pos, "results")
        return cls(invoke, results), pos


__all__ = [
    "SetRequestNormal",
    "SetRequestWithDataBlock",
    "SetRequestWithFirstDataBlock",
    "SetRequestWithList",
    "SetRequestWithListAndFirstDataBlock",
    "SetResponseDataBlock",
    "SetResponseLastDataBlock",
    "SetResponseLastDataBlockWithList",
    "SetResponseNormal",
    "SetResponseWithList",
]
