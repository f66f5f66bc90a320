"""The XML object cache: GXDLMSObjectCollection.save/load, Gurux's format, round trips for every class."""

from __future__ import annotations

import io
import logging
from datetime import datetime, timedelta, timezone
from enum import IntEnum
from pathlib import Path
from typing import Any

import pytest
from cosem_group1_samples import POPULATED as GROUP1
from cosem_group2_samples import POPULATED as GROUP2
from plc_samples import PLC_CLASS_IDS, populated

from gurux_dlms.cosem import GXDLMSObjectCollection, ObjectType, class_for, create_object, known_class_ids
from gurux_dlms.cosem.access import AccessMode, MethodAccessMode
from gurux_dlms.cosem.classes.clock import GXDLMSClock
from gurux_dlms.cosem.classes.register import GXDLMSRegister
from gurux_dlms.cosem.generic import GXDLMSGenericObject
from gurux_dlms.cosem.generic_classes import GENERIC_CLASSES
from gurux_dlms.cosem.xml_store import objects_from_xml, objects_to_xml, pascal
from gurux_dlms.data import (
    DataType,
    GXArray,
    GXDate,
    GXDateTime,
    GXStructure,
    GXTime,
    GXUInt16,
    GXUInt32,
    GXUtf8String,
    codec,
)
from gurux_dlms.errors import ConfigurationError

CET = timezone(timedelta(hours=1))


def save(objects: Any) -> bytes:
    buffer = io.BytesIO()
    GXDLMSObjectCollection(objects).save(buffer)
    return buffer.getvalue()


def load(document: bytes) -> GXDLMSObjectCollection:
    return GXDLMSObjectCollection.load(io.BytesIO(document))


def assert_same_objects(first: Any, second: Any) -> None:
    assert len(first) == len(second)
    for a, b in zip(first, second):
        assert type(a) is type(b) and a.logicalName == b.logicalName and a.version == b.version
        assert a.shortName == b.shortName and a.description == b.description
        for index in range(1, a.getAttributeCount() + 1):
            assert a.encode_attribute(index) == b.encode_attribute(index), (a, index)
            assert a.getAccess(index) == b.getAccess(index)
        for index in range(1, a.getMethodCount() + 1):
            assert a.getMethodAccess(index) == b.getMethodAccess(index)


def assert_round_trip(objects: list[Any]) -> None:
    document = save(objects)
    loaded = load(document)
    assert_same_objects(objects, loaded)
    assert save(loaded) == document


# --- every class -------------------------------------------------------------------------
def every_class() -> list[Any]:
    objects = [create_object(class_id) for class_id in known_class_ids()]
    objects += [create_object(class_id) for class_id in GENERIC_CLASSES if class_for(class_id) is None]
    return objects


def test_default_objects_of_every_class_round_trip() -> None:
    objects = every_class()
    assert len(objects) >= len(known_class_ids())
    assert_round_trip(objects)


_SAMPLES: dict[DataType, Any] = {
    DataType.UINT8: 7, DataType.UINT16: 0x1234, DataType.UINT32: 0x12345678, DataType.UINT64: 1 << 40,
    DataType.INT8: -7, DataType.INT16: -1234, DataType.INT32: -123456, DataType.INT64: -(1 << 40),
    DataType.BOOLEAN: True, DataType.OCTET_STRING: bytearray(b"\x01\x02\xfe"), DataType.STRING: "meter 7",
    DataType.STRING_UTF8: GXUtf8String("mätare"), DataType.BITSTRING: "10110", DataType.FLOAT32: 1.5,
    DataType.FLOAT64: 2.25, DataType.BCD: 0x12, DataType.NONE: GXUInt32(4711),
    DataType.DATETIME: GXDateTime(datetime(2024, 11, 24, 10, 30, 5, tzinfo=CET)),
}
_UI_SAMPLES = {
    DataType.DATETIME: GXDateTime(datetime(2024, 11, 24, 10, 30, 5, tzinfo=CET)),
    DataType.DATE: GXDate(datetime(2024, 3, 31)),
    DataType.TIME: GXTime(datetime(2000, 1, 1, 2, 0, 0)),
}


def populate_simple(obj: Any) -> Any:
    """Give every simple attribute (no structure functions) a non-default value the class accepts."""
    for attribute in type(obj).attributes_of(obj.version):
        if attribute.index == 1 or attribute.to_data is not None:
            continue
        if attribute.enum is not None and issubclass(attribute.enum, IntEnum) and len(attribute.enum) > 1:
            value: Any = list(attribute.enum)[-1]
        elif attribute.ui in _UI_SAMPLES and attribute.data_type == DataType.OCTET_STRING:
            value = _UI_SAMPLES[attribute.ui]
        elif attribute.data_type in _SAMPLES:
            value = _SAMPLES[attribute.data_type]
        else:
            continue
        before = getattr(obj, attribute.name)
        try:
            setattr(obj, attribute.name, value)
            obj.encode_attribute(attribute.index)
        except Exception:  # the class restricts this attribute further: keep its default
            setattr(obj, attribute.name, before)
    return obj


def populated_object(class_id: int) -> Any:
    """The populated sample of each class group (structured attributes with several entries)."""
    if class_id in PLC_CLASS_IDS:
        return populated(class_id)
    if class_id in GROUP1:
        return GROUP1[class_id]()
    if class_id in GROUP2:
        return GROUP2[class_id]()
    return populate_simple(create_object(class_id))


def populated_objects() -> list[Any]:
    objects = [populated_object(class_id) for class_id in known_class_ids()]
    for obj in objects:
        obj.description = f"{type(obj).__name__} under test"
    objects[0].shortName = 0xA0
    return objects


@pytest.mark.parametrize("class_id", known_class_ids())
def test_populated_object_of_each_class_round_trips(class_id: int) -> None:
    assert_round_trip([populated_object(class_id)])


def test_populated_objects_of_every_class_round_trip_together() -> None:
    objects = populated_objects()
    assert {int(o.objectType) for o in objects} == {int(c) for c in known_class_ids()}
    assert_round_trip(objects)


@pytest.mark.parametrize("class_id", [c for c in GENERIC_CLASSES] + [9999])
def test_generic_objects_keep_raw_values(class_id: int) -> None:
    obj = create_object(class_id, "0.0.128.1.2.255")
    assert isinstance(obj, GXDLMSGenericObject)
    obj.set_attribute_data(2, GXStructure([GXUInt16(3), bytearray(b"\x00\xff"), "x"]))
    obj.set_attribute_data(obj.getAttributeCount(), GXArray([True, False]))
    obj.setAccess(2, AccessMode.READ_WRITE)
    document = save([obj])
    loaded = load(document)[0]
    assert isinstance(loaded, GXDLMSGenericObject) and int(loaded.objectType) == class_id
    assert loaded.getAttributeCount() == obj.getAttributeCount()
    assert loaded.getMethodCount() == obj.getMethodCount()
    assert loaded.getAccess(2) == AccessMode.READ_WRITE
    assert loaded.encode_attribute(2) == obj.encode_attribute(2)
    assert save([loaded]) == document


# --- the format ------------------------------------------------------------------------------
def test_clock_is_written_in_gurux_layout() -> None:
    clock = GXDLMSClock()
    clock.time = GXDateTime.from_bytes(bytes.fromhex("07E80B18070A1E00FF800000"))
    clock.timeZone = -60
    clock.setAccess(2, AccessMode.READ)
    clock.setMethodAccess(6, MethodAccessMode.NO_ACCESS)
    text = save([clock]).decode("utf-8")
    lines = text.splitlines()
    assert lines[:8] == [
        '<?xml version="1.0" encoding="utf-8"?>',
        "<Objects>",
        "  <GXDLMSClock>",
        "    <LN>0.0.1.0.0.255</LN>",
        "    <Version>0</Version>",
        "    <Access>113133331</Access>",
        "    <MethodAccess>111110</MethodAccess>",
        '    <Time Type="9" UIType="25" DayOfWeek="7">11/24/2024 10:30:00</Time>',
    ]
    assert '    <TimeZone Type="16">-60</TimeZone>' in lines
    assert lines[-2:] == ["  </GXDLMSClock>", "</Objects>"]


def test_values_false_writes_the_association_view_only(tmp_path: Path) -> None:
    class Settings:
        values = False

    path = tmp_path / "view.xml"
    GXDLMSObjectCollection([GXDLMSClock()]).save(str(path), Settings())
    text = path.read_text(encoding="utf-8")
    assert "<Access>" in text and "<Time" not in text
    assert GXDLMSObjectCollection.load(path)[0].logicalName == "0.0.1.0.0.255"


def test_register_value_is_restored_after_its_scaler(tmp_path: Path) -> None:
    register = GXDLMSRegister("1.0.1.8.0.255")
    register.set_attribute_data(3, codec.decode(bytes.fromhex("02020FFE161E")))
    register.set_attribute_data(2, GXUInt32(1234))
    path = tmp_path / "cache.xml"
    GXDLMSObjectCollection([register]).save(path)
    loaded = GXDLMSObjectCollection.load(str(path))[0]
    assert loaded.value == pytest.approx(12.34)
    assert loaded.encode_attribute(2).hex() == "06000004d2"


def test_date_time_fields_survive() -> None:
    obj = create_object(1, "0.0.0.1.2.255")
    # any year, DST-begin month, second-last day, Sunday 02:00:00.00, UTC+01:00, DST active
    obj.value = GXDateTime.from_bytes(bytes.fromhex("FFFFFEFD0702000000FFC480"))
    obj.setDataType(2, DataType.OCTET_STRING)
    document = save([obj])
    assert b'UIType="25" DayOfWeek="7" Hundredths="0" Deviation="-60" Status="128">254/253/* 02:00:00<' in document
    loaded = load(document)[0]
    assert loaded.value.raw == obj.value.raw
    assert loaded.encode_attribute(2).hex().upper() == "090CFFFFFEFD0702000000FFC480"


def test_strings_xml_cannot_carry_are_hex_encoded() -> None:
    obj = create_object(1)
    obj.value = "line\r\nbreak\x00"
    document = save([obj])
    assert b'Hex="1"' in document
    assert load(document)[0].value == "line\r\nbreak\x00"


def test_gurux_written_file_without_types_loads(caplog: pytest.LogCaptureFixture) -> None:
    document = b"""<?xml version="1.0" encoding="utf-8"?>
<Objects>
  <GXDLMSClock>
    <SN>64000</SN>
    <LN>0.0.1.0.0.255</LN>
    <Description>Clock</Description>
    <Access>133133331</Access>
    <MethodAccess>111111</MethodAccess>
    <Time>11/24/24 10:30:00</Time>
    <TimeZone>-60</TimeZone>
    <Enabled>1</Enabled>
    <ClockBase>1</ClockBase>
    <Presentation>ignored</Presentation>
  </GXDLMSClock>
  <GXDLMSIecHdlcSetup><LN>0.0.22.0.0.255</LN></GXDLMSIecHdlcSetup>
  <GXDLMSSomethingElse><LN>1.2.3.4.5.6</LN></GXDLMSSomethingElse>
</Objects>
"""
    with caplog.at_level(logging.DEBUG, logger="gurux_dlms.cosem.xml_store"):
        objects = load(document)
    clock = objects[0]
    assert isinstance(clock, GXDLMSClock) and clock.shortName == 64000 and clock.description == "Clock"
    assert clock.time.raw[:8] == (2024, 11, 24, 0xFF, 10, 30, 0, 0xFF)
    assert (clock.timeZone, clock.enabled, int(clock.clockBase)) == (-60, True, 1)
    assert [int(o.objectType) for o in objects] == [8, 23]
    assert any("Presentation" in r.getMessage() and "line 13" in r.getMessage() for r in caplog.records)
    assert any("GXDLMSSomethingElse" in r.getMessage() for r in caplog.records)


def test_malformed_xml_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.xml"
    path.write_bytes(b"<Objects>\n  <GXDLMSClock>\n    <LN>0.0.1.0.0.255</LN>\n  </GXDLMSData>\n</Objects>\n")
    with pytest.raises(ConfigurationError, match=r"broken\.xml line 4"):
        GXDLMSObjectCollection.load(path)


@pytest.mark.parametrize(("element", "line"), [
    ('<TimeZone Type="16">minus sixty</TimeZone>', 4),
    ('<Time Type="9" UIType="25">11/24/2024 10h30</Time>', 4),
    ('<Time Type="9" UIType="25">11/24/99999 10:30:00</Time>', 4),
    ('<Enabled Type="3">maybe</Enabled>', 4),
    ('<Status Type="77">1</Status>', 4),
    ('<TimeZone Type="16">99999</TimeZone>', 4),
])
def test_bad_values_name_the_line(element: str, line: int) -> None:
    document = f"<Objects>\n <GXDLMSClock>\n  <LN>0.0.1.0.0.255</LN>\n  {element}\n </GXDLMSClock>\n</Objects>"
    with pytest.raises(ConfigurationError, match=f"line {line}"):
        objects_from_xml(document, "meter.xml")


def test_object_without_logical_name_is_refused() -> None:
    with pytest.raises(ConfigurationError, match="LN"):
        objects_from_xml("<Objects><GXDLMSClock><Version>0</Version></GXDLMSClock></Objects>")


def test_element_names_are_pascal_case_properties() -> None:
    assert pascal("captureObjects") == "CaptureObjects" and pascal("scaler_unit") == "ScalerUnit"
    document = objects_to_xml([create_object(class_id) for class_id in (91, 92)]).decode()
    for name in ("ShortAddress", "NeighbourTable", "MacPosTable", "RoutingConfiguration", "LowLQI"):
        assert f"<{name} " in document


def test_capture_objects_refer_to_objects_of_the_same_file() -> None:
    if class_for(ObjectType.PROFILE_GENERIC) is None:
        pytest.skip("Profile generic is not registered")
    from gurux_dlms.cosem.classes.profile_generic import GXDLMSCaptureObject

    clock = GXDLMSClock()
    register = GXDLMSRegister("1.0.1.8.0.255")
    profile = create_object(ObjectType.PROFILE_GENERIC, "1.0.99.1.0.255")
    profile.captureObjects = [(clock, GXDLMSCaptureObject(2, 0)), (register, GXDLMSCaptureObject(2, 0))]
    loaded = load(save([clock, register, profile]))
    captured = [obj for obj, _ in loaded[2].captureObjects]
    assert captured[0] is loaded[0] and captured[1] is loaded[1]
