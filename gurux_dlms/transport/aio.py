"""The asyncio driver: the blocking driver's behaviour, awaiting instead of blocking.

Reading many meters at once::

    async def read_clock(host: str) -> object:
        connection = ClientConnection(SessionSettings(interface_type=InterfaceType.WRAPPER))
        async with AsyncDriver(connection, AsyncTcpMedia(host, 4059)) as driver:
            return (await driver.get(8, "0.0.1.0.0.255", 2)).value

    clocks = await asyncio.gather(*(read_clock(h) for h in hosts))

TCP runs on asyncio streams (``asyncio.open_connection``), UDP on a datagram endpoint;
a serial port (or any blocking :class:`~gurux_dlms.transport.media.Media`) runs in a
worker thread through :class:`ThreadedMedia`, which also runs the mode E opening there.
What to send, when to resend and how to close is :class:`~gurux_dlms.transport.core.DriverCore`'s,
shared with :class:`~gurux_dlms.transport.driver.BlockingDriver`.
"""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Sequence
from typing import Any, Protocol, runtime_checkable

from ..apdu.common import SelectiveAccess
from ..errors import ConfigurationError, MediaClosedError, TransportError
from ..session.client import ClientConnection, State
from ..session.events import Associated
from ..session.services import AccessResult, MethodResult
from .common import NotificationHandler
from .core import CloseMedia, DriverCore, OpenMedia, Operation, Receive, RunModeE, Send, Steps, T
from .media import Media, SerialPort
from .mode_e import ModeEOptions, ModeEResult, open_mode_e

Item = tuple[int, str | bytes, int]
_CHUNK = 65536


@runtime_checkable
class AsyncMedia(Protocol):
    """A byte pipe to one meter, for asyncio (see :class:`~gurux_dlms.transport.media.Media`)."""

    @property
    def name(self) -> str: ...

    @property
    def is_open(self) -> bool: ...

    async def open(self) -> None: ...

    async def close(self) -> None: ...

    async def send(self, data: bytes) -> None: ...

    async def receive(self, timeout: float) -> bytes:
        """What arrived within ``timeout`` seconds, ``b""`` when nothing did."""
        ...


class AsyncTcpMedia:
    """A TCP connection on asyncio streams."""

    def __init__(self, host: str, port: int, *, connect_timeout: float = 5.0) -> None:
        if not host or not 0 < int(port) < 65536:
            raise ConfigurationError("TCP address", expected="a host and a port 1..65535", found=f"{host}:{port}")
        self.host, self.port, self.connect_timeout = host, int(port), connect_timeout
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None
        self._lost = False

    @property
    def name(self) -> str:
        return f"TCP {self.host}:{self.port}"

    @property
    def is_open(self) -> bool:
        """True while connected (False once the peer has closed the connection)."""
        return self._writer is not None and not self._lost

    async def open(self) -> None:
        self._lost = False
        try:
            self._reader, self._writer = await asyncio.wait_for(
                asyncio.open_connection(self.host, self.port), self.connect_timeout)
        except (OSError, asyncio.TimeoutError) as exc:
            raise TransportError(f"cannot connect to {self.name}",
                                 found=f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__) from exc
        sock = self._writer.get_extra_info("socket") if self._writer is not None else None
        if sock is not None:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    async def close(self) -> None:
        writer, self._writer, self._reader = self._writer, None, None
        if writer is None:
            return
        writer.close()
        try:
            await writer.wait_closed()
        except (OSError, ConnectionError):
            pass

    async def send(self, data: bytes) -> None:
        if self._writer is None:
            raise MediaClosedError(f"{self.name} is not open")
        try:
            self._writer.write(bytes(data))
            await self._writer.drain()
        except (OSError, ConnectionError) as exc:
            self._lost = True
            raise MediaClosedError(f"sending to {self.name} failed", found=f"{type(exc).__name__}: {exc}") from exc

    async def receive(self, timeout: float) -> bytes:
        if self._reader is None:
            raise MediaClosedError(f"{self.name} is not open")
        try:
            data = await asyncio.wait_for(self._reader.read(_CHUNK), timeout)
        except asyncio.TimeoutError:
            return b""
        except (OSError, ConnectionError) as exc:
            self._lost = True
            raise MediaClosedError(f"{self.name} failed", found=f"{type(exc).__name__}: {exc}") from exc
        if not data:
            self._lost = True
            raise MediaClosedError(f"{self.name} is closed", found="closed by the peer")
        return data


class _Datagrams(asyncio.DatagramProtocol):
    def __init__(self) -> None:
        self.queue: asyncio.Queue[bytes | Exception] = asyncio.Queue()

    def datagram_received(self, data: bytes, addr: Any) -> None:
        self.queue.put_nowait(data)

    def error_received(self, exc: Exception) -> None:
        self.queue.put_nowait(exc)


class AsyncUdpMedia:
    """UDP datagrams to one meter on an asyncio datagram endpoint."""

    def __init__(self, host: str, port: int) -> None:
        if not host or not 0 < int(port) < 65536:
            raise ConfigurationError("UDP address", expected="a host and a port 1..65535", found=f"{host}:{port}")
        self.host, self.port = host, int(port)
        self._transport: asyncio.DatagramTransport | None = None
        self._protocol: _Datagrams | None = None

    @property
    def name(self) -> str:
        return f"UDP {self.host}:{self.port}"

    @property
    def is_open(self) -> bool:
        return self._transport is not None

    async def open(self) -> None:
        loop = asyncio.get_running_loop()
        try:
            self._transport, self._protocol = await loop.create_datagram_endpoint(
                _Datagrams, remote_addr=(self.host, self.port))
        except OSError as exc:
            raise TransportError(f"cannot open {self.name}", found=f"{type(exc).__name__}: {exc}") from exc

    async def close(self) -> None:
        transport, self._transport = self._transport, None
        if transport is not None:
            transport.close()

    async def send(self, data: bytes) -> None:
        if self._transport is None:
            raise MediaClosedError(f"{self.name} is not open")
        self._transport.sendto(bytes(data))

    async def receive(self, timeout: float) -> bytes:
        if self._transport is None or self._protocol is None:
            raise MediaClosedError(f"{self.name} is not open")
        queue = self._protocol.queue
        try:
            first = await asyncio.wait_for(queue.get(), timeout)
        except asyncio.TimeoutError:
            return b""
        out = bytearray()
        for item in (first, *(queue.get_nowait() for _ in range(queue.qsize()))):
            if isinstance(item, Exception):
                raise MediaClosedError(f"{self.name} failed", found=f"{type(item).__name__}: {item}")
            out += item
        return bytes(out)


class ThreadedMedia:
    """A blocking medium (a serial port, a loopback) used from asyncio through worker threads.

    A ``receive`` cancelled while it waits leaves its worker waiting until the timeout;
    bytes that worker takes are dropped.
    """

    def __init__(self, media: Media) -> None:
        self.media = media

    @property
    def name(self) -> str:
        return self.media.name

    @property
    def is_open(self) -> bool:
        return self.media.is_open

    async def open(self) -> None:
        await asyncio.to_thread(self.media.open)

    async def close(self) -> None:
        await asyncio.to_thread(self.media.close)

    async def send(self, data: bytes) -> None:
        await asyncio.to_thread(self.media.send, data)

    async def receive(self, timeout: float) -> bytes:
        return await asyncio.to_thread(self.media.receive, timeout)

    async def run_mode_e(self, options: ModeEOptions) -> ModeEResult:
        """The IEC 62056-21 mode E opening, in a worker thread."""
        if not isinstance(self.media, SerialPort):
            raise ConfigurationError("IEC 62056-21 mode E", expected="a serial port medium",
                                     found=type(self.media).__name__)
        return await asyncio.to_thread(open_mode_e, self.media, options)


class AsyncDriver:
    """Drive ``connection`` over an :class:`AsyncMedia` (arguments as :class:`BlockingDriver`'s)."""

    def __init__(self, connection: ClientConnection, media: AsyncMedia, timeout: float = 5.0,
                 retries: int | None = None, *, mode_e: bool | ModeEOptions | None = None,
                 on_notification: NotificationHandler | None = None, check: bool = False,
                 release: bool = True, max_notifications: int = 1000) -> None:
        self.media = media
        self.core = DriverCore(connection, media, timeout, retries, mode_e=mode_e,
                               on_notification=on_notification, check=check, release=release,
                               max_notifications=max_notifications)

    # --- life cycle -------------------------------------------------------------------------
    async def open(self) -> AsyncDriver:
        """Open the medium, run mode E when asked, connect and associate; close again on failure."""
        try:
            await self._run(self.core.opening())
        except BaseException:
            await self.close()
            raise
        return self

    async def close(self) -> None:
        """Release, disconnect and close the medium; errors on the way are logged, not raised."""
        await self._run(self.core.closing())

    async def __aenter__(self) -> AsyncDriver:
        if self.core.associated is None:
            await self.open()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    @property
    def connection(self) -> ClientConnection:
        return self.core.connection

    @property
    def is_open(self) -> bool:
        return self.core.associated is not None and self.core.connection.state is State.ASSOCIATED

    @property
    def associated(self) -> Associated | None:
        return self.core.associated

    @property
    def identification(self) -> ModeEResult | None:
        result: ModeEResult | None = self.core.identification
        return result

    @property
    def notifications(self) -> Any:
        return self.core.notifications

    # --- requests ---------------------------------------------------------------------------
    async def request(self, kind: str, *args: Any, check: bool | None = None, **kwargs: Any) -> Any:
        """One request (see :meth:`BlockingDriver.request`)."""
        return await self._run(self.core.requesting(kind, args, kwargs, check))

    async def get(self, class_id: int, logical_name: str | bytes, attribute: int,
                  access: SelectiveAccess | None = None, *, check: bool | None = None) -> AccessResult:
        result: AccessResult = await self.request("get", class_id, logical_name, attribute, access, check=check)
        return result

    async def get_list(self, items: Sequence[Item], *, check: bool | None = None) -> list[AccessResult]:
        result: list[AccessResult] = await self.request("get_list", items, check=check)
        return result

    async def set(self, class_id: int, logical_name: str | bytes, attribute: int, value: Any,
                  access: SelectiveAccess | None = None, *, check: bool | None = None) -> AccessResult:
        result: AccessResult = await self.request("set", class_id, logical_name, attribute, value, access,
                                                  check=check)
        return result

    async def set_list(self, items: Sequence[Item], values: Sequence[Any], *,
                       check: bool | None = None) -> list[AccessResult]:
        result: list[AccessResult] = await self.request("set_list", items, values, check=check)
        return result

    async def action(self, class_id: int, logical_name: str | bytes, method: int, parameters: Any = None,
                     has_parameters: bool | None = None, *, check: bool | None = None) -> MethodResult:
        result: MethodResult = await self.request("action", class_id, logical_name, method, parameters,
                                                  has_parameters, check=check)
        return result

    async def action_list(self, items: Sequence[Item], parameters: Sequence[Any], *,
                          check: bool | None = None) -> list[MethodResult]:
        result: list[MethodResult] = await self.request("action_list", items, parameters, check=check)
        return result

    async def read(self, base_name: int, attribute: int, *, check: bool | None = None) -> AccessResult:
        result: AccessResult = await self.request("read", base_name, attribute, check=check)
        return result

    async def read_list(self, items: Sequence[tuple[int, int]], *,
                        check: bool | None = None) -> list[AccessResult]:
        result: list[AccessResult] = await self.request("read_list", items, check=check)
        return result

    async def write(self, base_name: int, attribute: int, value: Any, *,
                    check: bool | None = None) -> AccessResult:
        result: AccessResult = await self.request("write", base_name, attribute, value, check=check)
        return result

    async def sn_method(self, base_name: int, class_id: int, method: int, parameter: Any = None, *,
                        check: bool | None = None) -> AccessResult:
        result: AccessResult = await self.request("sn_method", base_name, class_id, method, parameter,
                                                  check=check)
        return result

    async def wait_notification(self, timeout: float) -> Any | None:
        """The next push, or None after ``timeout`` seconds."""
        return await self._run(self.core.awaiting_notification(timeout))

    # --- I/O ----------------------------------------------------------------------------------
    async def _run(self, steps: Steps[T]) -> T:
        value: Any = None
        error: BaseException | None = None
        while True:
            try:
                operation = steps.throw(error) if error is not None else steps.send(value)
            except StopIteration as stop:
                result: T = stop.value
                return result
            value, error = None, None
            try:
                value = await self._perform(operation)
            except BaseException as exc:  # handed to the procedure, which decides (and re-raises)
                error = exc

    async def _perform(self, operation: Operation) -> Any:
        media = self.media
        if isinstance(operation, Send):
            await media.send(operation.data)
        elif isinstance(operation, Receive):
            return await media.receive(operation.timeout)
        elif isinstance(operation, OpenMedia):
            if not media.is_open:
                await media.open()
        elif isinstance(operation, RunModeE):
            if not isinstance(media, ThreadedMedia):
                raise ConfigurationError("IEC 62056-21 mode E", expected="a ThreadedMedia over a serial port",
                                         found=type(media).__name__)
            return await media.run_mode_e(operation.options)
        elif isinstance(operation, CloseMedia):
            await media.close()
        return None


__all__ = ["AsyncDriver", "AsyncMedia", "AsyncTcpMedia", "AsyncUdpMedia", "ThreadedMedia"]
