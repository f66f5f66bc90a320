"""HDLC addresses, control bytes, the frame codec, SNRM/UA parameters, builders and the stream finder."""

from __future__ import annotations

import pytest

from gurux_dlms.errors import ConfigurationError, DecodeError, FrameError, LocalProtocolError
from gurux_dlms.framing import (
    HdlcFrame,
    HdlcFrameStream,
    HdlcParameters,
    IncompleteFrameError,
    address_size,
    control_byte,
    decode_address,
    decode_frame,
    decode_hdlc_parameters,
    disc_frame,
    dm_frame,
    encode_address,
    encode_frame,
    encode_hdlc_parameters,
    find_frame,
    frame_kind,
    i_frame,
    join_server_address,
    parse_frame,
    rnr_frame,
    rr_frame,
    snrm_frame,
    split_server_address,
    ua_frame,
    ui_frame,
)
from gurux_dlms.framing.hdlc_frame import FrameKind


def h(text: str) -> bytes:
    return bytes.fromhex(text)


# ---- addresses --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "size", "wire"),
    [
        (16, 1, "21"),  # client 16
        (1, 1, "03"),
        (145, 2, "02 23"),  # logical 1, physical 17
        ((1 << 14) | 0x1234, 4, "00 02 48 69"),  # logical 1, physical 0x1234
        (0x7F, 1, "FF"),
        (0x3FFF, 2, "FE FF"),
        (0x0FFFFFFF, 4, "FE FE FE FF"),
        (1, 2, "00 03"),
        (1, 4, "00 00 00 03"),
    ],
)
def test_address_codec(value: int, size: int, wire: str) -> None:
    assert encode_address(value, size) == h(wire)
    assert decode_address(h(wire), 0) == (value, size)


def test_automatic_address_size() -> None:
    assert address_size(0x7F) == 1
    assert address_size(0x80) == 2
    assert address_size(0x3FFF) == 2
    assert address_size(0x4000) == 4
    assert encode_address(145) == h("02 23")
    assert encode_address(20480) == h("00 02 40 01")
    with pytest.raises(LocalProtocolError):
        address_size(1 << 28)


def test_address_errors() -> None:
    with pytest.raises(ConfigurationError):
        encode_address(1, 3)
    with pytest.raises(LocalProtocolError, match="does not fit"):
        encode_address(0x80, 1)
    with pytest.raises(LocalProtocolError):
        encode_address(-1, 0)
    with pytest.raises(FrameError, match="1, 2 or 4"):
        decode_address(h("02 04 07"), 0)  # 3-byte address
    with pytest.raises(FrameError, match="at most 4"):
        decode_address(h("02 04 06 08 0A"), 0)
    with pytest.raises(FrameError, match="LSB 1"):
        decode_address(h("02 04"), 0)


def test_join_and_split_server_address_like_gurux() -> None:
    assert join_server_address(1, 17) == 145
    assert join_server_address(1, 0x1000) == 20480  # physical too big for 7 bits -> <<14
    assert join_server_address(1, 17, 4) == (1 << 14) | 17
    assert join_server_address(5, 0, 1) == 5
    assert split_server_address(145) == (1, 17)
    assert split_server_address(20480) == (1, 0x1000)
    assert split_server_address(5) == (5, 0)
    assert split_server_address((1 << 14) | 17, 4) == (1, 17)
    with pytest.raises(ConfigurationError):
        join_server_address(1, 1, 1)
    with pytest.raises(ConfigurationError):
        join_server_address(0x4000, 1, 4)
    with pytest.raises(ConfigurationError):
        split_server_address(1, 3)


# ---- control bytes ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("control", "kind"),
    [
        (0x93, FrameKind.SNRM),
        (0x73, FrameKind.UA),
        (0x53, FrameKind.DISC),
        (0x1F, FrameKind.DM),
        (0x0F, FrameKind.DM),
        (0x97, FrameKind.FRMR),
        (0x87, FrameKind.FRMR),
        (0x13, FrameKind.UI),
        (0x03, FrameKind.UI),
        (0x11, FrameKind.RR),
        (0xF1, FrameKind.RR),
        (0x15, FrameKind.RNR),
        (0x19, FrameKind.REJ),
        (0x10, FrameKind.I),
        (0xFE, FrameKind.I),
        (0x23, FrameKind.UNKNOWN),
    ],
)
def test_frame_kinds(control: int, kind: FrameKind) -> None:
    assert frame_kind(control) is kind


def test_control_byte_builder() -> None:
    assert control_byte(FrameKind.I, ns=0, nr=0) == 0x10
    assert control_byte(FrameKind.I, ns=1, nr=1) == 0x32
    assert control_byte(FrameKind.I, ns=2, nr=2) == 0x54
    assert control_byte(FrameKind.I, ns=3, nr=7, pf=False) == 0xE6
    assert control_byte(FrameKind.RR, nr=4) == 0x91
    assert control_byte(FrameKind.RNR, nr=0) == 0x15
    assert control_byte(FrameKind.SNRM) == 0x93
    assert control_byte(FrameKind.DM, pf=False) == 0x0F
    assert control_byte(FrameKind.UI, pf=False) == 0x03
    with pytest.raises(LocalProtocolError):
        control_byte(FrameKind.UNKNOWN)


def test_frame_properties() -> None:
    frame = HdlcFrame(16, 1, 1, 1, 0xF6, b"x")
    assert (frame.kind, frame.ns, frame.nr, frame.pf) == (FrameKind.I, 3, 7, True)
    rr = HdlcFrame(1, 1, 16, 1, 0x51)
    assert (rr.kind, rr.ns, rr.nr, rr.pf) == (FrameKind.RR, 0, 2, True)
    ua = HdlcFrame(16, 1, 1, 1, 0x73)
    assert (ua.kind, ua.nr, ua.pf) == (FrameKind.UA, 0, True)
    assert FrameKind.RR.is_supervisory and not FrameKind.RR.is_unnumbered
    assert FrameKind.UA.is_unnumbered and not FrameKind.I.is_unnumbered


# ---- codec ---------------------------------------------------------------------------------


GURUX_FRAMES = {
    "snrm": "7E A0 07 03 21 93 0F 01 7E",
    "snrm512": "7E A0 10 03 21 93 8F 95 81 80 04 06 02 02 00 0F 4D 7E",
    "disc": "7E A0 07 03 21 53 03 C7 7E",
    "rr": "7E A0 07 03 21 91 1D 22 7E",
}


def test_builders_match_gurux() -> None:
    assert snrm_frame(1, 16) == h(GURUX_FRAMES["snrm"])
    assert snrm_frame(1, 16, HdlcParameters(max_info_rx=512)) == h(GURUX_FRAMES["snrm512"])
    assert snrm_frame(1, 16, HdlcParameters()) == h(GURUX_FRAMES["snrm"])
    assert disc_frame(1, 16) == h(GURUX_FRAMES["disc"])
    assert rr_frame(1, 16, 4) == h(GURUX_FRAMES["rr"])


def test_other_builders() -> None:
    assert parse_frame(ua_frame(16, 1)).kind is FrameKind.UA
    ua = parse_frame(ua_frame(16, 1, HdlcParameters(1024, 512, 7, 7)))
    assert ua.info == h("81 80 0E 05 02 04 00 06 02 02 00 07 01 07 08 01 07")
    assert parse_frame(dm_frame(16, 1)).control == 0x1F
    assert parse_frame(dm_frame(16, 1, final=False)).control == 0x0F
    assert parse_frame(rnr_frame(1, 16, 6)).control == 0xD5
    frame = parse_frame(i_frame(1, 16, 0, 0, b"\xe6\xe6\x00\xc0\x01", segmented=True))
    assert (frame.control, frame.segmented, frame.info) == (0x10, True, b"\xe6\xe6\x00\xc0\x01")
    assert parse_frame(ui_frame(16, 1, b"\xe6\xe7\x00\x0f")).control == 0x13
    with pytest.raises(LocalProtocolError):
        i_frame(1, 16, 0, 0, b"")


def test_decode_known_frame() -> None:
    data = h("7E A0 19 03 FF 10 54 1F E6 E6 00 C0 01 89 00 07 00 00 63 62 00 FF 02 00 3B C5 7E")
    frame, end = decode_frame(data)
    assert end == len(data)
    assert (frame.dest, frame.dest_size, frame.src, frame.src_size) == (1, 1, 0x7F, 1)
    assert frame.control == 0x10 and not frame.segmented
    assert frame.info == h("E6 E6 00 C0 01 89 00 07 00 00 63 62 00 FF 02 00")
    assert isinstance(frame.info, bytes)
    assert frame.encode() == data


def test_decode_at_offset_and_from_other_buffers() -> None:
    data = h(GURUX_FRAMES["rr"]) + h(GURUX_FRAMES["snrm512"])
    first, end = decode_frame(data)
    second, end2 = decode_frame(bytearray(data), end)
    assert first.kind is FrameKind.RR and second.kind is FrameKind.SNRM
    assert end2 == len(data)
    third, _ = decode_frame(memoryview(data), end)
    assert third == second and isinstance(third.info, bytes)


def test_long_frame_over_255_bytes() -> None:
    info = bytes(range(256)) * 4  # 1024 bytes: Gurux fails above 255
    data = encode_frame(16, 1, 0x30, info)
    assert (data[1] & 0x07, data[2]) == ((len(data) - 2) >> 8, (len(data) - 2) & 0xFF)
    frame = parse_frame(data)
    assert frame.info == info
    with pytest.raises(LocalProtocolError, match="too long"):
        encode_frame(16, 1, 0x30, bytes(2048))


def test_segmentation_bit() -> None:
    data = encode_frame(16, 1, 0x30, b"abc", segmented=True)
    assert data[1] == 0xA8
    assert parse_frame(data).segmented


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("7E A0 19 03 FF 10 54 1F E6 E6 00 C0 01 C1 00 03 01 00 0E 07 00 FF 02 00 47 C0 7E", "FCS"),
        ("7E A0 19 03 FF 10 0E 1F E6 E6 00 C0 01 C1 00 03 01 00 0E 07 00 FF 02 00 47 3F 7E", "HCS"),
        ("7E A0 19 03 FF 10 54 1F E6 E6 00 C0 01 C1 00 03 01 00 0E 07 00 FF 02 00 47 3F 00", "closing flag"),
        ("00 A0 07 03 21 93 0F 01 7E", "opening flag"),
        ("7E B0 07 03 21 93 0F 01 7E", "format"),
        ("7E A0 05 03 21 93 7E", "length"),
        ("7E A0 09 03 21 93 00 00 0F 01 7E", "HCS"),
        ("7E A0 08 03 21 93 00 0F 01 7E", "room for the HCS"),
        ("7E A0 07 02 04 93 0F 01 7E", "address"),
    ],
)
def test_decode_errors_say_what_and_where(data: str, message: str) -> None:
    with pytest.raises(FrameError, match=message) as info:
        parse_frame(h(data))
    assert not isinstance(info.value, IncompleteFrameError)
    assert info.value.where is not None


def test_incomplete_frame() -> None:
    data = h(GURUX_FRAMES["snrm512"])
    for cut in range(len(data)):
        with pytest.raises(IncompleteFrameError) as info:
            decode_frame(data[:cut])
        assert info.value.needed >= 1
    with pytest.raises(FrameError):
        decode_frame(data, -1)


def test_parse_frame_rejects_trailing_bytes() -> None:
    with pytest.raises(FrameError, match="length field"):
        parse_frame(h(GURUX_FRAMES["rr"]) + b"\x00")


def test_error_messages_are_specific() -> None:
    bad = bytearray(h(GURUX_FRAMES["snrm512"]))
    bad[-2] ^= 0xFF
    with pytest.raises(FrameError) as info:
        parse_frame(bytes(bad))
    text = str(info.value)
    assert "FCS" in text and "expected" in text and "found" in text and "offset 15" in text


# ---- SNRM/UA parameters ---------------------------------------------------------------------


def test_parameters_codec() -> None:
    assert encode_hdlc_parameters(HdlcParameters()) == b""
    assert encode_hdlc_parameters(HdlcParameters(max_info_rx=512)) == h("81 80 04 06 02 02 00")
    full = encode_hdlc_parameters(HdlcParameters(200, 1024, 3, 1), only_non_default=False, window_bytes=1)
    assert full == h("81 80 0D 05 01 C8 06 02 04 00 07 01 03 08 01 01")
    assert decode_hdlc_parameters(full) == HdlcParameters(200, 1024, 3, 1)
    assert decode_hdlc_parameters(b"") == HdlcParameters()
    assert decode_hdlc_parameters(h("81 80 03 06 01 40")) == HdlcParameters(max_info_rx=64)
    # Unknown parameter ids are skipped.
    assert decode_hdlc_parameters(h("81 80 06 09 01 05 05 01 40")) == HdlcParameters(max_info_tx=64)


def test_parameters_negotiation() -> None:
    ours = HdlcParameters(max_info_tx=512, max_info_rx=1024, window_tx=7, window_rx=3)
    # The peer's own view: what it transmits is what we receive.
    peer = HdlcParameters(max_info_tx=256, max_info_rx=2030, window_tx=1, window_rx=7)
    assert ours.negotiate(peer) == HdlcParameters(512, 256, 7, 1)
    assert peer.peer_view() == HdlcParameters(2030, 256, 7, 1)


@pytest.mark.parametrize(
    "field",
    [
        "82 80 00",
        "81 81 00",
        "81 80",
        "81 80 05 05 01 80",
        "81 80 03 05 05 01",
        "81 80 03 05 00 01",
        "81 80 01 05",
        "81 80 03 07 01 00",  # window 0
        "81 80 03 07 01 08",  # window 8
    ],
)
def test_parameters_decode_errors(field: str) -> None:
    with pytest.raises(DecodeError):
        decode_hdlc_parameters(h(field))


def test_parameters_validation() -> None:
    with pytest.raises(ConfigurationError):
        HdlcParameters(max_info_tx=0)
    with pytest.raises(ConfigurationError):
        HdlcParameters(window_rx=8)
    with pytest.raises(ConfigurationError):
        encode_hdlc_parameters(HdlcParameters(), window_bytes=3)


# ---- stream finder ------------------------------------------------------------------------------


def _frames() -> list[bytes]:
    return [
        h(GURUX_FRAMES["snrm512"]),
        encode_frame(16, 1, 0x30, b"\xe6\xe7\x00" + bytes([0x7E]) * 40),  # 7E inside data
        h(GURUX_FRAMES["rr"]),
        encode_frame(16, (1 << 14) | 0x1234, 0x52, bytes(range(256)) * 3),
        h(GURUX_FRAMES["disc"]),
    ]


def test_stream_whole_and_byte_by_byte() -> None:
    frames = _frames()
    stream_bytes = b"".join(frames)
    expected = [parse_frame(f) for f in frames]
    assert HdlcFrameStream().feed(stream_bytes) == expected
    stream = HdlcFrameStream()
    got = []
    for i in range(len(stream_bytes)):
        got += stream.feed(stream_bytes[i : i + 1])
    assert got == expected
    assert stream.discarded == 0


def test_stream_skips_junk_bad_checksums_and_stray_flags() -> None:
    frames = _frames()
    bad = bytearray(frames[1])
    bad[-3] ^= 0x55
    bad_hcs = bytearray(frames[3])
    bad_hcs[6] ^= 0x01
    junk = [
        b"\x00\x11\x7e",
        b"\x7e",
        bytes(bad),
        b"\x7e\xa0\x07\x00",
        bytes(bad_hcs),
        b"\x7e\x7e\x7e",
        b"noise",
    ]
    parts = []
    for frame, noise in zip(frames, junk, strict=False):
        parts += [noise, frame]
    stream_bytes = b"".join(parts)
    expected = [parse_frame(f) for f in frames]
    stream = HdlcFrameStream()
    assert stream.feed(stream_bytes) == expected
    assert stream.discarded > 0
    for cut in range(len(stream_bytes) + 1):
        stream = HdlcFrameStream()
        assert stream.feed(stream_bytes[:cut]) + stream.feed(stream_bytes[cut:]) == expected, cut


def test_shared_flag_between_frames() -> None:
    a, b = h(GURUX_FRAMES["rr"]), h(GURUX_FRAMES["disc"])
    shared = a + b[1:]  # one 7E closes the first frame and opens the second
    assert HdlcFrameStream().feed(shared) == [parse_frame(a), parse_frame(b)]


def test_find_frame_need_more() -> None:
    data = h(GURUX_FRAMES["snrm512"])
    assert find_frame(b"\x00\x01" + data[:10]) == (None, 2)
    assert find_frame(b"\x00\x01\x02") == (None, 3)
    frame, end = find_frame(b"\x00" + data)
    assert frame is not None and end == len(data) + 1


def test_junk_with_a_long_length_does_not_stall() -> None:
    # A 7E followed by a format byte claiming 2000 bytes, then a real frame:
    # the junk's HCS fails as soon as it has arrived, so the real frame comes out at once.
    frame = h(GURUX_FRAMES["snrm512"])
    stream = HdlcFrameStream()
    assert stream.feed(b"\x7e\xa7\xd0\x03\x21\x10\x00\x00" + frame) == [parse_frame(frame)]
    assert stream.buffered <= 1
