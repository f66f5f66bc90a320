"""``Gurux.DLMS.XmlClient``: run Gurux Messages XML files against a DLMS/COSEM meter.

The command (``Gurux.DLMS.XmlClient``, ``gurux-dlms-xmlclient`` or
``python -m gurux_dlms_xmlclient``) sends the requests of each file on a connection of its
own, shows every reply as XML, compares the replies with those the file expects and ends
with the counts of files passed, failed and in error.  ``docs/xmlclient.md`` describes
every flag.
"""

from __future__ import annotations

from .cli import main

__all__ = ["main"]
