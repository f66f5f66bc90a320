"""Association LN (class 15): the association view of one client, its context and its secrets.

A client reads attribute 2 to learn which objects the meter has and what it may do with
them (:func:`parse_object_list` does it fast, from the bytes); a server answers it from
``objectList``.  The server side also runs the methods: the HLS pass 4 reply, secret
change, and adding or removing objects and users.
"""

from __future__ import annotations

import logging
from typing import Any

from ...data.types import DataType, GXArray, GXInt8, GXStructure, GXUInt8, GXUInt16
from ...errors import AuthenticationError, LocalProtocolError
from ...security.enums import Authentication
from ...security.hls import HlsContext, server_answer, verify_client_answer
from ..access import AccessMode
from ..base import Attribute, GXDLMSObject, Method, ValueEventArgs
from ..collection import GXDLMSObjectCollection
from ..object_type import ObjectType
from ..registry import register_class
from .association_context import (
    ApplicationContextName,
    AssociationStatus,
    GXApplicationContextName,
    GXAuthenticationMechanismName,
    GXxDLMSContextInfo,
)
from .object_list import (
    encode_object_list,
    object_from_element,
    object_list_element,
    object_list_to_data,
    parse_object_list,
)
from .setup_values import integer, items, ln_attribute, members, octets, octets_attribute, octets_to_text

log = logging.getLogger(__name__)

#: data-access-result read-write-denied: the answer to a wrong HLS reply
READ_WRITE_DENIED = 3


def hls_reply(settings: Any, association: Any, answer: bytes) -> bytes | None:
    """HLS pass 3 and 4 on the server: check the client's f(StoC), return the server's f(CtoS).

    The server session knows the exchange: it either checks the reply itself
    (``settings.verify_hls_reply(association, answer)``) or gives the exchange's
    :class:`~gurux_dlms.security.hls.HlsContext` as ``settings.hls_context`` (a value or a
    method), in which case HIGH_GMAC takes the server's next invocation counter from
    ``settings.security``.  None when the client's answer is wrong.
    """
    verify = getattr(settings, "verify_hls_reply", None)
    if callable(verify):
        reply = verify(association, answer)
        return None if reply is None else bytes(reply)
    context = getattr(settings, "hls_context", None)
    if callable(context):
        context = context()
    if not isinstance(context, HlsContext):
        raise LocalProtocolError("HLS reply", expected="settings that check HLS replies (verify_hls_reply or "
                                 "hls_context)", found=type(settings).__name__)
    try:
        verify_client_answer(context, answer)
    except AuthenticationError as exc:
        log.info("HLS pass 3 failed: %s", exc)
        return None
    counter = None
    if context.mechanism == Authentication.HIGH_GMAC:
        security = getattr(settings, "security", None)
        if security is None:
            raise LocalProtocolError("HLS-GMAC reply", expected="settings.security (the server's keys)", found="none")
        counter = security.invocation_counter.next()
    return server_answer(context, counter)


# --- attribute conversions --------------------------------------------------------------------------
def _objects_to_data(obj: Any, settings: Any) -> GXArray:
    return object_list_to_data(obj.objectList, obj.version)


def _objects_from_data(obj: Any, value: Any, settings: Any) -> None:
    obj.objectList = parse_object_list(value, obj.version, getattr(settings, "objects", None))


def _partners_to_data(obj: Any, settings: Any) -> GXStructure:
    return GXStructure([GXInt8(obj.clientSAP), GXUInt16(obj.serverSAP)])


def _partners_from_data(obj: Any, value: Any, settings: Any) -> None:
    fields = members(value, 2, "associated partners id")
    obj.clientSAP = integer(fields[0], "client SAP")
    obj.serverSAP = integer(fields[1], "server SAP")


def _value_class_attribute(index: int, name: str, title: str, cls: Any, **options: Any) -> Attribute:
    """An attribute held by a value class that converts itself (``to_data``/``from_data``)."""

    def to_data(obj: Any, settings: Any) -> Any:
        return getattr(obj, name).to_data()

    def from_data(obj: Any, value: Any, settings: Any) -> None:
        setattr(obj, name, cls.from_data(value))

    return Attribute(index, name, title, DataType.STRUCTURE, factory=cls, to_data=to_data, from_data=from_data,
                     static=True, **options)


def user_to_data(user: Any) -> GXStructure:
    """``structure{user_id unsigned, user_name visible-string}``."""
    user_id, name = user
    return GXStructure([GXUInt8(user_id), str(name)])


def user_from_data(value: Any) -> tuple[int, str]:
    fields = members(value, 2, "user")
    return integer(fields[0], "user id"), octets_to_text(fields[1], "user name")


def _users_to_data(obj: Any, settings: Any) -> GXArray:
    return GXArray(user_to_data(user) for user in obj.userList)


def _users_from_data(obj: Any, value: Any, settings: Any) -> None:
    obj.userList = [user_from_data(user) for user in items(value, "user list")]


def _current_user_to_data(obj: Any, settings: Any) -> GXStructure:
    return user_to_data(obj.currentUser or (0, ""))


def _current_user_from_data(obj: Any, value: Any, settings: Any) -> None:
    obj.currentUser = user_from_data(value)


@register_class
class GXDLMSAssociationLogicalName(GXDLMSObject):
    """A COSEM Association LN.

    ``objectList`` is a :class:`GXDLMSObjectCollection`; ``clientSAP``/``serverSAP`` the
    associated partners; ``secret`` the LLS password or HLS secret (bytes); ``userList``
    and ``currentUser`` (version 2) ``(id, name)`` pairs.
    """

    CLASS_ID = ObjectType.ASSOCIATION_LOGICAL_NAME
    VERSION = 2
    DEFAULT_LN = "0.0.40.0.0.255"
    ATTRIBUTES = (
        Attribute(2, "objectList", "Object List", DataType.ARRAY, factory=GXDLMSObjectCollection,
                  to_data=_objects_to_data, from_data=_objects_from_data),
        Attribute(3, "associatedPartnersId", "Associated partners Id", DataType.STRUCTURE,
                  to_data=_partners_to_data, from_data=_partners_from_data, static=True),
        _value_class_attribute(4, "applicationContextName", "Application Context Name",
                               GXApplicationContextName),
        _value_class_attribute(5, "xDLMSContextInfo", "xDLMS Context Info", GXxDLMSContextInfo),
        _value_class_attribute(6, "authenticationMechanismName", "Authentication Mechanism Name",
                               GXAuthenticationMechanismName),
        octets_attribute(7, "secret", "Secret", static=True, access=AccessMode.WRITE),
        Attribute(8, "associationStatus", "Association Status", DataType.ENUM,
                  default=AssociationStatus.NON_ASSOCIATED, enum=AssociationStatus),
        ln_attribute(9, "securitySetupReference", "Security Setup Reference", since=1),
        Attribute(10, "userList", "User List", DataType.ARRAY, factory=list, to_data=_users_to_data,
                  from_data=_users_from_data, since=2),
        Attribute(11, "currentUser", "Current User", DataType.STRUCTURE, default=(0, ""),
                  to_data=_current_user_to_data, from_data=_current_user_from_data, since=2),
    )
    METHODS = (
        Method(1, "replyToHlsAuthentication", "Reply to HLS authentication", DataType.OCTET_STRING),
        Method(2, "changeHlsSecret", "Change HLS secret", DataType.OCTET_STRING),
        Method(3, "addObject", "Add object", DataType.STRUCTURE),
        Method(4, "removeObject", "Remove object", DataType.STRUCTURE),
        Method(5, "addUser", "Add user", DataType.STRUCTURE, since=2),
        Method(6, "removeUser", "Remove user", DataType.STRUCTURE, since=2),
    )

    objectList: GXDLMSObjectCollection
    applicationContextName: GXApplicationContextName
    xDLMSContextInfo: GXxDLMSContextInfo
    authenticationMechanismName: GXAuthenticationMechanismName
    secret: bytes
    associationStatus: AssociationStatus | int
    securitySetupReference: str | None
    userList: list[tuple[int, str]]
    currentUser: tuple[int, str]

    def __init__(self, ln: str | None = None, sn: int = 0) -> None:
        super().__init__(ln, sn)
        self.clientSAP: int = 0
        self.serverSAP: int = 0

    @property
    def associatedPartnersId(self) -> tuple[int, int]:
        """``(clientSAP, serverSAP)``."""
        return self.clientSAP, self.serverSAP

    @associatedPartnersId.setter
    def associatedPartnersId(self, value: tuple[int, int]) -> None:
        self.clientSAP, self.serverSAP = value

    def encode_attribute(self, index: int, settings: Any = None) -> bytes:
        """As every object does; the object list is written straight to bytes (it can be thousands long)."""
        if index == 2:
            return encode_object_list(self.objectList, self.version)
        return super().encode_attribute(index, settings)

    # --- client helpers (Gurux names): each returns the frames to send --------------------------
    def updateSecret(self, client: Any) -> Any:
        """Send ``secret``: written as attribute 7 for LLS, through change_HLS_secret for HLS."""
        mechanism = int(self.authenticationMechanismName.mechanismId)
        if mechanism == Authentication.NONE:
            raise LocalProtocolError("secret update", expected="an authentication mechanism", found="NONE")
        if mechanism == Authentication.HIGH_GMAC:
            raise LocalProtocolError("secret update", expected="a mechanism with a secret",
                                     found="HIGH_GMAC (its keys are changed through security setup)")
        if mechanism == Authentication.LOW:
            return client.write(self, 7)
        return self._method_request(client, 2, bytearray(self.secret))

    def addObject(self, client: Any, item: GXDLMSObject) -> Any:
        return self._method_request(client, 3, object_list_element(item, self.version))

    def removeObject(self, client: Any, item: GXDLMSObject) -> Any:
        return self._method_request(client, 4, object_list_element(item, self.version))

    def addUser(self, client: Any, id: int, name: str) -> Any:
        return self._method_request(client, 5, user_to_data((id, name)))

    def removeUser(self, client: Any, id: int, name: str) -> Any:
        return self._method_request(client, 6, user_to_data((id, name)))

    # --- server side --------------------------------------------------------------------------------
    def invoke(self, settings: Any, e: ValueEventArgs) -> Any:
        """Run a method for a client (reply_to_HLS_authentication: see :func:`hls_reply`)."""
        if e.index == 1:
            reply = hls_reply(settings, self, octets(e.parameters, "HLS reply"))
            if reply is None:
                self.associationStatus = AssociationStatus.NON_ASSOCIATED
                e.error = READ_WRITE_DENIED
                return None
            self.associationStatus = AssociationStatus.ASSOCIATED
            return bytearray(reply)
        if e.index == 2:
            self.secret = octets(e.parameters, "HLS secret")
        elif e.index == 3:
            added = object_from_element(e.parameters, self.version, getattr(settings, "objects", None))
            if self.objectList.findByLN(added.objectType, added.logicalName) is None:
                self.objectList.append(added)
        elif e.index == 4:
            gone = object_from_element(e.parameters, self.version)
            found = self.objectList.findByLN(gone.objectType, gone.logicalName)
            if found is not None:
                self.objectList.remove(found)
        elif e.index in (5, 6):
            user_id, name = user_from_data(e.parameters)
            self.userList = [user for user in self.userList if user[0] != user_id]
            if e.index == 5:
                self.userList.append((user_id, name))
        else:
            return super().invoke(settings, e)
        return None


__all__ = [
    "ApplicationContextName",
    "AssociationStatus",
    "GXApplicationContextName",
    "GXAuthenticationMechanismName",
    "GXDLMSAssociationLogicalName",
    "GXxDLMSContextInfo",
    "hls_reply",
    "parse_object_list",
]
