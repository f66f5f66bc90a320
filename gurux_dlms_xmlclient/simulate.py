"""``--simulate``: the bundled meter simulator, in the same process, on a free 127.0.0.1 port.

The simulated meter is set up to accept what the command line asks for: the framing
(HDLC or WRAPPER), the referencing, the server address, and for the management client
(address 1) the mechanism (``-a`` above Low), secret (``-P``), ciphering (``-C``) and keys
(``-A``, ``-B``); with ``-a HighEcdsa`` it signs with a key of its own and trusts the
client's ``--signing-key``.  Its profiles keep a few entries (eight), so profile replies stay short.
See ``docs/simulator.md`` for its objects and associations.
"""

from __future__ import annotations

from gurux_dlms.framing.hdlc_address import split_server_address
from gurux_dlms.security.ecc import KeyPair
from gurux_dlms.security.enums import Authentication, SecuritySuite
from gurux_dlms.server.simulator import MeterOptions, SimulatedMeter
from gurux_dlms.server.simulator.runner import Simulator, SimulatorThread
from gurux_dlms.session.enums import InterfaceType

from .settings import ClientOptions

#: Profile entries of the simulated meter (load and daily billing profiles, at least ten events).
ROWS = 8


def meter_options(options: ClientOptions) -> MeterOptions:
    """The simulated meter for ``options``."""
    interface = InterfaceType.WRAPPER if options.interface == InterfaceType.WRAPPER else InterfaceType.HDLC
    logical, physical = options.server_address, None
    if interface == InterfaceType.HDLC and options.server_address > 0x7F:
        logical, physical = split_server_address(options.server_address)
    mechanism = options.authentication if options.authentication > Authentication.LOW else Authentication.HIGH
    return MeterOptions(interface=interface, logical_name_referencing=options.logical_name_referencing,
                        authentication=mechanism, password=options.password or b"Gurux", security=options.security,
                        block_cipher_key=options.block_cipher_key, authentication_key=options.authentication_key,
                        logical_address=logical, physical_address=physical, rows=ROWS)


def simulated_meter(options: ClientOptions) -> SimulatedMeter:
    """The simulated meter; for HighEcdsa it gets a signing key of its own and trusts the client's."""
    meter = SimulatedMeter(meter_options(options))
    if options.authentication == Authentication.HIGH_ECDSA and options.signing_key is not None:
        suite = options.signing_key.suite
        keys = meter._security
        keys.security_suite = SecuritySuite(suite)
        keys.signing_key_pair = KeyPair.generate(suite)
        keys.public_keys[options.system_title] = options.signing_key.public_key
        if options.meter_key is None:
            options.meter_key = keys.signing_key_pair.public_key
    return meter


def start_simulator(options: ClientOptions) -> SimulatorThread:
    """Start the simulator for ``options`` and point ``options`` at it (host and port)."""
    simulator = SimulatorThread(Simulator(simulated_meter(options), "127.0.0.1", 0)).start()
    options.host, options.port = "127.0.0.1", simulator.port
    return simulator


__all__ = ["ROWS", "meter_options", "simulated_meter", "start_simulator"]
