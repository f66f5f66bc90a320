"""IEC 62056-21 mode E opening: from the 300-baud sign-on to HDLC at the meter's speed.

::

    client  /?[address]!CR LF                 request (7E1, 300 baud)
    meter   /XXXZ[\\W]ident CR LF              identification: manufacturer, baud char, ident
    client  ACK 2 Z 2 CR LF                    option select: protocol mode E, baud Z, HDLC
    both    switch to 8N1 at the baud of Z, then HDLC

Both sides are sans-I/O state machines (:class:`ModeEClient`, :class:`ModeEServer`);
the driver switches the serial port when the events say so.  Parity is the driver's
business too: the messages here are plain 7-bit ASCII.
"""

from __future__ import annotations

import enum
import logging
from dataclasses import dataclass, field

from ..errors import DecodeError, LocalProtocolError

__all__ = [
    "ACK",
    "BAUD_BY_CHAR",
    "MAX_LINE",
    "MODE_B_BAUD_BY_CHAR",
    "BaudRateSwitch",
    "IdentificationReceived",
    "ModeEEvent",
    "MeterIdentification",
    "ModeEClient",
    "ModeEServer",
    "ModeEState",
    "OptionSelect",
    "RequestReceived",
    "baud_char",
    "build_identification",
    "build_option_select",
    "build_request",
    "parse_identification",
    "parse_option_select",
    "parse_request",
]

log = logging.getLogger(__name__)

ACK = 0x06
CRLF = b"\r\n"
#: Longest message accepted while waiting for CR LF (a 32-char address or 16-char ident fit easily).
MAX_LINE = 128

#: Mode C/E baud rate characters.  '7'..'9' are reserved by the standard; the values
#: here are the de facto extension some meters use.
BAUD_BY_CHAR: dict[str, int] = {
    "0": 300,
    "1": 600,
    "2": 1200,
    "3": 2400,
    "4": 4800,
    "5": 9600,
    "6": 19200,
    "7": 38400,
    "8": 57600,
    "9": 115200,
}
#: Mode B baud rate letters (shown by meters that do not speak mode C/E).
MODE_B_BAUD_BY_CHAR: dict[str, int] = {
    "A": 600,
    "B": 1200,
    "C": 2400,
    "D": 4800,
    "E": 9600,
    "F": 19200,
}
_CHAR_BY_BAUD = {baud: char for char, baud in BAUD_BY_CHAR.items()}

#: Option select characters: protocol control V, mode control Y.
PROTOCOL_HDLC = "2"  # V: "protocol mode E (HDLC)"
MODE_BINARY = "2"  # Y: "binary mode (HDLC)"


def baud_char(baud: int) -> str:
    """The mode E character for a baud rate (ConfigurationError-free: LocalProtocolError if unknown)."""
    try:
        return _CHAR_BY_BAUD[baud]
    except KeyError:
        raise LocalProtocolError(
            "IEC 62056-21 baud rate", expected=sorted(_CHAR_BY_BAUD), found=baud
        ) from None


def _ascii(line: bytes, what: str) -> str:
    try:
        text = line.decode("ascii")
    except UnicodeDecodeError:
        raise DecodeError(
            f"IEC 62056-21 {what}", expected="7-bit ASCII", found=line.hex(" ").upper()
        ) from None
    if not text.isprintable():
        raise DecodeError(f"IEC 62056-21 {what}", expected="printable characters", found=repr(text))
    return text


# ---- messages ----------------------------------------------------------------------------


def build_request(device_address: str = "") -> bytes:
    """``/?!\\r\\n``, or ``/?<address>!\\r\\n`` to wake one meter on a bus."""
    if len(device_address) > 32 or not (
        device_address == "" or (device_address.isascii() and device_address.isalnum())
    ):
        raise LocalProtocolError(
            "IEC 62056-21 device address", expected="up to 32 letters/digits", found=device_address
        )
    return b"/?" + device_address.encode("ascii") + b"!" + CRLF


def parse_request(line: bytes) -> str:
    """The device address of a request message (``""`` for none)."""
    if not (line.startswith(b"/?") and line.endswith(b"!" + CRLF)):
        raise DecodeError("IEC 62056-21 request", expected="/?[address]!CR LF", found=line[:40])
    return _ascii(line[2:-3], "device address")


@dataclass(frozen=True, slots=True)
class MeterIdentification:
    """The meter's answer ``/XXXZ[\\W]ident``: manufacturer, baud char and identification."""

    manufacturer: str
    baud_char: str
    identification: str
    enhanced: tuple[str, ...] = field(default=())

    @property
    def baud(self) -> int | None:
        """The baud rate the meter offers (None for an unknown character)."""
        return BAUD_BY_CHAR.get(self.baud_char) or MODE_B_BAUD_BY_CHAR.get(self.baud_char)

    @property
    def supports_mode_e(self) -> bool:
        """``\\2`` in the enhanced identification: the meter speaks HDLC (mode E)."""
        return "2" in self.enhanced

    @property
    def reaction_20ms(self) -> bool:
        """A lower-case third manufacturer letter announces a 20 ms minimum reaction time."""
        return self.manufacturer[2:3].islower()


def build_identification(ident: MeterIdentification) -> bytes:
    """``/XXXZ[\\W...]ident\\r\\n``."""
    enhanced = "".join("\\" + w for w in ident.enhanced)
    text = f"/{ident.manufacturer}{ident.baud_char}{enhanced}{ident.identification}"
    return text.encode("ascii") + CRLF


def parse_identification(line: bytes) -> MeterIdentification:
    """Parse the meter's identification message (CR LF included)."""
    if not line.endswith(CRLF) or not line.startswith(b"/"):
        raise DecodeError("IEC 62056-21 identification", expected="/XXXZ<ident>CR LF", found=line[:40])
    text = _ascii(line[1:-2], "identification")
    if len(text) < 4 or not text[:3].isalpha():
        raise DecodeError(
            "IEC 62056-21 identification",
            where=1,
            expected="3 manufacturer letters and a baud char",
            found=text[:4],
        )
    manufacturer, char = text[:3], text[3]
    if char not in BAUD_BY_CHAR and char not in MODE_B_BAUD_BY_CHAR:
        raise DecodeError("IEC 62056-21 baud rate character", where=4, expected="0..9 (or A..F)", found=char)
    rest, enhanced = text[4:], []
    while rest.startswith("\\") and len(rest) >= 2:
        enhanced.append(rest[1])
        rest = rest[2:]
    if len(rest) > 16 or not rest:
        raise DecodeError("IEC 62056-21 identification text", expected="1..16 characters", found=rest)
    return MeterIdentification(manufacturer, char, rest, tuple(enhanced))


@dataclass(frozen=True, slots=True)
class OptionSelect:
    """``ACK V Z Y``: protocol control V, baud char Z, mode control Y."""

    protocol: str
    baud_char: str
    mode: str

    @property
    def baud(self) -> int | None:
        """The baud rate selected."""
        return BAUD_BY_CHAR.get(self.baud_char)

    @property
    def is_hdlc(self) -> bool:
        """Protocol mode E with binary (HDLC) mode."""
        return self.protocol == PROTOCOL_HDLC and self.mode == MODE_BINARY


def build_option_select(baud_char: str, *, protocol: str = PROTOCOL_HDLC, mode: str = MODE_BINARY) -> bytes:
    """``06 32 Z 32 0D 0A`` by default: mode E, HDLC at the baud of Z."""
    if baud_char not in BAUD_BY_CHAR:
        raise LocalProtocolError("IEC 62056-21 baud rate character", expected="0..9", found=baud_char)
    return bytes((ACK,)) + f"{protocol}{baud_char}{mode}".encode("ascii") + CRLF


def parse_option_select(line: bytes) -> OptionSelect:
    """Parse ``ACK V Z Y CR LF``."""
    if len(line) != 6 or line[0] != ACK or not line.endswith(CRLF):
        raise DecodeError(
            "IEC 62056-21 option select", expected="ACK V Z Y CR LF (6 bytes)", found=line.hex(" ").upper()
        )
    text = _ascii(line[1:4], "option select")
    return OptionSelect(text[0], text[1], text[2])


# ---- state machines ----------------------------------------------------------------------


class ModeEState(enum.Enum):
    """Where the opening stands."""

    IDLE = "idle"
    AWAIT_IDENTIFICATION = "await-identification"  # client
    AWAIT_REQUEST = "await-request"  # server
    AWAIT_OPTION_SELECT = "await-option-select"  # server
    HDLC = "hdlc"  # done: switch to 8N1 at the new baud and speak HDLC


@dataclass(frozen=True, slots=True)
class IdentificationReceived:
    """Client: the meter identified itself; the option select is queued."""

    identification: MeterIdentification


@dataclass(frozen=True, slots=True)
class RequestReceived:
    """Server: a request for this meter arrived; the identification is queued."""

    device_address: str


@dataclass(frozen=True, slots=True)
class BaudRateSwitch:
    """Both sides: once the queued bytes are sent, switch the port to ``baud`` 8N1 and start HDLC."""

    baud: int


ModeEEvent = IdentificationReceived | RequestReceived | BaudRateSwitch


class _LineMachine:
    """Shared plumbing: a line buffer, queued output and events."""

    def __init__(self) -> None:
        self.state = ModeEState.IDLE
        self._buf = bytearray()
        self._out = bytearray()
        self._events: list[ModeEEvent] = []

    def data_to_send(self) -> bytes:
        """Bytes to write to the port (and forget them)."""
        out = bytes(self._out)
        self._out.clear()
        return out

    def next_event(self) -> ModeEEvent | None:
        """The next event, or None when more data is needed."""
        return self._events.pop(0) if self._events else None

    def _next_line(self, start: bytes) -> bytes | None:
        """The next CR LF-terminated message starting with ``start``; noise before it is dropped."""
        buf = self._buf
        first = buf.find(start)
        if first < 0:
            buf.clear()
            return None
        del buf[:first]
        end = buf.find(CRLF)
        if end < 0:
            if len(buf) > MAX_LINE:
                size = len(buf)
                buf.clear()
                raise DecodeError(
                    "IEC 62056-21 message", expected=f"CR LF within {MAX_LINE} bytes", found=size
                )
            return None
        line = bytes(buf[: end + 2])
        del buf[: end + 2]
        return line


class ModeEClient(_LineMachine):
    """The client side: request, read the identification, select mode E/HDLC."""

    def __init__(self, device_address: str = "", *, baud: int | None = None) -> None:
        """``baud`` caps the speed (None: take what the meter offers)."""
        super().__init__()
        self._request = build_request(device_address)
        if baud is not None:
            baud_char(baud)  # validate now
        self._max_baud = baud
        self.identification: MeterIdentification | None = None
        self.baud: int | None = None

    def start(self) -> None:
        """Queue the request message (send it at 300 baud, 7E1)."""
        if self.state is not ModeEState.IDLE:
            raise LocalProtocolError("IEC 62056-21 start()", expected="idle", found=self.state.value)
        self._out += self._request
        self.state = ModeEState.AWAIT_IDENTIFICATION

    def receive_data(self, data: bytes | bytearray | memoryview) -> None:
        """Feed bytes read from the port."""
        if self.state is not ModeEState.AWAIT_IDENTIFICATION:
            log.debug("IEC 62056-21 client: %d byte(s) ignored in state %s", len(data), self.state.value)
            return
        self._buf += data
        while (line := self._next_line(b"/")) is not None:
            if line == self._request:
                log.debug("IEC 62056-21 client: echo of our request ignored")
                continue
            ident = parse_identification(line)
            char = ident.baud_char
            if char not in BAUD_BY_CHAR:
                raise DecodeError(
                    "IEC 62056-21 identification", expected="a mode E baud char 0..9", found=char
                )
            if self._max_baud is not None and BAUD_BY_CHAR[char] > self._max_baud:
                char = baud_char(self._max_baud)
            self.identification = ident
            self.baud = BAUD_BY_CHAR[char]
            self._out += build_option_select(char)
            self.state = ModeEState.HDLC
            self._events += [IdentificationReceived(ident), BaudRateSwitch(self.baud)]
            return


class ModeEServer(_LineMachine):
    """The meter side: answer a request with the identification, then accept the option select."""

    def __init__(self, identification: MeterIdentification, device_address: str = "") -> None:
        super().__init__()
        self.identification = identification
        self.device_address = device_address
        self.baud: int | None = None
        self.state = ModeEState.AWAIT_REQUEST

    def receive_data(self, data: bytes | bytearray | memoryview) -> None:
        """Feed bytes read from the port."""
        if self.state is ModeEState.HDLC:
            log.debug("IEC 62056-21 server: %d byte(s) ignored in state %s", len(data), self.state.value)
            return
        self._buf += data
        while self.state is ModeEState.AWAIT_REQUEST:
            line = self._next_line(b"/")
            if line is None:
                return
            address = parse_request(line)
            if address and address != self.device_address:
                log.debug("IEC 62056-21 server: request for %r ignored", address)
                continue
            self._out += build_identification(self.identification)
            self.state = ModeEState.AWAIT_OPTION_SELECT
            self._events.append(RequestReceived(address))
        line = self._next_line(bytes((ACK,)))
        if line is None:
            return
        option = parse_option_select(line)
        if not option.is_hdlc:
            raise DecodeError("IEC 62056-21 option select", expected="mode E HDLC (2 Z 2)", found=line[1:4])
        if option.baud is None:
            raise DecodeError("IEC 62056-21 option select baud", expected="0..9", found=option.baud_char)
        self.baud = option.baud
        self.state = ModeEState.HDLC
        self._events.append(BaudRateSwitch(option.baud))
