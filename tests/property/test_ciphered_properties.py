"""Property tests of the ciphered envelopes and of AES-GCM protection."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from gurux_dlms.apdu import decode_apdu
from gurux_dlms.apdu.ciphered import (
    PROTECTED_TAGS,
    SERVICE_CLASSES,
    AgreedKey,
    GeneralCiphering,
    GeneralDedCiphering,
    GeneralGloCiphering,
    GeneralSigning,
    IdentifiedKey,
    WrappedKey,
    decrypt_apdu,
    encrypt_apdu,
)
from gurux_dlms.errors import DecodeError, DLMSError
from gurux_dlms.security import InvocationCounter, Security, SecuritySettings, SecuritySuite, gcm

octets = st.binary(max_size=300)
short = st.binary(max_size=20)
security_control = st.integers(min_value=0, max_value=255)
counter = st.integers(min_value=0, max_value=0xFFFFFFFF)

service_apdus = st.builds(lambda cls, sc, ic, payload: cls(sc, ic, payload),
                          st.sampled_from(sorted(SERVICE_CLASSES.values(), key=lambda c: c.TAG)),
                          security_control, counter, octets)
general_glo_ded = st.builds(lambda cls, title, sc, ic, payload: cls(title, sc, ic, payload),
                            st.sampled_from([GeneralGloCiphering, GeneralDedCiphering]), short, security_control,
                            counter, octets)
key_infos = st.one_of(
    st.none(),
    st.builds(IdentifiedKey, st.integers(min_value=0, max_value=255)),
    st.builds(WrappedKey, st.integers(min_value=0, max_value=255), short),
    st.builds(AgreedKey, short, octets),
)
general_ciphering = st.builds(GeneralCiphering, short, short, short, short, short, key_infos, security_control,
                              counter, octets)
general_signing = st.builds(GeneralSigning, short, short, short, short, short, octets, short)
every_envelope = st.one_of(service_apdus, general_glo_ded, general_ciphering, general_signing)


@given(every_envelope)
def test_every_envelope_round_trips(apdu: Any) -> None:
    data = apdu.encode()
    assert data[0] == apdu.TAG
    decoded = decode_apdu(data)
    assert type(decoded) is type(apdu)
    assert decoded == apdu
    assert decoded.encode() == data


@given(every_envelope, st.data())
def test_truncated_envelopes_raise_decode_error(apdu: Any, data: st.DataObject) -> None:
    encoded = apdu.encode()
    cut = data.draw(st.integers(min_value=1, max_value=len(encoded) - 1))
    try:
        decode_apdu(encoded[:cut])
    except DecodeError:
        return
    raise AssertionError("a truncated envelope decoded")


@given(st.sampled_from(sorted(PROTECTED_TAGS)), st.binary(max_size=200))
def test_random_bytes_raise_only_dlms_errors(tag: int, body: bytes) -> None:
    data = bytes((tag,)) + body
    try:
        apdu = decode_apdu(data)
    except DLMSError:
        return
    assert apdu.encode() == data


@given(st.sampled_from(sorted(PROTECTED_TAGS)), st.binary(max_size=200))
def test_random_bytes_into_decrypt_raise_only_dlms_errors(tag: int, body: bytes) -> None:
    keys = SecuritySettings(recipient_system_title=b"12345678", dedicated_key=bytes(16))
    try:
        decrypt_apdu(bytes((tag,)) + body, keys)
    except DLMSError:
        return


@given(plain=st.binary(min_size=1, max_size=200), security=st.sampled_from([0x10, 0x20, 0x30]),
       suite=st.sampled_from([0, 1, 2]), ic=counter, title=st.binary(min_size=8, max_size=8))
def test_gcm_encrypt_decrypt_are_inverses(plain: bytes, security: int, suite: int, ic: int, title: bytes) -> None:
    key = bytes(range(32 if suite == 2 else 16))
    sc = gcm.security_control(security, suite)
    out = gcm.encrypt(sc, title, ic, key, b"AK", plain)
    assert gcm.decrypt(title, key, b"AK", out) == (sc, ic, plain)


@given(plain=st.binary(min_size=1, max_size=100).filter(lambda b: b[0] != 0),
       security=st.sampled_from([Security.AUTHENTICATION, Security.ENCRYPTION, Security.AUTHENTICATION_ENCRYPTION]),
       dedicated=st.booleans(), general=st.booleans(), ic=st.integers(min_value=0, max_value=0xFFFFFFF0))
def test_encrypt_apdu_decrypt_apdu_are_inverses(plain: bytes, security: Security, dedicated: bool, general: bool,
                                                ic: int) -> None:
    sender = SecuritySettings(security=security, system_title=b"SENDER01", dedicated_key=b"\x42" * 16,
                              security_suite=SecuritySuite.SUITE_0, invocation_counter=InvocationCounter(ic))
    receiver = SecuritySettings(system_title=b"RECEIVER", recipient_system_title=b"SENDER01",
                                dedicated_key=b"\x42" * 16)
    out = encrypt_apdu(plain, sender, dedicated=dedicated, general=general)
    envelope = decode_apdu(out)
    assert envelope.DEDICATED is dedicated and envelope.invocation_counter == ic
    assert decrypt_apdu(out, receiver) == plain
