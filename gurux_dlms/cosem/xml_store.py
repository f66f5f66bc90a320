"""The XML object cache: a meter's objects (association view and attribute values) in a file.

The format is Gurux's (its XmlClient ``-o`` option and Director device files): a root
``<Objects>`` with one element per object named by its class (``<GXDLMSClock>``), holding
``<SN>`` (when set), ``<LN>``, ``<Description>`` (when set), ``<Version>``, ``<Access>`` (one
digit per attribute), ``<MethodAccess>`` (one digit per method), then each attribute value
under the attribute's property name in PascalCase (``<Time>``, ``<CaptureObjects>``).

Values are written from the attribute tables, as the DLMS data the attribute is read or
written as (see :mod:`.xml_values`), so one generic writer serves every class and loading
goes through the same ``from_data`` code as reading a meter.  Attributes are loaded from
the highest index down, so a scaler or a capture object list is in place before the value
or the buffer that depends on it.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import IO, Any

from lxml import etree

from ..data.datetime import GXDateTime
from ..data.types import DataType
from ..errors import ConfigurationError, DLMSError
from .base import Attribute, GXDLMSObject
from .generic import GXDLMSGenericObject
from .object_type import ObjectType
from .registry import class_for, known_class_ids
from .xml_values import ValueFormatError, fill_element, parse_value

log = logging.getLogger(__name__)

_HEADER = ("ObjectType", "SN", "LN", "Description", "Version", "Access", "MethodAccess", "Access3",
           "MethodAccess3")
_GENERIC_ELEMENT = "GXDLMSObject"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True, huge_tree=True)


class CacheSettings:
    """The settings a class's ``to_data``/``from_data`` see while the cache is written or read.

    ``objects`` lets structured attributes (capture objects ...) refer to other objects of
    the same file; values are kept as a client keeps them (scalers applied).
    """

    isServer = False
    is_server = False

    def __init__(self, objects: Any) -> None:
        self.objects = objects


# --- names ------------------------------------------------------------------------------
def pascal(name: str) -> str:
    """``captureObjects`` -> ``CaptureObjects``, ``scaler_unit`` -> ``ScalerUnit``."""
    return "".join(part[:1].upper() + part[1:] for part in name.split("_"))


def _enum_pascal(member: ObjectType) -> str:
    return "".join(part.capitalize() for part in member.name.split("_"))


def element_name(obj: GXDLMSObject) -> str:
    """The element of an object: its class name, or GXDLMS + class id name for generic objects."""
    if isinstance(obj, GXDLMSGenericObject):
        return f"GXDLMS{_enum_pascal(obj.objectType)}" if isinstance(obj.objectType, ObjectType) \
            else _GENERIC_ELEMENT
    return type(obj).__name__


@lru_cache(maxsize=1)
def _class_ids_by_element() -> dict[str, int]:
    """Element name (lower case) to class id: our class names and Gurux's ``GXDLMS<ObjectType>`` names."""
    names = {f"gxdlms{_enum_pascal(member).lower()}": int(member) for member in ObjectType if member}
    for class_id in known_class_ids():
        cls = class_for(class_id)
        if cls is not None:
            names[cls.__name__.lower()] = int(class_id)
    return names


def _element_attributes(obj: GXDLMSObject) -> dict[str, Attribute]:
    if isinstance(obj, GXDLMSGenericObject):
        return {f"Attribute{i}": obj.attribute(i) for i in range(2, obj.getAttributeCount() + 1)}
    return {pascal(a.name): a for a in type(obj).attributes_of(obj.version) if a.index != 1}


# --- writing ----------------------------------------------------------------------------
def _numbers_text(values: list[int]) -> str:
    """One digit per entry (Gurux), or comma-separated numbers when an entry has two digits."""
    if all(0 <= v <= 9 for v in values):
        return "".join(map(str, values))
    return ",".join(map(str, values))


def _sub(parent: Any, tag: str, text: str) -> None:
    etree.SubElement(parent, tag).text = text


def object_element(obj: GXDLMSObject, settings: Any = None, values: bool = True) -> Any:
    """The cache element of one object."""
    element = etree.Element(element_name(obj))
    if isinstance(obj, GXDLMSGenericObject):
        _sub(element, "ObjectType", str(int(obj.objectType)))
    if obj.shortName:
        _sub(element, "SN", str(obj.shortName))
    _sub(element, "LN", obj.logicalName)
    if obj.description:
        _sub(element, "Description", obj.description)
    _sub(element, "Version", str(obj.version))
    attributes = range(1, obj.getAttributeCount() + 1)
    methods = range(1, obj.getMethodCount() + 1)
    _sub(element, "Access", _numbers_text([int(obj.getAccess(i)) for i in attributes]))
    _sub(element, "MethodAccess", _numbers_text([int(obj.getMethodAccess(i)) for i in methods]))
    if obj._access3:
        _sub(element, "Access3", _numbers_text([int(obj.getAccess3(i)) for i in attributes]))
    if obj._method_access3:
        _sub(element, "MethodAccess3", _numbers_text([int(obj.getMethodAccess3(i)) for i in methods]))
    if values:
        for name, attribute in _element_attributes(obj).items():
            try:
                data = obj.get_attribute_data(attribute.index, settings)
            except DLMSError as exc:
                raise type(exc)(f"{type(obj).__name__} {obj.logicalName} attribute {attribute.index} "
                                f"cannot be saved: {exc}") from exc
            data_type = None
            if isinstance(data, GXDateTime) and obj.getDataType(attribute.index) == DataType.OCTET_STRING:
                data_type = DataType.OCTET_STRING
            child = etree.SubElement(element, name)
            fill_element(child, data, data_type)
    return element


def objects_to_xml(objects: Iterable[GXDLMSObject], values: bool = True) -> bytes:
    """The cache document (UTF-8 bytes with an XML declaration, two-space indentation)."""
    objects = list(objects)
    settings = CacheSettings(objects)
    root = etree.Element("Objects")
    for obj in objects:
        root.append(object_element(obj, settings, values))
    etree.indent(root, space="  ")
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + etree.tostring(root, encoding="utf-8") + b"\n"


def save_objects(objects: Iterable[GXDLMSObject], path: str | os.PathLike[str] | IO[bytes],
                 settings: Any = None) -> None:
    """Write the cache file (``settings.values`` False: the association view only)."""
    document = objects_to_xml(objects, bool(getattr(settings, "values", True)))
    if hasattr(path, "write"):
        path.write(document)
        return
    with open(path, "wb") as handle:
        handle.write(document)


# --- reading ----------------------------------------------------------------------------
def _child_text(element: Any, tag: str) -> str | None:
    child = element.find(tag)
    return None if child is None else (child.text or "").strip()


def _parse_numbers(text: str | None) -> list[int]:
    if not text:
        return []
    if "," in text or " " in text.strip():
        return [int(p) for p in text.replace(",", " ").split()]
    return [int(ch) for ch in text]


class _Reader:
    """Builds the objects of one document; knows the source name for error messages."""

    def __init__(self, source: str) -> None:
        self.source = source

    def error(self, element: Any, what: str, expected: Any = None, found: Any = None) -> ConfigurationError:
        return ConfigurationError(f"{self.source} line {element.sourceline}: {what}", expected=expected,
                                  found=found)

    def create(self, element: Any) -> GXDLMSObject | None:
        tag = element.tag
        class_id = _class_ids_by_element().get(tag.lower())
        given = _child_text(element, "ObjectType")
        try:
            if given:
                class_id = int(given)
            ln = _child_text(element, "LN")
            if not ln:
                raise self.error(element, f"<{tag}>", expected="an <LN> element")
            sn = int(_child_text(element, "SN") or 0)
            version_text = _child_text(element, "Version")
            access = _parse_numbers(_child_text(element, "Access"))
            method_access = _parse_numbers(_child_text(element, "MethodAccess"))
            access3 = _parse_numbers(_child_text(element, "Access3"))
            method_access3 = _parse_numbers(_child_text(element, "MethodAccess3"))
        except ValueError as exc:
            if isinstance(exc, ConfigurationError):
                raise
            raise self.error(element, f"<{tag}> header", expected="numbers", found=str(exc)) from None
        if class_id is None:
            log.debug("%s line %s: unknown object element <%s> skipped", self.source, element.sourceline, tag)
            return None
        cls = class_for(class_id)
        obj: GXDLMSObject
        if cls is None:
            obj = GXDLMSGenericObject(ln, sn, class_id=class_id, attribute_count=max(len(access), 2),
                                      method_count=len(method_access))
        else:
            obj = cls(ln, sn)
        if version_text:
            obj.version = int(version_text)
        obj.description = _child_text(element, "Description") or ""
        for index, mode in enumerate(access, 1):
            obj.setAccess(index, mode)
        for index, mode in enumerate(method_access, 1):
            obj.setMethodAccess(index, mode)
        for index, mode in enumerate(access3, 1):
            obj.setAccess3(index, mode)
        for index, mode in enumerate(method_access3, 1):
            obj.setMethodAccess3(index, mode)
        return obj

    def fill(self, obj: GXDLMSObject, element: Any, settings: Any) -> None:
        by_name = _element_attributes(obj)
        pending = []
        for child in element:
            if not isinstance(child.tag, str) or child.tag in _HEADER:
                continue
            attribute = by_name.get(child.tag)
            if attribute is None:
                log.debug("%s line %s: %s has no attribute <%s>; ignored", self.source, child.sourceline,
                          type(obj).__name__, child.tag)
                continue
            pending.append((attribute, child))
        for attribute, child in sorted(pending, key=lambda item: -item[0].index):
            self.fill_attribute(obj, attribute, child, settings)

    def fill_attribute(self, obj: GXDLMSObject, attribute: Attribute, child: Any, settings: Any) -> None:
        index = attribute.index
        given = child.get("Type")
        if given is None and (attribute.to_data is not None
                              or attribute.data_type in (DataType.NONE, DataType.ARRAY, DataType.STRUCTURE)):
            log.debug("%s line %s: <%s> has no Type; ignored", self.source, child.sourceline, child.tag)
            return
        try:
            value = parse_value(child, attribute.data_type, obj.getUIDataType(index))
        except (ValueFormatError, ConfigurationError) as exc:
            raise self.error(child, f"{type(obj).__name__} {obj.logicalName} <{child.tag}>",
                             found=str(exc)) from None
        if given is not None and value is not None:
            data_type = DataType(int(given))
            if data_type != attribute.data_type:
                obj.setDataType(index, data_type)
        ui = child.get("UIType")
        if ui is not None and ui.isdigit() and DataType(int(ui)) != obj.getUIDataType(index):
            obj.setUIDataType(index, int(ui))
        try:
            obj.set_attribute_data(index, value, settings)
        except DLMSError as exc:
            raise self.error(child, f"{type(obj).__name__} {obj.logicalName} <{child.tag}>",
                             found=str(exc)) from exc


def objects_from_xml(document: bytes | str, source: str = "<string>",
                     factory: Callable[[Iterable[GXDLMSObject]], Any] = list) -> Any:
    """The objects of a cache document (``factory`` builds the returned collection)."""
    data = document.encode("utf-8") if isinstance(document, str) else document
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        line = exc.lineno if exc.lineno is not None else "?"
        raise ConfigurationError(f"{source} line {line}", expected="well-formed XML", found=exc.msg) from None
    reader = _Reader(source)
    pairs = []
    for element in root:
        if isinstance(element.tag, str):
            obj = reader.create(element)
            if obj is not None:
                pairs.append((obj, element))
    objects = factory(obj for obj, _ in pairs)
    settings = CacheSettings(objects)
    for obj, element in pairs:
        reader.fill(obj, element, settings)
    return objects


def load_objects(path: str | os.PathLike[str] | IO[bytes],
                 factory: Callable[[Iterable[GXDLMSObject]], Any] = list) -> Any:
    """Read a cache file written by :func:`save_objects` (or by Gurux)."""
    if hasattr(path, "read"):
        return objects_from_xml(path.read(), getattr(path, "name", "<stream>"), factory)
    with open(path, "rb") as handle:
        data = handle.read()
    return objects_from_xml(data, os.fspath(path), factory)


__all__ = ["CacheSettings", "element_name", "load_objects", "object_element", "objects_from_xml",
           "objects_to_xml", "pascal", "save_objects"]
