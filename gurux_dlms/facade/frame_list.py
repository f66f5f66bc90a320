"""A list of frames whose HDLC numbering happens when each APDU's frames are reached.

A SET or ACTION sent in blocks is several APDUs; Gurux's API returns all their frames at
once and the caller sends them one by one, reading the meter's answer in between.  Each
answer is an I-frame that advances our receive count N(R), so the frames of a later block
must be numbered after the answers before it arrived.  This list builds the frames of an
APDU the first time any of them is reached (iteration or index), so their N(R) is current.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, SupportsIndex


class FrameList(list):
    """Frames of several APDUs, each APDU framed when its first frame is reached."""

    def __init__(self, producers: list[Callable[[], list[bytearray]]], counts: list[int]) -> None:
        super().__init__()
        self._producers = producers
        self._counts = counts
        self._built: list[list[bytearray] | None] = [None] * len(producers)

    def _apdu_frames(self, index: int) -> list[bytearray]:
        frames = self._built[index]
        if frames is None:
            for earlier in range(index):  # keep the sending order even on random access
                self._apdu_frames(earlier)
            frames = self._built[index] = self._producers[index]()
        return frames

    def __len__(self) -> int:
        return sum(self._counts)

    def __bool__(self) -> bool:
        return bool(self._counts)

    def __iter__(self) -> Iterator[bytearray]:
        for index in range(len(self._producers)):
            yield from self._apdu_frames(index)

    def __getitem__(self, position: Any) -> Any:
        if isinstance(position, slice):
            return [self[i] for i in range(*position.indices(len(self)))]
        index = int(position)
        if index < 0:
            index += len(self)
        for apdu, count in enumerate(self._counts):
            if index < count:
                return self._apdu_frames(apdu)[index]
            index -= count
        raise IndexError("frame index out of range")

    def __repr__(self) -> str:
        return f"FrameList({len(self)} frames in {len(self._producers)} APDUs)"

    def __eq__(self, other: object) -> bool:
        return list(self) == other

    __hash__ = None

    def __reduce__(self) -> Any:
        return (list, (list(self),))

    def index(self, value: Any, start: SupportsIndex = 0, stop: SupportsIndex = 2**63 - 1) -> int:
        return list(self).index(value, start, stop)


__all__ = ["FrameList"]
