"""General-Block-Transfer (0xE0): any APDU cut into numbered blocks, with windowed acknowledgement.

GBT carries a complete APDU (often a ciphered one) in ``block_data`` pieces. The control
byte holds the last-block bit (7), the streaming bit (6) and the window size (bits 0-5);
``block_number_ack`` acknowledges the peer's blocks, so an empty block is a plain ack.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

from ..errors import LocalProtocolError
from .base import Apdu, register
from .commands import Command
from .common import put_octet_string, read_octet_string, truncated

_HEAD = struct.Struct(">BHH")

LAST_BLOCK = 0x80
STREAMING = 0x40
WINDOW_MASK = 0x3F


@register
@dataclass(slots=True)
class GeneralBlockTransfer(Apdu):
    """General-Block-Transfer: block control, block number, acknowledged number and the data."""

    TAG = int(Command.GENERAL_BLOCK_TRANSFER)
    last_block: bool
    streaming: bool
    window: int
    block_number: int
    block_number_ack: int
    block_data: bytes = b""

    @property
    def block_control(self) -> int:
        """The control byte as sent: last-block (bit 7), streaming (bit 6), window (bits 0-5)."""
        return (LAST_BLOCK if self.last_block else 0) | (STREAMING if self.streaming else 0) | self.window

    @classmethod
    def from_block_control(cls, block_control: int, block_number: int, block_number_ack: int,
                           block_data: bytes = b"") -> GeneralBlockTransfer:
        """Build from the control byte instead of its three fields."""
        return cls(bool(block_control & LAST_BLOCK), bool(block_control & STREAMING),
                   block_control & WINDOW_MASK, block_number, block_number_ack, block_data)

    def encode_into(self, out: bytearray) -> None:
        if not isinstance(self.window, int) or not 0 <= self.window <= WINDOW_MASK:
            raise LocalProtocolError("GBT window", expected="0..63", found=repr(self.window))
        try:
            head = _HEAD.pack(self.block_control, self.block_number, self.block_number_ack)
        except (struct.error, TypeError):
            raise LocalProtocolError("GBT block numbers", expected="integers 0..65535",
                                     found=(self.block_number, self.block_number_ack)) from None
        out.append(self.TAG)
        out += head
        put_octet_string(out, self.block_data, "block data")

    @classmethod
    def decode_body(cls, data: bytes, pos: int) -> tuple[GeneralBlockTransfer, int]:
        try:
            control, number, ack = _HEAD.unpack_from(data, pos)
        except struct.error:
            raise truncated("GeneralBlockTransfer", pos, _HEAD.size, data) from None
        block, pos = read_octet_string(data, pos + 5, "block data")
        return cls(bool(control & LAST_BLOCK), bool(control & STREAMING), control & WINDOW_MASK,
                   number, ack, block), pos


__all__ = ["GeneralBlockTransfer"]
