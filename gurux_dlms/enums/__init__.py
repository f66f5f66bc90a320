"""Gurux's ``gurux_dlms.enums`` import path: the enumerations of the public API, re-exported."""

from __future__ import annotations

from ..translator.enums import TranslatorOutputType

__all__ = ["TranslatorOutputType"]
