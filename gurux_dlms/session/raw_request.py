"""Requests that arrive already encoded (a Messages file, a capture): sent as they are, answered whole.

A test tool has the request's bytes, not its parameters.  :func:`request_transaction`
decodes them once and picks the transaction the engine would have used for the same
request, so an encoded request gets everything a built one gets: a long SET or ACTION is
sent in blocks, a GET answered in data blocks asks for each next block, GBT and ciphering
happen below.  The result is not a value but the *reply APDU*, complete: when the answer
came in data blocks, the blocks are joined into the reply the meter would have sent had it
fit in one PDU (a ``GetResponseNormal`` or ``GetResponseWithList``, an
``ActionResponseNormal``, a ``ReadResponse`` with the data), so the reply can be shown and
compared with an expected one whatever the PDU size.

Requests the engine has no transaction for (``GetRequestNext``, ``AccessRequest``, an APDU
that is already ciphered, an RLRQ ...) are sent unchanged and their first answer is the
result.
"""

from __future__ import annotations

from typing import Any

from ..apdu.acse import RLRQ
from ..apdu.action import (
    ActionRequestNormal,
    ActionRequestWithList,
    ActionResponseNormal,
    ActionResponseWithPBlock,
)
from ..apdu.base import Apdu, decode_apdu
from ..apdu.common import GetDataResult
from ..apdu.get import (
    GetRequestNormal,
    GetRequestWithList,
    GetResponseNormal,
    GetResponseWithDataBlock,
    GetResponseWithList,
)
from ..apdu.set import SetRequestNormal, SetRequestWithList
from ..apdu.sn import ReadRequest, ReadResponse, WriteRequest
from ..apdu.sn_items import DataAccessError, DataBlockResult, ReadData
from ..errors import LocalProtocolError, RemoteProtocolError
from .protection import is_protected
from .services import (
    AccessResult,
    ActionListTransaction,
    ActionTransaction,
    Done,
    FollowUp,
    GetListTransaction,
    GetTransaction,
    MethodResult,
    SetListTransaction,
    SetTransaction,
    Step,
    Transaction,
    same_invoke,
)
from .sn_services import SnReadTransaction, SnWriteTransaction


class EncodedApdu(Apdu):
    """An APDU that is already bytes (``encode()`` gives them back unchanged)."""

    __slots__ = ("data",)

    def __init__(self, data: bytes) -> None:
        self.data = data

    def encode_into(self, out: bytearray) -> None:
        out += self.data


def _inner(request: Any, max_pdu: int, overhead: int) -> Transaction | None:
    """The engine's transaction for a decoded request, or None when it has none."""
    if isinstance(request, GetRequestNormal):
        return GetTransaction(request.invoke_id_and_priority, request.attribute_descriptor, request.access_selection)
    if isinstance(request, GetRequestWithList):
        return GetListTransaction(request.invoke_id_and_priority, request.attribute_descriptor_list)
    if isinstance(request, SetRequestNormal):
        return SetTransaction(request.invoke_id_and_priority, request.attribute_descriptor, request.value, max_pdu,
                              request.access_selection, overhead)
    if isinstance(request, SetRequestWithList):
        return SetListTransaction(request.invoke_id_and_priority, request.attribute_descriptor_list,
                                  request.value_list, max_pdu, overhead)
    if isinstance(request, ActionRequestNormal):
        return ActionTransaction(request.invoke_id_and_priority, request.method_descriptor,
                                 request.method_invocation_parameters, max_pdu, request.has_parameters, overhead)
    if isinstance(request, ActionRequestWithList):
        return ActionListTransaction(request.invoke_id_and_priority, request.method_descriptor_list,
                                     request.method_invocation_parameters)
    if isinstance(request, ReadRequest):
        return SnReadTransaction(request.variables)
    if isinstance(request, WriteRequest):
        return SnWriteTransaction(request.variables, request.values)
    return None


class RequestTransaction(Transaction):
    """An encoded request in progress; its result is the complete reply APDU (see the module doc)."""

    name = "request"

    def __init__(self, raw: bytes, request: Any, inner: Transaction | None) -> None:
        super().__init__(int(getattr(request, "invoke_id_and_priority", 0) or 0))
        self.raw = raw
        self.request = request
        self.inner = inner
        #: Already ciphered in the file: sent as it is, never ciphered again.
        self.protected = is_protected(raw)
        self.releasing = isinstance(request, RLRQ)
        self.followed = False

    def first(self) -> Apdu:
        if self.inner is None:
            return EncodedApdu(self.raw)
        first = self.inner.first()
        # Unless the engine had to split it into blocks, the request goes out byte for byte.
        return EncodedApdu(self.raw) if type(first) is type(self.request) else first

    def accepts(self, apdu: Any) -> bool:
        if self.inner is not None:
            return self.inner.accepts(apdu)
        invoke = getattr(apdu, "invoke_id_and_priority", None)
        return invoke is None or not hasattr(self.request, "invoke_id_and_priority") \
            or same_invoke(self.invoke_id_and_priority, invoke)

    def on_response(self, apdu: Any) -> Step:
        if self.inner is None:
            return Done(apdu)
        try:
            step = self.inner.on_response(apdu)
        except RemoteProtocolError:
            if self.followed:
                raise
            return Done(apdu)  # an answer of another kind (an error, a refusal): shown as it came
        if isinstance(step, FollowUp):
            self.followed = True
            return step
        return Done(complete_reply(self.request, apdu, step.result))


def complete_reply(request: Any, last: Any, result: Any) -> Any:
    """The reply APDU that ``result`` stands for, when the last answer was only a block of it."""
    if isinstance(last, GetResponseWithDataBlock):
        invoke = last.invoke_id_and_priority
        if isinstance(request, GetRequestWithList):
            return GetResponseWithList(invoke, [GetDataResult(r.value, r.error) for r in result])
        item: AccessResult = result
        return GetResponseNormal(invoke, item.value, item.error)
    if isinstance(last, ActionResponseWithPBlock):
        method: MethodResult = result
        return ActionResponseNormal(last.invoke_id_and_priority, method.result,
                                    GetDataResult(method.value, method.error))
    if isinstance(last, ReadResponse) and last.results and isinstance(last.results[0], DataBlockResult):
        items = result if isinstance(result, list) else [result]
        return ReadResponse([ReadData(r.value) if r.error is None else DataAccessError(r.error) for r in items])
    return last


def request_transaction(apdu: bytes, max_pdu: int, overhead: int = 0) -> RequestTransaction:
    """The transaction that sends the encoded request ``apdu`` (DecodeError when it is not an APDU)."""
    raw = bytes(apdu)
    if not raw:
        raise LocalProtocolError("request", expected="an encoded request APDU", found="no bytes")
    request = decode_apdu(raw)
    inner = None if is_protected(raw) else _inner(request, max_pdu, overhead)
    return RequestTransaction(raw, request, inner)


__all__ = ["EncodedApdu", "RequestTransaction", "complete_reply", "request_transaction"]
