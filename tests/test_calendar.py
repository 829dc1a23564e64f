"""`hxay calendar`: an iCalendar feed with one event per open instance in the window."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path
from typing import Any

import icalendar
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruleskit import evaluate_at, make_folder
from typer.testing import CliRunner

from hxay import api
from hxay.cli import app
from hxay.models.findings import Finding

DATA = Path(__file__).resolve().parent.parent / "data"
RECORDS = {
    "records.yaml": """\
    - {kind: inspection, date: 2012-05-03, unit: ps-a, school: sch-a1}
    - {kind: hazard, id: hz1, school: sch-a1, found: 2012-09-01, description: 围墙, severity: major,
       deadline: 2012-09-30}
    - {kind: hazard, id: hz2, school: sch-b1, found: 2012-09-10, description: 监控, deadline: 2012-10-20,
       supervisor: {name: 陈, unit: edu}, rectifier: {name: 张}}
    - {kind: submission, form: stats_form, unit: ps-a, period: 2012-09-1, submitted: 2012-09-16}
    """
}
AS_OF = dt.date(2012, 9, 25)
NOW = dt.datetime(2012, 9, 25, 1, 0, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_folder(tmp_path_factory.mktemp("cal") / "data", RECORDS)


def feed(*args: str) -> tuple[int, bytes, str]:
    result = CliRunner().invoke(app, ["calendar", *args])
    return result.exit_code, result.stdout_bytes, result.stderr


def events(raw: bytes) -> list[Any]:
    cal = icalendar.Calendar.from_ical(raw)
    return list(cal.walk("VEVENT"))


def key(event: Any) -> tuple[str, str, str, str]:
    return (
        str(event.get("x-hxay-obligation")),
        str(event.get("x-hxay-subject")),
        str(event.get("x-hxay-period") or ""),
        event.decoded("dtstart").isoformat(),
    )


def open_in_window(findings: list[Finding], as_of: dt.date, days: int) -> set[tuple[str, ...]]:
    return {
        (f.obligation, f.subject, f.period or "", f.due.isoformat())
        for f in findings
        if f.status in ("due", "overdue") and abs((f.due - as_of).days) <= days
    }


def test_one_event_per_open_instance_in_the_window(folder: Path) -> None:
    code, raw, err = feed("--data", str(folder), "--as-of", AS_OF.isoformat(), "--days", "30")
    assert code == 0, err
    found = events(raw)
    expected = open_in_window(evaluate_at(folder, AS_OF), AS_OF, 30)
    assert expected  # the folder has open duties on both sides of the as-of date
    assert any(d < AS_OF.isoformat() for *_, d in expected)
    assert any(d > AS_OF.isoformat() for *_, d in expected)
    assert sorted(key(e) for e in found) == sorted(expected)
    assert len({str(e.get("uid")) for e in found}) == len(found)


def test_events_name_the_unit_and_link_back_to_the_record(folder: Path) -> None:
    base = "https://git.example/pinghu/data/src/branch/main/"
    code, raw, _ = feed(
        "--data", str(folder), "--as-of", "2012-09-25", "--unit", "ps-a", "--link-base", base
    )
    assert code == 0
    found = events(raw)
    assert found and {str(e.get("x-hxay-unit")) for e in found} == {"ps-a"}
    hazard = next(e for e in found if str(e.get("x-hxay-subject")) == "hz1")
    assert str(hazard.get("summary")).startswith("[")
    assert "甲派出所" in str(hazard.get("summary"))
    description = str(hazard.get("description"))
    assert "责任单位: 甲派出所 (ps-a)" in description
    assert "records.yaml:2" in description
    assert str(hazard.get("url")) == base.rstrip("/") + "/records.yaml#L2"
    refs = hazard.get("x-hxay-ref")
    refs = refs if isinstance(refs, list) else [refs]
    assert str(refs[0]) == "records.yaml:2"
    assert hazard.decoded("dtend") - hazard.decoded("dtstart") == dt.timedelta(days=1)


def test_uids_are_stable_between_runs_and_the_calendar_is_well_formed(folder: Path) -> None:
    args = ("--data", str(folder), "--as-of", "2012-09-25", "--lang", "en")
    first, second = feed(*args)[1], feed(*args)[1]
    uids = [str(e.get("uid")) for e in events(first)]
    assert uids == [str(e.get("uid")) for e in events(second)]
    cal = icalendar.Calendar.from_ical(first)
    assert str(cal.get("version")) == "2.0" and "hxay" in str(cal.get("prodid"))
    assert b"\r\n" in first  # RFC 5545 line ends
    assert all(str(e.get("summary")).startswith(("[overdue]", "[due]")) for e in events(first))


def test_unit_filter_and_out_file(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "ps-b.ics"
    code, raw, _ = feed(
        "--data", str(folder), "--as-of", "2012-09-25", "--unit", "ps-b", "-o", str(out)
    )
    assert code == 0 and raw == b""
    found = events(out.read_bytes())
    assert found and {str(e.get("x-hxay-unit")) for e in found} == {"ps-b"}


def test_data_errors_stop_it_unless_allowed(tmp_path: Path) -> None:
    broken = make_folder(
        tmp_path / "d", {**RECORDS, "bad.yaml": "- {kind: meeting, date: 2012-02-30, unit: ps-a}\n"}
    )
    code, raw, err = feed("--data", str(broken), "--as-of", "2012-09-25")
    assert code == 3 and raw == b"" and "E-bad-date" in err
    code, raw, err = feed("--data", str(broken), "--as-of", "2012-09-25", "--allow-errors")
    assert code == 0 and events(raw)


def test_the_sample_campaign_feed() -> None:
    result = api.calendar(
        DATA, display_path="data", as_of=AS_OF, now=NOW, units=["ps-danghu"], days=60
    )
    code, raw, _ = feed("--data", str(DATA), "--as-of", "2012-09-25", "--unit", "ps-danghu")
    assert code == 0
    assert len(events(raw)) == len(result.events) > 0


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.dates(dt.date(2012, 4, 1), dt.date(2012, 12, 31)), st.integers(0, 90))
def test_window_matches_the_findings_at_any_date(folder: Path, day: dt.date, days: int) -> None:
    result = api.calendar(folder, display_path=None, as_of=day, now=NOW, days=days)
    got = {(f.obligation, f.subject, f.period or "", f.due.isoformat()) for f in result.events}
    assert got == open_in_window(evaluate_at(folder, day), day, days)


def test_icalendar_is_not_imported_when_the_cli_starts() -> None:
    code = "import sys, hxay.cli; print('icalendar' in sys.modules, 'jsonschema' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "False"]
