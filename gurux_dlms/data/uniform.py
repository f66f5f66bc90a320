"""Fast decoding of arrays whose elements all share one byte layout.

Load profiles and object lists are long arrays of structures of the same shape.  Their
elements differ only in values, never in tags or lengths.  This module reads the layout of
the first element (a *plan*: where the tag and length bytes are and which bytes are
values), checks with strided slices that every other element has the same tag and length
bytes at the same offsets (C speed), then unpacks every element with one
``struct.iter_unpack`` and builds the values with a row builder compiled once per layout.

Decoding is deterministic given the tag and length bytes, so an element whose tag and
length bytes equal the first element's decodes along exactly the same path: the result is
identical to the element-by-element decoder's.  When anything does not fit (a different
layout, a type without a fixed size, a NaN float) the caller falls back to that decoder.
"""

from __future__ import annotations

import gc
import struct
from collections.abc import Callable, Mapping
from itertools import repeat
from operator import truth
from typing import Any

from .codec import decode_length
from .datetime import GXDate, GXTime, datetime_from_wire
from .types import INT_TYPES, DataType, GXArray, GXBitString, GXFloat32, GXFloat64, GXStructure

#: Arrays shorter than this are decoded element by element (a plan would not pay off).
UNIFORM_MIN_COUNT = 16
_MAX_FIELDS = 512
_MAX_CACHE = 512
_GC_PAUSE_COUNT = 256


class _NotUniform(Exception):
    """The element cannot be described by a fixed layout."""


def _f32(value: float) -> GXFloat32:
    if value != value:  # a NaN keeps its bits only on the slow path
        raise _NotUniform
    return GXFloat32(value)


def _f64(value: float) -> GXFloat64:
    if value != value:
        raise _NotUniform
    return GXFloat64(value)


_ENV: dict[str, Any] = {
    "S": GXStructure, "A": GXArray, "BA": bytearray, "BS": GXBitString.from_bytes,
    "DTW": datetime_from_wire, "DB": GXDate.from_bytes, "TB": GXTime.from_bytes,
    "F32": _f32, "F64": _f64, "truth": truth, "repeat": repeat, "decode": bytes.decode,
}
_ENV.update({f"I{int(t)}": cls for t, cls in INT_TYPES.items()})

_INT_FORMATS = {
    DataType.INT8: "b", DataType.INT16: "h", DataType.INT32: "i", DataType.INT64: "q",
    DataType.UINT8: "B", DataType.UINT16: "H", DataType.UINT32: "I", DataType.UINT64: "Q",
    DataType.ENUM: "B", DataType.BCD: "B",
    DataType.DELTA_INT8: "b", DataType.DELTA_INT16: "h", DataType.DELTA_INT32: "i",
    DataType.DELTA_UINT8: "B", DataType.DELTA_UINT16: "H", DataType.DELTA_UINT32: "I",
}

# A plan: the row layout, the fixed (tag/length) bytes to verify, and the builder that
# turns the iterator of unpacked rows into an iterable of values.
Plan = tuple[struct.Struct, tuple[tuple[int, bytes], ...], Callable[[Any, int], Any]]
_cache: dict[tuple[Any, ...], Plan] = {}


class _Leaf:
    """A value of fixed size: how to build it from one row (``row``) or from columns (``column``)."""

    __slots__ = ("column", "row")

    def __init__(self, row: str, column: str) -> None:
        self.row = row
        self.column = column


class _Group:
    """A structure or array: its constructor name and members."""

    __slots__ = ("ctor", "members")

    def __init__(self, ctor: str, members: list[_Leaf | _Group]) -> None:
        self.ctor = ctor
        self.members = members


def _row_expr(node: _Leaf | _Group) -> str:
    if isinstance(node, _Leaf):
        return node.row
    parts = [_row_expr(member) for member in node.members]
    return f"{node.ctor}(({', '.join(parts)}{',' if len(parts) == 1 else ''}))"


def _builder_source(node: _Leaf | _Group) -> str:
    """Column-wise code where every value is a leaf of the element (the common, fast case), else row-wise."""
    if isinstance(node, _Leaf):
        return f"def build(rows, n):\n    C = list(zip(*rows))\n    return {node.column}"
    if node.members and all(isinstance(m, _Leaf) for m in node.members):
        columns = ", ".join(m.column for m in node.members)  # type: ignore[union-attr]
        return f"def build(rows, n):\n    C = list(zip(*rows))\n    return map({node.ctor}, zip({columns}))"
    return f"def build(rows, n):\n    return map(lambda t: {_row_expr(node)}, rows)"


class _Walker:
    """Reads the first element and writes its layout: struct format, fixed bytes, value tree."""

    def __init__(self, data: bytes, start: int, columns: Mapping[int, DataType] | None) -> None:
        self.data = data
        self.start = start
        self.columns = columns
        self.fmt: list[str] = [">"]
        self.fixed: list[tuple[int, int]] = []
        self.fields = 0

    def _fix(self, pos: int, count: int) -> None:
        for p in range(pos, pos + count):
            self.fixed.append((p - self.start, self.data[p]))
        self.fmt.append("x" * count)

    def _field(self, fmt: str, width: int = 1) -> int:
        index = self.fields
        self.fields += width
        if self.fields > _MAX_FIELDS:
            raise _NotUniform
        self.fmt.append(fmt)
        return index

    def _leaf(self, fmt: str, row: str, column: str, width: int = 1) -> _Leaf:
        """A leaf whose expressions use ``{i}`` for its first field index."""
        i = self._field(fmt, width)
        fields = ", ".join(f"C[{k}]" for k in range(i, i + width))
        return _Leaf(row.format(i=i, j=i + width), column.format(i=i, fields=fields))

    def walk(self, pos: int, column: DataType | None = None, depth: int = 0) -> tuple[_Leaf | _Group, int]:
        data = self.data
        tag = data[pos]
        self._fix(pos, 1)
        pos += 1
        int_fmt = _INT_FORMATS.get(tag)  # type: ignore[call-overload]
        if int_fmt is not None:
            leaf = self._leaf(int_fmt, f"I{tag}(t[{{i}}])", f"map(I{tag}, C[{{i}}])")
            return leaf, pos + struct.calcsize(">" + int_fmt)
        if tag == DataType.NONE:
            return _Leaf("None", "repeat(None, n)"), pos
        if tag == DataType.BOOLEAN:
            return self._leaf("B", "t[{i}] != 0", "map(truth, C[{i}])"), pos + 1
        if tag == DataType.FLOAT32:
            return self._leaf("f", "F32(t[{i}])", "map(F32, C[{i}])"), pos + 4
        if tag == DataType.FLOAT64:
            return self._leaf("d", "F64(t[{i}])", "map(F64, C[{i}])"), pos + 8
        if tag in (DataType.OCTET_STRING, DataType.STRING, DataType.BITSTRING):
            return self._string(tag, pos, column)
        if tag == DataType.DATETIME:
            return self._leaf("12s", "DTW(t[{i}])", "map(DTW, C[{i}])"), pos + 12
        if tag == DataType.DATE:
            return self._leaf("5s", "DB(t[{i}])", "map(DB, C[{i}])"), pos + 5
        if tag == DataType.TIME:
            return self._leaf("4s", "TB(t[{i}])", "map(TB, C[{i}])"), pos + 4
        if tag in (DataType.STRUCTURE, DataType.ARRAY):
            count, body = decode_length(data, pos)
            self._fix(pos, body - pos)
            pos = body
            members: list[_Leaf | _Group] = []
            for index in range(count):
                member_column = self.columns.get(index) if self.columns is not None and depth == 0 else None
                member, pos = self.walk(pos, member_column, depth + 1)
                members.append(member)
            return _Group("S" if tag == DataType.STRUCTURE else "A", members), pos
        raise _NotUniform

    def _string(self, tag: int, pos: int, column: DataType | None) -> tuple[_Leaf, int]:
        length, body = decode_length(self.data, pos)
        self._fix(pos, body - pos)
        if tag == DataType.BITSTRING:
            size = (length + 7) // 8
            return self._leaf(f"{size}s", f"BS(t[{{i}}], {length})", f"map(BS, C[{{i}}], repeat({length}))"), body + size
        if tag == DataType.OCTET_STRING and column == DataType.DATETIME and length == 12:
            return self._leaf("12s", "DTW(t[{i}])", "map(DTW, C[{i}])"), body + 12
        fmt = f"{length}s"
        if tag == DataType.STRING:
            return self._leaf(fmt, "t[{i}].decode('latin-1')", "map(decode, C[{i}], repeat('latin-1'))"), body + length
        if column == DataType.DATE and length == 5:
            return self._leaf(fmt, "DB(t[{i}])", "map(DB, C[{i}])"), body + length
        if column == DataType.TIME and length == 4:
            return self._leaf(fmt, "TB(t[{i}])", "map(TB, C[{i}])"), body + length
        return self._leaf(fmt, "BA(t[{i}])", "map(BA, C[{i}])"), body + length


def _plan(data: bytes, pos: int, columns: Mapping[int, DataType] | None) -> tuple[Plan, int]:
    walker = _Walker(data, pos, columns)
    node, end = walker.walk(pos)
    fmt = "".join(walker.fmt)
    source = _builder_source(node)
    key = (fmt, source, tuple(walker.fixed))
    plan = _cache.get(key)
    if plan is None:
        layout = struct.Struct(fmt)
        if layout.size != end - pos:
            raise _NotUniform
        fixed = tuple((offset, bytes((byte,))) for offset, byte in walker.fixed)
        namespace = dict(_ENV)
        exec(compile(source, "<uniform builder>", "exec"), namespace)
        if len(_cache) >= _MAX_CACHE:
            _cache.clear()
        plan = _cache[key] = (layout, fixed, namespace["build"])
    return plan, end


def decode_uniform(
    data: bytes,
    pos: int,
    count: int,
    container: type[list] = GXArray,
    columns: Mapping[int, DataType] | None = None,
) -> tuple[Any, int] | None:
    """Decode ``count`` same-layout elements starting at ``pos``, or None when they differ.

    ``columns`` maps a member index of each element (a structure) to DATETIME/DATE/TIME
    to turn that member's octet string into a date-time value, as a profile buffer needs.
    """
    try:
        (layout, fixed, build), first_end = _plan(data, pos, columns)
    except (_NotUniform, IndexError, ValueError, struct.error):
        return None
    size = first_end - pos
    end = pos + size * count
    if size == 0 or end > len(data):
        return None
    for offset, byte in fixed:
        if data[pos + offset : end : size] != byte * count:
            return None
    pause = count >= _GC_PAUSE_COUNT and gc.isenabled()
    if pause:  # see codec.decode_value: the collector would rescan the new rows many times
        gc.disable()
    try:
        values = container(build(layout.iter_unpack(memoryview(data)[pos:end]), count))
    except _NotUniform:
        return None
    finally:
        if pause:
            gc.enable()
    return values, end


__all__ = ["UNIFORM_MIN_COUNT", "decode_uniform"]
