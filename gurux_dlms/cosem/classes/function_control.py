"""Function control (class 122): named functions of the meter, the objects they use, on or off."""

from __future__ import annotations

from typing import Any

from ...data.types import DataType, GXArray, GXStructure
from ...errors import DecodeError
from ..base import Attribute, GXDLMSObject, Method, ValueEventArgs
from ..object_type import ObjectType
from ..registry import register_class
from .object_references import (
    as_int,
    check_array,
    check_structure,
    octets,
    reference_to_data,
    resolve_object,
    text_from,
)


def _status_to_data(item: tuple[Any, bool]) -> GXStructure:
    return GXStructure([octets(item[0]), bool(item[1])])


def _status_from_data(value: Any) -> tuple[Any, bool]:
    m = check_structure(value, 2, "function status")
    if not isinstance(m[1], bool):
        raise DecodeError("function status", expected="a boolean", found=type(m[1]).__name__)
    return text_from(m[0]), m[1]


def _function_to_data(item: tuple[Any, list[Any]]) -> GXStructure:
    return GXStructure([octets(item[0]), GXArray(GXStructure(reference_to_data(o)) for o in item[1])])


def _function_from_data(value: Any, settings: Any) -> tuple[Any, list[Any]]:
    m = check_structure(value, 2, "function")
    objects = []
    for spec in check_array(m[1], "function specifications"):
        s = check_structure(spec, 2, "function specification")
        objects.append(resolve_object(settings, as_int(s[0], "function specification class id"), s[1]))
    return text_from(m[0]), objects


def status_to_data(obj: Any, settings: Any) -> GXArray:
    return GXArray(_status_to_data(item) for item in obj.activationStatus)


def status_from_data(obj: Any, value: Any, settings: Any) -> None:
    obj.activationStatus = [_status_from_data(item) for item in check_array(value, "activation status")]


def functions_to_data(obj: Any, settings: Any) -> GXArray:
    return GXArray(_function_to_data(item) for item in obj.functionList)


def functions_from_data(obj: Any, value: Any, settings: Any) -> None:
    obj.functionList = [_function_from_data(item, settings) for item in check_array(value, "function list")]


def _key(name: Any) -> bytes:
    """A function name as bytes, so text and byte names compare."""
    return bytes(octets(name))


def _elements(value: Any) -> list[Any]:
    """A method parameter given as one element or as an array of them."""
    if isinstance(value, GXArray):
        return list(value)
    return [value]


@register_class
class GXDLMSFunctionControl(GXDLMSObject):
    """A COSEM Function control.

    ``activationStatus`` is a list of ``(function name, enabled)``; ``functionList`` a list
    of ``(function name, [objects])``.  Names are text when printable ASCII, else bytes.
    """

    CLASS_ID = ObjectType.FUNCTION_CONTROL
    VERSION = 0
    ATTRIBUTES = (
        Attribute(2, "activationStatus", "Activation Status", DataType.ARRAY, factory=list, to_data=status_to_data,
                  from_data=status_from_data),
        Attribute(3, "functionList", "Function List", DataType.ARRAY, factory=list, static=True,
                  to_data=functions_to_data, from_data=functions_from_data),
    )
    METHODS = (
        Method(1, "setFunctionStatus", "Set function status", DataType.ARRAY),
        Method(2, "addFunction", "Add function", DataType.STRUCTURE),
        Method(3, "removeFunction", "Remove function", DataType.OCTET_STRING),
    )

    activationStatus: list[tuple[Any, bool]]
    functionList: list[tuple[Any, list[Any]]]

    # --- client helpers (Gurux names) --------------------------------------------------
    def setFunctionStatus(self, client: Any, functions: list[tuple[Any, bool]]) -> Any:
        return self._method_request(client, 1, GXArray(_status_to_data(item) for item in functions))

    def addFunction(self, client: Any, name: Any, objects: list[GXDLMSObject]) -> Any:
        return self._method_request(client, 2, _function_to_data((name, objects)))

    def removeFunction(self, client: Any, name: Any) -> Any:
        return self._method_request(client, 3, octets(name))

    # --- server side ----------------------------------------------------------------------
    def invoke(self, settings: Any, e: ValueEventArgs) -> Any:
        """set_function_status (1) switches named functions; add_function (2) adds or replaces a
        function (enabled); remove_function (3) removes one.  Each accepts one element or an array."""
        if e.index == 1:
            for name, enabled in (_status_from_data(item) for item in _elements(e.parameters)):
                key = _key(name)
                for position, (existing, _) in enumerate(self.activationStatus):
                    if _key(existing) == key:
                        self.activationStatus[position] = (existing, enabled)
                        break
                else:
                    self.activationStatus.append((name, enabled))
        elif e.index == 2:
            for item in _elements(e.parameters):
                name, objects = _function_from_data(item, settings)
                self._remove(name)
                self.functionList.append((name, objects))
                self.activationStatus.append((name, True))
        elif e.index == 3:
            for item in _elements(e.parameters):
                name = item[0] if isinstance(item, list) and item else item
                self._remove(text_from(name))
        else:
            return super().invoke(settings, e)
        return None

    def _remove(self, name: Any) -> None:
        key = _key(name)
        self.functionList = [f for f in self.functionList if _key(f[0]) != key]
        self.activationStatus = [s for s in self.activationStatus if _key(s[0]) != key]


__all__ = ["GXDLMSFunctionControl"]
