"""`hxay check` end to end: CLI exit codes, views, formats, JSON parity, and properties."""

from __future__ import annotations

import csv
import datetime as dt
import json
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruleskit import SCHOOLS, UNITS, evaluate_at, make_folder
from typer.testing import CliRunner

from hxay import api
from hxay.cli import app

RECORDS = [
    "{kind: vehicle, id: v1, plate: 浙F00001, school: sch-a1, seats: 19, drivers: [{name: 张师傅}], "
    "inspection_valid_until: 2013-01-01, insurance_valid_until: 2012-10-15}",
    "{kind: inspection, date: 2012-05-03, unit: ps-a, school: sch-a1, inspectors: [王, 李]}",
    "{kind: inspection, date: 2012-06-20, unit: ps-b, school: sch-b1}",
    "{kind: inspection, date: 2012-09-05, unit: ps-a, school: sch-a1, type: comprehensive}",
    "{kind: hazard, id: hz1, school: sch-a1, found: 2012-05-03, description: 监控损坏, deadline: 2012-05-20, "
    "rectified: 2012-05-25, supervisor: {name: 陈, unit: edu}, rectifier: {name: 张}}",
    "{kind: hazard, id: hz2, school: sch-b1, found: 2012-06-01, description: 围墙, severity: major, "
    "deadline: 2012-06-30}",
    "{kind: hazard, id: hz3, vehicle: v1, found: 2012-09-10, description: 灭火器过期, deadline: 2012-09-15}",
    "{kind: vehicle_check, date: 2012-05-18, vehicle: v1, unit: jjdd, drivers: [张师傅], result: pass}",
    "{kind: vehicle_status, date: 2012-09-20, vehicle: v1, status: suspended}",
    "{kind: legal_visit, date: 2012-05-10, school: sch-a1}",
    "{kind: legal_visit, date: 2012-06-10, school: sch-a1}",
    "{kind: training, date: 2012-05-22, unit: ps-a, schools: [sch-a1]}",
    "{kind: meeting, date: 2012-06-10, unit: ps-a}",
    "{kind: submission, form: stats_form, unit: ps-a, period: 2012-05-1, submitted: 2012-05-16}",
    "{kind: submission, form: stats_form, unit: ps-b, period: 2012-05-1, submitted: 2012-05-20}",
    "{kind: submission, form: monthly_work, unit: ps-a, period: 2012-05, submitted: 2012-06-01}",
    "{kind: submission, form: gov_briefing, unit: ps-b, period: 2012-Q2, submitted: 2012-07-05}",
]
SCHOOLS_WITH_TRANSPORT = SCHOOLS.replace(
    "sch-a1, name: 甲一小学, type: primary, station: ps-a, uses_transport: false",
    "sch-a1, name: 甲一小学, type: primary, station: ps-a, uses_transport: true",
)


def _folder(root: Path, files: dict[str, list[str]]) -> Path:
    texts = {name: "".join(f"- {line}\n" for line in lines) for name, lines in files.items()}
    return make_folder(
        root,
        texts,
        schools=SCHOOLS_WITH_TRANSPORT,
        campaign_extra="obligations:\n  comprehensive_inspection: {windows: [[2012-08-27, 2012-09-14]]}\n",
    )


def _essence(findings: list) -> list[tuple]:  # type: ignore[type-arg]
    return [
        (f.obligation, f.status, f.unit, f.subject, f.period, f.due, f.evidence, f.msg)
        for f in findings
    ]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return _folder(tmp_path / "data", {"records.yaml": RECORDS})


runner = CliRunner(env={"COLUMNS": "200", "NO_COLOR": "1"})


def test_exit_1_when_overdue_and_json_parity(folder: Path) -> None:
    result = runner.invoke(
        app, ["check", "--data", str(folder), "--as-of", "2012-09-25", "--format", "json"]
    )
    assert result.exit_code == 1, result.output
    doc = json.loads(result.stdout)
    assert set(doc) == {"campaign", "as_of", "data", "summary", "findings"}
    assert doc["as_of"] == "2012-09-25"
    assert set(doc["data"]) == {"path", "commit", "dirty", "records", "errors", "left_out"}
    assert doc["data"]["errors"] == 0
    res = api.check(
        folder,
        display_path=str(folder),
        as_of=dt.date(2012, 9, 25),
        now=dt.datetime.now(dt.UTC),
        scope=api.Scope(),
        view=api.View(),
    )
    assert doc["findings"] == [f.as_dict("zh") for f in res.shown]
    assert doc["summary"] == res.summary
    assert doc["summary"]["overdue"] > 0
    # the default view: overdue, and due within 14 days
    for f in doc["findings"]:
        assert f["status"] == "overdue" or (f["status"] == "due" and f["due"] <= "2012-10-09")
    keys = [
        (
            f["unit"] is None,
            f["unit"] or "",
            f["due"],
            f["obligation"],
            f["subject"],
            f["period"] or "",
        )
        for f in doc["findings"]
    ]
    assert keys == sorted(keys)


def test_exit_0_when_nothing_overdue(folder: Path) -> None:
    result = runner.invoke(app, ["check", "--data", str(folder), "--as-of", "2012-04-01"])
    assert result.exit_code == 0, result.output


def test_scope_and_view_options(folder: Path) -> None:
    base = ["check", "--data", str(folder), "--as-of", "2012-09-25", "--format", "json"]
    every = json.loads(runner.invoke(app, [*base, "--all"]).stdout)
    assert sum(every["summary"].values()) == len(every["findings"])
    only_a = json.loads(runner.invoke(app, [*base, "--all", "--unit", "ps-a"]).stdout)
    assert only_a["findings"] and {f["unit"] for f in only_a["findings"]} == {"ps-a"}
    met = json.loads(runner.invoke(app, [*base, "--status", "met"]).stdout)
    assert {f["status"] for f in met["findings"]} == {"met"}
    assert met["summary"] == every["summary"]
    school = json.loads(runner.invoke(app, [*base, "--all", "--school", "sch-a1"]).stdout)
    subjects = {f["subject"] for f in school["findings"]}
    assert (
        "sch-a1" in subjects and "hz1" in subjects and "v1" in subjects and "sch-b1" not in subjects
    )
    one = json.loads(
        runner.invoke(app, [*base, "--all", "--obligation", "stats_form,monthly_work"]).stdout
    )
    assert {f["obligation"] for f in one["findings"]} == {"stats_form", "monthly_work"}


def test_usage_errors_exit_2(folder: Path, tmp_path: Path) -> None:
    assert (
        runner.invoke(app, ["check", "--data", str(folder), "--as-of", "2012-02-30"]).exit_code == 2
    )
    assert (
        runner.invoke(app, ["check", "--data", str(folder), "--status", "late,bogus"]).exit_code
        == 2
    )
    assert runner.invoke(app, ["check", "--data", str(tmp_path / "nowhere")]).exit_code == 2
    assert runner.invoke(app, ["check", "--data", str(folder), "--bogus"]).exit_code == 2


def test_data_errors_exit_3_unless_allowed(folder: Path) -> None:
    (folder / "bad.yaml").write_text(
        "- {kind: legal_visit, date: 2012-05-40, school: sch-a1}\n", encoding="utf-8"
    )
    stopped = runner.invoke(app, ["check", "--data", str(folder), "--as-of", "2012-09-25"])
    assert stopped.exit_code == 3
    assert "E-bad-date" in stopped.stderr
    allowed = runner.invoke(
        app,
        [
            "check",
            "--data",
            str(folder),
            "--as-of",
            "2012-09-25",
            "--allow-errors",
            "--format",
            "json",
        ],
    )
    assert allowed.exit_code == 1
    doc = json.loads(allowed.stdout)
    assert doc["data"]["errors"] == 1 and doc["data"]["left_out"] == 1 and "notice" in doc


def test_campaign_errors_always_exit_3(folder: Path) -> None:
    text = (folder / "campaign.yaml").read_text(encoding="utf-8")
    (folder / "campaign.yaml").write_text(text + "bogus_key: 1\n", encoding="utf-8")
    for extra in ([], ["--allow-errors"]):
        result = runner.invoke(
            app, ["check", "--data", str(folder), "--as-of", "2012-09-25", *extra]
        )
        assert result.exit_code == 3
        assert "campaign.yaml" in result.stderr


def test_missing_traffic_unit_is_a_campaign_error(tmp_path: Path) -> None:
    units = "\n".join(line for line in UNITS.splitlines() if "jjdd" not in line) + "\n"
    root = make_folder(tmp_path / "d", {}, units=units)
    result = runner.invoke(app, ["check", "--data", str(root), "--as-of", "2012-09-25"])
    assert result.exit_code == 3
    assert "E-campaign" in result.stderr


def test_table_view_groups_by_unit_and_shows_names(folder: Path) -> None:
    result = runner.invoke(
        app, ["check", "--data", str(folder), "--as-of", "2012-09-25", "--lang", "en"]
    )
    out = result.stdout
    assert "甲派出所 (ps-a)" in out and "乙派出所 (ps-b)" in out
    assert "甲一小学 sch-a1" in out
    assert "Summary:" in out and "Data:" in out
    assert out.index("甲派出所 (ps-a)") < out.index("乙派出所 (ps-b)")


def test_csv_and_markdown_carry_the_fields(folder: Path) -> None:
    base = ["check", "--data", str(folder), "--as-of", "2012-09-25"]
    # Chinese headers and status words by default (opened in Excel or WPS), codes in English
    csv_out = runner.invoke(app, [*base, "--format", "csv"]).stdout.splitlines()
    assert csv_out[0] == "事项,状态,责任单位,对象,期间,期限,完成日期,说明,记录"
    rows = list(csv.reader(csv_out[1:]))
    assert rows and all(row[1] in ("逾期未完成", "待完成", "逾期完成", "按时完成") for row in rows)
    csv_en = runner.invoke(app, [*base, "--format", "csv", "--lang", "en"]).stdout.splitlines()
    assert csv_en[0] == "obligation,status,unit,subject,period,due,evidence,message,refs"
    md = runner.invoke(app, [*base, "--format", "md"]).stdout
    assert md.startswith("| 事项 | 状态 | 责任单位 |") and "| 逾期未完成 |" in md
    md_en = runner.invoke(app, [*base, "--format", "md", "--lang", "en"]).stdout
    assert md_en.startswith("| obligation | status |") and "| overdue |" in md_en


def test_check_writes_nothing(folder: Path) -> None:
    before = sorted((p, p.stat().st_mtime_ns) for p in folder.rglob("*"))
    runner.invoke(app, ["check", "--data", str(folder), "--as-of", "2012-09-25"])
    assert sorted((p, p.stat().st_mtime_ns) for p in folder.rglob("*")) == before


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(seed=st.integers(0, 10_000), nfiles=st.integers(1, 5))
def test_findings_do_not_depend_on_file_layout(
    tmp_path_factory: pytest.TempPathFactory, seed: int, nfiles: int
) -> None:
    rng = random.Random(seed)
    base = _folder(tmp_path_factory.mktemp("base"), {"records.yaml": RECORDS})
    lines = RECORDS[:]
    rng.shuffle(lines)
    files: dict[str, list[str]] = {}
    for line in lines:
        files.setdefault(f"r/{rng.randrange(nfiles)}/part.yaml", []).append(line)
    moved = _folder(tmp_path_factory.mktemp("moved"), files)
    for day in ("2012-05-20", "2012-09-25", "2012-12-05"):
        assert _essence(evaluate_at(moved, day)) == _essence(evaluate_at(base, day))


def test_overdue_never_turns_back_into_due(tmp_path: Path) -> None:
    root = _folder(tmp_path / "d", {"records.yaml": RECORDS})
    start = dt.date(2012, 3, 1)
    previous: dict[tuple[str, str, str | None], str] = {}
    for offset in range(0, 290, 3):
        day = start + dt.timedelta(days=offset)
        now = {(f.obligation, f.subject, f.period): f.status for f in evaluate_at(root, day)}
        for key, status in previous.items():
            if status == "overdue" and key in now:
                assert now[key] != "due", (key, day)
        previous = now
