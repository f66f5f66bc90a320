"""HDLC addresses (IEC 62056-46 §6.4.2): 1, 2 or 4 bytes of 7 bits, the last byte marked by LSB 1.

A server address has an *upper* (logical device) and a *lower* (physical device) part.
Gurux exposes it as one combined integer, and so do we, because the Gurux API
(``serverAddress``, ``getServerAddress``) and the XML translator print it that way:

=====  ==========================  ==============================
size   combined value              parts
=====  ==========================  ==============================
1      ``upper``                   upper 7 bits, no lower address
2      ``upper << 7 | lower``      7 bits each
4      ``upper << 14 | lower``     14 bits each
=====  ==========================  ==============================

The client address is a 1-byte SAP, ``(sap << 1) | 1`` on the wire.
"""

from __future__ import annotations

from functools import lru_cache

from ..errors import ConfigurationError, FrameError, LocalProtocolError

__all__ = [
    "MAX_ADDRESS",
    "address_size",
    "decode_address",
    "encode_address",
    "join_server_address",
    "server_address_size",
    "split_server_address",
]

#: The largest value each address size can carry.
MAX_ADDRESS = {1: 0x7F, 2: 0x3FFF, 4: 0x0FFF_FFFF}

# (bits of the upper part, bits of the lower part) per size, for split/join.
_SPLIT = {1: 0, 2: 7, 4: 14}


def address_size(value: int) -> int:
    """The smallest size (1, 2 or 4) that carries ``value`` (Gurux ``serverAddressSize`` 0)."""
    if 0 <= value <= 0x7F:
        return 1
    if 0x7F < value <= 0x3FFF:
        return 2
    if 0x3FFF < value <= 0x0FFF_FFFF:
        return 4
    raise LocalProtocolError("HDLC address out of range", expected="0..0x0FFFFFFF", found=value)


server_address_size = address_size


@lru_cache(maxsize=256)
def encode_address(value: int, size: int = 0) -> bytes:
    """Encode an address in ``size`` bytes (0 = automatic), the last byte with LSB 1.

    Raises ConfigurationError for a size other than 0, 1, 2, 4 and LocalProtocolError
    for a value that does not fit.
    """
    if size == 0:
        size = address_size(value)
    elif size not in MAX_ADDRESS:
        raise ConfigurationError("HDLC address size", expected="0 (automatic), 1, 2 or 4", found=size)
    if not 0 <= value <= MAX_ADDRESS[size]:
        raise LocalProtocolError(
            f"HDLC address does not fit in {size} byte(s)", expected=f"0..{MAX_ADDRESS[size]:#x}", found=value
        )
    if size == 1:
        return bytes(((value << 1) | 1,))
    if size == 2:
        return bytes(((value >> 6) & 0xFE, ((value << 1) & 0xFE) | 1))
    upper, lower = value >> 14, value & 0x3FFF
    return bytes(((upper >> 6) & 0xFE, (upper << 1) & 0xFE, (lower >> 6) & 0xFE, ((lower << 1) & 0xFE) | 1))


def decode_address(
    data: bytes | bytearray | memoryview, offset: int, limit: int | None = None
) -> tuple[int, int]:
    """Decode the address at ``offset``; return ``(value, size)``.

    ``limit`` is the first offset the address may not reach (the frame's FCS).
    """
    if limit is None:
        limit = len(data)
    size = 0
    for i in range(offset, min(offset + 4, limit)):
        if data[i] & 1:
            size = i - offset + 1
            break
    if size == 0:
        if offset + 4 <= limit:
            raise FrameError(
                "HDLC address", where=offset, expected="at most 4 bytes", found="no end bit (LSB) in 4 bytes"
            )
        raise FrameError(
            "HDLC address", where=offset, expected="an address byte with LSB 1", found="end of the header"
        )
    if size == 1:
        return data[offset] >> 1, 1
    if size == 2:
        return ((data[offset] >> 1) << 7) | (data[offset + 1] >> 1), 2
    if size == 4:
        b0, b1, b2, b3 = data[offset], data[offset + 1], data[offset + 2], data[offset + 3]
        return ((b0 >> 1) << 21) | ((b1 >> 1) << 14) | ((b2 >> 1) << 7) | (b3 >> 1), 4
    raise FrameError("HDLC address size", where=offset, expected="1, 2 or 4 bytes", found=f"{size} bytes")


def join_server_address(logical: int, physical: int, size: int = 0) -> int:
    """Combine logical and physical addresses as Gurux ``getServerAddress`` does.

    ``logical << 7 | physical`` when both are below 0x80 and ``size`` is not 4,
    else ``logical << 14 | physical``; with ``size`` 1 only a logical address (physical 0).
    """
    if size not in (0, 1, 2, 4):
        raise ConfigurationError("HDLC server address size", expected="0, 1, 2 or 4", found=size)
    if logical < 0 or physical < 0:
        raise ConfigurationError(
            "HDLC server address", expected="non-negative parts", found=(logical, physical)
        )
    if size == 1:
        if physical or logical > 0x7F:
            raise ConfigurationError(
                "1-byte HDLC server address", expected="logical 0..127, physical 0", found=(logical, physical)
            )
        return logical
    if size != 4 and logical < 0x80 and physical < 0x80:
        return (logical << 7) | physical
    if logical > 0x3FFF or physical > 0x3FFF:
        raise ConfigurationError(
            "4-byte HDLC server address", expected="parts 0..0x3FFF", found=(logical, physical)
        )
    return (logical << 14) | physical


def split_server_address(value: int, size: int = 0) -> tuple[int, int]:
    """Split a combined server address into ``(logical, physical)`` for the given size."""
    if size == 0:
        size = address_size(value)
    elif size not in _SPLIT:
        raise ConfigurationError("HDLC server address size", expected="0, 1, 2 or 4", found=size)
    shift = _SPLIT[size]
    if shift == 0:
        return value, 0
    return value >> shift, value & ((1 << shift) - 1)
