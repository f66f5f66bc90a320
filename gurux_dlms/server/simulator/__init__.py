"""The meter simulator: a realistic default meter (or a device described in Gurux's object XML)
served over TCP (HDLC or WRAPPER, many clients at once) or a serial line (with the IEC 62056-21
mode E opening).  Run it with ``gurux-dlms-simulator`` (see ``docs/simulator.md``)."""

from .meter import MANAGEMENT_CLIENT, PUBLIC_CLIENT, READER_CLIENT, MeterOptions, SimulatedMeter
from .model import MeterModel

__all__ = ["MANAGEMENT_CLIENT", "PUBLIC_CLIENT", "READER_CLIENT", "MeterModel", "MeterOptions", "SimulatedMeter"]
