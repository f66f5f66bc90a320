"""The COSEM object model: interface classes described by tables, the registry and the collection."""

from .access import AccessMode, AccessMode3, MethodAccessMode, MethodAccessMode3
from .base import Attribute, GXDLMSObject, Method, ValueEventArgs
from .collection import GXDLMSObjectCollection
from .object_type import ObjectType
from .registry import class_for, create_object, known_class_ids, register_class
from .unit import Unit

__all__ = [
    "AccessMode",
    "AccessMode3",
    "Attribute",
    "GXDLMSObject",
    "GXDLMSObjectCollection",
    "Method",
    "MethodAccessMode",
    "MethodAccessMode3",
    "ObjectType",
    "Unit",
    "ValueEventArgs",
    "class_for",
    "create_object",
    "known_class_ids",
    "register_class",
]
