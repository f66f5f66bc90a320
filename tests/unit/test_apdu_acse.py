"""ACSE, initiate, SN and service-error APDUs: Gurux's examples, conformance, errors."""

from __future__ import annotations

import pytest

from gurux_dlms.apdu import decode_apdu
from gurux_dlms.apdu.acse import (
    AARE,
    AARQ,
    RLRE,
    RLRQ,
    AcseServiceProvider,
    ApplicationContextName,
    AssociationResult,
    Authentication,
    DiagnosticSource,
    ReleaseRequestReason,
    ReleaseResponseReason,
    SourceDiagnostic,
)
from gurux_dlms.apdu.acse_fields import BerInteger
from gurux_dlms.apdu.conformance import (
    Conformance,
    conformance_from_bytes,
    conformance_names,
    conformance_to_bytes,
    get_initial_conformance,
)
from gurux_dlms.apdu.initiate import VAA_NAME_SN, InitiateRequest, InitiateResponse
from gurux_dlms.apdu.service_errors import (
    ConfirmedService,
    ConfirmedServiceError,
    ExceptionResponse,
    ExceptionServiceError,
    Initiate,
    ServiceError,
    StateError,
)
from gurux_dlms.apdu.sn import (
    BlockNumberAccess,
    DataAccessError,
    ParameterizedAccess,
    ReadData,
    ReadRequest,
    ReadResponse,
    VariableName,
    WriteRequest,
    WriteResponse,
    WriteSuccess,
)
from gurux_dlms.data import GXStructure, GXUInt16, GXUInt32
from gurux_dlms.errors import (
    ConfirmedServiceErrorError,
    DecodeError,
    ExceptionResponseError,
    LocalProtocolError,
)

LN_AARQ = bytes.fromhex(
    "60 1D A1 09 06 07 60 85 74 05 08 01 01 BE 10 04 0E 01 00 00 00 06 5F 1F 04 00 40 1E 5D FF FF"
)
LOW_AARQ = bytes.fromhex(
    "60 36 A1 09 06 07 60 85 74 05 08 01 01 8A 02 07 80 8B 07 60 85 74 05 08 02 01"
    " AC 0A 80 08 31 32 33 34 35 36 37 38"
    " BE 10 04 0E 01 00 00 00 06 5F 1F 04 00 40 1E 5D FF FF"
)
LN_AARE = bytes.fromhex(
    "61 29 A1 09 06 07 60 85 74 05 08 01 01 A2 03 02 01 00 A3 05 A1 03 02 01 00"
    " BE 10 04 0E 08 00 06 5F 1F 04 00"
    " 00 10 1D 04 00 00 07"
)


# --- Gurux's examples (gurux-behaviour.md 1.6 and 4.4 b) --------------------------------------------------
def test_ln_aarq_of_the_wrapper_session() -> None:
    aarq = AARQ(user_information=InitiateRequest())
    assert aarq.encode() == LN_AARQ
    decoded = decode_apdu(LN_AARQ)
    assert decoded == aarq
    assert decoded.application_context_name is ApplicationContextName.LOGICAL_NAME
    assert decoded.authentication is Authentication.NONE
    assert decoded.initiate_request.proposed_conformance == 0xBA7802
    assert decoded.initiate_request.allows_response


def test_low_aarq_with_password() -> None:
    aarq = AARQ(
        sender_acse_requirements="1",
        mechanism_name=Authentication.LOW,
        calling_authentication_value=b"12345678",
        user_information=InitiateRequest(),
    )
    assert aarq.encode() == LOW_AARQ
    decoded = decode_apdu(LOW_AARQ)
    assert decoded.calling_authentication_value == b"12345678"
    assert decoded.mechanism_name is Authentication.LOW
    assert decoded.sender_acse_requirements == "1"


def test_aare_of_the_wrapper_session() -> None:
    aare = decode_apdu(LN_AARE)
    assert isinstance(aare, AARE) and aare.accepted
    assert aare.result is AssociationResult.ACCEPTED
    assert aare.result_source_diagnostic is SourceDiagnostic.NONE
    assert aare.diagnostic_source is DiagnosticSource.ACSE_SERVICE_USER
    response = aare.initiate_response
    assert response == InitiateResponse(None, 6, conformance_from_bytes(b"\x00\x10\x1d"), 0x400, 7)
    assert AARE(user_information=response).encode() == LN_AARE


def test_release_request_and_response() -> None:
    assert RLRQ().encode() == bytes.fromhex("62 03 80 01 00")
    assert RLRE().encode() == bytes.fromhex("63 03 80 01 00")
    assert decode_apdu(bytes.fromhex("62 03 80 01 00")).reason is ReleaseRequestReason.NORMAL
    assert decode_apdu(bytes.fromhex("63 03 80 01 01")).reason is ReleaseResponseReason.NOT_FINISHED
    assert decode_apdu(bytes.fromhex("63 00")) == RLRE(reason=None)


def test_sn_read_of_the_association_view() -> None:
    request = ReadRequest([VariableName(0xFA08)])
    assert request.encode() == bytes.fromhex("05 01 02 FA 08")
    assert decode_apdu(bytes.fromhex("05 01 02 FA 08")) == request


# --- conformance ----------------------------------------------------------------------------------
def test_conformance_defaults_both_directions() -> None:
    assert get_initial_conformance(True) == 0xBA7802
    assert get_initial_conformance(False) == 0x4C038
    assert conformance_to_bytes(0xBA7802) == bytes.fromhex("40 1E 5D")
    assert conformance_to_bytes(0x4C038) == bytes.fromhex("1C 03 20")
    assert conformance_from_bytes(bytes.fromhex("40 1E 5D")) == 0xBA7802
    assert conformance_from_bytes(bytes.fromhex("1C 03 20")) == 0x4C038
    assert InitiateRequest(proposed_conformance=get_initial_conformance(False)).encode()[
        5:12
    ] == bytes.fromhex("5F 1F 04 00 1C 03 20")


@pytest.mark.parametrize("bit", range(24))
def test_each_conformance_bit_is_blue_book_bit_from_the_msb(bit: int) -> None:
    wire = (1 << (23 - bit)).to_bytes(3, "big")
    assert conformance_from_bytes(wire) == Conformance(1 << bit)
    assert conformance_to_bytes(1 << bit) == wire


def test_conformance_names_follow_the_translator() -> None:
    assert conformance_names(0xBA7802) == [
        "GeneralProtection",
        "BlockTransferWithGetOrRead",
        "BlockTransferWithSetOrWrite",
        "BlockTransferWithAction",
        "MultipleReferences",
        "Access",
        "Get",
        "Set",
        "SelectiveAccess",
        "Action",
    ]


def test_conformance_out_of_range_is_a_local_error() -> None:
    with pytest.raises(LocalProtocolError):
        conformance_to_bytes(1 << 24)
    with pytest.raises(DecodeError):
        conformance_from_bytes(b"\x00\x00")


# --- details that must survive a round trip -------------------------------------------------------
def test_initiate_request_optional_components() -> None:
    request = InitiateRequest(
        dedicated_key=bytes(range(16)), response_allowed=False, proposed_quality_of_service=3
    )
    data = request.encode()
    assert data[:20] == b"\x01\x01\x10" + bytes(range(16)) + b"\x01"
    assert data[20:24] == b"\x00\x01\x03\x06"
    decoded = decode_apdu(data)
    assert decoded == request and not decoded.allows_response


def test_initiate_response_sn() -> None:
    response = InitiateResponse(
        negotiated_quality_of_service=1,
        negotiated_conformance=Conformance.READ,
        server_max_receive_pdu_size=512,
        vaa_name=VAA_NAME_SN,
    )
    assert response.encode() == bytes.fromhex("08 01 01 06 5F 1F 04 00 10 00 00 02 00 FA 00")
    assert decode_apdu(response.encode()) == response


def test_integer_width_is_kept() -> None:
    gurux = AARQ(calling_ae_invocation_id=151, user_information=InitiateRequest()).encode()
    assert bytes.fromhex("A9 03 02 01 97") in gurux
    der = gurux.replace(bytes.fromhex("A9 03 02 01 97"), bytes.fromhex("A9 04 02 02 00 97"))
    der = der[:1] + bytes((der[1] + 1,)) + der[2:]
    decoded = decode_apdu(der)
    assert decoded.calling_ae_invocation_id == 151
    assert isinstance(decoded.calling_ae_invocation_id, BerInteger)
    assert decoded.encode() == der


def test_unknown_context_and_mechanism_oids_are_kept() -> None:
    aarq = AARQ(application_context_name=(1, 2, 840, 9), mechanism_name=(2, 16, 756, 5, 8, 2, 9))
    decoded = decode_apdu(aarq.encode())
    assert decoded.application_context_name == (1, 2, 840, 9)
    assert decoded.mechanism_name == (2, 16, 756, 5, 8, 2, 9)


def test_aare_rejected_by_the_acse_provider() -> None:
    aare = AARE(
        result=AssociationResult.PERMANENT_REJECTED,
        diagnostic_source=DiagnosticSource.ACSE_SERVICE_PROVIDER,
        result_source_diagnostic=AcseServiceProvider.NO_COMMON_ACSE_VERSION,
    )
    assert bytes.fromhex("A3 05 A2 03 02 01 02") in aare.encode()
    decoded = decode_apdu(aare.encode())
    assert decoded.result_source_diagnostic is AcseServiceProvider.NO_COMMON_ACSE_VERSION
    assert not decoded.accepted


def test_aare_with_initiate_error() -> None:
    data = bytes.fromhex(
        "61 1F A1 09 06 07 60 85 74 05 08 01 01 A2 03 02 01 01 A3 05 A1 03 02 01 01 BE 06 04 04 0E 01 06 03"
    )
    error = decode_apdu(data).confirmed_service_error
    assert error == ConfirmedServiceError(
        ConfirmedService.INITIATE_ERROR, ServiceError.INITIATE, Initiate.PDU_SIZE_TOO_SHORT
    )


def test_gurux_short_authentication_wrapper_is_read_and_written_correctly() -> None:
    good = AARE(
        responder_acse_requirements="1",
        mechanism_name=Authentication.HIGH,
        responding_authentication_value=b"\x11" * 16,
    ).encode()
    at = good.index(b"\xaa\x12\x80\x10")
    gurux = good[: at + 1] + b"\x10" + good[at + 2 :]
    assert decode_apdu(gurux) == decode_apdu(good)


# --- SN -------------------------------------------------------------------------------------------
def test_sn_write_and_responses() -> None:
    write = WriteRequest([VariableName(0x2108)], [GXUInt32(0xD164429D)])
    assert write.encode() == bytes.fromhex("06 01 02 21 08 01 06 D1 64 42 9D")
    response = decode_apdu(bytes.fromhex("0D 03 01 FA 00 00"))
    assert response == WriteResponse([DataAccessError(250), WriteSuccess(), WriteSuccess()])
    read = decode_apdu(bytes.fromhex("0C 02 00 12 00 05 01 03"))
    assert read == ReadResponse([ReadData(GXUInt16(5)), DataAccessError(3)])
    assert read.results[1].error.name == "READ_WRITE_DENIED"


def test_sn_parameterized_and_block_access() -> None:
    request = ReadRequest(
        [ParameterizedAccess(0x2210, 2, GXStructure([GXUInt32(1), GXUInt32(2)])), BlockNumberAccess(14)]
    )
    data = request.encode()
    assert data == bytes.fromhex("05 02 04 22 10 02 02 02 06 00 00 00 01 06 00 00 00 02 05 00 0E")
    assert decode_apdu(data).encode() == data


# --- service errors -------------------------------------------------------------------------------
def test_exception_responses() -> None:
    plain = decode_apdu(bytes.fromhex("D8 01 02"))
    assert (plain.state_error, plain.service_error) == (
        StateError.SERVICE_NOT_ALLOWED,
        ExceptionServiceError.SERVICE_NOT_SUPPORTED,
    )
    counter = ExceptionResponse(
        StateError.SERVICE_NOT_ALLOWED, ExceptionServiceError.INVOCATION_COUNTER_ERROR, 42
    )
    assert counter.encode() == bytes.fromhex("D8 01 06 00 00 00 2A")
    error = counter.to_error()
    assert isinstance(error, ExceptionResponseError) and error.service_error == 6 and "42" in str(error)


def test_exception_response_counter_must_match_the_service_error() -> None:
    with pytest.raises(LocalProtocolError):
        ExceptionResponse(1, ExceptionServiceError.INVOCATION_COUNTER_ERROR).encode()
    with pytest.raises(LocalProtocolError):
        ExceptionResponse(1, ExceptionServiceError.OTHER_REASON, 5).encode()


def test_confirmed_service_error_to_exception() -> None:
    error = decode_apdu(bytes.fromhex("0E 05 05 02")).to_error()
    assert isinstance(error, ConfirmedServiceErrorError)
    assert (error.service, error.error_class, error.error) == (5, 5, 2)
    assert "OBJECT_ACCESS_INVALID" in str(error)


# --- clear errors ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("hex_data", "offset", "text"),
    [
        (
            "60 36 A1 09 06 07 60 85 74 05 08 01 01 8A 02 07 80 8B 07 60 85 74 05 08 02 01 AC",
            1,
            "AARQ length",
        ),
        ("60 06 A1 04 06 02 80 01", 4, "canonical object identifier"),
        ("60 07 A1 09 06 07 60 85 74", 2, "BER element"),
        ("60 0C A1 09 06 07 60 85 74 05 08 01 01 A9", 14, "BER length"),
        ("60 0D A1 09 06 07 60 85 74 05 08 01 01 B1 00", 13, "AARQ element"),
        ("60 0F 8A 02 07 80 A1 09 06 07 60 85 74 05 08 01 01", 6, "out of order"),
        ("60 04 8A 02 07 80", 1, "mandatory application-context-name"),
        ("60 04 8A 02 07 81", 2, "zero unused bits"),
        ("60 10 A1 09 06 07 60 85 74 05 08 01 01 BE 03 02 01 00", 15, "user-information"),
        ("60 11 A1 09 06 07 60 85 74 05 08 01 01 BE 04 04 02 01 00", 19, "user-information"),
        ("01 00 00 00 06 5F 1F 03 00 40 1E 5D FF FF", 5, "conformance block"),
        ("01 02", 1, "dedicated-key flag"),
        ("08 00 06 5F 1F 04 00 00 10 1D 04", 10, "vaa-name"),
        ("D8 01 06 00 00", 3, "invocation-counter-error"),
        ("0E 01 0B 00", 2, "error class"),
        ("05 01 03 FA 08", 2, "ReadRequest variables item"),
        ("05 05 02 FA 08", 1, "count"),
        ("0C 01 04 00", 2, "a choice in [0, 1, 2, 3]"),
        ("18 0C 01 02", 1, "current time"),
    ],
)
def test_malformed_pdus_raise_decode_errors_that_say_where(hex_data: str, offset: int, text: str) -> None:
    with pytest.raises(DecodeError) as info:
        decode_apdu(bytes.fromhex(hex_data))
    assert info.value.offset == offset
    assert text in str(info.value)


def test_gurux_one_octet_length_only_when_it_fits_exactly() -> None:
    body = LOW_AARQ[2:] + bytes(0x8D - len(LOW_AARQ) + 2)
    with pytest.raises(DecodeError):
        decode_apdu(b"\x60\x8d" + body + b"\x00")


@pytest.mark.parametrize(
    "apdu",
    [
        AARQ(protocol_version="102"),
        AARQ(calling_ap_title="Gurux123"),  # type: ignore[arg-type]
        AARQ(calling_ae_invocation_id=-1),
        AARQ(mechanism_name="LOW"),  # type: ignore[arg-type]
        AARQ(calling_authentication_value=b"x", calling_authentication_choice=0x04),
        AARQ(user_information="01"),  # type: ignore[arg-type]
        AARQ(application_context_name=None),  # type: ignore[arg-type]
        InitiateRequest(client_max_receive_pdu_size=0x10000),
        InitiateResponse(vaa_name=-1),
        ReadRequest([0xFA08]),  # type: ignore[list-item]
    ],
)
def test_values_that_cannot_be_encoded_raise_local_errors(apdu: object) -> None:
    with pytest.raises(LocalProtocolError):
        apdu.encode()  # type: ignore[attr-defined]
