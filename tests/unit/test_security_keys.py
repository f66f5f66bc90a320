"""Key holder, invocation counters, AES key wrap (RFC 3394), ECDH/KDF and ECDSA."""

from __future__ import annotations

import hashlib

import pytest
from cryptography.hazmat.primitives.asymmetric import ec

from gurux_dlms.errors import (
    AuthenticationError,
    ConfigurationError,
    DecodeError,
    DecryptionError,
    InvocationCounterError,
)
from gurux_dlms.security import (
    InvocationCounter,
    KeyKind,
    KeyPair,
    ReplayGuard,
    Security,
    SecuritySettings,
    SecuritySuite,
    ecc,
)
from gurux_dlms.security.keys import unwrap_key, wrap_key

# --- defaults and repr -------------------------------------------------------------------------------


def test_gurux_defaults() -> None:
    keys = SecuritySettings()
    assert keys.security == Security.NONE and not keys.is_ciphered
    assert keys.security_suite == SecuritySuite.SUITE_0
    assert keys.system_title == b"ABCDEFGH"
    assert keys.block_cipher_key == bytes.fromhex("000102030405060708090A0B0C0D0E0F")
    assert keys.authentication_key == bytes.fromhex("D0D1D2D3D4D5D6D7D8D9DADBDCDDDEDF")
    assert keys.dedicated_key is None and keys.recipient_system_title is None
    assert keys.invocation_counter.value == 1


def test_keys_are_not_in_repr() -> None:
    secret = bytes.fromhex("A1B2C3D4E5F60718293A4B5C6D7E8F90")
    keys = SecuritySettings(block_cipher_key=secret, authentication_key=secret[::-1], dedicated_key=bytes(16),
                            broadcast_key=b"\x55" * 16, kek=b"\x66" * 16, shared_secret=b"\x77" * 32,
                            signing_key_pair=KeyPair.generate(1))
    text = repr(keys) + str(keys)
    for key in (secret, secret[::-1], b"\x55" * 16, b"\x66" * 16):
        assert key.hex() not in text.lower() and key.hex().upper() not in text
        assert repr(key) not in text
    assert "block_cipher_key=set" in text and "4142434445464748" in text
    private = keys.signing_key_pair.private_key  # type: ignore[union-attr]
    scalar = private.private_numbers().private_value.to_bytes(32, "big")  # type: ignore[union-attr]
    assert scalar.hex().upper() not in text and scalar.hex() not in text
    assert "with private key" in repr(keys.signing_key_pair)


@pytest.mark.parametrize("kwargs", [{"system_title": b"short"}, {"block_cipher_key": bytes(15)},
                                    {"dedicated_key": bytes(20)}, {"recipient_system_title": bytes(9)}])
def test_bad_settings_are_refused(kwargs: dict) -> None:
    with pytest.raises(ConfigurationError):
        SecuritySettings(**kwargs)


def test_key_selection_checks_presence_and_suite() -> None:
    keys = SecuritySettings()
    assert keys.key(KeyKind.GLOBAL) == keys.block_cipher_key
    with pytest.raises(ConfigurationError):
        keys.key(KeyKind.DEDICATED)
    with pytest.raises(DecryptionError):
        keys.key(KeyKind.BROADCAST, DecryptionError)
    keys.security_suite = SecuritySuite.SUITE_2
    with pytest.raises(ConfigurationError):
        keys.key(KeyKind.GLOBAL)
    keys.security = Security.AUTHENTICATION_ENCRYPTION
    assert keys.security_control() == 0x32


def test_reset() -> None:
    keys = SecuritySettings(security=Security.ENCRYPTION, dedicated_key=bytes(16))
    keys.reset()
    assert keys.security == Security.NONE and keys.dedicated_key is None and keys.invocation_counter.value == 0


# --- invocation counters ---------------------------------------------------------------------------


def test_sending_counter_strictly_increases() -> None:
    counter = InvocationCounter(5)
    values = [counter.next() for _ in range(4)]
    assert values == [5, 6, 7, 8] and counter.value == 9 and counter == 9 and int(counter) == 9


def test_sending_counter_is_exhausted_at_the_top() -> None:
    counter = InvocationCounter(0xFFFFFFFF)
    assert counter.next() == 0xFFFFFFFF
    with pytest.raises(InvocationCounterError):
        counter.next()
    with pytest.raises(ConfigurationError):
        InvocationCounter(-1)


def test_replay_guard_refuses_replayed_and_lower_counters() -> None:
    guard = ReplayGuard()
    guard.accept(10, "a")
    with pytest.raises(InvocationCounterError):
        guard.accept(10, "a")
    with pytest.raises(InvocationCounterError):
        guard.check(3, "a")
    guard.accept(3, "b")  # channels are independent
    guard.accept(11, "a")
    assert guard.last("a") == 11 and guard.last("b") == 3
    guard.reset("a")
    guard.accept(1, "a")
    guard.reset(everything=True)
    assert guard.last("a") is None and guard.last("b") is None


# --- RFC 3394 key wrap -------------------------------------------------------------------------------
KEK = bytes.fromhex("000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F")
DATA = bytes.fromhex("00112233445566778899AABBCCDDEEFF000102030405060708090A0B0C0D0E0F")
RFC3394 = [
    ("4.1", 16, 16, "1FA68B0A8112B447AEF34BD8FB5A7B829D3E862371D2CFE5"),
    ("4.2", 24, 16, "96778B25AE6CA435F92B5B97C050AED2468AB8A17AD84E5D"),
    ("4.3", 32, 16, "64E8C3F9CE0F5BA263E9777905818A2A93C8191E7D6E8AE7"),
    ("4.4", 24, 24, "031D33264E15D33268F24EC260743EDCE1C6C7DDEE725A936BA814915C6762D2"),
    ("4.5", 32, 24, "A8F9BC1612C68B3FF6E6F4FBE30E71E4769C8B80A32CB8958CD5D17D6B254DA1"),
    ("4.6", 32, 32, "28C9F404C4B810F4CBCCB35CFB87F8263F5786E2D80ED326CBC7F0E71A99F43BFB988B9B7A02DD21"),
]


@pytest.mark.parametrize("case", RFC3394, ids=lambda c: c[0])
def test_rfc3394_vectors(case: tuple) -> None:
    _name, kek_length, key_length, expected = case
    kek, key = KEK[:kek_length], DATA[:key_length]
    assert wrap_key(kek, key).hex().upper() == expected
    assert unwrap_key(kek, bytes.fromhex(expected)) == key


def test_unwrap_with_wrong_kek_or_altered_data_fails() -> None:
    wrapped = wrap_key(KEK[:16], DATA[:16])
    with pytest.raises(AuthenticationError):
        unwrap_key(bytes(16), wrapped)
    with pytest.raises(AuthenticationError):
        unwrap_key(KEK[:16], wrapped[:-1] + bytes((wrapped[-1] ^ 1,)))
    with pytest.raises(DecryptionError):
        unwrap_key(KEK[:16], wrapped[:-3])
    with pytest.raises(ConfigurationError):
        wrap_key(bytes(10), DATA[:16])
    with pytest.raises(ConfigurationError):
        wrap_key(KEK[:16], DATA[:12])


# --- elliptic curves -----------------------------------------------------------------------------------


@pytest.mark.parametrize("suite", [1, 2])
def test_ecdh_both_sides_agree_and_kdf_derives_the_suite_key(suite: int) -> None:
    alice, bob = KeyPair.generate(suite), KeyPair.generate(suite)
    z1 = ecc.ecdh(alice.require_private(), bob.public_key)
    z2 = ecc.ecdh(bob.require_private(), alice.public_key)
    assert z1 == z2 and len(z1) == (32 if suite == 1 else 48)
    key = ecc.kdf(suite, z1, ecc.CIPHER_ALGORITHM_IDS[suite], b"ALICE001", b"BOB00002")
    assert len(key) == (16 if suite == 1 else 32)
    assert key != ecc.kdf(suite, z1, ecc.CIPHER_ALGORITHM_IDS[suite], b"BOB00002", b"ALICE001")


def test_kdf_is_the_concatenation_kdf() -> None:
    z = bytes(range(32))
    other = ecc.AES_GCM_128_ID + b"ABCDEFGH" + b"12345678" + b"T"
    expected = hashlib.sha256(b"\0\0\0\x01" + z + other).digest()[:16]
    assert ecc.kdf(1, z, ecc.AES_GCM_128_ID, b"ABCDEFGH", b"12345678", b"T") == expected
    long = ecc.kdf(2, z, ecc.AES_GCM_256_ID, b"A", b"B", key_length=60)
    first = hashlib.sha384(b"\0\0\0\x01" + z + ecc.AES_GCM_256_ID + b"AB").digest()
    second = hashlib.sha384(b"\0\0\0\x02" + z + ecc.AES_GCM_256_ID + b"AB").digest()
    assert long == (first + second)[:60]


def test_ecdh_known_answer_from_private_scalars() -> None:
    """Two fixed private keys: the shared secret equals x of (a*b)G computed independently."""
    a = KeyPair.from_private_value(1, 0x1234567890ABCDEF)
    b = KeyPair.from_private_value(1, 0x0FEDCBA987654321)
    ab = ec.derive_private_key(0x1234567890ABCDEF * 0x0FEDCBA987654321, ec.SECP256R1())
    assert ecc.ecdh(a.require_private(), b.public_key) == ab.public_key().public_numbers().x.to_bytes(32, "big")


@pytest.mark.parametrize("suite", [1, 2])
def test_ecdsa_raw_signature_round_trip(suite: int) -> None:
    pair = KeyPair.generate(suite)
    signature = ecc.sign(pair.require_private(), b"data to sign")
    assert len(signature) == (64 if suite == 1 else 96)
    ecc.verify(pair.public_key, b"data to sign", signature)
    with pytest.raises(AuthenticationError):
        ecc.verify(pair.public_key, b"data to sigN", signature)
    with pytest.raises(AuthenticationError):
        ecc.verify(pair.public_key, b"data to sign", signature[:-1] + bytes((signature[-1] ^ 1,)))
    with pytest.raises(AuthenticationError):
        ecc.verify(KeyPair.generate(suite).public_key, b"data to sign", signature)
    with pytest.raises(AuthenticationError):
        ecc.verify(pair.public_key, b"data to sign", signature[:10])


@pytest.mark.parametrize("suite", [1, 2])
def test_public_key_raw_form(suite: int) -> None:
    pair = KeyPair.generate(suite)
    raw = pair.public_bytes
    assert len(raw) == (64 if suite == 1 else 96)
    assert ecc.public_key_to_bytes(ecc.public_key_from_bytes(suite, raw)) == raw
    assert ecc.public_key_to_bytes(ecc.public_key_from_bytes(suite, b"\x04" + raw)) == raw
    with pytest.raises(DecodeError):
        ecc.public_key_from_bytes(suite, raw[:-1])
    with pytest.raises(DecodeError):
        ecc.public_key_from_bytes(suite, raw[:-1] + bytes((raw[-1] ^ 1,)))


def test_mismatched_curves_and_suites() -> None:
    with pytest.raises(ConfigurationError):
        ecc.ecdh(KeyPair.generate(1).require_private(), KeyPair.generate(2).public_key)
    with pytest.raises(ConfigurationError):
        KeyPair.generate(0)
    with pytest.raises(ConfigurationError):
        KeyPair(KeyPair.generate(1).public_key).require_private()
