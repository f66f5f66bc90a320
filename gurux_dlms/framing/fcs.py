"""FCS-16 of ISO/IEC 13239, the HCS/FCS of HDLC frames.

The standard CRC is the *reflected* CRC-CCITT (poly 0x8408, init 0xFFFF, xorout 0xFFFF),
sent little-endian.  A byte-wise Python loop costs about 100 ns a byte, far too slow for
the receive path, so we reuse ``binascii.crc_hqx``, the C implementation of the
*non-reflected* CRC-CCITT (poly 0x1021).  Reflection commutes with the CRC: feeding the
bit-reversed bytes to the non-reflected CRC yields the bit-reversed reflected CRC.  The
bit reversal of the input is a single ``bytes.translate`` (C speed), of the result two
table look-ups.

Checking a frame needs no comparison with the received bytes: the CRC over the data *and*
its appended FCS is the constant :data:`GOOD_RESIDUE` when nothing was corrupted.
"""

from __future__ import annotations

from binascii import crc_hqx

__all__ = ["BIT_REVERSE", "GOOD_RESIDUE", "fcs16", "fcs16_bytes", "fcs16_ok"]

#: ``BIT_REVERSE[b]`` is ``b`` with its 8 bits in reverse order (a ``bytes.translate`` table).
BIT_REVERSE: bytes = bytes(int(f"{i:08b}"[::-1], 2) for i in range(256))

#: ``crc_hqx`` over bit-reversed ``data + fcs16_bytes(data)``, init 0xFFFF, for any data:
#: the reflected "good FCS" residue 0xF0B8, bit-reversed.
GOOD_RESIDUE = 0x1D0F


def fcs16(data: bytes | bytearray | memoryview) -> int:
    """Return the FCS-16 of ``data`` as an integer (send it little-endian)."""
    crc = crc_hqx(bytes(data).translate(BIT_REVERSE), 0xFFFF)
    return ((BIT_REVERSE[crc & 0xFF] << 8) | BIT_REVERSE[crc >> 8]) ^ 0xFFFF


def fcs16_bytes(data: bytes | bytearray | memoryview) -> bytes:
    """Return the two FCS bytes to append to ``data`` (little-endian, as sent)."""
    crc = crc_hqx(bytes(data).translate(BIT_REVERSE), 0xFFFF)
    # The little-endian bytes of the reversed, inverted CRC are the inverted,
    # bit-reversed bytes of the CRC itself, high byte first.
    return bytes((BIT_REVERSE[crc >> 8] ^ 0xFF, BIT_REVERSE[crc & 0xFF] ^ 0xFF))


def fcs16_ok(data_with_fcs: bytes | bytearray | memoryview) -> bool:
    """Tell whether ``data_with_fcs`` ends with the correct FCS of what precedes it."""
    return crc_hqx(bytes(data_with_fcs).translate(BIT_REVERSE), 0xFFFF) == GOOD_RESIDUE
