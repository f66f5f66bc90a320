"""SET service (LN) in XML: SetRequest and SetResponse, every form."""

from __future__ import annotations

from typing import Any

from ..apdu.set import (
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
from .data_build import Context, read_data, read_single_data
from .data_xml import write_data
from .names import DATA_ACCESS_RESULT
from .reader import Node
from .registry import builds, renders
from .writer import XmlWriter
from .xml_common import (
    open_with_attribute,
    read_attribute_descriptor,
    read_data_block,
    read_descriptor_list,
    read_invoke,
    read_number,
    read_selection,
    write_access_error,
    write_attribute_descriptor,
    write_data_block,
    write_descriptor_list,
    write_selection,
)


def _open(w: XmlWriter, kind: str, invoke: int) -> None:
    w.open_service("SetRequest", kind, invoke)


def _close(w: XmlWriter, kind: str, outer: str = "SetRequest") -> None:
    w.close_many(kind, outer)


@renders(SetRequestNormal)
def _normal(w: XmlWriter, apdu: SetRequestNormal) -> None:
    open_with_attribute(w, "SetRequest", "SetRequestNormal", apdu.invoke_id_and_priority, apdu.attribute_descriptor)
    write_selection(w, apdu.access_selection)
    w.start("Value")
    write_data(w, apdu.value)
    w.close_many("Value", "SetRequestNormal", "SetRequest")


@renders(SetRequestWithFirstDataBlock)
def _first_block(w: XmlWriter, apdu: SetRequestWithFirstDataBlock) -> None:
    _open(w, "SetRequestFirstDataBlock", apdu.invoke_id_and_priority)
    write_attribute_descriptor(w, apdu.attribute_descriptor)
    write_selection(w, apdu.access_selection)
    write_data_block(w, apdu.last_block, apdu.block_number, apdu.raw_data)
    _close(w, "SetRequestFirstDataBlock")


@renders(SetRequestWithDataBlock)
def _with_block(w: XmlWriter, apdu: SetRequestWithDataBlock) -> None:
    _open(w, "SetRequestWithDataBlock", apdu.invoke_id_and_priority)
    write_data_block(w, apdu.last_block, apdu.block_number, apdu.raw_data)
    _close(w, "SetRequestWithDataBlock")


def write_value_list(w: XmlWriter, key: str, values: list[Any]) -> None:
    """A list of data: bare in SIMPLE_XML, each in ``<x:Data>`` in STANDARD_XML."""
    w.start(key, len(values))
    for value in values:
        if w.standard:
            w.start("ListData")
            write_data(w, value)
            w.end("ListData")
        else:
            write_data(w, value)
    w.end(key)


def read_value_list(node: Node, ctx: Context) -> list[Any]:
    return [read_single_data(child, ctx) if child.name in ("ListData", "Data") else read_data(child, ctx)
            for child in node.children]


@renders(SetRequestWithList)
def _with_list(w: XmlWriter, apdu: SetRequestWithList) -> None:
    _open(w, "SetRequestWithList", apdu.invoke_id_and_priority)
    write_descriptor_list(w, apdu.attribute_descriptor_list)
    write_value_list(w, "ValueList", apdu.value_list)
    _close(w, "SetRequestWithList")


@renders(SetRequestWithListAndFirstDataBlock)
def _with_list_first_block(w: XmlWriter, apdu: SetRequestWithListAndFirstDataBlock) -> None:
    _open(w, "SetRequestWithListAndFirstDataBlock", apdu.invoke_id_and_priority)
    write_descriptor_list(w, apdu.attribute_descriptor_list)
    write_data_block(w, apdu.last_block, apdu.block_number, apdu.raw_data)
    _close(w, "SetRequestWithListAndFirstDataBlock")


# --- responses -------------------------------------------------------------------------------
def _open_response(w: XmlWriter, kind: str, invoke: int) -> None:
    w.open_service("SetResponse", kind, invoke)


@renders(SetResponseNormal)
def _response_normal(w: XmlWriter, apdu: SetResponseNormal) -> None:
    _open_response(w, "SetResponseNormal", apdu.invoke_id_and_priority)
    write_access_error(w, "Result", apdu.result)
    _close(w, "SetResponseNormal", "SetResponse")


@renders(SetResponseDataBlock)
def _response_block(w: XmlWriter, apdu: SetResponseDataBlock) -> None:
    _open_response(w, "SetResponseDataBlock", apdu.invoke_id_and_priority)
    w.number("BlockNumber", apdu.block_number, 8)
    _close(w, "SetResponseDataBlock", "SetResponse")


@renders(SetResponseLastDataBlock)
def _response_last_block(w: XmlWriter, apdu: SetResponseLastDataBlock) -> None:
    _open_response(w, "SetResponseWithLastDataBlock", apdu.invoke_id_and_priority)
    write_access_error(w, "Result", apdu.result)
    w.number("BlockNumber", apdu.block_number, 8)
    _close(w, "SetResponseWithLastDataBlock", "SetResponse")


def _write_results(w: XmlWriter, results: list[int]) -> None:
    w.start_count("Result", len(results))
    for result in results:
        write_access_error(w, "DataAccessResult", result)
    w.end("Result")


def _read_results(node: Node) -> list[int]:
    return [DATA_ACCESS_RESULT.code(child) for child in node.need("Result").children]


@renders(SetResponseLastDataBlockWithList)
def _response_last_block_list(w: XmlWriter, apdu: SetResponseLastDataBlockWithList) -> None:
    _open_response(w, "SetResponseLastDataBlockWithList", apdu.invoke_id_and_priority)
    _write_results(w, apdu.results)
    w.number("BlockNumber", apdu.block_number, 8)
    _close(w, "SetResponseLastDataBlockWithList", "SetResponse")


@renders(SetResponseWithList)
def _response_list(w: XmlWriter, apdu: SetResponseWithList) -> None:
    _open_response(w, "SetResponseWithList", apdu.invoke_id_and_priority)
    _write_results(w, apdu.results)
    _close(w, "SetResponseWithList", "SetResponse")


# --- builders --------------------------------------------------------------------------------
def _body(node: Node) -> Node:
    if len(node.children) != 1:
        raise node.error(f"<{node.raw_name}> contents", expected="one service element",
                         found=f"{len(node.children)} elements")
    return node.children[0]


@builds("SetRequest")
def _build_request(node: Node, ctx: Context) -> Any:
    body = _body(node)
    invoke = read_invoke(body, ctx)
    kind = body.name
    if kind == "SetRequestNormal":
        return SetRequestNormal(invoke, read_attribute_descriptor(body, ctx), read_selection(body, ctx),
                                read_single_data(body.need("Value"), ctx))
    if kind == "SetRequestFirstDataBlock":
        descriptor = read_attribute_descriptor(body, ctx)
        selection = read_selection(body, ctx)
        return SetRequestWithFirstDataBlock(invoke, descriptor, selection, *read_data_block(body, ctx))
    if kind == "SetRequestWithDataBlock":
        return SetRequestWithDataBlock(invoke, *read_data_block(body, ctx))
    if kind == "SetRequestWithList":
        return SetRequestWithList(invoke, read_descriptor_list(body, ctx),
                                  read_value_list(body.need("ValueList"), ctx))
    if kind == "SetRequestWithListAndFirstDataBlock":
        return SetRequestWithListAndFirstDataBlock(invoke, read_descriptor_list(body, ctx),
                                                   *read_data_block(body, ctx))
    raise body.error("SetRequest", expected="a SetRequest form", found=f"<{body.raw_name}>")


@builds("SetResponse")
def _build_response(node: Node, ctx: Context) -> Any:
    body = _body(node)
    invoke = read_invoke(body, ctx)
    kind = body.name
    if kind == "SetResponseNormal":
        return SetResponseNormal(invoke, DATA_ACCESS_RESULT.code(body.need("Result")))
    if kind == "SetResponseDataBlock":
        return SetResponseDataBlock(invoke, read_number(body, "BlockNumber", ctx, 8))
    if kind == "SetResponseWithLastDataBlock":
        return SetResponseLastDataBlock(invoke, DATA_ACCESS_RESULT.code(body.need("Result")),
                                        read_number(body, "BlockNumber", ctx, 8))
    if kind == "SetResponseLastDataBlockWithList":
        return SetResponseLastDataBlockWithList(invoke, _read_results(body), read_number(body, "BlockNumber", ctx, 8))
    if kind == "SetResponseWithList":
        return SetResponseWithList(invoke, _read_results(body))
    raise body.error("SetResponse", expected="a SetResponse form", found=f"<{body.raw_name}>")
