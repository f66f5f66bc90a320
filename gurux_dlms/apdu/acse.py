"""The ACSE APDUs: AARQ (0x60), AARE (0x61), RLRQ (0x62) and RLRE (0x63).

They are BER encoded (ISO 8650 / Green Book 9.4).  Every element DLMS uses is an attribute
of the object, in wire order; ``None`` means the element is absent.  The user-information
element is an OCTET STRING that carries an A-XDR xDLMS APDU: a plain
:class:`~.initiate.InitiateRequest` / :class:`~.initiate.InitiateResponse`, a
:class:`~.service_errors.ConfirmedServiceError` (an AARE rejecting the initiate), or a
ciphered initiate (glo-/ded-initiate-request/response ``21``/``28``/``41``/``48`` ...).
Ciphered content is kept as its ``bytes``, tag included; deciphering belongs to the
security layer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from ..data.ber import Tlv, write_tlv
from ..errors import DecodeError, LocalProtocolError
from .acse_enums import (
    APPLICATION_CONTEXT_PREFIX,
    MECHANISM_NAME_PREFIX,
    AcseServiceProvider,
    ApplicationContextName,
    AssociationResult,
    Authentication,
    DiagnosticSource,
    ReleaseRequestReason,
    ReleaseResponseReason,
    SourceDiagnostic,
)
from .acse_fields import (
    OCTET_STRING,
    AcseField,
    authentication_field,
    ber_enum,
    bits_field,
    bytes_field,
    decode_sequence,
    encode_sequence,
    field_table,
    inner,
    inner_content,
    integer_field,
    octets_field,
    oid_field,
    qualifier_field,
    read_unsigned,
    write_unsigned,
)
from .base import Apdu, register
from .initiate import InitiateRequest, InitiateResponse
from .service_errors import ConfirmedServiceError

#: The xDLMS APDUs user-information is decoded into; anything else stays ``bytes``.
USER_INFORMATION_APDUS: dict[int, type[Apdu]] = {
    InitiateRequest.TAG: InitiateRequest,
    InitiateResponse.TAG: InitiateResponse,
    ConfirmedServiceError.TAG: ConfirmedServiceError,
}

UserInformation = InitiateRequest | InitiateResponse | ConfirmedServiceError | bytes
ContextName = ApplicationContextName | tuple[int, ...]
MechanismName = Authentication | tuple[int, ...]


# --- user-information [30] IMPLICIT Association-information (an OCTET STRING inside) ----------------
def _read_user_information(data: bytes, tlv: Tlv) -> tuple[Any, ...]:
    element = inner(data, tlv, (OCTET_STRING,), "user-information")
    return _user_information_content(data, element.value_start, element.end)


def _fast_user_information(data: bytes, start: int, end: int) -> tuple[Any, ...] | None:
    start = inner_content(data, start, end, OCTET_STRING)
    return None if start < 0 else _user_information_content(data, start, end)


def _user_information_content(data: bytes, start: int, end: int) -> tuple[Any, ...]:
    """The xDLMS APDU in the OCTET STRING ``data[start:end]`` (or the bytes, when ciphered)."""
    content = data[start:end]
    cls = USER_INFORMATION_APDUS.get(content[0]) if content else None
    if cls is None:
        return (content,)
    try:
        apdu, used = cls.decode_body(content, 1)
    except DecodeError as exc:
        where = exc.where + start if isinstance(exc.where, int) else exc.where
        raise DecodeError(
            f"{exc.message} (user-information)", where=where, expected=exc.expected, found=exc.found
        ) from None
    if used != len(content):
        raise DecodeError(
            f"{cls.__name__} in user-information",
            where=start + used,
            expected="the end of the octet string",
            found=f"{len(content) - used} more bytes",
        )
    return (apdu,)


def _write_user_information(values: tuple[Any, ...]) -> bytes:
    value = values[0]
    if isinstance(value, Apdu):
        content = value.encode()
    elif isinstance(value, (bytes, bytearray, memoryview)):
        content = bytes(value)
    else:
        raise LocalProtocolError(
            "user-information",
            expected="an InitiateRequest/InitiateResponse/ConfirmedServiceError or bytes",
            found=type(value).__name__,
        )
    out = bytearray()
    write_tlv(out, OCTET_STRING, content)
    return bytes(out)


def _user_information(tag: int = 0xBE) -> AcseField:
    return AcseField(tag, ("user_information",), _read_user_information, _write_user_information,
                     fast=_fast_user_information)


# --- result-source-diagnostic [3] CHOICE { acse-service-user [1], acse-service-provider [2] } -------
_SOURCES = {0xA0 | source: source for source in DiagnosticSource}


def _fast_diagnostic(data: bytes, start: int, end: int) -> tuple[Any, ...] | None:
    """``A1|A2 03 02 01 nn``: the diagnostic in one octet, as it always comes."""
    source = _SOURCES.get(data[start]) if end - start == 5 else None
    if source is None or data[start + 1] != 3 or data[start + 2] != 0x02 or data[start + 3] != 1:
        return None
    enum = SourceDiagnostic if source == DiagnosticSource.ACSE_SERVICE_USER else AcseServiceProvider
    return ber_enum(enum, data[start + 4]), source


def _read_diagnostic(data: bytes, tlv: Tlv) -> tuple[Any, ...]:
    choice = inner(data, tlv, (0xA1, 0xA2), "result-source-diagnostic")
    value_tlv = inner(data, choice, (0x02,), "result-source-diagnostic")
    value = read_unsigned(value_tlv.value(data), value_tlv.start, "result-source-diagnostic")
    source = _SOURCES[choice.tag]
    enum = SourceDiagnostic if source == DiagnosticSource.ACSE_SERVICE_USER else AcseServiceProvider
    return ber_enum(enum, value), source


def _write_diagnostic(values: tuple[Any, ...]) -> bytes:
    value, source = values
    if source not in (DiagnosticSource.ACSE_SERVICE_USER, DiagnosticSource.ACSE_SERVICE_PROVIDER):
        raise LocalProtocolError(
            "diagnostic source",
            expected="1 (acse-service-user) or 2 (acse-service-provider)",
            found=repr(source),
        )
    content = write_unsigned(value, "result-source-diagnostic")
    integer = bytes((0x02, len(content))) + content
    return bytes((0xA0 | source, len(integer))) + integer


_AARQ_FIELDS = (
    bits_field(0x80, "protocol_version"),
    oid_field(
        0xA1, "application_context_name", APPLICATION_CONTEXT_PREFIX, ApplicationContextName, explicit=True
    ),
    octets_field(0xA2, "called_ap_title"),
    qualifier_field(0xA3, "called_ae_qualifier"),
    integer_field(0xA4, "called_ap_invocation_id"),
    integer_field(0xA5, "called_ae_invocation_id"),
    octets_field(0xA6, "calling_ap_title"),
    qualifier_field(0xA7, "calling_ae_qualifier"),
    integer_field(0xA8, "calling_ap_invocation_id"),
    integer_field(0xA9, "calling_ae_invocation_id"),
    bits_field(0x8A, "sender_acse_requirements"),
    oid_field(0x8B, "mechanism_name", MECHANISM_NAME_PREFIX, Authentication, explicit=False),
    authentication_field(0xAC, "calling_authentication_value", "calling_authentication_choice"),
    bytes_field(0x9D, "implementation_information"),
    _user_information(),
)

_AARE_FIELDS = (
    bits_field(0x80, "protocol_version"),
    oid_field(
        0xA1, "application_context_name", APPLICATION_CONTEXT_PREFIX, ApplicationContextName, explicit=True
    ),
    integer_field(0xA2, "result", AssociationResult),
    AcseField(0xA3, ("result_source_diagnostic", "diagnostic_source"), _read_diagnostic, _write_diagnostic,
              fast=_fast_diagnostic),
    octets_field(0xA4, "responding_ap_title"),
    qualifier_field(0xA5, "responding_ae_qualifier"),
    integer_field(0xA6, "responding_ap_invocation_id"),
    integer_field(0xA7, "responding_ae_invocation_id"),
    bits_field(0x88, "responder_acse_requirements"),
    oid_field(0x89, "mechanism_name", MECHANISM_NAME_PREFIX, Authentication, explicit=False),
    authentication_field(0xAA, "responding_authentication_value", "responding_authentication_choice"),
    bytes_field(0x9D, "implementation_information"),
    _user_information(),
)

_RLRQ_FIELDS = (integer_field(0x80, "reason", ReleaseRequestReason, explicit=False), _user_information())
_RLRE_FIELDS = (integer_field(0x80, "reason", ReleaseResponseReason, explicit=False), _user_information())

_AARQ_TABLE = field_table(_AARQ_FIELDS)
_AARE_TABLE = field_table(_AARE_FIELDS)
_RLRQ_TABLE = field_table(_RLRQ_FIELDS)
_RLRE_TABLE = field_table(_RLRE_FIELDS)
_AARQ_REQUIRED = ("application_context_name",)
_AARE_REQUIRED = ("application_context_name", "result", "result_source_diagnostic")


@register
@dataclass(slots=True)
class AARQ(Apdu):
    """A-ASSOCIATE request: the client opens an application association.

    ``calling_ap_title`` is the client system title, ``calling_ae_invocation_id`` Gurux's
    user id, ``calling_authentication_value`` the LLS password or the HLS challenge (CtoS).
    Gurux writes the outer length of a long AARQ as one octet above 127; that is read
    (when it matches the data exactly) but never written.
    """

    TAG: ClassVar[int] = 0x60

    protocol_version: str | None = None
    application_context_name: ContextName = ApplicationContextName.LOGICAL_NAME
    called_ap_title: bytes | None = None
    called_ae_qualifier: bytes | int | None = None
    called_ap_invocation_id: int | None = None
    called_ae_invocation_id: int | None = None
    calling_ap_title: bytes | None = None
    calling_ae_qualifier: bytes | int | None = None
    calling_ap_invocation_id: int | None = None
    calling_ae_invocation_id: int | None = None
    sender_acse_requirements: str | None = None
    mechanism_name: MechanismName | None = None
    calling_authentication_value: bytes | None = None
    #: Identifier of the Authentication-value CHOICE: 0x80 charstring (what DLMS uses).
    calling_authentication_choice: int = 0x80
    implementation_information: bytes | None = None
    user_information: UserInformation | None = None

    def encode_into(self, out: bytearray) -> None:
        encode_sequence(out, self.TAG, self, _AARQ_FIELDS, _AARQ_REQUIRED)

    @classmethod
    def decode_body(cls, data: bytes, pos: int) -> tuple[AARQ, int]:
        values, end = decode_sequence(data, pos, "AARQ", _AARQ_TABLE, _AARQ_REQUIRED, lenient_length=True)
        return cls(**values), end

    @property
    def authentication(self) -> Authentication | tuple[int, ...]:
        """The mechanism (NONE when the mechanism-name is absent)."""
        return Authentication.NONE if self.mechanism_name is None else self.mechanism_name

    @property
    def initiate_request(self) -> InitiateRequest | None:
        """The plain InitiateRequest in user-information (None when absent or ciphered)."""
        info = self.user_information
        return info if isinstance(info, InitiateRequest) else None


@register
@dataclass(slots=True)
class AARE(Apdu):
    """A-ASSOCIATE response: the server accepts or rejects the association.

    ``responding_ap_title`` is the server system title and ``responding_authentication_value``
    the HLS challenge StoC.  Gurux's server echoes its user id as ``A5 03 02 01 nn``: by the
    AARE's ASN.1 that is ``responding_ae_qualifier`` (an INTEGER), and is decoded as such.
    """

    TAG: ClassVar[int] = 0x61

    protocol_version: str | None = None
    application_context_name: ContextName = ApplicationContextName.LOGICAL_NAME
    result: AssociationResult | int = AssociationResult.ACCEPTED
    result_source_diagnostic: SourceDiagnostic | AcseServiceProvider | int = SourceDiagnostic.NONE
    #: Which CHOICE carried the diagnostic: acse-service-user (1) or acse-service-provider (2).
    diagnostic_source: DiagnosticSource = DiagnosticSource.ACSE_SERVICE_USER
    responding_ap_title: bytes | None = None
    responding_ae_qualifier: bytes | int | None = None
    responding_ap_invocation_id: int | None = None
    responding_ae_invocation_id: int | None = None
    responder_acse_requirements: str | None = None
    mechanism_name: MechanismName | None = None
    responding_authentication_value: bytes | None = None
    #: Identifier of the Authentication-value CHOICE: 0x80 charstring (what DLMS uses).
    responding_authentication_choice: int = 0x80
    implementation_information: bytes | None = None
    user_information: UserInformation | None = None

    def encode_into(self, out: bytearray) -> None:
        encode_sequence(out, self.TAG, self, _AARE_FIELDS, _AARE_REQUIRED)

    @classmethod
    def decode_body(cls, data: bytes, pos: int) -> tuple[AARE, int]:
        values, end = decode_sequence(data, pos, "AARE", _AARE_TABLE, _AARE_REQUIRED)
        return cls(**values), end

    @property
    def accepted(self) -> bool:
        return self.result == AssociationResult.ACCEPTED

    @property
    def initiate_response(self) -> InitiateResponse | None:
        """The plain InitiateResponse in user-information (None when absent, ciphered or an error)."""
        info = self.user_information
        return info if isinstance(info, InitiateResponse) else None

    @property
    def confirmed_service_error(self) -> ConfirmedServiceError | None:
        """The ConfirmedServiceError of an AARE that rejects the xDLMS initiate."""
        info = self.user_information
        return info if isinstance(info, ConfirmedServiceError) else None


@register
@dataclass(slots=True)
class RLRQ(Apdu):
    """A-RELEASE request; with protected release it carries an (often ciphered) InitiateRequest."""

    TAG: ClassVar[int] = 0x62

    reason: ReleaseRequestReason | int | None = ReleaseRequestReason.NORMAL
    user_information: UserInformation | None = None

    def encode_into(self, out: bytearray) -> None:
        encode_sequence(out, self.TAG, self, _RLRQ_FIELDS)

    @classmethod
    def decode_body(cls, data: bytes, pos: int) -> tuple[RLRQ, int]:
        values, end = decode_sequence(data, pos, "RLRQ", _RLRQ_TABLE)
        values.setdefault("reason", None)
        return cls(**values), end


@register
@dataclass(slots=True)
class RLRE(Apdu):
    """A-RELEASE response; may carry an InitiateResponse (protected release)."""

    TAG: ClassVar[int] = 0x63

    reason: ReleaseResponseReason | int | None = ReleaseResponseReason.NORMAL
    user_information: UserInformation | None = None

    def encode_into(self, out: bytearray) -> None:
        encode_sequence(out, self.TAG, self, _RLRE_FIELDS)

    @classmethod
    def decode_body(cls, data: bytes, pos: int) -> tuple[RLRE, int]:
        values, end = decode_sequence(data, pos, "RLRE", _RLRE_TABLE)
        values.setdefault("reason", None)
        return cls(**values), end


__all__ = [
    "AARE",
    "AARQ",
    "RLRE",
    "RLRQ",
    "USER_INFORMATION_APDUS",
    "AcseServiceProvider",
    "ApplicationContextName",
    "AssociationResult",
    "Authentication",
    "DiagnosticSource",
    "ReleaseRequestReason",
    "ReleaseResponseReason",
    "SourceDiagnostic",
    "UserInformation",
]
