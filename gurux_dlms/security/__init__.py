"""Security: AES-GCM protection (suites 0-2), keys and counters, elliptic curves, HLS/LLS.

``gcm`` protects and checks APDU payloads, ``keys`` holds one party's security state and
does AES key wrap, ``ecc`` does ECDH, the KDF and ECDSA for suites 1/2, ``counters`` the
invocation counters and ``hls`` the authentication mechanisms.  Nothing here does I/O.
"""

from __future__ import annotations

from .counters import InvocationCounter, ReplayGuard
from .ecc import KeyPair
from .enums import Authentication, KeyAgreementScheme, KeyId, KeyInfoKind, Security, SecuritySuite
from .gcm import Deciphered, decrypt, encrypt
from .hls import HlsContext, client_answer, generate_challenge, server_answer
from .keys import KeyKind, SecuritySettings, unwrap_key, wrap_key

__all__ = [
    "Authentication",
    "Deciphered",
    "HlsContext",
    "InvocationCounter",
    "KeyAgreementScheme",
    "KeyId",
    "KeyInfoKind",
    "KeyKind",
    "KeyPair",
    "ReplayGuard",
    "Security",
    "SecuritySettings",
    "SecuritySuite",
    "client_answer",
    "decrypt",
    "encrypt",
    "generate_challenge",
    "server_answer",
    "unwrap_key",
    "wrap_key",
]
