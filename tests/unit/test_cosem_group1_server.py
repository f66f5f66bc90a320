"""Server-side methods (invoke) of the metering, schedule and payment classes: the state they change."""

from __future__ import annotations

from typing import Any

import pytest
from cosem_group1_samples import POPULATED, ServerSettings, compact_data_with_objects, register, stamp

from gurux_dlms.cosem.base import ValueEventArgs
from gurux_dlms.cosem.classes.account import AccountStatus, GXDLMSAccount
from gurux_dlms.cosem.classes.activity_calendar import GXDLMSActivityCalendar
from gurux_dlms.cosem.classes.arbitrator import GXDLMSArbitrator
from gurux_dlms.cosem.classes.array_manager import GXDLMSArrayManager
from gurux_dlms.cosem.classes.charge import GXDLMSCharge, unit_charge_to_data
from gurux_dlms.cosem.classes.clock import GXDLMSClock
from gurux_dlms.cosem.classes.credit import CreditStatus, GXDLMSCredit
from gurux_dlms.cosem.classes.data import GXDLMSData
from gurux_dlms.cosem.classes.disconnect_control import (
    TRANSITIONS,
    ControlMode,
    ControlState,
    GXDLMSDisconnectControl,
)
from gurux_dlms.cosem.classes.extended_register import GXDLMSDemandRegister, GXDLMSExtendedRegister
from gurux_dlms.cosem.classes.function_control import GXDLMSFunctionControl
from gurux_dlms.cosem.classes.object_references import GXDLMSTarget
from gurux_dlms.cosem.classes.parameter_monitor import GXDLMSParameterMonitor
from gurux_dlms.cosem.classes.register import GXDLMSRegister
from gurux_dlms.cosem.classes.register_activation import GXDLMSRegisterActivation
from gurux_dlms.cosem.classes.register_monitor import GXDLMSRegisterMonitor
from gurux_dlms.cosem.classes.register_table import GXDLMSRegisterTable
from gurux_dlms.cosem.classes.schedule import GXDLMSSchedule, entry_to_data
from gurux_dlms.cosem.classes.script_table import (
    GXDLMSScript,
    GXDLMSScriptAction,
    GXDLMSScriptTable,
    ScriptActionType,
)
from gurux_dlms.cosem.classes.special_days_table import GXDLMSSpecialDaysTable, special_day_to_data
from gurux_dlms.cosem.classes.token_gateway import GXDLMSTokenGateway, TokenStatusCode
from gurux_dlms.data import GXBitString, GXDateTime, GXStructure, GXUInt32
from gurux_dlms.data.types import GXArray, GXEnum, GXInt32, GXUInt8, GXUInt16
from gurux_dlms.errors import DecodeError


def call(obj: Any, index: int, parameters: Any = None, settings: Any = None) -> Any:
    return obj.invoke(settings, ValueEventArgs(obj, index, parameters=parameters))


def _clocked(*objects: Any) -> tuple[ServerSettings, GXDateTime]:
    clock = GXDLMSClock()
    clock.time = stamp(2024, 7, 1, 12, 0)
    return ServerSettings(clock, *objects), clock.time


def test_demand_register_reset_and_next_period() -> None:
    demand: Any = POPULATED[5]()
    settings, now = _clocked(demand)
    call(demand, 2, GXUInt8(0), settings)
    assert demand.lastAverageValue == 512 and demand.currentAverageValue == 0
    assert type(demand.currentAverageValue) is GXUInt32
    assert demand.captureTime == now and demand.startTimeCurrent == now
    call(demand, 1, GXUInt8(0))
    assert demand.lastAverageValue == 0 and demand.captureTime == now


def test_extended_register_reset() -> None:
    extended: Any = POPULATED[4]()
    settings, now = _clocked()
    call(extended, 1, GXUInt8(0), settings)
    assert extended.value == 0 and extended.captureTime == now


def test_register_activation_methods() -> None:
    activation: Any = POPULATED[6]()
    call(activation, 1, GXStructure([GXUInt16(3), bytearray([1, 0, 1, 8, 3, 255])]))
    assert activation.registerAssignment[-1].logicalName == "1.0.1.8.3.255"
    call(activation, 2, GXStructure([bytearray(b"T1"), GXArray([GXUInt8(1), GXUInt8(3)])]))
    assert activation.maskList[-1] == (bytearray(b"T1"), [1, 3]) and len(activation.maskList) == 3
    call(activation, 3, bytearray(b"ALL"))
    assert [bytes(m[0]) for m in activation.maskList] == [b"T2", b"T1"]


def test_script_table_executes_on_the_server_objects() -> None:
    table: Any = POPULATED[9]()
    disconnector = GXDLMSDisconnectControl()
    disconnector.controlMode, disconnector.controlState = ControlMode.MODE_1, ControlState.CONNECTED
    message = POPULATED[9]().scripts[1].actions[1].target
    settings = ServerSettings(table, disconnector, message)
    call(table, 1, GXUInt16(1), settings)
    assert disconnector.controlState == ControlState.DISCONNECTED and disconnector.outputState is False
    call(table, 1, GXUInt16(2), settings)
    assert disconnector.controlState == ControlState.CONNECTED and message.value == bytearray(b"reconnected")
    call(table, 1, GXUInt16(9), settings)  # no such script: nothing happens
    assert disconnector.outputState is True


def test_schedule_methods() -> None:
    schedule: Any = POPULATED[10]()
    call(schedule, 1, GXStructure([GXUInt16(1), GXUInt16(1), GXUInt16(2), GXUInt16(2)]))
    assert [e.enable for e in schedule.entries] == [False, True]
    new = POPULATED[10]().entries[0]
    new.index, new.scriptSelector = 5, 9
    call(schedule, 2, entry_to_data(new))
    assert [e.index for e in schedule.entries] == [1, 2, 5] and schedule.entries[2].scriptSelector == 9
    call(schedule, 3, GXStructure([GXUInt16(1), GXUInt16(2)]))
    assert [e.index for e in schedule.entries] == [5]


def test_special_days_insert_and_delete() -> None:
    table: Any = POPULATED[11]()
    day = POPULATED[11]().entries[2]
    day.index, day.dayId = 10, 4
    call(table, 1, special_day_to_data(day))
    day.dayId = 5
    call(table, 1, special_day_to_data(day))  # same index: replaced
    assert [(d.index, d.dayId) for d in table.entries][-1] == (10, 5) and len(table.entries) == 4
    call(table, 2, GXUInt16(1))
    assert [d.index for d in table.entries] == [2, 3, 10]


def test_activity_calendar_activates_the_passive_calendar() -> None:
    calendar: Any = POPULATED[20]()
    call(calendar, 1, GXUInt8(0))
    assert calendar.calendarNameActive == "Winter"
    assert calendar.seasonProfileActive == calendar.seasonProfilePassive
    assert calendar.seasonProfileActive is not calendar.seasonProfilePassive
    assert calendar.encode_attribute(3) == calendar.encode_attribute(7)
    assert isinstance(GXDLMSActivityCalendar().time, GXDateTime)


def test_register_monitor_runs_the_crossing_scripts() -> None:
    monitor: Any = POPULATED[21]()
    table = GXDLMSScriptTable("0.0.10.0.100.255")
    alarm = GXDLMSData("0.0.96.1.9.255")
    table.scripts = [GXDLMSScript(1, [GXDLMSScriptAction(ScriptActionType.WRITE, alarm, 2, GXUInt8(1))])]
    settings = ServerSettings(table, monitor, alarm)
    due = monitor.check(settings, 900, 1500)
    assert [a.scriptSelector for a in due] == [1] and alarm.value == 1
    assert [a.scriptSelector for a in monitor.check(settings, 2500, 500)] == [4, 2]
    assert monitor.check(settings, 1500, 1600) == [] and monitor.check(settings, None, 5) == []


def test_register_table_capture_and_reset() -> None:
    table: Any = POPULATED[61]()
    registers = [register(f"1.0.1.8.{e}.255", 100 * e) for e in (1, 2)]
    call(table, 2, GXUInt8(0), ServerSettings(*registers))
    assert table.tableCellValues == [GXUInt32(100), GXUInt32(200), None]
    call(table, 1, GXUInt8(0))
    assert table.tableCellValues == []


def test_compact_data_capture_packs_the_values() -> None:
    compact, settings = compact_data_with_objects()
    call(compact, 2, GXUInt8(0), settings)
    assert compact.templateDescription == bytearray.fromhex("02020906")
    assert compact.buffer[:1] == b"\x0c" and compact.buffer[-4:] == (123456).to_bytes(4, "big")
    values = compact.values()
    assert values[0][1] == 123456 and GXDateTime.from_bytes(bytes(values[0][0])).hour == 10
    call(compact, 1, GXUInt8(0))
    assert compact.buffer == bytearray()


def test_parameter_monitor_methods_and_changes() -> None:
    monitor: Any = POPULATED[65]()
    clock_entry = GXStructure([GXUInt16(8), bytearray([0, 0, 1, 0, 0, 255]), GXUInt8(3)])
    call(monitor, 2, clock_entry)
    assert [int(p.target.objectType) for p in monitor.parameters] == [3]
    call(monitor, 1, clock_entry)
    call(monitor, 1, clock_entry)
    assert [int(p.target.objectType) for p in monitor.parameters] == [3, 8]
    settings, now = _clocked()
    tariff = GXDLMSRegister("1.0.1.8.0.255")
    assert monitor.record_change(settings, tariff, 3, GXUInt8(1))
    assert monitor.changedParameter == GXDLMSTarget(tariff, 3, 0, GXUInt8(1)) and monitor.captureTime == now
    assert not monitor.record_change(settings, tariff, 2, GXUInt8(1))


def test_arbitrator_chooses_by_weight() -> None:
    arbitrator: Any = POPULATED[68]()
    arbitrator.mostRecentRequestsTable = [GXBitString("00"), GXBitString("00")]
    call(arbitrator, 1, GXStructure([GXUInt8(1), GXBitString("11")]))  # actor 1 may only request action 1
    assert arbitrator.lastOutcome == 1 and arbitrator.mostRecentRequestsTable[1] == "11"
    call(arbitrator, 1, GXStructure([GXUInt8(0), GXBitString("10")]))  # 10 for action 0 vs 5 for action 1
    assert arbitrator.lastOutcome == 0
    call(arbitrator, 1, GXStructure([GXUInt8(3), GXBitString("01")]))  # an actor without permissions
    assert arbitrator.lastOutcome == 0 and len(arbitrator.mostRecentRequestsTable) == 4
    call(arbitrator, 2, GXUInt8(0))
    assert arbitrator.lastOutcome == 0 and set(arbitrator.mostRecentRequestsTable) <= {"00", ""}


# --- disconnect control: every mode --------------------------------------------------------------
_D, _C, _R = ControlState.DISCONNECTED, ControlState.CONNECTED, ControlState.READY_FOR_RECONNECTION


@pytest.mark.parametrize(("mode", "reconnected_to"), [
    (ControlMode.MODE_1, _C), (ControlMode.MODE_2, _R), (ControlMode.MODE_3, _C),
    (ControlMode.MODE_4, _R), (ControlMode.MODE_5, _C), (ControlMode.MODE_6, _C),
])
def test_disconnect_control_remote_methods(mode: ControlMode, reconnected_to: ControlState) -> None:
    dc = GXDLMSDisconnectControl()
    dc.controlMode, dc.controlState, dc.outputState = mode, _C, True
    call(dc, 1, GXUInt8(0))
    assert (dc.controlState, dc.outputState) == (_D, False)
    call(dc, 2, GXUInt8(0))
    assert dc.controlState == reconnected_to and dc.outputState is (reconnected_to == _C)
    if reconnected_to == _R:
        assert dc.apply("manual_reconnect") and dc.outputState is True
        dc.apply("local_disconnect")
        call(dc, 1, GXUInt8(0))  # ready for reconnection -> disconnected (c)
        assert dc.controlState == _D


def test_disconnect_control_mode_0_and_local_transitions() -> None:
    dc = GXDLMSDisconnectControl()
    dc.controlState, dc.outputState = _C, True
    call(dc, 1, GXUInt8(0))
    assert dc.controlState == _C and dc.outputState is True  # mode 0: always connected
    dc.controlMode = ControlMode.MODE_3
    assert not dc.apply("manual_disconnect") and dc.apply("local_disconnect") and dc.controlState == _R
    assert not dc.apply("local_reconnect")  # only modes 5 and 6
    dc.controlMode = ControlMode.MODE_5
    assert dc.apply("local_reconnect") and dc.outputState is True
    assert set(TRANSITIONS) == {"remote_disconnect", "remote_reconnect", "manual_reconnect", "manual_disconnect",
                                "local_disconnect", "local_reconnect"}


# --- payment -------------------------------------------------------------------------------------
def test_account_life_cycle() -> None:
    account = GXDLMSAccount()
    settings, now = _clocked()
    call(account, 1, GXUInt8(0), settings)
    assert account.accountStatus == AccountStatus.ACCOUNT_ACTIVE and account.accountActivationTime == now
    account.availableCredit = 100
    call(account, 2, GXUInt8(0), settings)
    assert account.accountStatus == AccountStatus.ACCOUNT_CLOSED and account.accountClosureTime == now
    call(account, 1, GXUInt8(0))
    assert account.accountStatus == AccountStatus.ACCOUNT_CLOSED  # a closed account is not reactivated
    call(account, 3, GXUInt8(0))
    assert account.accountStatus == AccountStatus.NEW_INACTIVE_ACCOUNT and account.availableCredit == 0


def test_credit_methods() -> None:
    credit: Any = POPULATED[112]()
    call(credit, 1, GXInt32(-500))
    assert credit.currentCreditAmount == 2000
    call(credit, 2, GXInt32(7000))
    assert credit.currentCreditAmount == 7000
    call(credit, 3, GXEnum(2))
    assert credit.status == CreditStatus.INVOKED
    with pytest.raises(DecodeError):
        call(credit, 1, bytearray(b"x"))


def test_charge_methods() -> None:
    charge: Any = POPULATED[113]()
    energy = GXDLMSRegister("1.0.1.8.0.255")
    settings, now = _clocked(energy)
    update = POPULATED[113]().unitChargePassive
    update.chargeTables[0].chargePerUnit = 2700
    call(charge, 1, unit_charge_to_data(update), settings)
    assert charge.unitChargePassive.chargeTables[0].chargePerUnit == 2700
    assert charge.unitChargePassive.commodity.target is energy
    call(charge, 2, GXUInt8(0))
    assert charge.encode_attribute(5) == charge.encode_attribute(6)
    assert charge.unitChargeActive.commodity.target is energy
    call(charge, 3, GXUInt8(0), settings)
    assert charge.lastCollectionTime == now
    call(charge, 4, GXInt32(-1000))
    assert charge.totalAmountRemaining == 2000
    call(charge, 5, GXInt32(10))
    assert charge.totalAmountRemaining == 10


def test_token_gateway_enter() -> None:
    gateway = GXDLMSTokenGateway()
    settings, now = _clocked()
    call(gateway, 1, bytearray(b"\x12\x34"), settings)
    assert gateway.token == bytearray(b"\x12\x34") and gateway.status == TokenStatusCode.TOKEN_RECEIVED
    assert gateway.time == now and gateway.tokenStatus == (TokenStatusCode.TOKEN_RECEIVED, "")


def test_function_control_methods() -> None:
    control: Any = POPULATED[122]()
    call(control, 1, GXArray([GXStructure([bytearray(b"push"), True]), GXStructure([bytearray(b"new"), False])]))
    assert control.activationStatus == [("disconnect", True), ("push", True), ("new", False)]
    spec = GXArray([GXStructure([GXUInt16(70), bytearray([0, 0, 96, 3, 10, 255])])])
    call(control, 2, GXStructure([bytearray(b"breaker"), spec]))
    assert control.functionList[-1][0] == "breaker" and control.functionList[-1][1][0].logicalName == "0.0.96.3.10.255"
    assert ("breaker", True) in control.activationStatus
    call(control, 3, bytearray(b"disconnect"))
    assert [f[0] for f in control.functionList] == ["push", "breaker"]
    assert [s[0] for s in control.activationStatus] == ["push", "new", "breaker"]


def test_array_manager_edits_a_special_days_table() -> None:
    manager: Any = POPULATED[123]()
    days: Any = POPULATED[11]()
    settings = ServerSettings(days)
    assert call(manager, 1, GXUInt8(1), settings) == 3
    assert len(call(manager, 2, GXStructure([GXUInt8(1), GXUInt16(2), GXUInt16(0)]), settings)) == 2
    extra = special_day_to_data(days.entries[0])
    extra[0] = GXUInt16(9)
    call(manager, 3, GXStructure([GXUInt8(1), GXUInt16(1), extra]), settings)
    assert [d.index for d in days.entries] == [9, 1, 2, 3]
    extra[2] = GXUInt8(7)
    call(manager, 4, GXStructure([GXUInt8(1), GXUInt16(1), extra]), settings)
    assert days.entries[0].dayId == 7
    call(manager, 5, GXStructure([GXUInt8(1), GXUInt16(2), GXUInt16(3)]), settings)
    assert [d.index for d in days.entries] == [9, 3]
    with pytest.raises(DecodeError):
        call(manager, 4, GXStructure([GXUInt8(1), GXUInt16(7), extra]), settings)
    with pytest.raises(DecodeError):
        call(manager, 1, GXUInt8(5), settings)


def test_every_class_with_methods_executes_them_without_a_server() -> None:
    """Methods whose effect needs no other object work with no settings at all."""
    for obj, index, parameters in (
        (GXDLMSDemandRegister(), 2, GXUInt8(0)), (GXDLMSExtendedRegister(), 1, GXUInt8(0)),
        (GXDLMSScriptTable(), 1, GXUInt16(1)), (GXDLMSActivityCalendar(), 1, GXUInt8(0)),
        (GXDLMSRegisterTable(), 2, GXUInt8(0)), (GXDLMSParameterMonitor(), 1,
                                                 GXStructure([GXUInt16(1), bytearray(6), GXUInt8(2)])),
        (GXDLMSRegisterActivation(), 3, bytearray(b"x")), (GXDLMSSchedule(), 3, GXStructure([GXUInt16(1)] * 2)),
        (GXDLMSSpecialDaysTable(), 2, GXUInt16(1)), (GXDLMSArbitrator(), 2, GXUInt8(0)),
        (GXDLMSCredit(), 3, GXEnum(1)), (GXDLMSCharge(), 3, GXUInt8(0)), (GXDLMSFunctionControl(), 3, bytearray()),
        (GXDLMSRegisterMonitor(), None, None), (GXDLMSArrayManager(), None, None),
    ):
        if index is not None:
            assert obj.invoke(None, ValueEventArgs(obj, index, parameters=parameters)) is None
