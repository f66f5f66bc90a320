"""Register activation (class 6): which registers of a tariff scheme are active, by named masks."""

from __future__ import annotations

from typing import Any

from ...data.types import DataType, GXArray, GXStructure, GXUInt8
from ..access import AccessMode
from ..base import Attribute, GXDLMSObject, Method, ValueEventArgs
from ..object_type import ObjectType
from ..registry import register_class
from .object_references import (
    as_int,
    as_octets,
    check_array,
    check_structure,
    octets,
    reference_to_data,
    resolve_object,
)


def _register_to_data(obj: GXDLMSObject | None) -> GXStructure:
    return GXStructure(reference_to_data(obj))


def _register_from_data(value: Any, settings: Any) -> Any:
    members = check_structure(value, 2, "register assignment")
    return resolve_object(settings, as_int(members[0], "register assignment class id"), members[1])


def _mask_to_data(mask: tuple[Any, list[int]]) -> GXStructure:
    name, indexes = mask
    return GXStructure([octets(name), GXArray(GXUInt8(i) for i in indexes)])


def _mask_from_data(value: Any) -> tuple[bytearray, list[int]]:
    members = check_structure(value, 2, "register activation mask")
    indexes = [as_int(i, "mask index") for i in check_array(members[1], "mask index list")]
    return bytearray(as_octets(members[0], "mask name")), indexes


def assignment_to_data(obj: Any, settings: Any) -> GXArray:
    return GXArray(_register_to_data(item) for item in obj.registerAssignment)


def assignment_from_data(obj: Any, value: Any, settings: Any) -> None:
    obj.registerAssignment = [_register_from_data(item, settings)
                              for item in check_array(value, "register assignment")]


def masks_to_data(obj: Any, settings: Any) -> GXArray:
    return GXArray(_mask_to_data(mask) for mask in obj.maskList)


def masks_from_data(obj: Any, value: Any, settings: Any) -> None:
    obj.maskList = [_mask_from_data(item) for item in check_array(value, "mask list")]


@register_class
class GXDLMSRegisterActivation(GXDLMSObject):
    """A COSEM Register activation.

    ``registerAssignment`` lists the registers; ``maskList`` holds ``(mask name, [register
    numbers, 1-based])`` pairs; ``activeMask`` names the mask in force.
    """

    CLASS_ID = ObjectType.REGISTER_ACTIVATION
    VERSION = 0
    ATTRIBUTES = (
        Attribute(2, "registerAssignment", "Register Assignment", DataType.ARRAY, factory=list, static=True,
                  to_data=assignment_to_data, from_data=assignment_from_data, access=AccessMode.READ_WRITE),
        Attribute(3, "maskList", "Mask List", DataType.ARRAY, factory=list, static=True, to_data=masks_to_data,
                  from_data=masks_from_data, access=AccessMode.READ_WRITE),
        Attribute(4, "activeMask", "Active Mask", DataType.OCTET_STRING, factory=bytearray,
                  access=AccessMode.READ_WRITE),
    )
    METHODS = (
        Method(1, "addRegister", "Add register", DataType.STRUCTURE),
        Method(2, "addMask", "Add mask", DataType.STRUCTURE),
        Method(3, "deleteMask", "Delete mask", DataType.OCTET_STRING),
    )

    registerAssignment: list[Any]
    maskList: list[tuple[Any, list[int]]]
    activeMask: bytearray

    # --- client helpers (Gurux names) --------------------------------------------------
    def addRegister(self, client: Any, item: GXDLMSObject) -> Any:
        return self._method_request(client, 1, _register_to_data(item))

    def addMask(self, client: Any, name: Any, indexes: list[int]) -> Any:
        return self._method_request(client, 2, _mask_to_data((name, indexes)))

    def deleteMask(self, client: Any, name: Any) -> Any:
        return self._method_request(client, 3, octets(name))

    # --- server side ----------------------------------------------------------------------
    def invoke(self, settings: Any, e: ValueEventArgs) -> Any:
        """add_register appends; add_mask adds or replaces a mask by name; delete_mask removes one."""
        if e.index == 1:
            self.registerAssignment.append(_register_from_data(e.parameters, settings))
        elif e.index == 2:
            mask = _mask_from_data(e.parameters)
            self._drop_mask(bytes(mask[0]))
            self.maskList.append(mask)
        elif e.index == 3:
            self._drop_mask(as_octets(e.parameters, "mask name"))
        else:
            return super().invoke(settings, e)
        return None

    def _drop_mask(self, name: bytes) -> None:
        self.maskList = [m for m in self.maskList if bytes(octets(m[0])) != name]


__all__ = ["GXDLMSRegisterActivation"]
