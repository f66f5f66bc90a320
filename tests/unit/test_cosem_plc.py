"""PRIME and G3 PLC classes (80-92): tables, round trips of every attribute, server methods, bad input."""

from __future__ import annotations

from typing import Any

import pytest
from plc_samples import PLC_CLASS_IDS, neighbour, populated

from gurux_dlms.cosem import ObjectType, ValueEventArgs, create_object
from gurux_dlms.cosem.classes.g3_plc_6lowpan import DeviceType, GXDLMSG3Plc6LoWPan
from gurux_dlms.cosem.classes.g3_plc_mac import GXDLMSG3PlcMacSetup, GXDLMSMacPosTable, Modulation
from gurux_dlms.cosem.classes.prime_plc import MacCapabilities, MacState
from gurux_dlms.data import DataType, GXArray, GXStructure, GXUInt16, codec
from gurux_dlms.errors import DecodeError, LocalProtocolError

# class id: (Gurux class name, default version, attributes, methods) from gurux-behaviour.md §3
EXPECTED = {
    80: ("GXDLMSLlcSscsSetup", 0, 3, 1),
    81: ("GXDLMSPrimeNbOfdmPlcPhysicalLayerCounters", 0, 5, 1),
    82: ("GXDLMSPrimeNbOfdmPlcMacSetup", 0, 8, 0),
    83: ("GXDLMSPrimeNbOfdmPlcMacFunctionalParameters", 0, 14, 0),
    84: ("GXDLMSPrimeNbOfdmPlcMacCounters", 0, 7, 1),
    85: ("GXDLMSPrimeNbOfdmPlcMacNetworkAdministrationData", 0, 6, 1),
    86: ("GXDLMSPrimeNbOfdmPlcApplicationsIdentification", 0, 4, 0),
    90: ("GXDLMSG3PlcMacLayerCounters", 1, 10, 1),
    91: ("GXDLMSG3PlcMacSetup", 3, 26, 2),
    92: ("GXDLMSG3Plc6LoWPan", 3, 23, 0),
}


def roundtrip(obj: Any) -> None:
    """Every attribute: encode, decode, set on a fresh object, encode again: same bytes."""
    for index in range(1, obj.getAttributeCount() + 1):
        raw = obj.encode_attribute(index)
        fresh = create_object(obj.objectType)
        fresh.set_attribute_data(index, codec.decode(raw))
        assert fresh.encode_attribute(index) == raw, (obj, index)


@pytest.mark.parametrize("class_id", PLC_CLASS_IDS)
def test_class_table_matches_gurux(class_id: int) -> None:
    name, version, attributes, methods = EXPECTED[class_id]
    obj = create_object(class_id)
    assert type(obj).__name__ == name
    assert obj.objectType == ObjectType(class_id)
    assert (obj.version, obj.getAttributeCount(), obj.getMethodCount()) == (version, attributes, methods)
    names = obj.getNames()
    assert len(names) == attributes and names[0] == "Logical Name" and len(set(names)) == attributes
    assert len(obj.getMethodNames()) == methods
    assert len(obj.getValues()) == attributes and obj.getValues()[0] == obj.logicalName


@pytest.mark.parametrize("class_id", PLC_CLASS_IDS)
def test_default_object_round_trips(class_id: int) -> None:
    roundtrip(create_object(class_id))


@pytest.mark.parametrize("class_id", PLC_CLASS_IDS)
def test_populated_object_round_trips(class_id: int) -> None:
    obj = populated(class_id)
    roundtrip(obj)
    default = create_object(class_id)
    changed = [i for i in range(2, obj.getAttributeCount() + 1) if obj.encode_attribute(i) != default.encode_attribute(i)]
    assert len(changed) >= obj.getAttributeCount() - 2  # a populated object differs almost everywhere


def test_default_logical_names_follow_the_obis_allocation() -> None:
    assert [create_object(c).logicalName for c in PLC_CLASS_IDS] == [
        "0.0.28.0.0.255", "0.0.28.1.0.255", "0.0.28.2.0.255", "0.0.28.3.0.255", "0.0.28.4.0.255",
        "0.0.28.5.0.255", "0.0.28.7.0.255", "0.0.29.0.0.255", "0.0.29.1.0.255", "0.0.29.2.0.255"]


def test_functional_parameters_decode_to_enums() -> None:
    obj = create_object(83)
    obj.set_attribute_data(6, codec.decode(bytes.fromhex("1602")))
    obj.set_attribute_data(14, codec.decode(bytes.fromhex("120049")))
    assert obj.state is MacState.SWITCH
    assert obj.capabilities == MacCapabilities.SWITCH_CAPABLE | MacCapabilities.DIRECT_CONNECTION | \
        MacCapabilities.ARQ
    assert obj.encode_attribute(14).hex() == "120049"


def test_network_administration_known_bytes() -> None:
    obj = create_object(85)
    # direct table: one entry {1, 2, 3, 4, 5, 6, did 01 02}
    raw = bytes.fromhex("01010207" + "100001" + "100002" + "100003" + "100004" + "100005" + "100006" + "09020102")
    obj.set_attribute_data(4, codec.decode(raw))
    entry = obj.directTable[0]
    assert (entry.sourceSId, entry.destinationLcId, bytes(entry.did)) == (1, 6, b"\x01\x02")
    assert obj.encode_attribute(4) == raw


def test_application_identification_keeps_text_and_binary() -> None:
    obj = create_object(86)
    obj.set_attribute_data(2, bytearray(b"FW-1.2"))
    assert obj.firmwareVersion == "FW-1.2"
    assert obj.encode_attribute(2) == bytes.fromhex("0906") + b"FW-1.2"
    obj.set_attribute_data(2, bytearray(b"\xff\x01"))
    assert obj.firmwareVersion == bytearray(b"\xff\x01")
    assert obj.encode_attribute(2).hex() == "0902ff01"


def test_neighbour_table_entry_decodes_field_by_field() -> None:
    obj = populated(91)
    fresh = GXDLMSG3PlcMacSetup()
    fresh.set_attribute_data(11, codec.decode(obj.encode_attribute(11)))
    assert fresh.neighbourTable == obj.neighbourTable
    first = fresh.neighbourTable[0]
    assert first.modulation is Modulation.DQPSK and first.txGain == -3 and first.toneMap == "101100111000111111000011"


def test_g3_mac_setup_versions() -> None:
    obj = GXDLMSG3PlcMacSetup()
    obj.version = 1
    assert (obj.getAttributeCount(), obj.getMethodCount()) == (22, 1)
    obj.version = 2
    assert (obj.getAttributeCount(), obj.getMethodCount()) == (25, 2)
    lowpan = GXDLMSG3Plc6LoWPan()
    lowpan.version = 0
    assert lowpan.getAttributeCount() == 19
    lowpan.version = 1
    assert lowpan.getAttributeCount() == 21
    assert lowpan.deviceType is DeviceType.NOT_DEFINED


@pytest.mark.parametrize(("class_id", "index", "value"), [
    (85, 2, GXArray([GXStructure([1])])),                  # multicast entry with one member
    (85, 3, GXUInt16(5)),                                  # switch table that is not an array
    (91, 11, GXArray([5])),                                # neighbour entry that is not a structure
    (91, 5, GXArray([GXStructure([GXUInt16(1), True])])),  # key that is not an octet string
    (92, 6, GXArray([GXStructure([bytearray(b"x")] * 14)])),
    (92, 5, GXUInt16(1)),
    (86, 2, GXUInt16(1)),
])
def test_malformed_tables_raise_decode_error(class_id: int, index: int, value: Any) -> None:
    with pytest.raises(DecodeError):
        create_object(class_id).set_attribute_data(index, value)


@pytest.mark.parametrize("class_id", [81, 84, 90])
def test_counter_reset_zeroes_counters(class_id: int) -> None:
    obj = populated(class_id)
    assert any(obj.getValues()[1:])
    assert obj.invoke(None, ValueEventArgs(obj, 1, parameters=0)) is None
    assert obj.getValues()[1:] == [0] * (obj.getAttributeCount() - 1)


def test_llc_sscs_reset_forgets_addresses() -> None:
    obj = populated(80)
    obj.invoke(None, ValueEventArgs(obj, 1, parameters=0))
    assert (obj.serviceNodeAddress, obj.baseNodeAddress) == (0xFFE, 0)


def test_network_administration_reset_empties_tables() -> None:
    obj = populated(85)
    obj.invoke(None, ValueEventArgs(obj, 1, parameters=0))
    assert obj.getValues()[1:] == [[], [], [], [], []]


def test_g3_mac_methods_return_matching_entries() -> None:
    obj = populated(91)
    found = obj.invoke(None, ValueEventArgs(obj, 1, parameters=GXUInt16(1)))
    assert isinstance(found, GXArray) and len(found) == 2
    expected = GXDLMSG3PlcMacSetup()
    expected.neighbourTable = [neighbour(1), neighbour(1)]
    assert codec.encode(found) == expected.encode_attribute(11)
    assert obj.invoke(None, ValueEventArgs(obj, 1, parameters=GXUInt16(9))) == []
    pos = obj.invoke(None, ValueEventArgs(obj, 2, parameters=GXUInt16(3)))
    assert codec.encode(pos) == codec.encode(GXArray([GXStructure([GXUInt16(3), codec.typed(90, DataType.UINT8),
                                                                   codec.typed(30, DataType.UINT8)])]))
    assert obj.macPosTable[1] == GXDLMSMacPosTable(3, 90, 30)
    with pytest.raises(DecodeError):
        obj.invoke(None, ValueEventArgs(obj, 1, parameters=bytearray(b"\x01")))


def test_methods_a_class_lacks_are_refused() -> None:
    for class_id in (82, 83, 86, 92):
        obj = create_object(class_id)
        with pytest.raises(LocalProtocolError):
            obj.invoke(None, ValueEventArgs(obj, 1))
    old = GXDLMSG3PlcMacSetup()
    old.version = 1
    with pytest.raises(LocalProtocolError):
        old.invoke(None, ValueEventArgs(old, 2, parameters=GXUInt16(1)))


class RecordingClient:
    """Collects what a Gurux-style client is asked to send."""

    def __init__(self) -> None:
        self.calls: list[tuple[Any, int, Any, DataType]] = []

    def method(self, target: Any, index: int, value: Any, data_type: DataType) -> list[bytes]:
        self.calls.append((target, index, value, data_type))
        return [b""]


def test_client_helpers_name_method_and_parameter_type() -> None:
    client = RecordingClient()
    setup = GXDLMSG3PlcMacSetup()
    setup.getNeighbourTableEntry(client, 0x0102)
    setup.getPosTableEntry(client, 7)
    create_object(85).reset(client)
    create_object(80).reset(client)
    assert [(c[1], int(c[2]), c[3]) for c in client.calls] == [
        (1, 0x0102, DataType.UINT16), (2, 7, DataType.UINT16), (1, 0, DataType.INT8), (1, 0, DataType.INT8)]
