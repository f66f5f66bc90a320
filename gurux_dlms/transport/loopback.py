"""In-process media: two connected ends, or one end answered by a function.

``LoopbackMedia.pair()`` gives two ends of a pipe (what one sends, the other receives;
closing one closes the other, as a TCP peer would), for a meter running on another thread.
``LoopbackMedia(answer=meter.feed)`` answers every send at once with what the function
returns, which drives a scripted meter with no thread at all.

Both behave as a serial port too: :meth:`set_line` records the line changes (``lines``), so
the IEC 62056-21 mode E opening runs over them unchanged.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

from ..errors import MediaClosedError
from .media import HDLC_LINE, Inbox, SerialLine

_numbers = itertools.count(1)


class LoopbackMedia:
    """An in-process medium (see the module documentation)."""

    def __init__(self, name: str | None = None, *, answer: Callable[[bytes], bytes | None] | None = None,
                 line: SerialLine = HDLC_LINE) -> None:
        self._inbox = Inbox(name or f"loopback {next(_numbers)}")
        self._answer = answer
        self._peer: LoopbackMedia | None = None
        self._open = False
        self._line = line
        self.lines: list[SerialLine] = []
        self.sent = bytearray()

    @classmethod
    def pair(cls, name: str = "loopback") -> tuple[LoopbackMedia, LoopbackMedia]:
        """Two connected ends (``a.send`` arrives at ``b.receive`` and back)."""
        a, b = cls(f"{name} A"), cls(f"{name} B")
        a._peer, b._peer = b, a
        return a, b

    @property
    def name(self) -> str:
        return self._inbox.name

    @property
    def is_open(self) -> bool:
        """True while open (False once the other end of a pair has closed)."""
        return self._open and self._inbox.failure is None

    @property
    def line(self) -> SerialLine:
        return self._line

    def open(self) -> None:
        self._inbox.reset()
        self._open = True

    def close(self) -> None:
        if not self._open:
            return
        self._open = False
        self._inbox.fail("closed")
        if self._peer is not None:
            self._peer._inbox.fail("closed by the peer")

    def send(self, data: bytes) -> None:
        if not self._open:
            raise MediaClosedError(f"{self.name} is not open")
        data = bytes(data)
        if self._peer is not None and not self._peer._open:
            raise MediaClosedError(f"{self.name}: the other end is not open")
        self.sent += data
        if self._peer is not None:
            self._peer._inbox.put(data)
        elif self._answer is not None:
            reply = self._answer(data)
            if reply:
                self._inbox.put(reply)

    def inject(self, data: bytes) -> None:
        """Make ``data`` arrive at this end (what a meter would send unasked)."""
        self._inbox.put(bytes(data))

    def receive(self, timeout: float) -> bytes:
        if not self._open and self._inbox.failure is None:
            raise MediaClosedError(f"{self.name} is not open")
        return self._inbox.take(timeout)

    def set_line(self, line: SerialLine) -> None:
        self._line = line
        self.lines.append(line)

    def drain(self) -> None:
        return None

    def __repr__(self) -> str:
        return f"LoopbackMedia({self.name!r})"


__all__ = ["LoopbackMedia"]
