"""HLS pass 3/4 for every mechanism: both sides agree, known answers, mismatches raise."""

from __future__ import annotations

import dataclasses
import hashlib

import pytest

from gurux_dlms.errors import AuthenticationError, ConfigurationError
from gurux_dlms.security import Authentication, KeyPair, SecuritySettings, SecuritySuite
from gurux_dlms.security.hls import (
    HlsContext,
    client_answer,
    generate_challenge,
    server_answer,
    verify_client_answer,
    verify_password,
    verify_server_answer,
)

CLIENT_TITLE = bytes.fromhex("4775727578313233")
SERVER_TITLE = bytes.fromhex("4D4D4D0000BC614E")
EK = bytes(range(16))
AK = bytes(range(0xD0, 0xE0))
CTOS = bytes.fromhex("2360910543A8D246")
STOC = bytes.fromhex("ABB8949CE81C7325D9EE11FA5BD3DDB01DA282929B8F9D18D89408141FDF780C")
SECRET = b"Gurux123"

HLS = [Authentication.HIGH, Authentication.HIGH_MD5, Authentication.HIGH_SHA1, Authentication.HIGH_GMAC,
       Authentication.HIGH_SHA256, Authentication.HIGH_ECDSA]


def context(mechanism: Authentication, **changes: object) -> HlsContext:
    base = HlsContext(mechanism=mechanism, ctos=CTOS, stoc=STOC, secret=SECRET, client_system_title=CLIENT_TITLE,
                      server_system_title=SERVER_TITLE, block_cipher_key=EK, authentication_key=AK)
    if mechanism == Authentication.HIGH_ECDSA:
        base = dataclasses.replace(base, client_key_pair=CLIENT_PAIR, server_key_pair=SERVER_PAIR)
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


CLIENT_PAIR = KeyPair.generate(1)
SERVER_PAIR = KeyPair.generate(1)


@pytest.mark.parametrize("mechanism", HLS, ids=lambda m: m.name)
def test_both_sides_verify_each_other(mechanism: Authentication) -> None:
    # each side holds only the peer's public key
    client_side = context(mechanism, server_key_pair=KeyPair(SERVER_PAIR.public_key)) \
        if mechanism == Authentication.HIGH_ECDSA else context(mechanism)
    server_side = context(mechanism, client_key_pair=KeyPair(CLIENT_PAIR.public_key)) \
        if mechanism == Authentication.HIGH_ECDSA else context(mechanism)
    pass3 = client_answer(client_side, invocation_counter=41)
    verify_client_answer(server_side, pass3)
    pass4 = server_answer(server_side, invocation_counter=77)
    verify_server_answer(client_side, pass4)
    assert pass3 != pass4


@pytest.mark.parametrize("mechanism", HLS, ids=lambda m: m.name)
def test_a_tampered_answer_is_refused(mechanism: Authentication) -> None:
    ctx = context(mechanism)
    pass3 = bytearray(client_answer(ctx, invocation_counter=5))
    pass3[-1] ^= 0x01
    with pytest.raises(AuthenticationError):
        verify_client_answer(ctx, bytes(pass3))
    pass4 = bytearray(server_answer(ctx, invocation_counter=5))
    pass4[len(pass4) // 2] ^= 0x80
    with pytest.raises(AuthenticationError):
        verify_server_answer(ctx, bytes(pass4))


@pytest.mark.parametrize("mechanism", HLS, ids=lambda m: m.name)
def test_the_client_answer_does_not_pass_as_the_server_answer(mechanism: Authentication) -> None:
    ctx = context(mechanism)
    with pytest.raises(AuthenticationError):
        verify_server_answer(ctx, client_answer(ctx, invocation_counter=9))


@pytest.mark.parametrize("mechanism", [m for m in HLS if m != Authentication.HIGH_ECDSA], ids=lambda m: m.name)
def test_a_different_secret_or_key_fails(mechanism: Authentication) -> None:
    answer = client_answer(context(mechanism), invocation_counter=3)
    wrong = (context(mechanism, block_cipher_key=bytes(16)) if mechanism == Authentication.HIGH_GMAC
             else context(mechanism, secret=b"Gurux124"))
    with pytest.raises(AuthenticationError):
        verify_client_answer(wrong, answer)


def test_ecdsa_with_a_foreign_key_fails() -> None:
    answer = client_answer(context(Authentication.HIGH_ECDSA))
    with pytest.raises(AuthenticationError):
        verify_client_answer(context(Authentication.HIGH_ECDSA, client_key_pair=KeyPair.generate(1)), answer)


# --- known answers -----------------------------------------------------------------------------------


def test_high_is_aes128_ecb_fips197() -> None:
    """FIPS-197 appendix C.1: key 00..0F, block 00112233..FF."""
    ctx = context(Authentication.HIGH, secret=bytes(range(16)), stoc=bytes.fromhex("00112233445566778899AABBCCDDEEFF"))
    assert client_answer(ctx).hex() == "69c4e0d86a7b0430d8cdb78070b4c55a"


def test_high_pads_short_challenges_and_secrets_with_zeros() -> None:
    full = context(Authentication.HIGH, secret=bytes(range(16)),
                   stoc=bytes.fromhex("0011223344556677") + bytes(8))
    short = context(Authentication.HIGH, secret=bytes(range(16)), stoc=bytes.fromhex("0011223344556677"))
    assert client_answer(short) == client_answer(full)
    assert len(client_answer(context(Authentication.HIGH, stoc=bytes(17)))) == 32
    padded_secret = context(Authentication.HIGH, secret=b"abc" + bytes(13))
    assert client_answer(context(Authentication.HIGH, secret=b"abc")) == client_answer(padded_secret)
    with pytest.raises(ConfigurationError):
        client_answer(context(Authentication.HIGH, secret=bytes(17)))


def test_md5_and_sha1_known_answers() -> None:
    """challenge || secret, checked with the RFC 1321 and FIPS 180 examples."""
    md5 = context(Authentication.HIGH_MD5, stoc=b"message ", secret=b"digest")
    assert client_answer(md5).hex() == "f96b697d7cb7938d525a2f31aaf161d0"
    sha1 = context(Authentication.HIGH_SHA1, ctos=b"ab", secret=b"c")
    assert server_answer(sha1).hex() == "a9993e364706816aba3e25717850c26c9cd0d89d"


def test_sha256_orders_titles_and_challenges_by_side() -> None:
    ctx = context(Authentication.HIGH_SHA256)
    assert client_answer(ctx) == hashlib.sha256(SECRET + CLIENT_TITLE + SERVER_TITLE + STOC + CTOS).digest()
    assert server_answer(ctx) == hashlib.sha256(SECRET + SERVER_TITLE + CLIENT_TITLE + CTOS + STOC).digest()


def test_gmac_known_answer_green_book_keys() -> None:
    """The Green Book's authentication-only example: SC 0x10, IC 01234567, title 4D4D4D0000BC614E."""
    stoc = bytes.fromhex("C0010000080000010000FF0200")
    ctx = context(Authentication.HIGH_GMAC, client_system_title=SERVER_TITLE, stoc=stoc)
    answer = client_answer(ctx, invocation_counter=0x01234567)
    assert answer.hex().upper() == "10" "01234567" "06725D910F9221D263877516"


def test_gmac_uses_the_side_s_own_system_title_and_counter() -> None:
    ctx = context(Authentication.HIGH_GMAC)
    pass3, pass4 = client_answer(ctx, invocation_counter=1), server_answer(ctx, invocation_counter=1)
    assert pass3[:5] == pass4[:5] == b"\x10\x00\x00\x00\x01"
    swapped = context(Authentication.HIGH_GMAC, client_system_title=SERVER_TITLE, server_system_title=CLIENT_TITLE,
                      ctos=STOC, stoc=CTOS)
    assert server_answer(swapped, invocation_counter=1) == pass3
    suite1 = context(Authentication.HIGH_GMAC, security_suite=1)
    assert client_answer(suite1, invocation_counter=1)[0] == 0x11
    with pytest.raises(AuthenticationError):
        verify_client_answer(ctx, pass3[:-1])
    with pytest.raises(ConfigurationError):
        client_answer(ctx)


def test_ecdsa_signs_titles_and_challenges() -> None:
    from gurux_dlms.security import ecc

    ctx = context(Authentication.HIGH_ECDSA)
    ecc.verify(CLIENT_PAIR.public_key, CLIENT_TITLE + SERVER_TITLE + STOC + CTOS, client_answer(ctx))
    ecc.verify(SERVER_PAIR.public_key, SERVER_TITLE + CLIENT_TITLE + CTOS + STOC, server_answer(ctx))


# --- settings, LLS, challenges ---------------------------------------------------------------------


def test_context_from_settings_mirrors_the_sides() -> None:
    client = SecuritySettings(system_title=CLIENT_TITLE, recipient_system_title=SERVER_TITLE,
                              security_suite=SecuritySuite.SUITE_1, signing_key_pair=CLIENT_PAIR,
                              public_keys={SERVER_TITLE: SERVER_PAIR.public_key})
    server = SecuritySettings(system_title=SERVER_TITLE, recipient_system_title=CLIENT_TITLE,
                              security_suite=SecuritySuite.SUITE_1, signing_key_pair=SERVER_PAIR,
                              public_keys={CLIENT_TITLE: CLIENT_PAIR.public_key})
    for mechanism in HLS:
        c = HlsContext.from_settings(mechanism, client, is_client=True, ctos=CTOS, stoc=STOC, secret=SECRET)
        s = HlsContext.from_settings(mechanism, server, is_client=False, ctos=CTOS, stoc=STOC, secret=SECRET)
        verify_client_answer(s, client_answer(c, invocation_counter=2))
        verify_server_answer(c, server_answer(s, invocation_counter=2))


def test_missing_inputs_are_configuration_errors() -> None:
    with pytest.raises(ConfigurationError):
        client_answer(context(Authentication.HIGH_MD5, secret=None))
    with pytest.raises(ConfigurationError):
        client_answer(context(Authentication.HIGH_SHA256, server_system_title=None))
    with pytest.raises(ConfigurationError):
        client_answer(context(Authentication.HIGH_ECDSA, client_key_pair=None))
    with pytest.raises(ConfigurationError):
        client_answer(context(Authentication.HIGH_ECDSA, client_key_pair=KeyPair(CLIENT_PAIR.public_key)))
    for mechanism in (Authentication.NONE, Authentication.LOW):
        with pytest.raises(ConfigurationError):
            client_answer(context(mechanism))


def test_low_password() -> None:
    verify_password(b"12345678", b"12345678")
    with pytest.raises(AuthenticationError):
        verify_password(b"12345678", b"12345679")


def test_challenges() -> None:
    assert len(generate_challenge()) == 16
    assert len({generate_challenge(8) for _ in range(20)}) == 20
    assert len(generate_challenge(64)) == 64
    for bad in (7, 65):
        with pytest.raises(ConfigurationError):
            generate_challenge(bad)
