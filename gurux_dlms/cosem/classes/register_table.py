"""Register table (class 61): the values of a family of registers that differ only in OBIS group E.

Gurux's Python library has no such class; this one follows the Blue Book (version 0).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from ...data.types import DataType, GXArray, GXInt8, GXStructure, GXUInt8, GXUInt16
from ..access import AccessMode
from ..base import Attribute, GXDLMSObject, Method, ValueEventArgs
from ..object_type import ObjectType
from ..registry import register_class
from ..unit import Unit
from .object_references import as_int, check_array, check_structure, ln_from, ln_octets
from .register import SCALER_UNIT


@dataclass(eq=True)
class GXDLMSTableCellDefinition:
    """The registers in the table: class, logical name (group E is replaced by each of
    ``groupEValues``) and the attribute whose values are kept."""

    objectType: int = ObjectType.REGISTER
    logicalName: Any = "0.0.0.0.0.0"
    groupEValues: list[int] = field(default_factory=list)
    attributeIndex: int = 2

    def logical_names(self) -> list[str]:
        """The logical name of every register of the table."""
        if not isinstance(self.logicalName, str):
            return []
        groups = self.logicalName.split(".")
        return [".".join((*groups[:4], str(e), groups[5])) for e in self.groupEValues]


def values_to_data(obj: Any, settings: Any) -> GXArray:
    return GXArray(obj.tableCellValues)


def values_from_data(obj: Any, value: Any, settings: Any) -> None:
    obj.tableCellValues = list(check_array(value, "table cell values"))


def definition_to_data(obj: Any, settings: Any) -> GXStructure:
    d = obj.tableCellDefinition
    return GXStructure([GXUInt16(int(d.objectType)), ln_octets(d.logicalName),
                        GXArray(GXUInt8(e) for e in d.groupEValues), GXInt8(d.attributeIndex)])


def definition_from_data(obj: Any, value: Any, settings: Any) -> None:
    m = check_structure(value, 4, "table cell definition")
    obj.tableCellDefinition = GXDLMSTableCellDefinition(
        as_int(m[0], "table cell class id"), ln_from(m[1]),
        [as_int(e, "group E value") for e in check_array(m[2], "group E values")],
        as_int(m[3], "table cell attribute index"))


@register_class
class GXDLMSRegisterTable(GXDLMSObject):
    """A COSEM Register table: ``tableCellValues`` in the order of ``tableCellDefinition.groupEValues``,
    all with one ``scaler``/``unit`` (kept as read; not applied to the values)."""

    CLASS_ID = ObjectType.REGISTER_TABLE
    VERSION = 0
    ATTRIBUTES = (
        Attribute(2, "tableCellValues", "Table Cell Values", DataType.ARRAY, factory=list, to_data=values_to_data,
                  from_data=values_from_data),
        Attribute(3, "tableCellDefinition", "Table Cell Definition", DataType.STRUCTURE,
                  factory=GXDLMSTableCellDefinition, static=True, to_data=definition_to_data,
                  from_data=definition_from_data, access=AccessMode.READ_WRITE),
        replace(SCALER_UNIT, index=4),
    )
    METHODS = (
        Method(1, "reset", "Reset", DataType.INT8),
        Method(2, "capture", "Capture", DataType.INT8),
    )

    tableCellValues: list[Any]
    tableCellDefinition: GXDLMSTableCellDefinition

    def __init__(self, ln: str | None = None, sn: int = 0) -> None:
        super().__init__(ln, sn)
        self.scaler_exponent = 0
        self.unit: Unit | int = Unit.NONE

    @property
    def scaler_unit(self) -> tuple[int, Unit | int]:
        return self.scaler_exponent, self.unit

    def reset(self, client: Any) -> Any:
        return self._method_request(client, 1, 0)

    def capture(self, client: Any) -> Any:
        return self._method_request(client, 2, 0)

    def invoke(self, settings: Any, e: ValueEventArgs) -> Any:
        """Reset (1) empties the values; capture (2) copies the registers' values (server's objects)."""
        if e.index == 1:
            self.tableCellValues = []
        elif e.index == 2:
            self.tableCellValues = self._capture(settings)
        else:
            return super().invoke(settings, e)
        return None

    def _capture(self, settings: Any) -> list[Any]:
        definition = self.tableCellDefinition
        objects = getattr(settings, "objects", None)
        values: list[Any] = []
        for ln in definition.logical_names():
            found = objects.findByLN(definition.objectType, ln) if objects is not None else None
            values.append(None if found is None else found.get_attribute_data(definition.attributeIndex, settings))
        return values


__all__ = ["GXDLMSRegisterTable", "GXDLMSTableCellDefinition"]
