"""``GXDLMSTranslator``: DLMS PDUs and frames to Gurux "Messages" XML and back.

The Gurux-compatible facade (camelCase names, attribute options) over the translator
engine: :mod:`.frames_xml` for HDLC/WRAPPER, the service-family renderers and builders
registered in :mod:`.registry`, and :mod:`.data_xml` for values.  Bytes are decoded by
the one APDU decoder of the library (:func:`gurux_dlms.apdu.decode_apdu`) and XML is
turned back into APDU objects whose ``encode()`` gives the bytes.

Malformed input raises instead of producing partial XML: bytes that are not an APDU raise
:class:`~gurux_dlms.errors.DecodeError`, a damaged frame
:class:`~gurux_dlms.errors.FrameError`, each saying at which byte; malformed XML raises
DecodeError naming the line and the element.  (A well-formed frame whose payload is only
a fragment of a segmented APDU is shown as ``<Data Value=..>``.)
"""

from __future__ import annotations

from typing import Any

from ..apdu.base import decode_apdu
from ..data.byte_buffer import GXByteBuffer
from ..data.codec import decode_value
from ..errors import DecodeError, DLMSError, FrameError
from ..framing.hdlc_frame import decode_frame
from ..framing.wrapper import decode_wrapper
from ..session.enums import InterfaceType
from . import services  # noqa: F401 - registers the renderers and builders
from .data_build import Context, read_data
from .data_xml import write_data
from .document import context_for, parse_document, parse_fragment, render_pdu, unwrap
from .enums import TranslatorOutputType
from .frames_xml import FrameState, build_frame, decode_frame_bytes, strip_llc, write_hdlc, write_wrapper
from .inputs import to_bytes
from .message import GXDLMSTranslatorMessage
from .reader import parse
from .registry import BUILDERS, RENDERERS, build_apdu, write_apdu
from .writer import XmlWriter

DEFAULT_SYSTEM_TITLE = b"ABCDEFGH"
DEFAULT_BLOCK_CIPHER_KEY = bytes(range(16))
DEFAULT_AUTHENTICATION_KEY = bytes(range(0xD0, 0xE0))


class GXDLMSTranslator:
    """Translate PDUs and frames to XML and back (Gurux API).

    Options are plain attributes, as in Gurux: ``outputType``, ``hex``, ``showStringAsHex``,
    ``comments``, ``pduOnly``, ``completePdu``, ``omitXmlDeclaration``, ``omitXmlNameSpace``,
    and the keys used to show ciphered PDUs: ``security``, ``systemTitle``,
    ``serverSystemTitle``, ``blockCipherKey``, ``authenticationKey``, ``dedicatedKey``,
    ``invocationCounter``, ``securitySuite``.
    """

    def __init__(self, type_: TranslatorOutputType | int = TranslatorOutputType.SIMPLE_XML) -> None:
        self.outputType = TranslatorOutputType(type_)
        self.hex = True
        self.showStringAsHex = False
        self.comments = False
        self.pduOnly = False
        self.completePdu = False
        self.omitXmlDeclaration = False
        self.omitXmlNameSpace = False
        self.multipleFrames = False
        self.security = 0
        self.systemTitle: bytes | None = DEFAULT_SYSTEM_TITLE
        self.serverSystemTitle: bytes | None = None
        self.blockCipherKey: bytes | None = DEFAULT_BLOCK_CIPHER_KEY
        self.authenticationKey: bytes | None = DEFAULT_AUTHENTICATION_KEY
        self.dedicatedKey: bytes | None = None
        self.invocationCounter = 0
        self.securitySuite = 0
        self.standard = 0
        self._frames = FrameState()

    def _writer(self, source: bytes = b"") -> XmlWriter:
        return XmlWriter(self.outputType == TranslatorOutputType.STANDARD_XML, self.hex, self.comments,
                         self.showStringAsHex, 0, self, source)

    # --- PDUs ----------------------------------------------------------------------------
    def pduToXml(self, pdu: Any, omitDeclaration: bool | None = None, omitNameSpace: bool | None = None) -> str:
        """The XML of one APDU given as bytes, bytearray, ``GXByteBuffer`` or hex text.

        ``omitDeclaration`` / ``omitNameSpace`` override ``omitXmlDeclaration`` /
        ``omitXmlNameSpace`` for this call (STANDARD_XML only).
        """
        data = pdu if pdu.__class__ is bytes else to_bytes(pdu)
        apdu = decode_apdu(data)
        w = self._writer(data)
        try:
            if w.standard:
                declaration = not (self.omitXmlDeclaration if omitDeclaration is None else omitDeclaration)
                namespace = not (self.omitXmlNameSpace if omitNameSpace is None else omitNameSpace)
                render_pdu(w, apdu, declaration=declaration, namespace=namespace)
            else:
                render = RENDERERS.get(apdu.__class__)  # write_apdu, without the call
                if render is None:
                    write_apdu(w, apdu)  # raises, naming the class
                else:
                    render(w, apdu)
        except RecursionError:
            raise DecodeError("APDU", where=0, expected="nesting the translator can follow",
                              found="data nested too deeply") from None
        return w.text()

    # --- frames --------------------------------------------------------------------------
    def messageToXml(self, msg: Any) -> str:
        """The XML of one HDLC or WRAPPER frame (or, given a bare APDU, of the APDU).

        ``msg`` may be bytes, hex text, a ``GXByteBuffer`` or a ``GXDLMSTranslatorMessage``
        (whose ``xml``, addresses and ``moreData`` are filled in).  With ``pduOnly`` only the
        PDU's XML is returned.  With ``completePdu`` the segments of a long PDU are collected
        and the frame that completes it shows the whole PDU.
        """
        message = msg if isinstance(msg, GXDLMSTranslatorMessage) else None
        data = to_bytes(message.message if message is not None else msg)
        if data[:1] != b"\x7e" and data[:2] != b"\x00\x01":
            text = self.pduToXml(data)
            if message is not None:
                message.xml = text
                message.interfaceType = InterfaceType.PDU
            return text
        name, frame = decode_frame_bytes(data)
        if self.pduOnly:
            text = self._pdu_only(name, frame)
        else:
            w = self._writer()
            if name == "HDLC":
                write_hdlc(w, frame, len(data), self._frames, self)
            else:
                write_wrapper(w, frame, len(data), self)
            text = w.text()
        if message is not None:
            self._describe(message, name, frame, text)
        return text

    def _describe(self, message: GXDLMSTranslatorMessage, name: str, frame: Any, text: str) -> None:
        message.xml = text
        if name == "HDLC":
            message.interfaceType = InterfaceType.HDLC
            message.targetAddress, message.sourceAddress = frame.dest, frame.src
            message.moreData = 2 if frame.segmented else 0
            message.command = frame.control
        else:
            message.interfaceType = InterfaceType.WRAPPER
            message.targetAddress, message.sourceAddress = frame.destination, frame.source
            message.moreData = 0
            message.command = frame.apdu[0] if frame.apdu else 0

    def _pdu_only(self, name: str, frame: Any) -> str:
        """``pduOnly``: the XML of the frame's APDU alone ("" for frames without one)."""
        if name == "WRAPPER":
            return self.pduToXml(frame.apdu)
        kind = frame.kind.name
        if not frame.info or kind not in ("I", "UI"):
            return ""
        _, rest = strip_llc(frame.info)
        if frame.segmented:
            self._frames.segments += rest
            return ""
        if self._frames.segments and self.completePdu:
            rest = bytes(self._frames.segments) + rest
        self._frames.clear()
        return self.pduToXml(rest)

    def findNextFrame(self, data: Any, pdu: Any = None, type_: Any = None) -> bool:
        """Find the next whole HDLC or WRAPPER frame in ``data`` from its position.

        ``data`` is a ``GXByteBuffer`` (its position moves to the frame's first byte) or
        bytes.  When ``pdu`` is a ``GXByteBuffer`` the frame's bytes are appended to it.
        ``type_`` (an ``InterfaceType``) limits the search to one framing.  Returns False
        when no complete, valid frame follows.
        """
        buffer = data if isinstance(data, GXByteBuffer) else GXByteBuffer(to_bytes(data))
        raw = bytes(buffer.getData())
        hdlc = type_ in (None, InterfaceType.HDLC, InterfaceType.HDLC_WITH_MODE_E)
        wrapper = type_ in (None, InterfaceType.WRAPPER)
        for start in range(buffer.position, len(raw)):
            first = raw[start]
            try:
                if first == 0x7E and hdlc:
                    _, end = decode_frame(raw, start)
                elif first == 0 and wrapper and raw[start + 1:start + 2] == b"\x01":
                    _, end = decode_wrapper(raw, start)
                else:
                    continue
            except FrameError:
                continue
            buffer.position = start
            if isinstance(pdu, GXByteBuffer):
                pdu.set(raw[start:end])
            return True
        return False

    @staticmethod
    def getDlmsFraming(data: Any) -> InterfaceType:
        """The framing of ``data``: HDLC (7E), WRAPPER (00 01), else PDU."""
        raw = to_bytes(data)
        if raw[:1] == b"\x7e":
            return InterfaceType.HDLC
        if raw[:2] == b"\x00\x01":
            return InterfaceType.WRAPPER
        return InterfaceType.PDU

    def clear(self) -> None:
        """Forget the segments of a PDU collected so far."""
        self._frames.clear()
        self.multipleFrames = False

    # --- data ----------------------------------------------------------------------------
    def dataToXml(self, data: Any) -> str:
        """The XML of A-XDR data (one value or several in a row)."""
        raw = to_bytes(data)
        w = self._writer()
        pos = 0
        while pos < len(raw):
            value, pos = decode_value(raw, pos)
            write_data(w, value)
        return w.text()

    def xmlToData(self, xml: str) -> GXByteBuffer:
        """The A-XDR bytes of the data elements of an XML fragment."""
        from ..data.codec import encode_into

        doc = parse_fragment(xml)
        ctx = context_for(doc, self.hex, self)
        out = bytearray()
        assert doc.root is not None
        try:
            for node in doc.root.children:
                encode_into(out, read_data(node, ctx))
        finally:
            doc.release()
        return GXByteBuffer(bytes(out))

    XmlToData = xmlToData

    # --- XML to bytes --------------------------------------------------------------------
    def xmlToPdu(self, xml: str, settings: Any = None) -> GXByteBuffer:
        """The bytes of the PDU (or, for ``<HDLC>``/``<WRAPPER>``, the frame) an XML document describes.

        ``<DisconnectRequest>``, ``<Snrm>`` and ``<Ua>`` alone are HDLC frames between the
        client and server addresses of ``settings`` (Gurux ``clientAddress`` and
        ``serverAddress``; 16 and 1 without settings).
        """
        return GXByteBuffer(self._xml_to_bytes(xml, settings))

    def xmlToHexPdu(self, xml: str, addSpace: bool = False) -> str:
        """``xmlToPdu`` as hex text."""
        data = self._xml_to_bytes(xml)
        return data.hex(" ").upper() if addSpace else data.hex().upper()

    def _xml_to_bytes(self, xml: str, settings: Any = None) -> bytes:
        doc = parse(xml) if xml.__class__ is str else parse_document(xml)
        assert doc.root is not None
        try:
            return self._node_to_bytes(unwrap(doc.root), doc, settings)
        finally:
            doc.release()

    def _node_to_bytes(self, node: Any, doc: Any, settings: Any = None) -> bytes:
        """The bytes of one PDU or frame element of a parsed document.

        Numbers are read as the ``hex`` option says.  Gurux's XmlClient writes its Messages
        files in decimal (``InvokeIdAndPriority Value="193"``) while the translator writes
        hex: when a SIMPLE_XML document does not make sense in hex, it is read in decimal
        before giving up (the error reported is the one of the hex reading).
        """
        # context_for(doc, self.hex, self), without the call
        ctx = Context(self.hex and not (doc.standard or self.outputType == TranslatorOutputType.STANDARD_XML), self)
        if settings is not None:
            ctx.addresses = (int(getattr(settings, "clientAddress", 16)), int(getattr(settings, "serverAddress", 1)))
        try:
            return self._build(node, ctx)
        except (DLMSError, ValueError) as first:
            if not ctx.hex:
                raise
            try:
                return self._build(node, Context(False, self, ctx.addresses))
            except (DLMSError, ValueError):
                raise first from None

    def messages_to_pdus(self, xml: str, settings: Any = None) -> list[bytes]:
        """The bytes of every PDU (or frame) of a ``<Messages>`` document, in order.

        A document that is a single PDU (or frame) gives a list of one.  This is how Gurux
        XmlClient files are read: the root's name does not matter, its children are the
        messages.
        """
        doc = parse_document(xml)
        assert doc.root is not None
        root = doc.root
        if root.name in ("HDLC", "WRAPPER") or root.raw_name.split(":")[-1] in ("xDLMS-APDU", "aCSE-APDU") \
                or root.name in BUILDERS:
            elements = [root]
        else:
            elements = root.children
        try:
            return [self._node_to_bytes(unwrap(element), doc, settings) for element in elements]
        finally:
            doc.release()

    @staticmethod
    def _build(node: Any, ctx: Context) -> bytes:
        """The bytes of an element its caller has unwrapped (so build_apdu, not build_pdu)."""
        if node.name in ("HDLC", "WRAPPER"):
            return build_frame(node, ctx)
        return build_apdu(node, ctx).encode()


__all__ = ["GXDLMSTranslator", "GXDLMSTranslatorMessage", "TranslatorOutputType"]
