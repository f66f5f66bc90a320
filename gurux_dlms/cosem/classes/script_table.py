"""Script table (class 9): named lists of writes and method calls the meter runs on demand."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any

from ...data import codec
from ...data.types import DataType, GXArray, GXEnum, GXInt8, GXStructure, GXUInt16
from ..access import AccessMode
from ..base import Attribute, GXDLMSObject, Method, ValueEventArgs
from ..object_type import ObjectType
from ..registry import register_class
from .object_references import (
    as_int,
    check_array,
    check_structure,
    find_object,
    reference_to_data,
    resolve_object,
)


class ScriptActionType(IntEnum):
    """What a script action does (Gurux's ``ScriptActionType``)."""

    NOTHING = 0
    WRITE = 1
    EXECUTE = 2


@dataclass(eq=True)
class GXDLMSScriptAction:
    """One action: write attribute ``index`` of ``target`` or execute its method ``index`` with ``parameter``."""

    type: ScriptActionType | int = ScriptActionType.WRITE
    target: Any = None
    index: int = 0
    parameter: Any = None
    parameterDataType: DataType = DataType.NONE


@dataclass(eq=True)
class GXDLMSScript:
    """A script: its identifier and its actions."""

    id: int = 0
    actions: list[GXDLMSScriptAction] = field(default_factory=list)


def _action_to_data(action: GXDLMSScriptAction) -> GXStructure:
    class_id, ln = reference_to_data(action.target)
    parameter = action.parameter
    if action.parameterDataType != DataType.NONE and parameter is not None and not hasattr(parameter, "dataType"):
        parameter = codec.typed(parameter, action.parameterDataType)
    return GXStructure([GXEnum(int(action.type)), class_id, ln, GXInt8(action.index), parameter])


def _action_from_data(value: Any, settings: Any) -> GXDLMSScriptAction:
    members = check_structure(value, 5, "script action")
    kind = as_int(members[0], "script action service id")
    try:
        kind = ScriptActionType(kind)
    except ValueError:
        pass
    target = resolve_object(settings, as_int(members[1], "script action class id"), members[2])
    parameter = members[4]
    data_type = DataType.NONE
    if parameter is not None:
        data_type = codec.infer_type(parameter)
    return GXDLMSScriptAction(kind, target, as_int(members[3], "script action index"), parameter, data_type)


def scripts_to_data(obj: Any, settings: Any) -> GXArray:
    return GXArray(GXStructure([GXUInt16(script.id), GXArray(_action_to_data(a) for a in script.actions)])
                   for script in obj.scripts)


def scripts_from_data(obj: Any, value: Any, settings: Any) -> None:
    scripts = []
    for item in check_array(value, "scripts"):
        members = check_structure(item, 2, "script")
        actions = [_action_from_data(a, settings) for a in check_array(members[1], "script actions")]
        scripts.append(GXDLMSScript(as_int(members[0], "script identifier"), actions))
    obj.scripts = scripts


@register_class
class GXDLMSScriptTable(GXDLMSObject):
    """A COSEM Script table: ``scripts`` is a list of :class:`GXDLMSScript`."""

    CLASS_ID = ObjectType.SCRIPT_TABLE
    VERSION = 0
    ATTRIBUTES = (
        Attribute(2, "scripts", "Scripts", DataType.ARRAY, factory=list, static=True, to_data=scripts_to_data,
                  from_data=scripts_from_data, access=AccessMode.READ_WRITE),
    )
    METHODS = (Method(1, "execute", "Execute", DataType.UINT16),)

    scripts: list[GXDLMSScript]

    def __init__(self, ln: str | None = None, sn: int = 0) -> None:
        super().__init__(ln, sn)
        self._running = False

    def execute(self, client: Any, script: GXDLMSScript | int) -> Any:
        """Frames that run a script (given by its identifier or itself)."""
        return self._method_request(client, 1, GXUInt16(script.id if isinstance(script, GXDLMSScript) else script))

    def invoke(self, settings: Any, e: ValueEventArgs) -> Any:
        """Execute (1): perform the actions of every script with the given identifier, in order.

        Targets are the server's own objects (``settings.objects``) when it has them.  A
        script that (directly or not) executes its own table again is not re-entered.
        """
        if e.index != 1:
            return super().invoke(settings, e)
        if self._running:
            return None
        script_id = int(e.parameters or 0)
        self._running = True
        try:
            for script in self.scripts:
                if script.id == script_id:
                    for action in script.actions:
                        self._perform(settings, action)
        finally:
            self._running = False
        return None

    @staticmethod
    def _perform(settings: Any, action: GXDLMSScriptAction) -> None:
        if action.target is None:
            return
        target: GXDLMSObject = find_object(settings, action.target)
        if action.type == ScriptActionType.WRITE:
            target.set_attribute_data(action.index, action.parameter, settings)
        elif action.type == ScriptActionType.EXECUTE:
            target.invoke(settings, ValueEventArgs(target, action.index, parameters=action.parameter,
                                                   settings=settings))


__all__ = ["GXDLMSScript", "GXDLMSScriptAction", "GXDLMSScriptTable", "ScriptActionType"]
