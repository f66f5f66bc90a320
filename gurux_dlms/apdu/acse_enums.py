"""Enumerations of the ACSE layer (AARQ/AARE/RLRQ/RLRE) with Gurux's names and values.

``Authentication`` is shared with the security layer and re-exported here, because the
mechanism-name OID of an AARQ/AARE is ``2.16.756.5.8.2.<Authentication>``.
"""

from __future__ import annotations

from enum import IntEnum

from ..security.enums import Authentication

#: Arcs shared by every DLMS application-context-name: ``2.16.756.5.8.1.x``.
APPLICATION_CONTEXT_PREFIX = (2, 16, 756, 5, 8, 1)
#: Arcs shared by every DLMS mechanism-name: ``2.16.756.5.8.2.x``.
MECHANISM_NAME_PREFIX = (2, 16, 756, 5, 8, 2)


class ApplicationContextName(IntEnum):
    """The last arc of the application-context-name OID (referencing and ciphering)."""

    UNKNOWN = 0
    LOGICAL_NAME = 1
    SHORT_NAME = 2
    LOGICAL_NAME_WITH_CIPHERING = 3
    SHORT_NAME_WITH_CIPHERING = 4

    @property
    def ciphered(self) -> bool:
        """The context uses ciphered APDUs (the user-information is a glo-/ded-initiate)."""
        return self in (
            ApplicationContextName.LOGICAL_NAME_WITH_CIPHERING,
            ApplicationContextName.SHORT_NAME_WITH_CIPHERING,
        )

    @property
    def logical_name_referencing(self) -> bool:
        """The context uses LN services (GET/SET/ACTION) rather than SN ones (READ/WRITE)."""
        return self in (
            ApplicationContextName.LOGICAL_NAME,
            ApplicationContextName.LOGICAL_NAME_WITH_CIPHERING,
        )


class AssociationResult(IntEnum):
    """The AARE ``result`` (Associate-result)."""

    ACCEPTED = 0
    PERMANENT_REJECTED = 1
    TRANSIENT_REJECTED = 2


class DiagnosticSource(IntEnum):
    """Which ACSE party gave the result-source-diagnostic of an AARE (the CHOICE tag)."""

    ACSE_SERVICE_USER = 1
    ACSE_SERVICE_PROVIDER = 2


class SourceDiagnostic(IntEnum):
    """The acse-service-user diagnostic of an AARE (Gurux names, spelling kept)."""

    NONE = 0
    NO_REASON_GIVEN = 1
    NOT_SUPPORTED = 2
    CALLING_AP_TITLE_NOT_RECOGNIZED = 3
    CALLING_AP_INVOCATION_IDENTIFIER_NOT_RECOGNIZED = 4
    CALLING_AE_QUALIFIER_NOT_RECOGNIZED = 5
    CALLING_AE_INVOCATION_IDENTIFIER_NOT_RECOGNIZED = 6
    CALLED_AP_TITLE_NOT_RECOGNIZED = 7
    CALLED_AP_INVOCATION_IDENTIFIER_NOT_RECOGNIZED = 8
    CALLED_AE_QUALIFIER_NOT_RECOGNIZED = 9
    CALLED_AE_INVOCATION_IDENTIFIER_NOT_RECOGNIZED = 10
    NOT_RECOGNISED = 11
    MECHANISM_NAME_REGUIRED = 12  # sic: Gurux's spelling
    AUTHENTICATION_FAILURE = 13
    AUTHENTICATION_REQUIRED = 14
    # the Green Book's names, as aliases
    APPLICATION_CONTEXT_NAME_NOT_SUPPORTED = 2
    AUTHENTICATION_MECHANISM_NAME_NOT_RECOGNISED = 11
    MECHANISM_NAME_REQUIRED = 12


class AcseServiceProvider(IntEnum):
    """The acse-service-provider diagnostic of an AARE."""

    NONE = 0
    NO_REASON_GIVEN = 1
    NO_COMMON_ACSE_VERSION = 2


class PduType(IntEnum):
    """The context-specific tag numbers of the AARQ/AARE fields (Gurux's ``PduType``).

    The tag on the wire is ``0xA0 | value`` (constructed) or ``0x80 | value`` (primitive),
    e.g. APPLICATION_CONTEXT_NAME is ``A1`` and SENDER_ACSE_REQUIREMENTS ``8A``.
    """

    PROTOCOL_VERSION = 0
    APPLICATION_CONTEXT_NAME = 1
    CALLED_AP_TITLE = 2
    CALLED_AE_QUALIFIER = 3
    CALLED_AP_INVOCATION_ID = 4
    CALLED_AE_INVOCATION_ID = 5
    CALLING_AP_TITLE = 6
    CALLING_AE_QUALIFIER = 7
    CALLING_AP_INVOCATION_ID = 8
    CALLING_AE_INVOCATION_ID = 9
    SENDER_ACSE_REQUIREMENTS = 10
    MECHANISM_NAME = 11
    CALLING_AUTHENTICATION_VALUE = 12
    IMPLEMENTATION_INFORMATION = 29
    USER_INFORMATION = 30


class ReleaseRequestReason(IntEnum):
    """The RLRQ ``reason``."""

    NORMAL = 0
    URGENT = 1
    USER_DEFINED = 30


class ReleaseResponseReason(IntEnum):
    """The RLRE ``reason``."""

    NORMAL = 0
    NOT_FINISHED = 1
    USER_DEFINED = 30


__all__ = [
    "APPLICATION_CONTEXT_PREFIX",
    "MECHANISM_NAME_PREFIX",
    "AcseServiceProvider",
    "ApplicationContextName",
    "AssociationResult",
    "Authentication",
    "DiagnosticSource",
    "PduType",
    "ReleaseRequestReason",
    "ReleaseResponseReason",
    "SourceDiagnostic",
]
