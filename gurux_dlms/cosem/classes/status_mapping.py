"""Status mapping (class 63): a status word and the reference table that gives its bits meaning.

Gurux's Python library has no such class; this one follows the Blue Book (version 0).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ...data.types import DataType, GXArray, GXStructure, GXUInt8, GXUInt16
from ..access import AccessMode
from ..base import Attribute, GXDLMSObject
from ..object_type import ObjectType
from ..registry import register_class
from .object_references import as_int, check_structure


@dataclass(eq=True)
class GXDLMSMappingTable:
    """Which reference table (``refTableId``) maps the status bits, and how (``refTableMapping``).

    The mapping is usually an array of long-unsigned entry numbers (kept as a list of
    ints); any other form is kept as the DLMS value read.
    """

    refTableId: int = 0
    refTableMapping: Any = field(default_factory=list)


def status_word_to_data(obj: Any, settings: Any) -> Any:
    return obj.statusWord


def mapping_to_data(obj: Any, settings: Any) -> GXStructure:
    table = obj.mappingTable
    mapping = table.refTableMapping
    if isinstance(mapping, list) and not isinstance(mapping, GXStructure) and not isinstance(mapping, GXArray):
        mapping = GXArray(GXUInt16(i) for i in mapping)
    return GXStructure([GXUInt8(table.refTableId), mapping])


def mapping_from_data(obj: Any, value: Any, settings: Any) -> None:
    m = check_structure(value, 2, "mapping table")
    mapping = m[1]
    if type(mapping) is GXArray and all(type(i) is GXUInt16 for i in mapping):
        mapping = [int(i) for i in mapping]
    obj.mappingTable = GXDLMSMappingTable(as_int(m[0], "reference table id"), mapping)


@register_class
class GXDLMSStatusMapping(GXDLMSObject):
    """A COSEM Status mapping: ``statusWord`` (a bit-string or unsigned value) and its ``mappingTable``."""

    CLASS_ID = ObjectType.STATUS_MAPPING
    VERSION = 0
    ATTRIBUTES = (
        Attribute(2, "statusWord", "Status Word", DataType.NONE),
        Attribute(3, "mappingTable", "Mapping Table", DataType.STRUCTURE, factory=GXDLMSMappingTable, static=True,
                  to_data=mapping_to_data, from_data=mapping_from_data, access=AccessMode.READ_WRITE),
    )

    statusWord: Any
    mappingTable: GXDLMSMappingTable


__all__ = ["GXDLMSMappingTable", "GXDLMSStatusMapping"]
