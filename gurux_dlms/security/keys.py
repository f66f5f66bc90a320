"""The key holder of one party (Gurux's ``GXCiphering``) and AES key wrap.

:class:`SecuritySettings` keeps what one side of an association needs to protect and check
APDUs: the security policy and suite, its own system title and the peer's, the global
keys, the dedicated key, the sending invocation counter, the replay guard and, for suites
1 and 2, the elliptic-curve key pairs.  Keys never appear in its ``repr()``.

Key wrap (RFC 3394) is how new keys travel: Gurux's ``GXDLMSSecureClient.encrypt(kek,
data)`` / ``decrypt(kek, data)`` are :func:`wrap_key` / :func:`unwrap_key`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from cryptography.hazmat.primitives.keywrap import InvalidUnwrap, aes_key_unwrap, aes_key_wrap

from ..errors import AuthenticationError, ConfigurationError, DecryptionError, DLMSError
from .counters import MAX_INVOCATION_COUNTER, InvocationCounter, ReplayGuard
from .ecc import (
    AES_GCM_128_ID,
    AES_GCM_256_ID,
    AES_WRAP_128_ID,
    AES_WRAP_256_ID,
    KeyPair,
    PrivateKey,
    PublicKey,
    ecdh,
    kdf,
    public_key_from_bytes,
    public_key_to_bytes,
    sign,
    verify,
)
from .enums import Security, SecuritySuite
from .gcm import KEY_LENGTHS, SYSTEM_TITLE_LENGTH, security_control

DEFAULT_SYSTEM_TITLE = b"ABCDEFGH"
DEFAULT_BLOCK_CIPHER_KEY = bytes(range(0x00, 0x10))
DEFAULT_AUTHENTICATION_KEY = bytes(range(0xD0, 0xE0))


class KeyKind(Enum):
    """Which symmetric key protects an APDU."""

    GLOBAL = "global unicast"
    BROADCAST = "global broadcast"
    DEDICATED = "dedicated"


_KEY_ATTRIBUTES = {
    KeyKind.GLOBAL: "block_cipher_key",
    KeyKind.BROADCAST: "broadcast_key",
    KeyKind.DEDICATED: "dedicated_key",
}


def _optional_bytes(value: bytes | bytearray | None) -> bytes | None:
    return None if value is None else bytes(value)


@dataclass(eq=False)
class SecuritySettings:
    """The security state of one party; field names follow Gurux's ``GXCiphering`` in snake case."""

    security: Security = Security.NONE
    security_suite: SecuritySuite = SecuritySuite.SUITE_0
    system_title: bytes = DEFAULT_SYSTEM_TITLE
    block_cipher_key: bytes = field(default=DEFAULT_BLOCK_CIPHER_KEY, repr=False)
    authentication_key: bytes = field(default=DEFAULT_AUTHENTICATION_KEY, repr=False)
    dedicated_key: bytes | None = field(default=None, repr=False)
    broadcast_key: bytes | None = field(default=None, repr=False)
    kek: bytes | None = field(default=None, repr=False)
    recipient_system_title: bytes | None = None
    invocation_counter: InvocationCounter = field(default_factory=InvocationCounter)
    replay_guard: ReplayGuard = field(default_factory=ReplayGuard)
    signing_key_pair: KeyPair | None = None
    key_agreement_key_pair: KeyPair | None = None
    ephemeral_key_pair: KeyPair | None = None
    public_keys: dict[bytes, PublicKey] = field(default_factory=dict, repr=False)
    agreement_keys: dict[bytes, PublicKey] = field(default_factory=dict, repr=False)
    shared_secret: bytes | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self.security = Security(self.security)
        self.security_suite = SecuritySuite(self.security_suite)
        self.system_title = bytes(self.system_title)
        self.block_cipher_key = bytes(self.block_cipher_key)
        self.authentication_key = bytes(self.authentication_key)
        self.dedicated_key = _optional_bytes(self.dedicated_key)
        self.broadcast_key = _optional_bytes(self.broadcast_key)
        self.kek = _optional_bytes(self.kek)
        self.recipient_system_title = _optional_bytes(self.recipient_system_title)
        if isinstance(self.invocation_counter, int):
            self.invocation_counter = InvocationCounter(self.invocation_counter)
        if len(self.system_title) != SYSTEM_TITLE_LENGTH:
            raise ConfigurationError("system title", expected="8 bytes", found=f"{len(self.system_title)} bytes")
        if self.recipient_system_title is not None and len(self.recipient_system_title) != SYSTEM_TITLE_LENGTH:
            raise ConfigurationError("recipient system title", expected="8 bytes",
                                     found=f"{len(self.recipient_system_title)} bytes")
        for kind, name in _KEY_ATTRIBUTES.items():
            key = getattr(self, name)
            if key is not None and len(key) not in (16, 32):
                raise ConfigurationError(f"{kind.value} key", expected="16 or 32 bytes", found=f"{len(key)} bytes")

    # ``public_keys``: the peers' signing keys, ``agreement_keys``: their static key agreement
    # keys, both by system title.

    @property
    def is_ciphered(self) -> bool:
        """True when APDUs are protected (Gurux ``isCiphered()``)."""
        return self.security != Security.NONE

    def security_control(self, *, broadcast: bool = False) -> int:
        """The security control byte for our next APDU."""
        return security_control(int(self.security), int(self.security_suite), broadcast=broadcast)

    def key(self, kind: KeyKind, error: type[DLMSError] = ConfigurationError) -> bytes:
        """The symmetric key of ``kind``, checked against the suite; ``error`` when it is missing."""
        key: bytes | None = getattr(self, _KEY_ATTRIBUTES[kind])
        expected = KEY_LENGTHS[int(self.security_suite)]
        if key is None:
            raise error(f"{kind.value} key", expected=f"a {expected}-byte key", found="none set")
        if len(key) != expected:
            raise error(f"{kind.value} key", expected=f"{expected} bytes for {self.security_suite.name}",
                        found=f"{len(key)} bytes")
        return key

    def peer_public_key(self, system_title: bytes | None = None) -> PublicKey:
        """The public signing/agreement key registered for a peer (default: the recipient)."""
        title = self.recipient_system_title if system_title is None else bytes(system_title)
        key = self.public_keys.get(title) if title is not None else None
        if key is None:
            shown = title.hex().upper() if title is not None else "no system title"
            raise ConfigurationError("peer public key", expected="a key in public_keys", found=f"none for {shown}")
        return key

    def reset(self) -> None:
        """Forget the association's state: no security, counter 0, no dedicated key or shared secret."""
        self.security = Security.NONE
        self.invocation_counter = InvocationCounter(0)
        self.replay_guard = ReplayGuard()
        self.dedicated_key = None
        self.shared_secret = None
        self.recipient_system_title = None

    def __repr__(self) -> str:
        keys = ", ".join(
            f"{name}={'set' if getattr(self, name) is not None else 'None'}"
            for name in ("block_cipher_key", "authentication_key", "dedicated_key", "broadcast_key", "kek")
        )
        recipient = self.recipient_system_title.hex().upper() if self.recipient_system_title else None
        return (f"SecuritySettings(security={self.security.name}, security_suite={self.security_suite.name}, "
                f"system_title={self.system_title.hex().upper()}, recipient_system_title={recipient}, "
                f"invocation_counter={self.invocation_counter.value}, {keys})")


# --- AES key wrap ---------------------------------------------------------------------------------
def _check_kek(kek: bytes) -> bytes:
    if kek is None or len(kek) not in (16, 24, 32):
        raise ConfigurationError("key encrypting key", expected="16, 24 or 32 bytes",
                                 found="none" if kek is None else f"{len(kek)} bytes")
    return bytes(kek)


def wrap_key(kek: bytes, key: bytes) -> bytes:
    """RFC 3394 AES key wrap of ``key`` (a multiple of 8 bytes, at least 16) under ``kek``."""
    if len(key) < 16 or len(key) % 8:
        raise ConfigurationError("key to wrap", expected="a multiple of 8 bytes, at least 16",
                                 found=f"{len(key)} bytes")
    return aes_key_wrap(_check_kek(kek), bytes(key))


def unwrap_key(kek: bytes, wrapped: bytes) -> bytes:
    """Undo :func:`wrap_key`; a failed integrity check raises :class:`AuthenticationError`."""
    kek = _check_kek(kek)
    if len(wrapped) < 24 or len(wrapped) % 8:
        raise DecryptionError("wrapped key", expected="a multiple of 8 bytes, at least 24",
                              found=f"{len(wrapped)} bytes")
    try:
        return aes_key_unwrap(kek, bytes(wrapped))
    except InvalidUnwrap:
        raise AuthenticationError("wrapped key", expected="the RFC 3394 integrity value",
                                  found="a wrong key encrypting key or altered data") from None


__all__ = [
    "AES_GCM_128_ID",
    "AES_GCM_256_ID",
    "AES_WRAP_128_ID",
    "AES_WRAP_256_ID",
    "DEFAULT_AUTHENTICATION_KEY",
    "DEFAULT_BLOCK_CIPHER_KEY",
    "DEFAULT_SYSTEM_TITLE",
    "MAX_INVOCATION_COUNTER",
    "InvocationCounter",
    "KeyKind",
    "KeyPair",
    "PrivateKey",
    "PublicKey",
    "ReplayGuard",
    "SecuritySettings",
    "ecdh",
    "kdf",
    "public_key_from_bytes",
    "public_key_to_bytes",
    "sign",
    "unwrap_key",
    "verify",
    "wrap_key",
]
