"""gurux_dlms: DLMS/COSEM (IEC 62056) for Python, compatible with Gurux's ``gurux_dlms`` API."""

from __future__ import annotations

from typing import Any

__version__ = "2.0.0.dev0"

#: Gurux names importable from the package, and the module each lives in (imported on first use).
_LAZY = {
    "GXDLMSTranslator": "gurux_dlms.translator",
    "GXDLMSTranslatorMessage": "gurux_dlms.translator.message",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'gurux_dlms' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(module), name)
    globals()[name] = value
    return value
