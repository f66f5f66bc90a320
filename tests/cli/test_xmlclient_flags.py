"""The XmlClient's flags: what each one sets, any-case names, and one clear line with exit status 2 for bad ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from cli.xmlclient_runs import EXAMPLES, xmlclient
from gurux_dlms.apdu.conformance import Conformance
from gurux_dlms.cosem.standard import Standard
from gurux_dlms.framing.hdlc_params import HdlcParameters
from gurux_dlms.security.enums import Authentication, Security, SecuritySuite
from gurux_dlms.session.enums import InterfaceType
from gurux_dlms_xmlclient.cli import UsageError, build_parser, main, options_from
from gurux_dlms_xmlclient.settings import ClientOptions, TraceLevel

CLOCK = str(EXAMPLES / "LN" / "Clock.xml")


def options(*args: str) -> ClientOptions:
    return options_from(build_parser().parse_args([*args, "-x", CLOCK]))


def test_defaults_are_gurux_defaults() -> None:
    o = options("-h", "meter", "-p", "4059")
    assert (o.host, o.port, o.interface, o.mode_e) == ("meter", 4059, InterfaceType.HDLC, False)
    assert (o.client_address, o.server_address, o.logical_name_referencing) == (16, 1, True)
    assert (o.authentication, o.password, o.security, o.trace) == (Authentication.NONE, None, Security.NONE,
                                                                   TraceLevel.INFO)
    assert o.system_title == b"ABCDEFGH" and o.block_cipher_key == bytes(range(16))
    assert o.authentication_key == bytes(range(0xD0, 0xE0)) and o.standard == Standard.DLMS
    assert o.hdlc == HdlcParameters(128, 128, 1, 1) and o.paths == [Path(CLOCK)]
    settings = o.session_settings(7)
    assert settings.security.invocation_counter.value == 7 and settings.gbt_window_size == 1


@pytest.mark.parametrize(("flag", "value", "expected"), [
    ("-a", "highgmac", Authentication.HIGH_GMAC), ("-a", "HIGHSHA256", Authentication.HIGH_SHA256),
    ("-a", "None", Authentication.NONE), ("-a", "HighMd5", Authentication.HIGH_MD5),
    ("-C", "authenticationencryption", Security.AUTHENTICATION_ENCRYPTION),
    ("-C", "Encrypted", Security.ENCRYPTION), ("-t", "verbose", TraceLevel.VERBOSE), ("-t", "OFF", TraceLevel.OFF),
    ("-d", "saudiarabia", Standard.SAUDI_ARABIA), ("-d", "IDIS", Standard.IDIS),
])
def test_names_in_any_case(flag: str, value: str, expected: object) -> None:
    extra = ("-P", "x") if flag == "-a" and value.lower() in ("highsha256", "highmd5") else ()
    o = options("-h", "m", "-p", "1", flag, value, *extra)
    assert expected in (o.authentication, o.security, o.trace, o.standard)


@pytest.mark.parametrize(("args", "server"), [
    (("-s", "17"), 17), (("-l", "1", "-s", "17"), (1 << 7) | 17), (("-l", "1"), 1 << 7),
    (("-n", "12345678"), (1 << 14) | 6678), (("-l", "2", "-n", "12345678"), (2 << 14) | 6678),
    (("-w", "-l", "3"), 3), (("-w", "-s", "5"), 5),
])
def test_server_address_from_s_l_and_n(args: tuple[str, ...], server: int) -> None:
    assert options("-h", "m", "-p", "1", *args).server_address == server


def test_interfaces_and_serial_lines() -> None:
    assert options("-S", "COM1:9600:8None1", "-i").mode_e
    mode_e = options("-S", "/dev/ttyUSB0", "-i", "HdlcWithModeE")
    assert mode_e.interface == InterfaceType.HDLC_WITH_MODE_E and mode_e.mode_e and mode_e.serial == "/dev/ttyUSB0"
    assert options("-h", "m", "-p", "1", "-i", "wrapper").interface == InterfaceType.WRAPPER
    assert options("-h", "m", "-p", "1", "-w").interface == InterfaceType.WRAPPER
    assert options("-h", "m", "-p", "1", "-i", "HDLC").interface == InterfaceType.HDLC


def test_security_and_link_flags_reach_the_session() -> None:
    o = options("-h", "m", "-p", "1", "-c", "1", "-a", "High", "-P", "0x0102FF", "-r", "SN", "-C", "Authentication",
                "-T", "4D4D4D0000BC614E", "-A", "00" * 16, "-B", "11" * 32, "-D", "22" * 16, "-F", "41", "-I",
                "-W", "4", "--window", "3", "-f", "256", "--max-pdu", "512", "--timeout", "1.5", "--retries", "0")
    settings = o.session_settings(o.invocation_counter)
    assert settings.password == b"\x01\x02\xff" and settings.authentication == Authentication.HIGH
    assert not settings.use_logical_name_referencing and settings.client_address == 1
    keys = settings.security
    assert keys.security == Security.AUTHENTICATION and keys.system_title == bytes.fromhex("4D4D4D0000BC614E")
    assert keys.authentication_key == bytes(16) and keys.block_cipher_key == b"\x11" * 32
    assert keys.dedicated_key == b"\x22" * 16 and keys.invocation_counter.value == 41
    assert settings.auto_increase_invoke_id and settings.gbt_window_size == 4
    assert settings.proposed_conformance is not None
    assert settings.proposed_conformance & Conformance.GENERAL_BLOCK_TRANSFER
    assert settings.hdlc == HdlcParameters(256, 256, 3, 3) and settings.max_receive_pdu_size == 512
    assert (o.timeout, o.retries, settings.max_retries) == (1.5, 0, 0)


def test_ecdsa_keys(tmp_path: Path) -> None:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    client, meter = ec.generate_private_key(ec.SECP384R1()), ec.generate_private_key(ec.SECP384R1())
    (tmp_path / "client.pem").write_bytes(client.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    (tmp_path / "meter.pem").write_bytes(meter.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo))
    o = options("-h", "m", "-p", "1", "-a", "HighEcdsa", "--signing-key", str(tmp_path / "client.pem"),
                "--meter-key", str(tmp_path / "meter.pem"))
    keys = o.session_settings(0).security
    assert keys.security_suite == SecuritySuite.SUITE_2 and keys.signing_key_pair is not None
    assert keys.peer_public_key(b"ANYTITLE").public_numbers() == meter.public_key().public_numbers()


@pytest.mark.parametrize(("args", "message"), [
    ((), "no meter given"),
    (("-h", "m"), "-h needs the meter's TCP port"),
    (("-p", "1", "--simulate"), "-p goes with -h"),
    (("-h", "m", "-p", "1", "-S", "COM1"), "-h and -S cannot be used together"),
    (("-h", "m", "-p", "1", "-i"), "needs a serial port"),
    (("-S", "COM1", "-w", "-i", "HDLC"), "-w (WRAPPER) and -i"),
    (("-h", "m", "-p", "1", "-w", "--window", "2"), "HDLC settings"),
    (("-h", "m", "-p", "1", "-a", "Low"), "-a Low needs a password"),
    (("-h", "m", "-p", "1", "-a", "Middle"), "unknown authentication 'Middle'"),
    (("-h", "m", "-p", "1", "-C", "Encrypt"), "unknown security 'Encrypt'"),
    (("-h", "m", "-p", "1", "-r", "xn"), "unknown referencing 'xn'"),
    (("-h", "m", "-p", "1", "-t", "Loud"), "unknown trace level"),
    (("-h", "m", "-p", "1", "-T", "41424344"), "system title must be 8 bytes"),
    (("-h", "m", "-p", "1", "-B", "zz"), "is not hex"),
    (("-h", "m", "-p", "99999"), "port must be 1..65535"),
    (("-h", "m", "-p", "1", "-n", "5", "-s", "2"), "-n and -s"),
    (("-h", "m", "-p", "1", "-v", "0.0.43.1.1.255"), "-v is for ciphered connections"),
    (("-h", "m", "-p", "1", "-C", "Encryption", "-v", "0.0.43.1.1.255", "-F", "3"), "-v reads"),
    (("-h", "m", "-p", "1", "-v", "0.0.43"), "is not a logical name"),
    (("-h", "m", "-p", "1", "-a", "HighEcdsa", "--signing-key", "/nonexistent.pem"), "/nonexistent.pem"),
    (("-S", "COM1:fast"), "serial baud rate"),
    (("-h", "m", "-p", "1", "--timeout", "0"), "timeout must be a positive number"),
    (("-h", "m", "-p", "1", "-W", "64"), "GBT window must be 1..63"),
    (("-h", "m", "-p", "1", "-q"), "unrecognized arguments: -q"),
])
def test_bad_flags_are_one_line_and_status_2(args: tuple[str, ...], message: str,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*args, "-x", CLOCK]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Gurux.DLMS.XmlClient: error: ") and message in lines[0], lines


@pytest.mark.parametrize("target", ["missing.xml", "empty-folder"])
def test_x_must_name_messages(tmp_path: Path, target: str, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "empty-folder").mkdir()
    assert main(["--simulate", "-x", str(tmp_path / target)]) == 2
    assert len(capsys.readouterr().err.splitlines()) == 1
    with pytest.raises(UsageError, match="no Messages file given"):
        options_from(build_parser().parse_args(["--simulate"]))


def test_help_is_double_dash_help_and_question_mark_and_the_program_runs_three_ways() -> None:
    for flag in ("--help", "-?"):
        result = xmlclient(flag)
        assert result.returncode == 0 and "-h HOST" in result.stdout and "--simulate" in result.stdout
        assert "HighEcdsa" in result.stdout and "HdlcWithModeE" in result.stdout
    bad = xmlclient("-h", "m", "-x", CLOCK)
    assert bad.returncode == 2 and bad.stderr == "Gurux.DLMS.XmlClient: error: -h needs the meter's TCP port (-p PORT)\n"
