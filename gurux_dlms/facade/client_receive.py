"""The receive half of ``GXDLMSClient``: ``getData`` and ``receiverReady``.

``getData(buffer, reply)`` takes one frame (HDLC or WRAPPER) from ``buffer`` at its read
position; it returns False when the frame is not complete yet (the caller reads more and
calls again with the grown buffer) and True when a frame was consumed.  ``reply`` then
says what still has to come (``moreData``) and, once the answer is complete, holds the
value.  A profile buffer that was asked for by ``read``/``readRowsBy*`` is decoded with its
date-time columns typed in the same pass.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from ..apdu.access import AccessResponse
from ..apdu.acse import AARE, AARQ, RLRE, RLRQ
from ..apdu.action import (
    ActionRequestNextPBlock,
    ActionResponseNextPBlock,
    ActionResponseNormal,
    ActionResponseWithPBlock,
)
from ..apdu.base import decode_apdu
from ..apdu.gbt import GeneralBlockTransfer
from ..apdu.get import GetRequestNext, GetResponseNormal, GetResponseWithDataBlock, GetResponseWithList
from ..apdu.notification import DataNotification, EventNotificationRequest
from ..apdu.service_errors import ConfirmedServiceError, ExceptionResponse
from ..apdu.set import (
    SetResponseDataBlock,
    SetResponseLastDataBlock,
    SetResponseLastDataBlockWithList,
    SetResponseNormal,
    SetResponseWithList,
)
from ..apdu.sn import InformationReportRequest, ReadRequest, ReadResponse, WriteResponse
from ..apdu.sn_items import BlockNumberAccess, DataAccessError, DataBlockResult, ReadData, WriteSuccess
from ..data import codec
from ..data.byte_buffer import GXByteBuffer
from ..data.datetime import GXDateTime
from ..errors import (
    ConfirmedServiceErrorError,
    DecryptionError,
    ExceptionResponseError,
    FrameError,
    LocalProtocolError,
)
from ..errors import (
    DataAccessError as DataAccessFailure,
)
from ..framing.hdlc_events import Connected, Disconnected, PduReceived
from ..framing.hdlc_frame import FrameKind, decode_frame
from ..framing.hdlc_params import rr_frame
from ..framing.hdlc_stream import find_frame
from ..framing.wrapper import HEADER_SIZE
from ..session.enums import InterfaceType, RequestTypes, uses_hdlc
from ..session.gbt import GbtReceiver
from ..session.protection import is_protected, unprotect
from .reply import GXReplyData, error_message

log = logging.getLogger(__name__)

_NOTIFICATIONS = (DataNotification, EventNotificationRequest, InformationReportRequest)
_DATABLOCK, _FRAME, _GBT = int(RequestTypes.DATABLOCK), int(RequestTypes.FRAME), int(RequestTypes.GBT)


@dataclass(slots=True)
class Expectation:
    """What a request sent by the facade asked for (to type the answer it gets)."""

    target: Any
    index: int
    as_list: bool = False
    count: int = 1
    columns: Any = None


class ReceiveMixin:
    """``getData``/``receiverReady`` of GXDLMSClient (uses its session, link and expectations)."""

    session: Any
    settings: Any
    translator: Any
    throwExceptions: bool
    _link: Any
    _expect: Any

    def _init_receive(self) -> None:
        self._allow_ciphering = False
        self._gbt: GbtReceiver | None = None
        self._gbt_ack: GeneralBlockTransfer | None = None

    # --- frames -------------------------------------------------------------------------------
    def getData(self, data: Any, reply: GXReplyData, notify: GXReplyData | None = None) -> bool:
        """Consume one frame from ``data`` (a GXByteBuffer, read from its position, or bytes)."""
        link = self._link
        if data.__class__ is bytes and link is not None:  # one HDLC frame as read: the hot path
            try:
                frame, end = decode_frame(data)
            except FrameError:
                end = -1
            if end == len(data):
                return self._hdlc_frame(link, frame, reply, notify)
        buffer = data if isinstance(data, GXByteBuffer) else _Cursor(data)
        raw = buffer.getData()
        interface = self.session.interface_type
        if uses_hdlc(interface):
            return self._hdlc(buffer, raw, reply, notify)
        if interface == InterfaceType.WRAPPER:
            start = buffer.position
            if len(raw) - start < HEADER_SIZE:
                return False
            length = int.from_bytes(raw[start + 6 : start + 8], "big")
            if len(raw) - start < HEADER_SIZE + length:
                return False
            version, source, target = (int.from_bytes(raw[start + i : start + i + 2], "big") for i in (0, 2, 4))
            if version != 1:
                raise FrameError("WRAPPER version", where=start, expected=1, found=version)
            buffer.position = start + HEADER_SIZE + length
            reply.sourceAddress, reply.targetAddress = source, target
            if target != self.session.client_address:
                log.debug("WRAPPER frame for client %d dropped", target)
                return False
            return self._apdu(bytes(raw[start + HEADER_SIZE : start + HEADER_SIZE + length]), reply, notify)
        body = bytes(raw[buffer.position :])
        buffer.position = len(raw)
        return self._apdu(body, reply, notify) if body else False

    def _hdlc(self, buffer: Any, raw: Any, reply: GXReplyData, notify: GXReplyData | None) -> bool:
        link = self._link
        data = raw if raw.__class__ is bytes else bytes(raw)
        if link is None:
            return self._unconnected_hdlc(buffer, data, reply, notify)
        while True:
            start = buffer.position
            try:  # the usual case: a whole frame starts right here
                frame, end = decode_frame(data, start) if data[start : start + 1] == b"\x7e" else find_frame(data, start)
            except FrameError:
                frame, end = find_frame(data, start)
            if frame is None:
                return False
            buffer.position = end
            if frame.dest != self.session.client_address:
                link.receive_frame(frame)  # the link logs and drops it
                continue  # an echo or another client's frame: look at the next one
            return self._hdlc_frame(link, frame, reply, notify)

    def _unconnected_hdlc(self, buffer: Any, data: bytes, reply: GXReplyData, notify: GXReplyData | None) -> bool:
        """Without an HDLC connection only UI frames make sense: pushes a meter sends unasked."""
        frame, end = find_frame(data, buffer.position)
        if frame is None:
            return False
        if frame.kind is not FrameKind.UI or frame.segmented:
            raise LocalProtocolError("getData", expected="snrmRequest() before HDLC replies (or an unsegmented UI push)",
                                     found=f"{frame.kind.name} frame without a connection")
        buffer.position = end
        reply.frameId, reply.sourceAddress, reply.targetAddress = frame.control, frame.src, frame.dest
        info = frame.info[3:] if frame.info[:2] in (b"\xe6\xe6", b"\xe6\xe7") else frame.info
        return self._apdu(info, reply, notify) if info else True

    def _hdlc_frame(self, link: Any, frame: Any, reply: GXReplyData, notify: GXReplyData | None) -> bool:
        """Hand one frame to the HDLC link and act on what it made of it."""
        event = link.handle_frame(frame)
        reply.frameId = frame.control
        reply.sourceAddress = frame.src
        reply.targetAddress = frame.dest
        if event is None:
            if link.receiving_segments:
                reply.moreData |= _FRAME
            return frame.dest == self.session.client_address
        reply.moreData &= ~_FRAME
        if event.__class__ is PduReceived:
            return self._apdu(event.pdu, reply, notify)
        if isinstance(event, Connected):
            reply.command = 0x73
            reply.data.set(frame.info)
        elif isinstance(event, Disconnected):
            reply.command = frame.control
        return True

    # --- APDUs ---------------------------------------------------------------------------------
    def _apdu(self, apdu: bytes, reply: GXReplyData, notify: GXReplyData | None) -> bool:
        if apdu[0] == 0xE0:
            inner = self._gbt_block(apdu, reply)
            if inner is None:
                return True
            apdu = inner
        if is_protected(apdu):
            if not self.session.security.is_ciphered and not self._allow_ciphering:
                raise DecryptionError("ciphered APDU", expected="a GXDLMSSecureClient with the meter's keys",
                                      found=f"tag 0x{apdu[0]:02X} on a plain client")
            reply.cipheredCommand = apdu[0]
            apdu, _ = unprotect(apdu, self.session.security, self.session.server_system_title)
        reply.command = apdu[0]
        if self.translator is not None:
            reply.xml = self.translator.pduToXml(apdu)
        expectation = self._expect[0] if self._expect else None
        if (expectation is not None and apdu[:2] == b"\xc4\x01" and len(apdu) > 4 and apdu[3] == 0
                and _is_buffer(expectation)):
            reply.invokeId = apdu[2]
            reply.data.set(apdu[4:])
            self._finish(reply, self._decode_value(bytes(apdu[4:]), expectation))
            return True
        decoded = decode_apdu(apdu)
        if isinstance(decoded, _NOTIFICATIONS):
            return self._notification(decoded, apdu, reply, notify)
        handler = _HANDLERS.get(type(decoded))
        if handler is None:
            reply.data.set(apdu)  # AARE, RLRE and the like: the caller parses reply.data
            reply.complete = True
            return True
        handler(self, decoded, apdu, reply)
        return True

    def _gbt_block(self, apdu: bytes, reply: GXReplyData) -> bytes | None:
        block = decode_apdu(apdu)
        receiver = self._gbt or GbtReceiver(self.session.gbt_window_size)
        self._gbt = receiver
        ack = receiver.on_block(block)
        reply.blockNumber = block.block_number
        reply.streaming = block.streaming
        reply.gbtWindowSize = block.window
        if receiver.complete:
            self._gbt = None
            reply.moreData &= ~_GBT
            return bytes(receiver.data)
        self._gbt_ack = ack if ack is not None else receiver.ack()
        reply.moreData |= _GBT
        return None

    def _decode_value(self, raw: bytes, expectation: Expectation | None) -> Any:
        if raw and expectation is not None and _is_buffer(expectation):
            from ..cosem.classes.profile_buffer import decode_buffer

            value, _ = decode_buffer(expectation.target, raw, 0, expectation.columns)
            return value
        return codec.decode(raw) if raw else None

    def _finish(self, reply: GXReplyData, value: Any) -> None:
        """The answer is complete: store it and move to the next expected answer."""
        reply.moreData &= ~_DATABLOCK
        reply.complete = True
        expectation = self._expect.popleft() if self._expect else None
        if expectation is not None and expectation.as_list and not isinstance(value, list):
            value = [value]
        reply.value = value

    def _fail(self, reply: GXReplyData, code: int) -> None:
        reply.error = int(code)
        reply.complete = True
        if self._expect:
            self._expect.popleft()
        if self.throwExceptions:
            raise DataAccessFailure(error_message(code), code=int(code))

    # --- per response ----------------------------------------------------------------------
    def _get_normal(self, apdu: GetResponseNormal, raw: bytes, reply: GXReplyData) -> None:
        reply.invokeId = apdu.invoke_id_and_priority
        if apdu.error is not None:
            self._fail(reply, apdu.error)
            return
        reply.data.set(raw[4:])
        self._finish(reply, apdu.value)

    def _get_block(self, apdu: GetResponseWithDataBlock, raw: bytes, reply: GXReplyData) -> None:
        reply.invokeId = apdu.invoke_id_and_priority
        if apdu.error is not None:
            self._fail(reply, apdu.error)
            return
        reply.data.set(apdu.raw_data)
        reply.blockNumber = apdu.block_number or 0
        reply.lastBlock = apdu.last_block
        if not apdu.last_block:
            reply.moreData |= _DATABLOCK
            return
        expectation = self._expect[0] if self._expect else None
        if expectation is not None and expectation.as_list and expectation.count > 1:
            from ..session.services import GetListTransaction

            results = GetListTransaction(0, []).decode_blocks(bytes(reply.data.getData()))
            self._list_results(reply, results)
            return
        self._finish(reply, self._decode_value(bytes(reply.data.getData()), expectation))

    def _get_list(self, apdu: GetResponseWithList, raw: bytes, reply: GXReplyData) -> None:
        from ..session.services import AccessResult

        reply.invokeId = apdu.invoke_id_and_priority
        self._list_results(reply, [AccessResult(r.value, r.error) for r in apdu.results])

    def _list_results(self, reply: GXReplyData, results: list[Any]) -> None:
        reply.results = results
        values = [r.value if r.error is None else r.error for r in results]
        self._finish(reply, values)
        failed = [r.error for r in results if r.error is not None]
        if failed and self.throwExceptions and len(results) == 1:
            reply.error = failed[0]
            raise DataAccessFailure(error_message(failed[0]), code=failed[0])

    def _set_result(self, apdu: Any, raw: bytes, reply: GXReplyData) -> None:
        reply.invokeId = getattr(apdu, "invoke_id_and_priority", 0)
        if isinstance(apdu, SetResponseDataBlock):
            reply.blockNumber = apdu.block_number
            return
        results = list(getattr(apdu, "results", [getattr(apdu, "result", 0)]))
        failed = [r for r in results if r]
        if failed and len(results) == 1:
            self._fail(reply, failed[0])
            return
        self._finish(reply, results if len(results) > 1 else None)

    def _action_normal(self, apdu: ActionResponseNormal, raw: bytes, reply: GXReplyData) -> None:
        reply.invokeId = apdu.invoke_id_and_priority
        if apdu.result:
            self._fail(reply, apdu.result)
            return
        data = apdu.return_parameters
        if data is not None and data.error is not None:
            self._fail(reply, data.error)
            return
        if data is not None:
            reply.data.set(codec.encode(data.value))
        self._finish(reply, None if data is None else data.value)

    def _action_block(self, apdu: Any, raw: bytes, reply: GXReplyData) -> None:
        reply.invokeId = apdu.invoke_id_and_priority
        reply.blockNumber = apdu.block_number
        if isinstance(apdu, ActionResponseNextPBlock):
            return
        reply.data.set(apdu.raw_data)
        if not apdu.last_block:
            reply.moreData |= _DATABLOCK
            return
        self._finish(reply, codec.decode(bytes(reply.data.getData())))

    def _read_response(self, apdu: ReadResponse, raw: bytes, reply: GXReplyData) -> None:
        results = apdu.results
        if len(results) == 1 and isinstance(results[0], DataBlockResult):
            block = results[0]
            reply.data.set(block.raw_data)
            reply.blockNumber = block.block_number
            if not block.last_block:
                reply.moreData |= _DATABLOCK
                return
            expectation = self._expect[0] if self._expect else None
            self._finish(reply, self._decode_value(bytes(reply.data.getData()), expectation))
            return
        from ..session.services import AccessResult

        converted = [AccessResult(r.value) if isinstance(r, ReadData) else AccessResult(None, int(r.error))
                     for r in results if isinstance(r, (ReadData, DataAccessError))]
        if len(converted) == 1:
            if converted[0].error is not None:
                self._fail(reply, converted[0].error)
                return
            expectation = self._expect[0] if self._expect else None
            value = converted[0].value
            if expectation is not None and _is_buffer(expectation) and isinstance(value, list):
                from ..cosem.classes.profile_buffer import buffer_columns, convert_columns

                convert_columns(value, buffer_columns(expectation.target, expectation.columns))
            reply.data.set(raw[3:])
            self._finish(reply, value)
            return
        self._list_results(reply, converted)

    def _write_response(self, apdu: WriteResponse, raw: bytes, reply: GXReplyData) -> None:
        codes = [0 if isinstance(r, WriteSuccess) else int(getattr(r, "error", 250)) for r in apdu.results]
        failed = [c for c in codes if c]
        if failed and len(codes) == 1:
            self._fail(reply, failed[0])
            return
        self._finish(reply, codes if len(codes) > 1 else None)

    def _access_response(self, apdu: AccessResponse, raw: bytes, reply: GXReplyData) -> None:
        """The whole APDU stays in ``reply.data`` for parseAccessResponse; ``value`` lists the data."""
        reply.invokeId = apdu.long_invoke_id_and_priority
        reply.time = GXDateTime.from_bytes(apdu.date_time) if len(apdu.date_time) == 12 else None
        reply.data.set(raw)
        self._finish(reply, list(apdu.list_of_data))

    def _exception(self, apdu: ExceptionResponse, raw: bytes, reply: GXReplyData) -> None:
        reply.error = int(apdu.service_error)
        if self._expect:
            self._expect.popleft()
        raise ExceptionResponseError(f"the meter answered with an exception: {apdu}",
                                     state_error=int(apdu.state_error), service_error=int(apdu.service_error))

    def _confirmed_error(self, apdu: ConfirmedServiceError, raw: bytes, reply: GXReplyData) -> None:
        reply.error = int(apdu.value)
        if self._expect:
            self._expect.popleft()
        raise ConfirmedServiceErrorError(f"the meter refused the service: {apdu}", service=int(apdu.service),
                                         error_class=int(apdu.error), error=int(apdu.value))

    def _notification(self, apdu: Any, raw: bytes, reply: GXReplyData, notify: GXReplyData | None) -> bool:
        fill_notification(notify if notify is not None else reply, apdu, raw)
        return notify is None

    # --- follow-ups --------------------------------------------------------------------------
    def receiverReady(self, reply: GXReplyData | RequestTypes | int) -> bytearray:
        """The frame asking for what ``reply.moreData`` says is missing (RR, next block, GBT ack)."""
        if reply.__class__ is GXReplyData and reply.moreData == _FRAME:
            return self._rr()
        more = int(reply.moreData if isinstance(reply, GXReplyData) else reply)
        command = reply.command if isinstance(reply, GXReplyData) else 0
        if more & _FRAME or (more == 0 and self._link is not None):
            return self._rr()
        if more & _GBT:
            ack, self._gbt_ack = self._gbt_ack, None
            if ack is None:
                raise LocalProtocolError("receiverReady(GBT)", expected="a GBT window to acknowledge", found="none")
            return self._frame_apdu(ack.encode())[0]  # type: ignore[attr-defined]
        if not isinstance(reply, GXReplyData):
            raise LocalProtocolError("receiverReady(DATABLOCK)", expected="the GXReplyData of the transfer",
                                     found=repr(reply))
        invoke = reply.invokeId or self.session.invoke_id_and_priority
        if command == 0xC4:
            apdu: Any = GetRequestNext(invoke, reply.blockNumber)
        elif command == 0xC7:
            apdu = ActionRequestNextPBlock(invoke, reply.blockNumber)
        elif command == 0x0C:
            apdu = ReadRequest([BlockNumberAccess(reply.blockNumber)])
        else:
            raise LocalProtocolError("receiverReady", expected="a reply that needs more", found=f"command {command}")
        return self._frames(apdu.encode())[0]  # type: ignore[attr-defined]

    def _rr(self) -> bytearray:
        link = self._link
        if link is None:
            raise LocalProtocolError("receiverReady(FRAME)", expected="an HDLC connection", found="none")
        queued = link.take_output()  # the link queued the RR when the segment came
        if queued:
            return queued
        s = self.session
        return bytearray(rr_frame(s.server_address, s.client_address, link.receive_sequence,
                                  dest_size=s.server_address_size))


def fill_notification(target: GXReplyData, apdu: Any, raw: bytes) -> None:
    """Put a received DataNotification, EventNotification or InformationReport into ``target``.

    ``value`` is the pushed data (DataNotification), the attribute value (EventNotification)
    or the list of values (InformationReport); ``time`` the time sent with it (or None);
    ``notification`` the decoded APDU and ``data`` its bytes.
    """
    target.command = raw[0]
    target.notification = apdu
    if isinstance(apdu, DataNotification):
        target.time = apdu.date_time_value if apdu.date_time else None
        target.value = apdu.notification_body
        target.invokeId = apdu.long_invoke_id_and_priority
    elif isinstance(apdu, EventNotificationRequest):
        target.time = apdu.time_value if apdu.time else None
        target.value = apdu.attribute_value
    else:
        target.time = apdu.current_time
        target.value = list(apdu.values)
    target.data.set(raw)
    target.complete = True


class _Cursor:
    """Bytes with a read position: what getData needs of a GXByteBuffer, without copying them."""

    __slots__ = ("_data", "position")

    def __init__(self, data: Any) -> None:
        self._data = data if data.__class__ is bytes else bytes(data)
        self.position = 0

    def getData(self) -> bytes:
        return self._data


def _is_buffer(expectation: Expectation) -> bool:
    """True when the expected answer is a profile generic's buffer (typed decoding applies)."""
    target = expectation.target
    return expectation.index == 2 and int(getattr(target, "objectType", 0)) == 7 and hasattr(target, "captureObjects")


_HANDLERS: dict[type, Any] = {
    GetResponseNormal: ReceiveMixin._get_normal,
    GetResponseWithDataBlock: ReceiveMixin._get_block,
    GetResponseWithList: ReceiveMixin._get_list,
    SetResponseNormal: ReceiveMixin._set_result,
    SetResponseDataBlock: ReceiveMixin._set_result,
    SetResponseLastDataBlock: ReceiveMixin._set_result,
    SetResponseWithList: ReceiveMixin._set_result,
    SetResponseLastDataBlockWithList: ReceiveMixin._set_result,
    ActionResponseNormal: ReceiveMixin._action_normal,
    ActionResponseWithPBlock: ReceiveMixin._action_block,
    ActionResponseNextPBlock: ReceiveMixin._action_block,
    ReadResponse: ReceiveMixin._read_response,
    WriteResponse: ReceiveMixin._write_response,
    ExceptionResponse: ReceiveMixin._exception,
    ConfirmedServiceError: ReceiveMixin._confirmed_error,
    AccessResponse: ReceiveMixin._access_response,
}
# AARQ/RLRQ (a server reading its requests through the client API) and AARE/RLRE are left in reply.data.
_PLAIN = (AARE, AARQ, RLRE, RLRQ)

__all__ = ["Expectation", "ReceiveMixin", "fill_notification"]
