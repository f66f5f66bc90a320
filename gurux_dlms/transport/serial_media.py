"""A serial port over gurux-serial's ``GXSerial``, with line changes for IEC 62056-21 mode E.

:class:`SerialMedia` is the medium a driver uses; its ``gx`` attribute is the ``GXSerial``
underneath.  Three parts of ``GXSerial`` are replaced in a subclass:

* ``open()`` raises DTR (and stores RTS without asserting it).  Both lines are asserted
  here, since optical probes are often powered from them; a device that has no modem
  lines (a pseudo-terminal: ``ENOTTY``) gets a logged warning instead of a failed open.
* Changing parity or data bits on an open pseudo-terminal is refused (``EINVAL``); a
  refused change is logged and the port is reopened with the new settings, which the
  open accepts.  Real ports take the change in place, as the standard expects.
* The reader thread prints a traceback and spins when the device goes away (``EIO`` from
  an unplugged USB adapter or a closed pseudo-terminal master); the reader here reports
  the loss once and stops, and the next ``receive()`` raises
  :class:`~gurux_dlms.errors.MediaClosedError`.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import time
from typing import Any

from gurux_serial import GXSerial

from ..errors import ConfigurationError, MediaClosedError, TransportError
from .media import HDLC_LINE, Inbox, InboxListener, SerialLine, parse_serial_spec

log = logging.getLogger(__name__)

#: errno values of a device that does not have (or cannot change) a setting.
_REFUSALS = {errno.ENOTTY, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP}


class _GXSerialPort(GXSerial):
    """``GXSerial`` tolerant of devices without modem lines and loud about nothing else.

    The names ``_GXSerial__*`` are GXSerial's private members (name-mangled).
    """

    def __init__(self, port: str, line: SerialLine, on_lost: Any) -> None:
        super().__init__(port, line.baud, line.data_bits, line.parity, line.stop_bits)
        self._on_lost = on_lost
        self._dtr = False
        self._rts = False

    def _modem_line(self, name: str, value: bool) -> None:
        handler = self._GXSerial__h
        if not handler.isOpen():
            return
        try:
            (handler.setDtrEnable if name == "DTR" else handler.setRtsEnable)(value)
        except OSError as exc:
            if exc.errno not in _REFUSALS:
                raise
            log.warning("%s: the device has no %s line (%s); going on without it", self.port, name, exc)

    @property
    def dtrEnable(self) -> bool:
        return self._dtr

    @dtrEnable.setter
    def dtrEnable(self, value: bool) -> None:
        self._dtr = bool(value)
        self._modem_line("DTR", self._dtr)

    @property
    def rtsEnable(self) -> bool:
        return self._rts

    @rtsEnable.setter
    def rtsEnable(self, value: bool) -> None:
        self._rts = bool(value)
        self._modem_line("RTS", self._rts)

    def _GXSerial__readThread(self) -> None:  # replaces GXSerial's reader
        handler = self._GXSerial__h
        closing = self._GXSerial__closing
        handle = self._GXSerial__handleReceivedData
        while not closing.is_set():
            try:
                data = handler.read()
            except (OSError, ValueError, TypeError) as exc:  # ValueError/TypeError: fd closed under select()
                if not closing.is_set():
                    log.debug("%s: device lost (%s)", self.port, exc)
                    self._on_lost(f"{type(exc).__name__}: {exc}")
                return
            if data:
                handle(data, self.port)


class SerialMedia:
    """A serial port (RS-232/485, optical probe) through gurux-serial.

    ``SerialMedia("/dev/ttyUSB0")`` is 9600 8N1; ``SerialMedia.from_spec("COM1:9600:8None1")``
    reads the XmlClient's notation.  :meth:`set_line` changes the line settings, also while
    the port is open (mode E switches from 300 7E1 to 8N1 at the agreed speed).
    """

    def __init__(self, port: str, line: SerialLine = HDLC_LINE) -> None:
        if not port:
            raise ConfigurationError("serial port", expected="a port name such as /dev/ttyUSB0", found=repr(port))
        self._line = line
        self._last_sent, self._last_size = 0.0, 0
        self._inbox = Inbox(f"serial {port}")
        self.gx = _GXSerialPort(port, line, self._inbox.fail)
        self.gx.addListener(InboxListener(self._inbox))

    @classmethod
    def from_spec(cls, spec: str, *, mode_e: bool = False) -> SerialMedia:
        """A port from ``COM1:9600:8None1`` or a bare name (300 7E1 when ``mode_e``)."""
        port, line = parse_serial_spec(spec, mode_e=mode_e)
        return cls(port, line)

    @property
    def name(self) -> str:
        return f"{self._inbox.name} ({self._line})"

    @property
    def port(self) -> str:
        return str(self.gx.port)

    @property
    def line(self) -> SerialLine:
        return self._line

    @property
    def is_open(self) -> bool:
        """True while the port is open (False once the device is gone)."""
        return bool(self.gx.isOpen()) and self._inbox.failure is None

    def open(self) -> None:
        self._inbox.reset()
        try:
            self.gx.open()
        except Exception as exc:  # GXSerial raises OSError, termios.error or a bare Exception
            self._discard_handle()
            raise TransportError(f"cannot open {self.name}", found=f"{type(exc).__name__}: {exc}") from exc
        self._inbox.reset()

    def close(self) -> None:
        self.gx.close()

    def _discard_handle(self) -> None:
        """Close the device a failed open left behind (GXSerial's handler cannot close it itself:
        its close() writes to a wake-up pipe that a failed open never made)."""
        handler = self.gx._GXSerial__h
        fd = getattr(handler, "h", None)
        if not fd:
            return
        try:
            handler.close()
        except (TypeError, OSError):
            with contextlib.suppress(OSError):
                os.close(fd)
            handler.h = None

    def set_line(self, line: SerialLine) -> None:
        """Use ``line``; a change the open device refuses is made by reopening the port."""
        old, self._line = self._line, line
        if not self.is_open:
            self._store(line)
            return
        changes = [(name, value) for name, value, before in (
            ("baudRate", line.baud, old.baud),
            ("dataBits", line.data_bits, old.data_bits),
            ("parity", line.parity, old.parity),
            ("stopBits", line.stop_bits, old.stop_bits),
        ) if value != before]
        refused = []
        for name, value in changes:
            try:
                setattr(self.gx, name, value)
            except Exception as exc:  # GXSerial wraps termios.error in a bare Exception
                refused.append(f"{name}: {exc}")
        if refused:
            log.warning("%s refused changing the line to %s (%s); reopening the port", self._inbox.name, line,
                        "; ".join(refused))
            self.gx.close()
            self._store(line)
            self.open()
        log.debug("%s: line is now %s", self._inbox.name, line)

    def _store(self, line: SerialLine) -> None:
        """Settings of a closed port (GXSerial keeps them for the next open)."""
        handler = self.gx._GXSerial__h
        handler.baudRate, handler.dataBits = line.baud, line.data_bits
        handler.parity, handler.stopBits = line.parity, line.stop_bits

    def drain(self) -> None:
        """Wait until the bytes sent have left the port (bounded by their time on the line + 1 s).

        The output queue is asked when the device can tell; otherwise the time the last
        write takes on the line at the current speed is waited out.
        """
        if not self.is_open:
            return
        line_time = self._last_size * self._line.bits_per_char / self._line.baud
        deadline = self._last_sent + line_time + 1.0
        while True:
            try:
                pending = int(self.gx.getBytesToWrite())
            except Exception:  # no output-queue query on this device
                time.sleep(max(0.0, self._last_sent + line_time - time.monotonic()))
                return
            if pending <= 0:
                return
            if time.monotonic() >= deadline:
                log.warning("%s: %d byte(s) still queued after the drain time", self._inbox.name, pending)
                return
            time.sleep(0.005)

    def send(self, data: bytes) -> None:
        if not self.is_open:
            raise MediaClosedError(f"{self.name} is not open", found=self._inbox.failure or "closed")
        try:
            self.gx.send(bytes(data))
        except OSError as exc:
            self._inbox.fail(str(exc))
            raise MediaClosedError(f"writing to {self.name} failed", found=f"{type(exc).__name__}: {exc}") from exc
        self._last_sent, self._last_size = time.monotonic(), len(data)

    def receive(self, timeout: float) -> bytes:
        if not self.gx.isOpen() and self._inbox.failure is None:
            raise MediaClosedError(f"{self.name} is not open")
        return self._inbox.take(timeout)

    def __repr__(self) -> str:
        return f"SerialMedia({self.port!r}, {self._line!r})"


__all__ = ["SerialMedia"]
