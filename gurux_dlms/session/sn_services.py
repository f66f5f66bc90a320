"""Confirmed services of short-name referencing: READ, WRITE and methods invoked through READ.

An SN attribute is addressed by its object's base name plus ``(attribute - 1) * 8``; a
method by the base name plus the class's first method offset plus ``(method - 1) * 8`` and
is invoked with a ReadRequest carrying the parameter (parameterized access), so that the
method can return data.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..apdu.sn import ReadRequest, ReadResponse, WriteRequest, WriteResponse
from ..apdu.sn_items import (
    BlockNumberAccess,
    DataAccessError,
    DataBlockResult,
    ParameterizedAccess,
    ReadData,
    VariableAccess,
    VariableName,
    WriteSuccess,
)
from ..data import codec
from ..data.types import DataType
from ..errors import LocalProtocolError, RemoteProtocolError
from .services import AccessResult, Done, FollowUp, Step, Transaction

#: First method offset of the SN classes that have methods (Blue Book, short-name mapping).
METHOD_OFFSETS: dict[int, int] = {
    3: 0x28, 4: 0x38, 5: 0x48, 6: 0x30, 7: 0x58, 8: 0x60, 9: 0x20, 10: 0x20, 11: 0x10, 12: 0x20,
    18: 0x40, 20: 0x50, 29: 0x38, 40: 0x68, 42: 0x60, 48: 0x60, 64: 0x30, 65: 0x28, 70: 0x20,
    72: 0x70, 100: 0x38, 111: 0xA0, 112: 0x60, 113: 0x70, 115: 0x30, 122: 0x20, 124: 0x58,
}


def attribute_address(base_name: int, attribute: int) -> int:
    """The short name of attribute ``attribute`` of the object at ``base_name``."""
    if attribute < 1:
        raise LocalProtocolError("attribute index", expected="1 or more", found=attribute)
    return (base_name + (attribute - 1) * 8) & 0xFFFF


def method_address(base_name: int, class_id: int, method: int) -> int:
    """The short name of method ``method`` of an object of class ``class_id`` at ``base_name``."""
    offset = METHOD_OFFSETS.get(class_id)
    if offset is None:
        raise LocalProtocolError("SN method", expected="a class with methods", found=f"class {class_id}")
    if method < 1:
        raise LocalProtocolError("method index", expected="1 or more", found=method)
    return (base_name + offset + (method - 1) * 8) & 0xFFFF


def _result(item: Any) -> AccessResult:
    if isinstance(item, ReadData):
        return AccessResult(item.value)
    if isinstance(item, DataAccessError):
        return AccessResult(None, int(item.error))
    raise RemoteProtocolError("ReadResponse result", expected="data or a data-access-error", found=type(item).__name__)


class SnReadTransaction(Transaction):
    """READ of one or more variables, following data blocks."""

    name = "READ"

    def __init__(self, variables: Sequence[VariableAccess]) -> None:
        super().__init__(0)
        self.request = ReadRequest(list(variables))
        self.single = len(variables) == 1
        self.blocks = bytearray()
        self.expected_block = 1

    def first(self) -> Any:
        return self.request

    def accepts(self, apdu: Any) -> bool:
        return isinstance(apdu, ReadResponse)

    def on_response(self, apdu: Any) -> Step:
        if not isinstance(apdu, ReadResponse):
            raise self._unexpected(apdu)
        if len(apdu.results) == 1 and isinstance(apdu.results[0], DataBlockResult):
            block = apdu.results[0]
            if block.block_number != self.expected_block:
                raise RemoteProtocolError("READ data block number", expected=self.expected_block,
                                          found=block.block_number)
            self.blocks += block.raw_data
            if not block.last_block:
                self.expected_block += 1
                return FollowUp(ReadRequest([BlockNumberAccess(block.block_number)]))
            return Done(self.decode_blocks(bytes(self.blocks)))
        results = [_result(item) for item in apdu.results]
        return Done(results[0] if self.single else results)

    def decode_blocks(self, raw: bytes) -> Any:
        if self.single:
            return AccessResult(codec.decode(raw))
        from ..apdu.common import read_count
        from ..apdu.sn_items import READ_RESULT_CHOICES, read_choice_list

        count, _ = read_count(raw, 0, "READ results")
        items, _ = read_choice_list(raw, 0, "READ results", READ_RESULT_CHOICES)
        if len(items) != count:
            raise RemoteProtocolError("READ results", expected=count, found=len(items))
        return [_result(item) for item in items]


class SnMethodTransaction(SnReadTransaction):
    """An SN method, invoked by READ with parameterized access on the method's short name."""

    name = "SN method"

    def __init__(self, base_name: int, class_id: int, method: int, parameter: Any = None,
                 data_type: DataType | None = None) -> None:
        value = parameter if data_type is None or parameter is None else codec.typed(parameter, data_type)
        super().__init__([ParameterizedAccess(method_address(base_name, class_id, method), 1, value)])


class SnWriteTransaction(Transaction):
    """WRITE of one or more variables."""

    name = "WRITE"

    def __init__(self, variables: Sequence[VariableAccess], values: Sequence[Any]) -> None:
        super().__init__(0)
        if len(variables) != len(values):
            raise LocalProtocolError("WRITE", expected=f"{len(variables)} values", found=len(values))
        self.request = WriteRequest(list(variables), list(values))
        self.single = len(variables) == 1

    def first(self) -> Any:
        return self.request

    def accepts(self, apdu: Any) -> bool:
        return isinstance(apdu, WriteResponse)

    def on_response(self, apdu: Any) -> Step:
        if not isinstance(apdu, WriteResponse):
            raise self._unexpected(apdu)
        results = [AccessResult(None, None if isinstance(item, WriteSuccess) else int(getattr(item, "error", 250)))
                   for item in apdu.results]
        return Done(results[0] if self.single else results)


def variable(base_name: int, attribute: int) -> VariableName:
    """The variable-name access of an attribute."""
    return VariableName(attribute_address(base_name, attribute))


__all__ = [
    "METHOD_OFFSETS",
    "SnMethodTransaction",
    "SnReadTransaction",
    "SnWriteTransaction",
    "attribute_address",
    "method_address",
    "variable",
]
