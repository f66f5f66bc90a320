"""The Gurux-compatible facade: GXDLMSClient, GXDLMSSecureClient, GXDLMSNotify, GXReplyData and friends."""

from .client import GXDLMSClient
from .notify import GXDLMSNotify, GXDLMSSecureNotify
from .reply import GXReplyData
from .secure import GXCiphering, GXDLMSSecureClient
from .settings import GXDLMSSettings, GXHdlcSettings
from .values import GXDLMSAccessItem, GXDLMSGateway, GXWriteItem, GXXmlLoadSettings

__all__ = [
    "GXCiphering",
    "GXDLMSAccessItem",
    "GXDLMSClient",
    "GXDLMSGateway",
    "GXDLMSNotify",
    "GXDLMSSecureClient",
    "GXDLMSSecureNotify",
    "GXDLMSSettings",
    "GXHdlcSettings",
    "GXReplyData",
    "GXWriteItem",
    "GXXmlLoadSettings",
]
