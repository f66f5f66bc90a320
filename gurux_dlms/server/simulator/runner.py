"""The simulator's I/O: TCP clients (asyncio, one ServerConnection each), a serial port, pushes.

Every client gets its own :class:`~gurux_dlms.session.server.ServerConnection` (its own
link, association and block transfers) over the one meter, all on one event loop, so the
meter's objects are never touched by two requests at once.  The loop logs each
connection, association and request at INFO and every frame at DEBUG; a connection idle
for ``inactivity`` seconds is closed, as a meter's inactivity timeout does.  Pushes the
meter's push setups ask for go to their destination (``host:port``, a WRAPPER
DataNotification over TCP) or, without one, to the client that invoked the push.

:func:`run` serves until SIGINT or SIGTERM; :class:`SimulatorThread` serves from a
background thread (tests, embedding) and stops on :meth:`SimulatorThread.stop`.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import threading
from typing import Any

from ...apdu.common import DEFAULT_LONG_INVOKE_ID_AND_PRIORITY
from ...apdu.notification import DataNotification
from ...errors import DLMSError
from ...framing.wrapper import encode_wrapper
from ...session.server import ServerConnection
from ...session.server_events import (
    NEED_DATA,
    AssociationAuthenticated,
    AssociationOpened,
    AssociationRefused,
    AssociationReleased,
    LinkClosed,
    LinkOpened,
    RequestRefused,
    RequestServed,
)
from ..gx_server import GXDLMSServer

log = logging.getLogger("gurux_dlms.simulator")
frames = logging.getLogger("gurux_dlms.simulator.frames")


def log_events(connection: ServerConnection, peer: str) -> list[Any]:
    """Log what a connection did (INFO) and return its events."""
    events = []
    while (event := connection.next_event()) is not NEED_DATA:
        events.append(event)
        if isinstance(event, AssociationOpened):
            context = event.context
            log.info("%s: client %d associated (%s%s%s)", peer, context.client_address, context.authentication.name,
                     ", ciphered" if context.ciphered else "", ", HLS pending" if event.pending else "")
        elif isinstance(event, AssociationAuthenticated):
            log.info("%s: client %d passed HLS", peer, event.context.client_address)
        elif isinstance(event, AssociationRefused):
            log.info("%s: client %d refused: %s", peer, event.client_address, event.reason)
        elif isinstance(event, AssociationReleased):
            log.info("%s: client %d association ended (%s)", peer, event.context.client_address, event.reason)
        elif isinstance(event, RequestServed):
            log.info("%s: client %d %s %s", peer, event.client_address, event.service, event.summary)
        elif isinstance(event, RequestRefused):
            log.info("%s: client %d request refused: %s", peer, event.client_address, event.reason)
        elif isinstance(event, (LinkOpened, LinkClosed)):
            log.info("%s: HDLC link %s by client %d", peer, "opened" if isinstance(event, LinkOpened) else "closed",
                     event.client_address)
    return events


def trace(peer: str, direction: str, data: bytes) -> None:
    if data and frames.isEnabledFor(logging.DEBUG):
        frames.debug("%s %s %s", peer, direction, data.hex(" ").upper())


class Simulator:
    """Serves ``meter`` to TCP clients on ``host:port`` (0: any free port) and/or a serial port."""

    def __init__(self, meter: GXDLMSServer, host: str = "127.0.0.1", port: int | None = 4061, *,
                 inactivity: float | None = 180.0, serial: Any = None) -> None:
        self.meter = meter
        self.host = host
        self.port = port
        self.inactivity = inactivity or None
        self.serial = serial
        self.clients: dict[str, ServerConnection] = {}
        self._server: asyncio.base_events.Server | None = None
        self._stop: asyncio.Event | None = None
        self._tasks: set[asyncio.Task[Any]] = set()

    # --- life cycle -------------------------------------------------------------------------
    async def start(self) -> None:
        """Bind the TCP port (``self.port`` becomes the real one) and open the serial port."""
        self._stop = asyncio.Event()
        if self.port is not None:
            self._server = await asyncio.start_server(self._client, self.host, self.port)
            self.port = self._server.sockets[0].getsockname()[1]
            log.info("serving %s on %s:%d (%s)", type(self.meter).__name__, self.host, self.port,
                     self.meter.interfaceType.name)
        if self.serial is not None:
            self.serial.open(asyncio.get_running_loop(), self)

    def stop(self) -> None:
        """Ask the simulator to stop (from the loop's thread)."""
        if self._stop is not None:
            self._stop.set()

    async def serve(self) -> None:
        """Serve until :meth:`stop`; then close every connection."""
        if self._stop is None:
            await self.start()
        assert self._stop is not None
        await self._stop.wait()
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        if self.serial is not None:
            self.serial.close()
        log.info("simulator stopped")

    # --- TCP clients ------------------------------------------------------------------------
    async def _client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        if task is not None:
            self._tasks.add(task)
        address = writer.get_extra_info("peername")
        peer = f"{address[0]}:{address[1]}" if isinstance(address, tuple) else str(address)
        connection = ServerConnection(self.meter.settings, self.meter, peer)
        self.clients[peer] = connection
        log.info("%s: connected", peer)
        reason = "closed by the client"
        try:
            while True:
                try:
                    data = await asyncio.wait_for(reader.read(65536), self.inactivity)
                except asyncio.TimeoutError:
                    reason = f"inactive for {self.inactivity:g} s"
                    break
                if not data:
                    break
                trace(peer, "<-", data)
                try:
                    connection.receive_data(data)
                except DLMSError as exc:
                    reason = f"unreadable stream: {exc}"
                    log_events(connection, peer)
                    break
                log_events(connection, peer)
                answer = connection.data_to_send()
                if answer:
                    trace(peer, "->", answer)
                    writer.write(answer)
                    await writer.drain()
                self.send_pushes()
        except (ConnectionError, asyncio.CancelledError) as exc:
            reason = "simulator stopping" if isinstance(exc, asyncio.CancelledError) else str(exc)
        finally:
            connection.close(reason)
            log_events(connection, peer)
            self.clients.pop(peer, None)
            writer.close()
            with contextlib.suppress(Exception):
                await asyncio.wait_for(writer.wait_closed(), 1.0)
            log.info("%s: disconnected (%s)", peer, reason)
            if task is not None:
                self._tasks.discard(task)

    # --- pushes -------------------------------------------------------------------------------
    def send_pushes(self) -> None:
        """Send what push setups asked for since the last call."""
        pushes, self.meter.pushes[:] = list(self.meter.pushes), []
        for context, push_setup, data in pushes:
            apdu = DataNotification(DEFAULT_LONG_INVOKE_ID_AND_PRIORITY, b"", data)
            destination = str(getattr(push_setup, "destination", "") or "")
            if destination:
                frame = encode_wrapper(self.meter.serverAddress, int(getattr(push_setup, "pushClientSAP", 0) or 1),
                                       apdu.encode())
                task = asyncio.get_running_loop().create_task(self._push_to(destination, frame))
                self._tasks.add(task)
                task.add_done_callback(self._tasks.discard)
                continue
            connection = self.clients.get(str(getattr(context, "connection_info", "")))
            if connection is not None:
                connection.send_notification(apdu)
            else:
                log.info("push of %s dropped: no destination and no client", push_setup.logicalName)

    async def _push_to(self, destination: str, frame: bytes) -> None:
        host, _, port = destination.rpartition(":")
        try:
            _, writer = await asyncio.wait_for(asyncio.open_connection(host or "127.0.0.1", int(port)), 5.0)
            trace(destination, "push ->", frame)
            writer.write(frame)
            await writer.drain()
            writer.close()
            log.info("push sent to %s", destination)
        except (OSError, ValueError, asyncio.TimeoutError) as exc:
            log.warning("push to %s failed: %s", destination, exc)


async def _serve_until_signalled(simulator: Simulator) -> None:
    await simulator.start()
    loop = asyncio.get_running_loop()
    for number in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(number, simulator.stop)
    await simulator.serve()


def run(simulator: Simulator) -> int:
    """Serve until SIGINT or SIGTERM; 0 when stopped that way."""
    try:
        asyncio.run(_serve_until_signalled(simulator))
    except KeyboardInterrupt:
        pass
    return 0


class SimulatorThread:
    """A simulator on its own event loop in a background thread (``with`` stops it)."""

    def __init__(self, simulator: Simulator) -> None:
        self.simulator = simulator
        self._ready = threading.Event()
        self._error: BaseException | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread = threading.Thread(target=self._main, name="dlms-simulator", daemon=True)

    @property
    def port(self) -> int:
        assert self.simulator.port is not None
        return self.simulator.port

    def start(self) -> SimulatorThread:
        self._thread.start()
        self._ready.wait(10)
        if self._error is not None:
            raise self._error
        return self

    def _main(self) -> None:
        async def main() -> None:
            self._loop = asyncio.get_running_loop()
            try:
                await self.simulator.start()
            except BaseException as exc:
                self._error = exc
                raise
            finally:
                self._ready.set()
            await self.simulator.serve()

        with contextlib.suppress(BaseException):
            asyncio.run(main())

    def call(self, function: Any, *args: Any) -> Any:
        """Run ``function(*args)`` on the simulator's loop and return its result (to touch the meter safely)."""
        assert self._loop is not None
        future: Any = asyncio.run_coroutine_threadsafe(_call(function, *args), self._loop)
        return future.result(10)

    def stop(self) -> None:
        if self._loop is not None and self._thread.is_alive():
            self._loop.call_soon_threadsafe(self.simulator.stop)
        self._thread.join(10)

    def __enter__(self) -> SimulatorThread:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


async def _call(function: Any, *args: Any) -> Any:
    return function(*args)


__all__ = ["Simulator", "SimulatorThread", "log_events", "run"]
