"""The server side: Gurux's ``GXDLMSServer`` over the engine's connections, the object store,
access rights per association, and the meter simulator (:mod:`.simulator`)."""

from .events import GXDLMSConnectionEventArgs, GXServerReply, ValueEventArgs
from .gx_server import GXDLMSSecureServer, GXDLMSServer, assign_short_names
from .rights import AccessRights, ReadOnlyRights, TableRights
from .store import ObjectStore

__all__ = [
    "AccessRights",
    "GXDLMSConnectionEventArgs",
    "GXDLMSSecureServer",
    "GXDLMSServer",
    "GXServerReply",
    "ObjectStore",
    "ReadOnlyRights",
    "TableRights",
    "ValueEventArgs",
    "assign_short_names",
]
