"""Elliptic-curve cryptography of security suites 1 (P-256, SHA-256) and 2 (P-384, SHA-384).

DLMS carries public keys as the raw coordinates ``x || y`` and ECDSA signatures as
``r || s`` (fixed width each), not in the DER forms ``cryptography`` speaks; this module
converts.  Key derivation is the NIST SP 800-56A concatenation KDF the Green Book uses:
``Hash(counter || Z || AlgorithmID || PartyUInfo || PartyVInfo || SuppPubInfo || SuppPrivInfo)``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature, encode_dss_signature

from ..errors import AuthenticationError, ConfigurationError, DecodeError

#: Algorithm identifiers (OID content octets) used as the KDF's AlgorithmID.
AES_GCM_128_ID = bytes.fromhex("60857405080300")
AES_GCM_256_ID = bytes.fromhex("60857405080301")
AES_WRAP_128_ID = bytes.fromhex("60857405080302")
AES_WRAP_256_ID = bytes.fromhex("60857405080303")

#: The cipher each suite agrees keys for.
CIPHER_ALGORITHM_IDS = {1: AES_GCM_128_ID, 2: AES_GCM_256_ID}

_CURVES: dict[int, ec.EllipticCurve] = {1: ec.SECP256R1(), 2: ec.SECP384R1()}
_SUITE_BY_CURVE = {"secp256r1": 1, "secp384r1": 2}
_COORDINATE = {1: 32, 2: 48}
_KEY_LENGTH = {1: 16, 2: 32}

PrivateKey = ec.EllipticCurvePrivateKey
PublicKey = ec.EllipticCurvePublicKey


def _hash(suite: int) -> hashes.HashAlgorithm:
    return hashes.SHA256() if suite == 1 else hashes.SHA384()


def _curve(suite: int) -> ec.EllipticCurve:
    curve = _CURVES.get(int(suite))
    if curve is None:
        raise ConfigurationError("security suite", expected="1 (P-256) or 2 (P-384)", found=suite)
    return curve


def suite_of(key: PrivateKey | PublicKey) -> int:
    """The security suite whose curve the key is on."""
    suite = _SUITE_BY_CURVE.get(key.curve.name)
    if suite is None:
        raise ConfigurationError("elliptic-curve key", expected="a P-256 or P-384 key", found=key.curve.name)
    return suite


def public_key_to_bytes(key: PublicKey) -> bytes:
    """The raw ``x || y`` form DLMS carries."""
    width = _COORDINATE[suite_of(key)]
    numbers = key.public_numbers()
    return numbers.x.to_bytes(width, "big") + numbers.y.to_bytes(width, "big")


def public_key_from_bytes(suite: int, raw: bytes) -> PublicKey:
    """Read a raw ``x || y`` public key (an SEC1 ``04 ||`` prefix is accepted too)."""
    curve = _curve(suite)
    width = _COORDINATE[int(suite)]
    raw = bytes(raw)
    if len(raw) == 2 * width + 1 and raw[0] == 4:
        raw = raw[1:]
    if len(raw) != 2 * width:
        raise DecodeError("public key", expected=f"{2 * width} bytes (x || y)", found=f"{len(raw)} bytes")
    try:
        return ec.EllipticCurvePublicKey.from_encoded_point(curve, b"\x04" + raw)
    except ValueError:
        raise DecodeError("public key", expected=f"a point on {curve.name}", found="a point off the curve") from None


@dataclass(frozen=True, eq=False)
class KeyPair:
    """A public key and, for our own keys, its private key (never shown by ``repr``)."""

    public_key: PublicKey
    private_key: PrivateKey | None = field(default=None, repr=False)

    @classmethod
    def generate(cls, suite: int) -> KeyPair:
        """A fresh key pair on the suite's curve."""
        private = ec.generate_private_key(_curve(suite))
        return cls(private.public_key(), private)

    @classmethod
    def from_private_key(cls, private_key: PrivateKey) -> KeyPair:
        """Wrap an existing private key."""
        return cls(private_key.public_key(), private_key)

    @classmethod
    def from_private_value(cls, suite: int, scalar: bytes | int) -> KeyPair:
        """A key pair from the raw private scalar (big-endian bytes or an int)."""
        value = int.from_bytes(scalar, "big") if isinstance(scalar, (bytes, bytearray)) else scalar
        try:
            private = ec.derive_private_key(value, _curve(suite))
        except ValueError:
            raise ConfigurationError("private key", expected="a scalar in 1..n-1", found="out of range") from None
        return cls(private.public_key(), private)

    @property
    def suite(self) -> int:
        """Security suite of the curve (1 or 2)."""
        return suite_of(self.public_key)

    @property
    def public_bytes(self) -> bytes:
        """The public key as ``x || y``."""
        return public_key_to_bytes(self.public_key)

    def require_private(self) -> PrivateKey:
        """The private key, or :class:`ConfigurationError` for a public-only pair."""
        if self.private_key is None:
            raise ConfigurationError("key pair", expected="a private key", found="a public key only")
        return self.private_key

    def __repr__(self) -> str:
        private = "with private key" if self.private_key is not None else "public only"
        return f"KeyPair({self.public_key.curve.name}, public={self.public_bytes[:8].hex().upper()}..., {private})"


# --- key agreement -------------------------------------------------------------------------------
def ecdh(private_key: PrivateKey, peer_public_key: PublicKey) -> bytes:
    """The ECDH shared secret Z (the x coordinate of the shared point)."""
    if suite_of(private_key) != suite_of(peer_public_key):
        raise ConfigurationError("ECDH keys", expected="both on the same curve",
                                 found=f"{private_key.curve.name} and {peer_public_key.curve.name}")
    return private_key.exchange(ec.ECDH(), peer_public_key)


def kdf(suite: int, shared_secret: bytes, algorithm_id: bytes, party_u_info: bytes, party_v_info: bytes,
        supp_pub_info: bytes = b"", supp_priv_info: bytes = b"", key_length: int | None = None) -> bytes:
    """NIST SP 800-56A concatenation KDF with SHA-256 (suite 1) or SHA-384 (suite 2).

    ``key_length`` defaults to the suite's block cipher key length (16 or 32 bytes).
    """
    _curve(suite)
    length = _KEY_LENGTH[int(suite)] if key_length is None else key_length
    other_info = bytes(algorithm_id) + bytes(party_u_info) + bytes(party_v_info) + bytes(supp_pub_info) \
        + bytes(supp_priv_info)
    out = bytearray()
    counter = 1
    while len(out) < length:
        digest = hashes.Hash(_hash(int(suite)))
        digest.update(counter.to_bytes(4, "big") + bytes(shared_secret) + other_info)
        out += digest.finalize()
        counter += 1
    return bytes(out[:length])


# --- signatures ------------------------------------------------------------------------------------
def sign(private_key: PrivateKey, data: bytes) -> bytes:
    """ECDSA signature of ``data`` as ``r || s`` (SHA-256 on P-256, SHA-384 on P-384)."""
    suite = suite_of(private_key)
    r, s = decode_dss_signature(private_key.sign(bytes(data), ec.ECDSA(_hash(suite))))
    width = _COORDINATE[suite]
    return r.to_bytes(width, "big") + s.to_bytes(width, "big")


def verify(public_key: PublicKey, data: bytes, signature: bytes) -> None:
    """Check an ``r || s`` signature; raise :class:`AuthenticationError` when it does not verify."""
    suite = suite_of(public_key)
    width = _COORDINATE[suite]
    if len(signature) != 2 * width:
        raise AuthenticationError("ECDSA signature", expected=f"{2 * width} bytes (r || s)",
                                  found=f"{len(signature)} bytes")
    der = encode_dss_signature(int.from_bytes(signature[:width], "big"), int.from_bytes(signature[width:], "big"))
    try:
        public_key.verify(der, bytes(data), ec.ECDSA(_hash(suite)))
    except InvalidSignature:
        raise AuthenticationError("ECDSA signature", expected="a signature by the peer's key",
                                  found="one that does not verify") from None


__all__ = [
    "AES_GCM_128_ID",
    "AES_GCM_256_ID",
    "AES_WRAP_128_ID",
    "AES_WRAP_256_ID",
    "CIPHER_ALGORITHM_IDS",
    "KeyPair",
    "PrivateKey",
    "PublicKey",
    "ecdh",
    "kdf",
    "public_key_from_bytes",
    "public_key_to_bytes",
    "sign",
    "suite_of",
    "verify",
]
