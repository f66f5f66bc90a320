"""Random valid values of the structured attributes of the metering, schedule and payment classes round-trip.

Each strategy draws the DLMS value a meter could send for an attribute; setting it on an
object and encoding the attribute again must give the same bytes.
"""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import date_times, dates, times, typed_ints, values

from gurux_dlms.cosem import create_object
from gurux_dlms.cosem.classes.clock import GXDLMSClock
from gurux_dlms.cosem.classes.profile_generic import GXDLMSProfileGeneric, select_rows
from gurux_dlms.cosem.classes.register import GXDLMSRegister
from gurux_dlms.data import GXArray, GXBitString, GXStructure, GXUtf8String, codec
from gurux_dlms.data.types import (
    GXEnum,
    GXInt8,
    GXInt16,
    GXInt32,
    GXUInt8,
    GXUInt16,
    GXUInt32,
)


def _int(cls: Any) -> st.SearchStrategy[Any]:
    return st.integers(cls.minimum, cls.maximum).map(cls)


def _octets(min_size: int = 0, max_size: int = 12) -> st.SearchStrategy[bytearray]:
    return st.binary(min_size=min_size, max_size=max_size).map(bytearray)


def _ln() -> st.SearchStrategy[bytearray]:
    return _octets(6, 6)


def _bits(size: int | None = None) -> st.SearchStrategy[GXBitString]:
    if size is None:
        return st.text("01", max_size=24).map(GXBitString)
    return st.text("01", min_size=size, max_size=size).map(GXBitString)


def _octet_date(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[bytearray]:
    return strategy.map(lambda v: bytearray(v.to_bytes()))


def _structure(*members: st.SearchStrategy[Any]) -> st.SearchStrategy[GXStructure]:
    return st.tuples(*members).map(GXStructure)


def _array(element: st.SearchStrategy[Any], max_size: int = 5) -> st.SearchStrategy[GXArray]:
    return st.lists(element, max_size=max_size).map(GXArray)


_CLASS_IDS = st.sampled_from([1, 3, 4, 5, 7, 8, 9, 20, 21, 70, 71, 112, 215])  # 215: a class the library does not know
_definition = _structure(_CLASS_IDS.map(GXUInt16), _ln(), _int(GXInt8), _int(GXUInt16))
_action_item = _structure(_ln(), _int(GXUInt16))

#: (class id, attribute index) -> strategy for its value
ATTRIBUTES: dict[tuple[int, int], st.SearchStrategy[Any]] = {
    (6, 2): _array(_structure(_CLASS_IDS.map(GXUInt16), _ln())),
    (6, 3): _array(_structure(_octets(), _array(_int(GXUInt8)))),
    (7, 3): _array(_definition),
    (7, 6): _definition,
    (9, 2): _array(_structure(_int(GXUInt16), _array(_structure(
        _int(GXEnum), _CLASS_IDS.map(GXUInt16), _ln(), _int(GXInt8), values(max_leaves=8))))),
    (10, 2): _array(_structure(_int(GXUInt16), st.booleans(), _ln(), _int(GXUInt16), _octet_date(times()),
                               _int(GXUInt16), _bits(7), _bits(9), _octet_date(dates()), _octet_date(dates()))),
    (11, 2): _array(_structure(_int(GXUInt16), _octet_date(dates()) | _octets(0, 3), _int(GXUInt8))),
    (20, 2): _octets(),
    (20, 3): _array(_structure(_octets(), _octet_date(date_times()), _octets())),
    (20, 4): _array(_structure(_octets(), *[_int(GXUInt8)] * 7)),
    (20, 5): _array(_structure(_int(GXUInt8), _array(_structure(_octet_date(times()), _ln(), _int(GXUInt16))))),
    (21, 2): _array(typed_ints()),
    (21, 3): _structure(_int(GXUInt16), _ln(), _int(GXInt8)),
    (21, 4): _array(_structure(_action_item, _action_item)),
    (22, 2): _action_item,
    (22, 4): _array(_structure(_octet_date(times()), _octet_date(dates()))),
    (61, 3): _structure(_int(GXUInt16), _ln(), _array(_int(GXUInt8)), _int(GXInt8)),
    (63, 3): _structure(_int(GXUInt8), _array(_int(GXUInt16)) | values(max_leaves=4)),
    (65, 2): _structure(_CLASS_IDS.map(GXUInt16), _ln(), _int(GXInt8), values(max_leaves=8)),
    (65, 4): _array(_structure(_CLASS_IDS.map(GXUInt16), _ln(), _int(GXInt8))),
    (68, 3): _array(_bits()),
    (68, 4): _array(_array(_int(GXUInt16))),
    (71, 2): _structure(_CLASS_IDS.map(GXUInt16), _ln(), _int(GXInt8)),
    (71, 8): _structure(_int(GXUInt16), _octet_date(date_times()), _int(GXUInt32)),
    (71, 9): _array(_int(GXUInt16)),
    (71, 11): _structure(_action_item, _action_item),
    (111, 2): _structure(_int(GXEnum), _int(GXEnum)),
    (111, 9): _array(_ln() | _octets()),
    (111, 11): _array(_structure(_ln(), _ln(), _bits(3))),
    (111, 12): _array(_structure(_ln(), _int(GXUInt8))),
    (111, 15): _structure(st.text(max_size=8).map(GXUtf8String), _int(GXInt8), _int(GXEnum)),
    (113, 5): _structure(_structure(_int(GXInt8), _int(GXInt8)),
                         _structure(_CLASS_IDS.map(GXUInt16), _ln(), _int(GXInt8)),
                         _array(_structure(_octets(), _int(GXInt16)))),
    (115, 4): _array(_octets()),
    (115, 6): _structure(_int(GXEnum), _bits()),
    (122, 2): _array(_structure(_octets(), st.booleans())),
    (122, 3): _array(_structure(_octets(), _array(_structure(_CLASS_IDS.map(GXUInt16), _ln())))),
    (123, 2): _array(_structure(_int(GXUInt8), _structure(_CLASS_IDS.map(GXUInt16), _ln(), _int(GXInt8)))),
}
_KEYS = sorted(ATTRIBUTES)


@settings(max_examples=300)
@given(st.sampled_from(_KEYS).flatmap(lambda key: st.tuples(st.just(key), ATTRIBUTES[key])))
def test_structured_attributes_round_trip(case: tuple[tuple[int, int], Any]) -> None:
    (class_id, index), value = case
    encoded = codec.encode(value)
    obj = create_object(class_id)
    obj.set_attribute_data(index, codec.decode(encoded))
    assert obj.encode_attribute(index) == encoded
    again = create_object(class_id)
    again.set_attribute_data(index, codec.decode(obj.encode_attribute(index)))
    assert again.encode_attribute(index) == encoded


def _profile() -> GXDLMSProfileGeneric:
    pg = GXDLMSProfileGeneric("1.0.99.1.0.255")
    pg.addCaptureObject(GXDLMSClock(), 2)
    pg.addCaptureObject(GXDLMSRegister("1.0.1.8.0.255"), 2)
    pg.addCaptureObject(GXDLMSRegister("1.0.2.8.0.255"), 2)
    return pg


_rows = st.lists(_structure(_octet_date(date_times()), _int(GXUInt32), _int(GXInt32) | st.none()), max_size=40)


@given(_rows)
def test_profile_buffers_round_trip_with_typed_date_times(rows: list[Any]) -> None:
    encoded = codec.encode(GXArray(rows))
    pg = _profile()
    pg.set_attribute_data(2, codec.decode(encoded))
    assert all(type(row[0]).__name__ == "GXDateTime" for row in pg.buffer)
    assert pg.encode_attribute(2) == encoded
    decoded, end = codec.decode_table(encoded, 0, pg.buffer_columns())
    assert end == len(encoded) and decoded == pg.buffer


@given(_rows, st.integers(0, 45), st.integers(0, 45), st.integers(0, 4), st.integers(0, 4))
def test_select_by_entry_is_a_slice(rows: list[Any], first: int, last: int, first_column: int, last_column: int) -> None:
    pg = _profile()
    pg.buffer = rows
    parameters = GXStructure([GXUInt32(first), GXUInt32(last), GXUInt16(first_column), GXUInt16(last_column)])
    selected, columns = select_rows(pg, 2, parameters)
    expected_rows = rows[max(first, 1) - 1 : len(rows) if last == 0 else min(last, len(rows))]
    column_range = range(max(first_column, 1) - 1, 3 if last_column == 0 else min(last_column, 3))
    assert len(selected) == len(expected_rows)
    if len(column_range) in (0, 3):
        assert selected == expected_rows and len(columns) == 3
    else:
        assert selected == [[row[i] for i in column_range] for row in expected_rows]
        assert columns == [pg.captureObjects[i] for i in column_range]
