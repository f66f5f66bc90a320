"""IEC 62056-21 mode E opening: messages and the two state machines."""

from __future__ import annotations

import pytest

from gurux_dlms.errors import DecodeError, LocalProtocolError
from gurux_dlms.framing import (
    BAUD_BY_CHAR,
    MeterIdentification,
    ModeEClient,
    ModeEServer,
    build_identification,
    build_option_select,
    build_request,
    parse_identification,
    parse_option_select,
    parse_request,
)
from gurux_dlms.framing.iec62056_21 import (
    BaudRateSwitch,
    IdentificationReceived,
    ModeEState,
    RequestReceived,
    baud_char,
)


def test_baud_table() -> None:
    assert [BAUD_BY_CHAR[c] for c in "0123456"] == [300, 600, 1200, 2400, 4800, 9600, 19200]
    assert baud_char(9600) == "5"
    with pytest.raises(LocalProtocolError):
        baud_char(1234)


def test_request_messages() -> None:
    assert build_request() == b"/?!\r\n"
    assert build_request("12345678") == b"/?12345678!\r\n"
    assert parse_request(b"/?!\r\n") == ""
    assert parse_request(b"/?12345678!\r\n") == "12345678"
    with pytest.raises(LocalProtocolError):
        build_request("a!b")
    with pytest.raises(LocalProtocolError):
        build_request("1" * 33)
    with pytest.raises(DecodeError):
        parse_request(b"/?123\r\n")


def test_identification_messages() -> None:
    ident = parse_identification(b"/ISk5\\2MT382-1000\r\n")
    assert ident == MeterIdentification("ISk", "5", "MT382-1000", ("2",))
    assert ident.baud == 9600 and ident.supports_mode_e and ident.reaction_20ms
    assert build_identification(ident) == b"/ISk5\\2MT382-1000\r\n"
    plain = parse_identification(b"/LGZ4ZMD3104407.B34\r\n")
    assert (plain.manufacturer, plain.baud, plain.identification, plain.enhanced) == (
        "LGZ",
        4800,
        "ZMD3104407.B34",
        (),
    )
    assert not plain.supports_mode_e and not plain.reaction_20ms


@pytest.mark.parametrize(
    "line",
    [
        b"/IS5\r\n",  # too short
        b"/I1K5ident\r\n",  # manufacturer not letters
        b"/ISKXident\r\n",  # bad baud char
        b"/ISK5ident",  # no CR LF
        b"ISK5ident\r\n",  # no slash
        b"/ISK5\xffident\r\n",  # not ASCII
        b"/ISK5\x01ident\r\n",  # not printable
        b"/ISK5" + b"x" * 17 + b"\r\n",  # ident too long
        b"/ISK5\r\n",  # no ident
    ],
)
def test_identification_garbage(line: bytes) -> None:
    with pytest.raises(DecodeError):
        parse_identification(line)


def test_option_select() -> None:
    assert build_option_select("5") == bytes.fromhex("06 32 35 32 0D 0A")
    option = parse_option_select(bytes.fromhex("06 32 35 32 0D 0A"))
    assert option.is_hdlc and option.baud == 9600
    with pytest.raises(DecodeError):
        parse_option_select(b"\x062\r\n")
    with pytest.raises(LocalProtocolError):
        build_option_select("A")


def test_client_and_server_handshake() -> None:
    client = ModeEClient()
    server = ModeEServer(MeterIdentification("GRX", "6", "Meter1", ("2",)))
    client.start()
    request = client.data_to_send()
    assert request == b"/?!\r\n"
    server.receive_data(request)
    assert server.next_event() == RequestReceived("")
    ident = server.data_to_send()
    assert ident == b"/GRX6\\2Meter1\r\n"
    # The identification arrives in pieces, with line noise and our own echo first.
    for piece in (b"\x00\xff/?!\r\n", ident[:4], ident[4:]):
        client.receive_data(piece)
    assert client.next_event() == IdentificationReceived(parse_identification(ident))
    assert client.next_event() == BaudRateSwitch(19200)
    assert client.next_event() is None
    ack = client.data_to_send()
    assert ack == b"\x06262\r\n"
    assert client.state is ModeEState.HDLC and client.baud == 19200
    server.receive_data(ack)
    assert server.next_event() == BaudRateSwitch(19200)
    assert server.state is ModeEState.HDLC and server.baud == 19200
    with pytest.raises(LocalProtocolError):
        client.start()


def test_client_caps_the_baud_rate() -> None:
    client = ModeEClient(baud=9600)
    client.start()
    client.data_to_send()
    client.receive_data(b"/GRX6Meter1\r\n")
    assert client.data_to_send() == bytes.fromhex("06 32 35 32 0D 0A")
    assert client.baud == 9600


def test_addressed_request_and_other_meters() -> None:
    server = ModeEServer(MeterIdentification("GRX", "5", "M"), device_address="42")
    server.receive_data(b"/?41!\r\n")
    assert server.next_event() is None and server.data_to_send() == b""
    server.receive_data(b"/?42!\r\n" + build_option_select("5"))  # both in one read
    assert server.next_event() == RequestReceived("42")
    assert server.next_event() == BaudRateSwitch(9600)
    assert server.data_to_send() == b"/GRX5M\r\n"


def test_garbage_raises_decode_error() -> None:
    client = ModeEClient()
    client.start()
    with pytest.raises(DecodeError):
        client.receive_data(b"/xx\r\n")
    client2 = ModeEClient()
    client2.start()
    with pytest.raises(DecodeError, match="CR LF"):
        client2.receive_data(b"/" + b"A" * 200)
    server = ModeEServer(MeterIdentification("GRX", "5", "M"))
    server.receive_data(b"/?!\r\n")
    with pytest.raises(DecodeError):
        server.receive_data(b"\x060X2\r\n")
    server2 = ModeEServer(MeterIdentification("GRX", "5", "M"))
    server2.receive_data(b"/?!\r\n")
    with pytest.raises(DecodeError, match="HDLC"):
        server2.receive_data(b"\x06050\r\n")  # mode C data readout, not HDLC
