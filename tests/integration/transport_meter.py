"""A small meter for the transport tests, and the ways to reach it: TCP server and pseudo-terminal.

:class:`TransportMeter` extends the session tests' ``ScriptedMeter`` with real COSEM
objects (a clock, a register with a scaler, a load profile answering selective access,
the association view), a refused attribute, an attribute answered with an
ExceptionResponse and one whose answer is preceded by a push.  It records every request
APDU it decodes.  :class:`TcpMeterServer` serves one meter per TCP connection on
127.0.0.1 (or stays silent); :class:`PtyMeter` plays a meter on the master side of a
pseudo-terminal, IEC 62056-21 mode E opening included.
"""

from __future__ import annotations

import contextlib
import errno
import os
import select
import socket
import threading
import tty
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from gurux_dlms.apdu.action import ActionRequestNormal, ActionResponseNormal
from gurux_dlms.apdu.base import Apdu, decode_apdu
from gurux_dlms.apdu.get import GetRequestNormal, GetResponseNormal
from gurux_dlms.apdu.notification import DataNotification
from gurux_dlms.apdu.service_errors import ExceptionResponse
from gurux_dlms.apdu.set import SetRequestNormal, SetResponseNormal
from gurux_dlms.cosem.classes.association_ln import GXDLMSAssociationLogicalName
from gurux_dlms.cosem.classes.clock import GXDLMSClock
from gurux_dlms.cosem.classes.object_list import object_list_to_data
from gurux_dlms.cosem.classes.profile_buffer import rows_to_data
from gurux_dlms.cosem.classes.profile_generic import GXDLMSProfileGeneric
from gurux_dlms.cosem.classes.register import GXDLMSRegister
from gurux_dlms.cosem.collection import GXDLMSObjectCollection
from gurux_dlms.cosem.unit import Unit
from gurux_dlms.data import GXArray, GXStructure, GXUInt32
from gurux_dlms.data.datetime import GXDateTime
from gurux_dlms.framing.iec62056_21 import BaudRateSwitch, MeterIdentification, ModeEServer
from gurux_dlms.session.enums import InterfaceType
from integration.test_session_inmemory import ScriptedMeter

CLOCK_LN = "0.0.1.0.0.255"
REGISTER_LN = "1.0.1.8.0.255"
PROFILE_LN = "1.0.99.1.0.255"
DENIED_LN = "0.0.96.1.9.255"  # every GET is refused with read-write-denied
EXCEPTION_LN = "0.0.96.99.0.255"  # every GET is answered with an ExceptionResponse
PUSHING_LN = "0.0.96.98.0.255"  # the answer comes after a DataNotification
START = datetime(2024, 11, 24, 0, 0, 0)
ROWS = 24
IDENTIFICATION = MeterIdentification("XYZ", "5", "TESTMETER01", ("2",))


class ServerSettings:
    """What the objects' conversions see on the meter side."""

    def __init__(self, objects: GXDLMSObjectCollection) -> None:
        self.objects = objects
        self.is_server = True


def build_objects() -> GXDLMSObjectCollection:
    """The meter's objects: clock, register (scaler -2, Wh), hourly profile of both, association LN."""
    clock = GXDLMSClock(CLOCK_LN)
    clock.time = GXDateTime(datetime(2024, 11, 24, 10, 30, 0))
    register = GXDLMSRegister(REGISTER_LN)
    register.scaler_exponent = -2
    register.unit = Unit.ACTIVE_ENERGY
    register.value = GXUInt32(123456)
    profile = GXDLMSProfileGeneric(PROFILE_LN)
    profile.addCaptureObject(clock, 2)
    profile.addCaptureObject(register, 2)
    profile.capturePeriod = 3600
    profile.buffer = [GXStructure([GXDateTime(START + timedelta(hours=i)), GXUInt32(1000 + i)])
                      for i in range(ROWS)]
    profile.entriesInUse = ROWS
    profile.profileEntries = 1000
    association = GXDLMSAssociationLogicalName()
    objects = GXDLMSObjectCollection([clock, register, profile, association])
    association.objectList = GXDLMSObjectCollection(objects)
    return objects


class TransportMeter(ScriptedMeter):
    """A ScriptedMeter with real objects (see the module documentation)."""

    def __init__(self, interface: InterfaceType = InterfaceType.WRAPPER, **options: Any) -> None:
        super().__init__(interface, **options)
        self.objects = build_objects()
        self.settings = ServerSettings(self.objects)
        self.received: list[Apdu] = []

    def object(self, ln: str) -> Any:
        return next(obj for obj in self.objects if obj.logicalName == ln)

    def _apdu(self, raw: bytes) -> None:
        if raw[0] != 0xE0 and not self.ciphered:
            self.received.append(decode_apdu(raw))
        super()._apdu(raw)

    def _find(self, descriptor: Any) -> Any:
        ln = ".".join(str(b) for b in bytes(descriptor.instance_id))
        return ln, next((obj for obj in self.objects if obj.logicalName == ln), None)

    def _on_GetRequestNormal(self, request: GetRequestNormal) -> None:
        invoke = request.invoke_id_and_priority
        ln, obj = self._find(request.attribute_descriptor)
        index = request.attribute_descriptor.attribute_id
        if ln == DENIED_LN:
            self._send(GetResponseNormal(invoke, None, 3).encode())
        elif ln == EXCEPTION_LN:
            self._send(ExceptionResponse(1, 2).encode())
        elif ln == PUSHING_LN:
            self._send(DataNotification(0x40000001, b"", GXUInt32(7)).encode())
            self._send(GetResponseNormal(invoke, GXUInt32(8)).encode())
        elif obj is None and request.attribute_descriptor.class_id == 7:  # a profile it does not have: empty
            self._send(GetResponseNormal(invoke, GXArray()).encode())
        elif obj is None:
            super()._on_GetRequestNormal(request)
        elif request.access_selection is not None:
            selection = request.access_selection
            rows, columns = obj.getSelectedRows(selection.selector, selection.parameters)
            self._send(GetResponseNormal(invoke, rows_to_data(rows, columns)).encode())
        elif isinstance(obj, GXDLMSAssociationLogicalName) and index == 2:
            self._send(GetResponseNormal(invoke, object_list_to_data(self.objects, obj.version)).encode())
        else:
            self._send(GetResponseNormal(invoke, obj.get_attribute_data(index, self.settings)).encode())

    def _on_SetRequestNormal(self, request: SetRequestNormal) -> None:
        _, obj = self._find(request.attribute_descriptor)
        if obj is None:
            super()._on_SetRequestNormal(request)
            return
        obj.set_attribute_data(request.attribute_descriptor.attribute_id, request.value, self.settings)
        self._send(SetResponseNormal(request.invoke_id_and_priority, 0).encode())

    def _on_ActionRequestNormal(self, request: ActionRequestNormal) -> None:
        _, obj = self._find(request.method_descriptor)
        if isinstance(obj, GXDLMSRegister) and request.method_descriptor.method_id == 1:
            obj.value = GXUInt32(0)
            self._send(ActionResponseNormal(request.invoke_id_and_priority, 0).encode())
            return
        super()._on_ActionRequestNormal(request)


class TcpMeterServer:
    """Serves a new meter on every TCP connection to 127.0.0.1 (``silent``: accepts and never answers).

    ``received`` keeps every byte each connection sent; ``meters`` the meters created.
    """

    def __init__(self, factory: Callable[[], Any] | None = None, *, silent: bool = False,
                 close_after: int | None = None) -> None:
        self.factory = factory or (lambda: TransportMeter(InterfaceType.WRAPPER))
        self.silent = silent
        self.close_after = close_after  # close the connection after answering this many chunks
        self.meters: list[Any] = []
        self.received: list[bytearray] = []
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self._threads: list[threading.Thread] = []
        self._connections: list[socket.socket] = []
        self._stop = threading.Event()
        self._accepting = threading.Thread(target=self._accept, daemon=True)
        self._accepting.start()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._listener.accept()
            except OSError:
                return
            self._connections.append(conn)
            thread = threading.Thread(target=self._serve, args=(conn,), daemon=True)
            self._threads.append(thread)
            thread.start()

    def _serve(self, conn: socket.socket) -> None:
        meter = self.factory()
        self.meters.append(meter)
        received = bytearray()
        self.received.append(received)
        answered = 0
        with conn:
            while not self._stop.is_set():
                try:
                    data = conn.recv(65536)
                except OSError:
                    return
                if not data:
                    return
                received += data
                if self.silent:
                    continue
                answer = meter.feed(data)
                if answer:
                    conn.sendall(answer)
                    answered += 1
                if self.close_after is not None and answered >= self.close_after:
                    return

    def wait_closed(self, timeout: float = 5.0) -> bool:
        """True once every connection's thread has ended (the client closed its end)."""
        for thread in list(self._threads):
            thread.join(timeout)
        return not any(t.is_alive() for t in self._threads)

    def close(self) -> None:
        self._stop.set()
        self._listener.close()
        for conn in self._connections:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
        self.wait_closed()

    def __enter__(self) -> TcpMeterServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class PtyMeter:
    """A meter on the master side of a pseudo-terminal; the client opens ``path`` (the slave).

    With ``mode_e`` the meter first answers the IEC 62056-21 opening (``opening`` keeps the
    bytes it received then), and speaks HDLC after the option select.
    """

    def __init__(self, *, mode_e: bool = False) -> None:
        self.master, self.slave = os.openpty()
        tty.setraw(self.master)
        self.path = os.ttyname(self.slave)
        self.meter = TransportMeter(InterfaceType.HDLC)
        self.mode_e = ModeEServer(IDENTIFICATION) if mode_e else None
        self.opening = bytearray()
        self.switched_to: int | None = None
        self.switched = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _answer(self, data: bytes) -> bytes:
        if self.mode_e is None or self.switched_to is not None:
            return bytes(self.meter.feed(data))
        for position in range(len(data)):  # byte by byte: HDLC may follow the option select at once
            self.opening.append(data[position])
            self.mode_e.receive_data(data[position : position + 1])
            while (event := self.mode_e.next_event()) is not None:
                if isinstance(event, BaudRateSwitch):
                    self.switched.set()
                    self.switched_to = event.baud
            if self.switched_to is not None:
                answer = self.mode_e.data_to_send()
                rest = data[position + 1 :]
                return answer + (bytes(self.meter.feed(rest)) if rest else b"")
        return self.mode_e.data_to_send()

    def _run(self) -> None:
        while not self._stop.is_set():
            ready, _, _ = select.select([self.master], [], [], 0.05)
            if not ready:
                continue
            try:
                data = os.read(self.master, 4096)
            except OSError as exc:
                if exc.errno == errno.EIO:  # no slave open at this instant
                    continue
                return
            answer = self._answer(data)
            if answer:
                os.write(self.master, answer)

    def close(self) -> None:
        self._stop.set()
        self._thread.join(5)
        os.close(self.master)
        os.close(self.slave)

    def __enter__(self) -> PtyMeter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class UdpMeterServer:
    """One WRAPPER meter answering UDP datagrams on 127.0.0.1."""

    def __init__(self) -> None:
        self.meter = TransportMeter(InterfaceType.WRAPPER)
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self._sock.bind(("127.0.0.1", 0))
        self._sock.settimeout(0.05)
        self.port = self._sock.getsockname()[1]
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                data, peer = self._sock.recvfrom(65535)
            except TimeoutError:
                continue
            except OSError:
                return
            answer = self.meter.feed(data)
            if answer:
                self._sock.sendto(answer, peer)

    def close(self) -> None:
        self._stop.set()
        self._thread.join(5)
        self._sock.close()

    def __enter__(self) -> UdpMeterServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
