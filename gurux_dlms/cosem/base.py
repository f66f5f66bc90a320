"""The COSEM object base: interface classes described by attribute and method tables.

Every interface class declares its attributes and methods once, in ``ATTRIBUTES`` and
``METHODS`` tables (index, Python name, Gurux title, DLMS type, UI type, default, static,
version range, default access).  From those tables the base class gives the generic
behaviour every class shares: defaults, ``getValue``/``setValue`` (attribute value to and
from DLMS data), ``getNames()``, ``getMethodNames()``, ``getAttributeCount()``,
``getDataType()``, ``getUIDataType()``, ``getValues()``, access rights and read bookkeeping.
Only structured attributes (capture objects, object lists, schedules ...) bring their own
``to_data``/``from_data`` functions.
"""

from __future__ import annotations

import copy
import functools
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import IntEnum
from typing import Any, ClassVar

from ..data import codec
from ..data.datetime import GXDateTime
from ..data.obis import obis_to_bytes, obis_to_str
from ..data.types import DataType
from ..errors import ConfigurationError, DecodeError, LocalProtocolError
from .access import AccessMode, AccessMode3, MethodAccessMode, MethodAccessMode3, can_read
from .object_type import ObjectType

log = logging.getLogger(__name__)

ToData = Callable[[Any, Any], Any]  # (obj, settings) -> DLMS value tree
FromData = Callable[[Any, Any, Any], None]  # (obj, value, settings) -> None


@dataclass(frozen=True, slots=True)
class Attribute:
    """One attribute of an interface class.

    ``name`` is the Python (Gurux) property that holds the value, ``title`` what
    ``getNames()`` shows.  ``data_type`` is the DLMS type on the wire (``NONE``: whatever the
    value is, e.g. the value of a Data object), ``ui`` how it is shown (an octet string
    that is really a date-time has ``ui=DATETIME``).  ``default`` is copied into every new
    object (``factory`` builds a fresh one instead, for lists).  ``to_data``/``from_data``
    are given only for structured attributes.  ``since``/``until`` bound the class versions
    that have the attribute.
    """

    index: int
    name: str
    title: str
    data_type: DataType = DataType.NONE
    ui: DataType | None = None
    default: Any = None
    factory: Callable[[], Any] | None = None
    static: bool = False
    enum: type[int] | None = None
    to_data: ToData | None = None
    from_data: FromData | None = None
    since: int = 0
    until: int | None = None
    access: int = AccessMode.READ
    selectable: tuple[int, ...] = ()

    def in_version(self, version: int) -> bool:
        return self.since <= version and (self.until is None or version <= self.until)


@dataclass(frozen=True, slots=True)
class Method:
    """One method of an interface class: index, Python name, Gurux title, parameter type."""

    index: int
    name: str
    title: str
    data_type: DataType = DataType.NONE
    since: int = 0
    until: int | None = None
    access: int = MethodAccessMode.ACCESS

    def in_version(self, version: int) -> bool:
        return self.since <= version and (self.until is None or version <= self.until)


LOGICAL_NAME = Attribute(1, "logicalName", "Logical Name", DataType.OCTET_STRING, static=True)


class ValueEventArgs:
    """Arguments of an attribute or method access (Gurux's ``ValueEventArgs``).

    Carries the target object, the attribute or method ``index``, the selective access
    ``selector``/``parameters``, the ``value`` read, written or returned, and the server's
    answer flags (``handled``, ``error``).
    """

    def __init__(self, target: Any = None, index: int = 0, selector: int = 0, parameters: Any = None,
                 value: Any = None, settings: Any = None) -> None:
        self.target = target
        self.index = index
        self.selector = selector
        self.parameters = parameters
        self.value = value
        self.settings = settings
        self.handled = False
        self.error = 0
        self.action = False
        self.byteArray = False
        self.skipMaxPduSize = False
        self.rowToPdu = 0
        self.rowBeginIndex = 0
        self.rowEndIndex = 0
        self.invokeId = 0

    def __repr__(self) -> str:
        name = getattr(self.target, "logicalName", None)
        return f"ValueEventArgs({name!r}, index={self.index}, selector={self.selector})"


class GXDLMSObject:
    """Base of every COSEM interface class.

    ``GXDLMSClock()`` has the class's default logical name; ``GXDLMSClock("0.0.1.0.0.255")``
    or ``GXDLMSRegister("1.0.1.8.0.255", sn=0x100)`` name it explicitly.
    """

    CLASS_ID: ClassVar[int] = ObjectType.NONE
    VERSION: ClassVar[int] = 0
    DEFAULT_LN: ClassVar[str] = "0.0.0.0.0.0"
    ATTRIBUTES: ClassVar[tuple[Attribute, ...]] = ()
    METHODS: ClassVar[tuple[Method, ...]] = ()

    def __init__(self, ln: str | None = None, sn: int = 0) -> None:
        self.logicalName: str = obis_to_str(ln) if ln is not None else self.DEFAULT_LN
        self.shortName: int = sn
        self.objectType = self._object_type()
        self.version: int = self.VERSION
        self.description: str = ""
        self._data_types: dict[int, DataType] = {}
        self._ui_types: dict[int, DataType] = {}
        self._access: dict[int, int] = {}
        self._access3: dict[int, int] = {}
        self._method_access: dict[int, int] = {}
        self._method_access3: dict[int, int] = {}
        self._read_times: dict[int, datetime] = {}
        self._static: dict[int, bool] = {}
        plan = _INIT_PLANS.get(type(self))
        if plan is None:
            plan = _init_plan(type(self))
        for name, default, make in plan:
            object.__setattr__(self, name, default if make is None else make())

    @classmethod
    def _object_type(cls) -> Any:
        return _OBJECT_TYPES.get(cls.CLASS_ID, cls.CLASS_ID)

    # --- identity ---------------------------------------------------------------------
    @property
    def name(self) -> Any:
        """The short name when one is set (SN referencing), else the logical name."""
        return self.shortName if self.shortName else self.logicalName

    @property
    def logical_name_bytes(self) -> bytes:
        """The six bytes of the logical name."""
        return obis_to_bytes(self.logicalName)

    def __repr__(self) -> str:
        return f"{type(self).__name__}('{self.logicalName}')"

    def __str__(self) -> str:
        text = f"{self.objectType.name if isinstance(self.objectType, IntEnum) else self.objectType} {self.logicalName}"
        return f"{text} {self.description}" if self.description else text

    @classmethod
    def validateLogicalName(cls, ln: str) -> None:
        """Raise ConfigurationError unless ``ln`` is a valid OBIS code."""
        obis_to_bytes(ln)

    # --- the tables -------------------------------------------------------------------
    @classmethod
    def attributes_of(cls, version: int) -> tuple[Attribute, ...]:
        """The attributes a given version of the class has."""
        return _attributes_of(cls, version)

    @classmethod
    def methods_of(cls, version: int) -> tuple[Method, ...]:
        """The methods a given version of the class has."""
        return _methods_of(cls, version)

    def attribute(self, index: int) -> Attribute:
        """The descriptor of attribute ``index`` (LocalProtocolError if the class has none)."""
        for attribute in _attributes_of(type(self), self.version):
            if attribute.index == index:
                return attribute
        raise LocalProtocolError(f"{type(self).__name__} v{self.version} attribute",
                                 expected=f"1..{self.getAttributeCount()}", found=index)

    def method_descriptor(self, index: int) -> Method:
        """The descriptor of method ``index``."""
        for method in _methods_of(type(self), self.version):
            if method.index == index:
                return method
        raise LocalProtocolError(f"{type(self).__name__} v{self.version} method",
                                 expected=f"1..{self.getMethodCount()}", found=index)

    def getAttributeCount(self) -> int:
        return len(_attributes_of(type(self), self.version))

    def getMethodCount(self) -> int:
        return len(_methods_of(type(self), self.version))

    def getNames(self) -> tuple[str, ...]:
        """Attribute titles in index order."""
        return tuple(a.title for a in _attributes_of(type(self), self.version))

    def getMethodNames(self) -> tuple[str, ...]:
        """Method titles in index order."""
        return tuple(m.title for m in _methods_of(type(self), self.version))

    def getValues(self) -> list[Any]:
        """Attribute values in index order (the logical name first)."""
        return [self.logicalName if a.index == 1 else getattr(self, a.name)
                for a in _attributes_of(type(self), self.version)]

    # --- types ------------------------------------------------------------------------
    def getDataType(self, index: int) -> DataType:
        """The DLMS type of attribute ``index`` (what it is encoded as)."""
        override = self._data_types.get(index)
        if override is not None:
            return override
        attribute = self.attribute(index)
        if attribute.data_type == DataType.NONE and attribute.index != 1:
            value = getattr(self, attribute.name)
            if value is not None:
                try:
                    return codec.infer_type(value)
                except LocalProtocolError:
                    return DataType.NONE
        return attribute.data_type

    def setDataType(self, index: int, data_type: DataType | int) -> None:
        self._data_types[index] = DataType(data_type)

    def getUIDataType(self, index: int) -> DataType:
        """How attribute ``index`` is shown (e.g. DATETIME for a clock's octet string)."""
        override = self._ui_types.get(index)
        if override is not None:
            return override
        attribute = self.attribute(index)
        return attribute.ui if attribute.ui is not None else DataType.NONE

    def setUIDataType(self, index: int, data_type: DataType | int) -> None:
        self._ui_types[index] = DataType(data_type)

    # --- access rights ----------------------------------------------------------------
    def getAccess(self, index: int) -> int:
        if index in self._access:
            return self._access[index]
        if index == 1:
            return AccessMode.READ
        try:
            return self.attribute(index).access
        except LocalProtocolError:
            return AccessMode.NO_ACCESS

    def setAccess(self, index: int, access: int) -> None:
        self._access[index] = access

    def getAccess3(self, index: int) -> int:
        return self._access3.get(index, AccessMode3(int(self.getAccess(index)) & 3))

    def setAccess3(self, index: int, access: int) -> None:
        self._access3[index] = access

    def getMethodAccess(self, index: int) -> int:
        if index in self._method_access:
            return self._method_access[index]
        try:
            return self.method_descriptor(index).access
        except LocalProtocolError:
            return MethodAccessMode.NO_ACCESS

    def setMethodAccess(self, index: int, access: int) -> None:
        self._method_access[index] = access

    def getMethodAccess3(self, index: int) -> int:
        return self._method_access3.get(index, MethodAccessMode3(int(self.getMethodAccess(index)) and 1))

    def setMethodAccess3(self, index: int, access: int) -> None:
        self._method_access3[index] = access

    def canRead(self, index: int) -> bool:
        """True when the access rights (as the association view gave them) allow reading."""
        return can_read(self.getAccess(index))

    # --- read bookkeeping -------------------------------------------------------------
    def getStatic(self, index: int) -> bool:
        if index in self._static:
            return self._static[index]
        try:
            return self.attribute(index).static
        except LocalProtocolError:
            return False

    def setStatic(self, index: int, value: bool) -> None:
        self._static[index] = value

    def getLastReadTime(self, index: int) -> datetime | None:
        return self._read_times.get(index)

    def setLastReadTime(self, index: int, when: datetime) -> None:
        self._read_times[index] = when

    def isRead(self, index: int) -> bool:
        """True when attribute ``index`` was read (static attributes need reading once)."""
        return index in self._read_times

    def getAttributeIndexToRead(self, all_: bool = False) -> list[int]:
        """Attributes worth reading: all when ``all_``, else those not static-and-already-read (LN excluded)."""
        indexes = [a.index for a in _attributes_of(type(self), self.version)]
        if all_:
            return indexes
        return [i for i in indexes if i != 1 and not (self.getStatic(i) and self.isRead(i))]

    # --- values to and from DLMS data -------------------------------------------------
    def get_attribute_data(self, index: int, settings: Any = None) -> Any:
        """The value of attribute ``index`` as a DLMS value tree, ready to encode."""
        attribute = self.attribute(index)
        if index == 1:
            return bytearray(self.logical_name_bytes)
        if attribute.to_data is not None:
            return attribute.to_data(self, settings)
        value = getattr(self, attribute.name)
        data_type = self._data_types.get(index, attribute.data_type)
        if data_type == DataType.NONE or value is None:
            return value
        try:
            return codec.typed(value, data_type)
        except (ValueError, TypeError) as exc:
            raise LocalProtocolError(f"{type(self).__name__} {self.logicalName} attribute {index}",
                                     expected=data_type.name, found=repr(value)) from exc

    def encode_attribute(self, index: int, settings: Any = None) -> bytes:
        """The A-XDR bytes (tag included) of attribute ``index``."""
        value = self.get_attribute_data(index, settings)
        attribute = self.attribute(index)
        data_type = self._data_types.get(index, attribute.data_type)
        if attribute.to_data is not None or data_type == DataType.NONE:
            return codec.encode(value)
        return codec.encode(value, data_type)

    def set_attribute_data(self, index: int, value: Any, settings: Any = None) -> None:
        """Store a decoded DLMS value into attribute ``index`` (converted as the table says)."""
        attribute = self.attribute(index)
        if index == 1:
            if isinstance(value, (bytes, bytearray)) and len(value) == 6:
                self.logicalName = obis_to_str(value)
            elif isinstance(value, str):
                self.logicalName = obis_to_str(value)
            else:
                raise DecodeError(f"{type(self).__name__} logical name", expected="6 bytes", found=repr(value))
            return
        if attribute.from_data is not None:
            try:
                attribute.from_data(self, value, settings)
            except (TypeError, IndexError, KeyError, AttributeError, ValueError) as exc:
                if isinstance(exc, DecodeError):
                    raise
                raise DecodeError(f"{type(self).__name__} {self.logicalName} attribute {index}",
                                  expected=f"the structure of '{attribute.title}'",
                                  found=f"{type(exc).__name__}: {exc}") from exc
            return
        if attribute.data_type == DataType.NONE and value is not None and index not in self._data_types:
            try:  # remember what the meter uses, so a later write sends the same type
                self._data_types[index] = codec.infer_type(value)
            except LocalProtocolError:
                pass
        object.__setattr__(self, attribute.name, self._convert(attribute, index, value))

    def _convert(self, attribute: Attribute, index: int, value: Any) -> Any:
        ui = self._ui_types.get(index, attribute.ui)
        if ui in (DataType.DATETIME, DataType.DATE, DataType.TIME) and isinstance(value, (bytes, bytearray)):
            if len(value) in (12, 5, 4):
                return codec.typed(value, ui)
            return value
        if attribute.enum is not None and isinstance(value, int) and not isinstance(value, bool):
            try:
                return attribute.enum(value)
            except ValueError:
                return value
        return value

    # Gurux entry points
    def getValue(self, settings: Any, e: ValueEventArgs) -> Any:
        """The value of attribute ``e.index`` as DLMS data (Gurux server/write entry point)."""
        return self.get_attribute_data(e.index, settings)

    def setValue(self, settings: Any, e: ValueEventArgs) -> None:
        """Store ``e.value`` into attribute ``e.index`` (Gurux client read entry point)."""
        self.set_attribute_data(e.index, e.value, settings)

    def invoke(self, settings: Any, e: ValueEventArgs) -> Any:
        """Execute method ``e.index`` on the server side; classes with methods override this."""
        raise LocalProtocolError(f"{type(self).__name__} method", expected="a method this class executes",
                                 found=e.index)

    # --- client helpers ---------------------------------------------------------------
    def _method_request(self, client: Any, index: int, value: Any = 0, data_type: DataType | None = None) -> Any:
        """Frames for calling method ``index`` through a Gurux-style client."""
        method = self.method_descriptor(index)
        return client.method(self, index, value, method.data_type if data_type is None else data_type)


_OBJECT_TYPES: dict[int, ObjectType] = {int(t): t for t in ObjectType}
_INIT_PLANS: dict[type, tuple[tuple[str, Any, Callable[[], Any] | None], ...]] = {}


def _init_plan(cls: type[GXDLMSObject]) -> tuple[tuple[str, Any, Callable[[], Any] | None], ...]:
    """What ``__init__`` sets on every new object of ``cls``: (name, default, maker of a fresh value).

    Worked out once per class, since object lists create thousands of objects at a time.
    The logical name and the properties a class computes itself are left out.
    """
    plan = []
    for attribute in cls.ATTRIBUTES:
        if attribute.index == 1 or isinstance(getattr(cls, attribute.name, None), property):
            continue
        make: Callable[[], Any] | None = attribute.factory
        if make is None and isinstance(attribute.default, (list, dict, bytearray, set)):
            make = functools.partial(copy.copy, attribute.default)
        plan.append((attribute.name, attribute.default, make))
    found = _INIT_PLANS[cls] = tuple(plan)
    return found


_ATTRIBUTE_CACHE: dict[tuple[type, int], tuple[Attribute, ...]] = {}
_METHOD_CACHE: dict[tuple[type, int], tuple[Method, ...]] = {}


def _attributes_of(cls: type[GXDLMSObject], version: int) -> tuple[Attribute, ...]:
    key = (cls, version)
    found = _ATTRIBUTE_CACHE.get(key)
    if found is None:
        table = cls.ATTRIBUTES
        if not table or table[0].index != 1:
            table = (LOGICAL_NAME, *table)
        found = _ATTRIBUTE_CACHE[key] = tuple(a for a in table if a.in_version(version))
    return found


def _methods_of(cls: type[GXDLMSObject], version: int) -> tuple[Method, ...]:
    key = (cls, version)
    found = _METHOD_CACHE.get(key)
    if found is None:
        found = _METHOD_CACHE[key] = tuple(m for m in cls.METHODS if m.in_version(version))
    return found


def is_server(settings: Any) -> bool:
    """True when ``settings`` belong to a server (values are then stored unscaled, as sent)."""
    return bool(getattr(settings, "isServer", False) or getattr(settings, "is_server", False))


def to_datetime_value(value: Any) -> GXDateTime | None:
    """A date-time attribute value from what a user or a meter gives (None stays None)."""
    if value is None or isinstance(value, GXDateTime):
        return value
    try:
        return codec.typed(value, DataType.DATETIME)
    except (ValueError, TypeError) as exc:
        raise ConfigurationError("date-time", expected="a datetime or 12 bytes", found=repr(value)) from exc


__all__ = [
    "LOGICAL_NAME",
    "Attribute",
    "GXDLMSObject",
    "Method",
    "ValueEventArgs",
    "is_server",
    "to_datetime_value",
]
