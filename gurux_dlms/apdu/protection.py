"""Enciphering and deciphering whole APDUs with one party's :class:`SecuritySettings`.

The rules (Green Book 9.2.7.2; they are what the conformance vectors show):

* the nonce uses the **sender's** system title: our own when we encipher; when we
  decipher, the one the envelope carries (general-*), else the peer's
  (``recipient_system_title``, e.g. the server title learnt from the AARE);
* ``glo-*`` and general-glo use the global unicast key (the broadcast key when SC has
  0x40), ``ded-*`` and general-ded the dedicated key;
* the replay guard checks, per sender and key, that invocation counters increase; a
  counter is recorded only after its APDU authenticated.

general-ciphering additionally authenticates its five header fields (after AK in the AAD)
and finds its key from key-info: identified, wrapped under the KEK, or agreed by ECDH
(one-pass Diffie-Hellman with a signed ephemeral key, or the static unified model with
the transaction-id in the KDF).  general-signing carries an ECDSA signature over the APDU
up to the signature field.
"""

from __future__ import annotations

import secrets

from ..errors import AuthenticationError, ConfigurationError, DecryptionError
from ..security import ecc, gcm
from ..security.enums import KeyAgreementScheme, KeyId, Security
from ..security.gcm import Deciphered
from ..security.keys import KeyKind, SecuritySettings, unwrap_key, wrap_key
from .base import decode_apdu
from .ciphered_services import (
    ENVELOPE_FOR,
    SERVICE_CLASSES,
    CipheredApdu,
    GeneralDedCiphering,
    GeneralGloCiphering,
)
from .general_ciphering import AgreedKey, GeneralCiphering, GeneralSigning, IdentifiedKey, KeyInfo, WrappedKey

#: Tags of plain APDUs a client sends (the rest come from the server).
CLIENT_TO_SERVER_TAGS = frozenset({0x01, 0x05, 0x06, 0x16, 0x60, 0x62, 0xC0, 0xC1, 0xC3, 0xD9, 0xE6})
#: Tags of every ciphered or signed envelope.
PROTECTED_TAGS = frozenset(SERVICE_CLASSES) | {GeneralGloCiphering.TAG, GeneralDedCiphering.TAG,
                                                GeneralCiphering.TAG, GeneralSigning.TAG}
_COORDINATE = {1: 32, 2: 48}


def is_client_to_server(plain_tag: int) -> bool:
    """True for APDUs a client sends (requests), False for responses and notifications."""
    return plain_tag in CLIENT_TO_SERVER_TAGS


def _security(keys: SecuritySettings, security: Security | int | None) -> Security:
    chosen = keys.security if security is None else Security(security)
    if chosen == Security.NONE:
        raise ConfigurationError("security", expected="AUTHENTICATION, ENCRYPTION or both", found="NONE")
    return chosen


def _counter(keys: SecuritySettings, invocation_counter: int | None) -> int:
    return keys.invocation_counter.next() if invocation_counter is None else invocation_counter


def encrypt_apdu(plain: bytes, keys: SecuritySettings, *, security: Security | int | None = None,
                 invocation_counter: int | None = None, dedicated: bool = False, general: bool = False,
                 broadcast: bool = False) -> bytes:
    """Encipher a plain APDU into its glo-*/ded-* envelope, or general-glo/ded when ``general``.

    APDUs without a service-specific envelope (data-notification, access ...) always get
    the general form.  The counter is taken from ``keys`` unless given.
    """
    plain = bytes(plain)
    if not plain:
        raise ConfigurationError("plain APDU", expected="at least a tag", found="no bytes")
    kind = KeyKind.DEDICATED if dedicated else KeyKind.BROADCAST if broadcast else KeyKind.GLOBAL
    key = keys.key(kind)
    sc = gcm.security_control(int(_security(keys, security)), int(keys.security_suite), broadcast=broadcast)
    ic = _counter(keys, invocation_counter)
    content = gcm.encrypt(sc, keys.system_title, ic, key, keys.authentication_key, plain)
    ciphered = content[gcm.HEADER_LENGTH:]
    envelope = None if general else ENVELOPE_FOR.get((plain[0], dedicated))
    if envelope is not None:
        return envelope(sc, ic, ciphered).encode()
    general_class = GeneralDedCiphering if dedicated else GeneralGloCiphering
    return general_class(keys.system_title, sc, ic, ciphered).encode()


def _as_apdu(apdu: bytes | bytearray | memoryview | CipheredApdu | GeneralSigning) -> CipheredApdu | GeneralSigning:
    if isinstance(apdu, (CipheredApdu, GeneralSigning)):
        return apdu
    decoded = decode_apdu(apdu)
    if not isinstance(decoded, (CipheredApdu, GeneralSigning)):
        raise DecryptionError("APDU", expected="a ciphered APDU", found=type(decoded).__name__)
    return decoded


def _sender(apdu: CipheredApdu, keys: SecuritySettings, system_title: bytes | None) -> bytes:
    if isinstance(apdu, GeneralGloCiphering):
        return bytes(apdu.system_title)
    if isinstance(apdu, GeneralCiphering):
        return bytes(apdu.originator_system_title)
    title = system_title if system_title is not None else keys.recipient_system_title
    if title is None:
        raise DecryptionError(f"{type(apdu).__name__}", expected="the sender's system title (recipient_system_title)",
                              found="none known")
    return bytes(title)


def decipher(apdu: bytes | bytearray | memoryview | CipheredApdu | GeneralSigning, keys: SecuritySettings, *,
             system_title: bytes | None = None, check_counter: bool = True,
             require: Security | int | None = None) -> Deciphered:
    """Decipher (and authenticate) a ciphered APDU: security control, counter and plain APDU.

    ``system_title`` overrides the sender's title for service-specific envelopes;
    ``require`` is the protection the APDU must at least have (a policy check: an APDU whose
    authentication bit was cleared on the way cannot be caught by GCM itself).
    """
    decoded = _as_apdu(apdu)
    if isinstance(decoded, GeneralSigning):
        content = verify_general(decoded, keys)
        if content and content[0] in PROTECTED_TAGS:
            return decipher(content, keys, check_counter=check_counter, require=require)
        if require:
            raise AuthenticationError("signed content", expected=f"protection {Security(require).name}",
                                      found="plain content")
        return Deciphered(0, 0, content)
    if require is not None and decoded.security_control & int(require) != int(require):
        raise AuthenticationError("security control", expected=f"at least {Security(require).name}",
                                  found=f"0x{decoded.security_control:02X}")
    sender = _sender(decoded, keys, system_title)
    extra_aad = b""
    channel = None
    if isinstance(decoded, GeneralCiphering):
        key, kind = _general_key(decoded, keys)
        extra_aad = decoded.header_bytes()
    else:
        kind = (KeyKind.DEDICATED if decoded.DEDICATED
                else KeyKind.BROADCAST if decoded.security_control & gcm.SC_BROADCAST else KeyKind.GLOBAL)
        key = keys.key(kind, DecryptionError)
    if check_counter and kind is not None:
        channel = (sender, kind)
        keys.replay_guard.check(decoded.invocation_counter, channel)
    result = gcm.decrypt(sender, key, keys.authentication_key, decoded.content, extra_aad=extra_aad)
    if channel is not None:
        keys.replay_guard.accept(result.invocation_counter, channel)
    return result


def decrypt_apdu(apdu: bytes | bytearray | memoryview | CipheredApdu | GeneralSigning, keys: SecuritySettings, *,
                 system_title: bytes | None = None, check_counter: bool = True,
                 require: Security | int | None = None) -> bytes:
    """The plain APDU inside a ciphered one (see :func:`decipher`)."""
    return decipher(apdu, keys, system_title=system_title, check_counter=check_counter, require=require).plaintext


# --- general-ciphering ------------------------------------------------------------------------------
def _suite(keys: SecuritySettings) -> int:
    suite = int(keys.security_suite)
    if suite not in _COORDINATE:
        raise ConfigurationError("security suite", expected="1 or 2 for agreed keys", found=suite)
    return suite


def _agreement_private(keys: SecuritySettings) -> ecc.PrivateKey:
    if keys.key_agreement_key_pair is None:
        raise ConfigurationError("key agreement key pair", expected="our static key agreement key", found="none")
    return keys.key_agreement_key_pair.require_private()


def _peer_agreement_key(keys: SecuritySettings, title: bytes) -> ecc.PublicKey:
    key = keys.agreement_keys.get(bytes(title))
    if key is None:
        raise ConfigurationError("peer key agreement key", expected="a key in agreement_keys",
                                 found=f"none for {bytes(title).hex().upper()}")
    return key


def _general_key(apdu: GeneralCiphering, keys: SecuritySettings) -> tuple[bytes, KeyKind | None]:
    """The content key of a received general-ciphering APDU, and its kind when it is a long-term key."""
    info = apdu.key_info
    if info is None or isinstance(info, IdentifiedKey):
        kind = KeyKind.BROADCAST if info is not None and info.key_id == KeyId.GLOBAL_BROADCAST_ENCRYPTION_KEY \
            else KeyKind.GLOBAL
        return keys.key(kind, DecryptionError), kind
    if isinstance(info, WrappedKey):
        if keys.kek is None:
            raise DecryptionError("wrapped key", expected="a key encrypting key (kek)", found="none set")
        return unwrap_key(keys.kek, info.key_ciphered_data), None
    suite = _suite(keys)
    scheme = info.key_parameters[:1]
    originator = bytes(apdu.originator_system_title)
    if scheme == bytes((KeyAgreementScheme.ONE_PASS_DIFFIE_HELLMAN,)):
        width = 2 * _COORDINATE[suite]
        data = bytes(info.key_ciphered_data)
        if len(data) != 2 * width:
            raise DecryptionError("agreed key", expected=f"{2 * width} bytes (ephemeral key and signature)",
                                  found=f"{len(data)} bytes")
        ecc.verify(keys.peer_public_key(originator), data[:width], data[width:])
        ephemeral = ecc.public_key_from_bytes(suite, data[:width])
        z = ecc.ecdh(_agreement_private(keys), ephemeral)
        supp_pub = b""
    elif scheme == bytes((KeyAgreementScheme.STATIC_UNIFIED_MODEL,)):
        z = ecc.ecdh(_agreement_private(keys), _peer_agreement_key(keys, originator))
        supp_pub = bytes(apdu.transaction_id)
    else:
        raise DecryptionError("agreed key parameters", expected="0x01 or 0x02", found=info.key_parameters.hex())
    key = ecc.kdf(suite, z, ecc.CIPHER_ALGORITHM_IDS[suite], originator, bytes(apdu.recipient_system_title),
                  supp_pub)
    return key, None


def _fresh_key(keys: SecuritySettings, info: KeyInfo | None, recipient: bytes,
               transaction_id: bytes) -> tuple[bytes, KeyInfo | None]:
    """The content key for sending, and the key-info that lets the recipient find it."""
    if info is None or isinstance(info, IdentifiedKey):
        broadcast = info is not None and info.key_id == KeyId.GLOBAL_BROADCAST_ENCRYPTION_KEY
        return keys.key(KeyKind.BROADCAST if broadcast else KeyKind.GLOBAL), info
    if isinstance(info, WrappedKey):
        if keys.kek is None:
            raise ConfigurationError("wrapped key", expected="a key encrypting key (kek)", found="none set")
        key = secrets.token_bytes(gcm.KEY_LENGTHS[int(keys.security_suite)])
        return key, WrappedKey(info.kek_id, wrap_key(keys.kek, key))
    suite = _suite(keys)
    scheme = info.key_parameters[:1]
    if scheme == bytes((KeyAgreementScheme.ONE_PASS_DIFFIE_HELLMAN,)):
        if keys.signing_key_pair is None:
            raise ConfigurationError("signing key pair", expected="our signing key", found="none")
        ephemeral = ecc.KeyPair.generate(suite)
        z = ecc.ecdh(ephemeral.require_private(), _peer_agreement_key(keys, recipient))
        signature = ecc.sign(keys.signing_key_pair.require_private(), ephemeral.public_bytes)
        supp_pub = b""
        info = AgreedKey(info.key_parameters, ephemeral.public_bytes + signature)
    elif scheme == bytes((KeyAgreementScheme.STATIC_UNIFIED_MODEL,)):
        z = ecc.ecdh(_agreement_private(keys), _peer_agreement_key(keys, recipient))
        supp_pub = transaction_id
        info = AgreedKey(info.key_parameters, b"")
    else:
        raise ConfigurationError("agreed key parameters", expected="0x01 or 0x02", found=info.key_parameters.hex())
    key = ecc.kdf(suite, z, ecc.CIPHER_ALGORITHM_IDS[suite], keys.system_title, recipient, supp_pub)
    return key, info


def _recipient(keys: SecuritySettings, recipient_system_title: bytes | None) -> bytes:
    title = recipient_system_title if recipient_system_title is not None else keys.recipient_system_title
    if title is None:
        raise ConfigurationError("recipient system title", expected="8 bytes", found="none")
    return bytes(title)


def encrypt_general(plain: bytes, keys: SecuritySettings, *, key_info: KeyInfo | None = None,
                    recipient_system_title: bytes | None = None, transaction_id: bytes | None = None,
                    date_time: bytes = b"", other_information: bytes = b"",
                    security: Security | int | None = None, invocation_counter: int | None = None) -> bytes:
    """Encipher ``plain`` into a general-ciphering APDU.

    ``key_info`` selects the key: None or :class:`IdentifiedKey` (global keys),
    ``WrappedKey()`` (a fresh key wrapped under ``keys.kek``), ``AgreedKey(b"\\x01")`` /
    ``AgreedKey(b"\\x02")`` (ECDH; suites 1 and 2).  The transaction-id defaults to the
    invocation counter as 8 bytes.
    """
    recipient = _recipient(keys, recipient_system_title)
    sc = gcm.security_control(int(_security(keys, security)), int(keys.security_suite))
    ic = _counter(keys, invocation_counter)
    tid = ic.to_bytes(8, "big") if transaction_id is None else bytes(transaction_id)
    key, info = _fresh_key(keys, key_info, recipient, tid)
    apdu = GeneralCiphering(tid, keys.system_title, recipient, bytes(date_time), bytes(other_information),
                            info, sc, ic, b"")
    content = gcm.encrypt(sc, keys.system_title, ic, key, keys.authentication_key, plain,
                          extra_aad=apdu.header_bytes())
    apdu.ciphered = content[gcm.HEADER_LENGTH:]
    return apdu.encode()


# --- general-signing --------------------------------------------------------------------------------
def sign_general(content: bytes, keys: SecuritySettings, *, recipient_system_title: bytes | None = None,
                 transaction_id: bytes | None = None, date_time: bytes = b"",
                 other_information: bytes = b"") -> bytes:
    """Wrap ``content`` (an APDU) in a general-signing APDU signed with ``keys.signing_key_pair``."""
    if keys.signing_key_pair is None:
        raise ConfigurationError("signing key pair", expected="our signing key", found="none")
    recipient = _recipient(keys, recipient_system_title)
    tid = keys.invocation_counter.next().to_bytes(8, "big") if transaction_id is None else bytes(transaction_id)
    apdu = GeneralSigning(tid, keys.system_title, recipient, bytes(date_time), bytes(other_information),
                          bytes(content), b"")
    apdu.signature = ecc.sign(keys.signing_key_pair.require_private(), apdu.signed_bytes())
    return apdu.encode()


def verify_general(apdu: bytes | bytearray | memoryview | GeneralSigning, keys: SecuritySettings) -> bytes:
    """Check a general-signing APDU against the originator's public key; return its content."""
    decoded = apdu if isinstance(apdu, GeneralSigning) else decode_apdu(apdu)
    if not isinstance(decoded, GeneralSigning):
        raise DecryptionError("APDU", expected="general-signing", found=type(decoded).__name__)
    ecc.verify(keys.peer_public_key(decoded.originator_system_title), decoded.signed_bytes(), decoded.signature)
    return bytes(decoded.content)


__all__ = [
    "CLIENT_TO_SERVER_TAGS",
    "PROTECTED_TAGS",
    "decipher",
    "decrypt_apdu",
    "encrypt_apdu",
    "encrypt_general",
    "is_client_to_server",
    "sign_general",
    "verify_general",
]
