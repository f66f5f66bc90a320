"""Security enumerations with Gurux's names and values.

They live in the engine so that the security code, the APDU layer and the session can
share them; the Gurux import paths (``gurux_dlms.enums``) re-export them.
"""

from __future__ import annotations

from enum import IntEnum, IntFlag


class Security(IntFlag):
    """The protection bits of the security control byte (Gurux ``Security``)."""

    NONE = 0
    AUTHENTICATION = 0x10
    ENCRYPTION = 0x20
    AUTHENTICATION_ENCRYPTION = 0x30


class SecuritySuite(IntEnum):
    """Security suite: the low nibble of the security control byte.

    Suite 0 is AES-GCM-128; suite 1 adds ECDH/ECDSA on P-256 with SHA-256; suite 2 uses
    AES-GCM-256 with P-384 and SHA-384.
    """

    SUITE_0 = 0
    SUITE_1 = 1
    SUITE_2 = 2


class Authentication(IntEnum):
    """Authentication mechanism; the value is the last arc of the mechanism-name OID."""

    NONE = 0
    LOW = 1
    HIGH = 2
    HIGH_MD5 = 3
    HIGH_SHA1 = 4
    HIGH_GMAC = 5
    HIGH_SHA256 = 6
    HIGH_ECDSA = 7


class KeyId(IntEnum):
    """Identified key of a general-ciphering APDU (Green Book ``key-id``)."""

    GLOBAL_UNICAST_ENCRYPTION_KEY = 0
    GLOBAL_BROADCAST_ENCRYPTION_KEY = 1


class KeyInfoKind(IntEnum):
    """The CHOICE of a general-ciphering ``key-info``."""

    IDENTIFIED_KEY = 0
    WRAPPED_KEY = 1
    AGREED_KEY = 2


class KeyAgreementScheme(IntEnum):
    """``key-parameters`` of an agreed key: which elliptic-curve key agreement scheme."""

    ONE_PASS_DIFFIE_HELLMAN = 1
    STATIC_UNIFIED_MODEL = 2


__all__ = ["Authentication", "KeyAgreementScheme", "KeyId", "KeyInfoKind", "Security", "SecuritySuite"]
