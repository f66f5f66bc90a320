"""Each deliberate difference from Gurux's translator, and what we write where Gurux raised.

The list is in docs/translator.md; every entry has a test here that pins our form and
checks that it is well-formed XML that rebuilds the original bytes.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

import pytest
from vectors.loader import load

from gurux_dlms.errors import DecodeError, FrameError
from gurux_dlms.translator import GXDLMSTranslator, TranslatorOutputType

STANDARD = TranslatorOutputType.STANDARD_XML


def vector(name: str, vector_id: str) -> dict[str, Any]:
    return next(v for v in load(name) if v["id"] == vector_id)


def keyed(keys: dict[str, str], output: TranslatorOutputType = TranslatorOutputType.SIMPLE_XML) -> GXDLMSTranslator:
    t = GXDLMSTranslator(output)
    t.comments = True
    t.systemTitle = bytes.fromhex(keys["system_title"])
    t.serverSystemTitle = bytes.fromhex(keys["server_system_title"]) if keys.get("server_system_title") else None
    t.blockCipherKey = bytes.fromhex(keys["block_cipher_key"])
    t.authenticationKey = bytes.fromhex(keys["authentication_key"])
    if keys.get("dedicated_key"):
        t.dedicatedKey = bytes.fromhex(keys["dedicated_key"])
    return t


def round_trip(t: GXDLMSTranslator, hex_text: str) -> str:
    """The XML of ``hex_text``, checked to be well-formed and to rebuild the bytes."""
    data = bytes.fromhex(hex_text)
    xml = t.pduToXml(data)
    body = xml.split("?>", 1)[1] if xml.startswith("<?xml") else xml
    ET.fromstring("<r>" + body + "</r>")
    assert bytes(t.xmlToPdu(xml)) == data
    return xml


def test_qty_of_long_arrays_is_written_in_full() -> None:
    data = "C4 01 C9 00 01 82 01 0E" + " 11 05" * 270
    assert '<Array Qty="010E" >' in round_trip(GXDLMSTranslator(), data)
    decimal = GXDLMSTranslator()
    decimal.hex = False
    assert '<Array Qty="270" >' in round_trip(decimal, data)


def test_compact_array_of_simple_elements() -> None:
    xml = round_trip(GXDLMSTranslator(), "C4 01 C1 00 13 12 02 DF 4C")
    assert xml.endswith(
        "        <CompactArray>\r\n          <ContentsDescription>\r\n            <UInt16 />\r\n"
        "          </ContentsDescription>\r\n          <ArrayContents>\r\n            <UInt16 Value=\"DF4C\" />\r\n"
        "          </ArrayContents>\r\n        </CompactArray>\r\n      </Data>\r\n    </Result>\r\n"
        "  </GetResponseNormal>\r\n</GetResponse>\r\n")


def test_compact_array_of_structures_in_both_output_types() -> None:
    data = "C4 01 C1 00 13 02 03 06 10 03 07 B5 3F ED 59 FF 65 01"
    simple = round_trip(GXDLMSTranslator(), data)
    assert '<Structure Qty="03" >\r\n              <UInt32 />\r\n              <Int16 />\r\n' in simple
    assert '<UInt32 Value="B53FED59" />' in simple and '<Boolean Value="True" />' in simple
    standard = round_trip(GXDLMSTranslator(STANDARD), data)
    assert "<x:double-long-unsigned />" in standard
    assert "<x:array-contents>B5 3F ED 59 FF 65 01</x:array-contents>" in standard


@pytest.mark.parametrize(("hex_value", "comment"), [
    ("18 54 B2 49 AD 25 94 C3 7D", "1e+100"), ("17 00 00 00 00", "0"), ("17 3F C0 00 00", "1.5"),
    ("17 C0 10 00 00", "-2.25"), ("18 40 59 00 00 00 00 00 00", "100"),
])
def test_float_comments_are_not_truncated(hex_value: str, comment: str) -> None:
    t = GXDLMSTranslator()
    t.comments = True
    assert f"<!--{comment}-->" in round_trip(t, "C4 01 C1 00 " + hex_value)


def test_get_response_with_list_keeps_its_errors() -> None:
    xml = round_trip(GXDLMSTranslator(), "C4 03 C1 03 01 09 01 0E 01 FA")
    assert xml.count("<DataAccessError ") == 3 and '<DataAccessError Value="OtherReason" />' in xml
    standard = round_trip(GXDLMSTranslator(STANDARD), "C4 03 C1 02 00 11 05 01 0E")
    assert "<x:data-access-result>data-block-unavailable</x:data-access-result>" in standard


def test_action_request_block_forms() -> None:
    first = round_trip(GXDLMSTranslator(), vector("action", "pub-action-0012")["hex"])
    assert "<ActionRequestWithFirstPBlock>" in first and '<LastBlock Value="00" />' in first
    assert '<BlockNumber Value="00000001" />' in first and "<MethodDescriptor>" in first
    later = round_trip(GXDLMSTranslator(STANDARD), vector("action", "pub-action-0013")["hex"])
    assert "<x:action-request-with-pblock>" in later and "<x:block-number>2</x:block-number>" in later


def test_action_response_without_return_flag_is_marked() -> None:
    short = round_trip(GXDLMSTranslator(), "C7 01 C1 00")
    assert '<ActionResponseNormal ReturnFlag="0">' in short
    flagged = round_trip(GXDLMSTranslator(), "C7 01 C1 00 00")
    assert "<ActionResponseNormal>" in flagged and "ReturnFlag" not in flagged


def test_action_response_normal_standard_is_closed() -> None:
    xml = round_trip(GXDLMSTranslator(STANDARD), "C7 01 C4 00 00")
    assert "    <x:single-response>\r\n      <x:result>success</x:result>\r\n    </x:single-response>\r\n" in xml


def test_acse_service_provider_diagnostic() -> None:
    hex_text = vector("association", "pub-association-0047")["hex"]
    assert '<ACSEServiceProvider Value="00" />' in round_trip(GXDLMSTranslator(), hex_text)
    assert "<x:acse-service-provider>0</x:acse-service-provider>" in round_trip(GXDLMSTranslator(STANDARD), hex_text)


def test_short_authentication_wrapper_of_gurux_server_is_kept() -> None:
    hex_text = vector("association", "pub-association-0028")["hex"]
    assert "AA 20 80 20" in hex_text
    simple = round_trip(GXDLMSTranslator(), hex_text)
    assert '<RespondingAuthentication Value="5A987EE6' in simple and 'Wrapper="Short" />' in simple
    standard = round_trip(GXDLMSTranslator(STANDARD), hex_text)
    assert '<x:responding-authentication-value Wrapper="Short">' in standard


def test_one_octet_aarq_length_of_gurux_client_is_kept() -> None:
    hex_text = vector("association", "pub-association-0021")["hex"]
    assert hex_text.startswith("60 8D")
    assert '<AssociationRequest Length="OneOctet">' in round_trip(GXDLMSTranslator(), hex_text)


@pytest.mark.parametrize("vector_id", ["pub-ciphered-0016", "pub-ciphered-0019", "pub-ciphered-0020",
                                       "pub-ciphered-0023", "pub-ciphered-0024"])
def test_ded_responses_are_deciphered_with_the_dedicated_key(vector_id: str) -> None:
    v = vector("ciphered", vector_id)
    xml = round_trip(keyed(v["keys"]), v["hex"])
    assert f"<!--Decrypt data: {v['decrypted_hex']}\r\n" in xml


def test_general_ded_ciphering_is_named_and_deciphered() -> None:
    v = vector("ciphered", "pub-ciphered-0038")
    xml = round_trip(keyed(v["keys"]), v["hex"])
    assert "<GeneralDedCiphering>" in xml and "<GeneralGloCiphering>" not in xml
    assert f"<!--Decrypt data: {v['decrypted_hex']}\r\n" in xml
    assert "<x:general-ded-ciphering>" in round_trip(keyed(v["keys"], STANDARD), v["hex"])


def test_decrypt_failure_is_said() -> None:
    v = vector("ciphered", "pub-ciphered-0055")
    xml = round_trip(keyed(v["keys"]), v["hex"])
    assert xml.startswith("<!--Decrypt failed. ")
    assert "\r\n<glo_GetRequest Value=" in xml  # not indented, unlike Gurux's


def test_decrypted_xml_has_no_comments_inside_the_comment() -> None:
    v = vector("ciphered", "pub-ciphered-0001")
    xml = round_trip(keyed(v["keys"]), v["hex"])
    inner = xml[xml.index("<!--Decrypt data:") + 4: xml.index("-->\r\n<glo_")]
    assert "<!--" not in inner and "--" not in inner
    assert '      <InvokeIdAndPriority Value="C2" />' in inner


def test_confirmed_service_error_names_the_service() -> None:
    xml = round_trip(GXDLMSTranslator(STANDARD), "0E 05 05 00")
    assert "<x:confirmedServiceError>\r\n  <x:read>\r\n    <x:access>other</x:access>\r\n  </x:read>" in xml
    assert "<x:initiateError>" in round_trip(GXDLMSTranslator(STANDARD), "0E 01 06 02")


def test_printable_octet_strings_are_commented_as_text() -> None:
    t = GXDLMSTranslator()
    t.comments = True
    xml = round_trip(t, "C4 01 42 00 09 08 4D 54 52 2D 5A 58 2D 39")
    assert "<!--MTR-ZX-9-->" in xml and "bytearray" not in xml
    dashes = round_trip(t, "C4 01 42 00 09 05 41 2D 2D 42 2D")
    assert "<!--A- -B- -->" in dashes


def test_truncated_and_unknown_pdus_raise_saying_where() -> None:
    with pytest.raises(DecodeError) as truncated:
        GXDLMSTranslator().pduToXml("C4 01 C1 00 02 02 0A 00 17 C0")
    assert isinstance(truncated.value.where, int)
    for case in ("pub-malformed-0010", "pub-malformed-0011", "pub-malformed-0012", "pub-malformed-0013"):
        with pytest.raises(FrameError) as frame:
            GXDLMSTranslator().messageToXml(vector("malformed", case)["hex"])
        assert frame.value.where is not None


def test_standard_frames_are_well_formed() -> None:
    t = GXDLMSTranslator(STANDARD)
    hdlc = t.messageToXml(vector("framed", "pub-framed-0018")["hex"])
    assert hdlc.startswith('<HDLC len="45" xmlns:x="http://www.dlms.com/COSEMpdu" >\r\n')
    assert ET.fromstring(hdlc).find("PDU") is not None
    wrapper = t.messageToXml(vector("framed", "pub-framed-0012")["hex"])
    assert "<?xml" not in wrapper and ET.fromstring(wrapper) is not None
    rr = t.messageToXml(vector("hdlc", "pub-hdlc-0028")["hex"])
    assert rr == vector("hdlc", "pub-hdlc-0028")["xml_standard"]  # nothing prefixed: Gurux's text


def test_float64_standard_tag() -> None:
    xml = round_trip(GXDLMSTranslator(STANDARD), "C4 01 C1 00 18 40 59 00 00 00 00 00 00")
    assert "<x:float64>4059000000000000</x:float64>" in xml
    gurux = xml.replace("x:float64>", "x:float64,>")
    assert bytes(GXDLMSTranslator(STANDARD).xmlToPdu(gurux)) == bytes.fromhex("C4 01 C1 00 18 40 59 00 00 00 00 00 00")


# --- where Gurux raised --------------------------------------------------------------------------
def test_date_values() -> None:
    t = GXDLMSTranslator()
    t.comments = True
    xml = round_trip(t, "C4 01 C1 00 1A 07 EA 05 1A FF")
    assert "<!--05/26/26-->\r\n        <Date Value=\"07EA051AFF\" />" in xml
    assert "<x:date>07EA051AFF</x:date>" in round_trip(GXDLMSTranslator(STANDARD), "C4 01 C1 00 1A 07 EA 05 1A FF")


def test_general_block_transfer_with_comments() -> None:
    t = GXDLMSTranslator()
    t.comments = True
    xml = round_trip(t, "E0 81 00 0E 00 0D 00")
    assert '<BlockControl Value="81" />' in xml and '<BlockNumberAck Value="000D" />' in xml


@pytest.mark.parametrize(("hex_text", "text"), [
    ("D8 01 05", '<ServiceError Value="DecipheringError" />'),
    ("D8 01 06 C6 BE F3 98", '<InvocationCounter Value="C6BEF398" />'),
    ("0E 06 09 01", '<Task Value="NoRemoteControl" />'),
    ("C5 04 C2 02 00 00 00 00 00 03", "<SetResponseLastDataBlockWithList>"),
    ("C4 02 49 01 13", '<DataAccessResult Value="DataBlockNumberInvalid" />'),
    (vector("sn", "pub-sn-0027")["hex"], "<DataBlockResult>"),
])
def test_pdus_gurux_cannot_translate(hex_text: str, text: str) -> None:
    assert text in round_trip(GXDLMSTranslator(), hex_text)


def test_utf8_strings_are_hex_and_text_is_accepted() -> None:
    xml = round_trip(GXDLMSTranslator(), "C4 01 C9 00 0C 09 E6 97 A5 E6 9C AC E8 AA 9E")
    assert '<StringUTF8 Value="E6 97 A5 E6 9C AC E8 AA 9E" />' in xml
    typed = xml.replace("E6 97 A5 E6 9C AC E8 AA 9E", "日本語")
    assert bytes(GXDLMSTranslator().xmlToPdu(typed)) == bytes.fromhex("C4 01 C9 00 0C 09 E6 97 A5 E6 9C AC E8 AA 9E")


def test_date_time_comments() -> None:
    t = GXDLMSTranslator()
    t.comments = True
    cases = {
        "07F00B040401342200003CFF": "11/04/32 02:52:34",  # nothing skipped: deviation applied
        "07E90108FF15050200000000": "01/08/25 21:05:02:000000",  # day of week skipped
        "07E60CFFFF04292800014A80": "12/22 10:11:40:000000",  # day skipped
        "07EE0A1EFF021EFF00000000": "10/30/30 02:30:000000",  # second skipped
    }
    for raw, text in cases.items():
        assert f"<!--{text}-->" in round_trip(t, "C4 01 C1 00 09 0C " + raw)
