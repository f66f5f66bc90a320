"""``GXByteBuffer``: Gurux's growable byte buffer with a read position.

User scripts written for Gurux use it to turn bytes into hex (``GXByteBuffer.hex``), hex
into bytes (``GXByteBuffer.hexToBytes``) and to assemble or read binary values.  It is a
convenience for those scripts; the engine itself works on ``bytes`` and ``bytearray``.
"""

from __future__ import annotations

import struct
from typing import Any

from ..errors import ConfigurationError, DecodeError

_FORMATS = {
    "UInt8": ">B", "Int8": ">b", "UInt16": ">H", "Int16": ">h", "UInt32": ">I", "Int32": ">i",
    "UInt64": ">Q", "Int64": ">q", "Float": ">f", "Double": ">d",
}


class GXByteBuffer:
    """A byte array with a size and a read position (Gurux API)."""

    def __init__(self, value: Any = None) -> None:
        self.position = 0
        if value.__class__ is bytes or value.__class__ is bytearray:  # the usual case: one copy
            self._data = bytearray(value)
            return
        self._data = bytearray()
        if value is None:
            return
        if isinstance(value, int) and not isinstance(value, bool):
            return  # an initial capacity: nothing to do in Python
        self.set(value)

    # --- size and position --------------------------------------------------------------
    @property
    def size(self) -> int:
        """Number of bytes in the buffer."""
        return len(self._data)

    @size.setter
    def size(self, value: int) -> None:
        if value < len(self._data):
            del self._data[value:]
        else:
            self._data.extend(bytes(value - len(self._data)))
        self.position = min(self.position, value)

    def getSize(self) -> int:
        return self.size

    def setSize(self, value: int) -> None:
        self.size = value

    def getPosition(self) -> int:
        return self.position

    def setPosition(self, value: int) -> None:
        self.position = value

    def capacity(self, value: int | None = None) -> int:
        """The capacity (Python grows buffers itself: the size is returned)."""
        return len(self._data)

    def available(self) -> int:
        """Bytes left to read after the position."""
        return len(self._data) - self.position

    def clear(self) -> None:
        """Empty the buffer and rewind."""
        self._data = bytearray()
        self.position = 0

    def getData(self) -> bytearray:
        """The underlying bytes (all of them, not only what is left to read)."""
        return self._data

    def array(self) -> bytearray:
        """A copy of the bytes in the buffer."""
        return bytearray(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __bytes__(self) -> bytes:
        return bytes(self._data)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, GXByteBuffer):
            return self._data == other._data
        if isinstance(other, (bytes, bytearray)):
            return self._data == other
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    # --- writing ------------------------------------------------------------------------
    def set(self, value: Any, index: int = 0, count: int = -1) -> None:
        """Append bytes (or a slice ``index``/``count`` of them), a ``GXByteBuffer`` or hex text."""
        if isinstance(value, GXByteBuffer):
            raw = bytes(value._data[value.position :]) if index == 0 and count == -1 else bytes(value._data)
        elif isinstance(value, str):
            raw = bytes(GXByteBuffer.hexToBytes(value))
        elif isinstance(value, int) and not isinstance(value, bool):
            raw = bytes((value,))
        else:
            raw = bytes(value)
        if count < 0:
            count = len(raw) - index
        self._data += raw[index : index + count]

    def setHexString(self, value: str, index: int = 0, count: int = -1) -> None:
        """Append the bytes of hex text."""
        self.set(GXByteBuffer.hexToBytes(value), index, count)

    def _put(self, kind: str, value: Any, index: int | None) -> None:
        try:
            raw = struct.pack(_FORMATS[kind], value)
        except struct.error as exc:
            raise ConfigurationError(f"set{kind}", expected="a value in range", found=repr(value)) from exc
        if index is None:
            self._data += raw
        else:
            if index + len(raw) > len(self._data):
                self._data.extend(bytes(index + len(raw) - len(self._data)))
            self._data[index : index + len(raw)] = raw

    def setUInt8(self, value: int, index: int | None = None) -> None:
        self._put("UInt8", int(value), index)

    def setInt8(self, value: int, index: int | None = None) -> None:
        self._put("Int8", int(value), index)

    def setUInt16(self, value: int, index: int | None = None) -> None:
        self._put("UInt16", int(value), index)

    def setInt16(self, value: int, index: int | None = None) -> None:
        self._put("Int16", int(value), index)

    def setUInt32(self, value: int, index: int | None = None) -> None:
        self._put("UInt32", int(value), index)

    def setInt32(self, value: int, index: int | None = None) -> None:
        self._put("Int32", int(value), index)

    def setUInt64(self, value: int, index: int | None = None) -> None:
        self._put("UInt64", int(value), index)

    def setInt64(self, value: int, index: int | None = None) -> None:
        self._put("Int64", int(value), index)

    def setFloat(self, value: float, index: int | None = None) -> None:
        self._put("Float", float(value), index)

    def setDouble(self, value: float, index: int | None = None) -> None:
        self._put("Double", float(value), index)

    # --- reading ------------------------------------------------------------------------
    def _take(self, kind: str, index: int | None) -> Any:
        fmt = _FORMATS[kind]
        size = struct.calcsize(fmt)
        at = self.position if index is None else index
        if at < 0 or at + size > len(self._data):
            raise DecodeError(f"get{kind}", where=at, expected=f"{size} bytes", found=f"{len(self._data) - at}")
        value = struct.unpack_from(fmt, self._data, at)[0]
        if index is None:
            self.position += size
        return value

    def getUInt8(self, index: int | None = None) -> int:
        return int(self._take("UInt8", index))

    def getInt8(self, index: int | None = None) -> int:
        return int(self._take("Int8", index))

    def getUInt16(self, index: int | None = None) -> int:
        return int(self._take("UInt16", index))

    def getInt16(self, index: int | None = None) -> int:
        return int(self._take("Int16", index))

    def getUInt24(self, index: int | None = None) -> int:
        high = self.getUInt8(index)
        low = self.getUInt16(None if index is None else index + 1)
        return high << 16 | low

    def getUInt32(self, index: int | None = None) -> int:
        return int(self._take("UInt32", index))

    def getInt32(self, index: int | None = None) -> int:
        return int(self._take("Int32", index))

    def getUInt64(self, index: int | None = None) -> int:
        return int(self._take("UInt64", index))

    def getInt64(self, index: int | None = None) -> int:
        return int(self._take("Int64", index))

    def getFloat(self) -> float:
        return float(self._take("Float", None))

    def getDouble(self) -> float:
        return float(self._take("Double", None))

    def get(self, target: bytearray) -> None:
        """Fill ``target`` with the next ``len(target)`` bytes."""
        count = len(target)
        if self.position + count > len(self._data):
            raise DecodeError("get", where=self.position, expected=f"{count} bytes", found=f"{self.available()}")
        target[:] = self._data[self.position : self.position + count]
        self.position += count

    def subArray(self, index: int, count: int) -> bytearray:
        """``count`` bytes from ``index`` (position unchanged)."""
        if index < 0 or index + count > len(self._data):
            raise DecodeError("subArray", where=index, expected=f"{count} bytes", found=f"{len(self._data) - index}")
        return bytearray(self._data[index : index + count])

    def getString(self, index: int | None = None, count: int | None = None) -> str:
        """``count`` bytes as text (from the position when ``index`` is None)."""
        at = self.position if index is None else index
        count = len(self._data) - at if count is None else count
        text = self.subArray(at, count).decode("utf-8", "replace")
        if index is None:
            self.position += count
        return text

    def trim(self) -> None:
        """Drop the bytes already read."""
        del self._data[: self.position]
        self.position = 0

    def move(self, srcPos: int, destPos: int, count: int) -> None:
        """Move ``count`` bytes from ``srcPos`` to ``destPos`` (the size follows)."""
        chunk = self._data[srcPos : srcPos + count]
        if destPos + count > len(self._data):
            self._data.extend(bytes(destPos + count - len(self._data)))
        self._data[destPos : destPos + count] = chunk
        del self._data[destPos + count :]

    def compare(self, value: bytes | bytearray) -> bool:
        """True (and the position advanced) when the next bytes equal ``value``."""
        end = self.position + len(value)
        if self._data[self.position : end] == value:
            self.position = end
            return True
        return False

    # --- hex ----------------------------------------------------------------------------
    def toHex(self, addSpace: bool = True, index: int = 0, count: int | None = None) -> str:
        """The bytes as upper-case hex."""
        return GXByteBuffer.hex(self._data, addSpace, index, count)

    def __str__(self) -> str:
        return self.toHex()

    def __repr__(self) -> str:
        return f"GXByteBuffer('{self.toHex()}')"

    @staticmethod
    def hex(value: Any, addSpace: bool = True, index: int = 0, count: int | None = None) -> str:
        """Upper-case hex of bytes (``"01 0A FF"``, or ``"010AFF"`` without spaces)."""
        if isinstance(value, GXByteBuffer):
            value = value._data
        elif isinstance(value, int) and not isinstance(value, bool):
            value = bytes((value & 0xFF,))
        raw = bytes(value)
        raw = raw[index:] if count is None else raw[index : index + count]
        return raw.hex(" ").upper() if addSpace else raw.hex().upper()

    @staticmethod
    def hexToBytes(value: str) -> bytearray:
        """Bytes of hex text; spaces, line breaks and a ``0x`` prefix are ignored."""
        text = "".join(value.split())
        if text[:2] in ("0x", "0X"):
            text = text[2:]
        if len(text) % 2:
            text = "0" + text
        try:
            return bytearray.fromhex(text)
        except ValueError:
            raise ConfigurationError("hex text", expected="hex digits", found=repr(value[:40])) from None

    @staticmethod
    def isHexString(value: str) -> bool:
        """True when ``value`` is hex digits with optional spaces."""
        text = "".join(value.split())
        return bool(text) and all(c in "0123456789abcdefABCDEF" for c in text)


__all__ = ["GXByteBuffer"]
