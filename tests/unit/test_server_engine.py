"""The server connection against the client connection, in memory: associations and services.

Every procedure runs end to end through both sans-I/O state machines: HDLC and WRAPPER
framing, each authentication mechanism, ciphering, GET/SET/ACTION in every form with block
transfer both ways, general block transfer, selective access, access rights per
association, and SN referencing.
"""

from __future__ import annotations

import pytest
from server_pair import (
    ASSOCIATIONS,
    CLIENT_TITLE,
    ROWS,
    SERVER_TITLE,
    START,
    Pair,
    client_settings,
    small_meter,
)

from gurux_dlms.apdu.common import ErrorCode, SelectiveAccess
from gurux_dlms.apdu.conformance import Conformance
from gurux_dlms.data import GXArray, GXStructure, GXUInt16, GXUInt32
from gurux_dlms.data.datetime import GXDateTime
from gurux_dlms.errors import AssociationRejectedError, AuthenticationError
from gurux_dlms.security.enums import Authentication, Security
from gurux_dlms.security.keys import SecuritySettings
from gurux_dlms.session.enums import InterfaceType
from gurux_dlms.session.events import Associated, Released
from gurux_dlms.session.server_events import (
    AssociationAuthenticated,
    AssociationOpened,
    AssociationRefused,
    AssociationReleased,
    RequestServed,
)

INTERFACES = [InterfaceType.WRAPPER, InterfaceType.HDLC]
ENERGY = "1.0.1.8.0.255"
PROFILE = "1.0.99.1.0.255"
CLOCK = "0.0.1.0.0.255"
DISCONNECT = "0.0.96.3.10.255"


def ciphered(security: Security = Security.AUTHENTICATION_ENCRYPTION) -> SecuritySettings:
    return SecuritySettings(system_title=CLIENT_TITLE, security=security)


def connected(client: int = 1, interface: InterfaceType = InterfaceType.WRAPPER, **options: object) -> Pair:
    pair = Pair(small_meter(interface), client_settings(interface, client, **options))
    events = pair.connect()
    assert isinstance(events[-1], Associated)
    return pair


# --- associations -------------------------------------------------------------------------------
@pytest.mark.parametrize("interface", INTERFACES)
@pytest.mark.parametrize("client", sorted(ASSOCIATIONS))
def test_every_mechanism_associates_and_reads(interface: InterfaceType, client: int) -> None:
    security = ciphered() if ASSOCIATIONS[client][0] == Authentication.HIGH_GMAC else None
    pair = connected(client, interface, security=security)
    assert pair.call("get", 3, ENERGY, 2).value == 12345
    assert pair.call("get", 8, CLOCK, 2).value == bytearray(GXDateTime(START).to_bytes())
    kinds = [type(e) for e in pair.server_events]
    assert AssociationOpened in kinds and RequestServed in kinds
    assert (AssociationAuthenticated in kinds) == (ASSOCIATIONS[client][0] > Authentication.LOW)
    pair.client.release()
    assert any(isinstance(e, Released) for e in pair.pump())
    assert isinstance(pair.server_events[-1], AssociationReleased)
    assert pair.connection.context is None


def test_ciphered_association_reports_the_server_title_and_ciphers_answers() -> None:
    pair = connected(2, security=ciphered())
    assert pair.client.settings.server_system_title == SERVER_TITLE
    pair.client.get(3, ENERGY, 2)
    pair.client.receive_data(b"")
    out = pair.client.data_to_send()
    pair.connection.receive_data(out)
    answer = pair.connection.data_to_send()
    assert out[8] == answer[8] == 0xDB  # general-glo-ciphering (GENERAL_PROTECTION), mirrored
    pair.client.receive_data(answer)
    assert pair.pump() and pair.connection.context.request_encrypted


def test_wrong_password_is_refused_with_authentication_failure() -> None:
    pair = Pair(small_meter(), client_settings(client=17, password=b"wrong"))
    with pytest.raises(AssociationRejectedError) as error:
        pair.connect()
    assert error.value.diagnostic == 13
    assert isinstance(pair.server_events[-1], AssociationRefused)
    assert pair.connection.context is None


@pytest.mark.parametrize("client", [1, 3, 4, 5])
def test_wrong_hls_secret_fails_pass_3(client: int) -> None:
    pair = Pair(small_meter(), client_settings(client=client, password=b"not it"))
    with pytest.raises(AuthenticationError):
        pair.connect()
    assert not pair.connection.associated and pair.connection.context is None
    refused = pair.server_events[-1]
    assert isinstance(refused, AssociationRefused) and refused.diagnostic == 13 and "HLS" in refused.reason


def test_unknown_client_address_is_refused() -> None:
    server = small_meter()
    pair = Pair(server, client_settings(client=16))
    pair.client.settings.client_address = 99
    pair.client.channel.client = 99
    with pytest.raises(AssociationRejectedError) as error:
        pair.connect()
    assert error.value.diagnostic == 1


def test_mechanism_other_than_the_association_uses_is_refused() -> None:
    pair = Pair(small_meter(), client_settings(client=17, authentication=Authentication.HIGH, password=b"Gurux"))
    with pytest.raises(AssociationRejectedError) as error:
        pair.connect()
    assert error.value.diagnostic == 11


def test_association_requiring_ciphering_refuses_a_plain_context() -> None:
    pair = Pair(small_meter(), client_settings(client=2))
    with pytest.raises(AssociationRejectedError) as error:
        pair.connect()
    assert error.value.diagnostic == 2


def test_wrong_key_is_refused_with_a_deciphering_error() -> None:
    security = SecuritySettings(system_title=CLIENT_TITLE, security=Security.AUTHENTICATION_ENCRYPTION,
                                block_cipher_key=bytes(16))
    pair = Pair(small_meter(), client_settings(client=2, security=security))
    with pytest.raises(AssociationRejectedError) as error:
        pair.connect()
    assert "deciphering" in str(error.value).lower() or "DECIPHERING" in str(error.value)


def test_requests_before_hls_completes_are_denied() -> None:
    from gurux_dlms.apdu.get import GetRequestNormal, GetResponseNormal

    pair = Pair(small_meter(), client_settings(client=1))
    pair.client.connect()
    pair.client.receive_data(b"")
    aarq = pair.client.data_to_send()
    pair.connection.receive_data(aarq)
    pair.connection.data_to_send()  # the AARE; the client never sends pass 3
    from server_pair import raw_exchange

    from gurux_dlms.apdu.common import AttributeDescriptor

    request = GetRequestNormal(0xC1, AttributeDescriptor.of(3, ENERGY, 2)).encode()
    [answer] = raw_exchange(pair.connection, request, client=1)
    assert isinstance(answer, GetResponseNormal) and answer.error == ErrorCode.READ_WRITE_DENIED


def test_conformance_is_what_both_sides_support() -> None:
    pair = Pair(small_meter(), client_settings(proposed_conformance=Conformance.GET | Conformance.SET))
    event = pair.connect()[-1]
    assert Conformance(event.conformance) == Conformance.GET | Conformance.SET


# --- GET ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("interface", INTERFACES)
def test_long_get_comes_in_blocks(interface: InterfaceType) -> None:
    pair = connected(1, interface, max_receive_pdu_size=64)
    result = pair.call("get", 7, PROFILE, 2)
    assert len(result.value) == ROWS
    assert result.value[-1][1] == 1000 + ROWS - 1
    assert sum(1 for e in pair.server_events if isinstance(e, RequestServed)) > 100


def test_get_list_reads_several_attributes_and_reports_each_error() -> None:
    pair = connected(1)
    results = pair.call("get_list", [(3, ENERGY, 2), (3, ENERGY, 3), (3, "9.9.9.9.9.9", 2), (3, ENERGY, 9)])
    assert results[0].value == 12345
    assert results[1].value == GXStructure([0, 30])
    assert results[2].error == ErrorCode.UNDEFINED_OBJECT
    assert results[3].error == ErrorCode.READ_WRITE_DENIED


def test_long_get_list_comes_in_blocks() -> None:
    pair = connected(1, max_receive_pdu_size=64)
    results = pair.call("get_list", [(7, PROFILE, 2), (3, ENERGY, 2)])
    assert len(results[0].value) == ROWS and results[1].value == 12345


def test_profile_by_entry_with_selected_columns() -> None:
    pair = connected(1)
    access = SelectiveAccess(2, GXStructure([GXUInt32(3), GXUInt32(5), GXUInt16(2), GXUInt16(2)]))
    rows = pair.call("get", 7, PROFILE, 2, access).value
    assert rows == GXArray([GXStructure([GXUInt32(1002)]), GXStructure([GXUInt32(1003)]),
                            GXStructure([GXUInt32(1004)])])


def test_profile_by_range_on_the_clock_column() -> None:
    from gurux_dlms.cosem.classes.profile_selection import range_descriptor

    server = small_meter()
    pair = Pair(server, client_settings(client=1))
    pair.connect()
    profile = server.items.findByLN(7, PROFILE)
    start = GXDateTime(START.replace(hour=1))
    end = GXDateTime(START.replace(hour=2))
    access = SelectiveAccess(1, range_descriptor(profile, start, end))
    rows = pair.call("get", 7, PROFILE, 2, access).value
    assert [row[1] for row in rows] == [1004, 1005, 1006, 1007, 1008]


def test_selective_access_on_an_attribute_without_it_fails() -> None:
    pair = connected(1)
    result = pair.call("get", 3, ENERGY, 2, SelectiveAccess(2, GXStructure([GXUInt32(1), GXUInt32(1)])))
    assert result.error == ErrorCode.OTHER_REASON


# --- SET --------------------------------------------------------------------------------------------
def test_set_writes_and_reads_back() -> None:
    pair = connected(1)
    value = bytearray(GXDateTime(START.replace(year=2030)).to_bytes())
    assert pair.call("set", 8, CLOCK, 2, value).error is None
    assert pair.call("get", 8, CLOCK, 2).value == value


def test_set_of_the_wrong_type_is_refused() -> None:
    pair = connected(1)
    assert pair.call("set", 8, CLOCK, 3, GXUInt32(60)).error == ErrorCode.UNMATCHED_TYPE


def test_long_set_goes_in_blocks() -> None:
    server = small_meter()
    pair = Pair(server, client_settings(client=1))
    pair.connect()
    pair.client.settings.server_max_receive_pdu_size = 40
    value = bytearray(b"A" * 300)
    assert pair.call("set", 1, "0.0.42.0.0.255", 2, value).error is None
    assert server.items.findByLN(1, "0.0.42.0.0.255").value == value
    assert sum(1 for e in pair.server_events if isinstance(e, RequestServed)) >= 8


def test_set_list_and_its_block_form() -> None:
    server = small_meter()
    pair = Pair(server, client_settings(client=1))
    pair.connect()
    results = pair.call("set_list", [(1, "0.0.42.0.0.255", 2), (3, ENERGY, 2)], [bytearray(b"X"), GXUInt32(7)])
    assert [r.error for r in results] == [None, None]
    pair.client.settings.server_max_receive_pdu_size = 40
    results = pair.call("set_list", [(1, "0.0.42.0.0.255", 2), (3, ENERGY, 2)], [bytearray(b"Y" * 100), GXUInt32(8)])
    assert [r.error for r in results] == [None, None]
    assert server.items.findByLN(3, ENERGY).value == 8


# --- ACTION ---------------------------------------------------------------------------------------
def test_disconnect_control_methods_change_its_state() -> None:
    server = small_meter()
    pair = Pair(server, client_settings(client=1))
    pair.connect()
    control = server.items.findByLN(70, DISCONNECT)
    assert pair.call("action", 70, DISCONNECT, 2, 0).ok  # remote reconnect
    assert pair.call("get", 70, DISCONNECT, 2).value is True
    assert pair.call("action", 70, DISCONNECT, 1, 0).ok  # remote disconnect
    assert pair.call("get", 70, DISCONNECT, 3).value == 0 and control.outputState is False


def test_action_list_and_parameters_in_blocks() -> None:
    server = small_meter()
    pair = Pair(server, client_settings(client=1))
    pair.connect()
    results = pair.call("action_list", [(70, DISCONNECT, 2), (3, ENERGY, 1)], [0, 0])
    assert [r.ok for r in results] == [True, True]
    assert server.items.findByLN(3, ENERGY).value == 0
    pair.client.settings.server_max_receive_pdu_size = 30
    result = pair.call("action", 7, PROFILE, 2, bytearray(b"P" * 60))
    assert result.ok


def test_long_return_data_comes_in_blocks() -> None:
    server = small_meter()

    def big(settings: object, e: object) -> bytearray:
        return bytearray(range(256)) * 4

    server.items.findByLN(3, ENERGY).invoke = big  # type: ignore[method-assign]
    pair = Pair(server, client_settings(client=1, max_receive_pdu_size=100))
    pair.connect()
    result = pair.call("action", 3, ENERGY, 1, 0)
    assert result.value == bytearray(range(256)) * 4


# --- access rights and views ----------------------------------------------------------------------
def test_public_client_reads_but_may_not_write_or_invoke() -> None:
    pair = connected(16)
    assert pair.call("get", 3, ENERGY, 2).value == 12345
    assert pair.call("set", 3, ENERGY, 2, GXUInt32(1)).error == ErrorCode.READ_WRITE_DENIED
    assert pair.call("action", 70, DISCONNECT, 1, 0).result == ErrorCode.READ_WRITE_DENIED


def test_each_association_sees_its_rights_in_its_object_list() -> None:
    from gurux_dlms.cosem.classes.object_list import parse_object_list

    for client, write in ((16, False), (1, True)):
        pair = connected(client)
        objects = parse_object_list(pair.call("get", 15, "0.0.40.0.0.255", 2).value)
        clock = objects.findByLN(8, CLOCK)
        assert clock is not None and (clock.getAccess(2) == 3) == write
        assert (clock.getMethodAccess(1) != 0) == write


def test_secret_is_never_readable() -> None:
    pair = connected(1)
    assert pair.call("get", 15, "0.0.40.0.0.255", 7).error == ErrorCode.READ_WRITE_DENIED


# --- general block transfer -----------------------------------------------------------------------
@pytest.mark.parametrize("interface", INTERFACES)
@pytest.mark.parametrize("window", [1, 4])
def test_general_block_transfer_both_ways(window: int, interface: InterfaceType) -> None:
    conformance = Conformance(0xBA7802) | Conformance.GENERAL_BLOCK_TRANSFER
    server = small_meter(interface)
    server.gbtWindowSize = window
    server.initialize()
    pair = Pair(server, client_settings(interface, client=1, proposed_conformance=conformance,
                                        gbt_window_size=window, max_receive_pdu_size=128))
    event = pair.connect()[-1]
    assert event.conformance & Conformance.GENERAL_BLOCK_TRANSFER
    assert len(pair.call("get", 7, PROFILE, 2).value) == ROWS
    assert pair.call("set", 1, "0.0.42.0.0.255", 2, bytearray(b"G" * 500)).error is None


def test_general_block_transfer_with_ciphering() -> None:
    conformance = Conformance(0xBA7802) | Conformance.GENERAL_BLOCK_TRANSFER
    pair = connected(2, security=ciphered(), proposed_conformance=conformance, max_receive_pdu_size=100)
    assert len(pair.call("get", 7, PROFILE, 2).value) == ROWS


# --- short names --------------------------------------------------------------------------------------
@pytest.mark.parametrize("interface", INTERFACES)
@pytest.mark.parametrize("client", [16, 17, 1, 3])
def test_sn_reads_writes_and_invokes(interface: InterfaceType, client: int) -> None:
    server = small_meter(interface, ln=False)
    pair = Pair(server, client_settings(interface, client, ln=False))
    assert isinstance(pair.connect()[-1], Associated)
    energy = server.items.findByLN(3, ENERGY)
    assert pair.call("read", energy.shortName, 2).value == 12345
    assert pair.call("write", energy.shortName, 2, GXUInt32(77)).error is None
    assert pair.call("sn_method", energy.shortName, 3, 1, 0).error is None
    assert energy.value == 0
    results = pair.call("read_list", [(energy.shortName, 3), (0x1, 2)])
    assert results[0].value == GXStructure([0, 30]) and results[1].error == ErrorCode.UNDEFINED_OBJECT


def test_sn_long_read_comes_in_blocks_when_negotiated() -> None:
    server = small_meter(ln=False)
    profile = server.items.findByLN(7, PROFILE)
    conformance = Conformance(0x4C038) | Conformance.BLOCK_TRANSFER_WITH_GET_OR_READ
    pair = Pair(server, client_settings(client=16, ln=False, max_receive_pdu_size=64,
                                        proposed_conformance=conformance))
    pair.connect()
    assert len(pair.call("read", profile.shortName, 2).value) == ROWS
    plain = Pair(server, client_settings(client=16, ln=False, max_receive_pdu_size=64))
    plain.connect()  # Gurux's SN conformance has no block transfer: the answer cannot be sent
    assert plain.call("read", profile.shortName, 2).error == ErrorCode.OTHER_REASON


def test_sn_association_is_at_0xfa00_and_lists_the_objects() -> None:
    server = small_meter(ln=False)
    pair = Pair(server, client_settings(client=16, ln=False))
    pair.connect()
    listed = pair.call("read", 0xFA00, 2).value
    assert len(listed) == len(server.items)
    rights = pair.call("read", 0xFA00, 3).value
    assert len(rights) == len(server.items)
