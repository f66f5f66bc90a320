"""Deciphering for display: the plain APDU inside a ciphered one, with the translator's keys.

The translator shows what a ciphered APDU carries (as a comment) when its keys allow.
The key follows the envelope (global, or the dedicated key for ded-* and
general-ded-ciphering); the sender's system title comes from the APDU where it carries
one, otherwise from the direction of the service inside: the translator's ``systemTitle``
for what a client sends, ``serverSystemTitle`` for what a server sends.  Invocation
counters are not checked: a capture is shown, not accepted.
"""

from __future__ import annotations

from typing import Any

from ..apdu.protection import decipher, is_client_to_server
from ..errors import DLMSError
from ..security.enums import SecuritySuite
from ..security.gcm import Deciphered
from ..security.keys import SecuritySettings

DEFAULT_SYSTEM_TITLE = b"ABCDEFGH"


def _bytes(value: Any) -> bytes | None:
    if value is None:
        return None
    if isinstance(value, str):
        return bytes.fromhex(value) if value.strip() else None
    return bytes(value)


def settings_of(translator: Any) -> SecuritySettings:
    """SecuritySettings built from a translator's key attributes."""
    return SecuritySettings(
        security_suite=SecuritySuite(int(getattr(translator, "securitySuite", 0) or 0)),
        system_title=_bytes(getattr(translator, "systemTitle", None)) or DEFAULT_SYSTEM_TITLE,
        block_cipher_key=_bytes(getattr(translator, "blockCipherKey", None)) or bytes(16),
        authentication_key=_bytes(getattr(translator, "authenticationKey", None)) or bytes(16),
        dedicated_key=_bytes(getattr(translator, "dedicatedKey", None)),
    )


def sender_title(translator: Any, plain_tag: int | None) -> bytes | None:
    """The system title of the party that sent an APDU whose plain form has ``plain_tag``."""
    if plain_tag is not None and is_client_to_server(plain_tag):
        return _bytes(getattr(translator, "systemTitle", None)) or DEFAULT_SYSTEM_TITLE
    return _bytes(getattr(translator, "serverSystemTitle", None))


def try_decipher(translator: Any, apdu: Any, system_title: bytes | None) -> tuple[Deciphered | None, str | None]:
    """``(result, None)`` or ``(None, why it failed)``."""
    if translator is None:
        return None, "no keys"
    try:
        keys = settings_of(translator)
        return decipher(apdu, keys, system_title=system_title, check_counter=False), None
    except (DLMSError, ValueError) as exc:
        return None, str(exc)


__all__ = ["sender_title", "settings_of", "try_decipher"]
