"""Limiter (class 71): act when a monitored value stays over or under a threshold for long enough."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ...data.datetime import GXDateTime
from ...data.types import DataType, GXArray, GXInt8, GXStructure, GXUInt16, GXUInt32
from ..access import AccessMode
from ..base import Attribute, GXDLMSObject
from ..object_type import ObjectType
from ..registry import register_class
from .object_references import (
    GXDLMSActionItem,
    action_item_from_data,
    action_item_to_data,
    as_int,
    check_array,
    check_structure,
    date_from,
    date_octets,
    reference_to_data,
    resolve_object,
)


@dataclass(eq=True)
class GXDLMSEmergencyProfile:
    """An emergency profile: its ``id``, ``activationTime`` and ``duration`` in seconds."""

    id: int = 0
    activationTime: Any = field(default_factory=GXDateTime)
    duration: int = 0


def monitored_to_data(obj: Any, settings: Any) -> GXStructure:
    return GXStructure([*reference_to_data(obj.monitoredValue), GXInt8(obj.monitoredAttributeIndex)])


def monitored_from_data(obj: Any, value: Any, settings: Any) -> None:
    m = check_structure(value, 3, "limiter monitored value")
    obj.monitoredValue = resolve_object(settings, as_int(m[0], "monitored value class id"), m[1])
    obj.monitoredAttributeIndex = as_int(m[2], "monitored value attribute index")


def profile_to_data(obj: Any, settings: Any) -> GXStructure:
    p = obj.emergencyProfile
    return GXStructure([GXUInt16(p.id), date_octets(p.activationTime), GXUInt32(p.duration)])


def profile_from_data(obj: Any, value: Any, settings: Any) -> None:
    m = check_structure(value, 3, "emergency profile")
    obj.emergencyProfile = GXDLMSEmergencyProfile(as_int(m[0], "emergency profile id"), date_from(m[1]),
                                                  as_int(m[2], "emergency duration"))


def groups_to_data(obj: Any, settings: Any) -> GXArray:
    return GXArray(GXUInt16(i) for i in obj.emergencyProfileGroupIDs)


def groups_from_data(obj: Any, value: Any, settings: Any) -> None:
    obj.emergencyProfileGroupIDs = [as_int(i, "emergency profile group id")
                                    for i in check_array(value, "emergency profile group ids")]


def actions_to_data(obj: Any, settings: Any) -> GXStructure:
    return GXStructure([action_item_to_data(obj.actionOverThreshold), action_item_to_data(obj.actionUnderThreshold)])


def actions_from_data(obj: Any, value: Any, settings: Any) -> None:
    m = check_structure(value, 2, "limiter actions")
    obj.actionOverThreshold = action_item_from_data(m[0], "action over threshold")
    obj.actionUnderThreshold = action_item_from_data(m[1], "action under threshold")


@register_class
class GXDLMSLimiter(GXDLMSObject):
    """A COSEM Limiter: watches attribute ``monitoredAttributeIndex`` of ``monitoredValue``.

    Durations are in seconds; ``actionOverThreshold``/``actionUnderThreshold`` are the
    scripts run when the value stays over/under the active threshold long enough.
    """

    CLASS_ID = ObjectType.LIMITER
    VERSION = 0
    DEFAULT_LN = "0.0.17.0.0.255"
    ATTRIBUTES = (
        Attribute(2, "monitoredValue", "Monitored Value", DataType.STRUCTURE, static=True,
                  to_data=monitored_to_data, from_data=monitored_from_data, access=AccessMode.READ_WRITE),
        Attribute(3, "thresholdActive", "Active Threshold", DataType.NONE),
        Attribute(4, "thresholdNormal", "Normal Threshold", DataType.NONE, static=True, access=AccessMode.READ_WRITE),
        Attribute(5, "thresholdEmergency", "Emergency Threshold", DataType.NONE, static=True,
                  access=AccessMode.READ_WRITE),
        Attribute(6, "minOverThresholdDuration", "Threshold Duration Min Over", DataType.UINT32, default=0,
                  static=True, access=AccessMode.READ_WRITE),
        Attribute(7, "minUnderThresholdDuration", "Threshold Duration Min Under", DataType.UINT32, default=0,
                  static=True, access=AccessMode.READ_WRITE),
        Attribute(8, "emergencyProfile", "Emergency Profile", DataType.STRUCTURE, factory=GXDLMSEmergencyProfile,
                  static=True, to_data=profile_to_data, from_data=profile_from_data, access=AccessMode.READ_WRITE),
        Attribute(9, "emergencyProfileGroupIDs", "Emergency Profile Group", DataType.ARRAY, factory=list,
                  static=True, to_data=groups_to_data, from_data=groups_from_data, access=AccessMode.READ_WRITE),
        Attribute(10, "emergencyProfileActive", "Emergency Profile Active", DataType.BOOLEAN, default=False),
        Attribute(11, "actions", "Actions", DataType.STRUCTURE, static=True, to_data=actions_to_data,
                  from_data=actions_from_data, access=AccessMode.READ_WRITE),
    )

    thresholdActive: Any
    thresholdNormal: Any
    thresholdEmergency: Any
    minOverThresholdDuration: int
    minUnderThresholdDuration: int
    emergencyProfile: GXDLMSEmergencyProfile
    emergencyProfileGroupIDs: list[int]
    emergencyProfileActive: bool

    def __init__(self, ln: str | None = None, sn: int = 0) -> None:
        super().__init__(ln, sn)
        self.monitoredValue: GXDLMSObject | None = None
        self.monitoredAttributeIndex = 0
        self.actionOverThreshold = GXDLMSActionItem()
        self.actionUnderThreshold = GXDLMSActionItem()

    @property
    def actions(self) -> tuple[GXDLMSActionItem, GXDLMSActionItem]:
        """The scripts run over and under the threshold."""
        return self.actionOverThreshold, self.actionUnderThreshold


__all__ = ["GXDLMSEmergencyProfile", "GXDLMSLimiter"]
