"""The simulator on a serial line: a pseudo-terminal, the IEC 62056-21 mode E opening, then HDLC.

The simulator opens the pty's slave path with pyserial, as it would a real port (the
pty refuses the parity and data-bit changes of mode E, so the simulator reopens it); the
test plays the client on the master side: the mode E request, the identification, the
option select, then an HDLC association that reads the clock.
"""

from __future__ import annotations

import os
import select
import sys
import time
from collections.abc import Iterator

import pytest

from gurux_dlms.data.datetime import GXDateTime
from gurux_dlms.framing.iec62056_21 import BaudRateSwitch, IdentificationReceived, ModeEClient
from gurux_dlms.security.enums import Authentication
from gurux_dlms.session.enums import InterfaceType
from gurux_dlms.session.settings import SessionSettings
from integration.sim_client import SocketClient, start_simulator

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")


@pytest.fixture
def line() -> Iterator[tuple[int, object]]:
    from gurux_dlms.server.simulator.serial_port import SerialEndpoint

    master, slave = os.openpty()
    endpoint = SerialEndpoint(os.ttyname(slave), 9600, mode_e=True, identification="SIM12345678")
    simulator = start_simulator(serial=endpoint, interface=InterfaceType.HDLC, rows=8)
    try:
        yield master, endpoint
    finally:
        simulator.stop()
        os.close(master)
        os.close(slave)


def mode_e_opening(master: int) -> list[object]:
    """The client side of the opening, over the pty master; the events it produced."""
    opening = ModeEClient()
    opening.start()
    os.write(master, opening.data_to_send())
    events: list[object] = []
    while not any(isinstance(event, BaudRateSwitch) for event in events):
        ready, _, _ = select.select([master], [], [], 5)
        assert ready, "no identification from the simulator"
        opening.receive_data(os.read(master, 256))
        while (event := opening.next_event()) is not None:
            events.append(event)
    os.write(master, opening.data_to_send())  # the option select
    return events


def test_mode_e_opening_then_hdlc_reads_the_clock(line: tuple[int, object]) -> None:
    master, endpoint = line
    events = mode_e_opening(master)
    identification = next(e for e in events if isinstance(e, IdentificationReceived)).identification
    assert identification.manufacturer == "GRX" and identification.supports_mode_e
    assert next(e for e in events if isinstance(e, BaudRateSwitch)).baud == 9600
    settings = SessionSettings(interface_type=InterfaceType.HDLC, client_address=1,
                               authentication=Authentication.HIGH, password=b"Gurux")
    client = SocketClient(settings, fd=master, timeout=1.0)  # a frame sent while the line switches is resent
    client.open()
    clock = client.call("get", 8, "0.0.1.0.0.255", 2).value
    assert GXDateTime.from_bytes(bytes(clock)).value is not None
    assert client.call("get", 1, "0.0.96.1.0.255", 2).value == "12345678"
    client.close()
    deadline = time.monotonic() + 5  # after DISC the line goes back to waiting for a mode E request
    while endpoint.opening is None and time.monotonic() < deadline:  # type: ignore[attr-defined]
        time.sleep(0.01)
    assert endpoint.opening is not None  # type: ignore[attr-defined]
    assert mode_e_opening(master)  # and a second opening works
