"""Hypothesis round trips of the A-XDR codec, and the uniform fast path against the generic one."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from strategies import canonical, compact_arrays, date_times, leaves, typed_ints, values

from gurux_dlms.data import GXArray, GXStructure, codec, decode, encode
from gurux_dlms.data.byte_buffer import GXByteBuffer
from gurux_dlms.data.types import DataType
from gurux_dlms.data.uniform import decode_uniform
from gurux_dlms.errors import DLMSError


@given(values())
def test_decode_of_encode_is_identity(value: Any) -> None:
    raw = encode(value)
    assert canonical(decode(raw)) == canonical(value)


@given(values())
def test_encode_of_decode_is_identity(value: Any) -> None:
    raw = encode(value)
    assert encode(decode(raw)) == raw


@given(compact_arrays())
def test_compact_arrays_round_trip(value: Any) -> None:
    raw = encode(value)
    decoded = decode(raw)
    assert canonical(decoded) == canonical(value)
    assert encode(decoded) == raw


def _rows(shape: st.SearchStrategy[Any]) -> st.SearchStrategy[GXArray]:
    """Arrays whose elements share one layout: the same shape with different values."""
    return st.lists(shape, min_size=16, max_size=60).map(GXArray)


def _same_layout_element() -> st.SearchStrategy[Any]:
    # a fixed template of fixed-size members, the values drawn per element
    return st.tuples(date_times(), typed_ints(), st.booleans(), st.none()).map(lambda t: GXStructure(list(t)))


@given(st.data())
def test_uniform_fast_path_equals_generic_decoder(data: st.DataObject) -> None:
    template = data.draw(st.lists(st.one_of(typed_ints(), st.booleans(), st.none(), date_times()), min_size=1,
                                  max_size=6))
    kinds = [type(v) for v in template]
    count = data.draw(st.integers(16, 40))
    rows = GXArray()
    for _ in range(count):
        row = GXStructure()
        for kind, sample in zip(kinds, template, strict=True):
            if kind is bool or sample is None:
                row.append(data.draw(st.booleans()) if kind is bool else None)
            elif hasattr(kind, "minimum"):
                row.append(kind(data.draw(st.integers(kind.minimum, kind.maximum))))
            else:
                row.append(data.draw(date_times()))
        rows.append(row)
    raw = encode(rows)
    fast = decode(raw)
    count_, pos = codec.decode_length(raw, 1)
    assert decode_uniform(raw, pos, count_) is not None  # the fast path really ran
    slow = _generic(raw)
    assert canonical(fast) == canonical(slow) == canonical(rows)


@given(st.lists(leaves(), min_size=16, max_size=30))
def test_mixed_arrays_fall_back_correctly(items: list[Any]) -> None:
    raw = encode(GXArray(items))
    assert canonical(decode(raw)) == canonical(GXArray(items))


@given(st.binary(max_size=200))
def test_random_bytes_raise_only_project_errors(raw: bytes) -> None:
    try:
        value = decode(raw)
    except DLMSError:
        return
    assert (isinstance(raw, bytes) and value is not None) or raw[:1] == b"\x00"


@given(st.binary(max_size=64), st.booleans())
def test_byte_buffer_hex_round_trip(raw: bytes, spaces: bool) -> None:
    assert GXByteBuffer.hexToBytes(GXByteBuffer.hex(raw, spaces)) == raw


def test_profile_columns_become_date_times() -> None:
    row = GXStructure([bytearray(bytes.fromhex("07E8010101000000" "00FFC400")), codec.typed(5, DataType.UINT32)])
    raw = encode(GXArray([row] * 20))
    count, pos = codec.decode_length(raw, 1)
    result = decode_uniform(raw, pos, count, columns={0: DataType.DATETIME})
    assert result is not None
    rows, end = result
    assert end == len(raw)
    assert rows[0][0].value is not None and rows[0][0].value.year == 2024


def _generic(raw: bytes) -> Any:
    saved = codec.UNIFORM_MIN_COUNT
    codec.UNIFORM_MIN_COUNT = 10**9
    try:
        return decode(raw)
    finally:
        codec.UNIFORM_MIN_COUNT = saved
