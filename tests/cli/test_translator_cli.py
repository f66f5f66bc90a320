"""``gurux-dlms-translator`` run as a program, on real files, with its exit codes."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from vectors.loader import load

from gurux_dlms.translator import GXDLMSTranslator

MESSAGES = Path(__file__).resolve().parent.parent / "vectors" / "gurux_messages"
GET = "C0 01 C1 00 08 00 00 01 00 00 FF 02 00"


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "gurux_dlms.translator", *args], input=stdin,
                          capture_output=True, text=True, timeout=60)


def test_pdu_given_as_hex() -> None:
    result = run("to-xml", GET)
    assert result.returncode == 0, result.stderr
    assert result.stdout.replace("\r\n", "\n") == GXDLMSTranslator().pduToXml(GET).replace("\r\n", "\n")


def test_options_comments_standard_decimal() -> None:
    commented = run("to-xml", GET, "--comments").stdout
    assert "<!--0.0.1.0.0.255-->" in commented
    standard = run("to-xml", GET, "--standard").stdout
    assert "<x:get-request>" in standard
    decimal = run("to-xml", GET, "--decimal").stdout
    assert '<InvokeIdAndPriority Value="193" />' in decimal


def test_keys_decipher_a_capture(tmp_path: Path) -> None:
    vector = next(v for v in load("ciphered") if v["id"] == "pub-ciphered-0016")
    keys = vector["keys"]
    result = run("to-xml", vector["hex"], "--comments", "--system-title", keys["system_title"],
                 "--server-system-title", keys["server_system_title"], "--dedicated-key", keys["dedicated_key"])
    assert result.returncode == 0, result.stderr
    assert "Decrypt data: C4 01 C1 00" in result.stdout


def test_trace_of_frames_becomes_one_messages_document(tmp_path: Path) -> None:
    frames = [v["hex"] for v in load("hdlc") if v.get("sequence", {}).get("id") == "pub-hdlc-seq000"]
    frames.insert(0, next(v["hex"] for v in load("framed") if v["id"] == "pub-framed-0018"))
    trace = tmp_path / "trace.txt"
    trace.write_text("# a capture\n" + "\n".join(frames) + "\n\n")
    output = tmp_path / "messages.xml"
    result = run("to-xml", str(trace), "-o", str(output))
    assert result.returncode == 0, result.stderr
    text = output.read_text()
    assert text.startswith('<?xml version="1.0" encoding="utf-8"?>\n<Messages>\n  <AssociationRequest>')
    assert text.count("<SetRequest>") == 1  # four segments, one PDU
    back = run("to-hex", str(output))
    assert back.returncode == 0, back.stderr
    lines = back.stdout.split()
    assert len(lines) == 2 and lines[1].startswith("C101C6")


def test_frames_option_keeps_the_frames(tmp_path: Path) -> None:
    frames = [v["hex"] for v in load("hdlc") if v.get("sequence", {}).get("id") == "pub-hdlc-seq000"]
    trace = tmp_path / "trace.txt"
    trace.write_text("\n".join(frames))
    text = run("to-xml", str(trace), "--frames").stdout
    assert text.count("<HDLC ") == 4 and text.count("<NextFrame ") == 3 and "<SetRequest>" in text


def test_standard_input_and_to_hex_of_gurux_messages() -> None:
    result = run("to-xml", "-", stdin=GET + "\n")
    assert result.returncode == 0 and "<GetRequest>" in result.stdout
    register = run("to-hex", str(MESSAGES / "LN" / "GetRegister.xml"), "--space")
    assert register.returncode == 0, register.stderr
    assert register.stdout == "C0 01 C1 00 03 01 01 15 19 00 FF 02 00\nC4 01 C1 00 05 00 00 01 7B\n"
    piped = run("to-hex", "-", stdin=(MESSAGES / "SN" / "ShortNameAssociationView.xml").read_text("utf-8-sig"))
    assert piped.stdout == "050102FA08\n"


@pytest.mark.parametrize(("args", "message"), [
    (("to-xml", "C0 01 C1"), "GetRequestNormal at offset 2"),
    (("to-xml", "C0 01 XY"), "not hex"),
    (("to-xml", "no/such/file.txt"), "no such file (and not hex): no/such/file.txt"),
    (("to-hex", "no/such/file.xml"), "no such file"),
])
def test_bad_input_gives_one_error_line_and_exit_1(args: tuple[str, ...], message: str) -> None:
    result = run(*args)
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("gurux-dlms-translator: error: ") and message in lines[0]


def test_bad_xml_names_line_and_element(tmp_path: Path) -> None:
    bad = tmp_path / "bad.xml"
    bad.write_text('<GetRequest>\n  <GetRequestNormal>\n    <InvokeIdAndPriority Value="ZZ" />\n'
                   "  </GetRequestNormal>\n</GetRequest>\n")
    result = run("to-hex", str(bad))
    assert result.returncode == 1
    assert "line 3" in result.stderr and "<InvokeIdAndPriority>" in result.stderr


def test_a_bad_line_in_a_trace_is_named(tmp_path: Path) -> None:
    trace = tmp_path / "trace.txt"
    trace.write_text(f"{GET}\nC4 01\n")
    result = run("to-xml", str(trace))
    assert result.returncode == 1 and "line 2:" in result.stderr


@pytest.mark.skipif(shutil.which("gurux-dlms-translator") is None and
                    not (Path(sys.executable).parent / "gurux-dlms-translator").exists(),
                    reason="the entry point is not installed")
def test_entry_point() -> None:
    program = shutil.which("gurux-dlms-translator") or str(Path(sys.executable).parent / "gurux-dlms-translator")
    result = subprocess.run([program, "to-xml", GET], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and "<GetRequestNormal>" in result.stdout
