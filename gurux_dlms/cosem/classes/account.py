"""Account (class 111): the payment-metering account - mode, status, credit and its references."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any

from ...data.datetime import GXDateTime
from ...data.types import DataType, GXArray, GXBitString, GXEnum, GXInt8, GXStructure, GXUInt8, GXUtf8String
from ..access import AccessMode
from ..base import Attribute, GXDLMSObject, Method, ValueEventArgs, to_datetime_value
from ..object_type import ObjectType
from ..registry import register_class
from .object_references import as_int, check_array, check_structure, clock_time, ln_from, ln_octets


class PaymentMode(IntEnum):
    """Credit or prepayment (Gurux's ``PaymentMode``)."""

    CREDIT = 1
    PREPAYMENT = 2


class AccountStatus(IntEnum):
    """Life cycle of an account (Gurux's ``AccountStatus``)."""

    NEW_INACTIVE_ACCOUNT = 1
    ACCOUNT_ACTIVE = 2
    ACCOUNT_CLOSED = 3


class CurrencyUnit(IntEnum):
    """What the account counts in (Gurux's ``CurrencyUnit``)."""

    TIME = 0
    CONSUMPTION = 1
    MONETARY = 2


@dataclass(eq=True)
class GXCreditChargeConfiguration:
    """Which credit (logical name) pays which charge, and how (3 collection configuration bits)."""

    creditReference: Any = "0.0.0.0.0.0"
    chargeReference: Any = "0.0.0.0.0.0"
    collectionConfiguration: GXBitString = field(default_factory=lambda: GXBitString("000"))


@dataclass(eq=True)
class GXTokenGatewayConfiguration:
    """The share (percent) of each token that goes to a credit (logical name)."""

    creditReference: Any = "0.0.0.0.0.0"
    tokenProportion: int = 0


@dataclass(eq=True)
class GXCurrency:
    """Name, scale (power of ten) and unit of the account's currency."""

    name: str = ""
    scale: int = 0
    unit: CurrencyUnit | int = CurrencyUnit.MONETARY


def _enum(value: Any, cls: type[IntEnum]) -> Any:
    try:
        return cls(value)
    except ValueError:
        return value


def mode_to_data(obj: Any, settings: Any) -> GXStructure:
    return GXStructure([GXEnum(int(obj.paymentMode)), GXEnum(int(obj.accountStatus))])


def mode_from_data(obj: Any, value: Any, settings: Any) -> None:
    m = check_structure(value, 2, "account mode and status")
    obj.paymentMode = _enum(as_int(m[0], "payment mode"), PaymentMode)
    obj.accountStatus = _enum(as_int(m[1], "account status"), AccountStatus)


def _references(name: str, what: str) -> tuple[Any, Any]:
    def to_data(obj: Any, settings: Any) -> GXArray:
        return GXArray(ln_octets(ln) for ln in getattr(obj, name))

    def from_data(obj: Any, value: Any, settings: Any) -> None:
        setattr(obj, name, [ln_from(ln) for ln in check_array(value, what)])

    return to_data, from_data


def credit_charge_to_data(obj: Any, settings: Any) -> GXArray:
    return GXArray(GXStructure([ln_octets(c.creditReference), ln_octets(c.chargeReference),
                                GXBitString(c.collectionConfiguration)]) for c in obj.creditChargeConfigurations)


def credit_charge_from_data(obj: Any, value: Any, settings: Any) -> None:
    items = []
    for item in check_array(value, "credit charge configurations"):
        m = check_structure(item, 3, "credit charge configuration")
        items.append(GXCreditChargeConfiguration(ln_from(m[0]), ln_from(m[1]), GXBitString(m[2])))
    obj.creditChargeConfigurations = items


def token_gateway_to_data(obj: Any, settings: Any) -> GXArray:
    return GXArray(GXStructure([ln_octets(c.creditReference), GXUInt8(c.tokenProportion)])
                   for c in obj.tokenGatewayConfigurations)


def token_gateway_from_data(obj: Any, value: Any, settings: Any) -> None:
    items = []
    for item in check_array(value, "token gateway configurations"):
        m = check_structure(item, 2, "token gateway configuration")
        items.append(GXTokenGatewayConfiguration(ln_from(m[0]), as_int(m[1], "token proportion")))
    obj.tokenGatewayConfigurations = items


def currency_to_data(obj: Any, settings: Any) -> GXStructure:
    c = obj.currency
    return GXStructure([GXUtf8String(c.name), GXInt8(c.scale), GXEnum(int(c.unit))])


def currency_from_data(obj: Any, value: Any, settings: Any) -> None:
    m = check_structure(value, 3, "currency")
    name = m[0].decode("utf-8", "replace") if isinstance(m[0], (bytes, bytearray)) else str(m[0] or "")
    obj.currency = GXCurrency(name, as_int(m[1], "currency scale"), _enum(as_int(m[2], "currency unit"), CurrencyUnit))


_credits = _references("creditReferences", "credit reference list")
_charges = _references("chargeReferences", "charge reference list")
_RW = AccessMode.READ_WRITE


def _date_time(index: int, name: str, title: str) -> Attribute:
    return Attribute(index, name, title, DataType.OCTET_STRING, ui=DataType.DATETIME, factory=GXDateTime,
                     static=True, access=_RW)


@register_class
class GXDLMSAccount(GXDLMSObject):
    """A COSEM Account (payment metering).

    Amounts are integers in the currency's unit scaled by ``currency.scale``; references
    to credits and charges are logical names.
    """

    CLASS_ID = ObjectType.ACCOUNT
    VERSION = 0
    DEFAULT_LN = "0.0.19.0.0.255"
    ATTRIBUTES = (
        Attribute(2, "accountModeAndStatus", "Account Mode And Status", DataType.STRUCTURE, to_data=mode_to_data,
                  from_data=mode_from_data, access=_RW),
        Attribute(3, "currentCreditInUse", "Current Credit In Use", DataType.UINT8, default=0),
        Attribute(4, "currentCreditStatus", "Current Credit Status", DataType.BITSTRING,
                  factory=lambda: GXBitString("0" * 8)),
        Attribute(5, "availableCredit", "Available Credit", DataType.INT32, default=0),
        Attribute(6, "amountToClear", "Amount To Clear", DataType.INT32, default=0),
        Attribute(7, "clearanceThreshold", "Clearance Threshold", DataType.INT32, default=0, static=True, access=_RW),
        Attribute(8, "aggregatedDebt", "Aggregated Debt", DataType.INT32, default=0),
        Attribute(9, "creditReferences", "Credit Reference List", DataType.ARRAY, factory=list, static=True,
                  to_data=_credits[0], from_data=_credits[1], access=_RW),
        Attribute(10, "chargeReferences", "Charge Reference List", DataType.ARRAY, factory=list, static=True,
                  to_data=_charges[0], from_data=_charges[1], access=_RW),
        Attribute(11, "creditChargeConfigurations", "Credit Charge Configuration", DataType.ARRAY, factory=list,
                  static=True, to_data=credit_charge_to_data, from_data=credit_charge_from_data, access=_RW),
        Attribute(12, "tokenGatewayConfigurations", "Token Gateway Configuration", DataType.ARRAY, factory=list,
                  static=True, to_data=token_gateway_to_data, from_data=token_gateway_from_data, access=_RW),
        _date_time(13, "accountActivationTime", "Account Activation Time"),
        _date_time(14, "accountClosureTime", "Account Closure Time"),
        Attribute(15, "currency", "Currency", DataType.STRUCTURE, factory=GXCurrency, static=True,
                  to_data=currency_to_data, from_data=currency_from_data, access=_RW),
        Attribute(16, "lowCreditThreshold", "Low Credit Threshold", DataType.INT32, default=0, static=True,
                  access=_RW),
        Attribute(17, "nextCreditAvailableThreshold", "Next Credit Available Threshold", DataType.INT32, default=0,
                  static=True, access=_RW),
        Attribute(18, "maxProvision", "Max Provision", DataType.UINT16, default=0, static=True, access=_RW),
        Attribute(19, "maxProvisionPeriod", "Max Provision Period", DataType.UINT32, default=0, static=True,
                  access=_RW),
    )
    METHODS = (
        Method(1, "activate", "Activate account", DataType.INT8),
        Method(2, "close", "Close account", DataType.INT8),
        Method(3, "reset", "Reset account", DataType.INT8),
    )

    currentCreditInUse: int
    currentCreditStatus: GXBitString
    availableCredit: int
    amountToClear: int
    clearanceThreshold: int
    aggregatedDebt: int
    creditReferences: list[Any]
    chargeReferences: list[Any]
    creditChargeConfigurations: list[GXCreditChargeConfiguration]
    tokenGatewayConfigurations: list[GXTokenGatewayConfiguration]
    accountActivationTime: GXDateTime
    accountClosureTime: GXDateTime
    currency: GXCurrency
    lowCreditThreshold: int
    nextCreditAvailableThreshold: int
    maxProvision: int
    maxProvisionPeriod: int

    def __init__(self, ln: str | None = None, sn: int = 0) -> None:
        super().__init__(ln, sn)
        self.paymentMode: PaymentMode | int = PaymentMode.CREDIT
        self.accountStatus: AccountStatus | int = AccountStatus.NEW_INACTIVE_ACCOUNT

    def __setattr__(self, name: str, value: Any) -> None:
        if name in ("accountActivationTime", "accountClosureTime") and value is not None \
                and not isinstance(value, GXDateTime):
            value = to_datetime_value(value)
        object.__setattr__(self, name, value)

    @property
    def accountModeAndStatus(self) -> tuple[PaymentMode | int, AccountStatus | int]:
        return self.paymentMode, self.accountStatus

    # --- client helpers (Gurux names) --------------------------------------------------
    def activate(self, client: Any) -> Any:
        return self._method_request(client, 1, 0)

    def close(self, client: Any) -> Any:
        return self._method_request(client, 2, 0)

    def reset(self, client: Any) -> Any:
        return self._method_request(client, 3, 0)

    # --- server side ----------------------------------------------------------------------
    def invoke(self, settings: Any, e: ValueEventArgs) -> Any:
        """activate (1) makes a new account active; close (2) closes it; reset (3) makes it new again.

        Activation and closure times take the server clock's time when there is a Clock;
        reset clears the credit, the amount to clear and the debt.
        """
        now = clock_time(settings)
        if e.index == 1:
            if self.accountStatus == AccountStatus.NEW_INACTIVE_ACCOUNT:
                self.accountStatus = AccountStatus.ACCOUNT_ACTIVE
                if now is not None:
                    self.accountActivationTime = GXDateTime(now)
        elif e.index == 2:
            if self.accountStatus != AccountStatus.ACCOUNT_CLOSED:
                self.accountStatus = AccountStatus.ACCOUNT_CLOSED
                if now is not None:
                    self.accountClosureTime = GXDateTime(now)
        elif e.index == 3:
            self.accountStatus = AccountStatus.NEW_INACTIVE_ACCOUNT
            self.availableCredit = self.amountToClear = self.aggregatedDebt = 0
        else:
            return super().invoke(settings, e)
        return None


__all__ = [
    "AccountStatus",
    "CurrencyUnit",
    "GXCreditChargeConfiguration",
    "GXCurrency",
    "GXDLMSAccount",
    "GXTokenGatewayConfiguration",
    "PaymentMode",
]
