"""FCS-16 (ISO/IEC 13239): the fast crc_hqx-based implementation against a plain table-driven one."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gurux_dlms.framing.fcs import BIT_REVERSE, GOOD_RESIDUE, fcs16, fcs16_bytes, fcs16_ok


def _reference_table() -> list[int]:
    table = []
    for byte in range(256):
        crc = byte
        for _ in range(8):
            crc = (crc >> 1) ^ 0x8408 if crc & 1 else crc >> 1
        table.append(crc)
    return table


_TABLE = _reference_table()


def reference_fcs16(data: bytes) -> int:
    """Reflected CRC-CCITT, init 0xFFFF, xorout 0xFFFF, one table look-up per byte."""
    crc = 0xFFFF
    for byte in data:
        crc = (crc >> 8) ^ _TABLE[(crc ^ byte) & 0xFF]
    return crc ^ 0xFFFF


def test_bit_reverse_table() -> None:
    assert len(BIT_REVERSE) == 256
    assert BIT_REVERSE[0x01] == 0x80
    assert BIT_REVERSE[0x0F] == 0xF0
    assert BIT_REVERSE[0x7E] == 0x7E
    assert all(BIT_REVERSE[BIT_REVERSE[b]] == b for b in range(256))


@pytest.mark.parametrize(
    ("hex_data", "fcs_hex"),
    [
        ("A0 07 03 21 93", "0F 01"),  # default SNRM, Gurux
        ("A0 07 03 21 53", "03 C7"),  # DISC
        ("A0 07 03 21 91", "1D 22"),  # RR N(R)=4
        ("A0 10 03 21 93", "8F 95"),  # HCS of the SNRM with maxInfoRX=512
    ],
)
def test_known_checksums(hex_data: str, fcs_hex: str) -> None:
    data = bytes.fromhex(hex_data)
    assert fcs16_bytes(data) == bytes.fromhex(fcs_hex)
    assert fcs16(data) == int.from_bytes(bytes.fromhex(fcs_hex), "little")
    assert reference_fcs16(data) == fcs16(data)


def test_check_value_of_the_standard() -> None:
    # The CRC-16/X-25 (= ISO/IEC 13239 FCS-16) check value over "123456789".
    assert fcs16(b"123456789") == 0x906E == reference_fcs16(b"123456789")


def test_empty_input() -> None:
    assert fcs16(b"") == reference_fcs16(b"") == 0x0000


@given(st.binary(max_size=3000))
def test_matches_reference(data: bytes) -> None:
    assert fcs16(data) == reference_fcs16(data)
    assert fcs16_bytes(data) == reference_fcs16(data).to_bytes(2, "little")


@given(st.binary(max_size=300))
def test_residue_detects_good_and_bad(data: bytes) -> None:
    good = data + fcs16_bytes(data)
    assert fcs16_ok(good)
    assert fcs16_ok(bytearray(good)) and fcs16_ok(memoryview(good))
    corrupted = bytearray(good)
    corrupted[-1] ^= 0x01
    assert not fcs16_ok(corrupted)
    assert GOOD_RESIDUE == 0x1D0F
