"""IEC 62056-47 WRAPPER (DLMS over TCP/UDP): an 8-byte header before each APDU.

``version u16 (0x0001) | source wPort u16 | destination wPort u16 | length u16 | APDU``

A TCP read may hold part of a frame or several frames, so :class:`WrapperStream`
reassembles by the length field.  There is no flag and no checksum to resynchronise on:
a bad version in a stream is fatal for that stream.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

from ..errors import FrameError, LocalProtocolError

__all__ = [
    "HEADER_SIZE",
    "MAX_APDU",
    "WRAPPER_VERSION",
    "WrapperFrame",
    "WrapperStream",
    "decode_wrapper",
    "encode_wrapper",
    "parse_wrapper",
    "wrapper_bytes_needed",
]

WRAPPER_VERSION = 0x0001
HEADER_SIZE = 8
MAX_APDU = 0xFFFF

_HEADER = struct.Struct(">HHHH")


@dataclass(frozen=True, slots=True)
class WrapperFrame:
    """One WRAPPER frame: source and destination wPorts (client SAP / server logical device) and the APDU."""

    source: int
    destination: int
    apdu: bytes

    def encode(self) -> bytes:
        """The frame as bytes."""
        return encode_wrapper(self.source, self.destination, self.apdu)


def encode_wrapper(source: int, destination: int, apdu: bytes | bytearray | memoryview) -> bytes:
    """Header plus APDU.  Raises LocalProtocolError for a port above 0xFFFF or an APDU above 65535 bytes."""
    if not 0 <= source <= 0xFFFF or not 0 <= destination <= 0xFFFF:
        raise LocalProtocolError("WRAPPER wPort", expected="0..65535", found=(source, destination))
    if len(apdu) > MAX_APDU:
        raise LocalProtocolError(
            "WRAPPER APDU too long", expected=f"at most {MAX_APDU} bytes", found=len(apdu)
        )
    return _HEADER.pack(WRAPPER_VERSION, source, destination, len(apdu)) + bytes(apdu)


def _header(data: bytes | bytearray | memoryview, offset: int) -> tuple[int, int, int]:
    """``(source, destination, length)`` of the header at ``offset`` (enough bytes assumed)."""
    version, source, destination, length = _HEADER.unpack_from(data, offset)
    if version != WRAPPER_VERSION:
        raise FrameError("WRAPPER version", where=offset, expected="00 01", found=f"{version:04X}")
    return source, destination, length


def wrapper_bytes_needed(data: bytes | bytearray | memoryview, offset: int = 0) -> int:
    """How many more bytes the frame at ``offset`` needs (0 when it is complete)."""
    available = len(data) - offset
    if available < HEADER_SIZE:
        return HEADER_SIZE - available
    length = _header(data, offset)[2]
    return max(HEADER_SIZE + length - available, 0)


def decode_wrapper(data: bytes | bytearray | memoryview, offset: int = 0) -> tuple[WrapperFrame, int]:
    """Decode the frame at ``offset``; return it and the offset after it.

    Raises FrameError for a bad version or when the buffer ends before the frame does.
    """
    if offset < 0:
        raise FrameError("WRAPPER offset", expected=">= 0", found=offset)
    available = len(data) - offset
    if available < HEADER_SIZE:
        raise FrameError(
            "WRAPPER header",
            where=offset,
            expected=f"{HEADER_SIZE} bytes",
            found=f"{max(available, 0)} bytes",
        )
    source, destination, length = _header(data, offset)
    end = offset + HEADER_SIZE + length
    if end > len(data):
        raise FrameError(
            "WRAPPER length field",
            where=offset + 6,
            expected=f"{length} APDU bytes",
            found=f"{available - HEADER_SIZE}",
        )
    return WrapperFrame(source, destination, bytes(data[offset + HEADER_SIZE : end])), end


def parse_wrapper(data: bytes | bytearray | memoryview) -> WrapperFrame:
    """Decode a buffer that must hold exactly one frame (a length that disagrees is a FrameError)."""
    frame, end = decode_wrapper(data, 0)
    if end != len(data):
        raise FrameError(
            "WRAPPER length field",
            where=6,
            expected=f"{len(data) - HEADER_SIZE} (the bytes present)",
            found=end - HEADER_SIZE,
        )
    return frame


class WrapperStream:
    """Reassemble WRAPPER frames from arbitrary TCP reads; ``feed(chunk)`` returns the completed frames."""

    __slots__ = ("_buf", "_pos")

    def __init__(self) -> None:
        self._buf = bytearray()
        self._pos = 0

    @property
    def buffered(self) -> int:
        """Bytes received but not yet part of a returned frame."""
        return len(self._buf) - self._pos

    @property
    def bytes_needed(self) -> int:
        """At least this many more bytes are needed before the next frame is complete."""
        return wrapper_bytes_needed(self._buf, self._pos) if self.buffered else HEADER_SIZE

    def feed(self, data: bytes | bytearray | memoryview) -> list[WrapperFrame]:
        """Append ``data``; return every frame now complete.  A bad version raises FrameError and clears the stream."""
        buf = self._buf
        buf += data
        frames = []
        pos, n = self._pos, len(buf)
        try:
            while n - pos >= HEADER_SIZE:
                source, destination, length = _header(buf, pos)
                end = pos + HEADER_SIZE + length
                if end > n:
                    break
                frames.append(WrapperFrame(source, destination, bytes(buf[pos + HEADER_SIZE : end])))
                pos = end
        except FrameError:
            self.clear()
            raise
        if pos == n:
            buf.clear()
            pos = 0
        elif pos > 4096:
            del buf[:pos]
            pos = 0
        self._pos = pos
        return frames

    def clear(self) -> None:
        """Forget buffered bytes."""
        self._buf.clear()
        self._pos = 0
