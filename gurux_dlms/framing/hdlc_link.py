"""A sans-I/O HDLC link (IEC 62056-46) for both roles, in the style of h11.

The driver moves bytes and owns the clock::

    link.connect()                      # client: queue SNRM
    send(link.data_to_send())
    link.receive_data(read())
    event = link.next_event()           # Connected / PduReceived / ... or NEED_DATA
    link.on_timeout()                   # no answer in time: resend, or LinkFailed

The link does the rest: SNRM/UA negotiation, N(S)/N(R) counting mod 8, splitting an APDU
into I-frames of the negotiated size (segmentation bit on all but the last), the window
(with window 1 the next segment waits for the peer's RR), RR acknowledgements of received
segments, reassembly, retransmission (go-back-N) and the UA/DM answers of a server.
Frames not addressed to us, such as our own echo on an optical head, are dropped.
"""

from __future__ import annotations

import enum
import logging
from collections import deque
from collections.abc import Callable

from ..errors import ConfigurationError, LocalProtocolError
from .hdlc_address import encode_address
from .hdlc_events import (
    NEED_DATA,
    Connected,
    ConnectRequested,
    Disconnected,
    DisconnectRequested,
    FrameRejected,
    HdlcEvent,
    LinkFailed,
    NeedData,
    PduReceived,
)
from .hdlc_frame import (
    KIND_BY_CONTROL,
    LLC_REQUEST,
    LLC_RESPONSE,
    FrameKind,
    HdlcFrame,
    control_byte,
    encode_frame,
)
from .hdlc_params import (
    DEFAULT_PARAMETERS,
    MAX_INFO_LIMIT,
    HdlcParameters,
    decode_hdlc_parameters,
    encode_hdlc_parameters,
)
from .hdlc_stream import HdlcFrameStream

__all__ = ["HdlcLink", "LinkState", "Role"]

log = logging.getLogger(__name__)

_LLC_HEADERS = (LLC_RESPONSE, LLC_REQUEST)


class Role(enum.Enum):
    """Which end of the link: the client is the primary station, the server the secondary."""

    CLIENT = "client"
    SERVER = "server"


class LinkState(enum.Enum):
    """Connection state of the link."""

    DISCONNECTED = "disconnected"
    CONNECTING = "connecting"  # client: SNRM sent
    CONNECTED = "connected"
    DISCONNECTING = "disconnecting"  # client: DISC sent


class HdlcLink:
    """One end of an HDLC link.  Addresses are Gurux values: client SAP, combined server address.

    ``parameters`` is what this end proposes (client) or accepts at most (server), in its
    own view.  A server created with ``client_address=None`` accepts any client and keeps
    the one whose SNRM it accepted.
    """

    def __init__(
        self,
        role: Role | str,
        *,
        client_address: int | None = 16,
        server_address: int = 1,
        server_address_size: int = 0,
        parameters: HdlcParameters = DEFAULT_PARAMETERS,
        max_retries: int = 3,
    ) -> None:
        self.role = Role(role)
        if parameters.max_info_tx > MAX_INFO_LIMIT or parameters.max_info_rx > MAX_INFO_LIMIT:
            raise ConfigurationError(
                "HDLC max info size", expected=f"at most {MAX_INFO_LIMIT}", found=parameters
            )
        if max_retries < 0:
            raise ConfigurationError("HDLC max_retries", expected=">= 0", found=max_retries)
        if client_address is None and self.role is Role.CLIENT:
            raise ConfigurationError(
                "HDLC client address", expected="an address for a client link", found=None
            )
        # Validate the addresses now (raises for bad sizes or values).
        encode_address(server_address, server_address_size)
        if client_address is not None:
            encode_address(client_address, 1)
        self._client = client_address
        self._any_client = client_address is None  # server: accept an SNRM from any client
        self._server = server_address
        self.server_address_size = server_address_size
        self._own: int | None = None
        self._peer: int | None = None
        self._set_addresses()
        self.proposed = parameters
        self.max_retries = max_retries
        self.params = DEFAULT_PARAMETERS  # negotiated, our view
        self._rr_frames: list[bytes] | None = None
        self.state = LinkState.DISCONNECTED
        self._llc = LLC_REQUEST if self.role is Role.CLIENT else LLC_RESPONSE
        self._stream = HdlcFrameStream()
        self._events: deque[HdlcEvent] = deque()
        self._out = bytearray()
        self._vs = 0  # N(S) of our next I-frame
        self._vr = 0  # N(S) we expect from the peer next
        self._unacked: list[tuple[int, bytes, bool]] = []  # (N(S), info, segmented), oldest first
        self._pending: deque[tuple[bytes, bool]] = deque()  # segments not yet released by the window
        self._rx_parts: list[bytes] = []
        self._retries = 0
        self._expecting = False  # client: a reply (or the next segment) is due
        self._peer_busy = False  # the peer sent RNR
        self._handlers: dict[FrameKind, Callable[[HdlcFrame], None]] = {
            FrameKind.I: self._on_i,
            FrameKind.RR: self._on_rr,
            FrameKind.RNR: self._on_rnr,
            FrameKind.REJ: self._on_rej,
            FrameKind.SREJ: self._on_rej,
            FrameKind.UI: self._on_ui,
            FrameKind.SNRM: self._on_snrm,
            FrameKind.DISC: self._on_disc,
            FrameKind.UA: self._on_ua,
            FrameKind.DM: self._on_dm,
            FrameKind.FRMR: self._on_frmr,
            FrameKind.UNKNOWN: self._on_unknown,
        }
        # one handler per control byte: the receive path indexes a list instead of hashing an enum
        self._by_control = [self._handlers[KIND_BY_CONTROL[control]] for control in range(256)]

    # ---- addresses ---------------------------------------------------------------------

    @property
    def client_address(self) -> int | None:
        """The client SAP (for a server: the client it accepted, None before any)."""
        return self._client

    @property
    def server_address(self) -> int:
        """The combined server address (see :mod:`.hdlc_address`)."""
        return self._server

    def _set_addresses(self) -> None:
        # Plain attributes: the receive path compares against them for every frame.
        if self.role is Role.CLIENT:
            self._own, self._peer = self._client, self._server
        else:
            self._own, self._peer = self._server, self._client

    def _send(self, control: int, info: bytes = b"", segmented: bool = False) -> None:
        """Queue one frame to the peer."""
        self._out += self._frame(control, info, segmented)

    def _frame(self, control: int, info: bytes = b"", segmented: bool = False) -> bytes:
        """One frame to the peer."""
        client = self._client
        if client is None:  # a server that has not accepted any client yet
            raise LocalProtocolError("HDLC frame", expected="a known client address", found=None)
        if self.role is Role.CLIENT:
            return encode_frame(
                self._server,
                client,
                control,
                info,
                dest_size=self.server_address_size,
                segmented=segmented,
            )
        return encode_frame(
            client,
            self._server,
            control,
            info,
            src_size=self.server_address_size,
            segmented=segmented,
        )

    # ---- the driver's API ----------------------------------------------------------------

    @property
    def is_connected(self) -> bool:
        """True between UA/SNRM and DISC/DM."""
        return self.state is LinkState.CONNECTED

    @property
    def send_sequence(self) -> int:
        """V(S): the N(S) of our next I-frame."""
        return self._vs

    @property
    def receive_sequence(self) -> int:
        """V(R): the N(S) expected from the peer next (what our N(R) says)."""
        return self._vr

    def receive_data(self, data: bytes | bytearray | memoryview) -> None:
        """Feed received bytes (any chunking); call :meth:`next_event` afterwards."""
        self._stream.receive_data(data)

    def next_event(self) -> HdlcEvent | NeedData:
        """The next event, or :data:`NEED_DATA` when the bytes so far hold none."""
        events = self._events
        while not events:
            frame = self._stream.next_frame()
            if frame is None:
                return NEED_DATA
            self._handle(frame)
        return events.popleft()

    def data_to_send(self) -> bytes:
        """All frames queued for sending (and forget them)."""
        out = bytes(self._out)
        self._out.clear()
        return out

    def take_output(self) -> bytearray:
        """All frames queued for sending, as the link's own buffer (no copy; the link starts a new one)."""
        out = self._out
        self._out = bytearray()
        return out

    def connect(self) -> None:
        """Client: queue an SNRM carrying the proposed parameters that differ from the defaults."""
        if self.role is not Role.CLIENT:
            raise LocalProtocolError("HDLC connect()", expected="a client link", found="a server link")
        if self.state is not LinkState.DISCONNECTED:
            raise LocalProtocolError("HDLC connect()", expected="a disconnected link", found=self.state.value)
        self._reset()
        self.state = LinkState.CONNECTING
        self._send_snrm()

    def disconnect(self) -> None:
        """Client: queue DISC.  Server: drop the link locally (a secondary cannot send DISC)."""
        self._drop_queues()
        if self.role is Role.SERVER:
            self.state = LinkState.DISCONNECTED
            return
        self.state = LinkState.DISCONNECTING
        self._retries = 0
        self._send(0x53)

    def send_pdu(self, apdu: bytes | bytearray | memoryview) -> None:
        """Queue an APDU: LLC header, I-frames of at most max info TX, released per window."""
        if self.state is not LinkState.CONNECTED:
            raise LocalProtocolError("HDLC send_pdu()", expected="a connected link", found=self.state.value)
        if not apdu:
            raise LocalProtocolError("HDLC send_pdu()", expected="a non-empty APDU", found="0 bytes")
        data = self._llc + bytes(apdu)
        size = self.params.max_info_tx
        last = len(data) - size
        for start in range(0, len(data), size):
            self._pending.append((data[start : start + size], start < last))
        if self.role is Role.CLIENT:
            self._expecting = True
        if not self._unacked and not self._peer_busy:
            self._release()

    def pdu_frames(self, apdu: bytes | bytearray | memoryview) -> list[bytes]:
        """All I-frames of an APDU at once, numbered in sequence, for callers that pace the sending.

        Gurux's pull API hands its user every frame of a request and lets the user send
        one, wait for the peer's RR, and send the next; the frames are therefore numbered
        here in one go (each with the P bit, as Gurux sends them) instead of per window.
        """
        if self.state is not LinkState.CONNECTED:
            raise LocalProtocolError("HDLC pdu_frames()", expected="a connected link", found=self.state.value)
        data = self._llc + bytes(apdu)
        size = self.params.max_info_tx
        last = len(data) - size
        frames = []
        for start in range(0, len(data), size):
            ns = self._vs
            self._vs = (ns + 1) & 7
            frames.append(self._frame((self._vr << 5) | 0x10 | (ns << 1), data[start : start + size], start < last))
        if self.role is Role.CLIENT:
            self._expecting = True
        return frames

    def receive_frame(self, frame: HdlcFrame) -> None:
        """Handle one already decoded frame (for callers that find frames themselves)."""
        self._handle(frame)

    def handle_frame(self, frame: HdlcFrame) -> HdlcEvent | None:
        """Handle one decoded frame and return the first event it produced (None: none yet)."""
        if frame.dest == self._own and frame.src == self._peer:  # the usual case, without a call
            self._retries = 0
            self._by_control[frame.control](frame)
        else:
            self._handle(frame)
        events = self._events
        return events.popleft() if events else None

    def pop_event(self) -> HdlcEvent | None:
        """The next event produced so far, or None (does not read more frames)."""
        return self._events.popleft() if self._events else None

    @property
    def receiving_segments(self) -> bool:
        """True while the peer is in the middle of a segmented APDU."""
        return bool(self._rx_parts)

    def expect_reply(self) -> None:
        """Client: an answer is still due although every frame sent was acknowledged (a push
        came first), so the next timeout polls with RR and counts as a retry."""
        if self.role is Role.CLIENT and self.state is LinkState.CONNECTED:
            self._expecting = True

    def on_timeout(self) -> LinkFailed | None:
        """The driver's reply timer expired: resend what is unanswered, or give up.

        Returns :class:`LinkFailed` after ``max_retries`` resends without an answer (the
        link is then disconnected).  A server never speaks unpolled, so it only returns None.
        """
        if self.role is Role.SERVER or self.state is LinkState.DISCONNECTED:
            return None
        connected = self.state is LinkState.CONNECTED
        if connected and not (self._unacked or self._expecting or self._peer_busy or self._pending):
            return None  # nothing outstanding
        self._retries += 1
        if self._retries > self.max_retries:
            log.debug("HDLC link failed after %d retries in state %s", self.max_retries, self.state.value)
            self._drop_queues()
            self.state = LinkState.DISCONNECTED
            return LinkFailed(f"no answer after {self.max_retries} retries")
        if self.state is LinkState.CONNECTING:
            self._send_snrm()
        elif self.state is LinkState.DISCONNECTING:
            self._send(0x53)
        elif self._unacked:
            self._retransmit()
        else:
            self._send_rr()  # poll: the peer resends what we missed, or tells us it is alive
        return None

    # ---- sending internals -------------------------------------------------------------------

    def _reset(self) -> None:
        self._rr_frames = None  # addresses may differ on the next connection
        self._vs = self._vr = 0
        self._retries = 0
        self._drop_queues()

    def _drop_queues(self) -> None:
        self._unacked.clear()
        self._pending.clear()
        self._rx_parts.clear()
        self._expecting = self._peer_busy = False

    def _send_snrm(self) -> None:
        self._send(0x93, encode_hdlc_parameters(self.proposed))

    def _send_rr(self) -> None:
        # Receivers of long segmented answers send thousands of these: the 8 possible RR frames
        # of this link are built once.
        frames = self._rr_frames
        if frames is None:
            frames = self._rr_frames = [self._frame(0x11 | (nr << 5)) for nr in range(8)]
        self._out += frames[self._vr]

    def _release(self) -> None:
        """Send the next window of pending segments, the P/F bit on the last one."""
        window = self.params.window_tx
        pending, unacked = self._pending, self._unacked
        while pending and len(unacked) < window:
            info, segmented = pending.popleft()
            ns = self._vs
            self._vs = (ns + 1) & 7
            unacked.append((ns, info, segmented))
            final = not pending or len(unacked) == window
            self._send(((self._vr << 5) | (0x10 if final else 0) | (ns << 1)), info, segmented)

    def _retransmit(self) -> None:
        """Go back N: resend every unacknowledged I-frame with the current N(R)."""
        last = len(self._unacked) - 1
        for i, (ns, info, segmented) in enumerate(self._unacked):
            self._send((self._vr << 5) | (0x10 if i == last else 0) | (ns << 1), info, segmented)

    def _acknowledge(self, nr: int) -> None:
        """Drop our I-frames that N(R) acknowledges (those before it, mod 8)."""
        unacked = self._unacked
        if not unacked:
            if nr != self._vs:
                log.debug("HDLC N(R)=%d ignored: nothing unacknowledged, V(S)=%d", nr, self._vs)
            return
        count = (nr - unacked[0][0]) & 7
        if count > len(unacked):
            log.debug("HDLC N(R)=%d out of the window %d..%d, ignored", nr, unacked[0][0], self._vs)
            return
        del unacked[:count]

    def _answer_poll(self, rr_if_idle: bool) -> None:
        """The peer's P/F frame wants an answer: resend losses, else the next window, else RR."""
        if self._unacked:
            self._retransmit()
        elif self._pending and not self._peer_busy:
            self._release()
        elif rr_if_idle:
            self._send_rr()

    # ---- receiving ---------------------------------------------------------------------------

    def _handle(self, frame: HdlcFrame) -> None:
        if frame.dest != self._own or (
            frame.src != self._peer and not (self._any_client and self.state is LinkState.DISCONNECTED)
        ):
            log.debug(
                "HDLC frame to %d from %d dropped (we are %s, peer %s)",
                frame.dest,
                frame.src,
                self._own,
                self._peer,
            )
            return
        self._retries = 0
        self._by_control[frame.control](frame)

    def _on_i(self, frame: HdlcFrame) -> None:
        if self.state is not LinkState.CONNECTED:
            self._not_connected(frame)
            return
        control = frame.control
        if self._unacked or control >> 5 != self._vs:
            self._acknowledge(control >> 5)
        ns = (control >> 1) & 7
        if ns != self._vr:
            log.debug("HDLC I-frame N(S)=%d out of sequence (V(R)=%d), discarded", ns, self._vr)
            if control & 0x10:
                self._answer_poll(rr_if_idle=True)
            return
        self._vr = (ns + 1) & 7
        parts = self._rx_parts
        info = frame.info
        if not parts and info[:3] in _LLC_HEADERS:
            info = info[3:]
        if frame.segmented:
            parts.append(info)
            if control & 0x10:
                self._send_rr()
            return
        if parts:
            parts.append(info)
            info = b"".join(parts)
            parts.clear()
        self._expecting = False
        self._events.append(PduReceived(info))
        if self._pending and not self._unacked and not self._peer_busy:
            self._release()

    def _on_rr(self, frame: HdlcFrame) -> None:
        if self.state is not LinkState.CONNECTED:
            self._not_connected(frame)
            return
        self._peer_busy = False
        self._acknowledge(frame.control >> 5)
        if frame.control & 0x10:
            self._answer_poll(rr_if_idle=self.role is Role.SERVER)
        elif not self._unacked and self._pending:
            self._release()

    def _on_rnr(self, frame: HdlcFrame) -> None:
        if self.state is not LinkState.CONNECTED:
            self._not_connected(frame)
            return
        self._peer_busy = True
        self._acknowledge(frame.control >> 5)
        if self.role is Role.SERVER and frame.control & 0x10:
            self._send_rr()

    def _on_rej(self, frame: HdlcFrame) -> None:
        if self.state is not LinkState.CONNECTED:
            self._not_connected(frame)
            return
        self._acknowledge(frame.control >> 5)
        self._answer_poll(rr_if_idle=False)

    def _on_ui(self, frame: HdlcFrame) -> None:
        info = frame.info
        if info[:3] in _LLC_HEADERS:
            info = info[3:]
        self._events.append(PduReceived(info, unnumbered=True))

    def _on_snrm(self, frame: HdlcFrame) -> None:
        if self.role is Role.CLIENT:
            log.debug("HDLC SNRM received by a client link, ignored")
            return
        peer = decode_hdlc_parameters(frame.info)
        self._reset()
        self._client = frame.src
        self._rr_frames = None
        self._set_addresses()
        self.params = self.proposed.negotiate(peer)
        self.state = LinkState.CONNECTED
        self._send(0x73, encode_hdlc_parameters(self.params, only_non_default=False, window_bytes=1))
        self._events.append(ConnectRequested(self.params, frame.src))

    def _on_disc(self, frame: HdlcFrame) -> None:
        if self.role is Role.CLIENT:
            log.debug("HDLC DISC received by a client link, ignored")
            return
        if self.state is LinkState.CONNECTED:
            self._reset()
            self.state = LinkState.DISCONNECTED
            self._send(0x73)
            self._events.append(DisconnectRequested())
        else:
            self._send(0x1F)

    def _on_ua(self, frame: HdlcFrame) -> None:
        if self.state is LinkState.CONNECTING:
            self.params = self.proposed.negotiate(decode_hdlc_parameters(frame.info))
            self.state = LinkState.CONNECTED
            self._events.append(Connected(self.params))
        elif self.state is LinkState.DISCONNECTING:
            self.state = LinkState.DISCONNECTED
            self._events.append(Disconnected("ua"))
        else:
            log.debug("HDLC UA ignored in state %s", self.state.value)

    def _on_dm(self, frame: HdlcFrame) -> None:
        if self.role is Role.SERVER:
            log.debug("HDLC DM received by a server link, ignored")
            return
        was = self.state
        self._drop_queues()
        self.state = LinkState.DISCONNECTED
        if was is not LinkState.DISCONNECTED:
            self._events.append(Disconnected("dm"))

    def _on_frmr(self, frame: HdlcFrame) -> None:
        log.debug("HDLC FRMR received: %s", frame.info.hex(" "))
        self._drop_queues()
        self._events.append(FrameRejected(frame.info))

    def _on_unknown(self, frame: HdlcFrame) -> None:
        log.debug("HDLC frame with unknown control %02X ignored", frame.control)

    def _not_connected(self, frame: HdlcFrame) -> None:
        """A numbered frame outside a connection: a server answers DM to a poll."""
        log.debug("HDLC %s frame while %s", KIND_BY_CONTROL[frame.control].value, self.state.value)
        if self.role is Role.SERVER and frame.control & 0x10:
            dest, src = frame.src, self._server
            self._out += encode_frame(
                dest, src, control_byte(FrameKind.DM), src_size=self.server_address_size
            )
