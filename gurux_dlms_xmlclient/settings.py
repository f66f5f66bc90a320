"""The XmlClient's settings: flag values read the way Gurux's tools write them, checked together.

Each ``parse_*`` function reads one flag value (any case for names, ``0x`` for hex
passwords, Gurux's ``COM1:9600:8None1`` for serial ports) and raises ``ValueError`` with
a message fit for one line of the command's error output.  :class:`ClientOptions` holds
what a run needs; :meth:`ClientOptions.session_settings` makes the engine's settings of
one connection from it.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from pathlib import Path

from gurux_dlms.apdu.conformance import Conformance, get_initial_conformance
from gurux_dlms.cosem.standard import Standard
from gurux_dlms.data.obis import obis_to_bytes, obis_to_str
from gurux_dlms.framing.hdlc_address import join_server_address
from gurux_dlms.framing.hdlc_params import DEFAULT_PARAMETERS, MAX_INFO_LIMIT, HdlcParameters
from gurux_dlms.security.counters import InvocationCounter
from gurux_dlms.security.ecc import KeyPair, PublicKey
from gurux_dlms.security.enums import Authentication, Security, SecuritySuite
from gurux_dlms.security.keys import DEFAULT_AUTHENTICATION_KEY, DEFAULT_BLOCK_CIPHER_KEY, SecuritySettings
from gurux_dlms.session.enums import InterfaceType
from gurux_dlms.session.settings import SessionSettings


class TraceLevel(enum.IntEnum):
    """How much the command shows (gurux-common's ``TraceLevel`` values)."""

    OFF = 0
    ERROR = 1
    WARNING = 2
    INFO = 4
    VERBOSE = 8


def _table(enum_type: type[enum.Enum], names: dict[str, str]) -> dict[str, enum.Enum]:
    """Case-insensitive lookup: Gurux's spelling (and the enum member name) -> member."""
    table = {name.lower(): enum_type[member] for name, member in names.items()}
    table.update({member.name.lower(): member for member in enum_type})
    return table


AUTHENTICATIONS = _table(Authentication, {
    "None": "NONE", "Low": "LOW", "High": "HIGH", "HighMd5": "HIGH_MD5", "HighSha1": "HIGH_SHA1",
    "HighGMac": "HIGH_GMAC", "HighSha256": "HIGH_SHA256", "HighEcdsa": "HIGH_ECDSA"})
SECURITIES = _table(Security, {
    "None": "NONE", "Authentication": "AUTHENTICATION", "Encryption": "ENCRYPTION", "Encrypted": "ENCRYPTION",
    "AuthenticationEncryption": "AUTHENTICATION_ENCRYPTION"})
INTERFACES = _table(InterfaceType, {"HDLC": "HDLC", "WRAPPER": "WRAPPER", "HdlcWithModeE": "HDLC_WITH_MODE_E",
                                    "IEC": "HDLC_WITH_MODE_E"})
TRACES = _table(TraceLevel, {"Off": "OFF", "Error": "ERROR", "Warning": "WARNING", "Info": "INFO",
                             "Verbose": "VERBOSE"})
STANDARDS = _table(Standard, {"DLMS": "DLMS", "India": "INDIA", "Italy": "ITALY", "SaudiArabia": "SAUDI_ARABIA",
                              "IDIS": "IDIS", "Spain": "SPAIN"})
_GURUX_NAMES = {
    "authentication": "None, Low, High, HighMd5, HighSha1, HighGMac, HighSha256, HighEcdsa",
    "security": "None, Authentication, Encryption, AuthenticationEncryption",
    "interface": "HDLC, WRAPPER, HdlcWithModeE",
    "trace level": "Off, Error, Warning, Info, Verbose",
    "standard": "DLMS, India, Italy, SaudiArabia, IDIS, Spain",
}


def choice(table: dict[str, enum.Enum], what: str, text: str) -> enum.Enum:
    """The member ``text`` names in ``table`` (any case)."""
    try:
        return table[text.strip().lower()]
    except KeyError:
        raise ValueError(f"unknown {what} {text!r} (choose one of {_GURUX_NAMES[what]})") from None


def parse_hex(text: str, what: str, sizes: tuple[int, ...] = ()) -> bytes:
    """Hex bytes (spaces and a ``0x`` prefix allowed), of one of ``sizes`` when given."""
    cleaned = text.strip().replace(" ", "")
    if cleaned[:2].lower() == "0x":
        cleaned = cleaned[2:]
    try:
        value = bytes.fromhex(cleaned)
    except ValueError:
        raise ValueError(f"{what} {text!r} is not hex") from None
    if sizes and len(value) not in sizes:
        expected = " or ".join(str(size) for size in sizes)
        raise ValueError(f"{what} must be {expected} bytes, {text!r} is {len(value)}")
    return value


def parse_password(text: str) -> bytes:
    """A password: ``0x…`` is hex bytes, anything else its UTF-8 text (as Gurux's ``-P``)."""
    if text[:2].lower() == "0x":
        return parse_hex(text, "password")
    return text.encode()


def parse_referencing(text: str) -> bool:
    """``ln`` (True) or ``sn`` (False), any case."""
    value = text.strip().lower()
    if value not in ("ln", "sn"):
        raise ValueError(f"unknown referencing {text!r} (choose ln or sn)")
    return value == "ln"


def parse_logical_name(text: str) -> str:
    """An OBIS code in dotted form (``0.0.43.1.1.255``)."""
    try:
        return obis_to_str(obis_to_bytes(text))
    except ValueError:
        raise ValueError(f"{text!r} is not a logical name such as 0.0.43.1.1.255") from None


def parse_int(text: str, what: str, low: int = 0, high: int | None = None) -> int:
    """A decimal (or ``0x`` hex) integer in ``low..high``."""
    try:
        value = int(text, 0) if text.strip().lower().startswith("0x") else int(text, 10)
    except ValueError:
        raise ValueError(f"{what} {text!r} is not a number") from None
    if value < low or (high is not None and value > high):
        bound = f"{low}..{high}" if high is not None else f"at least {low}"
        raise ValueError(f"{what} must be {bound}, not {value}")
    return value


def load_signing_key(path: str) -> KeyPair:
    """The client's ECDSA key pair from a PEM private key file (P-256: suite 1, P-384: suite 2)."""
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import load_pem_private_key

    key = load_pem_private_key(_read(path), None)
    if not isinstance(key, ec.EllipticCurvePrivateKey):
        raise ValueError(f"{path}: not an elliptic-curve private key")
    pair = KeyPair.from_private_key(key)
    _ = pair.suite  # P-256 or P-384 only
    return pair


def load_public_key(path: str) -> PublicKey:
    """An ECDSA public key from a PEM file (a public key or an X.509 certificate)."""
    from cryptography import x509
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import load_pem_public_key

    data = _read(path)
    key = x509.load_pem_x509_certificate(data).public_key() if b"CERTIFICATE" in data else load_pem_public_key(data)
    if not isinstance(key, ec.EllipticCurvePublicKey):
        raise ValueError(f"{path}: not an elliptic-curve public key")
    return key


def _read(path: str) -> bytes:
    try:
        with open(path, "rb") as file:
            return file.read()
    except OSError as exc:
        raise ValueError(f"{path}: {exc.strerror or exc}") from None


class AnyMeterTitle(dict[bytes, PublicKey]):
    """The meter's public key under whatever system title the meter announces in its AARE.

    ``--meter-key`` names the key of the meter the command connects to; its system title
    is known only once it answered, so the key stands for every title.
    """

    def __init__(self, key: PublicKey) -> None:
        super().__init__()
        self.key = key

    def __contains__(self, title: object) -> bool:
        return True

    def __missing__(self, title: bytes) -> PublicKey:
        return self.key

    def get(self, title: bytes, default: object = None) -> PublicKey:
        return self.key


def server_address(interface: InterfaceType, server: int | None, logical: int | None,
                   serial_number: int | None) -> int:
    """The server address ``-s``, ``-l`` and ``-n`` describe together.

    WRAPPER: the logical device (``-l``, else ``-s``).  HDLC: ``-s`` alone is the whole
    address; with ``-l`` it is the physical address under that logical one; ``-n`` makes
    the physical address from a serial number (``SN % 10000 + 1000``).
    """
    if interface == InterfaceType.WRAPPER:
        return logical if logical is not None else server if server is not None else 1
    if serial_number is not None:
        physical = serial_number % 10000 + 1000
        return join_server_address(logical if logical is not None else 1, physical, 4)
    if logical is not None:
        return join_server_address(logical, server if server is not None else 0)
    return server if server is not None else 1


@dataclass
class ClientOptions:
    """Everything one run of the command needs (see ``docs/xmlclient.md``)."""

    paths: list[Path]
    host: str | None = None
    port: int | None = None
    serial: str | None = None
    interface: InterfaceType = InterfaceType.HDLC
    mode_e: bool = False
    authentication: Authentication = Authentication.NONE
    password: bytes | None = None
    client_address: int = 16
    server_address: int = 1
    logical_name_referencing: bool = True
    trace: TraceLevel = TraceLevel.INFO
    security: Security = Security.NONE
    system_title: bytes = b"ABCDEFGH"
    authentication_key: bytes = DEFAULT_AUTHENTICATION_KEY
    block_cipher_key: bytes = DEFAULT_BLOCK_CIPHER_KEY
    dedicated_key: bytes | None = None
    signing_key: KeyPair | None = None
    meter_key: PublicKey | None = None
    invocation_counter_object: str | None = None
    invocation_counter: int = 0
    auto_increase_invoke_id: bool = False
    gbt_window: int | None = None
    hdlc_window: int | None = None
    max_info: int | None = None
    max_pdu: int = 0xFFFF
    standard: Standard = Standard.DLMS
    cache: Path | None = None
    timeout: float = 5.0
    retries: int = 3
    simulate: bool = False

    @property
    def hdlc(self) -> HdlcParameters:
        """The HDLC parameters the flags ask for (``--window``, ``-f``), Gurux's defaults otherwise."""
        window = self.hdlc_window if self.hdlc_window is not None else DEFAULT_PARAMETERS.window_tx
        size = self.max_info if self.max_info is not None else DEFAULT_PARAMETERS.max_info_tx
        return HdlcParameters(size, size, window, window)

    @property
    def media_name(self) -> str:
        """Where the meter is, in words."""
        return f"serial port {self.serial}" if self.serial else f"TCP {self.host}:{self.port}"

    def session_settings(self, invocation_counter: int, hdlc: HdlcParameters | None = None) -> SessionSettings:
        """The engine's settings for one connection (each file has its own)."""
        security = SecuritySettings(security=self.security, system_title=self.system_title,
                                    block_cipher_key=self.block_cipher_key, authentication_key=self.authentication_key,
                                    dedicated_key=self.dedicated_key,
                                    invocation_counter=InvocationCounter(invocation_counter))
        if self.signing_key is not None:
            security.signing_key_pair = self.signing_key
            security.security_suite = SecuritySuite(self.signing_key.suite)
        if self.meter_key is not None:
            security.public_keys = AnyMeterTitle(self.meter_key)
        conformance = None
        if self.gbt_window is not None:
            conformance = get_initial_conformance(self.logical_name_referencing) | Conformance.GENERAL_BLOCK_TRANSFER
        return SessionSettings(
            interface_type=self.interface, client_address=self.client_address, server_address=self.server_address,
            use_logical_name_referencing=self.logical_name_referencing, authentication=self.authentication,
            password=self.password, max_receive_pdu_size=self.max_pdu, proposed_conformance=conformance,
            hdlc=hdlc or self.hdlc, auto_increase_invoke_id=self.auto_increase_invoke_id,
            gbt_window_size=self.gbt_window or 1, security=security, max_retries=self.retries)


__all__ = [
    "AUTHENTICATIONS",
    "AnyMeterTitle",
    "INTERFACES",
    "MAX_INFO_LIMIT",
    "SECURITIES",
    "STANDARDS",
    "TRACES",
    "ClientOptions",
    "TraceLevel",
    "choice",
    "load_public_key",
    "load_signing_key",
    "parse_hex",
    "parse_int",
    "parse_logical_name",
    "parse_password",
    "parse_referencing",
    "server_address",
]
