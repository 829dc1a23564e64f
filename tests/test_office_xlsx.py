"""The office's xlsx: the statistics form's head and foot from `forms.header`, the 其他 row
only when it holds a value (with its footnote, in every format), the print setup of every
workbook, the machine contract (document properties, hidden measure row and unit column
outside the print area), the serious-hazard list and the scorecard read back row for row
against their JSON, and the check's 督办清单 written with `hxay check --out`.

Hand-made folders (conftest's base: stations ps-a and ps-b, schools sch-a of ps-a and sch-b
of ps-b, the security brigade sb) give the expected values; how each is worked out is said
beside it.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from conftest import CAMPAIGN, DataDir
from typer.testing import CliRunner

from hxay import api
from hxay.cli import app
from hxay.models.measures import MEASURES
from hxay.render import formats
from hxay.render.formats import Format, RenderOptions
from hxay.render.xlsx.page import column_after, footer_text, slots
from hxay.reports.document import Document
from hxay.reports.table import Table

SAMPLE = Path(__file__).resolve().parent.parent / "data"

MAY = """\
- {kind: inspection, id: insp-1, date: 2012-05-07, unit: ps-a, school: sch-a, inspectors: [甲]}
"""
# a meeting of the security brigade names no school and no station: no station can be found
# for it (stats.row_of rule 4), so it counts in 其他
OTHER_MEETING = """\
- {kind: meeting, id: mt-1, date: 2012-05-20, unit: sb}
"""
HEADER = """\
forms:
  header: {table_no: 公治统表1号, issuer: 公安部治安管理局, unit: 平湖市公安局, head: 张三,
           phone: ""}
"""


def _workbook(data: bytes | str) -> Any:
    from openpyxl import load_workbook

    assert isinstance(data, bytes)
    return load_workbook(io.BytesIO(data))


def _stats(root: Path, **kw: Any) -> Table:
    result = api.report(root, month=kw.pop("month", "2012-05"), display_path="data", **kw)
    assert isinstance(result.table, Table), result.problems
    return result.table


def _texts(ws: Any) -> list[str]:
    return [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]


def test_other_row_only_when_it_holds_a_value(datadir: DataDir) -> None:
    root = datadir.write({"records/may.yaml": MAY})
    # one inspection of sch-a (ps-a): nothing anywhere else, so no 其他 and no footnote
    table = _stats(root)
    assert [row.id for row in table.rows] == ["ps-a", "ps-b", "*"]
    assert table.footnotes == ()
    doc = json.loads(str(formats.render(table, Format.json)))
    assert [u["id"] for u in doc["units"]] == ["ps-a", "ps-b", "*"]
    assert "footnotes" not in doc and "header" not in doc
    assert "其他" not in str(formats.render(table, Format.md))

    root = datadir.write({"records/meeting.yaml": OTHER_MEETING})
    table = _stats(root)
    assert [row.id for row in table.rows] == ["ps-a", "ps-b", "-", "*"]
    assert table.cell("-", "meetings") == (1, 1)
    note = "注:“其他”为找不到所属派出所的记录(其学校、车辆或单位不属于任何派出所)。"
    assert table.footnotes == (note,)
    options = RenderOptions(width=120)
    for fmt in (Format.table, Format.md, Format.html, Format.csv, Format.json):
        assert note in str(formats.render(table, fmt, options)), fmt
    assert note in _texts(_workbook(formats.render(table, Format.xlsx)).active)
    en = _stats(root, lang="en")
    assert en.footnotes[0].startswith("Note: “Other” counts the records no police station")
    # a station's own form has no 其他 row, so no footnote either
    assert _stats(root, unit="ps-a").footnotes == ()


def test_the_form_head_and_foot_from_forms_header(datadir: DataDir) -> None:
    root = datadir.write({"campaign.yaml": CAMPAIGN + HEADER, "records/may.yaml": MAY})
    table = _stats(root)
    ws = _workbook(formats.render(table, Format.xlsx)).active
    # 表号 and 制表机关 configured (top right, one line each); 批准文号 not: no line for it
    assert ws["A1"].value is None and ws["A2"].value is None
    top_right = [c.value for row in ws.iter_rows(max_row=2) for c in row if c.value]
    assert top_right == ["表    号:公治统表1号", "制表机关:公安部治安管理局"]
    cells = [c for row in ws.iter_rows(max_row=2) for c in row if c.value]
    assert all(c.column > len(MEASURES) for c in cells)  # in the right part of the form
    assert ws["A3"].value == "测试专项行动情况统计报表 2012年5月"
    line4 = [c.value for c in ws[4] if c.value]
    assert line4 == ["填报单位(盖章):平湖市公安局", "填报日期:____年__月__日"]
    # the foot: head given, phone given as "" (so blank), the others not configured: blanks
    texts = _texts(ws)
    signed = texts.index("单位负责人:张三")
    assert texts[signed : signed + 5] == [
        "单位负责人:张三",
        "审核人:________",
        "填表人:________",
        "联系电话:________",
        "报出日期:____年__月__日",
    ]
    # the provenance left the head for the last line and the page footer
    assert texts[-1].startswith("数据:data(") and texts[-1].endswith("hxay 0.1.0")
    assert not any(x.startswith("数据:") for x in texts[: texts.index(line4[0])])
    assert ws.oddFooter.left.text == footer_text(texts[-1])
    assert ws.oddFooter.right.text == "第 &P 页,共 &N 页"

    doc = json.loads(str(formats.render(table, Format.json)))
    assert doc["header"] == {
        "table_no": "公治统表1号",
        "issuer": "公安部治安管理局",
        "unit": "平湖市公安局",
        "head": "张三",
        "phone": "",
    }
    assert list(doc).index("header") == list(doc).index("data") + 1

    # a station's form names the station, not the city's configured unit
    station = _workbook(formats.render(_stats(root, unit="ps-a"), Format.xlsx)).active
    assert "填报单位(盖章):甲派出所" in _texts(station)
    html = str(formats.render(table, Format.html))
    assert "<li>表    号:公治统表1号</li>" in html and "<span>单位负责人:张三</span>" in html


def test_without_forms_header_every_line_is_blank(datadir: DataDir) -> None:
    ws = _workbook(formats.render(_stats(datadir.write()), Format.xlsx)).active
    texts = _texts(ws)
    assert texts[0] == "测试专项行动情况统计报表 2012年5月"  # no 表号 lines above the title
    assert "填报单位(盖章):治安大队" in texts  # the campaign office (the security brigade)
    for blank in ("单位负责人:________", "审核人:________", "填表人:________", "联系电话:________"):
        assert blank in texts


def _contract(ws: Any) -> tuple[int, int]:
    """The hidden row (marks) and column (units) as a reader finds them: `hxay:measure` in
    column A, `hxay:unit` in the same row."""
    marks = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "hxay:measure")
    col = next(c for c in range(1, ws.max_column + 1) if ws.cell(marks, c).value == "hxay:unit")
    return marks, col


def test_machine_contract_reads_the_numbers_back(datadir: DataDir) -> None:
    from openpyxl.utils import get_column_letter, range_boundaries

    root = datadir.write(
        {"campaign.yaml": CAMPAIGN + HEADER, "records/may.yaml": MAY + OTHER_MEETING}
    )
    table = _stats(root, month="2012-05", half=1)
    wb = _workbook(formats.render(table, Format.xlsx))
    props = {p.name: p.value for p in wb.custom_doc_props}
    assert props == {
        "hxay.form": "stats",
        "hxay.campaign": "test-2012",
        "hxay.campaign_name": "测试专项行动",
        "hxay.period": "2012-05-1",
        "hxay.period_start": "2012-05-01",
        "hxay.period_end": "2012-05-15",
        "hxay.cumulative_start": "2012-03-01",
        "hxay.cumulative_end": "2012-05-15",
        "hxay.as_of": "2012-05-15",
        "hxay.header_unit": "平湖市公安局",
        "hxay.version": "0.1.0",
    }
    ws = wb.worksheets[0]
    marks, unit_col = _contract(ws)
    assert ws.row_dimensions[marks].hidden
    assert ws.column_dimensions[get_column_letter(unit_col)].hidden
    top = marks + 1
    assert (ws.cell(top, 1).value, ws.cell(top + 1, 2).value) == ("单位", "本期")
    assert unit_col == 2 + 2 * len(MEASURES)  # directly after the last value column

    measures = {ws.cell(marks, c).value: c for c in range(2, unit_col) if ws.cell(marks, c).value}
    assert list(measures) == [c.id for c in table.columns]
    assert all(measures[m] == 2 + 2 * j for j, m in enumerate(measures))  # 累计 next to it
    units = {}
    r = top + 2
    while ws.cell(r, unit_col).value is not None:
        units[ws.cell(r, unit_col).value] = r
        r += 1
    # the meeting (20th) is after the first half: 其他 holds it in neither column, so no row
    assert list(units) == ["ps-a", "ps-b", "*"]
    doc = json.loads(str(formats.render(table, Format.json)))
    for value in doc["values"]:
        row, col = units[value["unit"]], measures[value["measure"]]
        got = (ws.cell(row, col).value, ws.cell(row, col + 1).value)
        assert got == (value["period"], value["cumulative"]), value

    # neither the hidden row nor the hidden column is printed
    area = ws.print_area.split("!")[-1].replace("$", "")
    min_col, min_row, max_col, _ = range_boundaries(area)
    assert min_row > marks and max_col < unit_col and min_col == 1
    assert ws.print_title_rows == f"$1:${top + 1}"  # head and header rows on every page

    without = _workbook(
        formats.render(_stats(datadir.write({"campaign.yaml": CAMPAIGN})), Format.xlsx)
    )
    assert not {p.name: p.value for p in without.custom_doc_props}["hxay.header_unit"]
    _, col = _contract(without.worksheets[0])
    marks, _ = _contract(without.worksheets[0])
    assert [without.worksheets[0].cell(r, col).value for r in range(marks + 3, marks + 7)] == [
        "ps-a",
        "ps-b",
        "-",
        "*",
    ]  # the meeting counts in May: 其他 is there, as `-`


def test_print_setup_of_every_workbook(datadir: DataDir) -> None:
    few = CAMPAIGN + "forms:\n  stats: [{measure: inspections}, {measure: hazards_found}]\n"
    root = datadir.write({"records/may.yaml": MAY})
    wide = _workbook(formats.render(_stats(root), Format.xlsx)).active
    narrow_root = datadir.write({"campaign.yaml": few})
    narrow = _workbook(formats.render(_stats(narrow_root), Format.xlsx)).active
    # 28 indicators are 56 value columns: A3; two are 4: A4
    assert (wide.page_setup.paperSize, narrow.page_setup.paperSize) == (8, 9)
    for ws in (wide, narrow):
        assert ws.page_setup.orientation == "landscape"
        assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert not ws.sheet_view.showGridLines and not ws.print_options.gridLines
        assert ws.print_options.horizontalCentered
        assert ws.print_title_cols == "$A:$A"
        assert ws.page_margins.left == 0.4
    merged = {str(m) for m in narrow.merged_cells.ranges}
    assert "A1:E1" in merged  # the title centred over the unit column and four values


def test_layout_helpers() -> None:
    widths = [10.0, 5.0, 5.0, 5.0, 5.0]
    assert column_after(widths, 1, 12) == 3  # columns 1 and 2 span 15 >= 12
    assert slots(widths, 3) == [1, 2, 4]  # thirds of 30: left edges 0, 10 (col 2), 20 (col 4)
    assert footer_text("a&b") == "a&&b"
    assert len(footer_text("数" * 300)) == 240


@pytest.fixture(scope="module")
def sample_docs() -> dict[str, Document]:
    out = {}
    for form, as_of in (("serious-list", None), ("schools", "2012-11-30")):
        import datetime as dt

        day = dt.date.fromisoformat(as_of) if as_of else None
        result = api.report(SAMPLE, month=None, form=form, as_of=day, display_path="data")
        assert isinstance(result.table, Document)
        out[form] = result.table
    return out


def _rows(ws: Any, listing_fields: list[dict[str, str]]) -> list[dict[str, object]]:
    """A listing sheet's data rows as {field id: value}: the header row maps each visible
    label (and each hidden column's field id) to the field."""
    by_label = {f["label"]: f["id"] for f in listing_fields}
    head = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value in by_label)
    columns = {}
    for c in range(1, ws.max_column + 1):
        name = ws.cell(head, c).value
        columns[c] = by_label.get(name, name)
    out = []
    for r in range(head + 1, ws.max_row + 1):
        values = {columns[c]: ws.cell(r, c).value for c in columns}
        hidden = [c for c in columns if ws.column_dimensions[ws.cell(head, c).column_letter].hidden]
        if all(values[columns[c]] is None for c in hidden):
            continue  # a group heading, the total, the foot: no ids behind them
        out.append(values)
    return out


@pytest.mark.parametrize("form", ["serious-list", "schools"])
def test_listing_workbooks_hold_every_row_of_the_json(
    sample_docs: dict[str, Document], form: str
) -> None:
    doc = sample_docs[form]
    data = json.loads(str(formats.render(doc, Format.json)))
    key = doc.sections[0].blocks[-1].id  # type: ignore[union-attr]
    wb = _workbook(formats.render(doc, Format.xlsx))
    assert {p.name: p.value for p in wb.custom_doc_props}["hxay.form"] == form
    ws = wb.active
    rows = _rows(ws, data["fields"])
    expected = data[key]
    assert len(rows) == len(expected) > 5
    yes_no = {True: "是", False: "否"}
    for got, want in zip(rows, expected, strict=True):
        for field_id, value in want.items():
            shown = got.get(field_id)
            if field_id == "overdue":
                continue
            if isinstance(value, bool) and isinstance(shown, str):
                value = yes_no[value]
            assert (shown if shown != "" else None) == value, (field_id, want)
    texts = _texts(ws)
    assert texts[0] == doc.title
    # grouped by station: each station heads its rows, in the JSON's order
    stations = list(dict.fromkeys(str(r["station_name"]) for r in expected))
    first_column = [ws.cell(r, 1).value for r in range(1, ws.max_row + 1)]
    assert [x for x in first_column if x in stations] == stations
    assert ws.page_setup.orientation == "landscape" and ws.print_title_rows
    head = int(ws.print_title_rows.split(":")[0].strip("$"))
    assert ws.cell(head, 1).value == "学校"


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.delenv("HXAY_DATA", raising=False)
    return CliRunner()


def test_check_writes_the_owed_list(runner: CliRunner, datadir: DataDir, tmp_path: Path) -> None:
    root = datadir.write()
    out = tmp_path / "owed.xlsx"
    base = ["check", "--data", str(root), "--as-of", "2012-05-11", "--obligation", "liaison"]
    got = runner.invoke(app, [*base, "--out", str(out)])
    # no unit has a liaison: ps-a, ps-b and tb are each 10 days past 05-01 (issued + 7)
    assert got.exit_code == 1, got.output
    assert got.stdout == "" and f"已写入 {out}(" in got.stderr
    wb = _workbook(out.read_bytes())
    assert len(wb.worksheets) == 1
    ws = wb.active
    assert ws["A1"].value == "测试专项行动督办清单(截至2012-05-11)"
    head = int(ws.print_title_rows.split(":")[0].strip("$"))
    assert [ws.cell(head, c).value for c in range(1, 8)] == [
        "状态",
        "逾期天数",
        "事项",
        "对象",
        "期间",
        "期限",
        "需要补上的",
    ]
    blocks = [ws.cell(r, 1).value for r in range(head + 1, ws.max_row + 1)]
    assert [b for b in blocks if b and "项,其中逾期" in b] == [
        "甲派出所(ps-a)  1 项,其中逾期 1 项",
        "乙派出所(ps-b)  1 项,其中逾期 1 项",
        "交警大队(tb)  1 项,其中逾期 1 项",
    ]
    first = head + 2
    assert [ws.cell(first, c).value for c in range(1, 7)] == [
        "逾期未完成",
        10,
        "确定专项行动联络员",
        "甲派出所 ps-a",
        None,
        "2012-05-01",
    ]
    assert ws.cell(first, 8).value == "liaison" and ws.cell(first, 10).value == "ps-a"
    assert len(ws.row_breaks.brk) == 2  # each unit on its own page, to hand out
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
    assert ws.column_dimensions["H"].hidden
    assert ws.print_area.endswith("$G$" + str(ws.max_row))
    assert ws.cell(ws.max_row - 1, 1).value.startswith("合计:逾期未完成 3")

    got = runner.invoke(app, [*base, "--lang", "en", "-f", "xlsx", "-o", str(out)])
    assert got.exit_code == 1
    ws = _workbook(out.read_bytes()).active
    assert ws.cell(head, 1).value == "Status" and ws.cell(head + 2, 1).value == "overdue"


@pytest.mark.parametrize(
    "args",
    [
        ["--format", "xlsx"],  # a binary format needs --out
        ["--out", "{root}/owed.yaml"],  # would be read as records
        ["--out", "{tmp}/owed.bin"],  # no format from the extension
        ["--format", "html", "--out", "{tmp}/owed.html"],
    ],
)
def test_check_out_usage_errors(
    runner: CliRunner, datadir: DataDir, tmp_path: Path, args: list[str]
) -> None:
    root = datadir.write()
    args = [a.format(root=root, tmp=tmp_path) for a in args]
    got = runner.invoke(app, ["check", "--data", str(root), "--as-of", "2012-05-11", *args])
    assert got.exit_code == 2, got.output
    assert got.stdout == ""
    assert not (root / "owed.yaml").exists()


def test_check_csv_to_a_file_starts_with_a_bom(
    runner: CliRunner, datadir: DataDir, tmp_path: Path
) -> None:
    root = datadir.write()
    out = tmp_path / "owed.csv"
    got = runner.invoke(
        app, ["check", "--data", str(root), "--as-of", "2012-05-11", "--out", str(out)]
    )
    assert got.exit_code == 1
    assert out.read_bytes().startswith("\ufeff事项,状态,责任单位".encode())


def test_init_writes_the_header_block_commented(datadir: DataDir) -> None:
    from hxay.editing.init import campaign_text

    text = campaign_text()
    block = text[text.index("# forms:") :].splitlines()
    assert "#   header:" in block
    assert any(line.startswith("#     unit: 平湖市公安局 ") for line in block)
    # uncommented as written, the block loads and configures the form's head and foot
    yaml = "\n".join(line.removeprefix("# ").removeprefix("#") for line in block) + "\n"
    root = datadir.write({"campaign.yaml": CAMPAIGN + yaml})
    loaded = api.validate(root)
    assert not loaded.errors, [d.format("en") for d in loaded.errors]
    assert loaded.campaign is not None and loaded.campaign.forms is not None
    header = loaded.campaign.forms.header
    assert header is not None and header.configured() == {
        "table_no": "公治统表1号",
        "issuer": "公安部治安管理局",
        "approval": "",
        "unit": "平湖市公安局",
        "head": "",
        "reviewer": "",
        "filled_by": "",
        "phone": "",
    }


def test_any_document_renders_as_a_workbook() -> None:
    """The summary (prose-only sections, charts, several listings in one section) through the
    generic renderer: a sheet per listing or chart, prose above its table."""
    import datetime as dt

    from hxay.render.xlsx.listing import document_workbook

    result = api.report(
        SAMPLE, month=None, form="summary", as_of=dt.date(2012, 11, 30), display_path="data"
    )
    doc = result.table
    assert isinstance(doc, Document)
    wb = _workbook(document_workbook(doc))
    charts = [c.title for c in doc.charts()]
    # 二 figures; three trend charts; 四: a chart, two listings; 五 hazards
    assert wb.sheetnames == [
        "二、主要数据(累计)",
        *charts[:3],
        charts[3],
        "四、各单位履行义务情况",
        "四、各单位履行义务情况(2)",
        "五、尚未整改的隐患",
    ]
    first = _texts(wb.worksheets[0])
    # the prose-only 一、总体情况 goes on the next sheet, above the figures
    assert first[first.index("一、总体情况") + 1].startswith("专项行动自2012-03-01开始")
    trend = wb[charts[0]]
    rows = [[trend.cell(r, c).value for c in (1, 2)] for r in range(1, trend.max_row + 1)]
    chart = doc.charts()[0]
    assert ["月份", "检查(所次)"] in rows
    start = rows.index(["月份", "检查(所次)"]) + 1
    assert rows[start : start + len(chart.categories)] == [
        [c, v] for c, v in zip(chart.categories, chart.series[0].values, strict=True)
    ]
