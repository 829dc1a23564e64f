"""monthly_inspection, legal_vice_principal, comprehensive_inspection, legal_visits and
security_training on small hand-made folders.

Base folder (tests/ruleskit.py): issued 2012-04-24, campaign 2012-03-01..11-30, terms
2011学年第二学期 (clipped to 03-01..07-05) and 2012学年第一学期 (clipped to 09-03..11-30);
sch-a1 (primary, line 1 of schools.yaml) belongs to ps-a, sch-b1 (kindergarten, line 3) to
ps-b; both have a legal vice-principal. Expected tuples are
(status, unit, subject, period, due, evidence), worked out by hand from docs/obligations.md.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from ruleskit import CAMPAIGN, SCHOOLS, evaluate_at, make_folder, obligations_only, rows

from hxay.models.findings import Finding

OURS = (
    "monthly_inspection",
    "legal_vice_principal",
    "comprehensive_inspection",
    "legal_visits",
    "security_training",
)
T1 = "2011学年第二学期"
T2 = "2012学年第一学期"
W = "2012-08-27~2012-09-14"
Row = tuple[str, str | None, str, str | None, str, str | None]


def obligations(**params: str) -> str:
    """campaign.yaml `obligations:` turning off every rule outside this file, with `params`."""
    return obligations_only(OURS, **params)


def run(
    tmp_path: Path,
    records: str,
    as_of: str,
    obligation: str,
    *,
    schools: str = SCHOOLS,
    campaign: str = CAMPAIGN,
    top: str = "",
    **params: str,
) -> list[Row]:
    root = make_folder(
        tmp_path,
        {"records/x.yaml": records},
        campaign=campaign,
        campaign_extra=top + obligations(**params),
        schools=schools,
    )
    return rows(evaluate_at(root, as_of), obligation)


def findings(
    tmp_path: Path, records: str, as_of: str, obligation: str, **params: str
) -> list[Finding]:
    root = make_folder(tmp_path, {"records/x.yaml": records}, campaign_extra=obligations(**params))
    return [f for f in evaluate_at(root, as_of) if f.obligation == obligation]


def insp(day: str, school: str = "sch-a1", unit: str = "ps-a", itype: str = "routine") -> str:
    return f"- {{kind: inspection, date: {day}, school: {school}, unit: {unit}, type: {itype}}}\n"


def comp(day: str, school: str = "sch-a1", unit: str = "ps-a") -> str:
    return insp(day, school, unit, "comprehensive")


def visit(day: str, school: str = "sch-a1") -> str:
    return f"- {{kind: legal_visit, date: {day}, school: {school}}}\n"


def training(day: str, schools: str = "[sch-a1]", unit: str = "zadd") -> str:
    return f"- {{kind: training, date: {day}, unit: {unit}, schools: {schools}}}\n"


def only(found: list[Row], subject: str) -> list[Row]:
    return [x for x in found if x[2] == subject]


# A third school of ps-a, for closed / opened schools.
def with_school(extra: str) -> str:
    return (
        SCHOOLS
        + f"- {{kind: school, id: sch-a2, name: 甲二小学, type: primary, station: ps-a, {extra}}}\n"
    )


# ---------------------------------------------------------------- monthly_inspection


def test_monthly_term_months_only(tmp_path: Path) -> None:
    # Term months with min_term_days 15: 03..06 (July has 5 term days, August none) and
    # 09..11. 2012-03 is due 03-31 < issued 04-24 and is dropped. At D = 11-30 every earlier
    # month is overdue; November is due on 11-30 itself.
    got = only(run(tmp_path, "", "2012-11-30", "monthly_inspection"), "sch-a1")
    assert got == sorted(
        [
            ("overdue", "ps-a", "sch-a1", m, d, None)
            for m, d in [
                ("2012-04", "2012-04-30"),
                ("2012-05", "2012-05-31"),
                ("2012-06", "2012-06-30"),
                ("2012-09", "2012-09-30"),
                ("2012-10", "2012-10-31"),
            ]
        ]
        + [("due", "ps-a", "sch-a1", "2012-11", "2012-11-30", None)]
    )


def test_monthly_met_by_the_station(tmp_path: Path) -> None:
    got = run(tmp_path, insp("2012-05-14"), "2012-05-20", "monthly_inspection")
    assert got == [
        ("due", "ps-b", "sch-b1", "2012-05", "2012-05-31", None),
        ("met", "ps-a", "sch-a1", "2012-05", "2012-05-31", "2012-05-14"),
        ("overdue", "ps-a", "sch-a1", "2012-04", "2012-04-30", None),
        ("overdue", "ps-b", "sch-b1", "2012-04", "2012-04-30", None),
    ]


@pytest.mark.parametrize(
    ("as_of", "status"), [("2012-05-01", "due"), ("2012-05-31", "due"), ("2012-06-01", "overdue")]
)
def test_monthly_boundaries(tmp_path: Path, as_of: str, status: str) -> None:
    # May begins on 05-01, is due on 05-31 itself, overdue from 06-01
    got = [x for x in run(tmp_path, "", as_of, "monthly_inspection") if x[3] == "2012-05"]
    assert got == [
        (status, "ps-a", "sch-a1", "2012-05", "2012-05-31", None),
        (status, "ps-b", "sch-b1", "2012-05", "2012-05-31", None),
    ]


def test_monthly_not_begun_before_month_start(tmp_path: Path) -> None:
    got = run(tmp_path, "", "2012-04-30", "monthly_inspection")
    assert [x[3] for x in got] == ["2012-04", "2012-04"]


def test_monthly_evidence_only_inside_the_month(tmp_path: Path) -> None:
    # 04-30 belongs to April (and before May begins), 06-01 to June: May has none. Never late.
    got = run(tmp_path, insp("2012-04-30") + insp("2012-06-01"), "2012-06-05", "monthly_inspection")
    assert only(got, "sch-a1") == [
        ("met", "ps-a", "sch-a1", "2012-04", "2012-04-30", "2012-04-30"),
        ("met", "ps-a", "sch-a1", "2012-06", "2012-06-30", "2012-06-01"),
        ("overdue", "ps-a", "sch-a1", "2012-05", "2012-05-31", None),
    ]


def test_monthly_evidence_after_as_of_does_not_count(tmp_path: Path) -> None:
    got = run(tmp_path, insp("2012-05-20"), "2012-05-19", "monthly_inspection")
    assert ("due", "ps-a", "sch-a1", "2012-05", "2012-05-31", None) in got
    got = run(tmp_path, insp("2012-05-20"), "2012-05-20", "monthly_inspection")
    assert ("met", "ps-a", "sch-a1", "2012-05", "2012-05-31", "2012-05-20") in got


def test_monthly_other_unit_counts_only_with_any_unit(tmp_path: Path) -> None:
    records = insp("2012-05-14", unit="ps-b")
    got = run(tmp_path / "a", records, "2012-06-05", "monthly_inspection")
    assert ("overdue", "ps-a", "sch-a1", "2012-05", "2012-05-31", None) in got
    got = run(
        tmp_path / "b",
        records,
        "2012-06-05",
        "monthly_inspection",
        monthly_inspection="{any_unit: true}",
    )
    assert ("met", "ps-a", "sch-a1", "2012-05", "2012-05-31", "2012-05-14") in got


def test_monthly_min(tmp_path: Path) -> None:
    # min 2: e is the date of the second inspection in date order (file order does not matter)
    records = insp("2012-05-25") + insp("2012-05-03")
    got = run(
        tmp_path / "a", records, "2012-06-05", "monthly_inspection", monthly_inspection="{min: 2}"
    )
    assert ("met", "ps-a", "sch-a1", "2012-05", "2012-05-31", "2012-05-25") in got
    got = run(
        tmp_path / "b",
        insp("2012-05-03"),
        "2012-06-05",
        "monthly_inspection",
        monthly_inspection="{min: 2}",
    )
    assert ("overdue", "ps-a", "sch-a1", "2012-05", "2012-05-31", None) in got


def test_monthly_refs_and_message(tmp_path: Path) -> None:
    records = insp("2012-05-25") + insp("2012-05-03") + insp("2012-05-04")
    found = findings(
        tmp_path, records, "2012-06-05", "monthly_inspection", monthly_inspection="{min: 2}"
    )
    may = next(f for f in found if f.subject == "sch-a1" and f.period == "2012-05")
    # the school, then the first two inspections by date: 05-03 (line 2), 05-04 (line 3)
    assert may.refs == ("schools.yaml:1", "records/x.yaml:2", "records/x.yaml:3")
    june_b = next(f for f in found if f.subject == "sch-b1" and f.period == "2012-04")
    assert "0/2" in june_b.msg.en and june_b.refs == ("schools.yaml:3",)


def test_monthly_min_term_days(tmp_path: Path) -> None:
    # 5: July (07-01..07-05 = 5 term days) becomes a term month, due 07-31; August (0) does not
    got = run(
        tmp_path / "a",
        "",
        "2012-08-31",
        "monthly_inspection",
        monthly_inspection="{min_term_days: 5}",
    )
    assert sorted({x[3] for x in got}) == ["2012-04", "2012-05", "2012-06", "2012-07"]
    # the top-level value applies when the obligation has none; 29 drops September (28 days:
    # 09-03..09-30) and keeps October and November (31 and 30 days)
    got = run(tmp_path / "b", "", "2012-11-30", "monthly_inspection", top="min_term_days: 29\n")
    assert sorted({x[3] for x in got}) == ["2012-04", "2012-05", "2012-06", "2012-10", "2012-11"]
    # the obligation's own value wins over the top-level one
    got = run(
        tmp_path / "c",
        "",
        "2012-08-31",
        "monthly_inspection",
        top="min_term_days: 29\n",
        monthly_inspection="{min_term_days: 5}",
    )
    assert "2012-07" in {x[3] for x in got}


def test_monthly_from(tmp_path: Path) -> None:
    # March is due 03-31: kept when from <= 03-31, dropped from 04-01 on
    got = run(
        tmp_path / "a",
        insp("2012-03-10"),
        "2012-04-10",
        "monthly_inspection",
        monthly_inspection="{from: 2012-03-31}",
    )
    assert only(got, "sch-a1") == [
        ("due", "ps-a", "sch-a1", "2012-04", "2012-04-30", None),
        ("met", "ps-a", "sch-a1", "2012-03", "2012-03-31", "2012-03-10"),
    ]
    got = run(
        tmp_path / "b",
        "",
        "2012-04-10",
        "monthly_inspection",
        monthly_inspection="{from: 2012-04-01}",
    )
    assert {x[3] for x in got} == {"2012-04"}
    # from drops May too when it is after 05-31
    got = run(
        tmp_path / "c",
        "",
        "2012-06-10",
        "monthly_inspection",
        monthly_inspection="{from: 2012-06-01}",
    )
    assert {x[3] for x in got} == {"2012-06"}


def test_monthly_from_defaults_to_issued_then_start(tmp_path: Path) -> None:
    # without `issued` the plan counts from the campaign start: March is kept
    campaign = CAMPAIGN.replace("issued: 2012-04-24\n", "")
    got = run(tmp_path, "", "2012-04-10", "monthly_inspection", campaign=campaign)
    assert only(got, "sch-a1") == [
        ("due", "ps-a", "sch-a1", "2012-04", "2012-04-30", None),
        ("overdue", "ps-a", "sch-a1", "2012-03", "2012-03-31", None),
    ]


@pytest.mark.parametrize(
    ("as_of", "months"),
    [
        # reference day of May = min(05-31, D)
        ("2012-05-14", ["2012-04", "2012-05"]),  # open on 05-14 (closed 05-15 > 05-14)
        ("2012-05-15", ["2012-04"]),  # closed on its closing day
        ("2012-06-10", ["2012-04"]),  # May's reference day 05-31: closed; June too
    ],
)
def test_monthly_school_closed_mid_month(tmp_path: Path, as_of: str, months: list[str]) -> None:
    got = run(tmp_path, "", as_of, "monthly_inspection", schools=with_school("closed: 2012-05-15"))
    assert sorted(x[3] for x in only(got, "sch-a2")) == months


def test_monthly_school_opened_mid_month(tmp_path: Path) -> None:
    # opened 05-20: not open on May's reference day 05-19; open on 05-31
    schools = with_school("opened: 2012-05-20")
    assert (
        only(run(tmp_path / "a", "", "2012-05-19", "monthly_inspection", schools=schools), "sch-a2")
        == []
    )
    assert only(
        run(tmp_path / "b", "", "2012-06-01", "monthly_inspection", schools=schools), "sch-a2"
    ) == [
        # June begins on D and the school is open then too
        ("due", "ps-a", "sch-a2", "2012-06", "2012-06-30", None),
        ("overdue", "ps-a", "sch-a2", "2012-05", "2012-05-31", None),
    ]


def test_monthly_school_types_and_disabled(tmp_path: Path) -> None:
    got = run(
        tmp_path / "a",
        "",
        "2012-05-10",
        "monthly_inspection",
        monthly_inspection="{school_types: [kindergarten]}",
    )
    assert {x[2] for x in got} == {"sch-b1"}
    assert (
        run(
            tmp_path / "b",
            insp("2012-05-10"),
            "2012-05-10",
            "monthly_inspection",
            monthly_inspection="{enabled: false}",
        )
        == []
    )


# ---------------------------------------------------------------- legal_vice_principal
# issued 04-24 + 30 days = due 05-24.

NO_LVP = "- {kind: school, id: sch-a2, name: 甲二小学, type: primary, station: ps-a}\n"


def test_lvp_recorded_is_met_without_evidence_and_never_late(tmp_path: Path) -> None:
    for as_of in ("2012-04-24", "2012-11-30"):
        assert run(tmp_path / as_of, "", as_of, "legal_vice_principal") == [
            ("met", "ps-a", "sch-a1", None, "2012-05-24", None),
            ("met", "ps-b", "sch-b1", None, "2012-05-24", None),
        ]


def test_lvp_not_begun_before_issued(tmp_path: Path) -> None:
    assert run(tmp_path, "", "2012-04-23", "legal_vice_principal") == []


@pytest.mark.parametrize(
    ("as_of", "status"), [("2012-04-24", "due"), ("2012-05-24", "due"), ("2012-05-25", "overdue")]
)
def test_lvp_missing(tmp_path: Path, as_of: str, status: str) -> None:
    got = run(tmp_path, "", as_of, "legal_vice_principal", schools=SCHOOLS + NO_LVP)
    assert only(got, "sch-a2") == [(status, "ps-a", "sch-a2", None, "2012-05-24", None)]


def test_lvp_message_and_refs(tmp_path: Path) -> None:
    root = make_folder(tmp_path, {}, campaign_extra=obligations(), schools=SCHOOLS + NO_LVP)
    (f,) = [
        f
        for f in evaluate_at(root, "2012-05-25")
        if f.obligation == "legal_vice_principal" and f.subject == "sch-a2"
    ]
    assert "legal vice-principal" in f.msg.en and "法制副校长" in f.msg.zh
    assert f.refs == ("schools.yaml:5",)


def test_lvp_within_days(tmp_path: Path) -> None:
    # 04-24 + 10 = 05-04
    got = run(
        tmp_path,
        "",
        "2012-05-05",
        "legal_vice_principal",
        schools=SCHOOLS + NO_LVP,
        legal_vice_principal="{within_days: 10}",
    )
    assert only(got, "sch-a2") == [("overdue", "ps-a", "sch-a2", None, "2012-05-04", None)]


def test_lvp_only_schools_open_at_as_of(tmp_path: Path) -> None:
    closed = with_school("closed: 2012-05-01")
    assert only(
        run(tmp_path / "a", "", "2012-04-30", "legal_vice_principal", schools=closed), "sch-a2"
    ) == [("due", "ps-a", "sch-a2", None, "2012-05-24", None)]
    assert (
        only(
            run(tmp_path / "b", "", "2012-05-01", "legal_vice_principal", schools=closed), "sch-a2"
        )
        == []
    )
    opened = with_school("opened: 2012-06-01")
    assert (
        only(
            run(tmp_path / "c", "", "2012-05-31", "legal_vice_principal", schools=opened), "sch-a2"
        )
        == []
    )
    # opened after the due date: still overdue (a static rule has no evidence date)
    assert only(
        run(tmp_path / "d", "", "2012-06-01", "legal_vice_principal", schools=opened), "sch-a2"
    ) == [("overdue", "ps-a", "sch-a2", None, "2012-05-24", None)]


def test_lvp_school_types_and_disabled(tmp_path: Path) -> None:
    assert run(
        tmp_path / "a",
        "",
        "2012-05-01",
        "legal_vice_principal",
        legal_vice_principal="{school_types: [kindergarten, junior]}",
    ) == [("met", "ps-b", "sch-b1", None, "2012-05-24", None)]
    assert (
        run(
            tmp_path / "b",
            "",
            "2012-05-01",
            "legal_vice_principal",
            legal_vice_principal="{enabled: false}",
        )
        == []
    )


# ---------------------------------------------------------------- comprehensive_inspection

WINDOW = "{windows: [[2012-08-27, 2012-09-14]]}"


def test_comprehensive_off_without_windows(tmp_path: Path) -> None:
    assert run(tmp_path, comp("2012-09-01"), "2012-11-30", "comprehensive_inspection") == []


@pytest.mark.parametrize(
    ("as_of", "status"),
    [("2012-08-26", None), ("2012-08-27", "due"), ("2012-09-14", "due"), ("2012-09-15", "overdue")],
)
def test_comprehensive_window_boundaries(tmp_path: Path, as_of: str, status: str | None) -> None:
    # begins on FROM 08-27, due on TO 09-14 itself, overdue from 09-15
    got = run(tmp_path, "", as_of, "comprehensive_inspection", comprehensive_inspection=WINDOW)
    expected = [
        (status, "ps-a", "sch-a1", W, "2012-09-14", None),
        (status, "ps-b", "sch-b1", W, "2012-09-14", None),
    ]
    assert got == (expected if status else [])


@pytest.mark.parametrize(
    ("day", "status"),
    [("2012-08-27", "met"), ("2012-09-14", "met"), ("2012-09-15", "late"), ("2012-11-20", "late")],
)
def test_comprehensive_met_or_late(tmp_path: Path, day: str, status: str) -> None:
    # no later window: an inspection any time after FROM counts, after TO it is late
    got = run(
        tmp_path,
        comp(day),
        "2012-11-30",
        "comprehensive_inspection",
        comprehensive_inspection=WINDOW,
    )
    assert only(got, "sch-a1") == [(status, "ps-a", "sch-a1", W, "2012-09-14", day)]


def test_comprehensive_earliest_counts_and_refs(tmp_path: Path) -> None:
    records = comp("2012-09-10") + comp("2012-09-20") + comp("2012-09-05", unit="ps-b")
    found = findings(
        tmp_path, records, "2012-09-30", "comprehensive_inspection", comprehensive_inspection=WINDOW
    )
    (f,) = [f for f in found if f.subject == "sch-a1"]
    assert (f.status, str(f.evidence)) == ("met", "2012-09-05")
    assert f.refs == ("schools.yaml:1", "records/x.yaml:3")


def test_comprehensive_only_comprehensive_inspections(tmp_path: Path) -> None:
    got = run(
        tmp_path,
        insp("2012-09-01"),
        "2012-09-15",
        "comprehensive_inspection",
        comprehensive_inspection=WINDOW,
    )
    assert only(got, "sch-a1") == [("overdue", "ps-a", "sch-a1", W, "2012-09-14", None)]


def test_comprehensive_before_begins_and_after_as_of(tmp_path: Path) -> None:
    # 08-26 is before FROM; 09-12 does not exist yet at D = 09-10
    records = comp("2012-08-26") + comp("2012-09-12")
    got = run(
        tmp_path / "a",
        records,
        "2012-09-10",
        "comprehensive_inspection",
        comprehensive_inspection=WINDOW,
    )
    assert only(got, "sch-a1") == [("due", "ps-a", "sch-a1", W, "2012-09-14", None)]
    got = run(
        tmp_path / "b",
        records,
        "2012-09-12",
        "comprehensive_inspection",
        comprehensive_inspection=WINDOW,
    )
    assert only(got, "sch-a1") == [("met", "ps-a", "sch-a1", W, "2012-09-14", "2012-09-12")]


def test_comprehensive_any_unit(tmp_path: Path) -> None:
    records = comp("2012-09-01", unit="ps-b") + comp("2012-09-20", unit="ps-a")
    # default any_unit: true, ps-b's inspection of sch-a1 counts
    got = run(
        tmp_path / "a",
        records,
        "2012-09-30",
        "comprehensive_inspection",
        comprehensive_inspection=WINDOW,
    )
    assert only(got, "sch-a1") == [("met", "ps-a", "sch-a1", W, "2012-09-14", "2012-09-01")]
    # any_unit: false, only the station's own inspection (late)
    got = run(
        tmp_path / "b",
        records,
        "2012-09-30",
        "comprehensive_inspection",
        comprehensive_inspection="{windows: [[2012-08-27, 2012-09-14]], any_unit: false}",
    )
    assert only(got, "sch-a1") == [("late", "ps-a", "sch-a1", W, "2012-09-14", "2012-09-20")]


def test_comprehensive_two_windows(tmp_path: Path) -> None:
    # Windows written out of order. For the May window evidence is bounded by the next FROM
    # (08-27): 06-01 makes it late; 08-27 belongs to the August window only.
    windows = "{windows: [[2012-08-27, 2012-09-14], [2012-05-01, 2012-05-10]]}"
    may = "2012-05-01~2012-05-10"
    got = run(
        tmp_path / "a",
        comp("2012-06-01") + comp("2012-08-27"),
        "2012-09-30",
        "comprehensive_inspection",
        comprehensive_inspection=windows,
    )
    assert only(got, "sch-a1") == [
        ("late", "ps-a", "sch-a1", may, "2012-05-10", "2012-06-01"),
        ("met", "ps-a", "sch-a1", W, "2012-09-14", "2012-08-27"),
    ]
    got = run(
        tmp_path / "b",
        comp("2012-08-27"),
        "2012-09-30",
        "comprehensive_inspection",
        comprehensive_inspection=windows,
    )
    assert only(got, "sch-a1") == [
        ("met", "ps-a", "sch-a1", W, "2012-09-14", "2012-08-27"),
        ("overdue", "ps-a", "sch-a1", may, "2012-05-10", None),
    ]


def test_comprehensive_clipped_to_campaign(tmp_path: Path) -> None:
    # [11-20, 12-10] is due on the campaign end 11-30 (label as written);
    # [12-01, 12-10] does not overlap the campaign
    windows = "{windows: [[2012-11-20, 2012-12-10], [2012-12-01, 2012-12-10]]}"
    got = run(
        tmp_path / "a",
        "",
        "2012-12-05",
        "comprehensive_inspection",
        comprehensive_inspection=windows,
    )
    assert only(got, "sch-a1") == [
        ("overdue", "ps-a", "sch-a1", "2012-11-20~2012-12-10", "2012-11-30", None)
    ]
    # [02-20, 03-10] begins on the campaign start 03-01: a 02-25 inspection does not count
    got = run(
        tmp_path / "b",
        comp("2012-02-25"),
        "2012-03-05",
        "comprehensive_inspection",
        comprehensive_inspection="{windows: [[2012-02-20, 2012-03-10]], from: 2012-03-01}",
    )
    assert only(got, "sch-a1") == [
        ("due", "ps-a", "sch-a1", "2012-02-20~2012-03-10", "2012-03-10", None)
    ]


@pytest.mark.parametrize(
    ("from_", "kept"), [(None, False), ("2012-04-20", True), ("2012-04-21", False)]
)
def test_comprehensive_from(tmp_path: Path, from_: str | None, kept: bool) -> None:
    # the window is due 04-20: dropped by the default from (issued 04-24)
    extra = f", from: {from_}" if from_ else ""
    got = run(
        tmp_path,
        "",
        "2012-05-01",
        "comprehensive_inspection",
        comprehensive_inspection=f"{{windows: [[2012-04-10, 2012-04-20]]{extra}}}",
    )
    assert len(got) == (2 if kept else 0)


def test_comprehensive_closed_school(tmp_path: Path) -> None:
    # closed 09-01: open on the reference day 08-30, closed on 09-14 (reference day at 09-20)
    schools = with_school("closed: 2012-09-01")
    got = run(
        tmp_path / "a",
        "",
        "2012-08-30",
        "comprehensive_inspection",
        schools=schools,
        comprehensive_inspection=WINDOW,
    )
    assert only(got, "sch-a2") == [("due", "ps-a", "sch-a2", W, "2012-09-14", None)]
    got = run(
        tmp_path / "b",
        "",
        "2012-09-20",
        "comprehensive_inspection",
        schools=schools,
        comprehensive_inspection=WINDOW,
    )
    assert only(got, "sch-a2") == []


def test_comprehensive_school_types_and_disabled(tmp_path: Path) -> None:
    got = run(
        tmp_path / "a",
        "",
        "2012-09-01",
        "comprehensive_inspection",
        comprehensive_inspection="{windows: [[2012-08-27, 2012-09-14]], school_types: [primary]}",
    )
    assert got == [("due", "ps-a", "sch-a1", W, "2012-09-14", None)]
    got = run(
        tmp_path / "b",
        "",
        "2012-09-01",
        "comprehensive_inspection",
        comprehensive_inspection="{windows: [[2012-08-27, 2012-09-14]], enabled: false}",
    )
    assert got == []


# ---------------------------------------------------------------- legal_visits
# T1 clipped: 03-01..07-05 (due 07-05); T2 clipped: 09-03..11-30 (due 11-30).


def test_visits_met_on_the_second(tmp_path: Path) -> None:
    got = run(tmp_path, visit("2012-06-01") + visit("2012-05-10"), "2012-06-10", "legal_visits")
    assert got == [
        ("due", "ps-b", "sch-b1", T1, "2012-07-05", None),
        ("met", "ps-a", "sch-a1", T1, "2012-07-05", "2012-06-01"),
    ]


@pytest.mark.parametrize(("as_of", "status"), [("2012-07-05", "due"), ("2012-07-06", "overdue")])
def test_visits_one_is_not_enough(tmp_path: Path, as_of: str, status: str) -> None:
    got = run(tmp_path, visit("2012-05-10"), as_of, "legal_visits")
    assert only(got, "sch-a1") == [(status, "ps-a", "sch-a1", T1, "2012-07-05", None)]


def test_visits_on_the_due_date_and_never_late(tmp_path: Path) -> None:
    # 07-05 is inside the term: met; 07-06 is outside both terms, so no late evidence exists
    got = run(
        tmp_path / "a", visit("2012-05-10") + visit("2012-07-05"), "2012-08-01", "legal_visits"
    )
    assert only(got, "sch-a1") == [("met", "ps-a", "sch-a1", T1, "2012-07-05", "2012-07-05")]
    got = run(
        tmp_path / "b", visit("2012-05-10") + visit("2012-07-06"), "2012-09-03", "legal_visits"
    )
    assert only(got, "sch-a1") == [
        ("due", "ps-a", "sch-a1", T2, "2012-11-30", None),
        ("overdue", "ps-a", "sch-a1", T1, "2012-07-05", None),
    ]


def test_visits_before_clipped_term_start_do_not_count(tmp_path: Path) -> None:
    # 02-20 is in the term as written but before the campaign (the clipped term begins 03-01)
    got = run(tmp_path, visit("2012-02-20") + visit("2012-03-01"), "2012-06-01", "legal_visits")
    assert only(got, "sch-a1") == [("due", "ps-a", "sch-a1", T1, "2012-07-05", None)]


def test_visits_after_as_of_do_not_count(tmp_path: Path) -> None:
    records = visit("2012-05-10") + visit("2012-06-20")
    got = run(tmp_path, records, "2012-06-19", "legal_visits")
    assert only(got, "sch-a1") == [("due", "ps-a", "sch-a1", T1, "2012-07-05", None)]


@pytest.mark.parametrize(("as_of", "terms"), [("2012-09-02", [T1]), ("2012-09-03", [T2, T1])])
def test_visits_second_term_begins(tmp_path: Path, as_of: str, terms: list[str]) -> None:
    got = only(run(tmp_path, "", as_of, "legal_visits"), "sch-a1")
    assert sorted(x[3] for x in got) == sorted(terms)


def test_visits_min(tmp_path: Path) -> None:
    records = visit("2012-04-01") + visit("2012-05-01") + visit("2012-06-01")
    got = run(tmp_path / "a", records, "2012-06-10", "legal_visits", legal_visits="{min: 3}")
    assert only(got, "sch-a1") == [("met", "ps-a", "sch-a1", T1, "2012-07-05", "2012-06-01")]
    got = run(tmp_path / "b", records, "2012-06-10", "legal_visits", legal_visits="{min: 1}")
    assert only(got, "sch-a1") == [("met", "ps-a", "sch-a1", T1, "2012-07-05", "2012-04-01")]
    got = run(tmp_path / "c", records, "2012-07-06", "legal_visits", legal_visits="{min: 4}")
    assert only(got, "sch-a1") == [("overdue", "ps-a", "sch-a1", T1, "2012-07-05", None)]


def test_visits_refs_and_message(tmp_path: Path) -> None:
    records = visit("2012-06-01") + visit("2012-04-01") + visit("2012-05-01")
    found = findings(tmp_path, records, "2012-06-10", "legal_visits")
    a = next(f for f in found if f.subject == "sch-a1")
    # the school, then the first two visits by date: 04-01 (line 2), 05-01 (line 3)
    assert a.refs == ("schools.yaml:1", "records/x.yaml:2", "records/x.yaml:3")
    b = next(f for f in found if f.subject == "sch-b1")
    assert "0/2" in b.msg.en and "0/2" in b.msg.zh


@pytest.mark.parametrize(("from_", "kept"), [("2012-07-05", True), ("2012-07-06", False)])
def test_visits_from(tmp_path: Path, from_: str, kept: bool) -> None:
    got = run(tmp_path, "", "2012-09-10", "legal_visits", legal_visits=f"{{from: {from_}}}")
    assert sorted({x[3] for x in got}) == sorted([T2, *([T1] if kept else [])])


def test_visits_closed_school(tmp_path: Path) -> None:
    # closed 06-01: at D 07-10 the reference day of T1 is 07-05, closed; at 05-31 open
    schools = with_school("closed: 2012-06-01")
    assert only(
        run(tmp_path / "a", "", "2012-05-31", "legal_visits", schools=schools), "sch-a2"
    ) == [("due", "ps-a", "sch-a2", T1, "2012-07-05", None)]
    assert (
        only(run(tmp_path / "b", "", "2012-07-10", "legal_visits", schools=schools), "sch-a2") == []
    )


def test_visits_school_types_and_disabled(tmp_path: Path) -> None:
    got = run(
        tmp_path / "a", "", "2012-05-01", "legal_visits", legal_visits="{school_types: [primary]}"
    )
    assert got == [("due", "ps-a", "sch-a1", T1, "2012-07-05", None)]
    assert (
        run(
            tmp_path / "b",
            visit("2012-05-01"),
            "2012-05-01",
            "legal_visits",
            legal_visits="{enabled: false}",
        )
        == []
    )


# ---------------------------------------------------------------- security_training


def test_training_lists_the_school(tmp_path: Path) -> None:
    # any organiser; a training listing both schools counts for both
    records = training("2012-05-22", "[sch-a1, sch-b1]", unit="ps-b")
    got = run(tmp_path, records, "2012-06-10", "security_training")
    assert got == [
        ("met", "ps-a", "sch-a1", T1, "2012-07-05", "2012-05-22"),
        ("met", "ps-b", "sch-b1", T1, "2012-07-05", "2012-05-22"),
    ]


def test_training_organiser_alone_does_not_count_per_school(tmp_path: Path) -> None:
    got = run(
        tmp_path, training("2012-05-22", "[sch-b1]", unit="ps-a"), "2012-06-10", "security_training"
    )
    assert only(got, "sch-a1") == [("due", "ps-a", "sch-a1", T1, "2012-07-05", None)]


@pytest.mark.parametrize(
    ("as_of", "status"), [("2012-03-01", "due"), ("2012-07-05", "due"), ("2012-07-06", "overdue")]
)
def test_training_boundaries(tmp_path: Path, as_of: str, status: str) -> None:
    got = run(tmp_path, "", as_of, "security_training")
    assert only(got, "sch-a1") == [(status, "ps-a", "sch-a1", T1, "2012-07-05", None)]


def test_training_begins_with_the_term(tmp_path: Path) -> None:
    # the clipped T1 begins on the campaign start 03-01: nothing before
    assert run(tmp_path / "a", "", "2012-02-29", "security_training") == []
    got = run(tmp_path / "b", training("2012-09-03"), "2012-09-03", "security_training")
    assert only(got, "sch-a1") == [
        ("met", "ps-a", "sch-a1", T2, "2012-11-30", "2012-09-03"),
        ("overdue", "ps-a", "sch-a1", T1, "2012-07-05", None),
    ]


def test_training_before_begins_after_term_and_after_as_of(tmp_path: Path) -> None:
    # 02-25 before the clipped term, 07-10 between the terms, 06-20 after D
    records = training("2012-02-25") + training("2012-07-10") + training("2012-06-20")
    got = run(tmp_path, records, "2012-06-19", "security_training")
    assert only(got, "sch-a1") == [("due", "ps-a", "sch-a1", T1, "2012-07-05", None)]


def test_training_min_and_refs(tmp_path: Path) -> None:
    records = training("2012-06-01") + training("2012-04-01") + training("2012-05-01")
    got = run(
        tmp_path / "a", records, "2012-06-10", "security_training", security_training="{min: 2}"
    )
    assert only(got, "sch-a1") == [("met", "ps-a", "sch-a1", T1, "2012-07-05", "2012-05-01")]
    found = findings(
        tmp_path / "b", records, "2012-06-10", "security_training", security_training="{min: 2}"
    )
    a = next(f for f in found if f.subject == "sch-a1")
    assert a.refs == ("schools.yaml:1", "records/x.yaml:2", "records/x.yaml:3")
    got = run(
        tmp_path / "c", records, "2012-07-06", "security_training", security_training="{min: 4}"
    )
    assert only(got, "sch-a1") == [("overdue", "ps-a", "sch-a1", T1, "2012-07-05", None)]


def test_training_per_station(tmp_path: Path) -> None:
    # zadd's training listing sch-a1 covers ps-a; ps-b's own training (listing only sch-a1)
    # covers ps-b through its unit, and ps-a again, but ps-a's e is the earlier 05-01
    records = training("2012-05-01", "[sch-a1]", unit="zadd") + training(
        "2012-05-20", "[sch-a1]", unit="ps-b"
    )
    got = run(
        tmp_path / "a",
        records,
        "2012-06-10",
        "security_training",
        security_training="{per: station}",
    )
    assert got == [
        ("met", "ps-a", "ps-a", T1, "2012-07-05", "2012-05-01"),
        ("met", "ps-b", "ps-b", T1, "2012-07-05", "2012-05-20"),
    ]
    got = run(
        tmp_path / "b", "", "2012-07-06", "security_training", security_training="{per: station}"
    )
    assert got == [
        ("overdue", "ps-a", "ps-a", T1, "2012-07-05", None),
        ("overdue", "ps-b", "ps-b", T1, "2012-07-05", None),
    ]


def test_training_per_station_refs(tmp_path: Path) -> None:
    found = findings(
        tmp_path,
        training("2012-05-01", "[sch-b1]"),
        "2012-06-10",
        "security_training",
        security_training="{per: station}",
    )
    b = next(f for f in found if f.subject == "ps-b")
    # units.yaml of ruleskit: ps-b is the sixth record, on line 6
    assert b.refs == ("units.yaml:6", "records/x.yaml:1")


def test_training_per_station_school_types(tmp_path: Path) -> None:
    # only kindergartens count: zadd's training of sch-a1 (primary) no longer covers ps-a,
    # while ps-a's own training covers it through its unit whatever it lists
    got = run(
        tmp_path / "a",
        training("2012-05-01", "[sch-a1]"),
        "2012-06-10",
        "security_training",
        security_training="{per: station, school_types: [kindergarten]}",
    )
    assert ("due", "ps-a", "ps-a", T1, "2012-07-05", None) in got
    got = run(
        tmp_path / "b",
        training("2012-05-01", "[sch-a1]", unit="ps-a"),
        "2012-06-10",
        "security_training",
        security_training="{per: station, school_types: [kindergarten]}",
    )
    assert ("met", "ps-a", "ps-a", T1, "2012-07-05", "2012-05-01") in got


def test_training_per_station_counts_a_school_closed_later(tmp_path: Path) -> None:
    schools = with_school("closed: 2012-06-01")
    got = run(
        tmp_path,
        training("2012-05-01", "[sch-a2]"),
        "2012-06-10",
        "security_training",
        schools=schools,
        security_training="{per: station}",
    )
    assert ("met", "ps-a", "ps-a", T1, "2012-07-05", "2012-05-01") in got


@pytest.mark.parametrize(("from_", "kept"), [("2012-07-05", True), ("2012-07-06", False)])
def test_training_from(tmp_path: Path, from_: str, kept: bool) -> None:
    got = run(
        tmp_path, "", "2012-09-10", "security_training", security_training=f"{{from: {from_}}}"
    )
    assert sorted({x[3] for x in got}) == sorted([T2, *([T1] if kept else [])])


def test_training_closed_school_types_and_disabled(tmp_path: Path) -> None:
    schools = with_school("closed: 2012-06-01")
    got = run(tmp_path / "a", "", "2012-07-10", "security_training", schools=schools)
    assert only(got, "sch-a2") == []
    got = run(tmp_path / "b", "", "2012-05-31", "security_training", schools=schools)
    assert only(got, "sch-a2") == [("due", "ps-a", "sch-a2", T1, "2012-07-05", None)]
    got = run(
        tmp_path / "c",
        "",
        "2012-05-01",
        "security_training",
        security_training="{school_types: [kindergarten]}",
    )
    assert got == [("due", "ps-b", "sch-b1", T1, "2012-07-05", None)]
    assert (
        run(
            tmp_path / "d",
            training("2012-05-01"),
            "2012-05-01",
            "security_training",
            security_training="{enabled: false}",
        )
        == []
    )
