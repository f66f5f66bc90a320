"""OBIS descriptions from value groups, GXDLMSConverter and the Standard enum."""

from __future__ import annotations

import pytest

from gurux_dlms.converter import GXDLMSConverter
from gurux_dlms.cosem import GXDLMSObjectCollection, ObjectType, create_object
from gurux_dlms.cosem.obis_names import describe, parse_tables, tables
from gurux_dlms.cosem.standard import Standard
from gurux_dlms.data import DataType
from gurux_dlms.errors import ConfigurationError


@pytest.mark.parametrize(("ln", "text"), [
    ("0.0.1.0.0.255", "Ch. 0 Clock object #1"),
    ("1.1.21.25.0.255", "Ch. 1 L1 Active power+ (QI+QIV) Last avg. 3"),
    ("0.0.40.0.0.255", "Ch. 0 Current association"),
    ("0.0.40.0.2.255", "Ch. 0 Association #2"),
    ("0.0.42.0.0.255", "Ch. 0 COSEM logical device name"),
    ("0.0.41.0.0.255", "Ch. 0 SAP assignment"),
    ("0.0.22.0.0.255", "Ch. 0 IEC HDLC setup #1"),
    ("1.0.1.8.0.255", "Ch. 0 Active power+ (QI+QIV) Time integral 1"),
    ("1.0.2.8.3.255", "Ch. 0 Active power- (QII+QIII) Time integral 1 Rate 3"),
    ("1.0.32.7.0.255", "Ch. 0 L1 Voltage Instantaneous value"),
    ("1.0.51.7.0.255", "Ch. 0 L2 Current Instantaneous value"),
    ("1.0.73.7.0.255", "Ch. 0 L3 Power factor Instantaneous value"),
    ("1.0.12.35.2.255", "Ch. 0 Voltage any phase Over limit threshold #2"),
    ("1.0.1.8.0.3", "Ch. 0 Active power+ (QI+QIV) Time integral 1 Billing period 3"),
    ("1.0.99.1.0.255", "Ch. 0 Load profile with recording period 1"),
    ("1.0.0.9.1.255", "Ch. 0 Local time"),
    ("7.0.99.98.1.255", "Ch. 0 Gas event log #2"),
    ("0.0.10.0.106.255", "Ch. 0 Disconnect control script table"),
    ("0.0.96.1.0.255", "Ch. 0 Meter serial number"),
    ("0.2.24.1.0.255", "Ch. 2 M-Bus client #1"),
    ("0.0.29.2.0.255", "Ch. 0 G3-PLC 6LoWPAN adaptation layer setup #1"),
    ("1.0.128.8.0.255", "Ch. 0 Manufacturer specific"),
    ("1-0:1.8.0*255", "Ch. 0 Active power+ (QI+QIV) Time integral 1"),
    (bytes([1, 0, 1, 8, 0, 255]), "Ch. 0 Active power+ (QI+QIV) Time integral 1"),
])
def test_descriptions_from_value_groups(ln: str | bytes, text: str) -> None:
    assert describe(ln) == text


def test_unknown_codes_have_no_description() -> None:
    assert describe("1.0.100.8.0.255") is None   # reserved quantity
    assert describe("1.0.1.99.0.255") is None    # no such processing
    assert describe("0.0.250.0.0.255") is None


def test_companion_standards_override_codes() -> None:
    assert describe("0.0.94.91.0.255") == "Ch. 0 Country specific identifier"
    assert describe("0.0.94.91.0.255", Standard.INDIA) == "Ch. 0 Cumulative tamper count"
    assert describe("0.0.96.11.1.255", Standard.IDIS) == "Ch. 0 Fraud detection event code"
    assert describe("0.0.1.0.0.255", Standard.IDIS) == "Ch. 0 Clock object #1"


def test_invalid_logical_name_is_a_configuration_error() -> None:
    with pytest.raises(ConfigurationError):
        describe("1.0.1.8.0")
    with pytest.raises(ConfigurationError):
        GXDLMSConverter().getDescription("1.2.3.4.5.256")


def test_data_file_is_parsed_into_lookup_tables() -> None:
    t = tables()
    assert t.quantity[1] == "Active power+ (QI+QIV)" and t.processing[25] == "Last avg. 3"
    assert (96, 50, None) in t.abstract and (96, 99, None) in t.abstract  # ranges are expanded once
    with pytest.raises(ValueError, match="line 2"):
        parse_tables("[abstract]\nno separator here\n")
    with pytest.raises(ValueError, match="unknown section"):
        parse_tables("[nonsense]\n1\tx\n")


def test_standard_enum_values() -> None:
    assert [(s.name, int(s)) for s in Standard] == [
        ("DLMS", 0), ("INDIA", 1), ("ITALY", 2), ("SAUDI_ARABIA", 3), ("IDIS", 4), ("SPAIN", 5)]


def test_converter_get_description_returns_a_list() -> None:
    converter = GXDLMSConverter()
    assert converter.standard is Standard.DLMS
    assert converter.getDescription("0.0.1.0.0.255", ObjectType.CLOCK) == ["Ch. 0 Clock object #1"]
    assert converter.getDescription("1.0.100.8.0.255") == []
    assert converter.getDescription("") == []
    assert GXDLMSConverter(Standard.INDIA).getDescription("0.0.94.91.12.255") == ["Ch. 0 Current rating"]


def test_update_obis_code_information_sets_descriptions_and_date_ui_types() -> None:
    objects = GXDLMSObjectCollection([
        create_object(8), create_object(3, "1.0.1.8.0.255"), create_object(1, "1.0.0.9.2.255"),
        create_object(1, "0.0.0.1.2.255"), create_object(1, "1.0.100.8.0.255")])
    GXDLMSConverter().updateOBISCodeInformation(objects)
    assert [o.description for o in objects] == [
        "Ch. 0 Clock object #1", "Ch. 0 Active power+ (QI+QIV) Time integral 1", "Ch. 0 Local date",
        "Ch. 0 Time stamp of the most recent billing period", ""]
    assert objects[2].getUIDataType(2) == DataType.DATE
    assert objects[3].getUIDataType(2) == DataType.DATETIME
    objects[2].set_attribute_data(2, bytearray.fromhex("07E80B1807"))
    assert str(objects[2].value) == "11/24/24"
    single = create_object(1, "0.0.42.0.0.255")
    GXDLMSConverter().updateOBISCodeInformation(single)
    assert single.description == "Ch. 0 COSEM logical device name"
