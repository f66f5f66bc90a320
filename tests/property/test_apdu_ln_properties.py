"""Hypothesis properties of the LN service PDUs.

Every PDU class is built with random fields; encoding then decoding gives the same PDU
(data values compared with their types), and decoding then encoding gives the same bytes.
Random bytes and damaged PDUs fed to ``decode_apdu`` raise nothing but ``DLMSError``.
"""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from strategies import canonical, values

from gurux_dlms.apdu import decode_apdu
from gurux_dlms.apdu.access import (
    AccessRequest,
    AccessRequestSpecification,
    AccessResponse,
    AccessResponseSpecification,
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
    ActionResponseWithOptionalData,
    AttributeDescriptor,
    AttributeDescriptorWithSelection,
    GetDataResult,
    MethodDescriptor,
    SelectiveAccess,
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
from gurux_dlms.data import GXArray, GXStructure
from gurux_dlms.errors import DLMSError

u8 = st.integers(0, 0xFF)
u16 = st.integers(0, 0xFFFF)
u32 = st.integers(0, 0xFFFFFFFF)
raw = st.binary(max_size=160)
data = values(max_leaves=8)
lists = st.lists

attribute = st.builds(AttributeDescriptor, u16, st.binary(min_size=6, max_size=6), u8)
method = st.builds(MethodDescriptor, u16, st.binary(min_size=6, max_size=6), u8)
selection = st.none() | st.builds(SelectiveAccess, u8, data)
with_selection = st.builds(AttributeDescriptorWithSelection, attribute, selection)
get_data_result = st.builds(GetDataResult, data) | st.builds(GetDataResult, st.none(), u8)
action_response = st.builds(ActionResponseWithOptionalData, u8, st.none() | get_data_result)
date_time = st.just(b"") | st.binary(min_size=12, max_size=12) | raw


def _request_specification(service: int) -> st.SearchStrategy[AccessRequestSpecification]:
    if service == 3:
        return st.builds(AccessRequestSpecification, st.just(3), method)
    if service in (4, 5):
        return st.builds(AccessRequestSpecification, st.just(service), attribute,
                         st.builds(SelectiveAccess, u8, data))
    return st.builds(AccessRequestSpecification, st.just(service), attribute)


request_specification = st.integers(1, 5).flatmap(_request_specification)

PDUS: dict[str, st.SearchStrategy[Any]] = {
    "GetRequestNormal": st.builds(GetRequestNormal, u8, attribute, selection),
    "GetRequestNext": st.builds(GetRequestNext, u8, u32),
    "GetRequestWithList": st.builds(GetRequestWithList, u8, lists(with_selection, max_size=5)),
    "GetResponseNormal": st.builds(GetResponseNormal, u8, data) | st.builds(GetResponseNormal, u8, st.none(), u8),
    "GetResponseWithDataBlock": st.one_of(
        st.builds(GetResponseWithDataBlock, u8, st.booleans(), u32, raw),
        st.builds(GetResponseWithDataBlock, u8, st.booleans(), u32, st.just(b""), u8),
        st.builds(GetResponseWithDataBlock, u8, st.just(True), st.none(), st.just(b""), u8),
    ),
    "GetResponseWithList": st.builds(GetResponseWithList, u8, lists(get_data_result, max_size=5)),
    "SetRequestNormal": st.builds(SetRequestNormal, u8, attribute, selection, data),
    "SetRequestWithFirstDataBlock": st.builds(SetRequestWithFirstDataBlock, u8, attribute, selection,
                                              st.booleans(), u32, raw),
    "SetRequestWithDataBlock": st.builds(SetRequestWithDataBlock, u8, st.booleans(), u32, raw),
    "SetRequestWithList": st.builds(SetRequestWithList, u8, lists(with_selection, max_size=4),
                                    lists(data, max_size=4)),
    "SetRequestWithListAndFirstDataBlock": st.builds(SetRequestWithListAndFirstDataBlock, u8,
                                                     lists(with_selection, max_size=4), st.booleans(), u32, raw),
    "SetResponseNormal": st.builds(SetResponseNormal, u8, u8),
    "SetResponseDataBlock": st.builds(SetResponseDataBlock, u8, u32),
    "SetResponseLastDataBlock": st.builds(SetResponseLastDataBlock, u8, u8, u32),
    "SetResponseLastDataBlockWithList": st.builds(SetResponseLastDataBlockWithList, u8, lists(u8, max_size=6), u32),
    "SetResponseWithList": st.builds(SetResponseWithList, u8, lists(u8, max_size=6)),
    "ActionRequestNormal": st.builds(ActionRequestNormal, u8, method, data, st.just(True))
    | st.builds(ActionRequestNormal, u8, method, st.none(), st.just(False)),
    "ActionRequestNextPBlock": st.builds(ActionRequestNextPBlock, u8, u32),
    "ActionRequestWithList": st.builds(ActionRequestWithList, u8, lists(method, max_size=4), lists(data, max_size=4)),
    "ActionRequestWithFirstPBlock": st.builds(ActionRequestWithFirstPBlock, u8, method, st.booleans(), u32, raw),
    "ActionRequestWithListAndFirstPBlock": st.builds(ActionRequestWithListAndFirstPBlock, u8,
                                                     lists(method, max_size=4), st.booleans(), u32, raw),
    "ActionRequestWithPBlock": st.builds(ActionRequestWithPBlock, u8, st.booleans(), u32, raw),
    "ActionResponseNormal": st.builds(ActionResponseNormal, u8, u8, st.none() | get_data_result)
    | st.builds(ActionResponseNormal, u8, u8, st.none(), st.just(False)),
    "ActionResponseWithPBlock": st.builds(ActionResponseWithPBlock, u8, st.booleans(), u32, raw),
    "ActionResponseWithList": st.builds(ActionResponseWithList, u8, lists(action_response, max_size=4)),
    "ActionResponseNextPBlock": st.builds(ActionResponseNextPBlock, u8, u32),
    "DataNotification": st.builds(DataNotification, u32, date_time, data),
    "EventNotificationRequest": st.builds(EventNotificationRequest, st.none(), attribute, data)
    | st.builds(EventNotificationRequest, date_time, attribute, data, st.integers(1, 255)),
    "GeneralBlockTransfer": st.builds(GeneralBlockTransfer, st.booleans(), st.booleans(), st.integers(0, 63),
                                      u16, u16, raw),
    "AccessRequest": st.builds(AccessRequest, u32, date_time, lists(request_specification, max_size=4),
                               lists(data, max_size=4)),
    "AccessResponse": st.builds(AccessResponse, u32, date_time, st.none() | lists(request_specification, max_size=3),
                                lists(data, max_size=4),
                                lists(st.builds(AccessResponseSpecification, st.integers(1, 3), u8), max_size=4)),
}

any_pdu = st.one_of(list(PDUS.values()))


def _canon(obj: Any) -> Any:
    """A comparable form: dataclasses field by field, data values with their types."""
    if is_dataclass(obj):
        return (type(obj).__name__, tuple(_canon(getattr(obj, f.name)) for f in fields(obj)))
    if isinstance(obj, list) and not isinstance(obj, (GXArray, GXStructure)):
        return [_canon(item) for item in obj]
    if isinstance(obj, bytes):
        return ("bytes", obj)
    return canonical(obj)


def test_every_pdu_class_has_a_strategy() -> None:
    from gurux_dlms.apdu import access, action, gbt, get, notification
    from gurux_dlms.apdu import set as set_

    names = {n for m in (access, action, gbt, get, notification, set_) for n in m.__all__
             if hasattr(getattr(m, n), "TAG")}
    assert names == set(PDUS)


@given(st.data())
def test_decode_of_encode_is_the_same_pdu(draw: st.DataObject) -> None:
    name = draw.draw(st.sampled_from(sorted(PDUS)))
    pdu = draw.draw(PDUS[name])
    encoded = pdu.encode()
    decoded = decode_apdu(encoded)
    assert type(decoded) is type(pdu)
    assert _canon(decoded) == _canon(pdu)
    assert decoded.encode() == encoded


@given(any_pdu)
def test_dataclass_equality_after_a_round_trip(pdu: Any) -> None:
    decoded = decode_apdu(pdu.encode())
    if _canon(pdu) == _canon(decoded) and "nan" not in repr(pdu):
        assert decoded == pdu


def _check_decoding_fails_cleanly(data: bytes) -> None:
    try:
        pdu = decode_apdu(data)
    except DLMSError:
        return
    again = decode_apdu(pdu.encode())
    assert _canon(again) == _canon(pdu)


@given(st.sampled_from([0xC0, 0xC1, 0xC2, 0xC3, 0xC4, 0xC5, 0xC7, 0x0F, 0xD9, 0xDA, 0xE0]),
       st.integers(0, 8), st.binary(max_size=64))
def test_random_bytes_raise_only_dlms_errors(tag: int, choice: int, body: bytes) -> None:
    _check_decoding_fails_cleanly(bytes((tag, choice)) + body)


@given(any_pdu, st.data())
def test_truncated_pdus_raise_decode_errors(pdu: Any, draw: st.DataObject) -> None:
    encoded = pdu.encode()
    cut = draw.draw(st.integers(0, len(encoded) - 1))
    try:
        decode_apdu(encoded[:cut])
    except DLMSError:
        return
    # a prefix can be a complete PDU only where the tail is optional
    assert type(pdu).__name__ in ("ActionResponseNormal", "GetResponseWithDataBlock")


@given(any_pdu, st.data())
def test_damaged_pdus_raise_only_dlms_errors(pdu: Any, draw: st.DataObject) -> None:
    damaged = bytearray(pdu.encode())
    for _ in range(draw.draw(st.integers(1, 3))):
        index = draw.draw(st.integers(0, len(damaged) - 1))
        action = draw.draw(st.sampled_from(["flip", "insert", "delete"]))
        if action == "flip":
            damaged[index] ^= draw.draw(st.integers(1, 255))
        elif action == "insert":
            damaged.insert(index, draw.draw(u8))
        elif len(damaged) > 1:
            del damaged[index]
    _check_decoding_fails_cleanly(bytes(damaged))
