"""Security setup (class 64): the security policy, suite, system titles, keys and certificates.

Version 0 has a policy enumeration (nothing / authenticated / encrypted / both) and two
methods (security_activate, global_key_transfer); version 1 makes the policy a set of
flags for requests and responses, adds the certificates and the public-key methods
(key agreement, key pair and certificate request generation, certificate import, export
and removal).  What a server does for each method is in :mod:`.security_setup_server`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum, IntFlag
from typing import Any

from ...data.types import DataType, GXArray, GXEnum, GXStructure
from ...security.enums import SecuritySuite
from ...security.keys import wrap_key
from ..access import AccessMode
from ..base import Attribute, GXDLMSObject, Method, ValueEventArgs
from ..object_type import ObjectType
from ..registry import register_class
from .setup_values import enum_or_int, integer, items, members, octets, octets_attribute

RW = AccessMode.READ_WRITE


class SecurityPolicy(IntFlag):
    """Version 1 security policy: what requests and responses must be."""

    NOTHING = 0
    AUTHENTICATED_REQUEST = 4
    ENCRYPTED_REQUEST = 8
    DIGITALLY_SIGNED_REQUEST = 16
    AUTHENTICATED_RESPONSE = 32
    ENCRYPTED_RESPONSE = 64
    DIGITALLY_SIGNED_RESPONSE = 128


class SecurityPolicy0(IntEnum):
    """Version 0 security policy."""

    NOTHING = 0
    AUTHENTICATED = 1
    ENCRYPTED = 2
    AUTHENTICATED_ENCRYPTED = 3


class GlobalKeyType(IntEnum):
    """Which key key_transfer / key_agreement sets."""

    UNICAST_ENCRYPTION = 0
    BROADCAST_ENCRYPTION = 1
    AUTHENTICATION = 2
    KEK = 3


class CertificateEntity(IntEnum):
    """Whose certificate it is."""

    SERVER = 0
    CLIENT = 1
    CERTIFICATION_AUTHORITY = 2
    OTHER = 3


class CertificateType(IntEnum):
    """What a certificate's key is for (also the key pair of generate_key_pair)."""

    DIGITAL_SIGNATURE = 0
    KEY_AGREEMENT = 1
    TLS = 2
    OTHER = 3


def name_to_octets(value: Any) -> bytearray:
    """A certificate name (text) as octets; characters that came from invalid UTF-8 go back unchanged."""
    if isinstance(value, (bytes, bytearray)):
        return bytearray(value)
    return bytearray(str(value or "").encode("utf-8", "surrogateescape"))


def octets_to_name(value: Any, what: str) -> str:
    return octets(value, what).decode("utf-8", "surrogateescape")


def serial_to_octets(serial: int) -> bytearray:
    """A certificate serial number as the content of a DER INTEGER (a leading 00 keeps it positive)."""
    return bytearray(serial.to_bytes(serial.bit_length() // 8 + 1, "big")) if serial else bytearray(b"\x00")


@dataclass
class GXDLMSCertificateInfo:
    """One certificate the server holds; ``certificate`` is its DER form (server side, not sent)."""

    entity: CertificateEntity | int = CertificateEntity.SERVER
    type: CertificateType | int = CertificateType.DIGITAL_SIGNATURE
    serialNumber: int = 0
    issuer: str = ""
    subject: str = ""
    subjectAltName: str = ""
    certificate: bytes | None = field(default=None, compare=False, repr=False)

    def to_data(self) -> GXStructure:
        return GXStructure([GXEnum(int(self.entity)), GXEnum(int(self.type)), serial_to_octets(self.serialNumber),
                            name_to_octets(self.issuer), name_to_octets(self.subject),
                            name_to_octets(self.subjectAltName)])

    @classmethod
    def from_data(cls, value: Any) -> GXDLMSCertificateInfo:
        what = "certificate info"
        fields = members(value, 6, what)
        return cls(enum_or_int(CertificateEntity, integer(fields[0], f"{what} entity")),
                   enum_or_int(CertificateType, integer(fields[1], f"{what} type")),
                   int.from_bytes(octets(fields[2], f"{what} serial number"), "big"),
                   octets_to_name(fields[3], f"{what} issuer"), octets_to_name(fields[4], f"{what} subject"),
                   octets_to_name(fields[5], f"{what} subject alternative name"))


def _policy_from_data(obj: Any, value: Any, settings: Any) -> None:
    number = integer(value, "security policy")
    obj.securityPolicy = enum_or_int(SecurityPolicy0, number) if obj.version == 0 else SecurityPolicy(number & 0xFF)


def _policy_to_data(obj: Any, settings: Any) -> GXEnum:
    return GXEnum(int(obj.securityPolicy))


def _certificates_to_data(obj: Any, settings: Any) -> GXArray:
    return GXArray(info.to_data() for info in obj.certificates)


def _certificates_from_data(obj: Any, value: Any, settings: Any) -> None:
    obj.certificates = [GXDLMSCertificateInfo.from_data(entry) for entry in items(value, "certificates")]


def _identification(by_serial: bool, first: Any, second: Any, system_title: Any = None) -> GXStructure:
    """certificate_identification: by entity ``{entity, type, system_title}`` or by serial ``{serial, issuer}``."""
    if by_serial:
        serial = serial_to_octets(first) if isinstance(first, int) else bytearray(first)
        return GXStructure([GXEnum(1), GXStructure([serial, name_to_octets(second)])])
    return GXStructure([GXEnum(0), GXStructure([GXEnum(int(first)), GXEnum(int(second)),
                                               bytearray(system_title or b"")])])


@register_class
class GXDLMSSecuritySetup(GXDLMSObject):
    """A COSEM Security setup.

    ``securityPolicy`` is a :class:`SecurityPolicy0` in version 0 and :class:`SecurityPolicy`
    flags in version 1; ``clientSystemTitle``/``serverSystemTitle`` are 8 bytes each.
    """

    CLASS_ID = ObjectType.SECURITY_SETUP
    VERSION = 1
    DEFAULT_LN = "0.0.43.0.0.255"
    ATTRIBUTES = (
        Attribute(2, "securityPolicy", "Security Policy", DataType.ENUM, default=SecurityPolicy.NOTHING,
                  to_data=_policy_to_data, from_data=_policy_from_data, access=RW),
        Attribute(3, "securitySuite", "Security Suite", DataType.ENUM, default=SecuritySuite.SUITE_0,
                  enum=SecuritySuite, static=True),
        octets_attribute(4, "clientSystemTitle", "Client System Title", access=RW),
        octets_attribute(5, "serverSystemTitle", "Server System Title", static=True),
        Attribute(6, "certificates", "Certificates", DataType.ARRAY, factory=list, to_data=_certificates_to_data,
                  from_data=_certificates_from_data, since=1),
    )
    METHODS = (
        Method(1, "securityActivate", "Security activate", DataType.ENUM),
        Method(2, "keyTransfer", "Key transfer", DataType.ARRAY),
        Method(3, "keyAgreement", "Key agreement", DataType.ARRAY, since=1),
        Method(4, "generateKeyPair", "Generate key pair", DataType.ENUM, since=1),
        Method(5, "generateCertificateRequest", "Generate certificate request", DataType.ENUM, since=1),
        Method(6, "importCertificate", "Import certificate", DataType.OCTET_STRING, since=1),
        Method(7, "exportCertificate", "Export certificate", DataType.STRUCTURE, since=1),
        Method(8, "removeCertificate", "Remove certificate", DataType.STRUCTURE, since=1),
    )

    securityPolicy: SecurityPolicy | SecurityPolicy0 | int
    securitySuite: SecuritySuite | int
    clientSystemTitle: bytes
    serverSystemTitle: bytes
    certificates: list[GXDLMSCertificateInfo]

    def __init__(self, ln: str | None = None, sn: int = 0) -> None:
        super().__init__(ln, sn)
        #: key pairs generated by generate_key_pair, by CertificateType (server side)
        self.keyPairs: dict[int, Any] = {}

    # --- client helpers (Gurux names): each returns the frames to send --------------------------
    def activate(self, client: Any, security: int) -> Any:
        """Frames that raise the security policy to ``security``."""
        return self._method_request(client, 1, GXEnum(int(security)))

    def globalKeyTransfer(self, client: Any, kek: bytes, list_: list[tuple[int, bytes]]) -> Any:
        """Frames that send new keys, each wrapped (RFC 3394) with the key encrypting key ``kek``."""
        value = GXArray(GXStructure([GXEnum(int(kind)), bytearray(wrap_key(kek, key))]) for kind, key in list_)
        return self._method_request(client, 2, value)

    def keyAgreement(self, client: Any, list_: list[tuple[int, bytes]]) -> Any:
        """Frames of key_agreement: ``(GlobalKeyType, ephemeral public key || signature)`` pairs."""
        value = GXArray(GXStructure([GXEnum(int(kind)), bytearray(data)]) for kind, data in list_)
        return self._method_request(client, 3, value)

    def generateKeyPair(self, client: Any, type: int) -> Any:
        return self._method_request(client, 4, GXEnum(int(type)))

    def generateCertificate(self, client: Any, type: int) -> Any:
        return self._method_request(client, 5, GXEnum(int(type)))

    def importCertificate(self, client: Any, certificate: Any) -> Any:
        """Frames that import a certificate (DER bytes, or an object with ``public_bytes``/``encoded``)."""
        der = certificate
        if hasattr(certificate, "public_bytes"):
            from cryptography.hazmat.primitives.serialization import Encoding

            der = certificate.public_bytes(Encoding.DER)
        elif hasattr(certificate, "encoded"):
            der = certificate.encoded
        return self._method_request(client, 6, bytearray(der))

    def exportCertificateByEntity(self, client: Any, entity: int, type: int, systemTitle: bytes) -> Any:
        return self._method_request(client, 7, _identification(False, entity, type, systemTitle))

    def exportCertificateBySerial(self, client: Any, serialNumber: int | bytes, issuer: str | bytes) -> Any:
        return self._method_request(client, 7, _identification(True, serialNumber, issuer))

    def removeCertificateByEntity(self, client: Any, entity: int, type: int, systemTitle: bytes) -> Any:
        return self._method_request(client, 8, _identification(False, entity, type, systemTitle))

    def removeCertificateBySerial(self, client: Any, serialNumber: int | bytes, issuer: str | bytes) -> Any:
        return self._method_request(client, 8, _identification(True, serialNumber, issuer))

    # --- server side --------------------------------------------------------------------------------
    def invoke(self, settings: Any, e: ValueEventArgs) -> Any:
        """Run a method for a client (see :mod:`.security_setup_server`)."""
        from .security_setup_server import HANDLERS

        handler = HANDLERS.get(e.index)
        if handler is None or e.index > self.getMethodCount():
            return super().invoke(settings, e)
        return handler(self, settings, e)


__all__ = [
    "CertificateEntity",
    "CertificateType",
    "GXDLMSCertificateInfo",
    "GXDLMSSecuritySetup",
    "GlobalKeyType",
    "SecurityPolicy",
    "SecurityPolicy0",
    "SecuritySuite",
]
