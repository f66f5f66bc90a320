"""The table-driven COSEM object base, shown on Data, Register and Clock."""

from __future__ import annotations

import pytest

from gurux_dlms.cosem import GXDLMSObjectCollection, ObjectType, create_object, known_class_ids
from gurux_dlms.cosem.classes.clock import GXDLMSClock
from gurux_dlms.cosem.classes.register import GXDLMSRegister
from gurux_dlms.cosem.generic import GXDLMSGenericObject
from gurux_dlms.data import GXDateTime, GXUInt32, codec
from gurux_dlms.errors import DecodeError, LocalProtocolError


def test_defaults_encode_for_every_registered_class() -> None:
    for class_id in known_class_ids():
        obj = create_object(class_id)
        for index in range(1, obj.getAttributeCount() + 1):
            raw = obj.encode_attribute(index)
            fresh = create_object(class_id)
            fresh.set_attribute_data(index, codec.decode(raw))
            assert fresh.encode_attribute(index) == raw, (obj, index)


def test_clock_tables() -> None:
    clock = GXDLMSClock()
    assert clock.logicalName == "0.0.1.0.0.255"
    assert clock.objectType == ObjectType.CLOCK
    assert clock.getAttributeCount() == 9 and clock.getMethodCount() == 6
    assert clock.getNames()[1] == "Time"
    assert clock.getUIDataType(2).name == "DATETIME"
    clock.set_attribute_data(2, bytearray.fromhex("07E80B18070A1E00FF800000"))
    assert isinstance(clock.time, GXDateTime) and str(clock.time) == "11/24/24 10:30:00"
    assert clock.encode_attribute(2).hex().upper() == "090C07E80B18070A1E00FF800000"
    assert clock.getAttributeIndexToRead(False) == [2, 3, 4, 5, 6, 7, 8, 9]


def test_register_scaler_is_applied_on_the_client_side() -> None:
    register = GXDLMSRegister("1.0.1.8.0.255")
    register.set_attribute_data(3, codec.decode(bytes.fromhex("02020FFE161E")))
    register.set_attribute_data(2, GXUInt32(1234))
    assert register.value == pytest.approx(12.34)
    assert register.encode_attribute(2).hex() == "06000004d2"  # written back as the meter's type

    class Server:
        isServer = True

    register.set_attribute_data(2, GXUInt32(99), Server())
    assert register.value == 99


def test_unknown_class_is_generic_and_keeps_values() -> None:
    obj = create_object(9999, "1.2.3.4.5.6")
    assert isinstance(obj, GXDLMSGenericObject)
    obj.set_attribute_data(3, GXUInt32(5))
    assert obj.encode_attribute(3) == codec.encode(GXUInt32(5))


def test_bad_attribute_index_and_bad_structures() -> None:
    register = GXDLMSRegister()
    with pytest.raises(LocalProtocolError):
        register.encode_attribute(9)
    with pytest.raises(DecodeError, match="Scaler and Unit"):
        register.set_attribute_data(3, 5)


def test_collection_lookups_follow_changes() -> None:
    objects = GXDLMSObjectCollection([GXDLMSClock(), GXDLMSRegister("1.0.1.8.0.255")])
    assert objects.findByLN(ObjectType.CLOCK, "0.0.1.0.0.255") is objects[0]
    assert objects.findByLN(ObjectType.NONE, "1-0:1.8.0*255") is objects[1]
    assert objects.findByLN(ObjectType.DATA, "1.0.1.8.0.255") is None
    objects.append(GXDLMSRegister("1.0.2.8.0.255"))
    assert objects.findByLN(ObjectType.REGISTER, "1.0.2.8.0.255") is objects[2]
    assert len(objects.getObjects(ObjectType.REGISTER)) == 2
