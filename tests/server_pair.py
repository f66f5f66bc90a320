"""A client connection paired with a server connection in memory, and a small meter to serve.

:class:`Pair` moves bytes between a :class:`ClientConnection` and a
:class:`ServerConnection` until both are quiet, so engine tests run every procedure
(framing, association, HLS, ciphering, blocks, GBT) without sockets.  :func:`small_meter`
builds a :class:`GXDLMSServer` with a clock, registers, a profile with enough rows for
block transfer, a disconnect control and one association per authentication mechanism.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from gurux_dlms.apdu.base import decode_apdu
from gurux_dlms.cosem.classes.association_ln import GXDLMSAssociationLogicalName
from gurux_dlms.cosem.classes.association_sn import GXDLMSAssociationShortName
from gurux_dlms.cosem.classes.clock import GXDLMSClock
from gurux_dlms.cosem.classes.data import GXDLMSData
from gurux_dlms.cosem.classes.disconnect_control import ControlMode, GXDLMSDisconnectControl
from gurux_dlms.cosem.classes.profile_generic import GXDLMSProfileGeneric
from gurux_dlms.cosem.classes.register import GXDLMSRegister
from gurux_dlms.cosem.classes.security_setup import GXDLMSSecuritySetup, SecurityPolicy
from gurux_dlms.cosem.unit import Unit
from gurux_dlms.data import GXStructure, GXUInt32
from gurux_dlms.data.datetime import GXDateTime
from gurux_dlms.framing.wrapper import WrapperStream, encode_wrapper
from gurux_dlms.security.enums import Authentication
from gurux_dlms.security.keys import SecuritySettings
from gurux_dlms.server import GXDLMSServer, ReadOnlyRights
from gurux_dlms.session.client import ClientConnection
from gurux_dlms.session.enums import InterfaceType
from gurux_dlms.session.events import NEED_DATA, ResponseReceived
from gurux_dlms.session.server import ServerConnection
from gurux_dlms.session.server_events import NEED_DATA as SERVER_NEED_DATA
from gurux_dlms.session.settings import SessionSettings

SERVER_TITLE = bytes.fromhex("4752584D00BC614E")
CLIENT_TITLE = b"CLIENT01"
START = datetime(2024, 11, 24, 0, 0, 0)
ROWS = 400
PASSWORD = b"12345678"
SECRET = b"Gurux"
#: client address -> (mechanism, secret) of the small meter's LN associations.
ASSOCIATIONS = {
    16: (Authentication.NONE, None),
    17: (Authentication.LOW, PASSWORD),
    1: (Authentication.HIGH, SECRET),
    2: (Authentication.HIGH_GMAC, None),
    3: (Authentication.HIGH_SHA256, SECRET),
    4: (Authentication.HIGH_MD5, SECRET),
    5: (Authentication.HIGH_SHA1, SECRET),
}


def small_meter(interface: InterfaceType = InterfaceType.WRAPPER, ln: bool = True, rows: int = ROWS) -> GXDLMSServer:
    """A server with a few objects of each kind the tests need (see the module documentation)."""
    server = GXDLMSServer(ln, interface)
    server._security.system_title = SERVER_TITLE
    clock = GXDLMSClock()
    clock.time = GXDateTime(START)
    energy = GXDLMSRegister("1.0.1.8.0.255")
    energy.value = GXUInt32(12345)
    energy.scaler_exponent = 0
    energy.unit = Unit.ACTIVE_ENERGY
    name = GXDLMSData("0.0.42.0.0.255")
    name.value = bytearray(b"GRX0000012345678")
    profile = GXDLMSProfileGeneric("1.0.99.1.0.255")
    profile.addCaptureObject(clock, 2)
    profile.addCaptureObject(energy, 2)
    profile.capturePeriod = 900
    profile.profileEntries = rows
    profile.buffer = [GXStructure([GXDateTime(START + timedelta(minutes=15 * i)), GXUInt32(1000 + i)])
                      for i in range(rows)]
    profile.entriesInUse = rows
    disconnect = GXDLMSDisconnectControl()
    disconnect.controlMode = ControlMode.MODE_1
    security = GXDLMSSecuritySetup("0.0.43.0.2.255")
    security.securityPolicy = SecurityPolicy.AUTHENTICATED_REQUEST | SecurityPolicy.ENCRYPTED_REQUEST
    security.serverSystemTitle = bytearray(SERVER_TITLE)
    objects = [clock, energy, name, profile, disconnect, security]
    server.items.extend(objects)
    if ln:
        for client, (mechanism, secret) in ASSOCIATIONS.items():
            association = GXDLMSAssociationLogicalName(f"0.0.40.0.{client}.255")
            association.clientSAP = client
            association.authenticationMechanismName.mechanismId = mechanism
            association.secret = secret or b""
            if mechanism == Authentication.HIGH_GMAC:
                association.securitySetupReference = security.logicalName
            server.items.append(association)
            if client == 16:
                server.set_rights(association, ReadOnlyRights())
    else:
        association_sn = GXDLMSAssociationShortName()
        server.items.append(association_sn)
        for client, (mechanism, secret) in ASSOCIATIONS.items():
            if mechanism != Authentication.HIGH_GMAC:
                server.add_association(client, association_sn, authentication=mechanism, secret=secret)
    server.initialize()
    return server


def client_settings(interface: InterfaceType = InterfaceType.WRAPPER, client: int = 16, ln: bool = True,
                    **options: Any) -> SessionSettings:
    """Client settings for one of the small meter's associations."""
    mechanism, secret = ASSOCIATIONS[client]
    mechanism = options.pop("authentication", mechanism)
    security = options.pop("security", None)
    if security is None:
        security = SecuritySettings(system_title=CLIENT_TITLE)
    options.setdefault("password", secret)
    return SessionSettings(interface_type=interface, client_address=client, use_logical_name_referencing=ln,
                           authentication=mechanism, security=security, **options)


class Pair:
    """A client and a server connection that talk to each other in memory."""

    def __init__(self, server: GXDLMSServer, settings: SessionSettings, connection_info: Any = None) -> None:
        self.server = server
        self.client = ClientConnection(settings)
        self.connection = ServerConnection(server.settings, server, connection_info)
        self.server_events: list[Any] = []

    def pump(self, limit: int = 10_000) -> list[Any]:
        """Move bytes both ways until both are quiet; the client's events (its errors raise)."""
        for _ in range(limit):
            out = self.client.data_to_send()
            if out:
                self.connection.receive_data(out)
            back = self.connection.data_to_send()
            if back:
                self.client.receive_data(back)
            if not out and not back:
                break
        while (event := self.connection.next_event()) is not SERVER_NEED_DATA:
            self.server_events.append(event)
        events = []
        while (event := self.client.next_event()) is not NEED_DATA:
            events.append(event)
        return events

    def connect(self) -> list[Any]:
        self.client.connect()
        return self.pump()

    def call(self, method: str, *args: Any, **kwargs: Any) -> Any:
        """Run one client request and return its result."""
        getattr(self.client, method)(*args, **kwargs)
        results = [event.result for event in self.pump() if isinstance(event, ResponseReceived)]
        assert len(results) == 1, results
        return results[0]


def raw_exchange(connection: ServerConnection, apdu: bytes, client: int = 16, server: int = 1) -> list[Any]:
    """Send one APDU to a WRAPPER server connection; the APDUs it answers with, decoded."""
    connection.receive_data(encode_wrapper(client, server, apdu))
    return [decode_apdu(frame.apdu) for frame in WrapperStream().feed(connection.data_to_send())]


__all__ = ["ASSOCIATIONS", "CLIENT_TITLE", "PASSWORD", "ROWS", "SECRET", "SERVER_TITLE", "START", "Pair",
           "client_settings", "raw_exchange", "small_meter"]
