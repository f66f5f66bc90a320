"""Register monitor (class 21): run scripts when a value crosses thresholds, upwards or downwards."""

from __future__ import annotations

from typing import Any

from ...data.types import DataType, GXArray, GXStructure
from ..access import AccessMode
from ..base import Attribute, GXDLMSObject
from ..object_type import ObjectType
from ..registry import register_class
from .object_references import (
    GXDLMSActionItem,
    GXDLMSActionSet,
    GXDLMSMonitoredValue,
    action_item_from_data,
    action_item_to_data,
    check_array,
    check_structure,
    execute_script,
    monitored_value_from_data,
    monitored_value_to_data,
)


def thresholds_to_data(obj: Any, settings: Any) -> GXArray:
    return GXArray(obj.thresholds)


def thresholds_from_data(obj: Any, value: Any, settings: Any) -> None:
    obj.thresholds = list(check_array(value, "thresholds"))


def monitored_to_data(obj: Any, settings: Any) -> GXStructure:
    return monitored_value_to_data(obj.monitoredValue)


def monitored_from_data(obj: Any, value: Any, settings: Any) -> None:
    obj.monitoredValue = monitored_value_from_data(value)


def actions_to_data(obj: Any, settings: Any) -> GXArray:
    return GXArray(GXStructure([action_item_to_data(a.actionUp), action_item_to_data(a.actionDown)])
                   for a in obj.actions)


def actions_from_data(obj: Any, value: Any, settings: Any) -> None:
    actions = []
    for item in check_array(value, "register monitor actions"):
        members = check_structure(item, 2, "action set")
        actions.append(GXDLMSActionSet(action_item_from_data(members[0], "action up"),
                                       action_item_from_data(members[1], "action down")))
    obj.actions = actions


@register_class
class GXDLMSRegisterMonitor(GXDLMSObject):
    """A COSEM Register monitor.

    ``thresholds`` are values of the monitored attribute's type; ``actions[i]`` holds the
    scripts run when the value crosses ``thresholds[i]`` upwards and downwards.
    """

    CLASS_ID = ObjectType.REGISTER_MONITOR
    VERSION = 0
    ATTRIBUTES = (
        Attribute(2, "thresholds", "Thresholds", DataType.ARRAY, factory=list, static=True,
                  to_data=thresholds_to_data, from_data=thresholds_from_data, access=AccessMode.READ_WRITE),
        Attribute(3, "monitoredValue", "Monitored Value", DataType.STRUCTURE, factory=GXDLMSMonitoredValue,
                  static=True, to_data=monitored_to_data, from_data=monitored_from_data, access=AccessMode.READ_WRITE),
        Attribute(4, "actions", "Actions", DataType.ARRAY, factory=list, static=True, to_data=actions_to_data,
                  from_data=actions_from_data, access=AccessMode.READ_WRITE),
    )

    thresholds: list[Any]
    monitoredValue: GXDLMSMonitoredValue
    actions: list[GXDLMSActionSet]

    def check(self, settings: Any, previous: Any, current: Any) -> list[GXDLMSActionItem]:
        """The scripts due when the monitored value went from ``previous`` to ``current`` (server side).

        They come in the order the thresholds were crossed.  Scripts found in the server's script tables (``settings.objects``) are also run.
        """
        if not isinstance(previous, (int, float)) or not isinstance(current, (int, float)):
            return []
        crossed: list[tuple[Any, GXDLMSActionItem]] = []
        for threshold, action in zip(self.thresholds, self.actions):
            if not isinstance(threshold, (int, float)):
                continue
            if previous <= threshold < current:
                crossed.append((threshold, action.actionUp))
            elif current <= threshold < previous:
                crossed.append((threshold, action.actionDown))
        crossed.sort(key=lambda item: item[0], reverse=current < previous)  # in the order they were crossed
        due = [action for _, action in crossed]
        for item in due:
            execute_script(settings, item)
        return due


__all__ = ["GXDLMSActionItem", "GXDLMSActionSet", "GXDLMSMonitoredValue", "GXDLMSRegisterMonitor"]
