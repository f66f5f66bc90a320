"""LN service PDUs (GET, SET, ACTION, notifications, ACCESS, GBT) against the Gurux vectors.

Every ``pdu`` vector of get, set, action and notification.jsonl decodes with ``decode_apdu``
and re-encodes to the same bytes.  The decoded fields are checked against the SIMPLE XML
Gurux printed for the same bytes: invoke ids, descriptors, block numbers and flags,
results, date-times, raw block data and the type of the carried value.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import fields, is_dataclass
from typing import Any

import pytest

from gurux_dlms.apdu import decode_apdu
from gurux_dlms.apdu.access import AccessRequest, AccessResponse
from gurux_dlms.apdu.action import (
    ActionRequestNormal,
    ActionRequestWithFirstPBlock,
    ActionRequestWithPBlock,
    ActionResponseNormal,
)
from gurux_dlms.apdu.common import AttributeDescriptor, ErrorCode, MethodDescriptor
from gurux_dlms.apdu.gbt import GeneralBlockTransfer
from gurux_dlms.apdu.get import GetResponseNormal, GetResponseWithDataBlock, GetResponseWithList
from gurux_dlms.apdu.notification import DataNotification, EventNotificationRequest
from gurux_dlms.apdu.set import SetResponseLastDataBlockWithList
from gurux_dlms.data import GXArray, GXStructure, codec
from vectors.loader import load, raw

LN_TAGS = {0xC0, 0xC1, 0xC2, 0xC3, 0xC4, 0xC5, 0xC7, 0x0F, 0xD9, 0xDA, 0xE0}
FILES = ("get", "set", "action", "notification")

VECTORS = [v for name in FILES for v in load(name) if v["kind"] == "pdu" and raw(v)[0] in LN_TAGS]

#: Gurux's SIMPLE XML tag of each data type code
SIMPLE_TAGS = {0: "None", 1: "Array", 2: "Structure", 3: "Boolean", 4: "BitString", 5: "Int32", 6: "UInt32",
               9: "OctetString", 10: "String", 12: "StringUTF8", 13: "BCD", 15: "Int8", 16: "Int16",
               17: "UInt8", 18: "UInt16", 19: "CompactArray", 20: "Int64", 21: "UInt64", 22: "Enum",
               23: "Float32", 24: "Float64", 25: "DateTime", 26: "Date", 27: "Time"}


def _result_name(code: int) -> str:
    """Gurux's translator name of a data-access-result."""
    if code == 0:
        return "Success"
    return "".join(part.capitalize() for part in ErrorCode(code).name.split("_"))


def _descriptors(obj: Any) -> list[AttributeDescriptor | MethodDescriptor]:
    """Every attribute/method descriptor of a PDU, in wire order."""
    if isinstance(obj, (AttributeDescriptor, MethodDescriptor)):
        return [obj]
    found: list[AttributeDescriptor | MethodDescriptor] = []
    if is_dataclass(obj):
        for f in fields(obj):
            found += _descriptors(getattr(obj, f.name))
    elif isinstance(obj, list) and not isinstance(obj, (GXArray, GXStructure)):
        for item in obj:
            found += _descriptors(item)
    return found


def _child(element: ET.Element, tag: str) -> str:
    child = element.find(tag)
    assert child is not None, f"{element.tag} has no {tag}"
    return child.attrib["Value"]


def _values(root: ET.Element, tag: str) -> list[str]:
    return [e.attrib["Value"] for e in root.iter(tag)]


def test_the_corpus_is_covered() -> None:
    assert len(VECTORS) == 171
    assert {raw(v)[0] for v in VECTORS} == LN_TAGS - {0xDA}


@pytest.mark.parametrize("vector", VECTORS, ids=[v["id"] for v in VECTORS])
def test_decodes_and_reencodes_identically(vector: dict[str, Any]) -> None:
    data = raw(vector)
    pdu = decode_apdu(data)
    assert pdu.encode() == data
    assert decode_apdu(pdu.encode()) == pdu


@pytest.mark.parametrize("vector", [v for v in VECTORS if v["xml"]], ids=lambda v: v["id"])
def test_fields_match_gurux_xml(vector: dict[str, Any]) -> None:
    pdu = decode_apdu(raw(vector))
    root = ET.fromstring(vector["xml"])

    invoke = _values(root, "InvokeIdAndPriority")
    if invoke:
        assert [int(invoke[0], 16)] == [pdu.invoke_id_and_priority]
    long_invoke = _values(root, "LongInvokeIdAndPriority")
    if long_invoke:
        assert int(long_invoke[0], 16) == pdu.long_invoke_id_and_priority

    xml_descriptors = [
        (int(_child(d, "ClassId"), 16), bytes.fromhex(_child(d, "InstanceId")),
         int(_child(d, "AttributeId" if d.tag == "AttributeDescriptor" else "MethodId"), 16))
        for d in root.iter() if d.tag in ("AttributeDescriptor", "MethodDescriptor")
    ]
    ours = [(d.class_id, d.instance_id, getattr(d, "attribute_id", getattr(d, "method_id", None)))
            for d in _descriptors(pdu)]
    if xml_descriptors or not isinstance(pdu, (ActionRequestWithFirstPBlock, ActionRequestWithPBlock)):
        assert ours == xml_descriptors

    block_numbers = _values(root, "BlockNumber")
    if block_numbers:
        assert int(block_numbers[0], 16) == pdu.block_number
    last = _values(root, "LastBlock")
    if last:
        assert int(last[0], 16) == int(pdu.last_block)
    raw_data = _values(root, "RawData")
    if raw_data:
        assert bytes.fromhex(raw_data[0]) == pdu.raw_data
    selectors = _values(root, "AccessSelector")
    if selectors:
        assert int(selectors[0], 16) == pdu.access_selection.selector

    errors = _values(root, "DataAccessError") + [v for v in _values(root, "DataAccessResult") if v != "Success"]
    if isinstance(pdu, (GetResponseNormal, GetResponseWithDataBlock)):
        assert ([_result_name(pdu.error)] if pdu.error is not None else []) == errors
    if isinstance(pdu, ActionResponseNormal):
        assert _values(root, "Result") == [_result_name(pdu.result)]
        if pdu.return_parameters is not None and pdu.return_parameters.error is not None:
            assert errors == [_result_name(pdu.return_parameters.error)]
    if hasattr(pdu, "results") and isinstance(pdu.results, list) and pdu.results and isinstance(pdu.results[0], int):
        assert [_result_name(r) for r in pdu.results] == _values(root, "DataAccessResult")
    if type(pdu).__name__ in ("SetResponseNormal", "SetResponseLastDataBlock"):
        assert _values(root, "Result") == [_result_name(pdu.result)]

    if isinstance(pdu, (DataNotification, AccessRequest, AccessResponse)):
        assert bytes.fromhex(_values(root, "DateTime")[0]) == pdu.date_time
    if isinstance(pdu, EventNotificationRequest):
        times = _values(root, "Time")
        assert (bytes.fromhex(times[0]) if times else None) == pdu.time
    if isinstance(pdu, GeneralBlockTransfer):
        assert int(_values(root, "BlockControl")[0], 16) == pdu.block_control
        assert int(_values(root, "BlockNumberAck")[0], 16) == pdu.block_number_ack
        assert bytes.fromhex(_values(root, "BlockData")[0]) == pdu.block_data


def _single_value(pdu: Any) -> tuple[bool, Any]:
    for name in ("value", "notification_body", "attribute_value", "method_invocation_parameters"):
        if hasattr(pdu, name) and getattr(pdu, "error", None) is None:
            if isinstance(pdu, ActionRequestNormal) and not pdu.has_parameters:
                return False, None
            return True, getattr(pdu, name)
    if isinstance(pdu, ActionResponseNormal) and pdu.return_parameters is not None:
        if pdu.return_parameters.error is None:
            return True, pdu.return_parameters.value
    return False, None


_VALUE_PARENTS = ("Data", "Value", "DataValue", "AttributeValue", "MethodInvocationParameters")


@pytest.mark.parametrize("vector", [v for v in VECTORS if v["xml"]], ids=lambda v: v["id"])
def test_value_type_matches_gurux_xml(vector: dict[str, Any]) -> None:
    pdu = decode_apdu(raw(vector))
    present, value = _single_value(pdu)
    root = ET.fromstring(vector["xml"])
    parents = [e for e in root.iter() if e.tag in _VALUE_PARENTS and len(e)]
    if not present or isinstance(pdu, GetResponseWithList):
        return
    assert parents, "Gurux printed a value, so the PDU carries one"
    assert parents[0][0].tag == SIMPLE_TAGS[codec.encode(value)[0]]
    if isinstance(value, (GXArray, GXStructure)):
        assert int(parents[0][0].attrib["Qty"], 16) == len(value) % 256


def test_get_response_with_list_decodes_what_gurux_printed_wrongly() -> None:
    # Gurux shows 4 <Data> for 5 results and prints the error as <None />
    vector = next(v for v in VECTORS if v["id"] == "pub-get-0087")
    pdu = decode_apdu(raw(vector))
    assert isinstance(pdu, GetResponseWithList)
    assert [r.error for r in pdu.results] == [None, None, ErrorCode.DATA_BLOCK_UNAVAILABLE, None, None]
    assert pdu.results[0].value == -1
    assert pdu.results[4].value == "MTR-ZX-9"


def test_pdus_gurux_could_not_print() -> None:
    by_id = {v["id"]: raw(v) for v in VECTORS}
    last_with_list = decode_apdu(by_id["pub-set-0034"])
    assert last_with_list == SetResponseLastDataBlockWithList(0xC2, [0, 0], 3)
    pblock = decode_apdu(by_id["pub-action-0014"])
    assert isinstance(pblock, ActionRequestWithPBlock)
    assert (pblock.last_block, pblock.block_number, len(pblock.raw_data)) == (True, 4, 15)
    first = decode_apdu(by_id["pub-action-0012"])
    assert isinstance(first, ActionRequestWithFirstPBlock)
    assert (first.method_descriptor.class_id, first.method_descriptor.logical_name, first.method_descriptor.method_id,
            first.block_number, first.last_block) == (18, "0.0.44.0.0.255", 2, 1, False)
    short = decode_apdu(by_id["pub-get-0086"])
    assert isinstance(short, GetResponseWithDataBlock)
    assert (short.block_number, short.error) == (None, ErrorCode.DATA_BLOCK_NUMBER_INVALID)
    date = decode_apdu(by_id["pub-get-0052"])
    assert codec.encode(date.value)[0] == 0x1A


def test_action_response_without_return_flag_keeps_its_form() -> None:
    for vector_id in ("pub-action-0018", "pub-action-0019"):
        data = next(raw(v) for v in VECTORS if v["id"] == vector_id)
        pdu = decode_apdu(data)
        assert (pdu.return_parameters, pdu.return_flag) == (None, False)
        assert len(pdu.encode()) == 4
