"""Disconnect control (class 70): the supply switch (breaker, valve) and its state machine."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from ...data.types import DataType
from ..access import AccessMode
from ..base import Attribute, GXDLMSObject, Method, ValueEventArgs
from ..object_type import ObjectType
from ..registry import register_class


class ControlState(IntEnum):
    """State of the switch (Gurux's ``ControlState``)."""

    DISCONNECTED = 0
    CONNECTED = 1
    READY_FOR_RECONNECTION = 2


class ControlMode(IntEnum):
    """Which transitions the switch allows (Gurux's ``ControlMode``, Blue Book 4.5.8)."""

    NONE = 0
    MODE_1 = 1
    MODE_2 = 2
    MODE_3 = 3
    MODE_4 = 4
    MODE_5 = 5
    MODE_6 = 6


_D, _C, _R = ControlState.DISCONNECTED, ControlState.CONNECTED, ControlState.READY_FOR_RECONNECTION
_ALL = frozenset(range(1, 7))

#: event -> transitions (from state, to state, control modes that allow it); letters as in the Blue Book.
TRANSITIONS: dict[str, tuple[tuple[ControlState, ControlState, frozenset[int]], ...]] = {
    "remote_disconnect": ((_C, _D, _ALL), (_R, _D, _ALL)),  # b, c
    "remote_reconnect": ((_D, _R, frozenset({2, 4})), (_D, _C, frozenset({1, 3, 5, 6}))),  # a, d
    "manual_reconnect": ((_R, _C, _ALL),),  # e
    "manual_disconnect": ((_C, _R, frozenset({1, 2, 5})),),  # f
    "local_disconnect": ((_C, _R, _ALL),),  # g
    "local_reconnect": ((_R, _C, frozenset({5, 6})),),  # h
}


@register_class
class GXDLMSDisconnectControl(GXDLMSObject):
    """A COSEM Disconnect control: ``outputState`` is True when the supply is connected."""

    CLASS_ID = ObjectType.DISCONNECT_CONTROL
    VERSION = 1
    DEFAULT_LN = "0.0.96.3.10.255"
    ATTRIBUTES = (
        Attribute(2, "outputState", "Output State", DataType.BOOLEAN, default=False),
        Attribute(3, "controlState", "Control State", DataType.ENUM, default=ControlState.DISCONNECTED,
                  enum=ControlState),
        Attribute(4, "controlMode", "Control Mode", DataType.ENUM, default=ControlMode.NONE, enum=ControlMode,
                  static=True, access=AccessMode.READ_WRITE),
    )
    METHODS = (
        Method(1, "remoteDisconnect", "Remote disconnect", DataType.INT8),
        Method(2, "remoteReconnect", "Remote reconnect", DataType.INT8),
    )

    outputState: bool
    controlState: ControlState | int
    controlMode: ControlMode | int

    # --- client helpers (Gurux names) --------------------------------------------------
    def remoteDisconnect(self, client: Any) -> Any:
        return self._method_request(client, 1, 0)

    def remoteReconnect(self, client: Any) -> Any:
        return self._method_request(client, 2, 0)

    # --- server side ----------------------------------------------------------------------
    def apply(self, event: str) -> bool:
        """Apply ``event`` (a key of :data:`TRANSITIONS`); False when the mode or state does not allow it.

        Control mode 0 allows nothing: the switch stays as it is.
        """
        for source, target, modes in TRANSITIONS[event]:
            if int(self.controlState) == source and int(self.controlMode) in modes:
                self.controlState = target
                self.outputState = target == ControlState.CONNECTED
                return True
        return False

    def invoke(self, settings: Any, e: ValueEventArgs) -> Any:
        """remote_disconnect (1) and remote_reconnect (2), as the control mode allows."""
        if e.index == 1:
            self.apply("remote_disconnect")
        elif e.index == 2:
            self.apply("remote_reconnect")
        else:
            return super().invoke(settings, e)
        return None


__all__ = ["TRANSITIONS", "ControlMode", "ControlState", "GXDLMSDisconnectControl"]
