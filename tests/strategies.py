"""Hypothesis strategies for DLMS values, shared by the property tests."""

from __future__ import annotations

import math
import struct
from typing import Any

from hypothesis import strategies as st

from gurux_dlms.data import (
    GXArray,
    GXBcd,
    GXBitString,
    GXCompactArray,
    GXDate,
    GXDateTime,
    GXEnum,
    GXFloat32,
    GXFloat64,
    GXInt8,
    GXInt16,
    GXInt32,
    GXInt64,
    GXStructure,
    GXTime,
    GXUInt8,
    GXUInt16,
    GXUInt32,
    GXUInt64,
    GXUtf8String,
    TypeDescription,
)
from gurux_dlms.data.types import DataType, GXTypedInt

INT_CLASSES = (GXInt8, GXInt16, GXInt32, GXInt64, GXUInt8, GXUInt16, GXUInt32, GXUInt64, GXEnum, GXBcd)


def typed_ints() -> st.SearchStrategy[GXTypedInt]:
    return st.one_of(
        [st.integers(cls.minimum, cls.maximum).map(cls) for cls in INT_CLASSES]  # type: ignore[arg-type]
    )


def _float32() -> st.SearchStrategy[GXFloat32]:
    def build(raw: bytes) -> GXFloat32:
        number = struct.unpack(">f", raw)[0]
        value = GXFloat32(number)
        if math.isnan(number):
            value.raw = raw
        return value

    return st.binary(min_size=4, max_size=4).map(build)


def _float64() -> st.SearchStrategy[GXFloat64]:
    def build(raw: bytes) -> GXFloat64:
        number = struct.unpack(">d", raw)[0]
        value = GXFloat64(number)
        if math.isnan(number):
            value.raw = raw
        return value

    return st.binary(min_size=8, max_size=8).map(build)


def date_times() -> st.SearchStrategy[GXDateTime]:
    return st.builds(
        GXDateTime.from_fields,
        st.sampled_from([0xFFFF, 1970, 2000, 2024, 2099]) | st.integers(0, 0xFFFF),
        st.integers(1, 12) | st.sampled_from([0xFD, 0xFE, 0xFF]),
        st.integers(1, 31) | st.sampled_from([0xFD, 0xFE, 0xFF]),
        st.integers(1, 7) | st.just(0xFF),
        st.integers(0, 23) | st.just(0xFF),
        st.integers(0, 59) | st.just(0xFF),
        st.integers(0, 59) | st.just(0xFF),
        st.integers(0, 99) | st.just(0xFF),
        st.integers(-720, 720) | st.just(-0x8000),
        st.integers(0, 255),
    )


def dates() -> st.SearchStrategy[GXDate]:
    return date_times().map(lambda v: GXDate.from_bytes(v.to_bytes()[:5]))


def times() -> st.SearchStrategy[GXTime]:
    return date_times().map(lambda v: GXTime.from_bytes(v.to_bytes()[5:9]))


def leaves() -> st.SearchStrategy[Any]:
    return st.one_of(
        st.none(),
        st.booleans(),
        typed_ints(),
        _float32(),
        _float64(),
        st.binary(max_size=300).map(bytearray),
        st.text(st.characters(max_codepoint=255), max_size=40),
        st.text(max_size=20).map(GXUtf8String),
        st.text("01", max_size=70).map(GXBitString),
        date_times(),
        dates(),
        times(),
    )


def values(max_leaves: int = 40) -> st.SearchStrategy[Any]:
    """Any DLMS value, nested structures and arrays included."""
    return st.recursive(
        leaves(),
        lambda children: st.one_of(
            st.lists(children, max_size=6).map(GXStructure),
            st.lists(children, max_size=6).map(GXArray),
        ),
        max_leaves=max_leaves,
    )


_SIMPLE_COMPACT = [DataType.UINT8, DataType.UINT16, DataType.INT32, DataType.UINT32, DataType.BOOLEAN,
                   DataType.ENUM, DataType.INT16, DataType.OCTET_STRING]


def compact_arrays() -> st.SearchStrategy[GXCompactArray]:
    """A compact array of simple elements or of structures of simple members."""
    simple = st.sampled_from(_SIMPLE_COMPACT).map(TypeDescription.simple)
    description = st.one_of(simple, st.lists(simple, min_size=1, max_size=4).map(
        lambda members: TypeDescription.structure(*members)))

    def element(desc: TypeDescription) -> st.SearchStrategy[Any]:
        if desc.data_type == DataType.STRUCTURE:
            return st.tuples(*[element(m) for m in desc.members]).map(GXStructure)
        if desc.data_type == DataType.BOOLEAN:
            return st.booleans()
        if desc.data_type == DataType.OCTET_STRING:
            return st.binary(min_size=1, max_size=8).map(bytearray)
        cls = {DataType.UINT8: GXUInt8, DataType.UINT16: GXUInt16, DataType.INT32: GXInt32,
               DataType.UINT32: GXUInt32, DataType.ENUM: GXEnum, DataType.INT16: GXInt16}[desc.data_type]
        return st.integers(cls.minimum, cls.maximum).map(cls)

    return description.flatmap(
        lambda desc: st.lists(element(desc), max_size=10).map(lambda items: GXCompactArray(desc, items)))


def canonical(value: Any) -> Any:
    """A comparable form that keeps types (GXUInt8(1) and GXInt8(1) differ, NaNs compare by bits)."""
    if isinstance(value, GXCompactArray):
        return ("compact", value.description, [canonical(v) for v in value])
    if isinstance(value, (GXStructure, GXArray)):
        return (type(value).__name__, [canonical(v) for v in value])
    if isinstance(value, float):
        return (type(value).__name__, struct.pack(">d", value) if not math.isnan(value) else getattr(value, "raw", "nan"))
    if isinstance(value, GXDateTime):
        return (type(value).__name__, value.raw)
    return (type(value).__name__, value)
