"""Drive a :class:`ClientConnection` over a real socket or file descriptor, blocking, for the
simulator's integration tests; and start simulators on 127.0.0.1 in a background thread.
"""

from __future__ import annotations

import os
import select
import socket
from collections.abc import Callable
from typing import Any

from gurux_dlms.server.simulator import MeterOptions, SimulatedMeter
from gurux_dlms.server.simulator.runner import Simulator, SimulatorThread
from gurux_dlms.session.client import ClientConnection
from gurux_dlms.session.events import NEED_DATA, Associated, Disconnected, Released, ResponseReceived
from gurux_dlms.session.settings import SessionSettings


def start_simulator(serial: Any = None, **options: Any) -> SimulatorThread:
    """A default simulated meter with these options, served on a free port (or ``serial``)."""
    meter = SimulatedMeter(MeterOptions(**options))
    return SimulatorThread(Simulator(meter, "127.0.0.1", None if serial is not None else 0, serial=serial)).start()


class Channel:
    """Bytes to and from the simulator: a TCP socket, or a file descriptor (a pty master)."""

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
    """A ClientConnection driven over a :class:`Channel` until each step completes."""

    def __init__(self, settings: SessionSettings, port: int | None = None, fd: int | None = None,
                 timeout: float = 5.0) -> None:
        self.connection = ClientConnection(settings)
        self.channel = Channel(port, fd, timeout)
        self.requests_sent = 0
        self.events: list[Any] = []

    def _flush(self) -> None:
        out = self.connection.data_to_send()
        if out:
            self.requests_sent += 1
            self.channel.send(out)

    def run_until(self, done: Callable[[Any], bool]) -> Any:
        """Move bytes until an event satisfies ``done``; the connection's errors raise."""
        while True:
            self._flush()
            while (event := self.connection.next_event()) is not NEED_DATA:
                self.events.append(event)
                if done(event):
                    return event
            data = self.channel.receive()
            if data is None:
                self.connection.on_timeout()
            elif data == b"":
                raise ConnectionError("the simulator closed the connection")
            else:
                self.connection.receive_data(data)

    def open(self) -> Associated:
        self.connection.connect()
        event: Associated = self.run_until(lambda e: isinstance(e, Associated))
        return event

    def call(self, method: str, *args: Any) -> Any:
        """One request; its result (AccessResult, MethodResult or a list of them)."""
        request = getattr(self.connection, method)(*args)
        event = self.run_until(lambda e: isinstance(e, ResponseReceived) and e.request_id == request)
        return event.result

    def close(self) -> None:
        """Release and disconnect (errors on the way out are the test's business only when it asks)."""
        try:
            if self.connection.state.value == "associated":
                self.connection.release()
                self.run_until(lambda e: isinstance(e, Released))
            if self.connection.channel.needs_open and self.connection.channel.connected:
                self.connection.disconnect()
                self.run_until(lambda e: isinstance(e, Disconnected))
        finally:
            self.channel.close()

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


__all__ = ["Channel", "SocketClient", "raw_session", "start_simulator"]
