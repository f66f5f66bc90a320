"""The blocking driver over in-process media, over UDP, and the session's timeouts after a push."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from gurux_dlms.apdu.get import GetResponseNormal
from gurux_dlms.apdu.notification import DataNotification
from gurux_dlms.data import GXUInt32
from gurux_dlms.errors import DLMSTimeoutError, MediaClosedError
from gurux_dlms.framing.iec62056_21 import BaudRateSwitch, ModeEServer
from gurux_dlms.framing.wrapper import encode_wrapper
from gurux_dlms.session import ClientConnection, InterfaceType, ResponseReceived, SessionSettings
from gurux_dlms.session.events import NEED_DATA, Associated, NotificationReceived
from gurux_dlms.transport import (
    MODE_E_OPENING,
    BlockingDriver,
    LoopbackMedia,
    Meter,
    ModeEOptions,
    NetMedia,
    SerialLine,
)
from integration.test_session_inmemory import run
from integration.transport_meter import CLOCK_LN, IDENTIFICATION, REGISTER_LN, TransportMeter, UdpMeterServer


def connection(interface: InterfaceType = InterfaceType.WRAPPER, **settings: Any) -> ClientConnection:
    return ClientConnection(SessionSettings(interface_type=interface, **settings))


def test_meter_on_another_thread_through_a_loopback_pair() -> None:
    client_end, meter_end = LoopbackMedia.pair()
    device = TransportMeter(InterfaceType.HDLC)
    meter_end.open()

    def serve() -> None:
        while True:
            try:
                data = meter_end.receive(5.0)
            except MediaClosedError:
                return
            answer = device.feed(data)
            if answer:
                meter_end.send(answer)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    with BlockingDriver(connection(InterfaceType.HDLC), client_end, timeout=2.0) as driver:
        assert driver.get(3, REGISTER_LN, 2).value == 123456
    thread.join(5)
    assert not thread.is_alive()  # closing our end closed the meter's
    assert [type(a).__name__ for a in device.received] == ["AARQ", "GetRequestNormal", "RLRQ"]


def test_mode_e_over_a_loopback_records_the_line_changes() -> None:
    device = TransportMeter(InterfaceType.HDLC)
    opening = ModeEServer(IDENTIFICATION)
    state = {"hdlc": False}

    def answer(data: bytes) -> bytes:
        if state["hdlc"]:
            return bytes(device.feed(data))
        opening.receive_data(data)
        while (event := opening.next_event()) is not None:
            state["hdlc"] = isinstance(event, BaudRateSwitch)
        return opening.data_to_send()

    media = LoopbackMedia(answer=answer)
    with Meter.over(media, interface=InterfaceType.HDLC_WITH_MODE_E, timeout=2.0,
                    mode_e=ModeEOptions(reaction_time=0, settle_time=0)) as meter:
        assert meter.read((3, REGISTER_LN), 2) == pytest.approx(1234.56)  # scaler read first
        assert meter.driver.identification.baud == 9600
    assert media.lines == [MODE_E_OPENING, SerialLine(9600)]
    assert bytes(media.sent).startswith(b"/?!\r\n\x06252\r\n\x7e")


def test_wait_notification_returns_pushes_and_none_when_quiet() -> None:
    device = TransportMeter(InterfaceType.WRAPPER)
    media = LoopbackMedia(answer=device.feed)
    with BlockingDriver(connection(), media, timeout=2.0) as driver:
        assert driver.wait_notification(0.01) is None
        media.inject(encode_wrapper(1, 16, DataNotification(0x40000001, b"", GXUInt32(5)).encode()))
        push = driver.wait_notification(1.0)
        assert isinstance(push, DataNotification) and push.notification_body == 5


def test_silent_loopback_times_out_after_the_retries() -> None:
    media = LoopbackMedia(answer=lambda data: None)
    driver = BlockingDriver(connection(), media, timeout=0.05, retries=2)
    with pytest.raises(DLMSTimeoutError, match="after 2 retries"):
        driver.open()
    frames = bytes(media.sent)
    assert frames == frames[: len(frames) // 3] * 3  # the AARQ and two resends
    assert not media.is_open


def test_blocking_udp() -> None:
    with UdpMeterServer() as server:
        media = NetMedia("127.0.0.1", server.port, udp=True)
        with BlockingDriver(connection(), media, timeout=2.0) as driver:
            assert bytes(driver.get(8, CLOCK_LN, 2).value) == server.meter.object(CLOCK_LN).time.to_bytes()
        assert media.name == f"UDP 127.0.0.1:{server.port}" and not media.is_open
        assert [type(a).__name__ for a in server.meter.received] == ["AARQ", "GetRequestNormal", "RLRQ"]


@pytest.mark.parametrize("interface", [InterfaceType.WRAPPER, InterfaceType.HDLC])
def test_session_keeps_counting_timeouts_after_a_push(interface: InterfaceType) -> None:
    """A push that arrives instead of the answer must not stop the retries (else a driver waits forever)."""
    device = TransportMeter(interface)
    client = connection(interface, max_retries=2)
    client.connect()
    run(client, device, Associated)
    client.get(8, CLOCK_LN, 2)
    request = client.data_to_send()  # the request goes out; the meter pushes, and the answer is lost
    push = DataNotification(0x40000001, b"", GXUInt32(1)).encode()
    if interface == InterfaceType.WRAPPER:
        client.receive_data(encode_wrapper(1, 16, push))
    else:
        device.link.receive_data(request)
        device.link.next_event()
        device.link.send_pdu(push)
        client.receive_data(device.link.data_to_send())
    assert isinstance(client.next_event(), NotificationReceived)
    assert client.next_event() is NEED_DATA
    client.on_timeout()
    assert client.data_to_send(), "nothing was sent after the timeout: no resend, no poll"
    client.on_timeout()
    with pytest.raises(DLMSTimeoutError):
        client.on_timeout()
    assert not isinstance(client.next_event(), ResponseReceived)


def test_answer_after_a_push_arrives_after_the_hdlc_poll() -> None:
    device = TransportMeter(InterfaceType.HDLC)
    client = connection(InterfaceType.HDLC)
    client.connect()
    run(client, device, Associated)
    client.get(8, CLOCK_LN, 2)
    request = client.data_to_send()
    device.link.receive_data(request)
    device.link.next_event()  # the GET, answered below after a push
    device.link.send_pdu(DataNotification(0x40000001, b"", GXUInt32(1)).encode())
    device.link.send_pdu(GetResponseNormal(0xC1, GXUInt32(9)).encode())
    client.receive_data(device.link.data_to_send())  # only the push: the answer waits for a poll
    assert isinstance(client.next_event(), NotificationReceived)
    assert client.next_event() is NEED_DATA
    client.on_timeout()  # the client polls with RR
    client.receive_data(device.feed(client.data_to_send()))
    response = client.next_event()
    assert isinstance(response, ResponseReceived) and response.result.value == 9
