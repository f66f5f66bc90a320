"""The SN services of a server: READ, WRITE and UnconfirmedWrite, and methods reached through them.

With short names a request names a *variable*: a short name inside an object's range.
``base + 8 * (n - 1)`` is attribute ``n``; from the class's first method offset on, the
short names are methods.  A method is invoked by a READ (with parameterized access when it
takes a parameter, so that it can return data) or by a WRITE of its parameter.  A long
READ response goes out in data blocks the client asks for by block number.
"""

from __future__ import annotations

import bisect
import logging
from dataclasses import dataclass
from typing import Any

from ..apdu.common import ErrorCode
from ..apdu.conformance import Conformance
from ..apdu.sn import ReadRequest, UnconfirmedWriteRequest, WriteRequest, WriteResponse
from ..apdu.sn_items import (
    BlockNumberAccess,
    DataAccessError,
    DataBlockResult,
    ParameterizedAccess,
    VariableName,
    WriteSuccess,
)
from ..data import codec
from .server_context import ServerContext
from .server_items import Item, ItemResult, Refused, invoke_items, read_items, write_items
from .services import split
from .sn_services import METHOD_OFFSETS

log = logging.getLogger(__name__)

#: Bytes a READ data block adds around its data at most.
SN_BLOCK_HEADER = 1 + 1 + 1 + 1 + 2 + 3
NEEDS: dict[type, Conformance] = {
    ReadRequest: Conformance.READ,
    WriteRequest: Conformance.WRITE,
    UnconfirmedWriteRequest: Conformance.UN_CONFIRMED_WRITE,
}


@dataclass(slots=True)
class Variable:
    """What a short name addresses: an object and an attribute, or a method of it."""

    target: Any
    index: int
    method: bool


def resolve(short_names: list[tuple[int, Any]], name: int) -> Variable | None:
    """The attribute or method at short name ``name``, or None when nothing lives there."""
    bases = [base for base, _ in short_names]
    position = bisect.bisect_right(bases, name) - 1
    if position < 0:
        return None
    base, target = short_names[position]
    delta = name - base
    offset = METHOD_OFFSETS.get(int(target.objectType))
    if offset is not None and delta >= offset:
        if (delta - offset) % 8:
            return None
        method = (delta - offset) // 8 + 1
        return Variable(target, method, True) if method <= target.getMethodCount() else None
    if delta % 8:
        return None
    attribute = delta // 8 + 1
    return Variable(target, attribute, False) if attribute <= target.getAttributeCount() else None


class SnServices:
    """READ and WRITE of one association, with a long READ in progress."""

    def __init__(self) -> None:
        self._blocks: list[bytes] = []
        self._sent = 0

    @staticmethod
    def handles(apdu: Any) -> bool:
        return type(apdu) in NEEDS

    def handle(self, context: ServerContext, apdu: Any, limit: int | None) -> bytes | None:
        """The response to one request (None for UnconfirmedWrite)."""
        needs = NEEDS[type(apdu)]
        if not context.conformance & needs:
            raise Refused(f"{type(apdu).__name__} needs {needs!r}, not negotiated")
        if isinstance(apdu, ReadRequest):
            return self._read(context, apdu, limit)
        results = self._write(context, apdu)
        return None if isinstance(apdu, UnconfirmedWriteRequest) else WriteResponse(results).encode()

    # --- READ ----------------------------------------------------------------------------
    def _read(self, context: ServerContext, apdu: ReadRequest, limit: int | None) -> bytes:
        variables = apdu.variables
        if len(variables) == 1 and isinstance(variables[0], BlockNumberAccess):
            return self._next_block(variables[0].block_number)
        self._blocks, self._sent = [], 0
        names = context.app.short_names(context)
        reads: list[tuple[int, Item]] = []
        calls: list[tuple[int, Item]] = []
        results: list[ItemResult] = [ItemResult(None, ErrorCode.OTHER_REASON)] * len(variables)
        for position, access in enumerate(variables):
            if isinstance(access, VariableName):
                found, selector, parameter = resolve(names, access.name), 0, None
            elif isinstance(access, ParameterizedAccess):
                found, selector, parameter = resolve(names, access.name), access.selector, access.parameter
            else:
                continue
            if found is None:
                results[position] = ItemResult(None, ErrorCode.UNDEFINED_OBJECT)
            elif found.method:
                calls.append((position, Item(found.target, found.index, parameters=parameter)))
            else:
                reads.append((position, Item(found.target, found.index, selector, parameter)))
        for (position, _), result in zip(reads, read_items(context, [item for _, item in reads])):
            results[position] = result
        for (position, _), result in zip(calls, invoke_items(context, [item for _, item in calls])):
            results[position] = result if result.error is not None or result.raw is not None \
                else ItemResult(b"\x00")
        return self._read_response(context, results, limit)

    def _read_response(self, context: ServerContext, results: list[ItemResult], limit: int | None) -> bytes:
        body = bytearray()
        codec.encode_length(body, len(results))
        for result in results:
            if result.error is None:
                body.append(0)
                body += result.raw or b"\x00"
            else:
                body += bytes((1, result.error & 0xFF))
        if limit is None or len(body) + 1 <= limit:
            return b"\x0c" + bytes(body)
        size = limit - SN_BLOCK_HEADER
        if not context.conformance & Conformance.BLOCK_TRANSFER_WITH_GET_OR_READ or size < 1:
            return bytes((0x0C, 1, 1, ErrorCode.OTHER_REASON))
        raw = (results[0].raw or b"") if len(results) == 1 and results[0].error is None else bytes(body)
        self._blocks, self._sent = split(raw, size), 0
        return self._next_block(0)

    def _next_block(self, acknowledged: int) -> bytes:
        if not self._blocks or self._sent >= len(self._blocks):
            self._blocks = []
            return bytes((0x0C, 1, 1, ErrorCode.NO_LONG_GET_OR_READ_IN_PROGRESS))
        if acknowledged != self._sent:
            self._blocks = []
            return bytes((0x0C, 1, 1, ErrorCode.DATA_BLOCK_NUMBER_INVALID))
        self._sent += 1
        last = self._sent == len(self._blocks)
        out = bytearray(b"\x0c\x01\x02")
        DataBlockResult(last, self._sent, self._blocks[self._sent - 1]).write_body(out)
        if last:
            self._blocks = []
        return bytes(out)

    # --- WRITE ---------------------------------------------------------------------------
    def _write(self, context: ServerContext, apdu: WriteRequest | UnconfirmedWriteRequest) -> list[Any]:
        names = context.app.short_names(context)
        results: list[Any] = [DataAccessError(ErrorCode.OTHER_REASON)] * len(apdu.variables)
        writes: list[tuple[int, Item]] = []
        calls: list[tuple[int, Item]] = []
        values = list(apdu.values)
        if len(values) != len(apdu.variables):
            return [DataAccessError(ErrorCode.UNMATCHED_TYPE)] * len(apdu.variables)
        for position, (access, value) in enumerate(zip(apdu.variables, values)):
            found = resolve(names, access.name) if isinstance(access, VariableName) else None
            if found is None:
                results[position] = DataAccessError(ErrorCode.UNDEFINED_OBJECT if isinstance(access, VariableName)
                                                    else ErrorCode.OTHER_REASON)
            elif found.method:
                calls.append((position, Item(found.target, found.index, parameters=value)))
            else:
                writes.append((position, Item(found.target, found.index, value=value)))
        for (position, _), code in zip(writes, write_items(context, [item for _, item in writes])):
            results[position] = WriteSuccess() if code == 0 else DataAccessError(code)
        for (position, _), result in zip(calls, invoke_items(context, [item for _, item in calls])):
            results[position] = WriteSuccess() if result.error is None else DataAccessError(result.error)
        return results


__all__ = ["NEEDS", "SN_BLOCK_HEADER", "SnServices", "Variable", "resolve"]
