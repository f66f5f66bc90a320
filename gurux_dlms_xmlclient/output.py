"""What the command shows, by trace level, and the TX/RX trace lines.

Replies, file summaries and the final counts go to standard output through
:class:`Output`, which writes what the trace level (``-t``) lets through.  Library
warnings go to standard error through ``logging``.  At Verbose the transport's trace
logger (``gurux_dlms.transport.trace``) is switched on and its records are written to
standard output, between the replies they belong to, as Gurux's XmlClient writes them:
``TX: 10:30:00.123<TAB>00 01 00 10 ...``.
"""

from __future__ import annotations

import logging
import sys
from datetime import datetime
from typing import TextIO

from gurux_dlms.transport.common import TRACE_LOGGER

from .settings import TraceLevel

#: What the levels below Verbose let through from the library's own logging.
_LOG_LEVELS = {
    TraceLevel.OFF: logging.CRITICAL + 1,
    TraceLevel.ERROR: logging.ERROR,
    TraceLevel.WARNING: logging.WARNING,
    TraceLevel.INFO: logging.WARNING,
    TraceLevel.VERBOSE: logging.INFO,
}


class TraceFormatter(logging.Formatter):
    """``TX: HH:MM:SS.mmm<TAB>hex`` for the transport's trace records (other records as usual)."""

    def format(self, record: logging.LogRecord) -> str:
        direction = getattr(record, "direction", None)
        data = getattr(record, "data", None)
        if direction is None or data is None:
            return super().format(record)
        stamp = datetime.fromtimestamp(record.created).strftime("%H:%M:%S.%f")[:-3]
        return f"{direction}: {stamp}\t{bytes(data).hex(' ').upper()}"


class Output:
    """Writes to ``stream`` what the trace level lets through."""

    def __init__(self, level: TraceLevel, stream: TextIO | None = None) -> None:
        self.level = level
        self.stream = stream if stream is not None else sys.stdout

    def write(self, level: TraceLevel, text: str) -> None:
        """Write ``text`` (a line is added) when ``level`` is shown."""
        if self.level != TraceLevel.OFF and level <= self.level:
            self.stream.write(text + "\n")
            self.stream.flush()

    def error(self, text: str) -> None:
        self.write(TraceLevel.ERROR, text)

    def info(self, text: str) -> None:
        self.write(TraceLevel.INFO, text)

    def verbose(self, text: str) -> None:
        self.write(TraceLevel.VERBOSE, text)


def configure_logging(level: TraceLevel, stream: TextIO | None = None) -> list[logging.Handler]:
    """Route the library's logging for ``level``; the handlers added (removed again by :func:`restore_logging`)."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(_LOG_LEVELS[level])
    for name in ("gurux_dlms.simulator", "gurux_dlms.server.simulator"):  # --simulate: our output only
        logging.getLogger(name).setLevel(logging.WARNING)
    added: list[logging.Handler] = [handler]
    trace = logging.getLogger(TRACE_LOGGER)
    if level >= TraceLevel.VERBOSE:
        trace_handler = logging.StreamHandler(stream if stream is not None else sys.stdout)
        trace_handler.setFormatter(TraceFormatter())
        trace.addHandler(trace_handler)
        trace.setLevel(logging.DEBUG)
        trace.propagate = False
        added.append(trace_handler)
    return added


def restore_logging(handlers: list[logging.Handler]) -> None:
    """Take the handlers of :func:`configure_logging` away again (the command ran in-process)."""
    for handler in handlers:
        logging.getLogger().removeHandler(handler)
        logging.getLogger(TRACE_LOGGER).removeHandler(handler)
    logging.getLogger(TRACE_LOGGER).propagate = True


__all__ = ["Output", "TraceFormatter", "configure_logging", "restore_logging"]
