"""Argument classes of the server hooks (Gurux names)."""

from __future__ import annotations

from typing import Any

from ..cosem.base import ValueEventArgs


class GXDLMSConnectionEventArgs:
    """What ``onConnected``/``onDisconnected``/``onInvalidConnection`` are told about a client."""

    def __init__(self, serverAddress: int = 0, clientAddress: int = 0, connectionInfo: Any = None,
                 authentication: int = 0, reason: str = "", context: Any = None) -> None:
        self.serverAddress = serverAddress
        self.clientAddress = clientAddress
        self.connectionInfo = connectionInfo
        self.authentication = authentication
        self.reason = reason
        #: The engine's association (``ServerContext``), None for a refused client.
        self.context = context

    def __repr__(self) -> str:
        return (f"GXDLMSConnectionEventArgs(client={self.clientAddress}, server={self.serverAddress}, "
                f"reason={self.reason!r})")


class GXServerReply:
    """``handleRequest`` in its reply-object form: ``data`` in, ``reply`` out."""

    def __init__(self, data: bytes | bytearray | None = None, connectionInfo: Any = None) -> None:
        self.data = bytearray(data or b"")
        self.reply: bytes | None = None
        self.connectionInfo = connectionInfo
        self.count = 0

    def isStreaming(self) -> bool:
        return False


__all__ = ["GXDLMSConnectionEventArgs", "GXServerReply", "ValueEventArgs"]
