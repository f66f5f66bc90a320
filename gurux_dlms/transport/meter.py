"""A meter read and written in Python values, with no frames in sight.

::

    with Meter.tcp("127.0.0.1", 4061, client=16, server=1) as meter:
        clock = GXDLMSClock()
        print(meter.read(clock, 2))                      # a GXDateTime, also in clock.time
        energy = GXDLMSRegister("1.0.1.8.0.255")
        print(meter.read(energy), energy.unit)           # scaled: the scaler is read first
        rows = meter.read_profile(GXDLMSProfileGeneric("1.0.99.1.0.255"), first=1, count=10)

    with Meter.serial("/dev/ttyUSB0", mode_e=True, authentication="Low", password="00000000") as meter:
        for obj in meter.objects():
            ...

A target is a COSEM object (the value read is stored into it, converted as its class says)
or a ``(class id, logical name)`` pair.  Every failure raises: a refused access as
:class:`~gurux_dlms.errors.DataAccessError`, silence as
:class:`~gurux_dlms.errors.DLMSTimeoutError`.  The session closes (release, disconnect,
medium) however the ``with`` block ends.
"""

from __future__ import annotations

import copy
import logging
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from ..apdu.common import SelectiveAccess
from ..cosem.base import GXDLMSObject
from ..cosem.classes.association_sn import parse_sn_object_list
from ..cosem.classes.object_list import parse_object_list
from ..cosem.classes.profile_selection import entry_descriptor, range_descriptor
from ..cosem.collection import GXDLMSObjectCollection
from ..cosem.object_type import ObjectType
from ..cosem.registry import create_object
from ..data.codec import typed
from ..data.obis import obis_to_str
from ..data.types import DataType, GXInt8
from ..errors import ConfigurationError, DecodeError, LocalProtocolError
from ..security.enums import Authentication
from ..session.client import ClientConnection
from ..session.enums import InterfaceType
from ..session.settings import SessionSettings
from .driver import BlockingDriver
from .media import Media, SerialLine, parse_serial_spec
from .mode_e import ModeEOptions
from .net_media import NetMedia
from .serial_media import SerialMedia

log = logging.getLogger(__name__)

Target = GXDLMSObject | tuple[int, str | bytes]

ASSOCIATION_LN = "0.0.40.0.0.255"
ASSOCIATION_SN_BASE = 0xFA00
#: Where the scaler of a value attribute lives: class id -> {value attribute: scaler_unit attribute}.
SCALER_OF: dict[int, dict[int, int]] = {3: {2: 3}, 4: {2: 3}, 5: {2: 4, 3: 4}}
_DATE_UI = (DataType.DATETIME, DataType.DATE, DataType.TIME)


@dataclass
class _Context:
    """What attribute conversions look up: the objects read so far (capture objects resolve to them)."""

    objects: GXDLMSObjectCollection = field(default_factory=GXDLMSObjectCollection)
    is_server: bool = False


def authentication_of(value: Authentication | int | str) -> Authentication:
    """An Authentication from the enum, its number or its name in any style (``"HighGMac"``, ``"high_gmac"``)."""
    if isinstance(value, str):
        key = value.replace("_", "").replace("-", "").upper()
        for member in Authentication:
            if member.name.replace("_", "") == key:
                return member
        raise ConfigurationError("authentication", expected=", ".join(m.name for m in Authentication), found=value)
    return Authentication(value)


def make_settings(interface: InterfaceType, client: int, server: int, authentication: Authentication | int | str,
                  password: bytes | str | None, retries: int, **settings: Any) -> SessionSettings:
    """Session settings from the usual connection parameters (extra ``settings`` passed through)."""
    return SessionSettings(interface_type=interface, client_address=client, server_address=server,
                           authentication=authentication_of(authentication),
                           password=password.encode() if isinstance(password, str) else password,
                           max_retries=retries, **settings)


class Meter:
    """A high-level client over a :class:`BlockingDriver` (see the module documentation)."""

    def __init__(self, driver: BlockingDriver) -> None:
        self.driver = driver
        self._context = _Context()

    # --- construction ---------------------------------------------------------------------------
    @classmethod
    def tcp(cls, host: str, port: int = 4059, *, wrapper: bool = True, udp: bool = False, client: int = 16,
            server: int = 1, authentication: Authentication | int | str = Authentication.NONE,
            password: bytes | str | None = None, timeout: float = 5.0, retries: int = 3,
            connect_timeout: float = 5.0, **settings: Any) -> Meter:
        """A meter on TCP (or UDP), WRAPPER by default, HDLC with ``wrapper=False``."""
        interface = InterfaceType.WRAPPER if wrapper else InterfaceType.HDLC
        media = NetMedia(host, port, udp=udp, connect_timeout=connect_timeout)
        return cls.over(media, interface=interface, client=client, server=server, authentication=authentication,
                        password=password, timeout=timeout, retries=retries, **settings)

    @classmethod
    def serial(cls, port: str, *, baud: int | None = None, mode_e: bool | ModeEOptions = False,
               client: int = 16, server: int = 1, authentication: Authentication | int | str = Authentication.NONE,
               password: bytes | str | None = None, timeout: float = 5.0, retries: int = 3,
               **settings: Any) -> Meter:
        """A meter on a serial port (``/dev/ttyUSB0``, ``COM1:9600:8None1``), HDLC; ``mode_e`` opens with IEC 62056-21."""
        name, line = parse_serial_spec(port, mode_e=bool(mode_e))
        if baud is not None:
            line = SerialLine(baud, line.data_bits, line.parity, line.stop_bits)
        interface = InterfaceType.HDLC_WITH_MODE_E if mode_e else InterfaceType.HDLC
        return cls.over(SerialMedia(name, line), interface=interface, client=client, server=server,
                        authentication=authentication, password=password, timeout=timeout, retries=retries,
                        mode_e=mode_e or None, **settings)

    @classmethod
    def over(cls, media: Media, *, interface: InterfaceType = InterfaceType.WRAPPER, client: int = 16,
             server: int = 1, authentication: Authentication | int | str = Authentication.NONE,
             password: bytes | str | None = None, timeout: float = 5.0, retries: int = 3,
             mode_e: bool | ModeEOptions | None = None, **settings: Any) -> Meter:
        """A meter over any medium (a loopback, a medium you opened yourself ...)."""
        session = make_settings(interface, client, server, authentication, password, retries, **settings)
        return cls(BlockingDriver(ClientConnection(session), media, timeout, mode_e=mode_e))

    # --- life cycle -----------------------------------------------------------------------------
    def open(self) -> Meter:
        self.driver.open()
        return self

    def close(self) -> None:
        self.driver.close()

    def __enter__(self) -> Meter:
        self.driver.__enter__()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.driver.close()

    @property
    def connection(self) -> ClientConnection:
        return self.driver.connection

    @property
    def collection(self) -> GXDLMSObjectCollection:
        """The objects :meth:`objects` read (targets given as pairs are looked up here first)."""
        return self._context.objects

    @property
    def notifications(self) -> Any:
        return self.driver.notifications

    # --- services -------------------------------------------------------------------------------
    def read(self, target: Target, index: int = 2, *, access: SelectiveAccess | None = None) -> Any:
        """The value of attribute ``index``, converted as the object's class says (and stored into it).

        Reading the value of a register whose scaler was not read yet reads the scaler first,
        so the value comes back scaled.
        """
        obj, explicit = self._object(target)
        scaler_index = SCALER_OF.get(int(obj.objectType), {}).get(index)
        if scaler_index is not None and not obj.isRead(scaler_index):
            self.read(obj, scaler_index)
        value = self._get(obj, index, access)
        try:
            obj.set_attribute_data(index, value, self._context)
        except (DecodeError, LocalProtocolError):
            if explicit:
                raise
            log.debug("%s attribute %d kept as received: it does not convert", obj.logicalName, index)
            return value
        obj.setLastReadTime(index, datetime.now())
        return getattr(obj, obj.attribute(index).name)

    def write(self, target: Target, index: int, value: Any = None) -> None:
        """Write attribute ``index``: ``value`` when given (and stored into the object once written),
        else the object's current value.  A structured attribute's value is given as DLMS data
        (a GXStructure/GXArray as the Blue Book lays it out)."""
        obj, _ = self._object(target)
        attribute = obj.attribute(index)
        if value is None:
            data = obj.get_attribute_data(index, self._context)
        elif attribute.data_type in (DataType.STRUCTURE, DataType.ARRAY) and isinstance(value, list):
            data = value  # a structured attribute, given as DLMS data
        else:
            ui = obj.getUIDataType(index)
            if ui in _DATE_UI and isinstance(value, datetime):
                value = typed(value, ui)
            source = copy.copy(obj)
            setattr(source, attribute.name, value)
            data = source.get_attribute_data(index, self._context)
        if self.connection.settings.use_logical_name_referencing:
            self.driver.set(int(obj.objectType), obj.logicalName, index, data, check=True)
        else:
            self.driver.write(self._base_name(obj), index, data, check=True)
        if value is not None:  # written: keep it in the object too
            obj.set_attribute_data(index, data, self._context)

    def call(self, target: Target, method: int, parameter: Any = None) -> Any:
        """Invoke method ``method``; returns what it returned (None when nothing).

        A plain Python parameter is typed as the class's method table says; methods that take
        ``integer(0)`` (reset, capture, adjust ...) get it when no parameter is given.
        """
        obj, _ = self._object(target)
        try:
            data_type = obj.method_descriptor(method).data_type
        except LocalProtocolError:
            data_type = DataType.NONE
        if parameter is None and data_type == DataType.INT8:
            parameter = GXInt8(0)
        elif parameter is not None and data_type != DataType.NONE and not hasattr(parameter, "dataType"):
            parameter = typed(parameter, data_type)
        if self.connection.settings.use_logical_name_referencing:
            return self.driver.action(int(obj.objectType), obj.logicalName, method, parameter, check=True).value
        return self.driver.sn_method(self._base_name(obj), int(obj.objectType), method, parameter, check=True).value

    def objects(self) -> GXDLMSObjectCollection:
        """Read the association view: every object the meter shows this client, with its access rights."""
        if self.connection.settings.use_logical_name_referencing:
            value = self._get_raw(int(ObjectType.ASSOCIATION_LOGICAL_NAME), ASSOCIATION_LN, 2)
            version = _association_version(value)
            found = parse_object_list(value, version, self._context.objects)
        else:
            value = self.driver.read(ASSOCIATION_SN_BASE, 2, check=True).value
            found = parse_sn_object_list(value, self._context.objects)
        self._context.objects = found
        return found

    def read_profile(self, profile: Any, start: Any = None, end: Any = None, first: int | None = None,
                     count: int | None = None) -> list[Any]:
        """Rows of a profile generic, typed by its capture objects (a clock column holds GXDateTimes).

        ``start``/``end`` (datetimes or GXDateTimes) read by range (selector 1: restricted by the
        sort object, else the first capture object, else the clock; ``end`` defaults to now);
        ``first``/``count`` read by entry (selector 2: entries ``first`` .. ``first + count - 1``,
        1-based; count 0 or None: to the last).  Neither reads the whole buffer.  The capture
        objects are read first when the profile does not know them yet.
        """
        obj: Any = self._object(profile)[0]
        if int(obj.objectType) != ObjectType.PROFILE_GENERIC:
            raise ConfigurationError("read_profile target", expected="a profile generic (class 7)",
                                     found=f"class {int(obj.objectType)}")
        by_range = start is not None or end is not None
        by_entry = first is not None or count is not None
        if by_range and by_entry:
            raise ConfigurationError("read_profile", expected="a range (start/end) or entries (first/count)",
                                     found="both")
        if not obj.captureObjects:
            self.read(obj, 3)
        access = None
        if by_range:
            if start is None:
                raise ConfigurationError("read_profile range", expected="a start", found="only an end")
            access = SelectiveAccess(1, range_descriptor(obj, start, datetime.now() if end is None else end))
        elif by_entry:
            access = SelectiveAccess(2, entry_descriptor(obj, 1 if first is None else first, count or 0))
        self.read(obj, 2, access=access)
        rows: list[Any] = obj.buffer
        return rows

    # --- helpers --------------------------------------------------------------------------------
    def _object(self, target: Any) -> tuple[GXDLMSObject, bool]:
        """(the object, True when the caller gave it) for an object or a (class id, logical name) pair."""
        if isinstance(target, GXDLMSObject):
            return target, True
        if isinstance(target, tuple) and len(target) == 2:
            class_id, ln = int(target[0]), obis_to_str(target[1])
            known = self._context.objects.findByLN(class_id, ln)
            return (known if known is not None else create_object(class_id, ln)), False
        raise ConfigurationError("target", expected="a COSEM object or a (class id, logical name) pair",
                                 found=repr(target))

    def _base_name(self, obj: GXDLMSObject) -> int:
        if obj.shortName:
            return int(obj.shortName)
        known = self._context.objects.findByLN(obj.objectType, obj.logicalName)
        if known is not None and known.shortName:
            return int(known.shortName)
        raise ConfigurationError(f"base name of {obj.logicalName}",
                                 expected="an object with shortName set (or read objects() first)", found=0)

    def _get(self, obj: GXDLMSObject, index: int, access: SelectiveAccess | None) -> Any:
        if self.connection.settings.use_logical_name_referencing:
            return self._get_raw(int(obj.objectType), obj.logicalName, index, access)
        if access is not None:
            raise ConfigurationError("selective access", expected="logical name referencing", found="SN")
        return self.driver.read(self._base_name(obj), index, check=True).value

    def _get_raw(self, class_id: int, ln: str, index: int, access: SelectiveAccess | None = None) -> Any:
        return self.driver.get(class_id, ln, index, access, check=True).value


def _association_version(object_list: Any) -> int:
    """The version of the current association, from its own entry in the object list (default 2)."""
    if isinstance(object_list, list):
        wanted = bytes((0, 0, 40, 0, 0, 255))
        for element in object_list:
            try:
                if int(element[0]) == ObjectType.ASSOCIATION_LOGICAL_NAME and bytes(element[2]) == wanted:
                    return int(element[1])
            except (TypeError, IndexError, ValueError):
                continue
    return 2


__all__ = ["SCALER_OF", "Meter", "Target", "authentication_of", "make_settings"]
