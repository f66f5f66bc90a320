"""HDLC link parameters negotiated by SNRM/UA, and frame builders that need no link.

The SNRM and UA information field is ``81 80 <len>`` followed by ``<id> <n> <value>``
items (IEC 62056-46 §6.4.4.4.3.2): 05 max info TX, 06 max info RX, 07 window TX, 08
window RX, big-endian in 1..4 bytes.  Each side states its *own* view: the server's 05
(what it transmits) is the client's receive size.

The builders are what the Gurux facade needs to hand out frames itself
(``snrmRequest``, ``disconnectRequest``, ``receiverReady``, the I-frames of a PDU).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from ..errors import ConfigurationError, DecodeError, LocalProtocolError
from .hdlc_frame import FrameKind, control_byte, encode_frame

__all__ = [
    "DEFAULT_PARAMETERS",
    "MAX_INFO_LIMIT",
    "HdlcParameters",
    "decode_hdlc_parameters",
    "disc_frame",
    "dm_frame",
    "encode_hdlc_parameters",
    "hdlc_parameter_items",
    "i_frame",
    "rnr_frame",
    "rr_frame",
    "snrm_frame",
    "ua_frame",
    "ui_frame",
]

log = logging.getLogger(__name__)

#: The largest information field IEC 62056-46 allows (and what fits the 11-bit length).
MAX_INFO_LIMIT = 2030

_FORMAT_ID = 0x81
_GROUP_ID = 0x80
# Parameter id -> field name of HdlcParameters; the table drives both codec directions.
_FIELDS = {0x05: "max_info_tx", 0x06: "max_info_rx", 0x07: "window_tx", 0x08: "window_rx"}
_WINDOWS = frozenset({0x07, 0x08})


@dataclass(frozen=True, slots=True)
class HdlcParameters:
    """Max information field sizes and window sizes, from one side's point of view."""

    max_info_tx: int = 128
    max_info_rx: int = 128
    window_tx: int = 1
    window_rx: int = 1

    def __post_init__(self) -> None:
        for name in ("max_info_tx", "max_info_rx"):
            value = getattr(self, name)
            if not isinstance(value, int) or not 1 <= value <= 0xFFFF:
                raise ConfigurationError(f"HDLC {name}", expected="1..65535", found=value)
        for name in ("window_tx", "window_rx"):
            value = getattr(self, name)
            if not isinstance(value, int) or not 1 <= value <= 7:
                raise ConfigurationError(f"HDLC {name}", expected="1..7", found=value)

    def peer_view(self) -> HdlcParameters:
        """The same parameters seen from the other side (TX and RX swapped)."""
        return HdlcParameters(self.max_info_rx, self.max_info_tx, self.window_rx, self.window_tx)

    def negotiate(self, peer: HdlcParameters) -> HdlcParameters:
        """Our view after the peer stated ``peer`` (its own view): the smaller of each pair."""
        return HdlcParameters(
            min(self.max_info_tx, peer.max_info_rx),
            min(self.max_info_rx, peer.max_info_tx),
            min(self.window_tx, peer.window_rx),
            min(self.window_rx, peer.window_tx),
        )


DEFAULT_PARAMETERS = HdlcParameters()


def encode_hdlc_parameters(
    params: HdlcParameters, *, only_non_default: bool = True, window_bytes: int = 4
) -> bytes:
    """Encode the SNRM/UA information field; ``b""`` when there is nothing to send.

    Gurux's client SNRM carries only the values that differ from the defaults, max info in
    1 byte below 256 (else 2) and windows in 4 bytes; a UA usually states everything with
    1-byte windows (``only_non_default=False, window_bytes=1``).
    """
    if window_bytes not in (1, 2, 4):
        raise ConfigurationError("HDLC window parameter size", expected="1, 2 or 4", found=window_bytes)
    items = bytearray()
    for pid, name in _FIELDS.items():
        value = getattr(params, name)
        if only_non_default and value == getattr(DEFAULT_PARAMETERS, name):
            continue
        size = window_bytes if pid in _WINDOWS else (1 if value < 0x100 else 2)
        items += bytes((pid, size)) + value.to_bytes(size, "big")
    if not items:
        return b""
    return bytes((_FORMAT_ID, _GROUP_ID, len(items))) + items


def hdlc_parameter_items(info: bytes | bytearray | memoryview) -> list[tuple[int, int, int]]:
    """The ``(parameter id, size in bytes, value)`` items of a SNRM/UA information field, in order.

    Unlike :func:`decode_hdlc_parameters` it keeps which parameters were present and how
    wide each was sent, which a faithful rendering (the translator) needs.  An empty field
    has no items.
    """
    data = bytes(info)
    if not data:
        return []
    if len(data) < 3 or data[0] != _FORMAT_ID or data[1] != _GROUP_ID:
        raise DecodeError(
            "HDLC parameter field header", where=0, expected="81 80 <length>", found=data[:3].hex(" ").upper()
        )
    end = 3 + data[2]
    if end != len(data):
        raise DecodeError("HDLC parameter group length", where=2, expected=len(data) - 3, found=data[2])
    items = []
    pos = 3
    while pos < end:
        if pos + 2 > end:
            raise DecodeError("HDLC parameter", where=pos, expected="id and length", found="end of the field")
        pid, size = data[pos], data[pos + 1]
        pos += 2
        if not 1 <= size <= 4 or pos + size > end:
            raise DecodeError(
                f"HDLC parameter {pid:02X} length",
                where=pos - 1,
                expected=f"1..{min(4, end - pos)}",
                found=size,
            )
        items.append((pid, size, int.from_bytes(data[pos : pos + size], "big")))
        pos += size
    return items


def decode_hdlc_parameters(info: bytes | bytearray | memoryview) -> HdlcParameters:
    """Decode a SNRM/UA information field; absent values are the defaults (128/128/1/1).

    An empty field means all defaults.  Unknown parameter ids are skipped (logged).
    """
    values = {}
    for pid, _, value in hdlc_parameter_items(info):
        name = _FIELDS.get(pid)
        if name is None:
            log.debug("HDLC parameter %02X = %d ignored (unknown id)", pid, value)
            continue
        values[name] = value
    if not values:
        return DEFAULT_PARAMETERS
    try:
        return HdlcParameters(**values)
    except ConfigurationError as exc:
        raise DecodeError(f"HDLC parameter value out of range: {exc}") from None


# ---- frame builders (no link needed) -------------------------------------------------------


def snrm_frame(
    dest: int, src: int, params: HdlcParameters | None = None, *, dest_size: int = 0, src_size: int = 0
) -> bytes:
    """SNRM (control 0x93) proposing ``params`` (only the non-default ones, as Gurux)."""
    info = encode_hdlc_parameters(params) if params is not None else b""
    return encode_frame(dest, src, 0x93, info, dest_size=dest_size, src_size=src_size)


def ua_frame(
    dest: int,
    src: int,
    params: HdlcParameters | None = None,
    *,
    dest_size: int = 0,
    src_size: int = 0,
    only_non_default: bool = False,
) -> bytes:
    """UA (control 0x73), with the server's parameters unless ``params`` is None."""
    info = (
        b""
        if params is None
        else encode_hdlc_parameters(params, only_non_default=only_non_default, window_bytes=1)
    )
    return encode_frame(dest, src, 0x73, info, dest_size=dest_size, src_size=src_size)


def disc_frame(dest: int, src: int, *, dest_size: int = 0, src_size: int = 0) -> bytes:
    """DISC (control 0x53)."""
    return encode_frame(dest, src, 0x53, dest_size=dest_size, src_size=src_size)


def dm_frame(dest: int, src: int, *, final: bool = True, dest_size: int = 0, src_size: int = 0) -> bytes:
    """DM (control 0x1F, or 0x0F without the F bit)."""
    control = control_byte(FrameKind.DM, pf=final)
    return encode_frame(dest, src, control, dest_size=dest_size, src_size=src_size)


def rr_frame(
    dest: int, src: int, nr: int, *, poll: bool = True, dest_size: int = 0, src_size: int = 0
) -> bytes:
    """RR acknowledging up to ``nr`` (Gurux sends ``0x11 | N(R)<<5``)."""
    control = control_byte(FrameKind.RR, nr=nr, pf=poll)
    return encode_frame(dest, src, control, dest_size=dest_size, src_size=src_size)


def rnr_frame(
    dest: int, src: int, nr: int, *, poll: bool = True, dest_size: int = 0, src_size: int = 0
) -> bytes:
    """RNR (receiver not ready), ``0x15 | N(R)<<5``."""
    control = control_byte(FrameKind.RNR, nr=nr, pf=poll)
    return encode_frame(dest, src, control, dest_size=dest_size, src_size=src_size)


def i_frame(
    dest: int,
    src: int,
    ns: int,
    nr: int,
    info: bytes | bytearray | memoryview,
    *,
    poll: bool = True,
    segmented: bool = False,
    dest_size: int = 0,
    src_size: int = 0,
) -> bytes:
    """One I-frame; the caller adds the LLC header to the first segment of a PDU."""
    if not info:
        raise LocalProtocolError("HDLC I-frame", expected="an information field", found="none")
    control = control_byte(FrameKind.I, ns=ns, nr=nr, pf=poll)
    return encode_frame(dest, src, control, info, dest_size=dest_size, src_size=src_size, segmented=segmented)


def ui_frame(
    dest: int,
    src: int,
    info: bytes | bytearray | memoryview,
    *,
    poll: bool = True,
    dest_size: int = 0,
    src_size: int = 0,
) -> bytes:
    """UI (unnumbered information, control 0x13): DataNotification over HDLC."""
    control = control_byte(FrameKind.UI, pf=poll)
    return encode_frame(dest, src, control, info, dest_size=dest_size, src_size=src_size)
