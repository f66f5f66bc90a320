"""HDLC and WRAPPER frames in XML, and frames built back from it.

Gurux wraps the PDU of a frame in ``<HDLC len="..." >`` / ``<WRAPPER len="..." >`` with
the addresses and (HDLC) the control byte:

* ``len`` is hex in SIMPLE_XML and decimal in STANDARD_XML.  For an HDLC frame with an
  information field it is the frame-format length minus one, without one the whole frame
  size; for WRAPPER it is the whole frame size.
* HDLC addresses are the combined values (``logical << 7 | physical`` ...), hex in
  SIMPLE_XML; a multi-byte destination gets a ``Logical address: ..`` comment.  WRAPPER's
  labels are Gurux's: ``TargetAddress`` is the first wPort of the header.
* SNRM/UA show their parameters (decimal), DISC/DM/FRMR an empty element, RR/RNR
  ``<Command Value="NextFrame" />``, a segment of a longer PDU ``<NextFrame Value=..>``
  (without the LLC header), a complete PDU its XML inside ``<PDU>``.

Gurux's STANDARD_XML frames are not well-formed (unbound ``x:`` prefixes, a second XML
declaration inside ``<PDU>``); here the frame element declares the namespace when it
contains prefixed elements and the PDU is written without declaration or wrapper.
"""

from __future__ import annotations

from typing import Any

from ..apdu.base import decode_apdu
from ..errors import DecodeError, FrameError
from ..framing.hdlc_address import address_size, split_server_address
from ..framing.hdlc_frame import LLC_REQUEST, LLC_RESPONSE, FrameKind, HdlcFrame, encode_frame, parse_frame
from ..framing.hdlc_params import hdlc_parameter_items
from ..framing.wrapper import WrapperFrame, encode_wrapper, parse_wrapper
from .data_build import Context, parse_hex
from .document import NAMESPACE
from .reader import Node
from .registry import build_apdu, builds, write_apdu
from .writer import XmlWriter

_PARAMETER_NAMES = {0x05: "MaxInfoTX", 0x06: "MaxInfoRX", 0x07: "WindowSizeTX", 0x08: "WindowSizeRX"}
_PARAMETER_IDS = {name: pid for pid, name in _PARAMETER_NAMES.items()}
_EMPTY_FRAMES = {FrameKind.DISC: "DisconnectRequest", FrameKind.DM: "DisconnectMode",
                 FrameKind.FRMR: "UnacceptableFrame"}
_FRAME_COMMENTS = {0x93: "SNRM frame.", 0x73: "UA frame.", 0x10: "AARQ frame.", 0x30: "AARE frame."}

#: first bytes of the APDUs a client sends (their LLC header is E6 E6 00; others E6 E7 00)
REQUEST_TAGS = frozenset({
    0x01, 0x05, 0x06, 0x16, 0x21, 0x25, 0x26, 0x36, 0x41, 0x45, 0x46, 0x56, 0x60, 0x62,
    0xC0, 0xC1, 0xC3, 0xC8, 0xC9, 0xCB, 0xD0, 0xD1, 0xD3, 0xD9,
})


def llc_for(apdu: bytes) -> bytes:
    """The LLC header Gurux puts in front of ``apdu`` in an I-frame (by its direction)."""
    return LLC_REQUEST if apdu and apdu[0] in REQUEST_TAGS else LLC_RESPONSE


def strip_llc(info: bytes) -> tuple[bytes, bytes]:
    """``(llc, rest)``: the LLC header (empty when there is none) and what follows it."""
    if info[:3] in (LLC_REQUEST, LLC_RESPONSE):
        return info[:3], info[3:]
    return b"", info


class FrameState:
    """What a translator remembers between frames: the segments of a PDU not yet complete."""

    __slots__ = ("segments",)

    def __init__(self) -> None:
        self.segments = bytearray()

    def clear(self) -> None:
        self.segments = bytearray()


def _open(w: XmlWriter, name: str, size: int) -> int:
    """Open the frame element; return the index of its line (the namespace may be added later)."""
    w.raw(f'<{name} len="{size if w.standard else format(size, "X")}" >')
    return len(w.lines) - 1


def _close(w: XmlWriter, name: str, open_at: int) -> None:
    if w.standard and any("<x:" in line for line in w.lines[open_at + 1:]):
        head = w.lines[open_at]
        w.lines[open_at] = f'{head[:-2]} xmlns:x="{NAMESPACE}" >'
    w.raw(f"</{name}>")


def _address(w: XmlWriter, key: str, value: int) -> None:
    w.raw(f'<{key} Value="{value if w.standard else format(value, "X")}" />')


def write_pdu_body(w: XmlWriter, apdu_bytes: bytes, translator: Any) -> None:
    """The APDU of a frame: its XML, or (a fragment that is not an APDU) its bytes as ``<Data>``."""
    try:
        apdu = decode_apdu(apdu_bytes)
    except DecodeError as exc:
        w.comment(f"Not a complete APDU: {exc}")
        w.line(f'<Data Value="{apdu_bytes.hex().upper()}" />')
        return
    w.source = apdu_bytes
    write_apdu(w, apdu)


def write_hdlc(w: XmlWriter, frame: HdlcFrame, raw_size: int, state: FrameState, translator: Any) -> None:
    """Render one decoded HDLC frame (``raw_size``: its size on the wire, flags included)."""
    size = raw_size - 3 if frame.info else raw_size
    open_at = _open(w, "HDLC", size)
    if w.comments and frame.dest_size > 1:
        logical, physical = split_server_address(frame.dest, frame.dest_size)
        if logical:
            w.comment(f"Logical address:{logical}, Physical address:{physical}")
    _address(w, "TargetAddress", frame.dest)
    _address(w, "SourceAddress", frame.src)
    control = frame.control
    if w.comments:
        w.comment(_FRAME_COMMENTS.get(control) or ("S frame." if control & 1 else "I frame."))
    w.raw(f'<FrameType Value="{control:02X}" />')
    kind = frame.kind
    if kind in (FrameKind.SNRM, FrameKind.UA):
        _write_parameters(w, "Snrm" if kind == FrameKind.SNRM else "Ua", frame.info)
    elif kind in _EMPTY_FRAMES:
        w.line(f"<{w.name(_EMPTY_FRAMES[kind])}>")
        w.line(f"</{w.name(_EMPTY_FRAMES[kind])}>")
    elif kind in (FrameKind.RR, FrameKind.RNR, FrameKind.REJ, FrameKind.SREJ) or not frame.info:
        w.raw('<Command Value="NextFrame" />')
    elif frame.segmented:
        llc, rest = strip_llc(frame.info)
        if llc or not state.segments:
            state.segments = bytearray(rest)
        else:
            state.segments += rest
        w.raw(f'<NextFrame Value="{rest.hex().upper()}" />')
    else:
        llc, rest = strip_llc(frame.info)
        if state.segments and not llc and getattr(translator, "completePdu", False):
            rest = bytes(state.segments) + rest
        state.segments = bytearray()
        w.raw("<PDU>")
        write_pdu_body(w, rest, translator)
        w.raw("</PDU>")
    _close(w, "HDLC", open_at)


def _write_parameters(w: XmlWriter, key: str, info: bytes) -> None:
    items = hdlc_parameter_items(info)
    name = w.name(key)
    if not items:
        w.line(f"<{name}>")
        w.line(f"</{name}>")
        return
    w.raw("<PDU>")
    w.raw(f"<{name}>")
    for pid, size, value in items:
        label = _PARAMETER_NAMES.get(pid)
        if label is None:
            w.raw(f'  <Parameter Id="{pid:02X}" Size="{size}" Value="{value}" />')
        else:
            w.raw(f'  <{label} Value="{value}" />')
    w.raw(f"</{name}></PDU>")


def write_wrapper(w: XmlWriter, frame: WrapperFrame, raw_size: int, translator: Any) -> None:
    open_at = _open(w, "WRAPPER", raw_size)
    _address(w, "TargetAddress", frame.source)
    _address(w, "SourceAddress", frame.destination)
    w.raw("<PDU>")
    write_pdu_body(w, frame.apdu, translator)
    w.raw("</PDU>")
    _close(w, "WRAPPER", open_at)


def decode_frame_bytes(data: bytes) -> tuple[str, Any]:
    """``("HDLC", HdlcFrame)`` or ``("WRAPPER", WrapperFrame)`` of one whole frame."""
    if data[:1] == b"\x7e":
        return "HDLC", parse_frame(data)
    if data[:2] == b"\x00\x01":
        return "WRAPPER", parse_wrapper(data)
    raise FrameError("DLMS framing", where=0, expected="an HDLC (7E) or WRAPPER (00 01) frame",
                     found=data[:2].hex(" ").upper() or "no data")


# --- building frames back --------------------------------------------------------------------
def _frame_number(node: Node, name: str, ctx: Context, base: int) -> int:
    child = node.need(name)
    try:
        return int(child.value, base)
    except ValueError:
        raise child.error(f"<{name}> value", expected="a hex number" if base == 16 else "a decimal number",
                          found=repr(child.value)) from None


def build_frame(node: Node, ctx: Context) -> bytes:
    """The bytes of the frame a ``<HDLC>`` or ``<WRAPPER>`` element describes."""
    base = 16 if ctx.hex else 10
    target = _frame_number(node, "TargetAddress", ctx, base)
    source = _frame_number(node, "SourceAddress", ctx, base)
    if node.name == "WRAPPER":
        return encode_wrapper(target, source, _pdu_bytes(node.need("PDU"), ctx))
    control = _frame_number(node, "FrameType", ctx, 16)
    info = b""
    segmented = False
    pdu = node.child("PDU")
    next_frame = node.child("NextFrame")
    parameters = node.child("Snrm") or node.child("Ua")
    if pdu is not None:
        inner = pdu.child("Snrm") or pdu.child("Ua")
        fragment = pdu.child("Data")
        if inner is not None:
            info = _parameters_bytes(inner)
        elif fragment is not None and "Value" in fragment.attrs:
            info = parse_hex(fragment, fragment.value)  # the rest of a segmented PDU: no LLC header
        else:
            apdu = _pdu_bytes(pdu, ctx)
            info = llc_for(apdu) + apdu
    elif next_frame is not None:
        info = parse_hex(next_frame, next_frame.value)
        segmented = True
    elif parameters is not None:
        info = _parameters_bytes(parameters)
    try:
        return encode_frame(target, source, control, info, dest_size=address_size(target),
                            segmented=segmented)
    except Exception as exc:
        raise node.error("HDLC frame", expected="encodable addresses and contents", found=str(exc)) from None


def _parameters_bytes(node: Node) -> bytes:
    window_size = 4 if node.name == "Snrm" else 1
    items = bytearray()
    for child in node.children:
        pid = _PARAMETER_IDS.get(child.name)
        if pid is None and child.name == "Parameter":
            pid = int(child.attrs.get("Id", "0"), 16)
        if pid is None:
            raise child.error("HDLC parameter", expected="MaxInfoTX, MaxInfoRX, WindowSizeTX or WindowSizeRX",
                              found=f"<{child.raw_name}>")
        try:
            value = int(child.value, 10)
        except ValueError:
            raise child.error("HDLC parameter value", expected="a decimal number", found=repr(child.value)) from None
        if "Size" in child.attrs:
            size = int(child.attrs["Size"])
        elif pid in (0x07, 0x08):
            size = window_size
        else:
            size = 1 if value < 0x100 else 2
        items += bytes((pid, size)) + value.to_bytes(size, "big")
    return bytes((0x81, 0x80, len(items))) + bytes(items) if items else b""


class FrameBytes:
    """A whole frame built from a frame-only element (``<DisconnectRequest>``, ``<Snrm>`` ...)."""

    __slots__ = ("data",)

    def __init__(self, data: bytes) -> None:
        self.data = data

    def encode(self) -> bytes:
        return self.data


#: control byte and direction (True: client to server) of the elements that are frames
_FRAME_ELEMENTS = {"Snrm": (0x93, True), "DisconnectRequest": (0x53, True), "Ua": (0x73, False),
                   "DisconnectMode": (0x1F, False), "UnacceptableFrame": (0x97, False)}


@builds(*_FRAME_ELEMENTS)
def _build_frame_element(node: Node, ctx: Context) -> Any:
    """Gurux's XmlClient sends ``<DisconnectRequest>`` (and SNRM/UA) as whole HDLC frames."""
    control, from_client = _FRAME_ELEMENTS[node.name]
    client, server = ctx.addresses
    info = _parameters_bytes(node) if node.name in ("Snrm", "Ua") else b""
    dest, src = (server, client) if from_client else (client, server)
    return FrameBytes(encode_frame(dest, src, control, info))


def _pdu_bytes(node: Node, ctx: Context) -> bytes:
    if len(node.children) != 1:
        raise node.error("<PDU> contents", expected="one PDU element", found=f"{len(node.children)} elements")
    child = node.children[0]
    if child.name == "Data" and "Value" in child.attrs and not child.children:
        return parse_hex(child, child.value)
    from .document import unwrap

    return build_apdu(unwrap(child), ctx).encode()


__all__ = ["FrameState", "REQUEST_TAGS", "build_frame", "decode_frame_bytes", "llc_for", "strip_llc",
           "write_hdlc", "write_wrapper"]
