"""``ClientConnection.send_request``: encoded request APDUs sent as they are, answered with whole reply APDUs.

Against the in-memory server: the bytes go out unchanged unless they must be split, data
blocks (GET, ACTION, SN READ) and GBT are followed and joined into the reply the meter
would have sent in one PDU, long SETs go in blocks, ciphering is applied (or not, when
the request already is), refusals are replies, an RLRQ releases, and an AARQ given as
bytes opens the association (HLS included).
"""

from __future__ import annotations

import pytest
from server_pair import CLIENT_TITLE, ROWS, Pair, client_settings, small_meter

from gurux_dlms.apdu.acse import RLRE
from gurux_dlms.apdu.action import ActionRequestNormal, ActionResponseNormal
from gurux_dlms.apdu.base import decode_apdu
from gurux_dlms.apdu.common import (
    AttributeDescriptor,
    AttributeDescriptorWithSelection,
    ErrorCode,
    MethodDescriptor,
)
from gurux_dlms.apdu.conformance import Conformance
from gurux_dlms.apdu.get import GetRequestNormal, GetRequestWithList, GetResponseNormal, GetResponseWithList
from gurux_dlms.apdu.service_errors import ExceptionResponse
from gurux_dlms.apdu.set import SetRequestNormal, SetResponseLastDataBlock, SetResponseNormal
from gurux_dlms.apdu.sn import ReadRequest, ReadResponse
from gurux_dlms.apdu.sn_items import ReadData, VariableName
from gurux_dlms.data.obis import obis_to_bytes
from gurux_dlms.errors import DecodeError, LocalProtocolError
from gurux_dlms.framing.wrapper import WrapperStream
from gurux_dlms.security.enums import Authentication, Security
from gurux_dlms.security.keys import SecuritySettings
from gurux_dlms.session import association
from gurux_dlms.session.client import State
from gurux_dlms.session.enums import InterfaceType
from gurux_dlms.session.events import Associated, Released, ResponseReceived

PROFILE = obis_to_bytes("1.0.99.1.0.255")
ENERGY = obis_to_bytes("1.0.1.8.0.255")
NAME = obis_to_bytes("0.0.42.0.0.255")


def connected(client: int = 16, interface: InterfaceType = InterfaceType.WRAPPER, ln: bool = True,
              **options: object) -> Pair:
    pair = Pair(small_meter(interface, ln=ln), client_settings(interface, client, ln=ln, **options))
    assert isinstance(pair.connect()[-1], Associated)
    return pair


def send(pair: Pair, apdu: bytes) -> object:
    pair.client.send_request(apdu)
    replies = [e.result for e in pair.pump() if isinstance(e, ResponseReceived)]
    assert len(replies) == 1, replies
    return replies[0]


def get(ln: bytes, attribute: int, class_id: int, invoke: int = 0xC1) -> bytes:
    return GetRequestNormal(invoke, AttributeDescriptor(class_id, ln, attribute)).encode()


def test_get_goes_out_unchanged_and_its_reply_is_the_response_apdu() -> None:
    pair = connected()
    request = get(ENERGY, 2, 3, invoke=0x81)
    pair.client.send_request(request)
    sent = pair.client.data_to_send()
    assert WrapperStream().feed(sent)[0].apdu == request
    pair.connection.receive_data(sent)
    pair.client.receive_data(pair.connection.data_to_send())
    reply = pair.client.next_event()
    assert isinstance(reply, ResponseReceived)
    assert reply.result == GetResponseNormal(0x81, 12345)


@pytest.mark.parametrize("interface", [InterfaceType.WRAPPER, InterfaceType.HDLC])
def test_get_answered_in_data_blocks_is_joined_into_one_normal_reply(interface: InterfaceType) -> None:
    pair = connected(16, interface, max_receive_pdu_size=64)
    reply = send(pair, get(PROFILE, 2, 7))
    assert isinstance(reply, GetResponseNormal) and reply.invoke_id_and_priority == 0xC1
    assert len(reply.value) == ROWS
    assert decode_apdu(reply.encode()) == reply


def test_get_with_list_in_blocks_gives_a_with_list_reply() -> None:
    pair = connected(16, max_receive_pdu_size=64)
    items = [AttributeDescriptorWithSelection(AttributeDescriptor(7, PROFILE, 2)),
             AttributeDescriptorWithSelection(AttributeDescriptor(3, ENERGY, 2))]
    reply = send(pair, GetRequestWithList(0xC1, items).encode())
    assert isinstance(reply, GetResponseWithList)
    assert len(reply.results[0].value) == ROWS and reply.results[1].value == 12345


def test_long_set_is_sent_in_blocks_and_the_last_answer_is_the_reply() -> None:
    server = small_meter()
    pair = Pair(server, client_settings(client=1))
    pair.connect()
    pair.client.settings.server_max_receive_pdu_size = 40
    value = bytearray(b"Z" * 200)
    reply = send(pair, SetRequestNormal(0xC1, AttributeDescriptor(1, NAME, 2), None, value).encode())
    assert isinstance(reply, SetResponseLastDataBlock) and reply.result == 0
    assert server.items.findByLN(1, "0.0.42.0.0.255").value == value


def test_refused_set_and_action_are_replies() -> None:
    pair = connected(16)
    reply = send(pair, SetRequestNormal(0xC1, AttributeDescriptor(3, ENERGY, 2), None, 1).encode())
    assert reply == SetResponseNormal(0xC1, ErrorCode.READ_WRITE_DENIED)
    action = ActionRequestNormal(0xC1, MethodDescriptor(3, ENERGY, 1), 0).encode()
    reply = send(pair, action)
    assert isinstance(reply, ActionResponseNormal) and reply.result == ErrorCode.READ_WRITE_DENIED


def test_action_return_data_in_blocks_is_joined() -> None:
    server = small_meter()

    def big(settings: object, e: object) -> bytearray:
        return bytearray(range(256)) * 2

    server.items.findByLN(3, "1.0.1.8.0.255").invoke = big  # type: ignore[method-assign]
    pair = Pair(server, client_settings(client=1, max_receive_pdu_size=100))
    pair.connect()
    reply = send(pair, ActionRequestNormal(0xC2, MethodDescriptor(3, ENERGY, 1), 0).encode())
    assert isinstance(reply, ActionResponseNormal) and reply.invoke_id_and_priority == 0xC2
    assert reply.result == 0 and reply.return_parameters is not None
    assert reply.return_parameters.value == bytearray(range(256)) * 2


def test_exception_response_is_the_reply_and_the_connection_goes_on() -> None:
    pair = connected(16)
    reply = send(pair, ReadRequest([VariableName(0x10)]).encode())  # SN service on an LN association
    assert isinstance(reply, ExceptionResponse)
    assert pair.client.state is State.ASSOCIATED
    assert send(pair, get(ENERGY, 2, 3)) == GetResponseNormal(0xC1, 12345)


def test_sn_read_in_blocks_is_joined() -> None:
    conformance = Conformance(0x4C038) | Conformance.BLOCK_TRANSFER_WITH_GET_OR_READ
    pair = connected(16, ln=False, max_receive_pdu_size=64, proposed_conformance=conformance)
    profile = pair.server.items.findByLN(7, "1.0.99.1.0.255")
    reply = send(pair, ReadRequest([VariableName(profile.shortName + 8)]).encode())
    assert isinstance(reply, ReadResponse) and isinstance(reply.results[0], ReadData)
    assert len(reply.results[0].value) == ROWS


def test_ciphered_session_ciphers_the_request_and_deciphers_the_reply() -> None:
    security = SecuritySettings(system_title=CLIENT_TITLE, security=Security.AUTHENTICATION_ENCRYPTION)
    pair = connected(2, security=security)
    request = get(ENERGY, 2, 3)
    pair.client.send_request(request)
    sent = pair.client.data_to_send()
    assert request not in sent and sent[8] in (0xC8, 0xDB)  # glo-get-request or general-glo-ciphering
    pair.connection.receive_data(sent)
    pair.client.receive_data(pair.connection.data_to_send())
    event = pair.client.next_event()
    assert isinstance(event, ResponseReceived) and event.result == GetResponseNormal(0xC1, 12345)


def test_general_block_transfer_replies_are_joined() -> None:
    conformance = Conformance(0xBA7802) | Conformance.GENERAL_BLOCK_TRANSFER
    server = small_meter()
    server.gbtWindowSize = 2
    server.initialize()
    pair = Pair(server, client_settings(client=1, proposed_conformance=conformance, gbt_window_size=2,
                                        max_receive_pdu_size=128))
    assert pair.connect()[-1].conformance & Conformance.GENERAL_BLOCK_TRANSFER
    reply = send(pair, get(PROFILE, 2, 7))
    assert isinstance(reply, GetResponseNormal) and len(reply.value) == ROWS


def test_rlrq_releases_and_its_rlre_is_the_reply() -> None:
    pair = connected(16)
    pair.client.send_request(association.build_rlrq(pair.client.settings).encode())
    assert pair.client.state is State.RELEASING
    events = pair.pump()
    assert any(isinstance(e, Released) for e in events)
    replies = [e.result for e in events if isinstance(e, ResponseReceived)]
    assert len(replies) == 1 and isinstance(replies[0], RLRE)
    assert pair.client.state is State.CLOSED


@pytest.mark.parametrize("client", [1, 3])
def test_association_request_given_as_bytes_opens_the_association_with_hls(client: int) -> None:
    settings = client_settings(client=client)
    mechanism = settings.authentication
    aarq = association.build_aarq(settings, b"K" * 16).encode()
    settings.authentication = Authentication.NONE  # the AARQ's mechanism wins
    pair = Pair(small_meter(), settings)
    pair.client.association_request = aarq
    events = pair.connect()
    assert isinstance(events[-1], Associated)
    assert pair.client.settings.authentication == mechanism
    assert pair.client.aare is not None and pair.client.aare.responding_authentication_value
    assert send(pair, get(ENERGY, 2, 3)) == GetResponseNormal(0xC1, 12345)


def test_bad_bytes_are_refused_before_anything_is_sent() -> None:
    pair = connected(16)
    with pytest.raises(DecodeError):
        pair.client.send_request(b"\xc0\x01")
    with pytest.raises(LocalProtocolError):
        pair.client.send_request(b"")
    assert pair.client.data_to_send() == b"" and not pair.client.busy
