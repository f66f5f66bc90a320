"""Interpreting pushed data: which object and attribute each value of a DataNotification is.

A push setup sends ``structure { value of push object 1, value of push object 2, ... }``.
Many meters make the first push object the push setup's own object list (attribute 2), so
the data describes itself: ``structure { array of capture object definitions, values... }``.
Others (e.g. utility customer ports) push the values alone; then only the push setup that
sent them (read from the meter, built by hand, or found in the association view by the
number of its objects) says what they are.  Gurux handles only the first form and fails with
a ``TypeError`` on the second; both are handled here:

* an object list (alone, or first in the data): its objects, found in the known objects or
  created, with a :class:`CaptureIndex` each; values given with it are stored into them;
* bare values and a push setup (given or known): the push setup's objects, values stored;
* bare values and no push setup: the values, as they came.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any

from ..cosem.object_type import ObjectType
from ..cosem.registry import create_object
from ..data.obis import obis_to_str
from ..errors import DecodeError
from .values import CaptureIndex

log = logging.getLogger(__name__)

Pair = tuple[Any, CaptureIndex]


def is_capture_definition(item: Any) -> bool:
    """True for ``structure { class_id, logical_name (6 bytes), attribute_index [, data_index] }``."""
    return (isinstance(item, list) and len(item) in (3, 4)
            and all(isinstance(x, int) and not isinstance(x, bool) for x in (item[0], item[2], *item[3:]))
            and isinstance(item[1], (bytes, bytearray)) and len(item[1]) == 6)


def is_object_list(value: Any) -> bool:
    """True for a non-empty array of capture object definitions (a push object list)."""
    return isinstance(value, list) and bool(value) and all(is_capture_definition(item) for item in value)


def objects_of_list(object_list: list[Any], objects: Any) -> list[Pair]:
    """The (object, index) pairs of a push object list; unknown objects are created and added to ``objects``."""
    pairs: list[Pair] = []
    for definition in object_list:
        class_id, ln = int(definition[0]), obis_to_str(bytes(definition[1]))
        if not class_id:
            continue
        target = objects.findByLN(class_id, ln)
        if target is None:
            target = create_object(class_id, ln)
            objects.append(target)
        pairs.append((target, CaptureIndex(int(definition[2]), int(definition[3]) if len(definition) > 3 else 0)))
    return pairs


def pairs_of_push(push: Any) -> list[Pair]:
    """The (object, index) pairs of a push setup's ``pushObjectList``."""
    return [(target, CaptureIndex(capture.attributeIndex, capture.dataIndex)) for target, capture in push.pushObjectList]


def known_push_setup(objects: Any, count: int) -> Any:
    """The one push setup in ``objects`` whose object list has ``count`` objects, or None."""
    candidates = [p for p in objects.getObjects(ObjectType.PUSH_SETUP) if len(p.pushObjectList) == count]
    return candidates[0] if len(candidates) == 1 else None


def store_value(target: Any, index: int, value: Any, settings: Any) -> Any:
    """Store a pushed value into an attribute (converted as the attribute says); return what was stored."""
    target.set_attribute_data(int(index), value, settings)
    target.setLastReadTime(int(index), datetime.now())
    if int(index) == 1:
        return target.logicalName
    return getattr(target, target.attribute(int(index)).name, value)


def store(pairs: list[Pair], values: list[Any], update: Callable[[Any, int, Any], Any]) -> None:
    """Store each value into its object; values of one element of an attribute (data index > 0) are left."""
    for (target, index), value in zip(pairs, values):
        if index.dataIndex:
            log.debug("push value for element %d of %s attribute %d not stored", index.dataIndex,
                      target.logicalName, int(index))
            continue
        update(target, int(index), value)


def parse_push(data: Any, objects: Any, update: Callable[[Any, int, Any], Any], push: Any = None) -> list[Any]:
    """The objects (and indexes) of pushed data, storing the values it carries; see the module text."""
    if is_object_list(data):
        return objects_of_list(data, objects)
    values = list(data) if isinstance(data, list) else [data]
    if values and is_object_list(values[0]):
        pairs = objects_of_list(values[0], objects)
        if len(values) > 1 and len(values) != len(pairs):
            raise DecodeError("push data", expected=f"{len(pairs)} values, one per object of its object list",
                              found=len(values))
        if len(values) > 1:
            store(pairs, values, update)
        return pairs
    if push is None:
        push = known_push_setup(objects, len(values))
        if push is None:
            return values
    pairs = pairs_of_push(push)
    if len(pairs) != len(values):
        raise DecodeError("push data", expected=f"{len(pairs)} values for push setup {push.logicalName}",
                          found=len(values))
    store(pairs, values, update)
    return pairs


__all__ = ["is_capture_definition", "is_object_list", "known_push_setup", "objects_of_list", "pairs_of_push",
           "parse_push", "store", "store_value"]
