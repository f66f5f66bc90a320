"""A generic object for interface classes the library does not implement: values are kept raw."""

from __future__ import annotations

from typing import Any

from .base import Attribute, GXDLMSObject
from .generic_classes import GENERIC_CLASSES


class GXDLMSGenericObject(GXDLMSObject):
    """An object of an unknown class id: every attribute is stored as the DLMS value read.

    Reading and writing work as for any object (the values keep their A-XDR types), so a
    meter's manufacturer-specific or newer classes can still be read, cached and served.
    """

    def __init__(self, ln: str | None = None, sn: int = 0, class_id: int = 0, attribute_count: int | None = None,
                 method_count: int | None = None) -> None:
        known = GENERIC_CLASSES.get(class_id)
        self._class_id = class_id
        self._known = known
        self._attribute_count = attribute_count if attribute_count is not None else (
            len(known.attributes) + 1 if known else 2)
        self._method_count = method_count if method_count is not None else (len(known.methods) if known else 0)
        super().__init__(ln, sn)
        if known is not None:
            self.version = known.version
        self.values: dict[int, Any] = {}

    def _object_type(self) -> Any:  # type: ignore[override]
        from .object_type import ObjectType

        try:
            return ObjectType(self._class_id)
        except ValueError:
            return self._class_id

    @property
    def CLASS_ID(self) -> int:  # type: ignore[override]
        return self._class_id

    def attribute(self, index: int) -> Attribute:
        if index == 1:
            return super().attribute(1)
        if index < 1:
            return super().attribute(index)
        self._attribute_count = max(self._attribute_count, index)
        return Attribute(index, f"attribute{index}", f"Attribute {index}")

    def getAttributeCount(self) -> int:
        return self._attribute_count

    def getMethodCount(self) -> int:
        return self._method_count

    def getNames(self) -> tuple[str, ...]:
        titles = self._known.attributes if self._known is not None else ()
        return ("Logical Name", *(titles[i - 2] if i - 2 < len(titles) else f"Attribute {i}"
                                  for i in range(2, self._attribute_count + 1)))

    def getMethodNames(self) -> tuple[str, ...]:
        titles = self._known.methods if self._known is not None else ()
        return tuple(titles[i - 1] if i - 1 < len(titles) else f"Method {i}"
                     for i in range(1, self._method_count + 1))

    def getValues(self) -> list[Any]:
        return [self.logicalName, *(self.values.get(i) for i in range(2, self._attribute_count + 1))]

    def getAttributeIndexToRead(self, all_: bool = False) -> list[int]:
        return list(range(1 if all_ else 2, self._attribute_count + 1))

    def get_attribute_data(self, index: int, settings: Any = None) -> Any:
        if index == 1:
            return super().get_attribute_data(1, settings)
        self.attribute(index)
        return self.values.get(index)

    def set_attribute_data(self, index: int, value: Any, settings: Any = None) -> None:
        if index == 1:
            super().set_attribute_data(1, value, settings)
            return
        self.attribute(index)
        self.values[index] = value

    def encode_attribute(self, index: int, settings: Any = None) -> bytes:
        from ..data import codec

        return codec.encode(self.get_attribute_data(index, settings))

    def __getattr__(self, name: str) -> Any:
        if name.startswith("attribute") and name[9:].isdigit():
            return self.__dict__.get("values", {}).get(int(name[9:]))
        raise AttributeError(name)


__all__ = ["GXDLMSGenericObject"]
