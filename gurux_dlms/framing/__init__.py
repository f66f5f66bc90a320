"""Framing layers of DLMS/COSEM, sans-I/O: HDLC (IEC 62056-46), WRAPPER (IEC 62056-47)
and the IEC 62056-21 mode E opening.  No sockets, no clock: drivers live in ``transport``.
"""

from __future__ import annotations

from .hdlc import *  # noqa: F403 - the HDLC names are this package's public API
from .hdlc import __all__ as _hdlc_all
from .iec62056_21 import (
    BAUD_BY_CHAR,
    MeterIdentification,
    ModeEClient,
    ModeEServer,
    build_identification,
    build_option_select,
    build_request,
    parse_identification,
    parse_option_select,
    parse_request,
)
from .wrapper import (
    WrapperFrame,
    WrapperStream,
    decode_wrapper,
    encode_wrapper,
    parse_wrapper,
    wrapper_bytes_needed,
)

__all__ = [
    *_hdlc_all,
    "BAUD_BY_CHAR",
    "MeterIdentification",
    "ModeEClient",
    "ModeEServer",
    "WrapperFrame",
    "WrapperStream",
    "build_identification",
    "build_option_select",
    "build_request",
    "decode_wrapper",
    "encode_wrapper",
    "parse_identification",
    "parse_option_select",
    "parse_request",
    "parse_wrapper",
    "wrapper_bytes_needed",
]
