"""gurux_dlms: DLMS/COSEM (IEC 62056) for Python, compatible with Gurux's ``gurux_dlms`` API."""

__version__ = "2.0.0.dev0"
