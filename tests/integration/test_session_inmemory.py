"""The sans-I/O client session against a minimal scripted meter, in memory.

The meter here is deliberately small: it answers each request APDU from a script (the
real server is tested elsewhere).  What is exercised is the client's side of every
procedure: HDLC and WRAPPER framing, association with None, Low, HighGMAC (plain and
ciphered) and HighSHA256, a GET answered in 300 blocks, a SET sent in blocks, an ACTION
with return data, general block transfer with window 4, and the release.
"""

from __future__ import annotations

from typing import Any

import pytest

from gurux_dlms.apdu.acse import AARE, AARQ, RLRE, RLRQ
from gurux_dlms.apdu.acse_enums import ApplicationContextName, SourceDiagnostic
from gurux_dlms.apdu.action import ActionRequestNormal, ActionResponseNormal
from gurux_dlms.apdu.base import decode_apdu
from gurux_dlms.apdu.common import GetDataResult
from gurux_dlms.apdu.conformance import Conformance
from gurux_dlms.apdu.get import GetRequestNext, GetRequestNormal, GetResponseNormal, GetResponseWithDataBlock
from gurux_dlms.apdu.initiate import InitiateRequest, InitiateResponse
from gurux_dlms.apdu.protection import decrypt_apdu, encrypt_apdu
from gurux_dlms.apdu.service_errors import ExceptionResponse
from gurux_dlms.apdu.set import (
    SetRequestNormal,
    SetRequestWithDataBlock,
    SetRequestWithFirstDataBlock,
    SetResponseDataBlock,
    SetResponseLastDataBlock,
    SetResponseNormal,
)
from gurux_dlms.data import GXArray, GXUInt32, codec
from gurux_dlms.errors import (
    AssociationRejectedError,
    AuthenticationError,
    DLMSTimeoutError,
    ExceptionResponseError,
    LocalProtocolError,
)
from gurux_dlms.framing.hdlc_events import Connected, ConnectRequested, PduReceived
from gurux_dlms.framing.hdlc_link import HdlcLink, Role
from gurux_dlms.framing.hdlc_params import HdlcParameters
from gurux_dlms.framing.wrapper import WrapperStream, encode_wrapper
from gurux_dlms.security import hls
from gurux_dlms.security.enums import Authentication, Security
from gurux_dlms.security.keys import SecuritySettings
from gurux_dlms.session.client import ClientConnection
from gurux_dlms.session.enums import InterfaceType
from gurux_dlms.session.events import NEED_DATA, Associated, Released, ResponseReceived
from gurux_dlms.session.gbt import GbtReceiver, GbtSender
from gurux_dlms.session.services import AccessResult, MethodResult
from gurux_dlms.session.settings import SessionSettings

SERVER_TITLE = bytes.fromhex("4D4D4D0000BC614E")
CLOCK = bytes((0, 0, 1, 0, 0, 255))
PROFILE = bytes((1, 0, 99, 1, 0, 255))
BIG = GXArray([GXUInt32(i) for i in range(59_999)])  # 299,999 bytes: 300 blocks of 1000 bytes


class ScriptedMeter:
    """Answers request APDUs; frames with an HDLC server link or WRAPPER."""

    def __init__(self, interface: InterfaceType, password: bytes = b"12345678", gbt_window: int = 0,
                 block_size: int = 1000) -> None:
        self.interface = interface
        self.password = password
        self.gbt_window = gbt_window
        self.block_size = block_size
        self.keys = SecuritySettings(system_title=SERVER_TITLE)
        self.link = HdlcLink(Role.SERVER, client_address=None, server_address=1,
                             parameters=HdlcParameters(512, 512, 1, 1)) if interface == InterfaceType.HDLC else None
        self.stream = WrapperStream()
        self.out = bytearray()
        self.blocks: list[bytes] = []
        self.written = bytearray()
        self.stoc = b""
        self.ctos = b""
        self.mechanism = Authentication.NONE
        self.ciphered = False
        self.gbt_in: GbtReceiver | None = None
        self.gbt_out: GbtSender | None = None
        self.values: dict[bytes, Any] = {CLOCK: bytearray(12), PROFILE: BIG}

    # --- bytes in, bytes out ----------------------------------------------------------------
    def feed(self, data: bytes) -> bytes:
        if self.link is not None:
            self.link.receive_data(data)
            while (event := self.link.next_event()) is not NEED_DATA:
                if isinstance(event, PduReceived):
                    self._apdu(event.pdu)
                elif isinstance(event, (ConnectRequested, Connected)):
                    pass
            return self.link.data_to_send()
        for frame in self.stream.feed(data):
            self._apdu(frame.apdu)
        out, self.out = bytes(self.out), bytearray()
        return out

    def _send(self, apdu: bytes) -> None:
        if self.ciphered and apdu[0] not in (0x61, 0x63, 0xE0):
            apdu = encrypt_apdu(apdu, self.keys)
        if self.gbt_window and apdu[0] != 0xE0 and apdu[0] != 0x61:
            self.gbt_out = GbtSender(apdu, 100, self.gbt_window)
            for block in self.gbt_out.next_window():
                self._raw(block.encode())
            return
        self._raw(apdu)

    def _raw(self, apdu: bytes) -> None:
        if self.link is not None:
            self.link.send_pdu(apdu)
        else:
            self.out += encode_wrapper(1, 16, apdu)

    # --- the script ----------------------------------------------------------------------------
    def _apdu(self, raw: bytes) -> None:
        if raw[0] == 0xE0:
            block = decode_apdu(raw)
            if self.gbt_out is not None and not self.gbt_out.done and not block.block_data:
                self.gbt_out.on_ack(block)
                for out in self.gbt_out.next_window():
                    self._raw(out.encode())
                return
            self.gbt_in = self.gbt_in or GbtReceiver(self.gbt_window)
            ack = self.gbt_in.on_block(block)
            if ack is not None:
                self._raw(ack.encode())
            if not self.gbt_in.complete:
                return
            raw, self.gbt_in = bytes(self.gbt_in.data), None
        if self.ciphered and raw[0] not in (0x60, 0x62):
            raw = decrypt_apdu(raw, self.keys)
        apdu = decode_apdu(raw)
        handler = getattr(self, f"_on_{type(apdu).__name__}")
        handler(apdu)

    def _on_AARQ(self, aarq: AARQ) -> None:
        self.mechanism = Authentication(aarq.authentication)
        self.ciphered = aarq.application_context_name == ApplicationContextName.LOGICAL_NAME_WITH_CIPHERING
        if aarq.calling_ap_title:
            self.keys.recipient_system_title = aarq.calling_ap_title
        if self.ciphered:
            self.keys.security = Security.AUTHENTICATION_ENCRYPTION
        info = aarq.user_information
        if isinstance(info, (bytes, bytearray)):
            info = decode_apdu(decrypt_apdu(bytes(info), self.keys))
        assert isinstance(info, InitiateRequest)
        diagnostic = SourceDiagnostic.NONE
        if self.mechanism == Authentication.LOW and aarq.calling_authentication_value != self.password:
            diagnostic = SourceDiagnostic.AUTHENTICATION_FAILURE
        elif self.mechanism > Authentication.LOW:
            self.ctos = bytes(aarq.calling_authentication_value or b"")
            self.stoc = hls.generate_challenge(16)
            diagnostic = SourceDiagnostic.AUTHENTICATION_REQUIRED
        conformance = info.proposed_conformance
        response = InitiateResponse(negotiated_conformance=conformance, server_max_receive_pdu_size=1024).encode()
        aare = AARE(application_context_name=aarq.application_context_name,
                    result=1 if diagnostic == SourceDiagnostic.AUTHENTICATION_FAILURE else 0,
                    result_source_diagnostic=diagnostic,
                    responding_ap_title=SERVER_TITLE if (self.ciphered or self.mechanism >= 5) else None,
                    responder_acse_requirements="1" if self.mechanism > Authentication.LOW else None,
                    mechanism_name=self.mechanism if self.mechanism > Authentication.LOW else None,
                    responding_authentication_value=self.stoc or None,
                    user_information=encrypt_apdu(response, self.keys) if self.ciphered else decode_apdu(response))
        self._send(aare.encode())

    def _hls(self) -> hls.HlsContext:
        return hls.HlsContext.from_settings(self.mechanism, self.keys, is_client=False, ctos=self.ctos,
                                            stoc=self.stoc, secret=self.password)

    def _on_ActionRequestNormal(self, request: ActionRequestNormal) -> None:
        descriptor = request.method_descriptor
        if (descriptor.class_id, bytes(descriptor.instance_id), descriptor.method_id) == (15, bytes((0, 0, 40, 0, 0, 255)), 1):
            context = self._hls()
            hls.verify_client_answer(context, bytes(request.method_invocation_parameters))
            counter = int(self.keys.invocation_counter.next()) if self.mechanism == Authentication.HIGH_GMAC else None
            answer = bytearray(hls.server_answer(context, counter))
            self._send(ActionResponseNormal(request.invoke_id_and_priority, 0, GetDataResult(answer)).encode())
            return
        doubled = GXUInt32(int(request.method_invocation_parameters) * 2)
        self._send(ActionResponseNormal(request.invoke_id_and_priority, 0, GetDataResult(doubled)).encode())

    def _on_GetRequestNormal(self, request: GetRequestNormal) -> None:
        value = self.values[bytes(request.attribute_descriptor.instance_id)]
        raw = codec.encode(value)
        if len(raw) <= self.block_size or self.gbt_window:
            self._send(GetResponseNormal(request.invoke_id_and_priority, value).encode())
            return
        self.blocks = [raw[i : i + self.block_size] for i in range(0, len(raw), self.block_size)]
        self._block(request.invoke_id_and_priority, 1)

    def _block(self, invoke: int, number: int) -> None:
        last = number == len(self.blocks)
        self._send(GetResponseWithDataBlock(invoke, last, number, self.blocks[number - 1]).encode())

    def _on_GetRequestNext(self, request: GetRequestNext) -> None:
        self._block(request.invoke_id_and_priority, request.block_number + 1)

    def _on_SetRequestNormal(self, request: SetRequestNormal) -> None:
        self.values[bytes(request.attribute_descriptor.instance_id)] = request.value
        self._send(SetResponseNormal(request.invoke_id_and_priority, 0).encode())

    def _on_SetRequestWithFirstDataBlock(self, request: SetRequestWithFirstDataBlock) -> None:
        self.written = bytearray(request.raw_data)
        self._send(SetResponseDataBlock(request.invoke_id_and_priority, request.block_number).encode())

    def _on_SetRequestWithDataBlock(self, request: SetRequestWithDataBlock) -> None:
        self.written += request.raw_data
        if request.last_block:
            self.values[b"written"] = codec.decode(bytes(self.written))
            self._send(SetResponseLastDataBlock(request.invoke_id_and_priority, 0, request.block_number).encode())
        else:
            self._send(SetResponseDataBlock(request.invoke_id_and_priority, request.block_number).encode())

    def _on_RLRQ(self, request: RLRQ) -> None:
        self._send(RLRE().encode())


def run(client: ClientConnection, meter: ScriptedMeter, until: type) -> Any:
    """Move bytes between the two until the client produces an event of type ``until``."""
    for _ in range(10_000):
        event = client.next_event()
        if isinstance(event, until):
            return event
        if event is NEED_DATA:
            data = client.data_to_send()
            assert data, "the client has nothing to send and no event"
            answer = meter.feed(data)
            if answer:
                client.receive_data(answer)
    raise AssertionError("no event")


def session(interface: InterfaceType, **settings: Any) -> tuple[ClientConnection, ScriptedMeter]:
    meter_args = {k: settings.pop(k) for k in ("gbt_window",) if k in settings}
    client = ClientConnection(SessionSettings(interface_type=interface, **settings))
    meter = ScriptedMeter(interface, **meter_args)
    client.connect()
    return client, meter


@pytest.mark.parametrize("interface", [InterfaceType.HDLC, InterfaceType.WRAPPER])
def test_associate_without_authentication_and_release(interface: InterfaceType) -> None:
    client, meter = session(interface)
    associated = run(client, meter, Associated)
    assert associated.max_pdu_size == 1024
    request = client.get(8, "0.0.1.0.0.255", 2)
    response = run(client, meter, ResponseReceived)
    assert response.request_id == request and response.result == AccessResult(bytearray(12))
    client.release()
    run(client, meter, Released)


def test_low_authentication_and_wrong_password() -> None:
    client, meter = session(InterfaceType.WRAPPER, authentication=Authentication.LOW, password=b"12345678")
    run(client, meter, Associated)
    client, meter = session(InterfaceType.WRAPPER, authentication=Authentication.LOW, password=b"wrong")
    with pytest.raises(AssociationRejectedError, match="AUTHENTICATION_FAILURE"):
        run(client, meter, Associated)


@pytest.mark.parametrize("mechanism", [Authentication.HIGH_GMAC, Authentication.HIGH_SHA256,
                                       Authentication.HIGH_MD5, Authentication.HIGH_SHA1, Authentication.HIGH])
def test_high_level_authentication(mechanism: Authentication) -> None:
    password = b"0123456789ABCDEF"
    client, meter = session(InterfaceType.HDLC, authentication=mechanism, password=password)
    meter.password = password
    associated = run(client, meter, Associated)
    assert (associated.server_system_title == SERVER_TITLE) == (mechanism >= Authentication.HIGH_GMAC)
    client.get(8, CLOCK, 2)
    assert run(client, meter, ResponseReceived).result.ok


def test_high_gmac_with_authenticated_encryption() -> None:
    keys = SecuritySettings(security=Security.AUTHENTICATION_ENCRYPTION, system_title=b"GRX12345")
    client, meter = session(InterfaceType.WRAPPER, authentication=Authentication.HIGH_GMAC, security=keys)
    seen: list[bytes] = []
    original = meter.feed

    def spy(data: bytes) -> bytes:
        seen.append(data)
        return original(data)

    meter.feed = spy  # type: ignore[method-assign]
    run(client, meter, Associated)
    client.get(8, CLOCK, 2)
    assert run(client, meter, ResponseReceived).result == AccessResult(bytearray(12))
    assert seen[-1][8] == 0xDB  # GENERAL_PROTECTION was negotiated: general-glo-ciphering
    client.release()
    run(client, meter, Released)


def test_wrong_hls_answer_fails_authentication() -> None:
    client, meter = session(InterfaceType.WRAPPER, authentication=Authentication.HIGH_SHA256, password=b"secret")
    meter.password = b"another"
    with pytest.raises(AuthenticationError):
        run(client, meter, Associated)


@pytest.mark.parametrize("interface", [InterfaceType.HDLC, InterfaceType.WRAPPER])
def test_get_answered_in_300_blocks(interface: InterfaceType) -> None:
    client, meter = session(interface)
    run(client, meter, Associated)
    client.get(7, PROFILE, 2)
    response = run(client, meter, ResponseReceived)
    assert len(meter.blocks) == 300
    assert response.result.value == BIG


def test_set_sent_in_blocks() -> None:
    client, meter = session(InterfaceType.HDLC)
    run(client, meter, Associated)
    value = bytearray(range(256)) * 12  # 3 KB against a 1024-byte max PDU
    client.set(1, "0.0.96.1.0.255", 2, value)
    response = run(client, meter, ResponseReceived)
    assert response.result.ok
    assert meter.values[b"written"] == value


def test_action_with_return_data() -> None:
    client, meter = session(InterfaceType.WRAPPER)
    run(client, meter, Associated)
    client.action(1, "0.0.96.1.0.255", 1, GXUInt32(21))
    response = run(client, meter, ResponseReceived)
    assert response.result == MethodResult(0, GXUInt32(42))


def test_general_block_transfer_with_window_4() -> None:
    conformance = Conformance(0xBA7802) | Conformance.GENERAL_BLOCK_TRANSFER
    client, meter = session(InterfaceType.WRAPPER, proposed_conformance=conformance, gbt_window_size=4, gbt_window=4)
    run(client, meter, Associated)
    client.get(7, PROFILE, 2)
    response = run(client, meter, ResponseReceived)
    assert response.result.value == BIG
    value = bytearray(range(256)) * 4
    client.set(1, CLOCK, 2, value)
    assert run(client, meter, ResponseReceived).result.ok
    assert meter.values[CLOCK] == value


@pytest.mark.parametrize("interface", [InterfaceType.HDLC, InterfaceType.WRAPPER])
def test_lost_request_is_resent_on_timeout_then_fails(interface: InterfaceType) -> None:
    client, meter = session(interface, max_retries=2)
    run(client, meter, Associated)
    client.get(8, CLOCK, 2)
    client.data_to_send()  # the request is lost on the way
    client.on_timeout()
    resent = client.data_to_send()
    assert resent, "the request was not resent"
    client.receive_data(meter.feed(resent))
    assert isinstance(client.next_event(), ResponseReceived)
    client.get(8, CLOCK, 2)
    client.data_to_send()
    client.on_timeout()
    client.on_timeout()
    with pytest.raises(DLMSTimeoutError):
        client.on_timeout()


def test_exception_response_is_raised_and_the_connection_stays_usable() -> None:
    client, meter = session(InterfaceType.WRAPPER)
    run(client, meter, Associated)
    client.get(8, CLOCK, 2)
    client.data_to_send()
    client.receive_data(encode_wrapper(1, 16, ExceptionResponse(1, 2).encode()))
    with pytest.raises(ExceptionResponseError):
        client.next_event()
    client.get(8, CLOCK, 2)
    assert run(client, meter, ResponseReceived).result.ok


def test_reply_for_another_invoke_id_is_dropped() -> None:
    client, meter = session(InterfaceType.WRAPPER)
    run(client, meter, Associated)
    client.get(8, CLOCK, 2)
    client.data_to_send()
    client.receive_data(encode_wrapper(1, 16, GetResponseNormal(0xC5, GXUInt32(1)).encode()))
    assert client.next_event() is NEED_DATA and client.busy
    client.receive_data(encode_wrapper(1, 16, GetResponseNormal(0xC1, GXUInt32(2)).encode()))
    assert client.next_event().result.value == 2


def test_requests_before_association_are_refused() -> None:
    client = ClientConnection(SessionSettings(interface_type=InterfaceType.WRAPPER))
    with pytest.raises(LocalProtocolError):
        client.get(8, CLOCK, 2)
