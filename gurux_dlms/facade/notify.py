"""``GXDLMSNotify`` and ``GXDLMSSecureNotify``: building pushes and reports, and reading them.

A meter (or a test bench playing one) uses the ``generate*`` methods to get the frames of a
DataNotification, of a push setup's push, or of an EventNotification (LN) /
InformationReport (SN); a push listener feeds what it receives to :meth:`GXDLMSNotify.getData`
and asks :meth:`GXDLMSNotify.parsePush` which objects the values belong to.

The frames go from the server address to the client address: an HDLC UI frame (control
0x13, LLC ``E6 E7 00``, segmented when longer than ``hdlcSettings.maxInfoTX``), a WRAPPER
frame, or the bare APDU.  When GENERAL_BLOCK_TRANSFER is in ``conformance`` and the APDU is
longer than ``maxReceivePDUSize``, it is sent in general blocks that fill the PDU size.
The secure notify ciphers with ``ciphering`` (a DataNotification always in
general-glo-ciphering, which carries the system title).

The long invoke id starts at 1 and grows by one per message (``longInvokeID``), with the
priority and service-class bits (0xC0000001 by default).
"""

from __future__ import annotations

import logging
from typing import Any

from ..apdu.base import decode_apdu
from ..apdu.common import AttributeDescriptor
from ..apdu.conformance import Conformance
from ..apdu.notification import DataNotification, EventNotificationRequest
from ..apdu.sn import InformationReportRequest
from ..apdu.sn_items import VariableName
from ..cosem.base import GXDLMSObject
from ..data import codec
from ..data.byte_buffer import GXByteBuffer
from ..data.types import GXStructure
from ..errors import DecryptionError, LocalProtocolError
from ..framing.hdlc_frame import LLC_RESPONSE, FrameKind, control_byte, encode_frame
from ..framing.hdlc_stream import find_frame
from ..framing.wrapper import HEADER_SIZE, encode_wrapper
from ..session.enums import InterfaceType, Priority, RequestTypes, ServiceClass, uses_hdlc
from ..session.gbt import GbtReceiver, GbtSender
from ..session.protection import is_protected, protect, unprotect
from ..session.settings import SessionSettings
from ..session.sn_services import attribute_address
from .client_receive import fill_notification
from .client_reports import long_invoke_id
from .push import parse_push, store_value
from .reply import GXReplyData
from .settings import GXDLMSSettings, GXHdlcSettings, add_accessors, session_property
from .values import time_bytes

log = logging.getLogger(__name__)

_UI = control_byte(FrameKind.UI, pf=True)
_LLC = (b"\xe6\xe7\x00", b"\xe6\xe6\x00")
_FRAME, _GBT = int(RequestTypes.FRAME), int(RequestTypes.GBT)


class GXDLMSNotify:
    """Builds and reads unsolicited messages: DataNotification, EventNotification, InformationReport."""

    def __init__(self, useLogicalNameReferencing: bool = True, clientAddress: int = 16, serverAddress: int = 1,
                 interfaceType: InterfaceType | int = InterfaceType.HDLC) -> None:
        self.session = SessionSettings(interface_type=InterfaceType(interfaceType), client_address=clientAddress,
                                       server_address=serverAddress,
                                       use_logical_name_referencing=bool(useLogicalNameReferencing))
        self.settings = GXDLMSSettings(self.session, is_server=True)
        self._long_invoke = 1
        self._segments = bytearray()
        self._gbt: GbtReceiver | None = None

    # --- settings (Gurux properties) --------------------------------------------------------
    clientAddress = session_property("client_address", int)
    serverAddress = session_property("server_address", int)
    serverAddressSize = session_property("server_address_size", int)
    useLogicalNameReferencing = session_property("use_logical_name_referencing", bool)
    maxReceivePDUSize = session_property("max_receive_pdu_size", int)
    conformance = session_property("negotiated_conformance", Conformance)
    priority = session_property("priority", Priority)
    serviceClass = session_property("service_class", ServiceClass)
    interfaceType = session_property("interface_type", InterfaceType)

    @property
    def gbtWindowSize(self) -> int:
        return self.session.gbt_window_size

    @gbtWindowSize.setter
    def gbtWindowSize(self, value: int) -> None:
        if not 1 <= int(value) <= 63:
            raise LocalProtocolError("GBT window size", expected="1..63", found=value)
        self.session.gbt_window_size = int(value)

    @property
    def longInvokeID(self) -> int:
        """The long invoke id of the next message (24 bits)."""
        return self._long_invoke

    @longInvokeID.setter
    def longInvokeID(self, value: int) -> None:
        if not 0 <= int(value) <= 0xFFFFFF:
            raise LocalProtocolError("long invoke id", expected="0..0xFFFFFF", found=value)
        self._long_invoke = int(value)

    @property
    def objects(self) -> Any:
        """Known objects: a push object list is resolved against them (and unknown ones added)."""
        return self.settings.objects

    @property
    def hdlcSettings(self) -> GXHdlcSettings:
        return self.settings.hdlc

    limits = hdlcSettings

    # --- building -----------------------------------------------------------------------------
    def _next_invoke(self) -> int:
        value = long_invoke_id(self.session, self._long_invoke)
        self._long_invoke = (self._long_invoke + 1) & 0xFFFFFF
        return value

    def addData(self, obj: GXDLMSObject, index: int, buff: GXByteBuffer) -> None:
        """Append the A-XDR value of ``obj`` attribute ``index`` to ``buff``."""
        buff.set(obj.encode_attribute(int(index), self.settings))

    def _attribute_value(self, obj: GXDLMSObject, index: int) -> Any:
        return codec.decode(obj.encode_attribute(int(index), self.settings))

    def _body(self, data: Any) -> Any:
        """The value a DataNotification carries: pairs become a structure, bytes are A-XDR."""
        if isinstance(data, (GXByteBuffer, bytes, bytearray, memoryview)):
            raw = bytes(data.getData()) if isinstance(data, GXByteBuffer) else bytes(data)
            value, end = codec.decode_value(raw, 0)
            if end != len(raw):
                raise LocalProtocolError("notification data", expected="one A-XDR value",
                                         found=f"{len(raw) - end} bytes after it")
            return value
        if _is_pairs(data):
            return GXStructure(self._attribute_value(obj, index) for obj, index in data)
        return data

    def generateDataNotificationMessages(self, time: Any, data: Any) -> list[bytearray]:
        """The frames of a DataNotification.

        ``data``: a list of ``(object, attribute index)`` pairs (sent as a structure of their
        values), an A-XDR encoded value (``GXByteBuffer`` or bytes), or a DLMS value.
        ``time``: None, a ``datetime`` or a ``GXDateTime``.
        """
        apdu = DataNotification(self._next_invoke(), time_bytes(time), self._body(data))
        return self._messages(apdu.encode())

    def generatePushSetupMessages(self, time: Any, push: Any) -> list[bytearray]:
        """The frames that push the current values of ``push``'s object list (objects looked up in ``objects``)."""
        if push is None:
            raise LocalProtocolError("generatePushSetupMessages", expected="a GXDLMSPushSetup", found=None)
        return self.generateDataNotificationMessages(time, push.push_data(self.settings))

    def generateReport(self, time: Any, list_: list[tuple[GXDLMSObject, int]]) -> list[bytearray]:
        """An EventNotification (LN, one attribute) or InformationReport (SN, any number) of ``list_``."""
        if not list_:
            raise LocalProtocolError("generateReport", expected="at least one (object, attribute index)", found="none")
        stamp = time_bytes(time) or None
        if self.session.use_logical_name_referencing:
            if len(list_) != 1:
                raise LocalProtocolError("EventNotification", expected="one (object, attribute index)",
                                         found=f"{len(list_)} items")
            obj, index = list_[0]
            descriptor = AttributeDescriptor(int(obj.objectType), obj.logical_name_bytes, int(index))
            apdu: Any = EventNotificationRequest(stamp, descriptor, self._attribute_value(obj, index))
        else:
            names: list[Any] = [VariableName(attribute_address(_short_name(obj), int(index))) for obj, index in list_]
            apdu = InformationReportRequest(stamp, names, [self._attribute_value(obj, i) for obj, i in list_])
        return self._messages(apdu.encode())

    def _messages(self, apdu: bytes) -> list[bytearray]:
        """Cipher (secure notify), cut into general blocks when needed, and frame."""
        s = self.session
        apdu = protect(apdu, s.security, general=s.uses_general_protection)
        pdus = [apdu]
        if s.uses_gbt and len(apdu) > s.max_pdu_size:
            sender = GbtSender(apdu, _gbt_block_size(s.max_pdu_size), s.gbt_window_size)
            pdus = []
            while not sender.done:
                pdus.extend(block.encode() for block in sender.next_window())
        return [frame for pdu in pdus for frame in self._frame(pdu)]

    def _frame(self, pdu: bytes) -> list[bytearray]:
        s = self.session
        if uses_hdlc(s.interface_type):
            info = LLC_RESPONSE + pdu
            size = s.hdlc.max_info_tx
            chunks = [info[i : i + size] for i in range(0, len(info), size)]
            return [bytearray(encode_frame(s.client_address, s.server_address, _UI, chunk,
                                           src_size=s.server_address_size, segmented=n < len(chunks) - 1))
                    for n, chunk in enumerate(chunks)]
        if s.interface_type == InterfaceType.WRAPPER:
            return [bytearray(encode_wrapper(s.server_address, s.client_address, pdu))]
        return [bytearray(pdu)]

    # --- reading ------------------------------------------------------------------------------
    def getData(self, data: Any, reply: GXReplyData) -> bool:
        """Take one frame (or, for PDU, the APDU) from ``data``; True when one was consumed.

        A GXByteBuffer is read from its position, which moves past the frame.  The message
        is complete when ``reply.isComplete()`` (and not ``reply.isMoreData()``); its value
        is ``reply.value`` and its time ``reply.time``.  Frames are accepted whatever their
        addresses (a listener hears many meters); ``reply`` tells which they were.
        """
        buffer = data if isinstance(data, GXByteBuffer) else GXByteBuffer(bytes(data))
        raw = bytes(buffer.getData())
        start = buffer.position
        interface = self.session.interface_type
        if uses_hdlc(interface):
            while True:
                frame, end = find_frame(raw, start)
                if frame is None:
                    buffer.position = max(start, end)
                    return False
                start = buffer.position = end
                if frame.kind in (FrameKind.UI, FrameKind.I) and frame.info:
                    break
                log.debug("notify: %s frame ignored", frame.kind.name)
            reply.sourceAddress, reply.targetAddress, reply.frameId = frame.src, frame.dest, frame.control
            info = frame.info[3:] if frame.info[:3] in _LLC and not self._segments else frame.info
            if frame.segmented:
                self._segments += info
                reply.moreData |= _FRAME
                return True
            reply.moreData &= ~_FRAME
            pdu, self._segments = bytes(self._segments + info), bytearray()
        elif interface == InterfaceType.WRAPPER:
            if len(raw) - start < HEADER_SIZE:
                return False
            length = int.from_bytes(raw[start + 6 : start + 8], "big")
            if len(raw) - start < HEADER_SIZE + length:
                return False
            reply.sourceAddress = int.from_bytes(raw[start + 2 : start + 4], "big")
            reply.targetAddress = int.from_bytes(raw[start + 4 : start + 6], "big")
            pdu = raw[start + HEADER_SIZE : start + HEADER_SIZE + length]
            buffer.position = start + HEADER_SIZE + length
        else:
            pdu = raw[start:]
            buffer.position = len(raw)
            if not pdu:
                return False
        self._apdu(pdu, reply)
        return True

    def _apdu(self, apdu: bytes, reply: GXReplyData) -> None:
        if apdu[:1] == b"\xe0":
            block = decode_apdu(apdu)
            receiver = self._gbt or GbtReceiver(self.session.gbt_window_size)
            receiver.on_block(block)  # a push is not acknowledged
            reply.blockNumber = block.block_number
            if not receiver.complete:
                self._gbt = receiver
                reply.moreData |= _GBT
                return
            self._gbt = None
            reply.moreData &= ~_GBT
            apdu = bytes(receiver.data)
        if is_protected(apdu):
            keys = self.session.security
            if not keys.is_ciphered and not isinstance(self, GXDLMSSecureNotify):
                raise DecryptionError("ciphered notification", expected="a GXDLMSSecureNotify with the meter's keys",
                                      found=f"tag 0x{apdu[0]:02X}")
            reply.cipheredCommand = apdu[0]
            apdu, _ = unprotect(apdu, keys, self.session.server_system_title or keys.recipient_system_title)
        decoded = decode_apdu(apdu)
        if isinstance(decoded, (DataNotification, EventNotificationRequest, InformationReportRequest)):
            fill_notification(reply, decoded, apdu)
            return
        reply.command = apdu[0]
        reply.data.set(apdu)
        reply.complete = True

    def updateValue(self, target: Any, attributeIndex: int, value: Any, parameters: Any = None) -> Any:
        """Store a received value into an attribute (converted as it says); return what was stored."""
        return store_value(target, attributeIndex, value, self.settings)

    def parsePush(self, data: Any, push: Any = None) -> list[Any]:
        """The ``(object, index)`` pairs of pushed data, with the values stored into the objects.

        Works with a push object list first in the data (objects found in ``objects`` or
        created) and without one when ``push`` (or the one push setup in ``objects`` with as
        many objects as values) says what the values are; otherwise the values are returned.
        """
        return parse_push(data, self.settings.objects, self.updateValue, push)


class GXDLMSSecureNotify(GXDLMSNotify):
    """A GXDLMSNotify that ciphers what it sends and deciphers what it reads (``ciphering``)."""

    def __init__(self, useLogicalNameReferencing: bool = True, clientAddress: int = 16, serverAddress: int = 1,
                 interfaceType: InterfaceType | int = InterfaceType.HDLC) -> None:
        super().__init__(useLogicalNameReferencing, clientAddress, serverAddress, interfaceType)
        from .secure import GXCiphering

        self.ciphering = GXCiphering(b"ABCDEFGH", self.session.security)

    @property
    def serverSystemTitle(self) -> bytes | None:
        """The meter's system title, for reading service-specific ciphered reports (general ones carry it)."""
        return self.session.server_system_title

    @serverSystemTitle.setter
    def serverSystemTitle(self, value: bytes | None) -> None:
        self.session.server_system_title = None if value is None else bytes(value)


def _is_pairs(data: Any) -> bool:
    return (isinstance(data, (list, tuple)) and not isinstance(data, GXStructure) and bool(data)
            and all(isinstance(p, (tuple, list)) and len(p) == 2 and isinstance(p[0], GXDLMSObject) for p in data))


def _short_name(obj: Any) -> int:
    name = getattr(obj, "shortName", 0)
    if not name:
        raise LocalProtocolError("InformationReport", expected="objects with short names", found=repr(obj))
    return int(name)


def _gbt_block_size(max_pdu: int) -> int:
    """The most block data that fits a PDU of ``max_pdu`` bytes with the GBT header and its length."""
    size = max_pdu - 7
    while size > 1 and 6 + _length_size(size) + size > max_pdu:
        size -= 1
    return max(1, size)


def _length_size(length: int) -> int:
    """Bytes of the A-XDR length of ``length``."""
    out = bytearray()
    codec.encode_length(out, length)
    return len(out)


add_accessors(GXDLMSNotify, [
    "clientAddress", "serverAddress", "serverAddressSize", "useLogicalNameReferencing", "maxReceivePDUSize",
    "conformance", "priority", "serviceClass", "interfaceType", "gbtWindowSize", "longInvokeID", "objects",
    "hdlcSettings",
])

__all__ = ["GXDLMSNotify", "GXDLMSSecureNotify"]
