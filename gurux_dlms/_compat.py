"""Gurux's import layout without a file per name.

Gurux keeps one module per class or enum (``gurux_dlms/GXDLMSClient.py`` defines
``GXDLMSClient``, ``gurux_dlms/enums/InterfaceType.py`` defines ``InterfaceType``) and each
package's ``__init__`` imports the names, so scripts use either form::

    from gurux_dlms import GXDLMSClient
    from gurux_dlms.GXDLMSClient import GXDLMSClient
    import gurux_dlms.enums.InterfaceType

:func:`install` gives a package the same layout from one table: for every name it registers
a small module ``<package>.<name>`` in ``sys.modules`` that exposes that one name, and it
returns the package's ``__getattr__``/``__dir__`` so that ``<package>.<name>`` is the object
itself, as in Gurux.  A table entry is either the object or a ``"module:attribute"`` string;
strings are imported on first use, so importing the package stays cheap and never pulls in
the translator, the server or the transport until one of their names is used.

Because each per-name module is in ``sys.modules`` before anyone imports it, the import
system never rebinds the package attribute to the module (it only does that for modules it
loads itself), so ``gurux_dlms.GXDLMSClient`` stays the class after
``import gurux_dlms.GXDLMSClient``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from importlib import import_module
from importlib.machinery import ModuleSpec
from types import ModuleType
from typing import Any

_UNSET = object()


def resolve(target: Any) -> Any:
    """The object a table entry names: ``"package.module:attribute"`` is imported, anything else is itself."""
    if not isinstance(target, str):
        return target
    module_name, _, attribute = target.partition(":")
    return getattr(import_module(module_name), attribute)


class NameModule(ModuleType):
    """The module ``<package>.<name>``: it holds one public name, resolved when first read."""

    def __init__(self, fullname: str, name: str, target: Any) -> None:
        super().__init__(fullname, f"Gurux import path of {name}.")
        self.__spec__ = ModuleSpec(fullname, None, origin="gurux_dlms._compat")
        self.__package__ = fullname.rpartition(".")[0]
        self.__all__ = [name]
        self._gx_name = name
        self._gx_target = target

    def __getattr__(self, attribute: str) -> Any:
        # only called for attributes not set yet: the one public name, on first use
        if attribute == self.__dict__.get("_gx_name"):
            value = resolve(self._gx_target)
            setattr(self, attribute, value)
            return value
        raise AttributeError(f"module {self.__name__!r} has no attribute {attribute!r}")

    def __dir__(self) -> list[str]:
        return sorted({*self.__dict__, self._gx_name} - {"_gx_name", "_gx_target"})


def install(package: str, table: Mapping[str, Any]) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """Give ``package`` a per-name module for every entry of ``table``; return its ``__getattr__`` and ``__dir__``.

    Objects (not strings) are also set on the package at once; strings are resolved by the
    returned ``__getattr__`` on first use and then cached in the package.
    """
    namespace = sys.modules[package].__dict__
    for name, target in table.items():
        fullname = f"{package}.{name}"
        if fullname not in sys.modules:
            sys.modules[fullname] = NameModule(fullname, name, target)
        if not isinstance(target, str):
            namespace[name] = target

    def __getattr__(name: str) -> Any:
        target = table.get(name, _UNSET)
        if target is _UNSET:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = resolve(target)
        namespace[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted({*namespace, *table})

    return __getattr__, __dir__


__all__ = ["NameModule", "install", "resolve"]
