"""Gurux's import paths: every module path and ``from X import Y`` pair scripts use, in a fresh interpreter.

The list holds the names of Gurux's published client example, push listener, server
example and XmlClient, the paths the import-path issue names, and every public name of
``gurux_dlms``, ``gurux_dlms.enums``, ``gurux_dlms.secure``, ``gurux_dlms.objects`` and
``gurux_dlms.objects.enums`` in both forms (package and per-name module).
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

#: ``import X`` / ``importlib.import_module(X)``.
MODULES = [
    "gurux_dlms", "gurux_dlms.enums", "gurux_dlms.objects", "gurux_dlms.objects.enums", "gurux_dlms.secure",
    "gurux_dlms.GXByteBuffer", "gurux_dlms.GXReplyData", "gurux_dlms.GXDLMSTranslator", "gurux_dlms.GXDLMSConverter",
    "gurux_dlms.GXDLMSXmlClient", "gurux_dlms.GXDLMSClient", "gurux_dlms.GXDateTime", "gurux_dlms.GXDLMSNotify",
    "gurux_dlms.GXDLMSTranslatorMessage", "gurux_dlms.TranslatorOutputType", "gurux_dlms.GXDLMSException",
    "gurux_dlms.enums.InterfaceType", "gurux_dlms.enums.ObjectType", "gurux_dlms.enums.DataType",
    "gurux_dlms.enums.TranslatorOutputType", "gurux_dlms.objects.GXDLMSObjectCollection",
    "gurux_dlms.objects.GXDLMSClock", "gurux_dlms.objects.enums.SecuritySuite", "gurux_dlms.secure.GXDLMSSecureClient",
    "gurux_dlms.secure.GXCiphering",
]

TOP_LEVEL = [
    "GXDLMSClient", "GXDLMSSecureClient", "GXReplyData", "GXByteBuffer", "GXDateTime", "GXDate", "GXTime",
    "GXDLMSException", "GXDLMSExceptionResponse", "GXDLMSConfirmedServiceError", "GXDLMSTranslator",
    "GXDLMSTranslatorMessage", "GXDLMSConverter", "GXDLMSNotify", "GXDLMSSecureNotify", "GXDLMSServer",
    "GXDLMSSecureServer", "GXDLMSXmlClient", "GXDLMSXmlPdu", "GXDLMSSettings", "GXHdlcSettings", "GXDLMSAccessItem",
    "GXWriteItem", "GXCiphering", "GXBitString", "GXArray", "GXStructure", "GXEnum", "GXInt8", "GXInt16", "GXInt32",
    "GXInt64", "GXUInt8", "GXUInt16", "GXUInt32", "GXUInt64", "GXFloat32", "GXFloat64", "GXDLMSGateway",
    "GXXmlLoadSettings", "ValueEventArgs", "GXDLMSConnectionEventArgs", "GXServerReply", "TranslatorOutputType",
]

ENUMS = [
    "DataType", "InterfaceType", "Authentication", "Security", "Conformance", "Command", "ErrorCode", "ObjectType",
    "Unit", "AccessMode", "MethodAccessMode", "AccessMode3", "MethodAccessMode3", "Priority", "ServiceClass",
    "RequestTypes", "Standard", "DateTimeSkips", "DateTimeExtraInfo", "ClockStatus", "AssociationResult",
    "SourceDiagnostic", "TranslatorOutputType", "StateError", "ExceptionServiceError", "ServiceError",
    "ConfirmedServiceError", "Initiate", "Definition", "HardwareResource", "VdeStateError", "Task", "LoadDataSet",
    "AccessServiceCommandType", "AcseServiceProvider", "ApplicationReference", "BerType", "PduType",
    "HdlcFrameType", "Service", "Access", "ReleaseRequestReason", "ReleaseResponseReason",
]

SECURE = ["GXDLMSSecureClient", "GXDLMSSecureServer", "GXDLMSSecureNotify", "GXCiphering"]

OBJECTS = [
    "GXDLMSObject", "GXDLMSObjectCollection", "GXDLMSGenericObject", "GXDLMSData", "GXDLMSRegister",
    "GXDLMSExtendedRegister", "GXDLMSDemandRegister", "GXDLMSRegisterActivation", "GXDLMSProfileGeneric",
    "GXDLMSClock", "GXDLMSScriptTable", "GXDLMSSchedule", "GXDLMSSpecialDaysTable", "GXDLMSAssociationShortName",
    "GXDLMSAssociationLogicalName", "GXDLMSSapAssignment", "GXDLMSImageTransfer", "GXDLMSIECLocalPortSetup",
    "GXDLMSActivityCalendar", "GXDLMSRegisterMonitor", "GXDLMSActionSchedule", "GXDLMSHdlcSetup",
    "GXDLMSIecTwistedPairSetup", "GXDLMSMBusSlavePortSetup", "GXDLMSUtilityTables", "GXDLMSModemConfiguration",
    "GXDLMSAutoAnswer", "GXDLMSAutoConnect", "GXDLMSTcpUdpSetup", "GXDLMSIp4Setup", "GXDLMSIp6Setup",
    "GXDLMSMacAddressSetup", "GXDLMSPppSetup", "GXDLMSGprsSetup", "GXDLMSPushSetup",
    "GXDLMSSecuritySetup", "GXDLMSDisconnectControl", "GXDLMSLimiter", "GXDLMSMBusClient", "GXDLMSMBusMasterPortSetup",
    "GXDLMSParameterMonitor", "GXDLMSCompactData", "GXDLMSAccount", "GXDLMSCredit", "GXDLMSCharge",
    "GXDLMSTokenGateway", "GXDLMSNtpSetup", "GXDLMSGSMDiagnostic", "GXDLMSLteMonitoring", "GXDLMSArbitrator",
    "GXDLMSFunctionControl", "GXDLMSCommunicationPortProtection", "GXDLMSArrayManager", "GXDLMSStatusMapping",
    "GXDLMSRegisterTable", "GXDLMSLlcSscsSetup", "GXDLMSG3PlcMacSetup", "GXDLMSG3Plc6LoWPan",
    "GXDLMSPrimeNbOfdmPlcMacSetup", "GXDLMSCaptureObject", "GXDLMSScript", "GXDLMSScriptAction", "GXDLMSDayProfile",
    "GXDLMSDayProfileAction", "GXDLMSSeasonProfile", "GXDLMSWeekProfile", "GXDLMSSpecialDay", "GXDLMSTarget",
    "GXDLMSMonitoredValue", "GXDLMSActionSet", "GXDLMSActionItem", "GXDLMSEmergencyProfile", "GXDLMSQosElement",
    "GXDLMSImageActivateInfo", "GXDLMSCertificateInfo", "GXApplicationContextName", "GXAuthenticationMechanismName",
    "GXxDLMSContextInfo", "GXDLMSIp4SetupIpOption", "GXDLMSPppSetupIPCPOption", "GXDLMSPppSetupLcpOption",
    "GXDLMSModemInitialisation", "GXCurrency", "GXCreditChargeConfiguration", "GXTokenGatewayConfiguration",
    "GXChargePerUnitScaling", "GXCommodity", "GXChargeTable", "GXUnitCharge", "GXAdjacentCell", "GXDLMSGSMCellInfo",
    "GXPushProtectionParameters", "GXPushConfirmationParameter", "GXScheduleEntry", "GXDLMSTableCellDefinition",
    "GXMBusClientData", "GXDLMSMappingTable",
]

OBJECT_ENUMS = [
    "SortMethod", "ControlState", "ControlMode", "SecuritySuite", "SecurityPolicy", "SecurityPolicy0",
    "ImageTransferStatus", "BaudRate", "AddressState", "CertificateType", "CertificateEntity", "GlobalKeyType",
    "ClockBase", "PaymentMode", "AccountStatus", "CreditType", "CreditStatus", "ChargeType", "ServiceType",
    "MessageType", "PushOperationMethod", "ProtectionType", "ScriptActionType", "SingleActionScheduleType",
    "AutoAnswerMode", "AutoAnswerStatus", "AutoConnectMode", "ApplicationContextName", "AssociationStatus",
    "OpticalProtocolMode", "LocalPortResponseTime", "IecTwistedPairSetupMode", "GsmStatus", "GsmCircuitSwitchStatus",
    "GsmPacketSwitchStatus", "MBusEncryptionKeyStatus", "PppSetupIPCPOptionType", "PppSetupLcpOptionType",
    "CaptureMethod", "CurrencyUnit", "TokenDelivery", "TokenStatusCode", "ProtectionMode", "ProtectionStatus",
]

#: Lines of Gurux's published examples (client, push listener, server, XmlClient) and of the issue text.
STATEMENTS = [
    "from gurux_dlms.enums import ObjectType, Authentication, Conformance, DataType, Security, AssociationResult, "
    "SourceDiagnostic, AccessServiceCommandType",
    "from gurux_dlms import GXReplyData, GXDLMSTranslator, GXByteBuffer, GXDLMSException, GXDLMSExceptionResponse, "
    "GXDLMSConfirmedServiceError, GXDLMSAccessItem",
    "from gurux_dlms.enums import InterfaceType, RequestTypes, Standard",
    "from gurux_dlms.objects import GXDLMSObject, GXDLMSObjectCollection, GXDLMSData, GXDLMSRegister, "
    "GXDLMSDemandRegister, GXDLMSProfileGeneric, GXDLMSExtendedRegister",
    "from gurux_dlms.secure import GXDLMSSecureClient",
    "from gurux_dlms.GXByteBuffer import GXByteBuffer",
    "from gurux_dlms.objects.GXDLMSObjectCollection import GXDLMSObjectCollection",
    "from gurux_dlms.GXDLMSClient import GXDLMSClient",
    "from gurux_dlms import GXDLMSClient",
    "from gurux_dlms.objects.enums.SecuritySuite import SecuritySuite",
    "from gurux_dlms.objects.enums import SecuritySuite, CertificateType",
    "from gurux_dlms.objects import GXDLMSSecuritySetup, GXDLMSPushSetup",
    "from gurux_dlms.GXDLMSConverter import GXDLMSConverter",
    "from gurux_dlms.GXDLMSXmlClient import GXDLMSXmlClient",
    "from gurux_dlms.GXReplyData import GXReplyData",
    "from gurux_dlms.GXDLMSTranslator import GXDLMSTranslator",
    "from gurux_dlms.GXDLMSTranslatorMessage import GXDLMSTranslatorMessage",
    "from gurux_dlms.enums import TranslatorOutputType",
    "from gurux_dlms.TranslatorOutputType import TranslatorOutputType",
    "from gurux_dlms.enums.InterfaceType import InterfaceType",
    "from gurux_dlms.secure.GXDLMSSecureClient import GXDLMSSecureClient",
    "from gurux_dlms.secure.GXDLMSSecureServer import GXDLMSSecureServer",
    "from gurux_dlms import GXDLMSServer, ValueEventArgs, GXDateTime, GXDate, GXTime",
    "from gurux_dlms.GXDateTime import GXDateTime",
    "from gurux_dlms.ValueEventArgs import ValueEventArgs",
    "from gurux_dlms.GXDLMSNotify import GXDLMSNotify",
    "from gurux_dlms.secure import GXDLMSSecureNotify",
    "import gurux_dlms.enums.InterfaceType",
    "import gurux_dlms.objects.enums.SecuritySuite",
]


def _pairs() -> list[tuple[str, str]]:
    pairs = [("gurux_dlms", n) for n in TOP_LEVEL]
    pairs += [("gurux_dlms.enums", n) for n in ENUMS]
    pairs += [("gurux_dlms.secure", n) for n in SECURE]
    pairs += [("gurux_dlms.objects", n) for n in OBJECTS]
    pairs += [("gurux_dlms.objects.enums", n) for n in OBJECT_ENUMS]
    return pairs


_CHECK = textwrap.dedent("""
    import importlib, json, sys
    spec = json.loads(sys.argv[1])
    failures = []
    def attempt(label, fn):
        try:
            fn()
        except Exception as exc:  # report every failure, not the first
            failures.append(f"{label}: {type(exc).__name__}: {exc}")
    for path in spec["modules"]:
        attempt(path, lambda: importlib.import_module(path))
    def pair(package, name):
        value = getattr(importlib.import_module(package), name)
        module = importlib.import_module(f"{package}.{name}")
        namespace = {}
        exec(f"from {package}.{name} import {name} as per_module", namespace)
        exec(f"from {package} import {name} as from_package", namespace)
        if not (value is getattr(module, name) is namespace["per_module"] is namespace["from_package"]):
            raise AssertionError("the package attribute and the per-name module give different objects")
        if getattr(importlib.import_module(package), name) is not value:
            raise AssertionError("importing the per-name module replaced the package attribute")
    for package, name in spec["pairs"]:
        attempt(f"{package}.{name}", lambda: pair(package, name))
    for statement in spec["statements"]:
        attempt(statement, lambda: exec(statement, {}))
    # every public name of each package resolves too
    for package in ("gurux_dlms", "gurux_dlms.enums", "gurux_dlms.secure", "gurux_dlms.objects",
                    "gurux_dlms.objects.enums"):
        module = importlib.import_module(package)
        for name in module.__all__:
            attempt(f"{package}.__all__ {name}", lambda: getattr(module, name))
    print(json.dumps(failures))
""")


def _run(code: str, *args: str) -> str:
    result = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_every_gurux_import_path_works_in_a_fresh_interpreter() -> None:
    spec = {"modules": MODULES, "pairs": _pairs(), "statements": STATEMENTS}
    failures = json.loads(_run(_CHECK, json.dumps(spec)))
    assert failures == []


def test_the_list_is_long_enough_to_mean_something() -> None:
    assert len(MODULES) + len(_pairs()) + len(STATEMENTS) > 250


_LAZY = textwrap.dedent("""
    import json, sys
    import gurux_dlms, gurux_dlms.enums, gurux_dlms.secure
    first = sorted(m for m in sys.modules if m.split(".")[0] in {"lxml", "gurux_net", "gurux_serial",
                   "gurux_common", "serial", "socket", "asyncio", "ssl"}
                   or m.startswith(("gurux_dlms.translator", "gurux_dlms.server", "gurux_dlms.transport",
                                    "gurux_dlms.facade", "gurux_dlms.cosem", "gurux_dlms.apdu")))
    from gurux_dlms import GXDLMSClient, GXDLMSSecureClient, GXDLMSNotify, GXReplyData
    from gurux_dlms.enums import InterfaceType, ObjectType, DataType, Conformance
    import gurux_dlms.objects, gurux_dlms.objects.enums
    second = sorted(m for m in sys.modules if m.split(".")[0] in {"lxml", "gurux_net", "gurux_serial",
                    "gurux_common", "serial", "socket", "asyncio", "ssl"}
                    or m.startswith(("gurux_dlms.translator", "gurux_dlms.server", "gurux_dlms.transport")))
    print(json.dumps([first, second]))
""")


def test_import_gurux_dlms_loads_nothing_heavy() -> None:
    first, second = json.loads(_run(_LAZY))
    assert first == [], "import gurux_dlms (and its enums, secure) must load only the name tables"
    assert second == [], "the client, notify, enums and objects must not load the translator, server, transport or I/O"


@pytest.mark.parametrize("package", ["gurux_dlms", "gurux_dlms.enums", "gurux_dlms.secure"])
def test_package_lists_are_covered_by_this_test(package: str) -> None:
    import importlib

    listed = {"gurux_dlms": TOP_LEVEL, "gurux_dlms.enums": ENUMS, "gurux_dlms.secure": SECURE}[package]
    names = set(importlib.import_module(package).__all__) - {"__version__"}
    assert names == set(listed)


def test_objects_include_every_listed_class_and_enum() -> None:
    import gurux_dlms.objects
    import gurux_dlms.objects.enums

    assert set(OBJECTS) <= set(gurux_dlms.objects.__all__)
    assert set(OBJECT_ENUMS) <= set(gurux_dlms.objects.enums.__all__)


def test_objects_are_the_engine_classes_and_enums_values_are_guruxs() -> None:
    import gurux_dlms.objects.enums as object_enums
    from gurux_dlms import GXDLMSConfirmedServiceError, GXDLMSException, GXDLMSExceptionResponse
    from gurux_dlms.cosem.classes.clock import GXDLMSClock
    from gurux_dlms.enums import HdlcFrameType, InterfaceType
    from gurux_dlms.errors import ConfirmedServiceErrorError, DataAccessError, ExceptionResponseError
    from gurux_dlms.objects import GXDLMSClock as Clock

    assert Clock is GXDLMSClock
    assert InterfaceType.WRAPPER == 1 and InterfaceType.WIRED_MBUS == 10
    assert (HdlcFrameType.I, HdlcFrameType.S, HdlcFrameType.U) == (0, 1, 3)
    assert object_enums.SecuritySuite.SUITE_2 == 2
    assert issubclass(DataAccessError, GXDLMSException)
    assert GXDLMSExceptionResponse is ExceptionResponseError
    assert GXDLMSConfirmedServiceError is ConfirmedServiceErrorError


def test_unknown_names_raise_attribute_error() -> None:
    import gurux_dlms
    import gurux_dlms.enums

    with pytest.raises(AttributeError):
        gurux_dlms.NoSuchName  # noqa: B018
    with pytest.raises(AttributeError):
        gurux_dlms.enums.NoSuchEnum  # noqa: B018
    with pytest.raises(ModuleNotFoundError):
        __import__("gurux_dlms.NoSuchModule")
