"""The buffer of a Profile generic: rows typed by the capture objects, decoded and encoded fast.

A profile's rows are plain A-XDR on the wire; only the capture objects say that an octet
string in the clock's column is a date-time.  :func:`buffer_columns` reads that from the
capture objects once, so a buffer is decoded in one pass (:func:`decode_buffer`, through the
codec's table decoder) or converted column by column when it arrives already decoded.
Encoding goes the other way: each column is encoded as its capture object's attribute is
(a date-time in a clock column becomes a 12-byte octet string).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from ...data import codec
from ...data.compact import GXCompactArray
from ...data.datetime import GXDate, GXDateTime, GXTime
from ...data.types import INT_TYPES, DataType, GXArray, GXStructure
from ...errors import DecodeError, LocalProtocolError
from .object_references import check_array

_DATE_KINDS: dict[DataType, tuple[type[GXDateTime], int]] = {
    DataType.DATETIME: (GXDateTime, 12),
    DataType.DATE: (GXDate, 5),
    DataType.TIME: (GXTime, 4),
}
_SIMPLE_TYPES = frozenset(INT_TYPES) | {
    DataType.BOOLEAN, DataType.FLOAT32, DataType.FLOAT64, DataType.STRING, DataType.STRING_UTF8,
    DataType.BITSTRING,
}

CaptureObjects = Sequence[tuple[Any, Any]]


def _ui_type(obj: Any, attribute_index: int) -> DataType:
    try:
        return DataType(obj.getUIDataType(attribute_index))
    except (LocalProtocolError, ValueError, AttributeError):
        return DataType.NONE


def _data_type(obj: Any, attribute_index: int) -> DataType:
    try:
        return DataType(obj.getDataType(attribute_index))
    except (LocalProtocolError, ValueError, AttributeError):
        return DataType.NONE


def buffer_columns(profile: Any, capture_objects: CaptureObjects | None = None) -> dict[int, DataType]:
    """Column index -> DATETIME/DATE/TIME for the columns that hold date-times.

    A column holds a date-time when its capture object's attribute is shown as one (the
    clock's time, an extended register's capture time, any attribute whose
    ``getUIDataType`` is DATETIME, DATE or TIME).  ``capture_objects`` overrides the
    profile's own (for rows read with a column selection).
    """
    columns = profile.captureObjects if capture_objects is None else capture_objects
    found: dict[int, DataType] = {}
    for index, (obj, capture) in enumerate(columns):
        if obj is None or capture.dataIndex:
            continue
        ui = _ui_type(obj, capture.attributeIndex)
        if ui in _DATE_KINDS:
            found[index] = ui
    return found


def decode_buffer(profile: Any, data: bytes, pos: int = 0,
                  capture_objects: CaptureObjects | None = None) -> tuple[Any, int]:
    """Decode a buffer (the tagged array at ``pos``) with its date-time columns typed; return (rows, end)."""
    return codec.decode_table(bytes(data), pos, buffer_columns(profile, capture_objects))


def convert_columns(rows: list[Any], columns: dict[int, DataType]) -> None:
    """Turn the octet strings of date-time columns into date-time values, in place."""
    if not columns or not rows:
        return
    first = rows[0]
    if isinstance(first, list):  # rows decoded with their columns typed already need nothing
        columns = {i: k for i, k in columns.items() if i >= len(first) or isinstance(first[i], (bytes, bytearray))}
        if not columns:
            return
    plan = [(index, *_DATE_KINDS[kind]) for index, kind in columns.items()]
    for row in rows:
        if not isinstance(row, list):
            continue
        width = len(row)
        for index, cls, size in plan:
            if index < width:
                cell = row[index]
                if isinstance(cell, (bytes, bytearray)) and len(cell) == size:
                    row[index] = cls.from_bytes(bytes(cell))


def _column_encoder(obj: Any, capture: Any) -> Callable[[Any], Any] | None:
    """How the cells of one column become typed values (None: they are sent as they are)."""
    if obj is None or capture.dataIndex:
        return None
    data_type = _data_type(obj, capture.attributeIndex)
    if data_type == DataType.OCTET_STRING:
        def octet(cell: Any) -> Any:
            if isinstance(cell, GXDateTime):
                return bytearray(cell.to_bytes())
            if isinstance(cell, datetime):
                return bytearray(GXDateTime(cell).to_bytes())
            return cell

        return octet
    if data_type in _DATE_KINDS:
        def date(cell: Any) -> Any:
            return codec.typed(cell, data_type) if isinstance(cell, (datetime, bytes, bytearray)) else cell

        return date
    if data_type in _SIMPLE_TYPES:
        def simple(cell: Any) -> Any:
            if cell is None or hasattr(cell, "dataType"):
                return cell
            return codec.typed(cell, data_type)

        return simple
    return None


def rows_to_data(rows: Sequence[Any], capture_objects: CaptureObjects) -> Any:
    """A buffer (or selected rows) as a DLMS array of structures, each column typed by its capture object."""
    if isinstance(rows, GXCompactArray):
        return rows
    encoders = [_column_encoder(obj, capture) for obj, capture in capture_objects]
    out = GXArray()
    append = out.append
    if not any(encoders):
        for row in rows:
            append(row if type(row) is GXStructure else GXStructure(row))
        return out
    width = len(encoders)
    for row in rows:
        cells = GXStructure(row)
        for index in range(min(width, len(cells))):
            encoder = encoders[index]
            if encoder is not None:
                cells[index] = encoder(cells[index])
        append(cells)
    return out


def buffer_to_data(obj: Any, settings: Any) -> Any:
    return rows_to_data(obj.buffer, obj.captureObjects)


def buffer_from_data(obj: Any, value: Any, settings: Any) -> None:
    """Store rows read from a meter, date-time columns converted (a compact array is kept as such)."""
    rows = check_array(value, "profile buffer")
    if not isinstance(rows, GXCompactArray):
        for row in rows:
            if not isinstance(row, list):
                raise DecodeError("profile buffer row", expected="a structure", found=type(row).__name__)
    convert_columns(rows, buffer_columns(obj))
    obj.buffer = rows


__all__ = [
    "buffer_columns",
    "buffer_from_data",
    "buffer_to_data",
    "convert_columns",
    "decode_buffer",
    "rows_to_data",
]
