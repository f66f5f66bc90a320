"""GXDLMSNotify: pushes built by one notify and read back by another (a push listener), in every framing."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

import pytest

from gurux_dlms import GXByteBuffer, GXDLMSNotify, GXReplyData
from gurux_dlms.data import codec
from gurux_dlms.data.datetime import GXDateTime
from gurux_dlms.data.types import DataType, GXStructure, GXUInt32
from gurux_dlms.enums import Conformance, InterfaceType, Security
from gurux_dlms.errors import DecodeError, DecryptionError, LocalProtocolError
from gurux_dlms.facade.values import CaptureIndex
from gurux_dlms.objects import (
    GXDLMSCaptureObject,
    GXDLMSClock,
    GXDLMSData,
    GXDLMSPushSetup,
    GXDLMSRegister,
)
from gurux_dlms.secure import GXDLMSSecureNotify

WHEN = datetime(2024, 3, 1, 12, 0, 0, tzinfo=timezone.utc)


def _meter_objects() -> tuple[GXDLMSClock, GXDLMSRegister, GXDLMSData]:
    clock = GXDLMSClock("0.0.1.0.0.255")
    clock.time = GXDateTime(WHEN)
    register = GXDLMSRegister("1.0.1.8.0.255")
    register.setDataType(2, DataType.UINT32)
    register.value = 123456
    name = GXDLMSData("0.0.42.0.0.255")
    name.value = bytearray(b"GRX0000001")
    return clock, register, name


def _listen(listener: GXDLMSNotify, frames: list[bytearray]) -> GXReplyData:
    """Feed the frames as one byte stream, as a socket would deliver them, until the message is complete."""
    buffer = GXByteBuffer(b"".join(bytes(f) for f in frames))
    reply = GXReplyData()
    while not (reply.isComplete() and not reply.isMoreData()):
        assert listener.getData(buffer, reply), "the listener needed more bytes than were sent"
    return reply


@pytest.mark.parametrize("interface", [InterfaceType.HDLC, InterfaceType.WRAPPER, InterfaceType.PDU])
def test_data_notification_round_trip(interface: InterfaceType) -> None:
    _clock, register, name = _meter_objects()
    meter = GXDLMSNotify(True, 16, 1, interface)
    frames = meter.generateDataNotificationMessages(WHEN, [(name, 2), (register, 2)])
    reply = _listen(GXDLMSNotify(True, 16, 1, interface), frames)
    assert reply.isNotify() and reply.command == 0x0F
    assert reply.value == [bytearray(b"GRX0000001"), 123456]
    assert isinstance(reply.value[1], GXUInt32)
    assert reply.time.value == WHEN
    if interface != InterfaceType.PDU:
        assert (reply.sourceAddress, reply.targetAddress) == (1, 16)


def test_segmented_hdlc_notification_is_reassembled() -> None:
    meter = GXDLMSNotify(True, 16, 1, InterfaceType.HDLC)
    meter.hdlcSettings.maxInfoTX = 32
    value = GXStructure([bytearray(range(40)), bytearray(range(40, 90))])
    frames = meter.generateDataNotificationMessages(None, value)
    assert len(frames) == 4
    assert [f[1] & 0x08 for f in frames] == [0x08, 0x08, 0x08, 0]  # segmentation bit on all but the last
    reply = _listen(GXDLMSNotify(True, 16, 1, InterfaceType.HDLC), frames)
    assert reply.value == value


def test_general_blocks_are_joined_without_acknowledgements() -> None:
    meter = GXDLMSNotify(True, 16, 1, InterfaceType.WRAPPER)
    meter.maxReceivePDUSize = 64
    meter.conformance = Conformance.GENERAL_BLOCK_TRANSFER
    value = GXStructure([bytearray(range(100))])
    frames = meter.generateDataNotificationMessages(None, value)
    assert len(frames) == 2 and all(len(f) - 8 <= 64 for f in frames)
    listener = GXDLMSNotify(True, 16, 1, InterfaceType.WRAPPER)
    listener.conformance = Conformance.GENERAL_BLOCK_TRANSFER
    reply = GXReplyData()
    assert listener.getData(bytes(frames[0]), reply) and reply.isMoreData() and not reply.isComplete()
    assert listener.getData(bytes(frames[1]), reply) and not reply.isMoreData()
    assert reply.value == value


def test_wrapper_frame_cut_in_two_waits_for_the_rest() -> None:
    frames = GXDLMSNotify(True, 16, 1, InterfaceType.WRAPPER).generateDataNotificationMessages(None, GXUInt32(5))
    data = bytes(frames[0])
    listener = GXDLMSNotify(True, 16, 1, InterfaceType.WRAPPER)
    reply = GXReplyData()
    buffer = GXByteBuffer(data[:5])
    assert not listener.getData(buffer, reply)
    buffer.set(data[5:])
    assert listener.getData(buffer, reply) and reply.value == 5


def test_secure_notify_round_trip_and_a_plain_notify_refuses_ciphered_data() -> None:
    meter = GXDLMSSecureNotify(True, 16, 1, InterfaceType.WRAPPER)
    meter.ciphering.security = Security.AUTHENTICATION_ENCRYPTION
    frames = meter.generateDataNotificationMessages(None, GXUInt32(77))
    assert frames[0][8] == 0xDB  # general-glo-ciphering
    listener = GXDLMSSecureNotify(True, 16, 1, InterfaceType.WRAPPER)
    listener.ciphering.security = Security.AUTHENTICATION_ENCRYPTION
    assert _listen(listener, frames).value == 77
    with pytest.raises(DecryptionError):
        GXDLMSNotify(True, 16, 1, InterfaceType.WRAPPER).getData(bytes(frames[0]), GXReplyData())


def test_event_notification_round_trip_with_parse_report_style_values() -> None:
    _clock, register, _ = _meter_objects()
    meter = GXDLMSNotify(True, 16, 1, InterfaceType.PDU)
    reply = _listen(GXDLMSNotify(True, 16, 1, InterfaceType.PDU), meter.generateReport(WHEN, [(register, 2)]))
    assert reply.command == 0xC2 and reply.value == 123456
    assert reply.notification.attribute_descriptor.class_id == 3


def _push_setup(*targets: Any, with_own_list: bool) -> GXDLMSPushSetup:
    push = GXDLMSPushSetup("0.7.25.9.0.255")
    entries = [(push, GXDLMSCaptureObject(2, 0))] if with_own_list else []
    push.pushObjectList = entries + [(t, GXDLMSCaptureObject(2, 0)) for t in targets]
    return push


def test_push_with_its_object_list_creates_the_objects_and_stores_the_values() -> None:
    clock, register, name = _meter_objects()
    meter = GXDLMSNotify(True, 16, 1, InterfaceType.PDU)
    push = _push_setup(name, clock, register, with_own_list=True)
    reply = _listen(GXDLMSNotify(True, 16, 1, InterfaceType.PDU), meter.generatePushSetupMessages(None, push))
    listener = GXDLMSNotify(True, 16, 1, InterfaceType.PDU)
    pairs = listener.parsePush(reply.value)
    assert [(o.logicalName, int(i)) for o, i in pairs] == [
        ("0.7.25.9.0.255", 2), ("0.0.42.0.0.255", 2), ("0.0.1.0.0.255", 2), ("1.0.1.8.0.255", 2)]
    found_name, found_clock, found_register = (o for o, _ in pairs[1:])
    assert found_name.value == bytearray(b"GRX0000001")
    assert isinstance(found_clock.time, GXDateTime) and found_clock.time.value == WHEN
    assert found_register.value == 123456
    assert len(listener.objects) == 4 and listener.objects.findByLN(3, "1.0.1.8.0.255") is found_register


def test_push_without_object_list_uses_the_push_setup_given_or_known() -> None:
    _clock, register, name = _meter_objects()
    push = _push_setup(name, register, with_own_list=False)
    meter = GXDLMSNotify(True, 16, 1, InterfaceType.PDU)
    value = _listen(GXDLMSNotify(True, 16, 1, InterfaceType.PDU), meter.generatePushSetupMessages(None, push)).value
    assert value == [bytearray(b"GRX0000001"), 123456]

    listener = GXDLMSNotify(True, 16, 1, InterfaceType.PDU)
    assert listener.parsePush(value) == value  # nothing says what the values are: they come back as they are

    mine_name, mine_register = GXDLMSData("0.0.42.0.0.255"), GXDLMSRegister("1.0.1.8.0.255")
    pairs = listener.parsePush(value, _push_setup(mine_name, mine_register, with_own_list=False))
    assert [o for o, _ in pairs] == [mine_name, mine_register]
    assert mine_name.value == bytearray(b"GRX0000001") and mine_register.value == 123456

    known = _push_setup(GXDLMSData("0.0.42.0.0.255"), GXDLMSRegister("1.0.1.8.0.255"), with_own_list=False)
    listener.objects.append(known)
    pairs = listener.parsePush(value)
    assert pairs[1][0] is known.pushObjectList[1][0] and pairs[1][0].value == 123456

    with pytest.raises(DecodeError):
        listener.parsePush([*value, 1], _push_setup(mine_name, mine_register, with_own_list=False))


def test_capture_index_is_an_int_that_remembers_the_element() -> None:
    index = CaptureIndex(2, 3)
    assert index == 2 and index.attributeIndex == 2 and index.dataIndex == 3
    assert repr(index) == "CaptureIndex(2, 3)" and repr(CaptureIndex(4)) == "CaptureIndex(4)"
    assert [1, 2, 3][index - 1] == 2


def test_building_errors_are_local() -> None:
    _clock, register, name = _meter_objects()
    ln = GXDLMSNotify(True, 16, 1, InterfaceType.PDU)
    with pytest.raises(LocalProtocolError):
        ln.generateReport(None, [(register, 2), (name, 2)])  # an EventNotification carries one attribute
    with pytest.raises(LocalProtocolError):
        ln.generateReport(None, [])
    with pytest.raises(LocalProtocolError):
        GXDLMSNotify(False, 16, 1, InterfaceType.PDU).generateReport(None, [(register, 2)])  # no short name
    with pytest.raises(LocalProtocolError):
        ln.generateDataNotificationMessages(None, GXByteBuffer(codec.encode(GXUInt32(1)) + b"\x00"))
    with pytest.raises(LocalProtocolError):
        ln.generateDataNotificationMessages("yesterday", GXUInt32(1))
    with pytest.raises(LocalProtocolError):
        ln.generatePushSetupMessages(None, None)
    with pytest.raises(LocalProtocolError):
        ln.longInvokeID = 1 << 24
    with pytest.raises(LocalProtocolError):
        ln.gbtWindowSize = 0


def test_long_invoke_id_grows_per_message_and_gurux_accessors_work() -> None:
    notify = GXDLMSNotify(True, 16, 1, InterfaceType.PDU)
    first = notify.generateDataNotificationMessages(None, GXUInt32(1))[0]
    second = notify.generateDataNotificationMessages(None, GXUInt32(1))[0]
    assert first[1:5] == bytes.fromhex("C0000001") and second[1:5] == bytes.fromhex("C0000002")
    notify.setClientAddress(0x30)
    assert notify.getClientAddress() == 0x30 and notify.clientAddress == 0x30
    assert notify.getInterfaceType() == InterfaceType.PDU
