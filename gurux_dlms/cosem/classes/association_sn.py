"""Association SN (class 12): the object list of short-name referencing and its access rights.

With short names every object is reached through its *base name*: attribute ``n`` of an
object lives at ``base_name + 8 * (n - 1)``.  Attribute 2 lists the objects with their
base names; attribute 3 lists their access rights.  Base names are ``long`` on the wire
but are really 16-bit addresses (0xFA00 is common), so they are kept as 0..65535 in Python.
"""

from __future__ import annotations

from typing import Any

from ...data import codec
from ...data.obis import obis_to_str
from ...data.types import DataType, GXArray, GXInt16, GXStructure, GXUInt8, GXUInt16
from ...errors import DecodeError, LocalProtocolError
from ..access import AccessMode, MethodAccessMode
from ..base import Attribute, GXDLMSObject, Method, ValueEventArgs
from ..collection import GXDLMSObjectCollection
from ..generic import GXDLMSGenericObject
from ..object_type import ObjectType
from ..registry import class_for, register_class
from .association_ln import READ_WRITE_DENIED, hls_reply
from .object_list import access_rights_to_data, access_selectors, set_access_selectors
from .setup_values import enum_or_int, integer, items, ln_attribute, members, octets


def _base_name(value: int) -> GXInt16:
    """A 16-bit base name as the ``long`` the wire carries."""
    return GXInt16(value - 0x10000 if value >= 0x8000 else value)


def sn_object_element(obj: GXDLMSObject) -> GXStructure:
    """``structure{base_name long, class_id long-unsigned, version unsigned, logical_name}``."""
    return GXStructure([_base_name(obj.shortName), GXUInt16(int(obj.objectType)), GXUInt8(obj.version),
                        bytearray(obj.logical_name_bytes)])


def _new_object(class_id: int, ln: str, sn: int) -> GXDLMSObject:
    cls = class_for(class_id)
    if cls is None:
        return GXDLMSGenericObject(ln, sn, class_id)
    return cls(ln, sn)


def parse_sn_object_list(value: Any, existing: Any = None) -> GXDLMSObjectCollection:
    """The objects of attribute 2 (the A-XDR bytes or the decoded array).

    ``existing`` objects with the same base name, class and logical name are reused.
    """
    if isinstance(value, (bytes, bytearray, memoryview)):
        value = codec.decode(value)
    known = {obj.shortName: obj for obj in existing or () if obj.shortName}
    objects = GXDLMSObjectCollection()
    for element in items(value, "object list"):
        fields = members(element, 4, "object list element")
        sn = integer(fields[0], "base name") & 0xFFFF
        class_id = integer(fields[1], "class id")
        ln_raw = octets(fields[3], "logical name")
        if len(ln_raw) != 6:
            raise DecodeError("object list logical name", expected="6 bytes", found=f"{len(ln_raw)} bytes")
        ln = obis_to_str(ln_raw)
        obj = known.get(sn)
        if obj is None or int(obj.objectType) != class_id or obj.logicalName != ln:
            obj = _new_object(class_id, ln, sn)
        obj.version = integer(fields[2], "version")
        objects.append(obj)
    return objects


def _objects_to_data(obj: Any, settings: Any) -> GXArray:
    return GXArray(sn_object_element(item) for item in obj.objectList)


def _objects_from_data(obj: Any, value: Any, settings: Any) -> None:
    obj.objectList = parse_sn_object_list(value, getattr(settings, "objects", None))
    pending, obj.pendingRights = obj.pendingRights, []
    _apply_rights(obj, pending)


def _rights_to_data(obj: Any, settings: Any) -> GXArray:
    out = GXArray()
    for item in obj.objectList:
        attributes, methods = access_rights_to_data(item, 2)
        out.append(GXStructure([_base_name(item.shortName), attributes, methods]))
    return out


def _rights_from_data(obj: Any, value: Any, settings: Any) -> None:
    rights = [members(right, 3, "access right") for right in items(value, "access rights list")]
    obj.pendingRights = _apply_rights(obj, rights)


def _apply_rights(obj: Any, rights: list[list[Any]]) -> list[list[Any]]:
    """Give the listed objects their access rights; return the rights of objects not (yet) listed.

    Those are kept until the object list is set, so the two attributes can be read or
    loaded in either order.
    """
    by_sn = {item.shortName: item for item in obj.objectList}
    missing = []
    for fields in rights:
        target = by_sn.get(integer(fields[0], "base name") & 0xFFFF)
        if target is None:
            missing.append(fields)
            continue
        for entry in items(fields[1], "attribute access"):
            entry = members(entry, 2, "attribute access item")
            index = integer(entry[0], "attribute id")
            target.setAccess(index, enum_or_int(AccessMode, integer(entry[1], "access mode")))
            chosen = entry[2] if len(entry) > 2 else None
            if chosen is not None or access_selectors(target, index) is not None:
                set_access_selectors(target, index, None if chosen is None else tuple(
                    integer(s, "access selector") for s in items(chosen, "access selectors")))
        for entry in items(fields[2], "method access"):
            entry = members(entry, 2, "method access item")
            mode = entry[1]
            mode = (1 if mode else 0) if isinstance(mode, bool) else integer(mode, "method access mode")
            target.setMethodAccess(integer(entry[0], "method id"), enum_or_int(MethodAccessMode, mode))
    return missing


@register_class
class GXDLMSAssociationShortName(GXDLMSObject):
    """A COSEM Association SN: ``objectList`` with base names, and the access rights of each object."""

    CLASS_ID = ObjectType.ASSOCIATION_SHORT_NAME
    VERSION = 2
    DEFAULT_LN = "0.0.40.0.0.255"
    ATTRIBUTES = (
        Attribute(2, "objectList", "Object List", DataType.ARRAY, factory=GXDLMSObjectCollection,
                  to_data=_objects_to_data, from_data=_objects_from_data),
        Attribute(3, "accessRightsList", "Access Rights List", DataType.ARRAY, to_data=_rights_to_data,
                  from_data=_rights_from_data),
        ln_attribute(4, "securitySetupReference", "Security Setup Reference", since=2),
    )
    METHODS = (
        Method(1, "getListByClassId", "Get list by class id", DataType.ARRAY),
        Method(2, "getObjectByLogicalName", "Get object by logical name", DataType.STRUCTURE),
        Method(3, "readByLogicalName", "Read by logical name", DataType.ARRAY),
        Method(4, "getAttributesAndServices", "Get attributes and services", DataType.ARRAY),
        Method(5, "changeLlsSecret", "Change LLS secret", DataType.OCTET_STRING),
        Method(6, "changeHlsSecret", "Change HLS secret", DataType.OCTET_STRING),
        Method(7, "getHlsChallenge", "Get HLS challenge", DataType.OCTET_STRING),
        Method(8, "replyToHlsChallenge", "Reply to HLS challenge", DataType.OCTET_STRING),
    )

    objectList: GXDLMSObjectCollection
    securitySetupReference: str | None

    def __init__(self, ln: str | None = None, sn: int = 0) -> None:
        super().__init__(ln, sn or 0xFA00)  # the base name every short-name meter gives it
        self.secret: bytes = b""
        #: access rights read before the objects they belong to (applied when attribute 2 is set)
        self.pendingRights: list[list[Any]] = []

    @property
    def accessRightsList(self) -> list[tuple[int, GXStructure]]:
        """``(base name, access rights)`` of every listed object (computed from ``objectList``)."""
        return [(item.shortName, access_rights_to_data(item, 2)) for item in self.objectList]

    # --- client helpers -------------------------------------------------------------------------
    def updateSecret(self, client: Any) -> Any:
        """Send ``secret`` through change_HLS_secret."""
        return self._method_request(client, 6, bytearray(self.secret))

    # --- server side --------------------------------------------------------------------------------
    def invoke(self, settings: Any, e: ValueEventArgs) -> Any:
        """Run a method: lists by class or name, reads by name, secret changes and the HLS reply."""
        if e.index == 1:
            wanted = {integer(c, "class id") for c in items(e.parameters, "class list")}
            return GXArray(sn_object_element(item) for item in self.objectList if int(item.objectType) in wanted)
        if e.index == 2:
            found = self._find(e.parameters)
            return sn_object_element(found) if found is not None else None
        if e.index == 3:
            values = GXArray()
            for request in items(e.parameters, "read by logical name"):
                fields = members(request, 3, "read by logical name item")
                target = self._find(fields)
                if target is None:
                    raise LocalProtocolError("read_by_logicalname", expected="an object of the list",
                                             found=repr(fields[1]))
                values.append(target.get_attribute_data(integer(fields[2], "attribute id"), settings))
            return values
        if e.index in (5, 6):
            self.secret = octets(e.parameters, "secret")
            return None
        if e.index == 8:
            reply = hls_reply(settings, self, octets(e.parameters, "HLS reply"))
            if reply is None:
                e.error = READ_WRITE_DENIED
                return None
            return bytearray(reply)
        return super().invoke(settings, e)

    def _find(self, fields: Any) -> GXDLMSObject | None:
        fields = members(fields, 2, "object reference")
        return self.objectList.findByLN(integer(fields[0], "class id"), octets(fields[1], "logical name"))


__all__ = ["GXDLMSAssociationShortName", "parse_sn_object_list", "sn_object_element"]
