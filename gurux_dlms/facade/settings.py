"""Gurux-style settings objects of the facade: ``GXHdlcSettings`` and ``GXDLMSSettings``.

The facade keeps Gurux's camelCase properties (and their ``getX``/``setX`` twins) but
stores everything in the engine's :class:`~gurux_dlms.session.settings.SessionSettings`,
so the facade and the engine can never disagree.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..cosem.collection import GXDLMSObjectCollection
from ..errors import ConfigurationError
from ..framing.hdlc_params import HdlcParameters
from ..session.settings import SessionSettings


class GXHdlcSettings:
    """HDLC parameters proposed in SNRM and negotiated by UA (Gurux's ``hdlcSettings``)."""

    def __init__(self, session: SessionSettings) -> None:
        self._session = session

    def _get(self, name: str) -> int:
        return int(getattr(self._session.hdlc, name))

    def _set(self, name: str, value: int) -> None:
        params = self._session.hdlc
        fields = {"max_info_tx": params.max_info_tx, "max_info_rx": params.max_info_rx,
                  "window_tx": params.window_tx, "window_rx": params.window_rx}
        fields[name] = int(value)
        try:
            self._session.hdlc = HdlcParameters(**fields)
        except (ValueError, TypeError) as exc:
            raise ConfigurationError(f"HDLC {name}", found=value, expected=str(exc)) from None

    maxInfoTX = property(lambda self: self._get("max_info_tx"), lambda self, v: self._set("max_info_tx", v))
    maxInfoRX = property(lambda self: self._get("max_info_rx"), lambda self, v: self._set("max_info_rx", v))
    windowSizeTX = property(lambda self: self._get("window_tx"), lambda self, v: self._set("window_tx", v))
    windowSizeRX = property(lambda self: self._get("window_rx"), lambda self, v: self._set("window_rx", v))

    def __repr__(self) -> str:
        return (f"GXHdlcSettings(maxInfoTX={self.maxInfoTX}, maxInfoRX={self.maxInfoRX}, "
                f"windowSizeTX={self.windowSizeTX}, windowSizeRX={self.windowSizeRX})")


def add_accessors(cls: type, names: list[str]) -> None:
    """Give ``cls`` Gurux's ``getName()``/``setName(value)`` pairs for each property in ``names``."""
    for name in names:
        cap = name[0].upper() + name[1:]

        def getter(self: Any, _name: str = name) -> Any:
            return getattr(self, _name)

        def setter(self: Any, value: Any, _name: str = name) -> None:
            setattr(self, _name, value)

        if not hasattr(cls, f"get{cap}"):
            setattr(cls, f"get{cap}", getter)
        if not hasattr(cls, f"set{cap}"):
            setattr(cls, f"set{cap}", setter)


def session_property(attribute: str, convert: Callable[[Any], Any] | None = None, doc: str = "") -> property:
    """A property stored in the engine's SessionSettings under ``attribute``."""

    def get(self: Any) -> Any:
        return getattr(self.session, attribute)

    def set_(self: Any, value: Any) -> None:
        setattr(self.session, attribute, convert(value) if convert else value)

    return property(get, set_, doc=doc)


class GXDLMSSettings:
    """What Gurux code reaches through ``client.settings``: the session and the facade's state."""

    def __init__(self, session: SessionSettings, is_server: bool = False) -> None:
        self.session = session
        self.isServer = is_server
        self.objects = GXDLMSObjectCollection()
        self.hdlc = GXHdlcSettings(session)
        self.connected = 0
        self.standard = 0
        self.useUtc2NormalTime = False
        self.dateTimeSkips = 0

    clientAddress = session_property("client_address", int)
    serverAddress = session_property("server_address", int)
    serverAddressSize = session_property("server_address_size", int)
    authentication = session_property("authentication")
    useLogicalNameReferencing = session_property("use_logical_name_referencing", bool)
    maxPduSize = session_property("max_receive_pdu_size", int)
    negotiatedConformance = session_property("negotiated_conformance")
    proposedConformance = session_property("proposed_conformance")
    invokeId = session_property("invoke_id", int)

    @property
    def cipher(self) -> Any:
        """The security settings (Gurux's ``GXCiphering`` for secure clients)."""
        return self.session.security

    @property
    def interfaceType(self) -> Any:
        return self.session.interface_type


__all__ = ["GXDLMSSettings", "GXHdlcSettings", "add_accessors", "session_property"]
