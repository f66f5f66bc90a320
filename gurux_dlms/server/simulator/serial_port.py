"""The simulator on a serial line: pyserial on any device path, mode E opening, then HDLC.

With ``mode_e`` the line starts at 300 baud 7E1 and waits for the IEC 62056-21 request;
the meter answers with its identification, takes the option select and switches to 8N1 at
the agreed speed for HDLC.  When the client disconnects the link (DISC) or stays silent
for ``inactivity`` seconds, the line goes back to waiting for a request.  Without mode E
the line speaks HDLC at ``baud`` 8N1 from the start.

The port is read from the simulator's event loop (``add_reader`` on its descriptor), so the
meter's objects are served from one thread whatever the media.  A device that refuses a
line setting (a pseudo-terminal refuses parity and data-bit changes) gets a warning and
is reopened with the new settings, a second descriptor held open meanwhile so that the
other end never sees the line hang up.  A pseudo-terminal has no parity or data bits at
all: it takes the new speed and refuses the rest, so there the line simply goes on (the
bytes pass unchanged either way).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import termios
from typing import Any

import serial

from ...errors import DLMSError
from ...framing.iec62056_21 import (
    BaudRateSwitch,
    MeterIdentification,
    ModeEServer,
    RequestReceived,
    baud_char,
)
from ...session.server import ServerConnection
from ...session.server_events import LinkClosed
from .runner import log, log_events, trace

_MODE_E_LINE = (300, serial.SEVENBITS, serial.PARITY_EVEN)
_OPTION_SELECT = re.compile(rb"\x06...\r\n", re.DOTALL)


class SerialEndpoint:
    """One serial port served by a :class:`~.runner.Simulator`."""

    def __init__(self, path: str, baud: int = 9600, *, mode_e: bool = False, identification: str = "GRXSIM",
                 inactivity: float | None = 120.0) -> None:
        self.path = path
        self.baud = baud
        self.mode_e = mode_e
        self.identification = MeterIdentification("GRX", baud_char(baud), identification[:16], ("2",))
        self.inactivity = inactivity or None
        self.port: serial.Serial | None = None
        self.connection: ServerConnection | None = None
        self.opening: ModeEServer | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._simulator: Any = None
        self._idle: asyncio.TimerHandle | None = None
        self._heard = bytearray()  # what the opening received (HDLC bytes may follow the option select)

    # --- the port -------------------------------------------------------------------------------
    def open(self, loop: asyncio.AbstractEventLoop, simulator: Any) -> None:
        self._loop, self._simulator = loop, simulator
        baud, bytesize, parity = _MODE_E_LINE if self.mode_e else (self.baud, serial.EIGHTBITS, serial.PARITY_NONE)
        self.port = serial.Serial(self.path, baud, bytesize=bytesize, parity=parity, timeout=0)
        loop.add_reader(self.port.fileno(), self._readable)
        self._restart()
        log.info("serving %s on %s (%s)", type(simulator.meter).__name__, self.path,
                 "IEC 62056-21 mode E, then HDLC" if self.mode_e else f"HDLC at {self.baud} baud")

    def close(self) -> None:
        if self._idle is not None:
            self._idle.cancel()
        if self.connection is not None:
            self.connection.close("simulator stopping")
            log_events(self.connection, self.path)
        if self.port is not None:
            if self._loop is not None:
                with contextlib.suppress(Exception):
                    self._loop.remove_reader(self.port.fileno())
            self.port.close()
            self.port = None

    def _set_line(self, baud: int, bytesize: int, parity: str) -> None:
        """Change the line settings, reopening the port when the device refuses a change in place."""
        port = self.port
        assert port is not None and self._loop is not None
        try:
            port.apply_settings({"baudrate": baud, "bytesize": bytesize, "parity": parity})
            return
        except (termios.error, OSError, ValueError) as exc:
            if self._speed_is(baud):
                # the speed changed, only parity and data bits were refused: a device without them
                log.warning("%s keeps its data bits and parity (%s): going on at %d baud", self.path, exc, baud)
                return
            log.warning("%s refused the line change (%s): reopening it at %d %d%s1", self.path, exc, baud, bytesize,
                        parity)
        hold = os.open(self.path, os.O_RDWR | os.O_NOCTTY | os.O_NONBLOCK)
        try:
            self._loop.remove_reader(port.fileno())
            port.close()
            try:
                self.port = serial.Serial(self.path, baud, bytesize=bytesize, parity=parity, timeout=0)
            except (termios.error, OSError, ValueError) as exc:
                # a device without parity or data-bit settings (a pty): only the speed can change
                log.warning("%s refused %d%s1 again (%s): going on at %d 8N1", self.path, bytesize, parity, exc, baud)
                self.port = serial.Serial(self.path, baud, timeout=0)
            self._loop.add_reader(self.port.fileno(), self._readable)
        finally:
            os.close(hold)

    def _speed_is(self, baud: int) -> bool:
        """True when the port's output speed is ``baud`` already."""
        constant = getattr(termios, f"B{baud}", None)
        try:
            return self.port is not None and termios.tcgetattr(self.port.fileno())[5] == constant
        except termios.error:
            return False

    # --- the protocol ---------------------------------------------------------------------------
    def _restart(self) -> None:
        """Back to the start: waiting for a mode E request, or a fresh HDLC connection."""
        if self.connection is not None:
            self.connection.close("line reset")
            log_events(self.connection, self.path)
            self._simulator.clients.pop(self.path, None)
        self.connection = None
        self.opening = None
        self._heard = bytearray()
        if self.mode_e:
            if self.port is not None and self.port.baudrate != 300:
                self._set_line(*_MODE_E_LINE)
            self.opening = ModeEServer(self.identification)
        else:
            self._new_connection()

    def _new_connection(self) -> None:
        meter = self._simulator.meter
        self.connection = ServerConnection(meter.settings, meter, self.path)
        self._simulator.clients[self.path] = self.connection

    def _readable(self) -> None:
        port = self.port
        if port is None:
            return
        try:
            data = port.read(max(port.in_waiting, 1))
        except (serial.SerialException, OSError) as exc:
            log.warning("%s: read failed: %s", self.path, exc)
            return
        if not data:
            return
        trace(self.path, "<-", data)
        self._touch()
        if self.opening is not None:
            self._on_opening(data)
        elif self.connection is not None:
            self._on_hdlc(data)

    def _write(self, data: bytes) -> None:
        if data and self.port is not None:
            trace(self.path, "->", data)
            self.port.write(data)
            self.port.flush()

    def _on_opening(self, data: bytes) -> None:
        opening = self.opening
        assert opening is not None
        self._heard += data
        try:
            opening.receive_data(data)
        except DLMSError as exc:
            log.info("%s: mode E opening failed (%s): waiting for a new request", self.path, exc)
            self._restart()
            return
        self._write(opening.data_to_send())
        while (event := opening.next_event()) is not None:
            if isinstance(event, RequestReceived):
                log.info("%s: IEC 62056-21 request, identification sent", self.path)
            elif isinstance(event, BaudRateSwitch):
                log.info("%s: mode E agreed, HDLC at %d baud", self.path, event.baud)
                self._set_line(event.baud, serial.EIGHTBITS, serial.PARITY_NONE)
                self.opening = None
                self._new_connection()
                # a client that did not wait for the switch: its first frame came with the option select
                selected = _OPTION_SELECT.search(bytes(self._heard))
                rest = bytes(self._heard[selected.end():]) if selected is not None else b""
                self._heard.clear()
                if rest:
                    self._on_hdlc(rest)
                return

    def _on_hdlc(self, data: bytes) -> None:
        connection = self.connection
        assert connection is not None
        connection.receive_data(data)
        events = log_events(connection, self.path)
        self._write(connection.data_to_send())
        self._simulator.send_pushes()
        if self.mode_e and any(isinstance(event, LinkClosed) for event in events):
            self._restart()

    def _touch(self) -> None:
        if self.inactivity is None or self._loop is None:
            return
        if self._idle is not None:
            self._idle.cancel()
        self._idle = self._loop.call_later(self.inactivity, self._inactive)

    def _inactive(self) -> None:
        log.info("%s: inactive for %g s, line reset", self.path, self.inactivity or 0)
        self._restart()


__all__ = ["SerialEndpoint"]
