"""Access rights of one association: what its client may do with each object.

A real meter shows the same object to several clients with different rights: the public
client may read the energy registers, the management client may also write the clock and
disconnect the supply.  The objects carry the rights they are declared with
(``getAccess``/``getMethodAccess``); an :class:`AccessRights` decides what one association
gets, and the association view (the object list) a client reads shows exactly that.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ..cosem.access import AccessMode, AccessMode3, MethodAccessMode, MethodAccessMode3, can_read

#: Version 0-2 attribute access modes as version 3 flags.
_TO_ACCESS3 = {
    AccessMode.NO_ACCESS: AccessMode3.NO_ACCESS,
    AccessMode.READ: AccessMode3.READ,
    AccessMode.WRITE: AccessMode3.WRITE,
    AccessMode.READ_WRITE: AccessMode3.READ_WRITE,
    AccessMode.AUTHENTICATED_READ: AccessMode3.READ | AccessMode3.AUTHENTICATED_REQUEST,
    AccessMode.AUTHENTICATED_WRITE: AccessMode3.WRITE | AccessMode3.AUTHENTICATED_REQUEST,
    AccessMode.AUTHENTICATED_READ_WRITE: AccessMode3.READ_WRITE | AccessMode3.AUTHENTICATED_REQUEST,
}


def access3(mode: int) -> int:
    """A version 0-2 attribute access mode as the flags of an Association LN version 3."""
    return int(_TO_ACCESS3.get(AccessMode(mode), AccessMode3.NO_ACCESS)) if 0 <= mode <= 6 else 0


def method_access3(mode: int) -> int:
    """A version 0-2 method access mode as version 3 flags."""
    if mode == MethodAccessMode.ACCESS:
        return int(MethodAccessMode3.ACCESS)
    if mode == MethodAccessMode.AUTHENTICATED_ACCESS:
        return int(MethodAccessMode3.ACCESS | MethodAccessMode3.AUTHENTICATED_REQUEST)
    return 0


class AccessRights:
    """The rights the objects were declared with (``getAccess``/``getMethodAccess``)."""

    def attribute(self, target: Any, index: int) -> int:
        return int(target.getAccess(index))

    def method(self, target: Any, index: int) -> int:
        return int(target.getMethodAccess(index))


class ReadOnlyRights(AccessRights):
    """A public client: it may read what the object lets anyone read, and invoke nothing.

    ``methods`` lists ``(class id, method)`` pairs it may still invoke (none by default).
    """

    def __init__(self, methods: Iterable[tuple[int, int]] = ()) -> None:
        self.methods = frozenset(methods)

    def attribute(self, target: Any, index: int) -> int:
        return int(AccessMode.READ) if can_read(int(target.getAccess(index))) else int(AccessMode.NO_ACCESS)

    def method(self, target: Any, index: int) -> int:
        if (int(target.objectType), index) in self.methods:
            return int(MethodAccessMode.ACCESS)
        return int(MethodAccessMode.NO_ACCESS)


class TableRights(AccessRights):
    """Rights given per object (by logical name), falling back to another set of rights.

    ``attributes`` maps a logical name to ``{attribute index: AccessMode}`` and ``methods``
    to ``{method index: MethodAccessMode}``.
    """

    def __init__(self, attributes: Mapping[str, Mapping[int, int]] | None = None,
                 methods: Mapping[str, Mapping[int, int]] | None = None,
                 fallback: AccessRights | None = None) -> None:
        self.attributes = {ln: dict(modes) for ln, modes in (attributes or {}).items()}
        self.methods = {ln: dict(modes) for ln, modes in (methods or {}).items()}
        self.fallback = fallback if fallback is not None else AccessRights()

    def attribute(self, target: Any, index: int) -> int:
        modes = self.attributes.get(target.logicalName)
        if modes is not None and index in modes:
            return int(modes[index])
        return self.fallback.attribute(target, index)

    def method(self, target: Any, index: int) -> int:
        modes = self.methods.get(target.logicalName)
        if modes is not None and index in modes:
            return int(modes[index])
        return self.fallback.method(target, index)


__all__ = ["AccessRights", "ReadOnlyRights", "TableRights", "access3", "method_access3"]
