"""Random PLC table entries round-trip through A-XDR and the XML cache; random DLMS values through XML."""

from __future__ import annotations

import io
from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from lxml import etree
from strategies import canonical, compact_arrays, values

from gurux_dlms.cosem import GXDLMSObjectCollection, create_object
from gurux_dlms.cosem.classes.g3_plc_6lowpan import (
    GXDLMSBroadcastLogTable,
    GXDLMSContextInformationTable,
    GXDLMSRoutingConfiguration,
    GXDLMSRoutingTable,
)
from gurux_dlms.cosem.classes.g3_plc_mac import (
    GainResolution,
    GXDLMSMacPosTable,
    GXDLMSNeighbourTable,
    GXKeyValuePair,
    Modulation,
)
from gurux_dlms.cosem.classes.prime_plc_admin import (
    GXMacAvailableSwitch,
    GXMacDirectTable,
    GXMacMulticastEntry,
    GXMacPhyCommunication,
)
from gurux_dlms.cosem.xml_values import parse_value, value_element
from gurux_dlms.data import GXBitString, codec

u8 = st.integers(0, 0xFF)
u16 = st.integers(0, 0xFFFF)
i8 = st.integers(-0x80, 0x7F)
i16 = st.integers(-0x8000, 0x7FFF)
octets = st.binary(max_size=16).map(bytearray)
bits = st.text("01", max_size=40).map(GXBitString)

# (class id, attribute index, property, entry strategy)
TABLES: list[tuple[int, int, str, st.SearchStrategy[Any]]] = [
    (85, 2, "multicastEntries", st.builds(GXMacMulticastEntry, i8, i16)),
    (85, 3, "switchTable", i16),
    (85, 4, "directTable", st.builds(GXMacDirectTable, i16, i16, i16, i16, i16, i16, octets)),
    (85, 5, "availableSwitches", st.builds(GXMacAvailableSwitch, octets, i16, i16, i16, i16)),
    (85, 6, "communications", st.builds(GXMacPhyCommunication, octets, i8, i8, i8, i8, i8, i8, i8, i8)),
    (91, 5, "keyTable", st.builds(GXKeyValuePair, u8, octets)),
    (91, 11, "neighbourTable", st.builds(GXDLMSNeighbourTable, u16, st.booleans(), bits, st.sampled_from(Modulation),
                                         i8, st.sampled_from(GainResolution), bits, u8, i8, u8, u8)),
    (91, 25, "macPosTable", st.builds(GXDLMSMacPosTable, u16, u8, u8)),
    (92, 6, "routingConfiguration", st.builds(GXDLMSRoutingConfiguration, u8, u16, u8, u8, u8, u8, u8, u8, u8, u8,
                                              u16, st.booleans(), st.booleans(), u8)),
    (92, 8, "routingTable", st.builds(GXDLMSRoutingTable, u16, u16, u16, u8, u8, u16)),
    (92, 9, "contextInformationTable", st.builds(GXDLMSContextInformationTable, bits, u8, octets, st.booleans(),
                                                 u16)),
    (92, 10, "blacklistTable", st.builds(GXKeyValuePair, u16, u16)),
    (92, 11, "broadcastLogTable", st.builds(GXDLMSBroadcastLogTable, u16, u8, u16)),
    (92, 12, "groupTable", u16),
    (92, 21, "destinationAddress", u16),
]


@st.composite
def table_cases(draw: st.DrawFn) -> tuple[int, int, str, list[Any]]:
    class_id, index, name, entry = draw(st.sampled_from(TABLES))
    return class_id, index, name, draw(st.lists(entry, max_size=6))


@given(table_cases())
def test_random_table_entries_round_trip(case: tuple[int, int, str, list[Any]]) -> None:
    class_id, index, name, entries = case
    obj = create_object(class_id)
    setattr(obj, name, entries)
    raw = obj.encode_attribute(index)
    fresh = create_object(class_id)
    fresh.set_attribute_data(index, codec.decode(raw))
    assert getattr(fresh, name) == entries
    assert fresh.encode_attribute(index) == raw


@given(table_cases())
def test_random_table_entries_survive_the_xml_cache(case: tuple[int, int, str, list[Any]]) -> None:
    class_id, index, name, entries = case
    obj = create_object(class_id)
    setattr(obj, name, entries)
    buffer = io.BytesIO()
    GXDLMSObjectCollection([obj]).save(buffer)
    loaded = GXDLMSObjectCollection.load(io.BytesIO(buffer.getvalue()))[0]
    assert getattr(loaded, name) == entries
    assert loaded.encode_attribute(index) == obj.encode_attribute(index)


def _through_xml(value: Any) -> Any:
    text = etree.tostring(value_element("Value", value))
    return parse_value(etree.fromstring(text))


@given(values())
def test_any_dlms_value_survives_xml(value: Any) -> None:
    back = _through_xml(value)
    assert canonical(back) == canonical(codec.decode(codec.encode(value)))
    assert codec.encode(back) == codec.encode(value)


@given(compact_arrays())
def test_compact_arrays_survive_xml(value: Any) -> None:
    assert codec.encode(_through_xml(value)) == codec.encode(value)
