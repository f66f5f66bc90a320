"""Authentication mechanisms: LLS (password) and HLS pass 3/4 (Green Book 9.2.7.4).

In HLS the client sends a challenge CtoS in the AARQ, the server answers StoC in the
AARE; then the client proves itself with f(StoC) (pass 3, the argument of
``reply_to_HLS_authentication``) and the server with f(CtoS) (pass 4, its return value).
f depends on the mechanism:

============  ===========================================================================
HIGH (2)      AES-128-ECB of the challenge keyed by the secret (zero padded, as Gurux does)
HIGH_MD5 (3)  MD5(challenge || secret)
HIGH_SHA1 (4) SHA-1(challenge || secret)
HIGH_GMAC (5) SC || IC || GMAC(SC || AK || challenge), nonce = own system title || IC
HIGH_SHA256   SHA-256(secret || ST_own || ST_peer || challenge || own challenge)
HIGH_ECDSA    ECDSA(ST_own || ST_peer || challenge || own challenge) with the own signing key
============  ===========================================================================

:class:`HlsContext` holds both challenges and what the mechanism needs; the four
functions compute and check each side's answer.  Every check compares in constant time
and raises :class:`AuthenticationError` on a mismatch.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from ..errors import AuthenticationError, ConfigurationError
from .ecc import KeyPair, sign, verify
from .enums import Authentication
from .gcm import SC_AUTHENTICATION, TAG_LENGTH, gmac
from .keys import SecuritySettings

MIN_CHALLENGE_LENGTH = 8
MAX_CHALLENGE_LENGTH = 64
DEFAULT_CHALLENGE_LENGTH = 16
_AES_BLOCK = 16


def generate_challenge(length: int = DEFAULT_CHALLENGE_LENGTH) -> bytes:
    """A random challenge from the operating system's CSPRNG (8..64 bytes; Gurux uses 16)."""
    if not MIN_CHALLENGE_LENGTH <= length <= MAX_CHALLENGE_LENGTH:
        raise ConfigurationError("challenge length", expected="8..64 bytes", found=length)
    return secrets.token_bytes(length)


def verify_password(expected: bytes, received: bytes) -> None:
    """LLS: the calling-authentication value must be the password."""
    if not hmac.compare_digest(bytes(expected), bytes(received)):
        raise AuthenticationError("LLS password", expected="the configured password", found="a different one")


@dataclass(frozen=True, eq=False)
class HlsContext:
    """Everything an HLS exchange needs; both sides build the same context.

    ``client_key_pair`` / ``server_key_pair`` are the ECDSA signing keys: the own one with
    its private key, the peer's public key only.
    """

    mechanism: Authentication
    ctos: bytes
    stoc: bytes
    secret: bytes | None = field(default=None, repr=False)
    client_system_title: bytes | None = None
    server_system_title: bytes | None = None
    block_cipher_key: bytes | None = field(default=None, repr=False)
    authentication_key: bytes | None = field(default=None, repr=False)
    security_suite: int = 0
    client_key_pair: KeyPair | None = None
    server_key_pair: KeyPair | None = None

    @classmethod
    def from_settings(cls, mechanism: Authentication, settings: SecuritySettings, *, is_client: bool,
                      ctos: bytes, stoc: bytes, secret: bytes | None = None) -> HlsContext:
        """A context from one party's settings: its own system title and keys, the peer's from the recipient."""
        own, peer = settings.system_title, settings.recipient_system_title
        peer_pair = None
        if peer is not None and peer in settings.public_keys:
            peer_pair = KeyPair(settings.public_keys[peer])
        own_pair = settings.signing_key_pair
        return cls(
            mechanism=Authentication(mechanism), ctos=bytes(ctos), stoc=bytes(stoc), secret=secret,
            client_system_title=own if is_client else peer, server_system_title=peer if is_client else own,
            block_cipher_key=settings.block_cipher_key, authentication_key=settings.authentication_key,
            security_suite=int(settings.security_suite),
            client_key_pair=own_pair if is_client else peer_pair,
            server_key_pair=peer_pair if is_client else own_pair,
        )

    # -- accessors that say what is missing ---------------------------------------------------------
    def need_secret(self) -> bytes:
        if self.secret is None:
            raise ConfigurationError(f"{self.mechanism.name} authentication", expected="a secret (password)",
                                     found="none")
        return bytes(self.secret)

    def titles(self, client: bool) -> tuple[bytes, bytes]:
        """(own, peer) system titles of the side that computes."""
        client_title, server_title = self.client_system_title, self.server_system_title
        if client_title is None or server_title is None:
            raise ConfigurationError(f"{self.mechanism.name} authentication",
                                     expected="both system titles", found="a missing one")
        return (bytes(client_title), bytes(server_title)) if client else (bytes(server_title), bytes(client_title))

    def challenges(self, client: bool) -> tuple[bytes, bytes]:
        """(challenge to answer, own challenge) of the side that computes."""
        return (bytes(self.stoc), bytes(self.ctos)) if client else (bytes(self.ctos), bytes(self.stoc))

    def key_pair(self, client: bool) -> KeyPair:
        pair = self.client_key_pair if client else self.server_key_pair
        if pair is None:
            side = "client" if client else "server"
            raise ConfigurationError("HIGH_ECDSA authentication", expected=f"the {side} signing key", found="none")
        return pair


# --- the mechanisms -------------------------------------------------------------------------------
def _aes_ecb(ctx: HlsContext, client: bool, _ic: int | None) -> bytes:
    """Gurux's HIGH: the challenge, zero padded to whole blocks, encrypted block by block."""
    secret = ctx.need_secret()
    if len(secret) > _AES_BLOCK:
        raise ConfigurationError("HIGH authentication secret", expected="at most 16 bytes",
                                 found=f"{len(secret)} bytes")
    challenge = ctx.challenges(client)[0]
    length = max(len(challenge), len(secret))
    length += -length % _AES_BLOCK
    encryptor = Cipher(algorithms.AES(secret.ljust(_AES_BLOCK, b"\0")), modes.ECB()).encryptor()
    return encryptor.update(challenge.ljust(length, b"\0")) + encryptor.finalize()


def _digest(name: str) -> Callable[[HlsContext, bool, int | None], bytes]:
    def compute(ctx: HlsContext, client: bool, _ic: int | None) -> bytes:
        return hashlib.new(name, ctx.challenges(client)[0] + ctx.need_secret()).digest()

    return compute


def _sha256(ctx: HlsContext, client: bool, _ic: int | None) -> bytes:
    own_title, peer_title = ctx.titles(client)
    challenge, own_challenge = ctx.challenges(client)
    return hashlib.sha256(ctx.need_secret() + own_title + peer_title + challenge + own_challenge).digest()


def _own_title(ctx: HlsContext, client: bool) -> bytes:
    title = ctx.client_system_title if client else ctx.server_system_title
    if title is None:
        side = "client" if client else "server"
        raise ConfigurationError("HIGH_GMAC authentication", expected=f"the {side} system title", found="none")
    return bytes(title)


def _gmac(ctx: HlsContext, client: bool, ic: int | None) -> bytes:
    if ic is None:
        raise ConfigurationError("HIGH_GMAC authentication", expected="an invocation counter", found="none")
    if ctx.block_cipher_key is None or ctx.authentication_key is None:
        raise ConfigurationError("HIGH_GMAC authentication", expected="block cipher and authentication keys",
                                 found="a missing key")
    sc = SC_AUTHENTICATION | ctx.security_suite
    tag = gmac(sc, _own_title(ctx, client), ic, ctx.block_cipher_key, ctx.authentication_key,
               ctx.challenges(client)[0])
    return bytes((sc,)) + ic.to_bytes(4, "big") + tag


def _ecdsa_data(ctx: HlsContext, client: bool) -> bytes:
    own_title, peer_title = ctx.titles(client)
    challenge, own_challenge = ctx.challenges(client)
    return own_title + peer_title + challenge + own_challenge


def _ecdsa(ctx: HlsContext, client: bool, _ic: int | None) -> bytes:
    return sign(ctx.key_pair(client).require_private(), _ecdsa_data(ctx, client))


_COMPUTE: dict[Authentication, Callable[[HlsContext, bool, int | None], bytes]] = {
    Authentication.HIGH: _aes_ecb,
    Authentication.HIGH_MD5: _digest("md5"),
    Authentication.HIGH_SHA1: _digest("sha1"),
    Authentication.HIGH_GMAC: _gmac,
    Authentication.HIGH_SHA256: _sha256,
    Authentication.HIGH_ECDSA: _ecdsa,
}


def _computer(ctx: HlsContext) -> Callable[[HlsContext, bool, int | None], bytes]:
    compute = _COMPUTE.get(Authentication(ctx.mechanism))
    if compute is None:
        raise ConfigurationError("authentication mechanism", expected="an HLS mechanism (HIGH..HIGH_ECDSA)",
                                 found=Authentication(ctx.mechanism).name)
    return compute


def client_answer(ctx: HlsContext, invocation_counter: int | None = None) -> bytes:
    """Pass 3: the client's f(StoC).  HIGH_GMAC needs the client's invocation counter."""
    return _computer(ctx)(ctx, True, invocation_counter)


def server_answer(ctx: HlsContext, invocation_counter: int | None = None) -> bytes:
    """Pass 4: the server's f(CtoS).  HIGH_GMAC needs the server's invocation counter."""
    return _computer(ctx)(ctx, False, invocation_counter)


def _verify(ctx: HlsContext, answer: bytes, client: bool) -> None:
    side = "client" if client else "server"
    answer = bytes(answer)
    if ctx.mechanism == Authentication.HIGH_ECDSA:
        verify(ctx.key_pair(client).public_key, _ecdsa_data(ctx, client), answer)
        return
    compute = _computer(ctx)
    ic = None
    if ctx.mechanism == Authentication.HIGH_GMAC:
        if len(answer) != 5 + TAG_LENGTH:
            raise AuthenticationError(f"HLS-GMAC answer of the {side}", expected=f"{5 + TAG_LENGTH} bytes",
                                      found=f"{len(answer)} bytes")
        ic = int.from_bytes(answer[1:5], "big")
    expected = compute(ctx, client, ic)
    if not hmac.compare_digest(expected, answer):
        raise AuthenticationError(f"HLS answer of the {side} ({Authentication(ctx.mechanism).name})",
                                  expected="f(challenge) computed with the shared secret",
                                  found="a different value")


def verify_client_answer(ctx: HlsContext, answer: bytes) -> None:
    """Server side of pass 3: check the client's f(StoC)."""
    _verify(ctx, answer, True)


def verify_server_answer(ctx: HlsContext, answer: bytes) -> None:
    """Client side of pass 4: check the server's f(CtoS)."""
    _verify(ctx, answer, False)


__all__ = [
    "DEFAULT_CHALLENGE_LENGTH",
    "MAX_CHALLENGE_LENGTH",
    "MIN_CHALLENGE_LENGTH",
    "Authentication",
    "HlsContext",
    "client_answer",
    "generate_challenge",
    "server_answer",
    "verify_client_answer",
    "verify_password",
    "verify_server_answer",
]
