"""Clients of the simulator for its integration tests, and simulators started in the background.

Over TCP the client is the library's own: a :class:`ClientConnection` driven by the
transport's :class:`BlockingDriver` over :class:`NetMedia` (wrapped to count the requests
sent).  On a pseudo-terminal's master side, which has no path the serial media could open,
a small loop drives the connection over the file descriptor.  :class:`Channel` and
:func:`raw_session` move raw bytes for the tests that send what no client would.
"""

from __future__ import annotations

import os
import select
import socket
from collections.abc import Callable
from typing import Any

from gurux_dlms.server.simulator import MeterOptions, SimulatedMeter
from gurux_dlms.server.simulator.runner import Simulator, SimulatorThread
from gurux_dlms.session.client import ClientConnection, State
from gurux_dlms.session.events import NEED_DATA, Associated, Disconnected, Released, ResponseReceived
from gurux_dlms.session.settings import SessionSettings
from gurux_dlms.transport import BlockingDriver, NetMedia


def start_simulator(serial: Any = None, **options: Any) -> SimulatorThread:
    """A default simulated meter with these options, served on a free port (or ``serial``)."""
    meter = SimulatedMeter(MeterOptions(**options))
    return SimulatorThread(Simulator(meter, "127.0.0.1", None if serial is not None else 0, serial=serial)).start()


class CountingMedia:
    """A medium that counts what it sends (one send per request or block)."""

    def __init__(self, media: Any) -> None:
        self.media = media
        self.sent = 0

    @property
    def name(self) -> str:
        return str(self.media.name)

    @property
    def is_open(self) -> bool:
        return bool(self.media.is_open)

    def open(self) -> None:
        self.media.open()

    def close(self) -> None:
        self.media.close()

    def send(self, data: bytes) -> None:
        self.sent += 1
        self.media.send(data)

    def receive(self, timeout: float) -> bytes:
        return bytes(self.media.receive(timeout))


class Channel:
    """Raw bytes to and from the simulator: a TCP socket, or a file descriptor (a pty master)."""

    def __init__(self, port: int | None = None, fd: int | None = None, timeout: float = 5.0) -> None:
        self.fd = fd
        self.sock = socket.create_connection(("127.0.0.1", port), timeout) if port is not None else None
        self.timeout = timeout

    def send(self, data: bytes) -> None:
        if self.sock is not None:
            self.sock.sendall(data)
        else:
            assert self.fd is not None
            os.write(self.fd, data)

    def receive(self, timeout: float | None = None) -> bytes | None:
        """What arrived within ``timeout`` (None: nothing in time, b"": closed)."""
        source: Any = self.sock if self.sock is not None else self.fd
        ready, _, _ = select.select([source], [], [], self.timeout if timeout is None else timeout)
        if not ready:
            return None
        if self.sock is not None:
            try:
                return self.sock.recv(65536)
            except ConnectionResetError:
                return b""
        assert self.fd is not None
        return os.read(self.fd, 65536)

    def close(self) -> None:
        if self.sock is not None:
            self.sock.close()


class SocketClient:
    """One client of the simulator: on TCP ``port`` (the transport's driver) or on a pty master ``fd``."""

    def __init__(self, settings: SessionSettings, port: int | None = None, fd: int | None = None,
                 timeout: float = 5.0) -> None:
        self.driver: BlockingDriver | None = None
        self.media: CountingMedia | None = None
        self.channel: Channel | None = None
        if port is not None:
            self.media = CountingMedia(NetMedia("127.0.0.1", port))
            self.driver = BlockingDriver(ClientConnection(settings), self.media, timeout)
            self.connection = self.driver.connection
        else:
            self.connection = ClientConnection(settings)
            self.channel = Channel(fd=fd, timeout=timeout)
            self._fd_sent = 0

    @property
    def requests_sent(self) -> int:
        return self.media.sent if self.media is not None else self._fd_sent

    def open(self) -> Associated:
        if self.driver is not None:
            self.driver.open()
            assert self.driver.associated is not None
            return self.driver.associated
        self.connection.connect()
        event: Associated = self._run_until(lambda e: isinstance(e, Associated))
        return event

    def call(self, method: str, *args: Any) -> Any:
        """One request; its result (AccessResult, MethodResult or a list of them)."""
        if self.driver is not None:
            return self.driver.request(method, *args)
        request = getattr(self.connection, method)(*args)
        event = self._run_until(lambda e: isinstance(e, ResponseReceived) and e.request_id == request)
        return event.result

    def send_raw(self, data: bytes) -> None:
        """Bytes no request of the connection made (the driver's medium must be open)."""
        assert self.media is not None
        self.media.send(data)

    def receive_raw(self, timeout: float = 5.0) -> bytes:
        assert self.media is not None
        return self.media.receive(timeout)

    def close(self) -> None:
        """Release and disconnect, then close the medium."""
        if self.driver is not None:
            self.driver.close()
            return
        assert self.channel is not None
        try:
            if self.connection.state is State.ASSOCIATED:
                self.connection.release()
                self._run_until(lambda e: isinstance(e, Released))
            if self.connection.channel.needs_open and self.connection.channel.connected:
                self.connection.disconnect()
                self._run_until(lambda e: isinstance(e, Disconnected))
        finally:
            self.channel.close()

    def _run_until(self, done: Callable[[Any], bool]) -> Any:
        """The pty loop: move bytes until an event satisfies ``done``; the connection's errors raise."""
        assert self.channel is not None
        while True:
            out = self.connection.data_to_send()
            if out:
                self._fd_sent += 1
                self.channel.send(out)
            while (event := self.connection.next_event()) is not NEED_DATA:
                if done(event):
                    return event
            data = self.channel.receive()
            if data is None:
                self.connection.on_timeout()
            elif data == b"":
                raise ConnectionError("the simulator closed the line")
            else:
                self.connection.receive_data(data)

    def __enter__(self) -> SocketClient:
        self.open()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def raw_session(port: int, data: bytes, timeout: float = 2.0) -> bytes:
    """Send bytes on a fresh TCP connection; what came back until the simulator went quiet or closed."""
    channel = Channel(port, timeout=timeout)
    try:
        channel.send(data)
        received = bytearray()
        while (chunk := channel.receive(timeout)) is not None and chunk:
            received += chunk
            timeout = 0.2
        return bytes(received)
    finally:
        channel.close()


__all__ = ["Channel", "CountingMedia", "SocketClient", "raw_session", "start_simulator"]
