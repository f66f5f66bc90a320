"""Parameter monitor (class 65): records which monitored parameter changed last, to what, and when."""

from __future__ import annotations

from typing import Any

from ...data.datetime import GXDateTime
from ...data.types import DataType, GXArray, GXInt8, GXStructure
from ..access import AccessMode
from ..base import Attribute, GXDLMSObject, Method, ValueEventArgs, to_datetime_value
from ..object_type import ObjectType
from ..registry import register_class
from .object_references import (
    GXDLMSTarget,
    as_int,
    check_array,
    check_structure,
    clock_time,
    reference_to_data,
    resolve_object,
)


def _parameter_to_data(item: GXDLMSTarget) -> GXStructure:
    return GXStructure([*reference_to_data(item.target), GXInt8(item.attributeIndex)])


def _parameter_from_data(value: Any, settings: Any, what: str = "monitored parameter") -> GXDLMSTarget:
    m = check_structure(value, 3, what)
    target = resolve_object(settings, as_int(m[0], f"{what} class id"), m[1])
    return GXDLMSTarget(target, as_int(m[2], f"{what} attribute index"))


def changed_to_data(obj: Any, settings: Any) -> GXStructure:
    item = obj.changedParameter
    return GXStructure([*reference_to_data(item.target), GXInt8(item.attributeIndex), item.value])


def changed_from_data(obj: Any, value: Any, settings: Any) -> None:
    m = check_structure(value, 4, "changed parameter")
    item = _parameter_from_data(m, settings, "changed parameter")
    item.value = m[3]
    obj.changedParameter = item


def parameters_to_data(obj: Any, settings: Any) -> GXArray:
    return GXArray(_parameter_to_data(item) for item in obj.parameters)


def parameters_from_data(obj: Any, value: Any, settings: Any) -> None:
    obj.parameters = [_parameter_from_data(item, settings) for item in check_array(value, "parameter list")]


def _same(a: GXDLMSTarget, b: GXDLMSTarget) -> bool:
    """True when two entries name the same attribute of the same object."""
    if a.attributeIndex != b.attributeIndex:
        return False
    if a.target is None or b.target is None:
        return a.target is b.target
    return int(a.target.objectType) == int(b.target.objectType) and a.target.logicalName == b.target.logicalName


@register_class
class GXDLMSParameterMonitor(GXDLMSObject):
    """A COSEM Parameter monitor.

    ``parameters`` lists the watched attributes (:class:`GXDLMSTarget` without value);
    ``changedParameter`` is the last one that changed, with its new ``value``;
    ``captureTime`` when that was.
    """

    CLASS_ID = ObjectType.PARAMETER_MONITOR
    VERSION = 0
    ATTRIBUTES = (
        Attribute(2, "changedParameter", "Changed Parameter", DataType.STRUCTURE, factory=GXDLMSTarget,
                  to_data=changed_to_data, from_data=changed_from_data),
        Attribute(3, "captureTime", "Capture Time", DataType.OCTET_STRING, ui=DataType.DATETIME, factory=GXDateTime),
        Attribute(4, "parameters", "Parameters", DataType.ARRAY, factory=list, static=True,
                  to_data=parameters_to_data, from_data=parameters_from_data, access=AccessMode.READ_WRITE),
    )
    METHODS = (
        Method(1, "insert", "Add parameter", DataType.STRUCTURE),
        Method(2, "delete", "Delete parameter", DataType.STRUCTURE),
    )

    changedParameter: GXDLMSTarget
    captureTime: GXDateTime
    parameters: list[GXDLMSTarget]

    def __setattr__(self, name: str, value: Any) -> None:
        if name == "captureTime" and value is not None and not isinstance(value, GXDateTime):
            value = to_datetime_value(value)
        object.__setattr__(self, name, value)

    # --- client helpers (Gurux names) --------------------------------------------------
    def insert(self, client: Any, entry: GXDLMSTarget) -> Any:
        return self._method_request(client, 1, _parameter_to_data(entry))

    def delete(self, client: Any, entry: GXDLMSTarget) -> Any:
        return self._method_request(client, 2, _parameter_to_data(entry))

    # --- server side ----------------------------------------------------------------------
    def invoke(self, settings: Any, e: ValueEventArgs) -> Any:
        """add_parameter (1) adds a watched attribute once; delete_parameter (2) removes it."""
        if e.index not in (1, 2):
            return super().invoke(settings, e)
        item = _parameter_from_data(e.parameters, settings)
        self.parameters = [p for p in self.parameters if not _same(p, item)]
        if e.index == 1:
            self.parameters.append(item)
        return None

    def record_change(self, settings: Any, target: GXDLMSObject, attributeIndex: int, value: Any) -> bool:
        """Note that a watched attribute changed (server side); False when it is not watched.

        ``captureTime`` takes the server clock's time when the server has a Clock object.
        """
        item = GXDLMSTarget(target, attributeIndex, 0, value)
        if not any(_same(p, item) for p in self.parameters):
            return False
        self.changedParameter = item
        now = clock_time(settings)
        if now is not None:
            self.captureTime = GXDateTime(now)
        return True


__all__ = ["GXDLMSParameterMonitor", "GXDLMSTarget"]
