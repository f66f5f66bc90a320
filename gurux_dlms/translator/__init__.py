"""The Gurux-compatible XML translator: PDUs and frames to "Messages" XML and back."""

from __future__ import annotations

from .enums import TranslatorOutputType
from .message import GXDLMSTranslatorMessage
from .translator import GXDLMSTranslator

__all__ = ["GXDLMSTranslator", "GXDLMSTranslatorMessage", "TranslatorOutputType"]
