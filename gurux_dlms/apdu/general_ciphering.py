"""general-ciphering (0xDD) and general-signing (0xDF) envelopes (Green Book 9.5, A-XDR).

::

    general-ciphering ::= SEQUENCE {
        transaction-id, originator-system-title, recipient-system-title,
        date-time, other-information          OCTET STRING,
        key-info                              Key-Info OPTIONAL,
        ciphered-content                      OCTET STRING }   -- SC || IC || payload
    Key-Info ::= CHOICE { identified-key [0] key-id ENUMERATED,
                          wrapped-key   [1] SEQUENCE { kek-id ENUMERATED, key-ciphered-data OCTET STRING },
                          agreed-key    [2] SEQUENCE { key-parameters OCTET STRING,
                                                       key-ciphered-data OCTET STRING } }
    general-signing ::= SEQUENCE { the five header octet strings, content OCTET STRING,
                                   signature OCTET STRING }
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, TypeAlias

from ..errors import DecodeError
from .base import Apdu, register
from .ciphered_services import (
    CipheredApdu,
    read_ciphered_content,
    read_octets,
    write_ciphered_content,
    write_octets,
)
from .commands import Command


@dataclass(frozen=True, slots=True)
class IdentifiedKey:
    """The content is protected with a key both sides hold: 0 global unicast, 1 global broadcast."""

    key_id: int = 0
    CHOICE: ClassVar[int] = 0


@dataclass(frozen=True, slots=True)
class WrappedKey:
    """A fresh key, wrapped (RFC 3394) under the key encrypting key ``kek_id`` (0 = master key)."""

    kek_id: int = 0
    key_ciphered_data: bytes = b""
    CHOICE: ClassVar[int] = 1


@dataclass(frozen=True, slots=True)
class AgreedKey:
    """A key agreed by ECDH: ``key_parameters`` names the scheme (0x01 one-pass DH, 0x02 static
    unified model); ``key_ciphered_data`` carries the ephemeral public key and its signature."""

    key_parameters: bytes = b"\x01"
    key_ciphered_data: bytes = b""
    CHOICE: ClassVar[int] = 2


KeyInfo: TypeAlias = IdentifiedKey | WrappedKey | AgreedKey


def _byte(data: bytes, pos: int, what: str) -> int:
    if pos >= len(data):
        raise DecodeError(what, where=pos, expected="one byte", found="end of data")
    return data[pos]


def _read_key_info(data: bytes, pos: int) -> tuple[KeyInfo | None, int]:
    if not _byte(data, pos, "key-info presence flag"):
        return None, pos + 1
    choice = _byte(data, pos + 1, "key-info choice")
    pos += 2
    if choice == IdentifiedKey.CHOICE:
        return IdentifiedKey(_byte(data, pos, "key-id")), pos + 1
    if choice == WrappedKey.CHOICE:
        kek_id = _byte(data, pos, "kek-id")
        ciphered, pos = read_octets(data, pos + 1, "key-ciphered-data")
        return WrappedKey(kek_id, ciphered), pos
    if choice == AgreedKey.CHOICE:
        parameters, pos = read_octets(data, pos, "key-parameters")
        ciphered, pos = read_octets(data, pos, "key-ciphered-data")
        return AgreedKey(parameters, ciphered), pos
    raise DecodeError("key-info", where=pos - 1, expected="0 (identified), 1 (wrapped) or 2 (agreed)", found=choice)


def _write_key_info(out: bytearray, info: KeyInfo | None) -> None:
    if info is None:
        out.append(0)
        return
    out += bytes((1, info.CHOICE))
    if isinstance(info, IdentifiedKey):
        out.append(info.key_id)
    elif isinstance(info, WrappedKey):
        out.append(info.kek_id)
        write_octets(out, info.key_ciphered_data)
    else:
        write_octets(out, info.key_parameters)
        write_octets(out, info.key_ciphered_data)


Header = tuple[bytes, bytes, bytes, bytes, bytes]


def _read_header(data: bytes, pos: int, name: str) -> tuple[Header, int]:
    transaction_id, pos = read_octets(data, pos, f"{name} transaction-id")
    originator, pos = read_octets(data, pos, f"{name} originator-system-title")
    recipient, pos = read_octets(data, pos, f"{name} recipient-system-title")
    date_time, pos = read_octets(data, pos, f"{name} date-time")
    other, pos = read_octets(data, pos, f"{name} other-information")
    return (transaction_id, originator, recipient, date_time, other), pos


@dataclass(slots=True)
class GeneralCiphering(CipheredApdu):
    """general-ciphering (0xDD): addressed, time-stamped ciphered content with its key information."""

    transaction_id: bytes
    originator_system_title: bytes
    recipient_system_title: bytes
    date_time: bytes
    other_information: bytes
    key_info: KeyInfo | None
    security_control: int
    invocation_counter: int
    ciphered: bytes

    TAG: ClassVar[int] = Command.GENERAL_CIPHERING

    def header_bytes(self) -> bytes:
        """The five header fields as they are authenticated: the values, without lengths."""
        return (bytes(self.transaction_id) + bytes(self.originator_system_title) + bytes(self.recipient_system_title)
                + bytes(self.date_time) + bytes(self.other_information))

    def encode_into(self, out: bytearray) -> None:
        out.append(self.TAG)
        for value in (self.transaction_id, self.originator_system_title, self.recipient_system_title,
                      self.date_time, self.other_information):
            write_octets(out, value)
        _write_key_info(out, self.key_info)
        write_ciphered_content(out, self.security_control, self.invocation_counter, self.ciphered)

    @classmethod
    def decode_body(cls, data: bytes, pos: int) -> tuple[GeneralCiphering, int]:
        header, pos = _read_header(data, pos, cls.__name__)
        key_info, pos = _read_key_info(data, pos)
        sc, ic, payload, end = read_ciphered_content(data, pos, f"{cls.__name__} ciphered-content")
        return cls(*header, key_info, sc, ic, payload), end


@dataclass(slots=True)
class GeneralSigning(Apdu):
    """general-signing (0xDF): content (any APDU, often ciphered) and the originator's ECDSA signature."""

    transaction_id: bytes
    originator_system_title: bytes
    recipient_system_title: bytes
    date_time: bytes
    other_information: bytes
    content: bytes
    signature: bytes

    TAG: ClassVar[int] = Command.GENERAL_SIGNING

    def signed_bytes(self) -> bytes:
        """What the signature covers: the APDU from its tag up to, not including, the signature."""
        out = bytearray((self.TAG,))
        for value in (self.transaction_id, self.originator_system_title, self.recipient_system_title,
                      self.date_time, self.other_information, self.content):
            write_octets(out, value)
        return bytes(out)

    def encode_into(self, out: bytearray) -> None:
        out += self.signed_bytes()
        write_octets(out, self.signature)

    @classmethod
    def decode_body(cls, data: bytes, pos: int) -> tuple[GeneralSigning, int]:
        header, pos = _read_header(data, pos, cls.__name__)
        content, pos = read_octets(data, pos, f"{cls.__name__} content")
        signature, end = read_octets(data, pos, f"{cls.__name__} signature")
        return cls(*header, content, signature), end


register(GeneralCiphering)
register(GeneralSigning)

__all__ = ["AgreedKey", "GeneralCiphering", "GeneralSigning", "IdentifiedKey", "KeyInfo", "WrappedKey"]
