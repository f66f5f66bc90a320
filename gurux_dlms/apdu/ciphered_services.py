"""Service-specific (glo-*, ded-*) and general-glo/ded ciphering envelopes.

A service-specific envelope is its tag and one A-XDR octet string ``SC || IC || payload``
(security control byte, invocation counter, ciphertext and/or tag).  The tag says which
plain APDU is inside (glo-get-request 0xC8 carries a GetRequest 0xC0) and which key
protects it: ``glo-*`` the global unicast key, ``ded-*`` the dedicated key.  A
general-glo/ded-ciphering envelope adds the sender's system title and may carry any APDU.

The classes only decode and encode the envelope; :mod:`.protection` enciphers and
deciphers them.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from typing import ClassVar

from ..data.codec import decode_length, encode_length
from ..errors import DecodeError
from .base import Apdu, register
from .commands import Command

_HEADER = struct.Struct(">BI")
HEADER_LENGTH = 5


def read_octets(data: bytes, pos: int, what: str) -> tuple[bytes, int]:
    """Read an A-XDR octet string (length and bytes), checking that the bytes are there."""
    length, start = decode_length(data, pos)
    end = start + length
    if end > len(data):
        raise DecodeError(what, where=pos, expected=f"{length} bytes", found=f"{len(data) - start}")
    return data[start:end], end


def write_octets(out: bytearray, value: bytes) -> None:
    """Append an A-XDR octet string."""
    encode_length(out, len(value))
    out += value


def read_ciphered_content(data: bytes, pos: int, what: str) -> tuple[int, int, bytes, int]:
    """Read an octet string holding ``SC || IC || payload``; return (SC, IC, payload, next position)."""
    content, end = read_octets(data, pos, what)
    if len(content) < HEADER_LENGTH:
        raise DecodeError(what, where=pos, expected="a security control byte and a 4-byte invocation counter",
                          found=f"{len(content)} bytes")
    sc, ic = _HEADER.unpack_from(content, 0)
    return sc, ic, content[HEADER_LENGTH:], end


def write_ciphered_content(out: bytearray, security_control: int, invocation_counter: int, ciphered: bytes) -> None:
    """Append the octet string ``SC || IC || payload``."""
    encode_length(out, HEADER_LENGTH + len(ciphered))
    out += _HEADER.pack(security_control, invocation_counter)
    out += ciphered


class CipheredApdu(Apdu):
    """What every ciphered envelope has: security control, invocation counter and payload."""

    __slots__ = ()
    security_control: int
    invocation_counter: int
    ciphered: bytes

    #: True when the dedicated key protects the content.
    DEDICATED: ClassVar[bool] = False

    @property
    def content(self) -> bytes:
        """``SC || IC || payload``: what :func:`gurux_dlms.security.gcm.decrypt` takes."""
        return _HEADER.pack(self.security_control, self.invocation_counter) + bytes(self.ciphered)


@dataclass(slots=True)
class CipheredService(CipheredApdu):
    """A service-specific glo-*/ded-* envelope; ``PLAIN_TAG`` is the tag of the APDU inside."""

    security_control: int
    invocation_counter: int
    ciphered: bytes

    PLAIN_TAG: ClassVar[int]

    def encode_into(self, out: bytearray) -> None:
        out.append(self.TAG)
        write_ciphered_content(out, self.security_control, self.invocation_counter, self.ciphered)

    @classmethod
    def decode_body(cls, data: bytes, pos: int) -> tuple[CipheredService, int]:
        sc, ic, payload, end = read_ciphered_content(data, pos, f"{cls.__name__} content")
        return cls(sc, ic, payload), end


def _service(name: str, tag: Command, plain_tag: Command) -> type[CipheredService]:
    dedicated = tag.name.startswith("DED_")
    cls = type(name, (CipheredService,), {
        "__slots__": (), "__module__": __name__, "TAG": int(tag), "PLAIN_TAG": int(plain_tag),
        "DEDICATED": dedicated,
        "__doc__": f"{'ded' if dedicated else 'glo'}-ciphered {plain_tag.name} (tag 0x{int(tag):02X}).",
    })
    return register(cls)


C = Command
GloInitiateRequest = _service("GloInitiateRequest", C.GLO_INITIATE_REQUEST, C.INITIATE_REQUEST)
GloInitiateResponse = _service("GloInitiateResponse", C.GLO_INITIATE_RESPONSE, C.INITIATE_RESPONSE)
GloReadRequest = _service("GloReadRequest", C.GLO_READ_REQUEST, C.READ_REQUEST)
GloWriteRequest = _service("GloWriteRequest", C.GLO_WRITE_REQUEST, C.WRITE_REQUEST)
GloReadResponse = _service("GloReadResponse", C.GLO_READ_RESPONSE, C.READ_RESPONSE)
GloWriteResponse = _service("GloWriteResponse", C.GLO_WRITE_RESPONSE, C.WRITE_RESPONSE)
GloConfirmedServiceError = _service("GloConfirmedServiceError", C.GLO_CONFIRMED_SERVICE_ERROR,
                                    C.CONFIRMED_SERVICE_ERROR)
GloUnconfirmedWriteRequest = _service("GloUnconfirmedWriteRequest", C.GLO_UNCONFIRMED_WRITE_REQUEST,
                                      C.UNCONFIRMED_WRITE_REQUEST)
GloInformationReport = _service("GloInformationReport", C.GLO_INFORMATION_REPORT, C.INFORMATION_REPORT)
GloGetRequest = _service("GloGetRequest", C.GLO_GET_REQUEST, C.GET_REQUEST)
GloSetRequest = _service("GloSetRequest", C.GLO_SET_REQUEST, C.SET_REQUEST)
GloEventNotification = _service("GloEventNotification", C.GLO_EVENT_NOTIFICATION, C.EVENT_NOTIFICATION)
GloActionRequest = _service("GloActionRequest", C.GLO_METHOD_REQUEST, C.METHOD_REQUEST)
GloGetResponse = _service("GloGetResponse", C.GLO_GET_RESPONSE, C.GET_RESPONSE)
GloSetResponse = _service("GloSetResponse", C.GLO_SET_RESPONSE, C.SET_RESPONSE)
GloActionResponse = _service("GloActionResponse", C.GLO_METHOD_RESPONSE, C.METHOD_RESPONSE)

DedInitiateRequest = _service("DedInitiateRequest", C.DED_INITIATE_REQUEST, C.INITIATE_REQUEST)
DedInitiateResponse = _service("DedInitiateResponse", C.DED_INITIATE_RESPONSE, C.INITIATE_RESPONSE)
DedReadRequest = _service("DedReadRequest", C.DED_READ_REQUEST, C.READ_REQUEST)
DedWriteRequest = _service("DedWriteRequest", C.DED_WRITE_REQUEST, C.WRITE_REQUEST)
DedReadResponse = _service("DedReadResponse", C.DED_READ_RESPONSE, C.READ_RESPONSE)
DedWriteResponse = _service("DedWriteResponse", C.DED_WRITE_RESPONSE, C.WRITE_RESPONSE)
DedConfirmedServiceError = _service("DedConfirmedServiceError", C.DED_CONFIRMED_SERVICE_ERROR,
                                    C.CONFIRMED_SERVICE_ERROR)
DedUnconfirmedWriteRequest = _service("DedUnconfirmedWriteRequest", C.DED_UNCONFIRMED_WRITE_REQUEST,
                                      C.UNCONFIRMED_WRITE_REQUEST)
DedInformationReport = _service("DedInformationReport", C.DED_INFORMATION_REPORT, C.INFORMATION_REPORT)
DedGetRequest = _service("DedGetRequest", C.DED_GET_REQUEST, C.GET_REQUEST)
DedSetRequest = _service("DedSetRequest", C.DED_SET_REQUEST, C.SET_REQUEST)
DedEventNotification = _service("DedEventNotification", C.DED_EVENT_NOTIFICATION, C.EVENT_NOTIFICATION)
DedActionRequest = _service("DedActionRequest", C.DED_METHOD_REQUEST, C.METHOD_REQUEST)
DedGetResponse = _service("DedGetResponse", C.DED_GET_RESPONSE, C.GET_RESPONSE)
DedSetResponse = _service("DedSetResponse", C.DED_SET_RESPONSE, C.SET_RESPONSE)
DedActionResponse = _service("DedActionResponse", C.DED_METHOD_RESPONSE, C.METHOD_RESPONSE)
del C

#: Every service-specific envelope class by its tag.
SERVICE_CLASSES: dict[int, type[CipheredService]] = {
    cls.TAG: cls for cls in CipheredService.__subclasses__()
}
#: (plain tag, dedicated) -> envelope class, for enciphering.
ENVELOPE_FOR: dict[tuple[int, bool], type[CipheredService]] = {
    (cls.PLAIN_TAG, cls.DEDICATED): cls for cls in SERVICE_CLASSES.values()
}


@dataclass(slots=True)
class GeneralGloCiphering(CipheredApdu):
    """general-glo-ciphering (0xDB): the sender's system title and ciphered content (global key)."""

    system_title: bytes
    security_control: int
    invocation_counter: int
    ciphered: bytes

    TAG: ClassVar[int] = Command.GENERAL_GLO_CIPHERING

    def encode_into(self, out: bytearray) -> None:
        out.append(self.TAG)
        write_octets(out, self.system_title)
        write_ciphered_content(out, self.security_control, self.invocation_counter, self.ciphered)

    @classmethod
    def decode_body(cls, data: bytes, pos: int) -> tuple[GeneralGloCiphering, int]:
        title, pos = read_octets(data, pos, f"{cls.__name__} system-title")
        sc, ic, payload, end = read_ciphered_content(data, pos, f"{cls.__name__} ciphered-content")
        return cls(title, sc, ic, payload), end


@dataclass(slots=True)
class GeneralDedCiphering(GeneralGloCiphering):
    """general-ded-ciphering (0xDC): as general-glo, protected with the dedicated key."""

    TAG: ClassVar[int] = Command.GENERAL_DED_CIPHERING
    DEDICATED: ClassVar[bool] = True


register(GeneralGloCiphering)
register(GeneralDedCiphering)


__all__ = [
    "ENVELOPE_FOR",
    "HEADER_LENGTH",
    "SERVICE_CLASSES",
    "CipheredApdu",
    "CipheredService",
    "DedActionRequest",
    "DedActionResponse",
    "DedConfirmedServiceError",
    "DedEventNotification",
    "DedGetRequest",
    "DedGetResponse",
    "DedInformationReport",
    "DedInitiateRequest",
    "DedInitiateResponse",
    "DedReadRequest",
    "DedReadResponse",
    "DedSetRequest",
    "DedSetResponse",
    "DedUnconfirmedWriteRequest",
    "DedWriteRequest",
    "DedWriteResponse",
    "GeneralDedCiphering",
    "GeneralGloCiphering",
    "GloActionRequest",
    "GloActionResponse",
    "GloConfirmedServiceError",
    "GloEventNotification",
    "GloGetRequest",
    "GloGetResponse",
    "GloInformationReport",
    "GloInitiateRequest",
    "GloInitiateResponse",
    "GloReadRequest",
    "GloReadResponse",
    "GloSetRequest",
    "GloSetResponse",
    "GloUnconfirmedWriteRequest",
    "GloWriteRequest",
    "GloWriteResponse",
    "read_ciphered_content",
    "read_octets",
    "write_ciphered_content",
    "write_octets",
]
