"""Charge (class 113): what an account is charged - per unit of a commodity, per time or per payment."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any

from ...data.datetime import GXDateTime
from ...data.types import DataType, GXArray, GXBitString, GXInt8, GXInt16, GXInt32, GXStructure
from ..access import AccessMode
from ..base import Attribute, GXDLMSObject, Method, ValueEventArgs, to_datetime_value
from ..object_type import ObjectType
from ..registry import register_class
from .object_references import (
    as_int,
    check_array,
    check_structure,
    clock_time,
    octets,
    reference_to_data,
    resolve_object,
    text_from,
)


class ChargeType(IntEnum):
    """How the charge is collected (Gurux's ``ChargeType``)."""

    CONSUMPTION_BASED_COLLECTION = 0
    TIME_BASED_COLLECTION = 1
    PAYMENT_EVENT_BASED_COLLECTION = 2


@dataclass(eq=True)
class GXChargePerUnitScaling:
    """Powers of ten of the commodity quantity and of the price."""

    commodityScale: int = 0
    priceScale: int = 0


@dataclass(eq=True)
class GXCommodity:
    """The attribute (of ``target``) whose quantity is charged."""

    target: Any = None
    attributeIndex: int = 0


@dataclass(eq=True)
class GXChargeTable:
    """The price per unit for one tariff ``index``."""

    index: Any = ""
    chargePerUnit: int = 0


@dataclass(eq=True)
class GXUnitCharge:
    """A unit charge: scaling, commodity and the price table."""

    chargePerUnitScaling: GXChargePerUnitScaling = field(default_factory=GXChargePerUnitScaling)
    commodity: GXCommodity = field(default_factory=GXCommodity)
    chargeTables: list[GXChargeTable] = field(default_factory=list)


def unit_charge_to_data(charge: GXUnitCharge) -> GXStructure:
    scaling, commodity = charge.chargePerUnitScaling, charge.commodity
    return GXStructure([
        GXStructure([GXInt8(scaling.commodityScale), GXInt8(scaling.priceScale)]),
        GXStructure([*reference_to_data(commodity.target), GXInt8(commodity.attributeIndex)]),
        GXArray(GXStructure([octets(t.index), GXInt16(t.chargePerUnit)]) for t in charge.chargeTables),
    ])


def unit_charge_from_data(value: Any, settings: Any) -> GXUnitCharge:
    m = check_structure(value, 3, "unit charge")
    scaling = check_structure(m[0], 2, "charge per unit scaling")
    commodity = check_structure(m[1], 3, "commodity")
    tables = []
    for item in check_array(m[2], "charge tables"):
        t = check_structure(item, 2, "charge table")
        tables.append(GXChargeTable(text_from(t[0]), as_int(t[1], "charge per unit")))
    return GXUnitCharge(
        GXChargePerUnitScaling(as_int(scaling[0], "commodity scale"), as_int(scaling[1], "price scale")),
        GXCommodity(resolve_object(settings, as_int(commodity[0], "commodity class id"), commodity[1]),
                    as_int(commodity[2], "commodity attribute index")),
        tables)


def _unit_charge(name: str) -> tuple[Any, Any]:
    def to_data(obj: Any, settings: Any) -> GXStructure:
        return unit_charge_to_data(getattr(obj, name))

    def from_data(obj: Any, value: Any, settings: Any) -> None:
        setattr(obj, name, unit_charge_from_data(value, settings))

    return to_data, from_data


_active = _unit_charge("unitChargeActive")
_passive = _unit_charge("unitChargePassive")
_RW = AccessMode.READ_WRITE
_DATE_TIMES = ("unitChargeActivationTime", "lastCollectionTime")


@register_class
class GXDLMSCharge(GXDLMSObject):
    """A COSEM Charge: active and passive unit charges, collection period and amounts."""

    CLASS_ID = ObjectType.CHARGE
    VERSION = 0
    ATTRIBUTES = (
        Attribute(2, "totalAmountPaid", "Total Amount Paid", DataType.INT32, default=0),
        Attribute(3, "chargeType", "Charge Type", DataType.ENUM, default=ChargeType.CONSUMPTION_BASED_COLLECTION,
                  enum=ChargeType, static=True),
        Attribute(4, "priority", "Priority", DataType.UINT8, default=0, static=True),
        Attribute(5, "unitChargeActive", "Unit Charge Active", DataType.STRUCTURE, factory=GXUnitCharge,
                  static=True, to_data=_active[0], from_data=_active[1]),
        Attribute(6, "unitChargePassive", "Unit Charge Passive", DataType.STRUCTURE, factory=GXUnitCharge,
                  static=True, to_data=_passive[0], from_data=_passive[1], access=_RW),
        Attribute(7, "unitChargeActivationTime", "Unit Charge Activation Time", DataType.OCTET_STRING,
                  ui=DataType.DATETIME, factory=GXDateTime, static=True, access=_RW),
        Attribute(8, "period", "Period", DataType.UINT32, default=0, static=True, access=_RW),
        Attribute(9, "chargeConfiguration", "Charge Configuration", DataType.BITSTRING,
                  factory=lambda: GXBitString("00"), static=True, access=_RW),
        Attribute(10, "lastCollectionTime", "Last Collection Time", DataType.OCTET_STRING, ui=DataType.DATETIME,
                  factory=GXDateTime),
        Attribute(11, "lastCollectionAmount", "Last Collection Amount", DataType.INT32, default=0),
        Attribute(12, "totalAmountRemaining", "Total Amount Remaining", DataType.INT32, default=0),
        Attribute(13, "proportion", "Proportion", DataType.UINT16, default=0, static=True, access=_RW),
    )
    METHODS = (
        Method(1, "updateUnitCharge", "Update unit charge", DataType.STRUCTURE),
        Method(2, "activatePassiveUnitCharge", "Activate passive unit charge", DataType.INT8),
        Method(3, "collect", "Collect", DataType.INT8),
        Method(4, "updateTotalAmountRemaining", "Update total amount remaining", DataType.INT32),
        Method(5, "setTotalAmountRemaining", "Set total amount remaining", DataType.INT32),
    )

    totalAmountPaid: int
    chargeType: ChargeType | int
    priority: int
    unitChargeActive: GXUnitCharge
    unitChargePassive: GXUnitCharge
    unitChargeActivationTime: GXDateTime
    period: int
    chargeConfiguration: GXBitString
    lastCollectionTime: GXDateTime
    lastCollectionAmount: int
    totalAmountRemaining: int
    proportion: int

    def __setattr__(self, name: str, value: Any) -> None:
        if name in _DATE_TIMES and value is not None and not isinstance(value, GXDateTime):
            value = to_datetime_value(value)
        object.__setattr__(self, name, value)

    # --- client helpers (Gurux names) --------------------------------------------------
    def updateUnitCharge(self, client: Any, charge: GXUnitCharge) -> Any:
        return self._method_request(client, 1, unit_charge_to_data(charge))

    def activatePassiveUnitCharge(self, client: Any) -> Any:
        return self._method_request(client, 2, 0)

    def collect(self, client: Any) -> Any:
        return self._method_request(client, 3, 0)

    def updateTotalAmountRemaining(self, client: Any, value: int) -> Any:
        return self._method_request(client, 4, GXInt32(value))

    def setTotalAmountRemaining(self, client: Any, value: int) -> Any:
        return self._method_request(client, 5, GXInt32(value))

    # --- server side ----------------------------------------------------------------------
    def invoke(self, settings: Any, e: ValueEventArgs) -> Any:
        """update_unit_charge (1) sets the passive unit charge, activate (2) makes it active, collect (3)
        stamps the collection time (server clock), (4) adds to and (5) sets the total amount remaining."""
        if e.index == 1:
            self.unitChargePassive = unit_charge_from_data(e.parameters, settings)
        elif e.index == 2:
            target = self.unitChargePassive.commodity.target  # the commodity stays the server's object
            self.unitChargeActive = copy.deepcopy(self.unitChargePassive, {id(target): target})
        elif e.index == 3:
            now = clock_time(settings)
            if now is not None:
                self.lastCollectionTime = GXDateTime(now)
        elif e.index == 4:
            self.totalAmountRemaining = int(self.totalAmountRemaining) + as_int(e.parameters, "amount")
        elif e.index == 5:
            self.totalAmountRemaining = as_int(e.parameters, "amount")
        else:
            return super().invoke(settings, e)
        return None


__all__ = [
    "ChargeType",
    "GXChargePerUnitScaling",
    "GXChargeTable",
    "GXCommodity",
    "GXDLMSCharge",
    "GXUnitCharge",
]
