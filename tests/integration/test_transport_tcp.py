"""The blocking driver over real TCP sockets on 127.0.0.1 (NetMedia over gurux-net).

The meter is the scripted test meter served by a small threaded TCP server, one meter per
connection, in WRAPPER and in HDLC.  What the meter received is checked after every
session: the release (RLRQ) and, for HDLC, the DISC must be there however the session
ended.
"""

from __future__ import annotations

import socket
from typing import Any

import pytest

from gurux_dlms.apdu.acse import AARQ, RLRQ
from gurux_dlms.apdu.get import GetRequestNormal
from gurux_dlms.apdu.notification import DataNotification
from gurux_dlms.data import GXUInt32
from gurux_dlms.errors import (
    DataAccessError,
    DLMSTimeoutError,
    ExceptionResponseError,
    MediaClosedError,
    TransportError,
)
from gurux_dlms.session import ClientConnection, InterfaceType, SessionSettings
from gurux_dlms.transport import BlockingDriver, NetMedia
from integration.transport_meter import (
    CLOCK_LN,
    DENIED_LN,
    EXCEPTION_LN,
    PUSHING_LN,
    REGISTER_LN,
    TcpMeterServer,
    TransportMeter,
)

DISC = bytes.fromhex("7EA00703215303C77E")


def driver_for(server: TcpMeterServer, interface: InterfaceType, **options: Any) -> BlockingDriver:
    connection = ClientConnection(SessionSettings(interface_type=interface))
    options.setdefault("timeout", 2.0)
    return BlockingDriver(connection, NetMedia("127.0.0.1", server.port), **options)


def kinds(meter: TransportMeter) -> list[str]:
    return [type(apdu).__name__ for apdu in meter.received]


@pytest.fixture(params=[InterfaceType.WRAPPER, InterfaceType.HDLC], ids=["wrapper", "hdlc"])
def interface(request: pytest.FixtureRequest) -> InterfaceType:
    return InterfaceType(request.param)


@pytest.fixture
def server(interface: InterfaceType) -> Any:
    with TcpMeterServer(lambda: TransportMeter(interface)) as running:
        yield running


def test_read_clock_and_release(server: TcpMeterServer, interface: InterfaceType) -> None:
    with driver_for(server, interface) as driver:
        assert driver.is_open and driver.associated is not None
        result = driver.get(8, CLOCK_LN, 2)
    assert result.ok
    meter = server.meters[0]
    assert bytes(result.value) == meter.object(CLOCK_LN).time.to_bytes()
    assert kinds(meter) == ["AARQ", "GetRequestNormal", "RLRQ"]
    assert not driver.media.is_open and not driver.is_open
    assert server.wait_closed()
    if interface == InterfaceType.HDLC:
        assert server.received[0].endswith(DISC)


def test_get_list_set_and_action(server: TcpMeterServer, interface: InterfaceType) -> None:
    with driver_for(server, interface) as driver:
        assert driver.set(3, REGISTER_LN, 2, GXUInt32(42)).ok
        assert driver.get(3, REGISTER_LN, 2).value == 42
        assert driver.action(3, REGISTER_LN, 1, 0).ok
        assert driver.request("get", 3, REGISTER_LN, 2).value == 0
    assert server.meters[0].object(REGISTER_LN).value == 0


def test_failed_access_is_returned_or_raised_when_asked(server: TcpMeterServer, interface: InterfaceType) -> None:
    with driver_for(server, interface) as driver:
        result = driver.get(1, DENIED_LN, 2)
        assert result.error == 3 and not result.ok
        with pytest.raises(DataAccessError, match="READ_WRITE_DENIED") as raised:
            driver.get(1, DENIED_LN, 2, check=True)
        assert raised.value.code == 3 and DENIED_LN in str(raised.value)
        assert driver.get(8, CLOCK_LN, 2, check=True).ok  # the session goes on


def test_exception_response_raises_and_the_session_goes_on(server: TcpMeterServer,
                                                           interface: InterfaceType) -> None:
    with driver_for(server, interface) as driver:
        with pytest.raises(ExceptionResponseError):
            driver.get(1, EXCEPTION_LN, 2)
        assert driver.get(8, CLOCK_LN, 2).ok
    assert kinds(server.meters[0])[-1] == "RLRQ"


def test_notification_while_waiting_goes_to_the_queue_or_the_callback(server: TcpMeterServer,
                                                                      interface: InterfaceType) -> None:
    # HDLC: the push uses the meter's turn; the client polls (RR) for the answer after a timeout
    with driver_for(server, interface, timeout=0.5) as driver:
        assert driver.get(1, PUSHING_LN, 2).value == 8
        push = driver.notifications.popleft()
        assert isinstance(push, DataNotification) and push.notification_body == 7
    seen: list[Any] = []
    with driver_for(server, interface, timeout=0.5, on_notification=seen.append) as driver:
        assert driver.get(1, PUSHING_LN, 2).value == 8
        assert not driver.notifications
    assert len(seen) == 1 and seen[0].notification_body == 7


def test_exception_in_the_with_block_still_releases_and_closes(server: TcpMeterServer,
                                                              interface: InterfaceType) -> None:
    with pytest.raises(RuntimeError, match="user code failed"), driver_for(server, interface) as driver:
        driver.get(8, CLOCK_LN, 2)
        raise RuntimeError("user code failed")
    assert kinds(server.meters[0]) == ["AARQ", "GetRequestNormal", "RLRQ"]
    assert not driver.media.is_open
    assert server.wait_closed()
    if interface == InterfaceType.HDLC:
        assert server.received[0].endswith(DISC)


def test_exception_mid_request_still_releases_and_closes(server: TcpMeterServer,
                                                        interface: InterfaceType) -> None:
    def refuse(push: Any) -> None:
        raise ValueError("push handler failed")

    with pytest.raises(ValueError, match="push handler failed"), \
            driver_for(server, interface, on_notification=refuse) as driver:
        driver.get(1, PUSHING_LN, 2)  # the push arrives before the answer: the handler raises
    meter = server.meters[0]
    assert kinds(meter) == ["AARQ", "GetRequestNormal", "RLRQ"]
    assert not driver.media.is_open
    if interface == InterfaceType.HDLC:
        assert server.received[0].endswith(DISC)


def test_silent_meter_fails_with_one_timeout_error_and_the_request_resent(interface: InterfaceType) -> None:
    with TcpMeterServer(silent=True) as server:
        driver = driver_for(server, interface, timeout=0.2, retries=1)
        with pytest.raises(DLMSTimeoutError) as raised:
            driver.open()
        assert raised.value.__cause__ is None and raised.value.__suppress_context__  # one error, no chain
        assert "after 1 retries" in str(raised.value)
        message = str(raised.value)
        assert "0.2 s" in message and f"127.0.0.1:{server.port}" in message
        assert ("(SNRM)" if interface == InterfaceType.HDLC else "(AARQ)") in message
        assert not driver.media.is_open
        assert server.wait_closed()
        sent = bytes(server.received[0])  # the request went out twice: once, then one retry
        request = sent[: len(sent) // 2]
        assert sent == request * 2


def test_unreachable_port_raises_transport_error() -> None:
    probe = socket.create_server(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    driver = BlockingDriver(ClientConnection(SessionSettings(interface_type=InterfaceType.WRAPPER)),
                            NetMedia("127.0.0.1", port), timeout=5.0)
    with pytest.raises(TransportError) as raised:
        driver.open()
    assert not isinstance(raised.value, DLMSTimeoutError)
    assert "cannot connect" in str(raised.value) and "ConnectionRefusedError" in str(raised.value)
    assert not driver.media.is_open


def test_meter_closing_the_connection_raises_media_closed() -> None:
    with TcpMeterServer(close_after=1) as server:  # answers the AARQ, then hangs up
        driver = driver_for(server, InterfaceType.WRAPPER)
        driver.open()
        with pytest.raises(MediaClosedError, match=r"closed by the peer|reset by peer"):  # FIN or RST first
            driver.get(8, CLOCK_LN, 2)
        assert not driver.media.is_open  # known lost: close() sends nothing more
        driver.close()
        assert not driver.media.is_open
        assert kinds(server.meters[0]) == ["AARQ"]


def test_aarq_and_rlrq_on_the_wire() -> None:
    with TcpMeterServer() as server, driver_for(server, InterfaceType.WRAPPER) as driver:
        driver.get(8, CLOCK_LN, 2)
    meter = server.meters[0]
    assert isinstance(meter.received[0], AARQ) and isinstance(meter.received[-1], RLRQ)
    assert isinstance(meter.received[1], GetRequestNormal)
    wire = bytes(server.received[0])
    assert wire.startswith(bytes.fromhex("0001 0010 0001 001F 601DA109060760857405080101"))
    assert wire.endswith(bytes.fromhex("0001 0010 0001 0005 6203800100"))
