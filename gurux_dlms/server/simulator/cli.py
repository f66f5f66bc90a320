"""``gurux-dlms-simulator``: a DLMS/COSEM meter on 127.0.0.1:4061 (or a serial line).

See ``docs/simulator.md`` for every option and how to serve a device file.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Mapping, Sequence

from ...cosem.collection import GXDLMSObjectCollection
from ...errors import DLMSError
from ...security.enums import Authentication, Security
from ...security.keys import DEFAULT_AUTHENTICATION_KEY, DEFAULT_BLOCK_CIPHER_KEY
from ...session.enums import InterfaceType
from .meter import MeterOptions, SimulatedMeter
from .runner import Simulator, run

AUTHENTICATIONS = {
    "none": Authentication.NONE,
    "low": Authentication.LOW,
    "high": Authentication.HIGH,
    "md5": Authentication.HIGH_MD5,
    "sha1": Authentication.HIGH_SHA1,
    "gmac": Authentication.HIGH_GMAC,
    "sha256": Authentication.HIGH_SHA256,
}
SECURITIES = {
    "none": Security.NONE,
    "authentication": Security.AUTHENTICATION,
    "encryption": Security.ENCRYPTION,
    "authenticated-encryption": Security.AUTHENTICATION_ENCRYPTION,
}
INTERFACES = {"hdlc": InterfaceType.HDLC, "wrapper": InterfaceType.WRAPPER}


def _hex(length: int | None = None) -> Callable[[str], bytes]:
    def parse(text: str) -> bytes:
        try:
            value = bytes.fromhex(text.replace(" ", "").replace(":", ""))
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not hexadecimal") from None
        if length is not None and len(value) != length:
            raise argparse.ArgumentTypeError(f"{text!r}: expected {length} bytes, found {len(value)}")
        return value

    return parse


def _key(text: str) -> bytes:
    value = _hex()(text)
    if len(value) not in (16, 32):
        raise argparse.ArgumentTypeError(f"{text!r}: expected a 16- or 32-byte key, found {len(value)} bytes")
    return value


def _choice(table: Mapping[str, object]) -> Callable[[str], object]:
    def parse(text: str) -> object:
        try:
            return table[text.lower()]
        except KeyError:
            raise argparse.ArgumentTypeError(f"{text!r}: choose one of {', '.join(table)}") from None

    return parse


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gurux-dlms-simulator",
        description="A DLMS/COSEM electricity meter for tests and development: TCP (HDLC or WRAPPER) or a "
                    "serial line, LN or SN, every authentication mechanism, ciphering, many clients at once.")
    net = parser.add_argument_group("where")
    net.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    net.add_argument("-p", "--port", type=int, default=4061, help="TCP port (default 4061; 0: any free port)")
    net.add_argument("--serial", metavar="PORT", help="serve this serial device instead of TCP (any path, e.g. a pty)")
    net.add_argument("--baud", type=int, default=9600, help="HDLC speed on the serial line (default 9600)")
    net.add_argument("--mode-e", action="store_true", help="open the serial line with IEC 62056-21 mode E (300 7E1)")
    net.add_argument("--inactivity", type=float, default=180.0,
                     help="close a connection idle this many seconds (default 180; 0: never)")
    proto = parser.add_argument_group("protocol")
    proto.add_argument("-i", "--interface", type=_choice(INTERFACES), default=InterfaceType.HDLC,
                       help="hdlc (default) or wrapper")
    proto.add_argument("-r", "--referencing", choices=("ln", "sn"), default="ln",
                       help="logical (default) or short name referencing")
    proto.add_argument("--logical-address", type=int, default=1, help="server logical address (default 1)")
    proto.add_argument("--physical-address", type=int, help="HDLC physical address (default: none)")
    proto.add_argument("--max-pdu", type=int, default=0xFFFF, help="largest APDU the meter accepts (default 65535)")
    proto.add_argument("--gbt-window", type=int, default=1, help="general block transfer window (default 1)")
    sec = parser.add_argument_group("security (the management client, address 1)")
    sec.add_argument("-a", "--auth", type=_choice(AUTHENTICATIONS), default=Authentication.HIGH,
                     help="none, low, high (default), md5, sha1, gmac or sha256")
    sec.add_argument("-P", "--password", default="Gurux",
                     help="LLS password / HLS secret of the management client and the Low reader (default Gurux)")
    sec.add_argument("-C", "--security", type=_choice(SECURITIES), default=Security.NONE,
                     help="none (default), authentication, encryption or authenticated-encryption")
    sec.add_argument("-T", "--system-title", type=_hex(8), help="server system title (8 bytes hex; default GRX+serial)")
    sec.add_argument("-B", "--block-cipher-key", type=_key, default=DEFAULT_BLOCK_CIPHER_KEY,
                     help="global unicast key (hex; default 000102...0F)")
    sec.add_argument("-A", "--authentication-key", type=_key, default=DEFAULT_AUTHENTICATION_KEY,
                     help="authentication key (hex; default D0D1...DF)")
    sec.add_argument("--kek", type=_key, help="key encrypting key for key transfer (hex)")
    meter = parser.add_argument_group("the meter")
    meter.add_argument("--objects", metavar="FILE", help="serve the device in this Gurux object XML file")
    meter.add_argument("--rows", type=int, default=960, help="load profile entries (default 960: ten days)")
    meter.add_argument("--seed", type=int, default=1, help="seed of the simulated load and events (default 1)")
    meter.add_argument("--serial-number", type=int, default=12345678, help="meter serial number")
    out = parser.add_argument_group("output")
    out.add_argument("-v", "--verbose", action="count", default=0, help="-v: frames too (DEBUG)")
    out.add_argument("-q", "--quiet", action="store_true", help="warnings only")
    return parser


def options_from(args: argparse.Namespace) -> MeterOptions:
    """The meter options a parsed command line asks for."""
    if args.rows < 1:
        raise SystemExit("gurux-dlms-simulator: --rows must be at least 1")
    return MeterOptions(
        interface=args.interface, logical_name_referencing=args.referencing == "ln", authentication=args.auth,
        password=args.password.encode(), security=args.security, system_title=args.system_title,
        block_cipher_key=args.block_cipher_key, authentication_key=args.authentication_key, kek=args.kek,
        serial=args.serial_number, rows=args.rows, seed=args.seed, logical_address=args.logical_address,
        physical_address=args.physical_address, port=args.port, max_pdu_size=args.max_pdu,
        gbt_window_size=args.gbt_window)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the simulator until SIGINT/SIGTERM."""
    args = build_parser().parse_args(argv)
    level = logging.WARNING if args.quiet else logging.DEBUG if args.verbose else logging.INFO
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    if not args.verbose:
        logging.getLogger("gurux_dlms.framing").setLevel(logging.INFO)
    try:
        options = options_from(args)
        objects = GXDLMSObjectCollection.load(args.objects) if args.objects else None
        meter = SimulatedMeter(options, objects)
    except (DLMSError, OSError) as exc:
        print(f"gurux-dlms-simulator: {exc}", file=sys.stderr)
        return 2
    serial = None
    if args.serial:
        if args.interface != InterfaceType.HDLC:
            print("gurux-dlms-simulator: a serial line speaks HDLC (--interface hdlc)", file=sys.stderr)
            return 2
        from .serial_port import SerialEndpoint

        serial = SerialEndpoint(args.serial, args.baud, mode_e=args.mode_e, inactivity=args.inactivity,
                                identification=f"SIM{args.serial_number}")
    simulator = Simulator(meter, args.host, None if serial is not None else args.port, inactivity=args.inactivity,
                          serial=serial)
    try:
        return run(simulator)
    except OSError as exc:
        print(f"gurux-dlms-simulator: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
