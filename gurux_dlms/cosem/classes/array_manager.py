"""Array manager (class 123): read and edit long array attributes of other objects entry by entry."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ...data.types import DataType, GXArray, GXInt8, GXStructure, GXUInt8, GXUInt16
from ...errors import DecodeError
from ..access import AccessMode
from ..base import Attribute, GXDLMSObject, Method, ValueEventArgs
from ..object_type import ObjectType
from ..registry import register_class
from .object_references import (
    GXDLMSTarget,
    as_int,
    check_array,
    check_structure,
    find_object,
    reference_to_data,
    resolve_object,
)


@dataclass(eq=True)
class GXDLMSArrayManagerItem:
    """A managed array: its ``id`` and the attribute (``element.target``/``element.attributeIndex``) holding it."""

    id: int = 0
    element: GXDLMSTarget = field(default_factory=GXDLMSTarget)


def elements_to_data(obj: Any, settings: Any) -> GXArray:
    return GXArray(GXStructure([GXUInt8(item.id), GXStructure([*reference_to_data(item.element.target),
                                                                GXInt8(item.element.attributeIndex)])])
                   for item in obj.elements)


def elements_from_data(obj: Any, value: Any, settings: Any) -> None:
    items = []
    for entry in check_array(value, "array objects"):
        m = check_structure(entry, 2, "array object")
        t = check_structure(m[1], 3, "array object target")
        target = resolve_object(settings, as_int(t[0], "array object class id"), t[1])
        items.append(GXDLMSArrayManagerItem(as_int(m[0], "array object id"),
                                            GXDLMSTarget(target, as_int(t[2], "array object attribute index"))))
    obj.elements = items


@register_class
class GXDLMSArrayManager(GXDLMSObject):
    """A COSEM Array manager: ``elements`` lists the managed arrays (:class:`GXDLMSArrayManagerItem`).

    Entry numbers in the methods are 1-based.
    """

    CLASS_ID = ObjectType.ARRAY_MANAGER
    VERSION = 0
    ATTRIBUTES = (
        Attribute(2, "elements", "Array Objects", DataType.ARRAY, factory=list, static=True,
                  to_data=elements_to_data, from_data=elements_from_data, access=AccessMode.READ_WRITE),
    )
    METHODS = (
        Method(1, "numberOfEntries", "Number of entries", DataType.UINT8),
        Method(2, "retrieveEntries", "Retrieve entries", DataType.STRUCTURE),
        Method(3, "insertEntry", "Insert entry", DataType.STRUCTURE),
        Method(4, "updateEntry", "Update entry", DataType.STRUCTURE),
        Method(5, "removeEntries", "Remove entries", DataType.STRUCTURE),
    )

    elements: list[GXDLMSArrayManagerItem]

    # --- client helpers (Gurux names) --------------------------------------------------
    def numberOfEntries(self, client: Any, id: int) -> Any:
        return self._method_request(client, 1, GXUInt8(id))

    def retrieveEntries(self, client: Any, id: int, first: int, last: int) -> Any:
        return self._method_request(client, 2, GXStructure([GXUInt8(id), GXUInt16(first), GXUInt16(last)]))

    def insertEntry(self, client: Any, id: int, index: int, entry: Any) -> Any:
        return self._method_request(client, 3, GXStructure([GXUInt8(id), GXUInt16(index), entry]))

    def updateEntry(self, client: Any, id: int, index: int, entry: Any) -> Any:
        return self._method_request(client, 4, GXStructure([GXUInt8(id), GXUInt16(index), entry]))

    def removeEntries(self, client: Any, id: int, first: int, last: int) -> Any:
        return self._method_request(client, 5, GXStructure([GXUInt8(id), GXUInt16(first), GXUInt16(last)]))

    # --- server side ----------------------------------------------------------------------
    def invoke(self, settings: Any, e: ValueEventArgs) -> Any:
        """Count (1), read (2), insert (3), update (4) or remove (5) entries of a managed array.

        The array is the target attribute's value as DLMS data; edits are written back
        through the target's ``set_attribute_data`` (so a special days table, say, stays typed).
        """
        if not 1 <= e.index <= 5:
            return super().invoke(settings, e)
        params = e.parameters if e.index != 1 else [e.parameters]
        params = check_structure(params, 1 if e.index == 1 else 3, "array manager parameters")
        item = self._item(as_int(params[0], "array id"))
        target = find_object(settings, item.element.target)
        entries = list(check_array(target.get_attribute_data(item.element.attributeIndex, settings), "managed array"))
        if e.index == 1:
            return GXUInt16(len(entries))
        if e.index in (2, 5):
            first, last = as_int(params[1], "from entry"), as_int(params[2], "to entry")
            start, end = max(first, 1) - 1, len(entries) if last == 0 else min(last, len(entries))
            if e.index == 2:
                return GXArray(entries[start:end])
            del entries[start:end]
        else:
            index = as_int(params[1], "entry index")
            if e.index == 3:
                entries.insert(index - 1 if 1 <= index <= len(entries) else len(entries), params[2])
            else:
                if not 1 <= index <= len(entries):
                    raise DecodeError("array entry index", expected=f"1..{len(entries)}", found=index)
                entries[index - 1] = params[2]
        target.set_attribute_data(item.element.attributeIndex, GXArray(entries), settings)
        return None

    def _item(self, array_id: int) -> GXDLMSArrayManagerItem:
        for item in self.elements:
            if item.id == array_id and item.element.target is not None:
                return item
        raise DecodeError("array id", expected=f"one of {[i.id for i in self.elements]}", found=array_id)


__all__ = ["GXDLMSArrayManager", "GXDLMSArrayManagerItem"]
