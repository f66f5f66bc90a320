"""The Gurux-compatible facade: GXDLMSClient, GXDLMSSecureClient, GXReplyData and friends."""

from .client import GXDLMSClient
from .reply import GXReplyData
from .secure import GXCiphering, GXDLMSSecureClient
from .settings import GXDLMSSettings, GXHdlcSettings

__all__ = ["GXCiphering", "GXDLMSClient", "GXDLMSSecureClient", "GXDLMSSettings", "GXHdlcSettings", "GXReplyData"]
