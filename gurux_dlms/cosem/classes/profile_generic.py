"""Profile generic (class 7): load profiles, event logs, billing values - rows of captured values.

``captureObjects`` says what each column is (``(object, GXDLMSCaptureObject)`` pairs, as
Gurux keeps them); ``buffer`` holds the rows.  Decoding and encoding of the rows is in
:mod:`.profile_buffer`, selective access in :mod:`.profile_selection`.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from ...data.types import DataType, GXArray, GXStructure
from ..access import AccessMode
from ..base import Attribute, GXDLMSObject, Method, ValueEventArgs
from ..object_type import ObjectType
from ..registry import register_class
from .object_references import (
    GXDLMSCaptureObject,
    capture_definition_from_data,
    capture_definition_to_data,
    check_array,
    find_object,
)
from .profile_buffer import buffer_columns, buffer_from_data, buffer_to_data, decode_buffer, rows_to_data
from .profile_selection import entry_descriptor, order_key, range_descriptor, select_rows


class SortMethod(IntEnum):
    """How a profile orders its entries and which one goes when it is full (Gurux's ``SortMethod``)."""

    FIFO = 1
    LIFO = 2
    LARGEST = 3
    SMALLEST = 4
    NEAREST_TO_ZERO = 5
    FAREST_FROM_ZERO = 6


def capture_objects_to_data(obj: Any, settings: Any) -> GXArray:
    return GXArray(capture_definition_to_data(target, capture.attributeIndex, capture.dataIndex)
                   for target, capture in obj.captureObjects)


def capture_objects_from_data(obj: Any, value: Any, settings: Any) -> None:
    obj.captureObjects = [capture_definition_from_data(item, settings)
                          for item in check_array(value, "capture objects")]


def sort_object_to_data(obj: Any, settings: Any) -> GXStructure:
    return capture_definition_to_data(obj.sortObject, obj.sortObjectAttributeIndex, obj.sortObjectDataIndex)


def sort_object_from_data(obj: Any, value: Any, settings: Any) -> None:
    if value is None:
        obj.sortObject, obj.sortObjectAttributeIndex, obj.sortObjectDataIndex = None, 0, 0
        return
    target, capture = capture_definition_from_data(value, settings, "sort object")
    obj.sortObject = target
    obj.sortObjectAttributeIndex = capture.attributeIndex
    obj.sortObjectDataIndex = capture.dataIndex


_DESCENDING = {SortMethod.LARGEST: True, SortMethod.SMALLEST: False,
               SortMethod.NEAREST_TO_ZERO: False, SortMethod.FAREST_FROM_ZERO: True}


@register_class
class GXDLMSProfileGeneric(GXDLMSObject):
    """A COSEM Profile generic.

    Rows read from a meter are typed per column: the clock's column holds
    :class:`GXDateTime` values.  ``profileEntries`` is the capacity (0: unlimited here),
    ``entriesInUse`` the number of rows the meter holds, ``capturePeriod`` seconds between
    automatic captures (0: captured by events only).
    """

    CLASS_ID = ObjectType.PROFILE_GENERIC
    VERSION = 1
    ATTRIBUTES = (
        Attribute(2, "buffer", "Buffer", DataType.ARRAY, factory=list, to_data=buffer_to_data,
                  from_data=buffer_from_data, selectable=(1, 2)),
        Attribute(3, "captureObjects", "Capture Objects", DataType.ARRAY, factory=list, static=True,
                  to_data=capture_objects_to_data, from_data=capture_objects_from_data),
        Attribute(4, "capturePeriod", "Capture Period", DataType.UINT32, default=0, static=True,
                  access=AccessMode.READ_WRITE),
        Attribute(5, "sortMethod", "Sort Method", DataType.ENUM, default=SortMethod.FIFO, enum=SortMethod,
                  static=True, access=AccessMode.READ_WRITE),
        Attribute(6, "sortObject", "Sort Object", DataType.STRUCTURE, static=True, to_data=sort_object_to_data,
                  from_data=sort_object_from_data, access=AccessMode.READ_WRITE),
        Attribute(7, "entriesInUse", "Entries In Use", DataType.UINT32, default=0),
        Attribute(8, "profileEntries", "Profile Entries", DataType.UINT32, default=0, static=True,
                  access=AccessMode.READ_WRITE),
    )
    METHODS = (
        Method(1, "reset", "Reset", DataType.INT8),
        Method(2, "capture", "Capture", DataType.INT8),
    )

    buffer: list[Any]
    captureObjects: list[tuple[Any, GXDLMSCaptureObject]]
    capturePeriod: int
    sortMethod: SortMethod | int
    entriesInUse: int
    profileEntries: int

    def __init__(self, ln: str | None = None, sn: int = 0) -> None:
        super().__init__(ln, sn)
        self.sortObject: GXDLMSObject | None = None
        self.sortObjectAttributeIndex = 0
        self.sortObjectDataIndex = 0

    def addCaptureObject(self, item: GXDLMSObject, attributeIndex: int, dataIndex: int = 0) -> None:
        """Add a column: attribute ``attributeIndex`` (element ``dataIndex``, 0 = all) of ``item``."""
        self.captureObjects.append((item, GXDLMSCaptureObject(attributeIndex, dataIndex)))

    # --- client helpers (Gurux names) --------------------------------------------------
    def reset(self, client: Any) -> Any:
        return self._method_request(client, 1, 0)

    def capture(self, client: Any) -> Any:
        return self._method_request(client, 2, 0)

    def buffer_columns(self) -> dict[int, DataType]:
        """Column index -> DATETIME/DATE/TIME of the date-time columns (see :func:`buffer_columns`)."""
        return buffer_columns(self)

    # --- server side ----------------------------------------------------------------------
    def invoke(self, settings: Any, e: ValueEventArgs) -> Any:
        """Reset (1) empties the buffer; capture (2) appends a row of the capture objects' values."""
        if e.index == 1:
            self.buffer = []
        elif e.index == 2:
            self.capture_row(settings)
        else:
            return super().invoke(settings, e)
        self.entriesInUse = len(self.buffer)
        return None

    def capture_row(self, settings: Any = None) -> list[Any]:
        """Read the current values of the capture objects (the server's objects) and store them as a row."""
        row = GXStructure()
        for obj, capture in self.captureObjects:
            value = None
            if obj is not None:
                value = find_object(settings, obj).get_attribute_data(capture.attributeIndex, settings)
                if capture.dataIndex:
                    value = value[capture.dataIndex - 1] if (
                        isinstance(value, list) and capture.dataIndex <= len(value)) else None
            row.append(value)
        self._store(row)
        return row

    def _sort_column(self) -> int | None:
        if self.sortObject is None:
            return None
        for index, (obj, capture) in enumerate(self.captureObjects):
            if (obj is self.sortObject or (obj is not None and obj.logicalName == self.sortObject.logicalName
                                           and obj.objectType == self.sortObject.objectType)) \
                    and capture.attributeIndex == self.sortObjectAttributeIndex \
                    and capture.dataIndex == self.sortObjectDataIndex:
                return index
        return None

    def _store(self, row: list[Any]) -> None:
        """Add a row where the sort method puts it and drop the entry that makes room.

        FIFO drops the oldest entry; LIFO replaces the newest; the value-sorted methods keep
        the buffer ordered by the sort object's column and drop the entry that sorts last.
        """
        buffer = self.buffer
        capacity = int(self.profileEntries)
        column = self._sort_column()
        method = self.sortMethod
        if method in _DESCENDING and column is not None:
            buffer.append(row)
            buffer.sort(key=lambda r: _rank(r, column, method))
            if capacity:
                del buffer[capacity:]
            return
        if method == SortMethod.LIFO and capacity and len(buffer) >= capacity:
            del buffer[capacity - 1:]
        buffer.append(row)
        if capacity and len(buffer) > capacity:
            del buffer[: len(buffer) - capacity]

    def getSelectedRows(self, selector: int, parameters: Any) -> tuple[list[Any], list[Any]]:
        """Rows and columns of a selective access (see :func:`select_rows`)."""
        return select_rows(self, selector, parameters)


def _rank(row: list[Any], column: int, method: Any) -> tuple[bool, float]:
    key = order_key(row[column]) if column < len(row) else None
    if key is None:
        return True, 0.0
    if method in (SortMethod.NEAREST_TO_ZERO, SortMethod.FAREST_FROM_ZERO):
        key = abs(key)
    return False, -key if _DESCENDING[method] else key


__all__ = [
    "GXDLMSCaptureObject",
    "GXDLMSProfileGeneric",
    "SortMethod",
    "buffer_columns",
    "decode_buffer",
    "entry_descriptor",
    "range_descriptor",
    "rows_to_data",
    "select_rows",
]
