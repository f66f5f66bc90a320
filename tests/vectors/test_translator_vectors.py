"""The translator against Gurux's XML for every conformance vector.

Every expected text that is present and well-formed must come out character for
character (CRLF included), except the deliberate differences listed in
:data:`DELIBERATE` (each documented in docs/translator.md and tested on its own in
tests/unit/test_translator_differences.py).  Where Gurux raised or wrote broken XML, our
output must be well-formed and rebuild the bytes.  Every PDU must round-trip in both
output types, with and without comments, in hex and in decimal.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

import pytest

from gurux_dlms.errors import DecodeError, FrameError
from gurux_dlms.translator import GXDLMSTranslator, TranslatorOutputType

from .loader import all_vectors

FIELDS = (("xml", False, False), ("xml_comments", True, False), ("xml_standard", False, True))

#: Why our output differs from Gurux's on purpose (see docs/translator.md).
REASONS = {
    "qty": "Qty of 256 or more elements written in full (Gurux keeps the low byte only)",
    "compact": "compact arrays with their type description and one element per row (Gurux chops the values)",
    "float": "float comments not truncated (Gurux strips trailing zeros from 1e+100)",
    "with-list-error": "data-access errors of GetResponse-With-List kept (Gurux drops them)",
    "pblock": "ActionRequest with first-pblock / pblock written out (Gurux prints nothing or raises)",
    "return-flag": "ActionResponse without a return-parameters flag marked ReturnFlag=\"0\" to rebuild its bytes",
    "provider": "an acse-service-provider diagnostic is <ACSEServiceProvider> (Gurux calls it ACSEServiceUser)",
    "short-wrapper": "AARE whose authentication wrapper is two octets short marked Wrapper=\"Short\"",
    "dedicated": "ded-* and general-ded content deciphered with the dedicated key (Gurux uses the global key)",
    "general-ded": "general-ded-ciphering is <GeneralDedCiphering> (Gurux prints GeneralGloCiphering)",
    "decrypt-failed": "a deciphering failure is said in a comment (Gurux is silent and misindents)",
    "service": "ConfirmedServiceError names the failed service (Gurux always writes initiateError)",
    "malformed": "malformed bytes raise DecodeError/FrameError saying where (Gurux prints partial XML or '')",
}

#: Bytes that are not a valid APDU although they are not in malformed.jsonl: Gurux's
#: SN writeList writes a stray 04 after the variable count (see the vectors' README).
INVALID = {"pub-sn-0015"}

_ALL = ("xml", "xml_comments", "xml_standard")
DELIBERATE: dict[str, tuple[str, tuple[str, ...]]] = {
    "pub-get-0039": ("float", ("xml_comments",)),
    "pub-get-0063": ("qty", ("xml", "xml_comments")),
    "pub-get-0065": ("compact", ("xml", "xml_comments")),
    "pub-get-0066": ("compact", _ALL),
    "pub-get-0067": ("compact", _ALL),
    "pub-get-0087": ("with-list-error", _ALL),
    "pub-get-0088": ("with-list-error", _ALL),
    "pub-get-0089": ("with-list-error", _ALL),
    "pub-get-0090": ("with-list-error", _ALL),
    "pub-action-0012": ("pblock", _ALL),
    "pub-action-0013": ("pblock", _ALL),
    "pub-action-0018": ("return-flag", ("xml", "xml_comments")),
    "pub-action-0019": ("return-flag", ("xml", "xml_comments")),
    "pub-association-0026": ("short-wrapper", _ALL),
    "pub-association-0027": ("short-wrapper", _ALL),
    "pub-association-0028": ("short-wrapper", _ALL),
    "pub-association-0031": ("short-wrapper", _ALL),
    "pub-association-0036": ("short-wrapper", _ALL),
    "pub-association-0047": ("provider", _ALL),
    "pub-association-0048": ("provider", _ALL),
    "pub-release-error-0018": ("service", ("xml_standard",)),
    "pub-release-error-0019": ("service", ("xml_standard",)),
    "pub-ciphered-0016": ("dedicated", ("xml_comments",)),
    "pub-ciphered-0019": ("dedicated", ("xml_comments",)),
    "pub-ciphered-0020": ("dedicated", ("xml_comments",)),
    "pub-ciphered-0023": ("dedicated", ("xml_comments",)),
    "pub-ciphered-0024": ("dedicated", ("xml_comments",)),
    "pub-ciphered-0055": ("decrypt-failed", ("xml_comments",)),
    **{f"pub-ciphered-{n:04d}": ("general-ded", _ALL) for n in range(37, 49)},
    **{f"pub-malformed-{n:04d}": ("malformed", _ALL) for n in (2, 4, 10, 11, 12, 13)},
}


def translator(standard: bool = False, comments: bool = False, keys: dict[str, Any] | None = None,
               hex_numbers: bool = True) -> GXDLMSTranslator:
    """A translator set up as the vectors were recorded (defaults plus the vector's keys)."""
    t = GXDLMSTranslator(TranslatorOutputType.STANDARD_XML if standard else TranslatorOutputType.SIMPLE_XML)
    t.comments = comments
    t.hex = hex_numbers
    for key, attribute in (("system_title", "systemTitle"), ("server_system_title", "serverSystemTitle"),
                           ("block_cipher_key", "blockCipherKey"), ("authentication_key", "authenticationKey"),
                           ("dedicated_key", "dedicatedKey")):
        if keys and keys.get(key):
            setattr(t, attribute, bytes.fromhex(keys[key]))
    return t


def translate(vector: dict[str, Any], t: GXDLMSTranslator) -> str:
    data = bytes.fromhex(vector["hex"])
    return t.pduToXml(data) if vector["kind"] == "pdu" else t.messageToXml(data)


def well_formed(text: str) -> bool:
    """The check vector_score.py makes: parses as XML, no Python repr leaked."""
    if "bytearray(" in text or "<Data=" in text:
        return False
    body = text.split("?>", 1)[1] if text.startswith("<?xml") else text
    try:
        ET.fromstring("<r>" + body + "</r>")
    except ET.ParseError:
        return False
    return True


def _cases(kind: str) -> list[Any]:
    cases = []
    for vector in all_vectors():
        for field, comments, standard in FIELDS:
            expected = vector.get(field)
            usable = expected is not None and well_formed(expected)
            deliberate = field in DELIBERATE.get(vector["id"], ("", ()))[1]
            if kind == "match" and usable and not deliberate:
                cases.append(pytest.param(vector, field, comments, standard, id=f"{vector['id']}-{field}"))
            elif kind == "deliberate" and usable and deliberate:
                cases.append(pytest.param(vector, field, comments, standard, id=f"{vector['id']}-{field}"))
            elif kind == "gurux-failed" and not usable:
                cases.append(pytest.param(vector, field, comments, standard, id=f"{vector['id']}-{field}"))
    return cases


@pytest.mark.parametrize(("vector", "field", "comments", "standard"), _cases("match"))
def test_output_is_gurux_character_for_character(vector: dict[str, Any], field: str, comments: bool,
                                                 standard: bool) -> None:
    got = translate(vector, translator(standard, comments, vector.get("keys")))
    assert got == vector[field]


@pytest.mark.parametrize(("vector", "field", "comments", "standard"), _cases("deliberate"))
def test_deliberate_differences_are_well_formed_and_lossless(vector: dict[str, Any], field: str, comments: bool,
                                                            standard: bool) -> None:
    reason = DELIBERATE[vector["id"]][0]
    assert reason in REASONS
    t = translator(standard, comments, vector.get("keys"))
    if reason == "malformed":
        with pytest.raises((DecodeError, FrameError)) as raised:
            translate(vector, t)
        assert raised.value.where is not None  # the error says where
        return
    got = translate(vector, t)
    assert got != vector[field]
    assert well_formed(got)
    if vector["kind"] == "pdu":
        assert bytes(t.xmlToPdu(got)) == bytes.fromhex(vector["hex"])


@pytest.mark.parametrize(("vector", "field", "comments", "standard"), _cases("gurux-failed"))
def test_where_gurux_failed_the_output_is_well_formed(vector: dict[str, Any], field: str, comments: bool,
                                                      standard: bool) -> None:
    t = translator(standard, comments, vector.get("keys"))
    if vector["category"] == "malformed" or vector["id"] in INVALID:
        with pytest.raises((DecodeError, FrameError)) as raised:
            translate(vector, t)
        assert raised.value.where is not None
        return
    got = translate(vector, t)
    assert well_formed(got), got
    if vector["kind"] == "pdu":
        assert bytes(t.xmlToPdu(got)) == bytes.fromhex(vector["hex"])


_PDUS = [pytest.param(v, id=v["id"]) for v in all_vectors()
         if v["kind"] == "pdu" and v["category"] != "malformed" and v["id"] not in INVALID]


@pytest.mark.parametrize("vector", _PDUS)
@pytest.mark.parametrize("standard", [False, True], ids=["simple", "standard"])
@pytest.mark.parametrize("comments", [False, True], ids=["plain", "comments"])
@pytest.mark.parametrize("hex_numbers", [True, False], ids=["hex", "decimal"])
def test_every_pdu_round_trips(vector: dict[str, Any], standard: bool, comments: bool, hex_numbers: bool) -> None:
    t = translator(standard, comments, vector.get("keys"), hex_numbers)
    data = bytes.fromhex(vector["hex"])
    assert bytes(t.xmlToPdu(t.pduToXml(data))) == data


#: First segments of a segmented PDU: Gurux shows them without their LLC header, so the
#: XML does not say it was there (the frame rebuilds without it).
_FIRST_SEGMENTS = {"pub-hdlc-0037", "pub-hdlc-0041", "pub-hdlc-0044", "pub-hdlc-0046"}
_FRAMES = [pytest.param(v, id=v["id"]) for v in all_vectors()
           if v["kind"] == "frame" and v["category"] != "malformed" and v["id"] not in _FIRST_SEGMENTS]


@pytest.mark.parametrize("vector", _FRAMES)
@pytest.mark.parametrize("standard", [False, True], ids=["simple", "standard"])
def test_frames_rebuild_from_their_xml(vector: dict[str, Any], standard: bool) -> None:
    t = translator(standard, True, vector.get("keys"))
    data = bytes.fromhex(vector["hex"])
    xml = t.messageToXml(data)
    assert ET.fromstring(xml) is not None  # frames are whole documents, namespace bound
    assert bytes(t.xmlToPdu(xml)) == data


def test_the_deliberate_table_is_exact() -> None:
    """Each listed difference really is one (a fixed bug upstream would show here)."""
    vectors = {v["id"]: v for v in all_vectors()}
    for vector_id, (_, fields) in DELIBERATE.items():
        for field in fields:
            assert vectors[vector_id].get(field) is not None, (vector_id, field)
