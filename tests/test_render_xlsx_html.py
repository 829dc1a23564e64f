"""The xlsx and HTML renderers of the statistics form: the workbook read back with openpyxl
(title, header rows, merged cells, frozen panes, every number equal to the JSON), the HTML
page self-contained and escaped, notes loud in both, and the command line's handling of a
binary format (only with --out, written atomically).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import DataDir
from typer.testing import CliRunner

from hxay import api
from hxay.cli import app
from hxay.loading.load import load
from hxay.models.ledger import Ledger, Provenance
from hxay.render import formats
from hxay.render.formats import Format
from hxay.render.xlsx import text_width
from hxay.reports.period import month_window
from hxay.reports.stats import build_stats
from hxay.reports.table import Table

SAMPLE = Path(__file__).resolve().parent.parent / "data"
PROVENANCE = Provenance("data", None, None, 0, 0, 0)


def _sheet(table: Table) -> Any:
    from openpyxl import load_workbook

    data = formats.render(table, Format.xlsx)
    assert isinstance(data, bytes)
    return load_workbook(io.BytesIO(data)).active


def _header_row(ws: Any) -> int:
    return next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value in ("单位", "Unit"))


@pytest.fixture(scope="module")
def ledger() -> Ledger:
    loaded = load(SAMPLE)
    assert loaded.ledger is not None and not loaded.errors
    return loaded.ledger


@pytest.fixture(scope="module")
def may(ledger: Ledger) -> Table:
    return build_stats(ledger, month_window(ledger.campaign, "2012-05"), provenance=PROVENANCE)


def test_xlsx_reads_back_as_the_paper_form(may: Table) -> None:
    from openpyxl.utils import get_column_letter

    ws = _sheet(may)
    doc = json.loads(str(formats.render(may, Format.json)))
    # no forms.header in the sample: no 表号 lines, the title first, blanks to fill in by hand
    assert ws["A1"].value == '平湖市"护校安园"专项行动情况统计报表 2012年5月'
    assert ws["A1"].font.bold and ws["A1"].alignment.horizontal == "center"
    line2 = [v for v in next(ws.iter_rows(min_row=2, max_row=2, values_only=True)) if v]
    assert line2 == ["填报单位(盖章):平湖市公安局治安大队", "填报日期:____年__月__日"]
    values = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert values[-1].startswith("数据:data(不在 git 仓库中);")

    top = _header_row(ws)
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert (
        f"A1:{get_column_letter(1 + 2 * len(may.columns))}1" in merged
    )  # the title centred over the table
    assert f"A{top}:A{top + 1}" in merged
    measures = doc["measures"]
    for j, measure in enumerate(measures):
        first, second = get_column_letter(2 + 2 * j), get_column_letter(3 + 2 * j)
        # a label too wide for its two columns is broken before its unit: 辖区学校 / (所)
        assert ws[f"{first}{top}"].value.replace("\n", "") == measure["label"]
        assert f"{first}{top}:{second}{top}" in merged
        assert (ws[f"{first}{top + 1}"].value, ws[f"{second}{top + 1}"].value) == ("本期", "累计")
    assert ws.max_column == 2 + 2 * len(measures)  # the last one is the hidden unit ids
    assert ws.freeze_panes == f"B{top + 2}"
    assert ws.print_title_rows == f"$1:${top + 1}"

    units = doc["units"]
    rows = range(top + 2, top + 2 + len(units))
    assert [ws.cell(r, 1).value for r in rows] == [u["name"] for u in units]
    assert units[-2:] == [{"id": "-", "name": "其他"}, {"id": "*", "name": "合计"}]
    row_of = {u["id"]: r for u, r in zip(units, rows, strict=True)}
    col_of = {m["id"]: 2 + 2 * j for j, m in enumerate(measures)}
    for value in doc["values"]:
        r, c = row_of[value["unit"]], col_of[value["measure"]]
        got = (ws.cell(r, c).value, ws.cell(r, c + 1).value)
        assert got == (value["period"], value["cumulative"]), value
        assert all(type(v) is int for v in got)
    total = row_of["*"]
    assert all(ws.cell(total, c).font.bold for c in range(1, ws.max_column))
    assert not ws.cell(row_of["ps-danghu"], 2).font.bold
    assert ws.column_dimensions["A"].width >= text_width("独山港派出所") == 12


def test_xlsx_half_month_unit_and_english(ledger: Ledger) -> None:
    window = month_window(ledger.campaign, "2012-09", half=2)
    ws = _sheet(build_stats(ledger, window, provenance=PROVENANCE, unit="ps-zhapu"))
    assert ws["A1"].value.endswith("报表 2012年9月下半月")
    assert ws["A2"].value == "填报单位(盖章):乍浦派出所"
    top = _header_row(ws)
    assert ws.cell(top + 2, 1).value == "乍浦派出所"
    assert ws.cell(top + 3, 1).value is None

    cut = month_window(ledger.campaign, "2012-03", as_of=dt.date(2012, 3, 20))
    en = _sheet(build_stats(ledger, cut, provenance=PROVENANCE, lang="en"))
    assert en["A1"].value.endswith(": statistics form, 2012-03 (2012-03-01 to 2012-03-20)")
    top = _header_row(en)
    assert (en.cell(top + 1, 2).value, en.cell(top + 1, 3).value) == ("Period", "Cumulative")
    zh = _sheet(build_stats(ledger, cut, provenance=PROVENANCE))
    assert zh["A1"].value.endswith("2012年3月(3月1日至3月20日)")


def test_text_width_counts_cjk_as_two() -> None:
    assert text_width("abc") == 3
    assert text_width("检查(所次)") == 10
    assert text_width("检查\uff08所次\uff09") == 12  # full-width brackets


def test_html_is_self_contained(may: Table) -> None:
    page = str(formats.render(may, Format.html))
    assert page.startswith('<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">')
    assert "<title>平湖市&quot;护校安园&quot;专项行动情况统计报表 2012年5月</title>" in page
    assert "<style>" in page
    for external in ("http:", "https:", "src=", "<link", "<script", "@import", "url("):
        assert external not in page
    assert page.count("<table>") == 2 and "<h2>累计(2012-03-01 至 2012-05-31)</h2>" in page
    assert '<tr><th scope="row">检查(所次)</th><td>35</td>' in page
    assert '<th scope="col" class="total">合计</th>' in page
    assert "数据:data(不在 git 仓库中)" in page and 'class="notice"' not in page


def test_html_escapes_and_both_formats_are_loud_about_errors(datadir: DataDir) -> None:
    units = datadir.write().joinpath("units.yaml").read_text(encoding="utf-8")
    root = datadir.write(
        {
            "units.yaml": units.replace("name: 甲派出所", "name: '<i>甲&派出所</i>'"),
            "records/bad.yaml": "- {kind: inspection, date: 2012-05-07, school: sch-a, "
            "unit: ps-a, inspecter: 甲}\n",
        }
    )
    result = api.report(root, month="2012-05", display_path="data", allow_errors=True)
    assert result.table is not None and result.table.notes
    note = result.table.notes[0]
    page = str(formats.render(result.table, Format.html))
    assert "<i>" not in page and "&lt;i&gt;甲&amp;派出所&lt;/i&gt;" in page
    assert page.count(f'<p class="notice" role="alert">{note}</p>') == 2
    ws = _sheet(result.table)
    cells = [c for row in ws.iter_rows() for c in row if c.value == note]
    assert len(cells) == 2 and all(
        c.font.bold and c.font.color.rgb.endswith("C00000") for c in cells
    )
    assert "<i>甲&派出所</i>" in [c.value for c in ws["A"]]


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.delenv("HXAY_DATA", raising=False)
    return CliRunner()


def test_cli_xlsx_only_to_a_file(runner: CliRunner, datadir: DataDir, tmp_path: Path) -> None:
    root = datadir.write()
    base = ["report", "-m", "2012-05", "--data", str(root)]
    got = runner.invoke(app, [*base, "--format", "xlsx"])
    assert got.exit_code == 2 and got.stdout == ""
    assert "--out" in got.stderr

    out = tmp_path / "out"
    out.mkdir()
    target = out / "may.xlsx"
    target.write_bytes(b"old")
    got = runner.invoke(app, [*base, "--out", str(target)])
    assert got.exit_code == 0, got.output
    assert got.stdout == ""
    assert target.read_bytes()[:2] == b"PK"
    assert sorted(p.name for p in out.iterdir()) == ["may.xlsx"]

    other = out / "may.bin"
    got = runner.invoke(app, [*base, "-f", "xlsx", "-o", str(other)])
    assert got.exit_code == 0 and other.read_bytes()[:2] == b"PK"

    page = out / "may.htm"
    got = runner.invoke(app, [*base, "-o", str(page)])
    assert got.exit_code == 0
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    got = runner.invoke(app, [*base, "-f", "html"])
    assert got.exit_code == 0 and got.stdout.startswith("<!DOCTYPE html>")


def test_choosing_a_format_imports_no_openpyxl() -> None:
    code = (
        "import sys, hxay.cli, hxay.render.formats as f; "
        "print('openpyxl' in sys.modules, f.Format.xlsx in f.BINARY)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "True"]
