"""The shape of interface classes the library keeps as generic objects.

For class ids without an implementation, a generic object still knows from this table
how many attributes and methods the class has (its current Blue Book version) and what
they are called, so "read every attribute" reads the right ones and the names show.
The values stay raw DLMS data.
"""

from __future__ import annotations

from dataclasses import dataclass

from .object_type import ObjectType


@dataclass(frozen=True, slots=True)
class GenericClass:
    """Version, attribute titles (from attribute 2) and method titles of a class."""

    version: int
    attributes: tuple[str, ...]
    methods: tuple[str, ...] = ()


GENERIC_CLASSES: dict[int, GenericClass] = {
    ObjectType.SMTP_SETUP: GenericClass(0, (
        "Server Port", "User Name", "Login Password", "Server Address", "Sender Address")),
    ObjectType.DATA_PROTECTION: GenericClass(0, (
        "Protection Buffer", "Protection Object List", "Protection Parameters Get", "Protection Parameters Set",
        "Required Protection"), ("Get Protected Attributes", "Set Protected Attributes", "Invoke Protected Method")),
    ObjectType.SFSK_PHY_MAC_SETUP: GenericClass(1, (
        "Initiator Electrical Phase", "Delta Electrical Phase", "Max Receiving Gain", "Max Transmitting Gain",
        "Search Initiator Threshold", "Mark Space Frequencies", "MAC Address", "MAC Group Addresses", "Repeater",
        "Repeater Status", "Min Delta Credit", "Initiator MAC Address", "Synchronization Locked",
        "Transmission Speed")),
    ObjectType.SFSK_ACTIVE_INITIATOR: GenericClass(0, ("Active Initiator",), ("Reset New Not Synchronized",)),
    ObjectType.SFSK_MAC_SYNCHRONIZATION_TIMEOUTS: GenericClass(0, (
        "Search Initiator Timeout", "Synchronization Confirmation Timeout", "Time Out Not Addressed",
        "Time Out Frame Not OK")),
    ObjectType.SFSK_MAC_COUNTERS: GenericClass(0, (
        "Synchronization Register", "Desynchronization Listing", "Broadcast Frames Counter", "Repetitions Counter",
        "Transmissions Counter", "CRC OK Frames Counter", "CRC NOK Frames Counter"), ("Reset",)),
    ObjectType.IEC_61334_4_32_LLC_SETUP: GenericClass(0, ("Max Frame Length", "Reply Status List")),
    ObjectType.SFSK_REPORTING_SYSTEM_LIST: GenericClass(0, ("Reporting System List",)),
    ObjectType.WIRELESS_MODE_Q_CHANNEL: GenericClass(1, ("Address State", "Device Address", "Address Mask")),
    ObjectType.ZIG_BEE_SAS_STARTUP: GenericClass(0, (
        "Short Address", "Extended PAN Id", "PAN Id", "Channel Mask", "Protocol Version", "Stack Profile",
        "Start Up Control", "Trust Center Address", "Link Key", "Network Key", "Use Insecure Join")),
    ObjectType.ZIG_BEE_SAS_JOIN: GenericClass(0, (
        "Scan Attempts", "Time Between Scans", "Rejoin Interval", "Rejoin Retry Interval")),
    ObjectType.ZIG_BEE_SAS_APS_FRAGMENTATION: GenericClass(0, ("APS Interframe Delay", "APS Max Window Size")),
    ObjectType.ZIG_BEE_NETWORK_CONTROL: GenericClass(0, (
        "Enable Disable Joining", "Join Timeout", "Active Devices"), (
        "Register Device", "Unregister Device", "Unregister All Devices", "Backup PAN", "Restore PAN",
        "Identify Device", "Remove Mirror", "Update Network Key", "Update Link Key", "Create PAN", "Remove PAN")),
    ObjectType.IEC_6205541_ATTRIBUTES: GenericClass(0, (
        "Meter PAN", "Commodity", "Token Carrier Types", "Encryption Algorithm", "Supply Group Code",
        "Tariff Index", "Key Revision Number", "Key Type", "Key Expiry Number", "No Of KCT Supported",
        "STS Certificate No")),
    ObjectType.COAP_SETUP: GenericClass(0, (
        "UDP Reference", "Ack Timeout", "Ack Random Factor", "Max Retransmit", "N Start", "Delay Ack Timeout",
        "Exponential Back Off", "Probing Rate", "CoAP Uri Path", "Transport Mode", "Version", "Token Length",
        "Max Block Size Tx", "Max Block Size Rx", "Max Age")),
    ObjectType.COAP_DIAGNOSTIC: GenericClass(0, (
        "Messages Counter", "Request Response Counter", "Btn Counter", "Capture Time"), ("Reset",)),
    ObjectType.TARIFF_PLAN: GenericClass(0, ("Calendar Name", "Enabled", "Plan", "Activation Time")),
}


__all__ = ["GENERIC_CLASSES", "GenericClass"]
