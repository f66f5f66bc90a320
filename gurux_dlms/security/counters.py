"""Invocation counters: the sending counter and the receiving replay check.

Every protected APDU carries a 32-bit invocation counter that is part of the GCM nonce.
A nonce must never repeat under one key, so the sender's counter only goes up and is
exhausted at 2**32-1 (the keys must be renewed then).  The receiver keeps the last counter
it accepted per sender and key and refuses one that does not increase: that is a replay,
or a peer that lost count.
"""

from __future__ import annotations

from collections.abc import Hashable

from ..errors import ConfigurationError, InvocationCounterError

MAX_INVOCATION_COUNTER = 0xFFFFFFFF


class InvocationCounter:
    """The counter for the next APDU we protect; :meth:`next` hands out strictly increasing values."""

    __slots__ = ("_value",)

    def __init__(self, value: int = 1) -> None:
        self._value = 0
        self.value = value

    @property
    def value(self) -> int:
        """The counter the next protected APDU will carry."""
        return self._value

    @value.setter
    def value(self, value: int) -> None:
        if not 0 <= value <= MAX_INVOCATION_COUNTER + 1:
            raise ConfigurationError("invocation counter", expected="0..2**32-1", found=value)
        self._value = int(value)

    def next(self) -> int:
        """Take the current value for one APDU and move past it."""
        value = self._value
        if value > MAX_INVOCATION_COUNTER:
            raise InvocationCounterError("invocation counter", expected="a value below 2**32",
                                         found="the counter is exhausted; renew the keys")
        self._value = value + 1
        return value

    def __int__(self) -> int:
        return self._value

    def __index__(self) -> int:
        return self._value

    def __eq__(self, other: object) -> bool:
        if isinstance(other, InvocationCounter):
            return self._value == other._value
        if isinstance(other, int):
            return self._value == other
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._value)

    def __repr__(self) -> str:
        return f"InvocationCounter({self._value})"


class ReplayGuard:
    """Receive side: the last accepted counter per channel (usually sender system title and key).

    :meth:`check` is called before deciphering and :meth:`accept` only after the tag has
    verified, so forged APDUs cannot move the window.
    """

    __slots__ = ("_last",)

    def __init__(self) -> None:
        self._last: dict[Hashable, int] = {}

    def last(self, channel: Hashable = None) -> int | None:
        """The last counter accepted on ``channel`` (None before the first one)."""
        return self._last.get(channel)

    def check(self, invocation_counter: int, channel: Hashable = None) -> None:
        """Raise :class:`InvocationCounterError` unless the counter is above the last accepted one."""
        last = self._last.get(channel)
        if last is not None and invocation_counter <= last:
            raise InvocationCounterError("received invocation counter", expected=f"above {last}",
                                         found=invocation_counter)

    def accept(self, invocation_counter: int, channel: Hashable = None) -> None:
        """Check the counter and record it as the last one of ``channel``."""
        self.check(invocation_counter, channel)
        self._last[channel] = invocation_counter

    def highest(self) -> int | None:
        """The highest counter accepted on any channel (None before the first one).

        A server publishes it so that a client can start above it (the invocation counter
        object 0.0.43.1.x.255).
        """
        return max(self._last.values(), default=None)

    def reset(self, channel: Hashable = None, *, everything: bool = False) -> None:
        """Forget one channel (a new key was agreed), or every channel."""
        if everything:
            self._last.clear()
        else:
            self._last.pop(channel, None)

    def __repr__(self) -> str:
        return f"ReplayGuard({len(self._last)} channels)"


__all__ = ["MAX_INVOCATION_COUNTER", "InvocationCounter", "ReplayGuard"]
