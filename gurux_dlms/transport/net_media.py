"""TCP and UDP media over gurux-net's ``GXNet``.

:class:`NetMedia` is the medium a driver uses; its ``gx`` attribute is the ``GXNet``
underneath, so code written for Gurux's media (listeners, traces, byte counters) still
works.  Two parts of ``GXNet`` are replaced, in a subclass, because they fail a meter
reader:

* ``GXNet.open()`` connects without a timeout, so an address that does not answer blocks
  for the operating system's connect timeout (minutes); here the connection is made with
  ``socket.create_connection`` and a bounded ``connect_timeout``.
* ``GXNet``'s reader thread ignores the end of a TCP stream: when the meter closes the
  connection it loops on ``recv()`` returning nothing at full CPU and the medium still
  reports itself open.  The reader here stops, and the next ``receive()`` raises
  :class:`~gurux_dlms.errors.MediaClosedError`.

Sending, closing, listeners and traces are ``GXNet``'s own.
"""

from __future__ import annotations

import logging
import socket
import threading
from typing import Any

from gurux_common.enums import MediaState
from gurux_net import GXNet
from gurux_net.enums import NetworkType

from ..errors import ConfigurationError, MediaClosedError, TransportError
from .media import Inbox, InboxListener

log = logging.getLogger(__name__)

_UDP_DATAGRAM = 65535
_TCP_CHUNK = 16384


class _GXNetClient(GXNet):
    """A client ``GXNet`` with a connect timeout and a reader that notices the peer's close.

    The names ``_GXNet__*`` are GXNet's private attributes and methods (name-mangled), used
    so that ``send``/``close``/listeners keep working unchanged.
    """

    def __init__(self, protocol: NetworkType, host: str, port: int, connect_timeout: float,
                 on_lost: Any) -> None:
        super().__init__(protocol, host, port)
        self.connect_timeout = connect_timeout
        self._on_lost = on_lost

    def open(self) -> None:
        self.close()
        notify = self._GXNet__notifyMediaStateChange
        notify(MediaState.OPENING)
        try:
            sock = self._connect()
        except OSError:
            notify(MediaState.CLOSED)
            raise
        self._GXNet__socket = sock
        notify(MediaState.OPEN)
        reader = threading.Thread(target=self._GXNet__listenerThread, args=(sock,), daemon=True,
                                  name=f"gurux-dlms {self}")
        self._GXNet__thread = reader
        reader.start()

    def _connect(self) -> socket.socket:
        address = (self.hostName, self.port)
        if self.protocol == NetworkType.TCP:
            sock = socket.create_connection(address, timeout=self.connect_timeout)
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        else:
            family, kind, proto, _, target = socket.getaddrinfo(*address, type=socket.SOCK_DGRAM)[0]
            sock = socket.socket(family, kind, proto)
            try:
                sock.connect(target)
            except OSError:
                sock.close()
                raise
        sock.settimeout(None)
        return sock

    def _GXNet__listenerThread(self, sock: socket.socket) -> None:  # replaces GXNet's reader
        handle = self._GXNet__handleReceivedData
        udp = self.protocol != NetworkType.TCP
        reason = "closed by the peer"
        while True:
            try:
                data = sock.recv(_UDP_DATAGRAM if udp else _TCP_CHUNK)
            except OSError as exc:
                reason = f"{type(exc).__name__}: {exc}"
                break
            if data:
                try:
                    handle(bytearray(data), sock)
                except OSError as exc:  # getpeername() of a socket the peer has just reset
                    reason = f"{type(exc).__name__}: {exc}"
                    break
            elif not udp:
                break
        if self._GXNet__socket is sock:  # not our own close(): the other end went away
            log.debug("%s: connection lost (%s)", self, reason)
            self._on_lost(reason)


class NetMedia:
    """A TCP or UDP connection to a meter, through gurux-net.

    ``NetMedia("127.0.0.1", 4059)`` for TCP, ``NetMedia(host, port, udp=True)`` for UDP.
    ``connect_timeout`` bounds how long ``open()`` waits for the TCP handshake.
    """

    def __init__(self, host: str, port: int, *, udp: bool = False, connect_timeout: float = 5.0) -> None:
        if not host:
            raise ConfigurationError("host name", expected="a host name or address", found=repr(host))
        if not 0 < int(port) < 65536:
            raise ConfigurationError("port", expected="1..65535", found=port)
        if connect_timeout <= 0:
            raise ConfigurationError("connect timeout", expected="a positive number of seconds",
                                     found=connect_timeout)
        protocol = NetworkType.UDP if udp else NetworkType.TCP
        self._inbox = Inbox(f"{'UDP' if udp else 'TCP'} {host}:{port}")
        self.gx = _GXNetClient(protocol, host, int(port), connect_timeout, self._inbox.fail)
        self.gx.addListener(InboxListener(self._inbox))

    @property
    def name(self) -> str:
        return self._inbox.name

    @property
    def host(self) -> str:
        return str(self.gx.hostName)

    @property
    def port(self) -> int:
        return int(self.gx.port)

    @property
    def udp(self) -> bool:
        return bool(self.gx.protocol == NetworkType.UDP)

    @property
    def is_open(self) -> bool:
        """True while connected (False once the peer has closed the connection)."""
        return bool(self.gx.isOpen()) and self._inbox.failure is None

    def open(self) -> None:
        self._inbox.reset()
        try:
            self.gx.open()
        except OSError as exc:
            raise TransportError(f"cannot connect to {self.name}", found=f"{type(exc).__name__}: {exc}") from exc
        self._inbox.reset()

    def close(self) -> None:
        self.gx.close()

    def send(self, data: bytes) -> None:
        if not self.is_open:
            raise MediaClosedError(f"{self.name} is not open", found=self._inbox.failure or "closed")
        try:
            self.gx.send(bytes(data))
        except OSError as exc:
            self._inbox.fail(str(exc))
            raise MediaClosedError(f"sending to {self.name} failed", found=f"{type(exc).__name__}: {exc}") from exc

    def receive(self, timeout: float) -> bytes:
        if not self.gx.isOpen() and self._inbox.failure is None:
            raise MediaClosedError(f"{self.name} is not open")
        return self._inbox.take(timeout)

    def __repr__(self) -> str:
        return f"NetMedia({self.host!r}, {self.port}{', udp=True' if self.udp else ''})"


__all__ = ["NetMedia"]
