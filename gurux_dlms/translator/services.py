"""Imports every service family module, so that their renderers and builders are registered."""

from __future__ import annotations

from . import (  # noqa: F401
    xml_access,
    xml_acse,
    xml_action,
    xml_cipher,
    xml_errors,
    xml_get,
    xml_initiate,
    xml_notify,
    xml_set,
    xml_sn,
)

__all__: list[str] = []
