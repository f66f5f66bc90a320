"""The simulated meter without sockets: its model, its moving values, its associations and methods."""

from __future__ import annotations

from datetime import datetime, timezone
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st
from server_pair import Pair

from gurux_dlms.apdu.common import ErrorCode
from gurux_dlms.cosem.collection import GXDLMSObjectCollection
from gurux_dlms.data import GXArray, GXEnum, GXInt8, GXStructure
from gurux_dlms.data.datetime import GXDateTime
from gurux_dlms.errors import AssociationRejectedError
from gurux_dlms.security.enums import Authentication, Security
from gurux_dlms.security.keys import ReplayGuard, SecuritySettings, wrap_key
from gurux_dlms.server.simulator import MeterModel, MeterOptions, SimulatedMeter
from gurux_dlms.server.simulator.cli import build_parser, options_from
from gurux_dlms.session.enums import InterfaceType
from gurux_dlms.session.events import Associated
from gurux_dlms.session.settings import SessionSettings

NOW = datetime(2025, 3, 10, 12, 7, 30, tzinfo=timezone.utc).timestamp()
INSTANTS = st.floats(min_value=1.6e9, max_value=2.1e9)


def meter_at(now: float, **options: object) -> SimulatedMeter:
    meter = SimulatedMeter.__new__(SimulatedMeter)
    meter.now = lambda: now  # type: ignore[method-assign]
    SimulatedMeter.__init__(meter, MeterOptions(interface=InterfaceType.WRAPPER, **options))  # type: ignore[arg-type]
    return meter


def stamp(row: list) -> float:
    value = row[0].value if isinstance(row[0], GXDateTime) else GXDateTime.from_bytes(bytes(row[0])).value
    return value.timestamp()


# --- the model ---------------------------------------------------------------------------------------
@given(INSTANTS, st.floats(min_value=0, max_value=1e6), st.integers(0, 3))
def test_energy_never_decreases(instant: float, later: float, channel: int) -> None:
    model = MeterModel(7)
    assert model.energy(channel, instant + later) >= model.energy(channel, instant)


@given(INSTANTS)
def test_model_is_a_function_of_time_and_seed(instant: float) -> None:
    assert MeterModel(3).energy(0, instant) == MeterModel(3).energy(0, instant)
    assert MeterModel(3).power(instant) > 0 and 2200 < MeterModel(3).voltage(instant) < 2400
    assert MeterModel(3).events(instant - 86400 * 30, instant) == MeterModel(3).events(instant - 86400 * 30, instant)


def test_seeds_give_different_meters() -> None:
    assert MeterModel(1).energy(0, NOW) != MeterModel(2).energy(0, NOW)


def test_replay_guard_reports_the_highest_counter() -> None:
    guard = ReplayGuard()
    assert guard.highest() is None
    guard.accept(5, "a")
    guard.accept(9, "b")
    guard.accept(7, "a")
    assert guard.highest() == 9


# --- values that move with time ---------------------------------------------------------------------
def test_profiles_hold_their_history_and_grow_with_time() -> None:
    meter = meter_at(NOW, rows=48)
    assert meter.meter is not None
    profile = meter.meter.load_profile
    rows = [list(row) for row in profile.buffer]
    assert len(rows) == 48
    assert stamp(rows[-1]) == NOW - NOW % 900
    assert [row[2] for row in rows] == [meter.model.energy(0, stamp(row)) for row in rows]
    meter.refresh(NOW + 3600)
    later = [list(row) for row in profile.buffer]
    assert len(later) == 48 and later[:-4] == rows[4:]
    assert profile.entriesInUse == 48
    again = meter_at(NOW + 3600, rows=48)
    assert [list(row) for row in again.meter.load_profile.buffer] == later  # type: ignore[union-attr]
    daily = meter.meter.daily_profile.buffer
    assert len(daily) == 48 and all(stamp(list(b)) > stamp(list(a)) for a, b in pairwise(daily))


def test_registers_follow_the_model_and_the_clock_runs() -> None:
    meter = meter_at(NOW)
    assert meter.meter is not None
    assert meter.meter.energy["1.0.1.8.0.255"][0].value == meter.model.energy(0, NOW)
    assert meter.meter.energy["1.0.1.8.1.255"][0].value == int(meter.model.energy(0, NOW) * 0.6)
    assert meter.clock is not None and meter.clock.time.value.timestamp() == NOW


# --- associations, methods --------------------------------------------------------------------------
def test_three_associations_with_their_own_rights() -> None:
    meter = SimulatedMeter(MeterOptions(interface=InterfaceType.WRAPPER, rows=8))
    public = Pair(meter, SessionSettings(interface_type=InterfaceType.WRAPPER))
    public.connect()
    assert public.call("set", 8, "0.0.1.0.0.255", 3, 60).error == ErrorCode.READ_WRITE_DENIED
    reader = Pair(meter, SessionSettings(interface_type=InterfaceType.WRAPPER, client_address=17,
                                         authentication=Authentication.LOW, password=b"Gurux"))
    assert isinstance(reader.connect()[-1], Associated)
    wrong = Pair(meter, SessionSettings(interface_type=InterfaceType.WRAPPER, client_address=17,
                                        authentication=Authentication.LOW, password=b"nope"))
    with pytest.raises(AssociationRejectedError):
        wrong.connect()
    assert public.call("get", 1, "0.0.43.1.1.255", 2).value == 0


def test_sn_meter_has_an_association_at_0xfa00_per_client() -> None:
    meter = SimulatedMeter(MeterOptions(interface=InterfaceType.WRAPPER, logical_name_referencing=False, rows=8))
    for client, mechanism in ((16, Authentication.NONE), (1, Authentication.HIGH), (17, Authentication.LOW)):
        pair = Pair(meter, SessionSettings(interface_type=InterfaceType.WRAPPER, client_address=client,
                                           use_logical_name_referencing=False, authentication=mechanism,
                                           password=None if client == 16 else b"Gurux"))
        assert isinstance(pair.connect()[-1], Associated)
        assert len(pair.call("read", 0xFA00, 2).value) == len(meter.items) - 2


def test_key_transfer_changes_the_key_of_later_associations() -> None:
    kek = bytes(range(16, 32))
    options = {"authentication": Authentication.HIGH_GMAC, "security": Security.AUTHENTICATION_ENCRYPTION,
               "kek": kek}
    meter = SimulatedMeter(MeterOptions(interface=InterfaceType.WRAPPER, rows=8, **options))  # type: ignore[arg-type]

    def client(key: bytes | None = None, counter: int = 1) -> Pair:
        keys = SecuritySettings(system_title=b"CLIENT01", security=Security.AUTHENTICATION_ENCRYPTION,
                                invocation_counter=counter, **({"block_cipher_key": key} if key else {}))
        return Pair(meter, SessionSettings(interface_type=InterfaceType.WRAPPER, client_address=1,
                                           authentication=Authentication.HIGH_GMAC, security=keys))

    first = client()
    first.connect()
    new_key = bytes(range(100, 116))
    transfer = GXArray([GXStructure([GXEnum(0), bytearray(wrap_key(kek, new_key))])])
    assert first.call("action", 64, "0.0.43.0.1.255", 2, transfer).ok
    counter = first.client.settings.security.invocation_counter.value
    with pytest.raises(AssociationRejectedError):
        client(counter=counter + 10).connect()
    assert isinstance(client(new_key, counter + 20).connect()[-1], Associated)


def test_clock_set_through_a_client_keeps_running_from_there() -> None:
    meter = SimulatedMeter(MeterOptions(interface=InterfaceType.WRAPPER, rows=8))
    pair = Pair(meter, SessionSettings(interface_type=InterfaceType.WRAPPER, client_address=1,
                                       authentication=Authentication.HIGH, password=b"Gurux"))
    pair.connect()
    target = datetime(2031, 1, 2, 3, 4, 5).astimezone()
    assert pair.call("set", 8, "0.0.1.0.0.255", 2, bytearray(GXDateTime(target).to_bytes())).error is None
    read = GXDateTime.from_bytes(bytes(pair.call("get", 8, "0.0.1.0.0.255", 2).value)).value
    assert abs(read.timestamp() - target.timestamp()) < 5
    assert pair.call("action", 8, "0.0.1.0.0.255", 3, GXInt8(0)).ok  # adjust to minute
    read = GXDateTime.from_bytes(bytes(pair.call("get", 8, "0.0.1.0.0.255", 2).value)).value
    assert read.second < 5


def test_device_file_is_served_as_it_is(tmp_path: object) -> None:
    path = f"{tmp_path}/device.xml"
    source = SimulatedMeter(MeterOptions(interface=InterfaceType.WRAPPER, rows=8))
    objects = GXDLMSObjectCollection(obj for obj in source.items if int(obj.objectType) != 15)
    objects.save(path)
    loaded = GXDLMSObjectCollection.load(path)
    meter = SimulatedMeter(MeterOptions(interface=InterfaceType.WRAPPER), loaded)
    assert meter.meter is None
    pair = Pair(meter, SessionSettings(interface_type=InterfaceType.WRAPPER))
    pair.connect()
    value = pair.call("get", 3, "1.0.1.8.0.255", 2).value
    assert value == source.items.findByLN(3, "1.0.1.8.0.255").value
    assert isinstance(pair.call("get", 8, "0.0.1.0.0.255", 2).value, bytearray)


# --- options ------------------------------------------------------------------------------------------
def test_options_from_the_command_line() -> None:
    args = build_parser().parse_args(["--interface", "WRAPPER", "-r", "sn", "--auth", "gmac", "-C",
                                      "authenticated-encryption", "-T", "4752580102030405", "--rows", "12",
                                      "--logical-address", "1", "--physical-address", "17"])
    options = options_from(args)
    assert options.interface == InterfaceType.WRAPPER and not options.logical_name_referencing
    assert options.authentication == Authentication.HIGH_GMAC
    assert options.security == Security.AUTHENTICATION_ENCRYPTION
    assert options.title == bytes.fromhex("4752580102030405") and options.rows == 12
    assert options.server_address == 1  # WRAPPER: the logical device only
    assert MeterOptions(physical_address=17).server_address == 145
    assert MeterOptions(serial=12345678).title == b"GRX" + (12345678).to_bytes(5, "big")
    with pytest.raises(SystemExit):
        build_parser().parse_args(["--auth", "nonsense"])
