"""Gurux's ``gurux_dlms.objects``: every COSEM interface class and the value classes they use.

The names are gathered from the ``__all__`` of the class modules (``GXDLMSClock``,
``GXDLMSProfileGeneric``, ``GXDLMSCaptureObject``, ``GXDLMSScriptAction`` ...), so a class
added to the engine appears here without being listed twice.  Each name is also a module
(``from gurux_dlms.objects.GXDLMSClock import GXDLMSClock``), as in Gurux; the per-class
enumerations are in :mod:`gurux_dlms.objects.enums`.
"""

from __future__ import annotations

import enum
import importlib
import pkgutil
from typing import Any

from .._compat import install
from ..cosem import classes as _classes
from ..cosem.base import GXDLMSObject
from ..cosem.collection import GXDLMSObjectCollection
from ..cosem.generic import GXDLMSGenericObject


def _gather() -> tuple[dict[str, Any], dict[str, type[enum.Enum]]]:
    """The GX classes and the enums that the class modules export, by name (first export wins)."""
    objects: dict[str, Any] = {}
    enums: dict[str, type[enum.Enum]] = {}
    for info in sorted(pkgutil.iter_modules(_classes.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{_classes.__name__}.{info.name}")
        for name in getattr(module, "__all__", ()):
            value = getattr(module, name)
            if not isinstance(value, type):
                continue
            if issubclass(value, enum.Enum):
                enums.setdefault(name, value)
            elif name.startswith("GX") and value.__module__.startswith("gurux_dlms.cosem"):
                objects.setdefault(name, value)
    return objects, enums


_OBJECTS, _ENUMS = _gather()
_OBJECTS.update(GXDLMSObject=GXDLMSObject, GXDLMSObjectCollection=GXDLMSObjectCollection,
                GXDLMSGenericObject=GXDLMSGenericObject)

__getattr__, __dir__ = install(__name__, _OBJECTS)

__all__ = sorted(_OBJECTS)
