"""Hand-written cases for every LN service PDU form: bytes, fields, errors.

The expected bytes follow the A-XDR encoding of the Green Book productions; the Gurux
examples are the PDUs quoted in gurux-behaviour.md.
"""

from __future__ import annotations

from typing import Any

import pytest

from gurux_dlms.apdu import decode_apdu
from gurux_dlms.apdu.access import (
    AccessRequest,
    AccessRequestSpecification,
    AccessResponse,
    AccessResponseSpecification,
    AccessServiceCommandType,
)
from gurux_dlms.apdu.action import (
    ActionRequestNextPBlock,
    ActionRequestNormal,
    ActionRequestWithFirstPBlock,
    ActionRequestWithList,
    ActionRequestWithListAndFirstPBlock,
    ActionRequestWithPBlock,
    ActionResponseNextPBlock,
    ActionResponseNormal,
    ActionResponseWithList,
    ActionResponseWithPBlock,
)
from gurux_dlms.apdu.common import (
    DEFAULT_INVOKE_ID_AND_PRIORITY,
    DEFAULT_LONG_INVOKE_ID_AND_PRIORITY,
    ActionResponseWithOptionalData,
    AttributeDescriptor,
    AttributeDescriptorWithSelection,
    ErrorCode,
    GetDataResult,
    MethodDescriptor,
    SelectiveAccess,
    invoke_id_and_priority,
    long_invoke_id_and_priority,
)
from gurux_dlms.apdu.gbt import GeneralBlockTransfer
from gurux_dlms.apdu.get import (
    GetRequestNext,
    GetRequestNormal,
    GetRequestWithList,
    GetResponseNormal,
    GetResponseWithDataBlock,
    GetResponseWithList,
)
from gurux_dlms.apdu.notification import DataNotification, EventNotificationRequest
from gurux_dlms.apdu.set import (
    SetRequestNormal,
    SetRequestWithDataBlock,
    SetRequestWithFirstDataBlock,
    SetRequestWithList,
    SetRequestWithListAndFirstDataBlock,
    SetResponseDataBlock,
    SetResponseLastDataBlock,
    SetResponseLastDataBlockWithList,
    SetResponseNormal,
    SetResponseWithList,
)
from gurux_dlms.data import (
    GXArray,
    GXDateTime,
    GXEnum,
    GXInt8,
    GXInt16,
    GXStructure,
    GXUInt8,
    GXUInt16,
    GXUInt32,
)
from gurux_dlms.errors import DecodeError, LocalProtocolError

CLOCK = AttributeDescriptor(8, bytes.fromhex("0000010000FF"), 2)
CLOCK_HEX = "00 08 00 00 01 00 00 FF 02"
PROFILE = AttributeDescriptor(7, bytes.fromhex("0100630100FF"), 2)
PROFILE_HEX = "00 07 01 00 63 01 00 FF 02"
SCRIPT = MethodDescriptor(9, bytes.fromhex("00000A0000FF"), 1)
SCRIPT_HEX = "00 09 00 00 0A 00 00 FF 01"
DISCONNECT = MethodDescriptor(70, bytes.fromhex("0000600300FF"), 2)
DISCONNECT_HEX = "00 46 00 00 60 03 00 FF 02"
DT = "07 E8 0B 18 07 0A 1E 00 FF 80 00 00"


def h(text: str) -> bytes:
    return bytes.fromhex(text)


# Each case: the PDU object and its bytes; both directions are checked.
CASES = [
    # --- GET
    (GetRequestNormal(0xC1, CLOCK), f"C0 01 C1 {CLOCK_HEX} 00"),
    (GetRequestNormal(0xC1, PROFILE, SelectiveAccess(2, GXStructure([GXUInt32(1), GXUInt32(10), GXUInt16(1),
                                                                      GXUInt16(0)]))),
     f"C0 01 C1 {PROFILE_HEX} 01 02 02 04 06 00 00 00 01 06 00 00 00 0A 12 00 01 12 00 00"),
    (GetRequestNext(0xC1, 1), "C0 02 C1 00 00 00 01"),
    (GetRequestWithList(0x81, [AttributeDescriptorWithSelection(CLOCK),
                               AttributeDescriptorWithSelection(PROFILE, SelectiveAccess(2, GXUInt8(5)))]),
     f"C0 03 81 02 {CLOCK_HEX} 00 {PROFILE_HEX} 01 02 11 05"),
    (GetRequestWithList(0xC1, []), "C0 03 C1 00"),
    (GetResponseNormal(0xC1, bytearray(h(DT))), f"C4 01 C1 00 09 0C {DT}"),
    (GetResponseNormal(0xC1, None, ErrorCode.READ_WRITE_DENIED), "C4 01 C1 01 03"),
    (GetResponseNormal(0xC1, None), "C4 01 C1 00 00"),
    (GetResponseWithDataBlock(0xC1, False, 1, h("01 02 11 01 11 02 11")),
     "C4 02 C1 00 00 00 00 01 00 07 01 02 11 01 11 02 11"),
    (GetResponseWithDataBlock(0xC1, True, 16, b"", ErrorCode.LONG_GET_OR_READ_ABORTED), "C4 02 C1 01 00 00 00 10 01 0F"),
    (GetResponseWithDataBlock(0x49, True, None, b"", ErrorCode.DATA_BLOCK_NUMBER_INVALID), "C4 02 49 01 13"),
    (GetResponseWithList(0xC1, [GetDataResult(GXUInt8(5)), GetDataResult(None, 4)]), "C4 03 C1 02 00 11 05 01 04"),
    # --- SET
    (SetRequestNormal(0xC1, CLOCK, None, GXDateTime.from_bytes(h(DT))), f"C1 01 C1 {CLOCK_HEX} 00 19 {DT}"),
    (SetRequestNormal(0xC1, PROFILE, SelectiveAccess(1, None), GXInt8(-1)), f"C1 01 C1 {PROFILE_HEX} 01 01 00 0F FF"),
    (SetRequestWithFirstDataBlock(0xC1, CLOCK, None, False, 1, h("AA BB CC")),
     f"C1 02 C1 {CLOCK_HEX} 00 00 00 00 00 01 03 AA BB CC"),
    (SetRequestWithFirstDataBlock(0xC1, PROFILE, SelectiveAccess(2, GXUInt8(1)), True, 1, b""),
     f"C1 02 C1 {PROFILE_HEX} 01 02 11 01 01 00 00 00 01 00"),
    (SetRequestWithDataBlock(0xC1, True, 2, h("DD EE")), "C1 03 C1 01 00 00 00 02 02 DD EE"),
    (SetRequestWithList(0xC1, [AttributeDescriptorWithSelection(CLOCK)], [GXUInt8(7)]),
     f"C1 04 C1 01 {CLOCK_HEX} 00 01 11 07"),
    (SetRequestWithListAndFirstDataBlock(0xC1, [AttributeDescriptorWithSelection(CLOCK)], False, 1, h("AA BB")),
     f"C1 05 C1 01 {CLOCK_HEX} 00 00 00 00 00 01 02 AA BB"),
    (SetResponseNormal(0xC1, 3), "C5 01 C1 03"),
    (SetResponseDataBlock(0xC1, 5), "C5 02 C1 00 00 00 05"),
    (SetResponseLastDataBlock(0xC1, 0, 6), "C5 03 C1 00 00 00 00 06"),
    (SetResponseLastDataBlockWithList(0xC1, [0, 3], 7), "C5 04 C1 02 00 03 00 00 00 07"),
    (SetResponseWithList(0xC1, [0, 3]), "C5 05 C1 02 00 03"),
    # --- ACTION
    (ActionRequestNormal(0xC1, SCRIPT, GXUInt16(1)), f"C3 01 C1 {SCRIPT_HEX} 01 12 00 01"),
    (ActionRequestNormal(0xC1, DISCONNECT), f"C3 01 C1 {DISCONNECT_HEX} 00"),
    (ActionRequestNormal(0xC1, DISCONNECT, None, True), f"C3 01 C1 {DISCONNECT_HEX} 01 00"),
    (ActionRequestNextPBlock(0xC1, 2), "C3 02 C1 00 00 00 02"),
    (ActionRequestWithList(0xC1, [SCRIPT, DISCONNECT], [GXUInt16(1), GXInt8(0)]),
     f"C3 03 C1 02 {SCRIPT_HEX} {DISCONNECT_HEX} 02 12 00 01 0F 00"),
    (ActionRequestWithFirstPBlock(0xC1, SCRIPT, False, 1, h("AA BB")), f"C3 04 C1 {SCRIPT_HEX} 00 00 00 00 01 02 AA BB"),
    (ActionRequestWithListAndFirstPBlock(0xC1, [SCRIPT], True, 1, h("AA")), f"C3 05 C1 01 {SCRIPT_HEX} 01 00 00 00 01 01 AA"),
    (ActionRequestWithPBlock(0xC1, True, 2, b""), "C3 06 C1 01 00 00 00 02 00"),
    (ActionResponseNormal(0xC1), "C7 01 C1 00 00"),
    (ActionResponseNormal(0xC1, 0, None, False), "C7 01 C1 00"),
    (ActionResponseNormal(0xC1, 0, GetDataResult(GXUInt8(5))), "C7 01 C1 00 01 00 11 05"),
    (ActionResponseNormal(0xC1, 0, GetDataResult(None, 3)), "C7 01 C1 00 01 01 03"),
    (ActionResponseNormal(0xC1, ErrorCode.OTHER_REASON), "C7 01 C1 FA 00"),
    (ActionResponseWithPBlock(0xC1, False, 1, h("AA BB")), "C7 02 C1 00 00 00 00 01 02 AA BB"),
    (ActionResponseWithList(0xC1, [ActionResponseWithOptionalData(0),
                                   ActionResponseWithOptionalData(3, GetDataResult(GXUInt8(5)))]),
     "C7 03 C1 02 00 00 03 01 00 11 05"),
    (ActionResponseNextPBlock(0xC1, 3), "C7 04 C1 00 00 00 03"),
    # --- notifications, GBT, ACCESS
    (DataNotification(0x4000000A, h(DT), GXArray([GXUInt32(0x10), GXInt16(-10)])),
     f"0F 40 00 00 0A 0C {DT} 01 02 06 00 00 00 10 10 FF F6"),
    (DataNotification(1, b"", GXStructure([bytearray(b"TEST"), GXUInt16(5)])),
     "0F 00 00 00 01 00 02 02 09 04 54 45 53 54 12 00 05"),
    (EventNotificationRequest(None, AttributeDescriptor(1, h("0000600100FF"), 2), GXUInt16(0x9853)),
     "C2 00 00 01 00 00 60 01 00 FF 02 12 98 53"),
    (EventNotificationRequest(h(DT), CLOCK, GXEnum(1)), f"C2 09 0C {DT} {CLOCK_HEX} 16 01"),
    (EventNotificationRequest(h(DT), CLOCK, GXEnum(1), 1), f"C2 01 0C {DT} {CLOCK_HEX} 16 01"),
    (GeneralBlockTransfer(True, True, 5, 1, 0, h("AA BB")), "E0 C5 00 01 00 00 02 AA BB"),
    (GeneralBlockTransfer(True, False, 1, 14, 13), "E0 81 00 0E 00 0D 00"),
    (AccessRequest(0xC0000001, b"", [
        AccessRequestSpecification(AccessServiceCommandType.GET, CLOCK),
        AccessRequestSpecification(AccessServiceCommandType.SET, CLOCK),
        AccessRequestSpecification(AccessServiceCommandType.ACTION, SCRIPT),
        AccessRequestSpecification(AccessServiceCommandType.GET_WITH_SELECTION, PROFILE, SelectiveAccess(2, None)),
        AccessRequestSpecification(AccessServiceCommandType.SET_WITH_SELECTION, PROFILE, SelectiveAccess(1, None)),
    ], [None, GXUInt8(1), GXUInt16(1), None, GXUInt8(2)]),
     f"D9 C0 00 00 01 00 05 01 {CLOCK_HEX} 02 {CLOCK_HEX} 03 {SCRIPT_HEX} 04 {PROFILE_HEX} 02 00 "
     f"05 {PROFILE_HEX} 01 00 05 00 11 01 12 00 01 00 11 02"),
    (AccessResponse(0xC0000001, b"", None, [GXUInt8(5), None],
                    [AccessResponseSpecification(1, 0), AccessResponseSpecification(2, 3)]),
     "DA C0 00 00 01 00 00 02 11 05 00 02 01 00 02 03"),
    (AccessResponse(0x40000002, h(DT), [AccessRequestSpecification(1, CLOCK)], [GXUInt8(5)],
                    [AccessResponseSpecification(1, 0)]),
     f"DA 40 00 00 02 0C {DT} 01 01 01 {CLOCK_HEX} 01 11 05 01 01 00"),
]


@pytest.mark.parametrize(("pdu", "text"), CASES, ids=[f"{type(c[0]).__name__}-{i}" for i, c in enumerate(CASES)])
def test_encode_and_decode(pdu: Any, text: str) -> None:
    data = h(text)
    assert pdu.encode() == data
    decoded = decode_apdu(data)
    assert type(decoded) is type(pdu)
    assert decoded == pdu
    assert decoded.encode() == data


def test_every_form_has_a_case() -> None:
    from gurux_dlms.apdu import access, action, gbt, get, notification
    from gurux_dlms.apdu import set as set_

    classes = {getattr(m, n) for m in (access, action, gbt, get, notification, set_) for n in m.__all__}
    pdu_classes = {c for c in classes if hasattr(c, "TAG")}
    assert pdu_classes == {type(p) for p, _ in CASES}
    assert len(pdu_classes) == 31


# --- the Gurux examples of gurux-behaviour.md -------------------------------------------------
def test_gurux_get_request_example() -> None:
    pdu = decode_apdu(h("C0 01 C1 00 08 00 00 01 00 00 FF 02 00"))
    assert pdu == GetRequestNormal(0xC1, AttributeDescriptor.of(8, "0.0.1.0.0.255", 2))
    assert (pdu.invoke_id, pdu.confirmed, pdu.high_priority) == (1, True, True)
    assert pdu.attribute_descriptor.logical_name == "0.0.1.0.0.255"


def test_gurux_get_response_example() -> None:
    pdu = decode_apdu(h(f"C4 01 C1 00 09 0C {DT}"))
    assert isinstance(pdu, GetResponseNormal)
    assert pdu.error is None
    assert pdu.value == bytearray(h(DT))


def test_gurux_get_request_next_example() -> None:
    assert decode_apdu(h("C0 02 C1 00 00 00 01")) == GetRequestNext(0xC1, 1)


def test_gurux_data_block_example() -> None:
    pdu = decode_apdu(h("C4 02 C1 00 00 00 00 01 00 07 01 02 11 01 11 02 11"))
    assert isinstance(pdu, GetResponseWithDataBlock)
    assert (pdu.last_block, pdu.block_number, pdu.raw_data, pdu.error) == (False, 1, h("01 02 11 01 11 02 11"), None)


def test_gurux_structure_response_example() -> None:
    pdu = decode_apdu(h(f"C4 01 C1 00 02 03 06 00 00 04 D2 09 0C {DT} 02 02 0F FF 16 1E"))
    assert pdu.value == [1234, bytearray(h(DT)), [-1, 30]]
    assert isinstance(pdu.value[2][0], GXInt8)


def test_data_notification_time() -> None:
    pdu = decode_apdu(h(f"0F 40 00 00 0A 0C {DT} 01 02 06 00 00 00 10 10 FF F6"))
    assert pdu.date_time_value is not None
    assert pdu.date_time_value.to_bytes() == h(DT)
    assert (pdu.invoke_id, pdu.confirmed, pdu.high_priority) == (10, True, False)
    assert decode_apdu(h("0F 00 00 00 01 00 00")).date_time_value is None


def test_event_notification_time() -> None:
    pdu = decode_apdu(h(f"C2 09 0C {DT} {CLOCK_HEX} 16 01"))
    assert pdu.time_value is not None and pdu.time_value.to_bytes() == h(DT)
    assert decode_apdu(h(f"C2 00 {CLOCK_HEX} 16 01")).time_value is None


def test_gbt_block_control() -> None:
    pdu = GeneralBlockTransfer.from_block_control(0xC5, 1, 0, b"x")
    assert (pdu.last_block, pdu.streaming, pdu.window, pdu.block_control) == (True, True, 5, 0xC5)


def test_action_request_parameters_flag_follows_the_value() -> None:
    assert ActionRequestNormal(0xC1, SCRIPT, GXUInt8(0)).has_parameters is True
    assert ActionRequestNormal(0xC1, SCRIPT).has_parameters is False


# --- invoke ids ------------------------------------------------------------------------------
def test_invoke_id_helpers() -> None:
    assert invoke_id_and_priority() == DEFAULT_INVOKE_ID_AND_PRIORITY == 0xC1
    assert invoke_id_and_priority(5, high_priority=False) == 0x45
    assert invoke_id_and_priority(2, confirmed=False, high_priority=False) == 0x02
    assert long_invoke_id_and_priority() == DEFAULT_LONG_INVOKE_ID_AND_PRIORITY == 0xC0000001
    assert long_invoke_id_and_priority(7, high_priority=False, break_on_error=True, self_descriptive=True) == 0x70000007
    request = AccessRequest(0xB0000123)
    assert (request.invoke_id, request.high_priority, request.confirmed, request.break_on_error,
            request.self_descriptive) == (0x123, True, False, True, True)
    with pytest.raises(LocalProtocolError):
        invoke_id_and_priority(16)
    with pytest.raises(LocalProtocolError):
        long_invoke_id_and_priority(1 << 24)


# --- decode errors ---------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "offset", "words"), [
    ("C0", 1, "choice"),
    ("C0 07 C1 00 03 01 00 0E 07 00 FF 02 00", 1, "choice"),
    ("C0 01 C1 00 03 01", 2, "GetRequestNormal"),
    (f"C0 01 C1 {CLOCK_HEX} 02", 12, "access-selection flag"),
    (f"C0 01 C1 {CLOCK_HEX} 01 02", 14, "access parameters"),
    (f"C0 01 C1 {CLOCK_HEX} 00 00", 13, "end of the APDU"),
    (f"C0 01 C1 {CLOCK_HEX}", 12, "access-selection flag"),
    ("C0 02 C1 00 00", 2, "GetRequestNext"),
    ("C0 03 C1 84 FF FF FF FF", 3, "count"),
    (f"C0 03 C1 02 {CLOCK_HEX} 00", 3, "count"),
    ("C4 01 C1 02 00", 3, "result choice"),
    ("C4 01 C1 00", 4, "result data"),
    ("C4 01 C1 01", 4, "data-access-result"),
    ("C4 01 C1 00 0E EB BC 45", 4, ""),
    ("C4 01 C1 00 02 02 0A 00 17 C0", 9, ""),
    ("C4 02 C1 02 00 00 00 01 00 00", 3, "last-block"),
    ("C4 02 C1 00 00 00 00 01 00 05 AA", 9, "raw-data"),
    ("C4 02 C1 00 00 00 00 01 05 00", 8, "result choice"),
    ("C4 02 C1 00 00 00", 3, "data block"),
    ("C4 03 C1 02 00 11 05 07", 7, "result choice"),
    ("C5 01 C1", 2, "SetResponseNormal"),
    ("C5 03 C1 00 00 00", 2, "SetResponseLastDataBlock"),
    ("C5 04 C1 02 00 00 00 00", 6, "block number"),
    ("C5 05 C1 05 00 00", 3, "count"),
    (f"C1 01 C1 {CLOCK_HEX} 00", 13, "value"),
    (f"C3 01 C1 {SCRIPT_HEX} 02", 12, "flag"),
    (f"C3 01 C1 {SCRIPT_HEX} 01", 13, "method-invocation-parameters"),
    ("C7 01 C1 00 02", 4, "return-parameters flag"),
    ("C7 01 C1 00 01 00", 6, "result data"),
    ("C7 03 C1 01 00", 3, "count"),
    ("0F 00 00 00", 1, "long-invoke-id"),
    ("0F 00 00 00 01 0C 07 E8", 5, "date-time"),
    ("0F 00 00 00 01 00", 6, "notification body"),
    ("C2 09 0C 07", 2, "time"),
    ("C2 00 00 01", 2, "attribute descriptor"),
    ("E0 81 00 01", 1, "GeneralBlockTransfer"),
    ("E0 81 00 01 00 00 05 AA", 6, "block data"),
    (f"D9 C0 00 00 01 00 01 09 {CLOCK_HEX} 01 00", 7, "choice 1..5"),
    ("DA C0 00 00 01 00 02 00 00", 6, "flag"),
    ("DA C0 00 00 01 00 00 00 01 07 00", 9, "choice 1..3"),
])
def test_decode_errors_say_where(text: str, offset: int, words: str) -> None:
    with pytest.raises(DecodeError) as info:
        decode_apdu(h(text))
    assert info.value.offset == offset, str(info.value)
    assert words in str(info.value)


def test_malformed_vectors_raise_decode_error() -> None:
    from vectors.loader import load, raw

    for vector in load("malformed"):
        if vector["kind"] == "pdu" and raw(vector)[0] in (0xC0, 0xC4):
            with pytest.raises(DecodeError):
                decode_apdu(raw(vector))


# --- encode errors ---------------------------------------------------------------------------
@pytest.mark.parametrize(("pdu", "words"), [
    (GetRequestNormal(0x1C1, CLOCK), "invoke-id-and-priority"),
    (GetRequestNormal(0xC1, AttributeDescriptor(8, b"\x00\x00\x01\x00\x00", 2)), "instance id"),
    (GetRequestNormal(0xC1, AttributeDescriptor(8, "0.0.1.0.0.255", 2)), "instance id"),  # type: ignore[arg-type]
    (GetRequestNormal(0xC1, AttributeDescriptor(70000, CLOCK.instance_id, 2)), "class id"),
    (GetRequestNormal(0xC1, AttributeDescriptor(8, CLOCK.instance_id, 256)), "attribute id"),
    (GetRequestNormal(0xC1, SCRIPT), "AttributeDescriptor"),  # type: ignore[arg-type]
    (GetRequestNormal(0xC1, CLOCK, SelectiveAccess(300, None)), "access selector"),
    (GetRequestNormal(0xC1, CLOCK, (1, None)), "SelectiveAccess"),  # type: ignore[arg-type]
    (GetRequestNext(0xC1, -1), "block number"),
    (GetRequestNext(0xC1, 1 << 32), "block number"),
    (GetRequestWithList(0xC1, [CLOCK]), "AttributeDescriptorWithSelection"),  # type: ignore[list-item]
    (GetResponseNormal(0xC1, None, 256), "data-access-result"),
    (GetResponseNormal(0xC1, object()), "value"),
    (GetResponseWithDataBlock(0xC1, True, None), "block number"),
    (GetResponseWithDataBlock(0xC1, True, 1, "text"), "raw-data"),  # type: ignore[arg-type]
    (GetResponseWithList(0xC1, [GXUInt8(1)]), "GetDataResult"),  # type: ignore[list-item]
    (GetResponseWithList(0xC1, None), "results"),  # type: ignore[arg-type]
    (SetResponseWithList(0xC1, [0, 256]), "results"),
    (SetRequestWithDataBlock(0xC1, True, -5), "block number"),
    (ActionRequestNormal(0xC1, CLOCK), "MethodDescriptor"),  # type: ignore[arg-type]
    (ActionResponseWithList(0xC1, [0]), "ActionResponseWithOptionalData"),  # type: ignore[list-item]
    (GeneralBlockTransfer(True, False, 64, 1, 0), "window"),
    (GeneralBlockTransfer(True, False, 1, 70000, 0), "block numbers"),
    (EventNotificationRequest(h(DT), CLOCK, None, 0), "time flag"),
    (DataNotification(1 << 32), "long-invoke-id"),
    (AccessRequest(1, b"", [AccessRequestSpecification(4, CLOCK)], [None]), "service 4/5"),
    (AccessRequest(1, b"", [AccessRequestSpecification(1, CLOCK, SelectiveAccess(1, None))], [None]), "service 1-3"),
    (AccessRequest(1, b"", [AccessRequestSpecification(3, CLOCK)], [None]), "MethodDescriptor"),
    (AccessRequest(1, b"", [AccessRequestSpecification(9, CLOCK)], [None]), "1..5"),
    (AccessResponse(1, b"", None, [], [(1, 0)]), "AccessResponseSpecification"),  # type: ignore[list-item]
])
def test_encode_errors_name_the_field(pdu: Any, words: str) -> None:
    with pytest.raises(LocalProtocolError) as info:
        pdu.encode()
    assert words in str(info.value)
