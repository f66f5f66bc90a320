"""Events a :class:`~gurux_dlms.session.server.ServerConnection` produces (h11 style).

The driver logs them, counts them or ignores them; the connection has already answered
whatever the client asked when they come out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..framing.hdlc_events import NEED_DATA, NeedData


@dataclass(slots=True)
class LinkOpened:
    """HDLC: a client's SNRM was answered with UA (``parameters``: the negotiated ones)."""

    client_address: int
    parameters: Any = None


@dataclass(slots=True)
class LinkClosed:
    """HDLC: the client disconnected the link (DISC)."""

    client_address: int
    reason: str = ""


@dataclass(slots=True)
class AssociationOpened:
    """An AARQ was accepted; ``pending`` while the client still has to pass HLS."""

    context: Any
    pending: bool = False


@dataclass(slots=True)
class AssociationAuthenticated:
    """HLS pass 3 succeeded: the association is open."""

    context: Any


@dataclass(slots=True)
class AssociationRefused:
    """An AARQ was refused (``reason`` says why, ``diagnostic`` is what the AARE carried)."""

    client_address: int
    diagnostic: int
    reason: str


@dataclass(slots=True)
class AssociationReleased:
    """The association ended: RLRQ answered, link closed or a new AARQ replaced it."""

    context: Any
    reason: str = "release"


@dataclass(slots=True)
class RequestServed:
    """A request was answered: ``service`` (GET, SET, ACTION, READ, WRITE ...) and ``summary``."""

    client_address: int
    service: str
    summary: str


@dataclass(slots=True)
class RequestRefused:
    """A request got an ExceptionResponse (``reason``: why)."""

    client_address: int
    reason: str


ServerEvent = (LinkOpened | LinkClosed | AssociationOpened | AssociationAuthenticated | AssociationRefused
               | AssociationReleased | RequestServed | RequestRefused)

__all__ = [
    "NEED_DATA",
    "AssociationAuthenticated",
    "AssociationOpened",
    "AssociationRefused",
    "AssociationReleased",
    "LinkClosed",
    "LinkOpened",
    "NeedData",
    "RequestRefused",
    "RequestServed",
    "ServerEvent",
]
