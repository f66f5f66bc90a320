"""The two dispatch tables of the translator: APDU class -> renderer, XML tag -> builder.

Each service family module (``xml_get``, ``xml_set`` ...) registers its functions here
with :func:`renders` and :func:`builds`; :func:`write_apdu` and :func:`build_apdu` look
them up.  Adding a PDU is adding a function, not a branch.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from ..apdu.base import Apdu
from .data_build import Context
from .reader import Node
from .writer import XmlWriter

Renderer = Callable[[XmlWriter, Any], None]
Builder = Callable[[Node, Context], Apdu]
F = TypeVar("F", bound=Callable[..., Any])

RENDERERS: dict[type, Renderer] = {}
BUILDERS: dict[str, Builder] = {}
#: APDU classes whose STANDARD_XML wrapper is ``x:aCSE-APDU`` (not ``x:xDLMS-APDU``)
ACSE_CLASSES: set[type] = set()


def renders(*classes: type, acse: bool = False) -> Callable[[F], F]:
    """Register the decorated function as the renderer of ``classes``."""
    def register(function: F) -> F:
        for cls in classes:
            RENDERERS[cls] = function
            if acse:
                ACSE_CLASSES.add(cls)
        return function

    return register


def builds(*tags: str) -> Callable[[F], F]:
    """Register the decorated function as the builder of the elements called ``tags``."""
    def register(function: F) -> F:
        for tag in tags:
            BUILDERS[tag] = function
        return function

    return register


def write_apdu(w: XmlWriter, apdu: Any) -> None:
    """Render a decoded APDU at the writer's level."""
    render = RENDERERS.get(type(apdu))
    if render is None:
        from ..errors import DecodeError

        raise DecodeError("APDU", expected="an APDU the translator knows", found=type(apdu).__name__)
    render(w, apdu)


def build_apdu(node: Node, ctx: Context) -> Apdu:
    """Build the APDU an element describes."""
    build = BUILDERS.get(node.name)
    if build is None:
        raise node.error("APDU", expected="a PDU element (GetRequest, AssociationRequest ...)",
                         found=f"<{node.raw_name}>")
    return build(node, ctx)


__all__ = ["ACSE_CLASSES", "BUILDERS", "RENDERERS", "build_apdu", "builds", "renders", "write_apdu"]
