"""What a server connection answers to what it cannot serve, and the Gurux server facade.

Each refusal is the standard's answer: an ExceptionResponse with the state and service
errors that say why (outside an association, unknown or malformed APDU, a service not
negotiated, a PDU too long, a replayed invocation counter, a deciphering failure), a
data-access-result for a block transfer out of sequence, and a FrameError for a WRAPPER
stream that cannot be resynchronised.  The connection keeps serving afterwards.
"""

from __future__ import annotations

import pytest
from server_pair import CLIENT_TITLE, Pair, client_settings, raw_exchange, small_meter

from gurux_dlms.apdu.base import decode_apdu
from gurux_dlms.apdu.common import AttributeDescriptor, ErrorCode
from gurux_dlms.apdu.get import GetRequestNext, GetRequestNormal, GetResponseNormal, GetResponseWithDataBlock
from gurux_dlms.apdu.notification import DataNotification
from gurux_dlms.apdu.service_errors import ExceptionResponse, ExceptionServiceError, StateError
from gurux_dlms.apdu.sn import ReadRequest
from gurux_dlms.apdu.sn_items import VariableName
from gurux_dlms.cosem.classes.object_list import encode_object_list, object_list_to_data
from gurux_dlms.data import GXStructure, GXUInt32, codec
from gurux_dlms.errors import AssociationRejectedError, ExceptionResponseError, FrameError
from gurux_dlms.framing.wrapper import WrapperStream
from gurux_dlms.security.enums import Security
from gurux_dlms.security.keys import SecuritySettings
from gurux_dlms.server import GXServerReply
from gurux_dlms.session.enums import InterfaceType
from gurux_dlms.session.events import Associated, NotificationReceived
from gurux_dlms.session.server import ServerConnection
from gurux_dlms.session.server_events import RequestRefused

ENERGY = "1.0.1.8.0.255"
GET_ENERGY = GetRequestNormal(0xC1, AttributeDescriptor.of(3, ENERGY, 2)).encode()


def exception(answer: object) -> tuple[int, int]:
    assert isinstance(answer, ExceptionResponse), answer
    return int(answer.state_error), int(answer.service_error)


def fresh() -> ServerConnection:
    server = small_meter()
    return ServerConnection(server.settings, server)


def associated_pair(client: int = 1, **options: object) -> Pair:
    pair = Pair(small_meter(), client_settings(client=client, **options))
    assert isinstance(pair.connect()[-1], Associated)
    return pair


def test_request_outside_an_association() -> None:
    connection = fresh()
    [answer] = raw_exchange(connection, GET_ENERGY)
    assert exception(answer) == (StateError.SERVICE_NOT_ALLOWED, ExceptionServiceError.OPERATION_NOT_POSSIBLE)
    assert isinstance(connection.next_event(), RequestRefused)


def test_unknown_and_malformed_apdus() -> None:
    pair = associated_pair()
    [answer] = raw_exchange(pair.connection, b"\xfe\x01\x02", client=1)
    assert exception(answer) == (StateError.SERVICE_UNKNOWN, ExceptionServiceError.SERVICE_NOT_SUPPORTED)
    [answer] = raw_exchange(pair.connection, b"\xc0\x01\xc1\x00", client=1)
    assert exception(answer) == (StateError.SERVICE_NOT_ALLOWED, ExceptionServiceError.OTHER_REASON)
    [answer] = raw_exchange(pair.connection, GET_ENERGY, client=1)  # still serving
    assert isinstance(answer, GetResponseNormal) and answer.value == 12345


def test_service_not_negotiated_and_service_of_the_other_referencing() -> None:
    from gurux_dlms.apdu.conformance import Conformance

    pair = associated_pair(17, proposed_conformance=Conformance.GET)
    set_request = bytes.fromhex("C101C1000301000108 00FF0200 0600000001".replace(" ", ""))
    [answer] = raw_exchange(pair.connection, set_request, client=17)
    assert exception(answer) == (StateError.SERVICE_NOT_ALLOWED, ExceptionServiceError.SERVICE_NOT_SUPPORTED)
    [answer] = raw_exchange(pair.connection, ReadRequest([VariableName(0x100)]).encode(), client=17)
    assert exception(answer)[1] == ExceptionServiceError.SERVICE_NOT_SUPPORTED


def test_request_longer_than_the_server_accepts() -> None:
    server = small_meter()
    server.maxReceivePDUSize = 64
    server.initialize()
    pair = Pair(server, client_settings(client=1))
    pair.connect()
    request = GetRequestNormal(0xC1, AttributeDescriptor.of(3, ENERGY, 2)).encode() + b"\x00" * 70
    [answer] = raw_exchange(pair.connection, request, client=1)
    assert exception(answer) == (StateError.SERVICE_NOT_ALLOWED, ExceptionServiceError.PDU_TOO_LONG)


def test_block_requests_out_of_sequence() -> None:
    pair = associated_pair()
    [answer] = raw_exchange(pair.connection, GetRequestNext(0xC1, 1).encode(), client=1)
    assert isinstance(answer, GetResponseWithDataBlock)
    assert answer.error == ErrorCode.NO_LONG_GET_OR_READ_IN_PROGRESS
    pair.connection.context.max_pdu_size = 64
    profile = GetRequestNormal(0xC1, AttributeDescriptor.of(7, "1.0.99.1.0.255", 2)).encode()
    [first] = raw_exchange(pair.connection, profile, client=1)
    assert isinstance(first, GetResponseWithDataBlock) and first.block_number == 1 and not first.last_block
    [answer] = raw_exchange(pair.connection, GetRequestNext(0xC1, 5).encode(), client=1)
    assert answer.error == ErrorCode.DATA_BLOCK_NUMBER_INVALID


def test_replayed_invocation_counter_gets_the_expected_counter() -> None:
    pair = associated_pair(2, security=SecuritySettings(system_title=CLIENT_TITLE,
                                                         security=Security.AUTHENTICATION_ENCRYPTION))
    pair.client.get(3, ENERGY, 2)
    request = pair.client.data_to_send()
    pair.connection.receive_data(request)
    pair.client.receive_data(pair.connection.data_to_send())
    assert pair.pump()[0].result.value == 12345
    pair.connection.receive_data(request)  # the same bytes again
    [frame] = WrapperStream().feed(pair.connection.data_to_send())
    answer = decode_apdu(frame.apdu)
    assert exception(answer) == (StateError.SERVICE_NOT_ALLOWED, ExceptionServiceError.INVOCATION_COUNTER_ERROR)
    assert answer.invocation_counter == pair.client.settings.security.invocation_counter.value
    assert pair.call("get", 3, ENERGY, 2).value == 12345  # still serving


def test_replayed_counter_on_a_new_connection_is_refused_too() -> None:
    server = small_meter()
    keys = SecuritySettings(system_title=CLIENT_TITLE, security=Security.AUTHENTICATION_ENCRYPTION)
    first = Pair(server, client_settings(client=2, security=keys))
    first.connect()
    first.call("get", 3, ENERGY, 2)
    again = Pair(server, client_settings(client=2, security=SecuritySettings(
        system_title=CLIENT_TITLE, security=Security.AUTHENTICATION_ENCRYPTION)))
    with pytest.raises((AssociationRejectedError, ExceptionResponseError)):
        again.connect()


def test_tampered_ciphered_request_is_a_deciphering_error() -> None:
    pair = associated_pair(2, security=SecuritySettings(system_title=CLIENT_TITLE,
                                                         security=Security.AUTHENTICATION_ENCRYPTION))
    pair.client.get(3, ENERGY, 2)
    request = bytearray(pair.client.data_to_send())
    request[-1] ^= 0x55
    pair.connection.receive_data(bytes(request))
    [frame] = WrapperStream().feed(pair.connection.data_to_send())
    assert exception(decode_apdu(frame.apdu)) == (StateError.SERVICE_NOT_ALLOWED,
                                                  ExceptionServiceError.DECIPHERING_ERROR)


def test_plain_request_in_an_association_that_requires_ciphering() -> None:
    pair = associated_pair(2, security=SecuritySettings(system_title=CLIENT_TITLE,
                                                         security=Security.AUTHENTICATION_ENCRYPTION))
    [answer] = raw_exchange(pair.connection, GET_ENERGY, client=2)
    assert exception(answer) == (StateError.SERVICE_NOT_ALLOWED, ExceptionServiceError.OPERATION_NOT_POSSIBLE)


def test_wrapper_garbage_raises_frame_error_and_hdlc_garbage_is_skipped() -> None:
    with pytest.raises(FrameError):
        fresh().receive_data(b"\x12\x34\x00\x10\x00\x01\x00\x02\xc0\x01")
    server = small_meter(InterfaceType.HDLC)
    pair = Pair(server, client_settings(InterfaceType.HDLC, client=16))
    pair.connection.receive_data(bytes(range(256)) * 4)
    assert pair.connection.data_to_send() == b""
    assert isinstance(pair.connect()[-1], Associated)


def test_notification_reaches_the_client() -> None:
    pair = associated_pair(16)
    pair.connection.send_notification(DataNotification(0xC0000001, b"", GXStructure([GXUInt32(5)])))
    events = pair.pump()
    assert isinstance(events[0], NotificationReceived)
    assert events[0].apdu.notification_body == GXStructure([GXUInt32(5)])


def test_object_list_encoder_takes_rights_from_callbacks() -> None:
    objects = small_meter().items
    assert encode_object_list(objects, 2) == codec.encode(object_list_to_data(objects, 2))
    readable = encode_object_list(objects, 2, lambda o, i: 1, lambda o, i: 0)
    from gurux_dlms.cosem.classes.object_list import parse_object_list

    parsed = parse_object_list(readable, 2)
    assert all(obj.getAccess(1) == 1 and obj.getAccess(2) == 1 for obj in parsed)
    assert all(obj.getMethodAccess(1) == 0 for obj in parsed if obj.getMethodCount())
    v0 = parse_object_list(encode_object_list(objects, 0, None, lambda o, i: 1), 0)
    assert all(obj.getMethodAccess(1) == 1 for obj in v0 if obj.getMethodCount())


# --- the facade ------------------------------------------------------------------------------------
def test_handle_request_pull_api_and_read_hooks() -> None:
    server = small_meter()
    seen: list[int] = []

    def pre_read(args: list) -> None:
        for e in args:
            seen.append(e.index)
            if e.index == 2 and e.target.logicalName == ENERGY:
                e.value, e.handled = GXUInt32(99), True

    server.onPreRead = pre_read  # type: ignore[method-assign]
    pair = Pair(server, client_settings(client=1))
    pair.client.connect()
    info = "tcp-1"
    for _ in range(5):
        out = pair.client.data_to_send()
        if not out:
            break
        reply = GXServerReply(out, info)
        server.handleRequest(reply)
        if reply.reply:
            pair.client.receive_data(reply.reply)
    assert isinstance(pair.client.next_event(), Associated)
    pair.client.get(3, ENERGY, 2)
    pair.client.receive_data(server.handleRequest(pair.client.data_to_send(), info) or b"")
    assert pair.client.next_event().result.value == 99 and 2 in seen


def test_is_target_and_validate_authentication_hooks() -> None:
    server = small_meter()
    server.isTarget = lambda server_address, client_address: client_address != 17  # type: ignore[method-assign]
    with pytest.raises(AssociationRejectedError):
        Pair(server, client_settings(client=17)).connect()
    server = small_meter()
    server.onValidateAuthentication = lambda mechanism, password, context=None: 0  # type: ignore[method-assign]
    assert isinstance(Pair(server, client_settings(client=17, password=b"any")).connect()[-1], Associated)
