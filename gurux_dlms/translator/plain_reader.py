"""The translator's own layout of XML, read without the regular expression.

Most documents the translator reads are laid out exactly as it writes them: one tag per
``<``, double-quoted attributes each after one space, no entities.  Those are read by
cutting the text at each ``<`` (``str.split``, much cheaper than the general reader's
regular expression) and reading each piece with string methods.  Anything else in a piece
(an entity, a single quote, other blanks, text where only blanks may be, a mismatched tag
...) makes :func:`parse_plain` give up and the general reader (:func:`.reader.parse`) read
the whole document: it gives the same tree for every document this one accepts, and the
line-numbered error for the malformed ones.
"""

from __future__ import annotations

import re

from .reader import _NAME, _NAMES, Document, Node, _name, unescape

_NAME_MATCH = re.compile(_NAME).fullmatch
_KEY_MATCH = re.compile(r"[^\s=/>]+").fullmatch
_KEYS: set[str] = set()


def _plain_name(raw: str) -> tuple[str, bool] | None:
    """``_name`` of a name the general reader would accept, else None."""
    found = _NAMES.get(raw)
    if found is None and _NAME_MATCH(raw):
        found = _name(raw)
    return found


def _plain_attributes(text: str) -> dict[str, str] | None:
    """`` k="v" k2="v2"`` (one space before each, double quotes, no entity), or None.

    ``text`` is what follows the element name up to ``>`` (or ``/>``); one trailing space
    is allowed, as the translator writes ``<Structure Qty="02" >``.
    """
    parts = text.split('"')
    if not len(parts) & 1:
        return None
    attrs = {}
    for index in range(0, len(parts) - 1, 2):
        key = parts[index]
        if key[:1] != " " or key[-1:] != "=":
            return None
        key = key[1:-1]
        if key not in _KEYS:
            if not _KEY_MATCH(key):
                return None
            if len(_KEYS) < 256:
                _KEYS.add(key)
        attrs[key] = parts[index + 1]
    return attrs if parts[-1] in ("", " ") else None


#: Kinds of piece (:func:`_read_piece`).
_END, _OPEN, _EMPTY, _SKIP = range(4)
#: A piece as read: (kind, raw name, tag, prefixed, attributes, text).
Piece = tuple[int, str, str, bool, dict[str, str], str]
#: Pieces already read.  Reading a piece depends on its text alone, so an entry never goes
#: stale.  Tags and short values (invoke ids, class and attribute ids, small numbers) repeat
#: from document to document and are kept; long values (octet strings, wide numbers) rarely
#: repeat and are not.  The table is emptied when it is full, so it holds the pieces of the
#: documents being read now.
_PIECES: dict[str, Piece] = {}
_PIECES_MAX = 4096
_SHORT_VALUE = 4


def _skipped(piece: str, opening: str, closing: str) -> bool:
    """Whether ``piece`` is a whole comment or declaration (``opening`` ... ``closing``) and blanks."""
    if not piece.startswith(opening):
        return False
    end = piece.find(closing, len(opening))
    if end < 0:
        return False
    rest = piece[end + len(closing):]
    return not rest or rest.isspace()


def _read_piece(piece: str) -> Piece | None:
    """One piece after a ``<`` in the translator's layout, or None when it is anything else.

    Start tags and empty elements (``<Key Value=".." />``) are accepted with
    :func:`_plain_attributes`' attributes; end tags without blanks in them; comments and
    declarations without a ``<`` inside.  Blanks may follow every tag, text only a start
    tag, as in the general reader.
    """
    token: Piece | None = _read_leaf(piece)
    if token is not None:
        return token if len(token[4]["Value"]) > _SHORT_VALUE else _remember(piece, token)
    close = piece.find(">")
    if close < 1:
        return None
    head = piece[:close]
    rest = piece[close + 1:]
    blank = not rest or rest.isspace()
    first = head[0]
    if first == "/":
        found = _plain_name(head[1:])
        token = (_END, head[1:], "", False, {}, "") if found is not None and blank else None
    elif first == "?" or first == "!":
        token = (_SKIP, "", "", False, {}, "") if _skipped(piece, "?", "?>") or _skipped(piece, "!--", "-->") \
            else None
    else:
        token = _read_tag(head, rest, blank)
    return token if token is None else _remember(piece, token)


def _remember(piece: str, token: Piece) -> Piece:
    """Keep ``token`` in :data:`_PIECES` unless its value is long (see there)."""
    if len(token[4].get("Value", "")) > _SHORT_VALUE:
        return token
    if len(_PIECES) >= _PIECES_MAX:
        _PIECES.clear()
    _PIECES[piece] = token
    return token


def _read_leaf(piece: str) -> Piece | None:
    """``Key Value="v" />`` and blanks, the most common piece, read with two ``partition``."""
    raw, _, tail = piece.partition(' Value="')
    value, value_end, rest = tail.partition('"')
    if not value_end or rest[:3] != " />" or "&" in value:
        return None
    found = _NAMES.get(raw) or _plain_name(raw)
    if found is None or (len(rest) > 3 and not rest[3:].isspace()):
        return None
    return (_EMPTY, raw, found[0], found[1], {"Value": value}, "")


def _read_tag(head: str, rest: str, blank: bool) -> Piece | None:
    """A start tag or empty element: ``head`` is what is between ``<`` and ``>``."""
    empty = head[-1] == "/"
    if empty:
        if not blank:
            return None
        head = head[:-1]
    space = head.find(" ")
    raw = head if space < 0 else head[:space]
    found = _plain_name(raw)
    if found is None or "&" in head:
        return None
    attrs = {} if space < 0 else _plain_attributes(head[space:])
    if attrs is None:
        return None
    if empty:
        return (_EMPTY, raw, found[0], found[1], attrs, "")
    return (_OPEN, raw, found[0], found[1], attrs, unescape(rest) if rest else "")


def parse_plain(source: str) -> Document | None:
    """The tree of a document laid out as the translator writes it; None for any other.

    Each piece after a ``<`` is one token of the general reader (a tag and the blanks or
    text up to the next ``<``), so token numbers, and with them the lines that errors
    name later, are the same as the general reader's.  Whatever this reader does not
    recognise exactly makes it give up (returns None), never raise.
    """
    pieces = source.split("<")
    if pieces[0]:
        return None
    doc = Document(source)
    stack: list[Node] = []
    top: Node | None = None
    root: Node | None = None
    standard = False
    known = _PIECES
    for index in range(1, len(pieces)):
        piece = pieces[index]
        token = known.get(piece) or _read_piece(piece)
        if token is None:
            return None
        kind, raw, name, prefixed, attrs, text = token
        if kind == _END:
            if top is None or top.raw_name != raw:
                return None
            stack.pop()
            top = stack[-1] if stack else None
            continue
        if kind == _SKIP:
            continue
        node = Node(raw, name, attrs.copy(), index - 1, doc)
        if prefixed:
            standard = True
        if top is not None:
            top.children.append(node)
        elif root is None:
            root = node
        else:
            return None
        if kind == _OPEN:
            stack.append(node)
            top = node
            node.text = text
    if top is not None or root is None:
        return None
    doc.root = root
    doc.standard = standard
    return doc


__all__ = ["parse_plain"]
