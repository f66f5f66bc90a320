"""Arbitrator (class 68): decides which of the actions several actors request is carried out.

Gurux's Python library has no such class; this one follows the Blue Book (version 0).
"""

from __future__ import annotations

from typing import Any

from ...data.types import DataType, GXArray, GXBitString, GXStructure, GXUInt8, GXUInt16
from ...errors import DecodeError
from ..access import AccessMode
from ..base import Attribute, GXDLMSObject, Method, ValueEventArgs
from ..object_type import ObjectType
from ..registry import register_class
from .object_references import (
    GXDLMSActionItem,
    action_item_from_data,
    action_item_to_data,
    as_int,
    check_array,
    check_structure,
    execute_script,
)


def _bits(value: Any, what: str) -> GXBitString:
    if not isinstance(value, str):
        raise DecodeError(what, expected="a bit-string", found=type(value).__name__)
    return GXBitString(value)


def actions_to_data(obj: Any, settings: Any) -> GXArray:
    return GXArray(action_item_to_data(a) for a in obj.actions)


def actions_from_data(obj: Any, value: Any, settings: Any) -> None:
    obj.actions = [action_item_from_data(a, "arbitrator action") for a in check_array(value, "actions")]


def _bit_table(name: str, what: str) -> tuple[Any, Any]:
    def to_data(obj: Any, settings: Any) -> GXArray:
        return GXArray(GXBitString(bits) for bits in getattr(obj, name))

    def from_data(obj: Any, value: Any, settings: Any) -> None:
        setattr(obj, name, [_bits(bits, what) for bits in check_array(value, what)])

    return to_data, from_data


def weightings_to_data(obj: Any, settings: Any) -> GXArray:
    return GXArray(GXArray(GXUInt16(w) for w in row) for row in obj.weightingsTable)


def weightings_from_data(obj: Any, value: Any, settings: Any) -> None:
    obj.weightingsTable = [[as_int(w, "weighting") for w in check_array(row, "weightings of an actor")]
                           for row in check_array(value, "weightings table")]


_permissions = _bit_table("permissionsTable", "permissions table")
_requests = _bit_table("mostRecentRequestsTable", "most recent requests table")


@register_class
class GXDLMSArbitrator(GXDLMSObject):
    """A COSEM Arbitrator.

    Row ``n`` of ``permissionsTable``, ``weightingsTable`` and ``mostRecentRequestsTable``
    belongs to actor ``n``; bit/column ``i`` to ``actions[i]``.  ``lastOutcome`` is the index
    of the action chosen last.
    """

    CLASS_ID = ObjectType.ARBITRATOR
    VERSION = 0
    ATTRIBUTES = (
        Attribute(2, "actions", "Actions", DataType.ARRAY, factory=list, static=True, to_data=actions_to_data,
                  from_data=actions_from_data, access=AccessMode.READ_WRITE),
        Attribute(3, "permissionsTable", "Permissions Table", DataType.ARRAY, factory=list, static=True,
                  to_data=_permissions[0], from_data=_permissions[1], access=AccessMode.READ_WRITE),
        Attribute(4, "weightingsTable", "Weightings Table", DataType.ARRAY, factory=list, static=True,
                  to_data=weightings_to_data, from_data=weightings_from_data, access=AccessMode.READ_WRITE),
        Attribute(5, "mostRecentRequestsTable", "Most Recent Requests Table", DataType.ARRAY, factory=list,
                  to_data=_requests[0], from_data=_requests[1]),
        Attribute(6, "lastOutcome", "Last Outcome", DataType.UINT8, default=0),
    )
    METHODS = (
        Method(1, "requestAction", "Request action", DataType.STRUCTURE),
        Method(2, "reset", "Reset", DataType.INT8),
    )

    actions: list[GXDLMSActionItem]
    permissionsTable: list[GXBitString]
    weightingsTable: list[list[int]]
    mostRecentRequestsTable: list[GXBitString]
    lastOutcome: int

    def requestAction(self, client: Any, actor: int, actions: Any) -> Any:
        """Frames by which ``actor`` requests the actions whose bits are set in ``actions``."""
        return self._method_request(client, 1, GXStructure([GXUInt8(actor), GXBitString(actions)]))

    def reset(self, client: Any) -> Any:
        return self._method_request(client, 2, 0)

    def invoke(self, settings: Any, e: ValueEventArgs) -> Any:
        """request_action (1) records the request and carries out the winning action; reset (2) forgets requests.

        The winner is the permitted, most recently requested action whose requesting actors'
        weightings add up highest (the lowest index on a tie); its script runs when the
        server has the script table.
        """
        if e.index == 2:
            self.mostRecentRequestsTable = [GXBitString("0" * len(bits)) for bits in self.mostRecentRequestsTable]
            self.lastOutcome = 0
            return None
        if e.index != 1:
            return super().invoke(settings, e)
        params = check_structure(e.parameters, 2, "request action parameters")
        actor = as_int(params[0], "request id")
        requested = _bits(params[1], "requested actions")
        table = self.mostRecentRequestsTable
        while len(table) <= actor:
            table.append(GXBitString(""))
        table[actor] = requested
        winner = self._winner()
        if winner is not None:
            self.lastOutcome = winner
            if winner < len(self.actions):
                execute_script(settings, self.actions[winner])
        return None

    def _winner(self) -> int | None:
        totals: dict[int, int] = {}
        for actor, bits in enumerate(self.mostRecentRequestsTable):
            permitted = self.permissionsTable[actor] if actor < len(self.permissionsTable) else ""
            weights = self.weightingsTable[actor] if actor < len(self.weightingsTable) else []
            for action, bit in enumerate(bits):
                if bit == "1" and action < len(permitted) and permitted[action] == "1":
                    totals[action] = totals.get(action, 0) + (weights[action] if action < len(weights) else 0)
        if not totals:
            return None
        return min(totals, key=lambda action: (-totals[action], action))


__all__ = ["GXDLMSArbitrator"]
