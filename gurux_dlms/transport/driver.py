"""The blocking driver: one loop that moves a ClientConnection's bytes over a medium.

::

    connection = ClientConnection(SessionSettings(interface_type=InterfaceType.WRAPPER))
    with BlockingDriver(connection, NetMedia("127.0.0.1", 4059), timeout=5.0) as driver:
        result = driver.get(8, "0.0.1.0.0.255", 2)      # AccessResult(value=..., error=None)

The connection runs every procedure (association, blocks, HDLC windows, ciphering); the
driver sends what it has to send, reads with the timeout, feeds what arrived back and,
when nothing arrived in time, calls ``connection.on_timeout()``, which resends or raises
after the bounded retries.  Pushes that arrive meanwhile go to ``on_notification`` or to
the ``notifications`` queue.  ``close()`` releases the association, disconnects the link
and closes the medium on every path; errors while saying goodbye are logged, never raised
over the error that ended the session.

A driver serves one thread; use one driver per meter (or :mod:`.aio` for many at once).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from ..apdu.common import SelectiveAccess
from ..errors import ConfigurationError
from ..session.client import ClientConnection, State
from ..session.events import Associated
from ..session.services import AccessResult, MethodResult
from .common import NotificationHandler
from .core import (
    CloseMedia,
    DriverCore,
    OpenMedia,
    Operation,
    Receive,
    RunModeE,
    Send,
    Steps,
    T,
    run_blocking,
)
from .media import Media, SerialPort
from .mode_e import ModeEOptions, ModeEResult, open_mode_e

log = logging.getLogger(__name__)

Item = tuple[int, str | bytes, int]


class BlockingDriver:
    """Drive ``connection`` over ``media``, blocking (see the module documentation).

    ``timeout`` is the wait for each reply in seconds; ``retries`` (default: the
    connection's ``max_retries``) how often a request is resent before
    :class:`~gurux_dlms.errors.DLMSTimeoutError`.  ``mode_e`` runs the IEC 62056-21
    opening first (default: when the interface is HDLC_WITH_MODE_E).  ``check`` makes
    every request raise :class:`~gurux_dlms.errors.DataAccessError` for a failed access
    (per call: ``check=``).  ``release=False`` skips the RLRQ on close.
    """

    def __init__(self, connection: ClientConnection, media: Media, timeout: float = 5.0,
                 retries: int | None = None, *, mode_e: bool | ModeEOptions | None = None,
                 on_notification: NotificationHandler | None = None, check: bool = False,
                 release: bool = True, max_notifications: int = 1000) -> None:
        self.media = media
        self.core = DriverCore(connection, media, timeout, retries, mode_e=mode_e,
                               on_notification=on_notification, check=check, release=release,
                               max_notifications=max_notifications)

    # --- life cycle -------------------------------------------------------------------------
    def open(self) -> BlockingDriver:
        """Open the medium, run mode E when asked, connect and associate; close again on failure."""
        try:
            self._run(self.core.opening())
        except BaseException:
            self.close()
            raise
        return self

    def close(self) -> None:
        """Release, disconnect and close the medium; errors on the way are logged, not raised."""
        self._run(self.core.closing())

    def __enter__(self) -> BlockingDriver:
        if self.core.associated is None:
            self.open()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @property
    def connection(self) -> ClientConnection:
        return self.core.connection

    @property
    def timeout(self) -> float:
        return self.core.timeout

    @property
    def is_open(self) -> bool:
        """True while the association is open."""
        return self.core.associated is not None and self.core.connection.state is State.ASSOCIATED

    @property
    def associated(self) -> Associated | None:
        """What the association negotiated (None before open and after close)."""
        return self.core.associated

    @property
    def identification(self) -> ModeEResult | None:
        """The meter's IEC 62056-21 identification, after a mode E opening."""
        result: ModeEResult | None = self.core.identification
        return result

    @property
    def notifications(self) -> Any:
        """Pushes received while waiting for answers (a deque), when no ``on_notification`` is set."""
        return self.core.notifications

    # --- requests ---------------------------------------------------------------------------
    def request(self, kind: str, *args: Any, check: bool | None = None, **kwargs: Any) -> Any:
        """Send one request (``kind``: get, get_list, set, set_list, action, action_list, read,
        read_list, write, sn_method, with that connection method's arguments) and return its result."""
        return self._run(self.core.requesting(kind, args, kwargs, check))

    def get(self, class_id: int, logical_name: str | bytes, attribute: int,
            access: SelectiveAccess | None = None, *, check: bool | None = None) -> AccessResult:
        """GET one attribute."""
        result: AccessResult = self.request("get", class_id, logical_name, attribute, access, check=check)
        return result

    def get_list(self, items: Sequence[Item], *, check: bool | None = None) -> list[AccessResult]:
        """GET several attributes ((class id, logical name, attribute) each) in one request."""
        result: list[AccessResult] = self.request("get_list", items, check=check)
        return result

    def set(self, class_id: int, logical_name: str | bytes, attribute: int, value: Any,
            access: SelectiveAccess | None = None, *, check: bool | None = None) -> AccessResult:
        """SET one attribute to a typed DLMS value."""
        result: AccessResult = self.request("set", class_id, logical_name, attribute, value, access, check=check)
        return result

    def set_list(self, items: Sequence[Item], values: Sequence[Any], *,
                 check: bool | None = None) -> list[AccessResult]:
        """SET several attributes in one request."""
        result: list[AccessResult] = self.request("set_list", items, values, check=check)
        return result

    def action(self, class_id: int, logical_name: str | bytes, method: int, parameters: Any = None,
               has_parameters: bool | None = None, *, check: bool | None = None) -> MethodResult:
        """Invoke a method (ACTION)."""
        result: MethodResult = self.request("action", class_id, logical_name, method, parameters,
                                            has_parameters, check=check)
        return result

    def action_list(self, items: Sequence[Item], parameters: Sequence[Any], *,
                    check: bool | None = None) -> list[MethodResult]:
        """Invoke several methods in one request."""
        result: list[MethodResult] = self.request("action_list", items, parameters, check=check)
        return result

    def read(self, base_name: int, attribute: int, *, check: bool | None = None) -> AccessResult:
        """READ one attribute (short-name referencing)."""
        result: AccessResult = self.request("read", base_name, attribute, check=check)
        return result

    def read_list(self, items: Sequence[tuple[int, int]], *, check: bool | None = None) -> list[AccessResult]:
        """READ several (base name, attribute) pairs."""
        result: list[AccessResult] = self.request("read_list", items, check=check)
        return result

    def write(self, base_name: int, attribute: int, value: Any, *, check: bool | None = None) -> AccessResult:
        """WRITE one attribute (short-name referencing)."""
        result: AccessResult = self.request("write", base_name, attribute, value, check=check)
        return result

    def sn_method(self, base_name: int, class_id: int, method: int, parameter: Any = None, *,
                  check: bool | None = None) -> AccessResult:
        """Invoke a method with short-name referencing."""
        result: AccessResult = self.request("sn_method", base_name, class_id, method, parameter, check=check)
        return result

    def send_request(self, apdu: bytes) -> Any:
        """Send an encoded request APDU and return the complete reply APDU (see ``ClientConnection.send_request``)."""
        return self.request("send_request", apdu)

    def wait_notification(self, timeout: float) -> Any | None:
        """The next push (DataNotification, EventNotification, InformationReport), or None after ``timeout``."""
        return self._run(self.core.awaiting_notification(timeout))

    # --- I/O ----------------------------------------------------------------------------------
    def _run(self, steps: Steps[T]) -> T:
        return run_blocking(steps, self._perform)

    def _perform(self, operation: Operation) -> Any:
        media = self.media
        if isinstance(operation, Send):
            media.send(operation.data)
        elif isinstance(operation, Receive):
            return media.receive(operation.timeout)
        elif isinstance(operation, OpenMedia):
            if not media.is_open:
                media.open()
        elif isinstance(operation, RunModeE):
            if not isinstance(media, SerialPort):
                raise ConfigurationError("IEC 62056-21 mode E", expected="a serial port medium",
                                         found=type(media).__name__)
            return open_mode_e(media, operation.options)
        elif isinstance(operation, CloseMedia):
            media.close()
        return None


__all__ = ["BlockingDriver"]
