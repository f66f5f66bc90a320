"""The scripts in examples/ run end to end against the simulator."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from gurux_dlms.data import GXEnum, GXInt8, GXStructure
from gurux_dlms.session.enums import InterfaceType
from gurux_dlms.transport import Meter

from .sim_client import start_simulator

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="module")
def simulator():  # type: ignore[no-untyped-def]
    sim = start_simulator(interface=InterfaceType.WRAPPER, rows=50)
    yield sim
    sim.stop()


def run(script: str, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(EXAMPLES / script), *args], capture_output=True, text=True,
                          timeout=timeout)


def test_read_meter_reads_the_view_every_attribute_and_profiles(simulator) -> None:  # type: ignore[no-untyped-def]
    done = run("read_meter.py", "-h", "127.0.0.1", "-p", str(simulator.port), "-w")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "-------- Reading 8 0.0.1.0.0.255 Ch. 0 Clock object" in out
    assert "Index: 2 Value: " in out
    assert "-------- Reading 7 1.0.99.1.0.255" in out
    assert "Entries: 50/" in out
    assert " | " in out  # profile rows


def test_read_meter_with_low_authentication_over_hdlc() -> None:
    sim = start_simulator(interface=InterfaceType.HDLC, rows=10)
    try:
        done = run("read_meter.py", "-h", "127.0.0.1", "-p", str(sim.port), "-c", "17", "-a", "Low",
                   "-P", "Gurux")
    finally:
        sim.stop()
    assert done.returncode == 0, done.stderr
    assert "-------- Reading 1 0.0.42.0.0.255" in done.stdout


def test_read_meter_rejects_bad_flags() -> None:
    done = run("read_meter.py", "-a", "Whatever", "-h", "x")
    assert done.returncode == 2 and "unknown authentication" in done.stderr


def test_push_listener_prints_a_push(simulator) -> None:  # type: ignore[no-untyped-def]
    listener = subprocess.Popen([sys.executable, str(EXAMPLES / "push_listener.py"), "-p", "0", "--count", "1"],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert listener.stdout is not None
        line = listener.stdout.readline()
        port = int(line.rsplit(":", 1)[1])
        destination = bytearray(f"127.0.0.1:{port}".encode())
        with Meter.tcp("127.0.0.1", simulator.port, client=1, authentication="High", password="Gurux") as meter:
            meter.write((40, "0.0.25.9.0.255"), 3, GXStructure([GXEnum(0), destination, GXEnum(0)]))
            meter.call((40, "0.0.25.9.0.255"), 1, GXInt8(0))
        out, _ = listener.communicate(timeout=20)
    finally:
        if listener.poll() is None:
            listener.kill()
            time.sleep(0.1)
    assert "<DataNotification>" in out
    assert "Value: " in out
