"""The object store: the objects a server serves and what reading, writing and invoking them do.

:class:`ObjectStore` is the application a :class:`~gurux_dlms.session.server.ServerConnection`
serves (it implements :class:`~gurux_dlms.session.server_settings.ServerApplication`):

* which client addresses may associate, and how: an Association LN object with that
  ``clientSAP`` says it (mechanism, secret, xDLMS context, security setup and its policy),
  or a policy registered with :meth:`ObjectStore.add_association` (short-name servers);
* which objects an association sees (its object list; the current association is
  ``0.0.40.0.0.255``) and with which rights (:mod:`.rights`);
* the standard behaviour of each access: attributes read through the interface class's
  encoding (selective access on profile buffers, the object list with the association's
  rights), written with a type check, methods run by the class's ``invoke``.

:class:`~gurux_dlms.server.GXDLMSServer` puts Gurux's hooks around each of these.
"""

from __future__ import annotations

import logging
from typing import Any

from ..apdu.common import ErrorCode
from ..apdu.conformance import Conformance
from ..cosem.base import ValueEventArgs
from ..cosem.classes.association_ln import GXDLMSAssociationLogicalName
from ..cosem.classes.association_sn import GXDLMSAssociationShortName, sn_object_element
from ..cosem.classes.object_list import access_rights_to_data, encode_object_list
from ..cosem.classes.profile_buffer import rows_to_data
from ..cosem.classes.security_setup import GXDLMSSecuritySetup, SecurityPolicy
from ..cosem.collection import GXDLMSObjectCollection
from ..cosem.object_type import ObjectType
from ..data import codec
from ..data.obis import obis_to_str
from ..data.types import DataType, GXArray, GXInt16, GXStructure
from ..errors import DecodeError, DLMSError, LocalProtocolError
from ..security.enums import Authentication, Security
from ..session.server_settings import AssociationPolicy
from .rights import AccessRights, access3, method_access3

log = logging.getLogger(__name__)

#: The logical name every association object answers to for its own client.
CURRENT_ASSOCIATION = bytes((0, 0, 40, 0, 0, 255))
_ASSOCIATION_CLASSES = (int(ObjectType.ASSOCIATION_LOGICAL_NAME), int(ObjectType.ASSOCIATION_SHORT_NAME))
#: Types a written value may have for a declared attribute type (besides the declared one).
_ALSO_ACCEPTED = {DataType.OCTET_STRING: {DataType.DATETIME, DataType.DATE, DataType.TIME}}
_PARAMETER_ERRORS = (DecodeError, ValueError, TypeError, IndexError, KeyError, AttributeError)


def security_of(policy: Any, version: int) -> Security:
    """The protection requests need under a Security setup's ``securityPolicy``."""
    value = int(policy or 0)
    if version == 0:
        return Security({0: 0, 1: 0x10, 2: 0x20, 3: 0x30}.get(value, 0x30))
    required = 0
    if value & SecurityPolicy.AUTHENTICATED_REQUEST:
        required |= Security.AUTHENTICATION
    if value & SecurityPolicy.ENCRYPTED_REQUEST:
        required |= Security.ENCRYPTION
    return Security(required)


class ObjectStore:
    """Objects served to any number of connections, with per-association views and rights."""

    def __init__(self, objects: Any = None) -> None:
        self.objects: GXDLMSObjectCollection = objects if isinstance(objects, GXDLMSObjectCollection) \
            else GXDLMSObjectCollection(objects or ())
        self._policies: dict[int, AssociationPolicy] = {}
        self._rights: dict[int, AccessRights] = {}
        self._short_names: dict[int, tuple[int, list[tuple[int, Any]]]] = {}
        self.default_rights = AccessRights()
        #: Pushes the objects asked for, waiting for the driver: (context, push setup, data).
        self.pushes: list[tuple[Any, Any, Any]] = []

    # --- configuration -------------------------------------------------------------------
    def add_association(self, client_address: int, association: Any = None, *,
                        authentication: Authentication | int = Authentication.NONE, secret: bytes | str | None = None,
                        security: Security | int = Security.NONE, rights: AccessRights | None = None,
                        conformance: int | None = None, max_receive_pdu_size: int | None = None,
                        name: str = "") -> AssociationPolicy:
        """Let ``client_address`` associate through ``association`` with this mechanism and secret."""
        password = secret.encode() if isinstance(secret, str) else secret
        policy = AssociationPolicy(client_address, Authentication(authentication), password, Security(security),
                                   None if conformance is None else Conformance(conformance), max_receive_pdu_size,
                                   association, name)
        self._policies[client_address] = policy
        if association is not None and rights is not None:
            self.set_rights(association, rights)
        return policy

    def set_rights(self, association: Any, rights: AccessRights) -> None:
        """The rights of the clients of ``association``."""
        self._rights[id(association)] = rights

    def rights_of(self, association: Any) -> AccessRights:
        return self._rights.get(id(association), self.default_rights)

    def association_objects(self) -> list[Any]:
        return [obj for obj in self.objects if int(obj.objectType) in _ASSOCIATION_CLASSES]

    # --- ServerApplication: associations ---------------------------------------------------
    def association_policy(self, client_address: int, server_address: int) -> AssociationPolicy | None:
        policy = self._policies.get(client_address)
        if policy is not None:
            return policy
        for obj in self.objects:
            if isinstance(obj, GXDLMSAssociationLogicalName) and obj.clientSAP == client_address:
                return self.policy_of(obj)
        return None

    def policy_of(self, association: GXDLMSAssociationLogicalName) -> AssociationPolicy:
        """What an Association LN object says about its clients."""
        mechanism = int(association.authenticationMechanismName.mechanismId)
        context = association.xDLMSContextInfo
        security = Security.NONE
        reference = getattr(association, "securitySetupReference", None)
        if reference:
            setup = self.objects.findByLN(ObjectType.SECURITY_SETUP, reference)
            if isinstance(setup, GXDLMSSecuritySetup):
                security = security_of(setup.securityPolicy, setup.version)
        return AssociationPolicy(association.clientSAP, Authentication(mechanism), bytes(association.secret or b""),
                                 security, Conformance(context.conformance) or None,
                                 context.maxReceivePduSize or None,
                                 association, association.logicalName)

    def connected(self, context: Any) -> None:
        log.debug("association opened: %r", context)

    def disconnected(self, context: Any) -> None:
        log.debug("association closed: %r", context)

    def invalid_connection(self, client_address: int, reason: str) -> None:
        log.debug("client %d refused: %s", client_address, reason)

    def push(self, context: Any, push_setup: Any, data: Any) -> None:
        self.pushes.append((context, push_setup, data))

    # --- ServerApplication: objects ----------------------------------------------------------
    def view_of(self, context: Any) -> GXDLMSObjectCollection:
        """The objects an association sees: its object list (all objects when it lists none)."""
        association = getattr(context, "association", None)
        objects = getattr(association, "objectList", None)
        return objects if objects else self.objects

    def find_object(self, context: Any, class_id: int, logical_name: bytes) -> Any:
        association = getattr(context, "association", None)
        if logical_name == CURRENT_ASSOCIATION and association is not None \
                and int(association.objectType) == class_id:
            return association
        return self.view_of(context).findByLN(class_id, obis_to_str(logical_name))

    def short_names(self, context: Any) -> list[tuple[int, Any]]:
        view = self.view_of(context)
        cached = self._short_names.get(id(view))
        if cached is not None and cached[0] == len(view):
            return cached[1]
        names = sorted(((obj.shortName, obj) for obj in view if obj.shortName), key=lambda item: item[0])
        self._short_names[id(view)] = (len(view), names)
        return names

    def attribute_access(self, context: Any, target: Any, index: int) -> int:
        return self.rights_of(getattr(context, "association", None)).attribute(target, index)

    def method_access(self, context: Any, target: Any, index: int) -> int:
        return self.rights_of(getattr(context, "association", None)).method(target, index)

    # --- ServerApplication: accesses ---------------------------------------------------------
    def read(self, context: Any, items: list[ValueEventArgs]) -> None:
        for args in items:
            if not args.handled:
                self.read_value(context, args)

    def write(self, context: Any, items: list[ValueEventArgs]) -> None:
        for args in items:
            if not args.handled:
                self.write_value(context, args)

    def invoke(self, context: Any, items: list[ValueEventArgs]) -> None:
        for args in items:
            if not args.handled:
                self.invoke_method(context, args)

    def read_value(self, context: Any, args: ValueEventArgs) -> None:
        """The standard read of one attribute (``args.value``, or ``args.error``)."""
        target, index = args.target, args.index
        try:
            if args.selector:
                if index != 2 or not hasattr(target, "getSelectedRows"):
                    args.error = ErrorCode.OTHER_REASON
                    return
                rows, columns = target.getSelectedRows(args.selector, args.parameters)
                args.value = rows_to_data(rows, columns)
                return
            if isinstance(target, GXDLMSAssociationLogicalName) and index == 2:
                args.value, args.byteArray = self.object_list(target), True
                return
            if isinstance(target, GXDLMSAssociationShortName) and index in (2, 3):
                args.value = self.sn_object_list(target) if index == 2 else self.sn_access_rights(target)
                return
            args.value, args.byteArray = target.encode_attribute(index, context), True
        except DLMSError as exc:
            log.info("%r attribute %d cannot be read: %s", target, index, exc)
            args.error = ErrorCode.OTHER_REASON

    def write_value(self, context: Any, args: ValueEventArgs) -> None:
        """The standard write of one attribute, refusing a value of another type."""
        target, index, value = args.target, args.index, args.value
        try:
            declared = target.attribute(index).data_type
            if declared != DataType.NONE and value is not None and declared not in (DataType.ARRAY, DataType.STRUCTURE):
                given = codec.infer_type(value)
                if given != declared and given not in _ALSO_ACCEPTED.get(declared, ()):
                    log.info("%r attribute %d: %s written where %s is declared", target, index, given.name,
                             declared.name)
                    args.error = ErrorCode.UNMATCHED_TYPE
                    return
            target.set_attribute_data(index, value, context)
        except (*_PARAMETER_ERRORS, LocalProtocolError) as exc:
            log.info("%r attribute %d: write refused: %s", target, index, exc)
            args.error = ErrorCode.UNMATCHED_TYPE

    def invoke_method(self, context: Any, args: ValueEventArgs) -> None:
        """The standard invocation of one method: the class's ``invoke``."""
        target, index = args.target, args.index
        try:
            result = target.invoke(context, args)
        except LocalProtocolError as exc:
            log.info("%r method %d refused: %s", target, index, exc)
            args.error = ErrorCode.READ_WRITE_DENIED
            return
        except _PARAMETER_ERRORS as exc:
            log.info("%r method %d: bad parameters: %s", target, index, exc)
            args.error = ErrorCode.UNMATCHED_TYPE
            return
        if not args.error and result is not None:
            args.value = result

    # --- association views ---------------------------------------------------------------
    def object_list(self, association: GXDLMSAssociationLogicalName) -> bytes:
        """Attribute 2 of an Association LN with the rights of its own clients."""
        rights = self.rights_of(association)
        version = association.version
        objects = association.objectList or self.objects
        if version >= 3:
            return encode_object_list(objects, version, lambda o, i: access3(rights.attribute(o, i)),
                                      lambda o, i: method_access3(rights.method(o, i)))
        return encode_object_list(objects, version, rights.attribute, rights.method)

    def sn_object_list(self, association: GXDLMSAssociationShortName) -> GXArray:
        return GXArray(sn_object_element(obj) for obj in association.objectList or self.objects)

    def sn_access_rights(self, association: GXDLMSAssociationShortName) -> GXArray:
        """Attribute 3 of an Association SN with the rights of its own clients."""
        rights = self.rights_of(association)
        out = GXArray()
        for obj in association.objectList or self.objects:
            attributes, methods = access_rights_to_data(obj, 2, rights.attribute, rights.method)
            base = obj.shortName
            out.append(GXStructure([GXInt16(base - 0x10000 if base >= 0x8000 else base), attributes, methods]))
        return out


__all__ = ["CURRENT_ASSOCIATION", "ObjectStore", "security_of"]
