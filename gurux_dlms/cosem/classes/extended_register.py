"""Extended register (class 4) and Demand register (class 5): scaled values with status and times."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ...data import codec
from ...data.datetime import GXDateTime
from ...data.types import INT_TYPES, DataType, GXInt8
from ..access import AccessMode
from ..base import Attribute, GXDLMSObject, Method, ValueEventArgs, is_server, to_datetime_value
from ..object_type import ObjectType
from ..registry import register_class
from ..unit import Unit
from .object_references import clock_time
from .register import SCALER_UNIT, VALUE, ScaledValue


def scaled_attribute(index: int, name: str, title: str, access: int = AccessMode.READ) -> Attribute:
    """An attribute holding a value scaled by the object's scaler (as a register's value is).

    A client multiplies what it reads by the scaler and divides what it writes back; a
    server keeps the raw value.  The meter's type is remembered so a write sends it back.
    """

    def to_data(obj: Any, settings: Any) -> Any:
        value = getattr(obj, name)
        data_type = obj._data_types.get(index, DataType.NONE)
        if (obj.scaler_exponent and not is_server(settings) and isinstance(value, float)
                and data_type in INT_TYPES):
            value = round(value / obj.scaler)
        return value if data_type == DataType.NONE or value is None else codec.typed(value, data_type)

    def from_data(obj: Any, value: Any, settings: Any) -> None:
        if value is not None and index not in obj._data_types:
            obj._data_types[index] = codec.infer_type(value)
        if (obj.scaler_exponent and not is_server(settings) and isinstance(value, (int, float))
                and not isinstance(value, bool)):
            value = float(value) * obj.scaler
        object.__setattr__(obj, name, value)

    return Attribute(index, name, title, DataType.NONE, access=access, to_data=to_data, from_data=from_data)


def _capture_time(index: int, name: str, title: str, static: bool = False) -> Attribute:
    return Attribute(index, name, title, DataType.OCTET_STRING, ui=DataType.DATETIME, factory=GXDateTime,
                     static=static)


class _RegisterFamily(ScaledValue, GXDLMSObject):
    """Scaler, unit and the date-time coercion the register family shares."""

    _DATE_TIMES: tuple[str, ...] = ()

    def __init__(self, ln: str | None = None, sn: int = 0) -> None:
        super().__init__(ln, sn)
        self.scaler_exponent = 0
        self.unit: Unit | int = Unit.NONE

    @property
    def scaler_unit(self) -> tuple[int, Unit | int]:
        return self.scaler_exponent, self.unit

    def __setattr__(self, name: str, value: Any) -> None:
        if name in self._DATE_TIMES and value is not None and not isinstance(value, GXDateTime):
            value = to_datetime_value(value)
        object.__setattr__(self, name, value)

    @staticmethod
    def _zero(value: Any) -> Any:
        """The reset value of a measured value: zero of the same kind (None stays None)."""
        if isinstance(value, bool) or value is None:
            return value
        if isinstance(value, (int, float)):
            return type(value)(0)
        return None


@register_class
class GXDLMSExtendedRegister(_RegisterFamily):
    """A COSEM Extended register: a register value with a ``status`` and the ``captureTime`` of the value.

    Gurux declares no methods for it (its reset method is executed by ``invoke`` all the same).
    """

    CLASS_ID = ObjectType.EXTENDED_REGISTER
    VERSION = 0
    ATTRIBUTES = (
        VALUE,
        SCALER_UNIT,
        Attribute(4, "status", "Status", DataType.NONE),
        _capture_time(5, "captureTime", "Capture Time"),
    )
    METHODS = ()
    _DATE_TIMES = ("captureTime",)

    value: Any
    status: Any
    captureTime: GXDateTime

    def reset(self, client: Any) -> Any:
        """Frames that call reset (method 1, as the Blue Book numbers it)."""
        return client.method(self, 1, GXInt8(0), DataType.INT8)

    def invoke(self, settings: Any, e: ValueEventArgs) -> Any:
        if e.index == 1:
            self.value = self._zero(self.value)
            now = clock_time(settings)
            if now is not None:
                self.captureTime = GXDateTime(now)
            return None
        return super().invoke(settings, e)


@register_class
class GXDLMSDemandRegister(_RegisterFamily):
    """A COSEM Demand register: current and last average values over periods.

    ``period`` is the averaging period in seconds, ``numberOfPeriods`` how many periods
    the sliding average covers; ``captureTime`` and ``startTimeCurrent`` are date-times.
    """

    CLASS_ID = ObjectType.DEMAND_REGISTER
    VERSION = 0
    ATTRIBUTES = (
        scaled_attribute(2, "currentAverageValue", "Current Average Value"),
        scaled_attribute(3, "lastAverageValue", "Last Average Value"),
        replace(SCALER_UNIT, index=4),
        Attribute(5, "status", "Status", DataType.NONE),
        _capture_time(6, "captureTime", "Capture Time"),
        _capture_time(7, "startTimeCurrent", "Start Time Current"),
        Attribute(8, "period", "Period", DataType.UINT32, default=0, static=True, access=AccessMode.READ_WRITE),
        Attribute(9, "numberOfPeriods", "Number Of Periods", DataType.UINT16, default=1, static=True,
                  access=AccessMode.READ_WRITE),
    )
    METHODS = (
        Method(1, "reset", "Reset", DataType.INT8),
        Method(2, "nextPeriod", "Next period", DataType.INT8),
    )
    _DATE_TIMES = ("captureTime", "startTimeCurrent")

    currentAverageValue: Any
    lastAverageValue: Any
    status: Any
    captureTime: GXDateTime
    startTimeCurrent: GXDateTime
    period: int
    numberOfPeriods: int

    def reset(self, client: Any) -> Any:
        return self._method_request(client, 1, 0)

    def nextPeriod(self, client: Any) -> Any:
        return self._method_request(client, 2, 0)

    def invoke(self, settings: Any, e: ValueEventArgs) -> Any:
        """Reset clears both averages; next period closes the current one into the last one.

        Both stamp ``captureTime`` and ``startTimeCurrent`` with the server clock's time when
        the server has a Clock object.
        """
        if e.index == 1:
            self.currentAverageValue = self._zero(self.currentAverageValue)
            self.lastAverageValue = self._zero(self.lastAverageValue)
        elif e.index == 2:
            self.lastAverageValue = self.currentAverageValue
            self.currentAverageValue = self._zero(self.currentAverageValue)
        else:
            return super().invoke(settings, e)
        now = clock_time(settings)
        if now is not None:
            self.captureTime = GXDateTime(now)
            self.startTimeCurrent = GXDateTime(now)
        return None


__all__ = ["GXDLMSDemandRegister", "GXDLMSExtendedRegister", "scaled_attribute"]
