"""Credit (class 112): one credit of a payment-metering account (token, reserved, emergency ...)."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from ...data.datetime import GXDateTime
from ...data.types import DataType, GXBitString, GXEnum, GXInt32
from ..access import AccessMode
from ..base import Attribute, GXDLMSObject, Method, ValueEventArgs, to_datetime_value
from ..object_type import ObjectType
from ..registry import register_class
from .object_references import as_int


class CreditType(IntEnum):
    """Kind of credit (Gurux's ``CreditType``)."""

    TOKEN = 0
    RESERVED = 1
    EMERGENCY = 2
    TIME_BASED = 3
    CONSUMPTION_BASED = 4


class CreditStatus(IntEnum):
    """State of a credit (Gurux's ``CreditStatus``)."""

    ENABLED = 0
    SELECTABLE = 1
    INVOKED = 2
    IN_USE = 3
    CONSUMED = 4


_RW = AccessMode.READ_WRITE


@register_class
class GXDLMSCredit(GXDLMSObject):
    """A COSEM Credit: ``currentCreditAmount`` and the thresholds and limits that govern it."""

    CLASS_ID = ObjectType.CREDIT
    VERSION = 0
    ATTRIBUTES = (
        Attribute(2, "currentCreditAmount", "Current Credit Amount", DataType.INT32, default=0),
        Attribute(3, "type", "Type", DataType.ENUM, default=CreditType.TOKEN, enum=CreditType, static=True),
        Attribute(4, "priority", "Priority", DataType.UINT8, default=0, static=True),
        Attribute(5, "warningThreshold", "Warning Threshold", DataType.INT32, default=0, static=True, access=_RW),
        Attribute(6, "limit", "Limit", DataType.INT32, default=0, static=True, access=_RW),
        Attribute(7, "creditConfiguration", "Credit Configuration", DataType.BITSTRING,
                  factory=lambda: GXBitString("0" * 5), static=True, access=_RW),
        Attribute(8, "status", "Status", DataType.ENUM, default=CreditStatus.ENABLED, enum=CreditStatus),
        Attribute(9, "presetCreditAmount", "Preset Credit Amount", DataType.INT32, default=0, static=True,
                  access=_RW),
        Attribute(10, "creditAvailableThreshold", "Credit Available Threshold", DataType.INT32, default=0,
                  static=True, access=_RW),
        Attribute(11, "period", "Period", DataType.OCTET_STRING, ui=DataType.DATETIME, factory=GXDateTime,
                  static=True, access=_RW),
    )
    METHODS = (
        Method(1, "updateAmount", "Update amount", DataType.INT32),
        Method(2, "setAmountToValue", "Set amount to value", DataType.INT32),
        Method(3, "invokeCredit", "Invoke credit", DataType.ENUM),
    )

    currentCreditAmount: int
    type: CreditType | int
    priority: int
    warningThreshold: int
    limit: int
    creditConfiguration: GXBitString
    status: CreditStatus | int
    presetCreditAmount: int
    creditAvailableThreshold: int
    period: GXDateTime

    def __setattr__(self, name: str, value: Any) -> None:
        if name == "period" and value is not None and not isinstance(value, GXDateTime):
            value = to_datetime_value(value)
        object.__setattr__(self, name, value)

    # --- client helpers (Gurux names) --------------------------------------------------
    def updateAmount(self, client: Any, value: int) -> Any:
        return self._method_request(client, 1, GXInt32(value))

    def setAmountToValue(self, client: Any, value: int) -> Any:
        return self._method_request(client, 2, GXInt32(value))

    def invokeCredit(self, client: Any, value: CreditStatus | int) -> Any:
        return self._method_request(client, 3, GXEnum(int(value)))

    # --- server side ----------------------------------------------------------------------
    def invoke(self, settings: Any, e: ValueEventArgs) -> Any:
        """update_amount (1) adds to the credit; set_amount_to_value (2) sets it; invoke_credit (3) sets the status."""
        if e.index == 1:
            self.currentCreditAmount = int(self.currentCreditAmount) + as_int(e.parameters, "credit amount")
        elif e.index == 2:
            self.currentCreditAmount = as_int(e.parameters, "credit amount")
        elif e.index == 3:
            value = as_int(e.parameters, "credit status")
            try:
                self.status = CreditStatus(value)
            except ValueError:
                self.status = value
        else:
            return super().invoke(settings, e)
        return None


__all__ = ["CreditStatus", "CreditType", "GXDLMSCredit"]
