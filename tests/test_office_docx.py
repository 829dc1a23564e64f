"""The Word documents: the work report and the campaign summary of the sample data read back
with python-docx: the title and the numbered headings in order, real tables with a header
row that repeats on each page, the figures equal to the statistics form's JSON for the same
range, the official fonts and sizes (east-Asian font set), A4 portrait with page numbers,
charts as images when a CJK font draws them and as the tables of their numbers when not.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from hxay import api
from hxay.cli import app
from hxay.render import formats
from hxay.render.chartpng import cjk_font, to_png
from hxay.render.docx.document import docx_bytes
from hxay.render.docx.style import DocxStyle
from hxay.render.formats import Format
from hxay.reports.document import Document
from hxay.reports.table import Table

SAMPLE = Path(__file__).resolve().parent.parent / "data"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _doc(form: str, **kw: Any) -> Document:
    result = api.report(SAMPLE, form=form, display_path="data", **kw)
    assert isinstance(result.table, Document), result.problems
    return result.table


def _stats_json(month: str, unit: str | None = None) -> dict[str, Any]:
    result = api.report(SAMPLE, month=month, unit=unit, display_path="data")
    assert isinstance(result.table, Table)
    return dict(json.loads(str(formats.render(result.table, Format.json))))


def _values(doc: dict[str, Any], unit: str, part: str) -> dict[str, int]:
    labels = {m["id"]: m["label"] for m in doc["measures"]}
    return {labels[v["measure"]]: v[part] for v in doc["values"] if v["unit"] == unit}


def _word(data: bytes | str) -> Any:
    import docx

    assert isinstance(data, bytes)
    return docx.Document(io.BytesIO(data))


def _table(t: Any) -> list[list[str]]:
    return [[c.text for c in row.cells] for row in t.rows]


@pytest.fixture(scope="module")
def work() -> Document:
    return _doc("work", month="2012-05")


@pytest.fixture(scope="module")
def summary() -> Document:
    return _doc("summary", month=None, as_of=dt.date(2012, 11, 30))


def test_work_report_holds_the_forms_figures(work: Document) -> None:
    word = _word(formats.render(work, Format.docx))
    titles = [p.text for p in word.paragraphs if p.style.name == "Title"]
    assert titles == ['平湖市"护校安园"专项行动2012年5月工作情况']
    headings = [p.text for p in word.paragraphs if p.style.name == "Heading 1"]
    assert headings == [s.title for s in work.sections]
    assert headings[:2] == ["一、本月工作情况", "二、主要数据及与上月比较"]

    figures = _table(word.tables[0])
    assert figures[0] == ["指标", "本月(2012-05-01 至 2012-05-31)", "上月(2012-04)", "增减", "累计"]
    may, april = _stats_json("2012-05"), _stats_json("2012-04")
    month, before, total = (
        _values(may, "*", "period"),
        _values(april, "*", "period"),
        _values(may, "*", "cumulative"),
    )
    assert [row[0] for row in figures[1:]] == list(month)
    for label, now, previous, change, cumulative in figures[1:]:
        assert int(now) == month[label] and int(previous) == before[label], label
        assert int(cumulative) == total[label]
        assert int(change.replace("+", "")) == month[label] - before[label]
    for t in word.tables:
        header = t.rows[0]._tr.trPr
        assert header is not None and header.find(f"{W}tblHeader") is not None


def test_a_stations_work_report(tmp_path: Path) -> None:
    doc = _doc("work", month="2012-05", unit="ps-danghu")
    word = _word(formats.render(doc, Format.docx))
    may = _values(_stats_json("2012-05", "ps-danghu"), "ps-danghu", "period")
    figures = _table(word.tables[0])[1:]
    assert {row[0]: int(row[1]) for row in figures} == may


def test_summary_figures_charts_and_tables(summary: Document) -> None:
    word = _word(formats.render(summary, Format.docx))
    headings = [p.text for p in word.paragraphs if p.style.name == "Heading 1"]
    assert headings == [
        "一、总体情况",
        "二、主要数据(累计)",
        "三、月度趋势",
        "四、各单位履行义务情况",
        "五、尚未整改的隐患",
    ]
    figures = _table(word.tables[0])
    november = _stats_json("2012-11")  # 累计 of November: the campaign start to 11-30
    names = [u["name"] for u in november["units"]]
    assert figures[0] == ["指标", *names]
    ids = [u["id"] for u in november["units"]]
    for row in figures[1:]:
        for unit, text in zip(ids, row[1:], strict=True):
            assert int(text) == _values(november, unit, "cumulative")[row[0]], (row[0], unit)

    listing = summary.listing("obligations_by_unit")
    by_unit = _table(word.tables[1])
    assert by_unit[0] == [f.label for f in listing.fields if not f.key]
    assert [r[0] for r in by_unit[1:-1]] == [str(r[1]) for r in listing.rows]
    assert by_unit[-1][0] == "合计"

    if cjk_font() is None:
        pytest.skip("no CJK font on this machine: charts come as tables (tested below)")
    shapes = word.inline_shapes
    assert len(shapes) == len(summary.charts()) == 4
    described = [s._inline.docPr.get("descr") for s in shapes]
    assert [d.split(". ")[0] for d in described] == [c.title for c in summary.charts()]
    assert "3月 122" in described[0]  # inspections in March, as the chart's numbers say
    assert all(abs(s.width.mm - 156) < 1 for s in shapes)


def test_charts_as_tables_without_a_font(summary: Document) -> None:
    word = _word(docx_bytes(summary, chart_font=False))
    assert len(word.inline_shapes) == 0
    subheads = [p.text for p in word.paragraphs if p.style.name == "Heading 2"]
    assert subheads == [c.title for c in summary.charts()]
    inspections = next(t for t in map(_table, word.tables) if t[0] == ["月份", "检查(所次)"])
    chart = summary.charts()[0]
    assert inspections[1:] == [
        [c, str(v)] for c, v in zip(chart.categories, chart.series[0].values, strict=True)
    ]


def test_fonts_page_and_page_numbers(summary: Document) -> None:
    word = _word(formats.render(summary, Format.docx))

    def east_asian(style_name: str) -> tuple[str | None, float | None]:
        style = word.styles[style_name]
        fonts = style.element.rPr.find(f"{W}rFonts")
        return fonts.get(f"{W}eastAsia"), style.font.size.pt if style.font.size else None

    assert east_asian("Normal") == ("仿宋", 16.0)  # 仿宋 3号
    assert east_asian("Title") == ("黑体", 22.0)  # 2号
    assert east_asian("Heading 1") == ("黑体", 16.0)
    assert east_asian("Heading 2") == ("楷体", 16.0)
    first = word.sections[0]
    assert (round(first.page_width.mm), round(first.page_height.mm)) == (210, 297)
    assert round(first.left_margin.mm) == 28 and round(first.top_margin.mm) == 37
    footer = first.footer.paragraphs[0]
    assert footer.text.startswith("— ") and footer.text.endswith(" —")
    instructions = [e.text for e in footer._p.iter(f"{W}instrText")]
    assert instructions == [" PAGE "]
    # the open hazards' table is too wide for portrait: its section turns landscape
    assert any(s.page_width > s.page_height for s in word.sections)
    assert word.sections[-1].page_width > word.sections[-1].page_height

    own = _word(docx_bytes(summary, style=DocxStyle(title_font="方正小标宋简体"), chart_font=False))
    fonts = own.styles["Title"].element.rPr.find(f"{W}rFonts")
    assert fonts.get(f"{W}eastAsia") == "方正小标宋简体"


def test_chart_png_is_an_image_of_the_charts_size(summary: Document) -> None:
    font = cjk_font()
    if font is None:
        pytest.skip("no CJK font on this machine")
    from PIL import Image

    png = to_png(summary.charts()[0], font)
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG" and image.size == (1520, 640)  # svg.py's 760 x 320, twice
    # the bars are drawn in the inspections colour
    assert (0x2F, 0x6D, 0xB5) in {c for _, c in image.getcolors(1 << 16) or []}


def test_cli_docx_only_to_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HXAY_DATA", raising=False)
    runner = CliRunner()
    out = tmp_path / "work.docx"
    base = ["report", "--data", str(SAMPLE), "--form", "work", "-m", "2012-05"]
    got = runner.invoke(app, [*base, "--out", str(out)])
    assert got.exit_code == 0, got.output
    assert out.read_bytes()[:2] == b"PK" and "已写入" in got.stderr
    got = runner.invoke(app, [*base, "--format", "docx"])
    assert got.exit_code == 2 and got.stdout == ""
    got = runner.invoke(app, ["report", "--data", str(SAMPLE), "-m", "2012-05", "-o", str(out)])
    assert got.exit_code == 2  # the statistics form is xlsx, not Word


def test_serious_list_as_a_word_table() -> None:
    doc = _doc("serious-list", month=None)
    data = json.loads(str(formats.render(doc, Format.json)))
    word = _word(formats.render(doc, Format.docx))
    (table,) = word.tables
    rows = _table(table)
    stations = list(dict.fromkeys(r["station_name"] for r in data["hazards"]))
    # one row per hazard, each station's rows under a merged row naming it
    groups = [r[0] for r in rows[1:] if len(set(r)) == 1]
    assert groups == stations
    hazards = [r for r in rows[1:] if len(set(r)) > 1]
    assert [r[1] for r in hazards] == [h["hazard"] for h in data["hazards"]]
    assert [r[5] for r in hazards] == [h["deadline"] or "" for h in data["hazards"]]
