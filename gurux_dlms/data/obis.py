"""OBIS codes (IEC 62056-6-1): six value groups A-B:C.D.E*F.

Accepted text forms: ``1.0.1.8.0.255`` (Gurux), ``1-0:1.8.0*255`` and ``1-0:1.8.0.255``
(IEC), a 12-digit hex string ``0100010800FF``, and six raw bytes.  Output is the dotted
form Gurux uses for ``logicalName``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..errors import ConfigurationError

_SEPARATORS = re.compile(r"[.\-:*,; ]")


@lru_cache(maxsize=4096)
def _parse_text(text: str) -> bytes:
    stripped = text.strip()
    if len(stripped) == 12 and not _SEPARATORS.search(stripped):
        try:
            return bytes.fromhex(stripped)
        except ValueError:
            pass
    parts = [p for p in _SEPARATORS.split(stripped) if p != ""]
    if len(parts) == 5 and ("-" in stripped or ":" in stripped):
        parts.append("255")  # "1-0:1.8.0" means F = 255
    if len(parts) != 6:
        raise ConfigurationError("OBIS code", expected="six value groups such as 1.0.1.8.0.255", found=repr(text))
    try:
        values = [int(p) for p in parts]
    except ValueError:
        raise ConfigurationError("OBIS code", expected="decimal value groups", found=repr(text)) from None
    if any(not 0 <= v <= 255 for v in values):
        raise ConfigurationError("OBIS code", expected="value groups 0..255", found=repr(text))
    return bytes(values)


def obis_to_bytes(value: str | bytes | bytearray | memoryview | list[int] | tuple[int, ...]) -> bytes:
    """Six bytes of an OBIS code given as text, bytes or a sequence of six numbers."""
    if isinstance(value, str):
        return _parse_text(value)
    raw = bytes(value)
    if len(raw) != 6:
        raise ConfigurationError("OBIS code", expected="6 bytes", found=f"{len(raw)} bytes")
    return raw


def obis_to_str(value: bytes | bytearray | memoryview | str) -> str:
    """The dotted form ``a.b.c.d.e.f`` (text input is normalised)."""
    if isinstance(value, str):
        value = _parse_text(value)
    if len(value) != 6:
        raise ConfigurationError("OBIS code", expected="6 bytes", found=f"{len(value)} bytes")
    return ".".join(map(str, value))


def obis_to_iec(value: bytes | str) -> str:
    """The IEC form ``A-B:C.D.E*F``."""
    a, b, c, d, e, f = obis_to_bytes(value)
    return f"{a}-{b}:{c}.{d}.{e}*{f}"


__all__ = ["obis_to_bytes", "obis_to_iec", "obis_to_str"]
