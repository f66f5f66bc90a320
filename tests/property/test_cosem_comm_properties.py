"""Random valid values of the structured attributes of the association, security and setup classes round-trip."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from strategies import date_times

from gurux_dlms.cosem import create_object, known_class_ids
from gurux_dlms.cosem.base import GXDLMSObject
from gurux_dlms.cosem.classes.cellular_diagnostic import GXAdjacentCell
from gurux_dlms.cosem.classes.image_transfer import GXDLMSImageActivateInfo
from gurux_dlms.cosem.classes.ip_setup import GXDLMSIp4SetupIpOption, GXNeighborDiscoverySetup
from gurux_dlms.cosem.classes.object_list import object_list_to_data, parse_object_list, set_access_selectors
from gurux_dlms.cosem.classes.object_references import GXDLMSCaptureObject
from gurux_dlms.cosem.classes.security_setup import GXDLMSCertificateInfo
from gurux_dlms.cosem.generic import GXDLMSGenericObject
from gurux_dlms.data import codec

LATIN1 = st.text(st.characters(max_codepoint=0xFF), max_size=20)
U16 = st.integers(0, 0xFFFF)
U32 = st.integers(0, 0xFFFFFFFF)
LN = st.binary(min_size=6, max_size=6).map(lambda b: ".".join(map(str, b)))


def _round_trip(obj: GXDLMSObject, index: int) -> GXDLMSObject:
    raw = obj.encode_attribute(index)
    fresh = create_object(int(obj.objectType))
    fresh.version = obj.version
    fresh.set_attribute_data(index, codec.decode(raw))
    assert fresh.encode_attribute(index) == raw
    return fresh


@st.composite
def _objects(draw: Any, version: int) -> GXDLMSObject:
    class_id = draw(st.sampled_from([*known_class_ids(), 250, 9000]))
    ln = draw(LN)
    obj: GXDLMSObject
    if class_id in (250, 9000):
        obj = GXDLMSGenericObject(ln, 0, class_id, draw(st.integers(1, 12)), draw(st.integers(0, 4)))
    else:
        obj = create_object(class_id, ln)
    obj.version = draw(st.integers(0, 255))
    attribute_modes = st.integers(0, 255) if version >= 3 else st.integers(0, 6)
    method_modes = st.integers(0, 255) if version >= 3 else st.integers(0, 1 if version == 0 else 2)
    for index in range(1, obj.getAttributeCount() + 1):
        if version >= 3:
            obj.setAccess3(index, draw(attribute_modes))
        else:
            obj.setAccess(index, draw(attribute_modes))
        if draw(st.booleans()):
            set_access_selectors(obj, index, tuple(draw(st.lists(st.integers(-128, 127), max_size=3))))
    for index in range(1, obj.getMethodCount() + 1):
        if version >= 3:
            obj.setMethodAccess3(index, draw(method_modes))
        else:
            obj.setMethodAccess(index, draw(method_modes))
    return obj


@given(st.integers(0, 3).flatmap(lambda v: st.tuples(st.just(v), st.lists(_objects(v), max_size=6))))
def test_object_lists_round_trip(case: tuple[int, list[GXDLMSObject]]) -> None:
    version, objects = case
    data = codec.encode(object_list_to_data(objects, version))
    parsed = parse_object_list(data, version)
    assert codec.encode(object_list_to_data(parsed, version)) == data
    assert [(int(o.objectType), o.logicalName, o.version) for o in parsed] == [
        (int(o.objectType), o.logicalName, o.version) for o in objects]
    assert codec.encode(object_list_to_data(parse_object_list(codec.decode(data), version), version)) == data


@given(st.lists(st.tuples(U16, LATIN1), max_size=5))
def test_sap_assignment_list(value: list[tuple[int, str]]) -> None:
    obj: Any = create_object(17)
    obj.sapAssignmentList = value
    assert _round_trip(obj, 2).sapAssignmentList == value  # type: ignore[attr-defined]


@given(st.lists(st.tuples(st.integers(0, 255), LATIN1), max_size=4), st.tuples(st.integers(0, 255), LATIN1))
def test_association_users(users: list[tuple[int, str]], current: tuple[int, str]) -> None:
    obj: Any = create_object(15)
    obj.userList, obj.currentUser = users, current
    assert _round_trip(obj, 10).userList == users  # type: ignore[attr-defined]
    assert _round_trip(obj, 11).currentUser == current  # type: ignore[attr-defined]


@given(st.lists(st.tuples(date_times(), date_times()), max_size=3), st.sampled_from([(28, 3), (29, 5), (40, 4)]))
def test_date_time_windows(windows: list[Any], where: tuple[int, int]) -> None:
    class_id, index = where
    obj = create_object(class_id)
    name = obj.attribute(index).name
    setattr(obj, name, windows)
    assert getattr(_round_trip(obj, index), name) == windows


@given(U32, st.lists(U32, max_size=4), st.lists(st.tuples(st.integers(0, 255), st.integers(0, 255),
                                                          st.binary(max_size=8)), max_size=3))
def test_ipv4_setup(address: int, multicast: list[int], options: list[tuple[int, int, bytes]]) -> None:
    obj: Any = create_object(42)
    obj.ipAddress = str(address >> 24) + "." + ".".join(str(address >> s & 0xFF) for s in (16, 8, 0))
    obj.multicastIPAddress = [f"{m >> 24}.{m >> 16 & 255}.{m >> 8 & 255}.{m & 255}" for m in multicast]
    obj.ipOptions = [GXDLMSIp4SetupIpOption(*option) for option in options]
    assert obj.encode_attribute(3) == codec.encode(codec.typed(address, 6))
    assert _round_trip(obj, 3).ipAddress == obj.ipAddress  # type: ignore[attr-defined]
    assert _round_trip(obj, 4).multicastIPAddress == obj.multicastIPAddress  # type: ignore[attr-defined]
    assert [(int(o.type), o.length, o.data) for o in _round_trip(obj, 5).ipOptions] == options  # type: ignore[attr-defined]


@given(st.lists(st.binary(min_size=16, max_size=16), max_size=3),
       st.lists(st.tuples(st.integers(0, 255), U16, U32), max_size=3))
def test_ipv6_setup(addresses: list[bytes], discovery: list[tuple[int, int, int]]) -> None:
    obj: Any = create_object(48)
    obj.unicastIPAddress = [bytearray(a) for a in addresses]
    obj.neighborDiscoverySetup = [GXNeighborDiscoverySetup(*d) for d in discovery]
    fresh: Any = _round_trip(obj, 4)
    assert len(fresh.unicastIPAddress) == len(addresses) and all(isinstance(a, str) for a in fresh.unicastIPAddress)
    assert _round_trip(obj, 10).neighborDiscoverySetup == obj.neighborDiscoverySetup  # type: ignore[attr-defined]


@given(st.lists(st.tuples(st.sampled_from(sorted(set(known_class_ids()) - {15})), st.binary(min_size=6, max_size=6),
                          st.integers(-128, 127), U16), max_size=4))
def test_push_object_list(entries: list[tuple[int, bytes, int, int]]) -> None:
    obj: Any = create_object(40)
    obj.pushObjectList = [(create_object(c, ".".join(map(str, ln))), GXDLMSCaptureObject(a, d)) for c, ln, a, d in entries]
    fresh: Any = _round_trip(obj, 2)
    assert [(int(o.objectType), o.logicalName, c.attributeIndex, c.dataIndex) for o, c in fresh.pushObjectList] == [
        (int(o.objectType), o.logicalName, c.attributeIndex, c.dataIndex) for o, c in obj.pushObjectList]


NAMES = st.text(st.characters(exclude_categories=["Cs"]), max_size=12)


@given(st.lists(st.tuples(st.integers(0, 255), st.integers(0, 255), st.integers(0, 1 << 160), NAMES, NAMES, NAMES),
                max_size=3))
def test_certificates(certificates: list[tuple[Any, ...]]) -> None:
    obj: Any = create_object(64)
    obj.certificates = [GXDLMSCertificateInfo(*c) for c in certificates]
    assert _round_trip(obj, 6).certificates == obj.certificates  # type: ignore[attr-defined]


@given(st.dictionaries(U32, st.binary(max_size=32), max_size=4))
def test_ntp_keys(keys: dict[int, bytes]) -> None:
    obj: Any = create_object(100)
    obj.keys = keys
    assert _round_trip(obj, 6).keys == keys  # type: ignore[attr-defined]


@given(st.lists(st.tuples(U32, st.binary(max_size=10), st.binary(max_size=10)), max_size=3))
def test_image_activate_info(infos: list[tuple[int, bytes, bytes]]) -> None:
    obj: Any = create_object(18)
    obj.imageActivateInfo = [GXDLMSImageActivateInfo(*i) for i in infos]
    assert _round_trip(obj, 7).imageActivateInfo == obj.imageActivateInfo  # type: ignore[attr-defined]


@given(st.lists(st.tuples(U32, st.integers(0, 255)), max_size=4), st.integers(0, 1))
def test_gsm_adjacent_cells(cells: list[tuple[int, int]], version: int) -> None:
    obj: Any = create_object(47, version=version)
    obj.adjacentCells = [GXAdjacentCell(c if version else c & 0xFFFF, q) for c, q in cells]
    assert _round_trip(obj, 7).adjacentCells == obj.adjacentCells  # type: ignore[attr-defined]
