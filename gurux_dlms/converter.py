"""``GXDLMSConverter``: OBIS code descriptions for objects (Gurux's converter API).

Descriptions are computed from the value groups of each code (see
:mod:`gurux_dlms.cosem.obis_names`), so describing a meter's whole object list costs a few
dictionary look-ups per object.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .cosem.obis_names import describe
from .cosem.object_type import ObjectType
from .cosem.standard import Standard
from .data.types import DataType

#: Codes (C, D, E) of general objects whose value is a time, a date or a date-time
#: although a meter sends it as an octet string.
_UI_TYPES: dict[tuple[int, int, int], DataType] = {
    (0, 9, 1): DataType.TIME,
    (0, 9, 2): DataType.DATE,
    (0, 1, 2): DataType.DATETIME,
}
_VALUE_CLASSES = frozenset((ObjectType.DATA, ObjectType.REGISTER))


class GXDLMSConverter:
    """Describes OBIS codes in the terms of a standard (DLMS UA unless told otherwise)."""

    def __init__(self, standard: Standard | int = Standard.DLMS) -> None:
        self.standard = Standard(standard)

    def getDescription(self, logicalName: str | bytes, ot: ObjectType | int = ObjectType.NONE) -> list[str]:
        """The descriptions of ``logicalName`` (a list, as Gurux gives; empty when the code is unknown).

        ``ot`` is accepted for Gurux compatibility; the description depends on the code only.
        """
        if not logicalName:
            return []
        text = describe(logicalName, self.standard)
        return [text] if text is not None else []

    def updateOBISCodeInformation(self, objects: Iterable[Any] | Any) -> None:
        """Set ``description`` of each object (one object or a collection) from its logical name.

        Data and Register objects holding a standard time, date or time stamp also get the
        matching UI type on attribute 2, so their octet strings are shown as dates.
        """
        items = objects if isinstance(objects, Iterable) else (objects,)
        for obj in items:
            text = describe(obj.logicalName, self.standard)
            obj.description = text or ""
            if int(obj.objectType) in _VALUE_CLASSES:
                _, _, c, d, e, _ = (int(p) for p in obj.logicalName.split("."))
                ui = _UI_TYPES.get((c, d, e))
                if ui is not None:
                    obj.setUIDataType(2, ui)

    def __repr__(self) -> str:
        return f"GXDLMSConverter({self.standard.name})"


__all__ = ["GXDLMSConverter", "Standard"]
