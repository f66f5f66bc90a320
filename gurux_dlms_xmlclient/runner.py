"""Running Messages files: each request sent, each reply shown and checked, every file summed up.

For each file, in order: its messages are read (a malformed file is reported with its line
and the next file runs), a connection is opened (:class:`~.session.FileSession`), and each
message is played:

* a request is sent as the file has it (``-I`` renumbers it) and its complete reply —
  HDLC segments, data blocks and GBT joined — is shown as the translator's XML, decimal
  numbers, as Gurux's XmlClient shows it;
* a reply in the file right after a request is the reply expected: the meter's answer is
  compared with it (wildcards allowed, :mod:`.compare`) and a difference is shown as a
  diff of the two XML texts;
* ``<Snrm>`` sets the HDLC parameters of the link, ``<DisconnectRequest>`` ends the
  connection there (a later request opens a new one), ``<AssociationRequest>`` opens the
  association with the file's own AARQ and ``<ReleaseRequest>`` ends it;
* ``<Sleep>`` waits, ``<Description>`` is shown, ``<Error>``/``<ErrorUrl>`` are shown when
  the next request's reply differs.

A file passes when every reply came and matched what the file expects; it fails when a
reply differs; it is in error when it could not be read or its conversation broke off
(no answer, a refused association, a lost connection).  The exit status is 0 when every
file passed.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

from gurux_dlms.apdu.acse import RLRQ
from gurux_dlms.apdu.base import decode_apdu
from gurux_dlms.converter import GXDLMSConverter
from gurux_dlms.errors import AssociationRejectedError, DLMSError
from gurux_dlms.session.enums import InterfaceType
from gurux_dlms.translator import GXDLMSTranslator
from gurux_dlms.translator.messages_file import Message, MessageKind, read_messages
from gurux_dlms.translator.reader import parse

from .compare import compare, indented
from .describe import Describer
from .output import Output, configure_logging, restore_logging
from .session import FileSession, MediaUnavailable
from .settings import ClientOptions, TraceLevel

log = logging.getLogger(__name__)

RULE = "-" * 72


class Status(Enum):
    PASSED = "passed"
    FAILED = "FAILED"
    ERROR = "ERROR"


@dataclass
class FileResult:
    """What one file did."""

    path: Path
    status: Status = Status.PASSED
    requests: int = 0
    checked: int = 0
    differing: int = 0
    reason: str = ""

    def fail_with(self, reason: str) -> FileResult:
        self.status, self.reason = Status.ERROR, reason
        return self

    def summary(self) -> str:
        """``GetClock.xml: passed (1 request, 1 reply checked)``."""
        counts = f"{self.requests} request{'s' if self.requests != 1 else ''}, {self.checked} repl" \
                 f"{'ies' if self.checked != 1 else 'y'} checked"
        if self.status is Status.ERROR:
            done = f" after {counts}" if self.requests or self.checked else ""
            return f"{self.path.name}: ERROR{done}: {self.reason}"
        if self.status is Status.FAILED:
            return f"{self.path.name}: FAILED ({counts}, {self.differing} differ)"
        return f"{self.path.name}: passed ({counts})"


@dataclass
class _Sent:
    """A request sent and its reply, waiting for the file's expected reply."""

    message: Message
    reply: Any
    notes: dict[str, str] = field(default_factory=dict)
    checked: bool = False


class Runner:
    """Runs the files of a command line (see the module documentation)."""

    def __init__(self, options: ClientOptions, output: Output) -> None:
        self.options = options
        self.out = output
        self.translator = GXDLMSTranslator()
        self.translator.hex = False
        self.invocation_counter = options.invocation_counter
        self.describe = Describer(GXDLMSConverter(options.standard))
        self.cache_pending = False

    # --- the run ------------------------------------------------------------------------------
    def run(self) -> list[FileResult]:
        """Run every file; their results (files not run after a lost medium are in error)."""
        results: list[FileResult] = []
        paths = list(self.options.paths)
        for index, path in enumerate(paths):
            try:
                result = self.run_file(path)
            except MediaUnavailable as exc:
                self.out.error(f"{path.name}: ERROR: {exc}")
                results.append(FileResult(path).fail_with(str(exc)))
                skipped = paths[index + 1:]
                if skipped:
                    self.out.error(f"the {len(skipped)} other file(s) were not run: the meter cannot be reached")
                results.extend(FileResult(p).fail_with("not run: the meter cannot be reached") for p in skipped)
                break
            results.append(result)
            self.out.write(TraceLevel.INFO if result.status is Status.PASSED else TraceLevel.ERROR, result.summary())
        return results

    def run_file(self, path: Path) -> FileResult:
        """Run one file on its own connection."""
        result = FileResult(path)
        self.out.info(RULE)
        self.out.info(str(path))
        try:
            messages = read_messages(path.read_text(encoding="utf-8-sig"), None,
                                     (self.options.client_address, self.options.server_address))
        except (DLMSError, OSError, UnicodeDecodeError) as exc:
            return result.fail_with(f"{path}: {exc}")
        if all(m.kind is MessageKind.DIRECTION for m in messages):
            return result.fail_with("the file has no message to send")
        session = FileSession(self.options, self.invocation_counter, _first_snrm(messages, self.options))
        try:
            self._play(messages, session, result)
        except MediaUnavailable:
            raise
        except (DLMSError, OSError) as exc:
            result.fail_with(str(exc))
        finally:
            session.close()
            self.invocation_counter = session.invocation_counter
        if result.status is Status.PASSED and result.differing:
            result.status = Status.FAILED
        return result

    # --- one file -------------------------------------------------------------------------------
    def _play(self, messages: list[Message], session: FileSession, result: FileResult) -> None:
        notes: dict[str, str] = {}
        sent: _Sent | None = None
        for message in messages:
            kind = message.kind
            if kind is MessageKind.DIRECTION:
                self._direction(message, notes)
                continue
            if kind is MessageKind.AMBIGUOUS:
                kind = MessageKind.REPLY if sent is not None and not sent.checked else MessageKind.REQUEST
            if kind is MessageKind.REPLY:
                if sent is None or sent.checked:
                    log.warning("%s line %d: a %s with no request before it is not compared", result.path.name,
                                message.line, message.name)
                    continue
                self._check(sent, message, result)
                continue
            sent = None
            if kind is MessageKind.LINK:
                self._link(message, session)
                continue
            sent = _Sent(message, self._request(message, session), notes)
            result.requests += 1
            notes = {}

    def _direction(self, message: Message, notes: dict[str, str]) -> None:
        if message.name == "Sleep":
            milliseconds = message.milliseconds
            self.out.verbose(f"sleeping {milliseconds} ms")
            time.sleep(milliseconds / 1000)
        elif message.name == "Description":
            self.out.info(message.text)
        else:
            notes[message.name] = message.text

    def _link(self, message: Message, session: FileSession) -> None:
        if self.options.interface == InterfaceType.WRAPPER:
            self.out.verbose(f"line {message.line}: <{message.name}> is an HDLC command: skipped on WRAPPER")
            if message.name == "DisconnectRequest":
                self._disconnect(session)
            return
        if message.name == "Snrm":
            session.hdlc = message.hdlc_parameters
            if session.is_open:  # the file asks for a new link: the next request opens it
                session.close()
        elif message.name == "DisconnectRequest":
            self._disconnect(session)
        else:
            self.out.verbose(f"line {message.line}: <{message.name}> (a link answer) is not compared")

    def _disconnect(self, session: FileSession) -> None:
        if not session.is_open:
            self._open(session)  # a file that only disconnects still connects first, as Gurux's does
        session.close()
        self.out.info("disconnected")

    def _request(self, message: Message, session: FileSession) -> Any:
        associating = message.name == "AssociationRequest"
        if not associating and not session.is_open:
            self._open(session)
        data = session.renumber(message.data)
        request = decode_apdu(data)
        self.out.info(f"{self.describe(request)}  [line {message.line}]")
        self.out.verbose(self._xml(data))
        if associating:
            try:
                reply = self._open(session, data)
            except AssociationRejectedError as exc:
                aare = session.connection.aare if session.connection is not None else None
                if aare is None:
                    raise
                self.out.info(f"association rejected: {exc}")
                reply = aare
        else:
            reply = session.send(data)
            if isinstance(request, RLRQ):
                session.released = True
        self.out.info(self._xml(reply.encode()))
        for push in session.notifications():
            self.out.info("push received:")
            self.out.info(self._xml(push.encode()))
        return reply

    def _open(self, session: FileSession, aarq: bytes | None = None) -> Any:
        aare = session.open(aarq)
        if self.cache_pending and session.driver is not None:
            self.cache_pending = False
            self._save_cache(session)
        return aare

    def _check(self, sent: _Sent, expected: Message, result: FileResult) -> None:
        sent.checked = True
        result.checked += 1
        wanted = parse(self._xml(expected.data)).root if expected.data else expected.pdu
        received = parse(self._xml(sent.reply.encode())).root
        assert wanted is not None and received is not None
        diff = compare(wanted, received, ignore_invoke_ids=self.options.auto_increase_invoke_id)
        if not diff:
            return
        result.differing += 1
        self.out.error(f"{result.path.name} line {expected.line}: the reply to the {sent.message.name} on line "
                       f"{sent.message.line} is not the one expected:")
        self.out.error(indented(diff))
        for name in ("Error", "ErrorUrl"):
            if name in sent.notes:
                self.out.error(f"  {name}: {sent.notes[name]}")

    def _xml(self, data: bytes) -> str:
        return self.translator.pduToXml(data).rstrip()

    # --- the association view cache (-o) ----------------------------------------------------------
    def load_cache(self) -> None:
        """Read ``-o`` when the file exists; else read the association view at the first connection."""
        path = self.options.cache
        if path is None:
            return
        if path.exists():
            from gurux_dlms.cosem.collection import GXDLMSObjectCollection

            self.describe.objects = GXDLMSObjectCollection.load(path)
            self.out.verbose(f"association view: {len(self.describe.objects)} objects from {path}")
        else:
            self.cache_pending = True

    def _save_cache(self, session: FileSession) -> None:
        from gurux_dlms.transport import Meter

        assert session.driver is not None and self.options.cache is not None
        try:
            objects = Meter(session.driver).objects()
            objects.save(self.options.cache)
        except (DLMSError, OSError) as exc:
            log.warning("the association view was not saved to %s: %s", self.options.cache, exc)
            return
        self.describe.objects = objects
        self.out.info(f"association view: {len(objects)} objects saved to {self.options.cache}")


def _first_snrm(messages: list[Message], options: ClientOptions) -> Any:
    """The HDLC parameters of an ``<Snrm>`` that comes before the file's first request."""
    for message in messages:
        if message.name == "Snrm":
            return message.hdlc_parameters
        if message.kind in (MessageKind.REQUEST, MessageKind.AMBIGUOUS):
            break
    return options.hdlc


def summarize(results: list[FileResult]) -> str:
    """``11 files: 10 passed, 1 failed, 0 in error``."""
    counts = {status: sum(1 for r in results if r.status is status) for status in Status}
    return (f"{len(results)} file{'s' if len(results) != 1 else ''}: {counts[Status.PASSED]} passed, "
            f"{counts[Status.FAILED]} failed, {counts[Status.ERROR]} in error")


def run(options: ClientOptions) -> int:
    """Run the command's files (starting the simulator first with ``--simulate``); the exit status."""
    output = Output(options.trace)
    handlers = configure_logging(options.trace)
    simulator = None
    try:
        if options.simulate:
            from .simulate import start_simulator

            simulator = start_simulator(options)
            output.info(f"simulator serving on 127.0.0.1:{options.port}")
        runner = Runner(options, output)
        try:
            runner.load_cache()
            if options.invocation_counter_object:
                from .counter import read_invocation_counter

                value = read_invocation_counter(options)
                runner.invocation_counter = value + 1
                output.info(f"Invocation counter: {value}")
        except (DLMSError, OSError) as exc:
            output.error(f"error: {exc}")
            results = [FileResult(p).fail_with(str(exc)) for p in options.paths]
        else:
            results = runner.run()
        output.write(TraceLevel.ERROR, "=" * 72)
        output.write(TraceLevel.ERROR, summarize(results))
        return 0 if all(r.status is Status.PASSED for r in results) else 1
    finally:
        if simulator is not None:
            simulator.stop()
        restore_logging(handlers)


__all__ = ["FileResult", "Runner", "Status", "run", "summarize"]
