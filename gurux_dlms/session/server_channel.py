"""How a server connection's APDUs travel: the secondary end of an HDLC link, or WRAPPER frames.

A channel hides the framing from the server connection: ``receive_data`` takes what the
medium delivered, :meth:`events` yields complete APDUs (with the client address that sent
them) and link changes, ``send`` queues the frames of an answer and ``data_to_send`` gives
the bytes to write.  HDLC's SNRM/UA, segmentation, windows and RR are the link's.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..errors import ConfigurationError
from ..framing.hdlc_events import NEED_DATA, ConnectRequested, DisconnectRequested, PduReceived
from ..framing.hdlc_link import HdlcLink, Role
from ..framing.hdlc_params import rr_frame
from ..framing.wrapper import WrapperFrame, WrapperStream, encode_wrapper
from .enums import InterfaceType, uses_hdlc
from .server_settings import ServerSettings

log = logging.getLogger(__name__)


@dataclass(slots=True)
class ServerChannelEvent:
    """``kind`` is "pdu" (``value``: APDU bytes), "connected" (``value``: HDLC parameters)
    or "disconnected"; ``client`` the client address."""

    kind: str
    client: int
    value: Any = None


class ServerHdlcChannel:
    """APDUs over the secondary station of an HDLC link (any client may connect)."""

    def __init__(self, settings: ServerSettings) -> None:
        self.link = HdlcLink(Role.SERVER, client_address=None, server_address=settings.server_address,
                             server_address_size=settings.server_address_size, parameters=settings.hdlc)
        self._extra = bytearray()

    @property
    def window(self) -> int:
        """How many I-frames the client takes before it acknowledges (the negotiated window)."""
        return self.link.params.window_tx

    @property
    def client(self) -> int:
        return self.link.client_address or 0

    @property
    def server_address(self) -> int:
        return self.link.server_address

    @property
    def connected(self) -> bool:
        return self.link.is_connected

    def receive_data(self, data: bytes) -> None:
        self.link.receive_data(data)

    def events(self) -> Iterator[ServerChannelEvent]:
        while True:
            event = self.link.next_event()
            if event is NEED_DATA:
                return
            if isinstance(event, PduReceived):
                yield ServerChannelEvent("pdu", self.client, event.pdu)
            elif isinstance(event, ConnectRequested):
                yield ServerChannelEvent("connected", event.client_address, event.params)
            elif isinstance(event, DisconnectRequested):
                yield ServerChannelEvent("disconnected", self.client, "DISC")
            else:
                log.debug("HDLC %s ignored by a server", type(event).__name__)

    def send(self, apdu: bytes) -> None:
        if self.link.is_connected:
            self.link.send_pdu(apdu)
        else:
            log.debug("answer of %d bytes dropped: the HDLC link is down", len(apdu))

    def acknowledge(self) -> None:
        """The request needs no answer: give the poll back with RR (the client may send on)."""
        link = self.link
        client = link.client_address
        if link.is_connected and client is not None:
            self._extra += rr_frame(client, link.server_address, link.receive_sequence,
                                    src_size=link.server_address_size)

    def data_to_send(self) -> bytes:
        out = self.link.data_to_send()
        if self._extra:
            out += bytes(self._extra)
            self._extra.clear()
        return out


class ServerWrapperChannel:
    """APDUs in WRAPPER frames addressed to the server's wPort (a TCP or UDP connection)."""

    def __init__(self, settings: ServerSettings) -> None:
        self.server_address = settings.server_address
        self.client = 0
        self.connected = True
        self._stream = WrapperStream()
        self._frames: list[WrapperFrame] = []
        self._out = bytearray()

    def receive_data(self, data: bytes) -> None:
        self._frames.extend(self._stream.feed(data))

    def events(self) -> Iterator[ServerChannelEvent]:
        frames, self._frames = self._frames, []
        for frame in frames:
            if frame.destination != self.server_address:
                log.debug("WRAPPER frame %d->%d dropped (we are %d)", frame.source, frame.destination,
                          self.server_address)
                continue
            self.client = frame.source
            yield ServerChannelEvent("pdu", frame.source, frame.apdu)

    #: WRAPPER has no window: any number of APDUs may follow each other.
    window = 63

    def send(self, apdu: bytes) -> None:
        self._out += encode_wrapper(self.server_address, self.client, apdu)

    def acknowledge(self) -> None:
        """Nothing to do: WRAPPER has no link-level acknowledgement."""

    def data_to_send(self) -> bytes:
        out = bytes(self._out)
        self._out.clear()
        return out


def make_server_channel(settings: ServerSettings) -> ServerHdlcChannel | ServerWrapperChannel:
    """The channel for the settings' interface type."""
    if uses_hdlc(settings.interface_type):
        return ServerHdlcChannel(settings)
    if settings.interface_type == InterfaceType.WRAPPER:
        return ServerWrapperChannel(settings)
    raise ConfigurationError("interface type", expected="HDLC, HDLC_WITH_MODE_E or WRAPPER",
                             found=InterfaceType(settings.interface_type).name)


__all__ = ["ServerChannelEvent", "ServerHdlcChannel", "ServerWrapperChannel", "make_server_channel"]
