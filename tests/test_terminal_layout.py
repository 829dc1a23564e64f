"""The terminal at pinned widths: `check --as-of 2012-09-25` and the statistics form for 2012-05
on the sample data (copied outside git, as tests/test_golden.py does), drawn at 80, 120 and 200
columns and compared with tests/golden/terminal-*.txt (`pytest --update-golden` rewrites them;
read the diff). Whatever the bytes, the properties below hold at every width: no id, plate or
date broken across lines, no station header broken while its column has room, no line ending
in a space, and under 100 columns each finding of the check a two-line card.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import CAMPAIGN, VEHICLES, DataDir
from rich.cells import cell_len
from typer.testing import CliRunner

from hxay import api
from hxay.cli import app
from hxay.models.findings import STATUS_WORDS, Finding
from hxay.models.text import Lang
from hxay.render import formats
from hxay.render.formats import Format, RenderOptions
from hxay.reports.check import CheckReport
from hxay.reports.document import Document
from hxay.reports.table import Table

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden"
WIDTHS = (80, 120, 200)
AS_OF = dt.date(2012, 9, 25)
NOW = dt.datetime(2012, 9, 25, 8, tzinfo=dt.UTC)

# What must never be split: ids (hz-2012-0016, sch-dh-01, ps-danghu), plates (浙F58711), dates.
WHOLE = re.compile(r"[a-z]+(?:-[a-z0-9]+)+|浙[A-Z][A-Z0-9]{5}|\d{4}-\d{2}-\d{2}")


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A copy of the sample data where git finds no repository (no commit in the goldens)."""
    base = tmp_path_factory.mktemp("terminal")
    shutil.copytree(ROOT / "data", base / "data")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("GIT_CEILING_DIRECTORIES", str(base))
        yield base / "data"


def _check(
    folder: Path, lang: Lang = "zh", schools: tuple[str, ...] = (), show_all: bool = False
) -> CheckReport:
    result = api.check(
        folder,
        display_path="data",
        as_of=AS_OF,
        now=NOW,
        scope=api.Scope(schools=schools),
        view=api.View(show_all=show_all),
    )
    assert not result.problems
    return result.report(lang)


@pytest.fixture(scope="module")
def check(sample: Path) -> CheckReport:
    return _check(sample)


@pytest.fixture(scope="module")
def stats(sample: Path) -> Table:
    result = api.report(sample, month="2012-05", display_path="data")
    assert result.table is not None, result.problems
    return result.table


def _draw(report: CheckReport | Table | Document, width: int) -> str:
    text = formats.render(report, Format.table, RenderOptions(width=width))
    assert isinstance(text, str)
    return text


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", ["check-2012-09-25", "stats-2012-05"])
def test_golden(
    check: CheckReport, stats: Table, name: str, width: int, update_golden: bool
) -> None:
    got = _draw(check if name.startswith("check") else stats, width)
    path = GOLDEN / f"terminal-{name}-{width}.txt"
    if update_golden:
        path.write_text(got, encoding="utf-8")
        return
    assert path.exists(), f"{path.name} is missing: run pytest --update-golden"
    assert got == path.read_text(encoding="utf-8"), (
        f"{path.name} differs; if the change is intended, run pytest --update-golden"
    )


def test_the_goldens_are_these() -> None:
    assert sorted(p.name for p in GOLDEN.glob("terminal-*")) == sorted(
        f"terminal-{name}-{w}.txt" for name in ("check-2012-09-25", "stats-2012-05") for w in WIDTHS
    )


def _shown(report: CheckReport, f: Finding) -> str:
    """What every layout of the check shows of a finding: subject, due date, what is missing."""
    detail = (f.detail or f.msg).render(report.lang)
    return f"{report.subject_name(f.subject)} {f.due} {detail}"


def _unbroken(report: CheckReport, text: str) -> None:
    wanted: Counter[str] = Counter()
    for f in report.findings:
        wanted.update(WHOLE.findall(_shown(report, f)))
    assert {"hz-2012-0016", "浙F58711", "2012-03-24"} <= set(wanted) or "sch-dh-01" in wanted
    broken = {x: (text.count(x), n) for x, n in wanted.items() if text.count(x) < n}
    assert not broken, f"broken across lines (found, expected): {broken}"


@pytest.mark.parametrize("width", WIDTHS)
def test_no_id_plate_or_date_of_the_check_is_broken(check: CheckReport, width: int) -> None:
    _unbroken(check, _draw(check, width))


@pytest.mark.parametrize("width", [60, *WIDTHS])
def test_nothing_about_one_school_is_broken(sample: Path, width: int) -> None:
    report = _check(sample, schools=("sch-dh-01",), show_all=True)
    assert report.findings
    _unbroken(report, _draw(report, width))


def _boxes(text: str) -> Iterator[list[list[str]]]:
    """Each box table of the statistics form as its header rows, split into cell texts."""
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if not line.startswith("┌"):
            continue
        head = []
        for row in lines[i + 1 :]:
            if row.startswith("├"):
                break
            head.append(row.split("│")[1:-1])
        yield head


def _headers(text: str) -> list[tuple[str, int, list[str]]]:
    """(header text, inner width of its column, its lines) for every station column."""
    out = []
    for head in _boxes(text):
        for j in range(1, len(head[0])):
            lines = [row[j].strip() for row in head if row[j].strip()]
            out.append(("".join(lines), cell_len(head[0][j]) - 2, lines))
    return out


@pytest.mark.parametrize("width", [60, *WIDTHS])
def test_station_headers_are_whole_when_they_fit_else_broken_evenly(
    stats: Table, width: int
) -> None:
    text = _draw(stats, width)
    headers = _headers(text)
    assert sorted(h for h, _, _ in headers) == sorted(r.label for r in stats.rows)
    for name, room, lines in headers:
        if cell_len(name) <= room:
            assert lines == [name], f"{name} broken in a column of {room}"
        else:
            sizes = [len(x) for x in lines]
            assert max(sizes) - min(sizes) <= 1, f"{name} broken unevenly: {lines}"


@pytest.mark.parametrize("width", [120, 200])
def test_station_headers_are_whole_when_the_form_has_room(stats: Table, width: int) -> None:
    # At 200 columns the whole form fits with every header whole (11 columns of 4..12 cells
    # and the indicators: 162 cells); at 120 it takes two blocks whether the headers are whole
    # or broken in two, so they stay whole.
    names = [r.label for r in stats.rows]
    assert len(names) == 11 and "独山港派出所" in names
    heads = list(_boxes(_draw(stats, width)))
    assert len(heads) == (1 if width == 200 else 2)
    assert all(len(head) == 1 for head in heads), "every header on one line"
    assert [c.strip() for head in heads for c in head[0][1:]] == names


@pytest.mark.parametrize("width", [60, *WIDTHS])
def test_every_line_fits_and_none_ends_in_a_space(
    check: CheckReport, stats: Table, width: int
) -> None:
    for report in (check, stats):
        for line in _draw(report, width).splitlines():
            assert cell_len(line) <= width
            assert line == line.rstrip(), repr(line)


def test_under_100_columns_each_finding_is_a_two_line_card(check: CheckReport) -> None:
    text = _draw(check, 80)
    lines = text.splitlines()
    # hz-2012-0016: overdue since 2012-03-24, 185 days on 2012-09-25 (March 24 to September 25).
    [i] = [k for k, line in enumerate(lines) if "hz-2012-0016" in line]
    first, second = lines[i], lines[i + 1]
    for part in ("逾期未完成", "逾185天", "2012-03-24", "平湖市当湖高级中学 hz-2012-0016"):
        assert part in first
    assert second.startswith("    ") and not second.startswith("     ")
    assert "隐患限期整改到位" in second and "隐患“安全应急预案未及时修订”未整改" in second
    # Every finding's first line: status word, days, due date, name and id together.
    for f in check.findings:
        word = STATUS_WORDS[f.status].render("zh")
        name = check.subject_name(f.subject)
        assert any(
            line.startswith("  ") and word in line and str(f.due) in line and name in line
            for line in lines
        ), name
    # Grouped under the unit header as the table is; no table header at this width.
    assert "当湖派出所 (ps-danghu)" in lines and not any(x.startswith("状态") for x in lines)
    assert text.index("平湖市教育局 (edu-bureau)") < text.index("hz-2012-0072")


def test_from_100_columns_the_check_is_a_table_with_one_line_rows(check: CheckReport) -> None:
    text = _draw(check, 200)
    lines = text.splitlines()
    units = {f.unit for f in check.findings}
    assert sum(1 for line in lines if line.split()[:1] == ["状态"]) == len(units) == 12
    # At 200 columns every row is one line: as many lines carry a due date as there are findings
    # (plus the 期间 of comprehensive_inspection, which names two dates on the same line).
    dated = [x for x in lines if re.search(r"\d{4}-\d{2}-\d{2}", x) and not x.startswith("数据")]
    assert len(dated) == len(check.findings)
    assert "驾驶证有效" in next(line for line in lines if "浙F58711" in line)


def test_the_check_names_vehicle_documents_in_words(sample: Path, check: CheckReport) -> None:
    text = _draw(check, 200)
    words = {w for line in text.splitlines() for w in line.split()}
    assert not words & {"inspection", "insurance", "permit"}
    row = next(
        line for line in text.splitlines() if line.startswith("逾期未完成") and "浙F84046" in line
    )
    assert "校车标牌 " in row  # the 期间 column, then the due date
    english = _draw(_check(sample, "en"), 200)
    assert "safety inspection" in english
    assert re.search(r"(^|  )(inspection|insurance|permit)(  |$)", english, re.M) is None
    codes = json.loads(str(formats.render(check, Format.json)))
    assert {f["period"] for f in codes["findings"]} >= {"inspection", "insurance", "permit"}


def test_a_drivers_licence_is_named_with_the_driver(datadir: DataDir) -> None:
    # 张三's licence ran out on 2012-05-31: on 2012-06-10 vehicle_documents is overdue for the
    # period `license:张三`; the vehicle has no inspection or insurance date either.

    vehicles = VEHICLES.replace("- name: 张三", "- {name: 张三, license_valid_until: 2012-05-31}")
    folder = datadir.write({"vehicles.yaml": vehicles})
    result = api.check(
        folder,
        display_path="data",
        as_of=dt.date(2012, 6, 10),
        now=NOW,
        scope=api.Scope(obligations=["vehicle_documents"]),
        view=api.View(),
    )
    report = result.report("zh")
    periods = {f.period for f in report.findings}
    assert "license:张三" in periods
    text = _draw(report, 120)
    assert "驾驶证(张三)" in text and "license" not in text
    english = _draw(result.report("en"), 200)
    assert "driving licence (张三)" in english


def test_the_summary_shows_the_obligations_by_unit_once(sample: Path) -> None:
    result = api.report(sample, month=None, form="summary", as_of=AS_OF, display_path="data")
    doc = result.table
    assert isinstance(doc, Document)
    # 当湖派出所's obligations, 339 met on time (the listing's first row), shown once.
    for text in (_draw(doc, 120), str(formats.render(doc, Format.md))):
        rows = [line for line in text.splitlines() if re.match(r"\W*当湖派出所\W+339\b", line)]
        assert len(rows) == 1, rows
    # The monthly charts have no listing of their own: their numbers are still shown.
    assert "每月检查学校(所次)" in _draw(doc, 120)


def test_indicator_labels_with_a_line_break(datadir: DataDir) -> None:
    # Two indicators relabelled with a break before the unit; the form has 甲派出所, 乙派出所
    # and 合计 (8, 8 and 4 cells: the counts are shorter). One line when there is room. At 38
    # columns, with labels on one line the indicator column is 15 ("指标  本期/累计") + 4
    # borders, and the units need 29 (8, 8, 4 + 3 each) or, names halved (甲派/出所), 21:
    # 40 > 38, two blocks. Labels broken (辖区学校 / (所); 指标 / 本期/累计: 9 + 4) and names
    # halved: 13 + 21 = 34, one block; the 4 cells left make 甲派出所 whole again.
    campaign = CAMPAIGN + (
        "forms:\n  stats:\n"
        '    - {measure: schools, label: "辖区学校\\n(所)"}\n'
        '    - {measure: inspections, label: "检查\\n(所次)"}\n'
    )
    folder = datadir.write({"campaign.yaml": campaign})
    result = api.report(folder, month="2012-05", display_path="data")
    assert result.table is not None, result.problems
    wide = _draw(result.table, 80)
    assert "辖区学校(所)" in wide and "检查(所次)" in wide
    narrow = _draw(result.table, 38)
    assert narrow.count("┌") == 1
    lines = narrow.splitlines()
    i = next(k for k, line in enumerate(lines) if "辖区学校" in line)
    assert lines[i].startswith("│ 辖区学校  │") and lines[i + 1].startswith("│ (所)      │")
    assert "│ 指标      │" in narrow and "甲派出所" in narrow and "乙派出所" not in narrow


def test_piped_output_has_no_trailing_spaces(sample: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # CliRunner's stdout is not a terminal: hxay takes the width from COLUMNS.
    monkeypatch.delenv("HXAY_DATA", raising=False)
    runner = CliRunner(env={"COLUMNS": "80", "NO_COLOR": "1"})
    for args in (
        ["check", "--as-of", "2012-09-25"],
        ["report", "-m", "2012-05"],
        ["report", "--form", "summary", "--as-of", "2012-09-25"],
    ):
        got = runner.invoke(app, [*args, "--data", str(sample)])
        assert got.exit_code in (0, 1), got.output
        lines = got.stdout.splitlines()
        assert len(lines) > 20
        assert [line for line in lines if line != line.rstrip()] == []
        assert max(cell_len(line) for line in lines) <= 80
