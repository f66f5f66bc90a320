"""The input forms the translator accepts: bytes, bytearray, memoryview, GXByteBuffer, hex text."""

from __future__ import annotations

from typing import Any

from ..data.byte_buffer import GXByteBuffer
from ..errors import DecodeError


def to_bytes(value: Any) -> bytes:
    """``value`` as bytes; hex text may contain spaces, line breaks and a ``0x`` prefix."""
    if isinstance(value, bytes):
        return value
    if isinstance(value, (bytearray, memoryview)):
        return bytes(value)
    if isinstance(value, GXByteBuffer):
        return bytes(value.getData()[value.position:])
    if isinstance(value, str):
        text = "".join(value.split())
        if text[:2] in ("0x", "0X"):
            text = text[2:]
        try:
            return bytes.fromhex(text)
        except ValueError:
            bad = next((i for i, c in enumerate(text) if c not in "0123456789abcdefABCDEF"), len(text))
            raise DecodeError("hex text", where=bad, expected="hex digits",
                              found=repr(text[bad:bad + 8]) if bad < len(text) else "an odd number of digits") from None
    raise DecodeError("PDU", expected="bytes, bytearray, GXByteBuffer or hex text", found=type(value).__name__)


__all__ = ["to_bytes"]
