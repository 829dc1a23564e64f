"""hazard_assignment, hazard_rectification and major_hazard_report on small hand-made folders.

Base folder (tests/ruleskit.py): issued 2012-04-24, campaign 2012-03-01..11-30; sch-a1 belongs
to ps-a, sch-b1 to ps-b; jjdd is the only traffic brigade. Expected tuples are
(status, unit, subject, period, due, evidence), worked out by hand from docs/obligations.md.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from ruleskit import UNITS, evaluate_at, make_folder, obligations_only, rows

OURS = ("hazard_assignment", "hazard_rectification", "major_hazard_report")


def obligations(**params: str) -> str:
    """campaign.yaml `obligations:` turning off every rule outside this file, with `params`."""
    return obligations_only(OURS, **params)


VEHICLES = """\
- kind: vehicle
  id: v1
  plate: 浙F-00001
  school: sch-a1
  seats: 19
  drivers: [{name: 张三}]
"""


def hazard(
    *,
    hid: str = "hz-1",
    found: str = "2012-05-01",
    school: str | None = "sch-a1",
    vehicle: str | None = None,
    deadline: str | None = "2012-05-20",
    supervisor: bool = True,
    rectifier: bool = True,
    rectified: str | None = None,
    severity: str | None = None,
    reported: str | None = None,
    source: str | None = None,
) -> str:
    """One standalone hazard record as YAML (a list item)."""
    lines = [f"- kind: hazard\n  id: {hid}\n  found: {found}\n  description: 围墙破损"]
    for key, value in (
        ("school", school),
        ("vehicle", vehicle),
        ("deadline", deadline),
        ("rectified", rectified),
        ("severity", severity),
        ("reported_to_government", reported),
        ("source", source),
    ):
        if value is not None:
            lines.append(f"  {key}: {value}")
    if supervisor:
        lines.append("  supervisor: {name: 陈伟, unit: edu}")
    if rectifier:
        lines.append("  rectifier: {name: 张老师}")
    return "\n".join(lines) + "\n"


def run(
    tmp_path: Path,
    records: str,
    as_of: str,
    obligation: str,
    *,
    units: str = UNITS,
    **params: str,
) -> list[tuple[str, str | None, str, str | None, str, str | None]]:
    root = make_folder(
        tmp_path,
        {"records/h.yaml": records, "vehicles.yaml": VEHICLES},
        campaign_extra=obligations(**params),
        units=units,
    )
    return rows(evaluate_at(root, as_of), obligation)


def messages(tmp_path: Path, records: str, as_of: str, obligation: str) -> list[str]:
    root = make_folder(
        tmp_path,
        {"records/h.yaml": records, "vehicles.yaml": VEHICLES},
        campaign_extra=obligations(),
    )
    return [f.msg.en for f in evaluate_at(root, as_of) if f.obligation == obligation]


# hazard_assignment: found 05-01 + 7 days = due 05-08.


def test_assignment_all_recorded_is_met_without_evidence(tmp_path: Path) -> None:
    assert run(tmp_path, hazard(), "2012-05-03", "hazard_assignment") == [
        ("met", "ps-a", "hz-1", None, "2012-05-08", None)
    ]


def test_assignment_all_recorded_after_due_is_still_met_never_late(tmp_path: Path) -> None:
    assert run(tmp_path, hazard(), "2012-07-01", "hazard_assignment") == [
        ("met", "ps-a", "hz-1", None, "2012-05-08", None)
    ]


@pytest.mark.parametrize(
    ("as_of", "status"),
    [("2012-05-01", "due"), ("2012-05-08", "due"), ("2012-05-09", "overdue")],
)
def test_assignment_missing_rectifier_due_then_overdue(
    tmp_path: Path, as_of: str, status: str
) -> None:
    # begins on `found` (05-01 exists), due on 05-08 itself, overdue from 05-09
    assert run(tmp_path, hazard(rectifier=False), as_of, "hazard_assignment") == [
        (status, "ps-a", "hz-1", None, "2012-05-08", None)
    ]


def test_assignment_not_begun_before_found(tmp_path: Path) -> None:
    assert run(tmp_path, hazard(rectifier=False), "2012-04-30", "hazard_assignment") == []


def test_assignment_message_names_what_is_missing(tmp_path: Path) -> None:
    text = hazard(rectifier=False) + hazard(
        hid="hz-2", deadline=None, supervisor=False, rectifier=True
    )
    msgs = sorted(messages(tmp_path, text, "2012-05-03", "hazard_assignment"))
    assert len(msgs) == 2
    only_rectifier = next(m for m in msgs if "rectifier" in m)
    assert "deadline" not in only_rectifier and "supervisor" not in only_rectifier
    two = next(m for m in msgs if "rectifier" not in m)
    assert "deadline" in two and "supervisor" in two


def test_assignment_each_field_is_required(tmp_path: Path) -> None:
    text = (
        hazard(hid="hz-d", deadline=None)
        + hazard(hid="hz-s", supervisor=False)
        + hazard(hid="hz-r", rectifier=False)
    )
    assert run(tmp_path, text, "2012-05-09", "hazard_assignment") == [
        ("overdue", "ps-a", "hz-d", None, "2012-05-08", None),
        ("overdue", "ps-a", "hz-r", None, "2012-05-08", None),
        ("overdue", "ps-a", "hz-s", None, "2012-05-08", None),
    ]


def bare(rectified: str | None) -> str:
    return hazard(deadline=None, supervisor=False, rectifier=False, rectified=rectified)


def test_assignment_fixed_on_the_spot_on_the_due_date_is_met(tmp_path: Path) -> None:
    assert run(tmp_path, bare("2012-05-08"), "2012-05-10", "hazard_assignment") == [
        ("met", "ps-a", "hz-1", None, "2012-05-08", "2012-05-08")
    ]


def test_assignment_fixed_the_day_found_is_met(tmp_path: Path) -> None:
    assert run(tmp_path, bare("2012-05-01"), "2012-05-01", "hazard_assignment") == [
        ("met", "ps-a", "hz-1", None, "2012-05-08", "2012-05-01")
    ]


def test_assignment_rectified_after_due_is_late(tmp_path: Path) -> None:
    # docs/obligations.md: fixed after the due date (05-01 + 7 = 05-08) without the assignment
    # ever recorded is late, e = rectified, not overdue forever
    assert run(tmp_path, bare("2012-05-09"), "2012-05-10", "hazard_assignment") == [
        ("late", "ps-a", "hz-1", None, "2012-05-08", "2012-05-09")
    ]


def test_assignment_overdue_until_rectified_then_late(tmp_path: Path) -> None:
    # rectified 05-20: overdue on 05-19 (nothing known yet), late from 05-20 on
    text = bare("2012-05-20")
    assert run(tmp_path, text, "2012-05-19", "hazard_assignment") == [
        ("overdue", "ps-a", "hz-1", None, "2012-05-08", None)
    ]
    assert run(tmp_path / "b", text, "2012-05-20", "hazard_assignment") == [
        ("late", "ps-a", "hz-1", None, "2012-05-08", "2012-05-20")
    ]


def test_assignment_late_message_names_what_is_missing(tmp_path: Path) -> None:
    root = make_folder(
        tmp_path, {"records/h.yaml": bare("2012-05-09")}, campaign_extra=obligations()
    )
    found = [f for f in evaluate_at(root, "2012-05-10") if f.obligation == "hazard_assignment"]
    assert len(found) == 1
    text = found[0].msg.zh
    assert "整改期限" in text and "督办责任人" in text and "整改责任人" in text
    assert "2012-05-09" in text and "1 天" in text


def test_assignment_rectified_after_as_of_is_absent(tmp_path: Path) -> None:
    assert run(tmp_path, bare("2012-05-06"), "2012-05-05", "hazard_assignment") == [
        ("due", "ps-a", "hz-1", None, "2012-05-08", None)
    ]


def test_assignment_within_days(tmp_path: Path) -> None:
    # 05-01 + 3 = 05-04
    assert run(
        tmp_path,
        hazard(rectifier=False),
        "2012-05-05",
        "hazard_assignment",
        hazard_assignment="{within_days: 3}",
    ) == [("overdue", "ps-a", "hz-1", None, "2012-05-04", None)]


def test_assignment_found_before_issued_counts_from_issued(tmp_path: Path) -> None:
    # found 04-10 < issued 04-24: due 04-24 + 7 = 05-01, not 04-17
    text = hazard(found="2012-04-10", deadline=None)
    assert run(tmp_path, text, "2012-04-20", "hazard_assignment") == [
        ("due", "ps-a", "hz-1", None, "2012-05-01", None)
    ]


def test_assignment_found_after_campaign_end_is_out_of_scope(tmp_path: Path) -> None:
    text = hazard(hid="hz-end", found="2012-11-30", deadline=None) + hazard(
        hid="hz-after", found="2012-12-01", deadline=None
    )
    # hz-end: 11-30 + 7 = 12-07; hz-after is out of scope
    assert run(tmp_path, text, "2012-12-10", "hazard_assignment") == [
        ("overdue", "ps-a", "hz-end", None, "2012-12-07", None)
    ]


def test_assignment_disabled(tmp_path: Path) -> None:
    out = run(
        tmp_path,
        hazard(rectifier=False),
        "2012-05-09",
        "hazard_assignment",
        hazard_assignment="{enabled: false}",
    )
    assert out == []


def test_assignment_unit_is_the_source_inspections(tmp_path: Path) -> None:
    text = """\
    - kind: inspection
      date: 2012-05-01
      unit: ps-b
      school: sch-a1
      hazards:
        - {id: hz-in, description: 消防通道堵塞}
    """
    assert run(tmp_path, text, "2012-05-09", "hazard_assignment") == [
        ("overdue", "ps-b", "hz-in", None, "2012-05-08", None)
    ]


# hazard_rectification: due = deadline 05-20, e = rectified.


@pytest.mark.parametrize(
    ("rectified", "as_of", "expected"),
    [
        (None, "2012-05-01", ("due", "2012-05-20", None)),  # the begins day (found)
        (None, "2012-05-20", ("due", "2012-05-20", None)),
        (None, "2012-05-21", ("overdue", "2012-05-20", None)),
        ("2012-05-20", "2012-06-01", ("met", "2012-05-20", "2012-05-20")),  # on the deadline
        ("2012-05-21", "2012-05-21", ("late", "2012-05-20", "2012-05-21")),  # the day after
        ("2012-05-21", "2012-05-20", ("due", "2012-05-20", None)),  # rectified after D
        ("2012-05-25", "2012-05-24", ("overdue", "2012-05-20", None)),  # rectified after D
    ],
)
def test_rectification_statuses(
    tmp_path: Path,
    rectified: str | None,
    as_of: str,
    expected: tuple[str, str, str | None],
) -> None:
    status, due, e = expected
    assert run(tmp_path, hazard(rectified=rectified), as_of, "hazard_rectification") == [
        (status, "ps-a", "hz-1", None, due, e)
    ]


def test_rectification_not_begun_before_found(tmp_path: Path) -> None:
    assert run(tmp_path, hazard(), "2012-04-30", "hazard_rectification") == []


def test_rectification_needs_a_deadline(tmp_path: Path) -> None:
    text = hazard(deadline=None) + hazard(hid="hz-2", deadline="2012-05-10")
    assert run(tmp_path, text, "2012-06-01", "hazard_rectification") == [
        ("overdue", "ps-a", "hz-2", None, "2012-05-10", None)
    ]


def test_rectification_deadline_before_issued_is_read_as_written(tmp_path: Path) -> None:
    # the deadline is a validity date: no counting from `issued`
    text = hazard(found="2012-04-01", deadline="2012-04-10")
    assert run(tmp_path, text, "2012-05-01", "hazard_rectification") == [
        ("overdue", "ps-a", "hz-1", None, "2012-04-10", None)
    ]


def test_rectification_out_of_scope_after_campaign_end(tmp_path: Path) -> None:
    text = hazard(found="2012-12-01", deadline="2012-12-05")
    assert run(tmp_path, text, "2012-12-10", "hazard_rectification") == []


def test_rectification_disabled(tmp_path: Path) -> None:
    out = run(
        tmp_path,
        hazard(),
        "2012-06-01",
        "hazard_rectification",
        hazard_rectification="{enabled: false}",
    )
    assert out == []


RESPONSIBLE = """\
- kind: inspection
  id: ins-1
  date: 2012-05-01
  unit: ps-b
  school: sch-a1
  hazards:
    - {id: hz-inline, description: 监控损坏, deadline: 2012-05-20}
- kind: hazard
  id: hz-src
  school: sch-a1
  found: 2012-05-02
  source: ins-1
  description: 门卫缺岗
  deadline: 2012-05-20
- kind: vehicle_check
  id: vc-1
  date: 2012-05-03
  vehicle: v1
  unit: zadd
  result: fail
  hazards:
    - {id: hz-vc, description: 灭火器过期, deadline: 2012-05-20}
- kind: hazard
  id: hz-veh
  vehicle: v1
  found: 2012-05-04
  description: 座椅损坏
  deadline: 2012-05-20
- kind: hazard
  id: hz-school
  school: sch-b1
  found: 2012-05-05
  description: 围墙破损
  deadline: 2012-05-20
"""


def test_rectification_responsible_unit(tmp_path: Path) -> None:
    # inline in ps-b's inspection of an ps-a school -> ps-b; `source: ins-1` -> ps-b;
    # inline in zadd's vehicle check -> zadd; vehicle hazard without source -> the traffic
    # brigade jjdd; a school hazard without source -> the school's station ps-b
    assert run(tmp_path, RESPONSIBLE, "2012-05-21", "hazard_rectification") == [
        ("overdue", "jjdd", "hz-veh", None, "2012-05-20", None),
        ("overdue", "ps-b", "hz-inline", None, "2012-05-20", None),
        ("overdue", "ps-b", "hz-school", None, "2012-05-20", None),
        ("overdue", "ps-b", "hz-src", None, "2012-05-20", None),
        ("overdue", "zadd", "hz-vc", None, "2012-05-20", None),
    ]


def test_rectification_vehicle_hazard_without_a_single_traffic_brigade(tmp_path: Path) -> None:
    # no traffic brigade to own it: falls back to the station of the vehicle's school (ps-a)
    units = "\n".join(line for line in UNITS.splitlines() if "jjdd" not in line) + "\n"
    text = hazard(school=None, vehicle="v1")
    assert run(tmp_path, text, "2012-05-21", "hazard_rectification", units=units) == [
        ("overdue", "ps-a", "hz-1", None, "2012-05-20", None)
    ]


def test_rectification_refs_are_the_hazard(tmp_path: Path) -> None:
    root = make_folder(
        tmp_path,
        {"records/h.yaml": hazard(rectified="2012-05-10"), "vehicles.yaml": VEHICLES},
        campaign_extra=obligations(),
    )
    found = [f for f in evaluate_at(root, "2012-06-01") if f.obligation == "hazard_rectification"]
    assert [f.refs for f in found] == [("records/h.yaml:1",)]


# major_hazard_report: found 05-01 + 3 = due 05-04, e = reported_to_government.


@pytest.mark.parametrize(
    ("reported", "as_of", "expected"),
    [
        (None, "2012-05-01", ("due", None)),
        (None, "2012-05-04", ("due", None)),
        (None, "2012-05-05", ("overdue", None)),
        ("2012-05-04", "2012-05-04", ("met", "2012-05-04")),
        ("2012-05-01", "2012-05-02", ("met", "2012-05-01")),
        ("2012-05-05", "2012-05-10", ("late", "2012-05-05")),
        ("2012-05-04", "2012-05-03", ("due", None)),  # reported after D: absent
        ("2012-05-06", "2012-05-05", ("overdue", None)),  # reported after D: absent
    ],
)
def test_major_report_statuses(
    tmp_path: Path, reported: str | None, as_of: str, expected: tuple[str, str | None]
) -> None:
    status, e = expected
    text = hazard(severity="major", reported=reported)
    assert run(tmp_path, text, as_of, "major_hazard_report") == [
        (status, "ps-a", "hz-1", None, "2012-05-04", e)
    ]


def test_major_report_only_major_hazards(tmp_path: Path) -> None:
    text = (
        hazard(hid="hz-g")
        + hazard(hid="hz-s", severity="serious")
        + hazard(hid="hz-m", severity="重大")  # the Chinese label reads as `major`
    )
    assert run(tmp_path, text, "2012-05-05", "major_hazard_report") == [
        ("overdue", "ps-a", "hz-m", None, "2012-05-04", None)
    ]


def test_major_report_not_begun_before_found(tmp_path: Path) -> None:
    assert run(tmp_path, hazard(severity="major"), "2012-04-30", "major_hazard_report") == []


def test_major_report_within_days(tmp_path: Path) -> None:
    # 05-01 + 5 = 05-06: reported on 05-06 is on time
    out = run(
        tmp_path,
        hazard(severity="major", reported="2012-05-06"),
        "2012-05-10",
        "major_hazard_report",
        major_hazard_report="{within_days: 5}",
    )
    assert out == [("met", "ps-a", "hz-1", None, "2012-05-06", "2012-05-06")]


def test_major_report_found_before_issued_counts_from_issued(tmp_path: Path) -> None:
    # found 04-20 < issued 04-24: due 04-24 + 3 = 04-27; reported 04-26 is met
    text = hazard(found="2012-04-20", severity="major", reported="2012-04-26") + hazard(
        hid="hz-2", found="2012-04-20", severity="major"
    )
    assert run(tmp_path, text, "2012-04-28", "major_hazard_report") == [
        ("met", "ps-a", "hz-1", None, "2012-04-27", "2012-04-26"),
        ("overdue", "ps-a", "hz-2", None, "2012-04-27", None),
    ]


def test_major_report_vehicle_hazard_belongs_to_the_traffic_brigade(tmp_path: Path) -> None:
    text = hazard(school=None, vehicle="v1", severity="major")
    assert run(tmp_path, text, "2012-05-02", "major_hazard_report") == [
        ("due", "jjdd", "hz-1", None, "2012-05-04", None)
    ]


def test_major_report_out_of_scope_and_disabled(tmp_path: Path) -> None:
    late = hazard(found="2012-12-01", deadline=None, severity="major")
    assert run(tmp_path / "a", late, "2012-12-10", "major_hazard_report") == []
    out = run(
        tmp_path / "b",
        hazard(severity="major"),
        "2012-05-10",
        "major_hazard_report",
        major_hazard_report="{enabled: false}",
    )
    assert out == []
