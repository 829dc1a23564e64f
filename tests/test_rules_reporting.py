"""liaison, serious_hazard_list, joint_operation, joint_meeting, gov_briefing, stats_form,
monthly_work and campaign_summary on small hand-made folders.

Base folder (tests/ruleskit.py): issued 2012-04-24, campaign 2012-03-01..11-30, terms
2011学年第二学期 (clipped to 03-01..07-05) and 2012学年第一学期 (clipped to 09-03..11-30); units
psb (city_psb), zadd (security_brigade), edu (education_bureau), jjdd (traffic_brigade) and the
police stations ps-a, ps-b, all with a liaison (name and phone) except psb, zadd and edu.
Expected tuples are (status, unit, subject, period, due, evidence), worked out by hand from
docs/obligations.md. Every test turns off all obligations but the one it looks at.

Pinghu 2012 working days used below: 06-02 Sat -> 06-04, 06-17 Sun -> 06-18, 07-15 Sun -> 07-16,
09-02 Sun -> 09-03, 09-23 Sun -> 09-24, 10-02 (National Day) -> 10-08, 11-17 Sat -> 11-19,
12-01 Sat / 12-02 Sun -> 12-03; 05-02, 07-02, 12-03 and 12-10 are working days.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from ruleskit import UNITS, evaluate_at, make_folder, rows

from hxay.loading.load import load
from hxay.models.findings import Finding
from hxay.rules.registry import BY_ID as PARAMS
from hxay.rules.registry import evaluate

T1 = "2011学年第二学期"
T2 = "2012学年第一学期"
Row = tuple[str, str | None, str, str | None, str, str | None]
SHIFT = "due_shift: next_workday\n"


def config(obligation: str, params: str | None = None, top: str = "") -> str:
    """campaign.yaml lines: `top`, then `obligations:` turning off every rule but `obligation`."""
    lines = [top.rstrip("\n")] if top else []
    lines.append("obligations:")
    for ob in PARAMS:
        if ob != obligation:
            lines.append(f"  {ob}: {{enabled: false}}")
        elif params is not None:
            lines.append(f"  {ob}: {params}")
    return "\n".join(lines) + "\n"


def findings(
    tmp_path: Path,
    obligation: str,
    as_of: str,
    records: str = "",
    params: str | None = None,
    *,
    top: str = "",
    units: str = UNITS,
    campaign: str | None = None,
) -> list[Finding]:
    root = make_folder(
        tmp_path,
        {"records/x.yaml": records},
        campaign_extra=config(obligation, params, top),
        campaign=campaign,
        units=units,
    )
    return [f for f in evaluate_at(root, as_of) if f.obligation == obligation]


def run(
    tmp_path: Path,
    obligation: str,
    as_of: str,
    records: str = "",
    params: str | None = None,
    *,
    top: str = "",
    units: str = UNITS,
    campaign: str | None = None,
) -> list[Row]:
    found = findings(
        tmp_path, obligation, as_of, records, params, top=top, units=units, campaign=campaign
    )
    return rows(found, obligation)


def problems(
    tmp_path: Path, obligation: str, params: str | None, *, units: str = UNITS
) -> list[str]:
    """The obligations that report a campaign error at 2012-10-01."""
    root = make_folder(tmp_path, {}, campaign_extra=config(obligation, params), units=units)
    loaded = load(root)
    assert loaded.ledger is not None
    _, found = evaluate(loaded.ledger, dt.date(2012, 10, 1))
    return [ob for ob, _ in found]


def make_campaign(*, issued: str = "2012-04-24", end: str = "2012-11-30") -> str:
    """The base campaign.yaml with another `issued` or `end`."""
    return (
        "id: test-2012\nname: 测试专项行动\n"
        f"issued: {issued}\nstart: 2012-03-01\nend: {end}\n"
        "terms:\n"
        f"  - {{name: {T1}, start: 2012-02-08, end: 2012-07-05}}\n"
        f"  - {{name: {T2}, start: 2012-09-03, end: 2013-01-25}}\n"
    )


def sub(
    form: str,
    unit: str,
    submitted: str,
    period: str | None = None,
    to: str | None = None,
) -> str:
    """One submission as a one-line list item (so its line is its position in the file)."""
    fields = [f"kind: submission, form: {form}, unit: {unit}, submitted: {submitted}"]
    if period is not None:
        fields.append(f"period: {period}")
    if to is not None:
        fields.append(f"to: {to}")
    return "- {" + ", ".join(fields) + "}\n"


# liaison: begins issued 04-24, due 04-24 + 7 = 05-01 (never shifted); static.

NO_LIAISON = """\
- {kind: unit, id: psb, name: 市公安局, type: city_psb}
- {kind: unit, id: zadd, name: 治安大队, type: security_brigade, parent: psb}
- {kind: unit, id: edu, name: 教育局, type: education_bureau}
- {kind: unit, id: jjdd, name: 交警大队, type: traffic_brigade, liaison: {name: 交警甲, phone: "1"}}
- {kind: unit, id: ps-a, name: 甲派出所, type: police_station}
- {kind: unit, id: ps-b, name: 乙派出所, type: police_station, liaison: {name: 乙}}
"""


def test_liaison_recorded_is_met_without_evidence(tmp_path: Path) -> None:
    assert run(tmp_path, "liaison", "2012-05-10") == [
        ("met", "jjdd", "jjdd", None, "2012-05-01", None),
        ("met", "ps-a", "ps-a", None, "2012-05-01", None),
        ("met", "ps-b", "ps-b", None, "2012-05-01", None),
    ]


def test_liaison_static_is_never_late(tmp_path: Path) -> None:
    # Recorded today or in May makes no difference: there is no date to be late with.
    assert run(tmp_path, "liaison", "2012-11-30", params="{unit_types: [traffic_brigade]}") == [
        ("met", "jjdd", "jjdd", None, "2012-05-01", None)
    ]


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        ("2012-04-23", []),  # before issued: not begun
        ("2012-04-24", ["due", "due"]),  # the begins day
        ("2012-05-01", ["due", "due"]),  # the due day
        ("2012-05-02", ["overdue", "overdue"]),
    ],
)
def test_liaison_missing_or_without_phone(tmp_path: Path, as_of: str, expected: list[str]) -> None:
    out = run(tmp_path, "liaison", as_of, units=NO_LIAISON)
    # jjdd still has both: met from the begins day on.
    assert [x[0] for x in out if x[1] != "jjdd"] == expected
    assert [x[1] for x in out if x[1] != "jjdd"] == (["ps-a", "ps-b"] if expected else [])


def test_liaison_message_names_what_is_missing(tmp_path: Path) -> None:
    got = {f.unit: f.msg.en for f in findings(tmp_path, "liaison", "2012-05-02", units=NO_LIAISON)}
    assert "no liaison" in got["ps-a"]
    assert "no phone" in got["ps-b"] and "乙" in got["ps-b"]
    assert got["jjdd"] == "in place"


def test_liaison_refs_are_the_unit(tmp_path: Path) -> None:
    got = {f.unit: f.refs for f in findings(tmp_path, "liaison", "2012-05-02", units=NO_LIAISON)}
    assert got == {"jjdd": ("units.yaml:4",), "ps-a": ("units.yaml:5",), "ps-b": ("units.yaml:6",)}


def test_liaison_within_days_and_unit_types(tmp_path: Path) -> None:
    # within_days 10: due 05-04; only education bureaus are asked, and edu has no liaison.
    out = run(tmp_path, "liaison", "2012-05-05", params="{within_days: 10, unit_types: [教育局]}")
    assert out == [("overdue", "edu", "edu", None, "2012-05-04", None)]


def test_liaison_unit_types_police_stations_only(tmp_path: Path) -> None:
    out = run(tmp_path, "liaison", "2012-05-01", params="{unit_types: [police_station]}")
    assert [x[1] for x in out] == ["ps-a", "ps-b"]


def test_liaison_shift_does_not_apply(tmp_path: Path) -> None:
    # issued 04-21 + 8 = 04-29, a Sunday in the May Day holiday: liaison is not shifted.
    campaign_issued_sat = make_campaign(issued="2012-04-21")
    out = run(
        tmp_path,
        "liaison",
        "2012-05-10",
        params="{within_days: 8}",
        top=SHIFT,
        campaign=campaign_issued_sat,
        units=NO_LIAISON,
    )
    assert {x[4] for x in out} == {"2012-04-29"}


def test_liaison_disabled(tmp_path: Path) -> None:
    assert run(tmp_path, "liaison", "2012-06-01", params="{enabled: false}") == []


# serious_hazard_list: off without `due`; with due 09-23 it begins issued 04-24 and is due
# 09-23 (09-24 with the shift). The public-security side wants a `to` naming psb or zadd, the
# education side edu; a submission without `to` goes to zadd.

SHL = "{due: 2012-09-23}"


def shl(unit: str, submitted: str, to: str | None = None) -> str:
    return sub("serious_hazard_list", unit, submitted, to=to)


def test_serious_list_off_without_due(tmp_path: Path) -> None:
    records = shl("ps-a", "2012-09-01", "[psb, edu]")
    assert run(tmp_path, "serious_hazard_list", "2012-10-01", records) == []


def test_serious_list_one_submission_to_both(tmp_path: Path) -> None:
    records = shl("ps-a", "2012-09-23", "[psb, edu]")
    assert run(tmp_path, "serious_hazard_list", "2012-10-01", records, SHL) == [
        ("met", "ps-a", "ps-a", None, "2012-09-23", "2012-09-23"),  # on the due day
        ("overdue", "ps-b", "ps-b", None, "2012-09-23", None),
    ]


def test_serious_list_sides_taken_together_e_is_the_later(tmp_path: Path) -> None:
    # zadd on 09-01 covers public security, edu on 09-24 (the day after due): late on 09-24.
    records = shl("ps-a", "2012-09-01", "zadd") + shl("ps-a", "2012-09-24", "[edu]")
    found = findings(tmp_path, "serious_hazard_list", "2012-10-01", records, SHL)
    assert rows(found, "serious_hazard_list")[0] == (
        "late",
        "ps-a",
        "ps-a",
        None,
        "2012-09-23",
        "2012-09-24",
    )
    assert found[0].refs == ("units.yaml:5", "records/x.yaml:1", "records/x.yaml:2")


def test_serious_list_default_to_covers_only_public_security(tmp_path: Path) -> None:
    records = shl("ps-a", "2012-09-10")
    out = findings(tmp_path, "serious_hazard_list", "2012-09-23", records, SHL)
    assert rows(out, "serious_hazard_list")[0] == ("due", "ps-a", "ps-a", None, "2012-09-23", None)
    assert "education bureau" in out[0].msg.en and "public security" not in out[0].msg.en
    assert out[0].refs == ("units.yaml:5", "records/x.yaml:1")
    later = findings(tmp_path / "b", "serious_hazard_list", "2012-09-24", records, SHL)
    assert later[0].status == "overdue"


def test_serious_list_default_to_falls_back_to_city_psb(tmp_path: Path) -> None:
    units = UNITS.replace(
        "- {kind: unit, id: zadd, name: 治安大队, type: security_brigade, parent: psb}\n", ""
    )
    records = shl("ps-a", "2012-09-10") + shl("ps-a", "2012-09-12", "edu")
    out = run(tmp_path, "serious_hazard_list", "2012-10-01", records, SHL, units=units)
    assert out[0] == ("met", "ps-a", "ps-a", None, "2012-09-23", "2012-09-12")


def test_serious_list_only_education_side(tmp_path: Path) -> None:
    # to edu and the traffic brigade: neither is a public-security recipient in this sense.
    records = shl("ps-a", "2012-09-10", "[edu, jjdd]")
    out = findings(tmp_path, "serious_hazard_list", "2012-10-01", records, SHL)
    assert out[0].status == "overdue"
    assert "public security" in out[0].msg.en and "education" not in out[0].msg.en


def test_serious_list_evidence_window(tmp_path: Path) -> None:
    # Before issued (04-20) does not count; after D (09-21) does not exist yet; another
    # station's submission is not ps-a's.
    records = (
        shl("ps-a", "2012-04-20", "[psb, edu]")
        + shl("ps-a", "2012-09-21", "[psb, edu]")
        + shl("ps-b", "2012-09-01", "[psb, edu]")
    )
    assert run(tmp_path, "serious_hazard_list", "2012-09-20", records, SHL) == [
        ("due", "ps-a", "ps-a", None, "2012-09-23", None),
        ("met", "ps-b", "ps-b", None, "2012-09-23", "2012-09-01"),
    ]


def test_serious_list_begins_issued(tmp_path: Path) -> None:
    assert run(tmp_path, "serious_hazard_list", "2012-04-23", "", SHL) == []
    assert [x[0] for x in run(tmp_path, "serious_hazard_list", "2012-04-24", "", SHL)] == [
        "due",
        "due",
    ]


def test_serious_list_due_is_shifted(tmp_path: Path) -> None:
    # 09-23 is a Sunday: due 09-24, so a list sent on Monday is on time.
    records = shl("ps-a", "2012-09-24", "[zadd, edu]")
    assert run(tmp_path, "serious_hazard_list", "2012-09-25", records, SHL, top=SHIFT) == [
        ("met", "ps-a", "ps-a", None, "2012-09-24", "2012-09-24"),
        ("overdue", "ps-b", "ps-b", None, "2012-09-24", None),
    ]


def test_serious_list_needs_an_education_bureau(tmp_path: Path) -> None:
    units = UNITS.replace("- {kind: unit, id: edu, name: 教育局, type: education_bureau}\n", "")
    assert problems(tmp_path, "serious_hazard_list", SHL, units=units) == ["serious_hazard_list"]
    assert problems(tmp_path / "off", "serious_hazard_list", None, units=units) == []


def test_serious_list_disabled(tmp_path: Path) -> None:
    records = shl("ps-a", "2012-09-01", "[psb, edu]")
    out = run(
        tmp_path, "serious_hazard_list", "2012-10-01", records, "{due: 2012-09-23, enabled: false}"
    )
    assert out == []


# joint_operation: owned by zadd (the only security brigade), subject `campaign`, begins the
# campaign start 03-01, due `due` (off without it, never shifted).

JO = "{due: 2012-07-31}"
ALL_DEPTS = "[市综治办, 市公安局, 市文化局, 市工商局, 市卫生局, 市城管执法局]"


def op(date: str, departments: str, lead: str = "zadd") -> str:
    return f"- {{kind: operation, date: {date}, lead: {lead}, departments: {departments}}}\n"


def test_joint_operation_off_without_due(tmp_path: Path) -> None:
    assert run(tmp_path, "joint_operation", "2012-08-01", op("2012-07-01", ALL_DEPTS)) == []


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        ("2012-07-31", ("met", "2012-07-31")),  # on the due day
        ("2012-08-01", ("late", "2012-08-01")),  # the day after
        ("2012-03-01", ("met", "2012-03-01")),  # on the begins day
    ],
)
def test_joint_operation_covering_all(tmp_path: Path, date: str, expected: tuple[str, str]) -> None:
    out = run(tmp_path, "joint_operation", "2012-08-10", op(date, ALL_DEPTS), JO)
    assert out == [(expected[0], "zadd", "campaign", None, "2012-07-31", expected[1])]


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        ("2012-02-29", []),
        ("2012-03-01", ["due"]),
        ("2012-07-31", ["due"]),
        ("2012-08-01", ["overdue"]),
    ],
)
def test_joint_operation_none_yet(tmp_path: Path, as_of: str, expected: list[str]) -> None:
    assert [x[0] for x in run(tmp_path, "joint_operation", as_of, "", JO)] == expected


def test_joint_operation_earliest_full_one_any_lead(tmp_path: Path) -> None:
    # Two full operations: the earliest gives e, whoever led it.
    records = op("2012-07-20", ALL_DEPTS) + op("2012-06-15", ALL_DEPTS, lead="ps-a")
    found = findings(tmp_path, "joint_operation", "2012-08-01", records, JO)
    assert rows(found, "joint_operation") == [
        ("met", "zadd", "campaign", None, "2012-07-31", "2012-06-15")
    ]
    assert found[0].refs == ("units.yaml:2", "records/x.yaml:2")


def test_joint_operation_not_combined_message_names_closest(tmp_path: Path) -> None:
    # Between them all six keywords are covered, but operations are not combined. Both cover
    # three: the earlier (06-01) is the closest and lacks 工商, 卫生, 城管.
    records = op("2012-06-02", "[工商所, 卫生监督所, 城管]") + op(
        "2012-06-01", "[综治, 公安, 文化站]"
    )
    found = findings(tmp_path, "joint_operation", "2012-08-01", records, JO)
    assert rows(found, "joint_operation") == [
        ("overdue", "zadd", "campaign", None, "2012-07-31", None)
    ]
    assert "2012-06-01" in found[0].msg.en and "工商, 卫生, 城管" in found[0].msg.en
    assert "2012-06-01" in found[0].msg.zh and "工商、卫生、城管" in found[0].msg.zh


def test_joint_operation_closest_is_the_one_with_most_keywords(tmp_path: Path) -> None:
    records = op("2012-06-01", "[综治]") + op("2012-06-05", "[综治, 公安, 文化, 工商, 卫生局]")
    found = findings(tmp_path, "joint_operation", "2012-07-31", records, JO)
    assert found[0].status == "due"
    assert "2012-06-05" in found[0].msg.en and "lacks 城管" in found[0].msg.en


def test_joint_operation_evidence_window(tmp_path: Path) -> None:
    # Before the campaign start (02-28) and after D (07-11) do not count.
    records = op("2012-02-28", ALL_DEPTS) + op("2012-07-11", ALL_DEPTS)
    assert run(tmp_path, "joint_operation", "2012-07-10", records, JO) == [
        ("due", "zadd", "campaign", None, "2012-07-31", None)
    ]


def test_joint_operation_departments_and_unit(tmp_path: Path) -> None:
    records = op("2012-05-10", "[平湖市公安局, 市教育局]")
    out = run(
        tmp_path,
        "joint_operation",
        "2012-08-01",
        records,
        "{due: 2012-06-30, departments: [公安, 教育], unit: psb}",
    )
    assert out == [("met", "psb", "campaign", None, "2012-06-30", "2012-05-10")]


def test_joint_operation_due_not_shifted(tmp_path: Path) -> None:
    # 2012-09-23 is a Sunday; joint_operation is not among the shifted rules.
    out = run(tmp_path, "joint_operation", "2012-09-24", "", "{due: 2012-09-23}", top=SHIFT)
    assert out == [("overdue", "zadd", "campaign", None, "2012-09-23", None)]


def test_joint_operation_falls_back_to_city_psb(tmp_path: Path) -> None:
    units = UNITS.replace(
        "- {kind: unit, id: zadd, name: 治安大队, type: security_brigade, parent: psb}\n", ""
    )
    out = run(tmp_path, "joint_operation", "2012-07-01", "", JO, units=units)
    assert out == [("due", "psb", "campaign", None, "2012-07-31", None)]


def test_joint_operation_owner_must_be_unique(tmp_path: Path) -> None:
    units = UNITS + "- {kind: unit, id: zadd2, name: 治安二大队, type: security_brigade}\n"
    assert problems(tmp_path, "joint_operation", JO, units=units) == ["joint_operation"]
    assert (
        problems(tmp_path / "b", "joint_operation", "{due: 2012-07-31, unit: zadd2}", units=units)
        == []
    )


def test_joint_operation_disabled(tmp_path: Path) -> None:
    out = run(tmp_path, "joint_operation", "2012-08-01", "", "{due: 2012-07-31, enabled: false}")
    assert out == []


# joint_meeting: quarters by default; 2012-Q1 (due 03-31 < issued 04-24) is dropped; Q2
# 04-01..06-30, Q3 07-01..09-30, Q4 10-01..11-30 (clipped); due the period end, never shifted.


def meeting(date: str, unit: str) -> str:
    return f"- {{kind: meeting, date: {date}, unit: {unit}}}\n"


def test_joint_meeting_quarter(tmp_path: Path) -> None:
    # ps-b's only meeting was convened by psb: not the station's own.
    records = meeting("2012-05-05", "ps-a") + meeting("2012-05-06", "psb")
    assert run(tmp_path, "joint_meeting", "2012-05-10", records) == [
        ("due", "ps-b", "ps-b", "2012-Q2", "2012-06-30", None),
        ("met", "ps-a", "ps-a", "2012-Q2", "2012-06-30", "2012-05-05"),
    ]


def test_joint_meeting_period_boundaries(tmp_path: Path) -> None:
    # ps-a: 06-30 is in Q2 (its last day); ps-b: 07-01 is in Q3 (its first day), not Q2.
    records = meeting("2012-06-30", "ps-a") + meeting("2012-07-01", "ps-b")
    assert run(tmp_path, "joint_meeting", "2012-07-01", records) == [
        ("due", "ps-a", "ps-a", "2012-Q3", "2012-09-30", None),
        ("met", "ps-a", "ps-a", "2012-Q2", "2012-06-30", "2012-06-30"),
        ("met", "ps-b", "ps-b", "2012-Q3", "2012-09-30", "2012-07-01"),
        ("overdue", "ps-b", "ps-b", "2012-Q2", "2012-06-30", None),
    ]


def test_joint_meeting_evidence_window(tmp_path: Path) -> None:
    # 03-20 is before Q2 begins; 05-20 is after D.
    records = meeting("2012-03-20", "ps-a") + meeting("2012-05-20", "ps-a")
    out = run(tmp_path, "joint_meeting", "2012-05-10", records)
    assert out[0] == ("due", "ps-a", "ps-a", "2012-Q2", "2012-06-30", None)


def test_joint_meeting_begins_on_period_start(tmp_path: Path) -> None:
    assert run(tmp_path, "joint_meeting", "2012-03-31") == []  # Q1 dropped, Q2 not begun
    assert [x[3] for x in run(tmp_path, "joint_meeting", "2012-04-01")] == ["2012-Q2", "2012-Q2"]


def test_joint_meeting_from(tmp_path: Path) -> None:
    # from 2012-03-01 keeps Q1 (due 03-31); the 03-20 meeting meets it.
    records = meeting("2012-03-20", "ps-a")
    out = run(tmp_path, "joint_meeting", "2012-04-01", records, "{from: 2012-03-01}")
    assert out == [
        ("due", "ps-a", "ps-a", "2012-Q2", "2012-06-30", None),
        ("due", "ps-b", "ps-b", "2012-Q2", "2012-06-30", None),
        ("met", "ps-a", "ps-a", "2012-Q1", "2012-03-31", "2012-03-20"),
        ("overdue", "ps-b", "ps-b", "2012-Q1", "2012-03-31", None),
    ]


def test_joint_meeting_every_month(tmp_path: Path) -> None:
    # 2012-03 (due 03-31) is dropped by from; 2012-04 is due 04-30 (the due day) and 2012-05
    # has begun; 2012-06 ends on a Saturday but joint meetings are never shifted.
    out = run(tmp_path, "joint_meeting", "2012-04-30", "", "{every: month}", top=SHIFT)
    assert [x[3:5] for x in out] == [("2012-04", "2012-04-30")] * 2
    out = run(tmp_path, "joint_meeting", "2012-06-30", "", "{every: month}", top=SHIFT)
    assert [x for x in out if x[1] == "ps-a"] == [
        ("due", "ps-a", "ps-a", "2012-06", "2012-06-30", None),
        ("overdue", "ps-a", "ps-a", "2012-04", "2012-04-30", None),
        ("overdue", "ps-a", "ps-a", "2012-05", "2012-05-31", None),
    ]


def test_joint_meeting_every_term_and_campaign(tmp_path: Path) -> None:
    records = meeting("2012-09-03", "ps-a")
    out = run(tmp_path, "joint_meeting", "2012-12-01", records, "{every: term}")
    assert [x for x in out if x[1] == "ps-a"] == [
        ("met", "ps-a", "ps-a", T2, "2012-11-30", "2012-09-03"),
        ("overdue", "ps-a", "ps-a", T1, "2012-07-05", None),
    ]
    out = run(tmp_path / "c", "joint_meeting", "2012-12-01", records, "{every: campaign}")
    assert out == [
        ("met", "ps-a", "ps-a", "campaign", "2012-11-30", "2012-09-03"),
        ("overdue", "ps-b", "ps-b", "campaign", "2012-11-30", None),
    ]


def test_joint_meeting_disabled(tmp_path: Path) -> None:
    assert run(tmp_path, "joint_meeting", "2012-06-01", "", "{enabled: false}") == []


# gov_briefing: quarters by default, due the period end + 10 days: Q1 04-10 (< issued 04-24,
# dropped), Q2 07-10, Q3 10-10, Q4 (clipped to 11-30) 12-10; shifted with due_shift.


def brief(unit: str, submitted: str, period: str) -> str:
    return sub("gov_briefing", unit, submitted, period=period)


def test_gov_briefing_met_late_due(tmp_path: Path) -> None:
    # ps-a on the due day 07-10, ps-b the day after; Q3 began 07-01.
    records = brief("ps-a", "2012-07-10", "2012-Q2") + brief("ps-b", "2012-07-11", "2012-Q2")
    assert run(tmp_path, "gov_briefing", "2012-07-11", records) == [
        ("due", "ps-a", "ps-a", "2012-Q3", "2012-10-10", None),
        ("due", "ps-b", "ps-b", "2012-Q3", "2012-10-10", None),
        ("late", "ps-b", "ps-b", "2012-Q2", "2012-07-10", "2012-07-11"),
        ("met", "ps-a", "ps-a", "2012-Q2", "2012-07-10", "2012-07-10"),
    ]


def test_gov_briefing_overdue_after_due(tmp_path: Path) -> None:
    assert run(tmp_path, "gov_briefing", "2012-07-10")[:2] == [
        ("due", "ps-a", "ps-a", "2012-Q2", "2012-07-10", None),
        ("due", "ps-a", "ps-a", "2012-Q3", "2012-10-10", None),
    ]
    assert run(tmp_path / "b", "gov_briefing", "2012-07-11")[-2:] == [
        ("overdue", "ps-a", "ps-a", "2012-Q2", "2012-07-10", None),
        ("overdue", "ps-b", "ps-b", "2012-Q2", "2012-07-10", None),
    ]


def test_gov_briefing_begins_on_period_start(tmp_path: Path) -> None:
    assert run(tmp_path, "gov_briefing", "2012-03-31") == []
    assert [x[3] for x in run(tmp_path, "gov_briefing", "2012-04-01")] == ["2012-Q2", "2012-Q2"]


def test_gov_briefing_label_and_evidence_window(tmp_path: Path) -> None:
    # ps-a: a Q3 briefing does not count for Q2, and one dated 06-30 (before Q3 began) not
    # for Q3. ps-b: its Q3 briefing is dated after D. A monthly_work report is another form.
    records = (
        brief("ps-a", "2012-06-30", "2012-Q3")
        + brief("ps-b", "2012-07-06", "2012-Q3")
        + sub("monthly_work", "ps-a", "2012-07-02", period="2012-06")
    )
    assert run(tmp_path, "gov_briefing", "2012-07-05", records) == [
        ("due", "ps-a", "ps-a", "2012-Q2", "2012-07-10", None),
        ("due", "ps-a", "ps-a", "2012-Q3", "2012-10-10", None),
        ("due", "ps-b", "ps-b", "2012-Q2", "2012-07-10", None),
        ("due", "ps-b", "ps-b", "2012-Q3", "2012-10-10", None),
    ]
    records = brief("ps-a", "2012-07-01", "2012-Q3")  # the day Q3 begins counts
    out = run(tmp_path / "b", "gov_briefing", "2012-07-05", records)
    assert ("met", "ps-a", "ps-a", "2012-Q3", "2012-10-10", "2012-07-01") in out


def test_gov_briefing_within_days_and_from(tmp_path: Path) -> None:
    # within_days 20: Q1 is due 04-20, still before from (04-24); Q2 due 07-20.
    out = run(tmp_path, "gov_briefing", "2012-05-01", "", "{within_days: 20}")
    assert out == [
        ("due", "ps-a", "ps-a", "2012-Q2", "2012-07-20", None),
        ("due", "ps-b", "ps-b", "2012-Q2", "2012-07-20", None),
    ]
    # from 04-10 keeps Q1 (due 04-10 exactly), overdue by 05-01.
    out = run(tmp_path / "b", "gov_briefing", "2012-05-01", "", "{from: 2012-04-10}")
    assert [x for x in out if x[1] == "ps-a"] == [
        ("due", "ps-a", "ps-a", "2012-Q2", "2012-07-10", None),
        ("overdue", "ps-a", "ps-a", "2012-Q1", "2012-04-10", None),
    ]


def test_gov_briefing_every_month(tmp_path: Path) -> None:
    # 2012-03 due 04-10 dropped; 2012-04 due 05-10.
    records = brief("ps-a", "2012-05-03", "2012-4")  # one-digit month, normalised
    out = run(tmp_path, "gov_briefing", "2012-05-03", records, "{every: month}")
    assert out == [
        ("due", "ps-a", "ps-a", "2012-05", "2012-06-10", None),
        ("due", "ps-b", "ps-b", "2012-04", "2012-05-10", None),
        ("due", "ps-b", "ps-b", "2012-05", "2012-06-10", None),
        ("met", "ps-a", "ps-a", "2012-04", "2012-05-10", "2012-05-03"),
    ]


def test_gov_briefing_every_term_and_shift(tmp_path: Path) -> None:
    # Term 1 is clipped to 03-01..07-05: due 07-15, a Sunday -> 07-16 with the shift.
    records = brief("ps-a", "2012-07-16", T1)
    out = run(tmp_path, "gov_briefing", "2012-07-16", records, "{every: term}")
    assert [x for x in out if x[1] == "ps-a"] == [
        ("late", "ps-a", "ps-a", T1, "2012-07-15", "2012-07-16")
    ]
    out = run(tmp_path / "b", "gov_briefing", "2012-07-16", records, "{every: term}", top=SHIFT)
    assert [x for x in out if x[1] == "ps-a"] == [
        ("met", "ps-a", "ps-a", T1, "2012-07-16", "2012-07-16")
    ]


def test_gov_briefing_every_campaign(tmp_path: Path) -> None:
    records = brief("ps-a", "2012-12-10", "campaign")
    assert run(tmp_path, "gov_briefing", "2012-12-11", records, "{every: campaign}") == [
        ("met", "ps-a", "ps-a", "campaign", "2012-12-10", "2012-12-10"),
        ("overdue", "ps-b", "ps-b", "campaign", "2012-12-10", None),
    ]


def test_gov_briefing_from_compares_the_unshifted_due(tmp_path: Path) -> None:
    # within_days 2: Q2 07-02 (Monday), Q3 10-02 -> 10-08, Q4 12-02 -> 12-03. from 10-03
    # drops Q3 (10-02 < 10-03) although its shifted due 10-08 is later.
    out = run(
        tmp_path,
        "gov_briefing",
        "2012-12-31",
        "",
        "{within_days: 2, from: 2012-10-03}",
        top=SHIFT,
    )
    assert [x[3:5] for x in out if x[1] == "ps-a"] == [("2012-Q4", "2012-12-03")]
    out = run(tmp_path / "b", "gov_briefing", "2012-12-31", "", "{within_days: 2}", top=SHIFT)
    assert [x[3:5] for x in out if x[1] == "ps-a"] == [
        ("2012-Q2", "2012-07-02"),
        ("2012-Q3", "2012-10-08"),
        ("2012-Q4", "2012-12-03"),
    ]


def test_gov_briefing_disabled(tmp_path: Path) -> None:
    assert run(tmp_path, "gov_briefing", "2012-08-01", "", "{enabled: false}") == []


# stats_form: half-months; `-1` due the 17th, `-2` the 2nd of the next month. Dropped by from
# (issued 04-24): 03-1 (03-17), 03-2 (04-02), 04-1 (04-17). 04-2 is due 05-02.


def stats(unit: str, submitted: str, period: str) -> str:
    return sub("stats_form", unit, submitted, period=period)


def test_stats_form_nothing_sent(tmp_path: Path) -> None:
    assert run(tmp_path, "stats_form", "2012-05-10") == [
        ("due", "ps-a", "ps-a", "2012-05-1", "2012-05-17", None),
        ("due", "ps-b", "ps-b", "2012-05-1", "2012-05-17", None),
        ("overdue", "ps-a", "ps-a", "2012-04-2", "2012-05-02", None),
        ("overdue", "ps-b", "ps-b", "2012-04-2", "2012-05-02", None),
    ]


def test_stats_form_met_and_late(tmp_path: Path) -> None:
    # ps-a: 04-2 on its due day 05-02; 05-1 on 05-18, the day after its due 05-17 (the 上
    # spelling is 2012-05-1). ps-b sent nothing; 05-2 began 05-16.
    records = stats("ps-a", "2012-05-02", "2012-04-2") + stats("ps-a", "2012-05-18", "2012-05上")
    found = findings(tmp_path, "stats_form", "2012-05-20", records)
    assert rows(found, "stats_form") == [
        ("due", "ps-a", "ps-a", "2012-05-2", "2012-06-02", None),
        ("due", "ps-b", "ps-b", "2012-05-2", "2012-06-02", None),
        ("late", "ps-a", "ps-a", "2012-05-1", "2012-05-17", "2012-05-18"),
        ("met", "ps-a", "ps-a", "2012-04-2", "2012-05-02", "2012-05-02"),
        ("overdue", "ps-b", "ps-b", "2012-04-2", "2012-05-02", None),
        ("overdue", "ps-b", "ps-b", "2012-05-1", "2012-05-17", None),
    ]
    refs = {f.period: f.refs for f in found if f.unit == "ps-a"}
    assert refs["2012-05-1"] == ("units.yaml:5", "records/x.yaml:2")


def test_stats_form_begins_on_half_start(tmp_path: Path) -> None:
    assert {x[3] for x in run(tmp_path, "stats_form", "2012-05-15")} == {"2012-04-2", "2012-05-1"}
    assert {x[3] for x in run(tmp_path / "b", "stats_form", "2012-05-16")} == {
        "2012-04-2",
        "2012-05-1",
        "2012-05-2",
    }
    assert run(tmp_path / "c", "stats_form", "2012-04-15") == []  # 04-1 dropped, 04-2 not begun


def test_stats_form_other_label_does_not_count(tmp_path: Path) -> None:
    # A late 04-2 form sent on 05-10 counts for 04-2 only, not for 05-1.
    records = stats("ps-a", "2012-05-10", "2012-04-2")
    out = run(tmp_path, "stats_form", "2012-05-10", records)
    assert [x for x in out if x[1] == "ps-a"] == [
        ("due", "ps-a", "ps-a", "2012-05-1", "2012-05-17", None),
        ("late", "ps-a", "ps-a", "2012-04-2", "2012-05-02", "2012-05-10"),
    ]


def test_stats_form_before_period_start_does_not_count(tmp_path: Path) -> None:
    # The 05-2 form sent 05-15 is dated before the half begins (05-16); the one sent on 05-16
    # counts. ps-b's form for 05-2 on 05-15 alone never counts.
    records = (
        stats("ps-a", "2012-05-15", "2012-05-2")
        + stats("ps-a", "2012-05-16", "2012-05-2")
        + stats("ps-b", "2012-05-15", "2012-05-2")
    )
    out = run(tmp_path, "stats_form", "2012-05-20", records)
    assert [x for x in out if x[3] == "2012-05-2"] == [
        ("due", "ps-b", "ps-b", "2012-05-2", "2012-06-02", None),
        ("met", "ps-a", "ps-a", "2012-05-2", "2012-06-02", "2012-05-16"),
    ]


def test_stats_form_after_d_and_other_unit_do_not_count(tmp_path: Path) -> None:
    # ps-a's form is dated after D; the one from ps-b's station is not ps-a's.
    records = stats("ps-a", "2012-05-12", "2012-05-1") + stats("ps-b", "2012-05-03", "2012-05-1")
    out = run(tmp_path, "stats_form", "2012-05-11", records)
    assert [x for x in out if x[3] == "2012-05-1"] == [
        ("due", "ps-a", "ps-a", "2012-05-1", "2012-05-17", None),
        ("met", "ps-b", "ps-b", "2012-05-1", "2012-05-17", "2012-05-03"),
    ]


def test_stats_form_pinghu_shifted_dues(tmp_path: Path) -> None:
    out = run(tmp_path, "stats_form", "2012-12-31", "", top=SHIFT)
    assert {x[3]: x[4] for x in out if x[1] == "ps-a"} == {
        "2012-04-2": "2012-05-02",
        "2012-05-1": "2012-05-17",
        "2012-05-2": "2012-06-04",  # 06-02 Saturday
        "2012-06-1": "2012-06-18",  # 06-17 Sunday
        "2012-06-2": "2012-07-02",
        "2012-07-1": "2012-07-17",
        "2012-07-2": "2012-08-02",
        "2012-08-1": "2012-08-17",
        "2012-08-2": "2012-09-03",  # 09-02 Sunday
        "2012-09-1": "2012-09-17",
        "2012-09-2": "2012-10-08",  # 10-02 National Day holiday
        "2012-10-1": "2012-10-17",
        "2012-10-2": "2012-11-02",
        "2012-11-1": "2012-11-19",  # 11-17 Saturday
        "2012-11-2": "2012-12-03",  # 12-02 Sunday
    }


def test_stats_form_unshifted_without_due_shift(tmp_path: Path) -> None:
    out = run(tmp_path, "stats_form", "2012-12-31")
    got = {x[3]: x[4] for x in out if x[1] == "ps-a"}
    assert got["2012-05-2"] == "2012-06-02" and got["2012-09-2"] == "2012-10-02"
    assert got["2012-11-2"] == "2012-12-02" and len(got) == 15


def test_stats_form_on_shifted_due_is_met(tmp_path: Path) -> None:
    records = stats("ps-a", "2012-06-04", "2012-05-2") + stats("ps-b", "2012-06-05", "2012-05-2")
    out = run(tmp_path, "stats_form", "2012-06-05", records, top=SHIFT)
    assert [x for x in out if x[3] == "2012-05-2"] == [
        ("late", "ps-b", "ps-b", "2012-05-2", "2012-06-04", "2012-06-05"),
        ("met", "ps-a", "ps-a", "2012-05-2", "2012-06-04", "2012-06-04"),
    ]


def test_stats_form_from(tmp_path: Path) -> None:
    # from 04-17 keeps 04-1 (due 04-17) and drops 03-2 (due 04-02).
    out = run(tmp_path, "stats_form", "2012-04-20", "", "{from: 2012-04-17}")
    assert {x[3] for x in out} == {"2012-04-1", "2012-04-2"}
    out = run(tmp_path / "b", "stats_form", "2012-04-20", "", "{from: 2012-03-01}")
    assert {x[3] for x in out} == {"2012-03-1", "2012-03-2", "2012-04-1", "2012-04-2"}


def test_stats_form_from_compares_the_unshifted_due(tmp_path: Path) -> None:
    # from 06-03: 05-2 (06-02 -> 06-04) is dropped though its shifted due is after from.
    out = run(tmp_path, "stats_form", "2012-06-10", "", "{from: 2012-06-03}", top=SHIFT)
    assert {x[3]: x[4] for x in out if x[1] == "ps-a"} == {"2012-06-1": "2012-06-18"}


def test_stats_form_disabled(tmp_path: Path) -> None:
    assert run(tmp_path, "stats_form", "2012-06-01", "", "{enabled: false}") == []


# monthly_work: months; due the 2nd of the next month; 2012-03 (due 04-02) is dropped by from.


def work(unit: str, submitted: str, period: str) -> str:
    return sub("monthly_work", unit, submitted, period=period)


def test_monthly_work_met_late_due_overdue(tmp_path: Path) -> None:
    # ps-a sent April's report on the due day 05-02, ps-b on 05-03.
    records = work("ps-a", "2012-05-02", "2012-04") + work("ps-b", "2012-05-03", "2012-04")
    assert run(tmp_path, "monthly_work", "2012-05-03", records) == [
        ("due", "ps-a", "ps-a", "2012-05", "2012-06-02", None),
        ("due", "ps-b", "ps-b", "2012-05", "2012-06-02", None),
        ("late", "ps-b", "ps-b", "2012-04", "2012-05-02", "2012-05-03"),
        ("met", "ps-a", "ps-a", "2012-04", "2012-05-02", "2012-05-02"),
    ]
    assert run(tmp_path / "b", "monthly_work", "2012-05-02")[-2:] == [
        ("due", "ps-b", "ps-b", "2012-04", "2012-05-02", None),
        ("due", "ps-b", "ps-b", "2012-05", "2012-06-02", None),
    ]
    assert run(tmp_path / "c", "monthly_work", "2012-05-03")[-2:] == [
        ("overdue", "ps-a", "ps-a", "2012-04", "2012-05-02", None),
        ("overdue", "ps-b", "ps-b", "2012-04", "2012-05-02", None),
    ]


def test_monthly_work_begins_on_month_start(tmp_path: Path) -> None:
    assert {x[3] for x in run(tmp_path, "monthly_work", "2012-04-30")} == {"2012-04"}
    assert {x[3] for x in run(tmp_path / "b", "monthly_work", "2012-05-01")} == {
        "2012-04",
        "2012-05",
    }
    assert run(tmp_path / "c", "monthly_work", "2012-03-31") == []  # 2012-03 dropped


def test_monthly_work_evidence_window_and_label(tmp_path: Path) -> None:
    # ps-a: the May report dated 04-30 is before May begins; a stats form is another form.
    # ps-b: April's report does not count for May; its May report is after D.
    records = (
        work("ps-a", "2012-04-30", "2012-05")
        + stats("ps-a", "2012-05-20", "2012-05-1")
        + work("ps-b", "2012-05-02", "2012-04")
        + work("ps-b", "2012-06-03", "2012-05")
    )
    out = run(tmp_path, "monthly_work", "2012-06-02", records)
    assert [x for x in out if x[3] == "2012-05"] == [
        ("due", "ps-a", "ps-a", "2012-05", "2012-06-02", None),
        ("due", "ps-b", "ps-b", "2012-05", "2012-06-02", None),
    ]


def test_monthly_work_pinghu_shifted_dues(tmp_path: Path) -> None:
    out = run(tmp_path, "monthly_work", "2012-12-31", "", top=SHIFT)
    assert {x[3]: x[4] for x in out if x[1] == "ps-a"} == {
        "2012-04": "2012-05-02",
        "2012-05": "2012-06-04",  # 06-02 Saturday
        "2012-06": "2012-07-02",
        "2012-07": "2012-08-02",
        "2012-08": "2012-09-03",  # 09-02 Sunday
        "2012-09": "2012-10-08",  # 10-02 holiday
        "2012-10": "2012-11-02",
        "2012-11": "2012-12-03",  # 12-02 Sunday
    }


def test_monthly_work_on_shifted_due_is_met(tmp_path: Path) -> None:
    records = work("ps-a", "2012-09-03", "2012-08") + work("ps-b", "2012-09-04", "2012-08")
    out = run(tmp_path, "monthly_work", "2012-09-04", records, top=SHIFT)
    assert [x for x in out if x[3] == "2012-08"] == [
        ("late", "ps-b", "ps-b", "2012-08", "2012-09-03", "2012-09-04"),
        ("met", "ps-a", "ps-a", "2012-08", "2012-09-03", "2012-09-03"),
    ]


def test_monthly_work_from(tmp_path: Path) -> None:
    # from 04-01 keeps 2012-03 (due 04-02); from 05-03 drops 2012-04 (due 05-02).
    out = run(tmp_path, "monthly_work", "2012-05-01", "", "{from: 2012-04-01}")
    assert {x[3] for x in out} == {"2012-03", "2012-04", "2012-05"}
    out = run(tmp_path / "b", "monthly_work", "2012-05-01", "", "{from: 2012-05-03}")
    assert {x[3] for x in out} == {"2012-05"}


def test_monthly_work_disabled(tmp_path: Path) -> None:
    assert run(tmp_path, "monthly_work", "2012-06-01", "", "{enabled: false}") == []


# campaign_summary: begins issued 04-24; due campaign end + 3 = 12-03 (a Monday: the shift
# leaves it); no period.


def summary(unit: str, submitted: str) -> str:
    return sub("campaign_summary", unit, submitted)


def test_campaign_summary_met_and_late(tmp_path: Path) -> None:
    records = summary("ps-a", "2012-12-03") + summary("ps-b", "2012-12-04")
    found = findings(tmp_path, "campaign_summary", "2012-12-04", records)
    assert rows(found, "campaign_summary") == [
        ("late", "ps-b", "ps-b", None, "2012-12-03", "2012-12-04"),
        ("met", "ps-a", "ps-a", None, "2012-12-03", "2012-12-03"),
    ]
    assert {f.unit: f.refs for f in found} == {
        "ps-a": ("units.yaml:5", "records/x.yaml:1"),
        "ps-b": ("units.yaml:6", "records/x.yaml:2"),
    }


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        ("2012-04-24", []),  # before begins (default: 11-01, the campaign's last month)
        ("2012-10-31", []),
        ("2012-11-01", ["due", "due"]),  # begins
        ("2012-12-03", ["due", "due"]),
        ("2012-12-04", ["overdue", "overdue"]),
    ],
)
def test_campaign_summary_nothing_sent(tmp_path: Path, as_of: str, expected: list[str]) -> None:
    out = run(tmp_path, "campaign_summary", as_of)
    assert [x[0] for x in out] == expected
    assert all(x[3] is None and x[4] == "2012-12-03" for x in out)


def test_campaign_summary_evidence_window(tmp_path: Path) -> None:
    # Before begins (11-01) does not count: a summary sent in June does not satisfy it;
    # after D (12-02) does not exist yet; on begins (11-01) counts.
    records = (
        summary("ps-a", "2012-04-20")
        + summary("ps-a", "2012-12-02")
        + summary("ps-b", "2012-06-15")
        + summary("ps-b", "2012-11-01")
    )
    assert run(tmp_path, "campaign_summary", "2012-12-01", records) == [
        ("due", "ps-a", "ps-a", None, "2012-12-03", None),
        ("met", "ps-b", "ps-b", None, "2012-12-03", "2012-11-01"),
    ]


def test_campaign_summary_june_summary_alone_is_overdue(tmp_path: Path) -> None:
    records = summary("ps-a", "2012-06-15")
    out = run(tmp_path, "campaign_summary", "2012-12-04", records)
    assert out == [
        ("overdue", "ps-a", "ps-a", None, "2012-12-03", None),
        ("overdue", "ps-b", "ps-b", None, "2012-12-03", None),
    ]


def test_campaign_summary_begins_parameter(tmp_path: Path) -> None:
    # begins 10-15: absent on 10-14, present on 10-15; a summary of 10-20 counts
    records = summary("ps-a", "2012-10-20")
    assert run(tmp_path, "campaign_summary", "2012-10-14", records, "{begins: 2012-10-15}") == []
    out = run(tmp_path / "b", "campaign_summary", "2012-10-20", records, "{begins: 2012-10-15}")
    assert out == [
        ("due", "ps-b", "ps-b", None, "2012-12-03", None),
        ("met", "ps-a", "ps-a", None, "2012-12-03", "2012-10-20"),
    ]


def test_campaign_summary_due_parameter_and_shift(tmp_path: Path) -> None:
    # due 12-01 is a Saturday: unshifted 12-01; with next_workday 12-03.
    out = run(tmp_path, "campaign_summary", "2012-12-02", "", "{due: 2012-12-01}")
    assert {x[:1] + x[4:5] for x in out} == {("overdue", "2012-12-01")}
    out = run(tmp_path / "b", "campaign_summary", "2012-12-02", "", "{due: 2012-12-01}", top=SHIFT)
    assert {x[:1] + x[4:5] for x in out} == {("due", "2012-12-03")}


def test_campaign_summary_default_due_follows_campaign_end(tmp_path: Path) -> None:
    # end 11-29: + 3 = 12-02, a Sunday -> 12-03 with the shift.
    ending = make_campaign(end="2012-11-29")
    out = run(tmp_path, "campaign_summary", "2012-12-01", campaign=ending)
    assert {x[4] for x in out} == {"2012-12-02"}
    out = run(tmp_path / "b", "campaign_summary", "2012-12-01", top=SHIFT, campaign=ending)
    assert {x[4] for x in out} == {"2012-12-03"}


def test_campaign_summary_disabled(tmp_path: Path) -> None:
    assert run(tmp_path, "campaign_summary", "2012-12-10", "", "{enabled: false}") == []
