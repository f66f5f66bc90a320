"""``GXDLMSTranslatorMessage``: a frame to translate and what the translator found in it."""

from __future__ import annotations

from typing import Any


class GXDLMSTranslatorMessage:
    """Input and output of :meth:`GXDLMSTranslator.messageToXml` (Gurux API).

    Set ``message`` (the frame bytes); ``messageToXml`` fills ``xml``, ``interfaceType``
    (0 HDLC, 1 WRAPPER, 2 PDU), ``targetAddress``, ``sourceAddress`` and ``moreData``
    (2 while a segmented PDU is incomplete).
    """

    def __init__(self, message: Any = None) -> None:
        self.message = message
        self.xml = ""
        self.interfaceType = 0
        self.targetAddress = 0
        self.sourceAddress = 0
        self.moreData = 0
        self.command = 0
        self.systemTitle: bytes | None = None

    def __repr__(self) -> str:
        return (f"GXDLMSTranslatorMessage(interfaceType={self.interfaceType}, targetAddress={self.targetAddress}, "
                f"sourceAddress={self.sourceAddress}, moreData={self.moreData})")


__all__ = ["GXDLMSTranslatorMessage"]
