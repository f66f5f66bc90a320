"""Load the conformance vectors copied into this folder."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


@cache
def load(name: str) -> tuple[dict[str, Any], ...]:
    """Every vector of ``<name>.jsonl``."""
    with (HERE / f"{name}.jsonl").open(encoding="utf-8") as handle:
        return tuple(json.loads(line) for line in handle if line.strip())


def all_vectors() -> list[dict[str, Any]]:
    """Every vector of every file."""
    return [v for path in sorted(HERE.glob("*.jsonl")) for v in load(path.stem)]


def raw(vector: dict[str, Any], field: str = "hex") -> bytes:
    """The bytes of a hex field."""
    return bytes.fromhex(vector[field])
