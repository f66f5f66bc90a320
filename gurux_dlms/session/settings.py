"""Everything a client session is configured with, and what the association negotiated.

Defaults are Gurux's: client address 16, server address 1, HDLC, logical name
referencing, no authentication, max PDU size 0xFFFF proposed, HDLC max info 128 and window
1 both ways, invoke-id-and-priority 0xC1, GBT window 1.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..apdu.conformance import Conformance, get_initial_conformance
from ..errors import ConfigurationError
from ..framing.hdlc_params import DEFAULT_PARAMETERS, HdlcParameters
from ..security.enums import Authentication
from ..security.keys import SecuritySettings
from .enums import InterfaceType, Priority, ServiceClass

_GBT = int(Conformance.GENERAL_BLOCK_TRANSFER)
_GENERAL_PROTECTION = int(Conformance.GENERAL_PROTECTION)


@dataclass
class SessionSettings:
    """The configuration of one client session (and its negotiated state)."""

    interface_type: InterfaceType = InterfaceType.HDLC
    client_address: int = 16
    server_address: int = 1
    server_address_size: int = 0
    use_logical_name_referencing: bool = True
    authentication: Authentication = Authentication.NONE
    password: bytes | None = None
    max_receive_pdu_size: int = 0xFFFF
    proposed_conformance: Conformance | None = None
    hdlc: HdlcParameters = DEFAULT_PARAMETERS
    invoke_id: int = 1
    priority: Priority = Priority.HIGH
    service_class: ServiceClass = ServiceClass.CONFIRMED
    auto_increase_invoke_id: bool = False
    gbt_window_size: int = 1
    challenge_size: int = 16
    client_challenge: bytes | None = None  # fixed CtoS (tests and debugging); random when None
    protocol_version: str | None = None
    user_id: int | None = None
    use_protected_release: bool = False
    security: SecuritySettings = field(default_factory=SecuritySettings)
    max_retries: int = 3

    # negotiated (filled by the association)
    negotiated_conformance: Conformance = Conformance.NONE
    server_max_receive_pdu_size: int = 0
    negotiated_dlms_version: int = 0
    server_system_title: bytes | None = None
    server_challenge: bytes | None = None

    def __post_init__(self) -> None:
        if self.proposed_conformance is None:
            self.proposed_conformance = get_initial_conformance(self.use_logical_name_referencing)
        if not 0 <= self.invoke_id <= 15:
            raise ConfigurationError("invoke id", expected="0..15", found=self.invoke_id)
        if not 1 <= self.gbt_window_size <= 63:
            raise ConfigurationError("GBT window size", expected="1..63", found=self.gbt_window_size)
        if self.max_receive_pdu_size < 12:
            raise ConfigurationError("max receive PDU size", expected="at least 12", found=self.max_receive_pdu_size)
        if isinstance(self.password, str):
            self.password = self.password.encode()

    @property
    def invoke_id_and_priority(self) -> int:
        """The invoke-id-and-priority byte of the next request."""
        return (self.priority << 7) | (self.service_class << 6) | self.invoke_id

    def next_invoke_id(self) -> None:
        """Advance the invoke id (mod 16) when auto increase is on."""
        if self.auto_increase_invoke_id:
            self.invoke_id = (self.invoke_id + 1) & 0x0F

    @property
    def max_pdu_size(self) -> int:
        """The largest APDU the server accepts (its negotiated max receive PDU size, else ours)."""
        return self.server_max_receive_pdu_size or self.max_receive_pdu_size

    @property
    def uses_gbt(self) -> bool:
        """True when general block transfer was negotiated."""
        return bool(int(self.negotiated_conformance) & _GBT)

    @property
    def uses_general_protection(self) -> bool:
        """True when ciphered requests use general-glo/ded-ciphering (GENERAL_PROTECTION negotiated)."""
        return bool(int(self.negotiated_conformance) & _GENERAL_PROTECTION)


__all__ = ["SessionSettings"]
