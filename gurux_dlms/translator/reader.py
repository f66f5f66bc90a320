"""Reading the translator's XML (both dialects) and Gurux Messages files.

The documents are simple: elements, attributes, text, comments, an XML declaration and
perhaps a byte-order mark.  One regular expression, run by ``findall`` (a C loop), cuts a
document into tokens and a short Python loop builds a tree of :class:`Node`: several times
faster than a general parser on the small documents the translator reads by the thousand.
Everything that is not one of the expected tokens is an error that names its line.

Documents laid out as the translator writes them are read first by :mod:`.plain_reader`
(cheaper on the documents read by the thousand); it gives way to the reader here for
anything else, errors included.

Element names are normalised to the SIMPLE_XML tag (``x:get-request`` becomes
``GetRequest``), so the builders need not care which dialect they read; a document with
prefixed names is marked ``standard`` (its numbers are decimal).  Namespace declarations
are not required: Gurux writes ``x:`` prefixes without binding them inside frames.
"""

from __future__ import annotations

import re
from typing import Any

from ..errors import DecodeError
from .tags import SIMPLE

_NAME = r"[A-Za-z_][\w:.\-,]*"
# Groups: 1-2 leaf <Name Value="..." />; 3-6 start tag (name, attributes, "/", text after it);
# 7 end tag; 8-9 CDATA and the text after it; 10 text anywhere else; 11 a "<" that starts
# nothing valid.  Comments, declarations and DOCTYPE match with every group empty.
_TOKEN = re.compile(
    rf"""<({_NAME})\ Value="([^"&<]*)"\ ?/>\s*
    | <({_NAME})((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(/?)>([^<]*)
    | </({_NAME})\s*>\s*
    | <!--.*?-->\s* | <\?.*?\?>\s* | <!DOCTYPE[^>]*>\s*
    | <!\[CDATA\[(.*?)\]\]>([^<]*)
    | ([^<]+)
    | (<)""",
    re.S | re.X,
)
_ATTR = re.compile(r"""([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_ENTITY = re.compile(r"&(#x[0-9A-Fa-f]+|#[0-9]+|lt|gt|amp|quot|apos);")
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}


def _entity(match: re.Match[str]) -> str:
    name = match.group(1)
    if name[0] == "#":
        return chr(int(name[2:], 16) if name[1] in "xX" else int(name[1:]))
    return _NAMED[name]


def unescape(text: str) -> str:
    """Resolve the XML entities and character references of ``text``."""
    return _ENTITY.sub(_entity, text) if "&" in text else text


class Node:
    """One element: ``name`` (SIMPLE_XML tag), ``raw_name`` (as written), attributes, children, text."""

    __slots__ = ("attrs", "children", "doc", "name", "raw_name", "text", "token")

    def __init__(self, raw_name: str, name: str, attrs: dict[str, str], token: int, doc: Document) -> None:
        self.raw_name = raw_name
        self.name = name
        self.attrs = attrs
        self.children: list[Node] = []
        self.text = ""
        self.token = token
        self.doc = doc

    @property
    def line(self) -> int:
        """The line the element starts on (1-based)."""
        return self.doc.line_of_token(self.token)

    @property
    def value(self) -> str:
        """The element's value: its ``Value`` attribute, else its text (stripped)."""
        value = self.attrs.get("Value")
        if value is not None:
            return value
        return self.text.strip()

    def child(self, name: str) -> Node | None:
        """The first child called ``name`` (SIMPLE_XML tag), or None."""
        for node in self.children:
            if node.name == name:
                return node
        return None

    def need(self, name: str) -> Node:
        """The first child called ``name``; raises naming this element and its line when absent."""
        for node in self.children:
            if node.name == name:
                return node
        raise self.error(f"missing <{name}>", expected=f"a <{name}> element inside <{self.raw_name}>")

    def error(self, message: str, *, expected: Any = None, found: Any = None) -> DecodeError:
        """A DecodeError that names this element and its line."""
        return DecodeError(message, where=f"line {self.line}, element <{self.raw_name}>",
                           expected=expected, found=found)

    def __repr__(self) -> str:
        return f"<Node {self.raw_name} {self.attrs} {len(self.children)} children>"


class Document:
    """A parsed document: the ``root`` element, the ``source`` text and its dialect."""

    __slots__ = ("_starts", "root", "source", "standard")

    def __init__(self, source: str) -> None:
        self.source = source
        self.standard = False
        self.root: Node | None = None
        self._starts: list[int] | None = None

    def release(self) -> None:
        """Let the tree go as soon as the document is dropped.

        Every node points back to its document, so a document and its tree form a cycle
        that only the cycle collector frees (a cost that shows when documents are read by
        the thousand).  A reader done with a document calls this to break the cycle.
        """
        self.root = None

    def line_of_token(self, token: int) -> int:
        """The line of the ``token``-th token (found again only when an error is reported)."""
        if self._starts is None:
            self._starts = [match.start() for match in _TOKEN.finditer(self.source)]
        starts = self._starts
        position = starts[token] if token < len(starts) else len(self.source)
        return self.source.count("\n", 0, position) + 1


_NAMES: dict[str, tuple[str, bool]] = {}


def _name(raw: str) -> tuple[str, bool]:
    """The SIMPLE_XML tag of an element name and whether the name is prefixed (cached)."""
    if ":" in raw:
        local = raw[raw.index(":") + 1:]
        found = (SIMPLE.get(local, local), True)
    else:
        found = (raw, False)
    if len(_NAMES) < 4096:
        _NAMES[raw] = found
    return found


def _fail(doc: Document, token: int, message: str, expected: str, found: str) -> DecodeError:
    return DecodeError(message, where=f"line {doc.line_of_token(token)}", expected=expected, found=found)


def parse(source: str) -> Document:
    """Parse ``source``; raises DecodeError naming the line (and element) of the first problem."""
    source = source.lstrip("\ufeff \t\r\n")
    doc = parse_plain(source)
    return doc if doc is not None else _parse_tokens(source)


def _parse_tokens(source: str) -> Document:
    """The general reader: every token the regular expression knows, errors with their lines."""
    doc = Document(source)
    stack: list[Node] = []
    top: Node | None = None  # the element being filled (stack[-1])
    root: Node | None = None
    standard = False
    names = _NAMES
    for index, (leaf, value, start, attrs_text, empty, text, end, cdata, after, stray, bad) in enumerate(
            _TOKEN.findall(source)):
        if leaf:
            found = names.get(leaf) or _name(leaf)
            if found[1]:
                standard = True
            node = Node(leaf, found[0], {"Value": value}, index, doc)
            if top is None:
                if root is not None:
                    raise _fail(doc, index, "XML document", "a single root element", f"a second root <{leaf}>")
                root = node
            else:
                top.children.append(node)
        elif start:
            found = names.get(start) or _name(start)
            if found[1]:
                standard = True
            attrs = ({key: unescape(a or b) for key, a, b in _ATTR.findall(attrs_text)}
                     if attrs_text else {})
            node = Node(start, found[0], attrs, index, doc)
            if top is None:
                if root is not None:
                    raise _fail(doc, index, "XML document", "a single root element", f"a second root <{start}>")
                root = node
            else:
                top.children.append(node)
            if not empty:
                stack.append(node)
                top = node
                if text:
                    node.text = unescape(text)
            elif text and not text.isspace():
                raise _fail(doc, index, "XML text", "no text after an empty element", repr(text.strip()[:20]))
        elif end:
            if top is None or top.raw_name != end:
                expected = f"</{top.raw_name}> (opened on line {top.line})" if top is not None else "no end tag"
                raise DecodeError("XML end tag", where=f"line {doc.line_of_token(index)}, element </{end}>",
                                  expected=expected, found=f"</{end}>")
            stack.pop()
            top = stack[-1] if stack else None
        elif stray or bad:
            if bad or top is None or stray.strip():
                found_text = repr((bad or stray).strip()[:20]) if not bad else repr(source[:0] + "<")
                raise _fail(doc, index, "XML markup", "an element, a comment or text" if bad else "elements only",
                            found_text)
        elif cdata or after:
            if top is None:
                raise _fail(doc, index, "XML document", "elements only", "CDATA outside the root element")
            top.text += cdata + unescape(after)
    if top is not None:
        raise DecodeError("XML document", where=f"line {top.line}, element <{top.raw_name}>",
                          expected=f"</{top.raw_name}>", found="end of the document")
    if root is None:
        raise DecodeError("XML document", where="line 1", expected="an element", found="no element")
    doc.root = root
    doc.standard = standard
    return doc


from .plain_reader import parse_plain  # noqa: E402 - it reads into Node and Document

__all__ = ["Document", "Node", "parse", "unescape"]
