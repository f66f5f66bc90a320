"""Gurux "Messages" files read message by message: what to send, what to expect, what to do between.

A Messages file is a root element (``<Messages>``; the name does not matter) whose
children are, in order, PDUs in the translator's XML (simple or standard), whole
``<HDLC>``/``<WRAPPER>`` frames as the translator shows them, link commands
(``<Snrm>``, ``<DisconnectRequest>``, ``<Ua>``) and directions for the tool that runs the
file: ``<Sleep Value="ms">``, ``<Description>``, ``<Error>``, ``<ErrorUrl>``.

:func:`read_messages` turns each child into a :class:`Message` that knows its line, its
kind (a request to send, a reply to expect, a link command, a direction) and, for PDUs,
its bytes.  Numbers are read in decimal first, as Gurux's XmlClient writes its files
(zero-padded values like ``"0008"`` included); an element that does not make sense in
decimal is read in hex, so PDUs pasted from the translator's default (hex) output work
too.  A frame contributes its PDU alone: the session that sends it owns the framing.

An expected reply may hold wildcards (an attribute value ``*``, an ``<Any />`` element) for
what cannot be known in advance; such a reply has no bytes, only its element, and is
compared element by element by the tool that runs the file.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from ..apdu.ciphered_services import SERVICE_CLASSES
from ..apdu.protection import is_client_to_server
from ..errors import DLMSError
from ..framing.hdlc_frame import decode_frame
from ..framing.hdlc_params import DEFAULT_PARAMETERS, HdlcParameters, decode_hdlc_parameters
from .data_build import Context
from .document import build_pdu, parse_document, unwrap
from .frames_xml import build_frame
from .reader import Document, Node
from .registry import BUILDERS


class MessageKind(Enum):
    """What a message of a Messages file is for."""

    REQUEST = "request"  # a PDU the client sends
    REPLY = "reply"  # a PDU the meter sends: the expected reply of the request before it
    AMBIGUOUS = "ambiguous"  # general-glo/ded-ciphering/-signing: a request unless it follows one
    LINK = "link"  # Snrm, DisconnectRequest, Ua ... (HDLC commands, no PDU)
    DIRECTION = "direction"  # Sleep, Description, Error, ErrorUrl


#: Elements that are directions for the tool, not messages.
DIRECTIONS = frozenset({"Sleep", "Description", "Error", "ErrorUrl"})
#: HDLC commands a Messages file may hold as elements of their own.
LINK_ELEMENTS = frozenset({"Snrm", "Ua", "DisconnectRequest", "DisconnectMode", "UnacceptableFrame"})
_FRAME_FIELDS = frozenset({"TargetAddress", "SourceAddress", "FrameType", "DestinationAddress"})
_GENERAL_ENVELOPES = frozenset({0xDB, 0xDC, 0xDD, 0xDF})
#: The wildcard value and element of expected replies.
WILDCARD = "*"
ANY = "Any"


def has_wildcards(node: Node) -> bool:
    """True when ``node`` (or anything in it) is or holds a wildcard."""
    if node.name == ANY or WILDCARD in node.attrs.values() or node.text.strip() == WILDCARD:
        return True
    return any(has_wildcards(child) for child in node.children)


@dataclass(slots=True)
class Message:
    """One child of a Messages file."""

    name: str  # the SIMPLE_XML element name of the PDU (or command, or direction): GetRequest, Snrm, Sleep ...
    kind: MessageKind
    line: int
    node: Node  # the element as the file has it (an <HDLC> frame, say)
    pdu: Node  # the PDU element itself (inside the frame's <PDU>)
    data: bytes = b""  # the APDU of a PDU message; the whole frame of a link message
    text: str = ""  # the value of a direction

    @property
    def framed(self) -> bool:
        """True when the file gives the message as a whole <HDLC>/<WRAPPER> frame."""
        return self.pdu is not self.node

    @property
    def hdlc_parameters(self) -> HdlcParameters:
        """The HDLC parameters an ``<Snrm>`` proposes (the defaults for what it leaves out)."""
        if self.name != "Snrm" or not self.data:
            return DEFAULT_PARAMETERS
        frame, _ = decode_frame(self.data)
        return decode_hdlc_parameters(frame.info) if frame.info else DEFAULT_PARAMETERS

    @property
    def milliseconds(self) -> int:
        """The wait of a ``<Sleep>`` in milliseconds."""
        try:
            value = int(self.text or "0", 10)
        except ValueError:
            raise self.node.error("Sleep", expected="milliseconds (a decimal number)", found=repr(self.text)) from None
        if value < 0:
            raise self.node.error("Sleep", expected="0 or more milliseconds", found=value)
        return value


def kind_of(apdu: bytes) -> MessageKind:
    """Whether an APDU is sent by a client (a request) or by a meter (a reply or a push)."""
    tag = apdu[0] if apdu else 0
    if tag in _GENERAL_ENVELOPES:
        return MessageKind.AMBIGUOUS
    service = SERVICE_CLASSES.get(tag)
    if service is not None:
        tag = service.PLAIN_TAG
    return MessageKind.REQUEST if is_client_to_server(tag) else MessageKind.REPLY


def pdu_element(node: Node) -> Node:
    """The PDU (or link command) element of a message: inside a frame's ``<PDU>`` when framed."""
    node = unwrap(node)
    if node.name not in ("HDLC", "WRAPPER"):
        return node
    inner = [child for child in node.children if child.name not in _FRAME_FIELDS]
    if len(inner) == 1 and inner[0].name == "PDU":
        if len(inner[0].children) != 1:
            raise inner[0].error("<PDU> contents", expected="one PDU element", found=f"{len(inner[0].children)} elements")
        return unwrap(inner[0].children[0])
    if len(inner) == 1 and inner[0].name in LINK_ELEMENTS:
        return inner[0]
    raise node.error(f"<{node.raw_name}> frame", expected="a <PDU> or an HDLC command (Snrm, DisconnectRequest, Ua)",
                     found=", ".join(f"<{child.raw_name}>" for child in inner) or "nothing")


def element_bytes(node: Node, doc: Document, settings: object = None,
                  addresses: tuple[int, int] = (16, 1)) -> bytes:
    """The bytes an element describes: decimal numbers first (Gurux's files), hex when that fails."""
    readings = (False,) if doc.standard else (False, True)
    first: Exception | None = None
    for hex_numbers in readings:
        try:
            ctx = Context(hex_numbers, settings, addresses)
            if node.name in ("HDLC", "WRAPPER"):
                return build_frame(node, ctx)
            return build_pdu(node, ctx).encode()
        except (DLMSError, ValueError) as exc:
            if first is None:
                first = exc
    assert first is not None
    raise first


def read_message(node: Node, doc: Document, settings: object = None,
                 addresses: tuple[int, int] = (16, 1)) -> Message:
    """One child of a Messages file as a :class:`Message` (DecodeError naming its line when malformed)."""
    if node.name in DIRECTIONS:
        text = node.attrs.get("Value", node.text.strip())
        return Message(node.name, MessageKind.DIRECTION, node.line, node, node, text=text)
    element = pdu_element(node)
    if element.name not in BUILDERS:
        raise element.error("message", expected="a PDU (GetRequest, SetRequest ...), a frame, Snrm, "
                            "DisconnectRequest, Sleep or Description", found=f"<{element.raw_name}>")
    if has_wildcards(element):
        return Message(element.name, MessageKind.REPLY, node.line, node, element)
    data = element_bytes(element, doc, settings, addresses)
    kind = MessageKind.LINK if element.name in LINK_ELEMENTS else kind_of(data)
    return Message(element.name, kind, node.line, node, element, data)


def read_messages(xml: str | bytes, settings: object = None, addresses: tuple[int, int] = (16, 1)) -> list[Message]:
    """Every message of a Messages document, in order (DecodeError naming the line of the first bad one).

    A document whose root is itself a PDU or a frame is a file of one message.
    """
    doc = parse_document(xml if isinstance(xml, str) else bytes(xml).decode("utf-8-sig"))
    root = doc.root
    assert root is not None
    unwrapped = unwrap(root)
    if unwrapped is not root or root.name in BUILDERS or root.name in ("HDLC", "WRAPPER") or root.name in DIRECTIONS:
        elements = [root]
    else:
        elements = root.children
    return [read_message(node, doc, settings, addresses) for node in elements]


__all__ = ["ANY", "DIRECTIONS", "LINK_ELEMENTS", "WILDCARD", "has_wildcards", "Message", "MessageKind", "element_bytes", "kind_of", "pdu_element",
           "read_message", "read_messages"]
