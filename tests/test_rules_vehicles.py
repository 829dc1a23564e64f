"""vehicle_registration, vehicle_check, driver_check, vehicle_ban and vehicle_documents on small
hand-made folders.

Base folder (tests/ruleskit.py): issued 2012-04-24, campaign 2012-03-01..11-30, terms
2011学年第二学期 (clipped to 03-01..07-05) and 2012学年第一学期 (clipped to 09-03..11-30); jjdd is
the only traffic brigade, so it owns every vehicle rule. Expected tuples are
(status, unit, subject, period, due, evidence), worked out by hand from docs/obligations.md.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from ruleskit import UNITS, evaluate_at, make_folder, obligations_only, rows

from hxay.loading.load import load
from hxay.rules.registry import evaluate

OURS = ("vehicle_registration", "vehicle_check", "driver_check", "vehicle_ban", "vehicle_documents")
T1 = "2011学年第二学期"
T2 = "2012学年第一学期"
Row = tuple[str, str | None, str, str | None, str, str | None]


def obligations(**params: str) -> str:
    """campaign.yaml `obligations:` turning off every rule outside this file, with `params`."""
    return obligations_only(OURS, **params)


def vehicle(
    vid: str = "v1",
    *,
    school: str = "sch-a1",
    vtype: str | None = None,
    drivers: str = "[{name: 张三, license_valid_until: 2013-06-30}, {name: 李四}]",
    former: str | None = "[王五]",
    inspection: str | None = "2012-12-31",
    insurance: str | None = "2013-03-31",
    permit: str | None = None,
    registered: str | None = None,
    retired: str | None = None,
) -> str:
    """One vehicle record as YAML (a list item)."""
    lines = [
        f"- kind: vehicle\n  id: {vid}\n  plate: 浙F-{vid}\n  school: {school}\n  seats: 19",
        f"  drivers: {drivers}",
    ]
    for key, value in (
        ("type", vtype),
        ("former_drivers", former),
        ("inspection_valid_until", inspection),
        ("insurance_valid_until", insurance),
        ("permit_valid_until", permit),
        ("registered", registered),
        ("retired", retired),
    ):
        if value is not None:
            lines.append(f"  {key}: {value}")
    return "\n".join(lines) + "\n"


def check(day: str, vid: str = "v1", drivers: str = "[]", unit: str = "jjdd") -> str:
    return (
        f"- kind: vehicle_check\n  date: {day}\n  vehicle: {vid}\n  unit: {unit}\n"
        f"  drivers: {drivers}\n  result: pass\n"
    )


def status(day: str, value: str, vid: str = "v1") -> str:
    return f"- kind: vehicle_status\n  date: {day}\n  vehicle: {vid}\n  status: {value}\n"


def folder(
    tmp_path: Path,
    records: str = "",
    vehicles: str | None = None,
    *,
    schools: str | None = None,
    units: str = UNITS,
    **params: str,
) -> Path:
    files = {
        "records/r.yaml": records,
        "vehicles.yaml": vehicle() if vehicles is None else vehicles,
    }
    extra = {"schools": schools} if schools is not None else {}
    return make_folder(tmp_path, files, campaign_extra=obligations(**params), units=units, **extra)


def run(
    tmp_path: Path,
    obligation: str,
    as_of: str,
    records: str = "",
    vehicles: str | None = None,
    **kwargs: str,
) -> list[Row]:
    return rows(evaluate_at(folder(tmp_path, records, vehicles, **kwargs), as_of), obligation)


# vehicle_registration: begins issued 04-24, due 04-24 + 30 = 05-24, static.

SCHOOLS = """\
- {kind: school, id: s-yes, name: 有车小学, type: primary, station: ps-a, uses_transport: true}
- {kind: school, id: s-no, name: 无车小学, type: primary, station: ps-a, uses_transport: false}
- {kind: school, id: s-unk, name: 未登记幼儿园, type: kindergarten, station: ps-b}
- {kind: school, id: s-none, name: 有车无记录小学, type: primary, station: ps-b, uses_transport: true}
- {kind: school, id: s-closed, name: 已停办小学, type: primary, station: ps-a, closed: 2012-05-01}
- {kind: school, id: s-new, name: 新办小学, type: primary, station: ps-a, opened: 2012-09-01}
"""

REG_VEHICLES = (
    vehicle("v-yes", school="s-yes")
    # s-none's only vehicles: retired before D, and registered after D
    + vehicle("v-old", school="s-none", retired="2012-05-01")
    + vehicle("v-later", school="s-none", registered="2012-06-01")
)


def registration(tmp_path: Path, as_of: str, **params: str) -> list[Row]:
    return run(tmp_path, "vehicle_registration", as_of, "", REG_VEHICLES, schools=SCHOOLS, **params)


@pytest.mark.parametrize(("as_of", "unmet"), [("2012-05-24", "due"), ("2012-05-25", "overdue")])
def test_registration(tmp_path: Path, as_of: str, unmet: str) -> None:
    # s-closed is closed at D, s-new not yet open: no instance
    assert registration(tmp_path, as_of) == sorted(
        [
            ("met", "jjdd", "s-no", None, "2012-05-24", None),
            ("met", "jjdd", "s-yes", None, "2012-05-24", None),
            (unmet, "jjdd", "s-none", None, "2012-05-24", None),
            (unmet, "jjdd", "s-unk", None, "2012-05-24", None),
        ]
    )


def test_registration_begins_on_issued(tmp_path: Path) -> None:
    assert registration(tmp_path / "a", "2012-04-23") == []
    # 04-24: s-closed is still open (closed 05-01 > D)
    assert len(registration(tmp_path / "b", "2012-04-24")) == 5


def test_registration_vehicle_registered_later_counts_once_active(tmp_path: Path) -> None:
    # at 06-01 v-later is active: s-none is met (static: no evidence date, never late)
    out = registration(tmp_path, "2012-06-01")
    assert ("met", "jjdd", "s-none", None, "2012-05-24", None) in out


def test_registration_messages(tmp_path: Path) -> None:
    root = folder(tmp_path, "", REG_VEHICLES, schools=SCHOOLS)
    found = {
        f.subject: f.msg.zh
        for f in evaluate_at(root, "2012-05-10")
        if f.obligation == "vehicle_registration"
    }
    assert "未登记是否有接送车辆" in found["s-unk"]
    assert "未登记" not in found["s-none"]


def test_registration_parameters(tmp_path: Path) -> None:
    # within_days 10: due 05-04; school_types [kindergarten]: only s-unk; unit: zadd
    out = registration(
        tmp_path,
        "2012-05-05",
        vehicle_registration="{within_days: 10, school_types: [kindergarten], unit: zadd}",
    )
    assert out == [("overdue", "zadd", "s-unk", None, "2012-05-04", None)]


def test_registration_disabled(tmp_path: Path) -> None:
    assert registration(tmp_path, "2012-06-01", vehicle_registration="{enabled: false}") == []


def test_traffic_unit_must_be_unique(tmp_path: Path) -> None:
    units = UNITS + "- {kind: unit, id: jjdd2, name: 交警二大队, type: traffic_brigade}\n"
    root = folder(tmp_path, "", units=units)
    loaded = load(root)
    assert loaded.ledger is not None
    _, problems = evaluate(loaded.ledger, dt.date(2012, 6, 1))
    assert sorted(ob for ob, _ in problems) == sorted(OURS)


# vehicle_check: period `campaign` 03-01..11-30 by default.


@pytest.mark.parametrize(
    ("records", "as_of", "expected"),
    [
        ("", "2012-03-01", ("due", None)),  # begins on the campaign start
        ("", "2012-11-30", ("due", None)),
        ("", "2012-12-01", ("overdue", None)),
        (
            check("2012-05-22") + check("2012-05-10", unit="zadd"),
            "2012-06-01",
            ("met", "2012-05-10"),
        ),
        (check("2012-11-30"), "2012-12-01", ("met", "2012-11-30")),
        (check("2012-06-01"), "2012-05-31", ("due", None)),  # after D: does not exist yet
        (check("2012-02-28"), "2012-06-01", ("due", None)),  # before the period
        (check("2012-12-01"), "2012-12-05", ("overdue", None)),  # after the period
    ],
)
def test_vehicle_check_campaign(
    tmp_path: Path, records: str, as_of: str, expected: tuple[str, str | None]
) -> None:
    st, e = expected
    assert run(tmp_path, "vehicle_check", as_of, records) == [
        (st, "jjdd", "v1", "campaign", "2012-11-30", e)
    ]


def test_vehicle_check_not_before_campaign_start(tmp_path: Path) -> None:
    assert run(tmp_path, "vehicle_check", "2012-02-29") == []


def test_vehicle_check_refs(tmp_path: Path) -> None:
    root = folder(tmp_path, check("2012-05-22") + check("2012-05-10"))
    found = [f for f in evaluate_at(root, "2012-06-01") if f.obligation == "vehicle_check"]
    # the vehicle, then the earliest check (the second record, line 7)
    assert [f.refs for f in found] == [("vehicles.yaml:1", "records/r.yaml:7")]


def test_vehicle_check_inactive_vehicles(tmp_path: Path) -> None:
    vehicles = (
        vehicle("v-ret", retired="2012-05-01")
        + vehicle("v-ret-later", retired="2012-06-02")
        + vehicle("v-new", registered="2012-06-02")
        + vehicle("v-now", registered="2012-06-01")
    )
    # reference day = D 06-01: retired 05-01 is gone, retired 06-02 still active,
    # registered 06-02 not yet, registered 06-01 active
    assert run(tmp_path, "vehicle_check", "2012-06-01", "", vehicles) == [
        ("due", "jjdd", "v-now", "campaign", "2012-11-30", None),
        ("due", "jjdd", "v-ret-later", "campaign", "2012-11-30", None),
    ]


def test_vehicle_check_every_term(tmp_path: Path) -> None:
    records = check("2012-07-05") + check("2012-09-02")
    # T1 met on its last day; 09-02 falls between the terms; T2 begins 09-03
    assert run(tmp_path, "vehicle_check", "2012-09-03", records, vehicle_check="{every: term}") == [
        ("due", "jjdd", "v1", T2, "2012-11-30", None),
        ("met", "jjdd", "v1", T1, "2012-07-05", "2012-07-05"),
    ]


def test_vehicle_check_every_term_overdue_the_day_after(tmp_path: Path) -> None:
    records = check("2012-07-06")
    assert run(tmp_path, "vehicle_check", "2012-07-06", records, vehicle_check="{every: term}") == [
        ("overdue", "jjdd", "v1", T1, "2012-07-05", None)
    ]


def test_vehicle_check_every_term_reference_day(tmp_path: Path) -> None:
    vehicles = vehicle("v-ret", retired="2012-08-01") + vehicle("v-new", registered="2012-09-05")
    # T1: reference day 07-05 -> v-ret active, v-new not; T2: reference day D 09-10 -> the reverse
    assert run(
        tmp_path, "vehicle_check", "2012-09-10", "", vehicles, vehicle_check="{every: term}"
    ) == [
        ("due", "jjdd", "v-new", T2, "2012-11-30", None),
        ("overdue", "jjdd", "v-ret", T1, "2012-07-05", None),
    ]


@pytest.mark.parametrize(("from_", "kept"), [("2012-07-05", True), ("2012-07-06", False)])
def test_vehicle_check_from(tmp_path: Path, from_: str, kept: bool) -> None:
    out = run(
        tmp_path,
        "vehicle_check",
        "2012-09-10",
        vehicle_check=f"{{every: term, from: {from_}}}",
    )
    t2 = ("due", "jjdd", "v1", T2, "2012-11-30", None)
    t1 = ("overdue", "jjdd", "v1", T1, "2012-07-05", None)
    assert out == ([t2, t1] if kept else [t2])


def test_vehicle_check_from_drops_campaign_period(tmp_path: Path) -> None:
    assert run(tmp_path, "vehicle_check", "2012-06-01", vehicle_check="{from: 2012-12-01}") == []


def test_vehicle_check_unit_and_disabled(tmp_path: Path) -> None:
    assert run(tmp_path / "a", "vehicle_check", "2012-06-01", vehicle_check="{unit: zadd}") == [
        ("due", "zadd", "v1", "campaign", "2012-11-30", None)
    ]
    assert (
        run(tmp_path / "b", "vehicle_check", "2012-06-01", vehicle_check="{enabled: false}") == []
    )


# driver_check: v1 drives 张三 and 李四 (王五 is a former driver).


def test_driver_check(tmp_path: Path) -> None:
    records = (
        check("2012-05-22", drivers="[张三, 王五]")
        + check("2012-06-10", drivers="[李四]")
        + check("2012-05-01", vid="v2", drivers="[李四]")
    )
    vehicles = vehicle() + vehicle("v2", drivers="[{name: 李四}]", former=None)
    # v1:李四 is not satisfied by v2's check; v1:李四 checked 06-10 after D 06-01: absent
    assert run(tmp_path, "driver_check", "2012-06-01", records, vehicles) == [
        ("due", "jjdd", "v1:李四", "campaign", "2012-11-30", None),
        ("met", "jjdd", "v1:张三", "campaign", "2012-11-30", "2012-05-22"),
        ("met", "jjdd", "v2:李四", "campaign", "2012-11-30", "2012-05-01"),
    ]


def test_driver_check_later_check_names_the_driver(tmp_path: Path) -> None:
    records = check("2012-05-22", drivers="[张三]") + check("2012-06-10", drivers="[张三, 李四]")
    assert run(tmp_path, "driver_check", "2012-12-01", records) == [
        ("met", "jjdd", "v1:张三", "campaign", "2012-11-30", "2012-05-22"),
        ("met", "jjdd", "v1:李四", "campaign", "2012-11-30", "2012-06-10"),
    ]


def test_driver_check_overdue_and_inactive(tmp_path: Path) -> None:
    vehicles = vehicle() + vehicle("v-ret", retired="2012-11-01")
    assert run(tmp_path, "driver_check", "2012-12-01", "", vehicles) == [
        ("overdue", "jjdd", "v1:张三", "campaign", "2012-11-30", None),
        ("overdue", "jjdd", "v1:李四", "campaign", "2012-11-30", None),
    ]


def test_driver_check_uses_vehicle_check_periods(tmp_path: Path) -> None:
    records = check("2012-05-22", drivers="[张三, 李四]")
    out = run(
        tmp_path,
        "driver_check",
        "2012-09-03",
        records,
        vehicle_check="{every: term}",
        driver_check="{from: 2012-07-05, unit: zadd}",
    )
    assert out == [
        ("due", "zadd", "v1:张三", T2, "2012-11-30", None),
        ("due", "zadd", "v1:李四", T2, "2012-11-30", None),
        ("met", "zadd", "v1:张三", T1, "2012-07-05", "2012-05-22"),
        ("met", "zadd", "v1:李四", T1, "2012-07-05", "2012-05-22"),
    ]


def test_driver_check_own_from_and_disabled(tmp_path: Path) -> None:
    out = run(
        tmp_path / "a",
        "driver_check",
        "2012-09-03",
        vehicle_check="{every: term}",
        driver_check="{from: 2012-07-06}",
    )
    assert out == [
        ("due", "jjdd", "v1:张三", T2, "2012-11-30", None),
        ("due", "jjdd", "v1:李四", T2, "2012-11-30", None),
    ]
    assert run(tmp_path / "b", "driver_check", "2012-06-01", driver_check="{enabled: false}") == []


# vehicle_ban: hazard on v1 found 05-01, deadline 05-10 -> begins 05-11, due 05-11.


def vhazard(rectified: str | None = None, deadline: str | None = "2012-05-10", **more: str) -> str:
    lines = [
        "- kind: hazard\n  id: hz-1\n  vehicle: v1\n  found: 2012-05-01\n  description: 刹车失灵"
    ]
    if deadline:
        lines.append(f"  deadline: {deadline}")
    if rectified:
        lines.append(f"  rectified: {rectified}")
    lines += [f"  {k}: {v}" for k, v in more.items()]
    return "\n".join(lines) + "\n"


def ban(tmp_path: Path, as_of: str, records: str, **kwargs: str) -> list[Row]:
    return run(tmp_path, "vehicle_ban", as_of, records, **kwargs)


@pytest.mark.parametrize(
    ("records", "as_of", "expected"),
    [
        (vhazard(), "2012-05-11", ("due", None)),  # the begins day, also the due day
        (vhazard(), "2012-05-12", ("overdue", None)),
        (vhazard("2012-05-11"), "2012-05-20", ("met", "2012-05-11")),
        (vhazard("2012-05-12"), "2012-05-20", ("late", "2012-05-12")),
        (vhazard("2012-05-12"), "2012-05-11", ("due", None)),  # rectified after D
        (vhazard() + status("2012-05-11", "suspended"), "2012-05-20", ("met", "2012-05-11")),
        (vhazard() + status("2012-05-12", "停运"), "2012-05-20", ("late", "2012-05-12")),
        (vhazard() + status("2012-05-13", "suspended"), "2012-05-12", ("overdue", None)),
        # a suspension in force on deadline + 1: e is its start (spec: "the start of a
        # suspension already in force on deadline + 1"), even before the instance begins
        (vhazard() + status("2012-05-05", "suspended"), "2012-05-20", ("met", "2012-05-05")),
        # suspended, then back in service before the ban: only the later suspension counts
        (
            vhazard()
            + status("2012-05-05", "suspended")
            + status("2012-05-08", "in_service")
            + status("2012-05-15", "suspended"),
            "2012-05-20",
            ("late", "2012-05-15"),
        ),
        (
            vhazard() + status("2012-05-05", "suspended") + status("2012-05-08", "in_service"),
            "2012-05-20",
            ("overdue", None),
        ),
        # the earlier of suspension (05-13) and rectification (05-14)
        (
            vhazard("2012-05-14") + status("2012-05-13", "suspended"),
            "2012-05-20",
            ("late", "2012-05-13"),
        ),
        (
            vhazard("2012-05-12") + status("2012-05-13", "suspended"),
            "2012-05-20",
            ("late", "2012-05-12"),
        ),
    ],
)
def test_ban_statuses(
    tmp_path: Path, records: str, as_of: str, expected: tuple[str, str | None]
) -> None:
    st, e = expected
    assert ban(tmp_path, as_of, records) == [(st, "jjdd", "v1", "hz-1", "2012-05-11", e)]


@pytest.mark.parametrize(
    ("records", "as_of"),
    [
        (vhazard(), "2012-05-10"),  # not begun: deadline + 1 is 05-11
        (vhazard("2012-05-10"), "2012-05-20"),  # rectified on the deadline
        (vhazard("2012-05-03"), "2012-05-20"),
        (vhazard(deadline=None), "2012-06-01"),  # no deadline
    ],
)
def test_ban_no_instance(tmp_path: Path, records: str, as_of: str) -> None:
    assert ban(tmp_path, as_of, records) == []


def test_ban_only_hazards_on_vehicles(tmp_path: Path) -> None:
    records = (
        "- {kind: hazard, id: hz-s, school: sch-a1, found: 2012-05-01, "
        "description: 围墙破损, deadline: 2012-05-10}\n"
    )
    assert ban(tmp_path, "2012-05-20", records) == []


def test_ban_inactive_vehicle(tmp_path: Path) -> None:
    # retired 05-15: active on D 05-14, not on D 05-15
    vehicles = vehicle(retired="2012-05-15")
    assert ban(tmp_path / "a", "2012-05-14", vhazard(), vehicles=vehicles) == [
        ("overdue", "jjdd", "v1", "hz-1", "2012-05-11", None)
    ]
    assert ban(tmp_path / "b", "2012-05-15", vhazard(), vehicles=vehicles) == []


def test_ban_hazard_out_of_scope(tmp_path: Path) -> None:
    records = (
        "- {kind: hazard, id: hz-1, vehicle: v1, found: 2012-12-01, "
        "description: 刹车失灵, deadline: 2012-12-05}\n"
    )
    assert ban(tmp_path, "2012-12-10", records) == []


def test_ban_inline_hazard_of_a_check(tmp_path: Path) -> None:
    records = (
        check("2012-05-01", unit="zadd")
        + "  hazards:\n    - {id: hz-vc, description: 安全带缺失, deadline: 2012-05-10}\n"
    )
    # owned by the traffic brigade (vehicle_ban's unit), whoever found the hazard
    assert ban(tmp_path, "2012-05-12", records) == [
        ("overdue", "jjdd", "v1", "hz-vc", "2012-05-11", None)
    ]


def test_ban_within_days_unit_and_disabled(tmp_path: Path) -> None:
    records = vhazard() + status("2012-05-13", "suspended")
    # 05-10 + 3 = 05-13: the suspension on 05-13 is on time
    assert ban(
        tmp_path / "a", "2012-05-20", records, vehicle_ban="{within_days: 3, unit: zadd}"
    ) == [("met", "zadd", "v1", "hz-1", "2012-05-13", "2012-05-13")]
    assert ban(tmp_path / "b", "2012-05-20", records, vehicle_ban="{enabled: false}") == []


def test_ban_refs(tmp_path: Path) -> None:
    root = folder(tmp_path, vhazard() + status("2012-05-12", "suspended"))
    found = [f for f in evaluate_at(root, "2012-05-20") if f.obligation == "vehicle_ban"]
    # the vehicle, the hazard, then the suspension that gives e
    assert [f.refs for f in found] == [("vehicles.yaml:1", "records/r.yaml:1", "records/r.yaml:7")]


# vehicle_documents: v1 inspection 2012-12-31, insurance 2013-03-31, 张三's licence 2013-06-30,
# 李四 has no licence date (no instance). D 06-01 + warn 30 = 07-01.


def docs(
    tmp_path: Path, as_of: str, vehicles: str | None = None, records: str = "", **kw: str
) -> list[Row]:
    return run(tmp_path, "vehicle_documents", as_of, records, vehicles, **kw)


def test_documents_all_valid(tmp_path: Path) -> None:
    assert docs(tmp_path, "2012-06-01") == [
        ("met", "jjdd", "v1", "inspection", "2012-12-31", None),
        ("met", "jjdd", "v1", "insurance", "2013-03-31", None),
        ("met", "jjdd", "v1", "license:张三", "2013-06-30", None),
    ]


@pytest.mark.parametrize(
    ("expiry", "as_of", "st"),
    [
        ("2012-07-01", "2012-06-01", "met"),  # expiry = D + 30
        ("2012-06-30", "2012-06-01", "due"),  # expiry = D + 29
        ("2012-06-30", "2012-06-30", "due"),  # expiry = D
        ("2012-06-30", "2012-07-01", "overdue"),  # the day after
    ],
)
def test_documents_inspection_expiry(tmp_path: Path, expiry: str, as_of: str, st: str) -> None:
    out = docs(tmp_path, as_of, vehicle(inspection=expiry))
    assert (st, "jjdd", "v1", "inspection", expiry, None) in out


def test_documents_warn_days(tmp_path: Path) -> None:
    # D 06-01 + 60 = 07-31: an inspection valid until 07-01 is now in the warning window
    out = docs(
        tmp_path,
        "2012-06-01",
        vehicle(inspection="2012-07-01"),
        vehicle_documents="{warn_days: 60}",
    )
    assert ("due", "jjdd", "v1", "inspection", "2012-07-01", None) in out


def test_documents_not_recorded(tmp_path: Path) -> None:
    vehicles = vehicle(inspection=None, insurance=None)
    assert docs(tmp_path / "a", "2012-03-01", vehicles) == [
        ("due", "jjdd", "v1", "inspection", "2012-03-01", None),
        ("due", "jjdd", "v1", "insurance", "2012-03-01", None),
        ("met", "jjdd", "v1", "license:张三", "2013-06-30", None),
    ]
    root = folder(tmp_path / "b", "", vehicles)
    found = [f for f in evaluate_at(root, "2012-06-01") if f.obligation == "vehicle_documents"]
    assert [(f.period, f.status) for f in found if "not recorded" in f.msg.en] == [
        ("inspection", "overdue"),
        ("insurance", "overdue"),
    ]


def test_documents_permit_only_for_school_buses(tmp_path: Path) -> None:
    vehicles = (
        vehicle("bus-1", vtype="school_bus")
        + vehicle("bus-2", vtype="专用校车", permit="2012-06-15")
        + vehicle("car", permit="2012-05-01")  # contracted: its permit is not checked
    )
    out = [x for x in docs(tmp_path, "2012-06-01", vehicles) if x[3] == "permit"]
    assert out == [
        ("due", "jjdd", "bus-2", "permit", "2012-06-15", None),
        ("overdue", "jjdd", "bus-1", "permit", "2012-03-01", None),
    ]


def test_documents_licenses_of_current_drivers(tmp_path: Path) -> None:
    vehicles = vehicle(
        drivers="[{name: 张三, license_valid_until: 2012-05-31}, {name: 赵六, "
        "license_valid_until: 2012-06-20}]"
    )
    out = [x for x in docs(tmp_path, "2012-06-01", vehicles) if x[3].startswith("license:")]
    assert out == [
        ("due", "jjdd", "v1", "license:赵六", "2012-06-20", None),
        ("overdue", "jjdd", "v1", "license:张三", "2012-05-31", None),
    ]


def test_documents_only_active_vehicles_in_service(tmp_path: Path) -> None:
    vehicles = (
        vehicle("v-ret", retired="2012-06-01")
        + vehicle("v-new", registered="2012-06-02")
        + vehicle("v-susp")
        + vehicle("v-back")
        + vehicle("v-later")
    )
    records = (
        status("2012-05-01", "suspended", "v-susp")
        + status("2012-05-01", "suspended", "v-back")
        + status("2012-05-20", "in_service", "v-back")
        + status("2012-06-02", "suspended", "v-later")  # after D: not yet suspended
    )
    out = docs(tmp_path, "2012-06-01", vehicles, records)
    assert sorted({x[2] for x in out}) == ["v-back", "v-later"]


def test_documents_before_campaign_start(tmp_path: Path) -> None:
    assert docs(tmp_path, "2012-02-29") == []


def test_documents_never_late_and_unit(tmp_path: Path) -> None:
    out = docs(tmp_path, "2012-12-01", vehicle(), vehicle_documents="{unit: zadd}")
    # after the campaign end the instances still exist; D + 30 = 12-31 = the inspection expiry
    assert out == [
        ("met", "zadd", "v1", "inspection", "2012-12-31", None),
        ("met", "zadd", "v1", "insurance", "2013-03-31", None),
        ("met", "zadd", "v1", "license:张三", "2013-06-30", None),
    ]
    later = docs(tmp_path / "x", "2013-01-01", vehicle())
    assert ("overdue", "jjdd", "v1", "inspection", "2012-12-31", None) in later


def test_documents_disabled(tmp_path: Path) -> None:
    assert docs(tmp_path, "2012-06-01", vehicle_documents="{enabled: false}") == []
