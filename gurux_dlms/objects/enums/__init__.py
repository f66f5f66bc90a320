"""Gurux's ``gurux_dlms.objects.enums``: the enumerations of the COSEM interface classes.

They are the enums the class modules export (``SortMethod``, ``ControlState``,
``ImageTransferStatus``, ``BaudRate``, ``SecuritySuite`` ...), each also importable as a module
(``from gurux_dlms.objects.enums.SecuritySuite import SecuritySuite``).
"""

from __future__ import annotations

from ..._compat import install
from .. import _ENUMS

__getattr__, __dir__ = install(__name__, _ENUMS)

__all__ = sorted(_ENUMS)
