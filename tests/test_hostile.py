"""Hostile values in campaign.yaml and on the command line: never a traceback; `validate`
exits 1 where `check`/`report` exit 3 (so a pre-commit hook stops what the Monday job would
fail on), the command line exits 2; each answer comes quickly."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from conftest import CAMPAIGN, DataDir
from typer.testing import CliRunner

from hxay.cli import app

runner = CliRunner()

CAMPAIGN_VALUES = {
    "unknown owner unit": "obligations:\n  vehicle_check: {unit: nope}\n",
    "misspelt timezone": "timezone: Asia/Shangai\n",
    "huge within_days": "obligations:\n  hazard_assignment: {within_days: 99999999999}\n",
    "huge warn_days": "obligations:\n  vehicle_documents: {warn_days: 99999}\n",
    "end in year 9999": None,  # replaces the end line
    "start in year 1": None,
    "a window the wrong way round": (
        "obligations:\n  comprehensive_inspection: {windows: [[2012-09-14, 2012-08-27]]}\n"
    ),
    "huge min_term_days": "min_term_days: 99999\n",
    "a century-long campaign": None,
    "due in year 2200": "obligations:\n  serious_hazard_list: {due: 2200-09-23}\n",
}


def campaign_for(case: str) -> str:
    text = CAMPAIGN
    if case == "end in year 9999":
        return text.replace("end: 2012-11-30", "end: 9999-12-31")
    if case == "start in year 1":
        return text.replace("start: 2012-03-01", "start: 0001-01-01")
    if case == "a century-long campaign":
        return text.replace("end: 2012-11-30", "end: 2099-11-30")
    extra = CAMPAIGN_VALUES[case]
    assert extra is not None
    return text + extra


def _timed(args: list[str]) -> tuple[int, str, float]:
    started = time.monotonic()
    got = runner.invoke(app, args)
    elapsed = time.monotonic() - started
    assert "Traceback" not in got.output, got.output
    assert got.exception is None or isinstance(got.exception, SystemExit), got.exception
    return got.exit_code, got.output, elapsed


@pytest.mark.parametrize("case", sorted(CAMPAIGN_VALUES))
def test_campaign_values(datadir: DataDir, case: str) -> None:
    root = str(datadir.write({"campaign.yaml": campaign_for(case)}))
    for args, expected in (
        (["validate", "--data", root], 1),
        (["check", "--as-of", "2012-06-30", "--data", root], 3),
        (["report", "--month", "2012-05", "--data", root], 3),
    ):
        code, output, elapsed = _timed(args)
        assert code == expected, (case, args, output)
        assert "E-campaign" in output, (case, args, output)
        assert elapsed < 5, (case, args, elapsed)


COMMAND_LINES = {
    "as-of in year 9999": ["check", "--as-of", "9999-12-31"],
    "as-of not a day": ["check", "--as-of", "2012-02-30"],
    "within too large": ["check", "--within", "99999999"],
    "days as a float": ["calendar", "--days", "1e22"],
    "days too large": ["calendar", "--days", "99999999"],
    "month in year 0": ["report", "-m", "0000-01"],
    "third half": ["report", "-m", "2012-05", "--half", "3"],
    "unknown option": ["check", "--asof", "2012-05-01"],
    "unknown status": ["check", "--status", "late,lost"],
    "unknown obligation": ["check", "--obligation", "monthly_inspections"],
    "new with a date in year 9999": ["new", "meeting", "unit=ps-a", "--date", "9999-01-01"],
    "calendar into the folder": ["calendar", "--out", "{root}/cal.yaml"],
    "schema into the folder": ["schema", "--out", "{root}/schema.yml"],
}


@pytest.mark.parametrize("case", sorted(COMMAND_LINES))
def test_command_line_values(datadir: DataDir, case: str) -> None:
    root = datadir.write()
    args = [a.replace("{root}", str(root)) for a in COMMAND_LINES[case]]
    code, output, elapsed = _timed([*args, "--data", str(root)])
    assert code == 2, (case, output)
    assert elapsed < 5, (case, elapsed)
    assert not list(Path(root).glob("*.y*ml")) or sorted(
        p.name for p in Path(root).glob("*.y*ml")
    ) == [
        "campaign.yaml",
        "schools.yaml",
        "units.yaml",
    ]


def test_a_hundred_thousand_unknown_fields_are_listed_fifty_at_a_time(datadir: DataDir) -> None:
    fields = "".join(f"  f{i}: x\n" for i in range(100_000))
    root = datadir.write(
        {"records/wide.yaml": "- kind: meeting\n  date: 2012-05-14\n  unit: ps-a\n" + fields}
    )
    code, output, _ = _timed(["validate", "--data", str(root)])
    assert code == 1
    listed = [line for line in output.splitlines() if line.startswith("records/wide.yaml:")]
    assert len(listed) == 51
    (more,) = [line for line in listed if "E-too-many" in line]
    assert "99950" in more
