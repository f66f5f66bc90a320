"""The client side of a DLMS/COSEM connection as a sans-I/O state machine (in the style of h11).

The driver moves bytes and owns the clock; the connection runs every procedure::

    conn = ClientConnection(SessionSettings(interface_type=InterfaceType.WRAPPER))
    conn.connect()                       # SNRM (HDLC), then AARQ, HLS when needed
    send(conn.data_to_send())
    conn.receive_data(read())
    event = conn.next_event()            # Associated, ResponseReceived, ... or NEED_DATA
    request_id = conn.get(8, "0.0.1.0.0.255", 2)
    conn.on_timeout()                    # no answer in time: resend, or DLMSTimeoutError

It ciphers every request when the security settings say so, deciphers replies and pushes,
follows data blocks and general block transfer in both directions, and matches replies to
requests by invoke id.  Errors sent by the meter (ExceptionResponse, ConfirmedServiceError)
are raised from :meth:`next_event` as :class:`~gurux_dlms.errors.ServiceError`\\ s; the
connection stays usable afterwards.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Sequence
from enum import Enum
from typing import Any

from ..apdu.acse import AARE, RLRE
from ..apdu.base import Apdu, decode_apdu
from ..apdu.common import (
    AttributeDescriptor,
    AttributeDescriptorWithSelection,
    MethodDescriptor,
    SelectiveAccess,
)
from ..apdu.gbt import GeneralBlockTransfer
from ..apdu.notification import DataNotification, EventNotificationRequest
from ..apdu.service_errors import ConfirmedServiceError, ExceptionResponse
from ..apdu.sn import InformationReportRequest
from ..data.obis import obis_to_bytes
from ..errors import (
    ConfirmedServiceErrorError,
    ExceptionResponseError,
    LocalProtocolError,
    RemoteProtocolError,
)
from . import association
from .channel import ChannelEvent, make_channel
from .events import (
    NEED_DATA,
    Associated,
    Disconnected,
    Event,
    LinkConnected,
    NeedData,
    NotificationReceived,
    Released,
    ResponseReceived,
)
from .gbt import GBT_OVERHEAD, GbtReceiver, GbtSender
from .protection import protect, unprotect
from .raw_request import RequestTransaction, request_transaction
from .services import (
    ActionListTransaction,
    ActionTransaction,
    Done,
    FollowUp,
    GetListTransaction,
    GetTransaction,
    SetListTransaction,
    SetTransaction,
    Transaction,
)
from .settings import SessionSettings
from .sn_services import SnMethodTransaction, SnReadTransaction, SnWriteTransaction, variable

log = logging.getLogger(__name__)

#: Bytes ciphering adds to an APDU at most: tag, length, system title, SC, IC, GCM tag.
CIPHERING_OVERHEAD = 1 + 3 + 9 + 1 + 4 + 12
_NOTIFICATIONS = (DataNotification, EventNotificationRequest, InformationReportRequest)


class State(Enum):
    """Where the connection is."""

    IDLE = "idle"
    LINKING = "linking"  # SNRM sent
    ASSOCIATING = "associating"  # AARQ sent
    AUTHENTICATING = "authenticating"  # HLS pass 3 sent
    ASSOCIATED = "associated"
    RELEASING = "releasing"  # RLRQ sent
    DISCONNECTING = "disconnecting"  # DISC sent
    CLOSED = "closed"


#: States in which an answer is due even when every frame sent was acknowledged.
_AWAITING_STATES = (State.ASSOCIATING, State.AUTHENTICATING, State.RELEASING)


def descriptor(class_id: int, logical_name: str | bytes, index: int) -> AttributeDescriptor:
    """An attribute descriptor from a class id, an OBIS code in any form and an attribute index."""
    return AttributeDescriptor(int(class_id), obis_to_bytes(logical_name), int(index))


class ClientConnection:
    """One client connection to one meter (logical device)."""

    def __init__(self, settings: SessionSettings | None = None) -> None:
        self.settings = settings if settings is not None else SessionSettings()
        s = self.settings
        self.channel = make_channel(s.interface_type, s.client_address, s.server_address, s.server_address_size,
                                    s.hdlc, s.max_retries)
        self.state = State.IDLE
        self._events: deque[Event] = deque()
        self._pending: Transaction | None = None
        self._pending_id = 0
        self._next_id = 1
        self._ctos: bytes | None = None
        self._gbt_out: GbtSender | None = None
        self._gbt_in: GbtReceiver | None = None
        self._error: Exception | None = None
        #: An encoded AARQ to open the association with instead of the one the settings make
        #: (a Messages file that brings its own); HLS goes on with its challenge.
        self.association_request: bytes | None = None
        #: The AARE of the last association attempt, as the meter sent it.
        self.aare: AARE | None = None

    # --- what the driver calls --------------------------------------------------------------
    def connect(self) -> None:
        """Open the link (HDLC SNRM) and then the association (AARQ, HLS when needed)."""
        if self.state not in (State.IDLE, State.CLOSED):
            raise LocalProtocolError("connect()", expected="an idle connection", found=self.state.value)
        if self.channel.needs_open:
            self.state = State.LINKING
            self.channel.open()
        else:
            self._associate()

    def release(self) -> None:
        """Close the association (RLRQ)."""
        self._require(State.ASSOCIATED, "release()")
        self.state = State.RELEASING
        self._send_apdu(association.build_rlrq(self.settings).encode(), cipher=False)

    def disconnect(self) -> None:
        """Close the link (HDLC DISC); WRAPPER has no link to close."""
        if self.channel.needs_open and self.channel.connected:
            self.state = State.DISCONNECTING
            self.channel.close()
        else:
            self.state = State.CLOSED
            self._events.append(Disconnected("closed"))

    def data_to_send(self) -> bytes:
        """The bytes to write to the medium now."""
        return self.channel.data_to_send()

    def receive_data(self, data: bytes) -> None:
        """Bytes read from the medium (any chunking)."""
        self.channel.receive_data(bytes(data))
        for event in self.channel.events():
            self._on_channel(event)

    def next_event(self) -> Event | NeedData:
        """The next event, or NEED_DATA; raises what the meter's answers mean (errors, refusals)."""
        if self._error is not None:
            error, self._error = self._error, None
            raise error
        return self._events.popleft() if self._events else NEED_DATA

    def on_timeout(self) -> None:
        """The driver's reply timer expired: resend (bounded), or raise DLMSTimeoutError."""
        self.channel.on_timeout(awaiting=self._pending is not None or self.state in _AWAITING_STATES)

    @property
    def busy(self) -> bool:
        """True while a request waits for its answer."""
        return self._pending is not None

    # --- requests (LN) ------------------------------------------------------------------------
    def get(self, class_id: int, logical_name: str | bytes, attribute: int,
            access: SelectiveAccess | None = None) -> int:
        """GET one attribute; returns the request id its ResponseReceived will carry."""
        if not self.settings.use_logical_name_referencing:
            raise LocalProtocolError("get()", expected="LN referencing", found="SN: use read()")
        return self._start(GetTransaction(self._invoke(), descriptor(class_id, logical_name, attribute), access))

    def get_list(self, items: Sequence[tuple[int, str | bytes, int]]) -> int:
        """GET several attributes in one request ((class id, logical name, attribute) each)."""
        selection = [AttributeDescriptorWithSelection(descriptor(*item)) for item in items]
        return self._start(GetListTransaction(self._invoke(), selection))

    def set(self, class_id: int, logical_name: str | bytes, attribute: int, value: Any,
            access: SelectiveAccess | None = None) -> int:
        """SET one attribute to ``value`` (a typed DLMS value); sent in blocks when long."""
        return self._start(SetTransaction(self._invoke(), descriptor(class_id, logical_name, attribute), value,
                                          self._block_limit(), access, self._overhead()))

    def set_list(self, items: Sequence[tuple[int, str | bytes, int]], values: Sequence[Any]) -> int:
        """SET several attributes in one request."""
        selection = [AttributeDescriptorWithSelection(descriptor(*item)) for item in items]
        return self._start(SetListTransaction(self._invoke(), selection, values, self._block_limit(),
                                              self._overhead()))

    def action(self, class_id: int, logical_name: str | bytes, method: int, parameters: Any = None,
               has_parameters: bool | None = None) -> int:
        """ACTION (invoke a method); returns the request id."""
        method_descriptor = MethodDescriptor(int(class_id), obis_to_bytes(logical_name), int(method))
        return self._start(ActionTransaction(self._invoke(), method_descriptor, parameters, self._block_limit(),
                                             has_parameters, self._overhead()))

    def action_list(self, items: Sequence[tuple[int, str | bytes, int]], parameters: Sequence[Any]) -> int:
        """ACTION on several methods in one request."""
        descriptors = [MethodDescriptor(int(c), obis_to_bytes(ln), int(m)) for c, ln, m in items]
        return self._start(ActionListTransaction(self._invoke(), descriptors, parameters))

    def send_request(self, apdu: bytes) -> int:
        """Send an already encoded request APDU; its ResponseReceived carries the complete reply APDU.

        The request goes out as it is (ciphered when the security settings say so, unless it
        already is), split into blocks when it is too long; data blocks and GBT are followed
        and joined into one reply (see :mod:`.raw_request`).  An ExceptionResponse or
        ConfirmedServiceError is the reply too, not an error.  An RLRQ ends the association
        (Released follows).
        """
        transaction = request_transaction(apdu, self._block_limit(), self._overhead())
        request_id = self._start(transaction)
        if transaction.releasing:
            self.state = State.RELEASING
        return request_id

    # --- requests (SN) ------------------------------------------------------------------------
    def read(self, base_name: int, attribute: int) -> int:
        """READ one attribute of the object at ``base_name``."""
        return self._start(SnReadTransaction([variable(base_name, attribute)]))

    def read_list(self, items: Sequence[tuple[int, int]]) -> int:
        """READ several (base name, attribute) pairs."""
        return self._start(SnReadTransaction([variable(b, a) for b, a in items]))

    def write(self, base_name: int, attribute: int, value: Any) -> int:
        """WRITE one attribute."""
        return self._start(SnWriteTransaction([variable(base_name, attribute)], [value]))

    def sn_method(self, base_name: int, class_id: int, method: int, parameter: Any = None) -> int:
        """Invoke a method through READ with parameterized access (short-name referencing)."""
        return self._start(SnMethodTransaction(base_name, class_id, method, parameter))

    # --- internals: sending -------------------------------------------------------------------
    def _require(self, state: State, what: str) -> None:
        if self.state is not state:
            raise LocalProtocolError(what, expected=f"state {state.value}", found=self.state.value)

    def _invoke(self) -> int:
        value = self.settings.invoke_id_and_priority
        self.settings.next_invoke_id()
        return value

    def _overhead(self) -> int:
        return CIPHERING_OVERHEAD if self.settings.security.is_ciphered else 0

    def _block_limit(self) -> int:
        """Max APDU size for service-specific blocks (GBT, when negotiated, carries any size)."""
        return 0x7FFFFFFF if self.settings.uses_gbt else self.settings.max_pdu_size

    def _start(self, transaction: Transaction) -> int:
        self._require(State.ASSOCIATED, f"{transaction.name} request")
        if self._pending is not None:
            raise LocalProtocolError(f"{transaction.name} request", expected="no request in progress",
                                     found=f"{self._pending.name} waiting for its answer")
        self._pending = transaction
        self._pending_id = self._next_id
        self._next_id += 1
        self._send_apdu(transaction.first().encode(), cipher=not getattr(transaction, "protected", False))
        return self._pending_id

    def _send_apdu(self, apdu: bytes, cipher: bool = True) -> None:
        s = self.settings
        if cipher:
            apdu = protect(apdu, s.security, general=s.uses_general_protection)
        if s.uses_gbt and self.state is State.ASSOCIATED and apdu[0] not in (0x60, 0x62):
            size = max(16, s.max_pdu_size - GBT_OVERHEAD)
            self._gbt_out = GbtSender(apdu, size, s.gbt_window_size)
            self._gbt_in = None
            for block in self._gbt_out.next_window():
                self.channel.send(block.encode())
            return
        self.channel.send(apdu)

    def _associate(self) -> None:
        self.state = State.ASSOCIATING
        self.aare = None
        if self.association_request is not None:
            self._ctos = association.challenge_of(self.settings, self.association_request)
            self._send_apdu(self.association_request, cipher=False)
            return
        self._ctos = association.client_challenge(self.settings)
        self._send_apdu(association.build_aarq(self.settings, self._ctos).encode(), cipher=False)

    # --- internals: receiving -----------------------------------------------------------------
    def _on_channel(self, event: ChannelEvent) -> None:
        try:
            if event.kind == "pdu":
                self._on_apdu(event.value)
            elif event.kind == "connected":
                self._events.append(LinkConnected(event.value))
                if self.state is State.LINKING:
                    self._associate()
            elif event.kind == "disconnected":
                self.state = State.CLOSED
                self._pending = None
                self._events.append(Disconnected(str(event.value)))
        except Exception as exc:  # surfaced by next_event(), after the events before it
            if self._error is None:
                self._error = exc

    def _on_apdu(self, raw: bytes) -> None:
        if raw and raw[0] == 0xE0:
            raw = self._on_gbt(raw)
            if not raw:
                return
        plain, _ = unprotect(raw, self.settings.security, self.settings.server_system_title)
        apdu = decode_apdu(plain)
        if isinstance(apdu, _NOTIFICATIONS):
            self._events.append(NotificationReceived(apdu))
        elif isinstance(apdu, AARE):
            self._on_aare(apdu)
        elif isinstance(apdu, RLRE):
            association.handle_rlre(self.settings, apdu)
            self.state = State.IDLE if self.channel.needs_open else State.CLOSED
            self._events.append(Released(None if apdu.reason is None else int(apdu.reason)))
            if isinstance(self._pending, RequestTransaction) and self._pending.releasing:
                self._pending = None
                self._events.append(ResponseReceived(self._pending_id, apdu))
        elif isinstance(apdu, (ExceptionResponse, ConfirmedServiceError)):
            self._on_service_error(apdu)
        else:
            self._on_response(apdu)

    def _on_gbt(self, raw: bytes) -> bytes:
        """Take a GBT block: acknowledge windows, resend on request, and return the APDU when complete."""
        block = decode_apdu(raw)
        assert isinstance(block, GeneralBlockTransfer)
        sender = self._gbt_out
        if sender is not None and not sender.done and not block.block_data:
            sender.on_ack(block)
            for out in sender.next_window():
                self.channel.send(out.encode())
            return b""
        receiver = self._gbt_in
        if receiver is None:
            receiver = self._gbt_in = GbtReceiver(self.settings.gbt_window_size)
        ack = receiver.on_block(block)
        if ack is not None:
            self.channel.send(ack.encode())
        if receiver.complete:
            self._gbt_in = None
            self._gbt_out = None
            return bytes(receiver.data)
        return b""

    def _on_aare(self, aare: AARE) -> None:
        if self.state is not State.ASSOCIATING:
            raise RemoteProtocolError("AARE", expected="an AARE only after an AARQ", found=f"state {self.state.value}")
        self.aare = aare
        try:
            outcome = association.handle_aare(self.settings, aare)
        except Exception:
            self.state = State.IDLE if self.channel.needs_open else State.CLOSED
            raise
        if outcome is association.Outcome.HLS_REQUIRED:
            self.state = State.AUTHENTICATING
            assert self._ctos is not None
            transaction = association.HlsTransaction(self.settings, self._ctos)
            self._pending = transaction
            self._send_apdu(transaction.first().encode())
            return
        self._associated()

    def _associated(self) -> None:
        self.state = State.ASSOCIATED
        s = self.settings
        self._events.append(Associated(int(s.negotiated_conformance), s.max_pdu_size, s.server_system_title))

    def _on_service_error(self, apdu: ExceptionResponse | ConfirmedServiceError) -> None:
        if isinstance(self._pending, RequestTransaction):  # an encoded request: the refusal is its reply
            self._pending = None
            if self.state is State.RELEASING:
                self.state = State.ASSOCIATED
            self._events.append(ResponseReceived(self._pending_id, apdu))
            return
        self._pending = None
        if self.state is State.AUTHENTICATING:
            self.state = State.IDLE if self.channel.needs_open else State.CLOSED
        if isinstance(apdu, ExceptionResponse):
            raise ExceptionResponseError(f"the meter answered with an exception: {apdu}",
                                         state_error=int(apdu.state_error), service_error=int(apdu.service_error))
        raise ConfirmedServiceErrorError(f"the meter refused the service: {apdu}", service=int(apdu.service),
                                         error_class=int(apdu.error), error=int(apdu.value))

    def _on_response(self, apdu: Apdu) -> None:
        transaction = self._pending
        if transaction is None:
            log.warning("%s received with no request waiting: dropped", type(apdu).__name__)
            return
        if not transaction.accepts(apdu):
            log.warning("%s for another invoke id dropped (waiting for 0x%02X)", type(apdu).__name__,
                        transaction.invoke_id_and_priority)
            return
        try:
            step = transaction.on_response(apdu)
        except Exception:
            self._pending = None
            if self.state is State.AUTHENTICATING:
                self.state = State.IDLE if self.channel.needs_open else State.CLOSED
            raise
        if isinstance(step, FollowUp):
            self._send_apdu(step.apdu.encode())
            return
        assert isinstance(step, Done)
        self._pending = None
        if self.state is State.AUTHENTICATING:
            self._associated()
            return
        self._events.append(ResponseReceived(self._pending_id, step.result))


__all__ = ["ClientConnection", "State", "descriptor"]
