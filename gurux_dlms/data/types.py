"""DLMS data types and the Python values that carry them.

Decoding returns values that remember their A-XDR type, so that ``encode(decode(b)) == b``
for every valid ``b``.  The integer and float wrappers subclass ``int``/``float``: they
compare, hash and compute like plain numbers, and arithmetic on them gives plain numbers.
Range checks happen when a value is encoded, not when it is built, because decoding must
stay cheap (profiles carry hundreds of thousands of values).
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any, ClassVar


class DataType(IntEnum):
    """A-XDR type tags, with Gurux's member names."""

    NONE = 0
    ARRAY = 1
    STRUCTURE = 2
    BOOLEAN = 3
    BITSTRING = 4
    INT32 = 5
    UINT32 = 6
    OCTET_STRING = 9
    STRING = 10
    STRING_UTF8 = 12
    BCD = 13
    INT8 = 15
    INT16 = 16
    UINT8 = 17
    UINT16 = 18
    COMPACT_ARRAY = 19
    INT64 = 20
    UINT64 = 21
    ENUM = 22
    FLOAT32 = 23
    FLOAT64 = 24
    DATETIME = 25
    DATE = 26
    TIME = 27
    DELTA_INT8 = 28
    DELTA_INT16 = 29
    DELTA_INT32 = 30
    DELTA_UINT8 = 31
    DELTA_UINT16 = 32
    DELTA_UINT32 = 33


class GXTypedInt(int):
    """Base of the integer wrappers: an ``int`` that knows its DLMS type."""

    __slots__ = ()
    dataType: ClassVar[DataType]
    minimum: ClassVar[int]
    maximum: ClassVar[int]

    @property
    def value(self) -> int:
        """The plain integer (Gurux exposes the number as ``.value``)."""
        return int(self)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({int(self)})"

    __str__ = int.__repr__


class GXInt8(GXTypedInt):
    """A DLMS integer (int8)."""

    __slots__ = ()
    dataType = DataType.INT8
    minimum = -(1 << 7)
    maximum = (1 << 7) - 1


class GXInt16(GXTypedInt):
    """A DLMS long (int16)."""

    __slots__ = ()
    dataType = DataType.INT16
    minimum = -(1 << 15)
    maximum = (1 << 15) - 1


class GXInt32(GXTypedInt):
    """A DLMS double-long (int32)."""

    __slots__ = ()
    dataType = DataType.INT32
    minimum = -(1 << 31)
    maximum = (1 << 31) - 1


class GXInt64(GXTypedInt):
    """A DLMS long64 (int64)."""

    __slots__ = ()
    dataType = DataType.INT64
    minimum = -(1 << 63)
    maximum = (1 << 63) - 1


class GXUInt8(GXTypedInt):
    """A DLMS unsigned (uint8)."""

    __slots__ = ()
    dataType = DataType.UINT8
    minimum = 0
    maximum = (1 << 8) - 1


class GXUInt16(GXTypedInt):
    """A DLMS long-unsigned (uint16)."""

    __slots__ = ()
    dataType = DataType.UINT16
    minimum = 0
    maximum = (1 << 16) - 1


class GXUInt32(GXTypedInt):
    """A DLMS double-long-unsigned (uint32)."""

    __slots__ = ()
    dataType = DataType.UINT32
    minimum = 0
    maximum = (1 << 32) - 1


class GXUInt64(GXTypedInt):
    """A DLMS long64-unsigned (uint64)."""

    __slots__ = ()
    dataType = DataType.UINT64
    minimum = 0
    maximum = (1 << 64) - 1


class GXEnum(GXTypedInt):
    """A DLMS enum (one unsigned byte)."""

    __slots__ = ()
    dataType = DataType.ENUM
    minimum = 0
    maximum = (1 << 8) - 1


class GXBcd(GXTypedInt):
    """A DLMS bcd value, kept as its raw byte (0x12 is 18)."""

    __slots__ = ()
    dataType = DataType.BCD
    minimum = 0
    maximum = (1 << 8) - 1


class GXDeltaInt8(GXTypedInt):
    """A DLMS delta-integer."""

    __slots__ = ()
    dataType = DataType.DELTA_INT8
    minimum = -(1 << 7)
    maximum = (1 << 7) - 1


class GXDeltaInt16(GXTypedInt):
    """A DLMS delta-long."""

    __slots__ = ()
    dataType = DataType.DELTA_INT16
    minimum = -(1 << 15)
    maximum = (1 << 15) - 1


class GXDeltaInt32(GXTypedInt):
    """A DLMS delta-double-long."""

    __slots__ = ()
    dataType = DataType.DELTA_INT32
    minimum = -(1 << 31)
    maximum = (1 << 31) - 1


class GXDeltaUInt8(GXTypedInt):
    """A DLMS delta-unsigned."""

    __slots__ = ()
    dataType = DataType.DELTA_UINT8
    minimum = 0
    maximum = (1 << 8) - 1


class GXDeltaUInt16(GXTypedInt):
    """A DLMS delta-long-unsigned."""

    __slots__ = ()
    dataType = DataType.DELTA_UINT16
    minimum = 0
    maximum = (1 << 16) - 1


class GXDeltaUInt32(GXTypedInt):
    """A DLMS delta-double-long-unsigned."""

    __slots__ = ()
    dataType = DataType.DELTA_UINT32
    minimum = 0
    maximum = (1 << 32) - 1


#: The integer wrapper of each integer data type.
INT_TYPES: dict[DataType, type[GXTypedInt]] = {
    cls.dataType: cls
    for cls in (GXInt8, GXInt16, GXInt32, GXInt64, GXUInt8, GXUInt16, GXUInt32, GXUInt64, GXEnum, GXBcd,
                GXDeltaInt8, GXDeltaInt16, GXDeltaInt32, GXDeltaUInt8, GXDeltaUInt16, GXDeltaUInt32)
}


class GXTypedFloat(float):
    """Base of the float wrappers.

    A NaN read from the wire keeps its exact bit pattern in ``raw`` so it re-encodes to
    the same bytes (a float32 NaN loses payload bits when widened to a Python float).
    """

    dataType: ClassVar[DataType]
    raw: bytes | None = None

    @property
    def value(self) -> float:
        """The plain float."""
        return float(self)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({float(self)!r})"


class GXFloat32(GXTypedFloat):
    """A DLMS float32."""

    dataType = DataType.FLOAT32


class GXFloat64(GXTypedFloat):
    """A DLMS float64."""

    dataType = DataType.FLOAT64


class GXUtf8String(str):
    """A DLMS utf8-string, decoded as text (a plain ``str`` encodes as visible-string)."""

    __slots__ = ()
    dataType = DataType.STRING_UTF8

    @property
    def value(self) -> str:
        return str(self)

    def __repr__(self) -> str:
        return f"GXUtf8String({str.__repr__(self)})"


class GXBitString(str):
    """A DLMS bit-string, as the text of its bits (``"1010"``), most significant first.

    ``GXBitString("101")``, ``GXBitString(0b101, 3)`` (an integer and a bit count) and
    ``GXBitString.from_bytes(b"\\xa0", 3)`` all give the bits ``101``.
    """

    __slots__ = ()
    dataType = DataType.BITSTRING

    def __new__(cls, value: Any = "", count: int | None = None) -> GXBitString:
        if isinstance(value, int) and not isinstance(value, bool):
            width = value.bit_length() if count is None else count
            text = format(value, "b").zfill(width)[-width:] if width else ""
        elif isinstance(value, (bytes, bytearray, memoryview)):
            return cls.from_bytes(bytes(value), len(value) * 8 if count is None else count)
        else:
            text = str(value).replace(" ", "")
            if count is not None:
                text = text[:count].ljust(count, "0")
        if text.strip("01"):
            from ..errors import ConfigurationError

            raise ConfigurationError("bit-string", expected="only 0 and 1", found=repr(text))
        return str.__new__(cls, text)

    @classmethod
    def from_bytes(cls, data: bytes, count: int) -> GXBitString:
        """The first ``count`` bits of ``data``, most significant bit of the first byte first."""
        if not count:
            return str.__new__(cls, "")
        bits = format(int.from_bytes(data, "big"), "b").zfill(len(data) * 8)
        return str.__new__(cls, bits[:count])

    def to_bytes(self) -> bytes:
        """The bits packed into bytes, padded with zero bits at the end."""
        if not self:
            return b""
        size = (len(self) + 7) // 8
        return int(self.ljust(size * 8, "0"), 2).to_bytes(size, "big")

    @property
    def value(self) -> str:
        return str(self)

    def toInteger(self) -> int:
        """The bits as an unsigned integer, first bit most significant."""
        return int(self, 2) if self else 0

    def __repr__(self) -> str:
        return f"GXBitString('{self}')"


class GXStructure(list):
    """A DLMS structure: a list whose members keep their own types."""

    __slots__ = ()
    dataType = DataType.STRUCTURE

    def __repr__(self) -> str:
        return f"GXStructure({list.__repr__(self)})"


class GXArray(list):
    """A DLMS array: a list of values of one type."""

    __slots__ = ()
    dataType = DataType.ARRAY

    def __repr__(self) -> str:
        return f"GXArray({list.__repr__(self)})"


__all__ = [
    "INT_TYPES",
    "DataType",
    "GXArray",
    "GXBcd",
    "GXBitString",
    "GXDeltaInt8",
    "GXDeltaInt16",
    "GXDeltaInt32",
    "GXDeltaUInt8",
    "GXDeltaUInt16",
    "GXDeltaUInt32",
    "GXEnum",
    "GXFloat32",
    "GXFloat64",
    "GXInt8",
    "GXInt16",
    "GXInt32",
    "GXInt64",
    "GXStructure",
    "GXTypedFloat",
    "GXTypedInt",
    "GXUInt8",
    "GXUInt16",
    "GXUInt32",
    "GXUInt64",
    "GXUtf8String",
]
