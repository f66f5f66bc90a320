"""The README's Python examples run as written (against a simulator on a free port)."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

from gurux_dlms.session.enums import InterfaceType

from .sim_client import start_simulator

README = Path(__file__).resolve().parents[2] / "README.md"


def blocks() -> list[str]:
    return re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.S)


def test_readme_has_python_examples() -> None:
    assert len(blocks()) >= 3


def test_readme_python_examples_run() -> None:
    sim = start_simulator(interface=InterfaceType.WRAPPER, rows=20)
    try:
        for code in blocks():
            out = io.StringIO()
            with contextlib.redirect_stdout(out):
                exec(compile(code.replace("4061", str(sim.port)), "README.md", "exec"), {})
            if "messageToXml" in code:
                assert "<GetRequest>" in out.getvalue()
            if "meter.read(clock, 2)" in code:
                assert "0.0.1.0.0.255" in out.getvalue()
    finally:
        sim.stop()
