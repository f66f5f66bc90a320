"""A request in one line: what it reads, writes or invokes, named as the meter's objects are.

``GET 0.0.1.0.0.255 attribute 2 (Clock: Ch. 0 Clock object #1)``.  Logical names are
described from the OBIS tables of the standard chosen with ``-d``; short names are looked
up in the association view (``-o``) to find the object behind them.
"""

from __future__ import annotations

from typing import Any

from gurux_dlms.apdu.acse import AARQ, RLRQ
from gurux_dlms.apdu.action import ActionRequestNormal, ActionRequestWithList
from gurux_dlms.apdu.common import AttributeDescriptor, MethodDescriptor
from gurux_dlms.apdu.get import GetRequestNormal, GetRequestWithList
from gurux_dlms.apdu.set import SetRequestNormal, SetRequestWithList
from gurux_dlms.apdu.sn import ReadRequest, WriteRequest
from gurux_dlms.converter import GXDLMSConverter
from gurux_dlms.cosem.object_type import ObjectType
from gurux_dlms.data.obis import obis_to_str


class Describer:
    """Describes requests with the OBIS descriptions of a standard and, for SN, the association view."""

    def __init__(self, converter: GXDLMSConverter, objects: Any = None) -> None:
        self.converter = converter
        self.objects = objects

    def object(self, class_id: int, logical_name: str) -> str:
        """``Clock: Ch. 0 Clock object #1`` (the class, and the OBIS description when there is one)."""
        try:
            kind = ObjectType(class_id).name.replace("_", " ").capitalize()
        except ValueError:
            kind = f"class {class_id}"
        descriptions = self.converter.getDescription(logical_name, class_id)
        return f"{kind}: {descriptions[0]}" if descriptions and descriptions[0] else kind

    def attribute(self, item: AttributeDescriptor) -> str:
        ln = obis_to_str(item.instance_id)
        return f"{ln} attribute {item.attribute_id} ({self.object(item.class_id, ln)})"

    def method(self, item: MethodDescriptor) -> str:
        ln = obis_to_str(item.instance_id)
        return f"{ln} method {item.method_id} ({self.object(item.class_id, ln)})"

    def short_name(self, name: int) -> str:
        """``0xFA08`` and, when the association view is known, the object and attribute behind it."""
        text = f"0x{name:04X}"
        found = None
        for obj in self.objects or ():
            base = int(getattr(obj, "shortName", 0) or 0)
            if base and base <= name and (found is None or base > found[0]):
                found = (base, obj)
        if found is None or name - found[0] >= 0x100:
            return text
        base, obj = found
        ln = str(obj.logicalName)
        return f"{text} = {ln} attribute {(name - base) // 8 + 1} ({self.object(int(obj.objectType), ln)})"

    def __call__(self, request: Any) -> str:
        """The one-line description of a decoded request APDU."""
        if isinstance(request, GetRequestNormal):
            selection = request.access_selection
            extra = f", selective access {selection.selector}" if selection is not None else ""
            return f"GET {self.attribute(request.attribute_descriptor)}{extra}"
        if isinstance(request, GetRequestWithList):
            return "GET " + "; ".join(self.attribute(item.attribute_descriptor)
                                      for item in request.attribute_descriptor_list)
        if isinstance(request, SetRequestNormal):
            return f"SET {self.attribute(request.attribute_descriptor)}"
        if isinstance(request, SetRequestWithList):
            return "SET " + "; ".join(self.attribute(item.attribute_descriptor)
                                      for item in request.attribute_descriptor_list)
        if isinstance(request, ActionRequestNormal):
            return f"ACTION {self.method(request.method_descriptor)}"
        if isinstance(request, ActionRequestWithList):
            return "ACTION " + "; ".join(self.method(item) for item in request.method_descriptor_list)
        if isinstance(request, (ReadRequest, WriteRequest)):
            verb = "READ" if isinstance(request, ReadRequest) else "WRITE"
            names = [getattr(variable, "name", None) for variable in request.variables]
            return f"{verb} " + "; ".join(self.short_name(n) if isinstance(n, int) else type(v).__name__
                                          for n, v in zip(names, request.variables))
        if isinstance(request, AARQ):
            return "association request (AARQ)"
        if isinstance(request, RLRQ):
            return "release request (RLRQ)"
        return type(request).__name__


__all__ = ["Describer"]
