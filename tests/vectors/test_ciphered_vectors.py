"""Ciphered APDUs against the conformance vectors.

Every vector of ciphered.jsonl must decode and re-encode byte for byte, decipher with its
keys to ``decrypted_hex`` (the one with a wrong key must fail authentication) and, enciphered
again with the same keys, security and counter, give back its bytes.  The ciphered
InitiateRequest/Response inside AARQ, AARE and RLRQ user information and the glo-get-request
inside a WRAPPER frame are deciphered too.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from gurux_dlms.apdu import decode_apdu
from gurux_dlms.apdu.ciphered import (
    CipheredApdu,
    CipheredService,
    GeneralDedCiphering,
    GeneralGloCiphering,
    GloInitiateRequest,
    GloInitiateResponse,
    decipher,
    decrypt_apdu,
    encrypt_apdu,
    is_client_to_server,
)
from gurux_dlms.errors import AuthenticationError
from gurux_dlms.security import InvocationCounter, Security, SecuritySettings

from .loader import load, raw

CIPHERED = load("ciphered")
WRONG_KEY = [v for v in CIPHERED if "plain_hex" not in v]
GOOD = [v for v in CIPHERED if "plain_hex" in v]
UNKNOWN_TITLE = "0000000000000000"


def party(keys: dict[str, Any], *, sender_is_client: bool, deciphering: bool) -> SecuritySettings:
    """The settings of the side that enciphers (the sender) or deciphers (the other side)."""
    client = bytes.fromhex(keys["system_title"])
    server = bytes.fromhex(keys.get("server_system_title", UNKNOWN_TITLE))
    sender, receiver = (client, server) if sender_is_client else (server, client)
    own, peer = (receiver, sender) if deciphering else (sender, receiver)
    dedicated = keys.get("dedicated_key")
    return SecuritySettings(
        security=Security[keys.get("security", "NONE")],
        system_title=own,
        recipient_system_title=peer,
        block_cipher_key=bytes.fromhex(keys["block_cipher_key"]),
        authentication_key=bytes.fromhex(keys["authentication_key"]),
        dedicated_key=bytes.fromhex(dedicated) if dedicated else None,
        invocation_counter=InvocationCounter(keys.get("invocation_counter", 0)),
    )


def expected_plain(vector: dict[str, Any]) -> bytes:
    return raw(vector, "decrypted_hex" if "decrypted_hex" in vector else "plain_hex")


def test_the_corpus_is_complete() -> None:
    assert len(CIPHERED) == 55
    assert len(WRONG_KEY) == 1


@pytest.mark.parametrize("vector", CIPHERED, ids=lambda v: v["id"])
def test_decode_encode_identical(vector: dict[str, Any]) -> None:
    data = raw(vector)
    apdu = decode_apdu(data)
    assert isinstance(apdu, CipheredApdu)
    assert apdu.encode() == data
    assert apdu.content == data[-len(apdu.content):]
    if isinstance(apdu, GeneralGloCiphering):
        assert apdu.system_title in (bytes.fromhex(vector["keys"]["system_title"]),
                                     bytes.fromhex(vector["keys"]["server_system_title"]))


@pytest.mark.parametrize("vector", GOOD, ids=lambda v: v["id"])
def test_decrypt_gives_the_plain_apdu(vector: dict[str, Any]) -> None:
    plain = expected_plain(vector)
    keys = party(vector["keys"], sender_is_client=is_client_to_server(plain[0]), deciphering=True)
    result = decipher(raw(vector), keys)
    assert result.plaintext == plain
    assert result.invocation_counter == vector["keys"]["invocation_counter"]
    assert result.security_control & 0x30 == Security[vector["keys"]["security"]]


@pytest.mark.parametrize("vector", GOOD, ids=lambda v: v["id"])
def test_the_service_tag_matches_the_plain_apdu(vector: dict[str, Any]) -> None:
    apdu = decode_apdu(raw(vector))
    if isinstance(apdu, CipheredService):
        assert apdu.PLAIN_TAG == expected_plain(vector)[0]
    dedicated = "ded" in vector["case"]
    assert apdu.DEDICATED is dedicated


@pytest.mark.parametrize("vector", GOOD, ids=lambda v: v["id"])
def test_reencrypt_gives_the_vector(vector: dict[str, Any]) -> None:
    keys = vector["keys"]
    plain = raw(vector, "plain_hex")
    apdu = decode_apdu(raw(vector))
    sender = party(keys, sender_is_client=is_client_to_server(plain[0]), deciphering=False)
    out = encrypt_apdu(plain, sender, dedicated=apdu.DEDICATED, general=isinstance(apdu, GeneralGloCiphering))
    assert out == raw(vector)
    assert sender.invocation_counter.value == keys["invocation_counter"] + 1


@pytest.mark.parametrize("vector", GOOD, ids=lambda v: v["id"])
def test_dedicated_and_global_keys_are_not_interchangeable(vector: dict[str, Any]) -> None:
    plain = expected_plain(vector)
    keys = party(vector["keys"], sender_is_client=is_client_to_server(plain[0]), deciphering=True)
    if keys.dedicated_key is None:
        keys.dedicated_key = bytes(16)
    keys.block_cipher_key, keys.dedicated_key = keys.dedicated_key, keys.block_cipher_key
    apdu = decode_apdu(raw(vector))
    if apdu.security_control & 0x10:
        with pytest.raises(AuthenticationError):
            decrypt_apdu(apdu, keys)
    else:
        assert decrypt_apdu(apdu, keys) != plain


def test_wrong_block_cipher_key_fails_authentication() -> None:
    (vector,) = WRONG_KEY
    keys = party(vector["keys"], sender_is_client=True, deciphering=True)
    with pytest.raises(AuthenticationError):
        decrypt_apdu(raw(vector), keys)
    # the vector was made with the default key: with it the request deciphers
    keys.block_cipher_key = bytes(range(16))
    assert decrypt_apdu(raw(vector), keys)[0] == 0xC0


def test_general_ded_uses_the_dedicated_key_not_the_global_one() -> None:
    ded = [v for v in GOOD if isinstance(decode_apdu(raw(v)), GeneralDedCiphering)]
    assert len(ded) == 12
    for vector in ded:
        plain = expected_plain(vector)
        keys = party(vector["keys"], sender_is_client=is_client_to_server(plain[0]), deciphering=True)
        assert decrypt_apdu(raw(vector), keys) == plain


# --- ciphered InitiateRequest/Response inside ACSE user information ------------------------------
def user_information(data: bytes) -> bytes:
    """The APDU inside the trailing ``BE len 04 len <apdu>`` user-information element."""
    for at in range(len(data) - 4, -1, -1):
        if (data[at] == 0xBE and at + 2 + data[at + 1] == len(data) and data[at + 2] == 0x04
                and data[at + 3] == data[at + 1] - 2):
            return data[at + 4:]
    raise AssertionError("no user-information element at the end")


def _acse_vectors() -> list[dict[str, Any]]:
    found = []
    for name in ("association", "release_error"):
        for vector in load(name):
            if vector.get("keys", {}).get("security") and (
                "ciphered_user_information_hex" in vector or "ciphered" in vector["case"]
                or "glo_Initiate" in (vector.get("xml_comments") or "")
                or "user-information" in vector["case"]):
                found.append(vector)
    return found


ACSE = _acse_vectors()


def test_acse_corpus() -> None:
    assert len(ACSE) >= 15


@pytest.mark.parametrize("vector", ACSE, ids=lambda v: v["id"])
def test_ciphered_user_information(vector: dict[str, Any]) -> None:
    data = raw(vector)
    keys = vector["keys"]
    if "ciphered_user_information_hex" in vector:
        ciphered = raw(vector, "ciphered_user_information_hex")
        if ciphered not in data:
            assert data[0] == 0x61 and "rejected" in vector["note"]
    else:
        ciphered = user_information(data)
    apdu = decode_apdu(ciphered)
    assert isinstance(apdu, (GloInitiateRequest, GloInitiateResponse))
    assert apdu.encode() == ciphered
    from_client = isinstance(apdu, GloInitiateRequest)
    result = decipher(ciphered, party(keys, sender_is_client=from_client, deciphering=True))
    assert result.invocation_counter == keys["invocation_counter"]
    assert result.security_control == Security[keys["security"]]
    assert result.plaintext[0] == (0x01 if from_client else 0x08)
    if "plain_hex" in vector:
        assert result.plaintext == raw(vector, "plain_hex")
    comment = vector.get("xml_comments") or ""
    if "Decrypted data" in comment:
        assert f"Invocation Counter: {keys['invocation_counter']}" in comment
        size = re.search(r'(?:Proposed|Negotiated)MaxPduSize Value="([0-9A-F]{4})"', comment)
        assert size is not None
        # InitiateRequest ends with the max PDU size, InitiateResponse with it and the VAA name
        tail = result.plaintext[-2:] if from_client else result.plaintext[-4:-2]
        assert tail == bytes.fromhex(size.group(1))
        dedicated = re.search(r'DedicatedKey Value="([0-9A-F]+)"', comment)
        if dedicated:
            assert bytes.fromhex(dedicated.group(1)) in result.plaintext
    sender = party(keys, sender_is_client=from_client, deciphering=False)
    assert encrypt_apdu(result.plaintext, sender) == ciphered


def test_ciphered_pdu_inside_a_wrapper_frame() -> None:
    (vector,) = [v for v in load("framed") if v["id"] == "pub-framed-0016"]
    pdu = raw(vector, "pdu_hex")
    assert raw(vector).endswith(pdu)
    plain = decrypt_apdu(pdu, party(vector["keys"], sender_is_client=True, deciphering=True))
    assert plain == bytes.fromhex("C0 01 C1 00 47 00 00 11 00 00 FF 06 00")
