"""Moving a session's bytes: media adapters, the blocking and asyncio drivers, a high-level client.

The engine (:mod:`gurux_dlms.session`) does no I/O; this package does all of it:

* media: :class:`NetMedia` (TCP/UDP over gurux-net), :class:`SerialMedia` (gurux-serial),
  :class:`LoopbackMedia` (in process), behind the :class:`Media` protocol;
* :func:`open_mode_e`: the IEC 62056-21 mode E opening on a serial port;
* :class:`BlockingDriver` and :class:`AsyncDriver`: the loops that drive a
  :class:`~gurux_dlms.session.ClientConnection`;
* :class:`Meter`: read, write and call methods without handling frames at all.
"""

from .aio import AsyncDriver, AsyncMedia, AsyncTcpMedia, AsyncUdpMedia, ThreadedMedia
from .common import TRACE_LOGGER, enable_trace
from .driver import BlockingDriver
from .loopback import LoopbackMedia
from .media import (
    HDLC_LINE,
    MODE_E_OPENING,
    Media,
    Parity,
    SerialLine,
    SerialPort,
    StopBits,
    parse_serial_spec,
)
from .meter import Meter
from .mode_e import ModeEOptions, ModeEResult, open_mode_e
from .net_media import NetMedia
from .serial_media import SerialMedia

__all__ = [
    "HDLC_LINE",
    "MODE_E_OPENING",
    "TRACE_LOGGER",
    "AsyncDriver",
    "AsyncMedia",
    "AsyncTcpMedia",
    "AsyncUdpMedia",
    "BlockingDriver",
    "LoopbackMedia",
    "Media",
    "Meter",
    "ModeEOptions",
    "ModeEResult",
    "NetMedia",
    "Parity",
    "SerialLine",
    "SerialMedia",
    "SerialPort",
    "StopBits",
    "ThreadedMedia",
    "enable_trace",
    "open_mode_e",
    "parse_serial_spec",
]
