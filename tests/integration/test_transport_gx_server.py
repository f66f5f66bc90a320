"""The transport against the library's own GXDLMSServer over real TCP sockets.

The server is the engine tests' small meter (``server_pair.small_meter``: a clock, a
register, a 400-row profile, one association per authentication mechanism) behind a
threaded TCP listener that feeds each connection's bytes to ``handleRequest``.  Long
answers come in blocks, HLS runs its passes, and refusals come back as errors.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import threading
from datetime import timedelta
from typing import Any

import pytest
from server_pair import PASSWORD, ROWS, SECRET, START, small_meter

from gurux_dlms.cosem.classes.clock import GXDLMSClock
from gurux_dlms.cosem.classes.register import GXDLMSRegister
from gurux_dlms.data.datetime import GXDateTime
from gurux_dlms.errors import AssociationRejectedError, DataAccessError
from gurux_dlms.security.enums import Authentication
from gurux_dlms.server import GXDLMSServer
from gurux_dlms.session import ClientConnection, InterfaceType, SessionSettings
from gurux_dlms.transport import AsyncDriver, AsyncTcpMedia, Meter

ENERGY = "1.0.1.8.0.255"
PROFILE = "1.0.99.1.0.255"


class ServerOnTcp:
    """A GXDLMSServer served on 127.0.0.1, one engine connection per TCP connection."""

    def __init__(self, server: GXDLMSServer) -> None:
        self.server = server
        self._lock = threading.Lock()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self._threads: list[threading.Thread] = []
        self._sockets: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                conn, peer = self._listener.accept()
            except OSError:
                return
            self._sockets.append(conn)
            thread = threading.Thread(target=self._serve, args=(conn, peer), daemon=True)
            self._threads.append(thread)
            thread.start()

    def _serve(self, conn: socket.socket, peer: Any) -> None:
        with conn:
            while True:
                try:
                    data = conn.recv(65536)
                except OSError:
                    break
                if not data:
                    break
                with self._lock:
                    answer = self.server.handleRequest(data, peer)
                if answer:
                    conn.sendall(answer)
        with self._lock:
            self.server.reset(peer)

    def close(self) -> None:
        self._listener.close()
        for conn in self._sockets:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
        for thread in self._threads:
            thread.join(5)


@pytest.fixture(params=[InterfaceType.WRAPPER, InterfaceType.HDLC], ids=["wrapper", "hdlc"])
def served(request: pytest.FixtureRequest) -> Any:
    interface = InterfaceType(request.param)
    server = small_meter(interface)
    running = ServerOnTcp(server)
    try:
        yield running, interface
    finally:
        running.close()


def test_meter_reads_values_objects_and_profiles(served: Any) -> None:
    running, interface = served
    with Meter.tcp("127.0.0.1", running.port, wrapper=interface == InterfaceType.WRAPPER, client=17,
                   authentication="Low", password=PASSWORD, timeout=3.0) as meter:
        objects = meter.objects()
        assert {o.logicalName for o in objects} >= {"0.0.1.0.0.255", ENERGY, PROFILE}
        clock = GXDLMSClock()
        assert isinstance(meter.read(clock), GXDateTime) and clock.time.value.replace(tzinfo=None) == START
        energy = GXDLMSRegister(ENERGY)
        assert meter.read(energy) == 12345
        profile = objects.findByLN(7, PROFILE)
        rows = meter.read_profile(profile)  # 400 rows: the answer comes in blocks
        assert len(rows) == ROWS and int(rows[-1][1]) == 1000 + ROWS - 1
        rows = meter.read_profile(profile, first=10, count=5)
        assert [int(r[1]) for r in rows] == [1009, 1010, 1011, 1012, 1013]
        rows = meter.read_profile(profile, start=START + timedelta(hours=1), end=START + timedelta(hours=2))
        assert [r[0].value.replace(tzinfo=None) for r in rows] == [
            START + timedelta(minutes=15 * i) for i in range(4, 9)]
        meter.write(energy, 2, 500)
        assert meter.read(energy) == 500
        assert running.server.items.findByLN(3, ENERGY).value == 500


def test_high_level_authentication_over_tcp(served: Any) -> None:
    running, interface = served
    with Meter.tcp("127.0.0.1", running.port, wrapper=interface == InterfaceType.WRAPPER, client=3,
                   authentication=Authentication.HIGH_SHA256, password=SECRET, timeout=3.0) as meter:
        assert meter.read((3, ENERGY)) == 12345


def test_refusals(served: Any) -> None:
    running, interface = served
    wrapper = interface == InterfaceType.WRAPPER
    meter = Meter.tcp("127.0.0.1", running.port, wrapper=wrapper, client=17, authentication="Low",
                      password=b"wrong", timeout=3.0)
    with pytest.raises(AssociationRejectedError):
        meter.open()
    assert not meter.driver.media.is_open
    with Meter.tcp("127.0.0.1", running.port, wrapper=wrapper, client=16, timeout=3.0) as meter:  # read-only
        with pytest.raises(DataAccessError):
            meter.write((3, ENERGY), 2, 1)
        assert meter.read((3, ENERGY)) == 12345


def test_async_driver_reads_from_several_connections_at_once(served: Any) -> None:
    running, interface = served

    async def read(client: int, password: bytes) -> Any:
        settings = SessionSettings(interface_type=interface, client_address=client,
                                   authentication=Authentication.LOW, password=password)
        async with AsyncDriver(ClientConnection(settings), AsyncTcpMedia("127.0.0.1", running.port),
                               timeout=3.0) as driver:
            return (await driver.get(3, ENERGY, 2, check=True)).value

    async def main() -> list[Any]:
        return await asyncio.gather(*(read(17, PASSWORD) for _ in range(3)))

    assert asyncio.run(main()) == [12345] * 3


def test_short_name_referencing() -> None:
    running = ServerOnTcp(small_meter(InterfaceType.WRAPPER, ln=False))
    try:
        with Meter.tcp("127.0.0.1", running.port, client=17, authentication="Low", password=PASSWORD,
                       timeout=3.0, use_logical_name_referencing=False) as meter:
            objects = meter.objects()
            energy = objects.findByLN(3, ENERGY)
            assert energy is not None and energy.shortName
            assert meter.read(energy) == 12345
            assert isinstance(meter.read((8, "0.0.1.0.0.255")), GXDateTime)  # base name from the view
            meter.write(energy, 2, 77)
            assert meter.read(energy) == 77
            assert meter.call(energy, 1) is None and meter.read(energy) == 0  # reset through READ
            assert len(meter.read_profile(objects.findByLN(7, PROFILE))) == ROWS
    finally:
        running.close()
