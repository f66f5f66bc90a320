"""``-v``: read the invocation counter object before the ciphered connections start.

A ciphered client must send invocation counters above the last one the meter accepted.
Like Gurux's client example (and unlike its XmlClient, which stores ``-v`` and never uses
it), the command first connects as the public client (16, no authentication, no
ciphering), reads the counter object's value and disconnects; the ciphered connections
then go on from that value + 1.
"""

from __future__ import annotations

from gurux_dlms.cosem.object_type import ObjectType
from gurux_dlms.errors import ConfigurationError
from gurux_dlms.session.client import ClientConnection
from gurux_dlms.session.settings import SessionSettings
from gurux_dlms.transport import BlockingDriver, Meter

from .session import make_media, mode_e_options
from .settings import ClientOptions

PUBLIC_CLIENT = 16


def read_invocation_counter(options: ClientOptions) -> int:
    """The value of the ``-v`` object, read by the public client."""
    assert options.invocation_counter_object is not None
    settings = SessionSettings(interface_type=options.interface, client_address=PUBLIC_CLIENT,
                               server_address=options.server_address, hdlc=options.hdlc,
                               use_logical_name_referencing=options.logical_name_referencing,
                               max_receive_pdu_size=options.max_pdu, max_retries=options.retries)
    driver = BlockingDriver(ClientConnection(settings), make_media(options), options.timeout, options.retries,
                            mode_e=mode_e_options(options) or False)
    with Meter(driver) as meter:
        if not options.logical_name_referencing:
            meter.objects()  # the short name of the object is in the association view
        value = meter.read((int(ObjectType.DATA), options.invocation_counter_object), 2)
    if not isinstance(value, int):
        raise ConfigurationError(f"invocation counter {options.invocation_counter_object}",
                                 expected="an unsigned number", found=repr(value))
    return int(value)


__all__ = ["PUBLIC_CLIENT", "read_invocation_counter"]
