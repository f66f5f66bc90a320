"""Element names of the two XML dialects.

Renderers and builders name every element by its SIMPLE_XML tag (Gurux's name); this
table gives the STANDARD_XML (DLMS UA COSEMpdu) name, written with the ``x:`` prefix.
Elements that exist in only one dialect still get a key here, so one name space serves
both.  Gurux's spellings are kept where files depend on them (``GetResponsewithDataBlock``,
``_AccessRequestSpecification``); Gurux's ill-formed STANDARD_XML ``float64,`` is read but
written as ``float64``.
"""

from __future__ import annotations

from ..data.types import DataType

#: SIMPLE_XML tag -> STANDARD_XML name (without the ``x:`` prefix).
STANDARD: dict[str, str] = {
    # --- data ------------------------------------------------------------------------------
    "None": "null-data", "Array": "array", "Structure": "structure", "Boolean": "boolean",
    "BitString": "bit-string", "Int32": "double-long", "UInt32": "double-long-unsigned",
    "OctetString": "octet-string", "String": "visible-string", "StringUTF8": "utf8-string",
    "BCD": "bcd", "Int8": "integer", "Int16": "long", "UInt8": "unsigned", "UInt16": "long-unsigned",
    "CompactArray": "compact-array", "Int64": "long64", "UInt64": "long64-unsigned", "Enum": "enum",
    "Float32": "float32", "Float64": "float64", "DateTime": "date-time", "Date": "date", "Time": "time",
    "DeltaInt8": "delta-integer", "DeltaInt16": "delta-long", "DeltaInt32": "delta-double-long",
    "DeltaUInt8": "delta-unsigned", "DeltaUInt16": "delta-long-unsigned",
    "DeltaUInt32": "delta-double-long-unsigned",
    "ContentsDescription": "contents-description", "ArrayContents": "array-contents",
    "Data": "data", "ListData": "Data",
    # --- LN services -----------------------------------------------------------------------
    "GetRequest": "get-request", "GetRequestNormal": "get-request-normal",
    "GetRequestForNextDataBlock": "get-request-next", "GetRequestWithList": "get-request-with-list",
    "GetResponse": "get-response", "GetResponseNormal": "get-response-normal",
    "GetResponsewithDataBlock": "get-response-with-data-block", "GetResponseWithList": "get-response-with-list",
    "SetRequest": "set-request", "SetRequestNormal": "set-request-normal",
    "SetRequestFirstDataBlock": "set-request-first-data-block",
    "SetRequestWithDataBlock": "set-request-with-datablock", "SetRequestWithList": "set-request-with-list",
    "SetRequestWithListAndFirstDataBlock": "set-request-with-list-and-first-datablock",
    "SetResponse": "set-response", "SetResponseNormal": "set-response-normal",
    "SetResponseDataBlock": "set-response-data-block",
    "SetResponseWithLastDataBlock": "set-response-with-last-data-block",
    "SetResponseLastDataBlockWithList": "set-response-last-data-block-with-list",
    "SetResponseWithList": "set-response-with-list",
    "ActionRequest": "action-request", "ActionRequestNormal": "action-request-normal",
    "ActionRequestForNextPBlock": "action-request-next-pblock", "ActionRequestWithList": "action-request-with-list",
    "ActionRequestWithFirstPBlock": "action-request-with-first-pblock",
    "ActionRequestWithListAndFirstPBlock": "action-request-with-list-and-first-pblock",
    "ActionRequestWithPBlock": "action-request-with-pblock",
    "ActionResponse": "action-response", "ActionResponseNormal": "action-response-normal",
    "ActionResponseWithPBlock": "action-response-with-pblock", "ActionResponseWithList": "action-response-with-list",
    "ActionResponseNextPBlock": "action-response-next-pblock",
    "SingleResponse": "single-response", "PBlock": "pblock",
    "ActionResponseWithOptionalData": "Action-Response-With-Optional-Data",
    "InvokeIdAndPriority": "invoke-id-and-priority", "LongInvokeIdAndPriority": "long-invoke-id-and-priority",
    "AttributeDescriptor": "cosem-attribute-descriptor", "MethodDescriptor": "cosem-method-descriptor",
    "ClassId": "class-id", "InstanceId": "instance-id", "AttributeId": "attribute-id", "MethodId": "method-id",
    "AttributeDescriptorList": "attribute-descriptor-list",
    "AttributeDescriptorWithSelection": "Cosem-Attribute-Descriptor-With-Selection",
    "MethodDescriptorList": "cosem-method-descriptor-list",
    "AccessSelection": "access-selection", "AccessSelector": "access-selector",
    "AccessParameters": "access-parameters", "Result": "result", "DataAccessError": "data-access-result",
    "DataAccessResult": "data-access-result", "BlockNumber": "block-number", "LastBlock": "last-block",
    "RawData": "raw-data", "DataBlock": "datablock", "Value": "value", "ValueList": "value-list",
    "MethodInvocationParameters": "method-invocation-parameters", "ReturnParameters": "return-parameters",
    # --- notifications, access, gbt --------------------------------------------------------
    "DataNotification": "data-notification", "DateTimeValue": "date-time",
    "NotificationBody": "notification-body", "DataValue": "data-value",
    "EventNotificationRequest": "event-notification-request", "AttributeValue": "attribute-value",
    "GeneralBlockTransfer": "general-block-transfer", "BlockControl": "block-control",
    "BlockNumberAck": "block-number-ack", "BlockData": "block-data",
    "AccessRequest": "access-request", "AccessRequestBody": "access-request-body",
    "AccessRequestSpecification": "access-request-specification",
    "_AccessRequestSpecification": "Access-Request-Specification",
    "AccessRequestGet": "access-request-get", "AccessRequestSet": "access-request-set",
    "AccessRequestAction": "access-request-action", "AccessRequestGetWithSelection": "access-request-get-with-selection",
    "AccessRequestSetWithSelection": "access-request-set-with-selection",
    "AccessRequestListOfData": "access-request-list-of-data",
    "AccessResponse": "access-response", "AccessResponseBody": "access-response-body",
    "AccessResponseListOfData": "access-response-list-of-data",
    "AccessResponseSpecification": "access-response-specification",
    "_AccessResponseSpecification": "Access-Response-Specification",
    "AccessResponseGet": "access-response-get", "AccessResponseSet": "access-response-set",
    "AccessResponseAction": "access-response-action",
    # --- errors ----------------------------------------------------------------------------
    "ExceptionResponse": "exception-response", "StateError": "state-error", "ServiceError": "service-error",
    "InvocationCounter": "invocation-counter",
    "ConfirmedServiceError": "confirmedServiceError", "Service": "service",
    # --- SN --------------------------------------------------------------------------------
    "ReadRequest": "readRequest", "ReadResponse": "readResponse", "WriteRequest": "writeRequest",
    "WriteResponse": "writeResponse", "InformationReportRequest": "informationReportRequest",
    "UnconfirmedWriteRequest": "unconfirmedWriteRequest",
    "VariableName": "variable-name", "ParameterisedAccess": "parameterized-access", "Selector": "selector",
    "Parameter": "parameter", "BlockNumberAccess": "BlockNumberAccess",
    "ReadDataBlockAccess": "read-data-block-access", "WriteDataBlockAccess": "write-data-block-access",
    "VariableAccessSpecification": "Variable-Access-Specification", "Choice": "CHOICE",
    "ListOfVariableAccessSpecification": "variable-access-specification", "ListOfData": "list-of-data",
    "DataBlockResult": "data-block-result", "DataAccessErrorSN": "data-access-error",
    "CurrentTime": "current-time", "Success": "success",
    # --- ACSE ------------------------------------------------------------------------------
    "AssociationRequest": "aarq", "AssociationResponse": "aare", "ReleaseRequest": "rlrq",
    "ReleaseResponse": "rlre", "ProtocolVersion": "protocol-version",
    "ApplicationContextName": "application-context-name", "CalledAPTitle": "called-AP-title",
    "CalledAEQualifier": "called-AE-qualifier", "CalledAPInvocationId": "called-AP-invocation-id",
    "CalledAEInvocationId": "called-AE-invocation-id", "CallingAPTitle": "CallingAPTitle",
    "CallingAEQualifier": "calling-AE-qualifier", "CallingAPInvocationId": "calling-AP-invocation-id",
    "CallingAEInvocationId": "calling-AE-invocation-id", "SenderACSERequirements": "sender-acse-requirements",
    "MechanismName": "mechanism-name", "CallingAuthentication": "calling-authentication-value",
    "CharString": "charstring", "ImplementationInformation": "implementation-information",
    "UserInformation": "user-information", "AssociationResult": "result",
    "ResultSourceDiagnostic": "result-source-diagnostic", "ACSEServiceUser": "acse-service-user",
    "ACSEServiceProvider": "acse-service-provider", "RespondingAPTitle": "RespondingAPTitle",
    "RespondingAEQualifier": "responding-AE-qualifier", "RespondingAPInvocationId": "responding-AP-invocation-id",
    "RespondingAEInvocationId": "responding-AE-invocation-id",
    "ResponderACSERequirement": "responder-acse-requirements",
    "RespondingAuthentication": "responding-authentication-value", "Reason": "reason",
    "InitiateRequest": "initiateRequest", "InitiateResponse": "initiateResponse", "DedicatedKey": "dedicated-key",
    "ResponseAllowed": "response-allowed", "ProposedQualityOfService": "proposed-quality-of-service",
    "NegotiatedQualityOfService": "negotiated-quality-of-service",
    "ProposedDlmsVersionNumber": "proposed-dlms-version-number", "ProposedConformance": "proposed-conformance",
    "ProposedMaxPduSize": "client-max-receive-pdu-size",
    "NegotiatedDlmsVersionNumber": "negotiated-dlms-version-number",
    "NegotiatedConformance": "negotiated-conformance", "NegotiatedMaxPduSize": "server-max-receive-pdu-size",
    "VaaName": "vaa-name", "ConformanceBit": "conformance-bit",
    # --- ciphering -------------------------------------------------------------------------
    "GeneralGloCiphering": "general-glo-ciphering", "GeneralDedCiphering": "general-ded-ciphering",
    "GeneralCiphering": "general-ciphering", "SystemTitle": "system-title", "CipheredService": "ciphered-content",
    "TransactionId": "transaction-id", "OriginatorSystemTitle": "originator-system-title",
    "RecipientSystemTitle": "recipient-system-title", "OtherInformation": "other-information",
    "KeyInfo": "key-info", "GeneralSigning": "general-signing", "Signature": "signature",
    "IdentifiedKey": "identified-key", "KeyId": "key-id", "WrappedKey": "wrapped-key", "KekId": "kek-id",
    "KeyCipheredData": "key-ciphered-data", "AgreedKey": "agreed-key", "KeyParameters": "key-parameters",
    "Content": "content",
    # --- frames (Gurux writes these unprefixed in both dialects) ---------------------------
    "Snrm": "Snrm", "Ua": "Ua", "DisconnectRequest": "Disc", "DisconnectMode": "DisconnectMode",
    "UnacceptableFrame": "UnacceptableFrame",
}

#: ciphered xDLMS services: SIMPLE_XML tag -> STANDARD_XML name, by APDU tag
CIPHERED_NAMES: dict[int, tuple[str, str]] = {}
for _prefix, _base in (("glo", 0x20), ("ded", 0x40)):
    for _offset, _simple, _std in (
        (0x01, "InitiateRequest", "initiate-request"), (0x05, "ReadRequest", "read-request"),
        (0x06, "WriteRequest", "write-request"), (0x08, "InitiateResponse", "initiate-response"),
        (0x0C, "ReadResponse", "read-response"), (0x0D, "WriteResponse", "write-response"),
        (0x0E, "ConfirmedServiceError", "confirmed-service-error"),
        (0x16, "UnconfirmedWriteRequest", "unconfirmed-write-request"),
        (0x18, "InformationReportRequest", "information-report-request"),
    ):
        CIPHERED_NAMES[_base + _offset] = (f"{_prefix}_{_simple}", f"{_prefix}-{_std}")
for _prefix, _base in (("glo", 0xC8), ("ded", 0xD0)):
    for _offset, _simple, _std in (
        (0, "GetRequest", "get-request"), (1, "SetRequest", "set-request"),
        (2, "EventNotificationRequest", "event-notification-request"), (3, "ActionRequest", "action-request"),
        (4, "GetResponse", "get-response"), (5, "SetResponse", "set-response"),
        (7, "ActionResponse", "action-response"),
    ):
        CIPHERED_NAMES[_base + _offset] = (f"{_prefix}_{_simple}", f"{_prefix}-{_std}")
for _tag, (_simple, _std) in CIPHERED_NAMES.items():
    STANDARD[_simple] = _std

#: SIMPLE_XML tag of each data type
DATA_TAGS: dict[int, str] = {
    DataType.NONE: "None", DataType.ARRAY: "Array", DataType.STRUCTURE: "Structure",
    DataType.BOOLEAN: "Boolean", DataType.BITSTRING: "BitString", DataType.INT32: "Int32",
    DataType.UINT32: "UInt32", DataType.OCTET_STRING: "OctetString", DataType.STRING: "String",
    DataType.STRING_UTF8: "StringUTF8", DataType.BCD: "BCD", DataType.INT8: "Int8", DataType.INT16: "Int16",
    DataType.UINT8: "UInt8", DataType.UINT16: "UInt16", DataType.COMPACT_ARRAY: "CompactArray",
    DataType.INT64: "Int64", DataType.UINT64: "UInt64", DataType.ENUM: "Enum", DataType.FLOAT32: "Float32",
    DataType.FLOAT64: "Float64", DataType.DATETIME: "DateTime", DataType.DATE: "Date", DataType.TIME: "Time",
    DataType.DELTA_INT8: "DeltaInt8", DataType.DELTA_INT16: "DeltaInt16", DataType.DELTA_INT32: "DeltaInt32",
    DataType.DELTA_UINT8: "DeltaUInt8", DataType.DELTA_UINT16: "DeltaUInt16",
    DataType.DELTA_UINT32: "DeltaUInt32",
}

#: SIMPLE_XML tag of every element, by its STANDARD_XML name (reading accepts both dialects).
#: Where two simple tags share a standard name the first one listed above wins; the
#: builders that meet such a name accept either meaning.
SIMPLE: dict[str, str] = {}
for _simple, _std in STANDARD.items():
    SIMPLE.setdefault(_std, _simple)
SIMPLE["float64,"] = "Float64"  # Gurux writes this (ill-formed) name

__all__ = ["CIPHERED_NAMES", "DATA_TAGS", "SIMPLE", "STANDARD"]
