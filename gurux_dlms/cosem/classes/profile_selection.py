"""Selective access to a Profile generic buffer: by range (selector 1) and by entry (selector 2).

Both directions live here: a client builds the access parameters (:func:`range_descriptor`,
:func:`entry_descriptor`, as Gurux's ``readRowsByRange``/``readRowsByEntry`` send them) and
a server applies them to its buffer (:func:`select_rows`).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ...data.datetime import GXDateTime
from ...data.types import GXArray, GXStructure, GXUInt16, GXUInt32
from ...errors import DecodeError
from ..object_type import ObjectType
from ..registry import create_object
from .object_references import as_int, as_octets, capture_definition_to_data, check_array, check_structure

UNIX_TIME_LN = "0.0.1.1.0.255"


def order_key(value: Any) -> float | None:
    """A number that orders profile cells: date-times by their instant, numbers as they are.

    Twelve-byte octet strings are read as date-times; None when the cell has no order
    (text, structures, a date-time whose fields are not a date).
    """
    if isinstance(value, (bytes, bytearray)) and len(value) == 12:
        value = GXDateTime.from_bytes(bytes(value))
    if isinstance(value, GXDateTime):
        value = value.value
        if value is None:
            return None
    if isinstance(value, datetime):
        return value.timestamp()
    if isinstance(value, (int, float)):
        return float(value)
    return None


def _definition(value: Any, what: str) -> tuple[int, bytes, int, int]:
    members = check_structure(value, 3, what)
    data_index = as_int(members[3], f"{what} data index") if len(members) > 3 else 0
    return (as_int(members[0], f"{what} class id"), as_octets(members[1], f"{what} logical name"),
            as_int(members[2], f"{what} attribute index"), data_index)


def _column_of(capture_objects: list[tuple[Any, Any]], definition: tuple[int, bytes, int, int], what: str) -> int:
    class_id, ln, attribute_index, data_index = definition
    for index, (obj, capture) in enumerate(capture_objects):
        if (obj is not None and int(obj.objectType) == class_id and obj.logical_name_bytes == ln
                and capture.attributeIndex == attribute_index and capture.dataIndex == data_index):
            return index
    raise DecodeError(what, expected="one of the profile's capture objects",
                      found=f"class {class_id} {'.'.join(map(str, ln))} attribute {attribute_index}")


def select_rows(profile: Any, selector: int, parameters: Any) -> tuple[list[Any], list[tuple[Any, Any]]]:
    """The rows and the capture objects (columns) a selective access asks for.

    Selector 1 (range): rows whose restricting column lies between from_value and
    to_value inclusive (date-times compared by their instant), restricted to the selected
    columns (none = all).  Selector 2 (entry): entries from_entry..to_entry (1-based, 0 = to
    the last) and columns from_selected_value..to_selected_value (1-based, 0 = to the last).
    Selector 0 gives everything.  A column range that selects no column (as Gurux's client
    sends for one selected column: from 3 to 1) gives all columns.  A parameter that does
    not fit the profile raises DecodeError.
    """
    columns = list(profile.captureObjects)
    rows = profile.buffer
    if selector == 0:
        return list(rows), columns
    if selector == 1:
        members = check_structure(parameters, 4, "range descriptor")
        column = _column_of(columns, _definition(members[0], "restricting object"), "restricting object")
        low, high = order_key(members[1]), order_key(members[2])
        if low is None or high is None:
            raise DecodeError("range descriptor bounds", expected="date-times or numbers",
                              found=f"{members[1]!r}, {members[2]!r}")
        selected = [_column_of(columns, _definition(item, "selected value"), "selected value")
                    for item in check_array(members[3], "selected values")]
        chosen = []
        for row in rows:
            key = order_key(row[column]) if column < len(row) else None
            if key is not None and low <= key <= high:
                chosen.append(row)
    elif selector == 2:
        members = check_structure(parameters, 4, "entry descriptor")
        from_entry, to_entry, from_column, to_column = (as_int(m, "entry descriptor") for m in members[:4])
        end = len(rows) if to_entry == 0 else min(to_entry, len(rows))
        chosen = list(rows[max(from_entry, 1) - 1 : end])
        last = len(columns) if to_column == 0 else min(to_column, len(columns))
        selected = list(range(max(from_column, 1) - 1, last))
        if len(selected) == len(columns):
            selected = []
    else:
        raise DecodeError("selective access selector", expected="1 (range) or 2 (entry)", found=selector)
    if not selected:
        return chosen, columns
    return [[row[i] for i in selected] for row in chosen], [columns[i] for i in selected]


def _restricting_object(profile: Any) -> tuple[Any, int, int]:
    if profile.sortObject is not None:
        return profile.sortObject, profile.sortObjectAttributeIndex, profile.sortObjectDataIndex
    if profile.captureObjects:
        obj, capture = profile.captureObjects[0]
        return obj, capture.attributeIndex, capture.dataIndex
    return create_object(ObjectType.CLOCK, "0.0.1.0.0.255"), 2, 0


def _bound(value: Any, unix: bool) -> Any:
    if unix:
        if isinstance(value, GXDateTime):
            return GXUInt32(value.toUnixTime())
        if isinstance(value, datetime):
            return GXUInt32(int(value.timestamp()))
        return GXUInt32(int(value))
    if not isinstance(value, GXDateTime):
        value = GXDateTime(value)
        value.dayOfWeek = 0xFF
    return bytearray(value.to_bytes())


def range_descriptor(profile: Any, start: Any, end: Any, columns: list[tuple[Any, Any]] | None = None) -> GXStructure:
    """The parameters of a read by range (selector 1), as Gurux's ``readRowsByRange`` sends them.

    The restricting object is the profile's sort object, else its first capture object,
    else the clock; bounds are 12-byte date-times (day of week not specified for plain
    ``datetime`` bounds) or, for the Unix-time Data object 0.0.1.1.0.255, double-long-unsigned.
    """
    obj, attribute_index, data_index = _restricting_object(profile)
    unix = obj.logicalName == UNIX_TIME_LN
    return GXStructure([
        capture_definition_to_data(obj, attribute_index, data_index),
        _bound(start, unix),
        _bound(end, unix),
        GXArray(capture_definition_to_data(o, c.attributeIndex, c.dataIndex) for o, c in columns or ()),
    ])


def entry_descriptor(profile: Any, index: int, count: int, columns: list[tuple[Any, Any]] | None = None) -> GXStructure:
    """The parameters of a read by entry (selector 2), as Gurux's ``readRowsByEntry`` sends them.

    Entries ``index`` .. ``index + count - 1`` (count 0: to the last); ``columns`` (capture
    object pairs of the profile) narrow the columns to the first through the last given.
    """
    column_start, column_end = 1, 0
    if columns:
        positions = [i + 1 for i, (obj, capture) in enumerate(profile.captureObjects)
                     if any(obj is o and capture == c for o, c in columns)]
        if positions:
            column_start, column_end = min(positions), max(positions)
    to_entry = index + count - 1 if count else 0
    return GXStructure([GXUInt32(index), GXUInt32(to_entry), GXUInt16(column_start), GXUInt16(column_end)])


__all__ = ["UNIX_TIME_LN", "entry_descriptor", "order_key", "range_descriptor", "select_rows"]
