"""The server side of opening and closing an association: AARQ checks, the AARE, RLRQ/RLRE.

An AARQ is checked in the order the Green Book gives the diagnostics: a client address
the server knows, an application context it supports (ciphering when the association
requires protection), the mechanism the association uses, the client system title where
the mechanism or the ciphering needs it, the (possibly ciphered) xDLMS InitiateRequest,
then the password (LLS) or the client challenge (HLS).  A refusal is an AARE with result
and diagnostic, or with a ConfirmedServiceError for the initiate; an acceptance carries the
negotiated InitiateResponse, ciphered when the context is, and for HLS the server
challenge with diagnostic authentication-required.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from ..apdu.acse import AARE, AARQ, RLRE, RLRQ
from ..apdu.acse_enums import ApplicationContextName, AssociationResult, SourceDiagnostic
from ..apdu.base import decode_apdu
from ..apdu.conformance import Conformance
from ..apdu.initiate import DLMS_VERSION, VAA_NAME_LN, VAA_NAME_SN, InitiateRequest, InitiateResponse
from ..apdu.protection import PROTECTED_TAGS, decipher, encrypt_apdu
from ..apdu.service_errors import (
    ApplicationReference,
    ConfirmedService,
    ConfirmedServiceError,
    Initiate,
    ServiceError,
)
from ..errors import DecodeError, SecurityError
from ..security import hls
from ..security.enums import Authentication, Security
from .server_context import AssociationState, ServerContext
from .server_settings import AssociationPolicy, ServerApplication, ServerSettings

log = logging.getLogger(__name__)

#: Mechanisms whose answers are computed over both system titles.
_TITLE_MECHANISMS = (Authentication.HIGH_GMAC, Authentication.HIGH_SHA256, Authentication.HIGH_ECDSA)
#: The smallest client max receive PDU size an association is opened with.
MIN_PDU_SIZE = 12


@dataclass(slots=True)
class AarqOutcome:
    """The AARE to send, and the association when one was opened (pending while HLS runs)."""

    aare: AARE
    context: ServerContext | None
    reason: str = ""


class _Refusal(Exception):
    """An AARQ refused: the diagnostic, and a ConfirmedServiceError for initiate problems."""

    def __init__(self, reason: str, diagnostic: int = SourceDiagnostic.NO_REASON_GIVEN,
                 error: ConfirmedServiceError | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.diagnostic = diagnostic
        self.error = error


def _initiate_error(value: int) -> ConfirmedServiceError:
    return ConfirmedServiceError(ConfirmedService.INITIATE_ERROR, ServiceError.INITIATE, value)


def _context_name(aarq: AARQ) -> ApplicationContextName:
    name = aarq.application_context_name
    if not isinstance(name, ApplicationContextName) or name == ApplicationContextName.UNKNOWN:
        raise _Refusal(f"application context {name!r} is not a DLMS one",
                       SourceDiagnostic.APPLICATION_CONTEXT_NAME_NOT_SUPPORTED)
    return name


def _check_context(settings: ServerSettings, policy: AssociationPolicy, name: ApplicationContextName) -> None:
    if name.logical_name_referencing != settings.use_logical_name_referencing:
        raise _Refusal(f"application context {name.name} on a "
                       f"{'LN' if settings.use_logical_name_referencing else 'SN'} server",
                       SourceDiagnostic.APPLICATION_CONTEXT_NAME_NOT_SUPPORTED)
    if policy.security != Security.NONE and not name.ciphered:
        raise _Refusal(f"association requires {policy.security.name}: a ciphered context is needed",
                       SourceDiagnostic.APPLICATION_CONTEXT_NAME_NOT_SUPPORTED)


def _check_mechanism(policy: AssociationPolicy, aarq: AARQ) -> None:
    mechanism = aarq.mechanism_name
    if mechanism is None:
        if policy.authentication != Authentication.NONE:
            raise _Refusal(f"mechanism {policy.authentication.name} required, none given",
                           SourceDiagnostic.MECHANISM_NAME_REQUIRED)
        return
    if not isinstance(mechanism, Authentication) or mechanism != policy.authentication:
        shown = mechanism.name if isinstance(mechanism, Authentication) else str(mechanism)
        raise _Refusal(f"mechanism {shown} where {policy.authentication.name} is used",
                       SourceDiagnostic.AUTHENTICATION_MECHANISM_NAME_NOT_RECOGNISED)


def _client_title(policy: AssociationPolicy, aarq: AARQ, ciphered: bool) -> bytes | None:
    title = aarq.calling_ap_title
    needed = ciphered or policy.authentication in _TITLE_MECHANISMS
    if title is None:
        if needed:
            raise _Refusal("calling AP title (client system title) missing",
                           SourceDiagnostic.CALLING_AP_TITLE_NOT_RECOGNIZED)
        return None
    if len(title) != 8:
        raise _Refusal(f"calling AP title of {len(title)} bytes", SourceDiagnostic.CALLING_AP_TITLE_NOT_RECOGNIZED)
    return bytes(title)


def _initiate_request(context: ServerContext, aarq: AARQ, ciphered: bool) -> InitiateRequest:
    info: Any = aarq.user_information
    if info is None:
        raise _Refusal("no xDLMS InitiateRequest in the AARQ")
    if isinstance(info, (bytes, bytearray)) and info[:1] and info[0] in PROTECTED_TAGS:
        if not ciphered:
            raise _Refusal("ciphered InitiateRequest in a context without ciphering",
                           SourceDiagnostic.APPLICATION_CONTEXT_NAME_NOT_SUPPORTED)
        try:
            result = decipher(bytes(info), context.keys, system_title=context.client_system_title)
            info = decode_apdu(result.plaintext)
        except (SecurityError, DecodeError) as exc:
            raise _Refusal(f"InitiateRequest could not be deciphered: {exc}", SourceDiagnostic.NO_REASON_GIVEN,
                           ConfirmedServiceError(ConfirmedService.INITIATE_ERROR, ServiceError.APPLICATION_REFERENCE,
                                                 ApplicationReference.DECIPHERING_ERROR)) from None
        context.request_security = result.security_control & 0x30
    elif ciphered and context.policy.security != Security.NONE:
        raise _Refusal("plain InitiateRequest where the association requires ciphering",
                       SourceDiagnostic.APPLICATION_CONTEXT_NAME_NOT_SUPPORTED)
    if not isinstance(info, InitiateRequest):
        raise _Refusal(f"user-information holds {type(info).__name__}, not an InitiateRequest")
    return info


def _negotiate(context: ServerContext, request: InitiateRequest) -> None:
    if request.proposed_dlms_version_number < DLMS_VERSION:
        raise _Refusal(f"DLMS version {request.proposed_dlms_version_number}",
                       error=_initiate_error(Initiate.DLMS_VERSION_TOO_LOW))
    conformance = request.proposed_conformance & context.conformance
    if not conformance:
        raise _Refusal("no common conformance", error=_initiate_error(Initiate.INCOMPATIBLE_CONFORMANCE))
    if request.client_max_receive_pdu_size and request.client_max_receive_pdu_size < MIN_PDU_SIZE:
        raise _Refusal(f"client max receive PDU size {request.client_max_receive_pdu_size}",
                       error=_initiate_error(Initiate.PDU_SIZE_TOO_SHORT))
    context.conformance = conformance
    # 0 means "no limit" in the InitiateRequest: the A-XDR maximum then.
    context.max_pdu_size = request.client_max_receive_pdu_size or 0xFFFF
    if request.dedicated_key is not None and context.ciphered:
        context.keys.dedicated_key = bytes(request.dedicated_key)


def _authenticate(settings: ServerSettings, context: ServerContext, aarq: AARQ) -> None:
    mechanism = context.authentication
    value = aarq.calling_authentication_value
    if mechanism == Authentication.LOW:
        password = bytes(value or b"")
        validate = getattr(context.app, "validate_password", None)
        if callable(validate):
            accepted = bool(validate(context, password))
        else:
            try:
                hls.verify_password(context.policy.secret or b"", password)
                accepted = True
            except SecurityError:
                accepted = False
        if not accepted:
            raise _Refusal("wrong password", SourceDiagnostic.AUTHENTICATION_FAILURE)
    elif mechanism > Authentication.LOW:
        if value is None or not hls.MIN_CHALLENGE_LENGTH <= len(value) <= hls.MAX_CHALLENGE_LENGTH:
            raise _Refusal("client challenge missing or of a wrong length", SourceDiagnostic.AUTHENTICATION_FAILURE)
        context.ctos = bytes(value)
        context.stoc = hls.generate_challenge(settings.challenge_size)
        context.state = AssociationState.PENDING


def _initiate_response(settings: ServerSettings, context: ServerContext) -> InitiateResponse:
    return InitiateResponse(
        negotiated_conformance=context.conformance,
        server_max_receive_pdu_size=context.max_receive_pdu_size,
        vaa_name=VAA_NAME_LN if settings.use_logical_name_referencing else VAA_NAME_SN,
    )


def _accepted(settings: ServerSettings, context: ServerContext, name: ApplicationContextName) -> AARE:
    mechanism = context.authentication
    hls_pending = context.state is AssociationState.PENDING
    aare = AARE(application_context_name=name, result=AssociationResult.ACCEPTED,
                result_source_diagnostic=SourceDiagnostic.AUTHENTICATION_REQUIRED if hls_pending
                else SourceDiagnostic.NONE)
    if context.ciphered or mechanism in _TITLE_MECHANISMS:
        aare.responding_ap_title = settings.security.system_title
    if mechanism > Authentication.LOW:
        aare.responder_acse_requirements = "1"
        aare.mechanism_name = mechanism
        aare.responding_authentication_value = context.stoc
    plain = _initiate_response(settings, context).encode()
    if context.ciphered:
        protection = context.request_security or int(context.policy.security) or int(Security.AUTHENTICATION_ENCRYPTION)
        aare.user_information = encrypt_apdu(plain, context.keys, security=protection)
    else:
        aare.user_information = decode_apdu(plain)
    return aare


def _refused(settings: ServerSettings, name: Any, refusal: _Refusal) -> AARE:
    context_name = name if isinstance(name, ApplicationContextName) and name != ApplicationContextName.UNKNOWN \
        else (ApplicationContextName.LOGICAL_NAME if settings.use_logical_name_referencing
              else ApplicationContextName.SHORT_NAME)
    return AARE(application_context_name=context_name, result=AssociationResult.PERMANENT_REJECTED,
                result_source_diagnostic=refusal.diagnostic, user_information=refusal.error)


def handle_aarq(settings: ServerSettings, app: ServerApplication, aarq: AARQ, *, client_address: int,
                server_address: int, connection_info: Any = None) -> AarqOutcome:
    """Check an AARQ; the AARE to answer with and, when accepted, the new association."""
    name: Any = aarq.application_context_name
    try:
        policy = app.association_policy(client_address, server_address)
        if policy is None:
            raise _Refusal(f"client address {client_address} has no association")
        name = _context_name(aarq)
        _check_context(settings, policy, name)
        _check_mechanism(policy, aarq)
        title = _client_title(policy, aarq, name.ciphered)
        max_receive = min(policy.max_receive_pdu_size or settings.max_receive_pdu_size,
                          settings.max_receive_pdu_size)
        offered = Conformance(settings.conformance or 0)
        conformance = offered if policy.conformance is None else Conformance(policy.conformance & offered)
        context = ServerContext(settings, policy, app, server_address=server_address, client_system_title=title,
                                conformance=conformance, max_pdu_size=0xFFFF, max_receive_pdu_size=max_receive,
                                ciphered=name.ciphered, connection_info=connection_info)
        if aarq.calling_ae_invocation_id is not None:
            context.user_id = int(aarq.calling_ae_invocation_id)
        _negotiate(context, _initiate_request(context, aarq, name.ciphered))
        _authenticate(settings, context, aarq)
    except _Refusal as refusal:
        log.debug("AARQ from client %d refused: %s", client_address, refusal.reason)
        return AarqOutcome(_refused(settings, name, refusal), None, refusal.reason)
    return AarqOutcome(_accepted(settings, context, name), context)


def handle_rlrq(context: ServerContext | None, rlrq: RLRQ) -> RLRE:
    """The RLRE for an RLRQ; a protected release gets a (ciphered) InitiateResponse back."""
    rlre = RLRE()
    if context is None or rlrq.user_information is None:
        return rlre
    info: Any = rlrq.user_information
    if isinstance(info, (bytes, bytearray)) and info[:1] and info[0] in PROTECTED_TAGS:
        try:
            decipher(bytes(info), context.keys, system_title=context.client_system_title)
        except SecurityError as exc:
            log.debug("client %d: protected release could not be deciphered: %s", context.client_address, exc)
            return rlre
    plain = _initiate_response(context.settings, context).encode()
    if context.ciphered:
        protection = context.request_security or int(Security.AUTHENTICATION_ENCRYPTION)
        rlre.user_information = encrypt_apdu(plain, context.keys, security=protection)
    else:
        rlre.user_information = decode_apdu(plain)
    return rlre


__all__ = ["MIN_PDU_SIZE", "AarqOutcome", "handle_aarq", "handle_rlrq"]
