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


class _Indents(dict[int, str]):
    """Indentation strings by nesting level (two spaces a level, as Gurux indents), made on first use."""

    def __missing__(self, level: int) -> str:
        text = self[level] = "  " * level
        return text


INDENTS = _Indents()

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
#: (STANDARD_XML?, level, keys) -> the lines :meth:`XmlWriter.close_many` writes
_CLOSINGS: dict[tuple[bool, int, tuple[str, ...]], str] = {}
#: ``%`` formats of fixed-width upper-case hex (``%`` is about twice as fast as an f-string
#: with a format spec), and the 256 two-digit numbers, the most common, ready made.
_HEX_FORMATS = [f"%0{digits}X" for digits in range(33)]
HEX2 = [f"{byte:02X}" for byte in range(256)]


def hex_digits(value: int, digits: int) -> str:
    """``value`` as ``digits`` upper-case hex digits (two's complement when negative)."""
    if digits == 2:
        return HEX2[value & 0xFF]
    return _HEX_FORMATS[digits] % (value & _MASKS[digits])


class XmlWriter:
    """Collects XML lines for one document (or one nested fragment).

    ``standard``: STANDARD_XML instead of SIMPLE_XML.  ``hex``: integers in SIMPLE_XML as
    fixed-width hex (Gurux's default) instead of decimal.  ``comments``: write the
    explanatory ``<!--...-->`` lines (OBIS codes, date-times, decrypted contents).
    ``string_as_hex``: visible strings as hex bytes.  The element strings of the dialect
    are looked up in per-dialect tables, so writing a line is one dictionary look-up and
    one concatenation.
    """

    __slots__ = ("_close", "_open", "comments", "hex", "level", "lines", "settings", "source", "standard",
                 "string_as_hex")

    def __init__(self, standard: bool = False, hex: bool = True, comments: bool = False,
                 string_as_hex: bool = False, level: int = 0, settings: object = None, source: bytes = b"") -> None:
        self.standard = standard
        self.hex = hex and not standard
        self.comments = comments
        self.string_as_hex = string_as_hex
        self.level = level
        self.lines: list[str] = []
        #: the translator (keys for deciphering), or None
        self.settings = settings
        #: the bytes of the PDU being written, when known
        self.source = source
        if standard:
            self._open, self._close = _STD_OPEN, _STD_CLOSE
        else:
            self._open, self._close = _SIMPLE_OPEN, _SIMPLE_CLOSE

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
            return hex_digits(value, digits)
        return str(value)

    def qty(self, count: int) -> str:
        """A ``Qty`` count: two hex digits (more when needed, in pairs) or decimal."""
        if self.hex:
            if 0 <= count < 0x100:
                return HEX2[count]
            text = f"{count:02X}"
            return text if len(text) % 2 == 0 else "0" + text
        return str(count)

    # --- elements ------------------------------------------------------------------------
    def start(self, key: str, qty: int | None = None) -> None:
        """Open an element; SIMPLE_XML writes ``Qty`` when a count is given."""
        if qty is None or self.standard:
            self.lines.append(INDENTS[self.level] + self._open[key])
        else:
            text = HEX2[qty] if self.hex and 0 <= qty < 0x100 else self.qty(qty)
            self.lines.append(f'{INDENTS[self.level]}<{key} Qty="{text}" >')
        self.level += 1

    def start_count(self, key: str, count: int) -> None:
        """Open an element whose ``Qty`` Gurux writes without zero padding (``Qty="5"``)."""
        if self.standard:
            self.start(key)
        else:
            text = f"{count:X}" if self.hex else str(count)
            self.lines.append(f'{INDENTS[self.level]}<{key} Qty="{text}" >')
            self.level += 1

    def open_many(self, *keys: str) -> None:
        """Open nested elements (one line each) with one call, in one entry of ``lines``."""
        level = self.level
        opens = self._open
        if len(keys) == 2:
            self.lines.append(f"{INDENTS[level]}{opens[keys[0]]}\r\n{INDENTS[level + 1]}{opens[keys[1]]}")
            self.level = level + 2
            return
        parts = []
        for key in keys:
            parts.append(INDENTS[level] + opens[key])
            level += 1
        self.lines.append("\r\n".join(parts))
        self.level = level

    def close_many(self, *keys: str) -> None:
        """Close nested elements, innermost first (in one entry of ``lines``).

        The closing lines depend only on the dialect, the level and the keys (which the
        renderers name in their code), so they are made once and found in a table.
        """
        level = self.level
        text = _CLOSINGS.get((self.standard, level, keys))
        if text is None:
            closes = self._close
            text = "\r\n".join(INDENTS[level - 1 - depth] + closes[key] for depth, key in enumerate(keys))
            if len(_CLOSINGS) < 4096:
                _CLOSINGS[(self.standard, level, keys)] = text
        self.lines.append(text)
        self.level = level - len(keys)

    def open_service(self, outer: str, kind: str, invoke: int, *inner: str) -> None:
        """``<outer>``, ``<kind>`` and the ``InvokeIdAndPriority``: how every LN service PDU begins.

        ``inner`` elements are opened after the invoke id (``Result``, ``Data`` ...).  One
        string in SIMPLE_XML with hex numbers (the default), the general calls otherwise.
        """
        if not self.hex:
            self.open_many(outer, kind)
            self.number("InvokeIdAndPriority", invoke, 2)
            if inner:
                self.open_many(*inner)
            return
        level = self.level
        i = INDENTS[level]
        text = f'{i}<{outer}>\r\n{i}  <{kind}>\r\n{i}    <InvokeIdAndPriority Value="{HEX2[invoke & 0xFF]}" />'
        for depth, key in enumerate(inner, 2):
            text = f"{text}\r\n{INDENTS[level + depth]}<{key}>"
        self.lines.append(text)
        self.level = level + 2 + len(inner)

    def end(self, key: str) -> None:
        self.level -= 1
        self.lines.append(INDENTS[self.level] + self._close[key])

    def value(self, key: str, text: str) -> None:
        """A leaf: ``<Key Value="text" />`` or ``<x:key>text</x:key>`` (``text`` already escaped)."""
        if self.standard:
            self.lines.append(f"{INDENTS[self.level]}{_STD_OPEN[key]}{text}{_STD_CLOSE[key]}")
        else:
            self.lines.append(f'{INDENTS[self.level]}{_SIMPLE_PRE[key]}{text}" />')

    def number(self, key: str, value: int, digits: int) -> None:
        """A numeric leaf in the dialect's number format."""
        if self.standard:
            self.lines.append(f"{INDENTS[self.level]}{_STD_OPEN[key]}{value}{_STD_CLOSE[key]}")
        elif self.hex:
            text = HEX2[value & 0xFF] if digits == 2 else _HEX_FORMATS[digits] % (value & _MASKS[digits])
            self.lines.append(f'{INDENTS[self.level]}{_SIMPLE_PRE[key]}{text}" />')
        else:
            self.lines.append(f'{INDENTS[self.level]}{_SIMPLE_PRE[key]}{value}" />')

    def empty(self, key: str) -> None:
        """An element without content: ``<Key />`` or ``<x:key />``."""
        self.lines.append(INDENTS[self.level] + (_STD_EMPTY if self.standard else _SIMPLE_EMPTY)[key])

    def comment(self, text: str) -> None:
        """``<!--text-->`` when comments are on."""
        if self.comments:
            self.lines.append(f"{INDENTS[self.level]}<!--{comment_text(text)}-->")

    def line(self, text: str) -> None:
        """A raw line at the current indentation."""
        self.lines.append(INDENTS[self.level] + text)

    def raw(self, text: str) -> None:
        """A raw line at column 0."""
        self.lines.append(text)

    def text(self) -> str:
        """The document: lines joined with CRLF, with a final CRLF."""
        if not self.lines:
            return ""
        return "\r\n".join(self.lines) + "\r\n"


__all__ = ["HEX2", "INDENTS", "XmlWriter", "comment_text", "escape", "hex_digits"]
