"""encrypt_apdu / decrypt_apdu between two parties: keys, replay, policy, general-ciphering, signing."""

from __future__ import annotations

import dataclasses

import pytest

from gurux_dlms.apdu import decode_apdu
from gurux_dlms.apdu.ciphered import (
    AgreedKey,
    DedGetRequest,
    GeneralCiphering,
    GeneralGloCiphering,
    GeneralSigning,
    GloGetRequest,
    GloGetResponse,
    IdentifiedKey,
    WrappedKey,
    decipher,
    decrypt_apdu,
    encrypt_apdu,
    encrypt_general,
    sign_general,
    verify_general,
)
from gurux_dlms.errors import (
    AuthenticationError,
    ConfigurationError,
    DecryptionError,
    InvocationCounterError,
)
from gurux_dlms.security import InvocationCounter, KeyPair, Security, SecuritySettings, SecuritySuite

CLIENT_TITLE = bytes.fromhex("4775727578313233")
SERVER_TITLE = bytes.fromhex("4D4D4D0000BC614E")
GET = bytes.fromhex("C0 01 C1 00 08 00 00 01 00 00 FF 02 00")
RESPONSE = bytes.fromhex("C4 01 C1 00 09 06 00 01 02 03 04 05")
NOTIFICATION = bytes.fromhex("0F 00 00 00 01 00 12 00 05")


def pair(suite: int = 0, security: Security = Security.AUTHENTICATION_ENCRYPTION) -> tuple[SecuritySettings,
                                                                                           SecuritySettings]:
    key_length = 32 if suite == 2 else 16
    common = {"security": security, "security_suite": SecuritySuite(suite),
              "block_cipher_key": bytes(range(key_length)), "authentication_key": bytes(range(0xD0, 0xD0 + key_length)),
              "dedicated_key": b"\xA5" * key_length, "broadcast_key": b"\x5A" * key_length, "kek": b"\x11" * 16}
    client = SecuritySettings(system_title=CLIENT_TITLE, recipient_system_title=SERVER_TITLE, **common)  # type: ignore[arg-type]
    server = SecuritySettings(system_title=SERVER_TITLE, recipient_system_title=CLIENT_TITLE, **common)  # type: ignore[arg-type]
    if suite:
        for side in (client, server):
            side.signing_key_pair = KeyPair.generate(suite)
            side.key_agreement_key_pair = KeyPair.generate(suite)
        for own, peer in ((client, server), (server, client)):
            assert peer.signing_key_pair is not None and peer.key_agreement_key_pair is not None
            own.public_keys[peer.system_title] = peer.signing_key_pair.public_key
            own.agreement_keys[peer.system_title] = peer.key_agreement_key_pair.public_key
    return client, server


@pytest.mark.parametrize("security", [Security.AUTHENTICATION, Security.ENCRYPTION, Security.AUTHENTICATION_ENCRYPTION])
@pytest.mark.parametrize("dedicated,general", [(False, False), (True, False), (False, True), (True, True)])
def test_client_to_server_and_back(security: Security, dedicated: bool, general: bool) -> None:
    client, server = pair(security=security)
    request = encrypt_apdu(GET, client, dedicated=dedicated, general=general)
    assert decrypt_apdu(request, server) == GET
    response = encrypt_apdu(RESPONSE, server, dedicated=dedicated, general=general)
    assert decrypt_apdu(response, client) == RESPONSE
    kinds = {(False, False): GloGetRequest, (True, False): DedGetRequest}
    if not general:
        assert type(decode_apdu(request)) is kinds[(dedicated, False)]
    else:
        assert decode_apdu(request).system_title == CLIENT_TITLE


def test_counter_advances_and_is_in_the_envelope() -> None:
    client, _ = pair()
    client.invocation_counter = InvocationCounter(41)
    first, second = decode_apdu(encrypt_apdu(GET, client)), decode_apdu(encrypt_apdu(GET, client))
    assert (first.invocation_counter, second.invocation_counter) == (41, 42)
    assert client.invocation_counter.value == 43


def test_apdus_without_a_service_envelope_use_general_glo() -> None:
    _, server = pair()
    out = decode_apdu(encrypt_apdu(NOTIFICATION, server))
    assert isinstance(out, GeneralGloCiphering) and out.system_title == SERVER_TITLE


def test_replayed_and_lower_counters_are_refused() -> None:
    client, server = pair()
    client.invocation_counter = InvocationCounter(100)
    first = encrypt_apdu(GET, client)
    second = encrypt_apdu(GET, client)
    lower = encrypt_apdu(GET, client, invocation_counter=50)
    assert decrypt_apdu(second, server) == GET
    with pytest.raises(InvocationCounterError):
        decrypt_apdu(second, server)
    with pytest.raises(InvocationCounterError):
        decrypt_apdu(first, server)
    with pytest.raises(InvocationCounterError):
        decrypt_apdu(lower, server)
    assert decrypt_apdu(first, server, check_counter=False) == GET
    # the dedicated key has its own counter window
    assert decrypt_apdu(encrypt_apdu(GET, client, dedicated=True, invocation_counter=1), server) == GET


def test_a_forged_apdu_does_not_move_the_counter_window() -> None:
    client, server = pair()
    genuine = encrypt_apdu(GET, client)
    forged = GloGetRequest(0x30, 0xFFFFFFFF, b"\0" * 25)
    with pytest.raises(AuthenticationError):
        decrypt_apdu(forged, server)
    assert decrypt_apdu(genuine, server) == GET


def test_policy_requires_protection() -> None:
    client, server = pair(security=Security.ENCRYPTION)
    request = encrypt_apdu(GET, client)
    with pytest.raises(AuthenticationError):
        decrypt_apdu(request, server, require=Security.AUTHENTICATION)
    assert decipher(request, server, require=Security.ENCRYPTION).security_control == 0x20


def test_broadcast_key() -> None:
    client, server = pair()
    out = encrypt_apdu(GET, server, broadcast=True)
    assert decode_apdu(out).security_control == 0x70
    assert decrypt_apdu(out, client) == GET
    client.broadcast_key = bytes(16)
    with pytest.raises(AuthenticationError):
        decrypt_apdu(out, client, check_counter=False)


def test_what_cannot_be_deciphered() -> None:
    client, server = pair()
    with pytest.raises(DecryptionError):
        decrypt_apdu(GET, server)  # not ciphered
    request = encrypt_apdu(GET, client, dedicated=True)
    server.dedicated_key = None
    with pytest.raises(DecryptionError):
        decrypt_apdu(request, server)
    server.recipient_system_title = None
    with pytest.raises(DecryptionError):
        decrypt_apdu(encrypt_apdu(GET, client), server)
    assert decrypt_apdu(encrypt_apdu(GET, client), server, system_title=CLIENT_TITLE) == GET


def test_what_cannot_be_enciphered() -> None:
    client, _ = pair(security=Security.NONE)
    with pytest.raises(ConfigurationError):
        encrypt_apdu(GET, client)
    client.security = Security.AUTHENTICATION
    client.dedicated_key = None
    with pytest.raises(ConfigurationError):
        encrypt_apdu(GET, client, dedicated=True)
    with pytest.raises(ConfigurationError):
        encrypt_apdu(b"", client)


# --- general-ciphering -----------------------------------------------------------------------------


@pytest.mark.parametrize("key_info", [None, IdentifiedKey(0), IdentifiedKey(1), WrappedKey()],
                         ids=["none", "global", "broadcast", "wrapped"])
@pytest.mark.parametrize("security", [Security.AUTHENTICATION, Security.AUTHENTICATION_ENCRYPTION])
def test_general_ciphering_with_symmetric_keys(key_info: object, security: Security) -> None:
    client, server = pair(security=security)
    out = encrypt_general(GET, client, key_info=key_info, date_time=bytes(12), other_information=b"x")  # type: ignore[arg-type]
    apdu = decode_apdu(out)
    assert isinstance(apdu, GeneralCiphering) and apdu.encode() == out
    assert apdu.originator_system_title == CLIENT_TITLE and apdu.recipient_system_title == SERVER_TITLE
    assert decrypt_apdu(out, server) == GET
    if isinstance(key_info, WrappedKey):
        assert isinstance(apdu.key_info, WrappedKey) and len(apdu.key_info.key_ciphered_data) == 24


@pytest.mark.parametrize("suite", [1, 2])
@pytest.mark.parametrize("scheme", [b"\x01", b"\x02"], ids=["one-pass-dh", "static-unified"])
def test_general_ciphering_with_agreed_keys(suite: int, scheme: bytes) -> None:
    client, server = pair(suite)
    out = encrypt_general(GET, client, key_info=AgreedKey(scheme))
    apdu = decode_apdu(out)
    assert isinstance(apdu.key_info, AgreedKey) and apdu.security_control == 0x30 | suite
    assert len(apdu.key_info.key_ciphered_data) == (0 if scheme == b"\x02" else 4 * (32 if suite == 1 else 48))
    assert decrypt_apdu(out, server) == GET
    # a third party with other agreement keys cannot read it
    _, stranger = pair(suite)
    stranger.public_keys = server.public_keys
    stranger.agreement_keys = server.agreement_keys
    with pytest.raises(AuthenticationError):
        decrypt_apdu(out, stranger)


def test_general_ciphering_authenticates_its_header() -> None:
    client, server = pair()
    apdu = decode_apdu(encrypt_general(GET, client, transaction_id=b"\x01\x02"))
    tampered = dataclasses.replace(apdu, transaction_id=b"\x01\x03")
    with pytest.raises(AuthenticationError):
        decrypt_apdu(tampered, server)
    assert decrypt_apdu(apdu, server) == GET


def test_agreed_key_with_a_forged_ephemeral_signature() -> None:
    client, server = pair(1)
    apdu = decode_apdu(encrypt_general(GET, client, key_info=AgreedKey(b"\x01")))
    data = bytearray(apdu.key_info.key_ciphered_data)
    data[-1] ^= 1
    forged = dataclasses.replace(apdu, key_info=AgreedKey(b"\x01", bytes(data)))
    with pytest.raises(AuthenticationError):
        decrypt_apdu(forged, server)


# --- general-signing -------------------------------------------------------------------------------


def test_general_signing_round_trip_and_tampering() -> None:
    client, server = pair(1)
    out = sign_general(GET, client, date_time=bytes(12))
    apdu = decode_apdu(out)
    assert isinstance(apdu, GeneralSigning) and apdu.encode() == out and len(apdu.signature) == 64
    assert verify_general(out, server) == GET
    assert decrypt_apdu(out, server) == GET
    with pytest.raises(AuthenticationError):
        verify_general(dataclasses.replace(apdu, content=RESPONSE), server)
    with pytest.raises(AuthenticationError):
        decrypt_apdu(out, server, require=Security.AUTHENTICATION)


def test_signed_and_ciphered() -> None:
    client, server = pair(2)
    out = sign_general(encrypt_general(RESPONSE, client, key_info=AgreedKey(b"\x01")), client)
    assert decrypt_apdu(out, server, require=Security.AUTHENTICATION_ENCRYPTION) == RESPONSE
    assert isinstance(decode_apdu(out), GeneralSigning)
    assert GloGetResponse.PLAIN_TAG == RESPONSE[0]
