"""What a server connection is configured with, and what one association of a client allows.

:class:`ServerSettings` is the server's side of the link and the xDLMS context: framing,
addressing, HDLC parameters, the conformance and PDU size it offers, its keys and system
title.  :class:`AssociationPolicy` is what the objects say about one client address (the
association object, its mechanism and secret, the protection its requests need); the
application (:class:`ServerApplication`) hands one out for every AARQ.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from ..apdu.conformance import Conformance
from ..errors import ConfigurationError
from ..framing.hdlc_params import DEFAULT_PARAMETERS, HdlcParameters
from ..security.enums import Authentication, Security
from ..security.keys import SecuritySettings
from .enums import InterfaceType

#: What a logical-name server offers: every LN service this engine runs.
SERVER_LN_CONFORMANCE = (
    Conformance.GENERAL_PROTECTION | Conformance.GENERAL_BLOCK_TRANSFER
    | Conformance.BLOCK_TRANSFER_WITH_GET_OR_READ | Conformance.BLOCK_TRANSFER_WITH_SET_OR_WRITE
    | Conformance.BLOCK_TRANSFER_WITH_ACTION | Conformance.MULTIPLE_REFERENCES | Conformance.DATA_NOTIFICATION
    | Conformance.GET | Conformance.SET | Conformance.SELECTIVE_ACCESS | Conformance.ACTION
)
#: What a short-name server offers.
SERVER_SN_CONFORMANCE = (
    Conformance.GENERAL_PROTECTION | Conformance.BLOCK_TRANSFER_WITH_GET_OR_READ | Conformance.READ
    | Conformance.WRITE | Conformance.UN_CONFIRMED_WRITE | Conformance.MULTIPLE_REFERENCES
    | Conformance.INFORMATION_REPORT | Conformance.PARAMETERIZED_ACCESS
)


def default_server_conformance(use_logical_name_referencing: bool = True) -> Conformance:
    """The services a server of this engine offers for LN or SN referencing."""
    return SERVER_LN_CONFORMANCE if use_logical_name_referencing else SERVER_SN_CONFORMANCE


@dataclass
class ServerSettings:
    """The server end of every connection: framing, addressing, offered xDLMS context, keys.

    ``server_address`` is the combined HDLC address (``logical << 7 | physical`` for two
    bytes, ``logical << 14 | physical`` for four) or the WRAPPER wPort of the logical
    device.  ``security`` holds the server's system title and keys; its invocation counter
    and replay guard are shared by every connection, so counters never repeat and a
    counter replayed on a new connection is still refused.
    """

    interface_type: InterfaceType = InterfaceType.HDLC
    use_logical_name_referencing: bool = True
    server_address: int = 1
    server_address_size: int = 0
    hdlc: HdlcParameters = DEFAULT_PARAMETERS
    max_receive_pdu_size: int = 0xFFFF
    conformance: Conformance | None = None
    security: SecuritySettings = field(default_factory=SecuritySettings)
    gbt_window_size: int = 1
    challenge_size: int = 16

    def __post_init__(self) -> None:
        if self.conformance is None:
            self.conformance = default_server_conformance(self.use_logical_name_referencing)
        if not 12 <= self.max_receive_pdu_size <= 0xFFFF:
            raise ConfigurationError("server max receive PDU size", expected="12..65535",
                                     found=self.max_receive_pdu_size)
        if not 1 <= self.gbt_window_size <= 63:
            raise ConfigurationError("GBT window size", expected="1..63", found=self.gbt_window_size)
        if not 8 <= self.challenge_size <= 64:
            raise ConfigurationError("challenge size", expected="8..64", found=self.challenge_size)


@dataclass
class AssociationPolicy:
    """What one client address may do: its association object, mechanism, secret and protection.

    ``security`` is the least protection the client's xDLMS requests must carry
    (``NONE``: a plain context is fine); ``conformance`` and ``max_receive_pdu_size``
    narrow the server's offer for this association (None: the server's).
    """

    client_address: int
    authentication: Authentication = Authentication.NONE
    secret: bytes | None = None
    security: Security = Security.NONE
    conformance: Conformance | None = None
    max_receive_pdu_size: int | None = None
    association: Any = None
    name: str = ""

    def __post_init__(self) -> None:
        self.authentication = Authentication(self.authentication)
        self.security = Security(self.security)
        if isinstance(self.secret, str):
            self.secret = self.secret.encode()


class ServerApplication(Protocol):
    """What a server connection asks of the objects it serves.

    The engine runs the protocol; the application owns the objects, the access rights of
    each association and what reading, writing and invoking do (hooks included).  Every
    call gets the :class:`~gurux_dlms.session.server_context.ServerContext` of the
    association it is made for.
    """

    def association_policy(self, client_address: int, server_address: int) -> AssociationPolicy | None:
        """The policy of a client address, or None when it may not associate."""

    def find_object(self, context: Any, class_id: int, logical_name: bytes) -> Any:
        """The visible object of class ``class_id`` with that logical name, or None."""

    def short_names(self, context: Any) -> list[tuple[int, Any]]:
        """``(base name, object)`` of every visible object, sorted by base name (SN)."""

    def attribute_access(self, context: Any, target: Any, index: int) -> int:
        """The ``AccessMode`` of an attribute in this association."""

    def method_access(self, context: Any, target: Any, index: int) -> int:
        """The ``MethodAccessMode`` of a method in this association."""

    def read(self, context: Any, items: list[Any]) -> None:
        """Fill ``value`` (or ``error``) of each ValueEventArgs."""

    def write(self, context: Any, items: list[Any]) -> None:
        """Store ``value`` of each ValueEventArgs (``error`` set when refused)."""

    def invoke(self, context: Any, items: list[Any]) -> None:
        """Run each method; ``value`` is the return data, ``error`` the action result."""

    def connected(self, context: Any) -> None:
        """An association was opened (and authenticated)."""

    def disconnected(self, context: Any) -> None:
        """An association was released or its link closed."""

    def invalid_connection(self, client_address: int, reason: str) -> None:
        """An AARQ was refused."""

    def push(self, context: Any, push_setup: Any, data: Any) -> None:
        """A push setup's push method ran: send ``data`` where the push setup says."""


__all__ = [
    "SERVER_LN_CONFORMANCE",
    "SERVER_SN_CONFORMANCE",
    "AssociationPolicy",
    "ServerApplication",
    "ServerSettings",
    "default_server_conformance",
]
