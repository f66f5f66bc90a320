"""Gurux's ``gurux_dlms.enums``: the protocol enumerations, re-exported from the engine.

Each name is also a module (``from gurux_dlms.enums.InterfaceType import InterfaceType``), as
in Gurux.  Nothing is defined here: the enums live next to the code that uses them, and are
imported on first use.  ``ConfirmedServiceError`` is the enum of the service a
ConfirmedServiceError APDU names (the exception is ``gurux_dlms.GXDLMSConfirmedServiceError``).
"""

from __future__ import annotations

from .._compat import install

_SERVICE_ERRORS = "gurux_dlms.apdu.service_errors"
_ACSE = "gurux_dlms.apdu.acse_enums"
_ACCESS = "gurux_dlms.cosem.access"
_DATA = "gurux_dlms.data.enums"
_SECURITY = "gurux_dlms.security.enums"
_SESSION = "gurux_dlms.session.enums"

_NAMES: dict[str, str] = {
    # data
    "DataType": "gurux_dlms.data.types:DataType",
    "ClockStatus": f"{_DATA}:ClockStatus",
    "DateTimeSkips": f"{_DATA}:DateTimeSkips",
    "DateTimeExtraInfo": f"{_DATA}:DateTimeExtraInfo",
    "BerType": "gurux_dlms.data.ber:BerType",
    # session and framing
    "InterfaceType": f"{_SESSION}:InterfaceType",
    "Priority": f"{_SESSION}:Priority",
    "ServiceClass": f"{_SESSION}:ServiceClass",
    "RequestTypes": f"{_SESSION}:RequestTypes",
    "HdlcFrameType": "gurux_dlms.framing.hdlc_frame:HdlcFrameType",
    # security
    "Authentication": f"{_SECURITY}:Authentication",
    "Security": f"{_SECURITY}:Security",
    # APDUs
    "Command": "gurux_dlms.apdu.commands:Command",
    "Conformance": "gurux_dlms.apdu.conformance:Conformance",
    "ErrorCode": "gurux_dlms.apdu.common:ErrorCode",
    "AccessServiceCommandType": "gurux_dlms.apdu.access:AccessServiceCommandType",
    "AssociationResult": f"{_ACSE}:AssociationResult",
    "SourceDiagnostic": f"{_ACSE}:SourceDiagnostic",
    "AcseServiceProvider": f"{_ACSE}:AcseServiceProvider",
    "ReleaseRequestReason": f"{_ACSE}:ReleaseRequestReason",
    "ReleaseResponseReason": f"{_ACSE}:ReleaseResponseReason",
    "PduType": f"{_ACSE}:PduType",
    "StateError": f"{_SERVICE_ERRORS}:StateError",
    "ExceptionServiceError": f"{_SERVICE_ERRORS}:ExceptionServiceError",
    "ConfirmedServiceError": f"{_SERVICE_ERRORS}:ConfirmedService",
    "ServiceError": f"{_SERVICE_ERRORS}:ServiceError",
    "ApplicationReference": f"{_SERVICE_ERRORS}:ApplicationReference",
    "HardwareResource": f"{_SERVICE_ERRORS}:HardwareResource",
    "VdeStateError": f"{_SERVICE_ERRORS}:VdeStateError",
    "Service": f"{_SERVICE_ERRORS}:Service",
    "Definition": f"{_SERVICE_ERRORS}:Definition",
    "Access": f"{_SERVICE_ERRORS}:Access",
    "Initiate": f"{_SERVICE_ERRORS}:Initiate",
    "LoadDataSet": f"{_SERVICE_ERRORS}:LoadDataSet",
    "Task": f"{_SERVICE_ERRORS}:Task",
    # COSEM
    "ObjectType": "gurux_dlms.cosem.object_type:ObjectType",
    "Unit": "gurux_dlms.cosem.unit:Unit",
    "Standard": "gurux_dlms.cosem.standard:Standard",
    "AccessMode": f"{_ACCESS}:AccessMode",
    "AccessMode3": f"{_ACCESS}:AccessMode3",
    "MethodAccessMode": f"{_ACCESS}:MethodAccessMode",
    "MethodAccessMode3": f"{_ACCESS}:MethodAccessMode3",
    # translator (imported only when used)
    "TranslatorOutputType": "gurux_dlms.translator.enums:TranslatorOutputType",
}

__getattr__, __dir__ = install(__name__, _NAMES)

__all__ = list(_NAMES)
