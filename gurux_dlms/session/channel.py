"""How a session's APDUs travel: over an HDLC link, in WRAPPER frames, or bare.

A channel hides the framing from the session: ``send(apdu)`` queues the frames of an
APDU, ``receive_data(bytes)`` takes whatever the medium delivered, ``events()`` yields
complete APDUs and link changes, ``data_to_send()`` gives the bytes to write.  HDLC's
segmentation, windows and acknowledgements live in :class:`~gurux_dlms.framing.HdlcLink`.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..errors import DLMSTimeoutError, FrameError
from ..framing.hdlc_events import (
    NEED_DATA,
    Connected,
    ConnectRequested,
    Disconnected,
    DisconnectRequested,
    FrameRejected,
    PduReceived,
)
from ..framing.hdlc_link import HdlcLink, Role
from ..framing.wrapper import WrapperFrame, WrapperStream, encode_wrapper
from .enums import InterfaceType, uses_hdlc

log = logging.getLogger(__name__)


@dataclass(slots=True)
class ChannelEvent:
    """``kind`` is "pdu" (``value``: the APDU bytes), "connected" (``value``: HDLC parameters)
    or "disconnected" (``value``: why)."""

    kind: str
    value: Any = None


class HdlcChannel:
    """APDUs over an HDLC link (the client end)."""

    needs_open = True

    def __init__(self, link: HdlcLink) -> None:
        self.link = link

    def open(self) -> None:
        self.link.connect()

    def close(self) -> None:
        self.link.disconnect()

    def send(self, apdu: bytes) -> None:
        self.link.send_pdu(apdu)

    def receive_data(self, data: bytes) -> None:
        self.link.receive_data(data)

    def events(self) -> Iterator[ChannelEvent]:
        while True:
            event = self.link.next_event()
            if event is NEED_DATA:
                return
            if isinstance(event, PduReceived):
                yield ChannelEvent("pdu", event.pdu)
            elif isinstance(event, Connected):
                yield ChannelEvent("connected", event.params)
            elif isinstance(event, Disconnected):
                yield ChannelEvent("disconnected", event.reason)
            elif isinstance(event, FrameRejected):
                raise FrameError("HDLC frame reject (FRMR) from the meter", found=event.info.hex(" ").upper() or "no data")
            elif isinstance(event, (ConnectRequested, DisconnectRequested)):
                log.debug("HDLC %s ignored by a client", type(event).__name__)

    def data_to_send(self) -> bytes:
        return self.link.data_to_send()

    def on_timeout(self, awaiting: bool = False) -> None:
        """``awaiting``: the session still waits for an answer (a push may have come instead)."""
        if awaiting:
            self.link.expect_reply()
        failed = self.link.on_timeout()
        if failed is not None:
            raise DLMSTimeoutError("no answer from the meter", expected="an HDLC frame", found=failed.reason)

    @property
    def connected(self) -> bool:
        return self.link.is_connected


class WrapperChannel:
    """APDUs in IEC 62056-47 WRAPPER frames (TCP/UDP)."""

    needs_open = False

    def __init__(self, client_address: int, server_address: int, max_retries: int = 3) -> None:
        self.client = client_address
        self.server = server_address
        self.max_retries = max_retries
        self._stream = WrapperStream()
        self._out = bytearray()
        self._last = b""
        self._retries = 0
        self._waiting = False
        self._frames: list[WrapperFrame] = []

    def open(self) -> None:
        return None

    def close(self) -> None:
        self._waiting = False

    def send(self, apdu: bytes) -> None:
        self._last = encode_wrapper(self.client, self.server, apdu)
        self._out += self._last
        self._retries = 0
        self._waiting = True

    def receive_data(self, data: bytes) -> None:
        self._frames.extend(self._stream.feed(data))

    def events(self) -> Iterator[ChannelEvent]:
        frames, self._frames = self._frames, []
        for frame in frames:
            if frame.destination != self.client or frame.source != self.server:
                log.debug("WRAPPER frame %d->%d dropped (expected %d->%d)", frame.source, frame.destination,
                          self.server, self.client)
                continue
            self._waiting = False
            self._retries = 0
            yield ChannelEvent("pdu", frame.apdu)

    def data_to_send(self) -> bytes:
        out = bytes(self._out)
        self._out.clear()
        return out

    def on_timeout(self, awaiting: bool = False) -> None:
        """``awaiting``: the session still waits for an answer (a push may have come instead)."""
        if not (self._waiting or awaiting):
            return
        self._retries += 1
        if self._retries > self.max_retries:
            self._waiting = False
            raise DLMSTimeoutError("no answer from the meter", expected="a WRAPPER frame",
                                   found=f"nothing after {self.max_retries} retries")
        self._out += self._last

    @property
    def connected(self) -> bool:
        return True


def make_channel(interface: int, client_address: int, server_address: int, server_address_size: int,
                 parameters: Any, max_retries: int) -> HdlcChannel | WrapperChannel:
    """The channel for an interface type."""
    if uses_hdlc(interface):
        link = HdlcLink(Role.CLIENT, client_address=client_address, server_address=server_address,
                        server_address_size=server_address_size, parameters=parameters, max_retries=max_retries)
        return HdlcChannel(link)
    if interface == InterfaceType.WRAPPER:
        return WrapperChannel(client_address, server_address, max_retries)
    from ..errors import ConfigurationError

    raise ConfigurationError("interface type", expected="HDLC, HDLC_WITH_MODE_E or WRAPPER",
                             found=InterfaceType(interface).name)


__all__ = ["ChannelEvent", "HdlcChannel", "WrapperChannel", "make_channel"]
