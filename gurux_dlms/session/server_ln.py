"""The LN services of a server: GET, SET and ACTION in every form, with block transfer both ways.

A response that does not fit in what the client accepts goes out in blocks (data blocks
of a GET, parameter blocks of an ACTION's return data) that the client asks for one by
one; a request the client sent in blocks (SET data blocks, ACTION parameter blocks) is
acknowledged block by block and run when the last one arrives.  Values travel already
encoded: a read value is put into the response as the bytes the object gave, never
decoded and encoded again.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from ..apdu.action import (
    ActionRequestNextPBlock,
    ActionRequestNormal,
    ActionRequestWithFirstPBlock,
    ActionRequestWithList,
    ActionRequestWithListAndFirstPBlock,
    ActionRequestWithPBlock,
    ActionResponseNextPBlock,
    ActionResponseNormal,
    ActionResponseWithPBlock,
)
from ..apdu.common import AttributeDescriptor, ErrorCode, MethodDescriptor, SelectiveAccess
from ..apdu.conformance import Conformance
from ..apdu.get import GetRequestNext, GetRequestNormal, GetRequestWithList, GetResponseWithDataBlock
from ..apdu.set import (
    SetRequestNormal,
    SetRequestWithDataBlock,
    SetRequestWithFirstDataBlock,
    SetRequestWithList,
    SetRequestWithListAndFirstDataBlock,
    SetResponseDataBlock,
    SetResponseLastDataBlock,
    SetResponseLastDataBlockWithList,
    SetResponseNormal,
    SetResponseWithList,
)
from ..data import codec
from ..errors import DecodeError
from .server_context import ServerContext
from .server_items import Item, ItemResult, Refused, invoke_items, read_items, write_items
from .services import split

log = logging.getLogger(__name__)

#: Bytes a GET data block or an ACTION parameter block adds around its data at most.
BLOCK_HEADER = 2 + 1 + 1 + 4 + 1 + 3
_BT_GET = Conformance.BLOCK_TRANSFER_WITH_GET_OR_READ
_BT_SET = Conformance.BLOCK_TRANSFER_WITH_SET_OR_WRITE
_BT_ACTION = Conformance.BLOCK_TRANSFER_WITH_ACTION
_LIST = Conformance.MULTIPLE_REFERENCES
#: The conformance a request needs negotiated.
NEEDS: dict[type, Conformance] = {
    GetRequestNormal: Conformance.GET,
    GetRequestNext: Conformance.GET | _BT_GET,
    GetRequestWithList: Conformance.GET | _LIST,
    SetRequestNormal: Conformance.SET,
    SetRequestWithFirstDataBlock: Conformance.SET | _BT_SET,
    SetRequestWithDataBlock: Conformance.SET | _BT_SET,
    SetRequestWithList: Conformance.SET | _LIST,
    SetRequestWithListAndFirstDataBlock: Conformance.SET | _LIST | _BT_SET,
    ActionRequestNormal: Conformance.ACTION,
    ActionRequestNextPBlock: Conformance.ACTION | _BT_ACTION,
    ActionRequestWithList: Conformance.ACTION | _LIST,
    ActionRequestWithFirstPBlock: Conformance.ACTION | _BT_ACTION,
    ActionRequestWithListAndFirstPBlock: Conformance.ACTION | _LIST | _BT_ACTION,
    ActionRequestWithPBlock: Conformance.ACTION | _BT_ACTION,
}


@dataclass(slots=True)
class _Outgoing:
    """A long response being sent in blocks: the invoke id, the blocks and how many went out."""

    invoke: int
    blocks: list[bytes]
    sent: int = 0


@dataclass(slots=True)
class _Incoming:
    """A request arriving in blocks: what it is for and the data so far."""

    service: str  # "set" or "action"
    invoke: int
    descriptors: list[Any]
    selection: SelectiveAccess | None = None
    single: bool = True
    data: bytearray = field(default_factory=bytearray)
    number: int = 0  # the last block received


def _result_choice(out: bytearray, result: ItemResult) -> None:
    if result.error is None:
        out.append(0)
        out += result.raw or b""
    else:
        out.append(1)
        out.append(result.error & 0xFF)


def _action_body(out: bytearray, result: ItemResult) -> None:
    """Action-Response-With-Optional-Data: the result, then the return data when there is some."""
    if result.error is not None:
        out += bytes((result.error & 0xFF, 0))
    elif result.raw is None:
        out += b"\x00\x00"
    else:
        out += b"\x00\x01\x00"
        out += result.raw


def _decode_list(raw: bytes, count: int) -> list[Any]:
    size, pos = codec.decode_length(raw, 0)
    if size != count:
        raise DecodeError("value list", where=0, expected=f"{count} values", found=size)
    values = []
    for _ in range(size):
        value, pos = codec.decode_value(raw, pos)
        values.append(value)
    if pos != len(raw):
        raise DecodeError("value list", where=pos, expected="end of data", found=f"{len(raw) - pos} more bytes")
    return values


class LnServices:
    """GET, SET and ACTION of one association, with the state of block transfers in progress."""

    def __init__(self) -> None:
        self._long_get: _Outgoing | None = None
        self._long_action: _Outgoing | None = None
        self._incoming: _Incoming | None = None
        self._handlers: dict[type, Any] = {
            GetRequestNormal: self._get,
            GetRequestNext: self._get_next,
            GetRequestWithList: self._get_list,
            SetRequestNormal: self._set,
            SetRequestWithList: self._set_list,
            SetRequestWithFirstDataBlock: self._set_first_block,
            SetRequestWithListAndFirstDataBlock: self._set_first_block,
            SetRequestWithDataBlock: self._set_block,
            ActionRequestNormal: self._action,
            ActionRequestWithList: self._action_list,
            ActionRequestNextPBlock: self._action_next,
            ActionRequestWithFirstPBlock: self._action_first_block,
            ActionRequestWithListAndFirstPBlock: self._action_first_block,
            ActionRequestWithPBlock: self._action_block,
        }

    def handles(self, apdu: Any) -> bool:
        return type(apdu) in self._handlers

    def handle(self, context: ServerContext, apdu: Any, limit: int | None) -> bytes:
        """The response to one request; ``limit`` is the largest response that may go out whole."""
        needs = NEEDS[type(apdu)]
        if context.conformance & needs != needs:
            missing = Conformance(needs & ~context.conformance)
            raise Refused(f"{type(apdu).__name__} needs {missing!r}, not negotiated")
        response: bytes = self._handlers[type(apdu)](context, apdu, limit)
        return response

    # --- items ---------------------------------------------------------------------------
    @staticmethod
    def _attribute(context: ServerContext, descriptor: AttributeDescriptor,
                   selection: SelectiveAccess | None = None, value: Any = None) -> Item:
        target = context.app.find_object(context, descriptor.class_id, descriptor.instance_id)
        if selection is None:
            return Item(target, descriptor.attribute_id, value=value)
        return Item(target, descriptor.attribute_id, selection.selector, selection.parameters, value)

    @staticmethod
    def _method(context: ServerContext, descriptor: MethodDescriptor, parameters: Any = None) -> Item:
        target = context.app.find_object(context, descriptor.class_id, descriptor.instance_id)
        return Item(target, descriptor.method_id, parameters=parameters)

    # --- GET -----------------------------------------------------------------------------
    def _get(self, context: ServerContext, apdu: GetRequestNormal, limit: int | None) -> bytes:
        self._long_get = None
        item = self._attribute(context, apdu.attribute_descriptor, apdu.access_selection)
        result = read_items(context, [item])[0]
        out = bytearray((0xC4, 0x01, apdu.invoke_id_and_priority))
        _result_choice(out, result)
        if limit is None or len(out) <= limit or result.error is not None:
            return bytes(out)
        return self._start_long_get(context, apdu.invoke_id_and_priority, result.raw or b"", limit)

    def _get_list(self, context: ServerContext, apdu: GetRequestWithList, limit: int | None) -> bytes:
        self._long_get = None
        items = [self._attribute(context, i.attribute_descriptor, i.access_selection)
                 for i in apdu.attribute_descriptor_list]
        results = read_items(context, items)
        body = bytearray()
        codec.encode_length(body, len(results))
        for result in results:
            _result_choice(body, result)
        if limit is None or len(body) + 3 <= limit:
            return bytes((0xC4, 0x03, apdu.invoke_id_and_priority)) + body
        return self._start_long_get(context, apdu.invoke_id_and_priority, bytes(body), limit)

    def _start_long_get(self, context: ServerContext, invoke: int, raw: bytes, limit: int) -> bytes:
        size = limit - BLOCK_HEADER
        if not context.conformance & _BT_GET or size < 1:
            log.debug("client %d: a %d-byte answer does not fit in %d bytes and block transfer is not negotiated",
                     context.client_address, len(raw), limit)
            return bytes((0xC4, 0x01, invoke, 1, ErrorCode.OTHER_REASON))
        self._long_get = _Outgoing(invoke, split(raw, size))
        return self._next_get_block(self._long_get)

    @staticmethod
    def _next_get_block(long: _Outgoing) -> bytes:
        long.sent += 1
        last = long.sent == len(long.blocks)
        return GetResponseWithDataBlock(long.invoke, last, long.sent, long.blocks[long.sent - 1]).encode()

    def _get_next(self, context: ServerContext, apdu: GetRequestNext, limit: int | None) -> bytes:
        long = self._long_get
        invoke = apdu.invoke_id_and_priority
        if long is None or (long.invoke ^ invoke) & 0x0F or long.sent >= len(long.blocks):
            self._long_get = None
            return GetResponseWithDataBlock(invoke, True, apdu.block_number, b"",
                                            ErrorCode.NO_LONG_GET_OR_READ_IN_PROGRESS).encode()
        if apdu.block_number != long.sent:
            self._long_get = None
            return GetResponseWithDataBlock(invoke, True, apdu.block_number, b"",
                                            ErrorCode.DATA_BLOCK_NUMBER_INVALID).encode()
        response = self._next_get_block(long)
        if long.sent == len(long.blocks):
            self._long_get = None
        return response

    # --- SET -----------------------------------------------------------------------------
    def _set(self, context: ServerContext, apdu: SetRequestNormal, limit: int | None) -> bytes:
        self._incoming = None
        item = self._attribute(context, apdu.attribute_descriptor, apdu.access_selection, apdu.value)
        return SetResponseNormal(apdu.invoke_id_and_priority, write_items(context, [item])[0]).encode()

    def _set_list(self, context: ServerContext, apdu: SetRequestWithList, limit: int | None) -> bytes:
        self._incoming = None
        descriptors = apdu.attribute_descriptor_list
        if len(descriptors) != len(apdu.value_list):
            return SetResponseWithList(apdu.invoke_id_and_priority,
                                       [ErrorCode.UNMATCHED_TYPE] * len(descriptors)).encode()
        items = [self._attribute(context, d.attribute_descriptor, d.access_selection, value)
                 for d, value in zip(descriptors, apdu.value_list)]
        return SetResponseWithList(apdu.invoke_id_and_priority, write_items(context, items)).encode()

    def _set_first_block(self, context: ServerContext, apdu: Any, limit: int | None) -> bytes:
        if isinstance(apdu, SetRequestWithFirstDataBlock):
            incoming = _Incoming("set", apdu.invoke_id_and_priority, [apdu.attribute_descriptor],
                                 apdu.access_selection)
        else:
            incoming = _Incoming("set", apdu.invoke_id_and_priority, list(apdu.attribute_descriptor_list),
                                 single=False)
        self._incoming = incoming
        return self._set_data(context, incoming, apdu.last_block, apdu.block_number, apdu.raw_data, first=True)

    def _set_block(self, context: ServerContext, apdu: SetRequestWithDataBlock, limit: int | None) -> bytes:
        incoming = self._incoming
        invoke = apdu.invoke_id_and_priority
        if incoming is None or incoming.service != "set" or (incoming.invoke ^ invoke) & 0x0F:
            self._incoming = None
            return SetResponseNormal(invoke, ErrorCode.NO_LONG_SET_OR_WRITE_IN_PROGRESS).encode()
        return self._set_data(context, incoming, apdu.last_block, apdu.block_number, apdu.raw_data, first=False)

    def _set_data(self, context: ServerContext, incoming: _Incoming, last: bool, number: int, raw: bytes,
                  first: bool) -> bytes:
        if number != incoming.number + 1:
            self._incoming = None
            return SetResponseLastDataBlock(incoming.invoke, ErrorCode.DATA_BLOCK_NUMBER_INVALID, number).encode()
        incoming.number = number
        incoming.data += raw
        if not last:
            return SetResponseDataBlock(incoming.invoke, number).encode()
        self._incoming = None
        data = bytes(incoming.data)
        if incoming.single:
            try:
                value = codec.decode(data)
            except DecodeError:
                return SetResponseLastDataBlock(incoming.invoke, ErrorCode.UNMATCHED_TYPE, number).encode()
            item = self._attribute(context, incoming.descriptors[0], incoming.selection, value)
            return SetResponseLastDataBlock(incoming.invoke, write_items(context, [item])[0], number).encode()
        descriptors = incoming.descriptors
        try:
            values = _decode_list(data, len(descriptors))
        except DecodeError:
            return SetResponseLastDataBlockWithList(incoming.invoke, [ErrorCode.UNMATCHED_TYPE] * len(descriptors),
                                                    number).encode()
        items = [self._attribute(context, d.attribute_descriptor, d.access_selection, value)
                 for d, value in zip(descriptors, values)]
        return SetResponseLastDataBlockWithList(incoming.invoke, write_items(context, items), number).encode()

    # --- ACTION --------------------------------------------------------------------------
    def _action(self, context: ServerContext, apdu: ActionRequestNormal, limit: int | None) -> bytes:
        self._incoming = None
        self._long_action = None
        item = self._method(context, apdu.method_descriptor, apdu.method_invocation_parameters)
        return self._action_response(context, apdu.invoke_id_and_priority, invoke_items(context, [item])[0], limit)

    def _action_response(self, context: ServerContext, invoke: int, result: ItemResult, limit: int | None) -> bytes:
        out = bytearray((0xC7, 0x01, invoke))
        _action_body(out, result)
        if limit is None or len(out) <= limit or result.raw is None:
            return bytes(out)
        size = limit - BLOCK_HEADER
        if not context.conformance & _BT_ACTION or size < 1:
            return ActionResponseNormal(invoke, ErrorCode.OTHER_REASON).encode()
        self._long_action = _Outgoing(invoke, split(result.raw, size))
        return self._next_action_block(self._long_action)

    @staticmethod
    def _next_action_block(long: _Outgoing) -> bytes:
        long.sent += 1
        last = long.sent == len(long.blocks)
        return ActionResponseWithPBlock(long.invoke, last, long.sent, long.blocks[long.sent - 1]).encode()

    def _action_next(self, context: ServerContext, apdu: ActionRequestNextPBlock, limit: int | None) -> bytes:
        long = self._long_action
        invoke = apdu.invoke_id_and_priority
        if long is None or (long.invoke ^ invoke) & 0x0F or apdu.block_number != long.sent \
                or long.sent >= len(long.blocks):
            self._long_action = None
            code = ErrorCode.NO_LONG_GET_OR_READ_IN_PROGRESS if long is None else ErrorCode.DATA_BLOCK_NUMBER_INVALID
            return ActionResponseNormal(invoke, code).encode()
        response = self._next_action_block(long)
        if long.sent == len(long.blocks):
            self._long_action = None
        return response

    def _action_list(self, context: ServerContext, apdu: ActionRequestWithList, limit: int | None) -> bytes:
        self._incoming = None
        descriptors = apdu.method_descriptor_list
        parameters = list(apdu.method_invocation_parameters)
        parameters += [None] * (len(descriptors) - len(parameters))
        items = [self._method(context, d, p) for d, p in zip(descriptors, parameters)]
        return self._action_list_response(apdu.invoke_id_and_priority, invoke_items(context, items))

    @staticmethod
    def _action_list_response(invoke: int, results: list[ItemResult]) -> bytes:
        out = bytearray((0xC7, 0x03, invoke))
        codec.encode_length(out, len(results))
        for result in results:
            _action_body(out, result)
        return bytes(out)

    def _action_first_block(self, context: ServerContext, apdu: Any, limit: int | None) -> bytes:
        self._long_action = None
        if isinstance(apdu, ActionRequestWithFirstPBlock):
            incoming = _Incoming("action", apdu.invoke_id_and_priority, [apdu.method_descriptor])
        else:
            incoming = _Incoming("action", apdu.invoke_id_and_priority, list(apdu.method_descriptor_list),
                                 single=False)
        self._incoming = incoming
        return self._action_data(context, incoming, apdu.last_block, apdu.block_number, apdu.raw_data, limit)

    def _action_block(self, context: ServerContext, apdu: ActionRequestWithPBlock, limit: int | None) -> bytes:
        incoming = self._incoming
        invoke = apdu.invoke_id_and_priority
        if incoming is None or incoming.service != "action" or (incoming.invoke ^ invoke) & 0x0F:
            self._incoming = None
            return ActionResponseNormal(invoke, ErrorCode.NO_LONG_SET_OR_WRITE_IN_PROGRESS).encode()
        return self._action_data(context, incoming, apdu.last_block, apdu.block_number, apdu.raw_data, limit)

    def _action_data(self, context: ServerContext, incoming: _Incoming, last: bool, number: int, raw: bytes,
                     limit: int | None) -> bytes:
        if number != incoming.number + 1:
            self._incoming = None
            return ActionResponseNormal(incoming.invoke, ErrorCode.DATA_BLOCK_NUMBER_INVALID).encode()
        incoming.number = number
        incoming.data += raw
        if not last:
            return ActionResponseNextPBlock(incoming.invoke, number).encode()
        self._incoming = None
        data = bytes(incoming.data)
        descriptors = incoming.descriptors
        try:
            parameters = [codec.decode(data) if data else None] if incoming.single \
                else _decode_list(data, len(descriptors))
        except DecodeError:
            if incoming.single:
                return ActionResponseNormal(incoming.invoke, ErrorCode.UNMATCHED_TYPE).encode()
            return self._action_list_response(incoming.invoke,
                                              [ItemResult(None, ErrorCode.UNMATCHED_TYPE)] * len(descriptors))
        items = [self._method(context, d, p) for d, p in zip(descriptors, parameters)]
        results = invoke_items(context, items)
        if incoming.single:
            return self._action_response(context, incoming.invoke, results[0], limit)
        return self._action_list_response(incoming.invoke, results)


__all__ = ["BLOCK_HEADER", "NEEDS", "LnServices"]
