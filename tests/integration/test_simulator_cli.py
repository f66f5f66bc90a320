"""``gurux-dlms-simulator`` as a program: it serves, logs, stops cleanly on SIGINT and SIGTERM.

The simulator runs in a child process (``python -m gurux_dlms.server.simulator.cli``) on a
free port, which it reports in its log; the test reads from it and then signals it.
"""

from __future__ import annotations

import os
import re
import selectors
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

from gurux_dlms.security.enums import Authentication
from gurux_dlms.security.keys import SecuritySettings
from gurux_dlms.server.simulator import MeterOptions, SimulatedMeter
from gurux_dlms.session.enums import InterfaceType
from gurux_dlms.session.settings import SessionSettings
from integration.sim_client import SocketClient

SERVING = re.compile(rb"serving \w+ on 127\.0\.0\.1:(\d+)")


@contextmanager
def simulator(*arguments: str) -> Iterator[tuple[subprocess.Popen[bytes], int, bytearray]]:
    """The simulator in a child process: the process, its port and the log it wrote so far."""
    command = [sys.executable, "-m", "gurux_dlms.server.simulator.cli", "--port", "0", "--rows", "24", *arguments]
    process = subprocess.Popen(command, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL)
    assert process.stderr is not None
    os.set_blocking(process.stderr.fileno(), False)
    log = bytearray()
    try:
        port = int(wait_for(process, log, SERVING).group(1))
        yield process, port, log
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(10)


def wait_for(process: subprocess.Popen[bytes], log: bytearray, pattern: re.Pattern[bytes] | bytes,
             timeout: float = 20.0) -> re.Match[bytes]:
    """Read the child's log until ``pattern`` shows up."""
    assert process.stderr is not None
    if isinstance(pattern, bytes):
        pattern = re.compile(pattern)
    selector = selectors.DefaultSelector()
    selector.register(process.stderr, selectors.EVENT_READ)
    deadline = time.monotonic() + timeout
    while (found := pattern.search(log)) is None:
        if time.monotonic() > deadline or (process.poll() is not None and not selector.select(0)):
            raise AssertionError(f"{pattern.pattern!r} not in the log:\n{log.decode(errors='replace')}")
        if selector.select(0.2):
            log += process.stderr.read() or b""
    selector.close()
    return found


def test_serves_logs_and_stops_on_sigint() -> None:
    with simulator("--interface", "wrapper") as (process, port, log):
        settings = SessionSettings(interface_type=InterfaceType.WRAPPER, client_address=1,
                                   authentication=Authentication.HIGH, password=b"Gurux")
        with SocketClient(settings, port) as client:
            assert client.call("get", 1, "0.0.96.1.0.255", 2).value == "12345678"
        wait_for(process, log, rb"GET GetRequestNormal 1/0\.0\.96\.1\.0\.255/2")
        wait_for(process, log, rb"client 1 associated \(HIGH, HLS pending\)")
        process.send_signal(signal.SIGINT)
        assert process.wait(10) == 0
        wait_for(process, log, rb"simulator stopped")


def test_stops_on_sigterm_with_a_client_still_connected() -> None:
    with simulator("--interface", "hdlc", "--auth", "sha256", "-v") as (process, port, log):
        settings = SessionSettings(interface_type=InterfaceType.HDLC, client_address=1,
                                   authentication=Authentication.HIGH_SHA256, password=b"Gurux",
                                   security=SecuritySettings(system_title=b"CLITEST1"))
        client = SocketClient(settings, port)
        client.open()
        assert client.call("get", 8, "0.0.1.0.0.255", 2).error is None
        wait_for(process, log, rb"<- 7E")  # frames are logged with -v
        process.send_signal(signal.SIGTERM)
        assert process.wait(10) == 0
        wait_for(process, log, rb"association ended \(simulator stopping\)")
        client.close()  # the simulator is gone: closing logs, never raises


def test_serves_a_device_file(tmp_path: object) -> None:
    path = os.path.join(str(tmp_path), "device.xml")
    source = SimulatedMeter(MeterOptions(rows=4))
    source.items.findByLN(1, "0.0.96.1.0.255").value = "DEVICE-FILE"  # type: ignore[union-attr]
    objects = type(source.items)(obj for obj in source.items if int(obj.objectType) != 15)
    objects.save(path)
    with simulator("--objects", path, "--interface", "wrapper") as (process, port, _log):
        with SocketClient(SessionSettings(interface_type=InterfaceType.WRAPPER), port) as client:
            assert client.call("get", 1, "0.0.96.1.0.255", 2).value == "DEVICE-FILE"
        process.send_signal(signal.SIGINT)
        assert process.wait(10) == 0


def test_bad_arguments_are_reported() -> None:
    run = subprocess.run([sys.executable, "-m", "gurux_dlms.server.simulator.cli", "--auth", "none-such"],
                         capture_output=True, timeout=30)
    assert run.returncode == 2 and b"--auth" in run.stderr
    run = subprocess.run([sys.executable, "-m", "gurux_dlms.server.simulator.cli", "--objects", "/nonexistent.xml"],
                         capture_output=True, timeout=30)
    assert run.returncode == 2 and b"nonexistent" in run.stderr
