"""The driver's behaviour once, for the blocking and the asyncio driver alike.

Each procedure of :class:`DriverCore` (open, request, close, wait for a push) is a
generator that *yields* the I/O it needs — :class:`Send`, :class:`Receive`,
:class:`OpenMedia`, :class:`RunModeE`, :class:`CloseMedia` — and is resumed with the
result (or has the I/O error thrown into it).  The blocking driver performs those
operations with plain calls, the asyncio driver with ``await``; what to send, when to
resend, when to give up and how to say goodbye is decided here, in one place.
"""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Callable, Generator
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from ..errors import ConfigurationError, DLMSTimeoutError, ProtocolError, ServiceError, TransportError
from ..session.channel import HdlcChannel
from ..session.client import ClientConnection, State
from ..session.enums import InterfaceType
from ..session.events import (
    NEED_DATA,
    Associated,
    Disconnected,
    NotificationReceived,
    Released,
    ResponseReceived,
)
from .common import (
    NotificationHandler,
    check_result,
    describe,
    link_refused,
    request_method,
    timeout_error,
    trace,
)
from .mode_e import ModeEOptions

log = logging.getLogger(__name__)

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Send:
    """Write ``data`` to the medium."""

    data: bytes


@dataclass(frozen=True, slots=True)
class Receive:
    """Read what arrives within ``timeout`` seconds (resume with ``b""`` when nothing did)."""

    timeout: float


@dataclass(frozen=True, slots=True)
class OpenMedia:
    """Open the medium unless it is open."""


@dataclass(frozen=True, slots=True)
class RunModeE:
    """Run the IEC 62056-21 mode E opening on the (serial) medium."""

    options: ModeEOptions


@dataclass(frozen=True, slots=True)
class CloseMedia:
    """Close the medium."""


Operation = Send | Receive | OpenMedia | RunModeE | CloseMedia
Steps = Generator[Operation, Any, T]


def set_retries(connection: ClientConnection, retries: int) -> None:
    """Bound the resends after a timeout (the session's and its channel's setting)."""
    if retries < 0:
        raise ConfigurationError("retries", expected="0 or more", found=retries)
    connection.settings.max_retries = retries
    channel = connection.channel
    if isinstance(channel, HdlcChannel):
        channel.link.max_retries = retries
    else:
        channel.max_retries = retries


def mode_e_options(connection: ClientConnection, mode_e: bool | ModeEOptions | None) -> ModeEOptions | None:
    """The mode E opening to run: as asked, or by default when the interface is HDLC_WITH_MODE_E."""
    if mode_e is None:
        mode_e = connection.settings.interface_type == InterfaceType.HDLC_WITH_MODE_E
    if mode_e is True:
        return ModeEOptions()
    return mode_e or None


#: What is unanswered while the connection opens, for timeout messages.
_OPENING_STEPS = {
    State.LINKING: "the link request (SNRM)",
    State.ASSOCIATING: "the association request (AARQ)",
    State.AUTHENTICATING: "the HLS authentication (pass 3)",
}


class MediaInfo(Protocol):
    """What the procedures ask a medium (blocking or asyncio) directly."""

    @property
    def name(self) -> str: ...

    @property
    def is_open(self) -> bool: ...


class DriverCore:
    """The state and the procedures a driver runs (see the module documentation).

    ``media`` is asked only for its name (messages) and whether it is open (nothing is
    sent over a closed medium); all I/O goes through the yielded operations.
    """

    def __init__(self, connection: ClientConnection, media: MediaInfo,
                 timeout: float = 5.0, retries: int | None = None, *, mode_e: bool | ModeEOptions | None = None,
                 on_notification: NotificationHandler | None = None, check: bool = False, release: bool = True,
                 max_notifications: int = 1000) -> None:
        if timeout <= 0:
            raise ConfigurationError("timeout", expected="a positive number of seconds", found=timeout)
        if retries is not None:
            set_retries(connection, retries)
        self.connection = connection
        self.media = media
        self.timeout = float(timeout)
        self.mode_e = mode_e_options(connection, mode_e)
        self.on_notification = on_notification
        self.check = check
        self.release = release
        self.notifications: deque[Any] = deque(maxlen=max_notifications)
        self.associated: Associated | None = None
        self.identification: Any = None
        self.broken = False

    # --- procedures ---------------------------------------------------------------------------
    def opening(self) -> Steps[Associated]:
        """Open the medium, mode E when asked, then link and association."""
        self.broken = False
        yield OpenMedia()
        if self.mode_e is not None:
            self.identification = yield RunModeE(self.mode_e)
        self.connection.connect()
        event = yield from self.waiting(lambda e: isinstance(e, Associated), "the association (AARE)")
        self.associated = event
        return event

    def requesting(self, kind: str, args: tuple[Any, ...], kwargs: dict[str, Any],
                   check: bool | None = None) -> Steps[Any]:
        """One request: send it, wait for its answer, check it when asked, return the result."""
        method = request_method(self.connection, kind)
        what = describe(kind, args)
        request_id = method(*args, **kwargs)
        event = yield from self.waiting(
            lambda e: isinstance(e, ResponseReceived) and e.request_id == request_id, what)
        if self.check if check is None else check:
            check_result(event.result, what)
        return event.result

    def closing(self) -> Steps[None]:
        """Release, disconnect, close the medium; log (never raise) what fails on the way."""
        try:
            if not self.broken:
                yield from self._goodbye()
            else:
                yield from self._abandon()
        except Exception as exc:
            log.warning("closing the session on %s: %s", self.media.name, exc)
        finally:
            self.associated = None
            try:
                yield CloseMedia()
            except Exception as exc:
                log.warning("closing %s: %s", self.media.name, exc)

    def awaiting_notification(self, timeout: float) -> Steps[Any]:
        """The next push, or None when none arrives within ``timeout`` seconds."""
        if self.notifications:
            return self.notifications.popleft()
        deadline = time.monotonic() + timeout
        while True:
            yield from self._flush()
            event = self.connection.next_event()
            if isinstance(event, NotificationReceived):
                return event.apdu
            if event is not NEED_DATA:
                log.debug("%s ignored while waiting for a notification", type(event).__name__)
                continue
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return None
            data = yield from self._read(remaining)
            if data:
                self.connection.receive_data(data)

    # --- the loop -----------------------------------------------------------------------------
    def waiting(self, done: Callable[[Any], bool], what: str) -> Steps[Any]:
        """Move bytes until the connection produces an event ``done`` accepts."""
        connection = self.connection
        silent = 0  # timeouts in a row; bounds the wait even if a channel never gives up
        while True:
            yield from self._flush()
            event = connection.next_event()
            if event is NEED_DATA:
                data = yield from self._read(self.timeout)
                if data:
                    silent = 0
                    connection.receive_data(data)
                    continue
                silent += 1
                waiting_for = _OPENING_STEPS.get(connection.state, what)
                try:
                    connection.on_timeout()
                    if silent > connection.settings.max_retries + 1:
                        raise DLMSTimeoutError("no answer", expected="an answer",
                                               found=f"nothing after {silent - 1} retries")
                except DLMSTimeoutError as exc:
                    self.broken = True
                    raise timeout_error(exc, waiting_for, self.media.name, self.timeout) from None
                log.debug("no answer to %s within %g s: resending", waiting_for, self.timeout)
            elif isinstance(event, NotificationReceived):
                self._notify(event.apdu)
            elif done(event):
                return event
            elif isinstance(event, Disconnected):
                raise link_refused(event, what)
            else:
                log.debug("%s ignored while waiting for %s", type(event).__name__, what)

    def _flush(self) -> Steps[None]:
        data = self.connection.data_to_send()
        if data:
            trace("TX", data, self.media.name)
            try:
                yield Send(data)
            except TransportError:
                self.broken = True
                raise

    def _read(self, timeout: float) -> Steps[bytes]:
        try:
            data: bytes = yield Receive(timeout)
        except TransportError:
            self.broken = True
            raise
        if data:
            trace("RX", data, self.media.name)
        return data

    def _notify(self, apdu: Any) -> None:
        if self.on_notification is not None:
            self.on_notification(apdu)
            return
        if len(self.notifications) == self.notifications.maxlen:
            log.warning("notification queue full (%d): the oldest push is dropped", self.notifications.maxlen)
        self.notifications.append(apdu)

    def _goodbye(self) -> Steps[None]:
        connection = self.connection
        if self.release and connection.state is State.ASSOCIATED and self.media.is_open:
            try:
                connection.release()
                yield from self.waiting(lambda e: isinstance(e, Released), "the release (RLRE)")
            except (ServiceError, ProtocolError, TransportError) as exc:
                log.info("the meter did not release the association cleanly: %s", exc)
        if self.broken:
            yield from self._abandon()
        elif connection.channel.needs_open and connection.channel.connected and self.media.is_open:
            connection.disconnect()
            yield from self.waiting(lambda e: isinstance(e, Disconnected), "the disconnection (UA)")
        elif connection.state is not State.CLOSED:
            connection.disconnect()

    def _abandon(self) -> Steps[None]:
        """After a transport failure: send DISC without waiting for its answer."""
        connection = self.connection
        if connection.channel.needs_open and connection.channel.connected and self.media.is_open:
            connection.disconnect()
            yield from self._flush()


def run_blocking(steps: Steps[T], perform: Callable[[Operation], Any]) -> T:
    """Run a procedure, performing each operation with ``perform`` (errors are thrown back in)."""
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
            value = perform(operation)
        except BaseException as exc:  # handed to the procedure, which decides (and re-raises)
            error = exc


__all__ = [
    "CloseMedia",
    "DriverCore",
    "OpenMedia",
    "Operation",
    "Receive",
    "RunModeE",
    "Send",
    "MediaInfo",
    "Steps",
    "mode_e_options",
    "run_blocking",
    "set_retries",
]
