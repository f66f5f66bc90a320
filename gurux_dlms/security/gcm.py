"""AES-GCM protection of xDLMS APDUs: security suites 0, 1 and 2.

A protected APDU carries ``SC || IC || payload`` where SC is the security control byte
(0x10 authentication, 0x20 encryption, 0x40 broadcast key, 0x80 compression, low nibble =
security suite) and IC the 4-byte invocation counter.  The GCM nonce is the sender's
system title (8 bytes) followed by IC, and the additional authenticated data is

* authentication only:      ``SC || AK || plaintext``; payload = plaintext || tag(12)
* encryption only:          no AAD, no tag;          payload = ciphertext
* authentication+encryption: ``SC || AK``;           payload = ciphertext || tag(12)

(Green Book 9.2.7.2.4).  General-ciphering APDUs authenticate a few more fields; they
pass them as ``extra_aad``, which goes right after AK.

The AES work is done by ``cryptography``; :func:`seal` and :func:`open_sealed` are the
plain GCM primitives (checked against the NIST test vectors) that the DLMS functions use.
"""

from __future__ import annotations

import struct
from typing import NamedTuple

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from ..errors import AuthenticationError, ConfigurationError, DecryptionError, DLMSError

SC_AUTHENTICATION = 0x10
SC_ENCRYPTION = 0x20
SC_BROADCAST = 0x40
SC_COMPRESSION = 0x80
SC_SUITE_MASK = 0x0F
SC_PROTECTION = SC_AUTHENTICATION | SC_ENCRYPTION

TAG_LENGTH = 12
SYSTEM_TITLE_LENGTH = 8
HEADER_LENGTH = 5
MAX_INVOCATION_COUNTER = 0xFFFFFFFF

#: Block cipher key length of each security suite.
KEY_LENGTHS = {0: 16, 1: 16, 2: 32}

_HEADER = struct.Struct(">BI")
_COUNTER_TWO = b"\x00\x00\x00\x02"


class Deciphered(NamedTuple):
    """What :func:`decrypt` found: the security control byte, the counter and the plaintext."""

    security_control: int
    invocation_counter: int
    plaintext: bytes


def security_control(security: int, suite: int = 0, *, broadcast: bool = False,
                     compression: bool = False) -> int:
    """Build the security control byte from its parts."""
    if security & ~SC_PROTECTION & 0xFF:
        raise ConfigurationError("security", expected="a combination of 0x10 and 0x20", found=f"0x{security:02X}")
    if suite not in KEY_LENGTHS:
        raise ConfigurationError("security suite", expected="0, 1 or 2", found=suite)
    return security | suite | (SC_BROADCAST if broadcast else 0) | (SC_COMPRESSION if compression else 0)


def nonce(system_title: bytes, invocation_counter: int) -> bytes:
    """The 12-byte GCM initialisation vector: system title || invocation counter."""
    return bytes(system_title) + invocation_counter.to_bytes(4, "big")


# --- GCM primitives --------------------------------------------------------------------------
def seal(key: bytes, iv: bytes, aad: bytes, plaintext: bytes, tag_length: int = TAG_LENGTH) -> bytes:
    """AES-GCM encryption: ``ciphertext || tag`` with the tag cut to ``tag_length`` bytes."""
    encryptor = Cipher(algorithms.AES(bytes(key)), modes.GCM(bytes(iv))).encryptor()
    if aad:
        encryptor.authenticate_additional_data(bytes(aad))
    ciphertext = encryptor.update(bytes(plaintext)) + encryptor.finalize()
    return ciphertext + encryptor.tag[:tag_length]


def open_sealed(key: bytes, iv: bytes, aad: bytes, data: bytes, tag_length: int = TAG_LENGTH) -> bytes:
    """AES-GCM decryption of ``ciphertext || tag``; a tag that does not verify raises."""
    if len(data) < tag_length:
        raise DecryptionError("GCM data", expected=f"at least a {tag_length}-byte tag", found=f"{len(data)} bytes")
    split = len(data) - tag_length
    decryptor = Cipher(algorithms.AES(bytes(key)),
                       modes.GCM(bytes(iv), bytes(data[split:]), min_tag_length=tag_length)).decryptor()
    if aad:
        decryptor.authenticate_additional_data(bytes(aad))
    plaintext = decryptor.update(bytes(data[:split]))
    try:
        return plaintext + decryptor.finalize()
    except InvalidTag:
        raise AuthenticationError("GCM authentication tag", expected="a tag computed with these keys",
                                  found="a different tag") from None


def keystream_xor(key: bytes, iv: bytes, data: bytes) -> bytes:
    """GCM's counter-mode part alone (encryption without authentication); it is its own inverse."""
    transform = Cipher(algorithms.AES(bytes(key)), modes.CTR(bytes(iv) + _COUNTER_TWO)).encryptor()
    return transform.update(bytes(data)) + transform.finalize()


# --- DLMS layer --------------------------------------------------------------------------------
def _check_key(key: bytes, suite: int, error: type[DLMSError], what: str) -> None:
    expected = KEY_LENGTHS.get(suite)
    if expected is None:
        raise error("security suite", expected="0, 1 or 2", found=suite)
    if key is None or len(key) != expected:
        found = "no key" if key is None else f"{len(key)} bytes"
        raise error(what, expected=f"{expected} bytes for security suite {suite}", found=found)


def encrypt(security_control: int, system_title: bytes, invocation_counter: int,
            block_cipher_key: bytes, authentication_key: bytes, plaintext: bytes,
            *, extra_aad: bytes = b"") -> bytes:
    """Protect ``plaintext``: returns ``SC || IC || payload`` as the ciphered APDUs carry it.

    ``security_control`` with neither 0x10 nor 0x20 set gives ``SC || IC || plaintext``.
    """
    if not 0 <= security_control <= 0xFF:
        raise ConfigurationError("security control", expected="one byte", found=security_control)
    if security_control & SC_COMPRESSION:
        raise ConfigurationError("security control", expected="no compression (0x80)", found=f"0x{security_control:02X}")
    if len(system_title) != SYSTEM_TITLE_LENGTH:
        raise ConfigurationError("system title", expected="8 bytes", found=f"{len(system_title)} bytes")
    if not 0 <= invocation_counter <= MAX_INVOCATION_COUNTER:
        raise ConfigurationError("invocation counter", expected="0..2**32-1", found=invocation_counter)
    suite = security_control & SC_SUITE_MASK
    _check_key(block_cipher_key, suite, ConfigurationError, "block cipher key")
    header = _HEADER.pack(security_control, invocation_counter)
    protection = security_control & SC_PROTECTION
    iv = nonce(system_title, invocation_counter)
    sc = header[:1]
    if protection == SC_PROTECTION:
        return header + seal(block_cipher_key, iv, sc + bytes(authentication_key) + extra_aad, plaintext)
    if protection == SC_AUTHENTICATION:
        aad = sc + bytes(authentication_key) + extra_aad + bytes(plaintext)
        return header + bytes(plaintext) + seal(block_cipher_key, iv, aad, b"")
    if protection == SC_ENCRYPTION:
        return header + keystream_xor(block_cipher_key, iv, plaintext)
    return header + bytes(plaintext)


def read_header(data: bytes) -> tuple[int, int]:
    """The security control byte and the invocation counter at the start of ``data``."""
    if len(data) < HEADER_LENGTH:
        raise DecryptionError("ciphered content", expected="a security control byte and a 4-byte invocation counter",
                              found=f"{len(data)} bytes")
    sc, ic = _HEADER.unpack_from(data, 0)
    return int(sc), int(ic)


def decrypt(system_title: bytes, block_cipher_key: bytes, authentication_key: bytes, data: bytes,
            *, extra_aad: bytes = b"") -> Deciphered:
    """Undo :func:`encrypt`: check the tag (if any) and return the plaintext.

    A tag that does not verify raises :class:`AuthenticationError`; a layout, suite or key
    that cannot work raises :class:`DecryptionError`.
    """
    data = bytes(data)
    sc, ic = read_header(data)
    if sc & SC_COMPRESSION:
        raise DecryptionError("security control", expected="no compression (0x80)", found=f"0x{sc:02X}")
    if len(system_title) != SYSTEM_TITLE_LENGTH:
        raise DecryptionError("system title", expected="8 bytes", found=f"{len(system_title)} bytes")
    suite = sc & SC_SUITE_MASK
    _check_key(block_cipher_key, suite, DecryptionError, "block cipher key")
    payload = data[HEADER_LENGTH:]
    protection = sc & SC_PROTECTION
    iv = nonce(system_title, ic)
    head = data[:1]
    if protection == SC_PROTECTION:
        plaintext = open_sealed(block_cipher_key, iv, head + bytes(authentication_key) + extra_aad, payload)
    elif protection == SC_AUTHENTICATION:
        if len(payload) < TAG_LENGTH:
            raise DecryptionError("authenticated content", expected=f"at least a {TAG_LENGTH}-byte tag",
                                  found=f"{len(payload)} bytes")
        plaintext = payload[:-TAG_LENGTH]
        aad = head + bytes(authentication_key) + extra_aad + plaintext
        open_sealed(block_cipher_key, iv, aad, payload[-TAG_LENGTH:])
    elif protection == SC_ENCRYPTION:
        plaintext = keystream_xor(block_cipher_key, iv, payload)
    else:
        plaintext = payload
    return Deciphered(sc, ic, plaintext)


def gmac(security_control: int, system_title: bytes, invocation_counter: int, block_cipher_key: bytes,
         authentication_key: bytes, data: bytes) -> bytes:
    """The 12-byte GMAC tag over ``SC || AK || data`` (HLS-GMAC, authentication-only APDUs)."""
    control = (security_control & ~SC_PROTECTION) | SC_AUTHENTICATION
    protected = encrypt(control, system_title, invocation_counter,
                        block_cipher_key, authentication_key, data)
    return protected[-TAG_LENGTH:]


__all__ = [
    "HEADER_LENGTH",
    "KEY_LENGTHS",
    "MAX_INVOCATION_COUNTER",
    "SC_AUTHENTICATION",
    "SC_BROADCAST",
    "SC_COMPRESSION",
    "SC_ENCRYPTION",
    "SC_PROTECTION",
    "SC_SUITE_MASK",
    "SYSTEM_TITLE_LENGTH",
    "TAG_LENGTH",
    "Deciphered",
    "decrypt",
    "encrypt",
    "gmac",
    "keystream_xor",
    "nonce",
    "open_sealed",
    "read_header",
    "seal",
    "security_control",
]
