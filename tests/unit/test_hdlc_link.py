"""HdlcLink: paired client and server links talking in memory (h11-style tests)."""

from __future__ import annotations

import os
from collections.abc import Callable

import pytest

from gurux_dlms.errors import ConfigurationError, LocalProtocolError
from gurux_dlms.framing import (
    DEFAULT_PARAMETERS,
    NEED_DATA,
    Connected,
    ConnectRequested,
    Disconnected,
    DisconnectRequested,
    FrameRejected,
    HdlcFrame,
    HdlcFrameStream,
    HdlcLink,
    HdlcParameters,
    LinkFailed,
    LinkState,
    PduReceived,
    encode_frame,
    parse_frame,
    ua_frame,
)
from gurux_dlms.framing.hdlc_frame import FrameKind

Drop = Callable[[HdlcFrame], bool]
SERVER_PARAMETERS = HdlcParameters(2030, 2030, 7, 7)


def frames_of(data: bytes) -> list[HdlcFrame]:
    return HdlcFrameStream().feed(data)


def events_of(link: HdlcLink) -> list[object]:
    events = []
    while (event := link.next_event()) is not NEED_DATA:
        events.append(event)
    return events


class Pair:
    """A client and a server link wired together, with a log of every frame on the wire."""

    def __init__(
        self,
        client_params: HdlcParameters = DEFAULT_PARAMETERS,
        server_params: HdlcParameters = SERVER_PARAMETERS,
        server_address: int = 1,
        server_address_size: int = 0,
    ) -> None:
        self.client = HdlcLink(
            "client",
            client_address=16,
            server_address=server_address,
            server_address_size=server_address_size,
            parameters=client_params,
        )
        self.server = HdlcLink(
            "server",
            client_address=None,
            server_address=server_address,
            server_address_size=server_address_size,
            parameters=server_params,
        )
        self.wire: list[tuple[str, HdlcFrame]] = []
        self.client_events: list[object] = []
        self.server_events: list[object] = []

    def step(self, drop: Drop | None = None) -> bool:
        """Move queued bytes once in each direction; return whether anything moved."""
        moved = False
        for name, src, dst, sink in (
            ("c>s", self.client, self.server, self.server_events),
            ("s>c", self.server, self.client, self.client_events),
        ):
            data = src.data_to_send()
            if not data:
                continue
            moved = True
            for frame in frames_of(data):
                self.wire.append((name, frame))
                if drop is not None and drop(frame):
                    continue
                dst.receive_data(frame.encode())
                sink.extend(events_of(dst))
        return moved

    def run(self, drop: Drop | None = None, limit: int = 200) -> None:
        for _ in range(limit):
            if not self.step(drop):
                return
        raise AssertionError("the links never went quiet")

    def connect(self) -> None:
        self.client.connect()
        self.run()
        assert isinstance(self.client_events[-1], Connected)

    def controls(self, direction: str) -> list[int]:
        return [f.control for name, f in self.wire if name == direction]


def test_connect_with_non_default_parameters() -> None:
    pair = Pair(client_params=HdlcParameters(max_info_tx=512, max_info_rx=256, window_tx=3, window_rx=2))
    pair.client.connect()
    snrm = parse_frame(pair.client.data_to_send())
    assert snrm.kind is FrameKind.SNRM and snrm.dest == 1 and snrm.src == 16
    assert snrm.info == bytes.fromhex("81 80 14 05 02 02 00 06 02 01 00 07 04 00 00 00 03 08 04 00 00 00 02")
    pair.server.receive_data(snrm.encode())
    [request] = events_of(pair.server)
    assert request == ConnectRequested(HdlcParameters(256, 512, 2, 3), 16)
    ua = parse_frame(pair.server.data_to_send())
    assert ua.kind is FrameKind.UA and ua.dest == 16 and ua.src == 1
    pair.client.receive_data(ua.encode())
    assert events_of(pair.client) == [Connected(HdlcParameters(512, 256, 3, 2))]
    assert pair.client.is_connected and pair.server.is_connected
    assert pair.client.params == pair.server.params.peer_view()


def test_client_takes_the_smaller_of_proposal_and_answer() -> None:
    client = HdlcLink("client", parameters=HdlcParameters(1024, 1024, 7, 7))
    client.connect()
    client.data_to_send()
    # The server's view: it transmits 256 (our RX), receives 512 (our TX), windows 2 and 1.
    client.receive_data(ua_frame(16, 1, HdlcParameters(256, 512, 2, 1)))
    assert events_of(client) == [Connected(HdlcParameters(512, 256, 1, 2))]
    client2 = HdlcLink("client")
    client2.connect()
    client2.receive_data(ua_frame(16, 1))  # no parameters: the defaults
    assert events_of(client2) == [Connected(HdlcParameters())]


@pytest.mark.parametrize("window", [1, 3])
def test_1000_byte_pdu_both_ways(window: int) -> None:
    params = HdlcParameters(128, 128, window, window)
    pair = Pair(client_params=params, server_params=params)
    pair.connect()
    request, response = os.urandom(1000), os.urandom(1000)
    pair.client.send_pdu(request)
    pair.run()
    assert pair.server_events[-1] == PduReceived(request)
    pair.server.send_pdu(response)
    pair.run()
    assert pair.client_events[-1] == PduReceived(response)

    i_frames = [(d, f) for d, f in pair.wire if f.kind is FrameKind.I]
    for direction, llc in (("c>s", b"\xe6\xe6\x00"), ("s>c", b"\xe6\xe7\x00")):
        frames = [f for d, f in i_frames if d == direction]
        assert len(frames) == 8  # 1003 bytes with the LLC, 128 per frame
        assert frames[0].info.startswith(llc)
        assert all(len(f.info) == 128 for f in frames[:-1]) and len(frames[-1].info) == 1003 - 7 * 128
        assert [f.segmented for f in frames] == [True] * 7 + [False]
        assert [f.ns for f in frames] == [0, 1, 2, 3, 4, 5, 6, 7]
        # The P/F bit closes each window (and the PDU).
        assert [f.pf for f in frames] == [(i + 1) % window == 0 or i == 7 for i in range(8)]
    # One RR per window from the receiver, none after the last frame of a PDU.
    rr_from_server = [f for d, f in pair.wire if d == "s>c" and f.kind is FrameKind.RR]
    assert len(rr_from_server) == len(range(window, 8, window)) if window > 1 else len(rr_from_server) == 7
    # The window is respected: never more unacknowledged frames than the window on the wire.
    outstanding = 0
    for direction, frame in pair.wire:
        if direction == "c>s" and frame.kind is FrameKind.I:
            outstanding += 1
            assert outstanding <= window
        elif direction == "s>c":
            outstanding = 0


def test_window_1_releases_the_next_segment_only_after_rr() -> None:
    pair = Pair()
    pair.connect()
    pair.client.send_pdu(bytes(300))
    first = frames_of(pair.client.data_to_send())
    assert [f.control for f in first] == [0x10] and first[0].segmented
    assert pair.client.data_to_send() == b""  # nothing more until the RR
    pair.server.receive_data(first[0].encode())
    assert events_of(pair.server) == []
    [rr] = frames_of(pair.server.data_to_send())
    assert (rr.kind, rr.nr, rr.control) == (FrameKind.RR, 1, 0x31)
    pair.client.receive_data(rr.encode())
    assert events_of(pair.client) == []
    [second] = frames_of(pair.client.data_to_send())
    assert second.control == 0x12 and second.segmented


def test_sequence_numbers_count_like_gurux() -> None:
    pair = Pair()
    pair.connect()
    for i in range(10):
        pair.client.send_pdu(bytes([0xC0, 0x01, i]))
        pair.run()
        pair.server.send_pdu(bytes([0xC4, 0x01, i]))
        pair.run()
        assert pair.client_events[-1] == PduReceived(bytes([0xC4, 0x01, i]))
    assert pair.controls("c>s")[1:6] == [0x10, 0x32, 0x54, 0x76, 0x98]
    assert pair.controls("c>s")[8:11] == [0xFE, 0x10, 0x32]  # mod 8 wrap
    assert pair.controls("s>c")[1:4] == [0x30, 0x52, 0x74]


def test_disconnect() -> None:
    pair = Pair()
    pair.connect()
    pair.client.disconnect()
    disc = parse_frame(pair.client.data_to_send())
    assert disc.encode() == bytes.fromhex("7E A0 07 03 21 53 03 C7 7E")
    pair.server.receive_data(disc.encode())
    assert events_of(pair.server) == [DisconnectRequested()]
    assert pair.server.state is LinkState.DISCONNECTED
    pair.client.receive_data(pair.server.data_to_send())
    assert events_of(pair.client) == [Disconnected("ua")]
    assert pair.client.state is LinkState.DISCONNECTED
    with pytest.raises(LocalProtocolError):
        pair.client.send_pdu(b"\xc0")


def test_dm_from_a_server_that_is_not_connected() -> None:
    pair = Pair()
    pair.connect()
    pair.server.disconnect()  # e.g. the meter restarted
    assert pair.server.data_to_send() == b""
    pair.client.send_pdu(b"\xc0\x01\xc1")
    pair.run()
    assert ("s>c", FrameKind.DM) in [(d, f.kind) for d, f in pair.wire]
    assert pair.client_events[-1] == Disconnected("dm")
    assert pair.client.state is LinkState.DISCONNECTED
    # A DISC to a disconnected server is answered with DM too.
    pair.client.disconnect()
    pair.run()
    assert pair.controls("s>c")[-1] == 0x1F


def test_dm_answer_to_snrm() -> None:
    client = HdlcLink("client")
    client.connect()
    client.receive_data(encode_frame(16, 1, 0x1F))
    assert events_of(client) == [Disconnected("dm")]
    assert client.state is LinkState.DISCONNECTED


def test_lost_segment_recovered_by_on_timeout() -> None:
    pair = Pair()
    pair.connect()
    pdu = os.urandom(500)
    pair.client.send_pdu(pdu)
    dropped: list[int] = []

    def drop_second_segment_once(frame: HdlcFrame) -> bool:
        if frame.kind is FrameKind.I and frame.ns == 1 and not dropped:
            dropped.append(frame.control)
            return True
        return False

    pair.run(drop_second_segment_once)
    assert dropped and not pair.server_events[1:]
    assert pair.client.on_timeout() is None
    pair.run()
    assert pair.server_events[-1] == PduReceived(pdu)
    sent = [f.control for d, f in pair.wire if d == "c>s" and f.kind is FrameKind.I]
    assert sent.count(dropped[0]) == 2  # resent once


def test_lost_response_recovered_by_resending_the_request() -> None:
    pair = Pair()
    pair.connect()
    pair.client.send_pdu(b"\xc0\x01\xc1")
    pair.run()
    pair.server.send_pdu(b"\xc4\x01\xc1\x00\x11\x05")
    pair.run(drop=lambda f: f.kind is FrameKind.I)  # the response is lost
    assert not any(isinstance(e, PduReceived) for e in pair.client_events)
    # Only the response acknowledges the request, so the request is resent as it was.
    assert pair.client.on_timeout() is None
    resent = parse_frame(pair.client.data_to_send())
    assert (resent.kind, resent.control) == (FrameKind.I, 0x10)
    pair.server.receive_data(resent.encode())
    assert events_of(pair.server) == []  # a duplicate: not delivered again
    answer = parse_frame(pair.server.data_to_send())
    assert answer.control == 0x30  # the lost response, resent
    pair.client.receive_data(answer.encode())
    assert events_of(pair.client) == [PduReceived(b"\xc4\x01\xc1\x00\x11\x05")]


def test_lost_request_then_duplicate_is_not_delivered_twice() -> None:
    pair = Pair()
    pair.connect()
    pair.client.send_pdu(b"\xc0\x01\xc1")
    pair.run()
    assert pair.server_events[-1] == PduReceived(b"\xc0\x01\xc1")
    # The server's answer is lost, the client resends the request: the server resends its answer.
    pair.server.send_pdu(b"\xc4\x01\xc1\x00")
    pair.run(drop=lambda f: f.kind is FrameKind.I and f.dest == 16)
    pair.client.on_timeout()
    pair.run()
    assert pair.server_events.count(PduReceived(b"\xc0\x01\xc1")) == 1
    assert pair.client_events[-1] == PduReceived(b"\xc4\x01\xc1\x00")


def test_lost_rr_recovered() -> None:
    pair = Pair()
    pair.connect()
    pair.client.send_pdu(b"\xc0\x01\xc1")
    pair.run()
    response = os.urandom(400)
    pair.server.send_pdu(response)
    lost: list[int] = []

    def drop_first_rr(frame: HdlcFrame) -> bool:
        if frame.kind is FrameKind.RR and not lost:
            lost.append(frame.control)
            return True
        return False

    pair.run(drop_first_rr)
    assert lost and not isinstance(pair.client_events[-1], PduReceived)
    pair.client.on_timeout()
    assert parse_frame(pair.client.data_to_send()) == parse_frame(pair.wire[-1][1].encode())  # the RR again
    pair.client.on_timeout()
    pair.run()
    assert pair.client_events[-1] == PduReceived(response)


def test_timeout_gives_up_after_max_retries() -> None:
    client = HdlcLink("client", max_retries=2)
    client.connect()
    snrm = client.data_to_send()
    assert client.on_timeout() is None and client.data_to_send() == snrm
    assert client.on_timeout() is None and client.data_to_send() == snrm
    failed = client.on_timeout()
    assert isinstance(failed, LinkFailed) and "2 retries" in failed.reason
    assert client.state is LinkState.DISCONNECTED and client.data_to_send() == b""
    assert client.on_timeout() is None
    client.connect()  # a new attempt is allowed


def test_timeout_with_nothing_outstanding_does_nothing() -> None:
    pair = Pair()
    pair.connect()
    assert pair.client.on_timeout() is None
    assert pair.client.data_to_send() == b""
    assert pair.server.on_timeout() is None


def test_echo_is_ignored() -> None:
    pair = Pair()
    pair.connect()
    pair.client.send_pdu(b"\xc0\x01\xc1")
    request = pair.client.data_to_send()
    pair.server.receive_data(request)
    assert events_of(pair.server) == [PduReceived(b"\xc0\x01\xc1")]
    pair.server.send_pdu(b"\xc4\x01\xc1\x00")
    # The optical head echoes our own request before the meter's answer arrives.
    pair.client.receive_data(request + pair.server.data_to_send())
    assert events_of(pair.client) == [PduReceived(b"\xc4\x01\xc1\x00")]
    # Frames for another client are dropped as well.
    pair.client.receive_data(encode_frame(17, 1, 0x10, b"\xe6\xe7\x00\xc4"))
    assert events_of(pair.client) == []


def test_frmr() -> None:
    pair = Pair()
    pair.connect()
    pair.client.receive_data(encode_frame(16, 1, 0x97, b"\x10\x00\x01"))
    assert events_of(pair.client) == [FrameRejected(b"\x10\x00\x01")]


def test_ui_frame_is_delivered_unnumbered() -> None:
    client = HdlcLink("client")
    client.receive_data(encode_frame(16, 1, 0x13, b"\xe6\xe7\x00\x0f\x00\x00\x00\x01"))
    assert events_of(client) == [PduReceived(b"\x0f\x00\x00\x00\x01", unnumbered=True)]


def test_server_answers_rr_poll_and_dm_when_disconnected() -> None:
    pair = Pair()
    pair.connect()
    pair.client.receive_data(b"")
    pair.server.receive_data(encode_frame(1, 16, 0x11))
    assert events_of(pair.server) == []
    assert parse_frame(pair.server.data_to_send()).control == 0x11
    server = HdlcLink("server")
    server.receive_data(encode_frame(1, 16, 0x10, b"\xe6\xe6\x00\xc0"))
    assert events_of(server) == []
    assert parse_frame(server.data_to_send()).kind is FrameKind.DM


def test_server_with_fixed_client_ignores_others() -> None:
    server = HdlcLink("server", client_address=16)
    server.receive_data(encode_frame(1, 17, 0x93))
    assert events_of(server) == [] and server.data_to_send() == b""
    server.receive_data(encode_frame(1, 16, 0x93))
    assert isinstance(events_of(server)[0], ConnectRequested)


def test_multi_byte_server_address() -> None:
    pair = Pair(server_address=(1 << 14) | 0x1234, server_address_size=4)
    pair.connect()
    assert pair.wire[0][1].encode()[3:7] == bytes.fromhex("00 02 48 69")
    pair.client.send_pdu(b"\xc0\x01\xc1")
    pair.run()
    assert pair.server_events[-1] == PduReceived(b"\xc0\x01\xc1")


def test_illegal_calls_and_settings() -> None:
    client = HdlcLink("client")
    with pytest.raises(LocalProtocolError):
        client.send_pdu(b"\xc0")
    client.connect()
    with pytest.raises(LocalProtocolError):
        client.connect()
    with pytest.raises(LocalProtocolError):
        HdlcLink("server").connect()
    with pytest.raises(ConfigurationError):
        HdlcLink("client", parameters=HdlcParameters(max_info_tx=4096))
    with pytest.raises(ConfigurationError):
        HdlcLink("client", client_address=None)
    with pytest.raises(ConfigurationError):
        HdlcLink("client", server_address=1, server_address_size=3)
    with pytest.raises(ValueError):
        HdlcLink("primary")
    pair = Pair()
    pair.connect()
    with pytest.raises(LocalProtocolError):
        pair.client.send_pdu(b"")


def test_byte_by_byte_delivery() -> None:
    pair = Pair()
    pair.connect()
    pdu = os.urandom(300)
    pair.server.send_pdu(pdu)
    received: list[object] = []
    for _ in range(10):
        data = pair.server.data_to_send()
        if not data:
            break
        for i in range(len(data)):
            pair.client.receive_data(data[i : i + 1])
            received += events_of(pair.client)
        pair.server.receive_data(pair.client.data_to_send())
        assert events_of(pair.server) == []
    assert received == [PduReceived(pdu)]
