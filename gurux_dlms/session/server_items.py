"""Reading, writing and invoking the items of a request, with the association's access rights.

LN and SN services both come down to a list of items, each an attribute or a method of an
object.  Here every item is checked (the object is visible, the index exists, the
association may read/write/invoke it, with the protection its access mode asks for), the
allowed ones go to the application in one batch (so its pre/post hooks see the whole
request, as Gurux's do) and each outcome becomes an encoded value or a data-access-result.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from ..apdu.common import ErrorCode
from ..cosem.access import AccessMode, MethodAccessMode
from ..cosem.base import ValueEventArgs
from ..data import codec
from ..data.types import DataType
from ..errors import DecodeError, DLMSError
from .server_context import AssociationState, ServerContext

log = logging.getLogger(__name__)

_READ = {AccessMode.READ, AccessMode.READ_WRITE}
_AUTHENTICATED_READ = {AccessMode.AUTHENTICATED_READ, AccessMode.AUTHENTICATED_READ_WRITE}
_WRITE = {AccessMode.WRITE, AccessMode.READ_WRITE}
_AUTHENTICATED_WRITE = {AccessMode.AUTHENTICATED_WRITE, AccessMode.AUTHENTICATED_READ_WRITE}
#: The HLS reply method: Association LN method 1, Association SN method 8.
_HLS_METHODS = {15: 1, 12: 8}


class Refused(Exception):
    """A request the server cannot even start on: answered with an ExceptionResponse."""

    def __init__(self, reason: str, state_error: int = 1, service_error: int = 2,
                 invocation_counter: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.state_error = state_error
        self.service_error = service_error
        self.invocation_counter = invocation_counter


@dataclass(slots=True)
class Item:
    """One attribute or method a request names: the object found (None: none), index and access."""

    target: Any
    index: int
    selector: int = 0
    parameters: Any = None
    value: Any = None
    error: int | None = None  # set when the item was refused before reaching the application


@dataclass(slots=True)
class ItemResult:
    """An item's outcome: the encoded value or return data (tag included), or an error code."""

    raw: bytes | None = None
    error: int | None = None


def _allowed(mode: int, authenticated: bool, plain: set[AccessMode], protected: set[AccessMode]) -> bool:
    return mode in plain or (mode in protected and authenticated)


def check_attribute(context: ServerContext, item: Item, write: bool) -> None:
    """Set ``item.error`` when the attribute may not be read (or written) in this association."""
    if item.error is not None:
        return
    target = item.target
    if target is None:
        item.error = ErrorCode.UNDEFINED_OBJECT
        return
    if not 1 <= item.index <= target.getAttributeCount():
        item.error = ErrorCode.READ_WRITE_DENIED
        return
    if context.state is not AssociationState.ASSOCIATED:
        item.error = ErrorCode.READ_WRITE_DENIED
        return
    mode = context.app.attribute_access(context, target, item.index)
    plain, protected = (_WRITE, _AUTHENTICATED_WRITE) if write else (_READ, _AUTHENTICATED_READ)
    if not _allowed(int(mode), context.request_authenticated, plain, protected):
        item.error = ErrorCode.READ_WRITE_DENIED


def check_method(context: ServerContext, item: Item) -> None:
    """Set ``item.error`` when the method may not be invoked in this association."""
    if item.error is not None:
        return
    target = item.target
    if target is None:
        item.error = ErrorCode.UNDEFINED_OBJECT
        return
    if not 1 <= item.index <= target.getMethodCount():
        item.error = ErrorCode.READ_WRITE_DENIED
        return
    if context.state is AssociationState.PENDING:
        # Only the HLS reply of this very association is allowed before HLS completes.
        class_id = int(target.objectType)
        if _HLS_METHODS.get(class_id) != item.index or target is not context.association:
            item.error = ErrorCode.READ_WRITE_DENIED
        return
    if context.state is not AssociationState.ASSOCIATED:
        item.error = ErrorCode.READ_WRITE_DENIED
        return
    mode = int(context.app.method_access(context, target, item.index))
    if mode == MethodAccessMode.NO_ACCESS or (
            mode == MethodAccessMode.AUTHENTICATED_ACCESS and not context.request_authenticated):
        item.error = ErrorCode.READ_WRITE_DENIED


def _events(context: ServerContext, items: list[Item], action: bool) -> list[ValueEventArgs]:
    """One ValueEventArgs per allowed item (and the items they belong to, in the same order)."""
    events = []
    for item in items:
        if item.error is None:
            args = ValueEventArgs(item.target, item.index, item.selector, item.parameters, item.value, context)
            args.action = action
            events.append(args)
    return events


def _run(what: str, call: Any, context: ServerContext, events: list[ValueEventArgs]) -> None:
    if not events:
        return
    try:
        call(context, events)
    except Exception as exc:  # a hook or a method failed: every item of the batch fails
        log.warning("%s for client %d failed: %s", what, context.client_address, exc,
                    exc_info=log.isEnabledFor(logging.DEBUG))
        for args in events:
            if not args.error and not args.handled:
                args.error = ErrorCode.UNMATCHED_TYPE if isinstance(exc, DecodeError) else ErrorCode.OTHER_REASON


def encode_value(args: ValueEventArgs) -> bytes:
    """The A-XDR bytes of what a read or an action gave (already encoded when ``byteArray``)."""
    value = args.value
    if args.byteArray and isinstance(value, (bytes, bytearray)):
        return bytes(value)
    if value is not None and getattr(value, "dataType", None) is None and not isinstance(value, list):
        try:
            declared = args.target.getDataType(args.index) if not args.action else DataType.NONE
        except DLMSError:
            declared = DataType.NONE
        if declared not in (DataType.NONE, DataType.ARRAY, DataType.STRUCTURE):
            return codec.encode(value, declared)
    return codec.encode(value)


def _results(items: list[Item], events: list[ValueEventArgs], with_value: bool) -> list[ItemResult]:
    results = []
    it = iter(events)
    for item in items:
        if item.error is not None:
            results.append(ItemResult(None, int(item.error)))
            continue
        args = next(it)
        if args.error:
            results.append(ItemResult(None, int(args.error)))
            continue
        if not with_value:
            results.append(ItemResult())
            continue
        try:
            results.append(ItemResult(encode_value(args)))
        except DLMSError as exc:
            log.warning("value of %r attribute/method %d cannot be encoded: %s", args.target, args.index, exc)
            results.append(ItemResult(None, ErrorCode.OTHER_REASON))
    return results


def read_items(context: ServerContext, items: list[Item]) -> list[ItemResult]:
    """Read the allowed items; the encoded value or the error of each."""
    for item in items:
        check_attribute(context, item, write=False)
    events = _events(context, items, action=False)
    _run("read", context.app.read, context, events)
    return _results(items, events, with_value=True)


def write_items(context: ServerContext, items: list[Item]) -> list[int]:
    """Write the allowed items; the data-access-result of each (0: success)."""
    for item in items:
        check_attribute(context, item, write=True)
    events = _events(context, items, action=False)
    _run("write", context.app.write, context, events)
    return [result.error or 0 for result in _results(items, events, with_value=False)]


def invoke_items(context: ServerContext, items: list[Item]) -> list[ItemResult]:
    """Invoke the allowed methods; the return data (None: nothing returned) or the action result."""
    for item in items:
        check_method(context, item)
    events = _events(context, items, action=True)
    _run("action", context.app.invoke, context, events)
    results = []
    it = iter(events)
    for item in items:
        if item.error is not None:
            results.append(ItemResult(None, int(item.error)))
            continue
        args = next(it)
        if args.error:
            results.append(ItemResult(None, int(args.error)))
        elif args.value is None:
            results.append(ItemResult())
        else:
            try:
                results.append(ItemResult(encode_value(args)))
            except DLMSError as exc:
                log.warning("return data of %r method %d cannot be encoded: %s", args.target, args.index, exc)
                results.append(ItemResult(None, ErrorCode.OTHER_REASON))
    return results


__all__ = ["Item", "ItemResult", "Refused", "check_attribute", "check_method", "encode_value", "invoke_items", "read_items",
           "write_items"]
