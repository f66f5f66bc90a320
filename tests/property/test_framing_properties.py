"""Hypothesis: framing round trips, streams cut anywhere, and decoders that fail only with DLMSError."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from gurux_dlms.errors import DLMSError
from gurux_dlms.framing import (
    NEED_DATA,
    HdlcFrame,
    HdlcFrameStream,
    HdlcLink,
    HdlcParameters,
    ModeEClient,
    ModeEServer,
    WrapperFrame,
    WrapperStream,
    decode_address,
    decode_frame,
    decode_hdlc_parameters,
    decode_wrapper,
    encode_frame,
    encode_hdlc_parameters,
    encode_wrapper,
    find_frame,
    parse_frame,
    parse_identification,
    parse_option_select,
    parse_request,
    parse_wrapper,
)
from gurux_dlms.framing.iec62056_21 import MeterIdentification

SIZES = {1: 0x7F, 2: 0x3FFF, 4: 0x0FFFFFFF}


@st.composite
def addresses(draw: st.DrawFn) -> tuple[int, int]:
    size = draw(st.sampled_from(sorted(SIZES)))
    return draw(st.integers(0, SIZES[size])), size


@st.composite
def hdlc_frames(draw: st.DrawFn, max_info: int = 2030) -> HdlcFrame:
    dest, dest_size = draw(addresses())
    src, src_size = draw(addresses())
    control = draw(st.integers(0, 255))
    info = draw(st.binary(max_size=max_info))
    return HdlcFrame(dest, dest_size, src, src_size, control, info, draw(st.booleans()))


@given(hdlc_frames())
def test_hdlc_round_trip(frame: HdlcFrame) -> None:
    data = frame.encode()
    assert data[0] == data[-1] == 0x7E
    assert ((data[1] & 7) << 8 | data[2]) == len(data) - 2
    decoded, end = decode_frame(data)
    assert decoded == frame and end == len(data)
    assert parse_frame(bytearray(data)) == frame


@given(hdlc_frames(max_info=64), st.integers(0, 200), st.integers(0, 7))
def test_hdlc_single_bit_errors_are_caught(frame: HdlcFrame, position: int, bit: int) -> None:
    data = bytearray(frame.encode())
    index = 1 + position % (len(data) - 2)  # not the flags
    data[index] ^= 1 << bit
    try:
        decoded = parse_frame(bytes(data))
    except DLMSError:
        return
    raise AssertionError(f"corruption at {index} not detected: {decoded}")


@given(st.lists(hdlc_frames(max_info=300), min_size=1, max_size=6), st.data())
def test_stream_cut_anywhere(frames: list[HdlcFrame], data: st.DataObject) -> None:
    stream_bytes = b"".join(f.encode() for f in frames)
    cuts = sorted(data.draw(st.lists(st.integers(0, len(stream_bytes)), max_size=8)))
    stream = HdlcFrameStream()
    got: list[HdlcFrame] = []
    previous = 0
    for cut in [*cuts, len(stream_bytes)]:
        got += stream.feed(stream_bytes[previous:cut])
        previous = cut
    assert got == frames


@given(
    st.lists(hdlc_frames(max_info=200), min_size=1, max_size=5),
    st.lists(st.binary(max_size=20), min_size=6, max_size=6),
)
def test_stream_skips_junk(frames: list[HdlcFrame], junk: list[bytes]) -> None:
    parts = []
    for frame, noise in zip(frames, junk, strict=False):
        parts += [noise, frame.encode()]
    # No flush is needed after the last frame: junk that claims a length running past it is
    # rejected by its address bytes or its HCS as soon as those have arrived.
    data = b"".join(parts) + junk[-1]
    assert HdlcFrameStream().feed(data) == frames


@given(hdlc_frames(max_info=100), st.integers(0, 0xFF))
def test_find_frame_after_noise(frame: HdlcFrame, noise_byte: int) -> None:
    noise = bytes([noise_byte]) * 3
    found, end = find_frame(noise + frame.encode())
    assert found == frame and end == len(noise) + len(frame.encode())


@given(
    st.integers(1, 0xFFFF),
    st.integers(1, 0xFFFF),
    st.integers(1, 7),
    st.integers(1, 7),
    st.booleans(),
    st.sampled_from([1, 2, 4]),
)
def test_parameters_round_trip(tx: int, rx: int, wtx: int, wrx: int, sparse: bool, window_bytes: int) -> None:
    params = HdlcParameters(tx, rx, wtx, wrx)
    encoded = encode_hdlc_parameters(params, only_non_default=sparse, window_bytes=window_bytes)
    assert decode_hdlc_parameters(encoded) == params


@given(st.integers(0, 0xFFFF), st.integers(0, 0xFFFF), st.binary(max_size=3000))
def test_wrapper_round_trip(source: int, destination: int, apdu: bytes) -> None:
    data = encode_wrapper(source, destination, apdu)
    assert len(data) == 8 + len(apdu)
    frame = parse_wrapper(data)
    assert frame == WrapperFrame(source, destination, apdu)
    assert decode_wrapper(b"\x00" + data, 1) == (frame, len(data) + 1)


@given(st.lists(st.tuples(st.integers(0, 0xFFFF), st.binary(max_size=200)), max_size=6), st.data())
def test_wrapper_stream_cut_anywhere(items: list[tuple[int, bytes]], data: st.DataObject) -> None:
    frames = [WrapperFrame(port, 1, apdu) for port, apdu in items]
    stream_bytes = b"".join(f.encode() for f in frames)
    cuts = sorted(data.draw(st.lists(st.integers(0, len(stream_bytes)), max_size=8)))
    stream = WrapperStream()
    got: list[WrapperFrame] = []
    previous = 0
    for cut in [*cuts, len(stream_bytes)]:
        got += stream.feed(stream_bytes[previous:cut])
        previous = cut
    assert got == frames and stream.buffered == 0


def _only_dlms_errors(call: Callable[[], Any]) -> None:
    try:
        call()
    except DLMSError:
        pass


def _link_eats(data: bytes, role: str) -> None:
    link = HdlcLink(role, client_address=16 if role == "client" else None)
    if role == "client":
        link.connect()
    link.receive_data(data)
    for _ in range(1000):
        if link.next_event() is NEED_DATA:
            break
    link.data_to_send()
    link.on_timeout()


def _mode_e_eats(data: bytes) -> None:
    client = ModeEClient()
    client.start()
    _only_dlms_errors(lambda: client.receive_data(data))
    server = ModeEServer(MeterIdentification("GRX", "5", "M"))
    server.receive_data(b"/?!\r\n")
    server.receive_data(data)


# Bytes that look a little like frames reach further into the decoders than uniform noise.
framey = st.one_of(
    st.binary(max_size=64),
    st.binary(max_size=40).map(lambda b: b"\x7e\xa0" + bytes([len(b) + 2]) + b),
    st.binary(max_size=40).map(lambda b: b"\x81\x80" + bytes([len(b)]) + b),
    st.binary(max_size=40).map(lambda b: b"\x00\x01" + b),
    st.binary(max_size=40).map(lambda b: b"/" + b + b"\r\n"),
)


@given(framey, st.integers(-2, 10))
def test_decoders_raise_only_dlms_errors(data: bytes, offset: int) -> None:
    for call in (
        lambda: decode_frame(data, offset),
        lambda: parse_frame(data),
        lambda: find_frame(data, max(offset, 0)),
        lambda: HdlcFrameStream().feed(data),
        lambda: decode_address(data, max(offset, 0)),
        lambda: decode_hdlc_parameters(data),
        lambda: decode_wrapper(data, offset),
        lambda: parse_wrapper(data),
        lambda: WrapperStream().feed(data),
        lambda: parse_identification(data),
        lambda: parse_request(data),
        lambda: parse_option_select(data),
        lambda: _link_eats(data, "client"),
        lambda: _link_eats(data, "server"),
        lambda: _mode_e_eats(data),
    ):
        _only_dlms_errors(call)


@given(st.binary(min_size=1, max_size=600), st.integers(0, 0x7F))
def test_link_delivers_any_pdu(pdu: bytes, client_sap: int) -> None:
    client = HdlcLink("client", client_address=client_sap, parameters=HdlcParameters(64, 64, 2, 2))
    server = HdlcLink("server", client_address=None)
    client.connect()
    received: list[object] = []
    sent = False
    for _ in range(100):
        data = client.data_to_send()
        server.receive_data(data)
        while (event := server.next_event()) is not NEED_DATA:
            received.append(event)
        if client.is_connected and not sent:
            client.send_pdu(pdu)
            sent = True
        client.receive_data(server.data_to_send())
        while client.next_event() is not NEED_DATA:
            pass
        if len(received) == 2:
            break
    assert len(received) == 2 and received[-1].pdu == pdu  # type: ignore[attr-defined]


def test_encode_frame_matches_hand_built() -> None:
    # Anchor for the round trips above: one frame built byte by byte from the standard.
    assert encode_frame(1, 16, 0x93) == bytes.fromhex("7E A0 07 03 21 93 0F 01 7E")
