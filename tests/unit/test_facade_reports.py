"""GXDLMSClient: parseReport, parsePushObjects, accessRequest/parseAccessResponse; value classes; new enums."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from vectors.loader import load, raw

from gurux_dlms import (
    GXDLMSAccessItem,
    GXDLMSClient,
    GXDLMSGateway,
    GXDLMSNotify,
    GXReplyData,
    GXWriteItem,
    GXXmlLoadSettings,
)
from gurux_dlms.apdu.access import AccessRequest, AccessResponse, AccessResponseSpecification
from gurux_dlms.apdu.base import decode_apdu
from gurux_dlms.data.datetime import GXDateTime
from gurux_dlms.data.types import DataType, GXInt8, GXUInt16, GXUInt32
from gurux_dlms.enums import (
    AccessServiceCommandType,
    BerType,
    ErrorCode,
    HdlcFrameType,
    InterfaceType,
    PduType,
)
from gurux_dlms.errors import DecodeError, LocalProtocolError
from gurux_dlms.framing.hdlc_frame import encode_frame
from gurux_dlms.objects import GXDLMSCaptureObject, GXDLMSClock, GXDLMSData, GXDLMSPushSetup, GXDLMSRegister

WHEN = datetime(2024, 3, 1, 12, 0, 0, tzinfo=timezone.utc)


def _client(ln: bool = True) -> GXDLMSClient:
    return GXDLMSClient(ln, 16, 1, interfaceType=InterfaceType.PDU)


def _receive(client: GXDLMSClient, pdu: bytes) -> GXReplyData:
    reply = GXReplyData()
    assert client.getData(bytes(pdu), reply)
    return reply


# --- parseReport -------------------------------------------------------------------------------
def test_event_notification_updates_the_known_object() -> None:
    meter_register = GXDLMSRegister("1.0.1.8.0.255")
    meter_register.setDataType(2, DataType.UINT32)
    meter_register.value = 4321
    pdu = GXDLMSNotify(True, 16, 1, InterfaceType.PDU).generateReport(WHEN, [(meter_register, 2)])[0]
    client = _client()
    mine = GXDLMSRegister("1.0.1.8.0.255")
    client.objects.append(mine)
    reply = _receive(client, pdu)
    found: list[tuple[object, int]] = []
    assert client.parseReport(reply, found) is mine
    assert found == [(mine, 2)] and mine.value == 4321
    meter_register.value = 5000
    pdu = GXDLMSNotify(True, 16, 1, InterfaceType.PDU).generateReport(None, [(meter_register, 2)])[0]
    assert client.parseReport(bytes(pdu), found) is mine and mine.value == 5000  # the APDU's bytes work too


def test_event_notification_of_an_unknown_object_creates_one() -> None:
    clock = GXDLMSClock("0.0.1.0.0.255")
    clock.time = GXDateTime(WHEN)
    pdu = GXDLMSNotify(True, 16, 1, InterfaceType.PDU).generateReport(None, [(clock, 2)])[0]
    client = _client()
    target = client.parseReport(_receive(client, pdu), [])
    assert isinstance(target, GXDLMSClock) and target.time.value == WHEN


def test_information_report_updates_objects_by_short_name() -> None:
    meter = []
    for base, value in ((0x4A40, 11), (0x0100, 22)):
        register = GXDLMSRegister("1.0.1.8.0.255")
        register.shortName = base
        register.setDataType(2, DataType.UINT32)
        register.value = value
        meter.append((register, 2))
    unknown = GXDLMSRegister("1.0.2.8.0.255")
    unknown.shortName = 0x7000
    unknown.setDataType(3, DataType.STRUCTURE)
    pdu = GXDLMSNotify(False, 16, 1, InterfaceType.PDU).generateReport(None, [*meter, (unknown, 2)])[0]
    client = _client(ln=False)
    first, second = GXDLMSRegister("1.0.1.8.0.255"), GXDLMSRegister("1.0.1.8.1.255")
    first.shortName, second.shortName = 0x4A40, 0x0100
    client.objects.extend([first, second])
    found: list[tuple[object, int]] = []
    assert client.parseReport(_receive(client, pdu), found) is found
    assert found == [(first, 2), (second, 2)]  # 0x7008 names no known object: left out
    assert (first.value, second.value) == (11, 22)


def test_data_notification_gives_its_value_and_a_push_without_list_its_values() -> None:
    data = GXDLMSData("0.0.96.1.0.255")
    data.value = GXUInt16(7)
    pdu = GXDLMSNotify(True, 16, 1, InterfaceType.PDU).generateDataNotificationMessages(None, [(data, 2)])[0]
    client = _client()
    reply = _receive(client, pdu)
    value = client.parseReport(reply, [])
    assert value == [7] == reply.value
    assert client.parsePushObjects(value) == [7]
    with pytest.raises(LocalProtocolError):
        client.parseReport(_receive(client, bytes.fromhex("C4 01 C1 00 12 00 07")), [])


# --- parsePushObjects ----------------------------------------------------------------------------
def _self_describing_push() -> list[object]:
    push = GXDLMSPushSetup("0.0.25.9.0.255")
    register = GXDLMSRegister("1.0.1.8.0.255")
    register.setDataType(2, DataType.UINT32)
    register.value = 99
    push.pushObjectList = [(push, GXDLMSCaptureObject(2, 0)), (register, GXDLMSCaptureObject(2, 0))]
    pdu = GXDLMSNotify(True, 16, 1, InterfaceType.PDU).generatePushSetupMessages(None, push)[0]
    return _receive(_client(), pdu).value


def test_parse_push_objects_the_gurux_way() -> None:
    """As Gurux's push listener example: the object list is the first value, then updateValue per object."""
    value = _self_describing_push()
    client = _client()
    objects = client.parsePushObjects(value[0])
    assert [(o.logicalName, int(i)) for o, i in objects] == [("0.0.25.9.0.255", 2), ("1.0.1.8.0.255", 2)]
    objects.pop(0)
    for position, (obj, index) in enumerate(objects, start=1):
        client.updateValue(obj, index, value[position])
    assert objects[0][0].value == 99 and len(client.objects) == 2


def test_parse_push_objects_of_the_whole_push_stores_the_values() -> None:
    client = _client()
    pairs = client.parsePushObjects(_self_describing_push())
    assert pairs[1][0].value == 99 and pairs[1][1].dataIndex == 0


def test_parse_push_objects_with_bare_values_and_a_push_setup() -> None:
    client = _client()
    register = GXDLMSRegister("1.0.1.8.0.255")
    push = GXDLMSPushSetup("0.0.25.9.0.255")
    push.pushObjectList = [(register, GXDLMSCaptureObject(2, 0)), (register, GXDLMSCaptureObject(3, 1))]
    pairs = client.parsePushObjects([GXUInt32(5), GXInt8(-2)], push)
    assert pairs == [(register, 2), (register, 3)] and pairs[1][1].dataIndex == 1
    assert register.value == 5  # the element value (data index 1) is not stored as the whole attribute
    with pytest.raises(DecodeError):
        client.parsePushObjects([GXUInt32(5)], push)


# --- ACCESS --------------------------------------------------------------------------------------
def _items() -> list[GXDLMSAccessItem]:
    register = GXDLMSRegister("1.0.1.8.0.255")
    data = GXDLMSData("0.0.96.1.0.255")
    data.value = GXUInt16(12)
    return [GXDLMSAccessItem(AccessServiceCommandType.GET, register, 2),
            GXDLMSAccessItem(AccessServiceCommandType.SET, data, 2),
            GXDLMSAccessItem(AccessServiceCommandType.ACTION, register, 1, GXInt8(0))]


def test_access_request_carries_get_set_and_action() -> None:
    client = _client()
    request = decode_apdu(bytes(client.accessRequest(WHEN, _items())[0]))
    assert isinstance(request, AccessRequest)
    assert request.long_invoke_id_and_priority == 0xC0000001
    assert GXDateTime.from_bytes(request.date_time).value == WHEN
    assert [s.service for s in request.request_specification] == [1, 2, 3]
    assert request.list_of_data == [None, 12, 0]
    assert isinstance(request.list_of_data[1], GXUInt16)
    assert decode_apdu(bytes(client.accessRequest(None, _items())[0])).long_invoke_id_and_priority == 0xC0000002


def test_parse_access_response_fills_the_items_and_updates_get_results() -> None:
    client = _client()
    items = _items()
    client.accessRequest(None, items)
    response = AccessResponse(0xC0000001, b"", None, [GXUInt32(777), None, None],
                              [AccessResponseSpecification(1, 0), AccessResponseSpecification(2, 0),
                               AccessResponseSpecification(3, 3)])
    reply = _receive(client, response.encode())
    assert reply.value == [777, None, None] and reply.complete
    assert client.parseAccessResponse(items, reply.data) is None
    assert items[0].value == 777 and items[0].target.value == 777 and items[0].error == ErrorCode.OK
    assert items[2].error == ErrorCode.READ_WRITE_DENIED
    with pytest.raises(DecodeError):
        client.parseAccessResponse(items[:2], reply.data)
    with pytest.raises(DecodeError):
        client.parseAccessResponse(items, bytes.fromhex("C4 01 C1 00 12 00 07"))


def test_access_request_refusals() -> None:
    with pytest.raises(LocalProtocolError):
        _client(ln=False).accessRequest(None, _items())
    with pytest.raises(LocalProtocolError):
        _client().accessRequest(None, [])
    with pytest.raises(LocalProtocolError):
        _client().accessRequest(None, [GXDLMSAccessItem(AccessServiceCommandType.GET, None, 2)])
    with pytest.raises(LocalProtocolError):
        GXDLMSAccessItem(9)


# --- value classes and enums ----------------------------------------------------------------------
def test_value_classes_have_guruxs_fields() -> None:
    item = GXWriteItem(GXDLMSData("0.0.1.0.0.255"), 2)
    assert item.index == 2 and item.target.logicalName == "0.0.1.0.0.255"
    gateway = GXDLMSGateway(3, b"\x01\x02")
    assert (gateway.networkId, gateway.physicalDeviceAddress) == (3, b"\x01\x02")
    assert GXXmlLoadSettings().start is None
    assert GXDLMSAccessItem().command == AccessServiceCommandType.GET


def test_new_engine_enums() -> None:
    assert [HdlcFrameType.of(c) for c in (0x10, 0x32, 0x11, 0x51, 0x93, 0x73, 0x13)] == [
        HdlcFrameType.I, HdlcFrameType.I, HdlcFrameType.S, HdlcFrameType.S, HdlcFrameType.U, HdlcFrameType.U,
        HdlcFrameType.U]
    assert BerType.CONTEXT | BerType.CONSTRUCTED | PduType.APPLICATION_CONTEXT_NAME == 0xA1
    assert BerType.CONTEXT | PduType.SENDER_ACSE_REQUIREMENTS == 0x8A
    assert BerType.CONTEXT | BerType.CONSTRUCTED | PduType.USER_INFORMATION == 0xBE
    assert (BerType.OCTET_STRING, BerType.OBJECT_IDENTIFIER, BerType.SEQUENCE) == (4, 6, 0x10)


def test_a_client_without_hdlc_connection_reads_ui_pushes() -> None:
    frame = raw({v["id"]: v for v in load("framed")}["pub-framed-0031"])
    client = GXDLMSClient(True, 0x20, 1)  # HDLC, never connected
    reply, notify = GXReplyData(), GXReplyData()
    assert not client.getData(frame, reply, notify)  # the push went to ``notify``
    assert notify.isNotify() and notify.complete and not reply.complete
    assert notify.value[0] == bytes.fromhex("01013C208800")
    reply = GXReplyData()
    assert client.getData(frame, reply) and reply.value == notify.value
    i_frame = encode_frame(0x20, 1, 0x10, bytes.fromhex("E6 E7 00 C4 01 C1 00 12 00 07"))  # needs a connection
    with pytest.raises(LocalProtocolError):
        client.getData(i_frame, GXReplyData())
