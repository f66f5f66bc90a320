"""The simulated meter's services over TCP: profiles, clock, methods, block transfers, GBT, pushes.

The meter's values are functions of time and seed (:class:`MeterModel`), so what a profile
read returns is checked against the model itself, row by row.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest

from gurux_dlms.apdu.common import SelectiveAccess
from gurux_dlms.apdu.conformance import Conformance, get_initial_conformance
from gurux_dlms.apdu.notification import DataNotification
from gurux_dlms.cosem.classes.profile_generic import GXDLMSProfileGeneric
from gurux_dlms.cosem.classes.profile_selection import entry_descriptor, range_descriptor
from gurux_dlms.data import GXArray, GXEnum, GXInt8, GXStructure, GXUInt16, GXUInt32
from gurux_dlms.data.datetime import GXDateTime
from gurux_dlms.framing.wrapper import WrapperStream
from gurux_dlms.security.enums import Authentication
from gurux_dlms.server.simulator import MeterModel
from gurux_dlms.server.simulator.model import REMOTE_CONNECTION, REMOTE_DISCONNECTION
from gurux_dlms.session.enums import InterfaceType
from gurux_dlms.session.settings import SessionSettings
from integration.sim_client import SocketClient, start_simulator

ROWS = 600
MODEL = MeterModel(1)
LOAD = "1.0.99.1.0.255"
CLOCK = "0.0.1.0.0.255"
DISCONNECT = "0.0.96.3.10.255"


@pytest.fixture(scope="module")
def ports() -> Iterator[dict[str, int]]:
    simulators = {
        "wrapper": start_simulator(interface=InterfaceType.WRAPPER, rows=ROWS),
        "hdlc": start_simulator(interface=InterfaceType.HDLC, rows=ROWS),
        "small": start_simulator(interface=InterfaceType.WRAPPER, rows=ROWS, max_pdu_size=128),
    }
    yield {name: sim.port for name, sim in simulators.items()}
    for sim in simulators.values():
        sim.stop()


def management(interface: InterfaceType = InterfaceType.WRAPPER, **options: object) -> SessionSettings:
    return SessionSettings(interface_type=interface, client_address=1, authentication=Authentication.HIGH,
                           password=b"Gurux", **options)  # type: ignore[arg-type]


def profile_of(client: SocketClient, ln: str = LOAD) -> GXDLMSProfileGeneric:
    profile = GXDLMSProfileGeneric(ln)
    profile.set_attribute_data(3, client.call("get", 7, ln, 3).value)
    return profile


def instant(cell: bytes) -> float:
    value = GXDateTime.from_bytes(bytes(cell)).value
    assert value is not None
    return value.timestamp()


@pytest.mark.parametrize("interface", ["wrapper", "hdlc"])
def test_profile_by_entry_with_selected_columns(ports: dict[str, int], interface: str) -> None:
    kind = InterfaceType.WRAPPER if interface == "wrapper" else InterfaceType.HDLC
    with SocketClient(management(kind), ports[interface]) as client:
        profile = profile_of(client)
        columns = [profile.captureObjects[0], profile.captureObjects[2]]  # clock ... +A
        access = SelectiveAccess(2, entry_descriptor(profile, 5, 3, columns))
        rows = client.call("get", 7, LOAD, 2, access).value
        assert len(rows) == 3 and all(len(row) == 3 for row in rows)
        stamps = [instant(row[0]) for row in rows]
        assert stamps[1] - stamps[0] == stamps[2] - stamps[1] == 900
        assert [row[2] for row in rows] == [MODEL.energy(0, stamp) for stamp in stamps]


def test_profile_by_range_with_selected_columns_is_stable(ports: dict[str, int]) -> None:
    with SocketClient(management(), ports["wrapper"]) as client:
        profile = profile_of(client)
        first = client.call("get", 7, LOAD, 2, SelectiveAccess(2, entry_descriptor(profile, 10, 1))).value[0]
        start = datetime.fromtimestamp(instant(first[0])).astimezone()
        columns = [profile.captureObjects[0], profile.captureObjects[3]]  # clock, -A
        access = SelectiveAccess(1, range_descriptor(profile, start, start + timedelta(hours=1), columns))
        rows = client.call("get", 7, LOAD, 2, access).value
        assert len(rows) == 5 and all(len(row) == 2 for row in rows)
        assert [row[1] for row in rows] == [MODEL.energy(1, instant(row[0])) for row in rows]
        assert client.call("get", 7, LOAD, 2, access).value == rows


def test_clock_written_and_read_back(ports: dict[str, int]) -> None:
    with SocketClient(management(), ports["wrapper"]) as client:
        target = datetime.now().astimezone().replace(microsecond=0) + timedelta(days=3, hours=2)
        written = GXDateTime(target)
        assert client.call("set", 8, CLOCK, 2, bytearray(written.to_bytes())).error is None
        read = GXDateTime.from_bytes(bytes(client.call("get", 8, CLOCK, 2).value)).value
        assert read is not None and abs((read - target).total_seconds()) < 5
        assert client.call("action", 8, CLOCK, 6, GXUInt16(0)).ok  # shift by 0 s keeps it
        assert client.call("set", 8, CLOCK, 2, bytearray(GXDateTime(datetime.now().astimezone()).to_bytes())).ok


def test_disconnect_control_methods_and_script_change_its_state(ports: dict[str, int]) -> None:
    with SocketClient(management(), ports["wrapper"]) as client:
        assert client.call("action", 70, DISCONNECT, 1, GXInt8(0)).ok
        assert client.call("get", 70, DISCONNECT, 2).value is False
        assert client.call("get", 70, DISCONNECT, 3).value == 0
        assert client.call("action", 70, DISCONNECT, 2, GXInt8(0)).ok
        assert client.call("get", 70, DISCONNECT, 2).value is True
        assert client.call("action", 9, "0.0.10.0.106.255", 1, GXUInt16(1)).ok  # script 1: disconnect
        assert client.call("get", 70, DISCONNECT, 3).value == 0
        assert client.call("action", 9, "0.0.10.0.106.255", 1, GXUInt16(2)).ok  # script 2: reconnect
        codes = [row[1] for row in client.call("get", 7, "0.0.99.98.0.255", 2).value]
        assert codes[-4:] == [REMOTE_DISCONNECTION, REMOTE_CONNECTION] * 2


def test_public_client_may_not_disconnect(ports: dict[str, int]) -> None:
    with SocketClient(SessionSettings(interface_type=InterfaceType.WRAPPER), ports["wrapper"]) as client:
        assert client.call("action", 70, DISCONNECT, 1, GXInt8(0)).result == 3
        assert client.call("get", 70, DISCONNECT, 2).value is True


def test_register_reset_counts_from_zero(ports: dict[str, int]) -> None:
    with SocketClient(management(), ports["wrapper"]) as client:
        assert client.call("get", 3, "1.0.3.8.0.255", 2).value > 1000
        assert client.call("action", 3, "1.0.3.8.0.255", 1, GXInt8(0)).ok
        assert client.call("get", 3, "1.0.3.8.0.255", 2).value < 100


def test_a_300_block_get(ports: dict[str, int]) -> None:
    with SocketClient(management(max_receive_pdu_size=64), ports["wrapper"]) as client:
        sent = client.requests_sent
        rows = client.call("get", 7, LOAD, 2).value
        assert len(rows) == ROWS
        assert client.requests_sent - sent >= 300


def test_a_blocked_set(ports: dict[str, int]) -> None:
    with SocketClient(management(), ports["small"]) as client:
        assert client.connection.settings.server_max_receive_pdu_size == 128
        sent = client.requests_sent
        value = bytearray(bytes(range(256)) * 2)
        assert client.call("set", 1, "0.0.42.0.0.255", 2, value).error is None
        assert client.requests_sent - sent >= 4
        assert client.call("get", 1, "0.0.42.0.0.255", 2).value == value


@pytest.mark.parametrize("interface", ["wrapper", "hdlc"])
def test_general_block_transfer(ports: dict[str, int], interface: str) -> None:
    kind = InterfaceType.WRAPPER if interface == "wrapper" else InterfaceType.HDLC
    conformance = get_initial_conformance(True) | Conformance.GENERAL_BLOCK_TRANSFER
    settings = management(kind, proposed_conformance=conformance, gbt_window_size=3, max_receive_pdu_size=256)
    with SocketClient(settings, ports[interface]) as client:
        assert client.connection.settings.negotiated_conformance & Conformance.GENERAL_BLOCK_TRANSFER
        assert len(client.call("get", 7, LOAD, 2).value) == ROWS
        assert client.call("set", 1, "0.0.42.0.0.255", 2, bytearray(b"GBT" * 200)).error is None


def test_push_goes_to_its_destination(ports: dict[str, int]) -> None:
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(5)
    destination = f"127.0.0.1:{listener.getsockname()[1]}".encode()
    with listener, SocketClient(management(), ports["wrapper"]) as client:
        value = GXStructure([GXEnum(0), bytearray(destination), GXEnum(0)])
        assert client.call("set", 40, "0.0.25.9.0.255", 3, value).error is None
        assert client.call("action", 40, "0.0.25.9.0.255", 1, GXInt8(0)).ok
        connection, _ = listener.accept()
        with connection:
            connection.settimeout(5)
            frames = WrapperStream().feed(connection.recv(4096))
    [frame] = frames
    push = DataNotification.decode(frame.apdu)
    body = push.notification_body
    assert body[0] == bytearray((0, 0, 25, 9, 0, 255))  # the push setup's own logical name
    assert isinstance(body[1], bytearray) and len(body[2]) == 12  # device name, clock
    assert body[3] >= MODEL.energy(0, 0)


def test_image_transfer_then_activation_changes_the_firmware_version(ports: dict[str, int]) -> None:
    image = bytes(range(200)) * 2
    with SocketClient(management(), ports["wrapper"]) as client:
        assert client.call("action", 18, "0.0.44.0.0.255", 1, GXStructure([bytearray(b"FW-2.0"), GXUInt32(400)])).ok
        for number in range(2):
            block = GXStructure([GXUInt32(number), bytearray(image[number * 200:(number + 1) * 200])])
            assert client.call("action", 18, "0.0.44.0.0.255", 2, block).ok
        assert client.call("action", 18, "0.0.44.0.0.255", 3, GXInt8(0)).ok
        assert client.call("action", 18, "0.0.44.0.0.255", 4, GXInt8(0)).ok
        assert client.call("get", 1, "1.0.0.2.0.255", 2).value == "FW-2.0"
        assert client.call("get", 18, "0.0.44.0.0.255", 6).value == 6  # activation successful


def test_get_list_of_the_association_view(ports: dict[str, int]) -> None:
    with SocketClient(management(InterfaceType.HDLC), ports["hdlc"]) as client:
        results = client.call("get_list", [(1, "0.0.96.1.0.255", 2), (3, "1.0.32.7.0.255", 3),
                                           (5, "1.0.1.4.0.255", 8)])
        assert results[0].value == "12345678"
        assert results[1].value == GXStructure([GXInt8(-1), GXEnum(35)])
        assert results[2].value == 900
        assert isinstance(client.call("get", 7, "1.0.98.1.0.255", 2).value, GXArray)
