#!/usr/bin/env python3
"""Listen for pushes (DataNotification, EventNotification) from meters and print them.

Meters push over TCP in WRAPPER frames (a push setup's destination is ``host:port``); each
push is shown as Gurux's XML and as the decoded value.  Ciphered pushes need the meter's
keys (``-C`` and ``-B``/``-A``; only the block cipher key for encryption-only ports).

    python examples/push_listener.py -p 4063
    python examples/push_listener.py -p 4063 -C AuthenticationEncryption -B 000102...0F -A D0D1...DF
"""

from __future__ import annotations

import argparse
import logging
import socketserver
import sys
from typing import Any

from gurux_dlms import GXByteBuffer, GXDLMSTranslator, GXReplyData
from gurux_dlms.enums import InterfaceType, Security
from gurux_dlms.secure import GXDLMSSecureNotify

log = logging.getLogger("push_listener")


def make_notify(args: argparse.Namespace) -> GXDLMSSecureNotify:
    notify = GXDLMSSecureNotify(True, 1, 1, InterfaceType.WRAPPER)
    notify.ciphering.security = args.security
    for option, name in ((args.system_title, "systemTitle"), (args.block_cipher_key, "blockCipherKey"),
                         (args.authentication_key, "authenticationKey")):
        if option:
            setattr(notify.ciphering, name, bytes.fromhex(option))
    return notify


def serve(args: argparse.Namespace, out: Any = sys.stdout) -> None:
    translator = GXDLMSTranslator()
    translator.comments = True
    remaining = [args.count]

    class Handler(socketserver.BaseRequestHandler):
        def handle(self) -> None:
            notify = make_notify(args)
            buffer = GXByteBuffer()
            reply = GXReplyData()
            while True:
                chunk = self.request.recv(4096)
                if not chunk:
                    return
                buffer.set(chunk)
                while notify.getData(buffer, reply):
                    if reply.isComplete() and not reply.isMoreData():
                        print(f"Push from {self.client_address[0]}:", file=out)
                        print(translator.pduToXml(reply.data.array()) if reply.data.size else "", file=out)
                        print(f"Value: {reply.value}", file=out, flush=True)
                        reply.clear()
                        remaining[0] -= 1
                        if remaining[0] == 0:
                            return

    with socketserver.TCPServer((args.host, args.port), Handler) as server:
        log.info("listening on %s:%d", args.host, server.server_address[1])
        print(f"Listening on {args.host}:{server.server_address[1]}", file=out, flush=True)
        while remaining[0] != 0:  # one connection at a time: a meter connects, pushes, and hangs up
            server.handle_request()


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-p", "--port", type=int, default=4063, help="TCP port to listen on (4063; 0: any free port)")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (127.0.0.1)")
    parser.add_argument("-C", "--security", default="None", help="None, Authentication, Encryption, AuthenticationEncryption")
    parser.add_argument("-T", "--system-title", help="the meter's system title (hex)")
    parser.add_argument("-A", "--authentication-key", help="authentication key (hex)")
    parser.add_argument("-B", "--block-cipher-key", help="block cipher key (hex)")
    parser.add_argument("--count", type=int, default=0, help="stop after this many pushes (0: never)")
    args = parser.parse_args(argv)
    names = {name.replace("_", "").lower(): member for name, member in Security.__members__.items()}
    try:
        args.security = names[args.security.replace("_", "").lower()]
    except KeyError:
        parser.error(f"unknown security {args.security!r}")
    return args


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO)
    try:
        serve(parse_args(argv))
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
