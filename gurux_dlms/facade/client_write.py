"""The writing half of ``GXDLMSClient``: write, writeList and method, in blocks when long.

A SET or ACTION whose request does not fit in the meter's max PDU size is sent as several
APDUs (service-specific block transfer); Gurux's API returns all their frames at once and
the caller sends them one by one, reading the meter's answer to each.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from functools import partial
from typing import Any

from ..apdu.common import AttributeDescriptorWithSelection, MethodDescriptor
from ..apdu.sn import ReadRequest, WriteRequest
from ..apdu.sn_items import ParameterizedAccess
from ..data import codec
from ..data.types import DataType
from ..errors import LocalProtocolError
from ..session.enums import uses_hdlc
from ..session.protection import protect
from ..session.services import ActionTransaction, SetListTransaction, SetTransaction
from ..session.sn_services import method_address, variable
from .client_receive import Expectation
from .frame_list import FrameList


class WriteMixin:
    """write/writeList/method of GXDLMSClient (uses its session, framing and expectations)."""

    # provided by GXDLMSClient
    session: Any
    settings: Any
    _expect: Any
    _link: Any
    _frames: Callable[..., list[bytearray]]
    _frame_apdu: Callable[[bytes], list[bytearray]]
    _invoke: Callable[[], int]
    _descriptor: Callable[[Any, int], Any]

    def _block_limit(self) -> int:
        return 0x7FFFFFFF if self.session.uses_gbt else self.session.max_pdu_size

    def _overhead(self) -> int:
        return 30 if self.session.security.is_ciphered else 0

    def write(self, item: Any, index: int) -> list[bytearray]:
        """SetRequest (LN) or WriteRequest (SN) of one attribute, with the attribute's declared type."""
        value = item.get_attribute_data(index, self.settings)
        value = _typed_for_write(item, index, value)
        self._expect = deque([Expectation(None, 0)])
        if self.session.use_logical_name_referencing:
            transaction = SetTransaction(self._invoke(), self._descriptor(item, index), value, self._block_limit(),
                                         overhead=self._overhead())
            return self._all_frames(transaction)
        return self._frames(WriteRequest([variable(_short_name(item), index)], [value]).encode())

    def writeList(self, list_: list[Any]) -> list[list[bytearray]]:
        """SET (or WRITE) several attributes in one request; items are GXWriteItem or (object, index)."""
        pairs = [(getattr(w, "target", None) or w[0], getattr(w, "index", None) or w[1]) for w in list_]
        values = [_typed_for_write(o, i, o.get_attribute_data(i, self.settings)) for o, i in pairs]
        self._expect = deque([Expectation(None, 0, as_list=True, count=len(pairs))])
        if self.session.use_logical_name_referencing:
            items = [AttributeDescriptorWithSelection(self._descriptor(o, i)) for o, i in pairs]
            transaction = SetListTransaction(self._invoke(), items, values, self._block_limit(), self._overhead())
            return [self._all_frames(transaction)]
        names: list[Any] = [variable(_short_name(o), i) for o, i in pairs]
        return [self._frames(WriteRequest(names, values).encode())]

    def method(self, item: Any, methodIndex: int, data: Any = None,
               dataType: DataType | int | None = None) -> list[bytearray]:
        """ActionRequest (LN) or the SN method call; ``dataType`` defaults to the method's declared type."""
        if dataType is None or DataType(dataType) == DataType.NONE:
            try:
                dataType = item.method_descriptor(methodIndex).data_type
            except (LocalProtocolError, AttributeError):
                dataType = None
        parameter = data if data is None or dataType in (None, DataType.NONE) else codec.typed(data, dataType)
        self._expect = deque([Expectation(None, 0)])
        if self.session.use_logical_name_referencing:
            descriptor = MethodDescriptor(int(item.objectType), item.logical_name_bytes, int(methodIndex))
            transaction = ActionTransaction(self._invoke(), descriptor, parameter, self._block_limit(),
                                            has_parameters=data is not None, overhead=self._overhead())
            return self._all_frames(transaction)
        access = ParameterizedAccess(method_address(_short_name(item), int(item.objectType), int(methodIndex)), 1,
                                     parameter)
        return self._frames(ReadRequest([access]).encode())

    def _all_frames(self, transaction: Any) -> list[bytearray]:
        """Frames of every APDU a (block) SET or ACTION sends, in order: the caller sends them one by one.

        Over HDLC the frames of each later block are numbered when they are reached (see
        :class:`FrameList`), after the meter's answer to the block before.
        """
        apdus = [transaction.first().encode()]
        blocks = getattr(transaction, "blocks", [])
        if len(blocks) > 1:
            from ..apdu.action import ActionRequestWithPBlock
            from ..apdu.set import SetRequestWithDataBlock

            block_class = ActionRequestWithPBlock if isinstance(transaction, ActionTransaction) else SetRequestWithDataBlock
            invoke = transaction.invoke_id_and_priority
            apdus += [block_class(invoke, number == len(blocks), number, blocks[number - 1]).encode()
                      for number in range(2, len(blocks) + 1)]
        if len(apdus) == 1 or not uses_hdlc(self.session.interface_type):
            return [frame for apdu in apdus for frame in self._frames(apdu)]
        protected = [protect(apdu, self.session.security, general=self.session.uses_general_protection)
                     for apdu in apdus]
        size = self._link.params.max_info_tx if self._link is not None else self.session.hdlc.max_info_tx
        counts = [(len(apdu) + 3 + size - 1) // size for apdu in protected]
        producers: list[Any] = [partial(self._frame_apdu, apdu) for apdu in protected]
        return FrameList(producers, counts)


def _short_name(item: Any) -> int:
    name = getattr(item, "shortName", 0)
    if not name:
        raise LocalProtocolError("SN request", expected="an object with a short name", found=repr(item))
    return int(name)


def _typed_for_write(item: Any, index: int, value: Any) -> Any:
    """The value as its attribute's declared type (plain ints and datetimes get their DLMS type)."""
    if value is None or (hasattr(value, "dataType") and not isinstance(value, (bytes, bytearray))):
        return value
    try:
        data_type = item.getDataType(index)
    except (LocalProtocolError, AttributeError):
        return value
    if data_type in (DataType.NONE, DataType.ARRAY, DataType.STRUCTURE):
        return value
    return codec.typed(value, data_type)


__all__ = ["WriteMixin"]
