"""The XmlClient's behaviour as a program: differing replies, broken files, unreachable meters, trace levels,
invoke ids, the association view cache, block transfer, a file's own association, and the README's quick start."""

from __future__ import annotations

import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from cli.xmlclient_runs import EXAMPLES, GMAC, REPO, file_lines, start_meter, summary, tcp, xmlclient
from gurux_dlms.server.simulator.runner import SimulatorThread
from gurux_dlms.session import association
from gurux_dlms.session.enums import InterfaceType
from gurux_dlms.session.settings import SessionSettings
from gurux_dlms.translator import GXDLMSTranslator

pytestmark = pytest.mark.timeout(180)

GET_LDN = """  <GetRequest>
    <GetRequestNormal>
      <InvokeIdAndPriority Value="193" />
      <AttributeDescriptor>
        <ClassId Value="1" />
        <InstanceId Value="00002A0000FF" />
        <AttributeId Value="2" />
      </AttributeDescriptor>
    </GetRequestNormal>
  </GetRequest>
"""
LDN_REPLY = """  <GetResponse>
    <GetResponseNormal>
      <InvokeIdAndPriority Value="193" />
      <Result>
        <Data>
          <OctetString Value="{value}" />
        </Data>
      </Result>
    </GetResponseNormal>
  </GetResponse>
"""
LDN = "47525830303030303132333435363738"


def messages(*parts: str) -> str:
    return '<?xml version="1.0" encoding="utf-8"?>\n<Messages>\n' + "".join(parts) + "</Messages>\n"


@pytest.fixture(scope="module")
def meter() -> Iterator[SimulatorThread]:
    simulator = start_meter(InterfaceType.HDLC)
    try:
        yield simulator
    finally:
        simulator.stop()


def test_a_differing_reply_fails_with_a_readable_diff(meter: SimulatorThread, tmp_path: Path) -> None:
    path = tmp_path / "Expect.xml"
    path.write_text(messages("  <Error Value=\"The name is not ours\" />\n", GET_LDN,
                             LDN_REPLY.format(value="4F54484552")), encoding="utf-8")
    result = xmlclient(*tcp(meter), "-x", str(path))
    assert result.returncode == 1
    out = result.stdout
    assert "Expect.xml line 14: the reply to the GetRequest on line 4 is not the one expected:" in out
    assert '  -        <OctetString Value="4F54484552" />' in out
    assert f'  +        <OctetString Value="{LDN}" />' in out
    assert "  --- expected" in out and "  +++ received" in out and "  Error: The name is not ours" in out
    assert file_lines(result, ["Expect.xml"])["Expect.xml"] == "Expect.xml: FAILED (1 request, 1 reply checked, 1 differ)"
    assert summary(result) == "1 file: 0 passed, 1 failed, 0 in error"


def test_a_malformed_file_names_file_and_line_and_the_next_file_runs(meter: SimulatorThread, tmp_path: Path) -> None:
    (tmp_path / "A_broken.xml").write_text(messages(GET_LDN.replace("</GetRequestNormal>", "</GetRequestNorml>")),
                                           encoding="utf-8")
    (tmp_path / "B_unknown.xml").write_text(messages("  <Sleeep Value=\"1\" />\n"), encoding="utf-8")
    (tmp_path / "C_good.xml").write_text(messages(GET_LDN, LDN_REPLY.format(value=LDN)), encoding="utf-8")
    result = xmlclient(*tcp(meter), "-x", str(tmp_path))
    assert result.returncode == 1
    lines = file_lines(result, ["A_broken.xml", "B_unknown.xml", "C_good.xml"])
    assert "A_broken.xml" in lines["A_broken.xml"].split(": ", 1)[1] and "line 11" in lines["A_broken.xml"]
    assert "</GetRequestNorml>" in lines["A_broken.xml"] and lines["A_broken.xml"].startswith("A_broken.xml: ERROR")
    assert "line 3" in lines["B_unknown.xml"] and "<Sleeep>" in lines["B_unknown.xml"]
    assert lines["C_good.xml"] == "C_good.xml: passed (1 request, 1 reply checked)"
    assert summary(result) == "3 files: 1 passed, 0 failed, 2 in error"
    assert "Traceback" not in result.stdout + result.stderr


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_an_unreachable_meter_fails_at_once_with_one_line(tmp_path: Path) -> None:
    port = _closed_port()
    started = time.monotonic()
    result = xmlclient("-h", "127.0.0.1", "-p", str(port), "--timeout", "3", "-t", "Error", "-x", str(EXAMPLES / "LN"))
    assert time.monotonic() - started < 30
    assert result.returncode == 1
    errors = [line for line in result.stdout.splitlines() if "ERROR" in line]
    assert len(errors) == 1
    assert errors[0].startswith(f"AssociationView.xml: ERROR: cannot connect to TCP 127.0.0.1:{port} (")
    assert "ConnectionRefusedError" in errors[0]
    files = len(list((EXAMPLES / "LN").glob("*.xml")))
    assert summary(result) == f"{files} files: 0 passed, 0 failed, {files} in error"
    assert "Traceback" not in result.stderr


def test_a_silent_meter_fails_within_the_timeout(tmp_path: Path) -> None:
    """A meter that accepts the connection and never answers: the wait is bounded by --timeout and --retries."""
    listener = socket.create_server(("127.0.0.1", 0))
    accepted: list[socket.socket] = []
    thread = threading.Thread(target=lambda: accepted.append(listener.accept()[0]), daemon=True)
    thread.start()
    try:
        started = time.monotonic()
        result = xmlclient("-h", "127.0.0.1", "-p", str(listener.getsockname()[1]), "-w", "--timeout", "0.5",
                           "--retries", "1", "-x", str(EXAMPLES / "LN" / "Clock.xml"))
        assert time.monotonic() - started < 20
    finally:
        listener.close()
        for sock in accepted:
            sock.close()
    assert result.returncode == 1
    line = file_lines(result, ["Clock.xml"])["Clock.xml"]
    assert line.startswith("Clock.xml: ERROR: no answer from the meter to the association request (AARQ)")
    assert "within 0.5 s" in line


def test_readme_quick_start_runs_the_examples_against_the_simulator() -> None:
    result = xmlclient("--simulate", "-x", "examples/Messages/LN", cwd=REPO)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr
    files = len(list((EXAMPLES / "LN").glob("*.xml")))
    assert summary(result) == f"{files} files: {files} passed, 0 failed, 0 in error"
    assert "<GetResponse>" in result.stdout and f'<OctetString Value="{LDN}" />' in result.stdout
    assert result.stderr == ""


def test_trace_levels(meter: SimulatorThread) -> None:
    file = ("-x", str(EXAMPLES / "LN" / "LogicalDeviceName.xml"))
    verbose = xmlclient(*tcp(meter), "-t", "verbose", *file)
    trace = [line for line in verbose.stdout.splitlines() if line.startswith(("TX:", "RX:"))]
    assert re.fullmatch(r"TX: \d\d:\d\d:\d\d\.\d{3}\t7E A0 .* 93 .*7E", trace[0])  # SNRM
    assert re.fullmatch(r"RX: \d\d:\d\d:\d\d\.\d{3}\t7E A0 .*7E", trace[1])
    assert len(trace) >= 8 and "<GetRequestNormal>" in verbose.stdout  # the request's XML too
    sent = [line.split("\t")[1] for line in trace if line.startswith("TX:")]
    assert " E6 E6 00 62 03 80 01 00 " in sent[-2] and sent[-1].startswith("7E A0 07 03 21 53")  # RLRQ, then DISC
    info = xmlclient(*tcp(meter), *file)
    assert "TX:" not in info.stdout and "<GetResponse>" in info.stdout and "<GetRequestNormal>" not in info.stdout
    error = xmlclient(*tcp(meter), "-t", "ERROR", *file)
    assert error.stdout.splitlines()[-1] == "1 file: 1 passed, 0 failed, 0 in error"
    assert "<GetResponse>" not in error.stdout and "LogicalDeviceName.xml: passed" not in error.stdout
    off = xmlclient(*tcp(meter), "-t", "Off", *file)
    assert off.returncode == 0 and off.stdout == ""


def test_auto_increased_invoke_ids(meter: SimulatorThread, tmp_path: Path) -> None:
    path = tmp_path / "Twice.xml"
    path.write_text(messages(GET_LDN, LDN_REPLY.format(value=LDN), GET_LDN, LDN_REPLY.format(value=LDN)),
                    encoding="utf-8")
    plain = xmlclient(*tcp(meter), "-x", str(path))
    assert plain.returncode == 0 and plain.stdout.count('<InvokeIdAndPriority Value="193" />') == 2
    renumbered = xmlclient(*tcp(meter), "-I", "-x", str(path))
    assert renumbered.returncode == 0, renumbered.stdout
    assert '<InvokeIdAndPriority Value="193" />' in renumbered.stdout  # 0xC1: invoke id 1
    assert '<InvokeIdAndPriority Value="194" />' in renumbered.stdout  # then 2


def test_association_view_cache_is_written_then_read(tmp_path: Path) -> None:
    cache = tmp_path / "view.xml"
    file = ("-x", str(EXAMPLES / "SN" / "ReadWithList.xml"))
    simulator = start_meter(InterfaceType.WRAPPER, ln=False)
    try:
        first = xmlclient(*tcp(simulator, InterfaceType.WRAPPER), "-r", "sn", "-o", str(cache), *file)
        assert first.returncode == 0 and cache.exists()
        assert re.search(r"association view: \d+ objects saved to ", first.stdout)
        second = xmlclient(*tcp(simulator, InterfaceType.WRAPPER), "-r", "sn", "-o", str(cache), "-d", "Italy", *file)
    finally:
        simulator.stop()
    assert second.returncode == 0
    assert "READ 0x00A8 = 0.0.42.0.0.255 attribute 2 (Data: " in second.stdout
    assert "0x0170 = 1.0.1.8.0.255 attribute 3 (Register: " in second.stdout
    assert "saved" not in second.stdout


@pytest.mark.parametrize("flags", [("--max-pdu", "128", "-f", "64", "--window", "3"), ("-W", "3", "--max-pdu", "128")],
                         ids=["blocks-and-segments", "gbt"])
def test_long_replies_in_blocks_and_segments(meter: SimulatorThread, flags: tuple[str, ...]) -> None:
    result = xmlclient(*tcp(meter), *flags, "-t", "Verbose", "-x", str(EXAMPLES / "LN" / "AssociationView.xml"))
    assert result.returncode == 0, result.stdout[-2000:]
    received = [line.split("\t")[1] for line in result.stdout.splitlines() if line.startswith("RX:")]
    if "-W" in flags:
        assert any(" E6 E7 00 E0 " in frame for frame in received)  # general block transfer
    else:
        assert any(frame.startswith("7E A8") for frame in received)  # segmented HDLC frames
        assert any(" E6 E7 00 C4 02 " in frame for frame in received)  # GET data blocks
    assert result.stdout.count("<GetResponseNormal>") == 1  # one whole reply, shown once


def test_a_file_with_its_own_association_and_release(meter: SimulatorThread, tmp_path: Path) -> None:
    translator = GXDLMSTranslator()
    translator.hex = False
    aarq = translator.pduToXml(association.build_aarq(SessionSettings(), None).encode())
    rlrq = translator.pduToXml(association.build_rlrq(SessionSettings()).encode())
    aare = """  <AssociationResponse>
    <ApplicationContextName Value="LN" />
    <AssociationResult Value="0" />
    <ResultSourceDiagnostic>
      <ACSEServiceUser Value="0" />
    </ResultSourceDiagnostic>
    <Any Qty="*" />
  </AssociationResponse>
"""
    path = tmp_path / "Own.xml"
    path.write_text(messages(aarq, aare, GET_LDN, rlrq, GET_LDN, "  <DisconnectRequest />\n", GET_LDN),
                    encoding="utf-8")
    result = xmlclient(*tcp(meter), "-x", str(path))
    assert result.returncode == 0, result.stdout
    assert "association request (AARQ)" in result.stdout and "<AssociationResponse>" in result.stdout
    assert "<ReleaseResponse>" in result.stdout and "disconnected" in result.stdout
    assert result.stdout.count(f'<OctetString Value="{LDN}" />') == 3  # reconnected after release and DISC
    assert file_lines(result, ["Own.xml"])["Own.xml"] == "Own.xml: passed (5 requests, 1 reply checked)"


def test_pushes_received_meanwhile_are_shown(meter: SimulatorThread, tmp_path: Path) -> None:
    push = """  <ActionRequest>
    <ActionRequestNormal>
      <InvokeIdAndPriority Value="193" />
      <MethodDescriptor>
        <ClassId Value="40" />
        <InstanceId Value="0000190900FF" />
        <MethodId Value="1" />
      </MethodDescriptor>
      <MethodInvocationParameters>
        <Int8 Value="0" />
      </MethodInvocationParameters>
    </ActionRequestNormal>
  </ActionRequest>
  <Sleep Value="100" />
"""
    path = tmp_path / "Push.xml"
    path.write_text(messages(push, GET_LDN), encoding="utf-8")
    result = xmlclient(*tcp(meter), *GMAC, "-v", "0.0.43.1.1.255", "-x", str(path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert '<Result Value="Success" />' in result.stdout
    after = result.stdout.split("push received:", 1)[1]
    assert after.lstrip().startswith("<DataNotification>") and "<OctetString Value=\"0000190900FF\" />" in after
