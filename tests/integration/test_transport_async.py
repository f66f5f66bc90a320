"""The asyncio driver: asyncio streams on 127.0.0.1, UDP, a blocking medium in threads, many meters at once."""

from __future__ import annotations

import asyncio
import socket
from typing import Any

import pytest

from gurux_dlms.errors import DLMSTimeoutError, TransportError
from gurux_dlms.framing.iec62056_21 import BaudRateSwitch, ModeEServer
from gurux_dlms.session import ClientConnection, InterfaceType, SessionSettings
from gurux_dlms.transport import (
    MODE_E_OPENING,
    AsyncDriver,
    AsyncTcpMedia,
    AsyncUdpMedia,
    LoopbackMedia,
    ModeEOptions,
    SerialLine,
    ThreadedMedia,
)
from integration.transport_meter import (
    CLOCK_LN,
    IDENTIFICATION,
    REGISTER_LN,
    TcpMeterServer,
    TransportMeter,
    UdpMeterServer,
)


def connection(interface: InterfaceType = InterfaceType.WRAPPER) -> ClientConnection:
    return ClientConnection(SessionSettings(interface_type=interface))


def kinds(meter: TransportMeter) -> list[str]:
    return [type(apdu).__name__ for apdu in meter.received]


@pytest.mark.parametrize("interface", [InterfaceType.WRAPPER, InterfaceType.HDLC], ids=["wrapper", "hdlc"])
def test_read_over_asyncio_streams(interface: InterfaceType) -> None:
    async def session(port: int) -> Any:
        async with AsyncDriver(connection(interface), AsyncTcpMedia("127.0.0.1", port), timeout=2.0) as driver:
            assert driver.is_open
            return await driver.get(8, CLOCK_LN, 2)

    with TcpMeterServer(lambda: TransportMeter(interface)) as server:
        result = asyncio.run(session(server.port))
        assert bytes(result.value) == server.meters[0].object(CLOCK_LN).time.to_bytes()
        assert kinds(server.meters[0]) == ["AARQ", "GetRequestNormal", "RLRQ"]
        assert server.wait_closed()


def test_many_meters_at_once() -> None:
    async def read_register(port: int) -> Any:
        async with AsyncDriver(connection(), AsyncTcpMedia("127.0.0.1", port), timeout=2.0) as driver:
            return (await driver.get(3, REGISTER_LN, 2)).value

    async def main(ports: list[int]) -> list[Any]:
        return await asyncio.gather(*(read_register(port) for port in ports))

    servers = [TcpMeterServer() for _ in range(4)]
    try:
        values = asyncio.run(main([s.port for s in servers]))
        assert values == [123456] * 4
        assert all(kinds(s.meters[0])[-1] == "RLRQ" for s in servers)
    finally:
        for server in servers:
            server.close()


def test_silent_meter_raises_one_timeout_error() -> None:
    async def session(port: int) -> AsyncDriver:
        driver = AsyncDriver(connection(), AsyncTcpMedia("127.0.0.1", port), timeout=0.2, retries=1)
        with pytest.raises(DLMSTimeoutError, match=r"\(AARQ\).*0.2 s"):
            await driver.open()
        return driver

    with TcpMeterServer(silent=True) as server:
        driver = asyncio.run(session(server.port))
        assert not driver.media.is_open
        sent = bytes(server.received[0])
        assert sent[: len(sent) // 2] * 2 == sent  # the AARQ, then one retry


def test_unreachable_port_raises_transport_error() -> None:
    probe = socket.create_server(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()

    async def session() -> None:
        await AsyncDriver(connection(), AsyncTcpMedia("127.0.0.1", port)).open()

    with pytest.raises(TransportError, match="cannot connect") as raised:
        asyncio.run(session())
    assert not isinstance(raised.value, DLMSTimeoutError)


def test_exception_in_the_block_still_releases() -> None:
    async def session(port: int) -> None:
        async with AsyncDriver(connection(), AsyncTcpMedia("127.0.0.1", port), timeout=2.0) as driver:
            await driver.get(8, CLOCK_LN, 2)
            raise RuntimeError("user code failed")

    with TcpMeterServer() as server:
        with pytest.raises(RuntimeError, match="user code failed"):
            asyncio.run(session(server.port))
        assert kinds(server.meters[0]) == ["AARQ", "GetRequestNormal", "RLRQ"]


def test_udp_datagrams() -> None:
    async def session(port: int) -> Any:
        async with AsyncDriver(connection(), AsyncUdpMedia("127.0.0.1", port), timeout=2.0) as driver:
            return (await driver.get(3, REGISTER_LN, 2)).value

    with UdpMeterServer() as server:
        assert asyncio.run(session(server.port)) == 123456
        assert kinds(server.meter) == ["AARQ", "GetRequestNormal", "RLRQ"]


def test_threaded_blocking_media_with_mode_e() -> None:
    device = TransportMeter(InterfaceType.HDLC)
    opening = ModeEServer(IDENTIFICATION)
    switched: list[int] = []

    def answer(data: bytes) -> bytes:
        if switched:
            return bytes(device.feed(data))
        opening.receive_data(data)
        while (event := opening.next_event()) is not None:
            if isinstance(event, BaudRateSwitch):
                switched.append(event.baud)
        return opening.data_to_send()

    media = LoopbackMedia(answer=answer)
    options = ModeEOptions(reaction_time=0, settle_time=0)

    async def session() -> Any:
        driver = AsyncDriver(connection(InterfaceType.HDLC_WITH_MODE_E), ThreadedMedia(media), timeout=2.0,
                             mode_e=options)
        async with driver:
            value = (await driver.get(8, CLOCK_LN, 2)).value
            return value, driver.identification

    value, identification = asyncio.run(session())
    assert bytes(value) == device.object(CLOCK_LN).time.to_bytes()
    assert identification.identification == IDENTIFICATION and switched == [9600]
    assert media.lines == [MODE_E_OPENING, SerialLine(9600)]
    assert kinds(device)[-1] == "RLRQ" and not media.is_open
