"""HDLC for DLMS/COSEM (IEC 62056-46), gathered in one import.

The code lives in small modules, one job each: :mod:`.fcs` (checksums),
:mod:`.hdlc_address` (1/2/4-byte addresses), :mod:`.hdlc_frame` (frame codec),
:mod:`.hdlc_params` (SNRM/UA parameters, frame builders), :mod:`.hdlc_stream`
(finding frames in a byte stream), :mod:`.hdlc_events` and :mod:`.hdlc_link` (the
sans-I/O link state machine).
"""

from __future__ import annotations

from .fcs import fcs16, fcs16_bytes, fcs16_ok
from .hdlc_address import (
    address_size,
    decode_address,
    encode_address,
    join_server_address,
    server_address_size,
    split_server_address,
)
from .hdlc_events import (
    NEED_DATA,
    Connected,
    ConnectRequested,
    Disconnected,
    DisconnectRequested,
    FrameRejected,
    HdlcEvent,
    LinkFailed,
    NeedData,
    PduReceived,
)
from .hdlc_frame import (
    LLC_REQUEST,
    LLC_RESPONSE,
    MAX_FRAME_LENGTH,
    FrameKind,
    HdlcFrame,
    IncompleteFrameError,
    control_byte,
    decode_frame,
    encode_frame,
    frame_kind,
    parse_frame,
)
from .hdlc_link import HdlcLink, LinkState, Role
from .hdlc_params import (
    DEFAULT_PARAMETERS,
    MAX_INFO_LIMIT,
    HdlcParameters,
    decode_hdlc_parameters,
    disc_frame,
    dm_frame,
    encode_hdlc_parameters,
    i_frame,
    rnr_frame,
    rr_frame,
    snrm_frame,
    ua_frame,
    ui_frame,
)
from .hdlc_stream import HdlcFrameStream, find_frame

__all__ = [
    "DEFAULT_PARAMETERS",
    "LLC_REQUEST",
    "LLC_RESPONSE",
    "MAX_FRAME_LENGTH",
    "MAX_INFO_LIMIT",
    "NEED_DATA",
    "ConnectRequested",
    "Connected",
    "DisconnectRequested",
    "Disconnected",
    "FrameKind",
    "FrameRejected",
    "HdlcEvent",
    "HdlcFrame",
    "HdlcFrameStream",
    "HdlcLink",
    "HdlcParameters",
    "IncompleteFrameError",
    "LinkFailed",
    "LinkState",
    "NeedData",
    "PduReceived",
    "Role",
    "address_size",
    "control_byte",
    "decode_address",
    "decode_frame",
    "decode_hdlc_parameters",
    "disc_frame",
    "dm_frame",
    "encode_address",
    "encode_frame",
    "encode_hdlc_parameters",
    "fcs16",
    "fcs16_bytes",
    "fcs16_ok",
    "find_frame",
    "frame_kind",
    "i_frame",
    "join_server_address",
    "parse_frame",
    "rnr_frame",
    "rr_frame",
    "server_address_size",
    "snrm_frame",
    "split_server_address",
    "ua_frame",
    "ui_frame",
]
