"""Hypothesis: the translator's two XML readers agree.

Documents laid out as the translator writes them are read by cutting the text at each
``<`` (``plain_reader.parse_plain``); anything else goes to the general, regular-expression
reader (``reader._parse_tokens``), which also names the line of every error.  Whatever
document the plain reader accepts must give the same tree (names, attributes, text,
token numbers, hence the lines errors name) as the general one, and ``parse`` must
behave exactly as the general reader on every text, well-formed or not.
"""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import values
from vectors.loader import all_vectors

from gurux_dlms.apdu.get import GetResponseNormal
from gurux_dlms.errors import DecodeError
from gurux_dlms.translator import GXDLMSTranslator, TranslatorOutputType
from gurux_dlms.translator.plain_reader import parse_plain
from gurux_dlms.translator.reader import Document, Node, _parse_tokens, parse

_PDUS = [bytes.fromhex(v["hex"]) for v in all_vectors()
         if v["kind"] == "pdu" and v["category"] != "malformed" and v["id"] != "pub-sn-0015"]
#: characters whose insertion or removal changes what a document means to an XML reader
_MARKUP = ["<", ">", "/", '"', "'", "=", "&", "&amp;", "&#65;", " ", "\t", "\r\n", "!", "?", "-", "x:", "A", "0",
           "<!--c-->", "<![CDATA[z]]>", "<?p?>"]


def _translator(standard: bool, comments: bool) -> GXDLMSTranslator:
    t = GXDLMSTranslator(TranslatorOutputType.STANDARD_XML if standard else TranslatorOutputType.SIMPLE_XML)
    t.comments = comments
    return t


def _tree(node: Node) -> Any:
    return (node.raw_name, node.name, node.attrs, node.text, node.token, [_tree(child) for child in node.children])


def _outcome(source: str) -> Any:
    """What the general reader makes of ``source``: its tree and dialect, or its error."""
    try:
        doc = _parse_tokens(source.lstrip("\ufeff \t\r\n"))
    except DecodeError as exc:
        return ("error", str(exc))
    assert doc.root is not None
    return (_tree(doc.root), doc.standard)


def _same(source: str) -> None:
    expected = _outcome(source)
    plain = parse_plain(source.lstrip("\ufeff \t\r\n"))
    if plain is not None:
        assert plain.root is not None
        assert (_tree(plain.root), plain.standard) == expected
    try:
        doc: Document | None = parse(source)
    except DecodeError as exc:
        assert expected == ("error", str(exc))
        return
    assert doc is not None and doc.root is not None
    assert (_tree(doc.root), doc.standard) == expected


documents = st.builds(
    lambda pdu, standard, comments: _translator(standard, comments).pduToXml(pdu),
    st.sampled_from(_PDUS), st.booleans(), st.booleans())


@settings(max_examples=300)
@given(documents, st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 3), st.sampled_from(_MARKUP)),
                           max_size=3))
def test_both_readers_read_every_edit_of_a_translated_document_alike(xml: str, edits: list[Any]) -> None:
    for at, action, text in edits:
        at %= len(xml) + 1
        if action == 0:
            xml = xml[:at] + text + xml[at:]
        elif action == 1:
            xml = xml[:at] + xml[at + 1:]
        elif action == 2:
            xml = xml[:at] + text + xml[at + len(text):]
        else:
            xml = xml[:at]
    _same(xml)


@settings(max_examples=100)
@given(values(12), st.booleans())
def test_both_readers_read_translated_values_alike(value: Any, standard: bool) -> None:
    xml = _translator(standard, False).pduToXml(GetResponseNormal(0xC1, value).encode())
    _same(xml)


def test_the_plain_reader_takes_what_the_translator_writes() -> None:
    """Without comments the translator's SIMPLE_XML of every vector is the plain reader's (no silent fallback)."""
    t = _translator(False, False)
    refused = [pdu.hex() for pdu in _PDUS if parse_plain(t.pduToXml(pdu)) is None]
    assert refused == []
