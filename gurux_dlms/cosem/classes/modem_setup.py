"""Modem classes: modem configuration (27), auto answer (28) and auto connect (29).

They describe how a meter's modem is initialised, when it answers calls and when (and
where) it dials out by itself.  Time windows are lists of ``(start, end)`` date-time pairs.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from ...data.datetime import GXDateTime
from ...data.types import DataType, GXArray, GXInt8, GXStructure, GXUInt8, GXUInt16
from ..access import AccessMode
from ..base import Attribute, GXDLMSObject, Method, ValueEventArgs
from ..object_type import ObjectType
from ..registry import register_class
from .port_setup import BaudRate
from .setup_values import (
    integer,
    items,
    list_attribute,
    members,
    octets_to_text,
    text_to_octets,
    window_attribute,
)

RW = AccessMode.READ_WRITE


class AutoAnswerMode(IntEnum):
    """Which line the auto answer function serves."""

    DEVICE = 0
    CALL = 1
    CONNECTED = 2
    NONE = 3


class AutoAnswerStatus(IntEnum):
    """Auto answer state."""

    INACTIVE = 0
    ACTIVE = 1
    LOCKED = 2


class AutoConnectMode(IntEnum):
    """When and how the meter connects by itself (values of auto connect version 2)."""

    NO_AUTO_DIALLING = 0
    AUTO_DIALLING_ALLOWED_ANYTIME = 1
    AUTO_DIALLING_ALLOWED_CALLING_WINDOW = 2
    REGULAR_AUTO_DIALLING_ALLOWED_CALLING_WINDOW = 3
    SMS_SENDING_PLMN = 4
    SMS_SENDING_PSTN = 5
    EMAIL_SENDING = 6
    PERMANENTLY_CONNECT = 101
    CONNECT_WITH_CALLING_WINDOW = 102
    CONNECT_ON_INVOCATION = 103
    DISCONNECT_CONNECT_ON_INVOCATION = 104
    MANUFACTURE_SPESIFIC = 200  # sic: Gurux's spelling


@dataclass
class GXDLMSModemInitialisation:
    """One modem initialisation command: what to send, the answer expected, the delay after it (ms)."""

    request: str = ""
    response: str = ""
    delay: int = 0


def _initialisation_to_data(obj: Any, settings: Any) -> GXArray:
    out = GXArray()
    for item in obj.initialisationStrings:
        fields: list[Any] = [text_to_octets(item.request), text_to_octets(item.response)]
        if obj.version >= 1:
            fields.append(GXUInt16(item.delay))
        out.append(GXStructure(fields))
    return out


def _initialisation_from_data(obj: Any, value: Any, settings: Any) -> None:
    what = "initialisation string"
    result = []
    for entry in items(value, "initialisation strings"):
        fields = members(entry, 2, what)
        delay = integer(fields[2], f"{what} delay") if len(fields) > 2 else 0
        result.append(GXDLMSModemInitialisation(octets_to_text(fields[0], what), octets_to_text(fields[1], what),
                                                delay))
    obj.initialisationStrings = result


@register_class
class GXDLMSModemConfiguration(GXDLMSObject):
    """PSTN/GSM modem configuration: speed, initialisation commands and the modem profile strings.

    An initialisation command has a delay only from version 1 on.
    """

    CLASS_ID = ObjectType.MODEM_CONFIGURATION
    VERSION = 0
    DEFAULT_LN = "0.0.2.0.0.255"
    ATTRIBUTES = (
        Attribute(2, "communicationSpeed", "Communication Speed", DataType.ENUM, default=BaudRate.BAUDRATE_300,
                  enum=BaudRate, static=True, access=RW),
        Attribute(3, "initialisationStrings", "Initialisation Strings", DataType.ARRAY, factory=list,
                  to_data=_initialisation_to_data, from_data=_initialisation_from_data, static=True, access=RW),
        list_attribute(4, "modemProfile", "Modem Profile", DataType.OCTET_STRING, convert=octets_to_text,
                       back=text_to_octets, static=True, access=RW),
    )

    communicationSpeed: BaudRate | int
    initialisationStrings: list[GXDLMSModemInitialisation]
    modemProfile: list[str]


def _rings_to_data(obj: Any, settings: Any) -> GXStructure:
    return GXStructure([GXUInt8(obj.numberOfRingsInListeningWindow),
                        GXUInt8(obj.numberOfRingsOutListeningWindow)])


def _rings_from_data(obj: Any, value: Any, settings: Any) -> None:
    fields = members(value, 2, "number of rings")
    obj.numberOfRingsInListeningWindow = integer(fields[0], "number of rings in listening window")
    obj.numberOfRingsOutListeningWindow = integer(fields[1], "number of rings out of listening window")


@register_class
class GXDLMSAutoAnswer(GXDLMSObject):
    """When the modem answers incoming calls: listening windows, counters and ring limits."""

    CLASS_ID = ObjectType.AUTO_ANSWER
    VERSION = 0
    DEFAULT_LN = "0.0.2.2.0.255"
    ATTRIBUTES = (
        Attribute(2, "mode", "Mode", DataType.ENUM, default=AutoAnswerMode.DEVICE, enum=AutoAnswerMode,
                  static=True, access=RW),
        window_attribute(3, "listeningWindow", "Listening Window", static=True),
        Attribute(4, "status", "Status", DataType.ENUM, default=AutoAnswerStatus.INACTIVE, enum=AutoAnswerStatus),
        Attribute(5, "numberOfCalls", "Number Of Calls", DataType.UINT8, default=0, static=True, access=RW),
        Attribute(6, "numberOfRings", "Number Of Rings", DataType.STRUCTURE, to_data=_rings_to_data,
                  from_data=_rings_from_data, static=True, access=RW),
    )

    mode: AutoAnswerMode | int
    listeningWindow: list[tuple[GXDateTime, GXDateTime]]
    status: AutoAnswerStatus | int
    numberOfCalls: int

    def __init__(self, ln: str | None = None, sn: int = 0) -> None:
        super().__init__(ln, sn)
        self.numberOfRingsInListeningWindow = 0
        self.numberOfRingsOutListeningWindow = 0

    @property
    def numberOfRings(self) -> tuple[int, int]:
        """``(rings within the listening window, rings outside it)``."""
        return self.numberOfRingsInListeningWindow, self.numberOfRingsOutListeningWindow


@register_class
class GXDLMSAutoConnect(GXDLMSObject):
    """When and where the meter connects by itself; method 1 (connect) starts a connection now."""

    CLASS_ID = ObjectType.AUTO_CONNECT
    VERSION = 2
    DEFAULT_LN = "0.0.2.1.0.255"
    ATTRIBUTES = (
        Attribute(2, "mode", "Mode", DataType.ENUM, default=AutoConnectMode.NO_AUTO_DIALLING, enum=AutoConnectMode,
                  static=True, access=RW),
        Attribute(3, "repetitions", "Repetitions", DataType.UINT8, default=0, static=True, access=RW),
        Attribute(4, "repetitionDelay", "Repetition Delay", DataType.UINT16, default=0, static=True, access=RW),
        window_attribute(5, "callingWindow", "Calling Window", static=True),
        list_attribute(6, "destinations", "Destinations", DataType.OCTET_STRING, convert=octets_to_text,
                       back=text_to_octets, static=True, access=RW),
    )
    METHODS = (Method(1, "connect", "Connect", DataType.INT8),)

    mode: AutoConnectMode | int
    repetitions: int
    repetitionDelay: int
    callingWindow: list[tuple[GXDateTime, GXDateTime]]
    destinations: list[str]

    def __init__(self, ln: str | None = None, sn: int = 0) -> None:
        super().__init__(ln, sn)
        self.connectRequests = 0

    def connect(self, client: Any) -> Any:
        """Frames that ask the meter to connect now (method 1)."""
        return self._method_request(client, 1, GXInt8(0))

    def invoke(self, settings: Any, e: ValueEventArgs) -> Any:
        """connect: the engine does no I/O, so it only counts the request in ``connectRequests``;
        the server application dials when it sees it (its action hook)."""
        if e.index == 1:
            self.connectRequests += 1
            return None
        return super().invoke(settings, e)



__all__ = [
    "AutoAnswerMode",
    "AutoAnswerStatus",
    "AutoConnectMode",
    "GXDLMSAutoAnswer",
    "GXDLMSAutoConnect",
    "GXDLMSModemConfiguration",
    "GXDLMSModemInitialisation",
]
