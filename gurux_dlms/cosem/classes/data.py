"""Data (class 1): one value of any type."""

from __future__ import annotations

from ...cosem.access import AccessMode
from ...data.types import DataType
from ..base import Attribute, GXDLMSObject
from ..object_type import ObjectType
from ..registry import register_class


@register_class
class GXDLMSData(GXDLMSObject):
    """A COSEM Data object: ``value`` holds whatever the meter stores (any DLMS type)."""

    CLASS_ID = ObjectType.DATA
    VERSION = 0
    ATTRIBUTES = (
        Attribute(2, "value", "Value", DataType.NONE, access=AccessMode.READ_WRITE),
    )


__all__ = ["GXDLMSData"]
