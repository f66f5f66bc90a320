#!/usr/bin/env python3
"""Read a meter the classic way: association view, every attribute, profile rows by entry and by range.

It drives the Gurux-style pull API (``GXDLMSClient``: request methods return frames, replies go
to ``getData``) over the library's media, exactly as a script written for Gurux's library does.

    python examples/read_meter.py -h 127.0.0.1 -p 4061 -w            # TCP, WRAPPER
    python examples/read_meter.py -S /dev/ttyUSB0 -i -c 17 -a Low -P 12345678   # optical head, mode E
    python examples/read_meter.py --help
"""

from __future__ import annotations

import argparse
import logging
import sys
from datetime import datetime
from typing import Any

from gurux_dlms import GXByteBuffer, GXDLMSConverter, GXDLMSException, GXReplyData
from gurux_dlms.enums import Authentication, InterfaceType, ObjectType
from gurux_dlms.objects import GXDLMSObject, GXDLMSProfileGeneric
from gurux_dlms.secure import GXDLMSSecureClient
from gurux_dlms.transport import NetMedia, SerialMedia, open_mode_e
from gurux_dlms.transport.mode_e import ModeEOptions

AUTHENTICATIONS = {a.name.replace("_", "").lower(): a for a in Authentication}


class Reader:
    """Sends frames and collects replies the way Gurux's GXDLMSReader does."""

    def __init__(self, client: GXDLMSSecureClient, media: Any, timeout: float = 5.0) -> None:
        self.client = client
        self.media = media
        self.timeout = timeout

    def packet(self, data: Any, reply: GXReplyData) -> None:
        """Send one frame and read until ``getData`` says a whole frame came back."""
        if not data:
            return
        self.media.send(bytes(data))
        buffer = GXByteBuffer()
        while not self.client.getData(buffer, reply):
            chunk = self.media.receive(self.timeout)
            if not chunk:
                raise TimeoutError(f"no reply from the meter within {self.timeout} s")
            buffer.set(chunk)

    def block(self, data: Any, reply: GXReplyData) -> None:
        """Send every frame of a request and follow HDLC segments and data blocks."""
        for frame in data if isinstance(data, list) else [data]:
            reply.clear()
            self.packet(frame, reply)
            while reply.isMoreData():
                self.packet(self.client.receiverReady(reply), reply)

    def connect(self) -> None:
        reply = GXReplyData()
        snrm = self.client.snrmRequest()
        if snrm:
            self.packet(snrm, reply)
            self.client.parseUAResponse(reply.data)
        self.block(self.client.aarqRequest(), reply)
        self.client.parseAareResponse(reply.data)
        if self.client.authentication > Authentication.LOW:
            self.block(self.client.getApplicationAssociationRequest(), reply)
            self.client.parseApplicationAssociationResponse(reply.data)

    def read(self, item: GXDLMSObject, index: int) -> Any:
        reply = GXReplyData()
        self.block(self.client.read(item, index), reply)
        return self.client.updateValue(item, index, reply.value)

    def rows(self, request: Any, profile: GXDLMSProfileGeneric) -> list[Any]:
        reply = GXReplyData()
        self.block(request, reply)
        self.client.updateValue(profile, 2, reply.value)
        return list(profile.buffer)

    def close(self) -> None:
        reply = GXReplyData()
        try:
            self.block(self.client.releaseRequest(), reply)
            disconnect = self.client.disconnectRequest()
            if disconnect and self.client.interfaceType != InterfaceType.WRAPPER:
                self.packet(disconnect, reply)
        finally:
            self.media.close()


def show(value: Any) -> str:
    """Values as Gurux's example prints them: bytes as spaced hex, lists joined, date-times as text."""
    if isinstance(value, (bytes, bytearray)):
        return GXByteBuffer.hex(value)
    if isinstance(value, list):
        return ", ".join(show(v) for v in value)
    return str(value)


def read_all(reader: Reader, out: Any) -> None:
    client = reader.client
    converter = GXDLMSConverter()
    reply = GXReplyData()
    reader.block(client.getObjectsRequest(), reply)
    objects = client.parseObjects(reply.data)
    converter.updateOBISCodeInformation(objects)
    for obj in objects:
        if isinstance(obj, GXDLMSProfileGeneric):
            continue
        print(f"-------- Reading {int(obj.objectType)} {obj.logicalName} {obj.description}", file=out)
        for index in obj.getAttributeIndexToRead(True):
            if not obj.canRead(index):
                print(f"Attribute{index} is not readable.", file=out)
                continue
            try:
                print(f"Index: {index} Value: {show(reader.read(obj, index))}", file=out)
            except (GXDLMSException, ValueError) as exc:
                print(f"Error! Index: {index} {exc}", file=out)
    for profile in objects.getObjects(ObjectType.PROFILE_GENERIC):
        print(f"-------- Reading {int(profile.objectType)} {profile.logicalName} {profile.description}", file=out)
        try:
            reader.read(profile, 3)
            columns = " | ".join(f"{o.logicalName} {o.description}" for o, _ in profile.captureObjects)
            print(columns, file=out)
            print(f"Entries: {reader.read(profile, 7)}/{reader.read(profile, 8)}", file=out)
            for row in reader.rows(client.readRowsByEntry(profile, 1, 1), profile):
                print(" | ".join(show(cell) for cell in row), file=out)
            start = datetime.now().replace(hour=0, minute=0, second=0, microsecond=0)
            for row in reader.rows(client.readRowsByRange(profile, start, datetime.now()), profile):
                print(" | ".join(show(cell) for cell in row), file=out)
        except (GXDLMSException, ValueError) as exc:
            print(f"Error! {exc}", file=out)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0], add_help=False)
    parser.add_argument("--help", "-?", action="help", help="show this help and exit")
    parser.add_argument("-h", dest="host", help="meter host name or address (TCP)")
    parser.add_argument("-p", dest="port", type=int, default=4059, help="TCP port (4059)")
    parser.add_argument("-S", dest="serial", help="serial port, e.g. COM1:9600:8None1 or /dev/ttyUSB0")
    parser.add_argument("-i", dest="mode_e", action="store_true", help="IEC 62056-21 mode E opening first")
    parser.add_argument("-w", dest="wrapper", action="store_true", help="WRAPPER framing (default HDLC)")
    parser.add_argument("-c", dest="client", type=int, default=16, help="client address (16)")
    parser.add_argument("-s", dest="server", type=int, default=1, help="server address (1)")
    parser.add_argument("-a", dest="authentication", default="None",
                        help="None, Low, High, HighMd5, HighSha1, HighGMac, HighSha256")
    parser.add_argument("-P", dest="password", help="password (0x... for hex)")
    parser.add_argument("-r", dest="referencing", default="ln", choices=["ln", "sn", "LN", "SN"],
                        help="logical (ln) or short (sn) name referencing")
    parser.add_argument("-t", dest="trace", action="store_true", help="log frames at DEBUG")
    args = parser.parse_args(argv)
    if bool(args.host) == bool(args.serial):
        parser.error("give a meter: -h host (TCP) or -S port (serial)")
    if args.authentication.lower() not in AUTHENTICATIONS:
        parser.error(f"unknown authentication {args.authentication!r}")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.trace else logging.WARNING)
    interface = InterfaceType.WRAPPER if args.wrapper else InterfaceType.HDLC
    password = args.password
    if password and password.startswith("0x"):
        password = bytes.fromhex(password[2:])
    client = GXDLMSSecureClient(args.referencing.lower() == "ln", args.client, args.server,
                                AUTHENTICATIONS[args.authentication.lower()], password, interface)
    media: Any = NetMedia(args.host, args.port) if args.host else SerialMedia.from_spec(args.serial, mode_e=args.mode_e)
    media.open()
    if args.mode_e:
        open_mode_e(media, ModeEOptions())
    reader = Reader(client, media)
    try:
        reader.connect()
        read_all(reader, sys.stdout)
    finally:
        reader.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
