"""The sans-I/O client session: association, HLS, services, block transfer, GBT, ciphering."""

from .client import ClientConnection, State
from .enums import InterfaceType, Priority, RequestTypes, ServiceClass
from .events import (
    NEED_DATA,
    Associated,
    Disconnected,
    LinkConnected,
    NotificationReceived,
    Released,
    ResponseReceived,
)
from .services import AccessResult, MethodResult
from .settings import SessionSettings

__all__ = [
    "NEED_DATA",
    "AccessResult",
    "Associated",
    "ClientConnection",
    "Disconnected",
    "InterfaceType",
    "LinkConnected",
    "MethodResult",
    "NotificationReceived",
    "Priority",
    "Released",
    "RequestTypes",
    "ResponseReceived",
    "ServiceClass",
    "SessionSettings",
    "State",
]
