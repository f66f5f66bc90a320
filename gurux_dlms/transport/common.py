"""What the blocking and the asyncio drivers share: tracing, request kinds and result checks.

TX/RX traces go to the ``gurux_dlms.transport.trace`` logger at DEBUG, as spaced upper-case
hex (``TX 00 01 00 10 ...``); each record also carries ``direction``, ``data`` (bytes) and
``media`` attributes for handlers that format traces their own way (the XmlClient's
``TX: HH:MM:SS<tab>hex`` lines).  :func:`enable_trace` switches them on.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from ..apdu.common import ErrorCode
from ..data.obis import obis_to_str
from ..errors import DataAccessError, DLMSTimeoutError, LocalProtocolError, ServiceError
from ..session.client import ClientConnection
from ..session.events import Disconnected
from ..session.services import AccessResult, MethodResult

TRACE_LOGGER = "gurux_dlms.transport.trace"
trace_log = logging.getLogger(TRACE_LOGGER)

#: The connection methods a driver's ``request(kind, ...)`` may call, and what they are called in messages.
REQUEST_KINDS: dict[str, str] = {
    "get": "GET",
    "get_list": "GET with list",
    "set": "SET",
    "set_list": "SET with list",
    "action": "ACTION",
    "action_list": "ACTION with list",
    "read": "READ",
    "read_list": "READ with list",
    "write": "WRITE",
    "sn_method": "SN method",
    "send_request": "the request",
}

NotificationHandler = Callable[[Any], None]


def trace(direction: str, data: bytes, media: str = "") -> None:
    """Log bytes sent (``TX``) or received (``RX``) at DEBUG on the trace logger."""
    if data and trace_log.isEnabledFor(logging.DEBUG):
        trace_log.debug("%s %s", direction, bytes(data).hex(" ").upper(),
                        extra={"direction": direction, "data": bytes(data), "media": media})


def enable_trace(handler: logging.Handler | None = None, level: int = logging.DEBUG) -> logging.Logger:
    """Turn the TX/RX trace on (to ``handler``, or to the root handlers when None)."""
    trace_log.setLevel(level)
    if handler is not None:
        trace_log.addHandler(handler)
    return trace_log


def request_method(connection: ClientConnection, kind: str) -> Callable[..., int]:
    """The connection method behind a request kind (LocalProtocolError for an unknown kind)."""
    if kind not in REQUEST_KINDS:
        raise LocalProtocolError("request kind", expected=", ".join(REQUEST_KINDS), found=repr(kind))
    method: Callable[..., int] = getattr(connection, kind)
    return method


def describe(kind: str, args: tuple[Any, ...]) -> str:
    """A request in words, for error messages: ``GET 0.0.1.0.0.255 attribute 2 (class 8)``."""
    name = REQUEST_KINDS.get(kind, kind)
    try:
        if kind in ("get", "set"):
            return f"{name} {obis_to_str(args[1])} attribute {int(args[2])} (class {int(args[0])})"
        if kind == "action":
            return f"{name} {obis_to_str(args[1])} method {int(args[2])} (class {int(args[0])})"
        if kind in ("read", "write"):
            return f"{name} 0x{int(args[0]):04X} attribute {int(args[1])}"
        if kind == "sn_method":
            return f"{name} 0x{int(args[0]):04X} method {int(args[2])} (class {int(args[1])})"
        if kind.endswith("_list"):
            return f"{name} of {len(args[0])} item(s)"
    except (IndexError, TypeError, ValueError, LocalProtocolError):
        pass
    return name


def error_name(code: int) -> str:
    """``READ_WRITE_DENIED (3)`` for a data-access-result or action-result code."""
    try:
        return f"{ErrorCode(code).name} ({code})"
    except ValueError:
        return str(code)


def check_result(result: Any, what: str) -> Any:
    """Raise :class:`DataAccessError` when ``result`` (or an item of a list) reports a failure."""
    items = result if isinstance(result, list) else [result]
    for position, item in enumerate(items):
        code = None
        if isinstance(item, AccessResult) and item.error is not None:
            code = item.error
        elif isinstance(item, MethodResult) and not item.ok:
            code = item.error if item.error is not None else item.result
        if code is not None:
            where = f" item {position + 1}" if isinstance(result, list) else ""
            reason = error_name(int(code))
            raise DataAccessError(f"{what}{where} failed: the meter answered {reason}", code=int(code),
                                  reason=reason.split(" ")[0])
    return result


def timeout_error(exc: DLMSTimeoutError, waiting_for: str, media: str, timeout: float) -> DLMSTimeoutError:
    """The one error a driver raises when the meter stays silent: what was awaited, where, how long."""
    return DLMSTimeoutError(f"no answer from the meter to {waiting_for} on {media} within {timeout:g} s",
                            expected=exc.expected, found=exc.found)


def link_refused(event: Disconnected, waiting_for: str) -> ServiceError:
    """The meter dropped or refused the HDLC link (DM, or UA to a DISC we did not send)."""
    return ServiceError(f"the meter closed the link while waiting for {waiting_for}",
                        code=int(ErrorCode.DISCONNECT_MODE), reason=event.reason or "DM")


__all__ = [
    "REQUEST_KINDS",
    "TRACE_LOGGER",
    "NotificationHandler",
    "check_result",
    "describe",
    "enable_trace",
    "error_name",
    "link_refused",
    "request_method",
    "timeout_error",
    "trace",
    "trace_log",
]
