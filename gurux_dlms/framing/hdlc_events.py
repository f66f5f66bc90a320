"""Events produced by :class:`~gurux_dlms.framing.hdlc_link.HdlcLink` (h11 style).

The link never calls back: the driver calls ``next_event()`` and gets one of these, or
:data:`NEED_DATA` when the bytes received so far hold no further event.  Treat them as
read-only; they are not frozen only because a frozen dataclass costs three times as much
to create, and ``PduReceived`` is made once per received APDU.
"""

from __future__ import annotations

from dataclasses import dataclass

from .hdlc_params import HdlcParameters

__all__ = [
    "NEED_DATA",
    "ConnectRequested",
    "Connected",
    "DisconnectRequested",
    "Disconnected",
    "FrameRejected",
    "HdlcEvent",
    "LinkFailed",
    "NeedData",
    "PduReceived",
]


class NeedData:
    """Sentinel type: feed more bytes with ``receive_data`` before asking again."""

    _instance: NeedData | None = None

    def __new__(cls) -> NeedData:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "NEED_DATA"


NEED_DATA = NeedData()


@dataclass(slots=True)
class Connected:
    """Client: the server answered our SNRM with UA; ``params`` are the negotiated values (our view)."""

    params: HdlcParameters


@dataclass(slots=True)
class ConnectRequested:
    """Server: a client sent SNRM; the UA is queued and ``params`` are the negotiated values (our view)."""

    params: HdlcParameters
    client_address: int


@dataclass(slots=True)
class PduReceived:
    """A complete APDU (segments reassembled, LLC header removed); ``unnumbered`` for UI frames."""

    pdu: bytes
    unnumbered: bool = False


@dataclass(slots=True)
class Disconnected:
    """The link is down: ``reason`` is ``"ua"`` (our DISC was accepted) or ``"dm"`` (peer in disconnected mode)."""

    reason: str


@dataclass(slots=True)
class DisconnectRequested:
    """Server: the client sent DISC; the UA is queued and the link is down."""


@dataclass(slots=True)
class FrameRejected:
    """The peer sent FRMR; ``info`` is its information field (the rejected control and the reason bits).

    Unacknowledged and queued frames are dropped: reconnect (or disconnect) the link.
    """

    info: bytes


@dataclass(slots=True)
class LinkFailed:
    """Returned by ``on_timeout()`` after the allowed retries: the peer stopped answering."""

    reason: str


HdlcEvent = (
    Connected
    | ConnectRequested
    | PduReceived
    | Disconnected
    | DisconnectRequested
    | FrameRejected
    | LinkFailed
)
