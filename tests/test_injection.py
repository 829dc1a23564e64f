"""Text from the data is never passed raw to a terminal, Markdown or a spreadsheet
(render/escape.py): names carrying formulas, HTML and terminal control sequences go through
every format of `check` and of every report."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest
from conftest import DataDir
from typer.testing import CliRunner

from hxay.cli import app
from hxay.render.formats import Format, forms_of

HYPERLINK = '=HYPERLINK("http://example.org","点击")'
CMD = "+cmd|' /C calc'!A0"
SUM = "@SUM(1+1)"
SCRIPT = "<script>alert(1)</script><img src=x onerror=alert(1)>"
# YAML double quotes can carry control characters: ESC (\e), BEL (\a), vertical tab (\v)
ESCAPES = r"\e[2J\e]0;pwned\a\e]8;;http://example.org\e\\link\e]8;;\e\\\v"

UNITS = f"""\
- {{kind: unit, id: sb, name: 治安大队, type: security_brigade}}
- {{kind: unit, id: ps-a, name: '{HYPERLINK}', type: police_station}}
- {{kind: unit, id: ps-b, name: "{CMD}", type: police_station}}
- {{kind: unit, id: tb, name: '{SUM}', type: traffic_brigade}}
- {{kind: unit, id: edu, name: 教育局, type: education_bureau}}
"""
SCHOOLS = f"""\
- {{kind: school, id: sch-a, name: "{SCRIPT}", type: primary, station: ps-a}}
- {{kind: school, id: sch-b, name: "乙{ESCAPES}幼儿园", type: kindergarten, station: ps-b}}
"""
RECORDS = f"""\
- kind: inspection
  date: 2012-05-14
  unit: ps-a
  school: sch-a
  hazards:
    - {{id: hz-1, description: "{SCRIPT}{ESCAPES}", deadline: 2012-05-20, severity: serious}}
- kind: hazard
  id: hz-2
  school: sch-b
  found: 2012-05-15
  description: '{HYPERLINK}'
  severity: major
"""


@pytest.fixture
def folder(datadir: DataDir) -> Path:
    return datadir.write(
        {"units.yaml": UNITS, "schools.yaml": SCHOOLS, "records/2012-05.yaml": RECORDS}
    )


def _assert_safe(fmt: Format, out: bytes, where: str) -> None:
    if fmt is Format.table:
        assert b"\x1b" not in out and b"\x07" not in out and b"\x0b" not in out, where
    if fmt is Format.md:
        text = out.decode("utf-8")
        assert "<" not in text, where
    if fmt is Format.csv:
        text = out.decode("utf-8-sig")
        for row in csv.reader(line for line in io.StringIO(text) if not line.startswith("#")):
            for cell in row:
                assert not (
                    cell[:1] in ("=", "+", "@", "\t", "\r")
                    or (cell.startswith("-") and cell != "-")
                ), (where, cell)
    if fmt is Format.html:
        text = out.decode("utf-8")
        assert "<script>" not in text and "onerror=alert" not in text.replace(
            "onerror=alert(1)&gt;", ""
        ), where
    if fmt is Format.xlsx:
        with zipfile.ZipFile(io.BytesIO(out)) as z:
            for name in z.namelist():
                if name.startswith("xl/worksheets/"):
                    assert b"<f>" not in z.read(name) and b"<f " not in z.read(name), (where, name)


def _run(args: list[str], tmp_path: Path, fmt: Format) -> bytes:
    runner = CliRunner()
    if fmt.binary:
        target = tmp_path / f"out{fmt.extensions[0]}"
        got = runner.invoke(app, [*args, "--out", str(target)])
        assert got.exit_code in (0, 1), (args, got.output)
        return target.read_bytes()
    target = tmp_path / f"out{fmt.extensions[0]}"
    got = runner.invoke(app, [*args, "--format", fmt.value])
    assert got.exit_code in (0, 1), (args, got.output)
    return got.stdout_bytes


REPORTS = {
    "stats": ["--month", "2012-05"],
    "work": ["--month", "2012-05"],
    "summary": ["--as-of", "2012-06-30"],
    "serious-list": ["--as-of", "2012-06-30"],
    "schools": ["--as-of", "2012-06-30"],
}


@pytest.mark.parametrize("form", sorted(REPORTS))
def test_every_report_format_is_safe(folder: Path, tmp_path: Path, form: str) -> None:
    for fmt in Format:
        if form not in forms_of(fmt):
            continue
        args = ["report", "--form", form, *REPORTS[form], "--data", str(folder)]
        if fmt.binary:
            args = ["report", "--form", form, *REPORTS[form], "--data", str(folder)]
        out = _run(args, tmp_path, fmt)
        _assert_safe(fmt, out, f"{form} {fmt.value}")


def test_every_check_format_is_safe(folder: Path, tmp_path: Path) -> None:
    for fmt in Format:
        if "check" not in forms_of(fmt):
            continue
        args = ["check", "--as-of", "2012-06-30", "--all", "--data", str(folder)]
        _assert_safe(fmt, _run(args, tmp_path, fmt), f"check {fmt.value}")


def test_diagnostics_show_control_characters_escaped(datadir: DataDir) -> None:
    root = datadir.write({"records/x.yaml": f'- {{kind: "检{ESCAPES}查"}}\n'})
    got = CliRunner().invoke(app, ["validate", "--data", str(root)])
    assert got.exit_code == 1
    assert "\x1b" not in got.stderr and "\\x1b" in got.stderr
