"""Short-name services in XML: READ, WRITE, UnconfirmedWrite and InformationReport.

Variable names are always hex in SIMPLE_XML (``<VariableName Value="FA08" />``) and decimal
in STANDARD_XML.  Gurux raises on the data-block forms; they are written here in the same
style (``<DataBlockResult>``, ``<ReadDataBlockAccess>``, ``<WriteDataBlockAccess>``).
"""

from __future__ import annotations

from typing import Any

from ..apdu.common import ErrorCode
from ..apdu.service_errors import enum_or_int
from ..apdu.sn import (
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
from .data_build import Context, parse_hex, parse_int, read_single_data
from .data_xml import write_data
from .names import DATA_ACCESS_RESULT
from .reader import Node
from .registry import builds, renders
from .writer import XmlWriter
from .xml_common import read_flag, read_hex_child, read_number
from .xml_set import read_value_list, write_value_list


def _name(w: XmlWriter, name: int) -> None:
    """ObjectName is an Integer16: signed decimal in STANDARD_XML, four hex digits in SIMPLE_XML."""
    w.value("VariableName", str(name - 0x10000 if name >= 0x8000 else name) if w.standard else f"{name:04X}")


def _read_name(node: Node, ctx: Context) -> int:
    child = node.need("VariableName")
    try:
        value = int(child.value, 10 if node.doc.standard else 16)
    except ValueError:
        raise child.error("variable name", expected="a number", found=repr(child.value)) from None
    if not -0x8000 <= value <= 0xFFFF:
        raise child.error("variable name", expected="-32768..65535", found=value)
    return value & 0xFFFF


def _block_number(w: XmlWriter, number: int) -> None:
    w.number("BlockNumber", number, 4)


def write_variable(w: XmlWriter, item: Any, wrap_block: bool = True) -> None:
    """One Variable-Access-Specification."""
    if isinstance(item, BlockNumberAccess):
        w.start("BlockNumberAccess")
        _block_number(w, item.block_number)
        w.end("BlockNumberAccess")
        return
    if w.standard:
        w.start("VariableAccessSpecification")
    if isinstance(item, VariableName):
        _name(w, item.name)
    elif isinstance(item, ParameterizedAccess):
        w.start("ParameterisedAccess")
        _name(w, item.name)
        w.number("Selector", item.selector, 2)
        w.start("Parameter")
        write_data(w, item.parameter)
        w.end("Parameter")
        w.end("ParameterisedAccess")
    elif isinstance(item, ReadDataBlockAccess):
        w.start("ReadDataBlockAccess")
        w.number("LastBlock", 1 if item.last_block else 0, 2)
        _block_number(w, item.block_number)
        w.value("RawData", bytes(item.raw_data).hex().upper())
        w.end("ReadDataBlockAccess")
    elif isinstance(item, WriteDataBlockAccess):
        w.start("WriteDataBlockAccess")
        w.number("LastBlock", 1 if item.last_block else 0, 2)
        _block_number(w, item.block_number)
        w.end("WriteDataBlockAccess")
    if w.standard:
        w.end("VariableAccessSpecification")


def read_variable(node: Node, ctx: Context) -> Any:
    if node.name == "VariableAccessSpecification":
        if len(node.children) != 1:
            raise node.error("Variable-Access-Specification", expected="one element",
                             found=f"{len(node.children)} elements")
        node = node.children[0]
    if node.name == "VariableName":
        holder = Node("", "", {}, node.token, node.doc)
        holder.children = [node]
        return VariableName(_read_name(holder, ctx))
    if node.name == "ParameterisedAccess":
        return ParameterizedAccess(_read_name(node, ctx), read_number(node, "Selector", ctx, 2),
                                   read_single_data(node.need("Parameter"), ctx))
    if node.name == "BlockNumberAccess":
        return BlockNumberAccess(read_number(node, "BlockNumber", ctx, 4))
    if node.name == "ReadDataBlockAccess":
        return ReadDataBlockAccess(read_flag(node, "LastBlock", ctx), read_number(node, "BlockNumber", ctx, 4),
                                   read_hex_child(node, "RawData"))
    if node.name == "WriteDataBlockAccess":
        return WriteDataBlockAccess(read_flag(node, "LastBlock", ctx), read_number(node, "BlockNumber", ctx, 4))
    raise node.error("variable access", expected="VariableName, ParameterisedAccess, BlockNumberAccess ...",
                     found=f"<{node.raw_name}>")


@renders(ReadRequest)
def _read_request(w: XmlWriter, apdu: ReadRequest) -> None:
    w.start("ReadRequest", len(apdu.variables))
    for item in apdu.variables:
        write_variable(w, item)
    w.end("ReadRequest")


@builds("ReadRequest")
def _build_read_request(node: Node, ctx: Context) -> Any:
    return ReadRequest([read_variable(child, ctx) for child in node.children])


def _error(w: XmlWriter, code: int) -> None:
    w.value("DataAccessErrorSN" if w.standard else "DataAccessError", DATA_ACCESS_RESULT.name(code, w.standard))


@renders(ReadResponse)
def _read_response(w: XmlWriter, apdu: ReadResponse) -> None:
    w.start("ReadResponse", len(apdu.results))
    for item in apdu.results:
        if w.standard:
            w.start("Choice")
        if isinstance(item, ReadData):
            w.start("Data")
            write_data(w, item.value)
            w.end("Data")
        elif isinstance(item, DataAccessError):
            _error(w, item.error)
        elif isinstance(item, DataBlockResult):
            w.start("DataBlockResult")
            w.number("LastBlock", 1 if item.last_block else 0, 2)
            _block_number(w, item.block_number)
            w.value("RawData", bytes(item.raw_data).hex().upper())
            w.end("DataBlockResult")
        elif isinstance(item, BlockNumber):
            _block_number(w, item.block_number)
        if w.standard:
            w.end("Choice")
    w.end("ReadResponse")


def _error_code(node: Node) -> Any:
    return enum_or_int(ErrorCode, DATA_ACCESS_RESULT.code(node))


@builds("ReadResponse")
def _build_read_response(node: Node, ctx: Context) -> Any:
    results: list[Any] = []
    for child in node.children:
        if child.name == "Choice":
            if len(child.children) != 1:
                raise child.error("CHOICE", expected="one element", found=f"{len(child.children)} elements")
            child = child.children[0]
        if child.name == "Data":
            results.append(ReadData(read_single_data(child, ctx)))
        elif child.name in ("DataAccessError", "DataAccessErrorSN", "DataAccessResult"):
            results.append(DataAccessError(_error_code(child)))
        elif child.name == "DataBlockResult":
            results.append(DataBlockResult(read_flag(child, "LastBlock", ctx),
                                           read_number(child, "BlockNumber", ctx, 4),
                                           read_hex_child(child, "RawData")))
        elif child.name == "BlockNumber":
            results.append(BlockNumber(parse_int(child, child.value, ctx, 4)))
        else:
            raise child.error("ReadResponse result", expected="Data, DataAccessError, DataBlockResult or BlockNumber",
                              found=f"<{child.raw_name}>")
    return ReadResponse(results)


def _write_lists(w: XmlWriter, variables: list[Any], values: list[Any]) -> None:
    w.start("ListOfVariableAccessSpecification", len(variables))
    for item in variables:
        write_variable(w, item)
    w.end("ListOfVariableAccessSpecification")
    write_value_list(w, "ListOfData", values)


def _read_lists(node: Node, ctx: Context) -> tuple[list[Any], list[Any]]:
    variables = [read_variable(child, ctx) for child in node.need("ListOfVariableAccessSpecification").children]
    return variables, read_value_list(node.need("ListOfData"), ctx)


@renders(WriteRequest, UnconfirmedWriteRequest)
def _write_request(w: XmlWriter, apdu: WriteRequest) -> None:
    key = "UnconfirmedWriteRequest" if isinstance(apdu, UnconfirmedWriteRequest) else "WriteRequest"
    w.start(key)
    _write_lists(w, apdu.variables, apdu.values)
    w.end(key)


@builds("WriteRequest", "UnconfirmedWriteRequest")
def _build_write_request(node: Node, ctx: Context) -> Any:
    cls = UnconfirmedWriteRequest if node.name == "UnconfirmedWriteRequest" else WriteRequest
    return cls(*_read_lists(node, ctx))


@renders(WriteResponse)
def _write_response(w: XmlWriter, apdu: WriteResponse) -> None:
    w.start("WriteResponse", len(apdu.results))
    for item in apdu.results:
        if isinstance(item, WriteSuccess):
            w.line("<success />" if w.standard else "<Success />")
        elif isinstance(item, DataAccessError):
            write_access = DATA_ACCESS_RESULT.name(item.error, w.standard)
            w.value("DataAccessResult" if w.standard else "DataAccessError", write_access)
        elif isinstance(item, BlockNumber):
            _block_number(w, item.block_number)
    w.end("WriteResponse")


@builds("WriteResponse")
def _build_write_response(node: Node, ctx: Context) -> Any:
    results: list[Any] = []
    for child in node.children:
        if child.name in ("Success", "success"):
            results.append(WriteSuccess())
        elif child.name in ("DataAccessError", "DataAccessResult", "DataAccessErrorSN"):
            results.append(DataAccessError(_error_code(child)))
        elif child.name == "BlockNumber":
            results.append(BlockNumber(parse_int(child, child.value, ctx, 4)))
        else:
            raise child.error("WriteResponse result", expected="Success, DataAccessError or BlockNumber",
                              found=f"<{child.raw_name}>")
    return WriteResponse(results)


@renders(InformationReportRequest)
def _information_report(w: XmlWriter, apdu: InformationReportRequest) -> None:
    w.start("InformationReportRequest")
    if apdu.current_time is not None:
        w.value("CurrentTime", bytes(apdu.current_time).hex().upper())
    _write_lists(w, apdu.variables, apdu.values)
    w.end("InformationReportRequest")


@builds("InformationReportRequest")
def _build_information_report(node: Node, ctx: Context) -> Any:
    time = node.child("CurrentTime")
    current = None if time is None else parse_hex(time, time.value)
    return InformationReportRequest(current, *_read_lists(node, ctx))
