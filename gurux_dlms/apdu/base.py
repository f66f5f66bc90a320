"""The APDU base class, the tag registry and ``decode_apdu``.

Every xDLMS/ACSE APDU is one class (a ``@dataclass(slots=True)`` subclass of
:class:`Apdu`) with ``encode()`` and a ``decode_body`` classmethod.  Classes register the
first byte (tag) they own, and, for services with several forms under one tag
(GetRequest normal/next/with-list ...), the choice byte that follows it.
:func:`decode_apdu` looks the tag up and hands the bytes to the class: there is one
decoder for everything, which the client, the server and the translator all use.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar, TypeVar

from ..errors import DecodeError

BodyDecoder = Callable[[bytes, int], "tuple[Apdu, int]"]

_BY_TAG: dict[int, BodyDecoder] = {}
_CHOICES: dict[int, dict[int, type[Apdu]]] = {}
#: ``tag << 8 | choice`` -> the class's ``decode_body``: choice services decoded without
#: going through the tag's choice decoder (which stays for the errors).
_BY_TAG_AND_CHOICE: dict[int, BodyDecoder] = {}


class Apdu:
    """Base of every APDU class.

    Subclasses set ``TAG`` (the first byte) and, for choice services, ``CHOICE`` (the byte
    after the tag); they implement :meth:`encode_into` and :meth:`decode_body`.
    """

    __slots__ = ()
    TAG: ClassVar[int]
    CHOICE: ClassVar[int | None] = None

    def encode(self) -> bytes:
        """The APDU's bytes."""
        out = bytearray()
        self.encode_into(out)
        return bytes(out)

    def encode_into(self, out: bytearray) -> None:
        """Append the APDU's bytes (tag included) to ``out``."""
        raise NotImplementedError

    @classmethod
    def decode_body(cls, data: bytes, pos: int) -> tuple[Any, int]:
        """Decode from ``pos`` (just after the tag, or after the choice byte) to the APDU's end."""
        raise NotImplementedError

    @classmethod
    def decode(cls, data: bytes | bytearray | memoryview) -> Any:
        """Decode ``data``, which must be exactly one APDU of this class."""
        apdu = decode_apdu(data)
        if not isinstance(apdu, cls):
            raise DecodeError(f"{cls.__name__}", where=0, expected=cls.__name__, found=type(apdu).__name__)
        return apdu


A = TypeVar("A", bound=type[Apdu])


def register(cls: A) -> A:
    """Class decorator: route ``cls.TAG`` (and ``cls.CHOICE`` when set) to ``cls.decode_body``."""
    tag = cls.TAG
    if cls.CHOICE is None:
        if tag in _BY_TAG:
            raise ValueError(f"tag 0x{tag:02X} is registered twice")
        _BY_TAG[tag] = cls.decode_body
        return cls
    choices = _CHOICES.get(tag)
    if choices is None:
        choices = _CHOICES[tag] = {}
        if tag in _BY_TAG:
            raise ValueError(f"tag 0x{tag:02X} is registered twice")
        _BY_TAG[tag] = _choice_decoder(tag, choices)
    if cls.CHOICE in choices:
        raise ValueError(f"tag 0x{tag:02X} choice {cls.CHOICE} is registered twice")
    choices[cls.CHOICE] = cls
    _BY_TAG_AND_CHOICE[tag << 8 | cls.CHOICE] = cls.decode_body
    return cls


def _choice_decoder(tag: int, choices: dict[int, type[Apdu]]) -> BodyDecoder:
    def decode(data: bytes, pos: int) -> tuple[Apdu, int]:
        try:
            choice = data[pos]
        except IndexError:
            raise DecodeError(f"APDU 0x{tag:02X}", where=pos, expected="a service choice", found="end of data") from None
        cls = choices.get(choice)
        if cls is None:
            raise DecodeError(f"APDU 0x{tag:02X}", where=pos, expected=f"a choice in {sorted(choices)}",
                              found=choice)
        result: tuple[Apdu, int] = cls.decode_body(data, pos + 1)
        return result

    return decode


def decode_apdu(data: bytes | bytearray | memoryview) -> Any:
    """Decode one complete APDU; trailing bytes are an error."""
    if not isinstance(data, bytes):
        data = bytes(data)
    if not data:
        raise DecodeError("APDU", where=0, expected="an APDU tag", found="no data")
    start = 2
    decoder = _BY_TAG_AND_CHOICE.get(data[0] << 8 | data[1]) if len(data) > 1 else None
    if decoder is None:
        start = 1
        decoder = _BY_TAG.get(data[0])
        if decoder is None:
            raise DecodeError("APDU", where=0, expected="a known APDU tag", found=f"0x{data[0]:02X}")
    try:
        apdu, end = decoder(data, start)
    except RecursionError:
        raise DecodeError("APDU", where=0, expected="nesting the interpreter can follow",
                          found="data nested too deeply") from None
    if end != len(data):
        raise DecodeError(type(apdu).__name__, where=end, expected="end of the APDU",
                          found=f"{len(data) - end} more bytes")
    return apdu


def registered_tags() -> dict[int, BodyDecoder]:
    """The tag table (for tests and the translator)."""
    return dict(_BY_TAG)


def registered_choices(tag: int) -> dict[int, type[Apdu]]:
    """The choice table of a tag (empty when the tag has no choices)."""
    return dict(_CHOICES.get(tag, {}))


__all__ = ["Apdu", "decode_apdu", "register", "registered_choices", "registered_tags"]
