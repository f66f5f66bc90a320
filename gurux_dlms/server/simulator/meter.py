"""The simulated meter: a GXDLMSSecureServer whose objects behave like a real meter's.

Three associations, as on a real meter: the public client (16, no authentication,
read-only), the management client (1, the configured mechanism and secret, every right the
objects declare, ciphering as ``security`` says) and a reader (17, Low authentication with
the same password, read-only).  Before every request the meter refreshes what moves with
time: the clock runs from the host's time (plus whatever offset a client set), the
registers follow :class:`~.model.MeterModel`, the profiles gain a row for every capture
period that passed and the event log the events the model had meanwhile.  Writing the
clock or running its adjust methods moves the offset; disconnect control and clock changes
are logged as events; an activated firmware image becomes the firmware version.

With ``objects`` (a device read from Gurux's object XML) the meter serves those objects as
they are, adds the three associations unless the file brings its own, and keeps only its
clock running.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from ...apdu.conformance import Conformance
from ...cosem.base import ValueEventArgs
from ...cosem.classes.association_context import ApplicationContextName
from ...cosem.classes.association_ln import GXDLMSAssociationLogicalName
from ...cosem.classes.association_sn import GXDLMSAssociationShortName
from ...cosem.classes.clock import GXDLMSClock
from ...cosem.classes.image_transfer import GXDLMSImageTransfer
from ...cosem.classes.security_setup import SecurityPolicy
from ...cosem.collection import GXDLMSObjectCollection
from ...data.datetime import GXDateTime
from ...data.types import GXStructure, GXUInt8, GXUInt16, GXUInt32
from ...security.enums import Authentication, Security
from ...security.keys import DEFAULT_AUTHENTICATION_KEY, DEFAULT_BLOCK_CIPHER_KEY
from ...session.enums import InterfaceType
from ..gx_server import ASSOCIATION_SHORT_NAME, GXDLMSSecureServer
from ..rights import AccessRights, ReadOnlyRights
from .model import (
    CLOCK_ADJUSTED_NEW,
    CLOCK_ADJUSTED_OLD,
    DAY,
    REMOTE_CONNECTION,
    REMOTE_DISCONNECTION,
    MeterModel,
)
from .objects import SECURITY_SETUP, MeterObjects, build_objects

log = logging.getLogger(__name__)

PUBLIC_CLIENT = 16
MANAGEMENT_CLIENT = 1
READER_CLIENT = 17
#: The ciphering a --security choice asks of the management client's requests.
_POLICY = {
    Security.NONE: SecurityPolicy.NOTHING,
    Security.AUTHENTICATION: SecurityPolicy.AUTHENTICATED_REQUEST | SecurityPolicy.AUTHENTICATED_RESPONSE,
    Security.ENCRYPTION: SecurityPolicy.ENCRYPTED_REQUEST | SecurityPolicy.ENCRYPTED_RESPONSE,
    Security.AUTHENTICATION_ENCRYPTION: SecurityPolicy.AUTHENTICATED_REQUEST | SecurityPolicy.ENCRYPTED_REQUEST
    | SecurityPolicy.AUTHENTICATED_RESPONSE | SecurityPolicy.ENCRYPTED_RESPONSE,
}


@dataclass
class MeterOptions:
    """How the simulated meter is set up (the simulator's command line fills one in)."""

    interface: InterfaceType = InterfaceType.HDLC
    logical_name_referencing: bool = True
    authentication: Authentication = Authentication.HIGH
    password: bytes = b"Gurux"
    security: Security = Security.NONE
    system_title: bytes | None = None
    block_cipher_key: bytes = DEFAULT_BLOCK_CIPHER_KEY
    authentication_key: bytes = DEFAULT_AUTHENTICATION_KEY
    kek: bytes | None = None
    serial: int = 12345678
    rows: int = 960
    seed: int = 1
    logical_address: int = 1
    physical_address: int | None = None
    port: int = 4061
    max_pdu_size: int = 0xFFFF
    gbt_window_size: int = 1
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def title(self) -> bytes:
        """The server system title: ``GRX`` and the serial number in five bytes, unless given."""
        return self.system_title or b"GRX" + (self.serial & 0xFF_FFFF_FFFF).to_bytes(5, "big")

    @property
    def server_address(self) -> int:
        """The combined HDLC address (logical, and physical when given) or the WRAPPER wPort."""
        if self.physical_address is None or self.interface == InterfaceType.WRAPPER:
            return self.logical_address
        from ...framing.hdlc_address import join_server_address

        return join_server_address(self.logical_address, self.physical_address)


class SimulatedMeter(GXDLMSSecureServer):
    """The meter the simulator serves (see the module documentation)."""

    def __init__(self, options: MeterOptions | None = None, objects: GXDLMSObjectCollection | None = None) -> None:
        self.options = options = options if options is not None else MeterOptions()
        super().__init__(options.logical_name_referencing, options.interface, options.title)
        keys = self._security
        keys.block_cipher_key, keys.authentication_key = bytes(options.block_cipher_key), bytes(options.authentication_key)
        keys.kek = bytes(options.kek) if options.kek else None
        self.serverAddress = options.server_address
        self.maxReceivePDUSize = options.max_pdu_size
        self.gbtWindowSize = options.gbt_window_size
        self.model = MeterModel(options.seed)
        self.clock_offset = 0.0
        #: What each energy register read when it was last reset (it counts from there).
        self.register_bases: dict[str, int] = {}
        self.meter: MeterObjects | None = None
        if objects is None:
            self.meter = build_objects(options.serial, options.rows, server_address=options.logical_address,
                                       port=options.port, system_title=options.title)
            self.items.extend(self.meter.all)
            self.hdlc = self.meter.hdlc
            self.wrapper = self.meter.tcp_udp
            self.meter.security.securityPolicy = _POLICY[Security(options.security)]
        else:
            self.items.extend(objects)
        clock = self.items.findByLN(8, "0.0.1.0.0.255")
        self.clock: GXDLMSClock | None = clock if isinstance(clock, GXDLMSClock) else None
        if not any(getattr(obj, "clientSAP", 0) for obj in self.association_objects()):
            self._add_associations()
        self.initialize()
        self._load_until: float | None = None
        self._daily_until: datetime | None = None
        self._events_until: float | None = None
        self._supply = bool(self.meter.disconnect.outputState) if self.meter is not None else True
        self.refresh()

    # --- associations ---------------------------------------------------------------------------
    def _add_associations(self) -> None:
        options = self.options
        served = list(self.items)
        clients = (
            (PUBLIC_CLIENT, Authentication.NONE, b"", ReadOnlyRights(), "public"),
            (MANAGEMENT_CLIENT, Authentication(options.authentication), options.password, AccessRights(),
             "management"),
            (READER_CLIENT, Authentication.LOW, options.password, ReadOnlyRights(), "reader"),
        )
        ciphered = Security(options.security) != Security.NONE
        for number, (client, mechanism, secret, rights, name) in enumerate(clients, start=1):
            management = client == MANAGEMENT_CLIENT
            if options.logical_name_referencing:
                association: Any = GXDLMSAssociationLogicalName(f"0.0.40.0.{number}.255")
                association.clientSAP, association.serverSAP = client, options.logical_address
                association.authenticationMechanismName.mechanismId = mechanism
                association.secret = secret
                association.applicationContextName.contextId = (ApplicationContextName.LOGICAL_NAME_WITH_CIPHERING
                                                                if management and ciphered
                                                                else ApplicationContextName.LOGICAL_NAME)
                association.xDLMSContextInfo.conformance = Conformance(self.conformance)
                association.xDLMSContextInfo.maxReceivePduSize = options.max_pdu_size
                if management and self.meter is not None:
                    association.securitySetupReference = SECURITY_SETUP
                association.objectList.extend(served)
            else:
                association = GXDLMSAssociationShortName(f"0.0.40.0.{number}.255")
                association.shortName = ASSOCIATION_SHORT_NAME
                association.objectList.extend(served)
                self.add_association(client, association, authentication=mechanism, secret=secret,
                                     security=options.security if management else Security.NONE, name=name)
            self.items.append(association)
            self.set_rights(association, rights)
        for association in self.association_objects():
            association.objectList.extend(a for a in self.association_objects()
                                          if a is association or options.logical_name_referencing)

    # --- time ---------------------------------------------------------------------------------
    def now(self) -> float:
        """The host's time (Unix seconds); the meter's clock adds ``clock_offset`` to it."""
        return time.time()

    def refresh(self, now: float | None = None) -> None:
        """Bring every value that moves with time up to ``now`` (default: the host's time)."""
        now = self.now() if now is None else now
        if self.clock is not None:
            local = datetime.fromtimestamp(now + self.clock_offset).astimezone()
            self.clock.time = GXDateTime(local)
            offset = local.utcoffset() or timedelta(0)
            self.clock.timeZone = -int(offset.total_seconds() // 60)
        meter = self.meter
        if meter is None:
            return
        model = self.model
        for ln, (register, channel, share) in meter.energy.items():
            register.value = GXUInt32(self._energy(ln, channel, share, now))
        meter.power.value = GXUInt32(model.power(now))
        meter.voltage.value = GXUInt16(model.voltage(now))
        meter.current.value = GXUInt16(model.current(now))
        self._refresh_demand(meter, now)
        self._refresh_load_profile(meter, now)
        self._refresh_daily_profile(meter, now)
        self._refresh_events(meter, now)
        meter.invocation_counter.value = GXUInt32(self._security.replay_guard.highest() or 0)

    def _energy(self, ln: str, channel: int, share: float | None, now: float) -> int:
        value = self.model.energy(channel, now)
        value = int(value * share) if share is not None else value
        return max(value - self.register_bases.get(ln, 0), 0)

    def _stamp(self, instant: float) -> GXDateTime:
        return GXDateTime(datetime.fromtimestamp(instant).astimezone())

    def _refresh_demand(self, meter: MeterObjects, now: float) -> None:
        period = 900
        start = now - now % period
        meter.demand.currentAverageValue = GXUInt32(self.model.power(now))
        meter.demand.lastAverageValue = GXUInt32(self.model.power(start - period / 2))
        meter.demand.startTimeCurrent = self._stamp(start)
        meter.demand.captureTime = self._stamp(start)
        day = now - (now % DAY)
        peak = day + (self.model.seed * 7919 % 96) * period  # the day's peak quarter hour
        meter.max_demand.value = GXUInt32(self.model.power(peak if peak <= now else peak - DAY))
        meter.max_demand.captureTime = self._stamp(peak if peak <= now else peak - DAY)

    def _refresh_load_profile(self, meter: MeterObjects, now: float) -> None:
        profile = meter.load_profile
        period, capacity = profile.capturePeriod, int(profile.profileEntries)
        last = now - now % period
        first = last - (capacity - 1) * period
        if self._load_until is not None:
            first = max(first, self._load_until + period)
        model = self.model
        instant = first
        while instant <= last:
            profile.buffer.append(GXStructure([self._stamp(instant), GXUInt8(0), GXUInt32(model.energy(0, instant)),
                                               GXUInt32(model.energy(1, instant))]))
            instant += period
        self._load_until = last
        del profile.buffer[:max(len(profile.buffer) - capacity, 0)]
        profile.entriesInUse = len(profile.buffer)

    def _refresh_daily_profile(self, meter: MeterObjects, now: float) -> None:
        profile = meter.daily_profile
        capacity = int(profile.profileEntries)
        midnight = datetime.fromtimestamp(now).astimezone().replace(hour=0, minute=0, second=0, microsecond=0)
        day = midnight - timedelta(days=capacity - 1)
        if self._daily_until is not None:
            day = max(day, self._daily_until + timedelta(days=1))
        model = self.model
        while day <= midnight:
            instant = day.timestamp()
            total = model.energy(0, instant)
            profile.buffer.append(GXStructure([GXDateTime(day), GXUInt32(total), GXUInt32(int(total * 0.6)),
                                               GXUInt32(int(total * 0.4)), GXUInt32(model.energy(1, instant))]))
            day = (day + timedelta(days=1)).replace(hour=0)
        self._daily_until = midnight
        del profile.buffer[:max(len(profile.buffer) - capacity, 0)]
        profile.entriesInUse = len(profile.buffer)

    def _refresh_events(self, meter: MeterObjects, now: float) -> None:
        start = self._events_until if self._events_until is not None else now - int(meter.event_log.profileEntries) * DAY
        for instant, code in self.model.events(start, now):
            self._log_event(meter, code, instant)
        self._events_until = now

    def _log_event(self, meter: MeterObjects, code: int, instant: float | None = None) -> None:
        instant = self.now() + self.clock_offset if instant is None else instant
        meter.event_code.value = GXUInt16(code)
        log_profile = meter.event_log
        log_profile.buffer.append(GXStructure([self._stamp(instant), GXUInt16(code)]))
        del log_profile.buffer[:max(len(log_profile.buffer) - int(log_profile.profileEntries), 0)]
        log_profile.entriesInUse = len(log_profile.buffer)

    # --- hooks ----------------------------------------------------------------------------------
    def onPreRead(self, args: list[ValueEventArgs]) -> None:
        self.refresh()

    def onPreWrite(self, args: list[ValueEventArgs]) -> None:
        self.refresh()

    def onPreAction(self, args: list[ValueEventArgs]) -> None:
        self.refresh()

    def onPostWrite(self, args: list[ValueEventArgs]) -> None:
        for e in args:
            if e.target is self.clock and e.index == 2 and not e.error:
                self._clock_changed()

    def onPostAction(self, args: list[ValueEventArgs]) -> None:
        meter = self.meter
        if meter is not None and meter.disconnect.outputState != self._supply:
            # by the disconnect control's methods or by a script that ran them
            self._supply = bool(meter.disconnect.outputState)
            self._log_event(meter, REMOTE_CONNECTION if self._supply else REMOTE_DISCONNECTION)
        for e in args:
            if e.error:
                continue
            if e.target is self.clock:
                self._clock_changed()
            elif self.meter is not None and e.index == 1 and e.target.logicalName in self.meter.energy \
                    and int(e.target.objectType) == 3:
                _, channel, share = self.meter.energy[e.target.logicalName]
                self.register_bases[e.target.logicalName] = 0
                self.register_bases[e.target.logicalName] = self._energy(e.target.logicalName, channel, share,
                                                                         self.now())
            elif isinstance(e.target, GXDLMSImageTransfer) and e.index == 4 and e.target.activatedImage is not None:
                firmware: Any = self.items.findByLN(1, "1.0.0.2.0.255")
                if firmware is not None:
                    firmware.value = bytes(e.target.imageIdentifier).decode("ascii", "replace")

    def _clock_changed(self) -> None:
        """A client set or adjusted the clock: keep its time running from there."""
        assert self.clock is not None
        value = self.clock.time.value if isinstance(self.clock.time, GXDateTime) else None
        if value is None:
            return
        old = self.now() + self.clock_offset
        if self.meter is not None:
            self._log_event(self.meter, CLOCK_ADJUSTED_OLD, old)
        self.clock_offset = value.timestamp() - self.now()
        if self.meter is not None:
            self._log_event(self.meter, CLOCK_ADJUSTED_NEW)
        log.info("clock set to %s (offset %+.0f s)", value.isoformat(), self.clock_offset)


__all__ = ["MANAGEMENT_CLIENT", "PUBLIC_CLIENT", "READER_CLIENT", "MeterOptions", "SimulatedMeter"]
