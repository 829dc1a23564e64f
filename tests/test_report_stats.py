"""The statistics form (`hxay report --form stats`): every measure on a small hand-made folder
with the expected numbers worked out by hand, the period rules, the renderers, the CLI, and
hypothesis properties (合计 = sum of rows, 累计 = sum of months, halves add up to the month).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from hxay import api
from hxay.cli import app
from hxay.loading.load import load
from hxay.models import records as r
from hxay.models.campaign import Campaign
from hxay.models.ledger import Ledger, Provenance
from hxay.models.measures import BY_ID, MEASURES
from hxay.render import formats
from hxay.render.formats import Format, RenderOptions
from hxay.reports.period import UsageError, month_window, parse_month
from hxay.reports.stats import EVALUATORS, OTHER, TOTAL, Pair, build_stats, count_stats

D = dt.date

CAMPAIGN = """\
id: test-2012
name: 测试专项行动
issued: 2012-04-24
start: 2012-03-05
end: 2012-11-30
terms:
  - {name: 2011学年第二学期, start: 2012-02-08, end: 2012-07-05}
  - {name: 2012学年第一学期, start: 2012-09-03, end: 2013-01-25}
"""

UNITS = """\
- {kind: unit, id: sb, name: 治安大队, type: security_brigade}
- {kind: unit, id: ps-a, name: 甲派出所, type: police_station, parent: sb}
- {kind: unit, id: ps-b, name: 乙派出所, type: police_station, parent: sb}
- {kind: unit, id: tb, name: 交警大队, type: traffic_brigade}
- {kind: unit, id: edu, name: 教育局, type: education_bureau}
"""

# sch-a2 closes in the middle of May; sch-b2 opens in June.
SCHOOLS = """\
- {kind: school, id: sch-a1, name: 甲一小学, type: primary, station: ps-a,
   legal_vice_principal: {name: 王警官}}
- {kind: school, id: sch-a2, name: 甲二幼儿园, type: kindergarten, station: ps-a, closed: 2012-05-10}
- {kind: school, id: sch-b1, name: 乙一幼儿园, type: kindergarten, station: ps-b,
   legal_vice_principal: {name: 李警官}}
- {kind: school, id: sch-b2, name: 乙二中学, type: junior, station: ps-b, opened: 2012-06-01}
"""

VEHICLES = """\
- kind: vehicle
  id: veh-b
  plate: 浙F-B0001
  school: sch-b1
  seats: 19
  drivers: [{name: 张三}, {name: 王五}]
  former_drivers: [李四]
- kind: vehicle
  id: veh-a
  plate: 浙F-A0001
  school: sch-a1
  seats: 7
  drivers: [{name: 赵六}]
"""

APRIL = """\
- kind: inspection
  id: insp-1
  date: 2012-04-10
  school: sch-a1
  unit: ps-a
  inspectors: [王, 李]
  hazards:
    - {id: hz-1, area: surroundings, description: 校门口摊贩, notice_no: N-1,
       deadline: 2012-04-30, rectified: 2012-05-03, reviewed: 2012-05-10}
- {kind: training, date: 2012-04-20, unit: tb, schools: [sch-b1, sch-a1], trainees: 30}
- {kind: vehicle_check, date: 2012-04-15, vehicle: veh-a, unit: tb, drivers: [赵六], result: pass}
- {kind: case, date: 2012-04-25, unit: ps-a, type: criminal, school: sch-b1, description: 盗窃,
   solved: 2012-05-02, persons_handled: 2}
"""

# insp-3 is ps-a inspecting a ps-b school; vc-1 is ps-a checking a ps-b school's vehicle.
MAY = """\
- kind: inspection
  id: insp-2
  date: 2012-05-05
  school: sch-a2
  unit: ps-a
  inspectors: [甲]
  officers: 3
  hazards:
    - {id: hz-2, severity: major, description: 围墙倒塌, notice_no: N-2, deadline: 2012-05-20}
- kind: inspection
  id: insp-3
  date: 2012-05-14
  school: sch-b1
  unit: ps-a
  hazards:
    - {id: hz-3, description: 监控损坏, notice_no: N-3, deadline: 2012-05-15, rectified: 2012-05-16,
       reviewed: 2012-06-02}
- {kind: inspection, id: insp-4, date: 2012-05-31, school: sch-b1, unit: ps-b, officers: 2}
- {kind: hazard, id: hz-4, school: sch-b1, found: 2012-05-20, description: 消防通道堵塞,
   notice_no: N-3, deadline: 2012-06-10, rectified: 2012-06-05}
- kind: vehicle_check
  id: vc-1
  date: 2012-05-08
  vehicle: veh-b
  unit: ps-a
  drivers: [张三, 李四]
  result: fail
  hazards:
    - {id: hz-5, description: 灭火器过期, deadline: 2012-05-12}
- {kind: vehicle_check, date: 2012-05-25, vehicle: veh-b, unit: tb, drivers: [张三], result: pass}
- {kind: vehicle_status, date: 2012-05-13, vehicle: veh-b, status: suspended, unit: tb}
- {kind: vehicle_status, date: 2012-05-26, vehicle: veh-b, status: in_service, unit: tb}
- {kind: legal_visit, date: 2012-05-10, school: sch-a1}
- {kind: legal_visit, date: 2012-05-22, school: sch-b1, participants: 40}
- {kind: education, date: 2012-05-11, school: sch-a1, audience: students, participants: 300}
- {kind: education, date: 2012-05-28, school: sch-b1, audience: parents}
- {kind: training, date: 2012-05-18, unit: ps-b, schools: [sch-a1], trainees: 12}
- {kind: meeting, date: 2012-05-09, unit: sb}
- {kind: meeting, date: 2012-05-21, unit: ps-a}
- {kind: operation, date: 2012-05-30, lead: sb, departments: [公安, 文化], stations: [ps-b]}
- {kind: case, date: 2012-05-16, unit: ps-a, type: public_order, description: 斗殴,
   solved: 2012-06-02, persons_handled: 1}
- {kind: case, date: 2012-05-17, unit: sb, type: dispute, description: 家长纠纷}
- {kind: case, date: 2012-05-03, unit: ps-b, type: accident, school: sch-a1, description: 摔伤}
- {kind: case, date: 2012-05-15, unit: ps-b, type: criminal, description: 抢劫,
   solved: 2012-05-15, persons_handled: 3}
"""

JUNE = """\
- {kind: inspection, date: 2012-06-05, school: sch-b2, unit: ps-b}
"""

FILES = {
    "campaign.yaml": CAMPAIGN,
    "units.yaml": UNITS,
    "schools.yaml": SCHOOLS,
    "vehicles.yaml": VEHICLES,
    "records/2012-04.yaml": APRIL,
    "records/2012-05.yaml": MAY,
    "records/2012-06.yaml": JUNE,
}

ROWS = ("ps-a", "ps-b", OTHER, TOTAL)


def write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write(tmp_path_factory.mktemp("stats") / "data", FILES)


@pytest.fixture(scope="module")
def ledger(folder: Path) -> Ledger:
    loaded = load(folder)
    assert [d.format() for d in loaded.diagnostics] == []
    assert loaded.ledger is not None
    return loaded.ledger


def table_of(
    ledger: Ledger, month: str, half: int | None = None, as_of: D | None = None
) -> dict[str, tuple[Pair, ...]]:
    """measure -> (ps-a, ps-b, 其他, 合计), each as (本期, 累计)."""
    counted = count_stats(ledger, month_window(ledger.campaign, month, half, as_of))
    return {m: tuple(v[row] for row in ROWS) for m, v in counted.items()}


# Each line: measure -> (ps-a, ps-b, 其他, 合计), each (本期, 累计); worked out by hand in
# the comments of the data above and below.
MAY_EXPECTED: dict[str, tuple[Pair, Pair, Pair, Pair]] = {
    # open on 05-31: sch-a1, sch-b1 (sch-a2 closed 05-10, sch-b2 opens 06-01)
    "schools": ((1, 1), (1, 1), (0, 0), (2, 2)),
    "kindergartens": ((0, 0), (1, 1), (0, 0), (1, 1)),
    # May: sch-a2 | sch-b1 (insp-3 by ps-a counts for ps-b); cumulative adds sch-a1 (April)
    "schools_inspected": ((1, 2), (1, 1), (0, 0), (2, 3)),
    # the June inspection is after the last day; insp-4 is on it
    "inspections": ((1, 2), (2, 2), (0, 0), (3, 4)),
    # insp-1: 2 inspectors; insp-2: officers 3; insp-3: none; insp-4: officers 2
    "officers_deployed": ((3, 5), (2, 2), (0, 0), (5, 7)),
    # hz-2 | hz-3, hz-4, hz-5 (a vehicle hazard: its school's station); + hz-1 in April
    "hazards_found": ((1, 2), (3, 3), (0, 0), (4, 5)),
    "hazards_surroundings": ((0, 1), (0, 0), (0, 0), (0, 1)),
    "hazards_major": ((1, 1), (0, 0), (0, 0), (1, 1)),
    # N-2 | N-3 shared by hz-3 and hz-4; + N-1 in April
    "notices_issued": ((1, 2), (1, 1), (0, 0), (2, 3)),
    # hz-1 found in April, rectified 05-03; hz-3 rectified 05-16; hz-4 only in June
    "hazards_rectified": ((1, 1), (1, 1), (0, 0), (2, 2)),
    # hz-1 reviewed 05-10 (ps-a); hz-3 (a ps-b school) only on 06-02
    "hazards_reviewed": ((1, 1), (0, 0), (0, 0), (1, 1)),
    # hz-2 (deadline 05-20) and hz-5 (05-12) are open on 05-31
    "hazards_overdue": ((1, 1), (1, 1), (0, 0), (2, 2)),
    # veh-b (a ps-b school's vehicle, checked by ps-a and tb) | veh-a in April
    "vehicles_checked": ((0, 1), (1, 1), (0, 0), (1, 2)),
    # (veh-b, 张三), (veh-b, 李四) | (veh-a, 赵六) in April
    "drivers_checked": ((0, 1), (2, 2), (0, 0), (2, 3)),
    "vehicles_failed": ((0, 0), (1, 1), (0, 0), (1, 1)),
    "vehicles_suspended": ((0, 0), (1, 1), (0, 0), (1, 1)),
    "legal_vp_assigned": ((1, 1), (1, 1), (0, 0), (2, 2)),
    "legal_visits": ((1, 1), (1, 1), (0, 0), (2, 2)),
    "education_sessions": ((1, 1), (1, 1), (0, 0), (2, 2)),
    # a missing count adds 0
    "education_participants": ((300, 300), (0, 0), (0, 0), (300, 300)),
    # April: unit tb is no station -> first school sch-b1; May: unit ps-b
    "trainings": ((0, 0), (1, 2), (0, 0), (1, 2)),
    "trainees": ((0, 0), (12, 42), (0, 0), (12, 42)),
    # unit sb, no school -> 其他; unit ps-a
    "meetings": ((1, 1), (0, 0), (1, 1), (2, 2)),
    # lead sb is no station -> the first of `stations`
    "operations": ((0, 0), (1, 1), (0, 0), (1, 1)),
    # c2 (no school, unit ps-a) | c5; + c1 in April (school sch-b1, although unit ps-a)
    "cases": ((1, 1), (1, 2), (0, 0), (2, 3)),
    # c1 solved 05-02, c5 05-15; c2 only in June
    "cases_solved": ((0, 0), (2, 2), (0, 0), (2, 2)),
    "persons_handled": ((0, 0), (5, 5), (0, 0), (5, 5)),
    # unit sb, no school -> 其他
    "disputes": ((0, 0), (0, 0), (1, 1), (1, 1)),
    # school sch-a1 although handled by ps-b
    "accidents": ((1, 1), (0, 0), (0, 0), (1, 1)),
}


def test_catalogue_and_evaluators_agree() -> None:
    assert [m.id for m in MEASURES] == list(EVALUATORS) == list(MAY_EXPECTED)
    assert len(MEASURES) == 29 and len(BY_ID) == 29
    assert {m.kind for m in MEASURES} == {"flow", "stock", "distinct"}


@pytest.mark.parametrize("measure", list(MAY_EXPECTED))
def test_may_by_hand(ledger: Ledger, measure: str) -> None:
    assert table_of(ledger, "2012-05")[measure] == MAY_EXPECTED[measure]


def test_first_half_of_may(ledger: Ledger) -> None:
    got = table_of(ledger, "2012-05", half=1)
    # insp-2 | insp-3; insp-4 (05-31) is in the second half
    assert got["inspections"] == ((1, 2), (1, 1), (0, 0), (2, 3))
    # hz-3 is found in this half and rectified on 05-16, in the next one
    assert got["hazards_found"] == ((1, 2), (2, 2), (0, 0), (3, 4))
    assert got["hazards_rectified"] == ((1, 1), (0, 0), (0, 0), (1, 1))
    # on 05-15: hz-3's deadline is that day (not before it); hz-5's (05-12) has passed
    assert got["hazards_overdue"] == ((0, 0), (1, 1), (0, 0), (1, 1))
    # c5 is dated and solved on the period's last day, 05-15
    assert got["cases"] == ((0, 0), (1, 2), (0, 0), (1, 2))
    assert got["cases_solved"] == ((0, 0), (2, 2), (0, 0), (2, 2))
    # sch-a2 closed on 05-10
    assert got["schools"] == ((1, 1), (1, 1), (0, 0), (2, 2))


def test_second_half_of_may(ledger: Ledger) -> None:
    got = table_of(ledger, "2012-05", half=2)
    assert got["hazards_found"] == ((0, 2), (1, 3), (0, 0), (1, 5))
    assert got["hazards_rectified"] == ((0, 1), (1, 1), (0, 0), (1, 2))
    assert got["inspections"] == ((0, 2), (1, 2), (0, 0), (1, 4))
    assert got["disputes"] == ((0, 0), (0, 0), (1, 1), (1, 1))


def test_as_of_cuts_the_month(ledger: Ledger) -> None:
    got = table_of(ledger, "2012-05", as_of=D(2012, 5, 20))
    assert got["inspections"] == ((1, 2), (1, 1), (0, 0), (2, 3))
    # hz-4 is found on the last day; on 05-20 hz-2's deadline is that day: not overdue
    assert got["hazards_found"] == ((1, 2), (3, 3), (0, 0), (4, 5))
    assert got["hazards_overdue"] == ((0, 0), (1, 1), (0, 0), (1, 1))


def test_april_has_no_may_records(ledger: Ledger) -> None:
    got = table_of(ledger, "2012-04")
    assert got["hazards_found"] == ((1, 1), (0, 0), (0, 0), (1, 1))
    # hz-1: deadline 04-30 is the last day itself, so not yet overdue
    assert got["hazards_overdue"] == ((0, 0), (0, 0), (0, 0), (0, 0))
    # sch-a2 still open; sch-b2 not yet
    assert got["schools"] == ((2, 2), (1, 1), (0, 0), (3, 3))
    assert got["kindergartens"] == ((1, 1), (1, 1), (0, 0), (2, 2))


def test_june_counts_the_new_school(ledger: Ledger) -> None:
    got = table_of(ledger, "2012-06")
    assert got["schools"] == ((1, 1), (2, 2), (0, 0), (3, 3))
    assert got["inspections"] == ((0, 2), (1, 3), (0, 0), (1, 5))
    # hz-4 rectified 06-05; hz-2 and hz-5 still open
    assert got["hazards_rectified"] == ((0, 1), (1, 2), (0, 0), (1, 3))
    # hz-3 reviewed 06-02 counts in June for ps-b; hz-1's (05-10) only in ps-a's 累计
    assert got["hazards_reviewed"] == ((0, 1), (1, 1), (0, 0), (1, 2))
    assert got["cases_solved"] == ((1, 1), (0, 2), (0, 0), (1, 3))
    assert got["persons_handled"] == ((1, 1), (0, 5), (0, 0), (1, 6))


def test_periods_are_clipped_to_the_campaign(ledger: Ledger) -> None:
    c = ledger.campaign
    march = month_window(c, "2012-03")
    assert (march.period.label, march.period.start, march.period.end) == (
        "2012-03",
        D(2012, 3, 5),
        D(2012, 3, 31),
    )
    assert (march.cumulative.start, march.cumulative.end) == (D(2012, 3, 5), D(2012, 3, 31))
    first = month_window(c, "2012年3月", half=1)
    assert (first.period.label, first.period.start, first.period.end) == (
        "2012-03-1",
        D(2012, 3, 5),
        D(2012, 3, 15),
    )
    late = month_window(c, "2012/11", half=2, as_of=D(2012, 12, 10))
    assert (late.period.start, late.period.end, late.as_of) == (
        D(2012, 11, 16),
        D(2012, 11, 30),
        D(2012, 12, 10),
    )
    assert month_window(c, "２０１２－５").period.label == "2012-05"
    for month, half, as_of in (
        ("2012-12", None, None),
        ("2012-02", None, None),
        ("2012-05", None, D(2012, 4, 30)),
        ("2012-05", 2, D(2012, 5, 15)),
        ("2012-13", None, None),
        ("May", None, None),
    ):
        with pytest.raises(UsageError):
            month_window(c, month, half, as_of)


def test_parse_month_forms() -> None:
    assert parse_month("2012-5") == parse_month("2012.05") == parse_month("2012年5月") == (2012, 5)
    with pytest.raises(UsageError):
        parse_month("2012-05-01")


def _provenance() -> Provenance:
    return Provenance("data", None, None, 0, 0, 0)


def test_unit_gives_one_row_and_bad_unit_is_usage(ledger: Ledger) -> None:
    window = month_window(ledger.campaign, "2012-05")
    table = build_stats(ledger, window, provenance=_provenance(), unit="ps-b")
    assert [row.id for row in table.rows] == ["ps-b"]
    assert table.cell("ps-b", "inspections") == (2, 2)
    assert table.reporting_unit is not None and table.reporting_unit.label == "乙派出所"
    for bad in ("tb", "nope", OTHER):
        with pytest.raises(UsageError):
            build_stats(ledger, window, provenance=_provenance(), unit=bad)


def test_rows_and_labels(ledger: Ledger) -> None:
    window = month_window(ledger.campaign, "2012-05")
    zh = build_stats(ledger, window, provenance=_provenance())
    assert [(row.id, row.label) for row in zh.rows] == [
        ("ps-a", "甲派出所"),
        ("ps-b", "乙派出所"),
        ("-", "其他"),
        ("*", "合计"),
    ]
    assert zh.columns[0].label == "辖区学校(所)" and zh.columns[0].one_value
    en = build_stats(ledger, window, provenance=_provenance(), lang="en")
    assert [row.label for row in en.rows][-2:] == ["Other", "Total"]
    assert en.columns[3].label == "Inspections (school visits)"


def test_forms_stats_relabels_reorders_and_drops(tmp_path: Path) -> None:
    extra = """\
    forms:
      stats:
        - {measure: inspections, label: 检查次数}
        - {measure: schools}
    """
    root = write(tmp_path / "data", {**FILES, "campaign.yaml": CAMPAIGN + textwrap.dedent(extra)})
    result = api.report(root, month="2012-05")
    assert result.table is not None
    assert [(c.id, c.label) for c in result.table.columns] == [
        ("inspections", "检查次数"),
        ("schools", "辖区学校(所)"),
    ]
    assert result.table.cell("*", "inspections") == (3, 4)


def test_forms_stats_unknown_or_repeated_measure_is_a_campaign_error(tmp_path: Path) -> None:
    extra = """\
    forms:
      stats:
        - {measure: inspections}
        - {measure: inspectoins}
        - {measure: inspections, label: 又一次}
    """
    root = write(tmp_path / "data", {**FILES, "campaign.yaml": CAMPAIGN + textwrap.dedent(extra)})
    loaded = load(root)
    got = sorted((d.path, d.line, d.code) for d in loaded.errors)
    assert got == [("campaign.yaml", 12, "E-campaign"), ("campaign.yaml", 13, "E-campaign")]
    assert "did you mean 'inspections'" in loaded.errors[0].message("en")
    assert "twice" in loaded.errors[1].message("en")
    result = api.report(root, month="2012-05", allow_errors=True)
    assert result.table is None and result.problems


# Renderers


@pytest.fixture(scope="module")
def may(folder: Path) -> api.ReportResult:
    return api.report(folder, month="2012-05", display_path="data")


def test_json_shape(may: api.ReportResult) -> None:
    assert may.table is not None
    doc = json.loads(formats.render(may.table, Format.json))
    assert list(doc) == [
        "form",
        "campaign",
        "period",
        "cumulative",
        "as_of",
        "hxay",
        "data",
        "footnotes",
        "units",
        "measures",
        "values",
    ]
    # 其他 holds a value here (a meeting of sb, not a station), so it stays, explained
    # and 3 schools were inspected (sch-a1, sch-a2, sch-b1) while 2 are open on 05-31
    # (sch-a2 closed on 05-10): a note says why the flow exceeds the stock
    assert doc["footnotes"] == [
        "注:“其他”为找不到所属派出所的记录(其学校、车辆或单位不属于任何派出所)。",
        "注:检查学校(累计 3 所)多于辖区学校(2 所),因为辖区学校是统计期末仍开办的学校,"
        "检查学校还包括期间内检查过、其后停办的学校。",
    ]
    assert doc["period"] == {"label": "2012-05", "start": "2012-05-01", "end": "2012-05-31"}
    assert doc["cumulative"] == {"start": "2012-03-05", "end": "2012-05-31"}
    assert doc["as_of"] == "2012-05-31" and doc["campaign"] == "test-2012"
    assert doc["data"]["path"] == "data" and doc["data"]["errors"] == 0
    assert doc["units"][-2:] == [{"id": "-", "name": "其他"}, {"id": "*", "name": "合计"}]
    assert doc["measures"][0] == {"id": "schools", "label": "辖区学校(所)"}
    assert len(doc["values"]) == 29 * 4
    assert {"measure": "inspections", "unit": "ps-b", "period": 2, "cumulative": 2} in doc["values"]


def test_csv_and_markdown(may: api.ReportResult) -> None:
    assert may.table is not None
    # the paper layout by default: one row per unit, 本期 and 累计 of each indicator side by side
    paper = [x for x in formats.render(may.table, Format.csv).splitlines() if x[:1] != "#"]
    assert paper[0].startswith("单位,辖区学校(所) 本期,辖区学校(所) 累计,")
    assert [row.split(",")[0] for row in paper[1:]] == [r.label for r in may.table.rows]
    j = [c.id for c in may.table.columns].index("inspections")
    assert paper[2].split(",")[1 + 2 * j : 3 + 2 * j] == ["2", "2"]  # 乙派出所 inspections
    # the long tidy shape with --tidy
    text = formats.render(may.table, Format.csv, RenderOptions(tidy=True))
    lines = text.splitlines()
    body = [x for x in lines if not x.startswith("#")]
    assert body[0] == "measure,label,unit,name,period,cumulative"
    assert len(body) == 1 + 29 * 4
    assert "inspections,检查(所次),ps-b,乙派出所,2,2" in body
    assert any("数据:" in x for x in lines if x.startswith("#"))
    md = formats.render(may.table, Format.md)
    assert md.startswith("# 测试专项行动情况统计报表\n")
    assert "| 检查(所次) | 1 | 2 | 0 | 3 |" in md
    assert "| 检查(所次) | 2 | 2 | 0 | 4 |" in md


@pytest.mark.parametrize("width", [60, 80, 120])
def test_terminal_table_fits_the_width(may: api.ReportResult, width: int) -> None:
    from rich.cells import cell_len

    assert may.table is not None
    text = formats.render(may.table, Format.table, RenderOptions(width=width))
    assert max(cell_len(line) for line in text.splitlines()) <= width
    assert "合计" in text and "1/2" in text and "\x1b[" not in text


# The command line


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.delenv("HXAY_DATA", raising=False)
    return CliRunner()


def test_cli_json_is_the_api_result(runner: CliRunner, folder: Path) -> None:
    got = runner.invoke(
        app, ["report", "--month", "2012-05", "--format", "json", "--data", str(folder)]
    )
    assert got.exit_code == 0, got.output
    result = api.report(folder, month="2012-05", display_path=str(folder))
    assert result.table is not None
    assert json.loads(got.stdout) == json.loads(formats.render(result.table, Format.json))


def test_cli_table_half_and_unit(runner: CliRunner, folder: Path) -> None:
    got = runner.invoke(
        app, ["report", "-m", "2012-05", "--half", "1", "--unit", "ps-b", "--data", str(folder)]
    )
    assert got.exit_code == 0, got.output
    assert "2012-05-01 至 2012-05-15(2012-05-1)" in got.stdout
    assert "乙派出所" in got.stdout and "甲派出所" not in got.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["--month", "2012-13"],
        ["--month", "2012-12"],
        ["--month", "2012-05", "--half", "3"],
        ["--month", "2012-05", "--unit", "ps-x"],
        ["--month", "2012-05", "--as-of", "2012-04-01"],
        ["--month", "2012-05", "--as-of", "2012-02-30"],
        ["--form", "work"],
        ["--month", "2012-05", "--form", "nope"],
        ["--month", "2012-05", "--format", "xlsx"],
        ["--month", "2012-05", "--out", "report.dat"],
        [],
    ],
)
def test_cli_usage_errors_exit_2(runner: CliRunner, folder: Path, args: list[str]) -> None:
    got = runner.invoke(app, ["report", "--data", str(folder), *args])
    assert got.exit_code == 2, got.output
    assert got.stdout == ""


def test_cli_work_without_month_says_so(runner: CliRunner, folder: Path) -> None:
    got = runner.invoke(app, ["report", "--data", str(folder), "--form", "work", "--lang", "en"])
    assert "needs --month" in got.stderr


BAD_RECORD = """\
- {kind: inspection, date: 2012-05-07, school: sch-a1, unit: ps-a, inspecter: 甲}
"""


def test_cli_data_errors_exit_3_unless_allowed(runner: CliRunner, tmp_path: Path) -> None:
    root = write(tmp_path / "data", {**FILES, "records/bad.yaml": BAD_RECORD})
    got = runner.invoke(app, ["report", "-m", "2012-05", "--data", str(root)])
    assert got.exit_code == 3
    assert got.stdout == ""
    assert "records/bad.yaml:1:" in got.stderr and "E-unknown-field" in got.stderr

    allowed = ["report", "-m", "2012-05", "--data", str(root), "--allow-errors"]
    for fmt in ("table", "json", "csv", "md"):
        got = runner.invoke(app, [*allowed, "--format", fmt])
        assert got.exit_code == 0, got.output
        assert "1 条记录未计入" in got.stdout, fmt
        assert "E-unknown-field" in got.stderr
    doc = json.loads(runner.invoke(app, [*allowed, "--format", "json"]).stdout)
    assert doc["data"]["errors"] == 1 and doc["data"]["left_out"] == 1
    assert doc["notes"] and doc["values"]


def test_cli_campaign_errors_always_exit_3(runner: CliRunner, tmp_path: Path) -> None:
    bad = CAMPAIGN + "forms:\n  stats:\n    - {measure: nope}\n"
    root = write(tmp_path / "data", {**FILES, "campaign.yaml": bad})
    got = runner.invoke(app, ["report", "-m", "2012-05", "--data", str(root), "--allow-errors"])
    assert got.exit_code == 3
    assert "campaign.yaml:11:" in got.stderr and "E-campaign" in got.stderr


def test_cli_out_writes_atomically_with_the_extensions_format(
    runner: CliRunner, folder: Path, tmp_path: Path
) -> None:
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    target = out_dir / "may.csv"
    target.write_text("old", encoding="utf-8")
    got = runner.invoke(app, ["report", "-m", "2012-05", "--data", str(folder), "-o", str(target)])
    assert got.exit_code == 0, got.output
    assert got.stdout == ""
    text = target.read_text(encoding="utf-8-sig")
    assert text.startswith("# 测试专项行动情况统计报表\n") and "\n单位,辖区学校(所) 本期," in text
    assert sorted(p.name for p in out_dir.iterdir()) == ["may.csv"]
    md = out_dir / "may.md"
    got = runner.invoke(
        app, ["report", "-m", "2012-05", "--data", str(folder), "-o", str(md), "-f", "json"]
    )
    assert got.exit_code == 0
    assert json.loads(md.read_text(encoding="utf-8"))["form"] == "stats"


def test_cli_out_refuses_yaml_inside_the_data_folder(
    runner: CliRunner, folder: Path, tmp_path: Path
) -> None:
    for name in ("stats.yaml", "records/x.YML"):
        target = folder / name
        got = runner.invoke(
            app, ["report", "-m", "2012-05", "--data", str(folder), "-f", "json", "-o", str(target)]
        )
        assert got.exit_code == 2
        assert not target.exists()
    outside = tmp_path / "stats.yaml"
    got = runner.invoke(
        app, ["report", "-m", "2012-05", "--data", str(folder), "-f", "json", "-o", str(outside)]
    )
    assert got.exit_code == 0 and outside.exists()


def test_write_atomic_keeps_the_old_file_when_it_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "r.json"
    target.write_text("old", encoding="utf-8")

    def boom(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        formats.write_atomic(target, "new", Format.json)
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["r.json"]


# Properties: generated ledgers built from the models directly (no YAML), so they stay fast.

P_CAMPAIGN = Campaign.model_validate(
    {
        "id": "p",
        "name": "p",
        "start": D(2012, 3, 5),
        "end": D(2012, 7, 20),
        "terms": [{"name": "t", "start": D(2012, 2, 1), "end": D(2012, 7, 5)}],
    }
)
P_FIXED: list[r.Record] = [
    r.Unit(id="sb", name="治安大队", type="security_brigade"),
    r.Unit(id="ps-a", name="甲", type="police_station"),
    r.Unit(id="ps-b", name="乙", type="police_station"),
    r.Unit(id="tb", name="交警", type="traffic_brigade"),
    r.School(id="s1", name="s1", type="primary", station="ps-a"),
    r.School(id="s2", name="s2", type="kindergarten", station="ps-a", closed=D(2012, 5, 10)),
    r.School(id="s3", name="s3", type="junior", station="ps-b", opened=D(2012, 4, 1)),
    r.Vehicle(id="v1", plate="v1", school="s1", seats=5, drivers=[{"name": "甲"}]),
    r.Vehicle(id="v3", plate="v3", school="s3", seats=5, drivers=[{"name": "乙"}, {"name": "丙"}]),
]
for i, rec in enumerate(P_FIXED):
    rec.locate(r.Location("fixed.yaml", i + 1))

days = st.dates(D(2012, 2, 25), D(2012, 8, 5))
schools = st.sampled_from(["s1", "s2", "s3"])
units = st.sampled_from(["ps-a", "ps-b", "tb", "sb"])
counts_ = st.none() | st.integers(0, 50)
later = st.none() | st.integers(0, 40)


def _plus(day: D, offset: int | None) -> D | None:
    return None if offset is None else day + dt.timedelta(days=offset)


@st.composite
def hazard(draw: st.DrawFn, n: int) -> r.Record:
    found = draw(days)
    vehicle = draw(st.none() | st.sampled_from(["v1", "v3"]))
    school = draw(schools) if vehicle is None else {"v1": "s1", "v3": "s3"}[vehicle]
    return r.Hazard(
        id=f"h{n}",
        school=school,
        vehicle=vehicle,
        found=found,
        area=draw(st.sampled_from(["campus", "surroundings", None])),
        severity=draw(st.sampled_from(["general", "major"])),
        description="x",
        notice_no=draw(st.none() | st.sampled_from(["N1", "N2", "N3"])),
        deadline=_plus(found, draw(later)),
        rectified=_plus(found, draw(later)),
    )


@st.composite
def record(draw: st.DrawFn, n: int) -> r.Record:
    kind = draw(st.sampled_from(["insp", "hz", "vc", "vs", "lv", "tr", "ed", "mt", "op", "case"]))
    day = draw(days)
    if kind == "hz":
        return draw(hazard(n))
    if kind == "insp":
        names = draw(st.lists(st.sampled_from(["甲", "乙"]), max_size=2))
        return r.Inspection(
            date=day,
            school=draw(schools),
            unit=draw(units),
            inspectors=names,
            officers=draw(counts_),
        )
    if kind == "vc":
        return r.VehicleCheck(
            date=day,
            vehicle=draw(st.sampled_from(["v1", "v3"])),
            unit=draw(units),
            drivers=draw(st.lists(st.sampled_from(["甲", "乙", "丙"]), max_size=2, unique=True)),
            result=draw(st.sampled_from(["pass", "fail"])),
        )
    if kind == "vs":
        return r.VehicleStatus(
            date=day,
            vehicle=draw(st.sampled_from(["v1", "v3"])),
            status=draw(st.sampled_from(["suspended", "in_service"])),
        )
    if kind == "lv":
        return r.LegalVisit(date=day, school=draw(schools))
    if kind == "tr":
        return r.Training(
            date=day,
            unit=draw(units),
            schools=draw(st.lists(schools, min_size=1, max_size=2)),
            trainees=draw(counts_),
        )
    if kind == "ed":
        return r.Education(
            date=day, school=draw(schools), audience="students", participants=draw(counts_)
        )
    if kind == "mt":
        return r.Meeting(date=day, unit=draw(units), schools=draw(st.lists(schools, max_size=2)))
    if kind == "op":
        return r.Operation(
            date=day,
            lead=draw(units),
            departments=["公安"],
            stations=draw(st.lists(st.sampled_from(["ps-a", "ps-b"]), max_size=2)),
        )
    return r.Case(
        date=day,
        unit=draw(units),
        type=draw(st.sampled_from(["criminal", "public_order", "dispute", "accident", "other"])),
        description="x",
        school=draw(st.none() | schools),
        solved=_plus(day, draw(later)),
        persons_handled=draw(counts_),
    )


@st.composite
def ledgers(draw: st.DrawFn) -> Ledger:
    size = draw(st.integers(0, 30))
    recs = [draw(record(n)) for n in range(size)]
    for i, rec in enumerate(recs):
        rec.locate(r.Location("gen.yaml", i + 1))
    return Ledger(P_CAMPAIGN, [*P_FIXED, *recs])


FLOW = [m.id for m in MEASURES if m.kind == "flow"]
P_MONTHS = ["2012-03", "2012-04", "2012-05", "2012-06", "2012-07"]
P_ROWS = ("ps-a", "ps-b", OTHER, TOTAL)


def _whole_city(ledger: Ledger, start: D, end: D) -> dict[str, int]:
    """Counts over the whole ledger without rows: what 合计 must equal if each record counts
    in exactly one row."""

    def dated(kind: type[r.Record]) -> list[r.Record]:
        return [x for x in ledger.of_kind(kind) if x.record_date and start <= x.record_date <= end]

    return {
        "inspections": len(dated(r.Inspection)),
        "hazards_found": len(dated(r.Hazard)),
        "trainings": len(dated(r.Training)),
        "meetings": len(dated(r.Meeting)),
        "operations": len(dated(r.Operation)),
        "cases": sum(
            1 for x in dated(r.Case) if getattr(x, "type", "") in ("criminal", "public_order")
        ),
        "vehicles_checked": len({getattr(x, "vehicle", "") for x in dated(r.VehicleCheck)}),
        "schools_inspected": len({getattr(x, "school", "") for x in dated(r.Inspection)}),
    }


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ledgers())
def test_properties_of_the_form(ledger: Ledger) -> None:
    c = ledger.campaign
    running: dict[tuple[str, str], int] = dict.fromkeys(
        ((m, row) for m in FLOW for row in P_ROWS), 0
    )
    for month in P_MONTHS:
        whole = month_window(c, month)
        form = count_stats(ledger, whole)
        for values in form.values():
            for part in (0, 1):
                assert values[TOTAL][part] == sum(values[row][part] for row in P_ROWS[:-1])
        city = _whole_city(ledger, whole.period.start, whole.period.end)
        assert {k: form[k][TOTAL][0] for k in city} == city
        halves = [count_stats(ledger, month_window(c, month, h)) for h in (1, 2)]
        for measure in FLOW:
            for row in P_ROWS:
                running[measure, row] += form[measure][row][0]
                assert form[measure][row][1] == running[measure, row], (measure, row, month)
                assert (
                    halves[0][measure][row][0] + halves[1][measure][row][0]
                    == (form[measure][row][0])
                )
        # the second half ends on the month's last day: same cumulative column and stocks
        assert {m: {row: v[1] for row, v in vals.items()} for m, vals in halves[1].items()} == {
            m: {row: v[1] for row, v in vals.items()} for m, vals in form.items()
        }
