"""Running ``python -m gurux_dlms_xmlclient`` as a program, and simulated meters for it to talk to.

The simulators are the bundled one (``SimulatedMeter``) served from a background thread on
a free 127.0.0.1 port; the management client (1) authenticates with HIGH_GMAC and
authenticated encryption, the reader (17) with Low and the password ``Gurux``, the public
client (16) with nothing: every client the XmlClient tests use finds its association.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from gurux_dlms.security.enums import Authentication, Security
from gurux_dlms.server.simulator import MeterOptions, SimulatedMeter
from gurux_dlms.server.simulator.runner import Simulator, SimulatorThread
from gurux_dlms.session.enums import InterfaceType

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples" / "Messages"
GURUX_MESSAGES = REPO / "tests" / "vectors" / "gurux_messages"
#: The flags of the two ciphered/authenticated clients the tests run the examples with.
LOW = ("-c", "17", "-a", "Low", "-P", "Gurux")
GMAC = ("-c", "1", "-a", "HighGMac", "-C", "AuthenticationEncryption")
#: Seconds a whole run may take before the test gives up on it.
RUN_TIMEOUT = 120


def xmlclient(*args: str, cwd: Path = REPO, timeout: float = RUN_TIMEOUT) -> subprocess.CompletedProcess[str]:
    """Run the command with ``args``; its exit status and output."""
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run([sys.executable, "-m", "gurux_dlms_xmlclient", *args], capture_output=True, text=True,
                          timeout=timeout, cwd=cwd, env=env)


def start_meter(interface: InterfaceType = InterfaceType.HDLC, ln: bool = True, **options: object) -> SimulatorThread:
    """A default simulated meter (see the module documentation) on a free port."""
    settings = {"authentication": Authentication.HIGH_GMAC, "security": Security.AUTHENTICATION_ENCRYPTION, "rows": 8,
                **options}
    meter = SimulatedMeter(MeterOptions(interface=interface, logical_name_referencing=ln, **settings))  # type: ignore[arg-type]
    return SimulatorThread(Simulator(meter, "127.0.0.1", 0)).start()


def tcp(simulator: SimulatorThread, interface: InterfaceType = InterfaceType.HDLC) -> tuple[str, ...]:
    """The flags that point the command at ``simulator``."""
    flags = ("-h", "127.0.0.1", "-p", str(simulator.port))
    return (*flags, "-w") if interface == InterfaceType.WRAPPER else flags


def summary(result: subprocess.CompletedProcess[str]) -> str:
    """The final counts line of a run."""
    lines = [line for line in result.stdout.splitlines() if " file" in line and " passed, " in line]
    assert lines, result.stdout + result.stderr
    return lines[-1]


def file_lines(result: subprocess.CompletedProcess[str], names: Sequence[str]) -> dict[str, str]:
    """The summary line of each file named (``Clock.xml: passed (...)``)."""
    found = {}
    for line in result.stdout.splitlines():
        for name in names:
            if line.startswith(f"{name}: "):
                found[name] = line
    return found


__all__ = ["EXAMPLES", "GMAC", "GURUX_MESSAGES", "LOW", "REPO", "RUN_TIMEOUT", "file_lines", "start_meter", "summary",
           "tcp", "xmlclient"]
