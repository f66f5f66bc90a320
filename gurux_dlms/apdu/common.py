"""The pieces the LN services share: descriptors, results, data blocks and invoke ids.

GET, SET, ACTION, ACCESS and the notifications are built from the same few A-XDR
productions (Green Book 9.3): ``Cosem-Attribute-Descriptor``, ``Selective-Access-Descriptor``,
``Get-Data-Result``, ``DataBlock-G``, ``DataBlock-SA`` and ``Action-Response-With-Optional-Data``.
They live here once, each as a value class plus a ``read_*`` function (bytes at ``pos`` to
``(value, next_pos)``) and a ``write_*`` function (append to one ``bytearray``).

Decoding is strict about structure: optional-presence flags and last-block booleans must be
0 or 1, choices must be known, counts must fit in the bytes that are there.  That is what
makes ``decode(b).encode() == b`` hold for every ``b`` that decodes, and it turns a
misaligned PDU into an error at the first byte that does not fit instead of into garbage.
Encoding checks ranges and raises :class:`LocalProtocolError` naming the field.
"""

from __future__ import annotations

import struct
from collections.abc import Callable
from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from ..data.codec import decode_length, decode_value, encode_into, encode_length
from ..data.obis import obis_to_bytes, obis_to_str
from ..errors import DecodeError, LocalProtocolError

U8 = struct.Struct(">B")
U16 = struct.Struct(">H")
U32 = struct.Struct(">I")
#: class id, instance id, attribute (or method) id
DESCRIPTOR = struct.Struct(">H6sB")
#: class id, instance id, attribute id and the access-selection flag that follows
DESCRIPTOR_FLAG = struct.Struct(">H6sBB")
#: invoke-id-and-priority, class id, instance id, attribute (or method) id
INVOKE_DESCRIPTOR = struct.Struct(">BH6sB")
#: last-block, block-number (the head of DataBlock-G and DataBlock-SA)
BLOCK_HEAD = struct.Struct(">BI")
#: invoke-id-and-priority, block-number
INVOKE_BLOCK = struct.Struct(">BI")

#: Gurux's default invoke-id-and-priority: high priority, confirmed, invoke id 1.
DEFAULT_INVOKE_ID_AND_PRIORITY = 0xC1
#: Gurux's default long-invoke-id-and-priority (ACCESS, notifications).
DEFAULT_LONG_INVOKE_ID_AND_PRIORITY = 0xC0000001


class ErrorCode(IntEnum):
    """Data-access-result and action-result values, with Gurux's names.

    The negative members are Gurux's pseudo codes for link-layer refusals; they never
    appear in an APDU.
    """

    DISCONNECT_MODE = -4
    RECEIVE_NOT_READY = -3
    REJECTED = -2
    UNACCEPTABLE_FRAME = -1
    OK = 0
    HARDWARE_FAULT = 1
    TEMPORARY_FAILURE = 2
    READ_WRITE_DENIED = 3
    UNDEFINED_OBJECT = 4
    INCONSISTENT_CLASS = 9
    UNAVAILABLE_OBJECT = 11
    UNMATCHED_TYPE = 12
    ACCESS_VIOLATED = 13
    DATA_BLOCK_UNAVAILABLE = 14
    LONG_GET_OR_READ_ABORTED = 15
    NO_LONG_GET_OR_READ_IN_PROGRESS = 16
    LONG_SET_OR_WRITE_ABORTED = 17
    NO_LONG_SET_OR_WRITE_IN_PROGRESS = 18
    DATA_BLOCK_NUMBER_INVALID = 19
    OTHER_REASON = 250


# --- invoke ids ------------------------------------------------------------------------------
def invoke_id_and_priority(invoke_id: int = 1, *, high_priority: bool = True, confirmed: bool = True) -> int:
    """The Invoke-Id-And-Priority byte: invoke id in bits 0-3, service class bit 6, priority bit 7."""
    if not 0 <= invoke_id <= 0x0F:
        raise LocalProtocolError("invoke id", expected="0..15", found=invoke_id)
    return invoke_id | (0x40 if confirmed else 0) | (0x80 if high_priority else 0)


def long_invoke_id_and_priority(invoke_id: int = 1, *, high_priority: bool = True, confirmed: bool = True,
                                break_on_error: bool = False, self_descriptive: bool = False) -> int:
    """The Long-Invoke-Id-And-Priority word: invoke id in bits 0-23, flags in bits 28-31."""
    if not 0 <= invoke_id <= 0xFFFFFF:
        raise LocalProtocolError("long invoke id", expected="0..16777215", found=invoke_id)
    return (invoke_id | (0x10000000 if self_descriptive else 0) | (0x20000000 if break_on_error else 0)
            | (0x40000000 if confirmed else 0) | (0x80000000 if high_priority else 0))


class InvokeIdFields:
    """Read-only views of an ``invoke_id_and_priority`` byte (mixed into the LN PDUs)."""

    __slots__ = ()
    invoke_id_and_priority: int

    @property
    def invoke_id(self) -> int:
        """The invoke id (0..15) that pairs a response with its request."""
        return self.invoke_id_and_priority & 0x0F

    @property
    def confirmed(self) -> bool:
        """Service class bit: the sender expects a response."""
        return bool(self.invoke_id_and_priority & 0x40)

    @property
    def high_priority(self) -> bool:
        """Priority bit: the request is served before normal-priority ones."""
        return bool(self.invoke_id_and_priority & 0x80)


class LongInvokeIdFields:
    """Read-only views of a ``long_invoke_id_and_priority`` word."""

    __slots__ = ()
    long_invoke_id_and_priority: int

    @property
    def invoke_id(self) -> int:
        """The long invoke id (bits 0-23)."""
        return self.long_invoke_id_and_priority & 0xFFFFFF

    @property
    def self_descriptive(self) -> bool:
        return bool(self.long_invoke_id_and_priority & 0x10000000)

    @property
    def break_on_error(self) -> bool:
        """Processing option: stop at the first failing item of an ACCESS request."""
        return bool(self.long_invoke_id_and_priority & 0x20000000)

    @property
    def confirmed(self) -> bool:
        return bool(self.long_invoke_id_and_priority & 0x40000000)

    @property
    def high_priority(self) -> bool:
        return bool(self.long_invoke_id_and_priority & 0x80000000)


# --- value classes ---------------------------------------------------------------------------
@dataclass(slots=True, frozen=True, init=False)
class AttributeDescriptor:
    """Cosem-Attribute-Descriptor: which attribute of which object."""

    class_id: int
    instance_id: bytes
    attribute_id: int

    def __init__(self, class_id: int, instance_id: bytes, attribute_id: int) -> None:
        # What the generated __init__ of a frozen dataclass does, without its object.__setattr__
        # call per field: one is made for every GET/SET, and this takes 40 % less time.
        _SET_ATTRIBUTE_CLASS(self, class_id)
        _SET_ATTRIBUTE_INSTANCE(self, instance_id)
        _SET_ATTRIBUTE_ID(self, attribute_id)

    @classmethod
    def of(cls, class_id: int, logical_name: str | bytes, attribute_id: int) -> AttributeDescriptor:
        """Build from a logical name in any OBIS form (``"0.0.1.0.0.255"``, six bytes ...)."""
        return cls(class_id, obis_to_bytes(logical_name), attribute_id)

    @property
    def logical_name(self) -> str:
        """The instance id as a dotted OBIS code."""
        return obis_to_str(self.instance_id)


@dataclass(slots=True, frozen=True, init=False)
class MethodDescriptor:
    """Cosem-Method-Descriptor: which method of which object."""

    class_id: int
    instance_id: bytes
    method_id: int

    def __init__(self, class_id: int, instance_id: bytes, method_id: int) -> None:
        # as AttributeDescriptor.__init__
        _SET_METHOD_CLASS(self, class_id)
        _SET_METHOD_INSTANCE(self, instance_id)
        _SET_METHOD_ID(self, method_id)

    @classmethod
    def of(cls, class_id: int, logical_name: str | bytes, method_id: int) -> MethodDescriptor:
        """Build from a logical name in any OBIS form."""
        return cls(class_id, obis_to_bytes(logical_name), method_id)

    @property
    def logical_name(self) -> str:
        return obis_to_str(self.instance_id)


def _slot_setter(cls: type, name: str) -> Callable[[Any, Any], None]:
    """The writer of slot ``name`` of ``cls`` (it bypasses a frozen class's ``__setattr__``)."""
    setter: Callable[[Any, Any], None] = vars(cls)[name].__set__
    return setter


#: the slots of the two frozen descriptors, written by their __init__
_SET_ATTRIBUTE_CLASS = _slot_setter(AttributeDescriptor, "class_id")
_SET_ATTRIBUTE_INSTANCE = _slot_setter(AttributeDescriptor, "instance_id")
_SET_ATTRIBUTE_ID = _slot_setter(AttributeDescriptor, "attribute_id")
_SET_METHOD_CLASS = _slot_setter(MethodDescriptor, "class_id")
_SET_METHOD_INSTANCE = _slot_setter(MethodDescriptor, "instance_id")
_SET_METHOD_ID = _slot_setter(MethodDescriptor, "method_id")


@dataclass(slots=True)
class SelectiveAccess:
    """Selective-Access-Descriptor: a selector (1 by range, 2 by entry ...) and its parameters."""

    selector: int
    parameters: Any = None


@dataclass(slots=True)
class AttributeDescriptorWithSelection:
    """Cosem-Attribute-Descriptor-With-Selection (the items of the with-list services)."""

    attribute_descriptor: AttributeDescriptor
    access_selection: SelectiveAccess | None = None


@dataclass(slots=True)
class GetDataResult:
    """Get-Data-Result: a value, or (``error`` set) the data-access-result of a failed access."""

    value: Any = None
    error: int | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass(slots=True)
class ActionResponseWithOptionalData:
    """Action-Response-With-Optional-Data: the action result and, optionally, returned data."""

    result: int = 0
    return_parameters: GetDataResult | None = None


# --- decoding primitives ---------------------------------------------------------------------
def truncated(what: str, pos: int, size: int, data: bytes) -> DecodeError:
    """The error for ``size`` bytes needed at ``pos`` where fewer are left."""
    return DecodeError(what, where=pos, expected=f"{size} bytes", found=f"{max(len(data) - pos, 0)} left")


def read_u8(data: bytes, pos: int, what: str) -> tuple[int, int]:
    if pos >= len(data):
        raise truncated(what, pos, 1, data)
    return data[pos], pos + 1


def read_u32(data: bytes, pos: int, what: str) -> tuple[int, int]:
    try:
        return U32.unpack_from(data, pos)[0], pos + 4
    except struct.error:
        raise truncated(what, pos, 4, data) from None


def read_flag(data: bytes, pos: int, what: str) -> tuple[bool, int]:
    """An A-XDR BOOLEAN or optional-presence flag: 0 or 1."""
    if pos >= len(data):
        raise truncated(what, pos, 1, data)
    flag = data[pos]
    if flag > 1:
        raise DecodeError(what, where=pos, expected="0 or 1", found=f"0x{flag:02X}")
    return flag == 1, pos + 1


def read_count(data: bytes, pos: int, what: str, min_size: int = 1) -> tuple[int, int]:
    """A SEQUENCE OF count, checked against the bytes left (each item takes ``min_size``)."""
    count, start = decode_length(data, pos)
    if count * min_size > len(data) - start:
        raise DecodeError(f"{what} count", where=pos,
                          expected=f"at most {(len(data) - start) // min_size} items", found=count)
    return count, start


def read_octet_string(data: bytes, pos: int, what: str) -> tuple[bytes, int]:
    """An untagged A-XDR OCTET STRING: length, then the bytes."""
    length, start = decode_length(data, pos)
    end = start + length
    if end > len(data):
        raise DecodeError(what, where=pos, expected=f"{length} bytes", found=f"{len(data) - start} left")
    return data[start:end], end


def read_data(data: bytes, pos: int, what: str) -> tuple[Any, int]:
    """A tagged Data value (``what`` names it when the data is missing altogether)."""
    if pos >= len(data):
        raise DecodeError(what, where=pos, expected="a data type tag", found="end of data")
    return decode_value(data, pos)


def read_attribute_descriptor(data: bytes, pos: int) -> tuple[AttributeDescriptor, int]:
    try:
        class_id, instance_id, attribute_id = DESCRIPTOR.unpack_from(data, pos)
    except struct.error:
        raise truncated("attribute descriptor", pos, DESCRIPTOR.size, data) from None
    return AttributeDescriptor(class_id, instance_id, attribute_id), pos + 9


def read_method_descriptor(data: bytes, pos: int) -> tuple[MethodDescriptor, int]:
    try:
        class_id, instance_id, method_id = DESCRIPTOR.unpack_from(data, pos)
    except struct.error:
        raise truncated("method descriptor", pos, DESCRIPTOR.size, data) from None
    return MethodDescriptor(class_id, instance_id, method_id), pos + 9


def read_selective_access(data: bytes, pos: int) -> tuple[SelectiveAccess, int]:
    """Selective-Access-Descriptor: the selector, then its parameters (Data)."""
    selector, pos = read_u8(data, pos, "access selector")
    parameters, pos = read_data(data, pos, "access parameters")
    return SelectiveAccess(selector, parameters), pos


def read_selection(data: bytes, pos: int) -> tuple[SelectiveAccess | None, int]:
    """``Selective-Access-Descriptor OPTIONAL``: the presence flag, then the descriptor."""
    present, pos = read_flag(data, pos, "access-selection flag")
    if not present:
        return None, pos
    return read_selective_access(data, pos)


def read_descriptor_list(data: bytes, pos: int) -> tuple[list[AttributeDescriptorWithSelection], int]:
    count, pos = read_count(data, pos, "attribute descriptor list", DESCRIPTOR_FLAG.size)
    items = []
    unpack = DESCRIPTOR_FLAG.unpack_from
    for _ in range(count):
        try:
            class_id, instance_id, attribute_id, flag = unpack(data, pos)
        except struct.error:
            raise truncated("attribute descriptor", pos, DESCRIPTOR_FLAG.size, data) from None
        descriptor = AttributeDescriptor(class_id, instance_id, attribute_id)
        if flag == 0:  # the usual case: no selective access
            pos += 10
            items.append(AttributeDescriptorWithSelection(descriptor))
        else:
            selection, pos = read_selection(data, pos + 9)
            items.append(AttributeDescriptorWithSelection(descriptor, selection))
    return items, pos


def read_method_descriptor_list(data: bytes, pos: int) -> tuple[list[MethodDescriptor], int]:
    count, pos = read_count(data, pos, "method descriptor list", DESCRIPTOR.size)
    items = []
    for _ in range(count):
        item, pos = read_method_descriptor(data, pos)
        items.append(item)
    return items, pos


def read_data_list(data: bytes, pos: int, what: str) -> tuple[list[Any], int]:
    count, pos = read_count(data, pos, what)
    items = []
    for _ in range(count):
        value, pos = read_data(data, pos, what)
        items.append(value)
    return items, pos


def read_result_list(data: bytes, pos: int, what: str) -> tuple[list[int], int]:
    """SEQUENCE OF Data-Access-Result (one byte each)."""
    count, pos = read_count(data, pos, what)
    end = pos + count
    return list(data[pos:end]), end


def read_result_choice(data: bytes, pos: int) -> tuple[Any, int | None, int]:
    """Get-Data-Result: ``(value, None, next)`` for data [0], ``(None, code, next)`` for [1]."""
    if pos >= len(data):
        raise truncated("result choice", pos, 1, data)
    choice = data[pos]
    if choice == 0:
        value, end = read_data(data, pos + 1, "result data")
        return value, None, end
    if choice == 1:
        error, end = read_u8(data, pos + 1, "data-access-result")
        return None, error, end
    raise DecodeError("result choice", where=pos, expected="0 (data) or 1 (data-access-result)",
                      found=f"0x{choice:02X}")


def read_get_data_result(data: bytes, pos: int) -> tuple[GetDataResult, int]:
    value, error, pos = read_result_choice(data, pos)
    return GetDataResult(value, error), pos


def read_block_head(data: bytes, pos: int) -> tuple[bool, int, int]:
    """last-block BOOLEAN and block-number Unsigned32."""
    try:
        last, number = BLOCK_HEAD.unpack_from(data, pos)
    except struct.error:
        raise truncated("data block", pos, BLOCK_HEAD.size, data) from None
    if last > 1:
        raise DecodeError("last-block", where=pos, expected="0 or 1", found=f"0x{last:02X}")
    return last == 1, number, pos + 5


def read_data_block_sa(data: bytes, pos: int) -> tuple[bool, int, bytes, int]:
    """DataBlock-SA: ``(last_block, block_number, raw_data, next)``."""
    last, number, pos = read_block_head(data, pos)
    raw, pos = read_octet_string(data, pos, "raw-data")
    return last, number, raw, pos


def read_action_response(data: bytes, pos: int) -> tuple[ActionResponseWithOptionalData, int]:
    result, pos = read_u8(data, pos, "action-result")
    present, pos = read_flag(data, pos, "return-parameters flag")
    if not present:
        return ActionResponseWithOptionalData(result), pos
    returned, pos = read_get_data_result(data, pos)
    return ActionResponseWithOptionalData(result, returned), pos


# --- encoding primitives ---------------------------------------------------------------------
def put_u8(out: bytearray, value: int, what: str) -> None:
    try:
        out += U8.pack(value)
    except (struct.error, TypeError):
        raise LocalProtocolError(what, expected="an integer 0..255", found=repr(value)) from None


def put_u16(out: bytearray, value: int, what: str) -> None:
    try:
        out += U16.pack(value)
    except (struct.error, TypeError):
        raise LocalProtocolError(what, expected="an integer 0..65535", found=repr(value)) from None


def put_u32(out: bytearray, value: int, what: str) -> None:
    try:
        out += U32.pack(value)
    except (struct.error, TypeError):
        raise LocalProtocolError(what, expected="an integer 0..4294967295", found=repr(value)) from None


def put_bool(out: bytearray, value: bool) -> None:
    out.append(1 if value else 0)


def put_octet_string(out: bytearray, value: bytes, what: str) -> None:
    if not isinstance(value, (bytes, bytearray, memoryview)):
        raise LocalProtocolError(what, expected="bytes", found=type(value).__name__)
    encode_length(out, len(value))
    out += value


def put_count(out: bytearray, items: Any, what: str) -> None:
    if not isinstance(items, (list, tuple)):
        raise LocalProtocolError(what, expected="a list", found=type(items).__name__)
    encode_length(out, len(items))


def _put_descriptor(out: bytearray, class_id: int, instance_id: Any, member_id: int, what: str) -> None:
    if not isinstance(instance_id, (bytes, bytearray)) or len(instance_id) != 6:
        raise LocalProtocolError(f"{what} instance id", expected="6 bytes",
                                 found=f"{len(instance_id)} bytes" if isinstance(instance_id, (bytes, bytearray))
                                 else type(instance_id).__name__)
    try:
        out += DESCRIPTOR.pack(class_id, instance_id, member_id)
    except (struct.error, TypeError):
        put_u16(bytearray(), class_id, f"{what} class id")  # raises, naming the bad field
        put_u8(bytearray(), member_id, f"{what} id")
        raise LocalProtocolError(f"{what} descriptor", expected="encodable fields",
                                 found=(class_id, instance_id, member_id)) from None


def write_attribute_descriptor(out: bytearray, descriptor: AttributeDescriptor) -> None:
    if not isinstance(descriptor, AttributeDescriptor):
        raise LocalProtocolError("attribute descriptor", expected="an AttributeDescriptor",
                                 found=type(descriptor).__name__)
    _put_descriptor(out, descriptor.class_id, descriptor.instance_id, descriptor.attribute_id, "attribute")


def write_method_descriptor(out: bytearray, descriptor: MethodDescriptor) -> None:
    if not isinstance(descriptor, MethodDescriptor):
        raise LocalProtocolError("method descriptor", expected="a MethodDescriptor",
                                 found=type(descriptor).__name__)
    _put_descriptor(out, descriptor.class_id, descriptor.instance_id, descriptor.method_id, "method")


def write_selective_access(out: bytearray, selection: SelectiveAccess) -> None:
    if not isinstance(selection, SelectiveAccess):
        raise LocalProtocolError("access selection", expected="a SelectiveAccess",
                                 found=type(selection).__name__)
    put_u8(out, selection.selector, "access selector")
    encode_into(out, selection.parameters)


def write_selection(out: bytearray, selection: SelectiveAccess | None) -> None:
    """``Selective-Access-Descriptor OPTIONAL``."""
    if selection is None:
        out.append(0)
    else:
        out.append(1)
        write_selective_access(out, selection)


def write_descriptor_list(out: bytearray, items: list[AttributeDescriptorWithSelection]) -> None:
    put_count(out, items, "attribute descriptor list")
    for item in items:
        if not isinstance(item, AttributeDescriptorWithSelection):
            raise LocalProtocolError("attribute descriptor list item", expected="an AttributeDescriptorWithSelection",
                                     found=type(item).__name__)
        write_attribute_descriptor(out, item.attribute_descriptor)
        write_selection(out, item.access_selection)


def write_method_descriptor_list(out: bytearray, items: list[MethodDescriptor]) -> None:
    put_count(out, items, "method descriptor list")
    for item in items:
        write_method_descriptor(out, item)


def write_data_list(out: bytearray, items: list[Any], what: str) -> None:
    put_count(out, items, what)
    for item in items:
        encode_into(out, item)


def write_result_list(out: bytearray, results: list[int], what: str) -> None:
    put_count(out, results, what)
    for result in results:
        put_u8(out, result, what)


def write_result_choice(out: bytearray, value: Any, error: int | None) -> None:
    if error is None:
        out.append(0)
        encode_into(out, value)
    else:
        out.append(1)
        put_u8(out, error, "data-access-result")


def write_get_data_result(out: bytearray, result: GetDataResult) -> None:
    if not isinstance(result, GetDataResult):
        raise LocalProtocolError("result", expected="a GetDataResult", found=type(result).__name__)
    write_result_choice(out, result.value, result.error)


def write_data_block_sa(out: bytearray, last_block: bool, block_number: int, raw_data: bytes) -> None:
    put_bool(out, last_block)
    put_u32(out, block_number, "block number")
    put_octet_string(out, raw_data, "raw-data")


def write_action_response(out: bytearray, response: ActionResponseWithOptionalData) -> None:
    if not isinstance(response, ActionResponseWithOptionalData):
        raise LocalProtocolError("action response", expected="an ActionResponseWithOptionalData",
                                 found=type(response).__name__)
    put_u8(out, response.result, "action-result")
    if response.return_parameters is None:
        out.append(0)
    else:
        out.append(1)
        write_get_data_result(out, response.return_parameters)


__all__ = [
    "DEFAULT_INVOKE_ID_AND_PRIORITY",
    "DEFAULT_LONG_INVOKE_ID_AND_PRIORITY",
    "ActionResponseWithOptionalData",
    "AttributeDescriptor",
    "AttributeDescriptorWithSelection",
    "ErrorCode",
    "GetDataResult",
    "InvokeIdFields",
    "LongInvokeIdFields",
    "MethodDescriptor",
    "SelectiveAccess",
    "invoke_id_and_priority",
    "long_invoke_id_and_priority",
]
