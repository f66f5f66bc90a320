"""Finding HDLC frames in a byte stream (serial line, optical head, TCP tunnel).

Frames are found by their length field, never by splitting on 7E, because 7E occurs
inside information fields.  A candidate is a 7E followed by a type-3 format byte; it is a
frame when the closing 7E is where the length says and both checksums match.  Anything
else (line noise, a frame with a bad checksum, a 7E inside data) is skipped up to the
next 7E and the search goes on.  A candidate that runs past the end of the buffer is
checked as far as the bytes allow (addresses, HCS) so that junk claiming a long length
does not stall the stream; if it still looks right, the answer is "need more".

The closing flag of one frame may also open the next one (ISO/IEC 13239 allows a shared
flag), so the search resumes *at* the closing flag.
"""

from __future__ import annotations

import logging
from binascii import crc_hqx

from ..errors import FrameError
from .fcs import BIT_REVERSE, GOOD_RESIDUE
from .hdlc_frame import FLAG, HdlcFrame, decode_frame

__all__ = ["HdlcFrameStream", "find_frame"]

log = logging.getLogger(__name__)


def _plausible(data: bytes | bytearray, pos: int, n: int) -> bool:
    """Can the incomplete candidate at ``pos`` (a 7E) still be a frame, judging by what has arrived?"""
    if n - pos < 3:
        return True
    first = data[pos + 1]
    length = ((first & 7) << 8) | data[pos + 2]
    if first & 0xF0 != 0xA0 or length < 7:
        return False
    fcs_at = pos + length - 1
    p = pos + 3
    for _address in range(2):
        size = 0
        while size < 4:
            if p + size >= min(n, fcs_at):
                return p + size < fcs_at  # header not complete yet, or runs into the FCS
            size += 1
            if data[p + size - 1] & 1:
                break
        else:
            return False  # no end bit in 4 bytes
        if size == 3:
            return False
        p += size
    p += 1  # control
    if p == fcs_at:
        return True  # no information field: the frame is at most 13 bytes long
    if p + 2 > fcs_at:
        return False
    if p + 2 > n:
        return True
    return crc_hqx(bytes(data[pos + 1 : p + 2]).translate(BIT_REVERSE), 0xFFFF) == GOOD_RESIDUE


def _find(data: bytes | bytearray, offset: int) -> tuple[HdlcFrame | None, int, int]:
    """``(frame, start, end)`` of the first valid frame, or ``(None, keep, keep)``."""
    n = len(data)
    pos = data.find(FLAG, offset)
    while pos >= 0:
        if n - pos < 3:
            return None, pos, pos
        first = data[pos + 1]
        if first == FLAG:  # a closing flag followed by the next opening flag
            pos += 1
            continue
        if first & 0xF0 == 0xA0:
            if pos + (((first & 7) << 8) | data[pos + 2]) + 2 <= n:
                try:
                    frame, end = decode_frame(data, pos)
                    return frame, pos, end
                except FrameError as exc:
                    log.debug("HDLC candidate at %d skipped: %s", pos, exc)
            elif _plausible(data, pos, n):
                return None, pos, pos
        pos = data.find(FLAG, pos + 1)
    return None, n, n


def find_frame(data: bytes | bytearray, offset: int = 0) -> tuple[HdlcFrame | None, int]:
    """Find the first valid frame at or after ``offset``.

    Returns ``(frame, end)`` with the offset after its closing flag, or ``(None, keep)``
    when more data is needed: bytes before ``keep`` are junk and may be dropped, bytes
    from ``keep`` on may start a frame.
    """
    frame, _start, end = _find(data, offset)
    return frame, end


class HdlcFrameStream:
    """Accumulate received bytes and hand out the valid frames in them, in order.

    ``feed(chunk)`` returns every frame completed by ``chunk``; a stream cut at any byte
    boundary yields the same frames.  ``discarded`` counts the junk bytes skipped.

    The buffer is ``bytes`` read at an offset: decoding slices frames out of it without a
    second copy, and consumed bytes are dropped when the next chunk is appended (a copy of
    the unconsumed tail only, at most one frame long).
    """

    __slots__ = ("_buf", "_frame_end", "_pos", "discarded")

    def __init__(self) -> None:
        self._buf = b""
        self._pos = 0
        self._frame_end = 0  # end of the last frame, so its closing flag is not counted as junk
        self.discarded = 0

    @property
    def buffered(self) -> int:
        """Bytes received but not yet part of a returned frame (or dropped as junk)."""
        return len(self._buf) - self._pos

    def receive_data(self, data: bytes | bytearray | memoryview) -> None:
        """Append received bytes."""
        pos = self._pos
        if pos:
            self._buf = self._buf[pos:] + bytes(data)
            self._frame_end = max(self._frame_end - pos, 0)
            self._pos = 0
        elif self._buf:
            self._buf += bytes(data)
        else:
            self._buf = bytes(data)

    def next_frame(self) -> HdlcFrame | None:
        """The next complete valid frame, or None when more data is needed."""
        pos = self._pos
        frame, start, end = _find(self._buf, pos)
        if start != pos:
            junk = start - max(pos, self._frame_end)
            if junk > 0:
                self.discarded += junk
                log.debug("HDLC: %d junk byte(s) skipped", junk)
        if frame is None:
            self._pos = start
            return None
        self._pos = end - 1  # the closing flag may open the next frame
        self._frame_end = end
        return frame

    def feed(self, data: bytes | bytearray | memoryview) -> list[HdlcFrame]:
        """Append ``data`` and return every frame now complete."""
        self.receive_data(data)
        frames = []
        while (frame := self.next_frame()) is not None:
            frames.append(frame)
        return frames

    def clear(self) -> None:
        """Forget buffered bytes (after a link reset)."""
        self._buf = b""
        self._pos = self._frame_end = 0
