"""xDLMS InitiateRequest / InitiateResponse in XML (alone, or inside an AARQ/AARE/RLRQ/RLRE).

SIMPLE_XML lists the conformance as ``<ConformanceBit Name="..." />`` elements; STANDARD_XML
as one line of kebab-case names, laid out exactly as Gurux writes it (the closing tag and
the next element share a line).
"""

from __future__ import annotations

import re
from typing import Any

from ..apdu.conformance import CONFORMANCE_NAMES, Conformance
from ..apdu.initiate import InitiateRequest, InitiateResponse
from .data_build import Context, parse_hex
from .reader import Node
from .registry import builds, renders
from .writer import INDENTS, XmlWriter
from .xml_common import read_number

#: STANDARD_XML name of each conformance flag (``attribute0-supported-with-set`` ...)
STANDARD_CONFORMANCE = {flag: re.sub(r"(?<!^)(?=[A-Z])", "-", name).lower() for flag, name in CONFORMANCE_NAMES.items()}
#: conformance bit of each name (plain ints: or-ing enum flags one by one is slow)
_BY_NAME = {name.lower(): int(flag) for flag, name in CONFORMANCE_NAMES.items()}
_BY_NAME.update({name: int(flag) for flag, name in STANDARD_CONFORMANCE.items()})


_SIMPLE_BITS = [(int(flag), f'<ConformanceBit Name="{name}" />') for flag, name in CONFORMANCE_NAMES.items()]


def _bits_by_octet(shift: int) -> list[tuple[str, ...]]:
    """The ``<ConformanceBit>`` lines of each value of the octet at ``shift``, in bit order."""
    return [tuple(line for flag, line in _SIMPLE_BITS if (octet << shift) & flag) for octet in range(256)]


#: the lines of each octet of the conformance (flags low to high, as _SIMPLE_BITS lists them)
_BITS_0, _BITS_8, _BITS_16 = _bits_by_octet(0), _bits_by_octet(8), _bits_by_octet(16)
assert [flag for flag, _ in _SIMPLE_BITS] == [1 << bit for bit in range(24)]
_STANDARD_BITS = [(int(flag), f"{name} ") for flag, name in STANDARD_CONFORMANCE.items()]


def _write_conformance(w: XmlWriter, key: str, value: int) -> None:
    value = int(value)
    if w.standard:
        names = "".join(name for flag, name in _STANDARD_BITS if value & flag)
        w.line(f"<x:{'proposed' if key == 'ProposedConformance' else 'negotiated'}-conformance>")
        w.lines[-1] += "\r\n" + names + f"</x:{'proposed' if key == 'ProposedConformance' else 'negotiated'}-conformance>"
        return
    w.start(key)
    lines = _BITS_0[value & 0xFF] + _BITS_8[value >> 8 & 0xFF] + _BITS_16[value >> 16 & 0xFF]
    if lines:
        indent = INDENTS[w.level]
        w.lines.append(indent + ("\r\n" + indent).join(lines))
    w.end(key)


def _read_conformance(node: Node) -> Conformance:
    value = 0
    if node.children:
        for child in node.children:
            name = child.attrs.get("Name")
            if name is None:
                name = child.value
            flag = _BY_NAME.get(name.strip().lower())
            if flag is None:
                raise child.error("conformance bit", expected="a conformance name", found=repr(name))
            value |= flag
        return Conformance(value)
    for name in node.text.split():
        flag = _BY_NAME.get(name.lower())
        if flag is None:
            raise node.error("conformance", expected="conformance names", found=repr(name))
        value |= flag
    return Conformance(value)


def _append_after(w: XmlWriter, text: str) -> None:
    """Gurux writes the element after the conformance on the conformance's last line."""
    w.lines[-1] += f"    {text}"


def _end_standard(w: XmlWriter, name: str) -> None:
    """Gurux closes the STANDARD_XML initiate one level deeper than it opened it."""
    w.line(f"</x:{name}>")
    w.level -= 1


def write_initiate_request(w: XmlWriter, apdu: InitiateRequest) -> None:
    w.start("InitiateRequest")
    if apdu.dedicated_key is not None:
        w.value("DedicatedKey", bytes(apdu.dedicated_key).hex().upper())
    if w.standard:
        if apdu.response_allowed is True:  # sent explicitly although TRUE is the DEFAULT
            w.line('<x:response-allowed Explicit="true">true</x:response-allowed>')
        else:
            w.value("ResponseAllowed", "false" if apdu.response_allowed is False else "true")
    elif apdu.response_allowed is not None:
        w.value("ResponseAllowed", "true" if apdu.response_allowed else "false")
    if apdu.proposed_quality_of_service is not None:
        w.number("ProposedQualityOfService", apdu.proposed_quality_of_service, 2)
    w.number("ProposedDlmsVersionNumber", apdu.proposed_dlms_version_number, 2)
    _write_conformance(w, "ProposedConformance", apdu.proposed_conformance)
    if w.standard:
        size = apdu.client_max_receive_pdu_size
        _append_after(w, f"<x:client-max-receive-pdu-size>{size}</x:client-max-receive-pdu-size>")
        _end_standard(w, "initiateRequest")
        return
    w.number("ProposedMaxPduSize", apdu.client_max_receive_pdu_size, 4)
    w.end("InitiateRequest")


def write_initiate_response(w: XmlWriter, apdu: InitiateResponse) -> None:
    w.start("InitiateResponse")
    if apdu.negotiated_quality_of_service is not None:
        w.number("NegotiatedQualityOfService", apdu.negotiated_quality_of_service, 2)
    w.number("NegotiatedDlmsVersionNumber", apdu.negotiated_dlms_version_number, 2)
    _write_conformance(w, "NegotiatedConformance", apdu.negotiated_conformance)
    if w.standard:
        size = apdu.server_max_receive_pdu_size
        _append_after(w, f"<x:server-max-receive-pdu-size>{size}</x:server-max-receive-pdu-size>")
        w.line(f"  <x:vaa-name>{apdu.vaa_name}</x:vaa-name>")
        _end_standard(w, "initiateResponse")
        return
    w.number("NegotiatedMaxPduSize", apdu.server_max_receive_pdu_size, 4)
    w.number("VaaName", apdu.vaa_name, 4)
    w.end("InitiateResponse")


renders(InitiateRequest)(write_initiate_request)
renders(InitiateResponse)(write_initiate_response)


def _optional_number(node: Node, name: str, ctx: Context, digits: int) -> int | None:
    return None if node.child(name) is None else read_number(node, name, ctx, digits)


@builds("InitiateRequest")
def read_initiate_request(node: Node, ctx: Context) -> Any:
    key = node.child("DedicatedKey")
    allowed = node.child("ResponseAllowed")
    response_allowed = None
    if allowed is not None:
        text = allowed.value.strip().lower()
        response_allowed = text in ("true", "1")
        if node.doc.standard and response_allowed and "Explicit" not in allowed.attrs:
            response_allowed = None  # STANDARD_XML always writes it; TRUE is the DEFAULT
    return InitiateRequest(
        None if key is None else parse_hex(key, key.value),
        response_allowed,
        _optional_number(node, "ProposedQualityOfService", ctx, 2),
        read_number(node, "ProposedDlmsVersionNumber", ctx, 2),
        _read_conformance(node.need("ProposedConformance")),
        read_number(node, "ProposedMaxPduSize", ctx, 4),
    )


@builds("InitiateResponse")
def read_initiate_response(node: Node, ctx: Context) -> Any:
    return InitiateResponse(
        _optional_number(node, "NegotiatedQualityOfService", ctx, 2),
        read_number(node, "NegotiatedDlmsVersionNumber", ctx, 2),
        _read_conformance(node.need("NegotiatedConformance")),
        read_number(node, "NegotiatedMaxPduSize", ctx, 4),
        read_number(node, "VaaName", ctx, 4),
    )


__all__ = ["read_initiate_request", "read_initiate_response", "write_initiate_request", "write_initiate_response"]
