"""Run the benchmark workloads of benchmarks/data/README.md and check their results.

    python benchmarks/run.py              # every workload, median of 7 runs
    python benchmarks/run.py W1 W2 -n 11  # some of them, 11 runs each

One line per workload: name, median seconds, throughput, and whether the result matched
benchmarks/data/expected.json.  Each workload's operation is timed alone (loading the
file and checking the result are not timed); the garbage collector stays on, as in real use.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
DATA = HERE / "data"
EXPECTED: dict[str, Any] = json.loads((DATA / "expected.json").read_text())


def lines(name: str) -> list[bytes]:
    """The items of a workload file, as bytes."""
    return [bytes.fromhex(line) for line in (DATA / name).read_text().split()]


@dataclass
class Workload:
    """A named operation over prepared input, with a check of its result."""

    name: str
    unit: str
    size: int  # items (or bytes) per run, for the throughput column
    run: Callable[[], Any]
    check: Callable[[Any], str | None]  # None when the result is right, else what is wrong


WORKLOADS: dict[str, Callable[[], Workload]] = {}


def workload(name: str) -> Callable[[Callable[[], Workload]], Callable[[], Workload]]:
    def register(factory: Callable[[], Workload]) -> Callable[[], Workload]:
        WORKLOADS[name] = factory
        return factory

    return register


def measure(job: Workload, runs: int) -> tuple[float, float, Any]:
    """Median and best wall time of ``runs`` runs, and the last result.

    The median is the figure the targets are stated in.  The best run is shown beside it
    because on a shared machine other tenants can slow a whole series of runs down: a best
    run far below the median says the series was disturbed, not that the code got slower.
    """
    times = []
    result = None
    for _ in range(runs):
        start = time.perf_counter()
        result = job.run()
        times.append(time.perf_counter() - start)
    return statistics.median(times), min(times), result


def _check_w1_rows(rows: Any) -> str | None:
    """Compare decoded profile rows (typed date-times in column 1) with expected.json's W1."""
    expected = EXPECTED["W1"]
    if len(rows) != expected["rows"]:
        return f"rows {len(rows)} != {expected['rows']}"
    sums = [0, 0, 0, 0]
    epoch_sum = 0
    digest = hashlib.sha256()
    import calendar

    for row in rows:
        stamp = row[0]
        y, mo, d, _, h, mi, s = stamp.raw[:7]
        epoch_sum += calendar.timegm((y, mo, d, h, mi, s))
        if stamp.value is None or stamp.value.year != y:
            return "date-time value not built"
        for index in range(4):
            sums[index] += row[index + 1]
        digest.update(f"{y:04d}-{mo:02d}-{d:02d}T{h:02d}:{mi:02d}:{s:02d}|{row[1]}|{row[2]}|{row[3]}|{row[4]}\n".encode())
    wanted = [expected["sum_col2_u32"], expected["sum_col3_u32"], expected["sum_col4_i16"], expected["sum_col5_u8"]]
    if sums != wanted:
        return f"column sums {sums} != {wanted}"
    if epoch_sum != expected["sum_ts_wallclock_epoch"]:
        return "timestamp sum differs"
    if digest.hexdigest() != expected["canonical_rows_sha256"]:
        return "canonical rows sha256 differs"
    return None


@workload("W1")
def w1() -> Workload:
    """profile.hex: one GetResponse-Normal with 10,000 rows, typed (date-times as GXDateTime)."""
    from gurux_dlms.data import DataType, decode_table
    from gurux_dlms.errors import DecodeError

    pdu = lines("profile.hex")[0]

    def run() -> Any:
        if pdu[:2] != b"\xc4\x01" or pdu[3] != 0:
            raise DecodeError("GetResponse-Normal with data", found=pdu[:4].hex())
        rows, _ = decode_table(pdu, 4, {0: DataType.DATETIME})
        return rows

    return Workload("W1 profile 10k rows, typed", "rows", 10_000, run, _check_w1_rows)


def _w2_check(result: Any) -> str | None:
    """Compare W2's frame counts and decoded values with expected.json."""
    expected = EXPECTED["W2"]
    counts, found = result
    if (counts["get"], counts["set"], counts["rr"]) != (
            expected["i_frames_get_response"], expected["i_frames_set_response"], expected["rr_frames"]):
        return f"frame counts {counts}"
    total = ints = octets = octet_bytes = 0
    stack = list(found)
    while stack:
        value = stack.pop()
        if isinstance(value, list):
            stack.extend(value)
        elif isinstance(value, (bytes, bytearray)):
            octets += 1
            octet_bytes += len(value)
        elif isinstance(value, int):
            total += int(value)
            ints += 1
    if (total, ints, octets, octet_bytes) != (expected["int_sum"], expected["int_values"],
                                              expected["octet_strings"], expected["octet_string_bytes"]):
        return f"values {total} {ints} {octets} {octet_bytes}"
    return None


@workload("W1-datetimes")
def w1_datetimes() -> Workload:
    """W1 again, and every row's date-time turned into a ``datetime`` inside the timing.

    W1's GXDateTime values read their wire fields when first asked for; this workload asks
    for all of them, for those who count building the datetime objects as part of decoding.
    """
    base = w1()

    def run() -> Any:
        rows = base.run()
        for row in rows:
            row[0].value  # noqa: B018 - building the datetime is the point
        return rows

    return Workload("W1 + every datetime built", "rows", 10_000, run, _check_w1_rows)


@workload("W2")
def w2() -> Workload:
    """frames.hex: 20,000 HDLC frames, HCS/FCS checked, each I-frame's value decoded (issue 2's definition).

    The GetResponse-Normal header (tag C4, choice 01, result 00 after the LLC) is checked and the
    Data after it decoded; W2-apdu below decodes every APDU into its object instead.
    """
    from gurux_dlms.data.codec import decode_value
    from gurux_dlms.errors import DecodeError
    from gurux_dlms.framing.hdlc import decode_frame

    frames = lines("frames.hex")

    def run() -> Any:
        gets = sets = rrs = 0
        found = []
        append = found.append
        for raw in frames:
            frame, _ = decode_frame(raw)
            info = frame.info
            if not info:
                rrs += 1
            elif info[3] == 0xC4 and info[4] == 1 and info[6] == 0:
                gets += 1
                append(decode_value(info, 7)[0])
            elif info[3] == 0xC5 and info[4] == 1:
                sets += 1
            else:
                raise DecodeError("W2 frame", expected="a GET or SET response", found=info[3:6].hex())
        return {"get": gets, "set": sets, "rr": rrs}, found

    return Workload("W2 20k HDLC frames + values", "frames", 20_000, run, _w2_check)


@workload("W2-apdu")
def w2_apdu() -> Workload:
    """frames.hex again, every I-frame's APDU decoded into its typed object (what a session does)."""
    from gurux_dlms.apdu.base import decode_apdu
    from gurux_dlms.framing.hdlc import decode_frame

    frames = lines("frames.hex")

    def run() -> Any:
        counts = {"get": 0, "set": 0, "rr": 0}
        found = []
        append = found.append
        for raw in frames:
            frame, _ = decode_frame(raw)
            info = frame.info
            if not info:
                counts["rr"] += 1
                continue
            apdu = decode_apdu(info[3:])  # after the LLC header
            if apdu.TAG == 0xC4:
                counts["get"] += 1
                append(apdu.value)
            else:
                counts["set"] += 1
        return counts, found

    return Workload("W2-apdu 20k HDLC frames + APDU objects", "frames", 20_000, run, _w2_check)


def _profile_for_w1(client: Any) -> Any:
    """The profile generic whose capture objects describe W1's five columns (clock first)."""
    from gurux_dlms.cosem.classes.clock import GXDLMSClock
    from gurux_dlms.cosem.classes.data import GXDLMSData
    from gurux_dlms.cosem.classes.profile_generic import GXDLMSProfileGeneric
    from gurux_dlms.cosem.classes.register import GXDLMSRegister

    profile = GXDLMSProfileGeneric("1.0.99.1.0.255")
    profile.addCaptureObject(GXDLMSClock(), 2)
    for ln in ("1.0.1.8.0.255", "1.0.2.8.0.255", "1.0.3.7.0.255"):
        profile.addCaptureObject(GXDLMSRegister(ln), 2)
    profile.addCaptureObject(GXDLMSData("0.0.96.10.1.255"), 2)
    return profile


@workload("W1b")
def w1b() -> Workload:
    """profile_frames.hex: 2,725 HDLC frames through GXDLMSClient.getData/receiverReady into a profile buffer."""
    from gurux_dlms.facade.client import GXDLMSClient
    from gurux_dlms.facade.reply import GXReplyData
    from gurux_dlms.framing.hdlc_params import ua_frame

    frames = lines("profile_frames.hex")

    def run() -> Any:
        client = GXDLMSClient()
        client.snrmRequest()
        reply = GXReplyData()
        client.getData(ua_frame(16, 1), reply)  # the link is up, as after a real SNRM/UA
        profile = _profile_for_w1(client)
        client.read(profile, 2)
        reply.clear()
        get_data = client.getData
        ready = client.receiverReady
        for frame in frames:
            get_data(frame, reply)
            if reply.isMoreData():
                ready(reply)  # the RR or GetRequest-Next a real client sends
        client.updateValue(profile, 2, reply.value)
        return profile.buffer

    return Workload("W1b 2,725 HDLC frames -> profile", "rows", 10_000, run, _check_w1_rows)


@workload("W4")
def w4() -> Workload:
    """assoc.hex: GXDLMSClient.parseObjects of a 2,000-object association view."""
    from gurux_dlms.facade.client import GXDLMSClient

    pdu = lines("assoc.hex")[0]
    expected = EXPECTED["W4"]

    def run() -> Any:
        return GXDLMSClient().parseObjects(pdu[4:])

    def check(objects: Any) -> str | None:
        names = "\n".join(obj.logicalName for obj in objects)
        got = {
            "objects": len(objects),
            "sum_class_id": sum(int(obj.objectType) for obj in objects),
            "sum_version": sum(obj.version for obj in objects),
            "attribute_access_items": sum(len(obj._access) for obj in objects),
            "method_access_items": sum(len(obj._method_access) for obj in objects),
            "logical_names_in_order_sha256": hashlib.sha256(names.encode()).hexdigest(),
        }
        wrong = {k: v for k, v in got.items() if v != expected[k]}
        return f"differs: {wrong}" if wrong else None

    return Workload("W4 parseObjects 2,000 objects", "objects", 2_000, run, check)


@workload("W3-to-xml")
def w3_to_xml() -> Workload:
    """pdus.hex: GXDLMSTranslator.pduToXml of 5,000 mixed PDUs (SIMPLE_XML, Gurux's defaults)."""
    from gurux_dlms.translator import GXDLMSTranslator

    pdus = lines("pdus.hex")
    translator = GXDLMSTranslator()

    def run() -> Any:
        to_xml = translator.pduToXml
        return [to_xml(pdu) for pdu in pdus]

    def check(documents: Any) -> str | None:
        if len(documents) != EXPECTED["W3"]["pdus"]:
            return f"{len(documents)} documents"
        back = GXDLMSTranslator()
        wrong = sum(1 for pdu, xml in zip(pdus, documents) if bytes(back.xmlToPdu(xml)) != pdu)
        return f"{wrong} PDUs do not round-trip" if wrong else None

    return Workload("W3 pduToXml 5k PDUs", "PDUs", len(pdus), run, check)


@workload("W3-to-pdu")
def w3_to_pdu() -> Workload:
    """pdus.hex: GXDLMSTranslator.xmlToPdu of the 5,000 documents pduToXml wrote (not timed)."""
    from gurux_dlms.translator import GXDLMSTranslator

    pdus = lines("pdus.hex")
    translator = GXDLMSTranslator()
    documents = [translator.pduToXml(pdu) for pdu in pdus]

    def run() -> Any:
        to_pdu = translator.xmlToPdu
        return [to_pdu(xml) for xml in documents]

    def check(results: Any) -> str | None:
        wrong = sum(1 for pdu, data in zip(pdus, results) if bytes(data) != pdu)
        if len(results) != EXPECTED["W3"]["pdus"]:
            return f"{len(results)} PDUs"
        return f"{wrong} PDUs differ from pdus.hex" if wrong else None

    return Workload("W3 xmlToPdu 5k PDUs", "PDUs", len(pdus), run, check)


@workload("W1-xml")
def w1_xml() -> Workload:
    """profile.hex: the 10,000-row GetResponse to SIMPLE_XML and back to the same bytes."""
    from gurux_dlms.translator import GXDLMSTranslator

    pdu = lines("profile.hex")[0]
    translator = GXDLMSTranslator()

    def run() -> Any:
        xml = translator.pduToXml(pdu)
        return xml, bytes(translator.xmlToPdu(xml))

    def check(result: Any) -> str | None:
        xml, data = result
        rows = xml.count("<Structure Qty=\"05\" >")
        if rows != EXPECTED["W1"]["rows"]:
            return f"{rows} rows in the XML"
        return None if data == pdu else "the XML does not rebuild profile.hex"

    return Workload("W1 profile to XML and back", "rows", 10_000, run, check)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="workloads to run (default: all)")
    parser.add_argument("-n", "--runs", type=int, default=7, help="runs per workload (median is shown)")
    args = parser.parse_args()
    names = args.names or list(WORKLOADS)
    unknown = [n for n in names if n not in WORKLOADS]
    if unknown:
        parser.error(f"unknown workload(s) {', '.join(unknown)}; known: {', '.join(WORKLOADS)}")
    failed = False
    for name in names:
        job = WORKLOADS[name]()
        median, best, result = measure(job, max(5, args.runs))
        problem = job.check(result)
        failed |= problem is not None
        verdict = "matches expected.json" if problem is None else f"MISMATCH: {problem}"
        print(f"{job.name:<40} median {median:8.4f} s  best {best:8.4f} s  {job.size / median:12,.0f} {job.unit}/s"
              f"  {verdict}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
