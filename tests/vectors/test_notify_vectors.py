"""GXDLMSNotify / GXDLMSSecureNotify and GXDLMSClient.accessRequest reproduce Gurux's bytes.

Each vector was written by Gurux's GXDLMSNotify (DataNotification, EventNotification,
InformationReport, general blocks, HDLC and WRAPPER frames, general-glo-ciphering) or by
GXDLMSClient.accessRequest; the test calls ours the way Gurux was called and compares
byte for byte.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from gurux_dlms import GXByteBuffer, GXDLMSAccessItem, GXDLMSClient, GXDLMSNotify, GXReplyData
from gurux_dlms.apdu.base import decode_apdu
from gurux_dlms.apdu.notification import DataNotification, EventNotificationRequest
from gurux_dlms.cosem.registry import create_object
from gurux_dlms.data import codec
from gurux_dlms.data.datetime import GXDateTime
from gurux_dlms.data.obis import obis_to_str
from gurux_dlms.enums import (
    AccessServiceCommandType,
    Conformance,
    InterfaceType,
    Priority,
    Security,
    ServiceClass,
)
from gurux_dlms.objects import GXDLMSData, GXDLMSHdlcSetup, GXDLMSRegister
from gurux_dlms.secure import GXDLMSSecureNotify

from .loader import load, raw

NOTIFICATIONS = {v["id"]: v for v in load("notification")}
DATA = [v for v in NOTIFICATIONS.values() if v["case"] == "data-notification"]
EVENTS = [v for v in NOTIFICATIONS.values() if v["case"] == "event-notification"]


def _pdu_notify(long_invoke: int) -> GXDLMSNotify:
    """A notify that sends bare APDUs, with the priority, service class and id of ``long_invoke``."""
    notify = GXDLMSNotify(True, 16, 1, InterfaceType.PDU)
    notify.priority = Priority(long_invoke >> 31)
    notify.serviceClass = ServiceClass((long_invoke >> 30) & 1)
    notify.longInvokeID = long_invoke & 0xFFFFFF
    return notify


def _time_of(vector: dict[str, Any]) -> datetime | None:
    """The date-time Gurux was given, from the vector's note (ISO text), or None."""
    note = vector["note"]
    if "with date-time" not in note:
        return None
    return datetime.fromisoformat(note.split("with date-time ")[1].split()[0])


@pytest.mark.parametrize("vector", DATA, ids=lambda v: v["id"])
def test_data_notification_from_encoded_data(vector: dict[str, Any]) -> None:
    apdu = decode_apdu(raw(vector))
    assert isinstance(apdu, DataNotification)
    notify = _pdu_notify(apdu.long_invoke_id_and_priority)
    body = codec.encode(apdu.notification_body)
    frames = notify.generateDataNotificationMessages(_time_of(vector), GXByteBuffer(body))
    assert [bytes(f) for f in frames] == [raw(vector)]
    assert notify.longInvokeID == (apdu.long_invoke_id_and_priority + 1) & 0xFFFFFF


def test_data_notification_from_object_pairs() -> None:
    vector = NOTIFICATIONS["pub-notification-0001"]
    data = GXDLMSData("0.0.96.1.0.255")
    data.value = bytearray(bytes.fromhex("01022E8CEF7E"))
    notify = _pdu_notify(0x006BD929)
    assert bytes(notify.generateDataNotificationMessages(None, [(data, 2)])[0]) == raw(vector)


@pytest.mark.parametrize("vector", EVENTS, ids=lambda v: v["id"])
def test_event_notification_report(vector: dict[str, Any]) -> None:
    apdu = decode_apdu(raw(vector))
    assert isinstance(apdu, EventNotificationRequest)
    descriptor = apdu.attribute_descriptor
    obj = create_object(descriptor.class_id, obis_to_str(descriptor.instance_id))
    obj.set_attribute_data(descriptor.attribute_id, apdu.attribute_value)
    time = GXDateTime.from_bytes(apdu.time).value if apdu.time else None  # a datetime, as Gurux got
    notify = GXDLMSNotify(True, 16, 1, InterfaceType.PDU)
    assert bytes(notify.generateReport(time, [(obj, descriptor.attribute_id)])[0]) == raw(vector)


def test_general_block_transfer_when_the_notification_does_not_fit() -> None:
    first, second = NOTIFICATIONS["pub-notification-0014"], NOTIFICATIONS["pub-notification-0015"]
    whole = raw(first)[7:] + raw(second)[7:]
    notify = _pdu_notify(0xC0000001)
    notify.maxReceivePDUSize = 128
    notify.conformance = Conformance.GENERAL_BLOCK_TRANSFER
    frames = notify.generateDataNotificationMessages(None, whole[6:])
    assert [bytes(f) for f in frames] == [raw(first), raw(second)]


def test_no_general_block_transfer_when_the_notification_fits() -> None:
    vector = NOTIFICATIONS["pub-notification-0013"]
    notify = _pdu_notify(0xC0000001)
    notify.maxReceivePDUSize = 128
    notify.conformance = Conformance.GENERAL_BLOCK_TRANSFER
    frames = notify.generateDataNotificationMessages(None, raw(vector)[6:])
    assert [bytes(f) for f in frames] == [raw(vector)]


def test_hdlc_ui_frame_and_wrapper_frame() -> None:
    framed = {v["id"]: v for v in load("framed")}
    hdlc, wrapper = framed["pub-framed-0031"], framed["pub-framed-0017"]
    notify = GXDLMSNotify(True, 0x20, 1, InterfaceType.HDLC)
    assert bytes(notify.generateDataNotificationMessages(None, raw(hdlc)[17:-3])[0]) == raw(hdlc)
    notify = GXDLMSNotify(True, 0x66, 1, InterfaceType.WRAPPER)
    frames = notify.generateDataNotificationMessages(datetime(2035, 6, 17, 22, 46, 52), raw(wrapper)[26:])
    assert bytes(frames[0]) == raw(wrapper)


@pytest.mark.parametrize("vector_id", ["pub-ciphered-0049", "pub-ciphered-0050"])
def test_secure_notify_sends_general_glo_ciphering(vector_id: str) -> None:
    vector = {v["id"]: v for v in load("ciphered")}[vector_id]
    keys = vector["keys"]
    notify = GXDLMSSecureNotify(True, 16, 1, InterfaceType.PDU)
    if "negotiated general-protection" in vector["note"]:
        notify.conformance = Conformance.GENERAL_PROTECTION
    notify.ciphering.systemTitle = bytes.fromhex(keys["server_system_title"])
    notify.ciphering.security = Security[keys["security"]]
    notify.ciphering.invocationCounter = keys["invocation_counter"]
    frames = notify.generateDataNotificationMessages(None, raw(vector, "plain_hex")[6:])
    assert bytes(frames[0]) == raw(vector)
    # and a secure notify with the same keys reads it back
    listener = GXDLMSSecureNotify(True, 16, 1, InterfaceType.PDU)
    listener.ciphering.security = Security[keys["security"]]
    reply = GXReplyData()
    assert listener.getData(raw(vector), reply)
    assert reply.complete and reply.cipheredCommand == 0xDB
    assert codec.encode(reply.value) == raw(vector, "plain_hex")[6:]


def test_sn_information_report() -> None:
    vector = {v["id"]: v for v in load("sn")}["pub-sn-0031"]
    registers = []
    for base, value in ((0x4A40, 0xE803), (0x0100, 0xD34A), (0x6000, 0x149E9)):
        register = GXDLMSRegister("1.0.1.8.0.255")
        register.shortName = base
        register.setDataType(2, codec.DataType.UINT32)
        register.value = value
        registers.append((register, 2))
    notify = GXDLMSNotify(False, 16, 1, InterfaceType.PDU)
    assert bytes(notify.generateReport(None, registers)[0]) == raw(vector)


def test_sn_information_report_keeps_the_time() -> None:
    """Gurux drops the time of an SN report (pub-sn-0032 equals pub-sn-0031); ours sends it."""
    register = GXDLMSRegister("1.0.1.8.0.255")
    register.shortName = 0x4A40
    register.setDataType(2, codec.DataType.UINT32)
    register.value = 1000
    notify = GXDLMSNotify(False, 16, 1, InterfaceType.PDU)
    pdu = bytes(notify.generateReport(datetime(2024, 1, 2, 3, 4, 5), [(register, 2)])[0])
    assert pdu[:2] == b"\x18\x0c" and pdu[2:14] == bytes.fromhex("07E80102FF03040500000000")
    assert pdu[14:] == bytes.fromhex("01 02 4A48 01 06 000003E8")


def test_access_request_with_and_without_time() -> None:
    client = GXDLMSClient(True, 16, 1, interfaceType=InterfaceType.PDU)
    items = [GXDLMSAccessItem(AccessServiceCommandType.GET, GXDLMSHdlcSetup("0.0.22.0.0.255"), 6),
             GXDLMSAccessItem(AccessServiceCommandType.GET, GXDLMSRegister("1.0.32.7.0.255"), 3)]
    first = client.accessRequest(None, items)
    second = client.accessRequest(datetime(2032, 5, 1, 20, 0, 1), items)
    assert bytes(first[0]) == raw(NOTIFICATIONS["pub-notification-0018"])
    assert bytes(second[0]) == raw(NOTIFICATIONS["pub-notification-0019"])
