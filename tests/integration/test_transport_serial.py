"""The serial path on a pseudo-terminal: SerialMedia over gurux-serial, HDLC and IEC 62056-21 mode E.

The test holds the master side of ``os.openpty()`` and plays the meter; the client opens
the slave path with :class:`SerialMedia`, exactly as it would open ``/dev/ttyUSB0``.  A
pseudo-terminal has no modem lines (a logged warning, not a failure); after the mode E
switch the tty itself must say 8N1 at the agreed speed.
"""

from __future__ import annotations

import logging
import termios

import pytest

from gurux_dlms.cosem.classes.clock import GXDLMSClock
from gurux_dlms.data.datetime import GXDateTime
from gurux_dlms.errors import DLMSTimeoutError, MediaClosedError, TransportError
from gurux_dlms.session import ClientConnection, InterfaceType, SessionSettings
from gurux_dlms.transport import (
    BlockingDriver,
    Meter,
    ModeEOptions,
    Parity,
    SerialLine,
    SerialMedia,
    open_mode_e,
)
from integration.transport_meter import CLOCK_LN, IDENTIFICATION, PtyMeter

FAST = ModeEOptions(timeout=1.0, reaction_time=0.0, settle_time=0.0)


def test_hdlc_read_over_a_pseudo_terminal(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="gurux_dlms.transport")
    with PtyMeter() as pty:
        media = SerialMedia(pty.path, SerialLine(9600))
        connection = ClientConnection(SessionSettings(interface_type=InterfaceType.HDLC))
        with BlockingDriver(connection, media, timeout=2.0) as driver:
            result = driver.get(8, CLOCK_LN, 2)
        assert bytes(result.value) == pty.meter.object(CLOCK_LN).time.to_bytes()
        assert [type(a).__name__ for a in pty.meter.received] == ["AARQ", "GetRequestNormal", "RLRQ"]
        assert not media.is_open
    assert any("no DTR line" in r.getMessage() for r in caplog.records)


def test_mode_e_opening_switches_to_8n1_then_hdlc(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="gurux_dlms.transport")
    with PtyMeter(mode_e=True) as pty:
        with Meter.serial(pty.path, mode_e=FAST, timeout=2.0) as meter:
            clock = GXDLMSClock()
            value = meter.read(clock, 2)
            media = meter.driver.media
            assert isinstance(media, SerialMedia) and media.line == SerialLine(9600)
            _, _, cflag, _, ispeed, ospeed, _ = termios.tcgetattr(pty.slave)  # what the tty really is
            assert cflag & termios.CSIZE == termios.CS8 and not cflag & termios.PARENB
            assert ispeed == ospeed == termios.B9600
            opening = meter.driver.identification
        assert isinstance(value, GXDateTime) and clock.time is value
        assert value.to_bytes() == pty.meter.object(CLOCK_LN).time.to_bytes()
        assert bytes(pty.opening) == b"/?!\r\n\x06252\r\n"
        assert pty.switched_to == 9600
    assert opening is not None and opening.baud == 9600
    assert opening.identification == IDENTIFICATION
    assert any("no DTR line" in r.getMessage() for r in caplog.records)


def test_mode_e_capped_baud_rate() -> None:
    with PtyMeter(mode_e=True) as pty:
        media = SerialMedia(pty.path)
        try:
            result = open_mode_e(media, ModeEOptions(max_baud=2400, timeout=1.0, reaction_time=0, settle_time=0))
            assert result.baud == 2400 and media.line == SerialLine(2400)
            assert pty.switched.wait(10)  # the meter side reads the option select on its own thread
            assert bytes(pty.opening).endswith(b"\x06232\r\n") and pty.switched_to == 2400
        finally:
            media.close()


def test_mode_e_without_identification_times_out_after_repeating_the_request() -> None:
    with PtyMeter() as pty:  # an HDLC-only meter ignores the sign-on
        media = SerialMedia(pty.path)
        try:
            with pytest.raises(DLMSTimeoutError, match="identification"):
                open_mode_e(media, ModeEOptions(timeout=0.2, retries=1))
            assert media.line.parity == Parity.EVEN and media.line.baud == 300
        finally:
            media.close()


def test_set_line_on_a_closed_port_applies_at_open() -> None:
    with PtyMeter() as pty:
        media = SerialMedia(pty.path, SerialLine(9600))
        media.set_line(SerialLine(19200, 7, Parity.EVEN))
        media.open()
        try:
            assert media.line == SerialLine(19200, 7, Parity.EVEN)
            assert "19200 7E1" in media.name
        finally:
            media.close()
        with pytest.raises(MediaClosedError):
            media.receive(0.01)


def test_missing_port_raises_transport_error() -> None:
    media = SerialMedia("/dev/does-not-exist-gurux")
    with pytest.raises(TransportError, match="cannot open"):
        media.open()
    assert not media.is_open


def test_device_gone_raises_media_closed_once() -> None:
    pty = PtyMeter()
    media = SerialMedia(pty.path)
    media.open()
    try:
        pty.close()  # the meter side hangs up: reads on the port now fail with EIO
        with pytest.raises(MediaClosedError, match=r"EIO|Input/output"):
            media.receive(2.0)
        assert not media.is_open
        with pytest.raises(MediaClosedError):
            media.receive(0.01)
    finally:
        media.close()
    assert not media.is_open
