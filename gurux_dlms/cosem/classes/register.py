"""Register (class 3): a value with a scaler and a unit."""

from __future__ import annotations

import math
from typing import Any

from ...data import codec
from ...data.types import INT_TYPES, DataType, GXEnum, GXInt8, GXStructure
from ..access import AccessMode
from ..base import Attribute, GXDLMSObject, Method, ValueEventArgs, is_server
from ..object_type import ObjectType
from ..registry import register_class
from ..unit import Unit


def scaler_unit_to_data(obj: Any, settings: Any) -> GXStructure:
    """scaler_unit ::= structure { scaler integer, unit enum }."""
    return GXStructure([GXInt8(obj.scaler_exponent), GXEnum(int(obj.unit))])


def scaler_unit_from_data(obj: Any, value: Any, settings: Any) -> None:
    if value is None:
        return
    obj.scaler_exponent = int(value[0])
    try:
        obj.unit = Unit(int(value[1]))
    except ValueError:
        obj.unit = int(value[1])


def value_to_data(obj: Any, settings: Any) -> Any:
    """The value to send: a client divides a scaled value back to the integer the meter keeps."""
    value = obj.value
    data_type = obj._data_types.get(2, DataType.NONE)
    if (obj.scaler_exponent and not is_server(settings) and isinstance(value, float)
            and data_type in INT_TYPES):
        value = round(value / obj.scaler)
    return value if data_type == DataType.NONE or value is None else codec.typed(value, data_type)


def value_from_data(obj: Any, value: Any, settings: Any) -> None:
    """Store a read value; a client applies the scaler (as Gurux does), a server keeps it raw."""
    if value is not None and 2 not in obj._data_types:
        obj._data_types[2] = codec.infer_type(value)
    if (obj.scaler_exponent and not is_server(settings) and isinstance(value, (int, float))
            and not isinstance(value, bool)):
        value = float(value) * obj.scaler
    obj.value = value


class ScaledValue:
    """Mixin of the register family: ``scaler`` is the multiplier (Gurux), kept as a power of ten.

    A client that read the scaler first gets ``value`` already multiplied by it, and a write
    divides it back; a server keeps the raw integers.
    """

    scaler_exponent: int

    @property
    def scaler(self) -> float:
        """The multiplier the value is scaled by (``10 ** exponent``, e.g. 0.01)."""
        return float(10 ** self.scaler_exponent)

    @scaler.setter
    def scaler(self, value: float) -> None:
        if value <= 0:
            raise ValueError("a scaler is a positive power of ten")
        self.scaler_exponent = round(math.log10(value))


VALUE = Attribute(2, "value", "Value", DataType.NONE, access=AccessMode.READ_WRITE,
                  to_data=value_to_data, from_data=value_from_data)
SCALER_UNIT = Attribute(3, "scaler_unit", "Scaler and Unit", DataType.STRUCTURE, static=True,
                        to_data=scaler_unit_to_data, from_data=scaler_unit_from_data)


@register_class
class GXDLMSRegister(ScaledValue, GXDLMSObject):
    """A COSEM Register: ``value``, ``scaler`` (multiplier) and ``unit``."""

    CLASS_ID = ObjectType.REGISTER
    VERSION = 0
    ATTRIBUTES = (
        VALUE,
        SCALER_UNIT,
    )
    METHODS = (Method(1, "reset", "Reset", DataType.INT8),)

    value: Any

    def __init__(self, ln: str | None = None, sn: int = 0) -> None:
        super().__init__(ln, sn)
        self.scaler_exponent = 0
        self.unit: Unit | int = Unit.NONE

    @property
    def scaler_unit(self) -> tuple[int, Unit | int]:
        return self.scaler_exponent, self.unit

    def reset(self, client: Any) -> Any:
        """Frames that call reset (method 1) through a Gurux-style client."""
        return self._method_request(client, 1, 0)

    def invoke(self, settings: Any, e: ValueEventArgs) -> Any:
        if e.index == 1:
            self.value = 0 if isinstance(self.value, int) else None
            return None
        return super().invoke(settings, e)


__all__ = ["SCALER_UNIT", "VALUE", "GXDLMSRegister", "ScaledValue", "scaler_unit_from_data", "scaler_unit_to_data"]
