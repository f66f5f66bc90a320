"""Populated objects of the association, security and communication setup classes, shared by their tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from gurux_dlms.apdu.conformance import Conformance
from gurux_dlms.cosem import GXDLMSObject, create_object
from gurux_dlms.cosem.access import AccessMode, MethodAccessMode
from gurux_dlms.cosem.classes.cellular_diagnostic import (
    GsmPacketSwitchStatus,
    GsmStatus,
    GXAdjacentCell,
    GXDLMSGSMCellInfo,
    GXLteNetworkParameters,
    GXLteQualityOfService,
    LteCoverageEnhancement,
)
from gurux_dlms.cosem.classes.clock import GXDLMSClock
from gurux_dlms.cosem.classes.image_transfer import GXDLMSImageActivateInfo, ImageTransferStatus
from gurux_dlms.cosem.classes.ip_setup import (
    AddressConfigMode,
    GXDLMSIp4SetupIpOption,
    GXNeighborDiscoverySetup,
    Ip4SetupIpOptionType,
)
from gurux_dlms.cosem.classes.modem_setup import AutoConnectMode, GXDLMSModemInitialisation
from gurux_dlms.cosem.classes.network_setup import (
    GXDLMSPppSetupIPCPOption,
    GXDLMSPppSetupLcpOption,
    GXDLMSQosElement,
    PppSetupIPCPOptionType,
    PppSetupLcpOptionType,
)
from gurux_dlms.cosem.classes.object_references import GXDLMSCaptureObject
from gurux_dlms.cosem.classes.port_setup import AddressState, BaudRate
from gurux_dlms.cosem.classes.push_setup import (
    GXPushConfirmationParameter,
    GXPushProtectionParameters,
    MessageType,
    PushOperationMethod,
    ServiceType,
)
from gurux_dlms.cosem.classes.register import GXDLMSRegister
from gurux_dlms.cosem.classes.security_setup import (
    CertificateEntity,
    CertificateType,
    GXDLMSCertificateInfo,
    SecurityPolicy,
)
from gurux_dlms.data import GXDateTime, GXEnum, GXStructure, GXUInt16
from gurux_dlms.security.enums import Authentication, SecuritySuite

#: class id: (Gurux class name, default version, attribute count, method count), as gurux-behaviour.md §3
EXPECTED = {
    12: ("GXDLMSAssociationShortName", 2, 4, 8),
    15: ("GXDLMSAssociationLogicalName", 2, 11, 6),
    17: ("GXDLMSSapAssignment", 0, 2, 1),
    18: ("GXDLMSImageTransfer", 0, 7, 4),
    19: ("GXDLMSIECLocalPortSetup", 1, 9, 0),
    23: ("GXDLMSHdlcSetup", 1, 9, 0),
    24: ("GXDLMSIecTwistedPairSetup", 0, 5, 0),
    25: ("GXDLMSMBusSlavePortSetup", 0, 5, 0),
    27: ("GXDLMSModemConfiguration", 0, 4, 0),
    28: ("GXDLMSAutoAnswer", 0, 6, 0),
    29: ("GXDLMSAutoConnect", 2, 6, 1),
    40: ("GXDLMSPushSetup", 2, 13, 2),
    41: ("GXDLMSTcpUdpSetup", 0, 6, 0),
    42: ("GXDLMSIp4Setup", 0, 10, 3),
    43: ("GXDLMSMacAddressSetup", 0, 2, 0),
    44: ("GXDLMSPppSetup", 0, 5, 0),
    45: ("GXDLMSGprsSetup", 0, 4, 0),
    47: ("GXDLMSGSMDiagnostic", 1, 8, 0),
    48: ("GXDLMSIp6Setup", 0, 10, 2),
    64: ("GXDLMSSecuritySetup", 1, 6, 8),
    72: ("GXDLMSMBusClient", 1, 14, 8),
    74: ("GXDLMSMBusMasterPortSetup", 0, 2, 0),
    100: ("GXDLMSNtpSetup", 0, 7, 3),
    124: ("GXDLMSCommunicationPortProtection", 0, 10, 1),
    151: ("GXDLMSLteMonitoring", 0, 3, 0),
}

T1 = GXDateTime.from_fields(2024, 3, 1, 5, 6, 30, 0, 0, -60, 0)
T2 = GXDateTime.from_fields(2024, 3, 1, 5, 22, 0, 0, 0, -60, 0)
T3 = GXDateTime.from_fields(0xFFFF, 0xFF, 0xFF, 0xFF, 7, 0, 0, 0xFF, -0x8000, 0xFF)


def _association_ln() -> GXDLMSObject:
    obj: Any = create_object(15)
    register = GXDLMSRegister("1.0.1.8.0.255")
    register.setAccess(2, AccessMode.READ_WRITE)
    register.setMethodAccess(1, MethodAccessMode.AUTHENTICATED_ACCESS)
    obj.objectList.extend([obj, GXDLMSClock(), register])
    obj.clientSAP, obj.serverSAP = 0x30, 1
    obj.applicationContextName.contextId = 3
    obj.xDLMSContextInfo.conformance = Conformance.GET | Conformance.SET | Conformance.ACTION
    obj.xDLMSContextInfo.maxReceivePduSize = 1024
    obj.xDLMSContextInfo.cypheringInfo = b"\x01\x02"
    obj.authenticationMechanismName.mechanismId = Authentication.HIGH_GMAC
    obj.secret = b"Gurux"
    obj.associationStatus = 2
    obj.securitySetupReference = "0.0.43.0.0.255"
    obj.userList = [(1, "operator"), (2, "reader")]
    obj.currentUser = (1, "operator")
    return obj


def _association_sn() -> GXDLMSObject:
    obj: Any = create_object(12)
    register = GXDLMSRegister("1.0.1.8.0.255", 0x3000)
    register.setAccess(3, AccessMode.READ_WRITE)
    obj.objectList.extend([register, GXDLMSClock(sn=0xFB00)])
    obj.securitySetupReference = "0.0.43.0.1.255"
    return obj


def _sap() -> GXDLMSObject:
    obj: Any = create_object(17)
    obj.sapAssignmentList = [(1, "GRX0000001"), (17, "GRX0000002")]
    return obj


def _image() -> GXDLMSObject:
    obj: Any = create_object(18)
    obj.imageBlockSize = 128
    obj.imageTransferredBlocksStatus = "1101"
    obj.imageFirstNotTransferredBlockNumber = 2
    obj.imageTransferEnabled = False
    obj.imageTransferStatus = ImageTransferStatus.IMAGE_TRANSFER_INITIATED
    obj.imageActivateInfo = [GXDLMSImageActivateInfo(512, b"FW-2.1", b"\x99" * 8), GXDLMSImageActivateInfo(3, b"x", b"")]
    return obj


def _iec_port() -> GXDLMSObject:
    obj: Any = create_object(19)
    obj.defaultMode, obj.defaultBaudrate, obj.proposedBaudrate = 1, BaudRate.BAUDRATE_300, BaudRate.BAUDRATE_19200
    obj.responseTime, obj.deviceAddress = 1, "12345678"
    obj.password1, obj.password2, obj.password5 = "00000000", "pass2", "W5"
    return obj


def _hdlc() -> GXDLMSObject:
    obj: Any = create_object(23)
    obj.communicationSpeed, obj.windowSizeTransmit, obj.windowSizeReceive = BaudRate.BAUDRATE_115200, 7, 3
    obj.maximumInfoLengthTransmit, obj.maximumInfoLengthReceive = 1024, 2030
    obj.interCharachterTimeout, obj.inactivityTimeout, obj.deviceAddress = 30, 600, 0x4011
    return obj


def _twisted_pair() -> GXDLMSObject:
    obj: Any = create_object(24)
    obj.mode, obj.speed, obj.primaryAddresses, obj.tabis = 1, BaudRate.BAUDRATE_9600, [1, 2, 255], [-1, 0, 5]
    return obj


def _mbus_slave() -> GXDLMSObject:
    obj: Any = create_object(25)
    obj.defaultBaud, obj.availableBaud, obj.addressState, obj.busAddress = 2, 5, AddressState.ASSIGNED, 42
    return obj


def _modem() -> GXDLMSObject:
    obj: Any = create_object(27)
    obj.communicationSpeed = BaudRate.BAUDRATE_9600
    obj.initialisationStrings = [GXDLMSModemInitialisation("AT", "OK"), GXDLMSModemInitialisation("ATZ", "OK")]
    obj.modemProfile = ["OK", "CONNECT", "RING", "NO CARRIER"]
    return obj


def _auto_answer() -> GXDLMSObject:
    obj: Any = create_object(28)
    obj.mode, obj.status, obj.numberOfCalls = 1, 2, 3
    obj.listeningWindow = [(T1, T2), (T3, T3)]
    obj.numberOfRingsInListeningWindow, obj.numberOfRingsOutListeningWindow = 2, 5
    return obj


def _auto_connect() -> GXDLMSObject:
    obj: Any = create_object(29)
    obj.mode, obj.repetitions, obj.repetitionDelay = AutoConnectMode.PERMANENTLY_CONNECT, 3, 60
    obj.callingWindow = [(T1, T2)]
    obj.destinations = ["+358401234567", "192.168.1.1:4059"]
    return obj


def _push() -> GXDLMSObject:
    obj: Any = create_object(40)
    clock = GXDLMSClock()
    obj.pushObjectList = [(obj, GXDLMSCaptureObject(1, 0)), (clock, GXDLMSCaptureObject(2, 0)),
                          (GXDLMSRegister("1.0.1.8.0.255"), GXDLMSCaptureObject(3, 2))]
    obj.service, obj.destination, obj.message = ServiceType.UDP, "10.0.0.1:4059", MessageType.COSEM_APDU
    obj.communicationWindow = [(T1, T2)]
    obj.randomisationStartInterval, obj.numberOfRetries = 30, 3
    obj.repetitionDelayMin, obj.repetitionDelayExponent, obj.repetitionDelayMax = 10, 100, 600
    obj.portReference, obj.pushClientSAP = "0.0.25.0.0.255", 102
    obj.pushProtectionParameters = [GXPushProtectionParameters(
        3, b"\x01", b"GRX12345", b"SRV00001", b"", GXStructure([GXEnum(0), GXStructure([GXEnum(0)])]))]
    obj.pushOperationMethod = PushOperationMethod.CONFIRMED
    obj.confirmationParameters = GXPushConfirmationParameter(T1, 3600)
    obj.lastConfirmationDateTime = T2
    return obj


def _tcp_udp() -> GXDLMSObject:
    obj: Any = create_object(41)
    obj.port, obj.ipReference, obj.maximumSegmentSize = 4061, "0.0.25.1.0.255", 1400
    obj.maximumSimultaneousConnections, obj.inactivityTimeout = 4, 300
    return obj


def _ip4() -> GXDLMSObject:
    obj: Any = create_object(42)
    obj.dataLinkLayerReference, obj.ipAddress = "0.0.25.2.0.255", "192.168.1.10"
    obj.multicastIPAddress = ["224.0.0.1", "239.255.255.250"]
    obj.ipOptions = [GXDLMSIp4SetupIpOption(Ip4SetupIpOptionType.RECORD_ROUTE, 3, b"\x04\x00\x00")]
    obj.subnetMask, obj.gatewayIPAddress, obj.useDHCP = "255.255.255.0", "192.168.1.1", True
    obj.primaryDNSAddress, obj.secondaryDNSAddress = "8.8.8.8", "1.1.1.1"
    return obj


def _mac() -> GXDLMSObject:
    obj: Any = create_object(43)
    obj.macAddress = "00:1A:2B:3C:4D:5E"
    return obj


def _ppp() -> GXDLMSObject:
    obj: Any = create_object(44)
    obj.phyReference = "0.0.25.4.0.255"
    obj.lcpOptions = [GXDLMSPppSetupLcpOption(PppSetupLcpOptionType.MAX_REC_UNIT, 4, GXUInt16(1500))]
    obj.ipcpOptions = [GXDLMSPppSetupIPCPOption(PppSetupIPCPOptionType.PREF_LOCAL_IP, 6, bytearray(b"\x0a\0\0\1"))]
    obj.userName, obj.password = b"gurux", b"secret"
    return obj


def _gprs() -> GXDLMSObject:
    obj: Any = create_object(45)
    obj.apn, obj.pinCode = "internet.example", 1234
    obj.defaultQualityOfService = GXDLMSQosElement(1, 2, 3, 4, 5)
    obj.requestedQualityOfService = GXDLMSQosElement(5, 4, 3, 2, 1)
    return obj


def _gsm() -> GXDLMSObject:
    obj: Any = create_object(47)
    obj.operator, obj.status, obj.circuitSwitchStatus = "Operator", GsmStatus.ROAMING, 2
    obj.packetSwitchStatus = GsmPacketSwitchStatus.LTE
    obj.cellInfo = GXDLMSGSMCellInfo(123456, 4321, 25, 0, 244, 91, 6300)
    obj.adjacentCells = [GXAdjacentCell(100, 10), GXAdjacentCell(70000, 31)]
    obj.captureTime = T1
    return obj


def _ip6() -> GXDLMSObject:
    obj: Any = create_object(48)
    obj.dataLinkLayerReference, obj.addressConfigMode = "0.0.25.2.0.255", AddressConfigMode.MANUAL
    obj.unicastIPAddress = ["fe80::1", "2001:db8::10"]
    obj.multicastIPAddress = ["ff02::1"]
    obj.gatewayIPAddress = ["fe80::fffe"]
    obj.primaryDNSAddress, obj.secondaryDNSAddress, obj.trafficClass = "2001:4860:4860::8888", None, 46
    obj.neighborDiscoverySetup = [GXNeighborDiscoverySetup(3, 1000, 60)]
    return obj


def _security() -> GXDLMSObject:
    obj: Any = create_object(64)
    obj.securityPolicy = SecurityPolicy.AUTHENTICATED_REQUEST | SecurityPolicy.ENCRYPTED_RESPONSE
    obj.securitySuite = SecuritySuite.SUITE_1
    obj.clientSystemTitle, obj.serverSystemTitle = b"CLI00001", b"GRX00001"
    obj.certificates = [GXDLMSCertificateInfo(CertificateEntity.SERVER, CertificateType.DIGITAL_SIGNATURE, 0x8F01,
                                              "CN=CA", "CN=4752583030303031", ""),
                        GXDLMSCertificateInfo(1, 1, 7, "CN=CA", "CN=434C493030303031", "meter.example")]
    return obj


def _mbus_client() -> GXDLMSObject:
    obj: Any = create_object(72)
    obj.mBusPortReference = "0.0.24.6.0.255"
    obj.captureDefinition = [(b"\x0c", b"\x13"), (b"\x04", b"\x6d")]
    obj.capturePeriod, obj.primaryAddress, obj.identificationNumber = 3600, 5, 0x12345678
    obj.manufacturerID, obj.dataHeaderVersion, obj.deviceType = 0x1C08, 1, 7
    obj.accessNumber, obj.status, obj.alarm, obj.configuration = 9, 0, 1, 0x0200
    obj.encryptionKeyStatus = 4
    return obj


def _mbus_master() -> GXDLMSObject:
    obj: Any = create_object(74)
    obj.commSpeed = BaudRate.BAUDRATE_9600
    return obj


def _ntp() -> GXDLMSObject:
    obj: Any = create_object(100)
    obj.activated, obj.serverAddress, obj.port = False, "pool.ntp.org", 1123
    obj.authentication, obj.keys, obj.clientKey = 1, {1: b"k" * 16, 7: b"\x00" * 20}, b"client-key"
    return obj


def _port_protection() -> GXDLMSObject:
    obj: Any = create_object(124)
    obj.protectionMode, obj.allowedFailedAttempts, obj.initialLockoutTime = 1, 3, 60
    obj.steepnessFactor, obj.maxLockoutTime, obj.port = 2, 86400, "0.0.20.0.0.255"
    obj.protectionStatus, obj.failedAttempts, obj.cumulativeFailedAttempts = 1, 4, 17
    return obj


def _lte() -> GXDLMSObject:
    obj: Any = create_object(151)
    obj.networkParameters = GXLteNetworkParameters(720, 3240, 100000, 60, 200000, 10, -70, -110, -120)
    obj.qualityOfService = GXLteQualityOfService(-10, -90, 12, LteCoverageEnhancement.LEVEL1)
    return obj


POPULATED: dict[int, Callable[[], GXDLMSObject]] = {
    12: _association_sn, 15: _association_ln, 17: _sap, 18: _image, 19: _iec_port, 23: _hdlc, 24: _twisted_pair,
    25: _mbus_slave, 27: _modem, 28: _auto_answer, 29: _auto_connect, 40: _push, 41: _tcp_udp, 42: _ip4, 43: _mac,
    44: _ppp, 45: _gprs, 47: _gsm, 48: _ip6, 64: _security, 72: _mbus_client, 74: _mbus_master, 100: _ntp,
    124: _port_protection, 151: _lte,
}


def round_trip(obj: GXDLMSObject) -> tuple[GXDLMSObject, dict[int, bytes]]:
    """Encode every attribute, set each decoded value on a fresh object of the same version, in index order."""
    from gurux_dlms.data import codec

    encoded = {i: obj.encode_attribute(i) for i in range(1, obj.getAttributeCount() + 1)}
    fresh = create_object(int(obj.objectType))
    fresh.version = obj.version
    for index, raw in encoded.items():
        fresh.set_attribute_data(index, codec.decode(raw))
    return fresh, encoded
