"""Expected replies against received ones: the wildcard rules and the diff that shows only real differences."""

from __future__ import annotations

import pytest

from gurux_dlms.translator.reader import Node, parse
from gurux_dlms_xmlclient.compare import compare, render, same_value

RECEIVED = """<GetResponse>
  <GetResponseNormal>
    <InvokeIdAndPriority Value="193" />
    <Result>
      <Data>
        <Array Qty="2" >
          <Structure Qty="2" >
            <OctetString Value="07E80B18070A1E00FF800000" />
            <UInt32 Value="1234" />
          </Structure>
          <Structure Qty="2" >
            <OctetString Value="07E80B18070A2D00FF800000" />
            <UInt32 Value="1240" />
          </Structure>
        </Array>
      </Data>
    </Result>
  </GetResponseNormal>
</GetResponse>"""


def tree(text: str) -> Node:
    root = parse(text).root
    assert root is not None
    return root


def expected(inner: str, invoke: str = "193") -> Node:
    return tree(f"""<GetResponse><GetResponseNormal><InvokeIdAndPriority Value="{invoke}" /><Result><Data>
{inner}
</Data></Result></GetResponseNormal></GetResponse>""")


ROW = '<Structure Qty="2"><OctetString Value="{}" /><UInt32 Value="{}" /></Structure>'


@pytest.mark.parametrize("inner", [
    '<Array Qty="2">' + ROW.format("07E80B18070A1E00FF800000", "1234") + ROW.format("07e80b18070a2d00ff800000", "01240")
    + "</Array>",  # equal; hex in any case, decimal with leading zeros
    '<Array Qty="*">' + ROW.format("*", "*") + ROW.format("*", "1240") + "</Array>",  # attribute wildcards
    '<Array Qty="2"><Any /><Any /></Array>',  # any one element each
    '<Array Qty="*"><Any Qty="*" /></Array>',  # any number of elements
    '<Array Qty="2">' + ROW.format("*", "1234") + '<Any Qty="*" /></Array>',  # the rest, whatever it is
    "<Any />",
])
def test_matching_replies(inner: str) -> None:
    assert compare(expected(inner), tree(RECEIVED)) == []


@pytest.mark.parametrize(("inner", "removed", "added"), [
    ('<Array Qty="2">' + ROW.format("*", "1234") + ROW.format("*", "9") + "</Array>",
     '-            <UInt32 Value="9" />', '+            <UInt32 Value="1240" />'),
    ('<Array Qty="*">' + ROW.format("*", "*") + "</Array>",
     None, '+          <Structure Qty="2">'),  # one row expected, two came
    ('<Array Qty="*"><Any /><Any /><Any /></Array>', "-          <Any />", None),  # three expected
    ('<Array Qty="3"><Any Qty="*" /></Array>', '-        <Array Qty="3">', '+        <Array Qty="2">'),
    ('<Structure Qty="*"><Any Qty="*" /></Structure>', '-        <Structure Qty="*">', '+        <Array Qty="2">'),
])
def test_differences_show_only_what_differs(inner: str, removed: str | None, added: str | None) -> None:
    diff = compare(expected(inner), tree(RECEIVED))
    assert diff[:2] == ["--- expected", "+++ received"]
    changed = [line for line in diff[2:] if line[:1] in "+-"]
    if removed is not None:
        assert removed in changed
    if added is not None:
        assert added in changed
    assert not any('Value="*"' in line for line in changed if line.startswith("-") and "9" not in line)


def test_wildcards_that_matched_are_not_in_the_diff() -> None:
    inner = '<Array Qty="*">' + ROW.format("*", "*") + ROW.format("*", "1") + "</Array>"
    diff = compare(expected(inner), tree(RECEIVED))
    changed = [line for line in diff if line[:1] in "+-" and not line.startswith(("---", "+++"))]
    assert changed == ['-            <UInt32 Value="1" />', '+            <UInt32 Value="1240" />']


def test_invoke_ids_are_ignored_only_when_asked() -> None:
    inner = "<Any />"
    assert compare(expected(inner, "129"), tree(RECEIVED)) != []
    assert compare(expected(inner, "129"), tree(RECEIVED), ignore_invoke_ids=True) == []


def test_text_wildcard_and_render() -> None:
    wanted = tree("<A><B>*</B><C Value='1' /></A>")
    assert compare(wanted, tree('<A><B>anything</B><C Value="1" /></A>')) == []
    assert render(tree('<A x="&lt;"><B>t</B></A>')) == ['<A x="&lt;">', "  <B>t</B>", "</A>"]


@pytest.mark.parametrize(("a", "b", "same"), [
    ("8", "0008", True), ("-1", "-01", True), ("C1", "c1", True), ("True", "true", True), ("1", "2", False),
    ("0A", "10", False), ("", "0", False),
])
def test_same_value(a: str, b: str, same: bool) -> None:
    assert same_value(a, b) is same
