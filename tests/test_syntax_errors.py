"""YAML syntax errors told where the mistake is, with the fix (loading/syntax.py).

Each case is a small file with one hand-editing mistake; the expected line and column were
counted by hand on the text (1-based, in characters): the colon, the opening quote or
bracket, the first character of the badly indented line. The parser itself reports most of
these a line later or at the end of the file.
"""

from __future__ import annotations

import re

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hxay.loading.text import LINE_BREAK
from hxay.loading.yamlsrc import _Loader, read_records

MEETING = "- kind: meeting\n  date: 2012-05-14\n  unit: ps-a\n"

CASES: dict[str, tuple[str, int, int, str]] = {
    # columns: 2 spaces, then `description` (11 characters): the colon is column 14; in
    # `  schools: [` the bracket is column 12, in `  items: {` the brace column 10
    "colon, last line": (
        MEETING + "  description:围墙破损\n",
        4,
        14,
        "请写成 'description: 围墙破损'",
    ),
    "colon, a line follows": (
        MEETING + "  description:围墙破损\n  note: x\n",
        4,
        14,
        "请写成 'description: 围墙破损'",
    ),
    # the parser complains about line 2's colon; the mistake is line 1's
    "colon of the first key": ("- kind:meeting\n  date: 2012-05-14\n", 1, 7, "'kind: meeting'"),
    "colon at the top": ("kind:meeting\ndate: 2012-05-14\n", 1, 5, "'kind: meeting'"),
    "double quote": (MEETING + '  topic: "校园安全\n  note: x\n', 4, 10, '补上 "'),
    "single quote at the end": (MEETING + "  topic: '校园安全\n", 4, 10, "补上 '"),
    # the next quote in the file (line 7) closes it: still the opening quote of line 4
    "double quote closed later": (
        MEETING + '  topic: "校园安全\n- kind: meeting\n  date: 2012-05-21\n  topic: "会议"\n',
        4,
        10,
        "到第 7 行",
    ),
    "bracket": (MEETING + "  schools: [sch-a, sch-b\n  note: x\n", 4, 12, "补上 ']'"),
    "brace at the end": (MEETING + "  items: {a: 是, b: 否\n", 4, 10, "补上 '}'"),
    "bracket closed by a brace": (MEETING + "  schools: [sch-a}\n", 4, 18, "改为 ']'"),
    "list item one space in": (MEETING + " - kind: meeting\n", 4, 2, "从第 1 列开始"),
    "key one space too few": (
        "- kind: meeting\n  date: 2012-05-14\n unit: ps-a\n",
        3,
        2,
        "第 3 列",
    ),
    "key one space too many": (
        "- kind: meeting\n  date: 2012-05-14\n   unit: ps-a\n",
        3,
        4,
        "第 3 列",
    ),
    # `name` at column 7, `supervisor` at column 3; `unit` at 5 fits neither
    "nested key between levels": (
        "- kind: hazard\n  supervisor:\n      name: 陈伟\n    unit: ps-a\n",
        4,
        5,
        "从第 7 列开始(与第 3 行的 'name' 对齐),或从第 3 列开始",
    ),
    "list under a key, less indented": (
        "- kind: meeting\n  schools:\n    - sch-a\n  - sch-b\n",
        4,
        3,
        "从第 5 列开始写 '- '",
    ),
    "key without value in braces": (MEETING + "  items: {a: 是, b:}\n", 4, 18, "'b:' 后面缺少值"),
    "two commas": (MEETING + "  items: {a: 是,, b: 否}\n", 4, 16, "多了一个逗号"),
    "text after a quote": (MEETING + '  topic: "x" y\n', 4, 14, "放进引号里"),
    "apostrophe in single quotes": (MEETING + "  topic: 'it's\n", 4, 14, "写成两个 ''"),
    "text after a bracket": (MEETING + "  schools: [sch-a] x\n", 4, 20, "']' 之后多出了 'x'"),
    "dash among fields": (MEETING + "  - note: x\n", 4, 3, "请删去 '- '"),
    "dash after a single record": (
        "kind: meeting\ndate: 2012-05-14\n- kind: x\n",
        3,
        1,
        "每条都以 '- ' 开头",
    ),
    "record without dash": (MEETING + "kind: meeting\n", 4, 1, "请在前面加 '- '"),
    "dash without space": ("-kind: meeting\n date: 2012-05-14\n", 1, 1, "'-' 后面缺少空格"),
    "block text not indented": (MEETING + "  topic: |\n  第一行\n", 5, 3, "缩进更深"),
    "block header with text": (MEETING + "  topic: |重要\n", 4, 10, "'|' 表示下面几行是多行文字"),
    "document end": (MEETING + "...\n" + MEETING, 4, 1, "'...' 表示文档到此结束"),
    "content after the marker": ("--- kind: meeting\ndate: 2012-05-14\n", 1, 5, "必须单独占一行"),
    "four dashes": (MEETING + "----\n" + MEETING, 4, 1, "三个减号"),
    "list on the key's line": (MEETING + "  schools: - sch-a\n", 4, 12, "'schools: [sch-a]'"),
    "colon in a value": (MEETING + "  topic: 时间: 上午\n", 4, 12, 'topic: "时间: 上午"'),
    "top key, its value and a key indented below it": (
        "kind: meeting\ndate:\n    2012-05-14\n  unit: ps-a\n",
        4,
        3,
        "请从第 1 列开始写(与 'date' 对齐)",
    ),
    "top key with nothing after and a line between levels": (
        "x_base:\n    kind: meeting\n  date: 2012-05-14\n",
        3,
        3,
        "从第 5 列开始",
    ),
    "backslash in double quotes": (MEETING + '  note: "D:\\报表"\n', 4, 12, "改用单引号"),
    "star starts a value": (MEETING + "  topic: *重点*\n", 4, 10, "会被当成别名"),
    "at sign starts a value": (MEETING + "  topic: @所有人\n", 4, 10, "'@' 是 YAML 的保留符号"),
    "undefined alias": (MEETING + "  topic: *nothing\n", 4, 10, "在前面没有定义"),
    "key without name": (MEETING + "  : x\n", 4, 3, "':' 前面缺少字段名"),
    "plain text line": (MEETING + "  围墙破损\n", 4, 3, "不是 '字段: 值' 的写法"),
    # U+000B pasted from Word: after `  topic: 校园` (11 characters)
    "control character": (MEETING + "  topic: 校园\x0b安全\n", 4, 12, "控制字符 U+000B"),
}


def _explained(text: str) -> tuple[int, int, str, str]:
    _, found = read_records("r.yaml", text.encode())
    [d] = found
    assert d.code == "E-yaml"
    return d.line, d.column, d.message("zh"), d.message("en")


@pytest.mark.parametrize("name", list(CASES))
def test_a_syntax_error_is_told_at_the_mistake_with_its_fix(name: str) -> None:
    text, line, column, phrase = CASES[name]
    got_line, got_column, zh, en = _explained(text)
    assert (got_line, got_column) == (line, column), zh
    assert phrase in zh
    assert "while " not in zh and "did not find" not in zh  # no parser English in Chinese
    assert en != zh


def test_english_messages_say_the_same_fix() -> None:
    _, _, _, en = _explained(CASES["colon, last line"][0])
    assert "write 'description: 围墙破损'" in en
    _, _, _, en = _explained(CASES["key one space too few"][0])
    assert "start it at column 3 (under 'date' on line 2)" in en


def test_what_no_rule_knows_is_still_told_inside_the_file() -> None:
    # `%YAML 1.1` and nothing else: libyaml looks for a document past the end of the file
    line, column, zh, _ = _explained("%YAML 1.1\n\n\n")
    assert (line, column) == (1, 10)
    assert "YAML 格式错误" in zh and "解析器" in zh


def test_the_error_of_an_unclosed_quote_is_never_past_the_end() -> None:
    text = MEETING + '  topic: "x\n\n\n'
    assert _explained(text)[:2] == (4, 10)


def test_a_huge_line_is_explained_quickly() -> None:
    # a megabyte of `[`: libyaml stops at its nesting limit (1000 levels)
    line, column, zh, _ = _explained("[" * 1_000_000)
    assert (line, column) == (1, 1001) and "嵌套太深" in zh


SYNTAX_NOISE = st.sampled_from(
    [":", ": ", "-", "- ", '"', "'", "[", "]", "{", "}", ",", "|", ">", "*", "&", "@", "`",
     "%", "#", "...", "---", " ", "  ", "\n", "\n  ", "\n ", "：", "? "]
)  # fmt: skip

VALID = (
    MEETING
    + "  schools: [sch-a, sch-b]\n  items: {a: 是}\n  topic: '校园 安全'\n"
    + "- kind: hazard\n  school: sch-a\n  supervisor:\n    name: 陈伟\n    unit: ps-a\n"
    + "  notes:\n    - 第一\n    - 第二\n  text: |\n    多行\n    文字\n"
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    edits=st.lists(
        st.tuples(st.integers(0, len(VALID)), SYNTAX_NOISE, st.booleans()), min_size=1, max_size=3
    )
)
def test_any_syntax_error_points_inside_the_file_in_chinese(
    edits: list[tuple[int, str, bool]],
) -> None:
    text = VALID
    for at, noise, delete in edits:
        at = min(at, len(text))
        text = text[:at] + text[at + 1 :] if delete else text[:at] + noise + text[at:]
    try:
        list(yaml.compose_all(text, Loader=_Loader))
    except yaml.YAMLError:
        pass
    else:
        return
    _, found = read_records("r.yaml", text.encode())
    lines = LINE_BREAK.split(text)
    last = max((n for n, line in enumerate(lines, 1) if line.strip()), default=1)
    for d in found:
        assert 1 <= d.line <= (last if d.code == "E-yaml" else len(lines))
        assert 1 <= d.column <= len(lines[d.line - 1]) + 1
        assert re.search("[\u4e00-\u9fff]", d.message("zh"))
        if d.code == "E-yaml" and "while " in d.message("zh"):
            assert "解析器" in d.message("zh")  # parser words only in the fallback, marked
