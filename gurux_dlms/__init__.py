"""gurux_dlms: DLMS/COSEM (IEC 62056) for Python, compatible with Gurux's ``gurux_dlms`` API.

The Gurux names below are importable from the package and from their Gurux module paths
(``from gurux_dlms.GXDLMSClient import GXDLMSClient``); each is imported on first use, so
``import gurux_dlms`` itself loads nothing else.  Enumerations are in :mod:`gurux_dlms.enums`,
COSEM classes in :mod:`gurux_dlms.objects` (per-class enums in :mod:`gurux_dlms.objects.enums`),
the ciphering client, server and notify in :mod:`gurux_dlms.secure`.
"""

from __future__ import annotations

from ._compat import install

__version__ = "2.0.0.dev0"

_DATA_TYPES = "gurux_dlms.data.types"

#: Gurux's top-level names and where they live.
_NAMES: dict[str, str] = {
    # clients, notify, settings
    "GXDLMSClient": "gurux_dlms.facade.client:GXDLMSClient",
    "GXDLMSSecureClient": "gurux_dlms.facade.secure:GXDLMSSecureClient",
    "GXCiphering": "gurux_dlms.facade.secure:GXCiphering",
    "GXReplyData": "gurux_dlms.facade.reply:GXReplyData",
    "GXDLMSSettings": "gurux_dlms.facade.settings:GXDLMSSettings",
    "GXHdlcSettings": "gurux_dlms.facade.settings:GXHdlcSettings",
    "GXDLMSNotify": "gurux_dlms.facade.notify:GXDLMSNotify",
    "GXDLMSSecureNotify": "gurux_dlms.facade.notify:GXDLMSSecureNotify",
    "GXDLMSXmlClient": "gurux_dlms.facade.xml_client:GXDLMSXmlClient",
    "GXDLMSXmlPdu": "gurux_dlms.facade.xml_client:GXDLMSXmlPdu",
    "GXDLMSAccessItem": "gurux_dlms.facade.values:GXDLMSAccessItem",
    "GXWriteItem": "gurux_dlms.facade.values:GXWriteItem",
    "GXDLMSGateway": "gurux_dlms.facade.values:GXDLMSGateway",
    "GXXmlLoadSettings": "gurux_dlms.facade.values:GXXmlLoadSettings",
    # translator, converter
    "GXDLMSTranslator": "gurux_dlms.translator:GXDLMSTranslator",
    "GXDLMSTranslatorMessage": "gurux_dlms.translator.message:GXDLMSTranslatorMessage",
    "TranslatorOutputType": "gurux_dlms.translator.enums:TranslatorOutputType",  # its pre-1.0.143 path
    "GXDLMSConverter": "gurux_dlms.converter:GXDLMSConverter",
    # server
    "GXDLMSServer": "gurux_dlms.server.gx_server:GXDLMSServer",
    "GXDLMSSecureServer": "gurux_dlms.server.gx_server:GXDLMSSecureServer",
    "GXDLMSConnectionEventArgs": "gurux_dlms.server.events:GXDLMSConnectionEventArgs",
    "GXServerReply": "gurux_dlms.server.events:GXServerReply",
    "ValueEventArgs": "gurux_dlms.cosem.base:ValueEventArgs",
    # errors: the engine's classes, so Gurux-style except clauses catch what the engine raises
    "GXDLMSException": "gurux_dlms.errors:ServiceError",
    "GXDLMSExceptionResponse": "gurux_dlms.errors:ExceptionResponseError",
    "GXDLMSConfirmedServiceError": "gurux_dlms.errors:ConfirmedServiceErrorError",
    # data
    "GXByteBuffer": "gurux_dlms.data.byte_buffer:GXByteBuffer",
    "GXDateTime": "gurux_dlms.data.datetime:GXDateTime",
    "GXDate": "gurux_dlms.data.datetime:GXDate",
    "GXTime": "gurux_dlms.data.datetime:GXTime",
    **{name: f"{_DATA_TYPES}:{name}" for name in (
        "GXArray", "GXStructure", "GXBitString", "GXEnum", "GXFloat32", "GXFloat64",
        "GXInt8", "GXInt16", "GXInt32", "GXInt64", "GXUInt8", "GXUInt16", "GXUInt32", "GXUInt64")},
}

__getattr__, __dir__ = install(__name__, _NAMES)

__all__ = ["__version__", *_NAMES]
