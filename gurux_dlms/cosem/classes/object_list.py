"""The object list of an Association LN (attribute 2) and the access rights it carries.

A meter answers a read of ``0.0.40.0.0.255`` attribute 2 with one element per object::

    object_list_element ::= structure { class_id long-unsigned, version unsigned,
                                        logical_name octet-string(6), access_rights }
    access_rights ::= structure { array of attribute_access_item, array of method_access_item }
    attribute_access_item ::= structure { attribute_id integer, access_mode enum,
                                          access_selectors null | array of integer }
    method_access_item ::= structure { method_id integer, access_mode enum | boolean (version 0) }

Object lists run to thousands of entries, and a client reads one on every connection, so
:func:`parse_object_list` reads well-formed elements straight from the bytes (one
``struct`` unpack per item, no intermediate value tree) and hands any element whose shape
it does not recognise to the generic A-XDR decoder, which also reports malformed input.
"""

from __future__ import annotations

import gc
import struct
from collections.abc import Callable, Iterable
from typing import Any

from ...data import codec
from ...data.obis import obis_to_str
from ...data.types import DataType, GXArray, GXEnum, GXInt8, GXStructure, GXUInt8, GXUInt16
from ...errors import DecodeError, LocalProtocolError
from ..access import AccessMode, AccessMode3, MethodAccessMode, MethodAccessMode3
from ..base import GXDLMSObject
from ..collection import GXDLMSObjectCollection
from ..generic import GXDLMSGenericObject
from ..registry import class_for

# structure(4) class_id version logical_name(6) structure(2) array(n)
_ELEMENT = struct.Struct(">BBBHBBHBBBBBBBBBB")
_ELEMENT_HEAD = (2, 4, 0x12)
_RIGHTS_HEAD = (2, 2, 1)
# structure(3) integer attribute_id, enum access_mode, selectors tag
_ATTRIBUTE_ITEM = struct.Struct(">HBbBBB")
# structure(2) integer method_id, enum|boolean access_mode
_METHOD_ITEM = struct.Struct(">HBbBB")

# access mode of every byte value: the enum member where there is one, else the number
_ACCESS: tuple[Any, ...] = tuple(AccessMode(i) if i < 7 else i for i in range(256))
_METHOD_ACCESS: tuple[Any, ...] = tuple(MethodAccessMode(i) if i < 3 else i for i in range(256))
_ACCESS3: tuple[Any, ...] = tuple(AccessMode3(i) for i in range(256))
_METHOD_ACCESS3: tuple[Any, ...] = tuple(MethodAccessMode3(i) for i in range(256))
_SELECTORS = "_access_selectors"


# --- access modes ---------------------------------------------------------------------------------
def _mode_from_flags(flags: int) -> AccessMode:
    """The version 0-2 access mode closest to version 3 flags (so ``canRead`` answers right)."""
    base = flags & 3
    if flags & AccessMode3.AUTHENTICATED_REQUEST and base:
        return _ACCESS[base + 3]
    return _ACCESS[base]


def access_selectors(obj: GXDLMSObject, index: int) -> tuple[int, ...] | None:
    """The selective access selectors of attribute ``index``; None when it has no selective access.

    An object read from an association view has exactly what the view said; any other
    object has what its class declares (``Attribute.selectable``).
    """
    given = obj.__dict__.get(_SELECTORS)
    if given is not None:
        return given.get(index)
    try:
        selectable = obj.attribute(index).selectable
    except LocalProtocolError:  # an index the class does not have
        return None
    return selectable or None


def set_access_selectors(obj: GXDLMSObject, index: int, selectors: tuple[int, ...] | None) -> None:
    """Set the selectors of attribute ``index`` (None: no selective access)."""
    given = obj.__dict__.get(_SELECTORS)
    if given is None:
        given = obj.__dict__[_SELECTORS] = {i: access_selectors(obj, i) for i in range(1, obj.getAttributeCount() + 1)}
    given[index] = selectors


# --- decoding ---------------------------------------------------------------------------------------
class _Builder:
    """Creates the objects of one object list; caches the class of each class id."""

    __slots__ = ("classes", "existing", "version")

    def __init__(self, version: int, existing: Iterable[GXDLMSObject] | None = None) -> None:
        self.version = version
        self.classes: dict[int, type[GXDLMSObject] | None] = {}
        self.existing: dict[tuple[int, str], GXDLMSObject] | None = None
        if existing is not None:
            self.existing = {(int(obj.objectType), obj.logicalName): obj for obj in existing}

    def build(self, class_id: int, version: int, ln: str, attributes: dict[int, Any], methods: dict[int, Any],
              selectors: dict[int, tuple[int, ...] | None]) -> GXDLMSObject:
        """A new object; ``attributes``/``methods`` map indexes to access modes already converted."""
        obj: GXDLMSObject | None = None
        if self.existing is not None:
            obj = self.existing.get((class_id, ln))
            if obj is not None:
                obj.version = version
                self._set_access(obj, attributes, methods, selectors)
                return obj
        try:
            cls = self.classes[class_id]
        except KeyError:
            cls = self.classes[class_id] = class_for(class_id)
        if cls is None:
            obj = GXDLMSGenericObject(None, 0, class_id, max(attributes, default=1), max(methods, default=0))
        else:
            obj = cls()
        obj.logicalName = ln
        obj.version = version
        self._set_access(obj, attributes, methods, selectors)
        return obj

    def _set_access(self, obj: GXDLMSObject, attributes: dict[int, Any], methods: dict[int, Any],
                    selectors: dict[int, tuple[int, ...] | None]) -> None:
        if self.version >= 3:
            obj._access3 = attributes
            obj._access = {i: _mode_from_flags(m) for i, m in attributes.items()}
            obj._method_access3 = methods
        else:
            obj._access = attributes
            obj._method_access = methods
        obj.__dict__[_SELECTORS] = selectors


def _fast_element(data: bytes, pos: int, builder: _Builder) -> tuple[GXDLMSObject, int] | None:
    """Read one element laid out the usual way; None when it is laid out any other way."""
    fields = _ELEMENT.unpack_from(data, pos)
    if fields[:3] != _ELEMENT_HEAD or fields[4] != 0x11 or fields[6] != 0x0906 or fields[13:16] != _RIGHTS_HEAD:
        return None
    count = fields[16]
    if count >= 0x80:
        return None
    v3 = builder.version >= 3
    attribute_modes = _ACCESS3 if v3 else _ACCESS
    method_modes = _METHOD_ACCESS3 if v3 else _METHOD_ACCESS
    pos += 19
    attributes: dict[int, Any] = {}
    selectors: dict[int, tuple[int, ...] | None] = {}
    unpack_attribute = _ATTRIBUTE_ITEM.unpack_from
    for _ in range(count):
        head, i_tag, index, m_tag, mode, sel_tag = unpack_attribute(data, pos)
        if head != 0x0203 or i_tag != 0x0F or m_tag != 0x16:
            return None
        attributes[index] = attribute_modes[mode]
        if sel_tag == 0:
            pos += 7
        elif sel_tag == 1:
            k = data[pos + 7]
            end = pos + 8 + 2 * k
            if k >= 0x80 or end > len(data) or data[pos + 8:end:2] != b"\x0f" * k:
                return None
            selectors[index] = tuple(b - 256 if b > 127 else b for b in data[pos + 9:end:2])
            pos = end
        else:
            return None
    if data[pos] != 1 or data[pos + 1] >= 0x80:
        return None
    count = data[pos + 1]
    pos += 2
    methods: dict[int, Any] = {}
    unpack_method = _METHOD_ITEM.unpack_from
    for _ in range(count):
        head, i_tag, index, m_tag, mode = unpack_method(data, pos)
        if head != 0x0202 or i_tag != 0x0F:
            return None
        if m_tag == 0x16:
            methods[index] = method_modes[mode]
        elif m_tag == 0x03:
            methods[index] = method_modes[1 if mode else 0]
        else:
            return None
        pos += 6
    ln = "{}.{}.{}.{}.{}.{}".format(*fields[7:13])
    return builder.build(fields[3], fields[5], ln, attributes, methods, selectors), pos


def _int(value: Any, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise DecodeError(f"object list {what}", expected="an integer", found=repr(value))
    return int(value)


def _tree_element(element: Any, builder: _Builder) -> GXDLMSObject:
    """One element already decoded into DLMS values."""
    if not isinstance(element, list) or len(element) < 3:
        raise DecodeError("object list element", expected="structure{class_id, version, logical_name, "
                          "access_rights}", found=repr(element)[:80])
    class_id = _int(element[0], "class id")
    version = _int(element[1], "version")
    ln = element[2]
    if not isinstance(ln, (bytes, bytearray)) or len(ln) != 6:
        raise DecodeError("object list logical name", expected="6 bytes", found=repr(ln))
    v3 = builder.version >= 3
    attribute_modes = _ACCESS3 if v3 else _ACCESS
    method_modes = _METHOD_ACCESS3 if v3 else _METHOD_ACCESS
    attributes: dict[int, Any] = {}
    methods: dict[int, Any] = {}
    selectors: dict[int, tuple[int, ...] | None] = {}
    rights = element[3] if len(element) > 3 else None
    if rights is not None:
        if not isinstance(rights, list) or len(rights) < 2 or not all(isinstance(r, list) for r in rights[:2]):
            raise DecodeError("object list access rights", expected="structure{array, array}",
                              found=repr(rights)[:80])
        for item in rights[0]:
            if not isinstance(item, list) or len(item) < 2:
                raise DecodeError("attribute access item", expected="structure{id, mode, selectors}",
                                  found=repr(item))
            index = _int(item[0], "attribute id")
            attributes[index] = attribute_modes[_int(item[1], "attribute access mode") & 0xFF]
            chosen = item[2] if len(item) > 2 else None
            if chosen is not None:
                if not isinstance(chosen, list):
                    raise DecodeError("access selectors", expected="null or array", found=repr(chosen))
                selectors[index] = tuple(_int(s, "access selector") for s in chosen)
        for item in rights[1]:
            if not isinstance(item, list) or len(item) < 2:
                raise DecodeError("method access item", expected="structure{id, mode}", found=repr(item))
            mode = item[1]
            mode = (1 if mode else 0) if isinstance(mode, bool) else _int(mode, "method access mode")
            methods[_int(item[0], "method id")] = method_modes[mode & 0xFF]
    return builder.build(class_id, version, obis_to_str(ln), attributes, methods, selectors)


def object_from_element(element: Any, version: int = 2,
                        existing: Iterable[GXDLMSObject] | None = None) -> GXDLMSObject:
    """The object one decoded ``object_list_element`` describes (method add_object's parameter)."""
    return _tree_element(element, _Builder(version, existing))


def _parse_bytes(data: bytes, builder: _Builder, append: Any) -> None:
    if not data or data[0] != DataType.ARRAY:
        raise DecodeError("object list", where=0, expected="an array",
                          found=f"tag 0x{data[0]:02X}" if data else "no data")
    count, pos = codec.decode_length(data, 1)
    if count > len(data) - pos:
        raise DecodeError("object list count", where=1, expected=f"at most {len(data) - pos} elements",
                          found=count)
    for _ in range(count):
        try:
            fast = _fast_element(data, pos, builder)
        except (struct.error, IndexError):  # truncated: the generic decoder says where
            fast = None
        if fast is None:
            element, pos = codec.decode_value(data, pos)
            append(_tree_element(element, builder))
        else:
            append(fast[0])
            pos = fast[1]
    if pos != len(data):
        raise DecodeError("object list", where=pos, expected="end of data", found=f"{len(data) - pos} more bytes")


def parse_object_list(value: Any, version: int = 2,
                      existing: Iterable[GXDLMSObject] | None = None) -> GXDLMSObjectCollection:
    """The objects of an association view.

    ``value`` is attribute 2 of an Association LN as received: the A-XDR bytes (starting
    with the array tag) or the already decoded array.  ``version`` is the association's
    class version; version 3 access rights are flags (``AccessMode3``).  Every object is
    created through the class registry, with its version and access rights set; when
    ``existing`` objects are given (a server's or a cached list), an object of the same class
    and logical name is taken from there instead of being created.  The
    cyclic garbage collector is paused meanwhile: thousands of new objects would make it
    scan the young generation again and again for cycles there are none of.
    """
    builder = _Builder(version, existing)
    objects: list[GXDLMSObject] = []
    pause = gc.isenabled()
    if pause:
        gc.disable()
    try:
        if isinstance(value, (bytes, bytearray, memoryview)):
            _parse_bytes(bytes(value), builder, objects.append)
        elif isinstance(value, list):
            objects.extend(_tree_element(element, builder) for element in value)
        elif value is not None:
            raise DecodeError("object list", expected="an array", found=type(value).__name__)
    finally:
        if pause:
            gc.enable()
    return GXDLMSObjectCollection(objects)


# --- encoding ---------------------------------------------------------------------------------------
def _attribute_count(obj: GXDLMSObject) -> int:
    if isinstance(obj, GXDLMSGenericObject):
        return max(obj.getAttributeCount(), max(obj._access, default=0), max(obj._access3, default=0))
    return obj.getAttributeCount()


def _method_count(obj: GXDLMSObject) -> int:
    if isinstance(obj, GXDLMSGenericObject):
        return max(obj.getMethodCount(), max(obj._method_access, default=0),
                   max(obj._method_access3, default=0))
    return obj.getMethodCount()


AccessOf = Callable[[GXDLMSObject, int], int]


def _attribute_mode(obj: GXDLMSObject, index: int, version: int, access: AccessOf | None) -> int:
    if access is not None:
        return int(access(obj, index))
    return int(obj.getAccess3(index) if version >= 3 else obj.getAccess(index))


def _method_mode(obj: GXDLMSObject, index: int, version: int, access: AccessOf | None) -> int:
    if access is not None:
        return int(access(obj, index))
    return int(obj.getMethodAccess3(index) if version >= 3 else obj.getMethodAccess(index))


def access_rights_to_data(obj: GXDLMSObject, version: int, attribute_access: AccessOf | None = None,
                          method_access: AccessOf | None = None) -> GXStructure:
    """``access_rights`` of one object, every attribute and method of its class.

    ``attribute_access``/``method_access`` give the modes instead of the object's own rights
    (a server whose associations see the same object with different rights).
    """
    attributes = GXArray()
    for index in range(1, _attribute_count(obj) + 1):
        mode = _attribute_mode(obj, index, version, attribute_access)
        chosen = access_selectors(obj, index)
        attributes.append(GXStructure([GXInt8(index), GXEnum(int(mode)),
                                       None if chosen is None else GXArray(GXInt8(s) for s in chosen)]))
    methods = GXArray()
    for index in range(1, _method_count(obj) + 1):
        method_mode: Any = _method_mode(obj, index, version, method_access)
        method_mode = method_mode != 0 if version == 0 else GXEnum(method_mode)
        methods.append(GXStructure([GXInt8(index), method_mode]))
    return GXStructure([attributes, methods])


def object_list_element(obj: GXDLMSObject, version: int) -> GXStructure:
    """One ``object_list_element``: class id, version, logical name and access rights."""
    return GXStructure([GXUInt16(int(obj.objectType)), GXUInt8(obj.version), bytearray(obj.logical_name_bytes),
                        access_rights_to_data(obj, version)])


_ITEM_HEAD = struct.Struct(">BBBbBB")  # structure(n) integer id, enum|boolean mode
_OBJECT_HEAD = struct.Struct(">BBBHBBBB")  # structure(4) class id, version, octet-string(6)


def encode_object_list(objects: Iterable[GXDLMSObject], version: int, attribute_access: AccessOf | None = None,
                       method_access: AccessOf | None = None) -> bytes:
    """Attribute 2 of an Association LN as A-XDR bytes, written straight into one buffer.

    Gives the same bytes as ``codec.encode(object_list_to_data(objects, version))`` without
    building the value tree first (a server answers this read on every association).
    ``attribute_access``/``method_access`` as for :func:`access_rights_to_data`.
    """
    items = list(objects)
    out = bytearray(b"\x01")
    codec.encode_length(out, len(items))
    pack_item, pack_object = _ITEM_HEAD.pack, _OBJECT_HEAD.pack
    for obj in items:
        out += pack_object(2, 4, 0x12, int(obj.objectType), 0x11, obj.version, 9, 6)
        out += obj.logical_name_bytes
        out += b"\x02\x02\x01"
        count = _attribute_count(obj)
        codec.encode_length(out, count)
        for index in range(1, count + 1):
            out += pack_item(2, 3, 0x0F, index, 0x16, _attribute_mode(obj, index, version, attribute_access))
            chosen = access_selectors(obj, index)
            if chosen is None:
                out.append(0)
            else:
                out.append(1)
                codec.encode_length(out, len(chosen))
                for selector in chosen:
                    out += bytes((0x0F, selector & 0xFF))
        out.append(1)
        count = _method_count(obj)
        codec.encode_length(out, count)
        for index in range(1, count + 1):
            mode = _method_mode(obj, index, version, method_access)
            if version == 0:
                out += pack_item(2, 2, 0x0F, index, 0x03, 1 if mode else 0)
            else:
                out += pack_item(2, 2, 0x0F, index, 0x16, mode)
    return bytes(out)


def object_list_to_data(objects: Iterable[GXDLMSObject], version: int) -> GXArray:
    """Attribute 2 of an Association LN as a DLMS value."""
    return GXArray(object_list_element(obj, version) for obj in objects)


__all__ = [
    "access_rights_to_data",
    "access_selectors",
    "encode_object_list",
    "object_from_element",
    "object_list_element",
    "object_list_to_data",
    "parse_object_list",
    "set_access_selectors",
]
