"""What the simulated meter measures: deterministic functions of time and a seed.

Every quantity is a pure function of the instant (and the seed), never a running sum kept
in memory: the energy at 10:15 is the same whichever client asks, however often, and in
whichever run of the simulator.  That is what makes the profiles' history stable, so that
a range read gives the same rows every time.  Energies only ever increase (the load varies
over the day but never goes negative); power, voltage and current follow the same daily
and hourly waves.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from datetime import datetime, timezone

#: The instant all energies count from.
EPOCH = datetime(2020, 1, 1, tzinfo=timezone.utc).timestamp()
DAY = 86_400.0
HOUR = 3_600.0
#: Energy channels: active import, active export, reactive import, reactive export.
CHANNELS = 4
#: Event codes of the standard event log (Blue Book / IDIS numbering).
POWER_DOWN = 1
POWER_UP = 2
CLOCK_ADJUSTED_OLD = 4
CLOCK_ADJUSTED_NEW = 5
REMOTE_DISCONNECTION = 62
REMOTE_CONNECTION = 63
_DAILY_EVENTS = ((POWER_DOWN, POWER_UP), (CLOCK_ADJUSTED_OLD, CLOCK_ADJUSTED_NEW))


@dataclass(frozen=True)
class MeterModel:
    """The measurements of one meter; ``seed`` picks its load and its history of events."""

    seed: int = 1
    rates: tuple[float, ...] = field(init=False)
    phase: float = field(init=False)
    offsets: tuple[int, ...] = field(init=False)

    def __post_init__(self) -> None:
        rng = random.Random(self.seed)
        rates = (rng.uniform(0.3, 0.7), rng.uniform(0.01, 0.05), rng.uniform(0.05, 0.15), rng.uniform(0.01, 0.03))
        object.__setattr__(self, "rates", rates)
        object.__setattr__(self, "phase", rng.uniform(0, 2 * math.pi))
        object.__setattr__(self, "offsets", tuple(rng.randrange(1000, 100_000) for _ in range(CHANNELS)))

    def _wave(self, elapsed: float) -> float:
        """The daily load shape: between 0.5 and 1.5 of the mean."""
        return 1.0 + 0.5 * math.cos(2 * math.pi * elapsed / DAY + self.phase)

    def energy(self, channel: int, instant: float) -> int:
        """Energy register ``channel`` (Wh or varh) at ``instant`` (Unix seconds); never decreases."""
        rate = self.rates[channel]
        elapsed = max(instant - EPOCH, 0.0)
        # the integral of rate * wave: the mean part plus the bounded daily swing
        swing = rate * 0.5 * DAY / (2 * math.pi) * math.sin(2 * math.pi * elapsed / DAY + self.phase)
        return self.offsets[channel] + int(rate * elapsed + swing)

    def power(self, instant: float) -> int:
        """Active power import in W at ``instant``."""
        return round(self.rates[0] * HOUR * self._wave(instant - EPOCH))

    def voltage(self, instant: float) -> int:
        """L1 voltage in 0.1 V."""
        return 2300 + round(40 * math.sin(2 * math.pi * (instant - EPOCH) / HOUR + self.phase))

    def current(self, instant: float) -> int:
        """L1 current in 0.01 A (power over voltage)."""
        return round(self.power(instant) * 1000 / self.voltage(instant))

    def daily_events(self, day: int) -> list[tuple[float, int]]:
        """The events of day ``day`` (days since the epoch): (instant, event code), in order.

        About one day in three has a short power failure, one in ten a clock adjustment.
        """
        rng = random.Random(self.seed * 1_000_003 + day)
        start = EPOCH + day * DAY
        events: list[tuple[float, int]] = []
        for chance, (first, second) in zip((0.33, 0.1), _DAILY_EVENTS):
            if rng.random() < chance:
                at = start + rng.randrange(0, int(DAY) - 600)
                events += [(float(at), first), (float(at + rng.randrange(1, 600)), second)]
        return sorted(events)

    def events(self, start: float, end: float) -> list[tuple[float, int]]:
        """Every event in ``[start, end)``, in order."""
        first = int((start - EPOCH) // DAY)
        last = int((end - EPOCH) // DAY)
        return [event for day in range(first, last + 1) for event in self.daily_events(day)
                if start <= event[0] < end]


__all__ = ["CHANNELS", "DAY", "EPOCH", "HOUR", "POWER_DOWN", "POWER_UP", "REMOTE_CONNECTION",
           "REMOTE_DISCONNECTION", "MeterModel"]
