"""Compact data (class 62): captured values packed without type tags, described by a template.

Gurux's Python library has no such class; this one follows the Blue Book (version 1 adds
``captureMethod``).  The buffer is the contents of a compact array whose element
description is ``templateDescription``, so :meth:`GXDLMSCompactData.values` decodes it
with the data layer's compact-array codec.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from ...data import codec
from ...data.compact import GXCompactArray, TypeDescription
from ...data.compact_codec import write_description
from ...data.types import DataType, GXArray, GXStructure
from ..access import AccessMode
from ..base import Attribute, GXDLMSObject, Method, ValueEventArgs
from ..object_type import ObjectType
from ..registry import register_class
from .object_references import (
    capture_definition_from_data,
    capture_definition_to_data,
    check_array,
    find_object,
)
from .profile_buffer import rows_to_data


class CaptureMethod(IntEnum):
    """When the compact buffer is filled (Gurux's ``CaptureMethod``)."""

    INVOKE = 0
    IMPLICIT = 1


def capture_objects_to_data(obj: Any, settings: Any) -> GXArray:
    return GXArray(capture_definition_to_data(target, capture.attributeIndex, capture.dataIndex)
                   for target, capture in obj.captureObjects)


def capture_objects_from_data(obj: Any, value: Any, settings: Any) -> None:
    obj.captureObjects = [capture_definition_from_data(item, settings)
                          for item in check_array(value, "capture objects")]


def describe(value: Any) -> TypeDescription:
    """The compact-array type description of a value (arrays described by their first element)."""
    if isinstance(value, GXStructure):
        return TypeDescription.structure(*(describe(v) for v in value))
    if isinstance(value, list):
        element = describe(value[0]) if value else TypeDescription.simple(DataType.UINT8)
        return TypeDescription.array(len(value), element)
    return TypeDescription.simple(codec.infer_type(value))


@register_class
class GXDLMSCompactData(GXDLMSObject):
    """A COSEM Compact data object: ``buffer`` holds the untagged values of ``captureObjects``."""

    CLASS_ID = ObjectType.COMPACT_DATA
    VERSION = 1
    ATTRIBUTES = (
        Attribute(2, "buffer", "Buffer", DataType.OCTET_STRING, factory=bytearray),
        Attribute(3, "captureObjects", "Capture Objects", DataType.ARRAY, factory=list, static=True,
                  to_data=capture_objects_to_data, from_data=capture_objects_from_data,
                  access=AccessMode.READ_WRITE),
        Attribute(4, "templateId", "Template ID", DataType.UINT8, default=0, static=True,
                  access=AccessMode.READ_WRITE),
        Attribute(5, "templateDescription", "Template Description", DataType.OCTET_STRING, factory=bytearray,
                  static=True),
        Attribute(6, "captureMethod", "Capture Method", DataType.ENUM, default=CaptureMethod.INVOKE,
                  enum=CaptureMethod, static=True, since=1, access=AccessMode.READ_WRITE),
    )
    METHODS = (
        Method(1, "reset", "Reset", DataType.INT8),
        Method(2, "capture", "Capture", DataType.INT8),
    )

    buffer: bytearray
    captureObjects: list[tuple[Any, Any]]
    templateId: int
    templateDescription: bytearray
    captureMethod: CaptureMethod | int

    def reset(self, client: Any) -> Any:
        return self._method_request(client, 1, 0)

    def capture(self, client: Any) -> Any:
        return self._method_request(client, 2, 0)

    def values(self) -> list[Any]:
        """The values in the buffer, decoded with the template description (empty when there is none)."""
        if not self.templateDescription:
            return []
        out = bytearray([DataType.COMPACT_ARRAY])
        out += self.templateDescription
        codec.encode_length(out, len(self.buffer))
        out += self.buffer
        return list(codec.decode(bytes(out)))

    def invoke(self, settings: Any, e: ValueEventArgs) -> Any:
        """Reset (1) empties the buffer; capture (2) packs the capture objects' current values."""
        if e.index == 1:
            self.buffer = bytearray()
        elif e.index == 2:
            self._capture(settings)
        else:
            return super().invoke(settings, e)
        return None

    def _capture(self, settings: Any) -> None:
        row = GXStructure()
        for obj, capture in self.captureObjects:
            value = find_object(settings, obj).get_attribute_data(capture.attributeIndex, settings) if obj else None
            if capture.dataIndex and isinstance(value, list):
                value = value[capture.dataIndex - 1] if capture.dataIndex <= len(value) else None
            row.append(value)
        row = rows_to_data([row], self.captureObjects)[0]
        description = describe(row)
        template = bytearray()
        write_description(template, description)
        packed = codec.encode(GXCompactArray(description, [row]))
        _, start = codec.decode_length(packed, 1 + len(template))
        self.templateDescription = template
        self.buffer = bytearray(packed[start:])


__all__ = ["CaptureMethod", "GXDLMSCompactData"]
