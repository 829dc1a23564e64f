"""The report forms other than stats (`hxay report --form work|summary|serious-list|schools`):
each on a small hand-made folder with the numbers worked out by hand in the comments, the
formats each form comes in, the command line, and the summary's HTML opened in headless
Chromium (a screenshot that is not blank, a DOM with the SVG charts and Chinese labels).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from ruleskit import SCHOOLS, make_folder
from typer.testing import CliRunner

from hxay import api
from hxay.cli import app
from hxay.loading.load import load
from hxay.models.findings import Finding
from hxay.models.ledger import Ledger, Provenance
from hxay.models.text import Lang
from hxay.render import formats
from hxay.render.formats import Format, RenderOptions, check_format
from hxay.render.svg import nice_ticks, to_svg
from hxay.reports import forms
from hxay.reports.document import Chart, Document, Listing, Paragraph, Series
from hxay.reports.forms import Request, report_day
from hxay.reports.period import UsageError, month_window
from hxay.reports.scorecard import build_scorecard
from hxay.reports.serious import build_serious_list
from hxay.reports.summary import build_summary
from hxay.reports.work import build_work
from hxay.rules.registry import evaluate

D = dt.date
PROVENANCE = Provenance("data", None, None, 0, 0, 0)

# ruleskit's folder: ps-a (sch-a1), ps-b (sch-b1), plus sch-a2 of ps-a. The campaign runs
# 2012-03-01..11-30, issued 04-24; terms 02-08..07-05 and 09-03..2013-01-25.
EXTRA_SCHOOL = """\
- {kind: school, id: sch-a2, name: 甲二中学, type: junior, station: ps-a, uses_transport: false,
   legal_vice_principal: {name: 赵警官}}
"""
PEOPLE = "supervisor: {name: 周督办, unit: edu}, rectifier: {name: 孙整改, phone: '139'}"
RECORDS = {
    # hz-1: found before `issued`, rectified 05-03, three days after its deadline (late)
    "records/2012-04.yaml": f"""\
        - kind: inspection
          id: insp-1
          date: 2012-04-10
          school: sch-a1
          unit: ps-a
          inspectors: [王, 李]
          hazards:
            - {{id: hz-1, area: surroundings, description: 校门口摊贩, deadline: 2012-04-30,
               rectified: 2012-05-03, {PEOPLE}}}
        - {{kind: inspection, id: insp-2, date: 2012-04-20, school: sch-b1, unit: ps-b, officers: 2}}
        """,
    # hz-2 serious, never rectified; hz-3 rectified in time (06-05 <= 06-10); hz-4 major,
    # deadline 08-10, never rectified, reported to the government in time.
    # monthly_work 2012-04 (due 05-02) sent 05-05: late; stats_form 2012-04-2 in time.
    "records/2012-05.yaml": f"""\
        - kind: inspection
          id: insp-3
          date: 2012-05-08
          school: sch-a1
          unit: ps-a
          officers: 3
          hazards:
            - {{id: hz-2, severity: serious, description: 围墙破损, deadline: 2012-05-20, {PEOPLE}}}
            - {{id: hz-3, description: 监控损坏, deadline: 2012-06-10, rectified: 2012-06-05,
               {PEOPLE}}}
        - kind: inspection
          id: insp-4
          date: 2012-05-15
          school: sch-a2
          unit: ps-a
          inspectors: [王]
          hazards:
            - {{id: hz-4, severity: major, description: 教学楼危房, deadline: 2012-08-10,
               reported_to_government: 2012-05-16, {PEOPLE}}}
        - {{kind: inspection, id: insp-5, date: 2012-05-20, school: sch-b1, unit: ps-b}}
        - {{kind: legal_visit, date: 2012-05-10, school: sch-a1}}
        - {{kind: legal_visit, date: 2012-05-22, school: sch-a1}}
        - {{kind: legal_visit, date: 2012-05-23, school: sch-b1}}
        - {{kind: training, date: 2012-05-18, unit: ps-a, schools: [sch-a1, sch-a2], trainees: 20}}
        - {{kind: submission, form: monthly_work, unit: ps-a, submitted: 2012-05-05, period: 2012-04}}
        - {{kind: submission, form: stats_form, unit: ps-a, submitted: 2012-05-01, period: 2012-04-2}}
        """,
    # hz-5 (ps-b, serious): deadline 06-25, rectified 07-02 (late)
    "records/2012-06.yaml": f"""\
        - {{kind: inspection, id: insp-6, date: 2012-06-12, school: sch-a1, unit: ps-a}}
        - {{kind: hazard, id: hz-5, school: sch-b1, found: 2012-06-15, severity: serious,
           description: 消防通道堵塞, deadline: 2012-06-25, rectified: 2012-07-02, {PEOPLE}}}
        """,
    "records/2012-09.yaml": """\
        - {kind: inspection, id: insp-7, date: 2012-09-10, school: sch-a1, unit: ps-a}
        - {kind: training, date: 2012-09-20, unit: ps-b, schools: [sch-b1]}
        - {kind: legal_visit, date: 2012-09-15, school: sch-a2}
        """,
}
SERIOUS_DUE = """\
obligations:
  serious_hazard_list: {due: 2012-09-23}
"""


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_folder(
        tmp_path_factory.mktemp("forms") / "data",
        RECORDS,
        schools=SCHOOLS + EXTRA_SCHOOL,
        campaign_extra=SERIOUS_DUE,
    )


@pytest.fixture(scope="module")
def ledger(folder: Path) -> Ledger:
    loaded = load(folder)
    assert [d.format() for d in loaded.diagnostics] == []
    assert loaded.ledger is not None
    return loaded.ledger


def findings_at(ledger: Ledger, day: D) -> list[Finding]:
    found, problems = evaluate(ledger, day)
    assert problems == []
    return found


def work(ledger: Ledger, month: str, unit: str | None = None, lang: Lang = "zh") -> Document:
    window = month_window(ledger.campaign, month)
    return build_work(
        ledger,
        window,
        findings_at(ledger, window.last),
        provenance=PROVENANCE,
        unit=unit,
        lang=lang,
    )


def table(listing: Listing, *ids: str) -> list[tuple[object, ...]]:
    """The chosen columns of a listing, row by row."""
    cols = [listing.column(i) for i in ids]
    return list(zip(*cols, strict=True))


def paragraphs(doc: Document) -> str:
    return "\n".join(b.text for b in doc.blocks() if isinstance(b, Paragraph))


# work: 上月工作情况


def test_work_figures_this_month_last_month_and_cumulative(ledger: Ledger) -> None:
    doc = work(ledger, "2012-05", "ps-a")
    figures = {
        row[0]: row[2:]
        for row in table(
            doc.listing("figures"), "measure", "label", "month", "previous", "change", "cumulative"
        )
    }
    # (本月, 上月, 增减, 累计) for ps-a: May insp-3, insp-4 / April insp-1
    assert figures["inspections"] == (2, 1, "+1", 3)
    assert figures["schools_inspected"] == (2, 1, "+1", 2)
    # insp-3 officers 3 + insp-4 one inspector / insp-1 two inspectors
    assert figures["officers_deployed"] == (4, 2, "+2", 6)
    assert figures["hazards_found"] == (3, 1, "+2", 4)
    assert figures["hazards_major"] == (1, 0, "+1", 1)
    assert figures["hazards_surroundings"] == (0, 1, "-1", 1)
    # hz-1 rectified 05-03
    assert figures["hazards_rectified"] == (1, 0, "+1", 1)
    # stock: hz-2 (deadline 05-20) on 05-31; on 04-30 hz-1's deadline is the day itself
    assert figures["hazards_overdue"] == (1, 0, "+1", 1)
    assert figures["schools"] == (2, 2, "0", 2)
    assert figures["legal_visits"] == (2, 0, "+2", 2)
    assert figures["trainings"] == (1, 0, "+1", 1)
    assert figures["trainees"] == (20, 0, "+20", 20)


def test_work_prose_states_the_month_the_change_and_the_total(ledger: Ledger) -> None:
    text = paragraphs(work(ledger, "2012-05", "ps-a"))
    assert "2012年5月,甲派出所检查学校2所、2所次,出动警力4人次。" in text
    assert "发现隐患3处(其中周边隐患0处、重大隐患1处)" in text
    assert "专项行动开展以来(2012-03-01 至 2012-05-31),累计检查学校2所、3所次" in text
    assert "检查(所次)2(上月1,增加1)" in text
    assert "发现隐患(处)3(上月1,增加2)" in text
    assert "排查车辆(辆)0(上月0,持平)" in text
    # no vehicle, case or meeting this month: those clauses are left out
    assert "车辆" not in text.split("与上月相比")[0]
    assert "截至2012-05-31,尚有3处隐患未整改,其中1处已超过整改期限。" in text
    assert "有3项义务逾期未完成;本月有2项义务逾期完成。" in text


def test_work_city_compares_with_the_city_month_before(ledger: Ledger) -> None:
    doc = work(ledger, "2012-05")
    figures = {r[0]: r[1:] for r in table(doc.listing("figures"), "measure", "month", "previous")}
    # May: insp-3, insp-4, insp-5; April: insp-1, insp-2
    assert figures["inspections"] == (3, 2)
    assert figures["legal_visits"] == (3, 0)
    assert "2012年5月,全市检查学校3所、3所次" in paragraphs(doc)


def test_work_first_month_has_nothing_to_compare_with(ledger: Ledger) -> None:
    doc = work(ledger, "2012-03")
    assert "没有上月数据" in paragraphs(doc)
    previous = doc.listing("figures").column("previous")
    assert set(previous) == {None}


def test_work_open_hazards_on_the_last_day(ledger: Ledger) -> None:
    doc = work(ledger, "2012-05", "ps-a")
    hazards = doc.listing("hazards")
    # hz-1 was rectified 05-03; hz-2 is 11 days past 05-20 on 05-31
    assert table(hazards, "hazard", "school_name", "deadline", "past_deadline", "days_past") == [
        ("hz-2", "甲一小学", "2012-05-20", True, 11),
        ("hz-3", "甲一小学", "2012-06-10", False, None),
        ("hz-4", "甲二中学", "2012-08-10", False, None),
    ]
    assert hazards.column("supervisor")[0] == "周督办(教育局)"
    assert hazards.column("rectifier")[0] == "孙整改(139)"
    assert hazards.group is None  # one station: no grouping


def test_work_obligations_missed(ledger: Ledger) -> None:
    doc = work(ledger, "2012-05", "ps-a")
    # at 05-31: overdue sch-a2's April inspection (due 04-30), stats_form 2012-05-1 (due
    # 05-17), hz-2 (due 05-20); done late within May: hz-1 (05-03), monthly_work 2012-04 (05-05)
    missed = doc.listing("findings")
    assert table(missed, "obligation", "subject", "period", "due", "days") == [
        ("monthly_inspection", "甲二中学 sch-a2", "2012-04", "2012-04-30", 31),
        ("stats_form", "甲派出所 ps-a", "2012-05-1", "2012-05-17", 14),
        ("hazard_rectification", "甲一小学 hz-2", None, "2012-05-20", 11),
        ("hazard_rectification", "甲一小学 hz-1", None, "2012-04-30", 3),
        ("monthly_work", "甲派出所 ps-a", "2012-04", "2012-05-02", 3),
    ]
    assert missed.column("status") == ["逾期未完成"] * 3 + ["逾期完成"] * 2
    by_duty = doc.listing("missed_by_obligation")
    assert table(by_duty, "obligation", "overdue", "late") == [
        ("monthly_inspection", 1, 0),
        ("hazard_rectification", 1, 1),
        ("stats_form", 1, 0),
        ("monthly_work", 0, 1),
    ]
    assert by_duty.total is not None and by_duty.total[2:] == (3, 2)


def test_work_city_groups_by_unit(ledger: Ledger) -> None:
    doc = work(ledger, "2012-05")
    assert doc.listing("hazards").group == "station_name"
    units = doc.listing("findings").column("unit")
    assert units == sorted(units, key=lambda u: {"ps-a": 0, "ps-b": 1}.get(str(u), 2))
    assert "ps-b" in units  # ps-b's stats_form 2012-04-2 and 2012-05-1 are overdue


def test_work_in_english(ledger: Ledger) -> None:
    doc = work(ledger, "2012-05", "ps-a", lang="en")
    assert doc.title.endswith("work report for 2012-05 (甲派出所)")
    assert "Inspections (school visits) 2 (last month 1, up 1)" in paragraphs(doc)


# summary: 专项行动总结


@pytest.fixture(scope="module")
def summary(ledger: Ledger) -> Document:
    day = D(2012, 11, 30)
    return build_summary(ledger, day, findings_at(ledger, day), provenance=PROVENANCE)


def test_summary_trends_by_month(summary: Document) -> None:
    charts = {c.id: c for c in summary.charts() if c.id != "obligations"}
    months = ("3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月")
    assert all(c.categories == months for c in charts.values())

    def values(chart: str) -> list[tuple[int, ...]]:
        return [s.values for s in charts[chart].series]

    assert values("inspections") == [(0, 2, 3, 1, 0, 0, 1, 0, 0)]
    # found: hz-1 | hz-2..4 | hz-5; rectified: hz-1 05-03 | hz-3 06-05 | hz-5 07-02
    assert values("hazards") == [(0, 1, 3, 1, 0, 0, 0, 0, 0), (0, 0, 1, 1, 1, 0, 0, 0, 0)]
    # open at each month's end, and of those past their deadline (hz-1's deadline 04-30 is
    # the last day of April; hz-5 past 06-25 on 06-30; hz-4 past 08-10 from August)
    assert values("open_hazards") == [
        (0, 1, 3, 3, 2, 2, 2, 2, 2),
        (0, 0, 1, 2, 1, 2, 2, 2, 2),
    ]
    assert charts["hazards"].kind == "bar" and charts["open_hazards"].kind == "line"


def test_summary_obligations_chart_by_unit(summary: Document, ledger: Ledger) -> None:
    # one group of bars per responsible unit: met on time, late, missed (overdue); every
    # finding at the day counts once, so each series adds up to the city's count
    chart = next(c for c in summary.charts() if c.id == "obligations")
    findings = findings_at(ledger, D(2012, 11, 30))
    assert [s.id for s in chart.series] == ["met", "late", "overdue"]
    for series in chart.series:
        assert sum(series.values) == sum(1 for f in findings if f.status == series.id)
    units = {f.unit for f in findings}
    assert len(chart.categories) == len(units)


def test_summary_figures_are_cumulative(summary: Document) -> None:
    rows = {
        r[0]: r[1:] for r in table(summary.listing("figures"), "measure", "ps-a", "ps-b", "-", "*")
    }
    assert rows["inspections"] == (5, 2, 0, 7)
    assert rows["hazards_found"] == (4, 1, 0, 5)
    assert rows["hazards_rectified"] == (2, 1, 0, 3)
    assert rows["hazards_overdue"] == (2, 0, 0, 2)
    assert rows["legal_visits"] == (3, 1, 0, 4)
    assert "全市累计检查学校3所、7所次" in paragraphs(summary)


def test_summary_obligations_by_duty_and_unit(summary: Document, ledger: Ledger) -> None:
    duties = {
        r[0]: r[1:]
        for r in table(
            summary.listing("obligations_by_duty"),
            "obligation",
            "met",
            "late",
            "overdue",
            "due",
            "total",
            "on_time_rate",
        )
    }
    # hz-3 met; hz-1 and hz-5 late; hz-2 and hz-4 (deadline 08-10) overdue
    assert duties["hazard_rectification"] == (1, 2, 2, 0, 5, "20.0%")
    assert duties["major_hazard_report"] == (1, 0, 0, 0, 1, "100.0%")
    # 15 half-months a station from 2012-04-2 (due 05-02, the first due after `issued`):
    # ps-a sent 2012-04-2 in time; 2012-11-2 (due 12-02) is not due yet; the rest overdue
    assert duties["stats_form"] == (1, 0, 27, 2, 30, "3.6%")
    units = table(
        summary.listing("obligations_by_unit"), "unit", "met", "late", "overdue", "due", "total"
    )
    expected = Counter((f.unit, f.status) for f in findings_at(ledger, D(2012, 11, 30)))
    for unit, met, late, overdue, due, total in units:
        assert (met, late, overdue, due) == tuple(
            expected[(unit, s)] for s in ("met", "late", "overdue", "due")
        )
        assert total == met + late + overdue + due
    assert [u for u, *_ in units][:2] == ["ps-a", "ps-b"]  # stations first


def test_summary_open_hazards(summary: Document) -> None:
    hazards = summary.listing("hazards")
    assert table(hazards, "hazard", "station_name", "days_past") == [
        ("hz-2", "甲派出所", 194),
        ("hz-4", "甲派出所", 112),
    ]


def test_summary_of_one_station(ledger: Ledger) -> None:
    day = D(2012, 6, 30)
    doc = build_summary(ledger, day, findings_at(ledger, day), provenance=PROVENANCE, unit="ps-b")
    charts = {c.id: c for c in doc.charts()}
    assert charts["inspections"].categories == ("3月", "4月", "5月", "6月")
    assert charts["inspections"].series[0].values == (0, 1, 1, 0)
    assert charts["open_hazards"].series[0].values == (0, 0, 0, 1)
    assert {u for u in doc.listing("obligations_by_unit").column("unit")} == {"ps-b"}
    assert doc.listing("hazards").column("hazard") == ["hz-5"]


# serious-list: 隐患学校名单


def test_serious_list_on_its_due_date(ledger: Ledger) -> None:
    day = report_day(Request("serious-list"), ledger.campaign)
    assert day == D(2012, 9, 23)
    doc = build_serious_list(ledger, day, provenance=PROVENANCE)
    listing = doc.listing("hazards")
    # hz-5 was rectified 07-02; hz-3 and hz-1 are not serious
    assert table(
        listing, "station", "school", "hazard", "severity", "deadline", "past_deadline", "days_past"
    ) == [
        ("ps-a", "sch-a1", "hz-2", "严重", "2012-05-20", True, 126),
        ("ps-a", "sch-a2", "hz-4", "重大", "2012-08-10", True, 44),
    ]
    assert listing.column("supervisor") == ["周督办(教育局)"] * 2
    assert (
        "共有2所学校(幼儿园)存在2处严重或重大安全隐患尚未整改到位(其中重大隐患1处),2处已超过整改期限"
        in paragraphs(doc)
    )


def test_serious_list_groups_by_station(ledger: Ledger) -> None:
    doc = build_serious_list(ledger, D(2012, 6, 30), provenance=PROVENANCE)
    listing = doc.listing("hazards")
    assert listing.group == "station_name"
    assert table(listing, "station_name", "hazard", "days_past") == [
        ("甲派出所", "hz-2", 41),
        ("甲派出所", "hz-4", None),
        ("乙派出所", "hz-5", 5),
    ]
    md = formats.render(doc, Format.md)
    assert isinstance(md, str)
    assert md.index("#### 甲派出所") < md.index("#### 乙派出所")
    one = build_serious_list(ledger, D(2012, 6, 30), provenance=PROVENANCE, unit="ps-b")
    assert one.listing("hazards").column("hazard") == ["hz-5"]


def test_serious_list_default_day_without_a_due_date(ledger: Ledger) -> None:
    campaign = ledger.campaign.model_copy(
        update={"obligations": type(ledger.campaign.obligations)()}
    )
    today = D(2012, 10, 8)
    assert report_day(Request("serious-list", today=today), campaign) == today
    assert report_day(Request("serious-list", as_of=D(2012, 7, 1), today=today), campaign) == D(
        2012, 7, 1
    )
    assert report_day(Request("serious-list"), campaign) == campaign.end


# schools: 平安校园 scorecard


def test_scorecard_by_hand(ledger: Ledger) -> None:
    day = D(2012, 11, 30)
    doc = build_scorecard(ledger, day, findings_at(ledger, day), provenance=PROVENANCE)
    listing = doc.listing("schools")
    t1, t2 = "2011学年第二学期", "2012学年第一学期"
    ids = (
        "school",
        "inspections",
        "hazards_found",
        "rectified_on_time",
        "rectified_late",
        "hazards_open",
        f"legal_visits:{t1}",
        f"trainings:{t1}",
        f"legal_visits:{t2}",
        f"trainings:{t2}",
        "obligations_missed",
    )
    # missed: sch-a1 hz-1 late, hz-2 overdue, October inspection;
    # sch-a2 hz-4, inspections of April/June/Sept/Oct, legal visits of term 1;
    # sch-b1 hz-5 late, inspections of June/Sept/Oct, one legal visit of two, no training
    assert table(listing, *ids) == [
        ("sch-a1", 4, 3, 1, 1, 1, 2, 1, 0, 0, 3),
        ("sch-a2", 1, 1, 0, 0, 1, 0, 1, 1, 0, 6),
        ("sch-b1", 2, 1, 0, 1, 0, 1, 0, 0, 1, 6),
    ]
    assert listing.total is not None
    assert listing.total[4:] == (7, 5, 1, 2, 2, 3, 2, 1, 1, 15)
    assert listing.column("station_name") == ["甲派出所", "甲派出所", "乙派出所"]


def test_scorecard_terms_are_cut_at_the_day(ledger: Ledger) -> None:
    day = D(2012, 6, 30)
    doc = build_scorecard(ledger, day, findings_at(ledger, day), provenance=PROVENANCE, unit="ps-a")
    listing = doc.listing("schools")
    assert [f.id for f in listing.fields if ":" in f.id] == [
        "legal_visits:2011学年第二学期",
        "trainings:2011学年第二学期",
    ]
    # at 06-30 hz-3 was rectified (06-05, in time) and hz-2, hz-4 are open
    assert table(
        listing, "school", "inspections", "rectified_on_time", "rectified_late", "hazards_open"
    ) == [
        ("sch-a1", 3, 1, 1, 1),
        ("sch-a2", 1, 0, 0, 1),
    ]


# renderers

FORM_FORMATS = {
    "work": ("table", "md", "html", "docx"),
    "summary": ("html", "md", "table", "docx"),
    "serious-list": ("table", "md", "csv", "json", "html", "xlsx", "docx"),
    "schools": ("table", "md", "csv", "json", "html", "xlsx", "docx"),
}


def test_formats_each_form_supports() -> None:
    for form, allowed in FORM_FORMATS.items():
        for fmt in Format:
            if fmt.value in allowed:
                check_format(form, fmt)
            else:
                with pytest.raises(UsageError):
                    check_format(form, fmt)
    check_format("stats", Format.json)


def test_json_and_csv_carry_the_listing(ledger: Ledger) -> None:
    day = D(2012, 11, 30)
    doc = build_scorecard(ledger, day, findings_at(ledger, day), provenance=PROVENANCE)
    data = json.loads(str(formats.render(doc, Format.json)))
    assert data["form"] == "schools" and data["as_of"] == "2012-11-30"
    assert [s["school"] for s in data["schools"]] == ["sch-a1", "sch-a2", "sch-b1"]
    assert data["schools"][0]["obligations_missed"] == 3
    assert data["total"]["inspections"] == 7
    csv = str(formats.render(doc, Format.csv)).splitlines()
    header = next(line for line in csv if not line.startswith("#"))
    assert header.startswith("station,station_name,school,school_name,inspections,")
    serious = build_serious_list(ledger, D(2012, 9, 23), provenance=PROVENANCE)
    rows = json.loads(str(formats.render(serious, Format.json)))["hazards"]
    assert rows[0]["past_deadline"] is True and rows[0]["days_past"] == 126
    assert "overdue" not in rows[0]  # words for people stay out of the data
    assert ",true,126," in str(formats.render(serious, Format.csv))


def test_markdown_and_terminal_of_the_work_report(ledger: Ledger) -> None:
    doc = work(ledger, "2012-05", "ps-a")
    md = str(formats.render(doc, Format.md))
    assert md.startswith("# 测试专项行动2012年5月工作情况(甲派出所)")
    assert "## 三、尚未整改的隐患" in md
    assert "| 检查(所次) | 2 | 1 | +1 | 3 |" in md
    assert "<svg" not in md
    for width in (80, 100, 160):
        text = str(formats.render(doc, Format.table, RenderOptions(width=width)))
        assert max(len(line) for line in text.splitlines()) <= width  # rich pads to width
        assert "逾期11天" in text.replace("\n", "")


def test_html_is_one_self_contained_page(summary: Document) -> None:
    html = str(formats.render(summary, Format.html))
    assert html.startswith("<!DOCTYPE html>")
    assert html.count("<svg") == 4
    assert "<script" not in html and "http://" not in html.replace(
        'xmlns="http://www.w3.org/2000/svg"', ""
    )
    assert "https://" not in html and "<link" not in html
    assert "Noto Sans CJK SC" in html and "sans-serif" in html
    assert "<text" in html and "每月检查学校(所次)" in html


def test_svg_axes_ticks_and_escaping() -> None:
    assert nice_ticks(0) == [0, 1]
    assert nice_ticks(7) == [0, 2, 4, 6, 8]
    assert nice_ticks(153) == [0, 50, 100, 150, 200]
    chart = Chart("c", "A<B", "line", ("3月", "4月"), (Series("s", "甲&乙", (1, 3)),), "月份", "处")
    svg = to_svg(chart)
    assert "A&lt;B" in svg and "甲&amp;乙" in svg
    assert svg.count("<circle") == 2 and "<polyline" in svg
    assert 'transform="rotate(-90)"' in svg


# the command line


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.delenv("HXAY_DATA", raising=False)
    return CliRunner()


@pytest.mark.parametrize(
    "args",
    [
        ["--form", "work"],
        ["--form", "work", "-m", "2012-05", "--half", "1"],
        ["--form", "work", "-m", "2012-05", "--format", "json"],
        ["--form", "work", "-m", "2012-05", "--format", "csv"],
        ["--form", "summary", "-m", "2012-05", "--half", "1"],
        ["--form", "summary", "-m", "2013-01"],
        ["--form", "summary", "--format", "json"],
        ["--form", "summary", "--as-of", "2012-02-01"],
        ["--form", "schools", "--unit", "ps-x"],
        ["--form", "work", "-m", "2012-05", "--format", "xlsx", "--out", "x.xlsx"],
        ["--form", "stats", "-m", "2012-05", "--out", "x.docx"],
        ["--form", "summary", "--out", "x.csv"],
    ],
)
def test_cli_usage_errors_exit_2(
    runner: CliRunner, folder: Path, args: list[str], tmp_path: Path
) -> None:
    args = [str(tmp_path / a) if a.startswith("x.") else a for a in args]
    got = runner.invoke(app, ["report", "--data", str(folder), *args])
    assert got.exit_code == 2, got.output
    assert got.stdout == ""
    assert not list(tmp_path.iterdir())


def test_cli_json_is_the_api_result(runner: CliRunner, folder: Path) -> None:
    got = runner.invoke(
        app,
        [
            "report",
            "--form",
            "schools",
            "--as-of",
            "2012-11-30",
            "--data",
            str(folder),
            "-f",
            "json",
        ],
    )
    assert got.exit_code == 0, got.output
    result = api.report(
        folder, month=None, display_path=str(folder), form="schools", as_of=D(2012, 11, 30)
    )
    assert isinstance(result.table, Document)
    assert got.stdout == formats.render(result.table, Format.json)


def test_cli_defaults_as_of_from_today(runner: CliRunner, folder: Path) -> None:
    # long after the campaign: summary and schools stop at its end; serious-list uses 09-23
    got = runner.invoke(app, ["report", "--form", "schools", "--data", str(folder), "-f", "json"])
    assert json.loads(got.stdout)["as_of"] == "2012-11-30"
    got = runner.invoke(
        app, ["report", "--form", "serious-list", "--data", str(folder), "-f", "json"]
    )
    assert json.loads(got.stdout)["as_of"] == "2012-09-23"


def test_cli_each_form_in_each_of_its_formats(
    runner: CliRunner, folder: Path, tmp_path: Path
) -> None:
    for form, allowed in FORM_FORMATS.items():
        month = ["-m", "2012-05"] if form == "work" else []
        for fmt in allowed:
            target = tmp_path / f"{form}.{ {'table': 'txt'}.get(fmt, fmt) }"
            got = runner.invoke(
                app, ["report", "--form", form, *month, "--data", str(folder), "-o", str(target)]
            )
            assert got.exit_code == 0, (form, fmt, got.output)
            assert target.stat().st_size > 200
    assert "<svg" in (tmp_path / "summary.html").read_text(encoding="utf-8")
    assert "<svg" not in (tmp_path / "work.html").read_text(encoding="utf-8")


def test_cli_data_errors_exit_3_unless_allowed(runner: CliRunner, tmp_path: Path) -> None:
    root = make_folder(
        tmp_path / "data",
        {
            "records/bad.yaml": "- {kind: inspection, date: 2012-05-07, school: sch-a1, unit: ps-a, x: 1}\n"
        },
    )
    got = runner.invoke(app, ["report", "--form", "summary", "--data", str(root)])
    assert got.exit_code == 3
    got = runner.invoke(
        app, ["report", "--form", "summary", "--data", str(root), "--allow-errors", "-f", "md"]
    )
    assert got.exit_code == 0
    assert "结果不完整" in got.stdout and "结果不完整" in got.stderr


def test_forms_request_checks() -> None:
    forms.check_options("summary", None, None)
    with pytest.raises(UsageError):
        forms.check_options("nope", None, None)
    with pytest.raises(UsageError):
        forms.check_options("schools", None, 1)


# the summary's HTML in a real browser


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    if os.environ.get("CI") == "true":
        pytest.fail("chromium is not installed, and CI=true needs this test to run")
    pytest.skip("chromium not found (install Debian's chromium; on CI this test must run)")


def _browse(binary: str, profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            binary,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profile}",
            "--enable-logging=stderr",
            "--v=0",
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_summary_html_in_headless_chromium(summary: Document, tmp_path: Path) -> None:
    from PIL import Image

    binary = _chromium()
    page = tmp_path / "summary.html"
    page.write_text(str(formats.render(summary, Format.html)), encoding="utf-8")
    shot = tmp_path / "summary.png"
    done = _browse(
        binary,
        tmp_path / "profile",
        f"--screenshot={shot}",
        "--window-size=1200,2000",
        page.as_uri(),
    )
    assert shot.exists(), done.stderr
    with Image.open(shot) as image:
        assert image.size == (1200, 2000)
        pixels = image.convert("RGB")
        colours = pixels.getcolors(maxcolors=1 << 16)
        assert colours is None or len(colours) > 20, "the screenshot is blank"
        # the charts' blue and orange are on the page, not only black text on white
        counts = {c: n for n, c in (colours or [])}
        assert colours is None or counts.get((0x2F, 0x6D, 0xB5), 0) > 500

    dom = _browse(binary, tmp_path / "profile2", "--dump-dom", page.as_uri())
    assert dom.returncode == 0, dom.stderr
    assert dom.stdout.count("<svg") == 4
    for label in (
        "每月检查学校(所次)",
        "发现隐患",
        "整改隐患",
        "各月末未整改隐患(处)",
        "月份",
        "11月",
    ):
        assert label in dom.stdout
    logged = "\n".join(done.stderr.splitlines() + dom.stderr.splitlines())
    assert "CONSOLE" not in logged and "Uncaught" not in logged
