"""Confirmed services of a client as small state machines (sans-I/O).

A :class:`Transaction` is one confirmed service in progress: it gives the first request
APDU, then takes each response APDU and says what comes next — another request (the next
block of a long GET, the next block of a long SET, ...) or the result.  The same
transactions serve the automatic :class:`~gurux_dlms.session.client.ClientConnection` and the
Gurux-style pull API, which asks for the follow-up request with ``receiverReady``.

Block transfer: a GET answered with data blocks asks for each next block and joins them; a
SET or ACTION whose request does not fit in the peer's max PDU size is sent in blocks, each
acknowledged by the meter.  Invoke ids are checked on every response.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..apdu.action import (
    ActionRequestNextPBlock,
    ActionRequestNormal,
    ActionRequestWithFirstPBlock,
    ActionRequestWithList,
    ActionRequestWithPBlock,
    ActionResponseNextPBlock,
    ActionResponseNormal,
    ActionResponseWithList,
    ActionResponseWithPBlock,
)
from ..apdu.base import Apdu
from ..apdu.common import (
    AttributeDescriptor,
    AttributeDescriptorWithSelection,
    GetDataResult,
    MethodDescriptor,
    SelectiveAccess,
)
from ..apdu.get import (
    GetRequestNext,
    GetRequestNormal,
    GetRequestWithList,
    GetResponseNormal,
    GetResponseWithDataBlock,
    GetResponseWithList,
)
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
from ..errors import DecodeError, LocalProtocolError, RemoteProtocolError

log = logging.getLogger(__name__)


@dataclass(slots=True)
class Done:
    """The transaction is over; ``result`` is what the service returned."""

    result: Any


@dataclass(slots=True)
class FollowUp:
    """The transaction needs another request sent (``block`` True: it is a block acknowledgement)."""

    apdu: Apdu
    block: bool = True


Step = Done | FollowUp


@dataclass(slots=True)
class AccessResult:
    """The outcome of one attribute access: ``value`` or, when ``error`` is set, why it failed."""

    value: Any = None
    error: int | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass(slots=True)
class MethodResult:
    """The outcome of one method invocation: the action result and the optional return data."""

    result: int = 0
    value: Any = None
    error: int | None = None  # a data-access-result carried instead of return data

    @property
    def ok(self) -> bool:
        return self.result == 0 and self.error is None


def same_invoke(sent: int, received: int) -> bool:
    """Responses carry the request's invoke id in the low four bits."""
    return (sent ^ received) & 0x0F == 0


class Transaction:
    """One confirmed service in progress (base class)."""

    name = "request"

    def __init__(self, invoke_id_and_priority: int) -> None:
        self.invoke_id_and_priority = invoke_id_and_priority

    def first(self) -> Apdu:
        """The first request APDU."""
        raise NotImplementedError

    def accepts(self, apdu: Any) -> bool:
        """True when ``apdu`` answers this transaction (right kind, right invoke id)."""
        invoke = getattr(apdu, "invoke_id_and_priority", None)
        return invoke is None or same_invoke(self.invoke_id_and_priority, invoke)

    def on_response(self, apdu: Any) -> Step:
        """Take a response APDU and say what comes next."""
        raise NotImplementedError

    def _unexpected(self, apdu: Any) -> RemoteProtocolError:
        return RemoteProtocolError(f"response to {self.name}", expected=f"a response to {self.name}",
                                   found=type(apdu).__name__)


# --- GET -------------------------------------------------------------------------------------
class GetTransaction(Transaction):
    """GET of one attribute (LN), following data blocks until the last one."""

    name = "GET"

    def __init__(self, invoke_id_and_priority: int, descriptor: AttributeDescriptor,
                 access: SelectiveAccess | None = None) -> None:
        super().__init__(invoke_id_and_priority)
        self.request = GetRequestNormal(invoke_id_and_priority, descriptor, access)
        self.blocks = bytearray()
        self.expected_block = 1

    def first(self) -> Apdu:
        return self.request

    def on_response(self, apdu: Any) -> Step:
        if isinstance(apdu, GetResponseNormal):
            return Done(AccessResult(apdu.value, apdu.error))
        if isinstance(apdu, GetResponseWithDataBlock):
            return self._block(apdu)
        raise self._unexpected(apdu)

    def _block(self, apdu: GetResponseWithDataBlock) -> Step:
        if apdu.error is not None:
            return Done(AccessResult(None, apdu.error))
        if apdu.block_number is not None and apdu.block_number != self.expected_block:
            raise RemoteProtocolError("GET data block number", expected=self.expected_block,
                                      found=apdu.block_number)
        self.blocks += apdu.raw_data
        if not apdu.last_block:
            self.expected_block += 1
            return FollowUp(GetRequestNext(self.invoke_id_and_priority, apdu.block_number or 0))
        return Done(self.decode_blocks(bytes(self.blocks)))

    def decode_blocks(self, raw: bytes) -> Any:
        return AccessResult(codec.decode(raw))

    @property
    def received_bytes(self) -> int:
        return len(self.blocks)


class GetListTransaction(GetTransaction):
    """GET of several attributes in one request (LN with-list)."""

    name = "GET with list"

    def __init__(self, invoke_id_and_priority: int, items: Sequence[AttributeDescriptorWithSelection]) -> None:
        Transaction.__init__(self, invoke_id_and_priority)
        self.request = GetRequestWithList(invoke_id_and_priority, list(items))  # type: ignore[assignment]
        self.count = len(items)
        self.blocks = bytearray()
        self.expected_block = 1

    def on_response(self, apdu: Any) -> Step:
        if isinstance(apdu, GetResponseWithList):
            return Done([AccessResult(r.value, r.error) for r in apdu.results])
        if isinstance(apdu, GetResponseNormal) and apdu.error is not None:
            return Done([AccessResult(None, apdu.error)] * self.count)
        if isinstance(apdu, GetResponseWithDataBlock):
            return self._block(apdu)
        raise self._unexpected(apdu)

    def decode_blocks(self, raw: bytes) -> Any:
        from ..apdu.common import read_count, read_get_data_result

        count, pos = read_count(raw, 0, "result list")
        results = []
        for _ in range(count):
            result, pos = read_get_data_result(raw, pos)
            results.append(AccessResult(result.value, result.error))
        if pos != len(raw):
            raise DecodeError("GET with list blocks", where=pos, expected="end of data", found=f"{len(raw) - pos} bytes")
        return results


# --- SET -------------------------------------------------------------------------------------
def split(raw: bytes, size: int) -> list[bytes]:
    """``raw`` in pieces of at most ``size`` bytes (at least one piece)."""
    if size < 1:
        raise LocalProtocolError("block size", expected="at least 1 byte", found=size)
    return [raw[i : i + size] for i in range(0, len(raw), size)] or [b""]


class SetTransaction(Transaction):
    """SET of one attribute, in blocks when the request does not fit in ``max_pdu``."""

    name = "SET"

    def __init__(self, invoke_id_and_priority: int, descriptor: AttributeDescriptor, value: Any,
                 max_pdu: int, access: SelectiveAccess | None = None, overhead: int = 0) -> None:
        super().__init__(invoke_id_and_priority)
        self.descriptor = descriptor
        self.access = access
        normal = SetRequestNormal(invoke_id_and_priority, descriptor, access, value)
        encoded = normal.encode()
        self.blocks: list[bytes] = []
        if len(encoded) + overhead <= max_pdu:
            self.request: Apdu = normal
        else:
            raw = codec.encode(value)
            # header: C1 02 iid + descriptor (9) + selection flag(s) + last + number(4) + length (up to 5)
            head = 3 + 9 + (1 if access is None else 2 + len(codec.encode(access.parameters))) + 5 + 5
            self.blocks = split(raw, max_pdu - head - overhead)
            self.request = SetRequestWithFirstDataBlock(invoke_id_and_priority, descriptor, access,
                                                        len(self.blocks) == 1, 1, self.blocks[0])
        self.next_block = 2

    def first(self) -> Apdu:
        return self.request

    def on_response(self, apdu: Any) -> Step:
        if isinstance(apdu, SetResponseNormal):
            return Done(AccessResult(None, apdu.result or None))
        if isinstance(apdu, SetResponseLastDataBlock):
            return Done(AccessResult(None, apdu.result or None))
        if isinstance(apdu, SetResponseDataBlock):
            if apdu.block_number != self.next_block - 1 or self.next_block > len(self.blocks):
                raise RemoteProtocolError("SET block acknowledgement", expected=self.next_block - 1,
                                          found=apdu.block_number)
            number = self.next_block
            self.next_block += 1
            return FollowUp(SetRequestWithDataBlock(self.invoke_id_and_priority, number == len(self.blocks),
                                                    number, self.blocks[number - 1]))
        raise self._unexpected(apdu)


class SetListTransaction(Transaction):
    """SET of several attributes in one request (LN with-list), in blocks when needed."""

    name = "SET with list"

    def __init__(self, invoke_id_and_priority: int, items: Sequence[AttributeDescriptorWithSelection],
                 values: Sequence[Any], max_pdu: int, overhead: int = 0) -> None:
        super().__init__(invoke_id_and_priority)
        self.count = len(items)
        normal = SetRequestWithList(invoke_id_and_priority, list(items), list(values))
        self.blocks: list[bytes] = []
        if len(normal.encode()) + overhead <= max_pdu:
            self.request: Apdu = normal
        else:
            raw = bytearray()
            codec.encode_length(raw, len(values))
            for value in values:
                codec.encode_into(raw, value)
            head = len(SetRequestWithListAndFirstDataBlock(invoke_id_and_priority, list(items)).encode()) + 5
            self.blocks = split(bytes(raw), max_pdu - head - overhead)
            self.request = SetRequestWithListAndFirstDataBlock(invoke_id_and_priority, list(items),
                                                               len(self.blocks) == 1, 1, self.blocks[0])
        self.next_block = 2

    def first(self) -> Apdu:
        return self.request

    def on_response(self, apdu: Any) -> Step:
        if isinstance(apdu, SetResponseWithList):
            return Done([AccessResult(None, r or None) for r in apdu.results])
        if isinstance(apdu, SetResponseLastDataBlockWithList):
            return Done([AccessResult(None, r or None) for r in apdu.results])
        if isinstance(apdu, SetResponseNormal) and apdu.result:
            return Done([AccessResult(None, apdu.result)] * self.count)
        if isinstance(apdu, SetResponseDataBlock):
            if self.next_block > len(self.blocks):
                raise RemoteProtocolError("SET block acknowledgement", expected="the last block's answer",
                                          found=apdu.block_number)
            number = self.next_block
            self.next_block += 1
            return FollowUp(SetRequestWithDataBlock(self.invoke_id_and_priority, number == len(self.blocks),
                                                    number, self.blocks[number - 1]))
        raise self._unexpected(apdu)


# --- ACTION ----------------------------------------------------------------------------------
class ActionTransaction(Transaction):
    """ACTION of one method; parameters sent in blocks when too long, return data read in blocks."""

    name = "ACTION"

    def __init__(self, invoke_id_and_priority: int, descriptor: MethodDescriptor, parameters: Any,
                 max_pdu: int, has_parameters: bool | None = None, overhead: int = 0) -> None:
        super().__init__(invoke_id_and_priority)
        normal = ActionRequestNormal(invoke_id_and_priority, descriptor, parameters, has_parameters)
        self.blocks: list[bytes] = []
        if len(normal.encode()) + overhead <= max_pdu:
            self.request: Apdu = normal
        else:
            raw = codec.encode(parameters)
            head = 3 + 9 + 5 + 5
            self.blocks = split(raw, max_pdu - head - overhead)
            self.request = ActionRequestWithFirstPBlock(invoke_id_and_priority, descriptor,
                                                        len(self.blocks) == 1, 1, self.blocks[0])
        self.next_block = 2
        self.returned = bytearray()

    def first(self) -> Apdu:
        return self.request

    def on_response(self, apdu: Any) -> Step:
        if isinstance(apdu, ActionResponseNormal):
            return Done(_method_result(apdu.result, apdu.return_parameters))
        if isinstance(apdu, ActionResponseNextPBlock):
            number = self.next_block
            if number > len(self.blocks):
                raise RemoteProtocolError("ACTION block acknowledgement", expected="the method's answer",
                                          found=f"a request for block {apdu.block_number + 1}")
            self.next_block += 1
            return FollowUp(ActionRequestWithPBlock(self.invoke_id_and_priority, number == len(self.blocks),
                                                    number, self.blocks[number - 1]))
        if isinstance(apdu, ActionResponseWithPBlock):
            self.returned += apdu.raw_data
            if not apdu.last_block:
                return FollowUp(ActionRequestNextPBlock(self.invoke_id_and_priority, apdu.block_number))
            value = codec.decode(bytes(self.returned)) if self.returned else None
            return Done(MethodResult(0, value))
        raise self._unexpected(apdu)


class ActionListTransaction(Transaction):
    """ACTION of several methods in one request (with-list)."""

    name = "ACTION with list"

    def __init__(self, invoke_id_and_priority: int, descriptors: Sequence[MethodDescriptor],
                 parameters: Sequence[Any]) -> None:
        super().__init__(invoke_id_and_priority)
        self.request = ActionRequestWithList(invoke_id_and_priority, list(descriptors), list(parameters))

    def first(self) -> Apdu:
        return self.request

    def on_response(self, apdu: Any) -> Step:
        if isinstance(apdu, ActionResponseWithList):
            return Done([_method_result(r.result, r.return_parameters) for r in apdu.results])
        if isinstance(apdu, ActionResponseNormal):
            return Done([_method_result(apdu.result, apdu.return_parameters)])
        raise self._unexpected(apdu)


def _method_result(result: int, data: GetDataResult | None) -> MethodResult:
    if data is None:
        return MethodResult(result)
    return MethodResult(result, data.value, data.error)


@dataclass(slots=True)
class PendingList:
    """Pending transactions keyed by invoke id (a client may pipeline several)."""

    items: dict[int, Transaction] = field(default_factory=dict)

    def add(self, transaction: Transaction) -> None:
        self.items[transaction.invoke_id_and_priority & 0x0F] = transaction

    def match(self, apdu: Any) -> Transaction | None:
        invoke = getattr(apdu, "invoke_id_and_priority", None)
        if invoke is None:
            return next(iter(self.items.values()), None) if len(self.items) == 1 else None
        return self.items.get(invoke & 0x0F)

    def remove(self, transaction: Transaction) -> None:
        self.items.pop(transaction.invoke_id_and_priority & 0x0F, None)


__all__ = [
    "AccessResult",
    "ActionListTransaction",
    "ActionTransaction",
    "Done",
    "FollowUp",
    "GetListTransaction",
    "GetTransaction",
    "MethodResult",
    "PendingList",
    "SetListTransaction",
    "SetTransaction",
    "Step",
    "Transaction",
    "same_invoke",
    "split",
]
