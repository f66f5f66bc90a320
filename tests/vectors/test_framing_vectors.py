"""Framing against the Gurux-generated vectors: hdlc.jsonl, framed.jsonl and malformed.jsonl.

Expected addresses come from the vector's SIMPLE XML (``TargetAddress``/``SourceAddress`` in hex,
``FrameType`` = control; WRAPPER labels are swapped by Gurux: TargetAddress = bytes 2-3) and
from the ``note``; the information field from ``info_hex`` and the APDU from ``pdu_hex``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from gurux_dlms.errors import DecodeError, FrameError
from gurux_dlms.framing import (
    NEED_DATA,
    HdlcFrame,
    HdlcFrameStream,
    HdlcLink,
    HdlcParameters,
    PduReceived,
    WrapperStream,
    decode_hdlc_parameters,
    encode_hdlc_parameters,
    parse_frame,
    parse_wrapper,
    snrm_frame,
    split_server_address,
    ua_frame,
)
from gurux_dlms.framing.hdlc_frame import FrameKind

HERE = Path(__file__).parent


def load(name: str) -> list[dict[str, Any]]:
    with open(HERE / name, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


FRAMES = [v for name in ("hdlc.jsonl", "framed.jsonl") for v in load(name) if v["kind"] == "frame"]
HDLC = [v for v in FRAMES if v["hex"].startswith("7E")]
WRAPPER = [v for v in FRAMES if v["hex"].startswith("00 01")]
MALFORMED = [v for v in load("malformed.jsonl") if v["case"].startswith(("hdlc-", "wrapper-"))]


def raw(vector: dict[str, Any], field: str = "hex") -> bytes:
    return bytes.fromhex(vector[field])


def xml_value(vector: dict[str, Any], tag: str) -> int | None:
    match = re.search(rf'<{tag} Value="([0-9A-F]+)" />', vector["xml"] or "")
    return int(match.group(1), 16) if match else None


def test_the_corpus_is_complete() -> None:
    assert len(HDLC) == 63 and len(WRAPPER) == 17 and len(MALFORMED) == 9
    assert len(FRAMES) == len(HDLC) + len(WRAPPER)


KIND_BY_CASE = {
    "snrm": FrameKind.SNRM,
    "snrm-params": FrameKind.SNRM,
    "ua": FrameKind.UA,
    "ua-params": FrameKind.UA,
    "disc": FrameKind.DISC,
    "dm": FrameKind.DM,
    "frmr": FrameKind.FRMR,
    "rr": FrameKind.RR,
    "rnr": FrameKind.RNR,
    "i-frame-segmented": FrameKind.I,
    "hdlc/data-notification": FrameKind.UI,
}


def note_addresses(note: str) -> tuple[int, int, int] | None:
    """``(client, server value, server size)`` as the generator's note states them (if it does)."""
    client_match = re.search(r"client 0x([0-9A-F]+)", note)
    match = re.search(r"(\d)-byte server address (?:logical (\d+) physical (\d+)|(\d+))", note)
    if client_match is None or match is None:
        return None
    client = int(client_match.group(1), 16)
    size = int(match.group(1))
    if match.group(4) is not None:
        return client, int(match.group(4)), size
    logical, physical = int(match.group(2)), int(match.group(3))
    return client, logical << (7 if size == 2 else 14) | physical, size


@pytest.mark.parametrize("vector", HDLC, ids=[v["id"] for v in HDLC])
def test_hdlc_frame_vector(vector: dict[str, Any]) -> None:
    data = raw(vector)
    frame = parse_frame(data)
    # Addresses and control as Gurux's translator printed them.
    assert frame.dest == xml_value(vector, "TargetAddress")
    assert frame.src == xml_value(vector, "SourceAddress")
    assert frame.control == xml_value(vector, "FrameType")
    # Addresses and sizes as the note states them; the server is whichever end is not the client.
    stated = note_addresses(vector["note"])
    if stated is None:
        assert vector["case"] == "hdlc/data-notification"
        client, server, size = 0x20, 1, 1  # GXDLMSNotify's defaults, as the XML shows
    else:
        client, server, size = stated
    if frame.src == client and frame.src_size == 1:
        assert (frame.dest, frame.dest_size) == (server, size)
    else:
        assert (frame.dest, frame.dest_size, frame.src, frame.src_size) == (client, 1, server, size)
    if size > 1:
        logical = re.search(r"logical (\d+) physical (\d+)", vector["note"])
        assert logical and split_server_address(server, size) == (
            int(logical.group(1)),
            int(logical.group(2)),
        )
    kind = KIND_BY_CASE.get(vector["case"], FrameKind.I)
    assert frame.kind is kind
    control = re.search(r"control 0x([0-9A-F]{2})", vector["note"])
    if control:
        assert frame.control == int(control.group(1), 16)
    for name, attr in (("N\\(S\\)", "ns"), ("N\\(R\\)", "nr")):
        number = re.search(name + r"=(\d)", vector["note"])
        if number and "segmented" not in vector["case"]:
            assert getattr(frame, attr) == int(number.group(1))
    # Information field and APDU.
    if vector.get("info_hex"):
        assert frame.info == raw(vector, "info_hex")
    pdu = raw(vector, "pdu_hex") if vector.get("pdu_hex") else None
    if kind in (FrameKind.SNRM, FrameKind.UA):
        assert frame.info == (pdu or b"")
    elif pdu is not None and not frame.segmented and vector["case"] != "i-frame-segmented":
        assert frame.info[:3] in (b"\xe6\xe6\x00", b"\xe6\xe7\x00")
        assert frame.info[3:] == pdu
    assert frame.segmented == (
        "segment" in vector["note"] and not vector["note"].endswith(_last_segment(vector))
    )
    # And back to the same bytes.
    assert frame.encode() == data


def _last_segment(vector: dict[str, Any]) -> str:
    seq = vector.get("sequence")
    return f"(segment {seq['count']}/{seq['count']})" if seq else "\0"


def _note_parameters(note: str) -> dict[str, int]:
    names = {
        "maxInfoTX": "max_info_tx",
        "maxInfoRX": "max_info_rx",
        "windowTX": "window_tx",
        "windowRX": "window_rx",
    }
    values = {names[k]: int(v) for k, v in re.findall(r"(maxInfoTX|maxInfoRX|windowTX|windowRX)=(\d+)", note)}
    ids = {"05": "max_info_tx", "06": "max_info_rx", "07": "window_tx", "08": "window_rx"}
    values.update({ids[k]: int(v) for k, v in re.findall(r"0x(0[5-8])=(\d+)", note)})
    return values


SNRM_UA = [v for v in HDLC if v["case"] in ("snrm-params", "ua-params")]


@pytest.mark.parametrize("vector", SNRM_UA, ids=[v["id"] for v in SNRM_UA])
def test_snrm_ua_parameters(vector: dict[str, Any]) -> None:
    frame = parse_frame(raw(vector))
    params = decode_hdlc_parameters(frame.info)
    expected = _note_parameters(vector["note"])
    assert expected
    assert params == HdlcParameters(**expected)
    if vector["case"] == "snrm-params":
        # Gurux's client SNRM: only non-default values, windows in 4 bytes.
        assert encode_hdlc_parameters(params) == frame.info
        assert snrm_frame(frame.dest, frame.src, params, dest_size=frame.dest_size) == raw(vector)
    elif len(expected) == 4:
        built = ua_frame(frame.dest, frame.src, params, src_size=frame.src_size)
        assert built == raw(vector)


@pytest.mark.parametrize("vector", WRAPPER, ids=[v["id"] for v in WRAPPER])
def test_wrapper_frame_vector(vector: dict[str, Any]) -> None:
    data = raw(vector)
    frame = parse_wrapper(data)
    assert frame.apdu == raw(vector, "pdu_hex")
    if vector["xml"]:
        # Gurux's labels are swapped: TargetAddress is bytes 2-3, our source wPort.
        assert frame.source == xml_value(vector, "TargetAddress")
        assert frame.destination == xml_value(vector, "SourceAddress")
    match = re.search(r"client (\d+) server (\d+)", vector["note"])
    if match:
        client, server = int(match.group(1)), int(match.group(2))
        server_side = "server side" in vector["note"]
        expected = (server, client) if server_side else (client, server)
        assert (frame.source, frame.destination) == expected
    assert frame.encode() == data


def test_all_frames_in_one_stream_cut_anywhere() -> None:
    data = b"".join(raw(v) for v in HDLC)
    expected = [parse_frame(raw(v)) for v in HDLC]
    assert HdlcFrameStream().feed(data) == expected
    for cut in range(len(data) + 1):
        stream = HdlcFrameStream()
        assert stream.feed(data[:cut]) + stream.feed(data[cut:]) == expected, cut
    stream = HdlcFrameStream()
    assert [f for i in range(len(data)) for f in stream.feed(data[i : i + 1])] == expected


def test_all_frames_mixed_with_junk() -> None:
    good = [raw(v) for v in HDLC]
    bad_fcs = bytearray(good[40])
    bad_fcs[-2] ^= 0x10
    bad_hcs = bytearray(good[10])
    bad_hcs[7] ^= 0x40
    junk = [
        b"\x00\x7e\x13",
        b"\x7e",
        bytes(bad_fcs),
        b"\xa0\x7e\xa8",
        bytes(bad_hcs),
        b"\x7e\x7e",
        b"\xff" * 7,
    ]
    parts: list[bytes] = []
    for i, frame in enumerate(good):
        parts += [junk[i % len(junk)], frame]
    data = b"".join(parts)
    expected = [parse_frame(f) for f in good]
    stream = HdlcFrameStream()
    assert stream.feed(data) == expected
    assert stream.discarded >= sum(len(j) for j in junk)
    for cut in range(0, len(data) + 1, 7):
        stream = HdlcFrameStream()
        assert stream.feed(data[:cut]) + stream.feed(data[cut:]) == expected, cut


def test_wrapper_frames_in_one_stream_cut_anywhere() -> None:
    data = b"".join(raw(v) for v in WRAPPER)
    expected = [parse_wrapper(raw(v)) for v in WRAPPER]
    for cut in range(len(data) + 1):
        stream = WrapperStream()
        assert stream.feed(data[:cut]) + stream.feed(data[cut:]) == expected


@pytest.mark.parametrize("vector", MALFORMED, ids=[v["id"] for v in MALFORMED])
def test_malformed_frames_raise_frame_or_decode_errors(vector: dict[str, Any]) -> None:
    data = raw(vector)
    parser = parse_frame if vector["case"].startswith("hdlc-") else parse_wrapper
    with pytest.raises((FrameError, DecodeError)):
        parser(data)
    if parser is parse_frame:
        # A stream holding it yields nothing and does not break.
        assert HdlcFrameStream().feed(data) == []


def _sequences() -> dict[str, list[dict[str, Any]]]:
    sequences: dict[str, list[dict[str, Any]]] = {}
    for vector in HDLC:
        if vector.get("sequence"):
            sequences.setdefault(vector["sequence"]["id"], []).append(vector)
    return sequences


SEQUENCES = _sequences()


def _events(link: HdlcLink) -> list[object]:
    events = []
    while (event := link.next_event()) is not NEED_DATA:
        events.append(event)
    return events


@pytest.mark.parametrize("seq_id", sorted(SEQUENCES))
def test_segmented_vectors_reassemble(seq_id: str) -> None:
    vectors = sorted(SEQUENCES[seq_id], key=lambda v: v["sequence"]["index"])
    frames = [parse_frame(raw(v)) for v in vectors]
    first: HdlcFrame = frames[0]
    to_server = first.info.startswith(b"\xe6\xe6\x00")
    if to_server:
        server, server_size, client = first.dest, first.dest_size, first.src
        link = HdlcLink("server", client_address=None, server_address=server, server_address_size=server_size)
        link.receive_data(snrm_frame(server, client, dest_size=server_size))
        assert len(_events(link)) == 1
        link.data_to_send()
    else:
        server, server_size, client = first.src, first.src_size, first.dest
        link = HdlcLink(
            "client", client_address=client, server_address=server, server_address_size=server_size
        )
        link.connect()
        link.data_to_send()
        link.receive_data(ua_frame(client, server, src_size=server_size))
        assert len(_events(link)) == 1
    events: list[object] = []
    for frame, vector in zip(frames, vectors, strict=True):
        link.receive_data(raw(vector))
        events += _events(link)
        answer = HdlcFrameStream().feed(link.data_to_send())
        if frame.segmented and frame.pf:
            # Each polled segment is acknowledged with RR N(R) = next expected N(S).
            assert [(a.kind, a.nr) for a in answer] == [(FrameKind.RR, (frame.ns + 1) % 8)]
        else:
            assert answer == []
    infos = [f.info for f in frames]
    expected = b"".join(infos)[3:]
    assert events == [PduReceived(expected)]
    if vectors[-1].get("pdu_hex") and not to_server:
        assert expected == raw(vectors[-1], "pdu_hex")
    if to_server:
        # SetRequest-Normal with an octet-string of the size the note gives.
        size = int(re.search(r"octet-string (\d+) bytes", vectors[0]["note"]).group(1))  # type: ignore[union-attr]
        length_of_length = 1 if size < 0x80 else 2
        assert expected[:2] == b"\xc1\x01" and expected[13] == 0x09
        assert len(expected) == 13 + 1 + length_of_length + size
