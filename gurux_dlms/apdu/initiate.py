"""xDLMS InitiateRequest and InitiateResponse (A-XDR), carried in the AARQ/AARE user-information.

::

    InitiateRequest ::= SEQUENCE {                      -- tag 0x01
        dedicated-key                 OCTET STRING OPTIONAL,
        response-allowed              BOOLEAN DEFAULT TRUE,
        proposed-quality-of-service   [0] IMPLICIT Integer8 OPTIONAL,
        proposed-dlms-version-number  Unsigned8,
        proposed-conformance          Conformance,      -- 5F 1F 04 00 + 3 bytes
        client-max-receive-pdu-size   Unsigned16 }

    InitiateResponse ::= SEQUENCE {                     -- tag 0x08
        negotiated-quality-of-service [0] IMPLICIT Integer8 OPTIONAL,
        negotiated-dlms-version-number Unsigned8,
        negotiated-conformance        Conformance,
        server-max-receive-pdu-size   Unsigned16,
        vaa-name                      ObjectName }      -- 0x0007 LN, 0xFA00 SN

Optional and DEFAULT components start with a usage flag (0 absent, 1 present).  The
response-allowed component is kept as it came: ``None`` when the flag said "default"
(what Gurux and most clients send), or the boolean that was given explicitly.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from typing import ClassVar

from ..errors import LocalProtocolError
from .base import Apdu, register
from .common import put_octet_string, put_u8, put_u16, read_flag, read_octet_string, read_u8, truncated
from .conformance import (
    Conformance,
    conformance_from_bytes,
    conformance_to_bytes,
    get_initial_conformance,
    read_conformance,
    write_conformance,
)

_U16 = struct.Struct(">H")
_U16_U16 = struct.Struct(">HH")

#: vaa-name of a logical-name association (the current association object, LN 0.0.40.0.0.255).
VAA_NAME_LN = 0x0007
#: vaa-name of a short-name association (the association object at base name 0xFA00).
VAA_NAME_SN = 0xFA00
#: The xDLMS version every client proposes.
DLMS_VERSION = 6


def _read_u16(data: bytes, pos: int, what: str) -> tuple[int, int]:
    try:
        return _U16.unpack_from(data, pos)[0], pos + 2
    except struct.error:
        raise truncated(what, pos, 2, data) from None


def _read_optional_u8(data: bytes, pos: int, what: str) -> tuple[int | None, int]:
    present, pos = read_flag(data, pos, f"{what} flag")
    if not present:
        return None, pos
    return read_u8(data, pos, what)


def _write_optional_u8(out: bytearray, value: int | None, what: str) -> None:
    if value is None:
        out.append(0)
    else:
        out.append(1)
        put_u8(out, value, what)


@register
@dataclass(slots=True)
class InitiateRequest(Apdu):
    """xDLMS InitiateRequest: what the client proposes for the association."""

    TAG: ClassVar[int] = 0x01

    dedicated_key: bytes | None = None
    #: None: the DEFAULT (TRUE) was used; True/False: the value was sent explicitly.
    response_allowed: bool | None = None
    proposed_quality_of_service: int | None = None
    proposed_dlms_version_number: int = DLMS_VERSION
    proposed_conformance: Conformance = field(default_factory=get_initial_conformance)
    client_max_receive_pdu_size: int = 0xFFFF

    @property
    def allows_response(self) -> bool:
        """Whether the client wants responses (the DEFAULT is TRUE)."""
        return self.response_allowed is not False

    def encode_into(self, out: bytearray) -> None:
        out.append(self.TAG)
        if self.dedicated_key is None:
            out.append(0)
        else:
            out.append(1)
            put_octet_string(out, self.dedicated_key, "dedicated key")
        if self.response_allowed is None:
            out.append(0)
        else:
            out += b"\x01\x01" if self.response_allowed else b"\x01\x00"
        _write_optional_u8(out, self.proposed_quality_of_service, "proposed quality of service")
        put_u8(out, self.proposed_dlms_version_number, "proposed DLMS version number")
        write_conformance(out, self.proposed_conformance)
        put_u16(out, self.client_max_receive_pdu_size, "client max receive PDU size")

    @classmethod
    def decode_body(cls, data: bytes, pos: int) -> tuple[InitiateRequest, int]:
        has_key, pos = read_flag(data, pos, "dedicated-key flag")
        key = None
        if has_key:
            key, pos = read_octet_string(data, pos, "dedicated key")
        response_allowed = None
        explicit, pos = read_flag(data, pos, "response-allowed flag")
        if explicit:
            response_allowed, pos = read_flag(data, pos, "response-allowed")
        qos, pos = _read_optional_u8(data, pos, "proposed quality of service")
        version, pos = read_u8(data, pos, "proposed DLMS version number")
        conformance, pos = read_conformance(data, pos)
        max_pdu, pos = _read_u16(data, pos, "client max receive PDU size")
        return cls(key, response_allowed, qos, version, conformance, max_pdu), pos


@register
@dataclass(slots=True)
class InitiateResponse(Apdu):
    """xDLMS InitiateResponse: what the server accepted."""

    TAG: ClassVar[int] = 0x08

    negotiated_quality_of_service: int | None = None
    negotiated_dlms_version_number: int = DLMS_VERSION
    negotiated_conformance: Conformance = Conformance.NONE
    server_max_receive_pdu_size: int = 0xFFFF
    vaa_name: int = VAA_NAME_LN

    def encode_into(self, out: bytearray) -> None:
        out.append(self.TAG)
        _write_optional_u8(out, self.negotiated_quality_of_service, "negotiated quality of service")
        put_u8(out, self.negotiated_dlms_version_number, "negotiated DLMS version number")
        write_conformance(out, self.negotiated_conformance)
        try:
            out += _U16_U16.pack(self.server_max_receive_pdu_size, self.vaa_name)
        except (struct.error, TypeError):
            raise LocalProtocolError(
                "InitiateResponse",
                expected="PDU size and vaa-name in 0..65535",
                found=(self.server_max_receive_pdu_size, self.vaa_name),
            ) from None

    @classmethod
    def decode_body(cls, data: bytes, pos: int) -> tuple[InitiateResponse, int]:
        qos, pos = _read_optional_u8(data, pos, "negotiated quality of service")
        version, pos = read_u8(data, pos, "negotiated DLMS version number")
        conformance, pos = read_conformance(data, pos)
        try:
            max_pdu, vaa_name = _U16_U16.unpack_from(data, pos)
        except struct.error:
            raise truncated("server max receive PDU size and vaa-name", pos, 4, data) from None
        return cls(qos, version, conformance, max_pdu, vaa_name), pos + 4


__all__ = [
    "DLMS_VERSION",
    "VAA_NAME_LN",
    "VAA_NAME_SN",
    "Conformance",
    "InitiateRequest",
    "InitiateResponse",
    "conformance_from_bytes",
    "conformance_to_bytes",
    "get_initial_conformance",
]
