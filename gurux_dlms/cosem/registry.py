"""The interface class registry: class id (and version) to Python class, and the object factory."""

from __future__ import annotations

import logging
from typing import Any

from .base import GXDLMSObject

log = logging.getLogger(__name__)

_CLASSES: dict[int, type[GXDLMSObject]] = {}


def register_class(cls: type[GXDLMSObject]) -> type[GXDLMSObject]:
    """Class decorator: make ``cls`` the implementation of its ``CLASS_ID``."""
    if cls.CLASS_ID in _CLASSES and _CLASSES[cls.CLASS_ID] is not cls:
        raise ValueError(f"class id {cls.CLASS_ID} registered twice ({_CLASSES[cls.CLASS_ID].__name__}, {cls.__name__})")
    _CLASSES[cls.CLASS_ID] = cls
    return cls


def class_for(class_id: int) -> type[GXDLMSObject] | None:
    """The implementation of an interface class, or None when the class is unknown."""
    _load_all()
    return _CLASSES.get(int(class_id))


def known_class_ids() -> list[int]:
    """Every implemented class id."""
    _load_all()
    return sorted(_CLASSES)


def create_object(class_id: int, ln: str | None = None, version: int | None = None, sn: int = 0) -> GXDLMSObject:
    """A new object of class ``class_id``; unknown classes give a :class:`GXDLMSGenericObject`."""
    cls = class_for(class_id)
    obj: GXDLMSObject
    if cls is None:
        from .generic import GXDLMSGenericObject

        obj = GXDLMSGenericObject(ln, sn, class_id=int(class_id))
    else:
        obj = cls(ln, sn) if ln is not None else cls(sn=sn)
    if version is not None:
        obj.version = version
    return obj


_loaded = False


def _load_all() -> None:
    """Import every class module once, so their ``@register_class`` decorators run."""
    global _loaded
    if not _loaded:
        _loaded = True
        from . import classes  # noqa: F401


def describe(obj: Any) -> str:
    return f"{type(obj).__name__} {getattr(obj, 'logicalName', '?')}"


__all__ = ["class_for", "create_object", "known_class_ids", "register_class"]
