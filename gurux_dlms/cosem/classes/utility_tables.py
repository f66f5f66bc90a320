"""Utility tables (class 26): ANSI C12.19 tables carried as octet strings."""

from __future__ import annotations

from ...data.types import DataType
from ..access import AccessMode
from ..base import Attribute, GXDLMSObject
from ..object_type import ObjectType
from ..registry import register_class


@register_class
class GXDLMSUtilityTables(GXDLMSObject):
    """A COSEM Utility tables object: ``tableId``, the ``length`` of the table and its ``buffer``."""

    CLASS_ID = ObjectType.UTILITY_TABLES
    VERSION = 0
    ATTRIBUTES = (
        Attribute(2, "tableId", "Table ID", DataType.UINT16, default=0, static=True),
        Attribute(3, "length", "Length", DataType.UINT32, default=0),
        Attribute(4, "buffer", "Buffer", DataType.OCTET_STRING, factory=bytearray, access=AccessMode.READ_WRITE),
    )

    tableId: int
    length: int
    buffer: bytearray


__all__ = ["GXDLMSUtilityTables"]
