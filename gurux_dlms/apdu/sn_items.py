"""The items of the SN services: Variable-Access-Specification and the READ/WRITE results.

Each item is a small class with ``write_body`` / ``read_body`` for what follows its CHOICE
byte; the CHOICE numbers live in tables (:data:`ACCESS_CHOICES`, :data:`READ_RESULT_CHOICES`,
:data:`WRITE_RESULT_CHOICES`) because the same item has different numbers in different
lists (block-number is [3] in a ReadResponse and [2] in a WriteResponse).
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from typing import Any

from ..data.codec import encode_into as encode_value
from ..errors import DecodeError, LocalProtocolError
from .common import (
    ErrorCode,
    put_count,
    put_octet_string,
    put_u8,
    put_u16,
    read_count,
    read_data,
    read_flag,
    read_octet_string,
    read_u8,
    truncated,
)
from .service_errors import enum_or_int

_U16 = struct.Struct(">H")
_U16_U8 = struct.Struct(">HB")


def read_u16(data: bytes, pos: int, what: str) -> tuple[int, int]:
    try:
        return _U16.unpack_from(data, pos)[0], pos + 2
    except struct.error:
        raise truncated(what, pos, 2, data) from None


def _read_block_head(data: bytes, pos: int) -> tuple[bool, int, int]:
    last, pos = read_flag(data, pos, "last-block")
    number, pos = read_u16(data, pos, "block number")
    return last, number, pos


def _put_block_head(out: bytearray, last_block: bool, block_number: int) -> None:
    out.append(1 if last_block else 0)
    put_u16(out, block_number, "block number")


# --- Variable-Access-Specification -----------------------------------------------------------------
@dataclass(slots=True, frozen=True)
class VariableName:
    """variable-name [2]: a short name (base name + 8 × (attribute - 1), or a method's offset)."""

    name: int

    def write_body(self, out: bytearray) -> None:
        put_u16(out, self.name, "variable name")

    @classmethod
    def read_body(cls, data: bytes, pos: int) -> tuple[VariableName, int]:
        name, pos = read_u16(data, pos, "variable name")
        return cls(name), pos


@dataclass(slots=True)
class ParameterizedAccess:
    """parameterized-access [4]: a variable read with a selector and parameters (profile rows)."""

    name: int
    selector: int
    parameter: Any = None

    def write_body(self, out: bytearray) -> None:
        put_u16(out, self.name, "variable name")
        put_u8(out, self.selector, "selector")
        encode_value(out, self.parameter)

    @classmethod
    def read_body(cls, data: bytes, pos: int) -> tuple[ParameterizedAccess, int]:
        try:
            name, selector = _U16_U8.unpack_from(data, pos)
        except struct.error:
            raise truncated("parameterized access name and selector", pos, 3, data) from None
        parameter, pos = read_data(data, pos + 3, "parameterized access parameter")
        return cls(name, selector, parameter), pos


@dataclass(slots=True, frozen=True)
class BlockNumberAccess:
    """block-number-access [5]: ask for the next block of a long READ response."""

    block_number: int

    def write_body(self, out: bytearray) -> None:
        put_u16(out, self.block_number, "block number")

    @classmethod
    def read_body(cls, data: bytes, pos: int) -> tuple[BlockNumberAccess, int]:
        number, pos = read_u16(data, pos, "block number")
        return cls(number), pos


class _RawBlock:
    """The wire form shared by read-data-block-access and data-block-result: head, then raw data."""

    __slots__ = ()
    last_block: bool
    block_number: int
    raw_data: bytes

    def write_body(self, out: bytearray) -> None:
        _put_block_head(out, self.last_block, self.block_number)
        put_octet_string(out, self.raw_data, "raw-data")

    @classmethod
    def read_body(cls, data: bytes, pos: int) -> tuple[Any, int]:
        last, number, pos = _read_block_head(data, pos)
        raw, pos = read_octet_string(data, pos, "raw-data")
        return cls(last, number, raw), pos  # type: ignore[call-arg]


@dataclass(slots=True, frozen=True)
class ReadDataBlockAccess(_RawBlock):
    """read-data-block-access [6]: one block of a long READ request."""

    last_block: bool
    block_number: int
    raw_data: bytes


@dataclass(slots=True, frozen=True)
class WriteDataBlockAccess:
    """write-data-block-access [7]: which block of a long WRITE the data is."""

    last_block: bool
    block_number: int

    def write_body(self, out: bytearray) -> None:
        _put_block_head(out, self.last_block, self.block_number)

    @classmethod
    def read_body(cls, data: bytes, pos: int) -> tuple[WriteDataBlockAccess, int]:
        last, number, pos = _read_block_head(data, pos)
        return cls(last, number), pos


# --- results -------------------------------------------------------------------------------------
@dataclass(slots=True)
class ReadData:
    """data [0] of a ReadResponse: the value read."""

    value: Any = None

    def write_body(self, out: bytearray) -> None:
        encode_value(out, self.value)

    @classmethod
    def read_body(cls, data: bytes, pos: int) -> tuple[ReadData, int]:
        value, pos = read_data(data, pos, "ReadResponse data")
        return cls(value), pos


@dataclass(slots=True, frozen=True)
class DataAccessError:
    """data-access-error [1] of a Read/WriteResponse: why that variable failed."""

    error: ErrorCode | int

    def write_body(self, out: bytearray) -> None:
        put_u8(out, self.error, "data-access-result")

    @classmethod
    def read_body(cls, data: bytes, pos: int) -> tuple[DataAccessError, int]:
        error, pos = read_u8(data, pos, "data-access-result")
        return cls(enum_or_int(ErrorCode, error)), pos


@dataclass(slots=True, frozen=True)
class DataBlockResult(_RawBlock):
    """data-block-result [2] of a ReadResponse: one block of a long response."""

    last_block: bool
    block_number: int
    raw_data: bytes


@dataclass(slots=True, frozen=True)
class BlockNumber:
    """block-number: the block acknowledged (ReadResponse [3], WriteResponse [2])."""

    block_number: int

    def write_body(self, out: bytearray) -> None:
        put_u16(out, self.block_number, "block number")

    @classmethod
    def read_body(cls, data: bytes, pos: int) -> tuple[BlockNumber, int]:
        number, pos = read_u16(data, pos, "block number")
        return cls(number), pos


@dataclass(slots=True, frozen=True)
class WriteSuccess:
    """success [0] of a WriteResponse."""

    def write_body(self, out: bytearray) -> None:
        return None

    @classmethod
    def read_body(cls, data: bytes, pos: int) -> tuple[WriteSuccess, int]:
        return cls(), pos


VariableAccess = (
    VariableName | ParameterizedAccess | BlockNumberAccess | ReadDataBlockAccess | WriteDataBlockAccess
)
ReadResult = ReadData | DataAccessError | DataBlockResult | BlockNumber
WriteResult = WriteSuccess | DataAccessError | BlockNumber

#: CHOICE number to item class, per list kind.
ACCESS_CHOICES: dict[int, Any] = {
    2: VariableName,
    4: ParameterizedAccess,
    5: BlockNumberAccess,
    6: ReadDataBlockAccess,
    7: WriteDataBlockAccess,
}
READ_RESULT_CHOICES: dict[int, Any] = {0: ReadData, 1: DataAccessError, 2: DataBlockResult, 3: BlockNumber}
WRITE_RESULT_CHOICES: dict[int, Any] = {0: WriteSuccess, 1: DataAccessError, 2: BlockNumber}
_NUMBERS = {
    id(table): {cls: choice for choice, cls in table.items()}
    for table in (ACCESS_CHOICES, READ_RESULT_CHOICES, WRITE_RESULT_CHOICES)
}


def read_choice_list(
    data: bytes, pos: int, what: str, choices: dict[int, Any], min_size: int = 1
) -> tuple[list[Any], int]:
    """A SEQUENCE OF CHOICE: the count, then per item its CHOICE byte and body."""
    count, pos = read_count(data, pos, what, min_size)
    items = []
    for _ in range(count):
        if pos >= len(data):
            raise truncated(f"{what} item", pos, 1, data)
        cls = choices.get(data[pos])
        if cls is None:
            raise DecodeError(
                f"{what} item", where=pos, expected=f"a choice in {sorted(choices)}", found=data[pos]
            )
        item, pos = cls.read_body(data, pos + 1)
        items.append(item)
    return items, pos


def write_choice_list(out: bytearray, items: list[Any], what: str, choices: dict[int, Any]) -> None:
    put_count(out, items, what)
    numbers = _NUMBERS[id(choices)]
    for item in items:
        choice = numbers.get(type(item))
        if choice is None:
            names = ", ".join(cls.__name__ for cls in choices.values())
            raise LocalProtocolError(f"{what} item", expected=f"one of {names}", found=type(item).__name__)
        out.append(choice)
        item.write_body(out)


def read_data_list(data: bytes, pos: int, what: str) -> tuple[list[Any], int]:
    count, pos = read_count(data, pos, what)
    values = []
    for _ in range(count):
        value, pos = read_data(data, pos, what)
        values.append(value)
    return values, pos


def write_data_list(out: bytearray, values: list[Any], what: str) -> None:
    put_count(out, values, what)
    for value in values:
        encode_value(out, value)


__all__ = [
    "ACCESS_CHOICES",
    "READ_RESULT_CHOICES",
    "WRITE_RESULT_CHOICES",
    "BlockNumber",
    "BlockNumberAccess",
    "DataAccessError",
    "DataBlockResult",
    "ParameterizedAccess",
    "ReadData",
    "ReadDataBlockAccess",
    "ReadResult",
    "VariableAccess",
    "VariableName",
    "WriteDataBlockAccess",
    "WriteResult",
    "WriteSuccess",
    "read_choice_list",
    "read_data_list",
    "write_choice_list",
    "write_data_list",
]
