"""xDLMS and ACSE APDUs: one typed class per PDU, ``decode_apdu`` for all of them."""

from . import access as access
from . import acse as acse
from . import action as action
from . import ciphered as ciphered
from . import gbt as gbt
from . import get as get
from . import initiate as initiate
from . import notification as notification
from . import service_errors as service_errors
from . import set as set
from . import sn as sn
from .base import Apdu, decode_apdu, register
from .commands import Command

__all__ = ["Apdu", "Command", "decode_apdu", "register"]
