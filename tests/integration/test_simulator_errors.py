"""Clients that get it wrong get the standard's answer, and the simulator keeps serving the others.

A wrong password (AARE rejected, authentication-failure), a wrong key (AARE rejected, the
InitiateRequest could not be deciphered), a replayed invocation counter (ExceptionResponse
invocation-counter-error with the counter expected), garbage inside a WRAPPER frame
(ExceptionResponse service-unknown), garbage instead of a WRAPPER header (connection
closed) and garbage on an HDLC line (ignored).  A client that was associated before each
of them reads on undisturbed after each.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from gurux_dlms.apdu.base import decode_apdu
from gurux_dlms.apdu.service_errors import ExceptionResponse, ExceptionServiceError, StateError
from gurux_dlms.errors import AssociationRejectedError
from gurux_dlms.framing.wrapper import WrapperStream, encode_wrapper
from gurux_dlms.security.enums import Authentication, Security
from gurux_dlms.security.keys import SecuritySettings
from gurux_dlms.session.client import ClientConnection
from gurux_dlms.session.enums import InterfaceType
from gurux_dlms.session.events import NEED_DATA
from gurux_dlms.session.settings import SessionSettings
from integration.sim_client import Channel, SocketClient, raw_session, start_simulator

TITLE = b"ERRCLNT1"


@pytest.fixture(scope="module")
def ports() -> Iterator[dict[str, int]]:
    wrapper = start_simulator(interface=InterfaceType.WRAPPER, rows=24, authentication=Authentication.HIGH_GMAC,
                              security=Security.AUTHENTICATION_ENCRYPTION)
    hdlc = start_simulator(interface=InterfaceType.HDLC, rows=24)
    yield {"wrapper": wrapper.port, "hdlc": hdlc.port}
    wrapper.stop()
    hdlc.stop()


@pytest.fixture
def bystander(ports: dict[str, int]) -> Iterator[SocketClient]:
    """A public client associated all along; it must keep being served."""
    client = SocketClient(SessionSettings(interface_type=InterfaceType.WRAPPER), ports["wrapper"])
    client.open()
    yield client
    assert client.call("get", 1, "0.0.96.1.0.255", 2).value == "12345678"
    client.close()


def gmac(counter: int = 1, key: bytes | None = None) -> SessionSettings:
    extra = {"block_cipher_key": key} if key is not None else {}
    keys = SecuritySettings(system_title=TITLE, security=Security.AUTHENTICATION_ENCRYPTION,
                            invocation_counter=counter, **extra)  # type: ignore[arg-type]
    return SessionSettings(interface_type=InterfaceType.WRAPPER, client_address=1,
                           authentication=Authentication.HIGH_GMAC, security=keys)


def next_counter(port: int) -> int:
    """What a client must start at: one above the highest counter the meter accepted (public read)."""
    with SocketClient(SessionSettings(interface_type=InterfaceType.WRAPPER), port) as client:
        return int(client.call("get", 1, "0.0.43.1.1.255", 2).value) + 1


def test_wrong_password(ports: dict[str, int], bystander: SocketClient) -> None:
    settings = SessionSettings(interface_type=InterfaceType.WRAPPER, client_address=17,
                               authentication=Authentication.LOW, password=b"not the password")
    client = SocketClient(settings, ports["wrapper"])
    with pytest.raises(AssociationRejectedError) as error:
        client.open()
    assert error.value.diagnostic == 13  # authentication-failure
    assert bystander.call("get", 8, "0.0.1.0.0.255", 2).error is None


def test_wrong_key(ports: dict[str, int], bystander: SocketClient) -> None:
    client = SocketClient(gmac(next_counter(ports["wrapper"]), key=bytes(16)), ports["wrapper"])
    with pytest.raises(AssociationRejectedError) as error:
        client.open()
    assert "DECIPHERING" in str(error.value)
    assert bystander.call("get", 3, "1.0.1.8.0.255", 2).error is None


def test_replayed_invocation_counter(ports: dict[str, int], bystander: SocketClient) -> None:
    client = SocketClient(gmac(next_counter(ports["wrapper"])), ports["wrapper"])
    client.open()
    client.connection.get(3, "1.0.1.8.0.255", 2)
    request = client.connection.data_to_send()
    client.send_raw(request)
    client.connection.receive_data(client.receive_raw())  # the answer
    assert client.connection.next_event().result.error is None  # type: ignore[union-attr]
    client.send_raw(request)  # the same ciphered request again
    answer = client.receive_raw()
    [frame] = WrapperStream().feed(answer)
    refusal = decode_apdu(frame.apdu)
    assert isinstance(refusal, ExceptionResponse)
    assert (refusal.state_error, refusal.service_error) == (StateError.SERVICE_NOT_ALLOWED,
                                                            ExceptionServiceError.INVOCATION_COUNTER_ERROR)
    assert refusal.invocation_counter == client.connection.settings.security.invocation_counter.value
    assert client.call("get", 3, "1.0.1.8.0.255", 2).error is None  # the client itself goes on
    client.close()
    assert next_counter(ports["wrapper"]) == refusal.invocation_counter + 1


def test_garbage_in_a_wrapper_frame(ports: dict[str, int], bystander: SocketClient) -> None:
    answer = raw_session(ports["wrapper"], encode_wrapper(16, 1, b"\xfe\xed\xfa\xce"))
    [frame] = WrapperStream().feed(answer)
    refusal = decode_apdu(frame.apdu)
    assert isinstance(refusal, ExceptionResponse) and refusal.state_error == StateError.SERVICE_UNKNOWN
    assert bystander.call("get", 8, "0.0.1.0.0.255", 2).error is None


def test_garbage_instead_of_a_wrapper_header_closes_that_connection(ports: dict[str, int],
                                                                    bystander: SocketClient) -> None:
    assert raw_session(ports["wrapper"], bytes(range(7, 200))) == b""
    assert bystander.call("get", 8, "0.0.1.0.0.255", 2).error is None


def test_garbage_on_an_hdlc_line_is_ignored(ports: dict[str, int]) -> None:
    noise = b"\x7e\x01\x02\x03\x7e" + bytes(range(256))
    assert raw_session(ports["hdlc"], noise, timeout=0.3) == b""  # no answer to noise
    line = Channel(ports["hdlc"])
    line.send(noise)
    client = ClientConnection(SessionSettings(interface_type=InterfaceType.HDLC))
    client.connect()
    line.send(client.data_to_send())  # SNRM after the noise, on the same connection
    answer = line.receive()
    assert answer is not None and answer[0] == 0x7E
    client.receive_data(answer)
    assert client.next_event() is not NEED_DATA  # the UA: the link is up
    line.close()
