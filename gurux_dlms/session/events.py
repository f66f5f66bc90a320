"""Events a :class:`~gurux_dlms.session.client.ClientConnection` produces (h11 style)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..framing.hdlc_events import NEED_DATA, NeedData


@dataclass(slots=True)
class LinkConnected:
    """HDLC only: the meter answered SNRM with UA; ``parameters`` are the negotiated ones."""

    parameters: Any


@dataclass(slots=True)
class Associated:
    """The application association is open (after AARE, and HLS passes 3/4 when needed)."""

    conformance: int
    max_pdu_size: int
    server_system_title: bytes | None = None


@dataclass(slots=True)
class ResponseReceived:
    """The answer to request ``request_id``: an AccessResult, a MethodResult or a list of them."""

    request_id: int
    result: Any


@dataclass(slots=True)
class NotificationReceived:
    """An unsolicited push: DataNotification, EventNotificationRequest or InformationReport."""

    apdu: Any


@dataclass(slots=True)
class Released:
    """The meter answered the RLRQ with an RLRE."""

    reason: int | None = None


@dataclass(slots=True)
class Disconnected:
    """The link is down (UA after DISC, DM, or the driver closed it)."""

    reason: str = ""


Event = LinkConnected | Associated | ResponseReceived | NotificationReceived | Released | Disconnected

__all__ = [
    "NEED_DATA",
    "Associated",
    "Disconnected",
    "Event",
    "LinkConnected",
    "NeedData",
    "NotificationReceived",
    "Released",
    "ResponseReceived",
]
