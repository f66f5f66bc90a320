"""Names of enumerated values in both dialects (``ReadWriteDenied`` / ``read-write-denied``).

A :class:`Names` table turns a code into the name each dialect writes and any of those
names (or a plain number) back into the code.  Codes without a name are written as
numbers, so nothing a meter sends is lost.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import IntEnum

from .reader import Node


def camel(name: str) -> str:
    """``READ_WRITE_DENIED`` -> ``ReadWriteDenied``."""
    return "".join(part[:1] + part[1:].lower() for part in name.split("_"))


def kebab(name: str) -> str:
    """``READ_WRITE_DENIED`` -> ``read-write-denied``."""
    return name.lower().replace("_", "-")


class Names:
    """Code <-> name in SIMPLE_XML and STANDARD_XML."""

    __slots__ = ("by_name", "simple", "standard")

    def __init__(self, items: Iterable[tuple[int, str, str]]) -> None:
        self.simple: dict[int, str] = {}
        self.standard: dict[int, str] = {}
        self.by_name: dict[str, int] = {}
        for code, simple, standard in items:
            self.simple.setdefault(code, simple)
            self.standard.setdefault(code, standard)
            self.by_name.setdefault(simple.lower(), code)
            self.by_name.setdefault(standard.lower(), code)

    @classmethod
    def of_enum(cls, enum: type[IntEnum], overrides: dict[int, tuple[str, str]] | None = None) -> Names:
        """Names derived from an enum's member names (CamelCase / kebab-case), with overrides."""
        extra = overrides or {}
        items = [(code, simple, standard) for code, (simple, standard) in extra.items()]
        items += [(int(member), camel(member.name), kebab(member.name)) for member in enum]
        return cls(items)

    def name(self, code: int, standard: bool) -> str:
        """The name of ``code`` in a dialect (its number when it has none)."""
        table = self.standard if standard else self.simple
        text = table.get(code)
        return str(code) if text is None else text

    def code(self, node: Node, text: str | None = None) -> int:
        """The code of a name (either dialect, any case) or of a decimal number."""
        if text is None:
            text = node.value
        code = self.by_name.get(text.strip().lower())
        if code is not None:
            return code
        try:
            return int(text, 10)
        except ValueError:
            raise node.error(f"<{node.raw_name}> value", expected=f"one of {', '.join(self.simple.values())}",
                             found=repr(text)) from None


#: Data-Access-Result (and action results, which share the codes).
DATA_ACCESS_RESULT = Names([
    (0, "Success", "success"),
    (1, "HardwareFault", "hardware-fault"),
    (2, "TemporaryFailure", "temporary-failure"),
    (3, "ReadWriteDenied", "read-write-denied"),
    (4, "UndefinedObject", "object-undefined"),
    (9, "InconsistentClass", "object-class-inconsistent"),
    (11, "UnavailableObject", "object-unavailable"),
    (12, "UnmatchedType", "type-unmatched"),
    (13, "AccessViolated", "scope-of-access-violated"),
    (14, "DataBlockUnavailable", "data-block-unavailable"),
    (15, "LongGetOrReadAborted", "long-get-aborted"),
    (16, "NoLongGetOrReadInProgress", "no-long-get-in-progress"),
    (17, "LongSetOrWriteAborted", "long-set-aborted"),
    (18, "NoLongSetOrWriteInProgress", "no-long-set-in-progress"),
    (19, "DataBlockNumberInvalid", "data-block-number-invalid"),
    (250, "OtherReason", "other-reason"),
])

#: Action-Result: the data-access codes, plus the ones only methods return.
ACTION_RESULT = Names([
    *((code, DATA_ACCESS_RESULT.simple[code], DATA_ACCESS_RESULT.standard[code])
      for code in DATA_ACCESS_RESULT.simple),
])

__all__ = ["ACTION_RESULT", "DATA_ACCESS_RESULT", "Names", "camel", "kebab"]
