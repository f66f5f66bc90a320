"""IEC 62056-47 WRAPPER: header codec and stream reassembly."""

from __future__ import annotations

import pytest

from gurux_dlms.errors import FrameError, LocalProtocolError
from gurux_dlms.framing import (
    WrapperFrame,
    WrapperStream,
    decode_wrapper,
    encode_wrapper,
    parse_wrapper,
    wrapper_bytes_needed,
)

AARQ = bytes.fromhex(
    "60 1D A1 09 06 07 60 85 74 05 08 01 01 BE 10 04 0E 01 00 00 00 06 5F 1F 04 00 40 1E 5D FF FF"
)
GURUX_AARQ_FRAME = bytes.fromhex("00 01 00 10 00 01 00 1F") + AARQ


def test_encode_like_gurux() -> None:
    assert encode_wrapper(16, 1, AARQ) == GURUX_AARQ_FRAME
    assert WrapperFrame(16, 1, AARQ).encode() == GURUX_AARQ_FRAME


def test_decode() -> None:
    frame, end = decode_wrapper(GURUX_AARQ_FRAME)
    assert frame == WrapperFrame(source=16, destination=1, apdu=AARQ)
    assert end == len(GURUX_AARQ_FRAME)
    assert parse_wrapper(bytearray(GURUX_AARQ_FRAME)) == frame
    frame2, end2 = decode_wrapper(memoryview(b"xx" + GURUX_AARQ_FRAME), 2)
    assert frame2 == frame and end2 == len(GURUX_AARQ_FRAME) + 2
    assert isinstance(frame2.apdu, bytes)


def test_maximum_length() -> None:
    apdu = bytes(0xFFFF)
    data = encode_wrapper(1, 2, apdu)
    assert data[6:8] == b"\xff\xff"
    assert parse_wrapper(data).apdu == apdu
    with pytest.raises(LocalProtocolError, match="too long"):
        encode_wrapper(1, 2, bytes(0x10000))
    with pytest.raises(LocalProtocolError):
        encode_wrapper(0x10000, 1, b"")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("00 02 00 30 00 01 00 02 C0 01", "version"),
        ("00 01 00 30 00 01 00 16 C0 01", "length"),  # length exceeds what is there
        ("00 01 00 30 00 01", "header"),
        ("00 01 00 30 00 01 00 01 C0 01", "length"),  # parse_wrapper: trailing bytes
    ],
)
def test_errors(data: str, message: str) -> None:
    with pytest.raises(FrameError, match=message):
        parse_wrapper(bytes.fromhex(data))


def test_bytes_needed() -> None:
    assert wrapper_bytes_needed(b"") == 8
    assert wrapper_bytes_needed(GURUX_AARQ_FRAME[:5]) == 3
    assert wrapper_bytes_needed(GURUX_AARQ_FRAME[:10]) == len(GURUX_AARQ_FRAME) - 10
    assert wrapper_bytes_needed(GURUX_AARQ_FRAME) == 0


def test_stream_arbitrary_reads() -> None:
    frames = [
        encode_wrapper(16, 1, AARQ),
        encode_wrapper(1, 16, b"\xc4\x01\xc1\x00\x11\x05"),
        encode_wrapper(1, 16, b""),
    ]
    data = b"".join(frames)
    expected = [parse_wrapper(f) for f in frames]
    assert WrapperStream().feed(data) == expected  # several frames in one read
    for cut in range(len(data) + 1):
        stream = WrapperStream()
        assert stream.feed(data[:cut]) + stream.feed(data[cut:]) == expected
        assert stream.buffered == 0
    stream = WrapperStream()
    got = []
    for i in range(len(data)):
        got += stream.feed(data[i : i + 1])
        if i < len(frames[0]) - 1:
            assert stream.bytes_needed == wrapper_bytes_needed(data[: i + 1])
    assert got == expected


def test_stream_needs_more_then_rejects_bad_version() -> None:
    stream = WrapperStream()
    assert stream.feed(GURUX_AARQ_FRAME[:20]) == []
    assert stream.buffered == 20 and stream.bytes_needed == len(GURUX_AARQ_FRAME) - 20
    with pytest.raises(FrameError, match="version"):
        WrapperStream().feed(b"\x00\x02" + GURUX_AARQ_FRAME[2:])
    assert stream.feed(GURUX_AARQ_FRAME[20:]) == [parse_wrapper(GURUX_AARQ_FRAME)]
    stream.feed(b"\x00\x01")
    stream.clear()
    assert stream.buffered == 0
