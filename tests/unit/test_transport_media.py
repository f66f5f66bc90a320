"""Media building blocks: serial line notation, the inbox, loopback media, tracing, result checks."""

from __future__ import annotations

import logging
import threading

import pytest

from gurux_dlms.errors import ConfigurationError, DataAccessError, LocalProtocolError, MediaClosedError
from gurux_dlms.security.enums import Authentication
from gurux_dlms.session import AccessResult, ClientConnection, MethodResult
from gurux_dlms.transport import (
    HDLC_LINE,
    MODE_E_OPENING,
    TRACE_LOGGER,
    LoopbackMedia,
    Media,
    NetMedia,
    Parity,
    SerialLine,
    SerialMedia,
    SerialPort,
    StopBits,
    parse_serial_spec,
)
from gurux_dlms.transport.common import check_result, describe, request_method, trace
from gurux_dlms.transport.media import Inbox
from gurux_dlms.transport.meter import authentication_of


@pytest.mark.parametrize(("spec", "mode_e", "expected"), [
    ("COM1:9600:8None1", False, ("COM1", SerialLine(9600, 8, Parity.NONE, StopBits.ONE))),
    ("COM3:300:7Even1", False, ("COM3", SerialLine(300, 7, Parity.EVEN, StopBits.ONE))),
    ("/dev/ttyUSB0:19200:8odd2", False, ("/dev/ttyUSB0", SerialLine(19200, 8, Parity.ODD, StopBits.TWO))),
    ("/dev/ttyS1:2400", False, ("/dev/ttyS1", SerialLine(2400))),
    ("/dev/pts/3", False, ("/dev/pts/3", HDLC_LINE)),
    ("/dev/pts/3", True, ("/dev/pts/3", MODE_E_OPENING)),
    ("COM1:9600:7Mark1.5", False, ("COM1", SerialLine(9600, 7, Parity.MARK, StopBits.ONE_POINT_FIVE))),
])
def test_serial_spec(spec: str, mode_e: bool, expected: tuple[str, SerialLine]) -> None:
    assert parse_serial_spec(spec, mode_e=mode_e) == expected


@pytest.mark.parametrize("spec", [":9600", "COM1:fast", "COM1:9600:8Nope1", "COM1:9600:9None1", "COM1:0"])
def test_bad_serial_spec(spec: str) -> None:
    with pytest.raises(ConfigurationError):
        parse_serial_spec(spec)


def test_serial_line_text_and_bit_time() -> None:
    assert str(MODE_E_OPENING) == "300 7E1" and str(HDLC_LINE) == "9600 8N1"
    assert MODE_E_OPENING.bits_per_char == 10 and SerialLine(9600, 8, Parity.EVEN, StopBits.TWO).bits_per_char == 12
    with pytest.raises(ConfigurationError):
        SerialLine(9600, 9)


def test_inbox_gives_data_before_the_failure() -> None:
    inbox = Inbox("test")
    assert inbox.take(0) == b""
    inbox.put(b"\x01")
    inbox.put(b"\x02\x03")
    inbox.fail("closed by the peer")
    inbox.fail("second reason is ignored")
    assert inbox.take(0) == b"\x01\x02\x03"
    with pytest.raises(MediaClosedError, match="closed by the peer"):
        inbox.take(0)
    inbox.reset()
    assert inbox.take(0) == b"" and inbox.failure is None


def test_inbox_wakes_a_waiting_reader() -> None:
    inbox = Inbox("test")
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(inbox.take(30.0)))
    reader.start()
    inbox.put(b"\x7e")
    reader.join(30.0)
    assert got == [b"\x7e"]


def test_loopback_pair() -> None:
    a, b = LoopbackMedia.pair("pipe")
    assert isinstance(a, Media) and isinstance(a, SerialPort)
    with pytest.raises(MediaClosedError):
        a.send(b"x")
    a.open()
    with pytest.raises(MediaClosedError, match="other end"):
        a.send(b"x")
    b.open()
    a.send(b"hello")
    b.send(b"there")
    assert b.receive(1.0) == b"hello" and a.receive(1.0) == b"there"
    assert a.receive(0) == b""
    b.close()
    with pytest.raises(MediaClosedError, match="closed by the peer"):
        a.receive(1.0)
    a.close()
    assert not a.is_open and a.sent == b"hello"


def test_loopback_answering_function() -> None:
    media = LoopbackMedia(answer=lambda data: data[::-1])
    media.open()
    media.send(b"abc")
    assert media.receive(0) == b"cba"
    media.set_line(MODE_E_OPENING)
    assert media.line == MODE_E_OPENING and media.lines == [MODE_E_OPENING]


def test_media_settings_are_checked() -> None:
    with pytest.raises(ConfigurationError):
        NetMedia("", 4059)
    with pytest.raises(ConfigurationError):
        NetMedia("127.0.0.1", 70000)
    with pytest.raises(ConfigurationError):
        NetMedia("127.0.0.1", 4059, connect_timeout=0)
    with pytest.raises(ConfigurationError):
        SerialMedia("")
    media = SerialMedia.from_spec("/dev/ttyUSB9:2400:8None1")
    assert media.line == SerialLine(2400) and media.port == "/dev/ttyUSB9" and not media.is_open
    with pytest.raises(MediaClosedError):
        media.send(b"\x7e")


def test_trace_logs_hex_with_the_raw_bytes(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger=TRACE_LOGGER)
    trace("TX", b"\x00\x01\xab", "TCP 127.0.0.1:4059")
    trace("RX", b"", "TCP 127.0.0.1:4059")  # nothing to trace
    [record] = caplog.records
    assert record.getMessage() == "TX 00 01 AB"
    assert record.direction == "TX" and record.data == b"\x00\x01\xab"  # type: ignore[attr-defined]
    assert record.media == "TCP 127.0.0.1:4059"  # type: ignore[attr-defined]


def test_describe_and_request_kinds() -> None:
    assert describe("get", (8, "0.0.1.0.0.255", 2)) == "GET 0.0.1.0.0.255 attribute 2 (class 8)"
    assert describe("action", (3, bytes((1, 0, 1, 8, 0, 255)), 1)) == "ACTION 1.0.1.8.0.255 method 1 (class 3)"
    assert describe("read", (0xFA00, 2)) == "READ 0xFA00 attribute 2"
    assert describe("get_list", ([1, 2],)) == "GET with list of 2 item(s)"
    with pytest.raises(LocalProtocolError, match="request kind"):
        request_method(ClientConnection(), "delete")


def test_check_result() -> None:
    assert check_result(AccessResult(5), "GET x") == AccessResult(5)
    with pytest.raises(DataAccessError, match="GET x failed: the meter answered UNDEFINED_OBJECT") as raised:
        check_result(AccessResult(None, 4), "GET x")
    assert raised.value.code == 4 and raised.value.reason == "UNDEFINED_OBJECT"
    with pytest.raises(DataAccessError, match="item 2"):
        check_result([AccessResult(1), AccessResult(None, 3)], "GET with list")
    with pytest.raises(DataAccessError, match="TEMPORARY_FAILURE"):
        check_result(MethodResult(2), "ACTION y")
    assert check_result(MethodResult(0, 7), "ACTION y").value == 7


@pytest.mark.parametrize(("given", "expected"), [
    ("Low", Authentication.LOW), ("HighGMac", Authentication.HIGH_GMAC), ("high_sha256", Authentication.HIGH_SHA256),
    (5, Authentication.HIGH_GMAC), (Authentication.NONE, Authentication.NONE),
])
def test_authentication_names(given: object, expected: Authentication) -> None:
    assert authentication_of(given) is expected  # type: ignore[arg-type]


def test_unknown_authentication_name() -> None:
    with pytest.raises(ConfigurationError, match="HIGH_GMAC"):
        authentication_of("Medium")
