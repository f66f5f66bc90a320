"""IEC 62056-21 mode E over a serial port: from the 300-baud sign-on to HDLC.

The protocol itself is :class:`~gurux_dlms.framing.iec62056_21.ModeEClient` (sans-I/O);
this module does its I/O and its timing::

    port at 300 baud 7E1        ->  /?!CR LF
                                <-  /XXXZ\\2ident CR LF
    wait the reaction time      ->  ACK 2 Z 2 CR LF
    wait until it is sent, switch the port to 8N1 at the baud of Z, then HDLC

A request that gets no identification is repeated (``retries`` times) before
:class:`~gurux_dlms.errors.DLMSTimeoutError`.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from ..errors import DLMSTimeoutError
from ..framing.iec62056_21 import BaudRateSwitch, IdentificationReceived, MeterIdentification, ModeEClient
from .common import trace
from .media import MODE_E_OPENING, SerialLine, SerialPort

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ModeEOptions:
    """How to run the opening.

    ``device_address`` wakes one meter on a bus (``/?<address>!``); ``max_baud`` caps the
    speed the meter offers; ``timeout`` is the wait for the identification (seconds) and
    ``retries`` how often the request is repeated.  ``reaction_time`` is waited between
    the identification and the option select (IEC 62056-21 tr: at least 200 ms, 20 ms when
    the meter announces it), ``settle_time`` after the switch, before HDLC starts.
    """

    device_address: str = ""
    max_baud: int | None = None
    timeout: float = 2.0
    retries: int = 3
    reaction_time: float = 0.2
    settle_time: float = 0.2


@dataclass(frozen=True, slots=True)
class ModeEResult:
    """What the opening agreed: the meter's identification and the HDLC baud rate."""

    identification: MeterIdentification
    baud: int


def open_mode_e(port: SerialPort, options: ModeEOptions | None = None) -> ModeEResult:
    """Run the mode E opening on ``port`` (opened at 300 7E1 if it is closed); leave it at 8N1 for HDLC."""
    options = options or ModeEOptions()
    port.set_line(MODE_E_OPENING)
    if not port.is_open:
        port.open()
    machine = ModeEClient(options.device_address, baud=options.max_baud)
    machine.start()
    request = machine.data_to_send()
    _send(port, request)
    attempts = 0
    identification: MeterIdentification | None = None
    while True:
        data = port.receive(options.timeout)
        if not data:
            attempts += 1
            if attempts > options.retries:
                raise DLMSTimeoutError(f"no IEC 62056-21 identification from the meter on {port.name}",
                                       expected="/XXXZ<ident> CR LF at 300 baud 7E1",
                                       found=f"nothing after {options.retries} repeated request(s)")
            log.debug("IEC 62056-21: no identification yet, request repeated (%d/%d)", attempts, options.retries)
            _send(port, request)
            continue
        trace("RX", data, port.name)
        machine.receive_data(data)
        while (event := machine.next_event()) is not None:
            if isinstance(event, IdentificationReceived):
                identification = event.identification
                log.info("IEC 62056-21 identification: %s (manufacturer %s, baud char %s)",
                         identification.identification, identification.manufacturer, identification.baud_char)
            elif isinstance(event, BaudRateSwitch):
                assert identification is not None
                wait = min(options.reaction_time, 0.02) if identification.reaction_20ms else options.reaction_time
                time.sleep(wait)
                _send(port, machine.data_to_send())
                port.drain()
                port.set_line(SerialLine(event.baud))
                time.sleep(options.settle_time)
                log.info("IEC 62056-21 mode E: HDLC at %d baud", event.baud)
                return ModeEResult(identification, event.baud)


def _send(port: SerialPort, data: bytes) -> None:
    trace("TX", data, port.name)
    port.send(data)


__all__ = ["ModeEOptions", "ModeEResult", "open_mode_e"]
