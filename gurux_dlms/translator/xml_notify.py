"""Unsolicited and block-transfer PDUs in XML: DataNotification, EventNotificationRequest,
General-Block-Transfer."""

from __future__ import annotations

from typing import Any

from ..apdu.gbt import GeneralBlockTransfer
from ..apdu.notification import GURUX_TIME_FLAG, DataNotification, EventNotificationRequest
from .comments import octet_string_text
from .data_build import Context, parse_hex, read_single_data
from .data_xml import write_data
from .reader import Node
from .registry import builds, renders
from .writer import INDENTS, XmlWriter
from .xml_common import (
    read_attribute_descriptor,
    read_hex_child,
    read_number,
    write_attribute_descriptor,
)


def write_time(w: XmlWriter, key: str, raw: bytes, comment: bool = True) -> None:
    """An octet-string time (``<DateTime Value="" />`` when empty), explained when it is a date-time."""
    if comment and w.comments and raw:
        text = octet_string_text(raw)
        if text is not None:
            w.comment(text)
    w.value(key, bytes(raw).hex().upper())


@renders(DataNotification)
def _data_notification(w: XmlWriter, apdu: DataNotification) -> None:
    if w.hex and not w.comments:  # the usual case: the lines before the data in one string
        i = INDENTS[w.level]
        w.lines.append(f'{i}<DataNotification>\r\n'
                       f'{i}  <LongInvokeIdAndPriority Value="{"%08X" % (apdu.long_invoke_id_and_priority & 0xFFFFFFFF)}" />'
                       f'\r\n{i}  <DateTime Value="{bytes(apdu.date_time).hex().upper()}" />\r\n'
                       f'{i}  <NotificationBody>\r\n{i}    <DataValue>')
        w.level += 3
    else:
        w.start("DataNotification")
        w.number("LongInvokeIdAndPriority", apdu.long_invoke_id_and_priority, 8)
        write_time(w, "DateTime", apdu.date_time)
        w.open_many("NotificationBody", "DataValue")
    write_data(w, apdu.notification_body)
    w.close_many("DataValue", "NotificationBody", "DataNotification")


@builds("DataNotification")
def _build_data_notification(node: Node, ctx: Context) -> Any:
    invoke = read_number(node, "LongInvokeIdAndPriority", ctx, 8)
    time = node.child("DateTime")
    raw = b"" if time is None else parse_hex(time, time.value)
    body = node.need("NotificationBody").need("DataValue")
    return DataNotification(invoke, raw, read_single_data(body, ctx))


@renders(EventNotificationRequest)
def _event_notification(w: XmlWriter, apdu: EventNotificationRequest) -> None:
    w.start("EventNotificationRequest")
    if apdu.time is not None:
        if w.comments and apdu.time:
            text = octet_string_text(apdu.time)
            if text is not None:
                w.comment(text)
        text = bytes(apdu.time).hex().upper()
        if apdu.time_flag == GURUX_TIME_FLAG:
            w.value("Time", text)
        elif w.standard:
            w.line(f'<x:time Flag="{apdu.time_flag:02X}">{text}</x:time>')
        else:
            w.line(f'<Time Value="{text}" Flag="{apdu.time_flag:02X}" />')
    write_attribute_descriptor(w, apdu.attribute_descriptor)
    w.start("AttributeValue")
    write_data(w, apdu.attribute_value)
    w.end("AttributeValue")
    w.end("EventNotificationRequest")


@builds("EventNotificationRequest")
def _build_event_notification(node: Node, ctx: Context) -> Any:
    time_node = node.child("Time")
    time = None if time_node is None else parse_hex(time_node, time_node.value)
    flag = GURUX_TIME_FLAG
    if time_node is not None and "Flag" in time_node.attrs:
        text = time_node.attrs["Flag"]
        try:
            flag = int(text, 16)
        except ValueError:
            raise time_node.error("time flag", expected="a number", found=repr(text)) from None
    return EventNotificationRequest(time, read_attribute_descriptor(node, ctx),
                                    read_single_data(node.need("AttributeValue"), ctx), flag)


@renders(GeneralBlockTransfer)
def _general_block_transfer(w: XmlWriter, apdu: GeneralBlockTransfer) -> None:
    w.start("GeneralBlockTransfer")
    w.number("BlockControl", apdu.block_control, 2)
    w.number("BlockNumber", apdu.block_number, 4)
    w.number("BlockNumberAck", apdu.block_number_ack, 4)
    w.value("BlockData", bytes(apdu.block_data).hex().upper())
    w.end("GeneralBlockTransfer")


@builds("GeneralBlockTransfer")
def _build_general_block_transfer(node: Node, ctx: Context) -> Any:
    return GeneralBlockTransfer.from_block_control(
        read_number(node, "BlockControl", ctx, 2), read_number(node, "BlockNumber", ctx, 4),
        read_number(node, "BlockNumberAck", ctx, 4), read_hex_child(node, "BlockData"))
