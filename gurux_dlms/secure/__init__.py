"""Gurux's ``gurux_dlms.secure``: the ciphering client, server and notify, and ``GXCiphering``.

Each name is also a module (``from gurux_dlms.secure.GXDLMSSecureClient import
GXDLMSSecureClient``).  The server is imported only when used.
"""

from __future__ import annotations

from .._compat import install

_NAMES: dict[str, str] = {
    "GXDLMSSecureClient": "gurux_dlms.facade.secure:GXDLMSSecureClient",
    "GXCiphering": "gurux_dlms.facade.secure:GXCiphering",
    "GXDLMSSecureNotify": "gurux_dlms.facade.notify:GXDLMSSecureNotify",
    "GXDLMSSecureServer": "gurux_dlms.server.gx_server:GXDLMSSecureServer",
}

__getattr__, __dir__ = install(__name__, _NAMES)

__all__ = list(_NAMES)
