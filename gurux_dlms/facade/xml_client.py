"""``GXDLMSXmlClient``: a secure client that also reads Gurux "Messages" files.

A Messages file lists the PDUs (or HDLC/WRAPPER frames) a test sends and the replies it
expects, as the translator writes them.  :meth:`GXDLMSXmlClient.load` turns each message into
a :class:`GXDLMSXmlPdu` (its bytes, its XML and its command); ``<Description>``, ``<Error>``,
``<ErrorUrl>`` and ``<Sleep>`` become attributes of the PDU that follows them, and an
``<Snrm>`` sets the client's HDLC parameters, as in Gurux.  Numbers are read in decimal
(Gurux's XmlClient files), in hex when an element makes no sense in decimal.  The
translator is imported only when a file is loaded or a PDU shown.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..apdu.protection import is_client_to_server
from ..framing.hdlc_frame import FrameKind, decode_frame
from ..framing.wrapper import HEADER_SIZE
from .secure import GXDLMSSecureClient
from .values import GXXmlLoadSettings


class GXDLMSXmlPdu:
    """One message of a Messages file."""

    def __init__(self, command: int, xml: str, data: bytes) -> None:
        self.command = command
        self.xml = xml
        self.data = data
        #: What the file says about this message: its ``<Description>``, the ``<Error>`` text
        #: (and ``<ErrorUrl>``) to show when it fails, the ``<Sleep>`` (ms) to wait before it.
        self.description: str | None = None
        self.error: str | None = None
        self.errorUrl: str | None = None
        self.sleep = 0

    def isRequest(self) -> bool:
        """True for what a client sends (a request, SNRM, DISC), False for replies and notifications."""
        return self.command in _LINK_REQUESTS or is_client_to_server(self.command)

    def __repr__(self) -> str:
        return f"GXDLMSXmlPdu(command=0x{self.command:02X}, {len(self.data)} bytes)"


#: HDLC commands (control byte without P/F) a client sends: SNRM and DISC.
_LINK_REQUESTS = frozenset({0x93, 0x53})


def command_of(message: bytes) -> int:
    """The command of a message: the APDU tag, or the control byte (P/F set, as Gurux names them) of a frame without one."""
    if message[:1] == b"\x7e":
        frame, _ = decode_frame(message)
        info = frame.info if frame.kind in (FrameKind.I, FrameKind.UI) else b""
        apdu = info[3:] if info[:2] in (b"\xe6\xe6", b"\xe6\xe7") else info
        return apdu[0] if apdu else frame.control | 0x10
    if message[:2] == b"\x00\x01" and len(message) > HEADER_SIZE:
        return message[HEADER_SIZE]
    return message[0] if message else 0


class GXDLMSXmlClient(GXDLMSSecureClient):
    """A GXDLMSSecureClient whose requests can come from Messages files (Gurux's XmlClient uses it)."""

    def __init__(self, type_: Any = 0) -> None:
        super().__init__()
        self.outputType = type_
        self._translator: Any = None

    @property
    def xmlTranslator(self) -> Any:
        """The translator that reads and shows messages (SIMPLE_XML or STANDARD_XML as ``type_`` said)."""
        if self._translator is None:
            from ..translator import GXDLMSTranslator

            self._translator = GXDLMSTranslator(self.outputType)
        return self._translator

    def load(self, fileName: str | Path, loadSettings: GXXmlLoadSettings | None = None) -> list[GXDLMSXmlPdu]:
        """The messages of a Messages file, in order (``loadSettings`` is accepted as Gurux takes it)."""
        return self.loadXml(Path(fileName).read_text(encoding="utf-8-sig"), loadSettings)

    def loadXml(self, xml: str, loadSettings: GXXmlLoadSettings | None = None) -> list[GXDLMSXmlPdu]:
        """The messages of a Messages document given as text."""
        from ..translator.messages_file import MessageKind, element_bytes, read_messages

        translator = self.xmlTranslator
        addresses = (int(self.clientAddress), int(self.serverAddress))
        pdus: list[GXDLMSXmlPdu] = []
        notes: dict[str, str] = {}
        for message in read_messages(xml, self, addresses):
            if message.kind is MessageKind.DIRECTION:
                notes[message.name] = message.text
                continue
            if not message.data:  # an expected reply with wildcards: only a test runner compares it
                continue
            data = element_bytes(message.node, message.node.doc, self, addresses) if message.framed else message.data
            if message.name == "Snrm":
                parameters = message.hdlc_parameters
                hdlc = self.hdlcSettings
                hdlc.maxInfoTX, hdlc.maxInfoRX = parameters.max_info_tx, parameters.max_info_rx
                hdlc.windowSizeTX, hdlc.windowSizeRX = parameters.window_tx, parameters.window_rx
            pdu = GXDLMSXmlPdu(command_of(data), translator.messageToXml(data), data)
            pdu.description, pdu.error, pdu.errorUrl = notes.get("Description"), notes.get("Error"), notes.get("ErrorUrl")
            pdu.sleep = int(notes["Sleep"]) if notes.get("Sleep", "").isdigit() else 0
            notes = {}
            pdus.append(pdu)
        return pdus

    def pduToXml(self, pdu: Any) -> str:
        """The XML of a PDU (bytes, hex text or GXByteBuffer)."""
        return str(self.xmlTranslator.pduToXml(pdu))


__all__ = ["GXDLMSXmlClient", "GXDLMSXmlPdu", "command_of"]
