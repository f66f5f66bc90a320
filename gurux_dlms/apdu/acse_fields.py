"""Table-driven BER codec of the ACSE APDUs' elements (AARQ, AARE, RLRQ, RLRE).

Each ACSE APDU is ``[APPLICATION n] IMPLICIT SEQUENCE`` of optional, context-tagged
elements.  An :class:`AcseField` says how one element maps to attributes of the APDU
object: its identifier octet, the attribute name(s), a reader (element to values) and a
writer (values to content octets).  :func:`decode_sequence` and :func:`encode_sequence`
walk a table of them, so the four APDU classes are declarations, not parsers.

Decoding is strict where strictness is what lets every PDU that decodes re-encode to the
same bytes: elements must come in the order the ASN.1 gives, each at most once, object
identifiers and bit strings must be canonical.  Lengths are re-encoded in their shortest
form.  INTEGERs keep their width when it is not the shortest unsigned one (see
:class:`BerInteger`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from ..data import ber
from ..data.ber import Tlv
from ..errors import DecodeError, LocalProtocolError

log = logging.getLogger(__name__)

Reader = Callable[[bytes, Tlv], tuple[Any, ...]]
Writer = Callable[[tuple[Any, ...]], bytes]
#: Reads an element from its content octets ``data[start:end]`` when they have their usual
#: form; None hands the element to the field's general reader.
FastReader = Callable[[bytes, int, int], "tuple[Any, ...] | None"]

OCTET_STRING = 0x04
INTEGER = 0x02
OBJECT_IDENTIFIER = 0x06


class BerInteger(int):
    """A non-negative INTEGER sent with more content octets than it needs (``02 02 00 97``).

    Plain ``int`` values are written in the fewest octets that hold them unsigned (the
    form Gurux writes: user id 151 is ``02 01 97``); a decoded INTEGER that came in
    another width is returned as a ``BerInteger`` that remembers it.
    """

    size: int

    def __new__(cls, value: int, size: int) -> BerInteger:
        obj = super().__new__(cls, value)
        obj.size = size
        return obj

    def __repr__(self) -> str:
        return f"BerInteger({int(self)}, size={self.size})"


@dataclass(frozen=True, slots=True)
class AcseField:
    """One element of an ACSE APDU: identifier octet, attribute names, reader and writer.

    ``locate`` (optional) finds the element's extent instead of :func:`ber.read_tlv`, for
    elements some encoders get wrong in a recognisable way.  ``fast`` (optional) reads the
    usual form of the element in a few operations and gives up (None) on anything else,
    which ``read`` then reads (or rejects) in full.
    """

    tag: int
    names: tuple[str, ...]
    read: Reader
    write: Writer
    locate: Callable[[bytes, int, int], Tlv] | None = None
    fast: FastReader | None = None


# --- element content helpers -------------------------------------------------------------------
def inner(data: bytes, outer: Tlv, tags: Sequence[int], what: str) -> Tlv:
    """The single element inside an EXPLICIT-tagged element; its tag must be one of ``tags``."""
    if outer.value_start == outer.end:
        raise DecodeError(what, where=outer.start, expected="an inner element", found="an empty element")
    element = ber.read_tlv(data, outer.value_start, outer.end)
    if element.tag not in tags:
        raise DecodeError(
            what,
            where=element.start,
            expected=" or ".join(f"tag 0x{t:02X}" for t in tags),
            found=f"tag 0x{element.tag:02X}",
        )
    if element.end != outer.end:
        raise DecodeError(what, where=element.end, expected="one inner element", found="more bytes after it")
    return element


def _unsigned_size(value: int) -> int:
    return max(1, (value.bit_length() + 7) // 8)


def read_unsigned(content: bytes, where: int, what: str) -> int:
    """An INTEGER's content octets as a non-negative number (Gurux writes 151 as one octet 0x97)."""
    if not content:
        raise DecodeError(what, where=where, expected="at least one content octet", found="none")
    if len(content) > 8:
        raise DecodeError(what, where=where, expected="at most 8 content octets", found=len(content))
    value = int.from_bytes(content, "big")
    return value if len(content) == _unsigned_size(value) else BerInteger(value, len(content))


def write_unsigned(value: Any, what: str) -> bytes:
    """Content octets of a non-negative INTEGER (its remembered width, else the shortest)."""
    if not isinstance(value, int) or isinstance(value, bool) or value < 0 or value >= 1 << 64:
        raise LocalProtocolError(what, expected="an integer 0..2**64-1", found=repr(value))
    size = max(getattr(value, "size", 0), _unsigned_size(value))
    if size > 8:
        raise LocalProtocolError(what, expected="at most 8 content octets", found=size)
    return int(value).to_bytes(size, "big")


#: value -> member of each enum :func:`ber_enum` has seen (calling an enum class is slow).
_MEMBERS: dict[type[IntEnum], dict[int, IntEnum]] = {}


def ber_enum(enum: type[IntEnum], value: int) -> int:
    """The enum member for a value in its shortest form; otherwise the value itself."""
    if isinstance(value, BerInteger):
        return value
    members = _MEMBERS.get(enum)
    if members is None:
        members = _MEMBERS[enum] = {member.value: member for member in enum}
    return members.get(value, value)


def read_bits(content: bytes, where: int, what: str) -> str:
    """A BIT STRING as a ``str`` of ``0``/``1`` (first bit first); unused bits must be zero."""
    if len(content) == 2 and content[0] < 8 and not content[1] & ((1 << content[0]) - 1):
        return format(content[1], "08b")[:8 - content[0]]  # one octet of bits, the usual case
    try:
        bits, count = ber.decode_bit_string(content)
    except DecodeError as exc:
        raise DecodeError(what, where=where, expected=exc.expected, found=exc.found or "no octets") from None
    text = "".join("1" if bits >> index & 1 else "0" for index in range(count))
    if ber.encode_bit_string(bits, count) != content:
        raise DecodeError(what, where=where, expected="zero unused bits", found=content.hex(" ").upper())
    return text


def write_bits(value: Any, what: str) -> bytes:
    if not isinstance(value, str) or value.strip("01"):
        raise LocalProtocolError(what, expected="a string of 0 and 1", found=repr(value))
    bits = 0
    for index, char in enumerate(value):
        if char == "1":
            bits |= 1 << index
    return ber.encode_bit_string(bits, len(value))


def read_oid(content: bytes, where: int, what: str, prefix: tuple[int, ...], enum: type[IntEnum]) -> Any:
    """An OBJECT IDENTIFIER: the enum member when it is ``prefix.<member>``, else the arcs."""
    try:
        arcs = ber.decode_oid(content)
        canonical = ber.encode_oid(arcs) == content
    except (DecodeError, LocalProtocolError):
        canonical = False
    if not canonical:
        raise DecodeError(
            what, where=where, expected="a canonical object identifier", found=content.hex(" ").upper()
        )
    if len(arcs) == len(prefix) + 1 and arcs[:-1] == prefix:
        try:
            return enum(arcs[-1])
        except ValueError:
            pass
    return arcs


def write_oid(value: Any, what: str, prefix: tuple[int, ...]) -> bytes:
    if isinstance(value, IntEnum) or (isinstance(value, int) and not isinstance(value, bool)):
        arcs: tuple[int, ...] = (*prefix, int(value))
    elif isinstance(value, (tuple, list)) and all(isinstance(arc, int) for arc in value):
        arcs = tuple(value)
    else:
        raise LocalProtocolError(what, expected="an enum member or a tuple of OID arcs", found=repr(value))
    return ber.encode_oid(arcs)


def _bytes(value: Any, what: str) -> bytes:
    if not isinstance(value, (bytes, bytearray, memoryview)):
        raise LocalProtocolError(what, expected="bytes", found=type(value).__name__)
    return bytes(value)


def _tlv(tag: int, content: bytes) -> bytes:
    if len(content) < 0x80:  # a one-octet identifier (every tag used here) and a short length
        return bytes((tag, len(content))) + content
    out = bytearray()
    ber.write_tlv(out, tag, content)
    return bytes(out)


def inner_content(data: bytes, start: int, end: int, tag: int) -> int:
    """Where the content of the one element inside ``data[start:end]`` starts, when it is a
    ``tag`` element with a short length that fills the outer element exactly; else -1.
    """
    size = end - start - 2
    if 0 <= size < 0x80 and data[start] == tag and data[start + 1] == size:
        return start + 2
    return -1


# --- field kinds ---------------------------------------------------------------------------------
def bits_field(tag: int, name: str) -> AcseField:
    """``[n] IMPLICIT BIT STRING`` (protocol-version, ACSE requirements)."""
    return AcseField(
        tag,
        (name,),
        lambda data, tlv: (read_bits(tlv.value(data), tlv.start, name),),
        lambda values: write_bits(values[0], name),
    )


def oid_field(
    tag: int, name: str, prefix: tuple[int, ...], enum: type[IntEnum], *, explicit: bool
) -> AcseField:
    """An OBJECT IDENTIFIER, either ``[n] EXPLICIT`` (context name) or ``[n] IMPLICIT`` (mechanism).

    The content octets of ``prefix.<member>`` for every member of ``enum`` are computed
    once: the OIDs DLMS sends are these few, and are then read and written by a look-up.
    """
    members = {ber.encode_oid((*prefix, member.value)): member for member in enum}
    contents = {member: _tlv(OBJECT_IDENTIFIER, content) if explicit else content
                for content, member in members.items()}

    def read(data: bytes, tlv: Tlv) -> tuple[Any, ...]:
        element = inner(data, tlv, (OBJECT_IDENTIFIER,), name) if explicit else tlv
        content = element.value(data)
        member = members.get(content)
        return (member if member is not None else read_oid(content, element.start, name, prefix, enum),)

    def fast(data: bytes, start: int, end: int) -> tuple[Any, ...] | None:
        if explicit:
            start = inner_content(data, start, end, OBJECT_IDENTIFIER)
            if start < 0:
                return None
        member = members.get(bytes(data[start:end]))
        return None if member is None else (member,)

    def write(values: tuple[Any, ...]) -> bytes:
        value = values[0]
        known = contents.get(value) if type(value) is enum else None
        if known is not None:
            return known
        content = write_oid(value, name, prefix)
        return _tlv(OBJECT_IDENTIFIER, content) if explicit else content

    return AcseField(tag, (name,), read, write, fast=fast)


def octets_field(tag: int, name: str) -> AcseField:
    """``[n] EXPLICIT OCTET STRING`` (AP titles: the system title)."""
    return AcseField(
        tag,
        (name,),
        lambda data, tlv: (inner(data, tlv, (OCTET_STRING,), name).value(data),),
        lambda values: _tlv(OCTET_STRING, _bytes(values[0], name)),
    )


def qualifier_field(tag: int, name: str) -> AcseField:
    """``[n] EXPLICIT`` AE-qualifier: an OCTET STRING (e.g. a certificate) or an INTEGER."""

    def read(data: bytes, tlv: Tlv) -> tuple[Any, ...]:
        element = inner(data, tlv, (OCTET_STRING, INTEGER), name)
        if element.tag == OCTET_STRING:
            return (element.value(data),)
        return (read_unsigned(element.value(data), element.start, name),)

    def write(values: tuple[Any, ...]) -> bytes:
        value = values[0]
        if isinstance(value, int):
            return _tlv(INTEGER, write_unsigned(value, name))
        return _tlv(OCTET_STRING, _bytes(value, name))

    return AcseField(tag, (name,), read, write)


def integer_field(
    tag: int, name: str, enum: type[IntEnum] | None = None, *, explicit: bool = True
) -> AcseField:
    """An INTEGER, ``[n] EXPLICIT`` (invocation ids, result) or ``[n] IMPLICIT`` (release reason)."""

    def read(data: bytes, tlv: Tlv) -> tuple[Any, ...]:
        element = inner(data, tlv, (INTEGER,), name) if explicit else tlv
        value = read_unsigned(element.value(data), element.start, name)
        return (value if enum is None else ber_enum(enum, value),)

    def fast(data: bytes, start: int, end: int) -> tuple[Any, ...] | None:
        if explicit:
            start = inner_content(data, start, end, INTEGER)
        if start < 0 or end - start != 1:  # one content octet: always its shortest form
            return None
        return (data[start] if enum is None else ber_enum(enum, data[start]),)

    def write(values: tuple[Any, ...]) -> bytes:
        content = write_unsigned(values[0], name)
        return _tlv(INTEGER, content) if explicit else content

    return AcseField(tag, (name,), read, write, fast=fast)


def _locate_authentication(data: bytes, at: int, end: int) -> Tlv:
    """An Authentication-value element, also as Gurux's server writes it.

    ``GXDLMSServer`` gives the EXPLICIT wrapper the length of the value instead of the
    length of the inner element (``AA 10 80 10`` + 16 bytes, where ``AA 12`` is right).
    When the inner element overruns the wrapper by exactly its own two header octets, the
    element is taken to end where the inner one does.
    """
    tlv = ber.read_tlv(data, at, end)
    start = tlv.value_start
    size = tlv.end - start
    if 2 <= size < 0x80 and data[start + 1] == size and start + 2 + size <= end:
        log.debug(
            "authentication value at %d: wrapper length 0x%02X two octets short (Gurux's encoding)", at, size
        )
        return Tlv(tlv.tag, tlv.start, start, start + 2 + size)
    return tlv


def authentication_field(tag: int, name: str, choice_name: str) -> AcseField:
    """``[n] EXPLICIT Authentication-value``: the value bytes and the CHOICE identifier.

    The choice is ``0x80`` charstring (the password or challenge DLMS sends), ``0x81``
    bitstring, ``0xA2`` external or ``0xA3`` other; the value is the content octets.
    """

    def read(data: bytes, tlv: Tlv) -> tuple[Any, ...]:
        if tlv.value_start == tlv.end:
            raise DecodeError(
                name, where=tlv.start, expected="an Authentication-value", found="an empty element"
            )
        element = ber.read_tlv(data, tlv.value_start, tlv.end)
        if element.end != tlv.end:
            raise DecodeError(
                name, where=element.end, expected="one inner element", found="more bytes after it"
            )
        if element.tag & 0xC0 != ber.CONTEXT or element.tag > 0xFF:
            raise DecodeError(
                name,
                where=element.start,
                expected="a context-specific choice [0]..[3]",
                found=f"tag 0x{element.tag:02X}",
            )
        return element.value(data), element.tag

    def write(values: tuple[Any, ...]) -> bytes:
        value, choice = values
        if (
            not isinstance(choice, int)
            or choice & 0xC0 != ber.CONTEXT
            or choice > 0xFF
            or choice & 0x1F == 0x1F
        ):
            raise LocalProtocolError(
                choice_name, expected="a one-octet context-specific identifier", found=repr(choice)
            )
        return _tlv(choice, _bytes(value, name))

    return AcseField(tag, (name, choice_name), read, write, _locate_authentication)


def bytes_field(tag: int, name: str) -> AcseField:
    """``[n] IMPLICIT`` string kept as its content octets (implementation-information)."""
    return AcseField(
        tag, (name,), lambda data, tlv: (tlv.value(data),), lambda values: _bytes(values[0], name)
    )


# --- sequences -----------------------------------------------------------------------------------
def _outer_length(data: bytes, pos: int, what: str, lenient: bool) -> tuple[int, int]:
    """The APDU's outer length; ``lenient`` also reads Gurux's one-octet length above 127.

    Gurux writes e.g. ``60 8D`` for an AARQ of 141 bytes (a long AARQ: HIGH-GMAC, ciphered,
    dedicated key).  It is accepted only when that reading ends exactly at the end of the
    data and the proper BER reading does not.
    """
    if lenient and pos < len(data):
        first = data[pos]
        if first >= 0x80 and pos + 1 + first == len(data):
            try:
                length, start = ber.decode_length(data, pos)
            except DecodeError:
                length, start = -1, pos
            if start + length != len(data):
                log.debug(
                    "%s: one-octet length 0x%02X above 127 read as %d (Gurux's encoding)", what, first, first
                )
                return first, pos + 1
    return ber.decode_length(data, pos)


def decode_sequence(
    data: bytes,
    pos: int,
    what: str,
    fields: dict[int, tuple[int, AcseField]],
    required: Sequence[str] = (),
    *,
    lenient_length: bool = False,
) -> tuple[dict[str, Any], int]:
    """Read the length and elements of an ACSE APDU from ``pos`` (just after its tag).

    ``fields`` maps each identifier to its index in ASN.1 order and its field.  Returns the
    attribute values found and the position after the APDU.
    """
    length, start = _outer_length(data, pos, what, lenient_length)
    end = start + length
    if end > len(data):
        raise DecodeError(
            f"{what} length", where=pos, expected=f"{length} bytes", found=f"{len(data) - start} left"
        )
    values: dict[str, Any] = {}
    last = -1
    at = start
    while at < end:
        tag = data[at]
        if tag & 0x1F == 0x1F:  # a multi-octet identifier
            tag = ber.decode_tag(data, at)[0]
        entry = fields.get(tag)
        if entry is None:
            raise DecodeError(
                f"{what} element", where=at, expected="an element the APDU defines", found=f"tag 0x{tag:02X}"
            )
        index, field = entry
        size = data[at + 1] if tag < 0x100 and at + 1 < end else 0x80
        if size < 0x80 and at + 2 + size <= end and field.locate is None:
            tlv = None  # one identifier octet and a short length (read_tlv's usual case), no Tlv yet
            value_start = at + 2
            value_end = value_start + size
        else:
            tlv = ber.read_tlv(data, at, end) if field.locate is None else field.locate(data, at, end)
            value_start, value_end = tlv.value_start, tlv.end
        if index <= last:
            raise DecodeError(
                f"{what} element",
                where=at,
                expected="elements in ASN.1 order, each once",
                found=f"tag 0x{tag:02X} out of order",
            )
        last = index
        found = None if field.fast is None else field.fast(data, value_start, value_end)
        if found is None:
            found = field.read(data, Tlv(tag, at, value_start, value_end) if tlv is None else tlv)
        names = field.names
        if len(names) == 1:
            values[names[0]] = found[0]
        else:
            values.update(zip(names, found))
        at = value_end
    for name in required:
        if name not in values:
            raise DecodeError(
                what, where=pos, expected=f"the mandatory {name.replace('_', '-')}", found="none"
            )
    return values, end


def encode_sequence(
    out: bytearray, tag: int, obj: Any, fields: Sequence[AcseField], required: Sequence[str] = ()
) -> None:
    """Append an ACSE APDU: tag, shortest BER length, then every element whose value is set."""
    for name in required:
        if getattr(obj, name) is None:
            raise LocalProtocolError(
                f"{type(obj).__name__}.{name}", expected="a value (it is mandatory)", found="None"
            )
    body = bytearray()
    for field in fields:
        names = field.names
        value = getattr(obj, names[0])
        if value is None:  # an absent element (most of them)
            continue
        values = (value,) if len(names) == 1 else tuple(getattr(obj, name) for name in names)
        ber.write_tlv(body, field.tag, field.write(values))
    out.append(tag)
    ber.encode_length(out, len(body))
    out += body


def field_table(fields: Sequence[AcseField]) -> dict[int, tuple[int, AcseField]]:
    """Identifier to (ASN.1 position, field), for :func:`decode_sequence`."""
    return {field.tag: (index, field) for index, field in enumerate(fields)}


__all__ = [
    "AcseField",
    "BerInteger",
    "authentication_field",
    "bits_field",
    "bytes_field",
    "decode_sequence",
    "encode_sequence",
    "ber_enum",
    "field_table",
    "inner",
    "inner_content",
    "integer_field",
    "octets_field",
    "oid_field",
    "qualifier_field",
    "read_unsigned",
    "write_unsigned",
]
