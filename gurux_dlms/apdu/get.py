"""GET service (LN referencing): Get-Request (0xC0) and Get-Response (0xC4), every form.

A client reads an attribute with GetRequestNormal; a value too large for one PDU comes
back in GetResponseWithDataBlock pieces that the client asks for with GetRequestNext.
GetRequestWithList / GetResponseWithList read several attributes at once.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from typing import Any

from ..data.codec import encode_into
from ..errors import DecodeError, LocalProtocolError
from .base import Apdu, register
from .commands import Command
from .common import (
    INVOKE_BLOCK,
    INVOKE_DESCRIPTOR,
    AttributeDescriptor,
    AttributeDescriptorWithSelection,
    GetDataResult,
    InvokeIdFields,
    SelectiveAccess,
    put_count,
    put_octet_string,
    put_u8,
    put_u32,
    read_block_head,
    read_count,
    read_data,
    read_descriptor_list,
    read_get_data_result,
    read_octet_string,
    read_selection,
    read_u8,
    truncated,
    write_attribute_descriptor,
    write_descriptor_list,
    write_get_data_result,
    write_selection,
)

GET_REQUEST = int(Command.GET_REQUEST)
GET_RESPONSE = int(Command.GET_RESPONSE)


# --- requests --------------------------------------------------------------------------------
@register
@dataclass(slots=True)
class GetRequestNormal(InvokeIdFields, Apdu):
    """Get-Request-Normal: read one attribute, optionally with selective access."""

    TAG = GET_REQUEST
    CHOICE = 1
    invoke_id_and_priority: int
    attribute_descriptor: AttributeDescriptor
    access_selection: SelectiveAccess | None = None

    def encode_into(self, out: bytearray) -> None:
        out += b"\xc0\x01"
        put_u8(out, self.invoke_id_and_priority, "invoke-id-and-priority")
        write_attribute_descriptor(out, self.attribute_descriptor)
        write_selection(out, self.access_selection)

    @classmethod
    def decode_body(cls, data: bytes, pos: int) -> tuple[GetRequestNormal, int]:
        try:
            invoke, class_id, instance_id, attribute_id = INVOKE_DESCRIPTOR.unpack_from(data, pos)
        except struct.error:
            raise truncated("GetRequestNormal", pos, INVOKE_DESCRIPTOR.size, data) from None
        pos += 10
        if pos < len(data) and data[pos] == 0:  # the usual case: no selective access
            selection: SelectiveAccess | None = None
            pos += 1
        else:
            selection, pos = read_selection(data, pos)
        return cls(invoke, AttributeDescriptor(class_id, instance_id, attribute_id), selection), pos


@register
@dataclass(slots=True)
class GetRequestNext(InvokeIdFields, Apdu):
    """Get-Request-Next: ask for the block after ``block_number`` of a long GET."""

    TAG = GET_REQUEST
    CHOICE = 2
    invoke_id_and_priority: int
    block_number: int

    def encode_into(self, out: bytearray) -> None:
        out += b"\xc0\x02"
        put_u8(out, self.invoke_id_and_priority, "invoke-id-and-priority")
        put_u32(out, self.block_number, "block number")

    @classmethod
    def decode_body(cls, data: bytes, pos: int) -> tuple[GetRequestNext, int]:
        try:
            invoke, number = INVOKE_BLOCK.unpack_from(data, pos)
        except struct.error:
            raise truncated("GetRequestNext", pos, INVOKE_BLOCK.size, data) from None
        return cls(invoke, number), pos + 5


@register
@dataclass(slots=True)
class GetRequestWithList(InvokeIdFields, Apdu):
    """Get-Request-With-List: read several attributes in one request."""

    TAG = GET_REQUEST
    CHOICE = 3
    invoke_id_and_priority: int
    attribute_descriptor_list: list[AttributeDescriptorWithSelection] = field(default_factory=list)

    def encode_into(self, out: bytearray) -> None:
        out += b"\xc0\x03"
        put_u8(out, self.invoke_id_and_priority, "invoke-id-and-priority")
        write_descriptor_list(out, self.attribute_descriptor_list)

    @classmethod
    def decode_body(cls, data: bytes, pos: int) -> tuple[GetRequestWithList, int]:
        invoke, pos = read_u8(data, pos, "invoke-id-and-priority")
        items, pos = read_descriptor_list(data, pos)
        return cls(invoke, items), pos


# --- responses -------------------------------------------------------------------------------
@register
@dataclass(slots=True)
class GetResponseNormal(InvokeIdFields, Apdu):
    """Get-Response-Normal: the value read, or (``error`` set) why it could not be read."""

    TAG = GET_RESPONSE
    CHOICE = 1
    invoke_id_and_priority: int
    value: Any = None
    error: int | None = None

    def encode_into(self, out: bytearray) -> None:
        out += b"\xc4\x01"
        put_u8(out, self.invoke_id_and_priority, "invoke-id-and-priority")
        if self.error is None:
            out.append(0)
            encode_into(out, self.value)
        else:
            out.append(1)
            put_u8(out, self.error, "data-access-result")

    @classmethod
    def decode_body(cls, data: bytes, pos: int) -> tuple[GetResponseNormal, int]:
        if pos + 2 > len(data):
            raise truncated("GetResponseNormal", pos, 2, data)
        invoke = data[pos]
        choice = data[pos + 1]
        if choice == 0:
            value, end = read_data(data, pos + 2, "result data")
            return cls(invoke, value), end
        if choice == 1:
            error, end = read_u8(data, pos + 2, "data-access-result")
            return cls(invoke, None, error), end
        raise DecodeError("result choice", where=pos + 1, expected="0 (data) or 1 (data-access-result)",
                          found=f"0x{choice:02X}")


@register
@dataclass(slots=True)
class GetResponseWithDataBlock(InvokeIdFields, Apdu):
    """Get-Response-With-Datablock: one block (DataBlock-G) of a long GET.

    ``raw_data`` is this block's share of the encoded value; the blocks are concatenated
    before the value is decoded.  ``error`` set means the transfer failed.

    ``block_number`` None is the short form Gurux servers send for a wrong block number:
    ``01 <result>`` straight after the invoke id, without last-block and block-number.
    """

    TAG = GET_RESPONSE
    CHOICE = 2
    invoke_id_and_priority: int
    last_block: bool
    block_number: int | None
    raw_data: bytes = b""
    error: int | None = None

    def encode_into(self, out: bytearray) -> None:
        out += b"\xc4\x02"
        put_u8(out, self.invoke_id_and_priority, "invoke-id-and-priority")
        if self.block_number is None:
            if self.error is None:
                raise LocalProtocolError("GetResponseWithDataBlock", expected="a block number (or an error)",
                                         found="neither")
            out.append(1)
            put_u8(out, self.error, "data-access-result")
            return
        out.append(1 if self.last_block else 0)
        put_u32(out, self.block_number, "block number")
        if self.error is None:
            out.append(0)
            put_octet_string(out, self.raw_data, "raw-data")
        else:
            out.append(1)
            put_u8(out, self.error, "data-access-result")

    @classmethod
    def decode_body(cls, data: bytes, pos: int) -> tuple[GetResponseWithDataBlock, int]:
        invoke, pos = read_u8(data, pos, "invoke-id-and-priority")
        if len(data) - pos == 2 and data[pos] == 1:  # Gurux's short error form
            return cls(invoke, True, None, b"", data[pos + 1]), pos + 2
        last, number, pos = read_block_head(data, pos)
        choice, pos = read_u8(data, pos, "result choice")
        if choice == 0:
            raw, pos = read_octet_string(data, pos, "raw-data")
            return cls(invoke, last, number, raw), pos
        if choice == 1:
            error, pos = read_u8(data, pos, "data-access-result")
            return cls(invoke, last, number, b"", error), pos
        raise DecodeError("result choice", where=pos - 1, expected="0 (raw-data) or 1 (data-access-result)",
                          found=f"0x{choice:02X}")


@register
@dataclass(slots=True)
class GetResponseWithList(InvokeIdFields, Apdu):
    """Get-Response-With-List: one Get-Data-Result per requested attribute, in order."""

    TAG = GET_RESPONSE
    CHOICE = 3
    invoke_id_and_priority: int
    results: list[GetDataResult] = field(default_factory=list)

    def encode_into(self, out: bytearray) -> None:
        out += b"\xc4\x03"
        put_u8(out, self.invoke_id_and_priority, "invoke-id-and-priority")
        put_count(out, self.results, "results")
        for result in self.results:
            write_get_data_result(out, result)

    @classmethod
    def decode_body(cls, data: bytes, pos: int) -> tuple[GetResponseWithList, int]:
        invoke, pos = read_u8(data, pos, "invoke-id-and-priority")
        count, pos = read_count(data, pos, "result list", 2)
        results = []
        for _ in range(count):
            result, pos = read_get_data_result(data, pos)
            results.append(result)
        return cls(invoke, results), pos


__all__ = [
    "GetRequestNext",
    "GetRequestNormal",
    "GetRequestWithList",
    "GetResponseNormal",
    "GetResponseWithDataBlock",
    "GetResponseWithList",
]
