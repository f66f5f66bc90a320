"""ACSE, initiate, SN and service-error APDUs against Gurux's vectors.

Every PDU vector of association, sn and release_error decodes with ``decode_apdu`` and
re-encodes to the same bytes, except where Gurux's encoder broke BER (checked against the
corrected bytes) and the one SN WriteRequest Gurux builds wrongly (a DecodeError).  The
fields of each object are checked against the values Gurux's translator printed and the
vector's note.
"""

from __future__ import annotations

import re
from enum import IntEnum
from typing import Any

import pytest

from gurux_dlms.apdu import decode_apdu
from gurux_dlms.apdu.acse import AARE, AARQ, RLRE, RLRQ, ApplicationContextName, Authentication
from gurux_dlms.apdu.conformance import conformance_names
from gurux_dlms.apdu.initiate import InitiateRequest, InitiateResponse
from gurux_dlms.apdu.service_errors import ConfirmedServiceError, ExceptionResponse
from gurux_dlms.apdu.sn import (
    BlockNumberAccess,
    DataAccessError,
    InformationReportRequest,
    ParameterizedAccess,
    ReadRequest,
    ReadResponse,
    VariableName,
    WriteRequest,
    WriteResponse,
)
from gurux_dlms.errors import DecodeError

from .loader import load, raw

VECTORS = [v for name in ("association", "sn", "release_error") for v in load(name) if v["kind"] == "pdu"]
BY_ID = {v["id"]: v for v in VECTORS}

#: Gurux's SN writeList puts a stray 04 after the variable count: not a valid WriteRequest.
INVALID = {"pub-sn-0015"}
#: AARQ whose outer length Gurux wrote as the single octet 0x8D (BER needs 81 8D).
SHORT_OUTER_LENGTH = {"pub-association-0021"}
#: AAREs of Gurux's server whose responding-authentication-value wrapper is two octets short.
SHORT_AUTHENTICATION_WRAPPER = {f"pub-association-00{n}" for n in (26, 27, 28, 29, 31, 34, 35, 36)}

CONTEXT_NAMES = {
    ApplicationContextName.LOGICAL_NAME: "LN",
    ApplicationContextName.SHORT_NAME: "SN",
    ApplicationContextName.LOGICAL_NAME_WITH_CIPHERING: "LN_WITH_CIPHERING",
    ApplicationContextName.SHORT_NAME_WITH_CIPHERING: "SN_WITH_CIPHERING",
}
XML_PAIR = re.compile(r'<(\w+) (?:Value|Name)="([^"]*)" />')
KNOWN = {
    "ProtocolVersion",
    "ApplicationContextName",
    "CallingAPTitle",
    "CallingAEInvocationId",
    "SenderACSERequirements",
    "MechanismName",
    "CallingAuthentication",
    "ProposedDlmsVersionNumber",
    "ProposedMaxPduSize",
    "ConformanceBit",
    "glo_InitiateRequest",
    "AssociationResult",
    "ACSEServiceUser",
    "RespondingAPTitle",
    "ResponderACSERequirement",
    "RespondingAuthentication",
    "NegotiatedDlmsVersionNumber",
    "NegotiatedMaxPduSize",
    "VaaName",
    "glo_InitiateResponse",
    "Reason",
    "StateError",
    "ServiceError",
    "Service",
    "ApplicationReference",
    "HardwareResource",
    "VdeStateError",
    "Definition",
    "Access",
    "Initiate",
    "LoadDataSet",
    "Task",
    "VariableName",
    "Selector",
    "BlockNumber",
    "DataAccessError",
}


def pascal(member: IntEnum) -> str:
    return "".join(part.capitalize() for part in member.name.split("_"))


def expected_corrected(vector: dict[str, Any]) -> bytes:
    """The bytes a correct BER encoder writes for the vector."""
    data = raw(vector)
    if vector["id"] in SHORT_OUTER_LENGTH:
        return data[:1] + b"\x81" + data[1:]
    if vector["id"] in SHORT_AUTHENTICATION_WRAPPER:
        at = data.index(b"\xaa\x00"[:1], data.index(bytes.fromhex("89 07 60 85 74 05 08 02")))
        return data[: at + 1] + bytes((data[at + 1] + 2,)) + data[at + 2 :]
    return data


@pytest.mark.parametrize("vector", VECTORS, ids=lambda v: v["id"])
def test_decodes_and_reencodes(vector: dict[str, Any]) -> None:
    data = raw(vector)
    if vector["id"] in INVALID:
        with pytest.raises(DecodeError):
            decode_apdu(data)
        return
    apdu = decode_apdu(data)
    encoded = apdu.encode()
    assert encoded == expected_corrected(vector)
    assert decode_apdu(encoded) == apdu


def test_the_exceptions_are_the_ones_documented() -> None:
    for vector_id in SHORT_OUTER_LENGTH | SHORT_AUTHENTICATION_WRAPPER:
        assert expected_corrected(BY_ID[vector_id]) != raw(BY_ID[vector_id])
    assert len(VECTORS) == 104


# --- what the XML shows -----------------------------------------------------------------------------
def _user_information_pairs(info: Any, request: bool) -> list[tuple[str, str]]:
    if info is None:
        return []
    if isinstance(info, (bytes, bytearray)):
        # glo-initiate: tag, A-XDR length, then what Gurux prints
        return [("glo_InitiateRequest" if request else "glo_InitiateResponse", bytes(info[2:]).hex().upper())]
    return _pairs(info)


def _pairs(apdu: Any) -> list[tuple[str, str]]:
    """The (element, value) pairs Gurux's SIMPLE_XML prints for an object, in order."""
    out: list[tuple[str, str]] = []
    if isinstance(apdu, AARQ):
        if apdu.protocol_version is not None:
            out.append(("ProtocolVersion", apdu.protocol_version))
        out.append(("ApplicationContextName", CONTEXT_NAMES[apdu.application_context_name]))
        if apdu.calling_ap_title is not None:
            out.append(("CallingAPTitle", apdu.calling_ap_title.hex().upper()))
        if apdu.calling_ae_invocation_id is not None:
            out.append(("CallingAEInvocationId", f"{apdu.calling_ae_invocation_id:02X}"))
        if apdu.sender_acse_requirements is not None:
            out.append(("SenderACSERequirements", apdu.sender_acse_requirements))
        if apdu.mechanism_name is not None:
            out.append(("MechanismName", pascal(apdu.mechanism_name)))
        if apdu.calling_authentication_value is not None:
            out.append(("CallingAuthentication", apdu.calling_authentication_value.hex().upper()))
        out += _user_information_pairs(apdu.user_information, True)
    elif isinstance(apdu, AARE):
        out.append(("ApplicationContextName", CONTEXT_NAMES[apdu.application_context_name]))
        out.append(("AssociationResult", f"{apdu.result:02X}"))
        out.append(
            ("ACSEServiceUser", f"{apdu.result_source_diagnostic:02X}")
        )  # Gurux's name for both sources
        if apdu.responding_ap_title is not None:
            out.append(("RespondingAPTitle", apdu.responding_ap_title.hex().upper()))
        if apdu.responder_acse_requirements is not None:
            out.append(("ResponderACSERequirement", apdu.responder_acse_requirements))
        if apdu.mechanism_name is not None:
            out.append(("MechanismName", pascal(apdu.mechanism_name)))
        if apdu.responding_authentication_value is not None:
            out.append(("RespondingAuthentication", apdu.responding_authentication_value.hex().upper()))
        out += _user_information_pairs(apdu.user_information, False)
    elif isinstance(apdu, (RLRQ, RLRE)):
        if apdu.reason is not None:
            out.append(("Reason", pascal(apdu.reason)))
        out += _user_information_pairs(apdu.user_information, isinstance(apdu, RLRQ))
    elif isinstance(apdu, InitiateRequest):
        out.append(("ProposedDlmsVersionNumber", f"{apdu.proposed_dlms_version_number:02X}"))
        out += [("ConformanceBit", name) for name in conformance_names(apdu.proposed_conformance)]
        out.append(("ProposedMaxPduSize", f"{apdu.client_max_receive_pdu_size:04X}"))
    elif isinstance(apdu, InitiateResponse):
        out.append(("NegotiatedDlmsVersionNumber", f"{apdu.negotiated_dlms_version_number:02X}"))
        out += [("ConformanceBit", name) for name in conformance_names(apdu.negotiated_conformance)]
        out.append(("NegotiatedMaxPduSize", f"{apdu.server_max_receive_pdu_size:04X}"))
        out.append(("VaaName", f"{apdu.vaa_name:04X}"))
    elif isinstance(apdu, ExceptionResponse):
        out += [("StateError", pascal(apdu.state_error)), ("ServiceError", pascal(apdu.service_error))]
    elif isinstance(apdu, ConfirmedServiceError):
        out += [("Service", f"{apdu.service:02X}"), (pascal(apdu.error), pascal(apdu.value))]
    elif isinstance(apdu, (ReadRequest, WriteRequest, InformationReportRequest)):
        for item in apdu.variables:
            if isinstance(item, VariableName):
                out.append(("VariableName", f"{item.name:04X}"))
            elif isinstance(item, ParameterizedAccess):
                out += [("VariableName", f"{item.name:04X}"), ("Selector", f"{item.selector:02X}")]
            elif isinstance(item, BlockNumberAccess):
                out.append(("BlockNumber", f"{item.block_number:04X}"))
    elif isinstance(apdu, (ReadResponse, WriteResponse)):
        out += [("DataAccessError", pascal(r.error)) for r in apdu.results if isinstance(r, DataAccessError)]
    return out


WITH_XML = [v for v in VECTORS if v["xml"] is not None and v["id"] not in INVALID]


@pytest.mark.parametrize("vector", WITH_XML, ids=lambda v: v["id"])
def test_fields_match_gurux_xml(vector: dict[str, Any]) -> None:
    apdu = decode_apdu(raw(vector))
    shown = [(name, value) for name, value in XML_PAIR.findall(vector["xml"]) if name in KNOWN]
    assert _pairs(apdu) == shown
    qty = re.match(r'<\w+ Qty="([0-9A-F]+)" >', vector["xml"])
    if qty:
        items = apdu.results if isinstance(apdu, (ReadResponse, WriteResponse)) else apdu.variables
        assert len(items) == int(qty.group(1), 16)


def test_the_xml_check_covers_most_vectors() -> None:
    assert len(WITH_XML) >= 90
    # only data-only SN responses and the empty RLRE show none of the elements compared above
    assert sum(1 for v in WITH_XML if _pairs(decode_apdu(raw(v)))) == len(WITH_XML) - 9


# --- what Gurux could not print, decoded anyway ----------------------------------------------------
def test_aare_with_called_ae_invocation_id() -> None:
    for vector_id, user_id in (
        ("pub-association-0029", 110),
        ("pub-association-0034", 67),
        ("pub-association-0035", 99),
    ):
        apdu = decode_apdu(raw(BY_ID[vector_id]))
        assert isinstance(apdu, AARE)
        assert apdu.responding_ae_qualifier == user_id
        assert isinstance(apdu.initiate_response, InitiateResponse)


def test_long_ciphered_aarq_with_gurux_length() -> None:
    apdu = decode_apdu(raw(BY_ID["pub-association-0021"]))
    assert isinstance(apdu, AARQ)
    assert apdu.mechanism_name == Authentication.HIGH_GMAC
    assert apdu.application_context_name == ApplicationContextName.LOGICAL_NAME_WITH_CIPHERING
    assert len(apdu.calling_authentication_value or b"") == 64
    assert isinstance(apdu.user_information, bytes) and apdu.user_information[:3] == b"\x21\x1f\x10"


def test_exception_responses_gurux_could_not_print() -> None:
    deciphering = decode_apdu(raw(BY_ID["pub-release-error-0010"]))
    assert pascal(deciphering.service_error) == "DecipheringError"
    counter = decode_apdu(raw(BY_ID["pub-release-error-0014"]))
    assert pascal(counter.service_error) == "InvocationCounterError"
    assert counter.invocation_counter == 3334402968


def test_confirmed_service_errors_gurux_could_not_print() -> None:
    task = decode_apdu(raw(BY_ID["pub-release-error-0015"]))
    assert (task.service.name, task.error.name, task.value.name) == ("WRITE", "TASK", "NO_REMOTE_CONTROL")
    other = decode_apdu(raw(BY_ID["pub-release-error-0017"]))
    assert (other.service.name, int(other.error), int(other.value)) == ("READ", 10, 0)


def test_sn_data_block_result_gurux_could_not_print() -> None:
    apdu = decode_apdu(raw(BY_ID["pub-sn-0027"]))
    (result,) = apdu.results
    assert (result.last_block, result.block_number, len(result.raw_data)) == (False, 10, 50)


def test_sn_write_list_with_gurux_stray_byte_is_a_clear_error() -> None:
    with pytest.raises(DecodeError) as info:
        decode_apdu(raw(BY_ID["pub-sn-0015"]))
    assert info.value.offset is not None


# --- what the notes say ------------------------------------------------------------------------------
def _initiate(apdu: Any) -> Any:
    return (
        apdu
        if isinstance(apdu, (InitiateRequest, InitiateResponse))
        else getattr(apdu, "user_information", None)
    )


PLAIN_INITIATE = [v for v in VECTORS if "conformance 0x" in v["note"] and "ciphered" not in v["case"]]


@pytest.mark.parametrize("vector", PLAIN_INITIATE, ids=lambda v: v["id"])
def test_conformance_and_pdu_size_match_the_note(vector: dict[str, Any]) -> None:
    initiate = _initiate(decode_apdu(raw(vector)))
    assert isinstance(initiate, (InitiateRequest, InitiateResponse))
    conformance_match = re.search(r"conformance 0x([0-9A-F]+)", vector["note"])
    size_match = re.search(r"max PDU (\d+)", vector["note"])
    assert conformance_match and size_match
    conformance, size = int(conformance_match.group(1), 16), int(size_match.group(1))
    if isinstance(initiate, InitiateRequest):
        assert (initiate.proposed_conformance, initiate.client_max_receive_pdu_size) == (conformance, size)
    else:
        assert (initiate.negotiated_conformance, initiate.server_max_receive_pdu_size) == (conformance, size)


def test_user_ids_and_invocation_counters_match_the_notes() -> None:
    assert decode_apdu(raw(BY_ID["pub-association-0015"])).calling_ae_invocation_id == 151
    assert decode_apdu(raw(BY_ID["pub-association-0016"])).calling_ae_invocation_id == 25
    for vector in VECTORS:
        match = re.search(r"IC (\d+)", vector["note"])
        apdu = decode_apdu(raw(vector)) if vector["id"] not in INVALID else None
        info = getattr(apdu, "user_information", None)
        if match and isinstance(info, bytes):
            assert int.from_bytes(info[3:7], "big") == int(match.group(1)), vector["id"]


def test_ciphered_user_information_is_one_whole_ciphered_apdu() -> None:
    seen = 0
    for vector in VECTORS:
        if vector["id"] in INVALID:
            continue
        info = getattr(decode_apdu(raw(vector)), "user_information", None)
        if isinstance(info, bytes):
            assert decode_apdu(info).encode() == info  # glo-/ded-initiate, deciphered by the security layer
            seen += 1
    assert seen == 15


def test_sn_variable_names_match_the_notes() -> None:
    for vector in VECTORS:
        match = re.search(r"base name 0x([0-9A-F]+), attribute (\d+)", vector["note"])
        if match:
            (item,) = decode_apdu(raw(vector)).variables
            assert item.name == int(match.group(1), 16) + 8 * (int(match.group(2)) - 1)
