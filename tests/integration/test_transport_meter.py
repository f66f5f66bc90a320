"""The high-level Meter: Python values in and out, against the test meter.

Over TCP with WRAPPER (NetMedia and a threaded server) and over an in-process loopback
with HDLC.  Reads come back converted by the object's class (a clock's time is a
GXDateTime, a register's value is scaled), profiles come back as typed rows, and the
selective-access requests are the bytes Gurux's readRowsByEntry/readRowsByRange send.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from vectors.loader import load

from gurux_dlms.apdu.get import GetRequestNormal
from gurux_dlms.cosem.classes.clock import GXDLMSClock
from gurux_dlms.cosem.classes.profile_generic import GXDLMSProfileGeneric
from gurux_dlms.cosem.classes.register import GXDLMSRegister
from gurux_dlms.cosem.object_type import ObjectType
from gurux_dlms.cosem.unit import Unit
from gurux_dlms.data.datetime import GXDateTime
from gurux_dlms.errors import ConfigurationError, DataAccessError
from gurux_dlms.session import InterfaceType
from gurux_dlms.transport import LoopbackMedia, Meter
from integration.transport_meter import (
    CLOCK_LN,
    DENIED_LN,
    PROFILE_LN,
    REGISTER_LN,
    ROWS,
    START,
    TcpMeterServer,
    TransportMeter,
)


@pytest.fixture(params=["tcp-wrapper", "loopback-hdlc"])
def session(request: pytest.FixtureRequest) -> Any:
    """(an opened Meter, the TransportMeter behind it)."""
    if request.param == "tcp-wrapper":
        with TcpMeterServer() as server, Meter.tcp("127.0.0.1", server.port, timeout=2.0) as meter:
            yield meter, server.meters[0]
        return
    device = TransportMeter(InterfaceType.HDLC)
    with Meter.over(LoopbackMedia(answer=device.feed), interface=InterfaceType.HDLC, timeout=2.0) as meter:
        yield meter, device


def gets(device: TransportMeter) -> list[tuple[str, int]]:
    """(logical name, attribute) of every GET the meter received."""
    return [(".".join(map(str, bytes(a.attribute_descriptor.instance_id))), a.attribute_descriptor.attribute_id)
            for a in device.received if isinstance(a, GetRequestNormal)]


def test_read_clock_gives_a_datetime_stored_in_the_object(session: Any) -> None:
    meter, device = session
    clock = GXDLMSClock()
    value = meter.read(clock, 2)
    assert isinstance(value, GXDateTime) and clock.time is value
    assert value.to_bytes() == device.object(CLOCK_LN).time.to_bytes()
    assert value.value.replace(tzinfo=None) == datetime(2024, 11, 24, 10, 30)
    by_pair = meter.read((8, CLOCK_LN), 2)
    assert isinstance(by_pair, GXDateTime) and by_pair.to_bytes() == value.to_bytes()


def test_register_value_is_scaled_after_reading_the_scaler_once(session: Any) -> None:
    meter, device = session
    register = GXDLMSRegister(REGISTER_LN)
    assert meter.read(register) == pytest.approx(1234.56)
    assert register.unit == Unit.ACTIVE_ENERGY and register.scaler == pytest.approx(0.01)
    assert meter.read(register) == pytest.approx(1234.56)
    assert gets(device) == [(REGISTER_LN, 3), (REGISTER_LN, 2), (REGISTER_LN, 2)]


def test_write_and_call(session: Any) -> None:
    meter, device = session
    register = GXDLMSRegister(REGISTER_LN)
    meter.read(register)
    meter.write(register, 2, 1000.0)
    assert device.object(REGISTER_LN).value == 100000 and register.value == 1000.0
    assert meter.call(register, 1) is None  # reset, with its integer(0) parameter
    assert device.object(REGISTER_LN).value == 0
    clock = GXDLMSClock()
    when = datetime(2025, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
    meter.write(clock, 2, when)
    assert device.object(CLOCK_LN).time.value == when
    assert isinstance(clock.time, GXDateTime) and clock.time.value == when


def test_refused_access_raises_data_access_error(session: Any) -> None:
    meter, _ = session
    with pytest.raises(DataAccessError, match="READ_WRITE_DENIED") as raised:
        meter.read((1, DENIED_LN), 2)
    assert raised.value.code == 3
    assert isinstance(meter.read((8, CLOCK_LN), 2), GXDateTime)


def test_objects_reads_the_association_view(session: Any) -> None:
    meter, _ = session
    objects = meter.objects()
    found = {(int(o.objectType), o.logicalName): type(o).__name__ for o in objects}
    assert found == {(8, CLOCK_LN): "GXDLMSClock", (3, REGISTER_LN): "GXDLMSRegister",
                     (7, PROFILE_LN): "GXDLMSProfileGeneric", (15, "0.0.40.0.0.255"): "GXDLMSAssociationLogicalName"}
    register = objects.findByLN(ObjectType.REGISTER, REGISTER_LN)
    assert meter.read((3, REGISTER_LN)) == pytest.approx(1234.56)
    assert register.scaler == pytest.approx(0.01)  # a pair target uses the object read from the view


def test_profile_by_entry_gives_typed_rows(session: Any) -> None:
    meter, device = session
    profile = GXDLMSProfileGeneric(PROFILE_LN)
    rows = meter.read_profile(profile, first=2, count=3)
    assert len(rows) == 3 and rows is profile.buffer
    assert [row[0].value.replace(tzinfo=None) for row in rows] == [START + timedelta(hours=h) for h in (1, 2, 3)]
    assert all(isinstance(row[0], GXDateTime) for row in rows)
    assert [int(row[1]) for row in rows] == [1001, 1002, 1003]
    request = device.received[-1]
    assert request.access_selection.selector == 2
    assert [int(v) for v in request.access_selection.parameters] == [2, 4, 1, 0]
    assert gets(device)[0] == (PROFILE_LN, 3)  # capture objects first, to type the columns


def test_profile_by_range_gives_the_rows_in_range(session: Any) -> None:
    meter, device = session
    profile = GXDLMSProfileGeneric(PROFILE_LN)
    rows = meter.read_profile(profile, start=START + timedelta(hours=5), end=START + timedelta(hours=7))
    assert [int(row[1]) for row in rows] == [1005, 1006, 1007]
    assert all(isinstance(row[0], GXDateTime) for row in rows)
    assert device.received[-1].access_selection.selector == 1
    assert len(meter.read_profile(profile)) == ROWS


def test_profile_arguments_are_checked(session: Any) -> None:
    meter, _ = session
    profile = GXDLMSProfileGeneric(PROFILE_LN)
    with pytest.raises(ConfigurationError, match="both"):
        meter.read_profile(profile, start=START, first=1)
    with pytest.raises(ConfigurationError, match="profile generic"):
        meter.read_profile(GXDLMSClock())


def _vector(case: str, note: str) -> bytes:
    return next(bytes.fromhex(v["hex"]) for v in load("get") if v["case"] == case and note in v["note"])


def test_selective_access_requests_are_gurux_bytes() -> None:
    device = TransportMeter(InterfaceType.WRAPPER)
    media = LoopbackMedia(answer=device.feed)
    with Meter.over(media, timeout=2.0) as meter:
        events = GXDLMSProfileGeneric("0.0.99.98.0.255")
        assert meter.read_profile(events, first=677, count=321) == []
        sent = bytes(media.sent)
        assert _vector("get-request-by-entry", "index=677, count=321") in sent
        load_profile = GXDLMSProfileGeneric("1.0.98.1.0.255")
        start = datetime(2020, 9, 1, 21, 10, 28, tzinfo=timezone.utc)
        assert meter.read_profile(load_profile, start=start, end=start + timedelta(hours=1)) == []
        expected = _vector("get-request-by-range", "2020-09-01T21:10:28..2020-09-01T22:10:28")
        assert expected[3:] in bytes(media.sent)[len(sent):]  # the invoke id of the vector differs
