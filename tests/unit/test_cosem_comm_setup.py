"""Association, security and communication setup classes: tables, defaults, populated values, methods."""

from __future__ import annotations

from typing import Any

import pytest
from cosem_group2_samples import EXPECTED, POPULATED, T1, T2, round_trip
from vectors.loader import load

from gurux_dlms.cosem import ValueEventArgs, class_for, create_object
from gurux_dlms.cosem.classes.clock import GXDLMSClock
from gurux_dlms.cosem.classes.image_transfer import GXDLMSImageTransfer, ImageTransferStatus
from gurux_dlms.cosem.classes.ip_setup import GXDLMSIp4Setup, GXDLMSIp6Setup
from gurux_dlms.cosem.classes.mbus_client import GXDLMSMBusClient, MBusEncryptionKeyStatus
from gurux_dlms.cosem.classes.modem_setup import GXDLMSAutoConnect, GXDLMSModemConfiguration
from gurux_dlms.cosem.classes.ntp_setup import GXDLMSNtpSetup
from gurux_dlms.cosem.classes.object_references import GXDLMSCaptureObject
from gurux_dlms.cosem.classes.port_protection import GXDLMSCommunicationPortProtection, ProtectionStatus
from gurux_dlms.cosem.classes.push_setup import GXDLMSPushSetup
from gurux_dlms.cosem.classes.register import GXDLMSRegister
from gurux_dlms.cosem.classes.sap_assignment import GXDLMSSapAssignment
from gurux_dlms.cosem.collection import GXDLMSObjectCollection
from gurux_dlms.data import GXArray, GXInt8, GXStructure, GXUInt32, codec
from gurux_dlms.errors import DecodeError, LocalProtocolError


class RecordingClient:
    """The part of a client the method helpers use: ``method`` and ``write`` (returns what was asked)."""

    def method(self, obj: Any, index: int, value: Any, data_type: Any) -> list[tuple[int, bytes]]:
        return [(index, codec.encode(value, data_type))]

    def write(self, obj: Any, index: int) -> list[tuple[str, int]]:
        return [("write", index)]


class Settings:
    def __init__(self, objects: Any = None) -> None:
        self.objects = objects


@pytest.mark.parametrize("class_id", sorted(EXPECTED))
def test_class_table_matches_gurux(class_id: int) -> None:
    name, version, attributes, methods = EXPECTED[class_id]
    obj = create_object(class_id)
    assert type(obj).__name__ == name and class_for(class_id) is type(obj)
    assert obj.version == version == type(obj).VERSION
    assert (obj.getAttributeCount(), obj.getMethodCount()) == (attributes, methods)
    names = obj.getNames()
    assert len(names) == attributes and names[0] == "Logical Name" and all(names)
    assert len(obj.getMethodNames()) == methods
    assert len(obj.getValues()) == attributes


@pytest.mark.parametrize("class_id", sorted(EXPECTED))
def test_default_object_round_trips(class_id: int) -> None:
    fresh, encoded = round_trip(create_object(class_id))
    assert {i: fresh.encode_attribute(i) for i in encoded} == encoded


@pytest.mark.parametrize("class_id", sorted(POPULATED))
def test_populated_object_round_trips(class_id: int) -> None:
    obj = POPULATED[class_id]()
    default = {i: create_object(class_id).encode_attribute(i) for i in range(2, obj.getAttributeCount() + 1)}
    fresh, encoded = round_trip(obj)
    assert {i: fresh.encode_attribute(i) for i in encoded} == encoded
    changed = [i for i in default if default[i] != encoded[i]]
    assert len(changed) >= obj.getAttributeCount() - 2, "the sample leaves attributes at their defaults"
    values = fresh.getValues()
    assert values[0] == obj.logicalName and len(values) == obj.getAttributeCount()


def test_values_read_back_as_python_values() -> None:
    ip4: Any = round_trip(POPULATED[42]())[0]
    assert ip4.ipAddress == "192.168.1.10" and ip4.multicastIPAddress == ["224.0.0.1", "239.255.255.250"]
    assert ip4.encode_attribute(3).hex() == "06c0a8010a"
    ip6: Any = round_trip(POPULATED[48]())[0]
    assert ip6.unicastIPAddress == ["fe80::1", "2001:db8::10"] and ip6.secondaryDNSAddress is None
    mac: Any = round_trip(POPULATED[43]())[0]
    assert mac.macAddress == "00:1A:2B:3C:4D:5E" and mac.encode_attribute(2).hex() == "0906001a2b3c4d5e"
    gsm: Any = round_trip(POPULATED[47]())[0]
    assert gsm.cellInfo.cellId == 123456 and gsm.adjacentCells[1].cellId == 70000 and gsm.captureTime == T1
    push: Any = round_trip(POPULATED[40]())[0]
    assert push.communicationWindow == [(T1, T2)] and push.repetitionDelays == (10, 100, 600)
    assert [(type(o).__name__, c.attributeIndex, c.dataIndex) for o, c in push.pushObjectList] == [
        ("GXDLMSPushSetup", 1, 0), ("GXDLMSClock", 2, 0), ("GXDLMSRegister", 3, 2)]
    ntp: Any = round_trip(POPULATED[100]())[0]
    assert ntp.keys == {1: b"k" * 16, 7: b"\x00" * 20} and ntp.serverAddress == "pool.ntp.org"


def test_ipv4_defaults_encode_where_gurux_crashes() -> None:
    ip4 = GXDLMSIp4Setup()
    assert [ip4.encode_attribute(i).hex() for i in (3, 6, 7, 9, 10)] == ["0600000000"] * 5
    ip4.ipAddress = "10.0.0.300"
    with pytest.raises(LocalProtocolError, match="IPv4 address"):
        ip4.encode_attribute(3)


def test_version_dependent_encodings() -> None:
    hdlc = create_object(23, version=0)
    assert hdlc.encode_attribute(5).hex() == "1180" and create_object(23).encode_attribute(5).hex() == "120080"
    modem: Any = POPULATED[27]()
    assert modem.encode_attribute(3).hex().startswith("01020202")  # version 0: request, response
    modem.version = 1
    raw = modem.encode_attribute(3)
    assert raw.hex().startswith("01020203")  # version 1 adds the delay
    fresh = GXDLMSModemConfiguration()
    fresh.version = 1
    fresh.set_attribute_data(3, codec.decode(raw))
    assert fresh.initialisationStrings == modem.initialisationStrings
    push = create_object(40, version=0)
    assert (push.getAttributeCount(), push.getMethodCount()) == (7, 1)
    assert push.encode_attribute(7).hex() == "120000"
    assert (create_object(40, version=1).getAttributeCount(), create_object(40, version=1).getMethodCount()) == (10, 1)
    gsm: Any = POPULATED[47]()
    gsm.version = 0
    gsm.cellInfo.cellId = 0x1234
    assert gsm.encode_attribute(6).hex() == "0204" "121234" "1210e1" "1119" "1100"
    assert create_object(72, version=0).getAttributeCount() == 12
    assert (create_object(64, version=0).getAttributeCount(), create_object(64, version=0).getMethodCount()) == (5, 2)


def test_malformed_values_raise_decode_error() -> None:
    cases = [(17, 2, True), (17, 2, GXArray([GXStructure([GXUInt32(1)])])), (42, 3, bytearray(b"abc")),
             (48, 7, bytearray(b"\x00" * 15)), (40, 3, GXStructure([1, 2])), (64, 6, GXArray([5])),
             (41, 3, bytearray(b"\x00" * 5)), (28, 3, GXArray([GXStructure([bytearray(3), bytearray(12)])])),
             (64, 4, GXUInt32(5)), (151, 2, GXStructure([1, 2, 3]))]
    for class_id, index, value in cases:
        with pytest.raises(DecodeError):
            create_object(class_id).set_attribute_data(index, value)


def test_sap_assignment_known_bytes_and_methods() -> None:
    vector = next(v for v in load("set") if v["id"] == "pub-set-0001")
    raw = bytes.fromhex(vector["hex"])
    assert raw[3:5] == b"\x00\x11" and raw[5:11] == bytes((0, 0, 41, 0, 0, 255))
    sap = GXDLMSSapAssignment()
    with pytest.raises(DecodeError, match="SAP assignment list"):  # Gurux's test writes a boolean
        sap.set_attribute_data(raw[11], codec.decode(raw[13:]))
    sap.set_attribute_data(2, codec.decode(bytes.fromhex("010102021200010907") + b"GRX0001"))
    assert sap.sapAssignmentList == [(1, "GRX0001")]
    sap.invoke(None, ValueEventArgs(sap, 1, parameters=codec.decode(bytes.fromhex("0202120011090454455354"))))
    assert sap.sapAssignmentList == [(1, "GRX0001"), (17, "TEST")]
    sap.invoke(None, ValueEventArgs(sap, 1, parameters=GXStructure([17, bytearray()])))
    assert sap.sapAssignmentList == [(1, "GRX0001")]
    assert sap.addSap(RecordingClient(), 5, "X") == [(1, bytes.fromhex("02021200050901") + b"X")]
    assert sap.removeSap(RecordingClient(), 5, "X") == [(1, bytes.fromhex("020212000509 00".replace(" ", "")))]


def test_push_object_list_from_capture_object_vector() -> None:
    vector = next(v for v in load("get") if v["case"] == "get-response-normal/capture-objects")
    value = codec.decode(bytes.fromhex(vector["hex"])[4:])
    clock = GXDLMSClock()
    push = GXDLMSPushSetup()
    push.set_attribute_data(2, value, Settings(GXDLMSObjectCollection([clock])))
    assert [(int(o.objectType), o.logicalName, c.attributeIndex, c.dataIndex) for o, c in push.pushObjectList] == [
        (3, "1.0.14.7.0.255", 2, 0), (17, "0.0.41.0.0.255", 2, 0), (7, "1.0.99.1.0.255", 2, 0),
        (23, "0.0.22.0.0.255", 2, 0)]
    assert push.encode_attribute(2) == codec.encode(value)


def test_push_method_builds_data_from_the_server_objects() -> None:
    clock = GXDLMSClock()
    clock.time = T1
    register = GXDLMSRegister("1.0.1.8.0.255")
    register.value = GXUInt32(1234)
    push = GXDLMSPushSetup()
    push.pushObjectList = [(push, GXDLMSCaptureObject(1, 0)), (GXDLMSClock(), GXDLMSCaptureObject(2, 0)),
                           (GXDLMSRegister("1.0.1.8.0.255"), GXDLMSCaptureObject(2, 0))]
    sent: list[Any] = []

    class Server(Settings):
        def send_push(self, setup: Any, data: Any) -> None:
            sent.append((setup, data))

    server = Server(GXDLMSObjectCollection([clock, register, push]))
    push.invoke(server, ValueEventArgs(push, 1, parameters=GXInt8(0)))
    assert sent == [(push, push.lastPushData)]
    assert codec.encode(push.lastPushData) == bytes.fromhex("020309060000190900ff090c07e8030105061e0000ffc400"
                                                            "06000004d2")


def test_image_transfer_server_state_machine() -> None:
    image = bytes(range(256)) * 2 + b"tail"
    meter = GXDLMSImageTransfer()
    meter.imageBlockSize = 100
    client = GXDLMSImageTransfer()
    client.imageBlockSize = 100
    count: list[int] = []
    blocks = client.imageBlockTransfer(RecordingClient(), image, count)
    assert count == [6] and len(blocks) == 6
    e = ValueEventArgs(meter, 1, parameters=codec.decode(client.imageTransferInitiate(RecordingClient(), "FW1",
                                                                                        len(image))[0][1]))
    meter.invoke(None, e)
    assert meter.imageTransferStatus == ImageTransferStatus.IMAGE_TRANSFER_INITIATED
    assert str(meter.imageTransferredBlocksStatus) == "000000"
    for _, raw in reversed(blocks):
        if codec.decode(raw)[0] == 1:
            continue  # block 1 arrives last
        meter.invoke(None, ValueEventArgs(meter, 2, parameters=codec.decode(raw)))
    assert str(meter.imageTransferredBlocksStatus) == "101111" and meter.imageFirstNotTransferredBlockNumber == 1
    e = ValueEventArgs(meter, 3)
    meter.invoke(None, e)
    assert e.error == 250 and meter.imageTransferStatus == ImageTransferStatus.IMAGE_VERIFICATION_FAILED
    meter.imageTransferStatus = ImageTransferStatus.IMAGE_TRANSFER_INITIATED
    meter.invoke(None, ValueEventArgs(meter, 2, parameters=codec.decode(blocks[1][1])))
    assert meter.imageFirstNotTransferredBlockNumber == 6
    meter.invoke(None, ValueEventArgs(meter, 4))
    assert meter.imageTransferStatus == ImageTransferStatus.IMAGE_ACTIVATION_SUCCESSFUL
    assert meter.activatedImage == image and meter.imageActivateInfo[0].identification == b"FW1"
    e = ValueEventArgs(meter, 2, parameters=GXStructure([GXUInt32(99), bytearray(b"x")]))
    meter.invoke(None, e)
    assert e.error == 3  # no transfer in progress any more


def test_image_block_transfer_matches_the_gurux_action_vector() -> None:
    first = next(v for v in load("action") if v["id"] == "pub-action-0012")
    raw = bytes.fromhex(first["hex"])
    data = raw[raw.index(bytes.fromhex("020206")):]
    block_number = int.from_bytes(data[3:7], "big")
    image = GXDLMSImageTransfer()
    image.imageBlockSize = 256
    payload = bytes(256 * block_number) + data[11:] + bytes(256 - len(data[11:]))
    frames = image.imageBlockTransfer(RecordingClient(), payload)
    assert frames[block_number][1][:len(data)] == data


def test_simple_server_methods() -> None:
    ip4 = GXDLMSIp4Setup()
    ip4.invoke(None, ValueEventArgs(ip4, 1, parameters=GXUInt32(0xE0000001)))
    ip4.invoke(None, ValueEventArgs(ip4, 1, parameters=GXUInt32(0xE0000002)))
    ip4.invoke(None, ValueEventArgs(ip4, 2, parameters=GXUInt32(0xE0000001)))
    assert ip4.multicastIPAddress == ["224.0.0.2"]
    assert ip4.invoke(None, ValueEventArgs(ip4, 3, parameters=GXInt8(0))) == 1
    ip6 = GXDLMSIp6Setup()
    address = GXStructure([1, bytearray(bytes.fromhex("ff020000000000000000000000000001"))])
    ip6.invoke(None, ValueEventArgs(ip6, 1, parameters=address))
    assert ip6.multicastIPAddress == ["ff02::1"]
    ip6.invoke(None, ValueEventArgs(ip6, 2, parameters=address))
    assert ip6.multicastIPAddress == []
    with pytest.raises(DecodeError):
        ip6.invoke(None, ValueEventArgs(ip6, 1, parameters=GXStructure([9, bytearray(16)])))
    ntp = GXDLMSNtpSetup()
    ntp.invoke(None, ValueEventArgs(ntp, 2, parameters=GXStructure([GXUInt32(4), bytearray(b"key")])))
    assert ntp.keys == {4: b"key"}
    ntp.invoke(None, ValueEventArgs(ntp, 3, parameters=GXUInt32(4)))
    ntp.invoke(None, ValueEventArgs(ntp, 1, parameters=GXInt8(0)))
    assert ntp.keys == {} and ntp.synchronizeRequests == 1
    protection: Any = POPULATED[124]()
    assert protection.lockout_time() == 60 * 2 ** 0
    protection.failedAttempts = 10
    assert protection.lockout_time() == 60 * 2 ** 6
    protection.failedAttempts = 10 ** 9
    assert protection.lockout_time() == 86400
    protection.invoke(None, ValueEventArgs(protection, 1, parameters=GXInt8(0)))
    assert protection.failedAttempts == 0 and protection.protectionStatus == ProtectionStatus.UNLOCKED
    assert protection.cumulativeFailedAttempts == 17
    assert isinstance(protection, GXDLMSCommunicationPortProtection)
    connect = GXDLMSAutoConnect()
    connect.invoke(None, ValueEventArgs(connect, 1, parameters=GXInt8(0)))
    assert connect.connectRequests == 1
    with pytest.raises(LocalProtocolError):
        connect.invoke(None, ValueEventArgs(connect, 2))


def test_mbus_client_methods() -> None:
    mbus = GXDLMSMBusClient()
    client = RecordingClient()
    assert mbus.installSlave(client, 5) == [(1, b"\x11\x05")]
    assert mbus.setEncryptionKey(client, b"k" * 16)[0][1][:2] == b"\x09\x10"
    mbus.invoke(None, ValueEventArgs(mbus, 1, parameters=5))
    mbus.invoke(None, ValueEventArgs(mbus, 7, parameters=bytearray(b"k" * 16)))
    assert mbus.primaryAddress == 5 and mbus.encryptionKeyStatus == MBusEncryptionKeyStatus.ENCRYPTION_KEY_SET
    mbus.invoke(None, ValueEventArgs(mbus, 8, parameters=bytearray(b"w" * 24)))
    assert mbus.encryptionKeyStatus == MBusEncryptionKeyStatus.ENCRYPTION_KEY_SET_AND_TRANSFERRED
    mbus.alarm = 4
    mbus.invoke(None, ValueEventArgs(mbus, 4, parameters=GXInt8(0)))
    mbus.invoke(None, ValueEventArgs(mbus, 6, parameters=GXArray([GXStructure([bytearray(b"\x04"),
                                                                               bytearray(b"\x13"), GXUInt32(9)])])))
    assert mbus.alarm == 0 and mbus.pendingData[0].data == 9
    mbus.invoke(None, ValueEventArgs(mbus, 2, parameters=GXInt8(0)))
    assert mbus.primaryAddress == 0 and mbus.encryptionKeyStatus == MBusEncryptionKeyStatus.NO_ENCRYPTION_KEY
