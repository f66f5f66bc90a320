"""The XmlClient on a serial line: ``-S`` on a pseudo-terminal, with and without the IEC 62056-21 opening (``-i``).

Two pseudo-terminals and a relay between their master sides make a null-modem cable:
the simulator serves one slave path, the command opens the other, as it would a real
port (both sides configure their line; a pty takes the speed changes of mode E and
refuses parity changes, which the serial media handles by reopening the port).
"""

from __future__ import annotations

import os
import select
import shutil
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from cli.xmlclient_runs import EXAMPLES, file_lines, summary, xmlclient
from gurux_dlms.security.enums import Authentication
from gurux_dlms.server.simulator import MeterOptions, SimulatedMeter
from gurux_dlms.server.simulator.runner import Simulator, SimulatorThread
from gurux_dlms.session.enums import InterfaceType

pytestmark = [pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX"),
              pytest.mark.timeout(180)]

FILES = ("LogicalDeviceName.xml", "GetWithList.xml", "RegisterValue.xml")


class NullModem:
    """Two pseudo-terminals whose master sides are joined by a relay thread."""

    def __init__(self) -> None:
        self.meter_master, self.meter_slave = os.openpty()
        self.client_master, self.client_slave = os.openpty()
        self.meter_path = os.ttyname(self.meter_slave)
        self.client_path = os.ttyname(self.client_slave)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._relay, daemon=True)
        self._thread.start()

    def _relay(self) -> None:
        other = {self.meter_master: self.client_master, self.client_master: self.meter_master}
        while not self._stop.is_set():
            ready, _, _ = select.select(list(other), [], [], 0.05)
            for fd in ready:
                try:
                    data = os.read(fd, 4096)
                except OSError:
                    continue  # a side between close and reopen
                if data:
                    os.write(other[fd], data)

    def close(self) -> None:
        self._stop.set()
        self._thread.join(2)
        for fd in (self.meter_master, self.meter_slave, self.client_master, self.client_slave):
            os.close(fd)


@pytest.fixture
def examples(tmp_path: Path) -> Path:
    for name in FILES:
        shutil.copy(EXAMPLES / "LN" / name, tmp_path / name)
    return tmp_path


def serve(cable: NullModem, mode_e: bool) -> SimulatorThread:
    from gurux_dlms.server.simulator.serial_port import SerialEndpoint

    meter = SimulatedMeter(MeterOptions(interface=InterfaceType.HDLC, authentication=Authentication.HIGH, rows=8))
    endpoint = SerialEndpoint(cable.meter_path, 9600, mode_e=mode_e, identification="SIM12345678")
    return SimulatorThread(Simulator(meter, "127.0.0.1", None, serial=endpoint)).start()


@pytest.fixture
def cable() -> Iterator[NullModem]:
    modem = NullModem()
    try:
        yield modem
    finally:
        modem.close()


def test_mode_e_opening_then_hdlc_for_each_file(cable: NullModem, examples: Path) -> None:
    simulator = serve(cable, mode_e=True)
    try:
        result = xmlclient("-S", cable.client_path, "-i", "-c", "1", "-a", "High", "-P", "Gurux", "-t", "Verbose",
                           "-x", str(examples))
    finally:
        simulator.stop()
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr
    assert summary(result) == "3 files: 3 passed, 0 failed, 0 in error"
    assert all(": passed (" in line for line in file_lines(result, FILES).values())
    sent = [line.split("\t")[1] for line in result.stdout.splitlines() if line.startswith("TX:")]
    received = [line.split("\t")[1] for line in result.stdout.splitlines() if line.startswith("RX:")]
    opening = "2F 3F 21 0D 0A"  # /?! CR LF
    assert sent.count(opening) == 3  # a mode E opening for each file's connection
    assert any(frame.startswith("2F 47 52 58") for frame in received)  # /GRX... identification
    assert any(frame.startswith("06 32") for frame in sent)  # ACK 2 Z 2: the option select
    assert sum(1 for frame in sent if frame.startswith("7E A0 07 03 03 93")) == 3  # then SNRM on HDLC
    assert "47525830303030303132333435363738" in result.stdout


def test_plain_hdlc_on_a_serial_port(cable: NullModem, examples: Path) -> None:
    simulator = serve(cable, mode_e=False)
    try:
        result = xmlclient("-S", f"{cable.client_path}:9600:8None1", "-x", str(examples / "LogicalDeviceName.xml"))
    finally:
        simulator.stop()
    assert result.returncode == 0, result.stdout + result.stderr
    assert summary(result) == "1 file: 1 passed, 0 failed, 0 in error"
