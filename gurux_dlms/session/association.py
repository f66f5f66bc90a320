"""Opening and closing an application association: AARQ/AARE, HLS passes 3 and 4, RLRQ/RLRE.

The AARQ is built as Gurux builds it (same elements, same order, so the same bytes): the
application context (LN/SN, with ciphering when the security says so), the calling AP
title when the mechanism or the ciphering needs the client system title, the
sender-ACSE-requirements and mechanism name when authenticating or ciphering, the password
or the client challenge, and the xDLMS InitiateRequest (ciphered into a glo-initiate-request
when the context is ciphered).  The AARE updates what was negotiated.
"""

from __future__ import annotations

import logging
from enum import Enum
from typing import Any

from ..apdu.acse import AARE, AARQ, RLRE, RLRQ
from ..apdu.acse_enums import ApplicationContextName, AssociationResult, SourceDiagnostic
from ..apdu.base import decode_apdu
from ..apdu.common import MethodDescriptor
from ..apdu.conformance import get_initial_conformance
from ..apdu.initiate import VAA_NAME_SN, InitiateRequest, InitiateResponse
from ..apdu.protection import PROTECTED_TAGS, decrypt_apdu, encrypt_apdu
from ..apdu.service_errors import ConfirmedServiceError
from ..data.types import DataType
from ..errors import AssociationRejectedError, AuthenticationError, ConfigurationError, RemoteProtocolError
from ..security import hls
from ..security.enums import Authentication
from .services import ActionTransaction, Done, MethodResult, Step, Transaction
from .settings import SessionSettings

log = logging.getLogger(__name__)

#: Logical name of the current association (LN) and base name of the SN association.
ASSOCIATION_LN = bytes((0, 0, 40, 0, 0, 255))
ASSOCIATION_SN = 0xFA00
#: Mechanisms that need the client system title in the AARQ even without ciphering.
_TITLE_MECHANISMS = (Authentication.HIGH_GMAC, Authentication.HIGH_SHA256, Authentication.HIGH_ECDSA)


class Outcome(Enum):
    """What an AARE means for the client."""

    ASSOCIATED = "associated"
    HLS_REQUIRED = "hls-required"


def context_name(settings: SessionSettings) -> ApplicationContextName:
    """LN or SN, with ciphering when APDUs are protected."""
    ciphered = settings.security.is_ciphered
    if settings.use_logical_name_referencing:
        return ApplicationContextName.LOGICAL_NAME_WITH_CIPHERING if ciphered else ApplicationContextName.LOGICAL_NAME
    return ApplicationContextName.SHORT_NAME_WITH_CIPHERING if ciphered else ApplicationContextName.SHORT_NAME


def initiate_request(settings: SessionSettings) -> InitiateRequest:
    """The xDLMS InitiateRequest the client proposes."""
    dedicated = settings.security.dedicated_key if settings.security.is_ciphered else None
    conformance = settings.proposed_conformance
    if conformance is None:
        conformance = get_initial_conformance(settings.use_logical_name_referencing)
    return InitiateRequest(
        dedicated_key=dedicated,
        proposed_conformance=conformance,
        client_max_receive_pdu_size=settings.max_receive_pdu_size,
    )


def client_challenge(settings: SessionSettings) -> bytes | None:
    """The CtoS challenge for HLS (random unless one was configured), None for None/Low."""
    if settings.authentication <= Authentication.LOW:
        return None
    if settings.client_challenge is not None:
        return bytes(settings.client_challenge)
    return hls.generate_challenge(settings.challenge_size)


def challenge_of(settings: SessionSettings, aarq_bytes: bytes) -> bytes | None:
    """The CtoS an encoded AARQ carries; its mechanism becomes the session's (HLS follows it)."""
    aarq = decode_apdu(aarq_bytes)
    if not isinstance(aarq, AARQ):
        raise ConfigurationError("association request", expected="an AARQ", found=type(aarq).__name__)
    if isinstance(aarq.mechanism_name, Authentication):
        settings.authentication = aarq.mechanism_name
    if settings.authentication <= Authentication.LOW or aarq.calling_authentication_value is None:
        return None
    return bytes(aarq.calling_authentication_value)


def build_aarq(settings: SessionSettings, challenge: bytes | None) -> AARQ:
    """The AARQ for ``settings``; ``challenge`` is the CtoS of HLS (from :func:`client_challenge`)."""
    mechanism = Authentication(settings.authentication)
    ciphered = settings.security.is_ciphered
    aarq = AARQ(protocol_version=settings.protocol_version, application_context_name=context_name(settings))
    if ciphered or mechanism in _TITLE_MECHANISMS:
        aarq.calling_ap_title = settings.security.system_title
    if settings.user_id is not None and settings.user_id >= 0:
        aarq.calling_ae_invocation_id = settings.user_id
    if ciphered or mechanism != Authentication.NONE:
        aarq.sender_acse_requirements = "1"
        aarq.mechanism_name = mechanism
    if mechanism == Authentication.LOW:
        if not settings.password:
            raise ConfigurationError("password", expected="a password for Low authentication", found="none")
        aarq.calling_authentication_value = bytes(settings.password)
    elif mechanism > Authentication.LOW:
        if challenge is None:
            raise ConfigurationError("HLS challenge", expected="a client challenge", found="none")
        aarq.calling_authentication_value = challenge
    plain = initiate_request(settings).encode()
    aarq.user_information = encrypt_apdu(plain, settings.security) if ciphered else decode_apdu(plain)
    return aarq


def handle_aare(settings: SessionSettings, aare: AARE) -> Outcome:
    """Check an AARE and take what it negotiated; raise when the association was refused."""
    diagnostic = int(aare.result_source_diagnostic)
    if aare.result != AssociationResult.ACCEPTED:
        error = aare.confirmed_service_error
        detail = f": {error}" if error is not None else ""
        raise AssociationRejectedError(
            f"association rejected ({_name(AssociationResult, aare.result)}, "
            f"{_name(SourceDiagnostic, diagnostic)}){detail}",
            result=int(aare.result), diagnostic=diagnostic)
    if aare.responding_ap_title is not None:
        settings.server_system_title = bytes(aare.responding_ap_title)
        settings.security.recipient_system_title = settings.server_system_title
    settings.server_challenge = aare.responding_authentication_value
    response = _initiate_response(settings, aare)
    if response is not None:
        if response.negotiated_dlms_version_number != 6:
            raise RemoteProtocolError("AARE InitiateResponse", expected="DLMS version 6",
                                      found=response.negotiated_dlms_version_number)
        settings.negotiated_conformance = response.negotiated_conformance
        settings.server_max_receive_pdu_size = response.server_max_receive_pdu_size
        settings.negotiated_dlms_version = response.negotiated_dlms_version_number
        if (response.vaa_name == VAA_NAME_SN) == settings.use_logical_name_referencing:
            log.warning("AARE vaa-name 0x%04X does not match the %s referencing asked for", response.vaa_name,
                        "LN" if settings.use_logical_name_referencing else "SN")
    if diagnostic == SourceDiagnostic.AUTHENTICATION_REQUIRED and settings.authentication > Authentication.LOW:
        return Outcome.HLS_REQUIRED
    return Outcome.ASSOCIATED


def _initiate_response(settings: SessionSettings, aare: AARE) -> InitiateResponse | None:
    info = aare.user_information
    if isinstance(info, (bytes, bytearray)) and info and info[0] in PROTECTED_TAGS:
        info = decode_apdu(decrypt_apdu(bytes(info), settings.security,
                                        system_title=settings.server_system_title))
    if isinstance(info, ConfirmedServiceError):
        raise AssociationRejectedError(f"xDLMS initiate refused: {info}", result=1, diagnostic=0)
    if info is not None and not isinstance(info, InitiateResponse):
        raise RemoteProtocolError("AARE user-information", expected="an InitiateResponse",
                                  found=type(info).__name__)
    return info


def _name(enum: Any, value: int) -> str:
    try:
        return str(enum(value).name)
    except ValueError:
        return str(value)


# --- HLS pass 3 and 4 ---------------------------------------------------------------------------
def hls_context(settings: SessionSettings, ctos: bytes) -> hls.HlsContext:
    """The HLS context of this association (both challenges, both system titles, the secret)."""
    if settings.server_challenge is None:
        raise RemoteProtocolError("AARE", expected="a responding authentication value (StoC)", found="none")
    return hls.HlsContext.from_settings(Authentication(settings.authentication), settings.security,
                                        is_client=True, ctos=ctos, stoc=bytes(settings.server_challenge),
                                        secret=settings.password)


class HlsTransaction(Transaction):
    """reply_to_HLS_authentication (pass 3) and the check of the meter's answer (pass 4)."""

    name = "HLS authentication"

    def __init__(self, settings: SessionSettings, ctos: bytes) -> None:
        super().__init__(settings.invoke_id_and_priority)
        self.context = hls_context(settings, ctos)
        counter = int(settings.security.invocation_counter.next()) \
            if settings.authentication == Authentication.HIGH_GMAC else None
        answer = hls.client_answer(self.context, counter)
        self.inner: Transaction = ActionTransaction(
            self.invoke_id_and_priority, MethodDescriptor(15, ASSOCIATION_LN, 1), bytearray(answer),
            settings.max_pdu_size)
        if not settings.use_logical_name_referencing:
            from .sn_services import SnMethodTransaction

            self.inner = SnMethodTransaction(ASSOCIATION_SN, 12, 8, bytearray(answer), DataType.OCTET_STRING)

    def first(self) -> Any:
        return self.inner.first()

    def accepts(self, apdu: Any) -> bool:
        return self.inner.accepts(apdu)

    def on_response(self, apdu: Any) -> Step:
        step = self.inner.on_response(apdu)
        if not isinstance(step, Done):
            return step
        result = step.result[0] if isinstance(step.result, list) else step.result
        if isinstance(result, MethodResult):
            if not result.ok:
                raise AuthenticationError("HLS pass 3", expected="success", found=f"action result {result.result}")
            value = result.value
        else:  # SN: an AccessResult
            if result.error is not None:
                raise AuthenticationError("HLS pass 3", expected="success", found=f"data access error {result.error}")
            value = result.value
        if not isinstance(value, (bytes, bytearray)):
            raise AuthenticationError("HLS pass 4", expected="the meter's answer f(CtoS)", found=repr(value))
        hls.verify_server_answer(self.context, bytes(value))
        return Done(True)


# --- release ------------------------------------------------------------------------------------
def build_rlrq(settings: SessionSettings) -> RLRQ:
    """RLRQ, carrying a (ciphered) InitiateRequest when protected release is on."""
    rlrq = RLRQ()
    if settings.use_protected_release:
        plain = initiate_request(settings).encode()
        rlrq.user_information = (encrypt_apdu(plain, settings.security) if settings.security.is_ciphered
                                 else decode_apdu(plain))
    return rlrq


def handle_rlre(settings: SessionSettings, rlre: RLRE) -> None:
    """Check an RLRE (its ciphered user information too, when protected release was used)."""
    info = rlre.user_information
    if isinstance(info, (bytes, bytearray)) and info and info[0] in PROTECTED_TAGS:
        decrypt_apdu(bytes(info), settings.security, system_title=settings.server_system_title)


__all__ = [
    "ASSOCIATION_LN",
    "ASSOCIATION_SN",
    "HlsTransaction",
    "Outcome",
    "build_aarq",
    "build_rlrq",
    "challenge_of",
    "client_challenge",
    "context_name",
    "handle_aare",
    "handle_rlre",
    "hls_context",
    "initiate_request",
]
