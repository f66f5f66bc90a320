"""Whole documents: the STANDARD_XML wrapper, and parsing an XML text into the APDU it describes."""

from __future__ import annotations

from typing import Any

from ..errors import DecodeError
from .data_build import Context
from .reader import Document, Node, parse
from .registry import ACSE_CLASSES, build_apdu, write_apdu
from .writer import XmlWriter

DECLARATION = '<?xml version="1.0" encoding="utf-8"?>'
NAMESPACE = "http://www.dlms.com/COSEMpdu"
_WRAPPERS = {"xDLMS-APDU", "aCSE-APDU"}


def render_pdu(w: XmlWriter, apdu: Any, *, declaration: bool = True, namespace: bool = True) -> None:
    """Render an APDU as a document: in STANDARD_XML with the declaration and COSEMpdu wrapper."""
    if not w.standard:
        write_apdu(w, apdu)
        return
    wrapper = "x:aCSE-APDU" if type(apdu) in ACSE_CLASSES else "x:xDLMS-APDU"
    if declaration:
        w.raw(DECLARATION)
    if namespace:
        w.raw(f'<{wrapper} xmlns:x="{NAMESPACE}">')
    write_apdu(w, apdu)
    if namespace:
        w.raw(f"</{wrapper}>")


def unwrap(node: Node) -> Node:
    """The PDU element inside a STANDARD_XML ``x:xDLMS-APDU`` / ``x:aCSE-APDU`` wrapper."""
    while node.raw_name.endswith("-APDU") and node.raw_name.split(":")[-1] in _WRAPPERS:
        elements = node.children
        if len(elements) != 1:
            raise node.error("COSEMpdu wrapper", expected="one PDU element", found=f"{len(elements)} elements")
        node = elements[0]
    return node


def parse_document(xml: str) -> Document:
    """Parse XML text (a ``bytes`` document is decoded as UTF-8)."""
    if isinstance(xml, (bytes, bytearray)):
        xml = bytes(xml).decode("utf-8-sig")
    if not isinstance(xml, str):
        raise DecodeError("XML", expected="text", found=type(xml).__name__)
    return parse(xml)


def parse_fragment(xml: str) -> Document:
    """Parse XML that may hold several top-level elements (they become the root's children)."""
    if isinstance(xml, (bytes, bytearray)):
        xml = bytes(xml).decode("utf-8-sig")
    text = xml.lstrip("\ufeff")
    if text.lstrip().startswith("<?xml"):
        end = text.index("?>") + 2
        text = " " * end + text[end:]  # keep offsets (and so line numbers) unchanged
    return parse(f"<_>{text}</_>")


def context_for(doc: Document, hex_numbers: bool, settings: object = None) -> Context:
    """How to read the document's numbers: hex only in SIMPLE_XML with the ``hex`` option on.

    A document is STANDARD_XML when it has ``x:`` elements, or when it has none (an RR
    frame, a segment) and the translator reading it is a STANDARD_XML one.
    """
    standard = doc.standard or getattr(settings, "outputType", 0) == 1
    return Context(hex_numbers and not standard, settings)


def build_pdu(node: Node, ctx: Context) -> Any:
    """The APDU object an element (possibly wrapped) describes."""
    return build_apdu(unwrap(node), ctx)


__all__ = ["DECLARATION", "NAMESPACE", "build_pdu", "context_for", "parse_document", "parse_fragment", "render_pdu",
           "unwrap"]
