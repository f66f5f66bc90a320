"""Reports, pushes and the ACCESS service of ``GXDLMSClient``.

* :meth:`ReportsMixin.parseReport` stores what an EventNotification (LN) or
  InformationReport (SN) says into the objects it names; a DataNotification gives its value.
* :meth:`ReportsMixin.parsePushObjects` works with and without a push object list in the
  data (see :mod:`.push`).
* :meth:`ReportsMixin.accessRequest` / :meth:`ReportsMixin.parseAccessResponse`: several
  GET/SET/ACTION items in one ACCESS request, with a long invoke id (``C0000001`` first).
"""

from __future__ import annotations

import logging
from collections import deque
from typing import TYPE_CHECKING, Any

from ..apdu.access import AccessRequest, AccessRequestSpecification, AccessResponse, AccessServiceCommandType
from ..apdu.base import decode_apdu
from ..apdu.common import AttributeDescriptor, ErrorCode, MethodDescriptor
from ..apdu.notification import DataNotification, EventNotificationRequest
from ..apdu.sn import InformationReportRequest
from ..apdu.sn_items import VariableName
from ..data import codec
from ..data.byte_buffer import GXByteBuffer
from ..data.obis import obis_to_str
from ..errors import DecodeError, LocalProtocolError
from .client_receive import Expectation
from .push import parse_push
from .values import GXDLMSAccessItem, time_bytes

log = logging.getLogger(__name__)

_NOTIFICATIONS = (DataNotification, EventNotificationRequest, InformationReportRequest)
#: Attribute offsets tried when a short name is resolved to (object, attribute).
_MAX_SN_ATTRIBUTES = 32


def long_invoke_id(settings: Any, counter: int) -> int:
    """``long-invoke-id-and-priority``: priority (bit 31), service class (bit 30), the 24-bit id."""
    return (int(settings.priority) << 31) | (int(settings.service_class) << 30) | (counter & 0xFFFFFF)


class ReportsMixin:
    """parseReport, parsePushObjects, accessRequest and parseAccessResponse of GXDLMSClient."""

    session: Any
    settings: Any
    _expect: Any
    _long_invoke: int

    if TYPE_CHECKING:  # provided by GXDLMSClient
        def _frames(self, apdu: bytes, cipher: bool = True) -> list[bytearray]: ...

        def updateValue(self, target: Any, attributeIndex: int, value: Any, parameters: Any = None) -> Any: ...

    # --- notifications ------------------------------------------------------------------------
    def parseReport(self, reply: Any, list_: list[Any]) -> Any:
        """Store a received notification (``reply``, or the APDU's bytes) into the objects it names.

        EventNotification: the attribute is updated, ``(object, index)`` appended to
        ``list_`` and the object returned.  InformationReport: every variable is updated and
        appended; the list is returned.  DataNotification: its value is returned (see
        :meth:`parsePushObjects` for what the values are).
        """
        if isinstance(reply, (bytes, bytearray, memoryview, GXByteBuffer)):
            apdu = decode_apdu(_raw(reply))  # the APDU itself
        else:
            apdu = getattr(reply, "notification", None)
        if isinstance(apdu, DataNotification):
            return apdu.notification_body
        if isinstance(apdu, EventNotificationRequest):
            descriptor = apdu.attribute_descriptor
            ln = obis_to_str(descriptor.instance_id)
            target = self.settings.objects.findByLN(descriptor.class_id, ln)
            if target is None:
                from ..cosem.registry import create_object

                target = create_object(descriptor.class_id, ln)
            self.updateValue(target, descriptor.attribute_id, apdu.attribute_value)
            list_.append((target, descriptor.attribute_id))
            return target
        if isinstance(apdu, InformationReportRequest):
            for variable, value in zip(apdu.variables, apdu.values):
                found = self._by_short_name(variable.name) if isinstance(variable, VariableName) else None
                if found is None:
                    log.warning("InformationReport: no known object has short name 0x%04X", getattr(variable, "name", 0))
                    continue
                target, index = found
                self.updateValue(target, index, value)
                list_.append((target, index))
            return list_
        raise LocalProtocolError("parseReport", expected="a DataNotification, EventNotification or InformationReport",
                                 found=type(apdu).__name__ if apdu is not None else
                                 f"command 0x{getattr(reply, 'command', 0):02X}")

    def _by_short_name(self, name: int) -> tuple[Any, int] | None:
        """The object and attribute a short name addresses (base name + 8 × (attribute - 1))."""
        for offset in range(min(_MAX_SN_ATTRIBUTES, name // 8 + 1)):
            target = self.settings.objects.findBySN(name - 8 * offset)
            if target is not None and offset < target.getAttributeCount():
                return target, offset + 1
        return None

    def parsePushObjects(self, data: Any, push: Any = None) -> list[Any]:
        """The objects of pushed data, as ``(object, index)`` pairs (``index`` is a CaptureIndex).

        ``data`` is a push object list (Gurux's use: the first value of the push) or the whole
        pushed structure.  Without an object list, ``push`` (or the one push setup in
        ``objects`` with as many objects as there are values) gives the objects; the values
        the data carries are stored into them.  With neither, the values are returned as they
        came.
        """
        return parse_push(data, self.settings.objects, self.updateValue, push)

    # --- ACCESS -------------------------------------------------------------------------------
    def accessRequest(self, time: Any, list_: list[GXDLMSAccessItem]) -> list[bytearray]:
        """An Access-Request with the GET/SET/ACTION items of ``list_`` (``time``: None or a date-time)."""
        if not self.session.use_logical_name_referencing:
            raise LocalProtocolError("accessRequest", expected="logical name referencing", found="short names")
        if not list_:
            raise LocalProtocolError("accessRequest", expected="at least one GXDLMSAccessItem", found="none")
        specification = []
        values = []
        for item in list_:
            specification.append(_specification(item))
            values.append(self._access_value(item))
        request = AccessRequest(long_invoke_id(self.session, self._long_invoke), time_bytes(time),
                                specification, values)
        self._long_invoke = (self._long_invoke + 1) & 0xFFFFFF
        self._expect = deque([Expectation(None, 0)])
        return self._frames(request.encode())

    def _access_value(self, item: GXDLMSAccessItem) -> Any:
        if item.command == AccessServiceCommandType.GET:
            return None
        if item.command == AccessServiceCommandType.SET:
            if item.value is not None:
                return item.value
            from .client_write import _typed_for_write

            return _typed_for_write(item.target, item.index, item.target.get_attribute_data(item.index, self.settings))
        data_type = None
        try:
            data_type = item.target.method_descriptor(item.index).data_type
        except (LocalProtocolError, AttributeError):
            pass
        if item.value is None or data_type is None or hasattr(item.value, "dataType"):
            return item.value
        return codec.typed(item.value, data_type)

    def parseAccessResponse(self, list_: list[GXDLMSAccessItem], data: Any) -> None:
        """Take an Access-Response (``reply.data``): each item gets its ``value`` and ``error``.

        GET results that succeeded are also stored into their objects.
        """
        response = data if isinstance(data, AccessResponse) else decode_apdu(_raw(data))
        if not isinstance(response, AccessResponse):
            raise DecodeError("parseAccessResponse", expected="an Access-Response (0xDA)",
                              found=type(response).__name__)
        for what, count in (("values", len(response.list_of_data)), ("results", len(response.response_specification))):
            if count != len(list_):
                raise DecodeError(f"Access-Response {what}", expected=f"{len(list_)}, one per item asked",
                                  found=count)
        for item, value, result in zip(list_, response.list_of_data, response.response_specification):
            item.value = value
            try:
                item.error = ErrorCode(result.result)
            except ValueError:
                item.error = result.result
            if item.command == AccessServiceCommandType.GET and result.result == 0:
                self.updateValue(item.target, item.index, value)


def _specification(item: GXDLMSAccessItem) -> AccessRequestSpecification:
    target = item.target
    if target is None:
        raise LocalProtocolError("access item", expected="a target object", found=None)
    command = AccessServiceCommandType(item.command)
    if command == AccessServiceCommandType.ACTION:
        return AccessRequestSpecification(command, MethodDescriptor(int(target.objectType), target.logical_name_bytes,
                                                                    int(item.index)))
    if command not in (AccessServiceCommandType.GET, AccessServiceCommandType.SET):
        raise LocalProtocolError("access item command", expected="GET, SET or ACTION", found=command.name)
    return AccessRequestSpecification(command, AttributeDescriptor(int(target.objectType), target.logical_name_bytes,
                                                                   int(item.index)))


def _raw(data: Any) -> bytes:
    if isinstance(data, GXByteBuffer):
        return bytes(data.getData())
    return bytes(data)


__all__ = ["ReportsMixin", "long_invoke_id"]
