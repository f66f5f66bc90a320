"""ACCESS service in XML: AccessRequest and AccessResponse (Gurux's element names)."""

from __future__ import annotations

from typing import Any

from ..apdu.access import (
    AccessRequest,
    AccessRequestSpecification,
    AccessResponse,
    AccessResponseSpecification,
    AccessServiceCommandType,
)
from ..apdu.common import AttributeDescriptor
from .data_build import Context, parse_hex
from .names import DATA_ACCESS_RESULT
from .reader import Node
from .registry import builds, renders
from .writer import XmlWriter
from .xml_common import (
    read_attribute_descriptor,
    read_method_descriptor,
    read_number,
    read_selection,
    write_access_error,
    write_attribute_descriptor,
    write_method_descriptor,
    write_selection,
)
from .xml_set import read_value_list, write_value_list

_REQUEST_TAGS = {
    AccessServiceCommandType.GET: "AccessRequestGet",
    AccessServiceCommandType.SET: "AccessRequestSet",
    AccessServiceCommandType.ACTION: "AccessRequestAction",
    AccessServiceCommandType.GET_WITH_SELECTION: "AccessRequestGetWithSelection",
    AccessServiceCommandType.SET_WITH_SELECTION: "AccessRequestSetWithSelection",
}
_REQUEST_SERVICES = {tag: int(service) for service, tag in _REQUEST_TAGS.items()}
_RESPONSE_TAGS = {
    AccessServiceCommandType.GET: "AccessResponseGet",
    AccessServiceCommandType.SET: "AccessResponseSet",
    AccessServiceCommandType.ACTION: "AccessResponseAction",
}
_RESPONSE_SERVICES = {tag: int(service) for service, tag in _RESPONSE_TAGS.items()}


def _write_head(w: XmlWriter, key: str, invoke: int, date_time: bytes) -> None:
    w.start(key)
    w.number("LongInvokeIdAndPriority", invoke, 8)
    w.value("DateTime", bytes(date_time).hex().upper())


def _write_specification(w: XmlWriter, items: list[AccessRequestSpecification]) -> None:
    w.start("AccessRequestSpecification", len(items))
    for item in items:
        tag = _REQUEST_TAGS.get(item.service)  # type: ignore[call-overload]
        if tag is None:
            raise ValueError(f"access service {item.service}")
        w.start("_AccessRequestSpecification")
        w.start(tag)
        if isinstance(item.descriptor, AttributeDescriptor):
            write_attribute_descriptor(w, item.descriptor)
        else:
            write_method_descriptor(w, item.descriptor)
        write_selection(w, item.access_selection)
        w.end(tag)
        w.end("_AccessRequestSpecification")
    w.end("AccessRequestSpecification")


def _read_specification(node: Node, ctx: Context) -> list[AccessRequestSpecification]:
    items = []
    for wrapper in node.children:
        if len(wrapper.children) != 1:
            raise wrapper.error("access request specification", expected="one service element",
                                found=f"{len(wrapper.children)} elements")
        item = wrapper.children[0]
        service = _REQUEST_SERVICES.get(item.name)
        if service is None:
            raise item.error("access request specification", expected="AccessRequestGet, -Set, -Action ...",
                             found=f"<{item.raw_name}>")
        if service == AccessServiceCommandType.ACTION:
            descriptor: Any = read_method_descriptor(item, ctx)
        else:
            descriptor = read_attribute_descriptor(item, ctx)
        items.append(AccessRequestSpecification(service, descriptor, read_selection(item, ctx)))
    return items


def _read_head(node: Node, ctx: Context) -> tuple[int, bytes]:
    invoke = read_number(node, "LongInvokeIdAndPriority", ctx, 8)
    time = node.child("DateTime")
    return invoke, b"" if time is None else parse_hex(time, time.value)


@renders(AccessRequest)
def _access_request(w: XmlWriter, apdu: AccessRequest) -> None:
    _write_head(w, "AccessRequest", apdu.long_invoke_id_and_priority, apdu.date_time)
    w.start("AccessRequestBody")
    _write_specification(w, apdu.request_specification)
    write_value_list(w, "AccessRequestListOfData", apdu.list_of_data)
    w.end("AccessRequestBody")
    w.end("AccessRequest")


@builds("AccessRequest")
def _build_access_request(node: Node, ctx: Context) -> Any:
    invoke, date_time = _read_head(node, ctx)
    body = node.need("AccessRequestBody")
    return AccessRequest(invoke, date_time, _read_specification(body.need("AccessRequestSpecification"), ctx),
                         read_value_list(body.need("AccessRequestListOfData"), ctx))


@renders(AccessResponse)
def _access_response(w: XmlWriter, apdu: AccessResponse) -> None:
    _write_head(w, "AccessResponse", apdu.long_invoke_id_and_priority, apdu.date_time)
    w.start("AccessResponseBody")
    if apdu.request_specification is not None:
        _write_specification(w, apdu.request_specification)
    write_value_list(w, "AccessResponseListOfData", apdu.list_of_data)
    w.start("AccessResponseSpecification", len(apdu.response_specification))
    for item in apdu.response_specification:
        tag = _RESPONSE_TAGS.get(item.service)  # type: ignore[call-overload]
        if tag is None:
            raise ValueError(f"access service {item.service}")
        w.start("_AccessResponseSpecification")
        w.start(tag)
        write_access_error(w, "Result", item.result)
        w.end(tag)
        w.end("_AccessResponseSpecification")
    w.end("AccessResponseSpecification")
    w.end("AccessResponseBody")
    w.end("AccessResponse")


@builds("AccessResponse")
def _build_access_response(node: Node, ctx: Context) -> Any:
    invoke, date_time = _read_head(node, ctx)
    body = node.need("AccessResponseBody")
    echo = body.child("AccessRequestSpecification")
    results = []
    for wrapper in body.need("AccessResponseSpecification").children:
        if len(wrapper.children) != 1:
            raise wrapper.error("access response specification", expected="one service element",
                                found=f"{len(wrapper.children)} elements")
        item = wrapper.children[0]
        service = _RESPONSE_SERVICES.get(item.name)
        if service is None:
            raise item.error("access response specification", expected="AccessResponseGet, -Set or -Action",
                             found=f"<{item.raw_name}>")
        results.append(AccessResponseSpecification(service, DATA_ACCESS_RESULT.code(item.need("Result"))))
    return AccessResponse(invoke, date_time, None if echo is None else _read_specification(echo, ctx),
                          read_value_list(body.need("AccessResponseListOfData"), ctx), results)
