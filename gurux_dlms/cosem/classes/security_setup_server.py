"""What a server does for each method of Security setup.

The keys live in the server's :class:`~gurux_dlms.security.keys.SecuritySettings`, found
as ``settings.security`` (or ``settings.cipher``, or ``settings`` itself): key transfer
unwraps new keys with its KEK, key agreement runs the ephemeral ECDH of the Green Book
and signs with its signing key, generated key pairs become its signing or key agreement
pair, and imported certificates of peers register their public keys under the system
title in the certificate's common name.  A method that cannot be carried out answers with
an action error in ``e.error``; a server without key settings is a programming error and
raises :class:`LocalProtocolError`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from cryptography.hazmat.primitives.asymmetric import ec

from ...data.types import GXArray, GXEnum, GXStructure
from ...errors import DecodeError, DLMSError, LocalProtocolError
from ...security import ecc
from ...security.keys import SecuritySettings, unwrap_key
from ..base import ValueEventArgs
from .security_setup import (
    CertificateEntity,
    CertificateType,
    GlobalKeyType,
    GXDLMSCertificateInfo,
    GXDLMSSecuritySetup,
    SecurityPolicy,
    SecurityPolicy0,
    octets_to_name,
)
from .setup_values import enum_or_int, integer, items, members, octets

log = logging.getLogger(__name__)

READ_WRITE_DENIED = 3
OTHER_REASON = 250

_KEY_FIELDS = {GlobalKeyType.UNICAST_ENCRYPTION: "block_cipher_key", GlobalKeyType.BROADCAST_ENCRYPTION: "broadcast_key",
               GlobalKeyType.AUTHENTICATION: "authentication_key", GlobalKeyType.KEK: "kek"}


def key_holder(settings: Any) -> SecuritySettings:
    """The server's key settings."""
    if isinstance(settings, SecuritySettings):
        return settings
    for name in ("security", "cipher"):
        holder = getattr(settings, name, None)
        if isinstance(holder, SecuritySettings):
            return holder
    raise LocalProtocolError("security setup method", expected="settings with a SecuritySettings (settings.security)",
                             found=type(settings).__name__)


def _key_field(value: Any) -> str:
    kind = integer(value, "key id")
    if kind not in _KEY_FIELDS:
        raise DecodeError("key id", expected="0..3 (unicast, broadcast, authentication, KEK)", found=kind)
    return _KEY_FIELDS[GlobalKeyType(kind)]


def _suite(obj: GXDLMSSecuritySetup) -> int:
    suite = int(obj.securitySuite)
    if suite not in (1, 2):
        raise LocalProtocolError("public-key method", expected="security suite 1 or 2", found=suite)
    return suite


# --- methods 1 and 2 --------------------------------------------------------------------------------
def security_activate(obj: GXDLMSSecuritySetup, settings: Any, e: ValueEventArgs) -> None:
    """Raise the policy; a policy that drops a protection in force is refused."""
    new = integer(e.parameters, "security policy")
    current = int(obj.securityPolicy)
    stronger = new >= current if obj.version == 0 else (new & current) == current
    if not stronger:
        e.error = READ_WRITE_DENIED
        return
    obj.securityPolicy = enum_or_int(SecurityPolicy0, new) if obj.version == 0 else SecurityPolicy(new & 0xFF)


def key_transfer(obj: GXDLMSSecuritySetup, settings: Any, e: ValueEventArgs) -> None:
    """Unwrap every key with the KEK and install them all, or none when one fails to unwrap."""
    holder = key_holder(settings)
    new_keys = {}
    try:
        for entry in items(e.parameters, "key transfer"):
            fields = members(entry, 2, "key data")
            new_keys[_key_field(fields[0])] = unwrap_key(holder.kek, octets(fields[1], "wrapped key"))  # type: ignore[arg-type]
    except DLMSError as exc:
        if isinstance(exc, DecodeError):
            raise
        log.warning("key transfer refused: %s", exc)
        e.error = OTHER_REASON
        return
    for name, key in new_keys.items():
        setattr(holder, name, key)


# --- public-key methods ---------------------------------------------------------------------------
def key_agreement(obj: GXDLMSSecuritySetup, settings: Any, e: ValueEventArgs) -> GXArray | None:
    """Ephemeral unified model ECDH: check the client's signed ephemeral key, answer with ours.

    Each entry is ``structure{key_id, ephemeral public key || ECDSA signature of key_id || key}``;
    the agreed key is ``KDF(Z, AES-GCM algorithm id, client system title, server system title)``.
    """
    holder = key_holder(settings)
    suite = _suite(obj)
    client_title = holder.recipient_system_title or bytes(obj.clientSystemTitle)
    signer = holder.signing_key_pair
    if signer is None:
        raise LocalProtocolError("key agreement", expected="the server's signing key pair", found="none")
    width = 32 if suite == 1 else 48
    answers = GXArray()
    agreed = {}
    try:
        client_key = holder.peer_public_key(client_title)
        for entry in items(e.parameters, "key agreement"):
            fields = members(entry, 2, "key agreement data")
            kind = integer(fields[0], "key id")
            name = _key_field(kind)
            data = octets(fields[1], "key agreement data")
            if len(data) != 4 * width:
                raise DecodeError("key agreement data", expected=f"{4 * width} bytes", found=f"{len(data)} bytes")
            ecc.verify(client_key, bytes((kind,)) + data[:2 * width], data[2 * width:])
            ephemeral = ecc.KeyPair.generate(suite)
            shared = ecc.ecdh(ephemeral.require_private(), ecc.public_key_from_bytes(suite, data[:2 * width]))
            agreed[name] = ecc.kdf(suite, shared, ecc.CIPHER_ALGORITHM_IDS[suite], client_title, holder.system_title)
            signature = ecc.sign(signer.require_private(), bytes((kind,)) + ephemeral.public_bytes)
            answers.append(GXStructure([GXEnum(kind), bytearray(ephemeral.public_bytes + signature)]))
    except DLMSError as exc:
        if isinstance(exc, DecodeError):
            raise
        log.warning("key agreement refused: %s", exc)
        e.error = OTHER_REASON
        return None
    for name, key in agreed.items():
        setattr(holder, name, key)
    return answers


def generate_key_pair(obj: GXDLMSSecuritySetup, settings: Any, e: ValueEventArgs) -> None:
    """A new key pair for signing, key agreement or TLS; the first two become the server's own."""
    kind = integer(e.parameters, "key pair type")
    if kind not in (CertificateType.DIGITAL_SIGNATURE, CertificateType.KEY_AGREEMENT, CertificateType.TLS):
        e.error = READ_WRITE_DENIED
        return
    pair = ecc.KeyPair.generate(_suite(obj))
    obj.keyPairs[kind] = pair
    holder = key_holder(settings)
    if kind == CertificateType.DIGITAL_SIGNATURE:
        holder.signing_key_pair = pair
    elif kind == CertificateType.KEY_AGREEMENT:
        holder.key_agreement_key_pair = pair


def _server_title(obj: GXDLMSSecuritySetup, settings: Any) -> bytes:
    return bytes(obj.serverSystemTitle) or key_holder(settings).system_title


def generate_certificate_request(obj: GXDLMSSecuritySetup, settings: Any, e: ValueEventArgs) -> bytearray | None:
    """A PKCS #10 request (DER) for a generated key pair, subject CN = the server system title in hex."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.x509.oid import NameOID

    kind = integer(e.parameters, "key pair type")
    pair = obj.keyPairs.get(kind)
    if pair is None:
        e.error = READ_WRITE_DENIED
        return None
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, _server_title(obj, settings).hex().upper())])
    algorithm = hashes.SHA256() if pair.suite == 1 else hashes.SHA384()
    request = x509.CertificateSigningRequestBuilder().subject_name(name).sign(pair.require_private(), algorithm)
    from cryptography.hazmat.primitives.serialization import Encoding

    return bytearray(request.public_bytes(Encoding.DER))


def _common_name(certificate: Any) -> str:
    from cryptography.x509.oid import NameOID

    found = certificate.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    return str(found[0].value) if found else ""


def _system_title(common_name: str) -> bytes | None:
    try:
        raw = bytes.fromhex(common_name)
    except ValueError:
        return None
    return raw if len(raw) == 8 else None


def certificate_info(certificate: Any, der: bytes, server_title: bytes) -> GXDLMSCertificateInfo:
    """What attribute 6 says about a certificate: entity, key use, serial, names."""
    from cryptography import x509

    extensions = certificate.extensions
    try:
        is_ca = extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    except x509.ExtensionNotFound:
        is_ca = False
    title = _system_title(_common_name(certificate))
    if is_ca:
        entity = CertificateEntity.CERTIFICATION_AUTHORITY
    elif title is not None:
        entity = CertificateEntity.SERVER if title == server_title else CertificateEntity.CLIENT
    else:
        entity = CertificateEntity.OTHER
    kind = CertificateType.OTHER
    try:
        usage = extensions.get_extension_for_class(x509.KeyUsage).value
        if usage.digital_signature:
            kind = CertificateType.DIGITAL_SIGNATURE
        elif usage.key_agreement:
            kind = CertificateType.KEY_AGREEMENT
    except x509.ExtensionNotFound:
        pass
    try:
        names = extensions.get_extension_for_class(x509.SubjectAlternativeName).value
        alt = ", ".join(str(getattr(n, "value", n)) for n in names)
    except x509.ExtensionNotFound:
        alt = ""
    return GXDLMSCertificateInfo(entity, kind, certificate.serial_number, certificate.issuer.rfc4514_string(),
                                 certificate.subject.rfc4514_string(), alt, bytes(der))


def import_certificate(obj: GXDLMSSecuritySetup, settings: Any, e: ValueEventArgs) -> None:
    """Store a certificate (replacing one with the same serial and issuer); a peer's key is registered."""
    from cryptography import x509

    der = octets(e.parameters, "certificate")
    try:
        certificate = x509.load_der_x509_certificate(der)
    except ValueError:
        log.warning("import_certificate: not a DER X.509 certificate (%d bytes)", len(der))
        e.error = OTHER_REASON
        return
    info = certificate_info(certificate, der, _server_title(obj, settings))
    obj.certificates = [c for c in obj.certificates
                        if (c.serialNumber, c.issuer) != (info.serialNumber, info.issuer)]
    obj.certificates.append(info)
    title = _system_title(_common_name(certificate))
    key = certificate.public_key()
    if title is not None and info.entity != CertificateEntity.SERVER and isinstance(key, ec.EllipticCurvePublicKey):
        key_holder(settings).public_keys[title] = key


def _matches(obj: GXDLMSSecuritySetup, parameters: Any) -> list[GXDLMSCertificateInfo]:
    fields = members(parameters, 2, "certificate identification")
    by = integer(fields[0], "certificate identification type")
    options = members(fields[1], 2, "certificate identification options")
    if by == 1:
        serial = int.from_bytes(octets(options[0], "serial number"), "big")
        issuer = octets_to_name(options[1], "issuer")
        return [c for c in obj.certificates if c.serialNumber == serial and c.issuer == issuer]
    if by != 0:
        raise DecodeError("certificate identification type", expected="0 (entity) or 1 (serial)", found=by)
    options = members(fields[1], 3, "certificate identification by entity")
    entity, kind = integer(options[0], "entity"), integer(options[1], "type")
    title = octets(options[2], "system title").hex().upper()
    return [c for c in obj.certificates if int(c.entity) == entity and int(c.type) == kind
            and (not title or f"CN={title}" in c.subject)]


def export_certificate(obj: GXDLMSSecuritySetup, settings: Any, e: ValueEventArgs) -> bytearray | None:
    """The DER of the certificate identified (by entity/type/system title or by serial/issuer)."""
    found = [c for c in _matches(obj, e.parameters) if c.certificate is not None]
    if not found:
        e.error = OTHER_REASON
        return None
    return bytearray(found[0].certificate or b"")


def remove_certificate(obj: GXDLMSSecuritySetup, settings: Any, e: ValueEventArgs) -> None:
    gone = _matches(obj, e.parameters)
    if not gone:
        e.error = OTHER_REASON
        return
    obj.certificates = [c for c in obj.certificates if all(c is not g for g in gone)]


HANDLERS: dict[int, Callable[[GXDLMSSecuritySetup, Any, ValueEventArgs], Any]] = {
    1: security_activate,
    2: key_transfer,
    3: key_agreement,
    4: generate_key_pair,
    5: generate_certificate_request,
    6: import_certificate,
    7: export_certificate,
    8: remove_certificate,
}

__all__ = ["HANDLERS", "certificate_info", "key_holder"]
