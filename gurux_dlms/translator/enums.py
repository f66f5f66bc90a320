"""Enumerations of the translator (Gurux names and values)."""

from __future__ import annotations

from enum import IntEnum


class TranslatorOutputType(IntEnum):
    """The two XML dialects: Gurux's own (``SIMPLE_XML``) and the DLMS UA COSEMpdu schema."""

    SIMPLE_XML = 0
    STANDARD_XML = 1


__all__ = ["TranslatorOutputType"]
