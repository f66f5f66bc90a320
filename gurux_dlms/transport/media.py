"""What a driver needs from a medium, and the pieces the adapters share.

A :class:`Media` moves bytes and nothing else: ``open()``, ``close()``, ``send(bytes)`` and
``receive(timeout)``, which returns whatever arrived (``b""`` when nothing came in time)
and raises :class:`~gurux_dlms.errors.MediaClosedError` once the other end is gone.  Frames,
retries and timers belong to the session and the driver, not to the medium.

A :class:`SerialPort` is a medium whose line can change while it is open (IEC 62056-21
mode E starts at 300 baud 7E1 and goes on at 8N1); :class:`SerialLine` is one such setting
and :func:`parse_serial_spec` reads Gurux's ``COM1:9600:8None1`` notation.

Gurux's media deliver received bytes on their own reader thread; :class:`Inbox` is the
thread-safe buffer between that thread and the driver, and :class:`InboxListener` the
``IGXMediaListener`` that fills it.
"""

from __future__ import annotations

import logging
import re
import threading
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from gurux_common import IGXMediaListener
from gurux_common.enums import MediaState
from gurux_common.io import Parity, StopBits

from ..errors import ConfigurationError, MediaClosedError

log = logging.getLogger(__name__)


@runtime_checkable
class Media(Protocol):
    """A byte pipe to one meter (TCP, UDP, a serial port, an in-process loopback)."""

    @property
    def name(self) -> str:
        """A short description for messages and logs, e.g. ``TCP 127.0.0.1:4061``."""
        ...

    @property
    def is_open(self) -> bool: ...

    def open(self) -> None:
        """Connect / open the port (TransportError when that fails)."""
        ...

    def close(self) -> None:
        """Release the medium; closing a closed medium does nothing."""
        ...

    def send(self, data: bytes) -> None:
        """Write all of ``data`` (MediaClosedError when the medium is closed)."""
        ...

    def receive(self, timeout: float) -> bytes:
        """What arrived within ``timeout`` seconds (at least one byte), ``b""`` when nothing did."""
        ...


@dataclass(frozen=True, slots=True)
class SerialLine:
    """Line settings of a serial port: baud rate, data bits, parity, stop bits."""

    baud: int = 9600
    data_bits: int = 8
    parity: Parity = Parity.NONE
    stop_bits: StopBits = StopBits.ONE

    def __post_init__(self) -> None:
        if self.baud <= 0:
            raise ConfigurationError("serial baud rate", expected="a positive number", found=self.baud)
        if self.data_bits not in (5, 6, 7, 8):
            raise ConfigurationError("serial data bits", expected="5..8", found=self.data_bits)
        object.__setattr__(self, "parity", Parity(self.parity))
        object.__setattr__(self, "stop_bits", StopBits(self.stop_bits))

    @property
    def bits_per_char(self) -> int:
        """Start bit + data bits + parity bit + stop bits (what one character costs on the line)."""
        stop = {StopBits.ONE: 1, StopBits.ONE_POINT_FIVE: 2, StopBits.TWO: 2}[self.stop_bits]
        return 1 + self.data_bits + (0 if self.parity == Parity.NONE else 1) + stop

    def __str__(self) -> str:
        stop = {StopBits.ONE: "1", StopBits.ONE_POINT_FIVE: "1.5", StopBits.TWO: "2"}[self.stop_bits]
        return f"{self.baud} {self.data_bits}{self.parity.name[0]}{stop}"


#: The line of the IEC 62056-21 opening sequence (mode E starts here).
MODE_E_OPENING = SerialLine(300, 7, Parity.EVEN, StopBits.ONE)
#: The line of HDLC after the mode E switch (at the agreed baud rate).
HDLC_LINE = SerialLine(9600, 8, Parity.NONE, StopBits.ONE)

_FRAME_SPEC = re.compile(r"^([5-8])(none|odd|even|mark|space)(1|1\.5|2)$", re.IGNORECASE)
_STOP_BITS = {"1": StopBits.ONE, "1.5": StopBits.ONE_POINT_FIVE, "2": StopBits.TWO}


def parse_serial_spec(spec: str, *, mode_e: bool = False) -> tuple[str, SerialLine]:
    """``"COM1:9600:8None1"`` (or a bare ``/dev/ttyUSB0``) -> (port, line).

    This is the XmlClient's ``-S`` notation.  A bare port name means 9600 8N1, or
    300 7E1 when the port opens with IEC 62056-21 mode E (as Gurux's tools do).
    """
    port, _, rest = spec.partition(":")
    if not port:
        raise ConfigurationError("serial port", expected="a port name such as COM1 or /dev/ttyUSB0", found=spec)
    if not rest:
        return port, MODE_E_OPENING if mode_e else HDLC_LINE
    baud_text, _, frame = rest.partition(":")
    try:
        baud = int(baud_text)
    except ValueError:
        raise ConfigurationError("serial baud rate", where=spec, expected="a number", found=baud_text) from None
    if not frame:
        return port, SerialLine(baud)
    match = _FRAME_SPEC.match(frame)
    if match is None:
        raise ConfigurationError("serial line settings", where=spec,
                                 expected="<data bits><None|Odd|Even|Mark|Space><stop bits>, e.g. 8None1",
                                 found=frame)
    bits, parity, stop = match.groups()
    return port, SerialLine(baud, int(bits), Parity[parity.upper()], _STOP_BITS[stop])


@runtime_checkable
class SerialPort(Media, Protocol):
    """A medium whose line settings can change while it is open."""

    @property
    def line(self) -> SerialLine: ...

    def set_line(self, line: SerialLine) -> None:
        """Use ``line`` from now on (applied at once when open, else at the next open)."""
        ...

    def drain(self) -> None:
        """Wait until every byte sent has left the port (before a baud rate switch)."""
        ...


class Inbox:
    """Bytes received on a reader thread, waiting for the driver's ``receive(timeout)``.

    ``put`` appends, ``take`` waits for data and takes all of it; ``fail`` marks the other
    end gone, so that ``take`` raises :class:`MediaClosedError` once the data before it has
    been taken.
    """

    def __init__(self, name: str = "") -> None:
        self.name = name
        self._ready = threading.Condition()
        self._data = bytearray()
        self._failure: str | None = None

    def put(self, data: bytes | bytearray) -> None:
        if not data:
            return
        with self._ready:
            self._data += data
            self._ready.notify_all()

    def fail(self, reason: str) -> None:
        """The other end is gone (closed by the peer, device removed): wake up the reader."""
        with self._ready:
            if self._failure is None:
                self._failure = reason
            self._ready.notify_all()

    def reset(self) -> None:
        """Forget pending bytes and failures (a new connection starts)."""
        with self._ready:
            self._data.clear()
            self._failure = None

    @property
    def failure(self) -> str | None:
        return self._failure

    def take(self, timeout: float) -> bytes:
        """All bytes received so far, waiting up to ``timeout`` seconds for the first one."""
        with self._ready:
            if not self._data and self._failure is None:
                self._ready.wait_for(lambda: bool(self._data) or self._failure is not None,
                                     timeout=max(0.0, timeout))
            if self._data:
                data = bytes(self._data)
                self._data.clear()
                return data
            if self._failure is not None:
                raise MediaClosedError(f"{self.name} is closed", found=self._failure)
            return b""


class InboxListener(IGXMediaListener):
    """Gurux media listener that stores received bytes in an :class:`Inbox`.

    Receiving through a listener keeps Gurux's synchronous ``receive(ReceiveParameters)``
    out of the way: its wait time is computed from the microsecond field of the wall clock
    and goes wrong whenever a second boundary passes.
    """

    def __init__(self, inbox: Inbox) -> None:
        self.inbox = inbox

    def onReceived(self, sender: Any, e: Any) -> None:
        self.inbox.put(bytes(e.data))

    def onError(self, sender: Any, ex: Any) -> None:
        log.warning("%s: %s", self.inbox.name, ex)

    def onMediaStateChange(self, sender: Any, e: Any) -> None:
        if getattr(e, "state", None) == MediaState.CLOSED:
            self.inbox.fail("closed")

    def onTrace(self, sender: Any, e: Any) -> None:
        return None

    def onPropertyChanged(self, sender: Any, e: Any) -> None:
        return None


__all__ = [
    "HDLC_LINE",
    "MODE_E_OPENING",
    "Inbox",
    "InboxListener",
    "Media",
    "Parity",
    "SerialLine",
    "SerialPort",
    "StopBits",
    "parse_serial_spec",
]
