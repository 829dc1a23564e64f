"""Printed output as a person gets it: the statistics form's xlsx converted by LibreOffice is
one page (the Pinghu city form for May, and one station's second half of May), with the
title and every indicator's 本期 and 累计 on it; the summary's Word document converts and
starts on an A4 portrait page; the statistics form's HTML printed by headless Chromium is one
page wide, no station name broken over lines, in at most three pages. Skipped with the
reason when LibreOffice, Chromium or poppler is missing (tests/printing.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from printing import html_to_pdf, page_text, pages, to_pdf, words
from typer.testing import CliRunner

from hxay.cli import app
from hxay.models.measures import MEASURES

SAMPLE = Path(__file__).resolve().parent.parent / "data"
TITLE = '平湖市"护校安园"专项行动情况统计报表'


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.delenv("HXAY_DATA", raising=False)
    return CliRunner()


def _write(runner: CliRunner, out: Path, *args: str) -> Path:
    got = runner.invoke(app, ["report", "--data", str(SAMPLE), *args, "--out", str(out)])
    assert got.exit_code == 0, got.output
    return out


def test_stats_xlsx_prints_on_one_page(runner: CliRunner, tmp_path: Path) -> None:
    city = _write(runner, tmp_path / "f.xlsx", "--month", "2012-05")
    station = _write(
        runner, tmp_path / "h.xlsx", "--month", "2012-05", "--unit", "ps-danghu", "--half", "2"
    )
    for pdf, period in zip(
        to_pdf([city, station], tmp_path / "pdf"), ("5月", "5月下半月"), strict=True
    ):
        assert pages(pdf) == 1, pdf.name
        text = page_text(pdf, 1)
        assert f"{TITLE} 2012年{period}" in text
        assert "填报单位(盖章)" in text and "单位负责人" in text
        # every indicator (its label may be broken before its unit) with both its parts
        for m in MEASURES:
            assert m.text("zh").split("(")[0] in text, m.id
        assert text.count("本期") >= len(MEASURES) and text.count("累计") >= len(MEASURES)
        assert re.search(r"第 1 页,共 1 页", text)


def test_summary_docx_converts_to_a4_portrait(runner: CliRunner, tmp_path: Path) -> None:
    import subprocess

    docx = _write(runner, tmp_path / "s.docx", "--form", "summary", "--as-of", "2012-11-30")
    (pdf,) = to_pdf([docx], tmp_path / "pdf")
    info = subprocess.run(
        ["pdfinfo", "-f", "1", "-l", "1", str(pdf)], capture_output=True, text=True
    )
    size = re.search(r"Page\s+1 size:\s+([\d.]+) x ([\d.]+)", info.stdout)
    assert size is not None and (round(float(size[1])), round(float(size[2]))) == (595, 842)
    first = page_text(pdf, 1)
    assert '平湖市"护校安园"专项行动总结' in first and "一、总体情况" in first
    assert 4 <= pages(pdf) <= 12
    assert "—1—" in first.replace(" ", "")  # the page number field, counted
    # turning a section landscape after a table that fills its page leaves no blank page
    station = _write(
        runner, tmp_path / "w.docx", "--form", "work", "-m", "2012-05", "--unit", "ps-danghu"
    )
    (work,) = to_pdf([station], tmp_path / "pdf")
    for n in range(1, pages(work) + 1):
        assert re.sub(r"—\s*\d+\s*—", "", page_text(work, n)).strip(), f"page {n} is blank"


def test_stats_html_prints_one_page_wide(runner: CliRunner, tmp_path: Path) -> None:
    got = runner.invoke(
        app, ["report", "--month", "2012-05", "--data", str(SAMPLE), "--format", "html"]
    )
    assert got.exit_code == 0
    page = tmp_path / "stats.html"
    page.write_text(got.stdout, encoding="utf-8")
    pdf = html_to_pdf(page, tmp_path / "stats.pdf")
    assert 1 <= pages(pdf) <= 3
    width, found = words(pdf)
    assert round(width) == 842  # A4 landscape
    assert all(x1 <= width for _, _, x1 in found), "something runs off the page"
    texts = {text for text, _, _ in found}
    stations = ("当湖派出所", "钟埭派出所", "独山港派出所", "合计")
    assert all(name in texts for name in stations), "a station name is broken over lines"


def test_every_html_report_carries_print_css(runner: CliRunner) -> None:
    def page(*args: str) -> str:
        got = runner.invoke(app, ["report", "--data", str(SAMPLE), *args, "--format", "html"])
        assert got.exit_code == 0, got.output
        return got.stdout

    form = page("--month", "2012-05")
    assert "@page { size: A4 landscape;" in form
    for doc in (
        page("--form", "summary", "--as-of", "2012-11-30"),
        page("--form", "work", "--month", "2012-05"),
        page("--form", "serious-list"),
        page("--form", "schools", "--as-of", "2012-11-30"),
    ):
        assert "@page { size: A4 portrait;" in doc
        assert "thead { display: table-header-group; }" in doc
    assert "thead th { white-space: nowrap; word-break: keep-all; }" in form
