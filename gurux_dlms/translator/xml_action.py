"""ACTION service (LN) in XML: ActionRequest and ActionResponse, every form.

Gurux leaves the block-transfer forms out (with-first-pblock prints an empty element,
with-pblock raises); they are written here like SET's ``<DataBlock>``.  An ActionResponse
that carries no return-parameters flag at all (what Gurux servers send) is marked with
``ReturnFlag="0"`` on its element so that it rebuilds to the same bytes.
"""

from __future__ import annotations

from typing import Any

from ..apdu.action import (
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
from ..apdu.common import ActionResponseWithOptionalData, GetDataResult, MethodDescriptor
from .data_build import Context, read_single_data
from .data_xml import write_data
from .names import DATA_ACCESS_RESULT
from .reader import Node
from .registry import builds, renders
from .writer import XmlWriter
from .xml_common import (
    open_with_method,
    read_data_block,
    read_invoke,
    read_method_descriptor,
    read_number,
    read_result_in,
    write_access_error,
    write_data_block,
    write_get_data_result,
    write_invoke,
    write_method_descriptor,
)
from .xml_set import read_value_list, write_value_list


def _open(w: XmlWriter, outer: str, kind: str, invoke: int) -> None:
    w.open_service(outer, kind, invoke)


def _close(w: XmlWriter, outer: str, kind: str) -> None:
    w.close_many(kind, outer)


@renders(ActionRequestNormal)
def _normal(w: XmlWriter, apdu: ActionRequestNormal) -> None:
    open_with_method(w, "ActionRequest", "ActionRequestNormal", apdu.invoke_id_and_priority, apdu.method_descriptor)
    if apdu.has_parameters:
        w.start("MethodInvocationParameters")
        write_data(w, apdu.method_invocation_parameters)
        w.close_many("MethodInvocationParameters", "ActionRequestNormal", "ActionRequest")
        return
    _close(w, "ActionRequest", "ActionRequestNormal")


@renders(ActionRequestNextPBlock)
def _next_pblock(w: XmlWriter, apdu: ActionRequestNextPBlock) -> None:
    _open(w, "ActionRequest", "ActionRequestForNextPBlock", apdu.invoke_id_and_priority)
    w.number("BlockNumber", apdu.block_number, 8)
    _close(w, "ActionRequest", "ActionRequestForNextPBlock")


def _write_method_list(w: XmlWriter, items: list[MethodDescriptor]) -> None:
    w.start("MethodDescriptorList", len(items))
    for item in items:
        write_method_descriptor(w, item)
    w.end("MethodDescriptorList")


def _read_method_list(node: Node, ctx: Context) -> list[MethodDescriptor]:
    items = []
    for child in node.need("MethodDescriptorList").children:
        holder = Node("", "", {}, child.token, child.doc)
        holder.children = [child]
        items.append(read_method_descriptor(holder, ctx))
    return items


@renders(ActionRequestWithList)
def _with_list(w: XmlWriter, apdu: ActionRequestWithList) -> None:
    _open(w, "ActionRequest", "ActionRequestWithList", apdu.invoke_id_and_priority)
    _write_method_list(w, apdu.method_descriptor_list)
    write_value_list(w, "MethodInvocationParameters", apdu.method_invocation_parameters)
    _close(w, "ActionRequest", "ActionRequestWithList")


@renders(ActionRequestWithFirstPBlock)
def _first_pblock(w: XmlWriter, apdu: ActionRequestWithFirstPBlock) -> None:
    _open(w, "ActionRequest", "ActionRequestWithFirstPBlock", apdu.invoke_id_and_priority)
    write_method_descriptor(w, apdu.method_descriptor)
    write_data_block(w, apdu.last_block, apdu.block_number, apdu.raw_data)
    _close(w, "ActionRequest", "ActionRequestWithFirstPBlock")


@renders(ActionRequestWithListAndFirstPBlock)
def _list_first_pblock(w: XmlWriter, apdu: ActionRequestWithListAndFirstPBlock) -> None:
    _open(w, "ActionRequest", "ActionRequestWithListAndFirstPBlock", apdu.invoke_id_and_priority)
    _write_method_list(w, apdu.method_descriptor_list)
    write_data_block(w, apdu.last_block, apdu.block_number, apdu.raw_data)
    _close(w, "ActionRequest", "ActionRequestWithListAndFirstPBlock")


@renders(ActionRequestWithPBlock)
def _with_pblock(w: XmlWriter, apdu: ActionRequestWithPBlock) -> None:
    _open(w, "ActionRequest", "ActionRequestWithPBlock", apdu.invoke_id_and_priority)
    write_data_block(w, apdu.last_block, apdu.block_number, apdu.raw_data)
    _close(w, "ActionRequest", "ActionRequestWithPBlock")


# --- responses -------------------------------------------------------------------------------
def _write_response(w: XmlWriter, result: int, returned: GetDataResult | None) -> None:
    if w.standard:
        w.start("SingleResponse")
    write_access_error(w, "Result", result)
    if returned is not None:
        w.start("ReturnParameters")
        write_get_data_result(w, returned.value, returned.error)
        w.end("ReturnParameters")
    if w.standard:
        w.end("SingleResponse")


def _read_response(node: Node, ctx: Context) -> ActionResponseWithOptionalData:
    holder = node.child("SingleResponse") or node
    result = DATA_ACCESS_RESULT.code(holder.need("Result"))
    returned = holder.child("ReturnParameters")
    return ActionResponseWithOptionalData(result, None if returned is None else read_result_in(returned, ctx))


@renders(ActionResponseNormal)
def _response_normal(w: XmlWriter, apdu: ActionResponseNormal) -> None:
    w.start("ActionResponse")
    if apdu.return_flag or apdu.return_parameters is not None:
        w.start("ActionResponseNormal")
    elif w.standard:
        w.line('<x:action-response-normal ReturnFlag="0">')
        w.level += 1
    else:
        w.line('<ActionResponseNormal ReturnFlag="0">')
        w.level += 1
    write_invoke(w, apdu.invoke_id_and_priority)
    _write_response(w, apdu.result, apdu.return_parameters)
    _close(w, "ActionResponse", "ActionResponseNormal")


@renders(ActionResponseWithPBlock)
def _response_pblock(w: XmlWriter, apdu: ActionResponseWithPBlock) -> None:
    _open(w, "ActionResponse", "ActionResponseWithPBlock", apdu.invoke_id_and_priority)
    write_data_block(w, apdu.last_block, apdu.block_number, apdu.raw_data)
    _close(w, "ActionResponse", "ActionResponseWithPBlock")


@renders(ActionResponseWithList)
def _response_list(w: XmlWriter, apdu: ActionResponseWithList) -> None:
    _open(w, "ActionResponse", "ActionResponseWithList", apdu.invoke_id_and_priority)
    w.start("Result", len(apdu.results))
    for item in apdu.results:
        w.start("ActionResponseWithOptionalData")
        _write_response(w, item.result, item.return_parameters)
        w.end("ActionResponseWithOptionalData")
    w.end("Result")
    _close(w, "ActionResponse", "ActionResponseWithList")


@renders(ActionResponseNextPBlock)
def _response_next(w: XmlWriter, apdu: ActionResponseNextPBlock) -> None:
    _open(w, "ActionResponse", "ActionResponseNextPBlock", apdu.invoke_id_and_priority)
    w.number("BlockNumber", apdu.block_number, 8)
    _close(w, "ActionResponse", "ActionResponseNextPBlock")


# --- builders --------------------------------------------------------------------------------
def _body(node: Node) -> Node:
    if len(node.children) != 1:
        raise node.error(f"<{node.raw_name}> contents", expected="one service element",
                         found=f"{len(node.children)} elements")
    return node.children[0]


@builds("ActionRequest")
def _build_request(node: Node, ctx: Context) -> Any:
    body = _body(node)
    invoke = read_invoke(body, ctx)
    kind = body.name
    if kind == "ActionRequestNormal":
        parameters = body.child("MethodInvocationParameters")
        if parameters is None:
            return ActionRequestNormal(invoke, read_method_descriptor(body, ctx), None, False)
        return ActionRequestNormal(invoke, read_method_descriptor(body, ctx), read_single_data(parameters, ctx), True)
    if kind == "ActionRequestForNextPBlock":
        return ActionRequestNextPBlock(invoke, read_number(body, "BlockNumber", ctx, 8))
    if kind == "ActionRequestWithList":
        return ActionRequestWithList(invoke, _read_method_list(body, ctx),
                                     read_value_list(body.need("MethodInvocationParameters"), ctx))
    if kind == "ActionRequestWithFirstPBlock":
        return ActionRequestWithFirstPBlock(invoke, read_method_descriptor(body, ctx), *read_data_block(body, ctx))
    if kind == "ActionRequestWithListAndFirstPBlock":
        return ActionRequestWithListAndFirstPBlock(invoke, _read_method_list(body, ctx), *read_data_block(body, ctx))
    if kind == "ActionRequestWithPBlock":
        return ActionRequestWithPBlock(invoke, *read_data_block(body, ctx))
    raise body.error("ActionRequest", expected="an ActionRequest form", found=f"<{body.raw_name}>")


@builds("ActionResponse")
def _build_response(node: Node, ctx: Context) -> Any:
    body = _body(node)
    invoke = read_invoke(body, ctx)
    kind = body.name
    if kind == "ActionResponseNormal":
        response = _read_response(body, ctx)
        flag = body.attrs.get("ReturnFlag", "1") != "0" or response.return_parameters is not None
        return ActionResponseNormal(invoke, response.result, response.return_parameters, flag)
    if kind == "ActionResponseWithPBlock":
        return ActionResponseWithPBlock(invoke, *read_data_block(body, ctx))
    if kind == "ActionResponseWithList":
        return ActionResponseWithList(invoke, [_read_response(child, ctx) for child in body.need("Result").children])
    if kind == "ActionResponseNextPBlock":
        return ActionResponseNextPBlock(invoke, read_number(body, "BlockNumber", ctx, 8))
    raise body.error("ActionResponse", expected="an ActionResponse form", found=f"<{body.raw_name}>")
