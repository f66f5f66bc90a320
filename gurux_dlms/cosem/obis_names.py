"""Human descriptions of OBIS codes, built from their value groups.

A description is assembled from the value groups instead of being looked up in a list of
every known code: ``1.1.21.25.0.255`` is channel 1 (B), phase L1 of "Active power+"
(C = 21), "Last avg. 3" (D = 25), total (E = 0): "Ch. 1 L1 Active power+ (QI+QIV) Last
avg. 3".  The tables live in ``obis_descriptions.txt`` next to this module and are read
once; every lookup is a handful of dictionary probes, so describing thousands of objects
costs no more than reading them.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from ..data.obis import obis_to_bytes
from .standard import Standard

log = logging.getLogger(__name__)

_Key = tuple[int, int | None, int | None]
_SEPARATOR = re.compile(r"\t+| {2,}")

#: Value groups whose ranges the standard leaves to manufacturers.
_MANUFACTURER_C = frozenset((*range(128, 200), 240))
_MANUFACTURER_DEF = frozenset(range(128, 255))
#: Electricity processing codes whose E value numbers a threshold rather than a tariff.
_THRESHOLD_D = frozenset(range(31, 46))
#: C values whose objects are general (not a physical quantity) in every medium.
_GENERAL_C = frozenset((0, 94, 96, 97, 98, 99))


@dataclass
class ObisTables:
    """The description tables read from the data file."""

    abstract: dict[_Key, str] = field(default_factory=dict)
    general: dict[_Key, str] = field(default_factory=dict)
    quantity: dict[int, str] = field(default_factory=dict)
    phase: dict[int, str] = field(default_factory=dict)
    processing: dict[int, str] = field(default_factory=dict)
    media: dict[int, str] = field(default_factory=dict)
    standards: dict[str, dict[tuple[int, int, int, int], str]] = field(default_factory=dict)


def _part(text: str) -> list[int | None]:
    """One key part: a number, a range ``a-b`` or ``*`` (any)."""
    if text == "*":
        return [None]
    if "-" in text:
        low, high = text.split("-", 1)
        return list(range(int(low), int(high) + 1))
    return [int(text)]


def _group_keys(key: str) -> list[_Key]:
    parts = key.split(".")
    c = int(parts[0])
    ds = _part(parts[1]) if len(parts) > 1 else [None]
    es = _part(parts[2]) if len(parts) > 2 else [None]
    return [(c, d, e) for d in ds for e in es]


def parse_tables(text: str) -> ObisTables:
    """Read the sections of the data file (see its header for the format)."""
    tables = ObisTables()
    section = ""
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1]
            continue
        pieces = _SEPARATOR.split(line, 1)
        if len(pieces) != 2:
            raise ValueError(f"obis_descriptions.txt line {number}: expected 'KEY<tab>TEXT', found {raw!r}")
        key, description = pieces[0].strip(), pieces[1].strip()
        if section in ("abstract", "general"):
            target = tables.abstract if section == "abstract" else tables.general
            for group_key in _group_keys(key):
                target[group_key] = description
        elif section == "electricity.quantity":
            tables.quantity[int(key)] = description
        elif section == "electricity.phase":
            tables.phase[int(key)] = description
        elif section == "electricity.processing":
            tables.processing[int(key)] = description
        elif section == "media":
            tables.media[int(key)] = description
        elif section.startswith("standard."):
            a, c, d, e = (int(p) for p in key.split("."))
            tables.standards.setdefault(section[9:], {})[(a, c, d, e)] = description
        else:
            raise ValueError(f"obis_descriptions.txt line {number}: unknown section [{section}]")
    return tables


@lru_cache(maxsize=1)
def tables() -> ObisTables:
    """The tables of the packaged data file (read on first use)."""
    text = resources.files(__package__).joinpath("obis_descriptions.txt").read_text(encoding="utf-8")
    return parse_tables(text)


def _probe(table: dict[_Key, str], c: int, d: int, e: int) -> str | None:
    return table.get((c, d, e)) or table.get((c, d, None)) or table.get((c, None, None))


def _electricity(t: ObisTables, c: int, d: int, e: int) -> str | None:
    if 21 <= c <= 80:
        phase, base = divmod(c - 1, 20)
        name = t.phase.get(base + 1) or t.quantity.get(base + 1)
        quantity = f"L{phase} {name}" if name else None
    else:
        quantity = t.quantity.get(c)
    processing = t.processing.get(d)
    if quantity is None or processing is None:
        return None
    text = f"{quantity} {processing}"
    if e:
        text += f" #{e}" if d in _THRESHOLD_D else f" Rate {e}"
    return text


def describe_groups(a: int, b: int, c: int, d: int, e: int, f: int,
                    standard: Standard = Standard.DLMS) -> str | None:
    """The description of the code ``a.b.c.d.e.f``, or None when the tables do not know it."""
    t = tables()
    text: str | None = None
    if standard != Standard.DLMS:
        text = t.standards.get(standard.name, {}).get((a, c, d, e))
    if text is None:
        if c in _MANUFACTURER_C or d in _MANUFACTURER_DEF or e in _MANUFACTURER_DEF:
            text = "Manufacturer specific"
        elif a == 0:
            text = _probe(t.abstract, c, d, e)
        elif c in _GENERAL_C:
            text = _probe(t.general, c, d, e)
            if text is not None and a != 1 and a in t.media:
                lowered = text[0].lower() + text[1:] if text[1:2].islower() else text
                text = f"{t.media[a]} {lowered}"
        elif a == 1:
            text = _electricity(t, c, d, e)
        if text is None:
            return None
        if "{" in text:
            text = text.format(b=b, c=c, d=d, e=e, f=f, e1=e + 1)
    if f < 100:
        text += f" Billing period {f}"
    return f"Ch. {b} {text}"


def describe(logical_name: str | bytes | bytearray, standard: Standard = Standard.DLMS) -> str | None:
    """The description of an OBIS code given as text (``1.0.1.8.0.255``, ``1-0:1.8.0*255``) or 6 bytes.

    Raises ``ConfigurationError`` for text that is not an OBIS code.
    """
    key = logical_name if isinstance(logical_name, (str, bytes)) else bytes(logical_name)
    return _describe(key, Standard(standard))


@lru_cache(maxsize=8192)
def _describe(logical_name: str | bytes, standard: Standard) -> str | None:
    a, b, c, d, e, f = obis_to_bytes(logical_name)
    return describe_groups(a, b, c, d, e, f, standard)


__all__ = ["ObisTables", "describe", "describe_groups", "parse_tables", "tables"]
