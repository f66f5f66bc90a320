"""The connection of one Messages file: opened when a message needs it, closed on every path.

Each file runs on its own connection, as the XmlClient's documentation promises (and
Gurux's Python version does not do): the medium is opened, IEC 62056-21 mode E runs when
asked, then SNRM/UA (HDLC) and the association (the engine's AARQ, or the file's own),
with HLS passes 3 and 4 when the mechanism needs them.  :meth:`FileSession.close` releases
the association, disconnects the link and closes the medium, whatever happened before.
The invocation counter of a ciphered client goes on from one connection to the next.
"""

from __future__ import annotations

import dataclasses
import logging
from typing import Any

from gurux_dlms.apdu.base import decode_apdu
from gurux_dlms.errors import TransportError
from gurux_dlms.framing.hdlc_params import HdlcParameters
from gurux_dlms.session.client import ClientConnection
from gurux_dlms.transport import BlockingDriver, Media, ModeEOptions, NetMedia, SerialMedia, parse_serial_spec
from gurux_dlms.transport.media import MODE_E_OPENING

from .settings import ClientOptions

log = logging.getLogger(__name__)


class MediaUnavailable(TransportError):
    """The meter's medium could not be opened at all (no connection, no port): no file can run."""


def make_media(options: ClientOptions) -> Media:
    """The medium the options name: a serial port (``-S``) or TCP (``-h``/``-p``)."""
    if options.serial:
        port, line = parse_serial_spec(options.serial, mode_e=options.mode_e)
        return SerialMedia(port, line)
    assert options.host is not None and options.port is not None
    return NetMedia(options.host, options.port, connect_timeout=options.timeout)


def mode_e_options(options: ClientOptions) -> ModeEOptions | None:
    """The IEC 62056-21 opening ``-i`` asks for (capped at the baud rate ``-S`` gives, when it gives one)."""
    if not options.mode_e:
        return None
    assert options.serial is not None
    _, line = parse_serial_spec(options.serial, mode_e=True)
    cap = line.baud if line != MODE_E_OPENING and line.baud > 300 else None
    return ModeEOptions(max_baud=cap, timeout=options.timeout, retries=options.retries)


class FileSession:
    """One file's connection (see the module documentation)."""

    def __init__(self, options: ClientOptions, invocation_counter: int, hdlc: HdlcParameters | None = None) -> None:
        self.options = options
        self.invocation_counter = invocation_counter
        self.hdlc = hdlc or options.hdlc
        self.driver: BlockingDriver | None = None
        #: The connection of the last opening, also when it failed (its AARE tells why).
        self.connection: ClientConnection | None = None
        #: An RLRQ of the file ended the association: the next request opens a new one.
        self.released = False
        self._invoke = 1

    @property
    def is_open(self) -> bool:
        return self.driver is not None and not self.released

    def open(self, aarq: bytes | None = None) -> Any:
        """Open medium, link and association (with the file's AARQ when given); the AARE received."""
        self.close()
        settings = self.options.session_settings(self.invocation_counter, self.hdlc)
        connection = ClientConnection(settings)
        connection.association_request = aarq
        self.connection = connection
        media = make_media(self.options)
        try:
            media.open()
        except TransportError as exc:
            reason = f" ({exc.found})" if exc.found is not None else ""
            raise MediaUnavailable(f"{exc.message}{reason}") from None
        driver = BlockingDriver(connection, media, self.options.timeout, self.options.retries,
                                mode_e=mode_e_options(self.options) or False)
        try:
            driver.open()  # closes the medium again when it fails
        finally:
            self._keep_counter(connection)
        self.driver = driver
        self.released = False
        self._invoke = settings.invoke_id
        return connection.aare

    def send(self, apdu: bytes) -> Any:
        """Send an encoded request; the complete reply APDU."""
        assert self.driver is not None
        try:
            return self.driver.send_request(apdu)
        finally:
            self._keep_counter(self.driver.connection)

    def renumber(self, apdu: bytes) -> bytes:
        """``apdu`` with the next invoke id (``-I``): the file's priority and service class are kept."""
        if not self.options.auto_increase_invoke_id:
            return apdu
        request: Any = decode_apdu(apdu)
        invoke = getattr(request, "invoke_id_and_priority", None)
        if invoke is None or not dataclasses.is_dataclass(request) or isinstance(request, type):
            return apdu
        renumbered: Any = dataclasses.replace(request, invoke_id_and_priority=(int(invoke) & 0xF0) | self._invoke)
        self._invoke = (self._invoke + 1) & 0x0F
        return bytes(renumbered.encode())

    def notifications(self) -> list[Any]:
        """The pushes that arrived while waiting for replies (taken)."""
        if self.driver is None:
            return []
        queue = self.driver.notifications
        pushes = list(queue)
        queue.clear()
        return pushes

    def close(self) -> None:
        """Release, disconnect and close (errors on the way are logged by the driver, never raised)."""
        driver, self.driver = self.driver, None
        if driver is not None:
            driver.close()
            self._keep_counter(driver.connection)
        self.released = False

    def _keep_counter(self, connection: ClientConnection) -> None:
        used = int(connection.settings.security.invocation_counter.value)
        self.invocation_counter = max(self.invocation_counter, used)


__all__ = ["FileSession", "MediaUnavailable", "make_media", "mode_e_options"]
