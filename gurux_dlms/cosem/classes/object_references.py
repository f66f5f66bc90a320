"""Values many interface classes share: references to other objects, scripts, names and dates.

COSEM attributes point at other objects all the time (capture objects, monitored values,
script actions, commodities ...) as ``class_id`` + ``logical_name`` (+ attribute index).
This module turns those references into objects (the server's own object when
``settings.objects`` has it, a new one otherwise) and back, checks the shape of decoded
structures with clear errors, and converts the octet strings that are really names,
logical names, dates or times.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ...data.datetime import GXDate, GXDateTime, GXTime
from ...data.obis import obis_to_bytes, obis_to_str
from ...data.types import DataType, GXInt8, GXStructure, GXUInt16
from ...errors import ConfigurationError, DecodeError
from ..base import GXDLMSObject
from ..object_type import ObjectType
from ..registry import create_object

_ZERO_LN = bytes(6)


# --- shape checks ---------------------------------------------------------------------------
def check_structure(value: Any, count: int, what: str) -> list[Any]:
    """``value`` as a structure of at least ``count`` members, else DecodeError naming ``what``."""
    if not isinstance(value, list) or len(value) < count:
        found = f"{type(value).__name__} of {len(value)}" if isinstance(value, list) else type(value).__name__
        raise DecodeError(what, expected=f"a structure of {count} members", found=found)
    return value


def check_array(value: Any, what: str) -> list[Any]:
    """``value`` as an array (None is an empty one), else DecodeError naming ``what``."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise DecodeError(what, expected="an array", found=type(value).__name__)
    return value


def as_int(value: Any, what: str) -> int:
    """An integer member, else DecodeError."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise DecodeError(what, expected="an integer", found=repr(value))
    return int(value)


def as_octets(value: Any, what: str) -> bytes:
    """An octet-string member (None is empty), else DecodeError."""
    if value is None:
        return b""
    if not isinstance(value, (bytes, bytearray)):
        raise DecodeError(what, expected="an octet-string", found=type(value).__name__)
    return bytes(value)


# --- names, logical names, dates ----------------------------------------------------------------
def octets(value: Any) -> bytearray:
    """An octet string to send for a name given as text or bytes (None is empty)."""
    if value is None:
        return bytearray()
    if isinstance(value, str):
        return bytearray(value.encode("utf-8"))
    return bytearray(value)


def text_from(value: Any) -> str | bytearray:
    """A name read from an octet string: text when it is printable ASCII, else the bytes.

    A meter that sends the name as a visible-string gets it back as text (sent as an octet string).
    """
    if isinstance(value, str):
        return value
    raw = as_octets(value, "name")
    if all(0x20 <= b < 0x7F for b in raw):
        return raw.decode("ascii")
    return bytearray(raw)


def ln_octets(value: Any) -> bytearray:
    """The six bytes of a logical name given as text or bytes (None: 0.0.0.0.0.0)."""
    if value is None:
        return bytearray(_ZERO_LN)
    if isinstance(value, str):
        return bytearray(obis_to_bytes(value))
    return bytearray(value)


def ln_from(value: Any) -> str | bytearray:
    """A logical name read from an octet string: dotted text for six bytes, else the bytes kept."""
    raw = as_octets(value, "logical name")
    return obis_to_str(raw) if len(raw) == 6 else bytearray(raw)


_DATE_CLASSES: dict[DataType, tuple[type[GXDateTime], int]] = {
    DataType.DATETIME: (GXDateTime, 12),
    DataType.DATE: (GXDate, 5),
    DataType.TIME: (GXTime, 4),
}


def date_octets(value: Any, kind: DataType = DataType.DATETIME) -> bytearray:
    """The octet string of a date-time, date or time value (None is empty; bytes are kept)."""
    if value is None:
        return bytearray()
    if isinstance(value, (bytes, bytearray)):
        return bytearray(value)
    cls = _DATE_CLASSES[kind][0]
    if not isinstance(value, cls):
        value = cls.from_raw(value.raw) if isinstance(value, GXDateTime) else cls(value)
    return bytearray(value.to_bytes())


def date_from(value: Any, kind: DataType = DataType.DATETIME) -> Any:
    """A date-time, date or time read from an octet string of the right size (other sizes kept)."""
    if isinstance(value, GXDateTime):
        return value
    raw = as_octets(value, kind.name.lower())
    cls, size = _DATE_CLASSES[kind]
    return cls.from_bytes(raw) if len(raw) == size else bytearray(raw)


def to_date_value(value: Any, kind: DataType = DataType.DATETIME) -> Any:
    """A user-given date-time/date/time (datetime, text, bytes) as the value class of ``kind``."""
    if value is None or isinstance(value, GXDateTime):
        return value
    cls, size = _DATE_CLASSES[kind]
    if isinstance(value, (bytes, bytearray)):
        return cls.from_bytes(bytes(value)) if len(value) == size else bytearray(value)
    try:
        return cls(value)
    except (ValueError, TypeError) as exc:
        raise ConfigurationError(kind.name.lower(), expected="a datetime, text or bytes", found=repr(value)) from exc


def clock_time(settings: Any) -> GXDateTime | None:
    """The time of the server's clock (0.0.1.0.0.255 in ``settings.objects``), or None.

    The engine reads no system clock: methods that stamp a time (reset, next period,
    capture ...) use the server's Clock object, which the server keeps current.
    """
    objects = getattr(settings, "objects", None)
    if objects is None:
        return None
    clock = objects.findByLN(ObjectType.CLOCK, "0.0.1.0.0.255")
    time = getattr(clock, "time", None)
    return time if isinstance(time, GXDateTime) else None


# --- object references -----------------------------------------------------------------------
def resolve_object(settings: Any, class_id: int, ln: Any) -> GXDLMSObject | None:
    """The object a reference names: the server's own when ``settings.objects`` has it, else a new one.

    A reference of class 0 to 0.0.0.0.0.0 is the "no object" value and gives None.
    """
    raw = as_octets(ln, "logical name")
    if len(raw) != 6:
        raise DecodeError("logical name", expected="6 bytes", found=f"{len(raw)} bytes")
    if not class_id and raw == _ZERO_LN:
        return None
    objects = getattr(settings, "objects", None)
    if objects is not None:
        found = objects.findByLN(class_id, raw)
        if found is not None:
            return found
    return create_object(class_id, obis_to_str(raw))


def reference_to_data(obj: GXDLMSObject | None) -> tuple[GXUInt16, bytearray]:
    """(class id, logical name) of a referenced object; None is class 0, 0.0.0.0.0.0."""
    if obj is None:
        return GXUInt16(0), bytearray(_ZERO_LN)
    return GXUInt16(int(obj.objectType)), bytearray(obj.logical_name_bytes)


def find_object(settings: Any, obj: GXDLMSObject) -> GXDLMSObject:
    """The server's own instance of ``obj`` (same class and logical name), else ``obj`` itself."""
    objects = getattr(settings, "objects", None)
    if objects is not None:
        found = objects.findByLN(obj.objectType, obj.logicalName)
        if found is not None:
            return found
    return obj


@dataclass(eq=True)
class GXDLMSCaptureObject:
    """Which attribute (and element of it, 1-based; 0 = all) of an object is captured."""

    attributeIndex: int = 0
    dataIndex: int = 0


def capture_definition_to_data(obj: GXDLMSObject | None, attribute_index: int, data_index: int) -> GXStructure:
    """capture_object_definition ::= structure {class_id, logical_name, attribute_index, data_index}."""
    class_id, ln = reference_to_data(obj)
    return GXStructure([class_id, ln, GXInt8(attribute_index), GXUInt16(data_index)])


def capture_definition_from_data(value: Any, settings: Any,
                                 what: str = "capture object definition") -> tuple[Any, GXDLMSCaptureObject]:
    """(object, GXDLMSCaptureObject) of a capture object definition (3 or 4 members)."""
    members = check_structure(value, 3, what)
    obj = resolve_object(settings, as_int(members[0], f"{what} class id"), members[1])
    data_index = as_int(members[3], f"{what} data index") if len(members) > 3 else 0
    return obj, GXDLMSCaptureObject(as_int(members[2], f"{what} attribute index"), data_index)


@dataclass(eq=True)
class GXDLMSTarget:
    """An attribute of an object (and element of it), with a value: parameter monitor entries."""

    target: Any = None
    attributeIndex: int = 0
    dataIndex: int = 0
    value: Any = None


@dataclass(eq=True)
class GXDLMSMonitoredValue:
    """The attribute a monitor watches: class, logical name and attribute index."""

    objectType: int = ObjectType.NONE
    logicalName: str = "0.0.0.0.0.0"
    attributeIndex: int = 0

    def update(self, value: GXDLMSObject, attributeIndex: int) -> None:
        """Watch ``attributeIndex`` of ``value``."""
        self.objectType = value.objectType
        self.logicalName = value.logicalName
        self.attributeIndex = attributeIndex


def monitored_value_to_data(value: GXDLMSMonitoredValue | None) -> GXStructure:
    """value_definition ::= structure {class_id, logical_name, attribute_index}."""
    if value is None:
        value = GXDLMSMonitoredValue()
    return GXStructure([GXUInt16(int(value.objectType)), ln_octets(value.logicalName), GXInt8(value.attributeIndex)])


def monitored_value_from_data(value: Any) -> GXDLMSMonitoredValue:
    members = check_structure(value, 3, "monitored value")
    class_id = as_int(members[0], "monitored value class id")
    try:
        object_type: int = ObjectType(class_id)
    except ValueError:
        object_type = class_id
    return GXDLMSMonitoredValue(object_type, ln_from(members[1]),  # type: ignore[arg-type]
                                as_int(members[2], "monitored value attribute index"))


@dataclass(eq=True)
class GXDLMSActionItem:
    """A script to execute: the script table's logical name and the script's identifier."""

    logicalName: str = "0.0.0.0.0.0"
    scriptSelector: int = 0


def action_item_to_data(item: GXDLMSActionItem | None) -> GXStructure:
    """action_item ::= structure {script_logical_name, script_selector}."""
    if item is None:
        item = GXDLMSActionItem()
    return GXStructure([ln_octets(item.logicalName), GXUInt16(item.scriptSelector)])


def action_item_from_data(value: Any, what: str = "action item") -> GXDLMSActionItem:
    members = check_structure(value, 2, what)
    return GXDLMSActionItem(ln_from(members[0]), as_int(members[1], f"{what} script selector"))  # type: ignore[arg-type]


@dataclass(eq=True)
class GXDLMSActionSet:
    """The scripts a register monitor runs when a threshold is crossed upwards and downwards."""

    actionUp: GXDLMSActionItem = field(default_factory=GXDLMSActionItem)
    actionDown: GXDLMSActionItem = field(default_factory=GXDLMSActionItem)


def execute_script(settings: Any, item: GXDLMSActionItem) -> bool:
    """Run a script of a script table of the server (True when one was found and run)."""
    objects = getattr(settings, "objects", None)
    if objects is None or not isinstance(item.logicalName, str):
        return False
    table = objects.findByLN(ObjectType.SCRIPT_TABLE, item.logicalName)
    if table is None:
        return False
    from ..base import ValueEventArgs

    table.invoke(settings, ValueEventArgs(table, 1, parameters=item.scriptSelector))
    return True


__all__ = [
    "GXDLMSActionItem",
    "GXDLMSActionSet",
    "GXDLMSCaptureObject",
    "GXDLMSMonitoredValue",
    "GXDLMSTarget",
    "action_item_from_data",
    "action_item_to_data",
    "as_int",
    "as_octets",
    "capture_definition_from_data",
    "capture_definition_to_data",
    "check_array",
    "check_structure",
    "clock_time",
    "date_from",
    "date_octets",
    "execute_script",
    "find_object",
    "ln_from",
    "ln_octets",
    "monitored_value_from_data",
    "monitored_value_to_data",
    "octets",
    "reference_to_data",
    "resolve_object",
    "text_from",
    "to_date_value",
]
