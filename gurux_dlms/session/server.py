"""The server side of a DLMS/COSEM connection as a sans-I/O state machine (in the style of h11).

One :class:`ServerConnection` serves one client connection (a TCP connection, a serial
line); the driver moves bytes, the connection answers::

    conn = ServerConnection(ServerSettings(interface_type=InterfaceType.WRAPPER), app)
    conn.receive_data(read())          # any chunking
    send(conn.data_to_send())          # the answers, framed
    event = conn.next_event()          # AssociationOpened, RequestServed ... or NEED_DATA

It runs the link (HDLC SNRM/UA, segmentation and windows, or WRAPPER), opens and closes
associations (AARQ checks, HLS passes 3 and 4, ciphered contexts), deciphers requests and
ciphers answers the way the request came (glo-, ded- or general-ciphering), follows general
block transfer and the services' own block transfers, and turns whatever it cannot serve
into the standard's answer: a refused AARE, a data-access-result, or an ExceptionResponse.
The objects are the application's (:class:`~gurux_dlms.session.server_settings.ServerApplication`).
"""

from __future__ import annotations

import logging
from collections import deque
from typing import Any

from ..apdu.acse import AARQ, RLRQ
from ..apdu.acse_enums import SourceDiagnostic
from ..apdu.base import Apdu, decode_apdu, registered_tags
from ..apdu.ciphered_services import SERVICE_CLASSES, GeneralDedCiphering, GeneralGloCiphering
from ..apdu.conformance import Conformance
from ..apdu.gbt import GeneralBlockTransfer
from ..apdu.protection import PROTECTED_TAGS, decipher, encrypt_apdu
from ..apdu.service_errors import ExceptionResponse, ExceptionServiceError, StateError
from ..errors import DecodeError, InvocationCounterError, RemoteProtocolError, SecurityError
from ..security.enums import Security
from ..security.keys import KeyKind
from .gbt import GBT_OVERHEAD, GbtReceiver, GbtSender
from .server_association import handle_aarq, handle_rlrq
from .server_channel import ServerChannelEvent, make_server_channel
from .server_context import AssociationState, ServerContext
from .server_events import (
    NEED_DATA,
    AssociationAuthenticated,
    AssociationOpened,
    AssociationRefused,
    AssociationReleased,
    LinkClosed,
    LinkOpened,
    NeedData,
    RequestRefused,
    RequestServed,
    ServerEvent,
)
from .server_items import Refused
from .server_ln import LnServices
from .server_settings import ServerApplication, ServerSettings
from .server_sn import SnServices

log = logging.getLogger(__name__)

#: Bytes ciphering adds to an answer at most (general-glo: tag, length, title, SC, IC, GCM tag).
CIPHERING_OVERHEAD = 1 + 3 + 9 + 1 + 4 + 12
_DEDICATED_TAGS = frozenset(tag for tag, cls in SERVICE_CLASSES.items() if cls.DEDICATED) | {GeneralDedCiphering.TAG}
_GENERAL_TAGS = frozenset({GeneralGloCiphering.TAG, GeneralDedCiphering.TAG})
_SERVICE_NAMES = {0xC0: "GET", 0xC1: "SET", 0xC3: "ACTION", 0x05: "READ", 0x06: "WRITE", 0x16: "UNCONFIRMED-WRITE"}


def _summary(apdu: Any) -> str:
    """A short description of a request for the log: its form and what it names."""
    parts = [type(apdu).__name__]
    for name in ("attribute_descriptor", "method_descriptor"):
        descriptor = getattr(apdu, name, None)
        if descriptor is not None:
            member = getattr(descriptor, "attribute_id", None) or getattr(descriptor, "method_id", 0)
            parts.append(f"{descriptor.class_id}/{descriptor.logical_name}/{member}")
    for name in ("attribute_descriptor_list", "method_descriptor_list", "variables"):
        items = getattr(apdu, name, None)
        if items:
            parts.append(f"{len(items)} items")
    if getattr(apdu, "access_selection", None) is not None:
        parts.append(f"selector {apdu.access_selection.selector}")
    block = getattr(apdu, "block_number", None)
    if block is not None:
        parts.append(f"block {block}")
    return " ".join(parts)


class ServerConnection:
    """One client connection of a server (any number of associations, one after another)."""

    def __init__(self, settings: ServerSettings, app: ServerApplication, connection_info: Any = None) -> None:
        self.settings = settings
        self.app = app
        self.connection_info = connection_info
        self.channel = make_server_channel(settings)
        self.context: ServerContext | None = None
        self._events: deque[ServerEvent] = deque()
        self._ln = LnServices()
        self._sn = SnServices()
        self._gbt_in: GbtReceiver | None = None
        self._gbt_out: GbtSender | None = None
        self._peer_window = 1
        self._gbt_last = 0
        self._sent = 0  # APDUs handed to the channel (to know whether a request was answered)

    # --- what the driver calls --------------------------------------------------------------
    def receive_data(self, data: bytes | bytearray | memoryview) -> None:
        """Bytes read from the medium.  Raises FrameError when the stream cannot be resynchronised
        (a WRAPPER header with a wrong version): close the connection then."""
        self.channel.receive_data(bytes(data))
        for event in self.channel.events():
            self._on_channel(event)

    def data_to_send(self) -> bytes:
        """The bytes to write to the medium now."""
        return self.channel.data_to_send()

    def next_event(self) -> ServerEvent | NeedData:
        """The next event, or NEED_DATA."""
        return self._events.popleft() if self._events else NEED_DATA

    def close(self, reason: str = "connection closed") -> None:
        """The driver closed the medium: end the association, if any."""
        self._end_association(reason)

    @property
    def associated(self) -> bool:
        """True while an association is open (HLS done)."""
        return self.context is not None and self.context.state is AssociationState.ASSOCIATED

    def send_notification(self, apdu: bytes | Apdu) -> None:
        """Send an unsolicited APDU (a DataNotification ...) to this client, ciphered when the
        association is."""
        raw = apdu.encode() if isinstance(apdu, Apdu) else bytes(apdu)
        context = self.context
        if context is not None and context.ciphered:
            level = int(context.policy.security) or int(context.settings.security.security) \
                or int(Security.AUTHENTICATION_ENCRYPTION)
            raw = encrypt_apdu(raw, context.keys, security=level, general=True)
        self.channel.send(raw)

    # --- link events ------------------------------------------------------------------------
    def _on_channel(self, event: ServerChannelEvent) -> None:
        if event.kind == "pdu":
            self._on_pdu(event.value, event.client)
        elif event.kind == "connected":
            self._end_association("new link")
            self._events.append(LinkOpened(event.client, event.value))
        elif event.kind == "disconnected":
            self._end_association("link closed")
            self._events.append(LinkClosed(event.client, str(event.value)))

    def _end_association(self, reason: str) -> None:
        context = self.context
        self.context = None
        self._ln = LnServices()
        self._sn = SnServices()
        self._gbt_in = self._gbt_out = None
        if context is not None:
            context.state = AssociationState.RELEASED
            self._events.append(AssociationReleased(context, reason))
            self.app.disconnected(context)

    # --- one APDU ---------------------------------------------------------------------------
    def _on_pdu(self, raw: bytes, client: int) -> None:
        via_gbt = False
        try:
            if raw[:1] == b"\xe0":
                before = self._sent
                complete = self._on_gbt(raw)
                if complete is None:
                    if self._sent == before:
                        self.channel.acknowledge()
                    return
                raw, via_gbt = complete, True
            if not via_gbt and self.context is not None and len(raw) > self.context.max_receive_pdu_size:
                raise Refused(f"request of {len(raw)} bytes", StateError.SERVICE_NOT_ALLOWED,
                              ExceptionServiceError.PDU_TOO_LONG)
            plain, protection = self._unprotect(raw)
            apdu = self._decode(plain)
            self._dispatch(apdu, client, protection, raw[0], plain[0], via_gbt)
        except Refused as refused:
            log.debug("client %d: %s", client, refused.reason)
            self._events.append(RequestRefused(client, refused.reason))
            self.channel.send(ExceptionResponse(refused.state_error, refused.service_error,
                                                refused.invocation_counter).encode())

    def _decode(self, plain: bytes) -> Any:
        try:
            return decode_apdu(plain)
        except DecodeError as exc:
            if not plain or plain[0] not in registered_tags():
                raise Refused(f"unknown APDU: {exc}", StateError.SERVICE_UNKNOWN,
                              ExceptionServiceError.SERVICE_NOT_SUPPORTED) from None
            raise Refused(f"malformed APDU: {exc}", StateError.SERVICE_NOT_ALLOWED,
                          ExceptionServiceError.OTHER_REASON) from None

    def _unprotect(self, raw: bytes) -> tuple[bytes, int]:
        """The plain APDU and its protection (0: it came plain)."""
        context = self.context
        if raw[:1] and raw[0] in PROTECTED_TAGS:
            if context is None:
                raise Refused("ciphered APDU outside an association", StateError.SERVICE_NOT_ALLOWED,
                              ExceptionServiceError.OPERATION_NOT_POSSIBLE)
            try:
                result = decipher(raw, context.keys, system_title=context.client_system_title)
            except InvocationCounterError as exc:
                raise Refused(f"replayed invocation counter: {exc}", StateError.SERVICE_NOT_ALLOWED,
                              ExceptionServiceError.INVOCATION_COUNTER_ERROR, self._expected_counter()) from None
            except (SecurityError, DecodeError) as exc:
                raise Refused(f"APDU could not be deciphered: {exc}", StateError.SERVICE_NOT_ALLOWED,
                              ExceptionServiceError.DECIPHERING_ERROR) from None
            return result.plaintext, result.security_control & 0x30
        return raw, 0

    def _expected_counter(self) -> int:
        context = self.context
        assert context is not None
        guard = context.keys.replay_guard
        title = context.client_system_title
        last = max((guard.last((title, kind)) or 0 for kind in KeyKind), default=0)
        return min(last + 1, 0xFFFFFFFF)

    def _dispatch(self, apdu: Any, client: int, protection: int, tag: int, plain_tag: int, via_gbt: bool) -> None:
        if isinstance(apdu, AARQ):
            self._on_aarq(apdu, client)
            return
        if isinstance(apdu, RLRQ):
            self._on_rlrq(apdu, client)
            return
        context = self.context
        services: Any = self._ln if self.settings.use_logical_name_referencing else self._sn
        if not services.handles(apdu):
            other = self._sn if services is self._ln else self._ln
            known = other.handles(apdu)
            raise Refused(f"{type(apdu).__name__} is not served here", StateError.SERVICE_NOT_ALLOWED if known
                          else StateError.SERVICE_UNKNOWN, ExceptionServiceError.SERVICE_NOT_SUPPORTED)
        if context is None:
            raise Refused(f"{type(apdu).__name__} outside an association", StateError.SERVICE_NOT_ALLOWED,
                          ExceptionServiceError.OPERATION_NOT_POSSIBLE)
        required = int(context.policy.security)
        if protection & required != required:
            raise Refused(f"request protection 0x{protection:02X} below the required 0x{required:02X}",
                          StateError.SERVICE_NOT_ALLOWED, ExceptionServiceError.OPERATION_NOT_POSSIBLE)
        context.request_security = protection
        pending = context.state is AssociationState.PENDING
        limit = None if via_gbt else context.max_pdu_size - (CIPHERING_OVERHEAD if protection else 0)
        response = services.handle(context, apdu, limit)
        self._events.append(RequestServed(client, _SERVICE_NAMES.get(plain_tag, type(apdu).__name__),
                                          _summary(apdu)))
        if response is not None:
            self._send(response, protection, tag, via_gbt)
        else:
            self.channel.acknowledge()
        if pending and context.state is AssociationState.ASSOCIATED:
            self._events.append(AssociationAuthenticated(context))
            self.app.connected(context)
        elif pending and context.hls_failure is not None:
            # the client failed HLS pass 3 (its answer said so): the association is refused
            reason = f"HLS pass 3 failed: {context.hls_failure}"
            self.context = None
            context.state = AssociationState.RELEASED
            self._events.append(AssociationRefused(client, int(SourceDiagnostic.AUTHENTICATION_FAILURE), reason))
            self.app.invalid_connection(client, reason)

    def _on_aarq(self, aarq: AARQ, client: int) -> None:
        self._end_association("new association")
        outcome = handle_aarq(self.settings, self.app, aarq, client_address=client,
                              server_address=self.channel.server_address, connection_info=self.connection_info)
        self.channel.send(outcome.aare.encode())
        context = outcome.context
        if context is None:
            self._events.append(AssociationRefused(client, int(outcome.aare.result_source_diagnostic), outcome.reason))
            self.app.invalid_connection(client, outcome.reason)
            return
        self.context = context
        pending = context.state is AssociationState.PENDING
        log.debug("client %d associated (%s)", client, context)
        self._events.append(AssociationOpened(context, pending))
        if not pending:
            self.app.connected(context)

    def _on_rlrq(self, rlrq: RLRQ, client: int) -> None:
        rlre = handle_rlrq(self.context, rlrq)
        self._end_association("release")
        self.channel.send(rlre.encode())

    # --- answers ----------------------------------------------------------------------------
    def _channel_send(self, apdu: bytes) -> None:
        self._sent += 1
        self.channel.send(apdu)

    def _send(self, plain: bytes, protection: int, tag: int, via_gbt: bool) -> None:
        context = self.context
        apdu = plain
        if protection and context is not None:
            dedicated = tag in _DEDICATED_TAGS and context.keys.dedicated_key is not None
            apdu = encrypt_apdu(plain, context.keys, security=protection, general=tag in _GENERAL_TAGS,
                                dedicated=dedicated)
        if not via_gbt or context is None:
            self._channel_send(apdu)
            return
        size = max(16, context.max_pdu_size - GBT_OVERHEAD)
        # over HDLC no more blocks than I-frames the client takes before it must acknowledge
        window = min(self._peer_window, self.channel.window)
        sender = GbtSender(apdu, size, window, ack_number=self._gbt_last)
        for block in sender.next_window():
            self._channel_send(block.encode())
        self._gbt_out = None if sender.done else sender

    def _on_gbt(self, raw: bytes) -> bytes | None:
        """Take a general-block-transfer block: the complete APDU when it was the last one."""
        context = self.context
        if context is None or not context.conformance & Conformance.GENERAL_BLOCK_TRANSFER:
            raise Refused("general block transfer not negotiated", StateError.SERVICE_NOT_ALLOWED,
                          ExceptionServiceError.SERVICE_NOT_SUPPORTED)
        block = self._decode(raw)
        assert isinstance(block, GeneralBlockTransfer)
        sender = self._gbt_out
        if sender is not None and not block.block_data:
            try:
                sender.on_ack(block)
            except RemoteProtocolError as exc:
                log.debug("client %d: %s", context.client_address, exc)
                self._gbt_out = None
                return None
            sender.window = min(sender.window, self.channel.window)
            for out in sender.next_window():
                self._channel_send(out.encode())
            if sender.done:
                self._gbt_out = None
            return None
        if not block.block_data and self._gbt_in is None:
            return None  # an acknowledgement with nothing in progress
        receiver = self._gbt_in
        if receiver is None:
            receiver = self._gbt_in = GbtReceiver(self.settings.gbt_window_size)
            self._gbt_out = None
        self._peer_window = block.window or 1
        try:
            ack = receiver.on_block(block)
        except RemoteProtocolError as exc:
            self._gbt_in = None
            raise Refused(str(exc), StateError.SERVICE_NOT_ALLOWED, ExceptionServiceError.OTHER_REASON) from None
        if ack is not None:
            self._channel_send(ack.encode())
        if not receiver.complete:
            return None
        self._gbt_in = None
        self._gbt_last = block.block_number
        return bytes(receiver.data)


__all__ = ["CIPHERING_OVERHEAD", "ServerConnection"]
