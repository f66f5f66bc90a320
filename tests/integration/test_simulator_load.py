"""Twenty clients read from one simulator at the same time, each through its own association.

Every client reads, over and over for a bounded time, items whose answers differ from one
another (a text, two scaler-units, a date-time, profile rows it chose), so an answer that
reached the wrong client or the wrong request would not match what that request expects.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from gurux_dlms.apdu.common import SelectiveAccess
from gurux_dlms.data import GXEnum, GXInt8, GXStructure, GXUInt16, GXUInt32
from gurux_dlms.security.enums import Authentication
from gurux_dlms.session.enums import InterfaceType
from gurux_dlms.session.settings import SessionSettings
from integration.sim_client import SocketClient, start_simulator

CLIENTS = 20
SECONDS = 1.5
#: (client address, mechanism) for each client, in turn.
WAYS = [(16, Authentication.NONE), (1, Authentication.HIGH), (17, Authentication.LOW)]


def checks(number: int) -> list[tuple[tuple[Any, ...], Callable[[Any], bool]]]:
    """The requests client ``number`` makes, each with what its answer must look like."""
    entry = SelectiveAccess(2, GXStructure([GXUInt32(number + 1), GXUInt32(number + 2), GXUInt16(1), GXUInt16(0)]))
    return [
        (("get", 1, "0.0.96.1.0.255", 2), lambda r: r.value == "12345678"),
        (("get", 3, "1.0.32.7.0.255", 3), lambda r: r.value == GXStructure([GXInt8(-1), GXEnum(35)])),
        (("get", 3, "1.0.31.7.0.255", 3), lambda r: r.value == GXStructure([GXInt8(-2), GXEnum(33)])),
        (("get", 8, "0.0.1.0.0.255", 2), lambda r: isinstance(r.value, bytearray) and len(r.value) == 12),
        (("get", 7, "1.0.99.1.0.255", 2, entry), lambda r: len(r.value) == 2 and len(r.value[0]) == 4),
        (("get_list", [(1, "0.0.42.0.0.255", 2), (5, "1.0.1.4.0.255", 8)]),
         lambda r: r[0].value.startswith(b"GRX") and r[1].value == 900),
    ]


def test_twenty_clients_at_once() -> None:
    simulator = start_simulator(interface=InterfaceType.WRAPPER, rows=96)
    failures: list[str] = []
    counts = [0] * CLIENTS
    start = threading.Barrier(CLIENTS)

    def client(number: int) -> None:
        address, mechanism = WAYS[number % len(WAYS)]
        settings = SessionSettings(interface_type=InterfaceType.WRAPPER, client_address=address,
                                   authentication=mechanism, password=None if address == 16 else b"Gurux")
        try:
            with SocketClient(settings, simulator.port) as session:
                start.wait(10)
                requests = checks(number)
                deadline = time.monotonic() + SECONDS
                while time.monotonic() < deadline:
                    (method, *args), expected = requests[counts[number] % len(requests)]
                    result = session.call(method, *args)
                    if not expected(result):
                        failures.append(f"client {number}: {method}{tuple(args)} -> {result!r}")
                        return
                    counts[number] += 1
        except Exception as exc:
            failures.append(f"client {number}: {type(exc).__name__}: {exc}")

    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(SECONDS + 30)
    finally:
        simulator.stop()
    assert not failures, failures[:5]
    assert all(count >= len(checks(0)) for count in counts), counts
    assert not simulator.simulator.clients  # every connection was closed and forgotten
