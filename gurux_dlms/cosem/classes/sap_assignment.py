"""SAP assignment (class 17): which logical device answers on which service access point."""

from __future__ import annotations

from typing import Any

from ...data.types import DataType, GXArray, GXStructure, GXUInt16
from ..base import Attribute, GXDLMSObject, Method, ValueEventArgs
from ..object_type import ObjectType
from ..registry import register_class
from .setup_values import integer, items, members, octets_to_text, text_to_octets


def sap_to_data(sap: int, name: str) -> GXStructure:
    """``structure{SAP long-unsigned, logical_device_name octet-string}``."""
    return GXStructure([GXUInt16(sap), text_to_octets(name)])


def sap_from_data(value: Any) -> tuple[int, str]:
    fields = members(value, 2, "SAP assignment")
    return integer(fields[0], "SAP"), octets_to_text(fields[1], "logical device name")


def _list_to_data(obj: Any, settings: Any) -> GXArray:
    return GXArray(sap_to_data(sap, name) for sap, name in obj.sapAssignmentList)


def _list_from_data(obj: Any, value: Any, settings: Any) -> None:
    obj.sapAssignmentList = [sap_from_data(entry) for entry in items(value, "SAP assignment list")]


@register_class
class GXDLMSSapAssignment(GXDLMSObject):
    """``sapAssignmentList`` holds ``(SAP, logical device name)`` pairs."""

    CLASS_ID = ObjectType.SAP_ASSIGNMENT
    VERSION = 0
    DEFAULT_LN = "0.0.41.0.0.255"
    ATTRIBUTES = (
        Attribute(2, "sapAssignmentList", "SAP Assignment List", DataType.ARRAY, factory=list, to_data=_list_to_data,
                  from_data=_list_from_data, static=True),
    )
    METHODS = (Method(1, "connectLogicalDevice", "Connect logical device", DataType.STRUCTURE),)

    sapAssignmentList: list[tuple[int, str]]

    def addSap(self, client: Any, id: int, name: str) -> Any:
        """Frames that assign SAP ``id`` to the logical device ``name``."""
        return self._method_request(client, 1, sap_to_data(id, name))

    def removeSap(self, client: Any, id: int, name: str = "") -> Any:
        """Frames that remove SAP ``id`` (an empty device name removes the assignment)."""
        return self._method_request(client, 1, sap_to_data(id, ""))

    def invoke(self, settings: Any, e: ValueEventArgs) -> Any:
        """connect_logical_device: assign the SAP, or remove it when the name is empty."""
        if e.index != 1:
            return super().invoke(settings, e)
        sap, name = sap_from_data(e.parameters)
        self.sapAssignmentList = [entry for entry in self.sapAssignmentList if entry[0] != sap]
        if name:
            self.sapAssignmentList.append((sap, name))
        return None


__all__ = ["GXDLMSSapAssignment", "sap_from_data", "sap_to_data"]
