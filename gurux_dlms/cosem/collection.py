"""``GXDLMSObjectCollection``: the objects of a meter (an association view), with fast lookups."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, SupportsIndex

from ..data.obis import obis_to_str
from .base import GXDLMSObject
from .object_type import ObjectType


class GXDLMSObjectCollection(list):
    """A list of COSEM objects with lookups by logical name, short name and class.

    Lookups use an index built on first use and dropped on every change of the list, so
    finding one of thousands of objects does not scan them all.
    """

    def __init__(self, items: Iterable[GXDLMSObject] = (), parent: Any = None) -> None:
        super().__init__(items)
        self.parent = parent
        self._by_ln: dict[str, list[GXDLMSObject]] | None = None
        self._by_sn: dict[int, GXDLMSObject] | None = None

    # --- lookups ------------------------------------------------------------------------
    def _ln_index(self) -> dict[str, list[GXDLMSObject]]:
        if self._by_ln is None:
            index: dict[str, list[GXDLMSObject]] = {}
            for obj in self:
                index.setdefault(obj.logicalName, []).append(obj)
            self._by_ln = index
        return self._by_ln

    def findByLN(self, objectType: Any, ln: Any) -> GXDLMSObject | None:
        """The object with logical name ``ln`` (and class ``objectType``; NONE or None = any class)."""
        key = ln if isinstance(ln, str) and ln.count(".") == 5 else obis_to_str(ln)
        for obj in self._ln_index().get(key, ()):
            if objectType in (None, ObjectType.NONE, 0) or int(obj.objectType) == int(objectType):
                return obj
        return None

    def findBySN(self, sn: int) -> GXDLMSObject | None:
        """The object with short name ``sn`` (the base name; attribute offsets are not resolved)."""
        if self._by_sn is None:
            self._by_sn = {obj.shortName: obj for obj in self if obj.shortName}
        return self._by_sn.get(sn)

    def getObjects(self, types: Any) -> GXDLMSObjectCollection:
        """The objects of one class or of any class in a list of classes."""
        wanted = {int(t) for t in types} if isinstance(types, (list, tuple, set)) else {int(types)}
        return GXDLMSObjectCollection((obj for obj in self if int(obj.objectType) in wanted), self.parent)

    def find(self, ln: str, class_id: int | None = None) -> GXDLMSObject | None:
        """Pythonic alias of :meth:`findByLN`."""
        return self.findByLN(class_id, ln)

    # --- the XML object cache -------------------------------------------------------------
    def save(self, path: Any, settings: Any = None) -> None:
        """Write the objects, their access rights and attribute values to an XML file (Gurux's format).

        ``settings.values`` False writes the association view only.
        """
        from . import xml_store  # lxml is loaded only by programs that use the cache

        xml_store.save_objects(self, path, settings)

    @classmethod
    def load(cls, path: Any) -> GXDLMSObjectCollection:
        """The objects of an XML cache file written by :meth:`save` (or by Gurux)."""
        from . import xml_store

        objects: GXDLMSObjectCollection = xml_store.load_objects(path, cls)
        return objects

    # --- keep the index honest ------------------------------------------------------------
    def _changed(self) -> None:
        self._by_ln = None
        self._by_sn = None

    def append(self, item: GXDLMSObject) -> None:
        super().append(item)
        self._changed()

    def extend(self, items: Iterable[GXDLMSObject]) -> None:
        super().extend(items)
        self._changed()

    def insert(self, index: SupportsIndex, item: GXDLMSObject) -> None:
        super().insert(index, item)
        self._changed()

    def remove(self, item: GXDLMSObject) -> None:
        super().remove(item)
        self._changed()

    def pop(self, index: SupportsIndex = -1) -> GXDLMSObject:
        item = super().pop(index)
        self._changed()
        return item

    def clear(self) -> None:
        super().clear()
        self._changed()

    def __setitem__(self, index: Any, value: Any) -> None:
        super().__setitem__(index, value)
        self._changed()

    def __delitem__(self, index: Any) -> None:
        super().__delitem__(index)
        self._changed()

    def __iadd__(self, items: Iterable[GXDLMSObject]) -> GXDLMSObjectCollection:  # type: ignore[override,misc]
        self.extend(items)
        return self


__all__ = ["GXDLMSObjectCollection"]
