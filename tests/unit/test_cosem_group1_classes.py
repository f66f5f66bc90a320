"""Metering, profile, schedule and payment classes: tables, round trips, known bytes, client helpers."""

from __future__ import annotations

from typing import Any

import pytest
from cosem_group1_samples import EXPECTED, POPULATED, UTC
from vectors.loader import load, raw

from gurux_dlms.cosem import AccessMode, ObjectType, Unit, class_for, create_object
from gurux_dlms.cosem.classes.activity_calendar import GXDLMSActivityCalendar
from gurux_dlms.cosem.classes.disconnect_control import GXDLMSDisconnectControl
from gurux_dlms.cosem.classes.extended_register import GXDLMSDemandRegister, GXDLMSExtendedRegister
from gurux_dlms.cosem.classes.register_activation import GXDLMSRegisterActivation
from gurux_dlms.cosem.classes.schedule import GXDLMSSchedule
from gurux_dlms.cosem.classes.script_table import GXDLMSScriptTable, ScriptActionType
from gurux_dlms.cosem.classes.special_days_table import GXDLMSSpecialDaysTable
from gurux_dlms.data import GXDate, GXDateTime, GXTime, GXUInt32, codec
from gurux_dlms.data.types import DataType, GXInt8
from gurux_dlms.errors import DecodeError, LocalProtocolError

CLASS_IDS = sorted(EXPECTED)


class ActionClient:
    """Builds the Action-Request-Normal a Gurux client sends for ``method(obj, index, value, type)``."""

    def __init__(self, invoke_id_and_priority: int = 0xC1) -> None:
        self.invoke = invoke_id_and_priority

    def method(self, obj: Any, index: int, value: Any, data_type: DataType) -> bytes:
        out = bytearray([0xC3, 0x01, self.invoke])
        out += int(obj.objectType).to_bytes(2, "big") + obj.logical_name_bytes + bytes([index, 1])
        codec.encode_into(out, value, data_type)
        return bytes(out)


def _vector(name: str, vector_id: str) -> dict[str, Any]:
    return next(v for v in load(name) if v["id"] == vector_id)


# --- the class table -------------------------------------------------------------------------
@pytest.mark.parametrize("class_id", CLASS_IDS)
def test_class_table_matches_gurux(class_id: int) -> None:
    name, version, attributes, methods = EXPECTED[class_id]
    obj = create_object(class_id)
    assert type(obj).__name__ == name and class_for(class_id) is type(obj)
    assert int(obj.objectType) == class_id
    assert obj.version == version
    assert obj.getAttributeCount() == attributes
    assert obj.getMethodCount() == methods
    assert len(obj.getNames()) == attributes and obj.getNames()[0] == "Logical Name"
    assert len(obj.getMethodNames()) == methods
    assert len(obj.getValues()) == attributes


def test_attribute_names_follow_gurux() -> None:
    pg = create_object(ObjectType.PROFILE_GENERIC)
    assert [a.name for a in pg.attributes_of(1)][1:] == [
        "buffer", "captureObjects", "capturePeriod", "sortMethod", "sortObject", "entriesInUse", "profileEntries"]
    assert pg.getNames()[1:4] == ("Buffer", "Capture Objects", "Capture Period")
    dc = GXDLMSDisconnectControl()
    assert dc.logicalName == "0.0.96.3.10.255"
    assert [a.name for a in dc.attributes_of(1)][1:] == ["outputState", "controlState", "controlMode"]
    assert dc.getMethodNames() == ("Remote disconnect", "Remote reconnect")
    assert GXDLMSActivityCalendar().getNames()[9] == "Activate Passive Calendar Time"
    assert dc.getAccess(4) == AccessMode.READ_WRITE and dc.getAccess(3) == AccessMode.READ


def test_compact_data_version_0_has_no_capture_method() -> None:
    obj = create_object(ObjectType.COMPACT_DATA, version=0)
    assert obj.getAttributeCount() == 5
    with pytest.raises(LocalProtocolError):
        obj.encode_attribute(6)


# --- round trips -----------------------------------------------------------------------------
def _round_trip(obj: Any) -> None:
    fresh = create_object(int(obj.objectType), obj.logicalName, obj.version)
    for index in range(1, obj.getAttributeCount() + 1):
        encoded = obj.encode_attribute(index)
        fresh.set_attribute_data(index, codec.decode(encoded))
        assert fresh.encode_attribute(index) == encoded, (type(obj).__name__, index)


@pytest.mark.parametrize("class_id", CLASS_IDS)
def test_default_object_round_trips(class_id: int) -> None:
    _round_trip(create_object(class_id))


@pytest.mark.parametrize("class_id", CLASS_IDS)
def test_populated_object_round_trips(class_id: int) -> None:
    obj = POPULATED[class_id]()
    default = create_object(class_id)
    changed = [i for i in range(2, obj.getAttributeCount() + 1) if obj.encode_attribute(i) != default.encode_attribute(i)]
    assert len(changed) >= obj.getAttributeCount() - 3  # the sample really sets the attributes
    _round_trip(obj)
    assert len(obj.getValues()) == obj.getAttributeCount()


def test_populated_values_come_back_as_values() -> None:
    schedule = GXDLMSSchedule()
    source = POPULATED[10]()
    schedule.set_attribute_data(2, codec.decode(source.encode_attribute(2)))
    first = schedule.entries[0]
    assert first.logicalName == "0.0.10.0.100.255" and first.enable is True
    assert isinstance(first.switchTime, GXTime) and first.switchTime.hour == 6
    assert isinstance(first.beginDate, GXDate) and first.beginDate.year == 2024
    assert first.execWeekdays == "1111100" and schedule.entries[1].validityWindow == 0xFFFF

    days = GXDLMSSpecialDaysTable()
    days.set_attribute_data(2, codec.decode(POPULATED[11]().encode_attribute(2)))
    assert [(d.index, d.date.month, d.date.day, d.dayId) for d in days.entries][:2] == [(1, 1, 1, 3), (2, 12, 25, 3)]

    calendar = GXDLMSActivityCalendar()
    source_calendar = POPULATED[20]()
    for index in range(2, 11):
        calendar.set_attribute_data(index, codec.decode(source_calendar.encode_attribute(index)))
    assert calendar.calendarNameActive == "Summer" and calendar.calendarNamePassive == "Winter"
    assert calendar.seasonProfileActive[0].name == "S1" and calendar.seasonProfileActive[1].name == bytearray(b"\x02")
    assert calendar.seasonProfileActive[0].start.value.isoformat() == "2024-03-31T02:00:00+00:00"
    assert calendar.weekProfileTableActive[0].saturday == 2
    assert calendar.dayProfileTableActive[0].daySchedules[1].scriptSelector == 2
    assert isinstance(calendar.time, GXDateTime) and calendar.time.month == 10

    scripts = GXDLMSScriptTable()
    scripts.set_attribute_data(2, codec.decode(POPULATED[9]().encode_attribute(2)))
    action = scripts.scripts[1].actions[1]
    assert action.type == ScriptActionType.WRITE and action.target.logicalName == "0.0.96.1.0.255"
    assert action.parameter == bytearray(b"reconnected") and action.parameterDataType == DataType.OCTET_STRING


def test_register_family_applies_the_scaler_on_the_client_side() -> None:
    source = POPULATED[5]()
    source.scaler_exponent = -1
    reader = GXDLMSDemandRegister("1.0.1.4.0.255")
    reader.set_attribute_data(4, codec.decode(source.encode_attribute(4)))
    reader.set_attribute_data(2, codec.decode(source.encode_attribute(2)))
    assert reader.unit == Unit.ACTIVE_POWER and reader.currentAverageValue == pytest.approx(51.2)
    assert reader.encode_attribute(2) == source.encode_attribute(2)  # divided back to the meter's integer
    extended = GXDLMSExtendedRegister()
    extended.set_attribute_data(5, bytearray(GXDateTime.from_fields(2024, 1, 2, 2, 3, 4, 5, 0, 0, 0).to_bytes()))
    assert isinstance(extended.captureTime, GXDateTime) and extended.captureTime.day == 2


# --- known bytes -----------------------------------------------------------------------------
def test_scaler_unit_vector_decodes_into_demand_register() -> None:
    data = raw(_vector("get", "pub-get-0057"))[4:]
    register = GXDLMSDemandRegister()
    register.set_attribute_data(4, codec.decode(data))
    assert register.scaler_exponent == 0 and register.unit == Unit.ACTIVE_ENERGY
    assert register.encode_attribute(4) == data


@pytest.mark.parametrize(("vector_id", "call"), [
    ("pub-action-0001", lambda c: GXDLMSActivityCalendar().activatePassiveCalendar(c)),
    ("pub-action-0003", lambda c: GXDLMSDemandRegister("1.0.1.4.0.255").nextPeriod(c)),
    ("pub-action-0008", lambda c: GXDLMSDisconnectControl().remoteDisconnect(c)),
])
def test_client_helpers_send_what_gurux_sends(vector_id: str, call: Any) -> None:
    expected = raw(_vector("action", vector_id))
    assert call(ActionClient(expected[2])) == expected


def test_client_helpers_encode_their_parameters() -> None:
    client = ActionClient()
    frames = GXDLMSRegisterActivation("0.0.14.0.1.255").addMask(client, "T1", [1, 2])
    assert frames[-13:].hex() == "01" + "0202" + "09025431" + "0102" + "1101" + "1102"
    assert GXDLMSExtendedRegister("1.0.1.6.0.255").reset(client)[-3:] == bytes([1, 0x0F, 0])
    table = GXDLMSScriptTable("0.0.10.0.100.255")
    assert table.execute(client, 7)[-4:] == bytes([1, 0x12, 0, 7])


# --- malformed values ------------------------------------------------------------------------
@pytest.mark.parametrize(("class_id", "index", "value"), [
    (7, 3, [GXUInt32(3)]),
    (7, 2, 5),
    (7, 6, [GXUInt32(1)]),
    (10, 2, [[1, 2, 3]]),
    (11, 2, [[GXUInt32(1), bytearray(5), "x"]]),
    (20, 3, [[bytearray(b"S"), 5, bytearray(b"W")]]),
    (22, 4, [[bytearray(3), bytearray(5)]]),
    (68, 3, [GXUInt32(1)]),
    (111, 2, GXInt8(1)),
    (113, 5, [[1, 2], [3]]),
    (115, 6, [GXUInt32(0), GXUInt32(0)]),
    (123, 2, [[1, [2]]]),
])
def test_malformed_values_raise_decode_error(class_id: int, index: int, value: Any) -> None:
    obj = create_object(class_id)
    try:
        obj.set_attribute_data(index, value)
    except DecodeError:
        return
    pytest.fail(f"{type(obj).__name__} attribute {index} accepted {value!r}")


def test_unknown_method_is_a_local_protocol_error() -> None:
    from gurux_dlms.cosem.base import ValueEventArgs

    for class_id in CLASS_IDS:
        obj = create_object(class_id)
        with pytest.raises(LocalProtocolError):
            obj.invoke(None, ValueEventArgs(obj, 99))


def test_date_time_attributes_accept_python_datetimes() -> None:
    from datetime import datetime

    register = GXDLMSExtendedRegister()
    register.captureTime = datetime(2024, 1, 1, 12, 0, tzinfo=UTC)
    assert isinstance(register.captureTime, GXDateTime)
    assert register.encode_attribute(5).hex() == "090c07e80101010c0000000000" + "00"
