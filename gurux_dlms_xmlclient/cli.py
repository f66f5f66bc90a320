"""``Gurux.DLMS.XmlClient``: send the requests of Gurux Messages files to a meter and check its replies.

The flags are Gurux's XmlClient flags (``-h`` is the host, so help is ``--help`` or
``-?``), and each one does what its help says.  A bad or conflicting flag ends the command
with one line on standard error and exit status 2; otherwise the status is 0 when every
file passed and 1 when one failed or could not run.  See ``docs/xmlclient.md``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from gurux_dlms.security.enums import Authentication, Security
from gurux_dlms.session.enums import InterfaceType
from gurux_dlms.transport.media import parse_serial_spec

from .settings import (
    AUTHENTICATIONS,
    INTERFACES,
    MAX_INFO_LIMIT,
    SECURITIES,
    STANDARDS,
    TRACES,
    ClientOptions,
    choice,
    load_public_key,
    load_signing_key,
    parse_hex,
    parse_int,
    parse_logical_name,
    parse_password,
    parse_referencing,
    server_address,
)

PROG = "Gurux.DLMS.XmlClient"
EXAMPLES = f"""examples:
  {PROG} --simulate -x examples/Messages/LN
  {PROG} -h 192.168.1.10 -p 4059 -w -c 16 -s 1 -x Messages/LN
  {PROG} -S /dev/ttyUSB0 -i -a Low -P 12345678 -c 17 -x Messages/LN/GetClock.xml
  {PROG} -h meter -p 4059 -w -c 1 -a HighGMac -C AuthenticationEncryption -v 0.0.43.1.1.255 -x tests
  {PROG} -h meter -p 4059 -w -c 1 -a HighEcdsa --signing-key client.pem --meter-key meter.pem -x tests
"""


class UsageError(Exception):
    """A flag value or a combination of flags that cannot work (exit status 2)."""


class _Parser(argparse.ArgumentParser):
    """argparse that reports a usage error in one line (no usage dump) and exit status 2."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def _value(parse: Callable[[str], Any]) -> Callable[[str], Any]:
    """An argparse ``type`` whose ValueError message is kept as it is."""
    def convert(text: str) -> Any:
        try:
            return parse(text)
        except ValueError as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None

    return convert


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog=PROG, add_help=False, formatter_class=argparse.RawDescriptionHelpFormatter,
                     description="Send the requests of Gurux Messages XML files to a DLMS/COSEM meter, show its "
                                 "replies and compare them with the replies the files expect.",
                     epilog=EXAMPLES)
    parser.add_argument("-?", "--help", action="help", help="show this help and exit")
    media = parser.add_argument_group("the meter")
    media.add_argument("-h", dest="host", metavar="HOST", help="host name or address of a meter on TCP")
    media.add_argument("-p", dest="port", metavar="PORT", type=_value(lambda t: parse_int(t, "port", 1, 65535)),
                       help="TCP port of the meter")
    media.add_argument("-S", dest="serial", metavar="PORT[:BAUD[:BITSPARITYSTOP]]",
                       help="serial port, e.g. COM1:9600:8None1 or /dev/ttyUSB0 (9600 8N1, 300 7E1 with -i)")
    media.add_argument("-i", dest="interface", metavar="TYPE", nargs="?", const="IEC",
                       type=_value(lambda t: choice(INTERFACES, "interface", t)),
                       help="IEC 62056-21 mode E opening (300 baud, then HDLC at the agreed speed); "
                            "or Gurux's form: -i HDLC, -i WRAPPER, -i HdlcWithModeE")
    media.add_argument("-w", dest="wrapper", action="store_true", help="WRAPPER (TCP/UDP profile) instead of HDLC")
    media.add_argument("--simulate", action="store_true",
                       help="run the files against the bundled meter simulator, started on a free 127.0.0.1 port")
    media.add_argument("--timeout", type=_value(lambda t: float(t) if float(t) > 0 else _bad("timeout", t)),
                       default=5.0, help="seconds to wait for each reply (default 5)")
    media.add_argument("--retries", type=_value(lambda t: parse_int(t, "retries", 0, 100)), default=3,
                       help="times a request is sent again when no reply came (default 3)")
    addresses = parser.add_argument_group("addresses and association")
    addresses.add_argument("-c", dest="client", type=_value(lambda t: parse_int(t, "client address", 0, 0x7F)),
                           default=16, help="client address (default 16)")
    addresses.add_argument("-s", dest="server", type=_value(lambda t: parse_int(t, "server address", 0, 0x3FFF)),
                           help="server address (default 1); with -l: the physical address")
    addresses.add_argument("-l", dest="logical", type=_value(lambda t: parse_int(t, "logical address", 0, 0x3FFF)),
                           help="logical server address")
    addresses.add_argument("-n", dest="serial_number", type=_value(lambda t: parse_int(t, "serial number", 0)),
                           help="server address from the meter's serial number")
    addresses.add_argument("-r", dest="ln", metavar="sn|ln", type=_value(parse_referencing), default=True,
                           help="short (sn) or logical (ln, default) name referencing")
    addresses.add_argument("-a", dest="authentication", metavar="LEVEL",
                           type=_value(lambda t: choice(AUTHENTICATIONS, "authentication", t)),
                           default=Authentication.NONE,
                           help="None (default), Low, High, HighMd5, HighSha1, HighGMac, HighSha256, HighEcdsa")
    addresses.add_argument("-P", dest="password", type=_value(parse_password),
                           help="password (Low) or secret (High*); 0x... for hex bytes")
    addresses.add_argument("-I", dest="auto_increase", action="store_true",
                           help="give each request the next invoke id (the files' ids are replaced)")
    addresses.add_argument("-W", dest="gbt_window", type=_value(lambda t: parse_int(t, "GBT window", 1, 63)),
                           help="propose general block transfer with this window")
    addresses.add_argument("--window", dest="hdlc_window", type=_value(lambda t: parse_int(t, "HDLC window", 1, 7)),
                           help="HDLC window size (default 1)")
    addresses.add_argument("-f", dest="max_info",
                           type=_value(lambda t: parse_int(t, "HDLC max info size", 32, MAX_INFO_LIMIT)),
                           help="HDLC maximum information field size (default 128)")
    addresses.add_argument("--max-pdu", dest="max_pdu", type=_value(lambda t: parse_int(t, "max PDU size", 64, 0xFFFF)),
                           default=0xFFFF, help="largest APDU the client accepts (default 65535)")
    security = parser.add_argument_group("security")
    security.add_argument("-C", dest="security", metavar="LEVEL",
                          type=_value(lambda t: choice(SECURITIES, "security", t)), default=Security.NONE,
                          help="None (default), Authentication, Encryption, AuthenticationEncryption")
    security.add_argument("-T", dest="system_title", type=_value(lambda t: parse_hex(t, "system title", (8,))),
                          default=b"ABCDEFGH", help="client system title, 8 bytes hex (default 4142434445464748)")
    security.add_argument("-A", dest="authentication_key",
                          type=_value(lambda t: parse_hex(t, "authentication key", (16, 32))),
                          help="authentication key, hex (default D0D1...DF)")
    security.add_argument("-B", dest="block_cipher_key", type=_value(lambda t: parse_hex(t, "block cipher key", (16, 32))),
                          help="block cipher key, hex (default 0001...0F)")
    security.add_argument("-D", dest="dedicated_key", type=_value(lambda t: parse_hex(t, "dedicated key", (16, 32))),
                          help="dedicated key, hex")
    security.add_argument("--signing-key", metavar="PEM", type=_value(load_signing_key),
                          help="the client's ECDSA private key (PEM; P-256 or P-384) for -a HighEcdsa")
    security.add_argument("--meter-key", metavar="PEM", type=_value(load_public_key),
                          help="the meter's ECDSA public key or certificate (PEM) for -a HighEcdsa")
    security.add_argument("-v", dest="counter_object", metavar="LN", type=_value(parse_logical_name),
                          help="invocation counter object: read it first (public client) and go on at its value + 1")
    security.add_argument("-F", dest="counter", type=_value(lambda t: parse_int(t, "invocation counter", 0, 0xFFFFFFFF)),
                          help="initial invocation counter")
    output = parser.add_argument_group("files and output")
    output.add_argument("-x", dest="path", metavar="FILE|FOLDER", type=Path,
                        help="a Messages file, or a folder: every *.xml in it, in name order")
    output.add_argument("-t", dest="trace", metavar="LEVEL", type=_value(lambda t: choice(TRACES, "trace level", t)),
                        default=TRACES["info"], help="Off, Error, Warning, Info (default), Verbose (TX/RX frames)")
    output.add_argument("-d", dest="standard", type=_value(lambda t: choice(STANDARDS, "standard", t)),
                        default=STANDARDS["dlms"], help="DLMS (default), India, Italy, SaudiArabia, IDIS, Spain")
    output.add_argument("-o", dest="cache", metavar="FILE", type=Path,
                        help="association view cache: read from the meter and saved when FILE does not exist")
    return parser


def _bad(what: str, text: str) -> float:
    raise ValueError(f"{what} must be a positive number, not {text!r}")


def message_files(path: Path) -> list[Path]:
    """The files ``-x`` names: the file itself, or every ``*.xml`` of a folder in name order."""
    if path.is_dir():
        files = sorted((p for p in path.iterdir() if p.suffix.lower() == ".xml" and p.is_file()),
                       key=lambda p: p.name)
        if not files:
            raise UsageError(f"-x {path}: the folder has no .xml files")
        return files
    if not path.is_file():
        raise UsageError(f"-x {path}: no such file or folder")
    return [path]


def options_from(args: argparse.Namespace) -> ClientOptions:
    """The options a parsed command line asks for; UsageError for what cannot go together."""
    places = [name for name, given in (("-h", args.host), ("-S", args.serial), ("--simulate", args.simulate)) if given]
    if not places:
        raise UsageError("no meter given: use -h HOST -p PORT, -S PORT or --simulate")
    if len(places) > 1:
        raise UsageError(f"{' and '.join(places)} cannot be used together: give one meter")
    if args.host and args.port is None:
        raise UsageError("-h needs the meter's TCP port (-p PORT)")
    if args.port is not None and not args.host:
        raise UsageError("-p goes with -h HOST")
    if args.path is None:
        raise UsageError("no Messages file given: use -x FILE or -x FOLDER")
    interface, mode_e = _interface(args)
    if mode_e and not args.serial:
        raise UsageError("-i (IEC 62056-21 mode E) needs a serial port (-S)")
    if interface == InterfaceType.WRAPPER and (args.hdlc_window is not None or args.max_info is not None):
        raise UsageError("--window and -f are HDLC settings; they do not go with WRAPPER")
    if args.serial_number is not None and args.server is not None:
        raise UsageError("-n and -s both give the server address: use one")
    if args.authentication in _NEEDS_PASSWORD and not args.password:
        raise UsageError(f"-a {args.authentication.name.title().replace('_', '')} needs a password or secret (-P)")
    if args.authentication == Authentication.HIGH_ECDSA and args.signing_key is None:
        raise UsageError("-a HighEcdsa needs the client's signing key (--signing-key PEM)")
    if args.authentication == Authentication.HIGH_ECDSA and args.meter_key is None and not args.simulate:
        raise UsageError("-a HighEcdsa needs the meter's public key (--meter-key PEM)")
    if args.counter_object and args.counter is not None:
        raise UsageError("-v reads the invocation counter and -F sets it: use one")
    if args.counter_object and args.security == Security.NONE:
        raise UsageError("-v is for ciphered connections: give -C as well")
    if args.serial:
        try:
            parse_serial_spec(args.serial, mode_e=mode_e)
        except ValueError as exc:
            raise UsageError(f"-S {args.serial}: {exc}") from None
    options = ClientOptions(
        paths=message_files(args.path), host=args.host, port=args.port, serial=args.serial, interface=interface,
        mode_e=mode_e, authentication=args.authentication, password=args.password, client_address=args.client,
        server_address=server_address(interface, args.server, args.logical, args.serial_number),
        logical_name_referencing=args.ln, trace=args.trace, security=args.security, system_title=args.system_title,
        dedicated_key=args.dedicated_key, signing_key=args.signing_key, meter_key=args.meter_key,
        invocation_counter_object=args.counter_object,
        invocation_counter=args.counter or 0, auto_increase_invoke_id=args.auto_increase, gbt_window=args.gbt_window,
        hdlc_window=args.hdlc_window, max_info=args.max_info, max_pdu=args.max_pdu, standard=args.standard,
        cache=args.cache, timeout=args.timeout, retries=args.retries, simulate=args.simulate)
    if args.authentication_key is not None:
        options.authentication_key = args.authentication_key
    if args.block_cipher_key is not None:
        options.block_cipher_key = args.block_cipher_key
    return options


_NEEDS_PASSWORD = (Authentication.LOW, Authentication.HIGH, Authentication.HIGH_MD5, Authentication.HIGH_SHA1,
                   Authentication.HIGH_SHA256)


def _interface(args: argparse.Namespace) -> tuple[InterfaceType, bool]:
    """The framing and whether the serial line opens with mode E, from ``-i`` and ``-w``."""
    chosen = args.interface
    if args.wrapper:
        if chosen is not None and chosen != InterfaceType.WRAPPER:
            raise UsageError("-w (WRAPPER) and -i (HDLC, IEC mode E) cannot be used together")
        return InterfaceType.WRAPPER, False
    if chosen is None:
        return InterfaceType.HDLC, False
    if chosen == InterfaceType.HDLC_WITH_MODE_E:
        return InterfaceType.HDLC_WITH_MODE_E, True
    return InterfaceType(chosen), False


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; the exit status (0 all passed, 1 a file failed or erred, 2 bad flags)."""
    try:
        args = build_parser().parse_args(argv)
        options = options_from(args)
    except UsageError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 2
    from .runner import run

    return run(options)


__all__ = ["PROG", "UsageError", "build_parser", "main", "message_files", "options_from"]
