"""xDLMS and ACSE APDUs: one typed class per PDU, ``decode_apdu`` for all of them."""

from .base import Apdu, decode_apdu, register
from .commands import Command

__all__ = ["Apdu", "Command", "decode_apdu", "register"]
