"""GXDLMSClient driven exactly as Gurux's published reader drives it, against a scripted meter in memory."""

from __future__ import annotations

from typing import Any

import pytest

from gurux_dlms.cosem.classes.clock import GXDLMSClock
from gurux_dlms.cosem.classes.data import GXDLMSData
from gurux_dlms.data import GXArray, GXUInt32
from gurux_dlms.data.byte_buffer import GXByteBuffer
from gurux_dlms.errors import DataAccessError
from gurux_dlms.facade.client import GXDLMSClient
from gurux_dlms.facade.reply import GXReplyData
from gurux_dlms.facade.secure import GXDLMSSecureClient
from gurux_dlms.security.enums import Authentication, Security
from gurux_dlms.session.enums import InterfaceType

from .test_session_inmemory import BIG, PROFILE, ScriptedMeter


class Reader:
    """The loop of Gurux's GXDLMSReader: send a frame, feed getData until it says a frame came."""

    def __init__(self, client: GXDLMSClient, meter: ScriptedMeter) -> None:
        self.client = client
        self.meter = meter
        self.pending = b""
        self.sent: list[bytes] = []

    def read_packet(self, data: Any, reply: GXReplyData) -> None:
        if data is None:
            return
        self.sent.append(bytes(data))
        self.pending += self.meter.feed(bytes(data))
        buffer = GXByteBuffer()
        # deliver the meter's bytes in small pieces, as a serial port would
        while True:
            chunk, self.pending = self.pending[:7], self.pending[7:]
            buffer.set(chunk)
            if self.client.getData(buffer, reply):
                self.pending = bytes(buffer.getData()[buffer.position :]) + self.pending
                return
            assert chunk, "the meter sent no complete frame"

    def read_data_block(self, data: Any, reply: GXReplyData) -> None:
        frames = data if isinstance(data, list) else [data]
        for frame in frames:
            reply.clear()
            self.read_packet(frame, reply)
            while reply.isMoreData():
                self.read_packet(self.client.receiverReady(reply), reply)

    def connect(self) -> None:
        reply = GXReplyData()
        data = self.client.snrmRequest()
        if data:
            self.read_packet(data, reply)
            self.client.parseUAResponse(reply.data)
        reply.clear()
        self.read_data_block(self.client.aarqRequest(), reply)
        self.client.parseAareResponse(reply.data)
        if self.client.authentication > Authentication.LOW:
            reply.clear()
            self.read_data_block(self.client.getApplicationAssociationRequest(), reply)
            self.client.parseApplicationAssociationResponse(reply.data)

    def read(self, item: Any, index: int) -> Any:
        reply = GXReplyData()
        self.read_data_block(self.client.read(item, index), reply)
        return self.client.updateValue(item, index, reply.value)

    def close(self) -> None:
        reply = GXReplyData()
        self.read_data_block(self.client.releaseRequest(), reply)
        data = self.client.disconnectRequest()
        if data and self.client.interfaceType == InterfaceType.HDLC:
            self.read_packet(data, reply)


@pytest.mark.parametrize("interface", [InterfaceType.HDLC, InterfaceType.WRAPPER])
def test_gurux_reader_flow(interface: InterfaceType) -> None:
    client = GXDLMSClient(True, 16, 1, Authentication.LOW, "12345678", interface)
    meter = ScriptedMeter(interface)
    reader = Reader(client, meter)
    reader.connect()
    assert client.negotiatedConformance and client.maxReceivePDUSize == 0xFFFF
    clock = GXDLMSClock()
    stamp = reader.read(clock, 2)
    assert stamp is clock.time and clock.time.to_bytes() == bytes(12)
    data = GXDLMSData(PROFILE)
    assert reader.read(data, 2) == BIG  # 300 blocks, and HDLC segments on top
    data = GXDLMSData("0.0.96.1.0.255")
    data.value = bytearray(range(256)) * 12  # a SET in blocks
    reply = GXReplyData()
    reader.read_data_block(client.write(data, 2), reply)
    assert meter.values[b"written"] == data.value
    reply.clear()
    reader.read_data_block(client.method(data, 1, 21, None), reply)
    assert reply.value == 42
    reader.close()
    assert reader.sent[-1][:1] in (b"\x7e", b"\x00")


def test_secure_client_with_high_gmac_and_encryption() -> None:
    client = GXDLMSSecureClient(True, 16, 1, Authentication.HIGH_GMAC, None, InterfaceType.WRAPPER)
    client.ciphering.security = Security.AUTHENTICATION_ENCRYPTION
    client.ciphering.systemTitle = b"GRX12345"
    meter = ScriptedMeter(InterfaceType.WRAPPER)
    reader = Reader(client, meter)
    reader.connect()
    assert client.sourceSystemTitle == bytes.fromhex("4D4D4D0000BC614E")
    clock = GXDLMSClock()
    reader.read(clock, 2)
    assert reader.sent[-1][8] == 0xDB  # general-glo-ciphering
    assert clock.time.to_bytes() == bytes(12)


def test_data_access_error_is_raised_with_gurux_text() -> None:
    client = GXDLMSClient(True, 16, 1, interfaceType=InterfaceType.WRAPPER)
    meter = ScriptedMeter(InterfaceType.WRAPPER)
    reader = Reader(client, meter)
    reader.connect()
    from gurux_dlms.apdu.get import GetResponseNormal
    from gurux_dlms.framing.wrapper import encode_wrapper

    client.read(GXDLMSClock(), 2)
    reply = GXReplyData()
    with pytest.raises(DataAccessError, match="Device reports a undefined object"):
        client.getData(encode_wrapper(1, 16, GetResponseNormal(0xC1, None, 4).encode()), reply)


def test_plain_client_refuses_ciphered_data_clearly() -> None:
    from gurux_dlms.errors import DecryptionError
    from gurux_dlms.framing.wrapper import encode_wrapper

    client = GXDLMSClient(True, 16, 1, interfaceType=InterfaceType.WRAPPER)
    frame = encode_wrapper(1, 16, bytes.fromhex("C8 12 20 00 00 87 B3 78 18 F1 53 08 13 69 B2 65 6D C7 DD 52"))
    with pytest.raises(DecryptionError, match="GXDLMSSecureClient"):
        client.getData(frame, GXReplyData())


def test_invoke_id_setter_works_and_wire_bytes_follow() -> None:
    client = GXDLMSClient(True, 16, 1, interfaceType=InterfaceType.WRAPPER)
    client.invokeID = 5
    frame = client.read(GXDLMSClock(), 2)[0]
    assert frame[8:11] == bytes.fromhex("C0 01 C5")


def test_gurux_wire_examples() -> None:
    client = GXDLMSClient()
    assert client.snrmRequest() == bytes.fromhex("7E A0 07 03 21 93 0F 01 7E")
    client.hdlcSettings.maxInfoRX = 512
    assert client.snrmRequest() == bytes.fromhex("7E A0 10 03 21 93 8F 95 81 80 04 06 02 02 00 0F 4D 7E")
    assert GXDLMSClient.getServerAddress(1, 17) == 145
    assert GXDLMSClient.getServerAddress(1, 0x1000) == 20480
    assert GXDLMSClient.getServerAddressFromSerialNumber(12345678) == 23062
    assert GXArray([GXUInt32(1)]) == [1]
