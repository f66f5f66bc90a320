"""AES-GCM (security suites 0-2): NIST and Green Book known answers, tampering, malformed input."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gurux_dlms.errors import AuthenticationError, ConfigurationError, DecryptionError
from gurux_dlms.security import gcm

# GCM specification (McGrew & Viega) / SP 800-38D test cases with 96-bit IVs.
K0 = bytes(16)
K1 = bytes.fromhex("feffe9928665731c6d6a8f9467308308")
IV1 = bytes.fromhex("cafebabefacedbaddecaf888")
P64 = bytes.fromhex(
    "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
    "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255")
A20 = bytes.fromhex("feedfacedeadbeeffeedfacedeadbeefabaddad2")
C64_128 = bytes.fromhex(
    "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e"
    "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091473f5985")
C64_256 = bytes.fromhex(
    "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
    "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad")

NIST = [
    # (name, key, iv, aad, plaintext, ciphertext, tag)
    ("TC1", K0, bytes(12), b"", b"", b"", "58e2fccefa7e3061367f1d57a4e7455a"),
    ("TC2", K0, bytes(12), b"", bytes(16), bytes.fromhex("0388dace60b6a392f328c2b971b2fe78"),
     "ab6e47d42cec13bdf53a67b21257bddf"),
    ("TC3", K1, IV1, b"", P64, C64_128, "4d5c2af327cd64a62cf35abd2ba6fab4"),
    ("TC4", K1, IV1, A20, P64[:60], C64_128[:60], "5bc94fbc3221a5db94fae95ae7121a47"),
    ("TC13", bytes(32), bytes(12), b"", b"", b"", "530f8afbc74536b9a963b4f1c4cb738b"),
    ("TC14", bytes(32), bytes(12), b"", bytes(16), bytes.fromhex("cea7403d4d606b6e074ec5d3baf39d18"),
     "d0d1c8a799996bf0265b98b5d48ab919"),
    ("TC15", K1 + K1, IV1, b"", P64, C64_256, "b094dac5d93471bdec1a502270e3cc6c"),
    ("TC16", K1 + K1, IV1, A20, P64[:60], C64_256[:60], "76fc6ece0f4e1768cddf8853bb2d551b"),
]

EK = bytes(range(16))
AK = bytes(range(0xD0, 0xE0))
GB_TITLE = bytes.fromhex("4D4D4D0000BC614E")
GB_IC = 0x01234567
GB_PLAIN = bytes.fromhex("C0010000080000010000FF0200")


@pytest.mark.parametrize("case", NIST, ids=lambda c: c[0])
def test_nist_vectors_full_tag(case: tuple) -> None:
    _name, key, iv, aad, plain, cipher, tag = case
    sealed = gcm.seal(key, iv, aad, plain, tag_length=16)
    assert sealed == cipher + bytes.fromhex(tag)
    assert gcm.open_sealed(key, iv, aad, sealed, tag_length=16) == plain


@pytest.mark.parametrize("case", NIST, ids=lambda c: c[0])
def test_nist_vectors_truncated_tag_as_dlms_uses(case: tuple) -> None:
    _name, key, iv, aad, plain, cipher, tag = case
    sealed = gcm.seal(key, iv, aad, plain)
    assert sealed == cipher + bytes.fromhex(tag)[:12]
    assert gcm.open_sealed(key, iv, aad, sealed) == plain
    assert gcm.keystream_xor(key, iv, plain) == cipher


@pytest.mark.parametrize("case", [c for c in NIST if not c[3]], ids=lambda c: c[0])
def test_nist_vectors_through_the_dlms_functions(case: tuple) -> None:
    """A NIST IV read as system title || invocation counter; encryption-only gives the NIST ciphertext."""
    _name, key, iv, _aad, plain, cipher, _tag = case
    title, ic = iv[:8], int.from_bytes(iv[8:], "big")
    suite = 2 if len(key) == 32 else 0
    sc = gcm.security_control(0x20, suite)
    out = gcm.encrypt(sc, title, ic, key, AK, plain)
    assert out == bytes((sc,)) + iv[8:] + cipher
    assert gcm.decrypt(title, key, AK, out) == (sc, ic, plain)


def test_green_book_authenticated_encryption() -> None:
    out = gcm.encrypt(0x30, GB_TITLE, GB_IC, EK, AK, GB_PLAIN)
    assert out.hex().upper() == "3001234567" "411312FF935A47566827C467BC" "7D825C3BE4A77C3FCC056B6B"
    assert gcm.decrypt(GB_TITLE, EK, AK, out).plaintext == GB_PLAIN


def test_green_book_authentication_only() -> None:
    out = gcm.encrypt(0x10, GB_TITLE, GB_IC, EK, AK, GB_PLAIN)
    assert out.hex().upper() == "1001234567" + GB_PLAIN.hex().upper() + "06725D910F9221D263877516"
    assert gcm.gmac(0x10, GB_TITLE, GB_IC, EK, AK, GB_PLAIN).hex().upper() == "06725D910F9221D263877516"


def test_green_book_encryption_only() -> None:
    out = gcm.encrypt(0x20, GB_TITLE, GB_IC, EK, AK, GB_PLAIN)
    assert out.hex().upper() == "2001234567" "411312FF935A47566827C467BC"


@pytest.mark.parametrize("security", [0x10, 0x20, 0x30, 0x00])
@pytest.mark.parametrize("suite,key", [(0, EK), (1, EK), (2, bytes(range(32)))])
def test_round_trip_every_security_and_suite(security: int, suite: int, key: bytes) -> None:
    sc = gcm.security_control(security, suite)
    out = gcm.encrypt(sc, GB_TITLE, 7, key, AK, GB_PLAIN)
    assert out[0] == sc and out[1:5] == b"\0\0\0\x07"
    assert len(out) == 5 + len(GB_PLAIN) + (12 if security & 0x10 else 0)
    assert gcm.decrypt(GB_TITLE, key, AK, out) == (sc, 7, GB_PLAIN)


def test_security_control_bits() -> None:
    assert gcm.security_control(0x30, 1) == 0x31
    assert gcm.security_control(0x10, 0, broadcast=True) == 0x50
    assert gcm.security_control(0x20, 2, compression=True) == 0xA2
    with pytest.raises(ConfigurationError):
        gcm.security_control(0x31)
    with pytest.raises(ConfigurationError):
        gcm.security_control(0x30, 3)


@given(position=st.integers(min_value=0), bit=st.integers(min_value=0, max_value=7),
       security=st.sampled_from([0x10, 0x30]), plain=st.binary(min_size=1, max_size=40))
def test_any_flipped_bit_is_detected(position: int, bit: int, security: int, plain: bytes) -> None:
    """Every flipped bit raises, except clearing the authentication bit of SC itself: that is a
    downgrade GCM cannot see (the caller's policy check, ``require=``, does), and even then the
    plaintext does not come back intact."""
    out = bytearray(gcm.encrypt(security, GB_TITLE, GB_IC, EK, AK, plain))
    position %= len(out)
    out[position] ^= 1 << bit
    if position == 0 and bit == 4:
        assert gcm.decrypt(GB_TITLE, EK, AK, bytes(out)).plaintext != plain
        return
    with pytest.raises((AuthenticationError, DecryptionError)):
        gcm.decrypt(GB_TITLE, EK, AK, bytes(out))


@given(position=st.integers(min_value=5), bit=st.integers(min_value=0, max_value=7),
       plain=st.binary(min_size=1, max_size=40))
def test_flipped_ciphertext_or_tag_bit_raises_authentication_error(position: int, bit: int, plain: bytes) -> None:
    out = bytearray(gcm.encrypt(0x30, GB_TITLE, GB_IC, EK, AK, plain))
    position = 5 + (position - 5) % (len(out) - 5)
    out[position] ^= 1 << bit
    with pytest.raises(AuthenticationError):
        gcm.decrypt(GB_TITLE, EK, AK, bytes(out))


@pytest.mark.parametrize("field", ["title", "counter", "ak"])
def test_wrong_nonce_or_authentication_key_fails(field: str) -> None:
    out = gcm.encrypt(0x30, GB_TITLE, GB_IC, EK, AK, GB_PLAIN)
    title, ak = GB_TITLE, AK
    if field == "title":
        title = b"ABCDEFGH"
    elif field == "ak":
        ak = bytes(16)
    else:
        out = out[:4] + bytes((out[4] ^ 1,)) + out[5:]
    with pytest.raises(AuthenticationError):
        gcm.decrypt(title, EK, ak, out)


@pytest.mark.parametrize("data", [b"", b"\x30\x00\x00\x00", b"\x10\x00\x00\x00\x01" + bytes(11),
                                  b"\x30\x00\x00\x00\x01" + bytes(11)])
def test_too_short_content_raises_decryption_error(data: bytes) -> None:
    with pytest.raises(DecryptionError):
        gcm.decrypt(GB_TITLE, EK, AK, data)


def test_unusable_parameters() -> None:
    with pytest.raises(DecryptionError):
        gcm.decrypt(GB_TITLE, EK, AK, b"\x33\x00\x00\x00\x01" + bytes(20))  # unknown suite 3
    with pytest.raises(DecryptionError):
        gcm.decrypt(GB_TITLE, EK, AK, b"\x32\x00\x00\x00\x01" + bytes(20))  # suite 2 needs a 32-byte key
    with pytest.raises(DecryptionError):
        gcm.decrypt(GB_TITLE, EK, AK, b"\xB0\x00\x00\x00\x01" + bytes(20))  # compressed
    with pytest.raises(DecryptionError):
        gcm.decrypt(b"short", EK, AK, b"\x30\x00\x00\x00\x01" + bytes(20))
    with pytest.raises(ConfigurationError):
        gcm.encrypt(0x30, b"short", 1, EK, AK, b"x")
    with pytest.raises(ConfigurationError):
        gcm.encrypt(0x30, GB_TITLE, 2**32, EK, AK, b"x")
    with pytest.raises(ConfigurationError):
        gcm.encrypt(0x32, GB_TITLE, 1, EK, AK, b"x")
    with pytest.raises(ConfigurationError):
        gcm.encrypt(0xB0, GB_TITLE, 1, EK, AK, b"x")


def test_extra_aad_is_authenticated() -> None:
    out = gcm.encrypt(0x30, GB_TITLE, 1, EK, AK, GB_PLAIN, extra_aad=b"header")
    assert gcm.decrypt(GB_TITLE, EK, AK, out, extra_aad=b"header").plaintext == GB_PLAIN
    with pytest.raises(AuthenticationError):
        gcm.decrypt(GB_TITLE, EK, AK, out, extra_aad=b"Header")
