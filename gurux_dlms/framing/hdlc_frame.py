"""HDLC frame format type 3 (IEC 62056-46 / ISO/IEC 13239): the frame value object and its codec.

``7E | A0|S<<3 + 11-bit length | dest | src | control | HCS | info | FCS | 7E``

The length counts the bytes between the flags; the HCS is present only when there is an
information field.  :func:`decode_frame` is on the hot receive path (20,000 frames of the
W2 workload in a few milliseconds), so it indexes bytes directly, has a fast path for
1-byte addresses, and checks both checksums with one ``bytes.translate`` and two C-level
CRC calls (see :mod:`.fcs`).
"""

from __future__ import annotations

import enum
import struct
from binascii import crc_hqx
from functools import lru_cache
from typing import Any, NamedTuple

from ..errors import FrameError, LocalProtocolError
from .fcs import BIT_REVERSE, GOOD_RESIDUE, fcs16_bytes
from .hdlc_address import decode_address, encode_address

__all__ = [
    "FLAG",
    "LLC_REQUEST",
    "LLC_RESPONSE",
    "MAX_FRAME_LENGTH",
    "FrameKind",
    "HdlcFrame",
    "HdlcFrameType",
    "IncompleteFrameError",
    "control_byte",
    "decode_frame",
    "encode_frame",
    "frame_kind",
    "parse_frame",
]

FLAG = 0x7E
#: The largest value of the 11-bit frame length field.
MAX_FRAME_LENGTH = 0x7FF
#: LLC header of an APDU sent by the client (destination LSAP E6, source LSAP E6, quality 00).
LLC_REQUEST = b"\xe6\xe6\x00"
#: LLC header of an APDU sent by the server (source LSAP E7 = response).
LLC_RESPONSE = b"\xe6\xe7\x00"

_SEGMENTED = 0x08  # segmentation bit in the first format byte
# flag, format (2 bytes), first address byte of dest and src, control (1-byte addresses).
_HEAD = struct.Struct(">BHBBB").unpack_from
# The CRC is run over the frame *with* its flags, which saves slicing them off: this start
# value turns into 0xFFFF after the opening 7E, and a good frame leaves the residue
# below once the closing 7E has been fed too.
_INIT_WITH_FLAG = next(x for x in range(0x10000) if crc_hqx(b"\x7e", x) == 0xFFFF)
_RESIDUE_WITH_FLAG = crc_hqx(b"\x7e", GOOD_RESIDUE)
_PF = 0x10  # poll/final bit of the control byte
_make_frame = tuple.__new__  # builds a HdlcFrame from a tuple of its fields, without Python code


class IncompleteFrameError(FrameError):
    """The buffer ends before the frame does; ``needed`` more bytes are required at least.

    It is a FrameError for callers holding a complete buffer, and the signal to wait for
    more bytes for callers reading a stream.
    """

    def __init__(self, message: str = "", *, needed: int = 1, **kw: object) -> None:
        self.needed = needed
        super().__init__(message, **kw)


class FrameKind(enum.Enum):
    """The kind of an HDLC frame, read from its control byte."""

    I = "I"  # noqa: E741 - the standard's name
    RR = "RR"
    RNR = "RNR"
    REJ = "REJ"
    SREJ = "SREJ"
    SNRM = "SNRM"
    UA = "UA"
    DISC = "DISC"
    DM = "DM"
    FRMR = "FRMR"
    UI = "UI"
    UNKNOWN = "UNKNOWN"

    @property
    def is_supervisory(self) -> bool:
        """RR, RNR, REJ, SREJ: frames that carry N(R) but no N(S)."""
        return self in _S_KINDS

    @property
    def is_unnumbered(self) -> bool:
        """U frames: no sequence numbers at all."""
        return self not in _S_KINDS and self is not FrameKind.I


_S_KINDS = frozenset({FrameKind.RR, FrameKind.RNR, FrameKind.REJ, FrameKind.SREJ})


class HdlcFrameType(enum.IntEnum):
    """The three HDLC frame formats (Gurux's ``HdlcFrameType``), as control bits 0-1 give them."""

    I = 0  # noqa: E741 - the standard's name: information transfer (bit 0 clear)
    S = 1  # supervisory (bits 0-1 = 01)
    U = 3  # unnumbered (bits 0-1 = 11)

    @classmethod
    def of(cls, control: int) -> HdlcFrameType:
        """The format of a frame with this control byte."""
        return cls.I if not control & 1 else cls(control & 3)

# Supervisory function bits (control bits 2-3) and the unnumbered control bytes without P/F.
_S_BY_BITS = (FrameKind.RR, FrameKind.RNR, FrameKind.REJ, FrameKind.SREJ)
_U_BY_CONTROL = {
    0x83: FrameKind.SNRM,
    0x63: FrameKind.UA,
    0x43: FrameKind.DISC,
    0x0F: FrameKind.DM,
    0x87: FrameKind.FRMR,
    0x03: FrameKind.UI,
}
_S_BASE = {kind: bits << 2 | 0x01 for bits, kind in enumerate(_S_BY_BITS)}
_U_BASE = {kind: control for control, kind in _U_BY_CONTROL.items()}


def _classify(control: int) -> FrameKind:
    if not control & 1:
        return FrameKind.I
    if control & 3 == 1:
        return _S_BY_BITS[(control >> 2) & 3]
    return _U_BY_CONTROL.get(control & ~_PF & 0xFF, FrameKind.UNKNOWN)


#: ``KIND_BY_CONTROL[control]``: a 256-entry table, so classifying costs one index.
KIND_BY_CONTROL: tuple[FrameKind, ...] = tuple(_classify(c) for c in range(256))


def frame_kind(control: int) -> FrameKind:
    """The kind of frame a control byte denotes."""
    return KIND_BY_CONTROL[control & 0xFF]


def control_byte(kind: FrameKind, *, ns: int = 0, nr: int = 0, pf: bool = True) -> int:
    """Build a control byte: I ``N(R)<<5|P<<4|N(S)<<1``, S ``N(R)<<5|P<<4|code``, U ``code|P<<4``."""
    p = _PF if pf else 0
    if kind is FrameKind.I:
        return ((nr & 7) << 5) | p | ((ns & 7) << 1)
    if kind in _S_BASE:
        return ((nr & 7) << 5) | p | _S_BASE[kind]
    if kind in _U_BASE:
        return _U_BASE[kind] | p
    raise LocalProtocolError("HDLC control byte", expected="a known frame kind", found=kind)


class HdlcFrame(NamedTuple):
    """One HDLC frame: addresses as combined values (see :mod:`.hdlc_address`), control, info.

    ``dest_size``/``src_size`` keep the wire size of each address so that re-encoding gives
    the same bytes; ``segmented`` is the segmentation bit of the format field.  A named
    tuple, so the receive path can build it in C (``_make_frame``) and frames are immutable.
    """

    dest: int
    dest_size: int
    src: int
    src_size: int
    control: int
    info: bytes = b""
    segmented: bool = False

    @property
    def kind(self) -> FrameKind:
        """I, RR, RNR, SNRM, UA, DISC, DM, FRMR, UI ... (see :class:`FrameKind`)."""
        return KIND_BY_CONTROL[self.control]

    @property
    def ns(self) -> int:
        """N(S), the send sequence number of an I-frame (0 for other frames)."""
        return (self.control >> 1) & 7 if not self.control & 1 else 0

    @property
    def nr(self) -> int:
        """N(R), the receive sequence number of I and S frames (0 for U frames)."""
        return self.control >> 5 if self.control & 3 != 3 else 0

    @property
    def pf(self) -> bool:
        """The poll/final bit."""
        return bool(self.control & _PF)

    def encode(self) -> bytes:
        """The frame as bytes, flags included."""
        return encode_frame(
            self.dest,
            self.src,
            self.control,
            self.info,
            dest_size=self.dest_size,
            src_size=self.src_size,
            segmented=self.segmented,
        )


def encode_frame(
    dest: int,
    src: int,
    control: int,
    info: bytes | bytearray | memoryview = b"",
    *,
    dest_size: int = 0,
    src_size: int = 0,
    segmented: bool = False,
) -> bytes:
    """Encode one frame (address sizes 0 = automatic).  Lengths above 255 are fine.

    Raises LocalProtocolError when the frame would exceed the 11-bit length field.
    Frames without an information field (RR, SNRM, DISC ...) come from a cache: a client
    acknowledging thousands of segments sends the same few RR frames over and over.
    """
    if not info and not segmented:
        return _short_frame(dest, src, control, dest_size, src_size)
    return _encode(dest, src, control, info, dest_size, src_size, segmented)


@lru_cache(maxsize=4096)
def _short_frame(dest: int, src: int, control: int, dest_size: int, src_size: int) -> bytes:
    return _encode(dest, src, control, b"", dest_size, src_size, False)


def _encode(dest: int, src: int, control: int, info: bytes | bytearray | memoryview, dest_size: int,
            src_size: int, segmented: bool) -> bytes:
    if not 0 <= control <= 0xFF:
        raise LocalProtocolError("HDLC control byte", expected="0..255", found=control)
    header = encode_address(dest, dest_size) + encode_address(src, src_size)
    info_len = len(info)
    length = 2 + len(header) + 1 + 2 + (info_len + 2 if info_len else 0)
    if length > MAX_FRAME_LENGTH:
        raise LocalProtocolError(
            "HDLC frame too long",
            expected=f"at most {MAX_FRAME_LENGTH} bytes between the flags",
            found=length,
        )
    first = 0xA0 | (_SEGMENTED if segmented else 0) | (length >> 8)
    body = bytes((first, length & 0xFF)) + header + bytes((control,))
    if info_len:
        body += fcs16_bytes(body)
        body += bytes(info)
    return b"\x7e" + body + fcs16_bytes(body) + b"\x7e"


def _header_error(data: bytes | bytearray | memoryview, offset: int) -> FrameError:
    """Explain why the bytes at ``offset`` do not start a frame (cold path)."""
    n = len(data)
    if offset < 0 or offset > n:
        return FrameError("HDLC frame offset", expected=f"0..{n}", found=offset)
    if data[offset : offset + 1] not in (b"", b"\x7e"):
        return FrameError("HDLC opening flag", where=offset, expected="7E", found=f"{data[offset]:02X}")
    if n - offset >= 2 and data[offset + 1] & 0xF0 != 0xA0:
        return FrameError(
            "HDLC frame format",
            where=offset + 1,
            expected="type 3 (A0 or A8)",
            found=f"{data[offset + 1]:02X}",
        )
    return IncompleteFrameError(
        "HDLC frame header",
        where=offset,
        expected="at least 9 bytes",
        found=n - offset,
        needed=9 - (n - offset),
    )


def _decode_header(frame: bytes, length: int) -> tuple[int, int, int, int, int, int]:
    """Addresses of any size and the control byte of ``frame`` (relative offsets); slow path."""
    fcs_at = length - 1
    dest, dest_size = decode_address(frame, 3, fcs_at)
    p = 3 + dest_size
    src, src_size = decode_address(frame, p, fcs_at)
    p += src_size
    if p >= fcs_at:
        raise FrameError("HDLC frame length", where=1, expected="room for the control byte", found=length)
    return dest, dest_size, src, src_size, frame[p], p + 1


def decode_frame(data: bytes | bytearray | memoryview, offset: int = 0, _head: Any = _HEAD,
                 _reverse: bytes = BIT_REVERSE, _crc: Any = crc_hqx, _new: Any = _make_frame,
                 _frame: Any = HdlcFrame) -> tuple[HdlcFrame, int]:
    """Decode the frame starting (with its 7E) at ``offset``; return it and the offset after it.

    Checks the format type, the 11-bit length, the closing flag, the addresses, the HCS (when
    there is an information field) and the FCS.  Raises FrameError naming the check and the
    offset, or IncompleteFrameError when ``data`` ends before the frame.

    The common case (one whole frame in ``bytes``, 1-byte addresses, both checksums good)
    takes a short path; anything else, including every error, takes the general one.  (The
    underscored arguments bind module globals as fast locals for that path; never pass them.)
    """
    if offset == 0 and data.__class__ is bytes:
        try:
            flag, fmt, b, c, control = _head(data, 0)
        except struct.error:
            return _decode_frame(data, offset)
        length = fmt & 0x7FF
        if b & c & 1 and flag == 0x7E and fmt & 0xF000 == 0xA000 and length + 2 == len(data) and data[-1] == 0x7E:
            rev = data.translate(_reverse)
            if length == 7:
                info = b""
            elif length > 9 and _crc(rev[:8], 0x600C) == 0x1D0F:  # HCS: _INIT_WITH_FLAG, GOOD_RESIDUE
                info = data[8 : length - 1]
            else:
                return _decode_frame(data, offset)
            if _crc(rev, 0x600C) == 0x53C5:  # FCS: _INIT_WITH_FLAG, _RESIDUE_WITH_FLAG
                return _new(_frame, (b >> 1, 1, c >> 1, 1, control, info, fmt & 0x800 != 0)), length + 2
    return _decode_frame(data, offset)


def _decode_frame(data: bytes | bytearray | memoryview, offset: int) -> tuple[HdlcFrame, int]:
    """The general decoder of :func:`decode_frame`: any offset, address size and error."""
    try:
        flag, fmt, b, c, control = _HEAD(data, offset)
    except struct.error:
        raise _header_error(data, offset) from None
    if flag != FLAG or fmt & 0xF000 != 0xA000 or offset < 0:
        raise _header_error(data, offset)
    length = fmt & 0x7FF
    end = offset + length + 2
    n = len(data)
    if end > n:
        raise IncompleteFrameError(
            "HDLC frame",
            where=offset,
            expected=f"{length + 2} bytes",
            found=f"{n - offset} bytes",
            needed=end - n,
        )
    if length < 7:
        raise FrameError("HDLC frame length", where=offset + 1, expected="at least 7", found=length)
    if data[end - 1] != FLAG:
        raise FrameError("HDLC closing flag", where=end - 1, expected="7E", found=f"{data[end - 1]:02X}")
    # From here on, offsets are relative to ``frame``, the frame with both flags.
    frame = data[offset:end]  # the same object when ``data`` is exactly one frame in bytes
    if frame.__class__ is not bytes:
        frame = bytes(frame)
    if b & c & 1:  # fast path: 1-byte destination and source
        dest, dest_size, src, src_size, p = b >> 1, 1, c >> 1, 1, 6
    else:
        dest, dest_size, src, src_size, control, p = _decode_header(frame, length)
    fcs_at = length - 1
    rev = frame.translate(BIT_REVERSE)
    if p == fcs_at:
        info = b""
    else:
        if p + 2 > fcs_at:
            raise FrameError("HDLC frame length", where=offset + 1, expected="room for the HCS", found=length)
        if crc_hqx(rev[: p + 2], _INIT_WITH_FLAG) != GOOD_RESIDUE:
            raise FrameError(
                "HDLC header check sequence (HCS)",
                where=offset + p,
                expected=fcs16_bytes(frame[1:p]).hex(" ").upper(),
                found=frame[p : p + 2].hex(" ").upper(),
            )
        info = frame[p + 2 : fcs_at]
    if crc_hqx(rev, _INIT_WITH_FLAG) != _RESIDUE_WITH_FLAG:
        raise FrameError(
            "HDLC frame check sequence (FCS)",
            where=offset + fcs_at,
            expected=fcs16_bytes(frame[1:fcs_at]).hex(" ").upper(),
            found=frame[fcs_at : fcs_at + 2].hex(" ").upper(),
        )
    return HdlcFrame(dest, dest_size, src, src_size, control, info, fmt & 0x800 != 0), end


def parse_frame(data: bytes | bytearray | memoryview) -> HdlcFrame:
    """Decode a buffer that must hold exactly one frame (trailing bytes are a FrameError)."""
    frame, end = decode_frame(data, 0)
    if end != len(data):
        raise FrameError(
            "HDLC frame length field",
            where=1,
            expected=f"{len(data) - 2} (the bytes between the flags)",
            found=end - 2,
        )
    return frame

# The constants written inline in decode_frame's short path:
assert (_INIT_WITH_FLAG, GOOD_RESIDUE, _RESIDUE_WITH_FLAG) == (0x600C, 0x1D0F, 0x53C5)
