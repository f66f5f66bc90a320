"""One open association as the server sees it; also the ``settings`` the COSEM objects get.

The interface classes run their methods with a ``settings`` argument: they find the
server's objects in ``settings.objects``, ask ``settings.verify_hls_reply`` to check an
HLS pass 3 and ``settings.send_push`` to send a push.  A :class:`ServerContext` is that
object for one association, and it carries what the association negotiated and what the
hooks of a server may want to know (client address, mechanism, security, system titles).
"""

from __future__ import annotations

import logging
from enum import Enum
from typing import Any

from ..apdu.conformance import Conformance
from ..errors import AuthenticationError, ConfigurationError
from ..security import hls
from ..security.enums import Authentication, Security
from ..security.keys import SecuritySettings
from .server_settings import AssociationPolicy, ServerSettings

log = logging.getLogger(__name__)


class AssociationState(Enum):
    """Where an association stands."""

    PENDING = "pending"  # HLS: waiting for the client's reply (pass 3)
    ASSOCIATED = "associated"
    RELEASED = "released"


def connection_security(server: SecuritySettings, client_system_title: bytes | None) -> SecuritySettings:
    """The keys of one connection: the server's keys, its shared counter and replay guard.

    The dedicated key a client proposes belongs to its association only, so every
    connection gets its own holder around the server's shared state.
    """
    return SecuritySettings(
        security=server.security, security_suite=server.security_suite, system_title=server.system_title,
        block_cipher_key=server.block_cipher_key, authentication_key=server.authentication_key,
        broadcast_key=server.broadcast_key, kek=server.kek, recipient_system_title=client_system_title,
        invocation_counter=server.invocation_counter, replay_guard=server.replay_guard,
        signing_key_pair=server.signing_key_pair, key_agreement_key_pair=server.key_agreement_key_pair,
        public_keys=server.public_keys, agreement_keys=server.agreement_keys,
    )


class ServerContext:
    """An association of one client: what was negotiated, its keys, and the HLS exchange."""

    is_server = True
    isServer = True

    def __init__(self, settings: ServerSettings, policy: AssociationPolicy, app: Any, *, server_address: int,
                 client_system_title: bytes | None, conformance: Conformance, max_pdu_size: int,
                 max_receive_pdu_size: int, ciphered: bool, connection_info: Any = None) -> None:
        self.settings = settings
        self.policy = policy
        self.app = app
        self.client_address = policy.client_address
        self.server_address = server_address
        self.authentication = Authentication(policy.authentication)
        self.client_system_title = client_system_title
        self.conformance = conformance
        #: The largest APDU the client accepts (what our responses must fit in).
        self.max_pdu_size = max_pdu_size
        #: The largest APDU we accept (announced in the AARE).
        self.max_receive_pdu_size = max_receive_pdu_size
        self.ciphered = ciphered
        self.connection_info = connection_info
        #: This association's keys: the server's, plus the client's dedicated key and system title.
        self.keys = connection_security(settings.security, client_system_title)
        self.state = AssociationState.ASSOCIATED
        self.ctos: bytes | None = None
        self.stoc: bytes | None = None
        #: Protection of the request being served (0 when it was plain).
        self.request_security = 0
        self.user_id: int | None = None
        #: Why HLS pass 3 failed (None: it did not fail).
        self.hls_failure: str | None = None

    # --- what the interface classes use ------------------------------------------------------
    @property
    def security(self) -> SecuritySettings:
        """The server's own key settings (what key transfer and key agreement change)."""
        return self.settings.security

    @property
    def objects(self) -> Any:
        """Every object of the server (where capture objects and script targets are found)."""
        return getattr(self.app, "objects", None)

    @property
    def association(self) -> Any:
        """The COSEM association object of this association."""
        return self.policy.association

    @property
    def use_logical_name_referencing(self) -> bool:
        return self.settings.use_logical_name_referencing

    @property
    def authenticated(self) -> bool:
        """True once the association is open (HLS pass 3 done when HLS is used)."""
        return self.state is AssociationState.ASSOCIATED

    @property
    def request_authenticated(self) -> bool:
        """True when the request being served was authenticated (GCM tag checked)."""
        return bool(self.request_security & Security.AUTHENTICATION)

    @property
    def request_encrypted(self) -> bool:
        return bool(self.request_security & Security.ENCRYPTION)

    def hls_context(self) -> hls.HlsContext:
        if self.ctos is None or self.stoc is None:
            raise ConfigurationError("HLS", expected="both challenges", found="an association without HLS")
        return hls.HlsContext.from_settings(self.authentication, self.keys, is_client=False, ctos=self.ctos,
                                            stoc=self.stoc, secret=self.policy.secret)

    def verify_hls_reply(self, association: Any, reply: bytes) -> bytes | None:
        """HLS pass 3 and 4: check the client's f(StoC); return our f(CtoS), or None when it is wrong."""
        if self.state is not AssociationState.PENDING or self.authentication <= Authentication.LOW:
            log.debug("client %d: HLS reply without an HLS exchange in progress", self.client_address)
            return None
        try:
            context = self.hls_context()
            hls.verify_client_answer(context, bytes(reply))
            counter = self.keys.invocation_counter.next() \
                if self.authentication == Authentication.HIGH_GMAC else None
            answer = hls.server_answer(context, counter)
        except (AuthenticationError, ConfigurationError) as exc:
            log.debug("client %d: HLS pass 3 failed: %s", self.client_address, exc)
            self.hls_failure = str(exc)
            return None
        self.state = AssociationState.ASSOCIATED
        return answer

    def send_push(self, push_setup: Any, data: Any) -> None:
        """A push setup ran its push method: the application sends the data."""
        push = getattr(self.app, "push", None)
        if callable(push):
            push(self, push_setup, data)

    def __repr__(self) -> str:
        return (f"ServerContext(client={self.client_address}, authentication={self.authentication.name}, "
                f"state={self.state.value}, ciphered={self.ciphered})")


__all__ = ["AssociationState", "ServerContext", "connection_security"]
