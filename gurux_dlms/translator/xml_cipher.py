"""Ciphered APDUs in XML: glo-*/ded-* services, general-glo/ded-ciphering, general-ciphering
and general-signing.

The ciphered content is written as it is (``SC || IC || payload`` in hex), so the XML
rebuilds the same bytes without keys.  With comments on, the deciphered APDU is shown in
a ``<!--Decrypt data: ...-->`` comment (its own comments left out, since a comment cannot
contain one), after ``<!--DLMS system title: ...-->`` for envelopes that carry the
sender's title.  A failure is said in a comment too (Gurux stays silent).
"""

from __future__ import annotations

from typing import Any

from ..apdu.base import decode_apdu
from ..apdu.ciphered_services import (
    SERVICE_CLASSES,
    CipheredService,
    GeneralDedCiphering,
    GeneralGloCiphering,
)
from ..apdu.general_ciphering import AgreedKey, GeneralCiphering, GeneralSigning, IdentifiedKey, WrappedKey
from ..errors import DLMSError
from .data_build import Context, parse_hex
from .data_xml import spaced_hex
from .deciphering import sender_title, try_decipher
from .reader import Node
from .registry import builds, renders, write_apdu
from .tags import CIPHERED_NAMES
from .writer import XmlWriter
from .xml_common import read_hex_child, read_number

_HEADER_FIELDS = (("TransactionId", "transaction_id"), ("OriginatorSystemTitle", "originator_system_title"),
                  ("RecipientSystemTitle", "recipient_system_title"), ("DateTime", "date_time"),
                  ("OtherInformation", "other_information"))


def system_title_text(title: bytes) -> str:
    """``DLMS system title:`` comment text: manufacturer code (3 letters) and serial number."""
    maker = bytes(title[:3])
    code = maker.decode("latin-1") if all(0x20 <= b < 0x7F for b in maker) else maker.hex().upper()
    return f"DLMS system title:\nManufacturer Code: {code}\nSerial number: {int.from_bytes(title[3:8], 'big')}"


def write_multiline_comment(w: XmlWriter, text: str) -> None:
    """A comment whose text spans lines (written as it is, at the current indentation)."""
    if w.comments:
        from .writer import comment_text

        w.line(f"<!--{comment_text(text)}-->")


def write_plain(w: XmlWriter, plain: bytes, level: int) -> list[str]:
    """The XML lines of a deciphered APDU at ``level`` (no comments inside a comment)."""
    nested = w.nested(level=level, comments=False)
    nested.source = plain
    try:
        write_apdu(nested, decode_apdu(plain))
    except DLMSError:
        return []
    return nested.lines


def write_decrypted(w: XmlWriter, apdu: Any, system_title: bytes | None) -> None:
    """``<!--Decrypt data: <plain hex>`` + the plain APDU's XML + ``-->`` (when comments are on)."""
    if not w.comments:
        return
    result, problem = try_decipher(w.settings, apdu, system_title)
    if result is None:
        w.comment(f"Decrypt failed. {problem}")
        return
    w.line(f"<!--Decrypt data: {spaced_hex(result.plaintext)}")
    w.lines.extend(write_plain(w, result.plaintext, w.level + 1))
    w.line("-->")


@renders(*SERVICE_CLASSES.values())
def _service(w: XmlWriter, apdu: CipheredService) -> None:
    write_decrypted(w, apdu, sender_title(w.settings, apdu.PLAIN_TAG))
    w.value(CIPHERED_NAMES[apdu.TAG][0], apdu.content.hex().upper())


def _service_builder(cls: type[CipheredService]) -> Any:
    def build(node: Node, ctx: Context) -> Any:
        content = parse_hex(node, node.value)
        if len(content) < 5:
            raise node.error("ciphered content", expected="security control, invocation counter and data",
                             found=f"{len(content)} bytes")
        return cls(content[0], int.from_bytes(content[1:5], "big"), content[5:])

    return build


for _tag, _cls in SERVICE_CLASSES.items():
    builds(CIPHERED_NAMES[_tag][0])(_service_builder(_cls))


@renders(GeneralGloCiphering, GeneralDedCiphering)
def _general(w: XmlWriter, apdu: GeneralGloCiphering) -> None:
    key = "GeneralDedCiphering" if isinstance(apdu, GeneralDedCiphering) else "GeneralGloCiphering"
    if w.comments and len(apdu.system_title) == 8:
        write_multiline_comment(w, system_title_text(apdu.system_title))
    write_decrypted(w, apdu, None)
    w.start(key)
    w.value("SystemTitle", bytes(apdu.system_title).hex().upper())
    w.value("CipheredService", apdu.content.hex().upper())
    w.end(key)


def _content(node: Node) -> tuple[int, int, bytes]:
    child = node.need("CipheredService")
    content = parse_hex(child, child.value)
    if len(content) < 5:
        raise child.error("ciphered content", expected="security control, invocation counter and data",
                          found=f"{len(content)} bytes")
    return content[0], int.from_bytes(content[1:5], "big"), content[5:]


@builds("GeneralGloCiphering", "GeneralDedCiphering")
def _build_general(node: Node, ctx: Context) -> Any:
    cls = GeneralDedCiphering if node.name == "GeneralDedCiphering" else GeneralGloCiphering
    return cls(read_hex_child(node, "SystemTitle"), *_content(node))


def _write_header(w: XmlWriter, apdu: Any) -> None:
    for key, attribute in _HEADER_FIELDS:
        w.value(key, bytes(getattr(apdu, attribute)).hex().upper())


def _read_header(node: Node) -> tuple[bytes, bytes, bytes, bytes, bytes]:
    transaction, originator, recipient, date_time, other = (read_hex_child(node, key) for key, _ in _HEADER_FIELDS)
    return transaction, originator, recipient, date_time, other


@renders(GeneralCiphering)
def _general_ciphering(w: XmlWriter, apdu: GeneralCiphering) -> None:
    if w.comments and len(apdu.originator_system_title) == 8:
        write_multiline_comment(w, system_title_text(apdu.originator_system_title))
    write_decrypted(w, apdu, None)
    w.start("GeneralCiphering")
    _write_header(w, apdu)
    info = apdu.key_info
    if info is not None:
        w.start("KeyInfo")
        if isinstance(info, IdentifiedKey):
            w.start("IdentifiedKey")
            w.number("KeyId", info.key_id, 2)
            w.end("IdentifiedKey")
        elif isinstance(info, WrappedKey):
            w.start("WrappedKey")
            w.number("KekId", info.kek_id, 2)
            w.value("KeyCipheredData", bytes(info.key_ciphered_data).hex().upper())
            w.end("WrappedKey")
        else:
            w.start("AgreedKey")
            w.value("KeyParameters", bytes(info.key_parameters).hex().upper())
            w.value("KeyCipheredData", bytes(info.key_ciphered_data).hex().upper())
            w.end("AgreedKey")
        w.end("KeyInfo")
    w.value("CipheredService", apdu.content.hex().upper())
    w.end("GeneralCiphering")


@builds("GeneralCiphering")
def _build_general_ciphering(node: Node, ctx: Context) -> Any:
    info: Any = None
    holder = node.child("KeyInfo")
    if holder is not None:
        if holder.child("IdentifiedKey") is not None:
            info = IdentifiedKey(read_number(holder.need("IdentifiedKey"), "KeyId", ctx, 2))
        elif holder.child("WrappedKey") is not None:
            element = holder.need("WrappedKey")
            info = WrappedKey(read_number(element, "KekId", ctx, 2), read_hex_child(element, "KeyCipheredData"))
        else:
            element = holder.need("AgreedKey")
            info = AgreedKey(read_hex_child(element, "KeyParameters"), read_hex_child(element, "KeyCipheredData"))
    return GeneralCiphering(*_read_header(node), info, *_content(node))


@renders(GeneralSigning)
def _general_signing(w: XmlWriter, apdu: GeneralSigning) -> None:
    w.start("GeneralSigning")
    _write_header(w, apdu)
    if w.comments:
        lines = write_plain(w, bytes(apdu.content), w.level + 1)
        if lines:
            w.line("<!--Content:")
            w.lines.extend(lines)
            w.line("-->")
    w.value("Content", bytes(apdu.content).hex().upper())
    w.value("Signature", bytes(apdu.signature).hex().upper())
    w.end("GeneralSigning")


@builds("GeneralSigning")
def _build_general_signing(node: Node, ctx: Context) -> Any:
    return GeneralSigning(*_read_header(node), read_hex_child(node, "Content"), read_hex_child(node, "Signature"))
