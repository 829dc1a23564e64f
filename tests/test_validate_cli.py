"""`hxay validate` on the command line: syntax errors at the mistake in Chinese, excerpts
(source line and `^`) forced with `--excerpt` as on a terminal, `--no-excerpt`, `--strict`."""

from __future__ import annotations

import json

from conftest import DataDir
from typer.testing import CliRunner

from hxay.cli import app

runner = CliRunner(env={"COLUMNS": "200", "NO_COLOR": "1"})

# Line 5 holds the mistake in both: the parser gives up on line 6 (or past the end).
COLON = """\
- kind: hazard
  id: hz-1
  school: sch-a
  found: 2012-05-14
  description:围墙破损
"""
QUOTE = """\
- kind: meeting
  date: 2012-05-14
  unit: ps-a
  schools: [sch-a]
  topic: "校园安全
  note: 第二行
"""
# A legal visit after the campaign's end (2012-11-30): a warning, nothing else.
LATE = """\
- kind: legal_visit
  date: 2012-12-10
  school: sch-a
  person: 李明
"""


def _validate(datadir: DataDir, files: dict[str, str], *args: str) -> tuple[int, str, str]:
    root = datadir.write(files)
    got = runner.invoke(app, ["validate", "--data", str(root), *args])
    return got.exit_code, got.stdout, got.stderr


def test_a_missing_space_after_a_colon_is_told_on_its_line_in_chinese(datadir: DataDir) -> None:
    code, _, err = _validate(datadir, {"r.yaml": COLON})
    assert code == 1
    # `  description` is 13 characters: the colon is column 14
    assert "r.yaml:5:14: error E-yaml" in err
    assert "冒号后面缺少空格" in err and "请写成 'description: 围墙破损'" in err


def test_an_unclosed_quote_is_told_at_the_opening_quote(datadir: DataDir) -> None:
    code, _, err = _validate(datadir, {"r.yaml": QUOTE})
    assert code == 1
    # `  topic: ` is 9 characters: the quote is column 10
    assert "r.yaml:5:10: error E-yaml" in err
    assert '没有结束的引号;请在这个值的末尾补上 "' in err


def test_english_with_lang_en(datadir: DataDir) -> None:
    _, _, err = _validate(datadir, {"r.yaml": COLON}, "--lang", "en")
    assert "r.yaml:5:14: error E-yaml no space after the colon" in err
    assert "write 'description: 围墙破损'" in err


def test_excerpt_shows_the_line_and_a_caret_under_the_column(datadir: DataDir) -> None:
    _, _, err = _validate(datadir, {"r.yaml": COLON}, "--excerpt")
    lines = err.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("r.yaml:5:14:"))
    # gutter `  5 | `, then the line as written; the caret after 13 cells of `  description`
    assert lines[at + 1] == "  5 |   description:围墙破损"
    assert lines[at + 2] == "    | " + " " * 13 + "^"


def test_the_caret_counts_chinese_characters_as_two_cells(datadir: DataDir) -> None:
    text = '- kind: meeting\n  date: 2012-05-14\n  unit: ps-a\n  topic: "安全教育" 讲座\n'
    _, _, err = _validate(datadir, {"r.yaml": text}, "--excerpt")
    lines = err.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("r.yaml:4:17:"))
    # before `讲座`: `  topic: "` (10 cells), 安全教育 (4 characters, 8 cells), `" ` (2): 20
    assert lines[at + 2] == "    | " + " " * 20 + "^"


def test_the_excerpt_shows_control_characters_escaped(datadir: DataDir) -> None:
    text = "- kind: meeting\n  date: 2012-05-14\n  unit: ps-a\n  topic: 校园\x0b安全\n"
    _, _, err = _validate(datadir, {"r.yaml": text}, "--excerpt")
    assert "  4 |   topic: 校园\\x0b安全" in err and "\x0b" not in err
    # the caret under the backslash of `\x0b`: `  topic: ` 9 cells and 校园 4
    assert "    | " + " " * 13 + "^" in err


def test_a_long_line_is_cut_around_the_column(datadir: DataDir) -> None:
    text = '- kind: meeting\n  date: 2012-05-14\n  unit: ps-a\n  topic: "' + "长" * 3000 + '" x\n'
    _, _, err = _validate(datadir, {"r.yaml": text}, "--excerpt")
    lines = err.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("r.yaml:4:"))
    shown, caret = lines[at + 1], lines[at + 2]
    assert shown.startswith("  4 | …") and shown.endswith('" x')
    assert len(shown) < 120
    # the caret sits under the `x`: 2 cells per 长, 1 for each other character
    before = shown[: shown.rindex("x")]
    assert caret.index("^") == len(before) + sum(1 for ch in before if ch == "长")


def test_no_excerpt_drops_them_and_a_pipe_has_none(datadir: DataDir) -> None:
    _, _, forced_off = _validate(datadir, {"r.yaml": COLON}, "--excerpt", "--no-excerpt")
    _, _, piped = _validate(datadir, {"r.yaml": COLON})  # CliRunner's stderr is no terminal
    for err in (forced_off, piped):
        assert "r.yaml:5:14: error E-yaml" in err
        assert " | " not in err


def test_json_has_no_excerpt(datadir: DataDir) -> None:
    code, out, _ = _validate(datadir, {"r.yaml": COLON}, "--format", "json", "--excerpt")
    doc = json.loads(out)
    assert code == 1
    assert [(e["line"], e["column"], e["code"]) for e in doc["errors"]] == [(5, 14, "E-yaml")]


def test_strict_counts_warnings_as_errors(datadir: DataDir) -> None:
    code, out, err = _validate(datadir, {"r.yaml": LATE})
    assert code == 0 and "W-outside-campaign" in err
    code, out, _ = _validate(datadir, {}, "--strict")
    assert code == 1
    assert "0 个错误,1 个警告" in out and "--strict" in out
    code, _, _ = _validate(datadir, {}, "--strict", "--format", "json")
    assert code == 1


def test_strict_on_a_clean_folder_is_zero(datadir: DataDir) -> None:
    code, out, err = _validate(datadir, {}, "--strict")
    assert code == 0 and err == "" and "--strict" not in out
