"""Short-name (SN) services: READ, WRITE, UnconfirmedWrite and InformationReport (A-XDR).

::

    Variable-Access-Specification ::= CHOICE {
        variable-name            [2] ObjectName,                        -- u16 base name + offset
        parameterized-access     [4] { variable-name, selector Unsigned8, parameter Data },
        block-number-access      [5] { block-number Unsigned16 },
        read-data-block-access   [6] { last-block BOOLEAN, block-number Unsigned16, raw-data OCTET STRING },
        write-data-block-access  [7] { last-block BOOLEAN, block-number Unsigned16 } }

    ReadRequest  ::= SEQUENCE OF Variable-Access-Specification                          -- 0x05
    ReadResponse ::= SEQUENCE OF CHOICE { data [0] Data, data-access-error [1] Data-Access-Result,
                                          data-block-result [2] { last-block, block-number, raw-data },
                                          block-number [3] Unsigned16 }                      -- 0x0C
    WriteRequest ::= SEQUENCE { SEQUENCE OF Variable-Access-Specification, SEQUENCE OF Data } -- 0x06
    WriteResponse ::= SEQUENCE OF CHOICE { success [0], data-access-error [1],
                                           block-number [2] Unsigned16 }                       -- 0x0D
    UnconfirmedWriteRequest  ::= as WriteRequest                                               -- 0x16
    InformationReportRequest ::= SEQUENCE { current-time OPTIONAL, SEQUENCE OF Variable-Access-
                                            Specification, SEQUENCE OF Data }                 -- 0x18

Counts are A-XDR lengths; the items of the lists are in :mod:`.sn_items`.  The current-time
of an InformationReport is read as Gurux reads it: one length octet (0: no time) followed
by that many bytes (a 12-byte date-time).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from ..errors import DecodeError, LocalProtocolError
from .base import Apdu, register
from .common import truncated
from .sn_items import (
    ACCESS_CHOICES,
    READ_RESULT_CHOICES,
    WRITE_RESULT_CHOICES,
    BlockNumber,
    BlockNumberAccess,
    DataAccessError,
    DataBlockResult,
    ParameterizedAccess,
    ReadData,
    ReadDataBlockAccess,
    ReadResult,
    VariableAccess,
    VariableName,
    WriteDataBlockAccess,
    WriteResult,
    WriteSuccess,
    read_choice_list,
    read_data_list,
    write_choice_list,
    write_data_list,
)


def _read_variables(data: bytes, pos: int, what: str) -> tuple[list[VariableAccess], int]:
    return read_choice_list(data, pos, what, ACCESS_CHOICES, 3)


@register
@dataclass(slots=True)
class ReadRequest(Apdu):
    """READ request: the variables to read."""

    TAG: ClassVar[int] = 0x05

    variables: list[VariableAccess] = field(default_factory=list)

    def encode_into(self, out: bytearray) -> None:
        out.append(self.TAG)
        write_choice_list(out, self.variables, "ReadRequest variables", ACCESS_CHOICES)

    @classmethod
    def decode_body(cls, data: bytes, pos: int) -> tuple[ReadRequest, int]:
        variables, pos = _read_variables(data, pos, "ReadRequest variables")
        return cls(variables), pos


@register
@dataclass(slots=True)
class ReadResponse(Apdu):
    """READ response: one result per variable read."""

    TAG: ClassVar[int] = 0x0C

    results: list[ReadResult] = field(default_factory=list)

    def encode_into(self, out: bytearray) -> None:
        out.append(self.TAG)
        write_choice_list(out, self.results, "ReadResponse results", READ_RESULT_CHOICES)

    @classmethod
    def decode_body(cls, data: bytes, pos: int) -> tuple[ReadResponse, int]:
        results, pos = read_choice_list(data, pos, "ReadResponse results", READ_RESULT_CHOICES, 2)
        return cls(results), pos


@register
@dataclass(slots=True)
class WriteResponse(Apdu):
    """WRITE response: one result per variable written."""

    TAG: ClassVar[int] = 0x0D

    results: list[WriteResult] = field(default_factory=list)

    def encode_into(self, out: bytearray) -> None:
        out.append(self.TAG)
        write_choice_list(out, self.results, "WriteResponse results", WRITE_RESULT_CHOICES)

    @classmethod
    def decode_body(cls, data: bytes, pos: int) -> tuple[WriteResponse, int]:
        results, pos = read_choice_list(data, pos, "WriteResponse results", WRITE_RESULT_CHOICES)
        return cls(results), pos


@dataclass(slots=True)
class _WriteLike(Apdu):
    """WRITE and UnconfirmedWrite: the variables, then the values to write to them."""

    variables: list[VariableAccess] = field(default_factory=list)
    values: list[Any] = field(default_factory=list)

    def encode_into(self, out: bytearray) -> None:
        out.append(self.TAG)
        name = type(self).__name__
        write_choice_list(out, self.variables, f"{name} variables", ACCESS_CHOICES)
        write_data_list(out, self.values, f"{name} values")

    @classmethod
    def decode_body(cls, data: bytes, pos: int) -> tuple[Any, int]:
        variables, pos = _read_variables(data, pos, f"{cls.__name__} variables")
        values, pos = read_data_list(data, pos, f"{cls.__name__} values")
        return cls(variables, values), pos


@register
@dataclass(slots=True)
class WriteRequest(_WriteLike):
    """WRITE request: the variables and the values to write to them."""

    TAG: ClassVar[int] = 0x06


@register
@dataclass(slots=True)
class UnconfirmedWriteRequest(_WriteLike):
    """UnconfirmedWrite request: a WRITE the server does not answer."""

    TAG: ClassVar[int] = 0x16


@register
@dataclass(slots=True)
class InformationReportRequest(Apdu):
    """InformationReport: the server pushes variables and their values (SN's event notification)."""

    TAG: ClassVar[int] = 0x18

    #: The report time's bytes (usually a 12-byte date-time), or None when not given.
    current_time: bytes | None = None
    variables: list[VariableAccess] = field(default_factory=list)
    values: list[Any] = field(default_factory=list)

    def encode_into(self, out: bytearray) -> None:
        out.append(self.TAG)
        if self.current_time is None:
            out.append(0)
        else:
            if not isinstance(self.current_time, (bytes, bytearray)) or not 0 < len(self.current_time) < 0x80:
                raise LocalProtocolError(
                    "InformationReport current time",
                    expected="1..127 bytes or None",
                    found=repr(self.current_time),
                )
            out.append(len(self.current_time))
            out += self.current_time
        write_choice_list(out, self.variables, "InformationReport variables", ACCESS_CHOICES)
        write_data_list(out, self.values, "InformationReport values")

    @classmethod
    def decode_body(cls, data: bytes, pos: int) -> tuple[InformationReportRequest, int]:
        if pos >= len(data):
            raise truncated("InformationReport current time", pos, 1, data)
        size = data[pos]
        current_time = None
        if size:
            if size >= 0x80 or pos + 1 + size > len(data):
                raise DecodeError(
                    "InformationReport current time",
                    where=pos,
                    expected="a length 1..127 that fits",
                    found=size,
                )
            current_time = data[pos + 1 : pos + 1 + size]
        variables, pos = _read_variables(data, pos + 1 + size, "InformationReport variables")
        values, pos = read_data_list(data, pos, "InformationReport values")
        return cls(current_time, variables, values), pos


__all__ = [
    "BlockNumber",
    "BlockNumberAccess",
    "DataAccessError",
    "DataBlockResult",
    "InformationReportRequest",
    "ParameterizedAccess",
    "ReadData",
    "ReadDataBlockAccess",
    "ReadRequest",
    "ReadResponse",
    "ReadResult",
    "UnconfirmedWriteRequest",
    "VariableAccess",
    "VariableName",
    "WriteDataBlockAccess",
    "WriteRequest",
    "WriteResponse",
    "WriteResult",
    "WriteSuccess",
]
