"""Realistic, populated objects of the metering, profile, schedule and payment classes (tests share them)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone

from gurux_dlms.cosem import GXDLMSObjectCollection, Unit
from gurux_dlms.cosem.base import GXDLMSObject, ValueEventArgs
from gurux_dlms.cosem.classes.account import (
    AccountStatus,
    CurrencyUnit,
    GXCreditChargeConfiguration,
    GXCurrency,
    GXDLMSAccount,
    GXTokenGatewayConfiguration,
    PaymentMode,
)
from gurux_dlms.cosem.classes.action_schedule import GXDLMSActionSchedule, SingleActionScheduleType
from gurux_dlms.cosem.classes.activity_calendar import (
    GXDLMSActivityCalendar,
    GXDLMSDayProfile,
    GXDLMSDayProfileAction,
    GXDLMSSeasonProfile,
    GXDLMSWeekProfile,
)
from gurux_dlms.cosem.classes.arbitrator import GXDLMSArbitrator
from gurux_dlms.cosem.classes.array_manager import GXDLMSArrayManager, GXDLMSArrayManagerItem
from gurux_dlms.cosem.classes.charge import (
    ChargeType,
    GXChargePerUnitScaling,
    GXChargeTable,
    GXCommodity,
    GXDLMSCharge,
    GXUnitCharge,
)
from gurux_dlms.cosem.classes.clock import GXDLMSClock
from gurux_dlms.cosem.classes.compact_data import CaptureMethod, GXDLMSCompactData
from gurux_dlms.cosem.classes.credit import CreditStatus, CreditType, GXDLMSCredit
from gurux_dlms.cosem.classes.data import GXDLMSData
from gurux_dlms.cosem.classes.disconnect_control import ControlMode, ControlState, GXDLMSDisconnectControl
from gurux_dlms.cosem.classes.extended_register import GXDLMSDemandRegister, GXDLMSExtendedRegister
from gurux_dlms.cosem.classes.function_control import GXDLMSFunctionControl
from gurux_dlms.cosem.classes.limiter import GXDLMSEmergencyProfile, GXDLMSLimiter
from gurux_dlms.cosem.classes.object_references import (
    GXDLMSActionItem,
    GXDLMSActionSet,
    GXDLMSCaptureObject,
    GXDLMSMonitoredValue,
    GXDLMSTarget,
)
from gurux_dlms.cosem.classes.parameter_monitor import GXDLMSParameterMonitor
from gurux_dlms.cosem.classes.profile_generic import GXDLMSProfileGeneric, SortMethod
from gurux_dlms.cosem.classes.register import GXDLMSRegister
from gurux_dlms.cosem.classes.register_activation import GXDLMSRegisterActivation
from gurux_dlms.cosem.classes.register_monitor import GXDLMSRegisterMonitor
from gurux_dlms.cosem.classes.register_table import GXDLMSRegisterTable, GXDLMSTableCellDefinition
from gurux_dlms.cosem.classes.schedule import GXDLMSSchedule, GXScheduleEntry
from gurux_dlms.cosem.classes.script_table import (
    GXDLMSScript,
    GXDLMSScriptAction,
    GXDLMSScriptTable,
    ScriptActionType,
)
from gurux_dlms.cosem.classes.special_days_table import GXDLMSSpecialDay, GXDLMSSpecialDaysTable
from gurux_dlms.cosem.classes.status_mapping import GXDLMSMappingTable, GXDLMSStatusMapping
from gurux_dlms.cosem.classes.token_gateway import GXDLMSTokenGateway, TokenDelivery, TokenStatusCode
from gurux_dlms.cosem.classes.utility_tables import GXDLMSUtilityTables
from gurux_dlms.cosem.object_type import ObjectType
from gurux_dlms.data import GXBitString, GXDate, GXDateTime, GXTime, GXUInt8, GXUInt32
from gurux_dlms.data.types import GXInt16, GXStructure

UTC = timezone.utc

#: class id -> (Gurux class name, default version, attribute count, method count); Gurux 1.0.203
#: for the classes it has (gurux-behaviour.md section 3), the Blue Book for 61, 62, 63 and 68.
EXPECTED: dict[int, tuple[str, int, int, int]] = {
    4: ("GXDLMSExtendedRegister", 0, 5, 0),
    5: ("GXDLMSDemandRegister", 0, 9, 2),
    6: ("GXDLMSRegisterActivation", 0, 4, 3),
    7: ("GXDLMSProfileGeneric", 1, 8, 2),
    9: ("GXDLMSScriptTable", 0, 2, 1),
    10: ("GXDLMSSchedule", 0, 2, 3),
    11: ("GXDLMSSpecialDaysTable", 0, 2, 2),
    20: ("GXDLMSActivityCalendar", 0, 10, 1),
    21: ("GXDLMSRegisterMonitor", 0, 4, 0),
    22: ("GXDLMSActionSchedule", 0, 4, 0),
    26: ("GXDLMSUtilityTables", 0, 4, 0),
    61: ("GXDLMSRegisterTable", 0, 4, 2),
    62: ("GXDLMSCompactData", 1, 6, 2),
    63: ("GXDLMSStatusMapping", 0, 3, 0),
    65: ("GXDLMSParameterMonitor", 0, 4, 2),
    68: ("GXDLMSArbitrator", 0, 6, 2),
    70: ("GXDLMSDisconnectControl", 1, 4, 2),
    71: ("GXDLMSLimiter", 0, 11, 0),
    111: ("GXDLMSAccount", 0, 19, 3),
    112: ("GXDLMSCredit", 0, 11, 3),
    113: ("GXDLMSCharge", 0, 13, 5),
    115: ("GXDLMSTokenGateway", 0, 6, 1),
    122: ("GXDLMSFunctionControl", 0, 3, 3),
    123: ("GXDLMSArrayManager", 0, 2, 5),
}


class ServerSettings:
    """What a server hands to ``invoke``: its objects, and that it is a server."""

    isServer = True

    def __init__(self, *objects: GXDLMSObject) -> None:
        self.objects = GXDLMSObjectCollection(objects)


def stamp(*fields: int) -> GXDateTime:
    return GXDateTime(datetime(*fields, tzinfo=UTC))  # type: ignore[misc]


def register(ln: str, value: int, scaler: int = 0, unit: Unit = Unit.ACTIVE_ENERGY) -> GXDLMSRegister:
    obj = GXDLMSRegister(ln)
    obj.value = GXUInt32(value)
    obj.scaler_exponent = scaler
    obj.unit = unit
    return obj


def load_profile() -> GXDLMSProfileGeneric:
    """A 15-minute load profile: clock, energy import, energy export; three rows."""
    clock = GXDLMSClock()
    pg = GXDLMSProfileGeneric("1.0.99.1.0.255")
    pg.addCaptureObject(clock, 2)
    pg.addCaptureObject(register("1.0.1.8.0.255", 0), 2)
    pg.addCaptureObject(register("1.0.2.8.0.255", 0), 2)
    pg.buffer = [
        [stamp(2024, 4, 14, 22, 0), GXUInt32(617670), GXUInt32(1200)],
        [stamp(2024, 4, 14, 22, 15), GXUInt32(618001), GXUInt32(1210)],
        [stamp(2024, 4, 14, 22, 30), GXUInt32(618262), GXUInt32(1215)],
    ]
    pg.capturePeriod = 900
    pg.sortMethod = SortMethod.FIFO
    pg.sortObject = clock
    pg.sortObjectAttributeIndex = 2
    pg.entriesInUse = 3
    pg.profileEntries = 2880
    return pg


def _extended_register() -> GXDLMSObject:
    obj = GXDLMSExtendedRegister("1.0.1.6.0.255")
    obj.value, obj.scaler_exponent, obj.unit = GXUInt32(4312), -1, Unit.ACTIVE_POWER
    obj.status, obj.captureTime = GXUInt8(0x80), stamp(2024, 5, 1, 12, 15)
    return obj


def _demand_register() -> GXDLMSObject:
    obj = GXDLMSDemandRegister("1.0.1.4.0.255")
    obj.currentAverageValue, obj.lastAverageValue = GXUInt32(512), GXUInt32(498)
    obj.scaler_exponent, obj.unit, obj.status = 0, Unit.ACTIVE_POWER, GXUInt8(1)
    obj.captureTime, obj.startTimeCurrent = stamp(2024, 5, 1, 12, 0), stamp(2024, 5, 1, 12, 15)
    obj.period, obj.numberOfPeriods = 900, 3
    return obj


def _register_activation() -> GXDLMSObject:
    obj = GXDLMSRegisterActivation("0.0.14.0.1.255")
    obj.registerAssignment = [GXDLMSRegister("1.0.1.8.1.255"), GXDLMSRegister("1.0.1.8.2.255")]
    obj.maskList = [(bytearray(b"T1"), [1]), (bytearray(b"T2"), [2]), (bytearray(b"ALL"), [1, 2])]
    obj.activeMask = bytearray(b"T1")
    return obj


def _script_table() -> GXDLMSObject:
    obj = GXDLMSScriptTable("0.0.10.0.100.255")
    disconnector = GXDLMSDisconnectControl()
    obj.scripts = [
        GXDLMSScript(1, [GXDLMSScriptAction(ScriptActionType.EXECUTE, disconnector, 1, GXUInt8(0))]),
        GXDLMSScript(2, [GXDLMSScriptAction(ScriptActionType.EXECUTE, disconnector, 2, GXUInt8(0)),
                         GXDLMSScriptAction(ScriptActionType.WRITE, GXDLMSData("0.0.96.1.0.255"), 2,
                                            bytearray(b"reconnected"))]),
    ]
    return obj


def _schedule() -> GXDLMSObject:
    obj = GXDLMSSchedule()
    weekdays = GXBitString("1111100")
    obj.entries = [
        GXScheduleEntry(1, True, "0.0.10.0.100.255", 1, GXTime.from_bytes(bytes([6, 0, 0, 0])), 60, weekdays,
                        GXBitString("000000000"), GXDate.from_bytes(bytes([0x07, 0xE8, 1, 1, 0xFF])),
                        GXDate.from_bytes(bytes([0xFF, 0xFF, 0xFF, 0xFF, 0xFF]))),
        GXScheduleEntry(2, False, "0.0.10.0.100.255", 2, GXTime.from_bytes(bytes([22, 0, 0, 0])), 0xFFFF,
                        weekdays, GXBitString("100000000"), GXDate.from_bytes(bytes([0x07, 0xE8, 1, 1, 0xFF])),
                        GXDate.from_bytes(bytes([0x07, 0xE8, 12, 31, 0xFF]))),
    ]
    return obj


def _special_days() -> GXDLMSObject:
    obj = GXDLMSSpecialDaysTable()
    obj.entries = [
        GXDLMSSpecialDay(1, GXDate.from_bytes(bytes([0xFF, 0xFF, 1, 1, 0xFF])), 3),
        GXDLMSSpecialDay(2, GXDate.from_bytes(bytes([0xFF, 0xFF, 12, 25, 0xFF])), 3),
        GXDLMSSpecialDay(3, GXDate.from_bytes(bytes([0x07, 0xE8, 3, 29, 5])), 2),
    ]
    return obj


def _activity_calendar() -> GXDLMSObject:
    obj = GXDLMSActivityCalendar()
    day = [GXDLMSDayProfileAction(GXTime.from_bytes(bytes([h, 0, 0, 0])), "0.0.10.0.100.255", s)
           for h, s in ((0, 1), (7, 2), (22, 1))]
    for suffix, name in (("Active", "Summer"), ("Passive", "Winter")):
        setattr(obj, f"calendarName{suffix}", name)
        setattr(obj, f"seasonProfile{suffix}", [
            GXDLMSSeasonProfile("S1", stamp(2024, 3, 31, 2, 0), "W1"),
            GXDLMSSeasonProfile(bytearray(b"\x02"), stamp(2024, 10, 27, 3, 0), bytearray(b"\x02")),
        ])
        setattr(obj, f"weekProfileTable{suffix}", [GXDLMSWeekProfile("W1", 1, 1, 1, 1, 1, 2, 2),
                                                   GXDLMSWeekProfile(bytearray(b"\x02"), 2, 2, 2, 2, 2, 2, 2)])
        setattr(obj, f"dayProfileTable{suffix}", [GXDLMSDayProfile(1, list(day)), GXDLMSDayProfile(2, day[:1])])
    obj.time = stamp(2024, 10, 1, 0, 0)
    return obj


def _register_monitor() -> GXDLMSObject:
    obj = GXDLMSRegisterMonitor("0.0.16.0.1.255")
    obj.thresholds = [GXUInt32(1000), GXUInt32(2000)]
    obj.monitoredValue = GXDLMSMonitoredValue(ObjectType.REGISTER, "1.0.1.7.0.255", 2)
    obj.actions = [GXDLMSActionSet(GXDLMSActionItem("0.0.10.0.100.255", 1), GXDLMSActionItem("0.0.10.0.100.255", 2)),
                   GXDLMSActionSet(GXDLMSActionItem("0.0.10.0.100.255", 3), GXDLMSActionItem("0.0.10.0.100.255", 4))]
    return obj


def _action_schedule() -> GXDLMSObject:
    obj = GXDLMSActionSchedule("0.0.15.0.0.255")
    obj.executedScriptLogicalName, obj.executedScriptSelector = "0.0.10.0.1.255", 1
    obj.type = SingleActionScheduleType.SINGLE_ACTION_SCHEDULE_TYPE3
    obj.executionTime = [stamp(2024, 6, 1, 0, 0), GXDateTime.from_fields(0xFFFF, 0xFF, 1, 0xFF, 0, 0, 0, 0)]
    return obj


def _utility_tables() -> GXDLMSObject:
    obj = GXDLMSUtilityTables("0.0.65.0.5.255")
    obj.tableId, obj.length, obj.buffer = 5, 4, bytearray(b"\x01\x02\x03\x04")
    return obj


def _register_table() -> GXDLMSObject:
    obj = GXDLMSRegisterTable("1.0.98.10.0.255")
    obj.tableCellValues = [GXUInt32(100), GXUInt32(200), GXUInt32(300)]
    obj.tableCellDefinition = GXDLMSTableCellDefinition(ObjectType.REGISTER, "1.0.1.8.0.255", [1, 2, 3], 2)
    obj.scaler_exponent, obj.unit = 3, Unit.ACTIVE_ENERGY
    return obj


def compact_data_with_objects() -> tuple[GXDLMSCompactData, ServerSettings]:
    clock = GXDLMSClock()
    clock.time = stamp(2024, 5, 1, 10, 0)
    energy = register("1.0.1.8.0.255", 123456)
    obj = GXDLMSCompactData("0.0.66.0.1.255")
    obj.captureObjects = [(clock, GXDLMSCaptureObject(2)), (energy, GXDLMSCaptureObject(2))]
    obj.templateId, obj.captureMethod = 1, CaptureMethod.IMPLICIT
    return obj, ServerSettings(clock, energy, obj)


def _compact_data() -> GXDLMSObject:
    obj, settings = compact_data_with_objects()
    obj.invoke(settings, ValueEventArgs(obj, 2, parameters=0))
    return obj


def _status_mapping() -> GXDLMSObject:
    obj = GXDLMSStatusMapping("0.0.96.5.1.255")
    obj.statusWord = GXBitString("1010000000000001")
    obj.mappingTable = GXDLMSMappingTable(1, [1, 2, 3, 4])
    return obj


def _parameter_monitor() -> GXDLMSObject:
    obj = GXDLMSParameterMonitor("0.0.16.2.0.255")
    tariff = GXDLMSRegister("1.0.1.8.0.255")
    obj.changedParameter = GXDLMSTarget(tariff, 3, 0, GXStructure([GXInt16(-1), GXUInt8(30)]))
    obj.captureTime = stamp(2024, 5, 2, 8, 30)
    obj.parameters = [GXDLMSTarget(tariff, 3), GXDLMSTarget(GXDLMSClock(), 3)]
    return obj


def _arbitrator() -> GXDLMSObject:
    obj = GXDLMSArbitrator("0.0.96.3.20.255")
    obj.actions = [GXDLMSActionItem("0.0.10.0.106.255", 1), GXDLMSActionItem("0.0.10.0.106.255", 2)]
    obj.permissionsTable = [GXBitString("11"), GXBitString("01")]
    obj.weightingsTable = [[10, 20], [5, 5]]
    obj.mostRecentRequestsTable = [GXBitString("10"), GXBitString("01")]
    obj.lastOutcome = 1
    return obj


def _disconnect_control() -> GXDLMSObject:
    obj = GXDLMSDisconnectControl()
    obj.outputState, obj.controlState, obj.controlMode = True, ControlState.CONNECTED, ControlMode.MODE_1
    return obj


def _limiter() -> GXDLMSObject:
    obj = GXDLMSLimiter()
    obj.monitoredValue, obj.monitoredAttributeIndex = GXDLMSRegister("1.0.1.7.0.255"), 2
    obj.thresholdActive, obj.thresholdNormal, obj.thresholdEmergency = GXUInt32(5000), GXUInt32(5000), GXUInt32(2000)
    obj.minOverThresholdDuration, obj.minUnderThresholdDuration = 60, 30
    obj.emergencyProfile = GXDLMSEmergencyProfile(7, stamp(2024, 7, 1, 18, 0), 7200)
    obj.emergencyProfileGroupIDs = [1, 7, 9]
    obj.emergencyProfileActive = True
    obj.actionOverThreshold = GXDLMSActionItem("0.0.10.0.106.255", 1)
    obj.actionUnderThreshold = GXDLMSActionItem("0.0.10.0.106.255", 2)
    return obj


def _account() -> GXDLMSObject:
    obj = GXDLMSAccount()
    obj.paymentMode, obj.accountStatus = PaymentMode.PREPAYMENT, AccountStatus.ACCOUNT_ACTIVE
    obj.currentCreditInUse, obj.currentCreditStatus = 1, GXBitString("10000000")
    obj.availableCredit, obj.amountToClear, obj.clearanceThreshold, obj.aggregatedDebt = 25000, -150, 100, 300
    obj.creditReferences = ["0.0.19.10.0.255", "0.0.19.10.1.255"]
    obj.chargeReferences = ["0.0.19.20.0.255"]
    obj.creditChargeConfigurations = [GXCreditChargeConfiguration("0.0.19.10.0.255", "0.0.19.20.0.255",
                                                                  GXBitString("100"))]
    obj.tokenGatewayConfigurations = [GXTokenGatewayConfiguration("0.0.19.10.0.255", 100)]
    obj.accountActivationTime, obj.accountClosureTime = stamp(2024, 1, 1, 0, 0), GXDateTime()
    obj.currency = GXCurrency("EUR", -2, CurrencyUnit.MONETARY)
    obj.lowCreditThreshold, obj.nextCreditAvailableThreshold = 500, 0
    obj.maxProvision, obj.maxProvisionPeriod = 1000, 86400
    return obj


def _credit() -> GXDLMSObject:
    obj = GXDLMSCredit("0.0.19.10.0.255")
    obj.currentCreditAmount, obj.type, obj.priority = 2500, CreditType.TOKEN, 1
    obj.warningThreshold, obj.limit, obj.creditConfiguration = 500, 0, GXBitString("10100")
    obj.status, obj.presetCreditAmount, obj.creditAvailableThreshold = CreditStatus.IN_USE, 1000, 100
    obj.period = stamp(2024, 6, 1, 0, 0)
    return obj


def _charge() -> GXDLMSObject:
    obj = GXDLMSCharge("0.0.19.20.0.255")
    unit = GXUnitCharge(GXChargePerUnitScaling(-3, -4), GXCommodity(GXDLMSRegister("1.0.1.8.0.255"), 2),
                        [GXChargeTable("T1", 2510), GXChargeTable("T2", 1805)])
    obj.totalAmountPaid, obj.chargeType, obj.priority = 15000, ChargeType.CONSUMPTION_BASED_COLLECTION, 1
    obj.unitChargeActive = unit
    obj.unitChargePassive = GXUnitCharge(GXChargePerUnitScaling(-3, -4), GXCommodity(GXDLMSRegister("1.0.1.8.0.255"), 2),
                                         [GXChargeTable("T1", 2600)])
    obj.unitChargeActivationTime, obj.period = stamp(2025, 1, 1, 0, 0), 3600
    obj.chargeConfiguration, obj.lastCollectionTime = GXBitString("10"), stamp(2024, 5, 1, 0, 0)
    obj.lastCollectionAmount, obj.totalAmountRemaining, obj.proportion = 12, 3000, 50
    return obj


def _token_gateway() -> GXDLMSObject:
    obj = GXDLMSTokenGateway()
    obj.token = bytearray.fromhex("12345678901234567890")
    obj.time = stamp(2024, 5, 3, 9, 41)
    obj.descriptions = ["credit token", bytearray(b"\x01\x02")]
    obj.deliveryMethod = TokenDelivery.LOCAL
    obj.status, obj.dataValue = TokenStatusCode.TOKEN_EXECUTION_OK, GXBitString("0100")
    return obj


def _function_control() -> GXDLMSObject:
    obj = GXDLMSFunctionControl("0.0.44.1.0.255")
    obj.activationStatus = [("disconnect", True), ("push", False)]
    obj.functionList = [("disconnect", [GXDLMSDisconnectControl(), GXDLMSScriptTable("0.0.10.0.106.255")]),
                        ("push", [])]
    return obj


def _array_manager() -> GXDLMSObject:
    obj = GXDLMSArrayManager("0.0.18.0.0.255")
    obj.elements = [GXDLMSArrayManagerItem(1, GXDLMSTarget(GXDLMSSpecialDaysTable(), 2)),
                    GXDLMSArrayManagerItem(2, GXDLMSTarget(GXDLMSSchedule(), 2))]
    return obj


POPULATED: dict[int, Callable[[], GXDLMSObject]] = {
    4: _extended_register, 5: _demand_register, 6: _register_activation, 7: load_profile, 9: _script_table,
    10: _schedule, 11: _special_days, 20: _activity_calendar, 21: _register_monitor, 22: _action_schedule,
    26: _utility_tables, 61: _register_table, 62: _compact_data, 63: _status_mapping, 65: _parameter_monitor,
    68: _arbitrator, 70: _disconnect_control, 71: _limiter, 111: _account, 112: _credit, 113: _charge,
    115: _token_gateway, 122: _function_control, 123: _array_manager,
}
