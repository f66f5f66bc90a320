"""Our client reads every attribute of every object of the default simulated meter over TCP.

For HDLC and WRAPPER, LN and SN, and the four ways in: no authentication (public client),
Low (reader), HighGMAC with authenticated encryption and HighSHA256 (management client).
What the association view says is readable must read without error; what it says is not
must be refused with read-write-denied, never anything else.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from gurux_dlms.apdu.common import ErrorCode
from gurux_dlms.cosem.access import can_read
from gurux_dlms.cosem.classes.object_list import parse_object_list
from gurux_dlms.cosem.registry import create_object
from gurux_dlms.security.enums import Authentication, Security
from gurux_dlms.security.keys import SecuritySettings
from gurux_dlms.session.enums import InterfaceType
from gurux_dlms.session.settings import SessionSettings
from integration.sim_client import SocketClient, start_simulator

INTERFACES = {"hdlc": InterfaceType.HDLC, "wrapper": InterfaceType.WRAPPER}
#: way in -> (client address, mechanism, management mechanism of the simulator, ciphered)
WAYS = {
    "none": (16, Authentication.NONE, Authentication.HIGH_GMAC, False),
    "low": (17, Authentication.LOW, Authentication.HIGH_GMAC, False),
    "gmac": (1, Authentication.HIGH_GMAC, Authentication.HIGH_GMAC, True),
    "sha256": (1, Authentication.HIGH_SHA256, Authentication.HIGH_SHA256, False),
}


@pytest.fixture(scope="module")
def simulators() -> Iterator[dict[tuple[str, str, Authentication], int]]:
    running = {}
    ports = {}
    for interface in INTERFACES:
        for referencing in ("ln", "sn"):
            for management in (Authentication.HIGH_GMAC, Authentication.HIGH_SHA256):
                security = Security.AUTHENTICATION_ENCRYPTION if management == Authentication.HIGH_GMAC \
                    else Security.NONE
                sim = start_simulator(interface=INTERFACES[interface], logical_name_referencing=referencing == "ln",
                                      authentication=management, security=security, rows=24)
                running[(interface, referencing, management)] = sim
                ports[(interface, referencing, management)] = sim.port
    yield ports
    for sim in running.values():
        sim.stop()


def settings_for(interface: str, referencing: str, way: str) -> SessionSettings:
    client, mechanism, _, ciphered = WAYS[way]
    security = SecuritySettings(system_title=b"TESTCLNT",
                                security=Security.AUTHENTICATION_ENCRYPTION if ciphered else Security.NONE)
    return SessionSettings(interface_type=INTERFACES[interface], client_address=client,
                           use_logical_name_referencing=referencing == "ln", authentication=mechanism,
                           password=b"Gurux" if mechanism != Authentication.NONE else None, security=security)


def read_all_ln(client: SocketClient) -> tuple[int, int]:
    objects = parse_object_list(client.call("get", 15, "0.0.40.0.0.255", 2).value)
    assert len(objects) > 30
    read = refused = 0
    for obj in objects:
        for index in range(1, obj.getAttributeCount() + 1):
            result = client.call("get", int(obj.objectType), obj.logicalName, index)
            if can_read(obj.getAccess(index)):
                assert result.error is None, (obj.logicalName, index, result.error)
                read += 1
            else:
                assert result.error == ErrorCode.READ_WRITE_DENIED, (obj.logicalName, index)
                refused += 1
    return read, refused


def read_all_sn(client: SocketClient) -> tuple[int, int]:
    listed = client.call("read", 0xFA00, 2).value
    rights = {entry[0] & 0xFFFF: {int(item[0]): int(item[1]) for item in entry[1]}
              for entry in client.call("read", 0xFA00, 3).value}
    assert len(listed) > 30
    read = refused = 0
    for base, class_id, version, _ln in listed:
        base &= 0xFFFF
        obj = create_object(int(class_id), version=int(version))
        for index in range(1, obj.getAttributeCount() + 1):
            result = client.call("read", base, index)
            if can_read(rights[base].get(index, 0)):
                assert result.error is None, (base, class_id, index, result.error)
                read += 1
            else:
                assert result.error == ErrorCode.READ_WRITE_DENIED, (base, class_id, index)
                refused += 1
    return read, refused


@pytest.mark.parametrize("way", list(WAYS))
@pytest.mark.parametrize("referencing", ["ln", "sn"])
@pytest.mark.parametrize("interface", list(INTERFACES))
def test_client_reads_every_attribute_of_every_object(simulators: dict, interface: str, referencing: str,
                                                      way: str) -> None:
    port = simulators[(interface, referencing, WAYS[way][2])]
    with SocketClient(settings_for(interface, referencing, way), port) as client:
        read, refused = (read_all_ln if referencing == "ln" else read_all_sn)(client)
        assert read > 150
        if way in ("none", "low"):
            assert refused >= 1  # the association's secret at least
        if way == "gmac":
            assert client.connection.settings.server_system_title is not None
