"""ACSE APDUs in XML: AARQ (AssociationRequest), AARE (AssociationResponse), RLRQ, RLRE.

SIMPLE_XML shows the user-information decoded (``<InitiateRequest>``, a ciphered
``<glo_InitiateRequest Value=..>`` with its deciphered content in a comment, or a
``<ConfirmedServiceError>``); STANDARD_XML writes it as hex, as Gurux does.  Elements Gurux
does not know (called AP title, qualifiers, invocation ids, implementation information)
are written in the same style so that every AARQ/AARE rebuilds to its bytes.  Gurux calls
an acse-service-provider diagnostic ``ACSEServiceUser``; here it is ``ACSEServiceProvider``.
"""

from __future__ import annotations

from operator import attrgetter
from typing import Any

from ..apdu.acse import AARE, AARQ, RLRE, RLRQ
from ..apdu.acse_enums import (
    ApplicationContextName,
    AssociationResult,
    Authentication,
    DiagnosticSource,
    ReleaseRequestReason,
    ReleaseResponseReason,
)
from ..apdu.acse_fields import BerInteger
from ..apdu.base import Apdu, decode_apdu
from ..apdu.ciphered_services import CipheredService
from ..apdu.initiate import InitiateRequest, InitiateResponse
from ..apdu.service_errors import ConfirmedServiceError, enum_or_int
from ..errors import DLMSError
from .comments import octet_string_text
from .data_build import Context, parse_hex
from .names import Names
from .reader import Node
from .registry import BUILDERS, builds, renders
from .tags import CIPHERED_NAMES
from .writer import XmlWriter
from .xml_cipher import write_plain
from .xml_errors import write_confirmed_service_error
from .xml_initiate import write_initiate_request, write_initiate_response

CONTEXT_NAMES = Names([(1, "LN", "1"), (2, "SN", "2"), (3, "LN_WITH_CIPHERING", "3"), (4, "SN_WITH_CIPHERING", "4")])
MECHANISM_NAMES = Names([(0, "None", "0"), (1, "Low", "1"), (2, "High", "2"), (3, "HighMd5", "3"),
                         (4, "HighSha1", "4"), (5, "HighGmac", "5"), (6, "HighSha256", "6"), (7, "HighEcdsa", "7")])
RELEASE_REQUEST_REASONS = Names.of_enum(ReleaseRequestReason)
RELEASE_RESPONSE_REASONS = Names.of_enum(ReleaseResponseReason)


# --- small values ----------------------------------------------------------------------------
def _oid(w: XmlWriter, key: str, value: Any, names: Names) -> None:
    if isinstance(value, tuple):
        w.value(key, ".".join(map(str, value)))
    else:
        w.value(key, names.name(int(value), w.standard))


def _read_oid(node: Node, names: Names, enum: type) -> Any:
    text = node.value.strip()
    if "." in text:
        try:
            return tuple(int(arc) for arc in text.split("."))
        except ValueError:
            raise node.error("object identifier", expected="dotted numbers", found=repr(text)) from None
    return enum_or_int(enum, names.code(node, text))


def _integer(w: XmlWriter, key: str, value: int) -> None:
    size = value.size if isinstance(value, BerInteger) else max(1, (int(value).bit_length() + 7) // 8)
    w.value(key, f"{int(value):0{size * 2}X}" if w.hex else str(int(value)))


def _read_integer(node: Node, ctx: Context) -> int:
    text = node.value.strip()
    try:
        value = int(text, 16 if ctx.hex else 10)
    except ValueError:
        raise node.error(f"<{node.raw_name}> value", expected="a number", found=repr(text)) from None
    if ctx.hex and len(text) > max(2, 2 * ((value.bit_length() + 7) // 8)):
        return BerInteger(value, len(text) // 2)
    return value


def _qualifier(w: XmlWriter, key: str, value: bytes | int) -> None:
    if isinstance(value, int):
        text = f"{value:02X}" if w.hex else str(value)
        w.line(f'<x:{w.name(key)[2:]} Type="Integer">{text}</x:{w.name(key)[2:]}>' if w.standard
               else f'<{key} Value="{text}" Type="Integer" />')
    else:
        w.value(key, bytes(value).hex().upper())


def _read_qualifier(node: Node, ctx: Context) -> bytes | int:
    if node.attrs.get("Type", "").lower() == "integer":
        return _read_integer(node, ctx)
    return parse_hex(node, node.value)


def short_wrapper(source: bytes, tag: int, value: bytes, choice: int) -> bool:
    """True when the source carries the authentication value in a wrapper two octets short.

    Gurux's server writes ``AA 10 80 10 <16 bytes>`` where BER needs ``AA 12``; the APDU
    object reads that and writes correct BER, so the XML says so to rebuild the same bytes.
    """
    size = len(value)
    return size < 0x7E and bytes((tag, size, choice, size)) + bytes(value) in source


def patch_short_wrapper(data: bytes, tag: int, value: bytes, choice: int) -> bytes:
    """``data`` with the wrapper of the authentication value written two octets short again."""
    size = len(value)
    good = bytes((tag, size + 2, choice, size)) + bytes(value)
    at = data.find(good)
    return data if at < 0 else data[:at + 1] + bytes((size,)) + data[at + 2:]


#: STANDARD_XML element of each Authentication-value CHOICE
_CHOICES = {0x80: "charstring", 0x81: "bitstring", 0xA2: "external", 0xA3: "other"}
_CHOICE_BY_NAME = {name: choice for choice, name in _CHOICES.items()}


def _choice_name(choice: int) -> str:
    return _CHOICES.get(choice) or f"choice-{choice:02X}"


def _authentication(w: XmlWriter, key: str, value: bytes, choice: int, mechanism: Any, response: bool) -> None:
    text = bytes(value).hex().upper()
    short = response and short_wrapper(w.source, 0xAA, value, choice)
    inner = _choice_name(choice)
    if short:
        if w.standard:
            name = w.name(key)[2:]
            w.line(f'<x:{name} Wrapper="Short">  <x:{inner}>{text}</x:{inner}></x:{name}>')
        else:
            w.line(f'<{key} Value="{text}" Wrapper="Short" />' if choice == 0x80
                   else f'<{key} Value="{text}" Choice="{choice:02X}" Wrapper="Short" />')
        return
    if w.standard:
        name = w.name(key)[2:]
        if response:
            w.line(f"<x:{name}>  <x:{inner}>{text}</x:{inner}></x:{name}>")
        else:
            w.line(f"<x:{name}>")
            w.line(f"  <x:{inner}>")
            w.raw(f"{text}    </x:{inner}>")
            w.line(f"</x:{name}>")
        return
    if w.comments and mechanism == Authentication.LOW:
        comment = octet_string_text(value) if value else None
        if comment is not None and len(value) not in (5, 6, 12):
            w.comment(comment)
        elif value and all(0x20 <= b < 0x7F for b in value):
            w.comment(bytes(value).decode("ascii"))
    if choice == 0x80:
        w.value(key, text)
    else:
        w.line(f'<{key} Value="{text}" Choice="{choice:02X}" />')


def _read_authentication(node: Node) -> tuple[bytes, int]:
    if node.children:  # STANDARD_XML: <x:charstring> (or another CHOICE) inside
        inner = node.children[0]
        local = inner.raw_name.split(":")[-1]
        choice = _CHOICE_BY_NAME.get(local)
        if choice is None:
            if not local.startswith("choice-"):
                raise inner.error("authentication value", expected="charstring, bitstring, external or other",
                                  found=f"<{inner.raw_name}>")
            choice = int(local[7:], 16)
        return parse_hex(inner, inner.text.strip()), choice
    choice = int(node.attrs.get("Choice", "80"), 16)
    return parse_hex(node, node.value), choice


def _bits(w: XmlWriter, key: str, value: str) -> None:
    w.value(key, value)


def _read_bits(node: Node) -> str:
    text = node.value.strip()
    if text.strip("01"):
        raise node.error("bit string", expected="only 0 and 1", found=repr(text))
    return text


# --- user-information ------------------------------------------------------------------------
def _write_user_information(w: XmlWriter, info: Any, sender: bytes | None) -> None:
    if info is None:
        return
    if w.standard:
        raw = info.encode() if isinstance(info, Apdu) else bytes(info)
        w.value("UserInformation", raw.hex().upper())
        return
    if isinstance(info, Apdu):
        _USER_INFORMATION_RENDERERS[type(info)](w, info)
        return
    raw = bytes(info)
    try:
        ciphered = decode_apdu(raw)
    except DLMSError:
        ciphered = None
    if isinstance(ciphered, CipheredService) and ciphered.TAG in CIPHERED_NAMES:
        _write_deciphered(w, ciphered, sender)
        w.value(CIPHERED_NAMES[ciphered.TAG][0], ciphered.content.hex().upper())
    else:
        w.value("UserInformation", raw.hex().upper())


def _write_deciphered(w: XmlWriter, apdu: CipheredService, sender: bytes | None) -> None:
    """``<!--Decrypted data: Security: .. Invocation Counter: .. <plain XML> -->``."""
    if not w.comments:
        return
    from .deciphering import try_decipher

    result, problem = try_decipher(w.settings, apdu, sender)
    if result is None:
        w.comment(f"Decrypt failed. {problem}")
        return
    w.line("<!--Decrypted data:")
    w.line(f"  Security: {result.security_control}")
    w.line(f"  Invocation Counter: {result.invocation_counter}")
    w.lines.extend(write_plain(w, result.plaintext, w.level + 1))
    w.line("-->")


_USER_INFORMATION_RENDERERS: dict[type, Any] = {}


def _read_user_information(node: Node, ctx: Context) -> Any:
    for child in node.children:
        if child.name == "UserInformation":
            raw = parse_hex(child, child.value)
            try:
                from ..apdu.acse import USER_INFORMATION_APDUS

                cls = USER_INFORMATION_APDUS.get(raw[0]) if raw else None
                if cls is not None and not node.doc.standard:
                    return decode_apdu(raw)
            except DLMSError:
                pass
            return raw
        if child.name in ("InitiateRequest", "InitiateResponse", "ConfirmedServiceError"):
            return BUILDERS[child.name](child, ctx)
        if child.name in _CIPHERED_INITIATE:
            return BUILDERS[child.name](child, ctx).encode()
    return None


_USER_INFORMATION_RENDERERS.update({
    InitiateRequest: write_initiate_request,
    InitiateResponse: write_initiate_response,
    ConfirmedServiceError: write_confirmed_service_error,
})
_CIPHERED_INITIATE = {CIPHERED_NAMES[tag][0] for tag in (0x21, 0x28, 0x41, 0x48)}


def _read_optional(node: Node, name: str) -> Node | None:
    return node.child(name)


# --- AARQ ------------------------------------------------------------------------------------
def one_octet_length(source: bytes) -> bool:
    """True for Gurux's long AARQ whose BER length was written in one octet above 127 (``60 8D``)."""
    return len(source) > 2 and source[0] == 0x60 and source[1] >= 0x80 and source[1] == len(source) - 2


@renders(AARQ, acse=True)
def _aarq(w: XmlWriter, apdu: AARQ) -> None:
    if one_octet_length(w.source):
        w.line('<x:aarq Length="OneOctet">' if w.standard else '<AssociationRequest Length="OneOctet">')
        w.level += 1
    else:
        w.start("AssociationRequest")
    if apdu.protocol_version is not None:
        _bits(w, "ProtocolVersion", apdu.protocol_version)
    _oid(w, "ApplicationContextName", apdu.application_context_name, CONTEXT_NAMES)
    _write_titles(w, _AARQ_TITLES, _AARQ_TITLE_VALUES(apdu))
    if apdu.sender_acse_requirements is not None:
        _bits(w, "SenderACSERequirements", apdu.sender_acse_requirements)
    if apdu.mechanism_name is not None:
        _oid(w, "MechanismName", apdu.mechanism_name, MECHANISM_NAMES)
    if apdu.calling_authentication_value is not None:
        _authentication(w, "CallingAuthentication", apdu.calling_authentication_value,
                        apdu.calling_authentication_choice, apdu.mechanism_name, False)
    if apdu.implementation_information is not None:
        w.value("ImplementationInformation", bytes(apdu.implementation_information).hex().upper())
    _write_user_information(w, apdu.user_information, apdu.calling_ap_title or _client_title(w))
    w.end("AssociationRequest")


_AARQ_TITLES = (("called_ap_title", "CalledAPTitle", "bytes"), ("called_ae_qualifier", "CalledAEQualifier", "q"),
                ("called_ap_invocation_id", "CalledAPInvocationId", "int"),
                ("called_ae_invocation_id", "CalledAEInvocationId", "int"),
                ("calling_ap_title", "CallingAPTitle", "bytes"), ("calling_ae_qualifier", "CallingAEQualifier", "q"),
                ("calling_ap_invocation_id", "CallingAPInvocationId", "int"),
                ("calling_ae_invocation_id", "CallingAEInvocationId", "int"))
_AARE_TITLES = (("responding_ap_title", "RespondingAPTitle", "bytes"),
                ("responding_ae_qualifier", "RespondingAEQualifier", "q"),
                ("responding_ap_invocation_id", "RespondingAPInvocationId", "int"),
                ("responding_ae_invocation_id", "RespondingAEInvocationId", "int"))


#: the values of the title elements of an AARQ / AARE, read in one go
_AARQ_TITLE_VALUES = attrgetter(*(attribute for attribute, _, _ in _AARQ_TITLES))
_AARE_TITLE_VALUES = attrgetter(*(attribute for attribute, _, _ in _AARE_TITLES))


def _write_titles(w: XmlWriter, table: tuple[tuple[str, str, str], ...], values: tuple[Any, ...]) -> None:
    """The title elements of ``table`` whose ``values`` are set."""
    if values.count(None) == len(values):  # the usual AARQ/AARE: no titles, nothing to write
        return
    for (_, key, kind), value in zip(table, values):
        if value is None:
            continue
        if kind == "bytes":
            w.value(key, bytes(value).hex().upper())
        elif kind == "int":
            _integer(w, key, value)
        else:
            _qualifier(w, key, value)


def _read_titles(node: Node, ctx: Context, table: tuple[tuple[str, str, str], ...]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for attribute, key, kind in table:
        child = node.child(key)
        if child is None:
            continue
        if kind == "bytes":
            values[attribute] = parse_hex(child, child.value)
        elif kind == "int":
            values[attribute] = _read_integer(child, ctx)
        else:
            values[attribute] = _read_qualifier(child, ctx)
    return values


def _client_title(w: XmlWriter) -> bytes | None:
    title = getattr(w.settings, "systemTitle", None)
    return None if title is None else bytes(title)


def _server_title(w: XmlWriter) -> bytes | None:
    title = getattr(w.settings, "serverSystemTitle", None)
    return None if title is None else bytes(title)


@builds("AssociationRequest")
def _build_aarq(node: Node, ctx: Context) -> Any:
    values: dict[str, Any] = _read_titles(node, ctx, _AARQ_TITLES)
    if (child := node.child("ProtocolVersion")) is not None:
        values["protocol_version"] = _read_bits(child)
    values["application_context_name"] = _read_oid(node.need("ApplicationContextName"), CONTEXT_NAMES,
                                                   ApplicationContextName)
    if (child := node.child("SenderACSERequirements")) is not None:
        values["sender_acse_requirements"] = _read_bits(child)
    if (child := node.child("MechanismName")) is not None:
        values["mechanism_name"] = _read_oid(child, MECHANISM_NAMES, Authentication)
    if (child := node.child("CallingAuthentication")) is not None:
        values["calling_authentication_value"], values["calling_authentication_choice"] = _read_authentication(child)
    if (child := node.child("ImplementationInformation")) is not None:
        values["implementation_information"] = parse_hex(child, child.value)
    values["user_information"] = _read_user_information(node, ctx)
    apdu = AARQ(**values)
    if node.attrs.get("Length", "").lower() == "oneoctet":
        data = apdu.encode()
        if data[1] == 0x81:  # 60 81 NN: write the length as Gurux does, in one octet
            return _Patched(apdu, data[:1] + data[2:])
    return apdu


# --- AARE ------------------------------------------------------------------------------------
@renders(AARE, acse=True)
def _aare(w: XmlWriter, apdu: AARE) -> None:
    w.start("AssociationResponse")
    if apdu.protocol_version is not None:
        _bits(w, "ProtocolVersion", apdu.protocol_version)
    _oid(w, "ApplicationContextName", apdu.application_context_name, CONTEXT_NAMES)
    if apdu.result:
        w.comment(str(int(apdu.result)))
    _integer_value(w, "AssociationResult", apdu.result)
    w.start("ResultSourceDiagnostic")
    if apdu.result_source_diagnostic:
        w.comment(str(int(apdu.result_source_diagnostic)))
    key = "ACSEServiceProvider" if apdu.diagnostic_source == DiagnosticSource.ACSE_SERVICE_PROVIDER \
        else "ACSEServiceUser"
    _integer_value(w, key, apdu.result_source_diagnostic)
    w.end("ResultSourceDiagnostic")
    _write_titles(w, _AARE_TITLES, _AARE_TITLE_VALUES(apdu))
    if apdu.responder_acse_requirements is not None:
        _bits(w, "ResponderACSERequirement", apdu.responder_acse_requirements)
    if apdu.mechanism_name is not None:
        _oid(w, "MechanismName", apdu.mechanism_name, MECHANISM_NAMES)
    glue = -1
    if apdu.responding_authentication_value is not None:
        _authentication(w, "RespondingAuthentication", apdu.responding_authentication_value,
                        apdu.responding_authentication_choice, apdu.mechanism_name, True)
        glue = len(w.lines) - 1
    if apdu.implementation_information is not None:
        w.value("ImplementationInformation", bytes(apdu.implementation_information).hex().upper())
    if isinstance(apdu.user_information, ConfirmedServiceError) and not w.standard:
        write_confirmed_service_error(w, apdu.user_information)
    else:
        _write_user_information(w, apdu.user_information, apdu.responding_ap_title or _server_title(w))
    w.end("AssociationResponse")
    if w.standard and glue >= 0:
        # Gurux ends this one line with LF alone: the next line follows it after "\n"
        w.lines[glue:glue + 2] = [w.lines[glue] + "\n" + w.lines[glue + 1]]


def _integer_value(w: XmlWriter, key: str, value: int) -> None:
    if isinstance(value, BerInteger):
        _integer(w, key, value)
    else:
        w.number(key, int(value), 2)


@builds("AssociationResponse")
def _build_aare(node: Node, ctx: Context) -> Any:
    values: dict[str, Any] = _read_titles(node, ctx, _AARE_TITLES)
    if (child := node.child("ProtocolVersion")) is not None:
        values["protocol_version"] = _read_bits(child)
    values["application_context_name"] = _read_oid(node.need("ApplicationContextName"), CONTEXT_NAMES,
                                                   ApplicationContextName)
    result = node.child("AssociationResult") or node.need("Result")
    values["result"] = enum_or_int(AssociationResult, _read_integer(result, ctx))
    diagnostic = node.need("ResultSourceDiagnostic")
    provider = diagnostic.child("ACSEServiceProvider")
    source = provider if provider is not None else diagnostic.need("ACSEServiceUser")
    values["result_source_diagnostic"] = _read_integer(source, ctx)
    values["diagnostic_source"] = (DiagnosticSource.ACSE_SERVICE_PROVIDER if provider is not None
                                   else DiagnosticSource.ACSE_SERVICE_USER)
    if (child := node.child("ResponderACSERequirement")) is not None:
        values["responder_acse_requirements"] = _read_bits(child)
    if (child := node.child("MechanismName")) is not None:
        values["mechanism_name"] = _read_oid(child, MECHANISM_NAMES, Authentication)
    authentication = node.child("RespondingAuthentication")
    if authentication is not None:
        values["responding_authentication_value"], values["responding_authentication_choice"] = \
            _read_authentication(authentication)
    if (child := node.child("ImplementationInformation")) is not None:
        values["implementation_information"] = parse_hex(child, child.value)
    values["user_information"] = _read_user_information(node, ctx)
    apdu = AARE(**values)
    child = authentication
    if child is not None and child.attrs.get("Wrapper", "").lower() == "short" and \
            apdu.responding_authentication_value is not None:
        return _Patched(apdu, patch_short_wrapper(apdu.encode(), 0xAA, apdu.responding_authentication_value,
                                                  apdu.responding_authentication_choice))
    return apdu


class _Patched:
    """An APDU whose bytes differ from its object's encoding in a way the XML recorded."""

    __slots__ = ("apdu", "data")

    def __init__(self, apdu: Any, data: bytes) -> None:
        self.apdu = apdu
        self.data = data

    def encode(self) -> bytes:
        return self.data


# --- RLRQ / RLRE -----------------------------------------------------------------------------
def _release(w: XmlWriter, key: str, apdu: Any, names: Names, sender: bytes | None) -> None:
    w.start(key)
    if apdu.reason is not None:
        w.value("Reason", names.name(int(apdu.reason), w.standard))
    _write_user_information(w, apdu.user_information, sender)
    w.end(key)


@renders(RLRQ, acse=True)
def _rlrq(w: XmlWriter, apdu: RLRQ) -> None:
    _release(w, "ReleaseRequest", apdu, RELEASE_REQUEST_REASONS, _client_title(w))


@renders(RLRE, acse=True)
def _rlre(w: XmlWriter, apdu: RLRE) -> None:
    _release(w, "ReleaseResponse", apdu, RELEASE_RESPONSE_REASONS, _server_title(w))


@builds("ReleaseRequest", "ReleaseResponse")
def _build_release(node: Node, ctx: Context) -> Any:
    request = node.name == "ReleaseRequest"
    names, enum, cls = ((RELEASE_REQUEST_REASONS, ReleaseRequestReason, RLRQ) if request
                        else (RELEASE_RESPONSE_REASONS, ReleaseResponseReason, RLRE))
    reason_node = node.child("Reason")
    reason = None if reason_node is None else enum_or_int(enum, names.code(reason_node))
    return cls(reason, _read_user_information(node, ctx))
