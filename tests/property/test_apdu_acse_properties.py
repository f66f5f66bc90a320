"""Property tests of the ACSE, initiate, SN and service-error APDUs.

Objects built by the strategies encode, decode to an equal object and re-encode to the
same bytes; random bytes and mutated valid PDUs make ``decode_apdu`` raise only
:class:`DLMSError` subclasses (or succeed).
"""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from strategies import canonical, values

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
from gurux_dlms.apdu.conformance import Conformance
from gurux_dlms.apdu.initiate import InitiateRequest, InitiateResponse
from gurux_dlms.apdu.service_errors import ConfirmedServiceError, ExceptionResponse
from gurux_dlms.apdu.sn import (
    BlockNumber,
    BlockNumberAccess,
    DataAccessError,
    DataBlockResult,
    InformationReportRequest,
    ParameterizedAccess,
    ReadData,
    ReadDataBlockAccess,
    ReadRequest,
    ReadResponse,
    UnconfirmedWriteRequest,
    VariableName,
    WriteDataBlockAccess,
    WriteRequest,
    WriteResponse,
    WriteSuccess,
)
from gurux_dlms.errors import DLMSError

u8 = st.integers(0, 0xFF)
u16 = st.integers(0, 0xFFFF)
u32 = st.integers(0, 0xFFFFFFFF)


def optional(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.none() | strategy


# --- xDLMS initiate and errors ------------------------------------------------------------------------
conformances = st.integers(0, 0xFFFFFF).map(Conformance)
initiate_requests = st.builds(
    InitiateRequest,
    optional(st.binary(min_size=0, max_size=40)),
    optional(st.booleans()),
    optional(u8),
    u8,
    conformances,
    u16,
)
initiate_responses = st.builds(InitiateResponse, optional(u8), u8, conformances, u16, u16)
exception_responses = st.one_of(
    st.builds(ExceptionResponse, u8, u8.filter(lambda v: v != 6)),
    st.builds(ExceptionResponse, u8, st.just(6), u32),
)
confirmed_service_errors = st.builds(ConfirmedServiceError, u8, st.integers(0, 10), u8)

# --- ACSE -----------------------------------------------------------------------------------------------
bits = st.text("01", max_size=20)
titles = st.binary(max_size=40)
invocation_ids = st.integers(0, 2**64 - 1) | st.builds(BerInteger, st.integers(0, 0xFF), st.integers(2, 4))
qualifiers = titles | invocation_ids
unknown_oids = st.lists(st.integers(0, 2**20), min_size=1, max_size=6).map(lambda arcs: (2, 999, *arcs))
context_names = st.sampled_from(ApplicationContextName) | unknown_oids
mechanisms = st.sampled_from(Authentication) | unknown_oids
choices = st.sampled_from([0x80, 0x81, 0x82, 0x83, 0xA2, 0xA3])
ciphered_initiates = st.tuples(st.sampled_from([0x21, 0x28, 0x41, 0x48]), st.binary(max_size=200)).map(
    lambda parts: bytes((parts[0],)) + parts[1]
)
request_information = optional(initiate_requests | ciphered_initiates)
response_information = optional(initiate_responses | confirmed_service_errors | ciphered_initiates)


def _default_choice(apdu: Any) -> Any:
    """An absent authentication value decodes with the default choice 0x80."""
    if getattr(apdu, "calling_authentication_value", b"") is None:
        apdu.calling_authentication_choice = 0x80
    if getattr(apdu, "responding_authentication_value", b"") is None:
        apdu.responding_authentication_choice = 0x80
    return apdu


aarqs = st.builds(
    AARQ,
    optional(bits),
    context_names,
    optional(titles),
    optional(qualifiers),
    optional(invocation_ids),
    optional(invocation_ids),
    optional(titles),
    optional(qualifiers),
    optional(invocation_ids),
    optional(invocation_ids),
    optional(bits),
    optional(mechanisms),
    optional(st.binary(max_size=200)),
    choices,
    optional(st.binary(max_size=30)),
    request_information,
).map(_default_choice)
diagnostics = st.one_of(
    st.tuples(
        st.sampled_from(SourceDiagnostic) | st.integers(15, 300), st.just(DiagnosticSource.ACSE_SERVICE_USER)
    ),
    st.tuples(st.sampled_from(AcseServiceProvider), st.just(DiagnosticSource.ACSE_SERVICE_PROVIDER)),
)
aares = st.builds(
    lambda diagnostic, **kw: AARE(
        result_source_diagnostic=diagnostic[0], diagnostic_source=diagnostic[1], **kw
    ),
    diagnostics,
    protocol_version=optional(bits),
    application_context_name=context_names,
    result=st.sampled_from(AssociationResult) | st.integers(3, 1000),
    responding_ap_title=optional(titles),
    responding_ae_qualifier=optional(qualifiers),
    responding_ap_invocation_id=optional(invocation_ids),
    responding_ae_invocation_id=optional(invocation_ids),
    responder_acse_requirements=optional(bits),
    mechanism_name=optional(mechanisms),
    responding_authentication_value=optional(st.binary(max_size=200)),
    responding_authentication_choice=choices,
    implementation_information=optional(st.binary(max_size=30)),
    user_information=response_information,
).map(_default_choice)
rlrqs = st.builds(RLRQ, optional(st.sampled_from(ReleaseRequestReason) | u16), request_information)
rlres = st.builds(RLRE, optional(st.sampled_from(ReleaseResponseReason) | u16), response_information)

# --- SN ---------------------------------------------------------------------------------------------------
data_values = values(max_leaves=8)
accesses = st.one_of(
    st.builds(VariableName, u16),
    st.builds(ParameterizedAccess, u16, u8, data_values),
    st.builds(BlockNumberAccess, u16),
    st.builds(ReadDataBlockAccess, st.booleans(), u16, st.binary(max_size=50)),
    st.builds(WriteDataBlockAccess, st.booleans(), u16),
)
access_lists = st.lists(accesses, max_size=5)
data_lists = st.lists(data_values, max_size=5)
read_results = st.one_of(
    st.builds(ReadData, data_values),
    st.builds(DataAccessError, u8),
    st.builds(DataBlockResult, st.booleans(), u16, st.binary(max_size=50)),
    st.builds(BlockNumber, u16),
)
write_results = st.one_of(
    st.just(WriteSuccess()), st.builds(DataAccessError, u8), st.builds(BlockNumber, u16)
)
sn_apdus = st.one_of(
    st.builds(ReadRequest, access_lists),
    st.builds(ReadResponse, st.lists(read_results, max_size=5)),
    st.builds(WriteRequest, access_lists, data_lists),
    st.builds(UnconfirmedWriteRequest, access_lists, data_lists),
    st.builds(WriteResponse, st.lists(write_results, max_size=5)),
    st.builds(
        InformationReportRequest, optional(st.binary(min_size=1, max_size=20)), access_lists, data_lists
    ),
)

plain_apdus = st.one_of(
    initiate_requests,
    initiate_responses,
    exception_responses,
    confirmed_service_errors,
    aarqs,
    aares,
    rlrqs,
    rlres,
)
all_apdus = plain_apdus | sn_apdus


def sn_canonical(apdu: Any) -> Any:
    """A comparable form of an SN APDU whose Data values keep their types."""

    def item(value: Any) -> Any:
        if isinstance(value, (ReadData, ParameterizedAccess)):
            fields = {name: getattr(value, name) for name in value.__dataclass_fields__}
            return type(value).__name__, {
                k: canonical(v) if k in ("value", "parameter") else v for k, v in fields.items()
            }
        return value

    fields = {name: getattr(apdu, name) for name in apdu.__dataclass_fields__}
    return type(apdu).__name__, {
        name: [canonical(v) for v in value]
        if name == "values"
        else [item(v) for v in value]
        if isinstance(value, list)
        else value
        for name, value in fields.items()
    }


@given(plain_apdus)
def test_objects_round_trip(apdu: Any) -> None:
    data = apdu.encode()
    decoded = decode_apdu(data)
    assert decoded == apdu
    assert type(decoded) is type(apdu)
    assert decoded.encode() == data


@given(sn_apdus)
def test_sn_objects_round_trip(apdu: Any) -> None:
    data = apdu.encode()
    decoded = decode_apdu(data)
    assert sn_canonical(decoded) == sn_canonical(apdu)
    assert decoded.encode() == data


@given(all_apdus)
def test_bytes_round_trip(apdu: Any) -> None:
    data = apdu.encode()
    assert decode_apdu(decode_apdu(data).encode()).encode() == data


TAGS = [0x01, 0x05, 0x06, 0x08, 0x0C, 0x0D, 0x0E, 0x16, 0x18, 0x60, 0x61, 0x62, 0x63, 0xD8]


@given(st.sampled_from(TAGS), st.binary(max_size=120))
def test_random_bytes_raise_only_dlms_errors(tag: int, body: bytes) -> None:
    try:
        decode_apdu(bytes((tag,)) + body)
    except DLMSError:
        pass


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    data = bytearray(draw(all_apdus).encode())
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["flip", "set", "cut", "insert", "delete"]))
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        if kind == "flip" and data:
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif kind == "set" and data:
            data[at] = draw(u8)
        elif kind == "cut":
            del data[at:]
        elif kind == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=3))
        elif kind == "delete" and data:
            del data[at]
    return bytes(data)


@given(mutated())
def test_mutated_pdus_raise_only_dlms_errors(data: bytes) -> None:
    try:
        apdu = decode_apdu(data)
    except DLMSError:
        return
    assert isinstance(apdu.encode(), bytes)
