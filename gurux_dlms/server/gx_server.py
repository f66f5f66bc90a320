"""``GXDLMSServer`` and ``GXDLMSSecureServer``: Gurux's server API over the engine's connections.

Subclass it, fill ``items`` with COSEM objects (an Association LN per client address says
who may connect and how), call :meth:`GXDLMSServer.initialize` and feed each client's bytes
to :meth:`GXDLMSServer.handleRequest`; the bytes it returns are the answer.  Override the
hooks to take part::

    class Meter(GXDLMSServer):
        def onPreRead(self, args):          # before the objects are read (list of ValueEventArgs)
            for e in args:
                if e.target is self.clock and e.index == 2:
                    self.clock.time = GXDateTime.now()

Per request the hooks run in Gurux's order: ``onPreRead`` with every item, then for each
item not ``handled`` the standard read (``onRead``), then ``onPostRead``; likewise
``onPreWrite``/``onWrite``/``onPostWrite`` and ``onPreAction``/``onAction``/``onPostAction``.
``onGetAttributeAccess``/``onGetMethodAccess`` decide the rights of the association
(``e.settings`` is the association), ``onValidateAuthentication`` checks a Low password,
``isTarget`` may refuse a client address, and ``onConnected``/``onDisconnected``/
``onInvalidConnection`` follow each association.  One server serves any number of
connections at once, each named by its ``connectionInfo``.
"""

from __future__ import annotations

import logging
from typing import Any

from ..apdu.acse_enums import SourceDiagnostic
from ..apdu.common import DEFAULT_LONG_INVOKE_ID_AND_PRIORITY
from ..apdu.conformance import Conformance
from ..apdu.notification import DataNotification
from ..cosem.base import ValueEventArgs
from ..cosem.classes.association_ln import GXDLMSAssociationLogicalName
from ..cosem.classes.association_sn import GXDLMSAssociationShortName
from ..cosem.object_type import ObjectType
from ..data.datetime import GXDateTime
from ..data.obis import obis_to_str
from ..framing.hdlc_params import HdlcParameters, ui_frame
from ..framing.wrapper import encode_wrapper
from ..security import hls
from ..security.enums import Security
from ..security.keys import SecuritySettings
from ..session.enums import InterfaceType, uses_hdlc
from ..session.server import ServerConnection
from ..session.server_events import NEED_DATA
from ..session.server_settings import AssociationPolicy, ServerSettings, default_server_conformance
from ..session.sn_services import METHOD_OFFSETS
from .events import GXDLMSConnectionEventArgs, GXServerReply
from .store import ObjectStore

log = logging.getLogger(__name__)

#: Where the short names of a short-name server start, and the base name of its association.
FIRST_SHORT_NAME = 0xA0
ASSOCIATION_SHORT_NAME = 0xFA00


def assign_short_names(objects: Any, start: int = FIRST_SHORT_NAME) -> None:
    """Give every object without one a base name, after the attributes and methods of the one before.

    The association object gets 0xFA00, where every SN client looks for it.
    """
    used = {obj.shortName for obj in objects if obj.shortName}
    position = start
    for obj in objects:
        if obj.shortName:
            continue
        if int(obj.objectType) == ObjectType.ASSOCIATION_SHORT_NAME and ASSOCIATION_SHORT_NAME not in used:
            obj.shortName = ASSOCIATION_SHORT_NAME
            used.add(ASSOCIATION_SHORT_NAME)
            continue
        span = 8 * obj.getAttributeCount()
        offset = METHOD_OFFSETS.get(int(obj.objectType))
        if offset is not None and obj.getMethodCount():
            span = max(span, offset + 8 * obj.getMethodCount())
        while position in used:
            position += 8
        obj.shortName = position
        used.add(position)
        position += span


def _hdlc_parameters(setup: Any) -> HdlcParameters:
    """The link parameters an IEC HDLC setup object gives (clamped to what HDLC allows)."""
    def clamp(value: Any, low: int, high: int, default: int) -> int:
        try:
            return min(max(int(value), low), high)
        except (TypeError, ValueError):
            return default

    return HdlcParameters(clamp(setup.maximumInfoLengthTransmit, 32, 2030, 128),
                          clamp(setup.maximumInfoLengthReceive, 32, 2030, 128),
                          clamp(setup.windowSizeTransmit, 1, 7, 1), clamp(setup.windowSizeReceive, 1, 7, 1))


class GXDLMSServer(ObjectStore):
    """A DLMS/COSEM server (Gurux's API); see the module documentation."""

    def __init__(self, logicalNameReferencing: bool = True, type_: InterfaceType | int = InterfaceType.HDLC) -> None:
        super().__init__()
        self.useLogicalNameReferencing = bool(logicalNameReferencing)
        self.interfaceType = InterfaceType(type_)
        #: IEC HDLC setup object whose values the HDLC link uses (None: HDLC defaults).
        self.hdlc: Any = None
        #: TCP-UDP setup object of the WRAPPER interface.
        self.wrapper: Any = None
        self.conformance: Conformance = default_server_conformance(self.useLogicalNameReferencing)
        self.maxReceivePDUSize = 0xFFFF
        self.serverAddress = 1
        self.serverAddressSize = 0
        self.pushClientAddress = 0
        self.gbtWindowSize = 1
        self._security = SecuritySettings()
        self._settings: ServerSettings | None = None
        self._connections: dict[Any, ServerConnection] = {}
        self._any_client: GXDLMSAssociationLogicalName | GXDLMSAssociationShortName | None = None

    # --- Gurux properties -------------------------------------------------------------------
    @property
    def items(self) -> Any:
        """The objects the server serves (a GXDLMSObjectCollection)."""
        return self.objects

    @property
    def settings(self) -> ServerSettings:
        """The engine's server settings (built by :meth:`initialize`)."""
        if self._settings is None:
            self._settings = self.server_settings()
        return self._settings

    def getItems(self) -> Any:
        return self.objects

    # --- set up -----------------------------------------------------------------------------
    def initialize(self, dynamicObjects: bool = False) -> None:
        """Make the objects servable: short names (SN), object lists, the engine settings.

        Association LN objects with an empty object list list every object; without any
        association object, one association that every client address may open without
        authentication is made.
        """
        if not self.useLogicalNameReferencing:
            assign_short_names(self.objects)
        associations = self.association_objects()
        for association in associations:
            if isinstance(association, GXDLMSAssociationLogicalName) and not association.objectList:
                association.objectList.extend(self.objects)
        if not associations and not self._policies:
            cls = GXDLMSAssociationLogicalName if self.useLogicalNameReferencing else GXDLMSAssociationShortName
            self._any_client = cls()
            if not self.useLogicalNameReferencing:
                self._any_client.shortName = ASSOCIATION_SHORT_NAME
        self._settings = self.server_settings()

    def server_settings(self) -> ServerSettings:
        """Engine settings from the Gurux properties (and the HDLC setup object)."""
        hdlc = _hdlc_parameters(self.hdlc) if self.hdlc is not None else HdlcParameters()
        return ServerSettings(interface_type=self.interfaceType, use_logical_name_referencing=self.useLogicalNameReferencing,
                              server_address=self.serverAddress, server_address_size=self.serverAddressSize,
                              hdlc=hdlc, max_receive_pdu_size=self.maxReceivePDUSize, conformance=self.conformance,
                              security=self._security, gbt_window_size=self.gbtWindowSize)

    # --- connections ------------------------------------------------------------------------
    def connection(self, connectionInfo: Any = None) -> ServerConnection:
        """The engine connection of one client (created on first use)."""
        connection = self._connections.get(connectionInfo)
        if connection is None:
            connection = self._connections[connectionInfo] = ServerConnection(self.settings, self, connectionInfo)
        return connection

    def handleRequest(self, data: Any, connectionInfo: Any = None) -> bytes | None:
        """Take bytes a client sent; return the bytes to answer with (None: nothing yet).

        Also takes a :class:`GXServerReply` (``data`` in, ``reply`` set).
        """
        if isinstance(data, GXServerReply):
            data.reply = self.handleRequest(bytes(data.data), data.connectionInfo)
            return data.reply
        connection = self.connection(connectionInfo)
        connection.receive_data(bytes(data or b""))
        while connection.next_event() is not NEED_DATA:
            pass
        answer = connection.data_to_send()
        return answer or None

    def reset(self, connectionInfo: Any = None) -> None:
        """Forget a client's connection (its association ends)."""
        connection = self._connections.pop(connectionInfo, None)
        if connection is not None:
            connection.close("reset")

    def close(self) -> None:
        """End every connection."""
        for info in list(self._connections):
            self.reset(info)

    # --- ObjectStore with Gurux's hooks --------------------------------------------------------
    def association_policy(self, client_address: int, server_address: int) -> AssociationPolicy | None:
        if not self.isTarget(server_address, client_address):
            return None
        policy = super().association_policy(client_address, server_address)
        if policy is None and self._any_client is not None:
            policy = AssociationPolicy(client_address, association=self._any_client, name="any client")
        return policy

    def validate_password(self, context: Any, password: bytes) -> bool:
        return self.onValidateAuthentication(context.authentication, password, context) == SourceDiagnostic.NONE

    def find_object(self, context: Any, class_id: int, logical_name: bytes) -> Any:
        try:
            object_type: Any = ObjectType(class_id)
        except ValueError:
            object_type = class_id
        found = self.onFindObject(object_type, 0, obis_to_str(logical_name))
        return found if found is not None else super().find_object(context, class_id, logical_name)

    def attribute_access(self, context: Any, target: Any, index: int) -> int:
        return int(self.onGetAttributeAccess(self._args(context, target, index)))

    def method_access(self, context: Any, target: Any, index: int) -> int:
        return int(self.onGetMethodAccess(self._args(context, target, index)))

    def _args(self, context: Any, target: Any, index: int) -> ValueEventArgs:
        args = ValueEventArgs(target, index, settings=context)
        args.server = self  # type: ignore[attr-defined]
        return args

    def read(self, context: Any, items: list[ValueEventArgs]) -> None:
        self._run(items, self.onPreRead, self.onRead, self.onPostRead)

    def write(self, context: Any, items: list[ValueEventArgs]) -> None:
        self._run(items, self.onPreWrite, self.onWrite, self.onPostWrite)

    def invoke(self, context: Any, items: list[ValueEventArgs]) -> None:
        self._run(items, self.onPreAction, self.onAction, self.onPostAction)

    def _run(self, items: list[ValueEventArgs], pre: Any, each: Any, post: Any) -> None:
        for args in items:
            args.server = self  # type: ignore[attr-defined]
        pre(items)
        for args in items:
            if not args.handled and not args.error:
                each(args)
        post(items)

    def connected(self, context: Any) -> None:
        self.onConnected(self._connection_args(context))

    def disconnected(self, context: Any) -> None:
        self.onDisconnected(self._connection_args(context))

    def invalid_connection(self, client_address: int, reason: str) -> None:
        self.onInvalidConnection(GXDLMSConnectionEventArgs(self.serverAddress, client_address, None, 0, reason))

    @staticmethod
    def _connection_args(context: Any) -> GXDLMSConnectionEventArgs:
        return GXDLMSConnectionEventArgs(context.server_address, context.client_address, context.connection_info,
                                         int(context.authentication), context=context)

    # --- the hooks (override them) --------------------------------------------------------------
    def onPreRead(self, args: list[ValueEventArgs]) -> None:
        """Before the items of a read are read; set ``handled`` (and ``value``) to answer yourself."""

    def onRead(self, e: ValueEventArgs) -> None:
        """Read one item the standard way (the interface class's encoding)."""
        self.read_value(e.settings, e)

    def onPostRead(self, args: list[ValueEventArgs]) -> None:
        """After the items of a read were read."""

    def onPreWrite(self, args: list[ValueEventArgs]) -> None:
        """Before the items of a write are written."""

    def onWrite(self, e: ValueEventArgs) -> None:
        """Write one item the standard way."""
        self.write_value(e.settings, e)

    def onPostWrite(self, args: list[ValueEventArgs]) -> None:
        """After the items of a write were written."""

    def onPreAction(self, args: list[ValueEventArgs]) -> None:
        """Before methods are invoked."""

    def onAction(self, e: ValueEventArgs) -> None:
        """Invoke one method the standard way (the interface class's ``invoke``)."""
        self.invoke_method(e.settings, e)

    def onPostAction(self, args: list[ValueEventArgs]) -> None:
        """After methods were invoked."""

    def onConnected(self, e: GXDLMSConnectionEventArgs) -> None:
        """A client opened an association (HLS completed when HLS is used)."""
        log.debug("client %d connected", e.clientAddress)

    def onDisconnected(self, e: GXDLMSConnectionEventArgs) -> None:
        """An association ended."""
        log.debug("client %d disconnected", e.clientAddress)

    def onInvalidConnection(self, e: GXDLMSConnectionEventArgs) -> None:
        """An AARQ was refused (``e.reason``)."""
        log.debug("client %d refused: %s", e.clientAddress, e.reason)

    def isTarget(self, serverAddress: int, clientAddress: int) -> bool:
        """May ``clientAddress`` associate with ``serverAddress``?  (Default: yes.)"""
        return True

    def onValidateAuthentication(self, authentication: Any, password: bytes, context: Any = None) -> SourceDiagnostic:
        """Check a Low password (default: the association's secret)."""
        secret = bytes(context.policy.secret or b"") if context is not None else b""
        try:
            hls.verify_password(secret, bytes(password))
        except Exception:
            return SourceDiagnostic.AUTHENTICATION_FAILURE
        return SourceDiagnostic.NONE

    def onFindObject(self, objectType: Any, sn: int, ln: str) -> Any:
        """An object the association view does not hold (default: none)."""
        return None

    def onGetAttributeAccess(self, arg: ValueEventArgs) -> int:
        """The access mode of ``arg.target`` attribute ``arg.index`` for the association ``arg.settings``."""
        return ObjectStore.attribute_access(self, arg.settings, arg.target, arg.index)

    def onGetMethodAccess(self, arg: ValueEventArgs) -> int:
        """The method access mode of ``arg.target`` method ``arg.index`` for the association ``arg.settings``."""
        return ObjectStore.method_access(self, arg.settings, arg.target, arg.index)

    # --- pushes ---------------------------------------------------------------------------------
    def generateDataNotificationMessages(self, time: Any, data: Any) -> list[bytes]:
        """The frames of a DataNotification carrying ``data`` (a DLMS value), to ``pushClientAddress``."""
        stamp = b""
        if time is not None:
            value = time if isinstance(time, GXDateTime) else GXDateTime(time)
            stamp = value.to_bytes()
        apdu = DataNotification(DEFAULT_LONG_INVOKE_ID_AND_PRIORITY, stamp, data).encode()
        if self._security.security != Security.NONE:
            from ..apdu.protection import encrypt_apdu

            apdu = encrypt_apdu(apdu, self._security, general=True)
        if uses_hdlc(self.interfaceType):
            return [ui_frame(self.pushClientAddress, self.serverAddress, b"\xe6\xe7\x00" + apdu,
                             src_size=self.serverAddressSize)]
        return [encode_wrapper(self.serverAddress, self.pushClientAddress, apdu)]

    def generatePushSetupMessages(self, time: Any, push: Any) -> list[bytes]:
        """The frames that push ``push``'s objects (their current values)."""
        return self.generateDataNotificationMessages(time, push.push_data(self))


class GXDLMSSecureServer(GXDLMSServer):
    """A GXDLMSServer with ciphering: ``ciphering`` (GXCiphering) holds the server's title and keys."""

    def __init__(self, logicalNameReferencing: bool = True, type_: InterfaceType | int = InterfaceType.HDLC,
                 systemTitle: bytes | None = None) -> None:
        super().__init__(logicalNameReferencing, type_)
        from ..facade.secure import GXCiphering

        self.ciphering = GXCiphering(systemTitle or b"ABCDEFGH", self._security)

    @property
    def kek(self) -> bytes | None:
        return self._security.kek

    @kek.setter
    def kek(self, value: bytes | None) -> None:
        self._security.kek = None if value is None else bytes(value)

    @property
    def securitySuite(self) -> Any:
        return self.ciphering.securitySuite

    @securitySuite.setter
    def securitySuite(self, value: Any) -> None:
        self.ciphering.securitySuite = value


__all__ = ["ASSOCIATION_SHORT_NAME", "FIRST_SHORT_NAME", "GXDLMSSecureServer", "GXDLMSServer", "assign_short_names"]
