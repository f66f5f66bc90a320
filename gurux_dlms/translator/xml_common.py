"""Pieces the LN services share, in XML: invoke ids, descriptors, selective access, results.

Each ``write_*`` renders one production of :mod:`gurux_dlms.apdu.common` and each
``read_*`` builds it back from the element.
"""

from __future__ import annotations

from typing import Any

from ..apdu.common import (
    AttributeDescriptor,
    AttributeDescriptorWithSelection,
    GetDataResult,
    MethodDescriptor,
    SelectiveAccess,
)
from ..data.obis import obis_to_str
from .data_build import Context, parse_hex, parse_int, read_single_data
from .data_xml import write_data
from .names import DATA_ACCESS_RESULT
from .reader import Node
from .writer import HEX2, INDENTS, XmlWriter


# --- invoke ids and plain numbers ------------------------------------------------------------
def write_invoke(w: XmlWriter, value: int) -> None:
    w.number("InvokeIdAndPriority", value, 2)


def read_invoke(node: Node, ctx: Context) -> int:
    return read_number(node, "InvokeIdAndPriority", ctx, 2)


#: the largest number of each count of hex digits
_LIMITS = [(1 << (digits * 4)) - 1 for digits in range(17)]


def read_number(node: Node, name: str, ctx: Context, digits: int, maximum: int | None = None) -> int:
    """The number in child ``name``, checked against the range of ``digits`` hex digits."""
    child = node.need(name)
    text = child.attrs.get("Value")
    if text is None:
        text = child.value
    try:  # parse_int in line: this is the most common element of every PDU
        value = int(text, 16 if ctx.hex else 10)
    except ValueError:
        value = parse_int(child, text, ctx, digits)  # raises, naming the element
    limit = _LIMITS[digits] if maximum is None else maximum
    if not 0 <= value <= limit:
        raise child.error(f"<{child.raw_name}> value", expected=f"0..{limit}", found=value)
    return value


def read_flag(node: Node, name: str, ctx: Context) -> bool:
    """A boolean written as a 0/1 number (``LastBlock``)."""
    return bool(read_number(node, name, ctx, 2, 1))


def read_hex_child(node: Node, name: str) -> bytes:
    child = node.need(name)
    return parse_hex(child, child.value)


# --- descriptors -----------------------------------------------------------------------------
def _write_descriptor(w: XmlWriter, key: str, class_id: int, instance_id: bytes, member_key: str,
                      member_id: int, wrapper: str | None = None) -> None:
    """A descriptor element (inside a ``wrapper`` element when one is given)."""
    if not w.comments and w.hex and 0 <= class_id <= 0xFFFF and 0 <= member_id <= 0xFF:
        # the usual case, in one string (numbers from the table of hex pairs: format specs are slow)
        o = INDENTS[w.level]
        i = o if wrapper is None else INDENTS[w.level + 1]
        text = (f'{i}<{key}>\r\n{i}  <ClassId Value="{HEX2[class_id >> 8]}{HEX2[class_id & 0xFF]}" />\r\n'
                f'{i}  <InstanceId Value="{bytes(instance_id).hex().upper()}" />\r\n'
                f'{i}  <{member_key} Value="{HEX2[member_id]}" />\r\n{i}</{key}>')
        w.lines.append(text if wrapper is None else f"{o}<{wrapper}>\r\n{text}\r\n{o}</{wrapper}>")
        return
    if wrapper is not None:
        w.start(wrapper)
        _write_descriptor(w, key, class_id, instance_id, member_key, member_id)
        w.end(wrapper)
        return
    w.start(key)
    if w.comments:
        w.comment(str(class_id))
    w.number("ClassId", class_id, 4)
    if w.comments and len(instance_id) == 6:
        w.comment(obis_to_str(instance_id))
    w.value("InstanceId", bytes(instance_id).hex().upper())
    w.number(member_key, member_id, 2)
    w.end(key)


def _open_with_descriptor(w: XmlWriter, outer: str, kind: str, invoke: int, key: str, class_id: int,
                          instance_id: bytes, member_key: str, member_id: int) -> None:
    if not w.comments and w.hex and 0 <= class_id <= 0xFFFF and 0 <= member_id <= 0xFF:
        i = INDENTS[w.level]  # the usual case, in one string (as _write_descriptor writes it)
        w.lines.append(f'{i}<{outer}>\r\n{i}  <{kind}>\r\n{i}    <InvokeIdAndPriority Value="{HEX2[invoke & 0xFF]}" />'
                       f'\r\n{i}    <{key}>\r\n{i}      <ClassId Value="{HEX2[class_id >> 8]}{HEX2[class_id & 0xFF]}" />'
                       f'\r\n{i}      <InstanceId Value="{bytes(instance_id).hex().upper()}" />'
                       f'\r\n{i}      <{member_key} Value="{HEX2[member_id]}" />\r\n{i}    </{key}>')
        w.level += 2
        return
    w.open_service(outer, kind, invoke)
    _write_descriptor(w, key, class_id, instance_id, member_key, member_id)


def open_with_attribute(w: XmlWriter, outer: str, kind: str, invoke: int, descriptor: AttributeDescriptor) -> None:
    """How GET and SET requests begin: the service elements, the invoke id and the attribute descriptor."""
    _open_with_descriptor(w, outer, kind, invoke, "AttributeDescriptor", descriptor.class_id, descriptor.instance_id,
                          "AttributeId", descriptor.attribute_id)


def open_with_method(w: XmlWriter, outer: str, kind: str, invoke: int, descriptor: MethodDescriptor) -> None:
    """How ACTION requests begin: the service elements, the invoke id and the method descriptor."""
    _open_with_descriptor(w, outer, kind, invoke, "MethodDescriptor", descriptor.class_id, descriptor.instance_id,
                          "MethodId", descriptor.method_id)


def write_attribute_descriptor(w: XmlWriter, descriptor: AttributeDescriptor) -> None:
    _write_descriptor(w, "AttributeDescriptor", descriptor.class_id, descriptor.instance_id, "AttributeId",
                      descriptor.attribute_id)


def write_method_descriptor(w: XmlWriter, descriptor: MethodDescriptor) -> None:
    _write_descriptor(w, "MethodDescriptor", descriptor.class_id, descriptor.instance_id, "MethodId",
                      descriptor.method_id)


def _read_descriptor(node: Node, ctx: Context, member: str) -> tuple[int, bytes, int]:
    found = _read_usual_descriptor(node, ctx, member)
    if found is not None:
        return found
    class_id = read_number(node, "ClassId", ctx, 4)
    instance = node.need("InstanceId")
    instance_id = parse_hex(instance, instance.value)
    if len(instance_id) != 6:
        raise instance.error("instance id", expected="6 bytes", found=f"{len(instance_id)} bytes")
    return class_id, instance_id, read_number(node, member, ctx, 2)


def _read_usual_descriptor(node: Node, ctx: Context, member: str) -> tuple[int, bytes, int] | None:
    """The descriptor as the translator writes it (its three elements in order, with ``Value``
    attributes, valid), read in one go; None for anything else, which _read_descriptor reads
    (or rejects, naming the element) one element at a time."""
    children = node.children
    if len(children) != 3:
        return None
    class_node, instance_node, member_node = children
    if class_node.name != "ClassId" or instance_node.name != "InstanceId" or member_node.name != member:
        return None
    base = 16 if ctx.hex else 10
    try:
        class_id = int(class_node.attrs["Value"], base)
        instance_id = bytes.fromhex(instance_node.attrs["Value"])
        member_id = int(member_node.attrs["Value"], base)
    except (KeyError, ValueError):
        return None
    if 0 <= class_id <= 0xFFFF and len(instance_id) == 6 and 0 <= member_id <= 0xFF:
        return class_id, instance_id, member_id
    return None


def read_attribute_descriptor(node: Node, ctx: Context) -> AttributeDescriptor:
    return AttributeDescriptor(*_read_descriptor(node.need("AttributeDescriptor"), ctx, "AttributeId"))


def read_method_descriptor(node: Node, ctx: Context) -> MethodDescriptor:
    return MethodDescriptor(*_read_descriptor(node.need("MethodDescriptor"), ctx, "MethodId"))


# --- selective access ------------------------------------------------------------------------
def write_selection(w: XmlWriter, selection: SelectiveAccess | None) -> None:
    if selection is None:
        return
    if w.hex:  # SIMPLE_XML with hex numbers: the three opening lines in one string
        i = INDENTS[w.level]
        w.lines.append(f'{i}<AccessSelection>\r\n{i}  <AccessSelector Value="{HEX2[selection.selector & 0xFF]}" />'
                       f'\r\n{i}  <AccessParameters>')
        w.level += 2
    else:
        w.start("AccessSelection")
        w.number("AccessSelector", selection.selector, 2)
        w.start("AccessParameters")
    write_data(w, selection.parameters)
    w.close_many("AccessParameters", "AccessSelection")


def read_selection(node: Node, ctx: Context) -> SelectiveAccess | None:
    element = node.child("AccessSelection")
    if element is None:
        return None
    selector = read_number(element, "AccessSelector", ctx, 2)
    return SelectiveAccess(selector, read_single_data(element.need("AccessParameters"), ctx))


def write_descriptor_list(w: XmlWriter, items: list[AttributeDescriptorWithSelection]) -> None:
    w.start("AttributeDescriptorList", len(items))
    for item in items:
        descriptor = item.attribute_descriptor
        if item.access_selection is None:  # wrapper and descriptor in one go
            _write_descriptor(w, "AttributeDescriptor", descriptor.class_id, descriptor.instance_id, "AttributeId",
                              descriptor.attribute_id, "AttributeDescriptorWithSelection")
            continue
        w.start("AttributeDescriptorWithSelection")
        write_attribute_descriptor(w, descriptor)
        write_selection(w, item.access_selection)
        w.end("AttributeDescriptorWithSelection")
    w.end("AttributeDescriptorList")


def read_descriptor_list(node: Node, ctx: Context) -> list[AttributeDescriptorWithSelection]:
    items = []
    for child in node.need("AttributeDescriptorList").children:
        if child.name != "AttributeDescriptorWithSelection":
            raise child.error("attribute descriptor list item", expected="<AttributeDescriptorWithSelection>",
                              found=f"<{child.raw_name}>")
        items.append(AttributeDescriptorWithSelection(read_attribute_descriptor(child, ctx),
                                                      read_selection(child, ctx)))
    return items


# --- results ---------------------------------------------------------------------------------
def write_access_error(w: XmlWriter, key: str, code: int) -> None:
    """``<DataAccessError Value="ReadWriteDenied" />`` (or another key) / ``<x:data-access-result>``."""
    w.value(key, DATA_ACCESS_RESULT.name(code, w.standard))


def write_get_data_result(w: XmlWriter, value: Any, error: int | None) -> None:
    """The inside of a ``<Result>``: ``<Data>value</Data>`` or the data-access error."""
    if error is None:
        w.start("Data")
        write_data(w, value)
        w.end("Data")
    else:
        write_access_error(w, "DataAccessError", error)


def read_get_data_result(node: Node, ctx: Context) -> GetDataResult:
    """A Get-Data-Result from a ``<Data>`` or ``<DataAccessError>`` (``<DataAccessResult>``) element."""
    if node.name == "Data":
        return GetDataResult(read_single_data(node, ctx))
    if node.name in ("DataAccessError", "DataAccessResult"):
        return GetDataResult(None, DATA_ACCESS_RESULT.code(node))
    raise node.error("result", expected="<Data> or <DataAccessError>", found=f"<{node.raw_name}>")


def read_result_in(node: Node, ctx: Context) -> GetDataResult:
    """The single Get-Data-Result inside ``node``."""
    for child in node.children:
        if child.name in ("Data", "DataAccessError", "DataAccessResult"):
            return read_get_data_result(child, ctx)
    raise node.error("result", expected="<Data> or <DataAccessError>", found="neither")


def write_data_block(w: XmlWriter, last_block: bool, block_number: int, raw: bytes) -> None:
    """``<DataBlock>`` of the SET and ACTION block transfers."""
    w.start("DataBlock")
    w.number("LastBlock", 1 if last_block else 0, 2)
    w.number("BlockNumber", block_number, 8)
    w.value("RawData", bytes(raw).hex().upper())
    w.end("DataBlock")


def read_data_block(node: Node, ctx: Context, name: str = "DataBlock") -> tuple[bool, int, bytes]:
    block = node.need(name)
    return (read_flag(block, "LastBlock", ctx), read_number(block, "BlockNumber", ctx, 8),
            read_hex_child(block, "RawData"))


__all__ = [
    "open_with_attribute", "open_with_method", "read_attribute_descriptor", "read_data_block", "read_descriptor_list", "read_flag", "read_get_data_result",
    "read_hex_child", "read_invoke", "read_method_descriptor", "read_number", "read_result_in", "read_selection",
    "write_access_error", "write_attribute_descriptor", "write_data_block", "write_descriptor_list",
    "write_get_data_result", "write_invoke", "write_method_descriptor", "write_selection",
]
