"""The xDLMS conformance block: Gurux's ``Conformance`` flags and their wire form.

On the wire the conformance block is ``[APPLICATION 31] IMPLICIT BIT STRING (SIZE(24))``:
``5F 1F 04 00`` followed by three bytes in which Blue Book bit 0 is the most significant
bit of the first byte.  Gurux numbers the flags the other way round (``value = 1 << bit``),
so the enum value is the 24-bit wire value with its bits reversed: the LN default
``0xBA7802`` travels as ``40 1E 5D``.
"""

from __future__ import annotations

from enum import IntFlag

from ..errors import DecodeError, LocalProtocolError

#: The identifier, length and unused-bits octets in front of the three conformance bytes.
CONFORMANCE_HEADER = b"\x5f\x1f\x04\x00"


class Conformance(IntFlag):
    """Negotiable xDLMS services; the value of each flag is ``1 << Blue Book bit number``."""

    NONE = 0
    RESERVED_ZERO = 0x1
    GENERAL_PROTECTION = 0x2
    GENERAL_BLOCK_TRANSFER = 0x4
    READ = 0x8
    WRITE = 0x10
    UN_CONFIRMED_WRITE = 0x20
    DELTA_VALUE_ENCODING = 0x40
    RESERVED_SEVEN = 0x80
    ATTRIBUTE_0_SUPPORTED_WITH_SET = 0x100
    PRIORITY_MGMT_SUPPORTED = 0x200
    ATTRIBUTE_0_SUPPORTED_WITH_GET = 0x400
    BLOCK_TRANSFER_WITH_GET_OR_READ = 0x800
    BLOCK_TRANSFER_WITH_SET_OR_WRITE = 0x1000
    BLOCK_TRANSFER_WITH_ACTION = 0x2000
    MULTIPLE_REFERENCES = 0x4000
    INFORMATION_REPORT = 0x8000
    DATA_NOTIFICATION = 0x10000
    ACCESS = 0x20000
    PARAMETERIZED_ACCESS = 0x40000
    GET = 0x80000
    SET = 0x100000
    SELECTIVE_ACCESS = 0x200000
    EVENT_NOTIFICATION = 0x400000
    ACTION = 0x800000


#: The names Gurux's translator writes in ``<ConformanceBit Name="..."/>``, in bit order.
CONFORMANCE_NAMES: dict[Conformance, str] = {
    Conformance.RESERVED_ZERO: "ReservedZero",
    Conformance.GENERAL_PROTECTION: "GeneralProtection",
    Conformance.GENERAL_BLOCK_TRANSFER: "GeneralBlockTransfer",
    Conformance.READ: "Read",
    Conformance.WRITE: "Write",
    Conformance.UN_CONFIRMED_WRITE: "UnconfirmedWrite",
    Conformance.DELTA_VALUE_ENCODING: "DeltaValueEncoding",
    Conformance.RESERVED_SEVEN: "ReservedSeven",
    Conformance.ATTRIBUTE_0_SUPPORTED_WITH_SET: "Attribute0SupportedWithSet",
    Conformance.PRIORITY_MGMT_SUPPORTED: "PriorityMgmtSupported",
    Conformance.ATTRIBUTE_0_SUPPORTED_WITH_GET: "Attribute0SupportedWithGet",
    Conformance.BLOCK_TRANSFER_WITH_GET_OR_READ: "BlockTransferWithGetOrRead",
    Conformance.BLOCK_TRANSFER_WITH_SET_OR_WRITE: "BlockTransferWithSetOrWrite",
    Conformance.BLOCK_TRANSFER_WITH_ACTION: "BlockTransferWithAction",
    Conformance.MULTIPLE_REFERENCES: "MultipleReferences",
    Conformance.INFORMATION_REPORT: "InformationReport",
    Conformance.DATA_NOTIFICATION: "DataNotification",
    Conformance.ACCESS: "Access",
    Conformance.PARAMETERIZED_ACCESS: "ParameterizedAccess",
    Conformance.GET: "Get",
    Conformance.SET: "Set",
    Conformance.SELECTIVE_ACCESS: "SelectiveAccess",
    Conformance.EVENT_NOTIFICATION: "EventNotification",
    Conformance.ACTION: "Action",
}

# bit reversal of every byte value, so that a 24-bit reversal is three table look-ups
_REVERSED = bytes(int(f"{value:08b}"[::-1], 2) for value in range(256))

_LN_DEFAULT = (
    Conformance.GENERAL_PROTECTION
    | Conformance.BLOCK_TRANSFER_WITH_GET_OR_READ
    | Conformance.BLOCK_TRANSFER_WITH_SET_OR_WRITE
    | Conformance.BLOCK_TRANSFER_WITH_ACTION
    | Conformance.MULTIPLE_REFERENCES
    | Conformance.ACCESS
    | Conformance.GET
    | Conformance.SET
    | Conformance.SELECTIVE_ACCESS
    | Conformance.ACTION
)
_SN_DEFAULT = (
    Conformance.READ
    | Conformance.WRITE
    | Conformance.UN_CONFIRMED_WRITE
    | Conformance.MULTIPLE_REFERENCES
    | Conformance.INFORMATION_REPORT
    | Conformance.PARAMETERIZED_ACCESS
)


def conformance_from_bytes(wire: bytes | bytearray) -> Conformance:
    """The flags of the three conformance bytes as they appear on the wire."""
    if len(wire) != 3:
        raise DecodeError("conformance", expected="3 bytes", found=f"{len(wire)} bytes")
    return Conformance(_REVERSED[wire[0]] | _REVERSED[wire[1]] << 8 | _REVERSED[wire[2]] << 16)


def conformance_to_bytes(value: int) -> bytes:
    """The three wire bytes of a set of conformance flags."""
    if not isinstance(value, int) or not 0 <= value <= 0xFFFFFF:
        raise LocalProtocolError("conformance", expected="flags within 24 bits", found=repr(value))
    return bytes((_REVERSED[value & 0xFF], _REVERSED[value >> 8 & 0xFF], _REVERSED[value >> 16]))


def read_conformance(data: bytes, pos: int) -> tuple[Conformance, int]:
    """Read the 7-byte conformance block (``5F 1F 04 00`` and three bytes) at ``pos``."""
    end = pos + 7
    if end > len(data):
        raise DecodeError("conformance block", where=pos, expected="7 bytes", found=f"{len(data) - pos} left")
    if data[pos : pos + 4] != CONFORMANCE_HEADER:
        raise DecodeError(
            "conformance block",
            where=pos,
            expected="5F 1F 04 00",
            found=bytes(data[pos : pos + 4]).hex(" ").upper(),
        )
    return conformance_from_bytes(data[pos + 4 : end]), end


def write_conformance(out: bytearray, value: int) -> None:
    """Append the 7-byte conformance block."""
    out += CONFORMANCE_HEADER
    out += conformance_to_bytes(value)


def get_initial_conformance(use_logical_name_referencing: bool = True) -> Conformance:
    """Gurux's ``getInitialConformance``: what a client proposes unless told otherwise."""
    return _LN_DEFAULT if use_logical_name_referencing else _SN_DEFAULT


def conformance_names(value: int) -> list[str]:
    """The translator names of the set flags, in bit order."""
    return [name for flag, name in CONFORMANCE_NAMES.items() if value & flag]


__all__ = [
    "CONFORMANCE_HEADER",
    "CONFORMANCE_NAMES",
    "Conformance",
    "conformance_from_bytes",
    "conformance_names",
    "conformance_to_bytes",
    "get_initial_conformance",
    "read_conformance",
    "write_conformance",
]
