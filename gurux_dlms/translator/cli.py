"""``gurux-dlms-translator``: PDUs and frames to Gurux "Messages" XML and back, from the shell.

::

    gurux-dlms-translator to-xml "C0 01 C1 00 08 00 00 01 00 00 FF 02 00"
    gurux-dlms-translator to-xml capture.txt --comments > messages.xml
    gurux-dlms-translator to-hex messages.xml

``to-xml`` takes hex text, a file or ``-`` (standard input) with one PDU or frame per line
(blank lines and lines starting with ``#`` are skipped).  One item gives its XML; several
give one ``<Messages>`` document.  In a trace of frames the segments of a long PDU are
joined and each PDU appears once; ``--frames`` keeps the frame elements.  ``to-hex``
takes an XML file (a ``<Messages>`` document gives one line per PDU).  Bad input gives one
error line on standard error and exit status 1.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Sequence

from ..errors import DLMSError
from .enums import TranslatorOutputType
from .translator import GXDLMSTranslator

_HEX = re.compile(r"\s*(0[xX])?[0-9A-Fa-f\s]*")
PROG = "gurux-dlms-translator"


def _hex_option(text: str) -> bytes:
    try:
        return bytes.fromhex("".join(text.split()))
    except ValueError:
        raise argparse.ArgumentTypeError(f"not hex: {text!r}") from None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=PROG, description="Translate DLMS PDUs and frames to XML and back.")
    commands = parser.add_subparsers(dest="command", required=True)
    to_xml = commands.add_parser("to-xml", help="PDUs or frames (hex) to XML")
    to_xml.add_argument("input", help="hex text, a file with one PDU or frame per line, or - for standard input")
    to_xml.add_argument("--standard", action="store_true", help="STANDARD_XML (DLMS UA COSEMpdu) output")
    to_xml.add_argument("--comments", action="store_true", help="explain values in <!-- --> comments")
    to_xml.add_argument("--string-as-hex", action="store_true", help="visible strings as hex")
    to_xml.add_argument("--frames", action="store_true", help="keep HDLC/WRAPPER frame elements in a trace")
    to_xml.add_argument("--pdu-only", action="store_true", help="of a frame, show only its PDU")
    for name in ("system-title", "server-system-title", "block-cipher-key", "authentication-key",
                 "dedicated-key"):
        to_xml.add_argument(f"--{name}", type=_hex_option, metavar="HEX", help=f"{name.replace('-', ' ')}")
    to_hex = commands.add_parser("to-hex", help="XML (a PDU, a frame or a <Messages> document) to hex")
    to_hex.add_argument("input", help="an XML file, or - for standard input")
    to_hex.add_argument("--space", action="store_true", help="separate the bytes with spaces")
    for sub in (to_xml, to_hex):
        sub.add_argument("--decimal", action="store_true", help="numbers in decimal (SIMPLE_XML), as XmlClient files")
        sub.add_argument("-o", "--output", help="write to this file instead of standard output")
    return parser


def _read(source: str, *, hex_argument: bool) -> tuple[str, bool]:
    """The text to translate and whether it came from a file (or stdin)."""
    if source == "-":
        return sys.stdin.read(), True
    if os.path.exists(source):
        with open(source, encoding="utf-8-sig") as handle:
            return handle.read(), True
    if hex_argument and _HEX.fullmatch(source):
        return source, False
    raise OSError(f"no such file{' (and not hex)' if hex_argument else ''}: {source}")


def _items(text: str) -> list[tuple[int, str]]:
    return [(number, line.strip()) for number, line in enumerate(text.splitlines(), 1)
            if line.strip() and not line.lstrip().startswith("#")]


def _translator(args: argparse.Namespace) -> GXDLMSTranslator:
    translator = GXDLMSTranslator(TranslatorOutputType.STANDARD_XML if getattr(args, "standard", False)
                                  else TranslatorOutputType.SIMPLE_XML)
    translator.hex = not args.decimal
    if args.command == "to-xml":
        translator.comments = args.comments
        translator.showStringAsHex = args.string_as_hex
        translator.pduOnly = args.pdu_only
        for name, attribute in (("system_title", "systemTitle"), ("server_system_title", "serverSystemTitle"),
                                ("block_cipher_key", "blockCipherKey"), ("authentication_key", "authenticationKey"),
                                ("dedicated_key", "dedicatedKey")):
            value = getattr(args, name)
            if value is not None:
                setattr(translator, attribute, value)
    return translator


def _indent(xml: str) -> list[str]:
    return ["  " + line if line else line for line in xml.split("\r\n")[:-1]]


def to_xml(args: argparse.Namespace) -> str:
    text, from_file = _read(args.input, hex_argument=True)
    translator = _translator(args)
    items = _items(text) if from_file else [(1, text)]
    if not items:
        raise ValueError("no PDU or frame in the input")
    if len(items) == 1:
        return _translate(translator, *items[0], single=not from_file)
    translator.completePdu = True
    translator.omitXmlDeclaration = True
    if not args.frames:
        translator.pduOnly = True
    lines = ['<?xml version="1.0" encoding="utf-8"?>', "<Messages>"]
    for number, item in items:
        xml = _translate(translator, number, item, single=False)
        if xml:
            lines += _indent(xml)
    lines.append("</Messages>")
    return "\r\n".join(lines) + "\r\n"


def _translate(translator: GXDLMSTranslator, number: int, item: str, *, single: bool) -> str:
    try:
        return translator.messageToXml(item)
    except (DLMSError, ValueError) as exc:
        if single:
            raise
        raise ValueError(f"line {number}: {exc}") from None


def to_hex(args: argparse.Namespace) -> str:
    text, _ = _read(args.input, hex_argument=False)
    pdus = _translator(args).messages_to_pdus(text)
    lines = [data.hex(" ").upper() if args.space else data.hex().upper() for data in pdus]
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; 0 on success, 1 (with one line on standard error) on bad input."""
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        output = to_xml(args) if args.command == "to-xml" else to_hex(args)
        if args.output:
            with open(args.output, "w", encoding="utf-8", newline="") as handle:
                handle.write(output)
        else:
            sys.stdout.write(output)
            sys.stdout.flush()
    except (DLMSError, ValueError, OSError, UnicodeDecodeError) as exc:
        message = str(exc) or type(exc).__name__
        print(f"{PROG}: error: {message}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
