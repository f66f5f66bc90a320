"""GET service (LN) in XML: GetRequest and GetResponse, every form."""

from __future__ import annotations

from typing import Any

from ..apdu.get import (
    GetRequestNext,
    GetRequestNormal,
    GetRequestWithList,
    GetResponseNormal,
    GetResponseWithDataBlock,
    GetResponseWithList,
)
from .data_build import Context
from .data_xml import write_data
from .names import DATA_ACCESS_RESULT
from .reader import Node
from .registry import builds, renders
from .writer import INDENTS, XmlWriter
from .xml_common import (
    open_with_attribute,
    read_attribute_descriptor,
    read_descriptor_list,
    read_flag,
    read_get_data_result,
    read_hex_child,
    read_invoke,
    read_number,
    read_result_in,
    read_selection,
    write_access_error,
    write_descriptor_list,
    write_get_data_result,
    write_selection,
)


@renders(GetRequestNormal)
def _get_request_normal(w: XmlWriter, apdu: GetRequestNormal) -> None:
    open_with_attribute(w, "GetRequest", "GetRequestNormal", apdu.invoke_id_and_priority, apdu.attribute_descriptor)
    if apdu.access_selection is not None:
        write_selection(w, apdu.access_selection)
    w.close_many("GetRequestNormal", "GetRequest")


@renders(GetRequestNext)
def _get_request_next(w: XmlWriter, apdu: GetRequestNext) -> None:
    w.open_service("GetRequest", "GetRequestForNextDataBlock", apdu.invoke_id_and_priority)
    w.number("BlockNumber", apdu.block_number, 8)
    w.close_many("GetRequestForNextDataBlock", "GetRequest")


@renders(GetRequestWithList)
def _get_request_with_list(w: XmlWriter, apdu: GetRequestWithList) -> None:
    w.open_service("GetRequest", "GetRequestWithList", apdu.invoke_id_and_priority)
    write_descriptor_list(w, apdu.attribute_descriptor_list)
    w.close_many("GetRequestWithList", "GetRequest")


@renders(GetResponseNormal)
def _get_response_normal(w: XmlWriter, apdu: GetResponseNormal) -> None:
    if apdu.error is None:
        w.open_service("GetResponse", "GetResponseNormal", apdu.invoke_id_and_priority, "Result", "Data")
        write_data(w, apdu.value)
        w.close_many("Data", "Result", "GetResponseNormal", "GetResponse")
        return
    w.open_service("GetResponse", "GetResponseNormal", apdu.invoke_id_and_priority, "Result")
    write_access_error(w, "DataAccessError", apdu.error)
    w.close_many("Result", "GetResponseNormal", "GetResponse")


@renders(GetResponseWithDataBlock)
def _get_response_with_data_block(w: XmlWriter, apdu: GetResponseWithDataBlock) -> None:
    w.open_service("GetResponse", "GetResponsewithDataBlock", apdu.invoke_id_and_priority, "Result")
    if w.hex and apdu.block_number is not None and apdu.error is None:  # the usual block, in one string
        i = INDENTS[w.level]
        w.lines.append(f'{i}<LastBlock Value="{"01" if apdu.last_block else "00"}" />\r\n'
                       f'{i}<BlockNumber Value="{"%08X" % (apdu.block_number & 0xFFFFFFFF)}" />\r\n{i}<Result>\r\n'
                       f'{i}  <RawData Value="{bytes(apdu.raw_data).hex().upper()}" />\r\n{i}</Result>')
    elif apdu.block_number is not None:
        w.number("LastBlock", 1 if apdu.last_block else 0, 2)
        w.number("BlockNumber", apdu.block_number, 8)
        w.start("Result")
        if apdu.error is None:
            w.value("RawData", bytes(apdu.raw_data).hex().upper())
        else:
            write_access_error(w, "DataAccessResult", apdu.error)
        w.end("Result")
    else:  # the short error form some servers send
        write_access_error(w, "DataAccessResult", apdu.error or 0)
    w.close_many("Result", "GetResponsewithDataBlock", "GetResponse")


@renders(GetResponseWithList)
def _get_response_with_list(w: XmlWriter, apdu: GetResponseWithList) -> None:
    w.open_service("GetResponse", "GetResponseWithList", apdu.invoke_id_and_priority)
    w.start("Result", len(apdu.results))
    for result in apdu.results:
        write_get_data_result(w, result.value, result.error)
    w.close_many("Result", "GetResponseWithList", "GetResponse")


# --- builders --------------------------------------------------------------------------------
def _only_child(node: Node) -> Node:
    if len(node.children) != 1:
        raise node.error(f"<{node.raw_name}> contents", expected="one service element",
                         found=f"{len(node.children)} elements")
    return node.children[0]


@builds("GetRequest")
def _build_get_request(node: Node, ctx: Context) -> Any:
    body = _only_child(node)
    if body.name == "GetRequestNormal":
        return GetRequestNormal(read_invoke(body, ctx), read_attribute_descriptor(body, ctx),
                                read_selection(body, ctx))
    if body.name == "GetRequestForNextDataBlock":
        return GetRequestNext(read_invoke(body, ctx), read_number(body, "BlockNumber", ctx, 8))
    if body.name == "GetRequestWithList":
        return GetRequestWithList(read_invoke(body, ctx), read_descriptor_list(body, ctx))
    raise body.error("GetRequest", expected="GetRequestNormal, GetRequestForNextDataBlock or GetRequestWithList",
                     found=f"<{body.raw_name}>")


@builds("GetResponse")
def _build_get_response(node: Node, ctx: Context) -> Any:
    body = _only_child(node)
    invoke = read_invoke(body, ctx)
    if body.name == "GetResponseNormal":
        result = read_result_in(body.need("Result"), ctx)
        return GetResponseNormal(invoke, result.value, result.error)
    if body.name == "GetResponsewithDataBlock":
        outer = body.need("Result")
        if outer.child("LastBlock") is None:
            error = outer.child("DataAccessResult") or outer.need("DataAccessError")
            return GetResponseWithDataBlock(invoke, True, None, b"", DATA_ACCESS_RESULT.code(error))
        last = read_flag(outer, "LastBlock", ctx)
        number = read_number(outer, "BlockNumber", ctx, 8)
        inner = outer.need("Result")
        if inner.child("RawData") is not None:
            return GetResponseWithDataBlock(invoke, last, number, read_hex_child(inner, "RawData"))
        error = inner.child("DataAccessResult") or inner.need("DataAccessError")
        return GetResponseWithDataBlock(invoke, last, number, b"", DATA_ACCESS_RESULT.code(error))
    if body.name == "GetResponseWithList":
        results = [read_get_data_result(child, ctx) for child in body.need("Result").children]
        return GetResponseWithList(invoke, results)
    raise body.error("GetResponse", expected="GetResponseNormal, GetResponsewithDataBlock or GetResponseWithList",
                     found=f"<{body.raw_name}>")
