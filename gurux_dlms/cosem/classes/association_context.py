"""What an association object says about its association: context, mechanism, xDLMS parameters.

Association LN attributes 4 (application context name), 5 (xDLMS context info) and 6
(authentication mechanism name) are small structures; their Gurux value classes live here.
An application context or mechanism name is an object identifier ``2.16.756.5.8.x.y``;
meters send it either as the structure of its seven arcs (the Blue Book form) or as an
octet string holding the BER encoding of the identifier.  Both are read; the form read is
remembered so that a value is written back the way the meter sent it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any

from ...apdu.conformance import Conformance
from ...data import ber
from ...data.types import GXBitString, GXInt8, GXStructure, GXUInt8, GXUInt16
from ...errors import DecodeError
from ...security.enums import Authentication
from .setup_values import enum_or_int, integer, members, octets


class AssociationStatus(IntEnum):
    """Association LN attribute 8."""

    NON_ASSOCIATED = 0
    ASSOCIATION_PENDING = 1
    ASSOCIATED = 2


class ApplicationContextName(IntEnum):
    """The last arc of the application context name (Gurux's ``ApplicationContextName``)."""

    UNKNOWN = 0
    LOGICAL_NAME = 1
    SHORT_NAME = 2
    LOGICAL_NAME_WITH_CIPHERING = 3
    SHORT_NAME_WITH_CIPHERING = 4


def _arcs_from_value(value: Any, what: str) -> tuple[tuple[int, ...], bool]:
    """The seven arcs of an identifier read as structure or as BER octet string; True for the latter."""
    if isinstance(value, (bytes, bytearray)):
        raw = octets(value, what)
        if raw[:1] == b"\x06" and len(raw) > 2 and raw[1] == len(raw) - 2:
            raw = raw[2:]  # a complete BER OBJECT IDENTIFIER, tag and length included
        if not raw:
            raise DecodeError(what, expected="an object identifier", found="an empty octet-string")
        arcs = ber.decode_oid(raw)
        if len(arcs) != 7:
            raise DecodeError(what, expected="an identifier of 7 arcs", found=".".join(map(str, arcs)))
        return arcs, True
    fields = members(value, 7, what)
    return tuple(integer(f, what) for f in fields[:7]), False


@dataclass
class GXApplicationContextName:
    """Application context name ``joint-iso-ctt(2) country(16) country-name(756) ...``."""

    jointIsoCtt: int = 2
    country: int = 16
    countryName: int = 756
    identifiedOrganization: int = 5
    dlmsUA: int = 8
    applicationContext: int = 1
    contextId: ApplicationContextName | int = ApplicationContextName.LOGICAL_NAME
    #: True when the meter sent the BER octet-string form; writes use the same form.
    asOctetString: bool = False

    def arcs(self) -> tuple[int, ...]:
        return (self.jointIsoCtt, self.country, self.countryName, self.identifiedOrganization, self.dlmsUA,
                self.applicationContext, int(self.contextId))

    def to_data(self) -> Any:
        if self.asOctetString:
            return bytearray(ber.encode_oid(self.arcs()))
        return GXStructure([GXUInt8(self.jointIsoCtt), GXUInt8(self.country), GXUInt16(self.countryName),
                            GXUInt8(self.identifiedOrganization), GXUInt8(self.dlmsUA),
                            GXUInt8(self.applicationContext), GXUInt8(int(self.contextId))])

    @classmethod
    def from_data(cls, value: Any) -> GXApplicationContextName:
        arcs, as_octets = _arcs_from_value(value, "application context name")
        return cls(jointIsoCtt=arcs[0], country=arcs[1], countryName=arcs[2], identifiedOrganization=arcs[3],
                   dlmsUA=arcs[4], applicationContext=arcs[5], contextId=enum_or_int(ApplicationContextName, arcs[6]),
                   asOctetString=as_octets)

    def __str__(self) -> str:
        return ".".join(map(str, self.arcs()))


@dataclass
class GXAuthenticationMechanismName:
    """Authentication mechanism name ``2.16.756.5.8.2.<mechanism>``."""

    jointIsoCtt: int = 2
    country: int = 16
    countryName: int = 756
    identifiedOrganization: int = 5
    dlmsUA: int = 8
    authenticationMechanismName: int = 2
    mechanismId: Authentication | int = Authentication.NONE
    asOctetString: bool = False

    def arcs(self) -> tuple[int, ...]:
        return (self.jointIsoCtt, self.country, self.countryName, self.identifiedOrganization, self.dlmsUA,
                self.authenticationMechanismName, int(self.mechanismId))

    def to_data(self) -> Any:
        if self.asOctetString:
            return bytearray(ber.encode_oid(self.arcs()))
        return GXStructure([GXUInt8(self.jointIsoCtt), GXUInt8(self.country), GXUInt16(self.countryName),
                            GXUInt8(self.identifiedOrganization), GXUInt8(self.dlmsUA),
                            GXUInt8(self.authenticationMechanismName), GXUInt8(int(self.mechanismId))])

    @classmethod
    def from_data(cls, value: Any) -> GXAuthenticationMechanismName:
        arcs, as_octets = _arcs_from_value(value, "authentication mechanism name")
        return cls(jointIsoCtt=arcs[0], country=arcs[1], countryName=arcs[2], identifiedOrganization=arcs[3],
                   dlmsUA=arcs[4], authenticationMechanismName=arcs[5],
                   mechanismId=enum_or_int(Authentication, arcs[6]), asOctetString=as_octets)

    def __str__(self) -> str:
        return ".".join(map(str, self.arcs()))


def conformance_to_bits(value: int) -> GXBitString:
    """Conformance flags (``1 << Blue Book bit``) as the 24-bit bit-string, bit 0 first."""
    return GXBitString("".join("1" if value >> bit & 1 else "0" for bit in range(24)))


def conformance_from_bits(bits: Any) -> int:
    """The flags of a conformance bit-string (bit 0 first)."""
    return sum(1 << bit for bit, char in enumerate(str(bits)) if char == "1")


@dataclass
class GXxDLMSContextInfo:
    """Association LN attribute 5: what the xDLMS context of the association allows."""

    conformance: Conformance | int = Conformance.NONE
    maxReceivePduSize: int = 0xFFFF
    maxSendPduSize: int = 0xFFFF
    dlmsVersionNumber: int = 6
    qualityOfService: int = 0
    cypheringInfo: bytes = field(default=b"")

    def to_data(self) -> GXStructure:
        return GXStructure([conformance_to_bits(int(self.conformance)), GXUInt16(self.maxReceivePduSize),
                            GXUInt16(self.maxSendPduSize), GXUInt8(self.dlmsVersionNumber),
                            GXInt8(self.qualityOfService), bytearray(self.cypheringInfo or b"")])

    @classmethod
    def from_data(cls, value: Any) -> GXxDLMSContextInfo:
        what = "xDLMS context info"
        fields = members(value, 6, what)
        bits = fields[0]
        if not isinstance(bits, str):
            raise DecodeError(f"{what} conformance", expected="a bit-string", found=type(bits).__name__)
        return cls(Conformance(conformance_from_bits(bits)), integer(fields[1], what),
                   integer(fields[2], what), integer(fields[3], what), integer(fields[4], what),
                   octets(fields[5], what))


__all__ = [
    "ApplicationContextName",
    "AssociationStatus",
    "GXApplicationContextName",
    "GXAuthenticationMechanismName",
    "GXxDLMSContextInfo",
    "conformance_from_bits",
    "conformance_to_bits",
]
