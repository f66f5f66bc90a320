"""The examples/Messages tree against the simulator: HDLC and WRAPPER, LN and SN, Low and HIGH_GMAC with encryption.

Each run is the real command in a subprocess; every example file must pass (its replies
match what the file expects) with each client, and the output shows the replies as XML,
a line per file and the final counts.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from cli.xmlclient_runs import (
    EXAMPLES,
    GMAC,
    GURUX_MESSAGES,
    LOW,
    file_lines,
    start_meter,
    summary,
    tcp,
    xmlclient,
)
from gurux_dlms.server.simulator.runner import SimulatorThread
from gurux_dlms.session.enums import InterfaceType

pytestmark = pytest.mark.timeout(240)

HDLC, WRAPPER = InterfaceType.HDLC, InterfaceType.WRAPPER


@pytest.fixture(scope="module")
def meters() -> Iterator[dict[tuple[InterfaceType, bool], SimulatorThread]]:
    """One simulator per framing and referencing, for the whole module."""
    started = {(interface, ln): start_meter(interface, ln) for interface in (HDLC, WRAPPER) for ln in (True, False)}
    try:
        yield started
    finally:
        for simulator in started.values():
            simulator.stop()


@pytest.mark.parametrize("client", [LOW, GMAC], ids=["low", "gmac-encrypted"])
@pytest.mark.parametrize("interface", [HDLC, WRAPPER], ids=["hdlc", "wrapper"])
@pytest.mark.parametrize("referencing", ["LN", "SN"])
def test_every_example_passes(meters: dict[tuple[InterfaceType, bool], SimulatorThread], referencing: str,
                              interface: InterfaceType, client: tuple[str, ...]) -> None:
    folder = EXAMPLES / referencing
    files = sorted(p.name for p in folder.glob("*.xml"))
    simulator = meters[(interface, referencing == "LN")]
    result = xmlclient(*tcp(simulator, interface), "-r", referencing.lower(), *client, "-x", str(folder))
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr
    assert summary(result) == f"{len(files)} files: {len(files)} passed, 0 failed, 0 in error"
    lines = file_lines(result, files)
    assert sorted(lines) == files and all(": passed (" in line for line in lines.values())
    # the files ran in name order, each on its own connection, replies shown as decimal XML
    order = [line.split(":")[0] for line in result.stdout.splitlines() if line.split(":")[0] in files]
    assert order == files
    assert '<InvokeIdAndPriority Value="193" />' in result.stdout or "<ReadResponse" in result.stdout
    assert "47525830303030303132333435363738" in result.stdout  # the logical device name
    assert result.stderr == ""


def test_management_client_may_reset_after_reading_the_invocation_counter(
        meters: dict[tuple[InterfaceType, bool], SimulatorThread]) -> None:
    simulator = meters[(WRAPPER, True)]
    files = ("-x", str(EXAMPLES / "LN" / "ResetRegister.xml"))
    first = xmlclient(*tcp(simulator, WRAPPER), *GMAC, "-v", "0.0.43.1.1.255", *files)
    assert first.returncode == 0, first.stdout + first.stderr
    assert '<Result Value="Success" />' in first.stdout
    counter = next(line for line in first.stdout.splitlines() if line.startswith("Invocation counter: "))
    # without -v the counter starts again at 0, and the meter refuses the replayed counter
    replayed = xmlclient(*tcp(simulator, WRAPPER), *GMAC, *files)
    assert replayed.returncode == 1 and "DECIPHERING_ERROR" in replayed.stdout
    again = xmlclient(*tcp(simulator, WRAPPER), *GMAC, "-v", "0.0.43.1.1.255", *files)
    later = next(line for line in again.stdout.splitlines() if line.startswith("Invocation counter: "))
    assert again.returncode == 0 and int(later.split(": ")[1]) > int(counter.split(": ")[1]) > 0
    public = xmlclient(*tcp(simulator, WRAPPER), "-x", str(EXAMPLES / "LN" / "ResetRegister.xml"))
    assert public.returncode == 0 and '<Result Value="ReadWriteDenied" />' in public.stdout


def test_gurux_messages_run_unchanged(meters: dict[tuple[InterfaceType, bool], SimulatorThread]) -> None:
    """Gurux's own files run as they are; GetRegister expects a register the simulator does not have."""
    result = xmlclient(*tcp(meters[(HDLC, True)]), "-x", str(GURUX_MESSAGES / "LN"))
    assert result.returncode == 1
    assert summary(result) == "6 files: 5 passed, 1 failed, 0 in error"
    lines = file_lines(result, ["GetRegister.xml", "GetAssociationView.xml", "DisconnectRequest.xml"])
    assert lines["GetRegister.xml"].startswith("GetRegister.xml: FAILED (1 request, 1 reply checked, 1 differ)")
    assert lines["GetAssociationView.xml"].startswith("GetAssociationView.xml: passed")
    assert "-        <Int32 Value=\"379\" />" in result.stdout and "+      <DataAccessError Value=\"UndefinedObject\" />" \
        in result.stdout
    sn = xmlclient(*tcp(meters[(WRAPPER, False)], WRAPPER), "-r", "SN", "-x", str(GURUX_MESSAGES / "SN"))
    assert sn.returncode == 0 and summary(sn) == "1 file: 1 passed, 0 failed, 0 in error"
    assert '<ReadResponse Qty="1" >' in sn.stdout
