"""hazard_review (opt-in) and the `reviewed` field on small hand-made folders.

Base folder (tests/ruleskit.py): issued 2012-04-24, campaign 2012-03-01..11-30; sch-a1
belongs to ps-a. The hazard is found 05-01 and rectified 05-10, so with the default
`within_days: 7` the instance begins on 05-10 and is due on 05-17 (obligations.md: due =
rectified + within_days; met when reviewed <= due, late after it; overdue from 05-18 while
not reviewed, due until then). Expected tuples are (status, unit, subject, period, due,
evidence), worked out by hand.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from ruleskit import evaluate_at, make_folder, rows
from test_rules_hazards import hazard, obligations

from hxay import api
from hxay.editing.init import campaign_text
from hxay.loading.load import load

ON = {"hazard_review": "{enabled: true}"}


def reviewed(text: str, day: str | None) -> str:
    """The hazard of `hazard()` with `reviewed: day` added."""
    return text + (f"  reviewed: {day}\n" if day is not None else "")


def run(
    tmp_path: Path, records: str, as_of: str, **params: str
) -> list[tuple[str, str | None, str, str | None, str, str | None]]:
    root = make_folder(tmp_path, {"records/h.yaml": records}, campaign_extra=obligations(**params))
    return rows(evaluate_at(root, as_of), "hazard_review")


@pytest.mark.parametrize(
    ("review", "as_of", "expected"),
    [
        ("2012-05-15", "2012-06-01", ("met", "2012-05-15")),
        ("2012-05-17", "2012-06-01", ("met", "2012-05-17")),  # on the due day
        ("2012-05-18", "2012-06-01", ("late", "2012-05-18")),  # the day after
        ("2012-05-10", "2012-05-10", ("met", "2012-05-10")),  # the day it was rectified
        (None, "2012-05-10", ("due", None)),  # the day it begins
        (None, "2012-05-17", ("due", None)),  # the due day itself
        (None, "2012-05-18", ("overdue", None)),  # the day after
        ("2012-05-20", "2012-05-19", ("overdue", None)),  # reviewed after D: not known yet
        ("2012-05-20", "2012-05-16", ("due", None)),
    ],
)
def test_statuses(
    tmp_path: Path, review: str | None, as_of: str, expected: tuple[str, str | None]
) -> None:
    status, e = expected
    text = reviewed(hazard(rectified="2012-05-10"), review)
    assert run(tmp_path, text, as_of, **ON) == [(status, "ps-a", "hz-1", None, "2012-05-17", e)]


def test_not_rectified_has_no_instance(tmp_path: Path) -> None:
    # hz-1 was never rectified; hz-2 (found 05-01, deadline 05-20) is long overdue for
    # rectification, but there is nothing to review yet
    text = hazard() + hazard(hid="hz-2", rectified=None)
    assert run(tmp_path, text, "2012-11-30", **ON) == []


def test_rectified_after_d_has_no_instance_yet(tmp_path: Path) -> None:
    text = hazard(rectified="2012-05-10")
    assert run(tmp_path, text, "2012-05-09", **ON) == []
    assert run(tmp_path / "b", text, "2012-05-10", **ON) == [
        ("due", "ps-a", "hz-1", None, "2012-05-17", None)
    ]


def test_within_days(tmp_path: Path) -> None:
    # 05-10 + 3 = 05-13; reviewed 05-14 is a day late
    text = reviewed(hazard(rectified="2012-05-10"), "2012-05-14")
    assert run(tmp_path, text, "2012-06-01", hazard_review="{enabled: true, within_days: 3}") == [
        ("late", "ps-a", "hz-1", None, "2012-05-13", "2012-05-14")
    ]


def test_off_by_default(tmp_path: Path) -> None:
    # not written in campaign.yaml at all: the rule does not run, whatever the hazards say
    text = hazard(rectified="2012-05-10") + reviewed(
        hazard(hid="hz-2", rectified="2012-05-10"), "2012-05-30"
    )
    root = make_folder(tmp_path, {"records/h.yaml": text})
    findings = evaluate_at(root, "2012-06-01")
    assert findings  # the other rules run
    assert [f for f in findings if f.obligation == "hazard_review"] == []
    assert run(tmp_path / "b", text, "2012-06-01", hazard_review="{enabled: false}") == []


def test_unit_is_the_source_inspections_and_inline_hazards_take_reviewed(tmp_path: Path) -> None:
    # ps-b inspected ps-a's school: the hazard is ps-b's (responsible unit); rectified 05-03,
    # due 05-10, reviewed 05-12: late
    text = """\
    - kind: inspection
      date: 2012-05-01
      unit: ps-b
      school: sch-a1
      hazards:
        - {id: hz-in, description: 消防通道堵塞, rectified: 2012-05-03, reviewed: 2012-05-12}
    """
    assert run(tmp_path, text, "2012-06-01", **ON) == [
        ("late", "ps-b", "hz-in", None, "2012-05-10", "2012-05-12")
    ]


def test_messages_say_what_is_missing_and_how_late(tmp_path: Path) -> None:
    root = make_folder(
        tmp_path,
        {"records/h.yaml": hazard(rectified="2012-05-10")},
        campaign_extra=obligations(**ON),
    )
    (found,) = [f for f in evaluate_at(root, "2012-05-20") if f.obligation == "hazard_review"]
    assert (
        found.msg.zh == "隐患“围墙破损”已于 2012-05-10 整改,未复查销号,已逾期 3 天(期限 2012-05-17)"
    )
    assert found.refs == ("records/h.yaml:1",)


def test_reviewed_before_rectified_is_an_error_at_its_line(tmp_path: Path) -> None:
    text = reviewed(hazard(rectified="2012-05-10"), "2012-05-09")
    root = make_folder(tmp_path, {"records/h.yaml": text})
    loaded = load(root)
    # hazard() writes: kind, id, found, description, school, deadline, rectified (line 7),
    # supervisor, rectifier, then reviewed on line 10
    assert [(d.path, d.line, d.code) for d in loaded.errors] == [
        ("records/h.yaml", 10, "E-date-order")
    ]
    assert "'reviewed' (2012-05-09)" in loaded.errors[0].msg.en
    assert "'rectified' (2012-05-10)" in loaded.errors[0].msg.en
    assert not [x for x in loaded.kept if x.id == "hz-1"]  # the record is left out


def test_reviewed_without_rectified_is_an_error_that_says_what_to_add(tmp_path: Path) -> None:
    text = """\
    - kind: inspection
      date: 2012-05-01
      unit: ps-a
      school: sch-a1
      hazards:
        - {id: hz-in, description: 消防通道堵塞}
        - {id: hz-bad, description: 监控损坏,
           reviewed: 2012-05-12}
    """
    loaded = load(make_folder(tmp_path, {"records/h.yaml": text}))
    assert [(d.path, d.line, d.code) for d in loaded.errors] == [
        ("records/h.yaml", 8, "E-missing-field")
    ]
    assert "rectified" in loaded.errors[0].msg.zh and "rectified" in loaded.errors[0].msg.en
    assert {x.id for x in loaded.kept if x.KIND == "hazard"} == {"hz-in"}


def test_init_writes_it_commented_out_and_uncommenting_switches_it_on(tmp_path: Path) -> None:
    text = campaign_text()
    section = text.split("\n  # hazard_review:\n", 1)[1].split("\n\n", 1)[0]
    assert all(line.startswith("  #") for line in section.splitlines())
    assert "within_days: 7" in section
    api.init_folder(tmp_path / "d")
    loaded = api.validate(tmp_path / "d")
    assert loaded.campaign is not None and not [d for d in loaded.errors if d.code != "E-campaign"]
    assert "hazard_review" not in loaded.campaign.obligations  # runs with its default: off
    path = tmp_path / "d" / "campaign.yaml"
    path.write_text(
        text.replace(
            "\n  # hazard_review:\n" + section,
            # switched on as a person would: the "# " that starts each line deleted
            "\n  hazard_review:\n" + "\n".join("  " + line[4:] for line in section.splitlines()),
        ),
        encoding="utf-8",
    )
    on = api.validate(tmp_path / "d").campaign
    assert on is not None and on.obligations["hazard_review"].enabled is True


def test_schema_accepts_reviewed() -> None:
    from test_schema import errors

    base = {"kind": "hazard", "id": "hz-1", "school": "sch-a1", "found": "2012-05-01"}
    hz = {**base, "description": "围墙", "rectified": "2012-05-10"}
    assert errors({**hz, "reviewed": "2012年5月12日"}) == []
    assert errors({**hz, "reviewed": "not a date"}) != []
    inline = {
        "kind": "inspection",
        "date": "2012-05-01",
        "school": "sch-a1",
        "unit": "ps-a",
        "hazards": [
            {
                "id": "hz-2",
                "description": "围墙",
                "rectified": "2012-05-10",
                "reviewed": "2012-05-12",
            }
        ],
    }
    assert errors(inline) == []
