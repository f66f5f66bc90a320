"""The objects of the default simulated meter: what a real electricity meter shows a head-end.

Identification (logical device name, serial number, firmware), the clock, energy registers
(total and per tariff, active and reactive, both directions), instantaneous values, an
extended register (maximum demand with its time) and a demand register, a 15-minute load
profile, a daily billing profile and the standard event log, the disconnect control and its
script table, the IEC local port and HDLC setups, TCP-UDP and IPv4 setups, image transfer,
security setup with the invocation counter, and a push setup.  The associations and their
rights are added by :mod:`.meter`; the values that move with time by its refresh.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ...cosem.classes.clock import ClockBase, GXDLMSClock
from ...cosem.classes.data import GXDLMSData
from ...cosem.classes.disconnect_control import ControlMode, ControlState, GXDLMSDisconnectControl
from ...cosem.classes.extended_register import GXDLMSDemandRegister, GXDLMSExtendedRegister
from ...cosem.classes.image_transfer import GXDLMSImageTransfer
from ...cosem.classes.ip_setup import GXDLMSIp4Setup
from ...cosem.classes.network_setup import GXDLMSTcpUdpSetup
from ...cosem.classes.object_references import GXDLMSCaptureObject
from ...cosem.classes.port_setup import (
    BaudRate,
    GXDLMSHdlcSetup,
    GXDLMSIECLocalPortSetup,
    OpticalProtocolMode,
)
from ...cosem.classes.profile_generic import GXDLMSProfileGeneric, SortMethod
from ...cosem.classes.push_setup import GXDLMSPushSetup
from ...cosem.classes.register import GXDLMSRegister
from ...cosem.classes.script_table import (
    GXDLMSScript,
    GXDLMSScriptAction,
    GXDLMSScriptTable,
    ScriptActionType,
)
from ...cosem.classes.security_setup import GXDLMSSecuritySetup
from ...cosem.unit import Unit
from ...data.datetime import GXDateTime
from ...data.types import DataType, GXInt8, GXUInt8, GXUInt16, GXUInt32

#: Energy registers: logical name, channel of the model, tariff share (None: total), unit.
ENERGY_REGISTERS = (
    ("1.0.1.8.0.255", 0, None, Unit.ACTIVE_ENERGY),
    ("1.0.1.8.1.255", 0, 0.6, Unit.ACTIVE_ENERGY),
    ("1.0.1.8.2.255", 0, 0.4, Unit.ACTIVE_ENERGY),
    ("1.0.2.8.0.255", 1, None, Unit.ACTIVE_ENERGY),
    ("1.0.3.8.0.255", 2, None, Unit.REACTIVE_ENERGY),
    ("1.0.4.8.0.255", 3, None, Unit.REACTIVE_ENERGY),
)
LOAD_PROFILE = "1.0.99.1.0.255"
DAILY_PROFILE = "1.0.98.1.0.255"
EVENT_LOG = "0.0.99.98.0.255"
INVOCATION_COUNTER = "0.0.43.1.1.255"
SECURITY_SETUP = "0.0.43.0.1.255"
DISCONNECT_SCRIPTS = "0.0.10.0.106.255"


@dataclass
class MeterObjects:
    """The default meter's objects, by role (``all`` in the order they are listed)."""

    clock: GXDLMSClock
    energy: dict[str, tuple[GXDLMSRegister, int, float | None]]
    power: GXDLMSRegister
    voltage: GXDLMSRegister
    current: GXDLMSRegister
    max_demand: GXDLMSExtendedRegister
    demand: GXDLMSDemandRegister
    status: Any  # GXDLMSData
    event_code: Any  # GXDLMSData
    firmware: Any  # GXDLMSData
    load_profile: GXDLMSProfileGeneric
    daily_profile: GXDLMSProfileGeneric
    event_log: GXDLMSProfileGeneric
    disconnect: GXDLMSDisconnectControl
    hdlc: GXDLMSHdlcSetup
    tcp_udp: GXDLMSTcpUdpSetup
    security: GXDLMSSecuritySetup
    invocation_counter: Any  # GXDLMSData
    image: GXDLMSImageTransfer
    push: GXDLMSPushSetup
    all: list[Any] = field(default_factory=list)


def _register(ln: str, value: Any, scaler: int, unit: Unit) -> GXDLMSRegister:
    register = GXDLMSRegister(ln)
    register.value = value
    register.scaler_exponent = scaler
    register.unit = unit
    return register


def _data(ln: str, value: Any, data_type: DataType | None = None) -> Any:
    data: Any = GXDLMSData(ln)
    data.value = value
    if data_type is not None:
        data.setDataType(2, data_type)
    return data


def _profile(ln: str, period: int, entries: int, columns: list[tuple[Any, int]]) -> GXDLMSProfileGeneric:
    profile = GXDLMSProfileGeneric(ln)
    for target, index in columns:
        profile.addCaptureObject(target, index)
    profile.capturePeriod = period
    profile.sortMethod = SortMethod.FIFO
    profile.profileEntries = entries
    return profile


def build_objects(serial: int, rows: int, *, server_address: int = 1, port: int = 4061,
                  system_title: bytes = b"GRX00000") -> MeterObjects:
    """The default meter's objects (values that move with time are filled in by the meter)."""
    device_name = _data("0.0.42.0.0.255", bytearray(f"GRX{serial:013d}".encode()))
    serial_number = _data("0.0.96.1.0.255", str(serial))
    firmware = _data("1.0.0.2.0.255", "1.0.0")
    status = _data("0.0.96.10.1.255", GXUInt8(0))
    event_code = _data("0.0.96.11.0.255", GXUInt16(0))
    clock = GXDLMSClock()
    clock.clockBase = ClockBase.CRYSTAL
    clock.deviation = 60
    clock.enabled = False
    energy = {ln: (_register(ln, GXUInt32(0), 0, unit), channel, share)
              for ln, channel, share, unit in ENERGY_REGISTERS}
    power = _register("1.0.1.7.0.255", GXUInt32(0), 0, Unit.ACTIVE_POWER)
    voltage = _register("1.0.32.7.0.255", GXUInt16(0), -1, Unit.VOLTAGE)
    current = _register("1.0.31.7.0.255", GXUInt16(0), -2, Unit.CURRENT)
    max_demand = GXDLMSExtendedRegister("1.0.1.6.0.255")
    max_demand.value, max_demand.scaler_exponent, max_demand.unit = GXUInt32(0), 0, Unit.ACTIVE_POWER
    max_demand.status = GXUInt8(0)
    demand = GXDLMSDemandRegister("1.0.1.4.0.255")
    demand.currentAverageValue, demand.lastAverageValue = GXUInt32(0), GXUInt32(0)
    demand.scaler_exponent, demand.unit, demand.status = 0, Unit.ACTIVE_POWER, GXUInt8(0)
    demand.period, demand.numberOfPeriods = 900, 1
    plus_a, minus_a = energy["1.0.1.8.0.255"][0], energy["1.0.2.8.0.255"][0]
    load_profile = _profile(LOAD_PROFILE, 900, rows, [(clock, 2), (status, 2), (plus_a, 2), (minus_a, 2)])
    daily_profile = _profile(DAILY_PROFILE, 86_400, min(rows, 400),
                             [(clock, 2), (plus_a, 2), (energy["1.0.1.8.1.255"][0], 2),
                              (energy["1.0.1.8.2.255"][0], 2), (minus_a, 2)])
    event_log = _profile(EVENT_LOG, 0, max(min(rows, 100), 10), [(clock, 2), (event_code, 2)])
    disconnect = GXDLMSDisconnectControl()
    disconnect.controlMode = ControlMode.MODE_1
    disconnect.controlState = ControlState.CONNECTED
    disconnect.outputState = True
    scripts = GXDLMSScriptTable(DISCONNECT_SCRIPTS)
    scripts.scripts = [
        GXDLMSScript(1, [GXDLMSScriptAction(ScriptActionType.EXECUTE, disconnect, 1, GXInt8(0), DataType.INT8)]),
        GXDLMSScript(2, [GXDLMSScriptAction(ScriptActionType.EXECUTE, disconnect, 2, GXInt8(0), DataType.INT8)]),
    ]
    local_port = GXDLMSIECLocalPortSetup()
    local_port.defaultMode = OpticalProtocolMode.DEFAULT
    local_port.defaultBaudrate, local_port.proposedBaudrate = BaudRate.BAUDRATE_300, BaudRate.BAUDRATE_9600
    hdlc = GXDLMSHdlcSetup()
    hdlc.communicationSpeed = BaudRate.BAUDRATE_9600
    hdlc.deviceAddress = server_address
    tcp_udp = GXDLMSTcpUdpSetup()
    tcp_udp.port, tcp_udp.ipReference, tcp_udp.maximumSimultaneousConnections = port, "0.0.25.1.0.255", 32
    ip4 = GXDLMSIp4Setup()
    ip4.ipAddress, ip4.subnetMask, ip4.gatewayIPAddress = "127.0.0.1", "255.0.0.0", "0.0.0.0"
    ip4.primaryDNSAddress = ip4.secondaryDNSAddress = "0.0.0.0"
    security = GXDLMSSecuritySetup(SECURITY_SETUP)
    security.serverSystemTitle = bytes(system_title)
    security.clientSystemTitle = bytes(8)
    invocation_counter = _data(INVOCATION_COUNTER, GXUInt32(0))
    image = GXDLMSImageTransfer()
    image.imageBlockSize = 200
    push = GXDLMSPushSetup()
    push.pushClientSAP = 102
    push.confirmationParameters.startDate = GXDateTime()
    push.lastConfirmationDateTime = GXDateTime()
    objects = MeterObjects(clock, energy, power, voltage, current, max_demand, demand, status, event_code, firmware,
                           load_profile, daily_profile, event_log, disconnect, hdlc, tcp_udp, security,
                           invocation_counter, image, push)
    push.pushObjectList = [(push, GXDLMSCaptureObject(1, 0)), (device_name, GXDLMSCaptureObject(2, 0)),
                           (clock, GXDLMSCaptureObject(2, 0)), (plus_a, GXDLMSCaptureObject(2, 0))]
    objects.all = [device_name, serial_number, firmware, clock, *(r for r, _, _ in energy.values()), power, voltage,
                   current, max_demand, demand, status, event_code, load_profile, daily_profile, event_log,
                   disconnect, scripts, local_port, hdlc, tcp_udp, ip4, security, invocation_counter, image, push]
    return objects


__all__ = ["DAILY_PROFILE", "ENERGY_REGISTERS", "EVENT_LOG", "INVOCATION_COUNTER", "LOAD_PROFILE", "SECURITY_SETUP",
           "MeterObjects", "build_objects"]
