"""Association LN and SN: object lists (the W4 workload, every access-right form), context values, methods."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from cosem_group2_samples import POPULATED, round_trip

from gurux_dlms.apdu.conformance import Conformance
from gurux_dlms.cosem import GXDLMSObjectCollection, ObjectType, ValueEventArgs, create_object
from gurux_dlms.cosem.access import AccessMode, AccessMode3, MethodAccessMode, MethodAccessMode3
from gurux_dlms.cosem.classes.association_context import (
    ApplicationContextName,
    AssociationStatus,
    GXApplicationContextName,
)
from gurux_dlms.cosem.classes.association_ln import GXDLMSAssociationLogicalName, parse_object_list
from gurux_dlms.cosem.classes.association_sn import GXDLMSAssociationShortName, parse_sn_object_list
from gurux_dlms.cosem.classes.clock import GXDLMSClock
from gurux_dlms.cosem.classes.object_list import (
    access_selectors,
    encode_object_list,
    object_list_element,
    object_list_to_data,
    set_access_selectors,
)
from gurux_dlms.cosem.classes.register import GXDLMSRegister
from gurux_dlms.cosem.generic import GXDLMSGenericObject
from gurux_dlms.data import GXArray, GXStructure, GXUInt16, codec
from gurux_dlms.errors import DecodeError, LocalProtocolError
from gurux_dlms.security.enums import Authentication
from gurux_dlms.security.hls import HlsContext, client_answer, server_answer

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "data"


class Settings:
    def __init__(self, **fields: Any) -> None:
        self.__dict__.update(fields)


class RecordingClient:
    def method(self, obj: Any, index: int, value: Any, data_type: Any) -> list[tuple[int, bytes]]:
        return [(index, codec.encode(value, data_type))]

    def write(self, obj: Any, index: int) -> list[tuple[str, int]]:
        return [("write", index)]


def _w4() -> tuple[bytes, dict[str, Any]]:
    pdu = bytes.fromhex((BENCH / "assoc.hex").read_text().strip())
    expected = json.loads((BENCH / "expected.json").read_text())["W4"]
    return pdu, expected


def test_w4_object_list_parses_to_the_expected_objects() -> None:
    pdu, expected = _w4()
    assert pdu[:4] == bytes.fromhex("C401C100")
    objects = parse_object_list(pdu[4:], expected["association_ln_version"])
    assert isinstance(objects, GXDLMSObjectCollection) and len(objects) == expected["objects"]
    assert sum(int(o.objectType) for o in objects) == expected["sum_class_id"]
    assert sum(o.version for o in objects) == expected["sum_version"]
    assert sum(len(o._access) for o in objects) == expected["attribute_access_items"]
    assert sum(len(o._method_access) for o in objects) == expected["method_access_items"]
    assert dict(Counter(str(int(o.objectType)) for o in objects)) == expected["by_class"]
    names = "\n".join(o.logicalName for o in objects).encode()
    assert hashlib.sha256(names).hexdigest() == expected["logical_names_in_order_sha256"]
    first, clock, sap = objects[:3]
    assert isinstance(first, GXDLMSAssociationLogicalName) and first.version == 2
    assert isinstance(clock, GXDLMSClock) and clock.logicalName == "0.0.1.0.0.255"
    assert int(sap.objectType) == ObjectType.SAP_ASSIGNMENT and sap.logicalName == "0.0.41.0.0.255"
    profiles = objects.getObjects(ObjectType.PROFILE_GENERIC)
    assert profiles and all(access_selectors(p, 2) == (1, 2) for p in profiles)
    assert all(isinstance(o.getAccess(2), AccessMode) for o in objects)
    assert objects.findByLN(ObjectType.CLOCK, "0.0.1.0.0.255") is clock


def test_w4_elements_re_encode_as_received() -> None:
    pdu, _ = _w4()
    value = codec.decode(pdu[4:])
    objects = parse_object_list(pdu[4:], 2)
    same = [i for i, obj in enumerate(objects)
            if obj.getAttributeCount() == len(value[i][3][0]) and obj.getMethodCount() == len(value[i][3][1])]
    assert len(same) > 1000  # classes whose counts the list agrees with
    for i in same:
        assert codec.encode(object_list_element(objects[i], 2)) == codec.encode(value[i]), objects[i]


def test_fast_and_generic_paths_agree() -> None:
    pdu, _ = _w4()
    from_bytes = parse_object_list(pdu[4:], 2)
    from_tree = parse_object_list(codec.decode(pdu[4:]), 2)
    assert [(o.objectType, o.version, o.logicalName, o._access, o._method_access) for o in from_bytes] == [
        (o.objectType, o.version, o.logicalName, o._access, o._method_access) for o in from_tree]
    # an element written with long-form lengths is read through the generic decoder
    odd = bytes.fromhex("0101020412000311000906010001080Aff020201810102030f011601000100")
    (obj,) = parse_object_list(odd, 2)
    assert isinstance(obj, GXDLMSRegister) and obj.logicalName == "1.0.1.8.10.255" and obj.getAccess(1) == 1


def _sample_objects() -> list[Any]:
    register = GXDLMSRegister("1.0.1.8.0.255")
    register.setAccess(2, AccessMode.READ_WRITE)
    register.setMethodAccess(1, MethodAccessMode.AUTHENTICATED_ACCESS)
    profile = create_object(7, "1.0.99.1.0.255")
    set_access_selectors(profile, 2, (1, 2))
    unknown = GXDLMSGenericObject("0.0.99.98.0.255", 0, 9999, 3, 1)
    return [GXDLMSClock(), register, profile, unknown]


@pytest.mark.parametrize("version", [0, 1, 2, 3])
def test_object_list_round_trips_in_every_access_right_form(version: int) -> None:
    data = codec.encode(object_list_to_data(_sample_objects(), version))
    parsed = parse_object_list(data, version)
    assert codec.encode(object_list_to_data(parsed, version)) == data
    assert parse_object_list(codec.decode(data), version)[1].getMethodAccess(1) == parsed[1].getMethodAccess(1)
    register = parsed[1]
    if version == 0:
        assert b"\x02\x02\x0f\x01\x03\x01" in data  # method access is a boolean
        assert register.getMethodAccess(1) == MethodAccessMode.ACCESS
    elif version == 3:
        assert register.getAccess3(2) == AccessMode3.READ_WRITE and register.getAccess(2) == AccessMode.READ_WRITE
        assert register.getMethodAccess3(1) == MethodAccessMode3.ACCESS
    else:
        assert register.getMethodAccess(1) == MethodAccessMode.AUTHENTICATED_ACCESS
    assert access_selectors(parsed[2], 2) == (1, 2) and access_selectors(parsed[1], 2) is None
    assert isinstance(parsed[3], GXDLMSGenericObject) and parsed[3].getAttributeCount() == 3


def test_version_3_flags_map_to_read_and_write() -> None:
    flags = AccessMode3.READ | AccessMode3.AUTHENTICATED_REQUEST | AccessMode3.ENCRYPTED_RESPONSE
    element = GXStructure([GXUInt16(1), 0, bytearray(b"\0\0\x60\x01\0\xff"),
                           GXStructure([GXArray([GXStructure([1, int(flags), None])]), GXArray()])])
    (obj,) = parse_object_list([element], 3)
    assert obj.getAccess3(1) == flags and obj.getAccess(1) == AccessMode.AUTHENTICATED_READ and obj.canRead(1)


def test_existing_objects_are_reused() -> None:
    clock = GXDLMSClock()
    data = codec.encode(object_list_to_data([GXDLMSClock(), GXDLMSRegister("1.0.1.8.0.255")], 2))
    parsed = parse_object_list(data, 2, [clock])
    assert parsed[0] is clock and parsed[1] is not clock


@pytest.mark.parametrize("data", [
    b"", b"\x02\x00", b"\x01\x05\x00", bytes.fromhex("010102041200031100090501000108ff0202010001 00"),
    bytes.fromhex("01010204120003110009060100010800ff02020100010000"),  # one byte too many
    bytes.fromhex("0101020412000311000906010001080aff02020101020316010f0116000100"),  # members in disorder
    bytes.fromhex("0101020412000311000906010001080aff0202010102030901001600000100"),  # an octet-string id
])
def test_malformed_object_lists_raise_decode_error(data: bytes) -> None:
    with pytest.raises(DecodeError):
        parse_object_list(data, 2)


def test_elements_without_access_rights_are_accepted() -> None:
    (obj,) = parse_object_list(bytes.fromhex("01010203120003110009060100010800ff"), 2)
    assert obj.logicalName == "1.0.1.8.0.255" and obj._access == {}


def test_truncated_w4_raises_decode_error() -> None:
    pdu, _ = _w4()
    for cut in (5, 1000, 50_000, len(pdu) - 1):
        with pytest.raises(DecodeError):
            parse_object_list(pdu[4:cut], 2)


def test_association_defaults_encode_where_gurux_crashes() -> None:
    association = GXDLMSAssociationLogicalName()
    assert association.encode_attribute(3).hex() == "02020f00120000"
    assert association.encode_attribute(5).hex() == "0206041800000012ffff12ffff11060f000900"
    assert association.encode_attribute(4).hex() == "0207110211101202f41105110811011101"


def test_context_names_in_both_forms() -> None:
    association = GXDLMSAssociationLogicalName()
    ber = bytes.fromhex("09076085740508010 3".replace(" ", ""))
    association.set_attribute_data(4, codec.decode(ber))
    name = association.applicationContextName
    assert name.contextId == ApplicationContextName.LOGICAL_NAME_WITH_CIPHERING and name.asOctetString
    assert association.encode_attribute(4) == ber and str(name) == "2.16.756.5.8.1.3"
    association.set_attribute_data(6, codec.decode(bytes.fromhex("0207110211101202f41105110811021105")))
    assert association.authenticationMechanismName.mechanismId == Authentication.HIGH_GMAC
    with pytest.raises(DecodeError):
        association.set_attribute_data(4, bytearray(b"\x60\x85"))
    assert GXApplicationContextName.from_data(bytearray(b"\x06\x07" + ber[2:])).asOctetString


def test_xdlms_context_conformance_is_read_as_flags() -> None:
    association = GXDLMSAssociationLogicalName()
    association.set_attribute_data(5, codec.decode(bytes.fromhex("02060418001e5d1204001204001106" "0f00" "0900")))
    info = association.xDLMSContextInfo
    assert info.conformance == Conformance(0xBA7800) and isinstance(info.conformance, Conformance)
    assert (info.maxReceivePduSize, info.maxSendPduSize, info.dlmsVersionNumber) == (1024, 1024, 6)
    assert association.encode_attribute(5).hex() == "02060418001e5d1204001204001106" "0f00" "0900"


def test_association_methods_on_the_server() -> None:
    association: Any = POPULATED[15]()
    client = RecordingClient()
    settings = Settings(objects=GXDLMSObjectCollection([GXDLMSClock()]))
    added = GXDLMSRegister("1.0.2.8.0.255")
    (index, raw), = association.addObject(client, added)
    association.invoke(settings, ValueEventArgs(association, index, parameters=codec.decode(raw)))
    assert association.objectList.findByLN(ObjectType.REGISTER, "1.0.2.8.0.255") is not None
    (index, raw), = association.removeObject(client, added)
    association.invoke(settings, ValueEventArgs(association, index, parameters=codec.decode(raw)))
    assert association.objectList.findByLN(ObjectType.REGISTER, "1.0.2.8.0.255") is None
    (index, raw), = association.addUser(client, 9, "service")
    association.invoke(settings, ValueEventArgs(association, index, parameters=codec.decode(raw)))
    (index, raw), = association.removeUser(client, 1, "operator")
    association.invoke(settings, ValueEventArgs(association, index, parameters=codec.decode(raw)))
    assert association.userList == [(2, "reader"), (9, "service")]
    association.authenticationMechanismName.mechanismId = Authentication.HIGH_MD5
    association.secret = b"new secret"
    (index, raw), = association.updateSecret(client)
    fresh = GXDLMSAssociationLogicalName()
    fresh.invoke(settings, ValueEventArgs(fresh, index, parameters=codec.decode(raw)))
    assert fresh.secret == b"new secret"
    association.authenticationMechanismName.mechanismId = Authentication.LOW
    assert association.updateSecret(client) == [("write", 7)]
    association.authenticationMechanismName.mechanismId = Authentication.NONE
    with pytest.raises(LocalProtocolError):
        association.updateSecret(client)


def test_hls_reply_on_the_server() -> None:
    context = HlsContext(Authentication.HIGH_SHA1, ctos=b"C" * 16, stoc=b"S" * 16, secret=b"Gurux")
    association = GXDLMSAssociationLogicalName()
    association.associationStatus = AssociationStatus.ASSOCIATION_PENDING
    e = ValueEventArgs(association, 1, parameters=bytearray(client_answer(context)))
    assert association.invoke(Settings(hls_context=context), e) == server_answer(context)
    assert association.associationStatus == AssociationStatus.ASSOCIATED and e.error == 0
    e = ValueEventArgs(association, 1, parameters=bytearray(b"wrong" * 4))
    assert association.invoke(Settings(hls_context=context), e) is None
    assert e.error == 3 and association.associationStatus == AssociationStatus.NON_ASSOCIATED
    with pytest.raises(LocalProtocolError, match="hls_context"):
        association.invoke(Settings(), ValueEventArgs(association, 1, parameters=bytearray(20)))
    calls: list[Any] = []

    def verify_hls_reply(target: Any, reply: bytes) -> bytes | None:
        calls.append((target, reply))
        return b"pass 4" if reply == b"good" else None

    e = ValueEventArgs(association, 1, parameters=bytearray(b"good"))
    assert association.invoke(Settings(verify_hls_reply=verify_hls_reply), e) == b"pass 4"
    e = ValueEventArgs(association, 1, parameters=bytearray(b"bad"))
    assert association.invoke(Settings(verify_hls_reply=verify_hls_reply), e) is None and e.error == 3
    assert calls == [(association, b"good"), (association, b"bad")]


def test_association_versions() -> None:
    assert (create_object(15, version=0).getAttributeCount(), create_object(15, version=0).getMethodCount()) == (8, 4)
    assert create_object(15, version=1).getAttributeCount() == 9
    assert create_object(12, version=0).getAttributeCount() == 3


def test_short_name_association() -> None:
    association: Any = POPULATED[12]()
    assert association.shortName == 0xFA00
    raw = association.encode_attribute(2)
    assert raw.hex().startswith("01020204103000120003")  # base name 0x3000 as long
    assert "10fb00" in raw.hex()  # 0xFB00 travels as a negative long
    fresh: Any = round_trip(association)[0]
    assert parse_sn_object_list(association.encode_attribute(2))[1].shortName == 0xFB00
    assert [o.shortName for o in fresh.objectList] == [0x3000, 0xFB00]
    assert fresh.objectList[0].getAccess(3) == AccessMode.READ_WRITE
    found = association.invoke(None, ValueEventArgs(association, 1, parameters=GXArray([GXUInt16(8)])))
    assert len(found) == 1 and found[0][1] == 8 and found[0][0] == 0xFB00 - 0x10000
    element = association.invoke(None, ValueEventArgs(association, 2, parameters=GXStructure(
        [GXUInt16(3), bytearray(b"\x01\x00\x01\x08\x00\xff")])))
    assert element[0] == 0x3000
    association.objectList[0].value = GXUInt16(77)
    values = association.invoke(None, ValueEventArgs(association, 3, parameters=GXArray([GXStructure(
        [GXUInt16(3), bytearray(b"\x01\x00\x01\x08\x00\xff"), 2])])))
    assert values == [77]
    association.invoke(None, ValueEventArgs(association, 5, parameters=bytearray(b"12345678")))
    assert association.secret == b"12345678"
    assert isinstance(GXDLMSAssociationShortName(), GXDLMSAssociationShortName)


@pytest.mark.parametrize("version", [0, 1, 2, 3])
def test_direct_object_list_encoder_matches_the_value_tree(version: int) -> None:
    pdu, _ = _w4()
    objects = [*parse_object_list(pdu[4:], 2)[:300], *_sample_objects()]
    assert encode_object_list(objects, version) == codec.encode(object_list_to_data(objects, version))
    association = GXDLMSAssociationLogicalName()
    association.version = version
    association.objectList.extend(objects)
    assert association.encode_attribute(2) == codec.encode(association.get_attribute_data(2))


def test_selectors_are_what_the_view_says() -> None:
    profile = create_object(7, "1.0.99.1.0.255")
    assert access_selectors(profile, 2) == (1, 2)  # what the class declares
    set_access_selectors(profile, 2, None)
    data = codec.encode(object_list_to_data([profile], 2))
    (parsed,) = parse_object_list(data, 2)
    assert access_selectors(parsed, 2) is None and codec.encode(object_list_to_data([parsed], 2)) == data


def test_short_name_rights_may_come_before_the_object_list() -> None:
    association: Any = POPULATED[12]()
    objects, rights = association.encode_attribute(2), association.encode_attribute(3)
    fresh: Any = GXDLMSAssociationShortName()
    fresh.set_attribute_data(3, codec.decode(rights))
    assert len(fresh.pendingRights) == 2
    fresh.set_attribute_data(2, codec.decode(objects))
    assert fresh.pendingRights == [] and fresh.objectList[0].getAccess(3) == AccessMode.READ_WRITE
    assert fresh.encode_attribute(3) == rights
