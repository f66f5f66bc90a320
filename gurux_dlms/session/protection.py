"""Ciphering of the APDUs a session sends and deciphering of those it receives.

Which envelope a request gets follows Gurux: general-glo-ciphering when GENERAL_PROTECTION
was negotiated, otherwise the service-specific glo-* (or ded-* when a dedicated key was
agreed in the AARQ).  Received ciphered APDUs are deciphered with the peer's system title
and checked against replay (the invocation counter must increase).
"""

from __future__ import annotations

import logging

from ..apdu.protection import PROTECTED_TAGS, decipher, encrypt_apdu
from ..security.enums import Security
from ..security.keys import SecuritySettings

log = logging.getLogger(__name__)

#: APDUs that are never ciphered by the session itself (ACSE and block-transfer envelopes).
_PLAIN_ONLY = frozenset({0x60, 0x61, 0x62, 0x63, 0xE0})


def protect(apdu: bytes, keys: SecuritySettings, *, general: bool, dedicated: bool = False) -> bytes:
    """``apdu`` ciphered as the security settings require (unchanged when security is NONE)."""
    if keys.security == Security.NONE or not apdu or apdu[0] in _PLAIN_ONLY:
        return apdu
    use_dedicated = dedicated and keys.dedicated_key is not None
    return encrypt_apdu(apdu, keys, general=general, dedicated=use_dedicated)


def is_protected(apdu: bytes) -> bool:
    """True when ``apdu`` is a ciphered or signed envelope."""
    return bool(apdu) and apdu[0] in PROTECTED_TAGS


def unprotect(apdu: bytes, keys: SecuritySettings, peer_system_title: bytes | None) -> tuple[bytes, int]:
    """The plain APDU inside a ciphered one and the security control byte (0 when it was plain)."""
    if not is_protected(apdu):
        return apdu, 0
    result = decipher(apdu, keys, system_title=peer_system_title)
    return result.plaintext, result.security_control


__all__ = ["is_protected", "protect", "unprotect"]
