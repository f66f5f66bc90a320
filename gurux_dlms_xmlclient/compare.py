"""Comparing a meter's reply with the reply a Messages file expects, and showing the difference.

Both replies are XML trees in the translator's simple XML.  The expected one may mark what
cannot be known in advance (a clock, an energy register, a profile's rows) with wildcards:

* an attribute value ``*`` matches any value of that attribute
  (``<OctetString Value="*" />``, ``<Array Qty="*">``);
* ``<Any />`` matches any one element, whatever it contains;
* ``<Any Qty="*" />`` as the last child matches any number of elements (none included).

Values are compared as the translator writes them; decimal numbers also match when they
are written with leading zeros (``"0008"`` is ``8``), hex strings in any case.

The comparison *resolves* the expected tree against the received one: every wildcard is
replaced by what it matched and every equal value by the received spelling.  The reply
matches when the resolved text equals the received text, and otherwise their unified diff
shows exactly the real differences, not the wildcards.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

from gurux_dlms.translator.messages_file import ANY, WILDCARD, has_wildcards
from gurux_dlms.translator.reader import Node

_DECIMAL = re.compile(r"^-?\d+$")
#: Elements whose value is an invoke id (ignored when the client renumbers requests, ``-I``).
INVOKE_IDS = frozenset({"InvokeIdAndPriority", "LongInvokeIdAndPriority"})


def same_value(expected: str, received: str) -> bool:
    """True when two attribute values say the same (see the module documentation)."""
    if expected == received or expected.lower() == received.lower():
        return True
    if _DECIMAL.match(expected) and _DECIMAL.match(received):
        return int(expected) == int(received)
    return False


def _attributes(node: Node, attrs: dict[str, str]) -> str:
    return "".join(f' {key}="{_escape(value)}"' for key, value in attrs.items())


def _escape(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")


def render(node: Node, indent: int = 0, attrs: dict[str, str] | None = None,
           children: list[list[str]] | None = None, text: str | None = None) -> list[str]:
    """``node`` as indented lines (two spaces a level), optionally with other attributes/children/text."""
    pad = "  " * indent
    attrs = node.attrs if attrs is None else attrs
    text = node.text.strip() if text is None else text
    head = f"{pad}<{node.raw_name}{_attributes(node, attrs)}"
    if children is None:
        children = [render(child, indent + 1) for child in node.children]
    if not children and not text:
        return [f"{head} />"]
    if not children:
        return [f"{head}>{_escape(text)}</{node.raw_name}>"]
    lines = [f"{head}>"]
    for block in children:
        lines.extend(block)
    lines.append(f"{pad}</{node.raw_name}>")
    return lines


class Resolver:
    """Resolves an expected tree against a received one (see the module documentation)."""

    def __init__(self, ignore_invoke_ids: bool = False) -> None:
        self.ignore_invoke_ids = ignore_invoke_ids

    def resolve(self, expected: Node, received: Node | None, indent: int = 0) -> list[str]:
        """The lines of ``expected`` with its wildcards and equal values taken from ``received``."""
        if received is None:
            return render(expected, indent)
        if expected.name == ANY:
            return render(received, indent)
        if expected.raw_name != received.raw_name:
            return render(expected, indent)
        attrs = {}
        for key, value in expected.attrs.items():
            got = received.attrs.get(key)
            wild = value == WILDCARD or (self.ignore_invoke_ids and expected.name in INVOKE_IDS and key == "Value")
            attrs[key] = got if got is not None and (wild or same_value(value, got)) else value
        text = expected.text.strip()
        if text == WILDCARD:
            text = received.text.strip()
        return render(expected, indent, attrs, self._children(expected.children, received.children, indent + 1),
                      text)

    def _children(self, expected: list[Node], received: list[Node], indent: int) -> list[list[str]]:
        blocks: list[list[str]] = []
        for position, child in enumerate(expected):
            if child.name == ANY and child.attrs.get("Qty") == WILDCARD:
                blocks.extend(render(rest, indent) for rest in received[position:])
                return blocks
            blocks.append(self.resolve(child, received[position] if position < len(received) else None, indent))
        return blocks


def compare(expected: Node, received: Node, *, ignore_invoke_ids: bool = False) -> list[str]:
    """The unified diff between an expected and a received reply; empty when they match."""
    resolved = Resolver(ignore_invoke_ids).resolve(expected, received)
    actual = render(received)
    if resolved == actual:
        return []
    return list(difflib.unified_diff(resolved, actual, "expected", "received", lineterm=""))


def indented(lines: Iterable[str], prefix: str = "  ") -> str:
    """Lines joined, each with ``prefix`` (how the command shows a diff)."""
    return "\n".join(prefix + line for line in lines)


__all__ = ["ANY", "INVOKE_IDS", "WILDCARD", "Resolver", "compare", "has_wildcards", "indented", "render",
           "same_value"]
