"""Profile generic: typed buffers, capture objects, capture and reset, sorting and selective access."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from cosem_group1_samples import UTC, ServerSettings, load_profile, register, stamp
from vectors.loader import load, raw

from gurux_dlms.cosem.base import ValueEventArgs
from gurux_dlms.cosem.classes.clock import GXDLMSClock
from gurux_dlms.cosem.classes.data import GXDLMSData
from gurux_dlms.cosem.classes.extended_register import GXDLMSExtendedRegister
from gurux_dlms.cosem.classes.profile_generic import (
    GXDLMSCaptureObject,
    GXDLMSProfileGeneric,
    SortMethod,
    buffer_columns,
    decode_buffer,
    entry_descriptor,
    range_descriptor,
    rows_to_data,
    select_rows,
)
from gurux_dlms.cosem.classes.register import GXDLMSRegister
from gurux_dlms.data import GXCompactArray, GXDateTime, GXStructure, GXUInt32, TypeDescription, codec
from gurux_dlms.data.enums import DateTimeSkips
from gurux_dlms.data.types import DataType, GXArray, GXInt16, GXUInt8
from gurux_dlms.errors import DecodeError


def _vector(vector_id: str) -> bytes:
    return raw(next(v for v in load("get") if v["id"] == vector_id))


def _vector_rows_profile() -> GXDLMSProfileGeneric:
    """The profile whose rows pub-get-0059 carries: clock, a uint32, an int16 and a uint8 column."""
    pg = GXDLMSProfileGeneric("1.0.99.1.0.255")
    pg.addCaptureObject(GXDLMSClock(), 2)
    for ln in ("1.0.1.8.0.255", "1.0.31.7.0.255", "0.0.96.10.1.255"):
        pg.addCaptureObject(GXDLMSRegister(ln), 2)
    return pg


def test_capture_objects_vector() -> None:
    data = _vector("pub-get-0060")[4:]
    pg = GXDLMSProfileGeneric("1.0.99.1.0.255")
    pg.set_attribute_data(3, codec.decode(data))
    described = [(int(obj.objectType), obj.logicalName, c.attributeIndex, c.dataIndex) for obj, c in pg.captureObjects]
    assert described == [(3, "1.0.14.7.0.255", 2, 0), (17, "0.0.41.0.0.255", 2, 0),
                         (7, "1.0.99.1.0.255", 2, 0), (23, "0.0.22.0.0.255", 2, 0)]
    assert type(pg.captureObjects[0][0]).__name__ == "GXDLMSRegister"
    assert pg.encode_attribute(3) == data


def test_capture_objects_resolve_against_the_server_objects() -> None:
    clock, energy = GXDLMSClock(), GXDLMSRegister("1.0.14.7.0.255")
    source = GXDLMSProfileGeneric()
    source.addCaptureObject(clock, 2)
    source.addCaptureObject(energy, 2)
    pg = GXDLMSProfileGeneric()
    pg.set_attribute_data(3, codec.decode(source.encode_attribute(3)), ServerSettings(clock, energy))
    assert pg.captureObjects[0][0] is clock and pg.captureObjects[1][0] is energy


def test_profile_rows_vector_types_the_clock_column() -> None:
    data = _vector("pub-get-0059")
    pg = _vector_rows_profile()
    assert buffer_columns(pg) == {0: DataType.DATETIME}
    pg.set_attribute_data(2, codec.decode(data[4:]))
    first = pg.buffer[0]
    assert isinstance(first[0], GXDateTime) and str(first[0]) == "04/14/24 22:00:00"
    assert first[1:] == [GXUInt32(617670), GXInt16(-77), GXUInt8(252)]
    assert pg.buffer[2][0].minute == 30
    assert pg.encode_attribute(2) == data[4:]  # the date-time goes back as a 12-byte octet string
    rows, end = decode_buffer(pg, data, 4)
    assert end == len(data) and rows == pg.buffer


def test_long_buffers_decode_on_the_fast_path_with_date_times() -> None:
    pg = load_profile()
    start = datetime(2024, 1, 1, tzinfo=UTC)
    pg.buffer = [[GXDateTime(start + timedelta(minutes=15 * i)), GXUInt32(i), GXUInt32(2 * i)] for i in range(500)]
    encoded = pg.encode_attribute(2)
    assert encoded[:4] == bytes([1, 0x82, 0x01, 0xF4]) and encoded[4:8] == bytes([2, 3, 9, 12])
    rows, end = decode_buffer(pg, encoded)
    assert end == len(encoded) and len(rows) == 500
    assert rows[499][0].value == start + timedelta(minutes=15 * 499) and rows[499][2] == 998
    other = GXDLMSProfileGeneric()
    other.captureObjects = pg.captureObjects
    other.set_attribute_data(2, codec.decode(encoded))
    assert other.buffer == rows


def test_date_time_columns_come_from_the_ui_type() -> None:
    pg = GXDLMSProfileGeneric()
    pg.addCaptureObject(GXDLMSExtendedRegister(), 5)
    pg.addCaptureObject(GXDLMSClock(), 2, 0)
    pg.addCaptureObject(GXDLMSClock(), 3)
    pg.addCaptureObject(GXDLMSData("0.0.96.1.0.255"), 2)
    pg.addCaptureObject(GXDLMSClock(), 2, 1)
    assert buffer_columns(pg) == {0: DataType.DATETIME, 1: DataType.DATETIME}
    assert buffer_columns(pg, pg.captureObjects[2:]) == {}


def test_server_rows_are_typed_by_their_capture_objects() -> None:
    pg = load_profile()
    pg.captureObjects[1][0]._data_types[2] = DataType.UINT32
    pg.buffer = [[datetime(2024, 1, 1, tzinfo=UTC), 5, GXUInt32(7)]]
    data = rows_to_data(pg.buffer, pg.captureObjects)
    assert data == GXArray([GXStructure([bytearray(stamp(2024, 1, 1).to_bytes()), GXUInt32(5), GXUInt32(7)])])
    compact = GXCompactArray(TypeDescription.structure(TypeDescription.simple(DataType.UINT8)),
                             [GXStructure([GXUInt8(1)])])
    assert rows_to_data(compact, pg.captureObjects) is compact


def test_compact_array_buffer_is_kept() -> None:
    pg = GXDLMSProfileGeneric()
    pg.addCaptureObject(GXDLMSClock(), 2)
    description = TypeDescription.structure(TypeDescription.simple(DataType.OCTET_STRING),
                                            TypeDescription.simple(DataType.UINT32))
    value = GXCompactArray(description, [GXStructure([bytearray(stamp(2024, 2, 2).to_bytes()), GXUInt32(9)])])
    encoded = codec.encode(value)
    pg.set_attribute_data(2, codec.decode(encoded))
    assert isinstance(pg.buffer[0][0], GXDateTime) and pg.encode_attribute(2) == encoded


def test_sort_object_round_trip_and_none() -> None:
    pg = load_profile()
    other = GXDLMSProfileGeneric()
    other.set_attribute_data(6, codec.decode(pg.encode_attribute(6)))
    assert other.sortObject.logicalName == "0.0.1.0.0.255" and other.sortObjectAttributeIndex == 2
    assert GXDLMSProfileGeneric().encode_attribute(6).hex() == "020412000009060000000000000f00120000"
    other.set_attribute_data(6, codec.decode(GXDLMSProfileGeneric().encode_attribute(6)))
    assert other.sortObject is None


# --- server side -------------------------------------------------------------------------------
def _capturing_profile(method: SortMethod = SortMethod.FIFO, entries: int = 3) -> tuple[Any, Any, Any]:
    clock = GXDLMSClock()
    energy = register("1.0.1.8.0.255", 0)
    pg = GXDLMSProfileGeneric("1.0.99.1.0.255")
    pg.addCaptureObject(GXDLMSClock(), 2)  # a different instance: capture reads the server's own
    pg.addCaptureObject(GXDLMSRegister("1.0.1.8.0.255"), 2)
    pg.profileEntries, pg.sortMethod = entries, method
    pg.sortObject, pg.sortObjectAttributeIndex = GXDLMSRegister("1.0.1.8.0.255"), 2
    return pg, ServerSettings(clock, energy, pg), (clock, energy)


def _capture(pg: Any, settings: Any, objects: Any, values: list[int]) -> None:
    clock, energy = objects
    for minute, value in enumerate(values):
        clock.time = stamp(2024, 1, 1, 0, minute)
        energy.value = GXUInt32(value)
        pg.invoke(settings, ValueEventArgs(pg, 2, parameters=GXUInt8(0)))


def test_capture_appends_current_values_and_drops_the_oldest() -> None:
    pg, settings, objects = _capturing_profile()
    _capture(pg, settings, objects, [10, 20, 30, 40])
    assert [row[1] for row in pg.buffer] == [20, 30, 40] and pg.entriesInUse == 3
    assert pg.buffer[0][0] == stamp(2024, 1, 1, 0, 1)
    assert pg.encode_attribute(2)[:5] == bytes([1, 3, 2, 2, DataType.OCTET_STRING])
    pg.invoke(settings, ValueEventArgs(pg, 1, parameters=GXUInt8(0)))
    assert pg.buffer == [] and pg.entriesInUse == 0


@pytest.mark.parametrize(("method", "kept"), [
    (SortMethod.LIFO, [10, 20, 50]),
    (SortMethod.LARGEST, [50, 40, 30]),
    (SortMethod.SMALLEST, [-5, 10, 20]),
    (SortMethod.NEAREST_TO_ZERO, [-5, 10, 20]),
    (SortMethod.FAREST_FROM_ZERO, [50, 40, 30]),
])
def test_sort_methods_choose_what_stays(method: SortMethod, kept: list[int]) -> None:
    pg, settings, objects = _capturing_profile(method)
    objects[1].value = 0
    _capture(pg, settings, objects, [10, 20, 30, -5, 40, 50] if method != SortMethod.LIFO else [10, 20, 30, 50])
    assert [row[1] for row in pg.buffer] == kept


def test_capture_of_an_element_and_of_a_missing_object() -> None:
    pg = GXDLMSProfileGeneric()
    data = GXDLMSData("0.0.96.1.0.255")
    data.value = GXStructure([GXUInt8(1), GXUInt8(2)])
    pg.addCaptureObject(data, 2, 2)
    pg.addCaptureObject(data, 2, 5)
    pg.invoke(ServerSettings(), ValueEventArgs(pg, 2))
    assert pg.buffer == [[GXUInt8(2), None]]


# --- selective access --------------------------------------------------------------------------
def _access_parameters(vector_id: str) -> tuple[int, Any]:
    data = _vector(vector_id)
    assert data[12] == 1  # access selection present
    return data[13], codec.decode(data[14:])


def _hourly_profile() -> GXDLMSProfileGeneric:
    pg = GXDLMSProfileGeneric("1.0.99.1.0.255")
    pg.addCaptureObject(GXDLMSClock(), 2)
    pg.addCaptureObject(GXDLMSRegister("1.0.14.7.0.255"), 2)
    pg.addCaptureObject(GXDLMSRegister("1.0.1.8.1.255"), 2)
    start = datetime(2033, 2, 1, 12, 0, 34, tzinfo=UTC)
    pg.buffer = [[GXDateTime(start + timedelta(days=d)), GXUInt32(500 + d), GXUInt32(d)] for d in range(12)]
    return pg


def test_select_by_range_with_gurux_parameters() -> None:
    selector, parameters = _access_parameters("pub-get-0018")
    pg = _hourly_profile()
    rows, columns = select_rows(pg, selector, parameters)
    assert [row[1] for row in rows] == [502, 503, 504, 505, 506, 507, 508, 509]  # Feb 3 .. Feb 10 inclusive
    assert len(rows[0]) == 2 and [c[0].logicalName for c in columns] == ["0.0.1.0.0.255", "1.0.14.7.0.255"]
    assert pg.getSelectedRows(selector, parameters) == (rows, columns)


def test_select_by_range_compares_instants_across_deviations() -> None:
    pg = _hourly_profile()
    plus_two = timezone(timedelta(hours=2))
    parameters = range_descriptor(pg, datetime(2033, 2, 3, 14, 0, 34, tzinfo=plus_two),
                                  datetime(2033, 2, 4, 14, 0, 34, tzinfo=plus_two))
    rows, columns = select_rows(pg, 1, codec.decode(codec.encode(parameters)))
    assert [row[2] for row in rows] == [2, 3] and columns == pg.captureObjects


def test_select_by_range_with_unix_time_restriction() -> None:
    selector, parameters = _access_parameters("pub-get-0019")
    unix = GXDLMSData("0.0.1.1.0.255")
    pg = GXDLMSProfileGeneric("1.0.98.1.0.255")
    pg.addCaptureObject(unix, 2)
    pg.buffer = [[GXUInt32(t)] for t in (1484438436, 1484438437, 1485043237, 1485043238)]
    rows, _ = select_rows(pg, selector, parameters)
    assert rows == [[1484438437], [1485043237]]


def test_select_by_entry() -> None:
    pg = _hourly_profile()
    rows, columns = select_rows(pg, 2, entry_descriptor(pg, 3, 2))
    assert [row[2] for row in rows] == [2, 3] and len(columns) == 3
    rows, columns = select_rows(pg, 2, GXStructure([GXUInt32(11), GXUInt32(0), GXUInt32(2), GXUInt32(3)]))
    assert rows == [[GXUInt32(510), GXUInt32(10)], [GXUInt32(511), GXUInt32(11)]] and len(columns) == 2
    selector, parameters = _access_parameters("pub-get-0022")  # 0..0: everything
    assert len(select_rows(pg, selector, parameters)[0]) == 12
    assert select_rows(pg, 0, None)[0] == pg.buffer


@pytest.mark.parametrize(("selector", "parameters"), [
    (1, GXStructure([GXStructure([GXUInt32(3), bytearray(6), GXUInt8(2), GXUInt32(0)]), GXUInt32(1), GXUInt32(2),
                     GXArray()])),
    (1, GXStructure([GXUInt32(1)])),
    (1, GXStructure([GXStructure([GXUInt32(8), bytearray([0, 0, 1, 0, 0, 255]), GXUInt8(2), GXUInt32(0)]),
                     "from", "to", GXArray()])),
    (2, GXStructure([GXUInt32(1), GXUInt32(2)])),
    (3, GXStructure()),
])
def test_bad_selective_access_raises_decode_error(selector: int, parameters: Any) -> None:
    with pytest.raises(DecodeError):
        select_rows(_hourly_profile(), selector, parameters)


# --- the parameters a client sends --------------------------------------------------------------
def test_range_descriptors_are_byte_identical_to_gurux() -> None:
    pg = GXDLMSProfileGeneric("1.0.98.1.0.255")
    descriptor = range_descriptor(pg, datetime(2020, 9, 1, 21, 10, 28, tzinfo=UTC),
                                  datetime(2020, 9, 1, 22, 10, 28, tzinfo=UTC))
    assert codec.encode(descriptor) == _vector("pub-get-0017")[14:]

    pg = _hourly_profile()
    descriptor = range_descriptor(pg, datetime(2033, 2, 3, 12, 0, 34, tzinfo=UTC),
                                  datetime(2033, 2, 10, 12, 0, 34, tzinfo=UTC), pg.captureObjects[:2])
    assert codec.encode(descriptor) == _vector("pub-get-0018")[14:]

    start = GXDateTime(datetime(2030, 10, 23, 2, 30, 52, tzinfo=UTC))
    start.skip = DateTimeSkips.DAY_OF_WEEK | DateTimeSkips.MILLISECOND | DateTimeSkips.DEVITATION
    end = GXDateTime(datetime(2030, 10, 30, 2, 30, 52, tzinfo=UTC))
    end.skip = DateTimeSkips.DAY_OF_WEEK | DateTimeSkips.SECOND
    columns = [pg.captureObjects[0], pg.captureObjects[2]]
    assert codec.encode(range_descriptor(pg, start, end, columns)) == _vector("pub-get-0020")[14:]

    zone = timezone(timedelta(hours=2))
    descriptor = range_descriptor(GXDLMSProfileGeneric("1.0.98.1.0.255"), datetime(2035, 7, 8, 2, 0, 14, tzinfo=zone),
                                  datetime(2035, 7, 8, 3, 0, 14, tzinfo=zone))
    assert codec.encode(descriptor) == _vector("pub-get-0021")[14:]

    pg = GXDLMSProfileGeneric("1.0.98.1.0.255")
    pg.sortObject, pg.sortObjectAttributeIndex = GXDLMSData("0.0.1.1.0.255"), 2
    assert codec.encode(range_descriptor(pg, 1484438437, 1485043237)) == _vector("pub-get-0019")[14:]


def test_entry_descriptors_match_gurux() -> None:
    pg = _hourly_profile()
    assert codec.encode(entry_descriptor(pg, 0, 0)) == _vector("pub-get-0022")[14:]
    assert codec.encode(entry_descriptor(pg, 677, 321)) == _vector("pub-get-0023")[14:]
    # Gurux sends from column 3 to column 1 for one selected column (a range that selects
    # nothing); the column's own position is sent here instead.
    gurux = codec.decode(_vector("pub-get-0024")[14:])
    ours = entry_descriptor(pg, 0, 10, [pg.captureObjects[0]])
    assert ours[:2] == gurux[:2] and list(gurux[2:]) == [3, 1] and list(ours[2:]) == [1, 1]
    assert list(entry_descriptor(pg, 1, 1, pg.captureObjects[1:])[2:]) == [2, 3]


def test_capture_object_equality() -> None:
    assert GXDLMSCaptureObject(2, 0) == GXDLMSCaptureObject(2) != GXDLMSCaptureObject(3)
