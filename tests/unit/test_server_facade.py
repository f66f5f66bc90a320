"""GXDLMSServer's own features: addressing, ECDSA HLS, push messages, profile methods, defaults."""

from __future__ import annotations

from itertools import pairwise

import pytest
from server_pair import CLIENT_TITLE, SERVER_TITLE, Pair, client_settings, small_meter

from gurux_dlms.apdu.base import decode_apdu
from gurux_dlms.apdu.notification import DataNotification
from gurux_dlms.cosem.classes.clock import GXDLMSClock
from gurux_dlms.cosem.classes.object_references import GXDLMSCaptureObject
from gurux_dlms.cosem.classes.push_setup import GXDLMSPushSetup
from gurux_dlms.cosem.classes.register import GXDLMSRegister
from gurux_dlms.cosem.object_type import ObjectType
from gurux_dlms.data import GXInt8, GXStructure, GXUInt32
from gurux_dlms.data.datetime import GXDateTime
from gurux_dlms.framing.hdlc_frame import decode_frame
from gurux_dlms.framing.wrapper import parse_wrapper
from gurux_dlms.security.ecc import KeyPair
from gurux_dlms.security.enums import Authentication, SecuritySuite
from gurux_dlms.security.keys import SecuritySettings
from gurux_dlms.server import GXDLMSServer, assign_short_names
from gurux_dlms.session.enums import InterfaceType
from gurux_dlms.session.events import Associated, LinkConnected
from gurux_dlms.session.settings import SessionSettings

PROFILE = "1.0.99.1.0.255"


def test_hdlc_server_answers_its_logical_and_physical_address_only() -> None:
    server = small_meter(InterfaceType.HDLC)
    server.serverAddress = (1 << 7) | 17  # logical 1, physical 17: two address bytes
    server.initialize()
    pair = Pair(server, client_settings(InterfaceType.HDLC, client=16, server_address=145))
    events = pair.connect()
    assert isinstance(events[0], LinkConnected) and isinstance(events[-1], Associated)
    other = Pair(server, client_settings(InterfaceType.HDLC, client=16, server_address=146))
    other.client.connect()
    other.connection.receive_data(other.client.data_to_send())
    assert other.connection.data_to_send() == b""  # a frame for another server: no answer


def test_ecdsa_hls_with_both_public_keys() -> None:
    client_keys, server_keys = KeyPair.generate(1), KeyPair.generate(1)
    server = small_meter()
    server._security.security_suite = SecuritySuite.SUITE_1
    server._security.signing_key_pair = server_keys
    server._security.public_keys[CLIENT_TITLE] = client_keys.public_key
    association = server.items.findByLN(15, "0.0.40.0.3.255")
    association.authenticationMechanismName.mechanismId = Authentication.HIGH_ECDSA
    server.initialize()
    keys = SecuritySettings(system_title=CLIENT_TITLE, security_suite=SecuritySuite.SUITE_1,
                            signing_key_pair=client_keys, public_keys={SERVER_TITLE: server_keys.public_key})
    pair = Pair(server, client_settings(client=3, authentication=Authentication.HIGH_ECDSA, security=keys))
    assert isinstance(pair.connect()[-1], Associated)
    assert pair.call("get", 3, "1.0.1.8.0.255", 2).value == 12345


def test_profile_capture_and_reset() -> None:
    server = small_meter()
    pair = Pair(server, client_settings(client=1))
    pair.connect()
    assert pair.call("action", 7, PROFILE, 2, GXInt8(0)).ok  # capture
    profile = server.items.findByLN(7, PROFILE)
    assert profile.entriesInUse == len(profile.buffer) and profile.buffer[-1][1] == 12345
    assert pair.call("action", 7, PROFILE, 1, GXInt8(0)).ok  # reset
    assert pair.call("get", 7, PROFILE, 7).value == 0 and pair.call("get", 7, PROFILE, 2).value == []


def notification_of(frame: bytes, interface: InterfaceType) -> DataNotification:
    """The DataNotification in a WRAPPER frame (1 -> 102) or an HDLC UI frame (to 102)."""
    if interface == InterfaceType.WRAPPER:
        wrapper = parse_wrapper(frame)
        assert (wrapper.source, wrapper.destination) == (1, 102)
        apdu = decode_apdu(wrapper.apdu)
    else:
        hdlc, _ = decode_frame(frame)
        assert hdlc.dest == 102 and hdlc.info[:3] == b"\xe6\xe7\x00"
        apdu = decode_apdu(hdlc.info[3:])
    assert isinstance(apdu, DataNotification)
    return apdu


@pytest.mark.parametrize("interface", [InterfaceType.WRAPPER, InterfaceType.HDLC])
def test_push_setup_messages(interface: InterfaceType) -> None:
    server = GXDLMSServer(True, interface)
    clock, register = GXDLMSClock(), GXDLMSRegister("1.0.1.8.0.255")
    clock.time = GXDateTime("2024-11-24 10:30:00")
    register.value = GXUInt32(77)
    push = GXDLMSPushSetup()
    push.pushObjectList = [(clock, GXDLMSCaptureObject(2, 0)), (register, GXDLMSCaptureObject(2, 0))]
    server.items.extend([clock, register, push])
    server.pushClientAddress = 102
    server.initialize()
    [frame] = server.generatePushSetupMessages(None, push)
    pushed = notification_of(frame, interface)
    assert pushed.date_time == b""
    assert pushed.notification_body == GXStructure([bytearray(clock.time.to_bytes()), GXUInt32(77)])
    stamp = GXDateTime("2024-11-24 10:30:00")
    [frame] = server.generateDataNotificationMessages(stamp, GXUInt32(5))
    pushed = notification_of(frame, interface)
    assert pushed.date_time == stamp.to_bytes() and pushed.notification_body == 5


def test_a_server_without_associations_lets_anyone_in() -> None:
    server = GXDLMSServer(True, InterfaceType.WRAPPER)
    server.items.append(GXDLMSClock())
    server.initialize()
    pair = Pair(server, SessionSettings(interface_type=InterfaceType.WRAPPER, client_address=33))
    assert isinstance(pair.connect()[-1], Associated)
    assert len(pair.call("get", 15, "0.0.40.0.0.255", 2).value) == 1


def test_short_names_leave_room_for_attributes_and_methods() -> None:
    server = small_meter(ln=False)
    names = sorted(((obj.shortName, obj) for obj in server.items if int(obj.objectType) != 12),
                   key=lambda item: item[0])
    for (base, obj), (following, _) in pairwise(names):
        assert following - base >= 8 * obj.getAttributeCount()
    association = next(obj for obj in server.items if obj.objectType == ObjectType.ASSOCIATION_SHORT_NAME)
    assert association.shortName == 0xFA00
    before = [obj.shortName for obj in server.items]
    assign_short_names(server.items)
    assert [obj.shortName for obj in server.items] == before  # names given are kept


def test_hdlc_setup_object_gives_the_link_its_windows_and_sizes() -> None:
    from gurux_dlms.cosem.classes.port_setup import GXDLMSHdlcSetup
    from gurux_dlms.framing.hdlc_params import HdlcParameters

    server = small_meter(InterfaceType.HDLC)
    setup = GXDLMSHdlcSetup()
    setup.windowSizeTransmit = setup.windowSizeReceive = 3
    setup.maximumInfoLengthTransmit = setup.maximumInfoLengthReceive = 64
    server.hdlc = setup
    server.initialize()
    pair = Pair(server, client_settings(InterfaceType.HDLC, client=1, hdlc=HdlcParameters(512, 512, 7, 7)))
    link = pair.connect()[0]
    assert isinstance(link, LinkConnected) and link.parameters == HdlcParameters(64, 64, 3, 3)
    assert len(pair.call("get", 7, PROFILE, 2).value) == 400  # segmented, three frames per window
    assert pair.call("set", 1, "0.0.42.0.0.255", 2, bytearray(b"W" * 1000)).error is None
