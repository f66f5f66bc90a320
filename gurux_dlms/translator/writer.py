"""The XML writer every renderer writes through.

One writer produces either dialect: SIMPLE_XML (Gurux's tags, values in ``Value="..."``
attributes, numbers in hex unless ``hex`` is off) or STANDARD_XML (the DLMS UA COSEMpdu
schema: ``x:``-prefixed kebab-case tags, values as text, numbers in decimal).  Renderers
name elements by their SIMPLE_XML tag; the writer looks the STANDARD_XML name up in
:data:`.tags.STANDARD`.  Lines are collected in a list and joined once with CRLF, as
Gurux writes them, so output is linear in the size of the PDU.
"""

from __future__ import annotations

from collections.abc import Callable

from .tags import STANDARD

#: Indentation strings by nesting level (two spaces a level, as Gurux indents).
_INDENTS = ["  " * level for level in range(64)]

#: Characters that must be escaped inside attribute values and text.
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;",
                          "\t": "&#9;", "\n": "&#10;", "\r": "&#13;"})


def escape(text: str) -> str:
    """``text`` safe inside an attribute value or element content."""
    return text.translate(_ESCAPES)


def comment_text(text: str) -> str:
    """``text`` made legal inside ``<!-- -->`` (no ``--``, no trailing ``-``)."""
    while "--" in text:
        text = text.replace("--", "- -")
    if text.endswith("-"):
        text += " "
    return text


class _Names(dict[str, str]):
    """Element strings of one dialect, built on first use: ``key`` -> text."""

    def __init__(self, build: Callable[[str], str]) -> None:
        super().__init__()
        self.build = build

    def __missing__(self, key: str) -> str:
        text = self.build(key)
        self[key] = text
        return text


_SIMPLE_OPEN = _Names(lambda key: f"<{key}>")
_SIMPLE_CLOSE = _Names(lambda key: f"</{key}>")
_SIMPLE_PRE = _Names(lambda key: f'<{key} Value="')
_SIMPLE_EMPTY = _Names(lambda key: f"<{key} />")
_STD_OPEN = _Names(lambda key: f"<x:{STANDARD[key]}>")
_STD_CLOSE = _Names(lambda key: f"</x:{STANDARD[key]}>")
_STD_EMPTY = _Names(lambda key: f"<x:{STANDARD[key]} />")
_MASKS = [(1 << (digits * 4)) - 1 for digits in range(33)]


class XmlWriter:
    """Collects XML lines for one document (or one nested fragment).

    ``standard``: STANDARD_XML instead of SIMPLE_XML.  ``hex``: integers in SIMPLE_XML as
    fixed-width hex (Gurux's default) instead of decimal.  ``comments``: write the
    explanatory ``<!--...-->`` lines (OBIS codes, date-times, decrypted contents).
    ``string_as_hex``: visible strings as hex bytes.  The element strings of the dialect
    are looked up in per-dialect tables, so writing a line is one dictionary look-up and
    one concatenation.
    """

    __slots__ = ("_close", "_empty", "_open", "comments", "hex", "level", "lines", "settings", "source",
                 "standard", "string_as_hex")

    def __init__(self, standard: bool = False, hex: bool = True, comments: bool = False,
                 string_as_hex: bool = False, level: int = 0, settings: object = None) -> None:
        self.standard = standard
        self.hex = hex and not standard
        self.comments = comments
        self.string_as_hex = string_as_hex
        self.level = level
        self.lines: list[str] = []
        #: the translator (keys for deciphering), or None
        self.settings = settings
        #: the bytes of the PDU being written, when known
        self.source = b""
        if standard:
            self._open, self._close, self._empty = _STD_OPEN, _STD_CLOSE, _STD_EMPTY
        else:
            self._open, self._close, self._empty = _SIMPLE_OPEN, _SIMPLE_CLOSE, _SIMPLE_EMPTY

    def nested(self, level: int | None = None, comments: bool | None = None) -> XmlWriter:
        """A writer with the same options for a fragment (e.g. the contents of a comment)."""
        return XmlWriter(self.standard, self.hex, self.comments if comments is None else comments,
                         self.string_as_hex, self.level if level is None else level, self.settings)

    # --- names and numbers ---------------------------------------------------------------
    def name(self, key: str) -> str:
        """The element name of ``key`` (a SIMPLE_XML tag) in this writer's dialect."""
        return "x:" + STANDARD[key] if self.standard else key

    def num(self, value: int, digits: int) -> str:
        """An integer as Gurux prints it: ``digits`` hex digits (two's complement) or decimal."""
        if self.hex:
            return f"{value & _MASKS[digits]:0{digits}X}"
        return str(value)

    def qty(self, count: int) -> str:
        """A ``Qty`` count: two hex digits (more when needed, in pairs) or decimal."""
        if self.hex:
            text = f"{count:02X}"
            return text if len(text) % 2 == 0 else "0" + text
        return str(count)

    # --- elements ------------------------------------------------------------------------
    def start(self, key: str, qty: int | None = None) -> None:
        """Open an element; SIMPLE_XML writes ``Qty`` when a count is given."""
        if qty is None or self.standard:
            self.lines.append(_INDENTS[self.level] + self._open[key])
        else:
            self.lines.append(f'{_INDENTS[self.level]}<{key} Qty="{self.qty(qty)}" >')
        self.level += 1

    def start_count(self, key: str, count: int) -> None:
        """Open an element whose ``Qty`` Gurux writes without zero padding (``Qty="5"``)."""
        if self.standard:
            self.start(key)
        else:
            text = f"{count:X}" if self.hex else str(count)
            self.lines.append(f'{_INDENTS[self.level]}<{key} Qty="{text}" >')
            self.level += 1

    def open_many(self, *keys: str) -> None:
        """Open nested elements (one line each) with one call: the hot path of every PDU."""
        level = self.level
        opens = self._open
        append = self.lines.append
        for key in keys:
            append(_INDENTS[level] + opens[key])
            level += 1
        self.level = level

    def close_many(self, *keys: str) -> None:
        """Close nested elements, innermost first."""
        level = self.level
        closes = self._close
        append = self.lines.append
        for key in keys:
            level -= 1
            append(_INDENTS[level] + closes[key])
        self.level = level

    def end(self, key: str) -> None:
        self.level -= 1
        self.lines.append(_INDENTS[self.level] + self._close[key])

    def value(self, key: str, text: str) -> None:
        """A leaf: ``<Key Value="text" />`` or ``<x:key>text</x:key>`` (``text`` already escaped)."""
        if self.standard:
            self.lines.append(f"{_INDENTS[self.level]}{_STD_OPEN[key]}{text}{_STD_CLOSE[key]}")
        else:
            self.lines.append(f'{_INDENTS[self.level]}{_SIMPLE_PRE[key]}{text}" />')

    def number(self, key: str, value: int, digits: int) -> None:
        """A numeric leaf in the dialect's number format."""
        if self.standard:
            self.lines.append(f"{_INDENTS[self.level]}{_STD_OPEN[key]}{value}{_STD_CLOSE[key]}")
        elif self.hex:
            self.lines.append(f'{_INDENTS[self.level]}{_SIMPLE_PRE[key]}{value & _MASKS[digits]:0{digits}X}" />')
        else:
            self.lines.append(f'{_INDENTS[self.level]}{_SIMPLE_PRE[key]}{value}" />')

    def empty(self, key: str) -> None:
        """An element without content: ``<Key />`` or ``<x:key />``."""
        self.lines.append(_INDENTS[self.level] + self._empty[key])

    def comment(self, text: str) -> None:
        """``<!--text-->`` when comments are on."""
        if self.comments:
            self.lines.append(f"{_INDENTS[self.level]}<!--{comment_text(text)}-->")

    def line(self, text: str) -> None:
        """A raw line at the current indentation."""
        self.lines.append(_INDENTS[self.level] + text)

    def raw(self, text: str) -> None:
        """A raw line at column 0."""
        self.lines.append(text)

    def text(self) -> str:
        """The document: lines joined with CRLF, with a final CRLF."""
        if not self.lines:
            return ""
        return "\r\n".join(self.lines) + "\r\n"


__all__ = ["XmlWriter", "comment_text", "escape"]
