"""General block transfer (Green Book 9.3.10) as two small sans-I/O state machines.

When both ends negotiated GENERAL_BLOCK_TRANSFER, an APDU of any size (usually a ciphered
one) travels in numbered GBT blocks.  The sender sends up to the receiver's window of
blocks back to back (``streaming`` set on all but the last of a window) and waits for an
acknowledgement (an empty block whose ``block_number_ack`` is the last block received)
before sending the next window; a lost block makes the receiver acknowledge the last block
it has in order, and the sender resends from there.  The final block has ``last_block``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..apdu.gbt import GeneralBlockTransfer
from ..errors import LocalProtocolError, RemoteProtocolError

#: Bytes a GBT block adds around its data: tag, control, two numbers, length (up to 3 bytes).
GBT_OVERHEAD = 1 + 1 + 2 + 2 + 3


@dataclass(slots=True)
class GbtSender:
    """Cuts one APDU into blocks and releases them a window at a time."""

    payload: bytes
    block_size: int
    window: int = 1
    first_number: int = 1
    ack_number: int = 0  # the peer's last block we acknowledge in ours
    blocks: list[bytes] = field(default_factory=list)
    acknowledged: int = 0  # blocks the receiver confirmed (count from the first)
    sent: int = 0

    def __post_init__(self) -> None:
        if self.block_size < 1:
            raise LocalProtocolError("GBT block size", expected="at least 1 byte", found=self.block_size)
        if not 1 <= self.window <= 63:
            raise LocalProtocolError("GBT window", expected="1..63", found=self.window)
        raw = self.payload
        self.blocks = [raw[i : i + self.block_size] for i in range(0, len(raw), self.block_size)] or [b""]

    @property
    def done(self) -> bool:
        """True when every block was sent."""
        return self.sent >= len(self.blocks)

    def next_window(self) -> list[GeneralBlockTransfer]:
        """The blocks to send now: up to ``window`` of them, the last of the window not streaming."""
        start = self.sent
        end = min(len(self.blocks), start + self.window)
        out = []
        for index in range(start, end):
            last = index == len(self.blocks) - 1
            out.append(GeneralBlockTransfer(last, index < end - 1, self.window, self.first_number + index,
                                            self.ack_number, self.blocks[index]))
        self.sent = end
        return out

    def on_ack(self, ack: GeneralBlockTransfer) -> None:
        """Take the receiver's acknowledgement; a lower number than sent means resend from there."""
        confirmed = ack.block_number_ack - self.first_number + 1
        if not 0 <= confirmed <= self.sent:
            raise RemoteProtocolError("GBT acknowledgement", expected=f"a block number up to {self.sent}",
                                      found=ack.block_number_ack)
        self.acknowledged = confirmed
        self.sent = confirmed  # resend whatever was not confirmed
        if ack.window:
            self.window = min(ack.window, 63)


@dataclass(slots=True)
class GbtReceiver:
    """Joins received blocks, checks their numbering and says when to acknowledge."""

    window: int = 1
    expected: int = 1
    data: bytearray = field(default_factory=bytearray)
    complete: bool = False
    own_number: int = 0  # our block number in acknowledgements

    def on_block(self, block: GeneralBlockTransfer) -> GeneralBlockTransfer | None:
        """Take one block; return the acknowledgement to send now, if one is due."""
        if self.complete:
            raise RemoteProtocolError("GBT block", expected="no block after the last one", found=block.block_number)
        if block.block_number != self.expected:
            if block.block_number < self.expected:
                return None  # a duplicate of a block we have
            # a gap: acknowledge what we have so the sender resends the rest
            return self.ack(force=True)
        self.data += block.block_data
        self.expected += 1
        if block.last_block:
            self.complete = True
            return None
        if not block.streaming:
            return self.ack()
        return None

    def ack(self, force: bool = False) -> GeneralBlockTransfer:
        """An empty block acknowledging everything received in order."""
        return GeneralBlockTransfer(False, False, self.window, self.own_number, self.expected - 1, b"")


__all__ = ["GBT_OVERHEAD", "GbtReceiver", "GbtSender"]
