"""Security setup: policy versions, known bytes, key transfer, key agreement, key pairs and certificates."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from vectors.loader import load

from gurux_dlms.cosem import ValueEventArgs, create_object
from gurux_dlms.cosem.classes.security_setup import (
    CertificateEntity,
    CertificateType,
    GlobalKeyType,
    GXDLMSSecuritySetup,
    SecurityPolicy,
    SecurityPolicy0,
)
from gurux_dlms.data import GXArray, GXEnum, GXStructure, codec
from gurux_dlms.errors import DecodeError, LocalProtocolError
from gurux_dlms.security import ecc
from gurux_dlms.security.enums import SecuritySuite
from gurux_dlms.security.keys import SecuritySettings, wrap_key

KEK = bytes(range(0x40, 0x50))
SERVER_TITLE = b"GRX00001"
CLIENT_TITLE = b"CLI00001"


class Settings:
    def __init__(self, security: SecuritySettings) -> None:
        self.security = security


class RecordingClient:
    def method(self, obj: Any, index: int, value: Any, data_type: Any) -> list[tuple[int, bytes]]:
        return [(index, codec.encode(value, data_type))]


def _server(suite: int = 1) -> tuple[GXDLMSSecuritySetup, Settings]:
    setup = GXDLMSSecuritySetup()
    setup.securitySuite = SecuritySuite(suite)
    setup.serverSystemTitle, setup.clientSystemTitle = SERVER_TITLE, CLIENT_TITLE
    keys = SecuritySettings(system_title=SERVER_TITLE, kek=KEK, recipient_system_title=CLIENT_TITLE)
    return setup, Settings(keys)


def _call(setup: GXDLMSSecuritySetup, settings: Any, request: list[tuple[int, bytes]]) -> tuple[Any, ValueEventArgs]:
    (index, raw), = request
    e = ValueEventArgs(setup, index, parameters=codec.decode(raw))
    return setup.invoke(settings, e), e


def _certificate(title: bytes, key: ec.EllipticCurvePrivateKey, usage: str = "sign") -> bytes:
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, title.hex().upper())])
    issuer = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Test CA")])
    now = datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc)
    builder = (x509.CertificateBuilder().subject_name(name).issuer_name(issuer).public_key(key.public_key())
               .serial_number(0x80AB).not_valid_before(now).not_valid_after(now + datetime.timedelta(days=365))
               .add_extension(x509.KeyUsage(usage == "sign", False, False, False, usage == "agree", False, False,
                                            False, False), critical=True))
    return builder.sign(key, hashes.SHA256()).public_bytes(serialization.Encoding.DER)


def test_known_bytes_from_the_set_vector() -> None:
    vector = next(v for v in load("set") if v["id"] == "pub-set-0002")
    raw = bytes.fromhex(vector["hex"])
    assert raw[3:5] == b"\x00\x40" and raw[11] == 4  # class 64, attribute 4 (client system title)
    setup = GXDLMSSecuritySetup()
    with pytest.raises(DecodeError, match="Client System Title"):  # Gurux's test writes a uint32 there
        setup.set_attribute_data(4, codec.decode(raw[13:]))
    setup.set_attribute_data(4, codec.decode(bytes.fromhex("0908") + CLIENT_TITLE))
    assert setup.clientSystemTitle == CLIENT_TITLE


def test_policy_follows_the_version() -> None:
    v1 = GXDLMSSecuritySetup()
    v1.set_attribute_data(2, GXEnum(0x24))
    assert v1.securityPolicy == SecurityPolicy.AUTHENTICATED_REQUEST | SecurityPolicy.AUTHENTICATED_RESPONSE
    v0 = create_object(64, version=0)
    v0.set_attribute_data(2, GXEnum(3))
    assert v0.securityPolicy == SecurityPolicy0.AUTHENTICATED_ENCRYPTED  # type: ignore[attr-defined]
    assert v0.encode_attribute(2).hex() == "1603"


def test_security_activate_only_strengthens() -> None:
    setup, settings = _server()
    _, e = _call(setup, settings, setup.activate(RecordingClient(), SecurityPolicy.AUTHENTICATED_REQUEST))
    assert e.error == 0 and setup.securityPolicy == SecurityPolicy.AUTHENTICATED_REQUEST
    _, e = _call(setup, settings, setup.activate(RecordingClient(), SecurityPolicy.ENCRYPTED_REQUEST))
    assert e.error == 3 and setup.securityPolicy == SecurityPolicy.AUTHENTICATED_REQUEST


def test_key_transfer_unwraps_and_installs_keys() -> None:
    setup, settings = _server()
    new_ek, new_ak = bytes(range(16)), bytes(range(16, 32))
    request = setup.globalKeyTransfer(RecordingClient(), KEK, [(GlobalKeyType.UNICAST_ENCRYPTION, new_ek),
                                                              (GlobalKeyType.AUTHENTICATION, new_ak)])
    _, e = _call(setup, settings, request)
    assert e.error == 0
    assert settings.security.block_cipher_key == new_ek and settings.security.authentication_key == new_ak
    wrong = setup.globalKeyTransfer(RecordingClient(), bytes(16), [(GlobalKeyType.BROADCAST_ENCRYPTION, new_ek)])
    _, e = _call(setup, settings, wrong)
    assert e.error == 250 and settings.security.broadcast_key is None
    bad_id = GXArray([GXStructure([GXEnum(9), bytearray(wrap_key(KEK, new_ek))])])
    with pytest.raises(DecodeError, match="key id"):
        setup.invoke(settings, ValueEventArgs(setup, 2, parameters=bad_id))
    with pytest.raises(LocalProtocolError, match="SecuritySettings"):
        setup.invoke(object(), ValueEventArgs(setup, 2, parameters=GXArray()))


def test_key_pair_and_certificate_request() -> None:
    setup, settings = _server()
    _call(setup, settings, setup.generateKeyPair(RecordingClient(), CertificateType.DIGITAL_SIGNATURE))
    pair = settings.security.signing_key_pair
    assert pair is not None and pair.suite == 1 and setup.keyPairs[0] is pair
    der, e = _call(setup, settings, setup.generateCertificate(RecordingClient(), CertificateType.DIGITAL_SIGNATURE))
    request = x509.load_der_x509_csr(bytes(der))
    assert request.is_signature_valid
    assert request.subject.rfc4514_string() == "CN=" + SERVER_TITLE.hex().upper()
    key = request.public_key()
    assert isinstance(key, ec.EllipticCurvePublicKey) and key.public_numbers() == pair.public_key.public_numbers()
    _, e = _call(setup, settings, setup.generateCertificate(RecordingClient(), CertificateType.KEY_AGREEMENT))
    assert e.error == 3  # no key agreement pair generated yet
    suite0, settings0 = _server(0)
    with pytest.raises(LocalProtocolError, match="suite 1 or 2"):
        _call(suite0, settings0, suite0.generateKeyPair(RecordingClient(), 0))


def test_certificates_import_export_remove() -> None:
    setup, settings = _server()
    client_key = ec.generate_private_key(ec.SECP256R1())
    der = _certificate(CLIENT_TITLE, client_key)
    _, e = _call(setup, settings, setup.importCertificate(RecordingClient(), der))
    assert e.error == 0
    (info,) = setup.certificates
    assert (info.entity, info.type, info.serialNumber) == (CertificateEntity.CLIENT, CertificateType.DIGITAL_SIGNATURE,
                                                          0x80AB)
    assert info.subject == "CN=" + CLIENT_TITLE.hex().upper() and info.issuer == "CN=Test CA"
    assert settings.security.public_keys[CLIENT_TITLE].public_numbers() == client_key.public_key().public_numbers()
    raw = setup.encode_attribute(6)
    assert bytes.fromhex("0903" "0080ab") in raw  # the serial number keeps the sign octet of its DER integer
    fresh = GXDLMSSecuritySetup()
    fresh.set_attribute_data(6, codec.decode(raw))
    assert fresh.certificates == setup.certificates and fresh.encode_attribute(6) == raw
    exported, e = _call(setup, settings, setup.exportCertificateBySerial(RecordingClient(), 0x80AB, "CN=Test CA"))
    assert bytes(exported) == der
    exported, e = _call(setup, settings, setup.exportCertificateByEntity(
        RecordingClient(), CertificateEntity.CLIENT, CertificateType.DIGITAL_SIGNATURE, CLIENT_TITLE))
    assert bytes(exported) == der
    _, e = _call(setup, settings, setup.removeCertificateBySerial(RecordingClient(), 0x80AB, "CN=Test CA"))
    assert e.error == 0 and setup.certificates == []
    _, e = _call(setup, settings, setup.removeCertificateByEntity(RecordingClient(), 1, 0, CLIENT_TITLE))
    assert e.error == 250
    _, e = _call(setup, settings, setup.importCertificate(RecordingClient(), b"not a certificate"))
    assert e.error == 250


def test_key_agreement_gives_both_sides_the_same_key() -> None:
    setup, settings = _server()
    client_signing = ecc.KeyPair.generate(1)
    settings.security.public_keys[CLIENT_TITLE] = client_signing.public_key
    settings.security.signing_key_pair = server_signing = ecc.KeyPair.generate(1)
    ephemeral = ecc.KeyPair.generate(1)
    kind = GlobalKeyType.UNICAST_ENCRYPTION
    signature = ecc.sign(client_signing.require_private(), bytes((kind,)) + ephemeral.public_bytes)
    answer, e = _call(setup, settings, setup.keyAgreement(RecordingClient(),
                                                          [(kind, ephemeral.public_bytes + signature)]))
    assert e.error == 0 and len(answer) == 1 and answer[0][0] == kind
    data = bytes(answer[0][1])
    ecc.verify(server_signing.public_key, bytes((kind,)) + data[:64], data[64:])
    shared = ecc.ecdh(ephemeral.require_private(), ecc.public_key_from_bytes(1, data[:64]))
    expected = ecc.kdf(1, shared, ecc.CIPHER_ALGORITHM_IDS[1], CLIENT_TITLE, SERVER_TITLE)
    assert settings.security.block_cipher_key == expected
    forged = ecc.sign(ecc.KeyPair.generate(1).require_private(), bytes((kind,)) + ephemeral.public_bytes)
    _, e = _call(setup, settings, setup.keyAgreement(RecordingClient(), [(kind, ephemeral.public_bytes + forged)]))
    assert e.error == 250 and settings.security.block_cipher_key == expected
