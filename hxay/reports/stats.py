"""Stage 4, reports: the statistics form (统计报表), one evaluator per measure of models/measures.py.

`count_stats` counts every measure for every row; `build_stats` picks the indicators of
campaign.yaml's `forms.stats` (all, in catalogue order, by default) and returns a Table.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Collection, Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TypeVar

from hxay import __version__
from hxay.models import records as r
from hxay.models.ledger import Ledger, Provenance
from hxay.models.measures import BY_ID, MEASURES, Measure
from hxay.models.text import Lang, Msg
from hxay.reports.period import Window
from hxay.reports.scope import unit_id
from hxay.reports.table import Column, Head, Row, Table

R = TypeVar("R", bound=r.Record)

OTHER = "-"
TOTAL = "*"
ROW_NAMES: Mapping[str, Msg] = MappingProxyType(
    {OTHER: Msg("其他", "Other"), TOTAL: Msg("合计", "Total")}
)
PARTS: tuple[tuple[str, Msg], ...] = (
    ("period", Msg("本期", "Period")),
    ("cumulative", Msg("累计", "Cumulative")),
)
OTHER_FOOTNOTE = Msg(
    "注:“其他”为找不到所属派出所的记录(其学校、车辆或单位不属于任何派出所)。",
    "Note: “Other” counts the records no police station could be found for (their school, "
    "vehicle or unit belongs to no station).",
)
"""What the 其他 row counts; the form shows the row only when it holds a value."""
CRIMES = frozenset({"criminal", "public_order"})

Pair = tuple[int, int]
"""(本期, 累计) of one measure in one row."""


def row_of(ledger: Ledger, stations: Collection[str], rec: r.Record) -> str:
    """The one row a record counts in: a station id, or `-` (其他).

    1. a record with a `school` (a hazard on a vehicle carries the vehicle's school):
       that school's station;
    2. a record with a `vehicle` (vehicle_check, vehicle_status): its school's station;
    3. otherwise `unit` or `lead` if that is a police station, else the station of the
       first school in `schools`, else the first of `stations`;
    4. else `-`.
    """

    def station_of(school_id: str) -> str:
        school = ledger.schools.get(school_id)
        return school.station if school is not None and school.station in stations else OTHER

    school = getattr(rec, "school", None)
    if isinstance(school, str):
        return station_of(school)
    vehicle_id = getattr(rec, "vehicle", None)
    if isinstance(vehicle_id, str):
        vehicle = ledger.vehicles.get(vehicle_id)
        return station_of(vehicle.school) if vehicle is not None else OTHER
    for name in ("unit", "lead"):
        unit = getattr(rec, name, None)
        if isinstance(unit, str) and unit in stations:
            return unit
    schools: tuple[str, ...] = getattr(rec, "schools", ())
    if schools:
        return station_of(schools[0])
    listed: tuple[str, ...] = getattr(rec, "stations", ())
    return listed[0] if listed and listed[0] in stations else OTHER


@dataclass
class _Ctx:
    """One counting run: the ledger, the window, and each record's row (computed once)."""

    ledger: Ledger
    window: Window
    stations: frozenset[str]
    _rows: dict[int, str] = field(default_factory=dict)

    def row(self, rec: r.Record) -> str:
        key = id(rec)
        found = self._rows.get(key)
        if found is None:
            found = self._rows[key] = row_of(self.ledger, self.stations, rec)
        return found

    def exists(self, rec: r.Record) -> bool:
        """Whether the record exists on the last day (its record date is not later)."""
        day = rec.record_date
        return day is not None and day <= self.window.last


Evaluator = Callable[[_Ctx], dict[str, Pair]]


def _always(_: object) -> bool:
    return True


def _one(_: object) -> int:
    return 1


def _record_date(rec: r.Record) -> dt.date | None:
    return rec.record_date


def _flow(
    kind: type[R],
    *,
    where: Callable[[R], bool] = _always,
    when: Callable[[R], dt.date | None] = _record_date,
    weight: Callable[[R], int] = _one,
) -> Evaluator:
    """Sum `weight` over records whose `when` date is in the period / the cumulative range."""

    def evaluate(ctx: _Ctx) -> dict[str, Pair]:
        period, cumulative = ctx.window.period, ctx.window.cumulative
        acc: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for rec in ctx.ledger.of_kind(kind):
            if not (ctx.exists(rec) and where(rec)):
                continue
            day = when(rec)
            if day is None or day not in cumulative:
                continue
            cell = acc[ctx.row(rec)]
            w = weight(rec)
            cell[1] += w
            if day in period:
                cell[0] += w
        return {k: (v[0], v[1]) for k, v in acc.items()}

    return evaluate


def _distinct(
    kind: type[R],
    keys: Callable[[R], Iterable[Hashable]],
    *,
    where: Callable[[R], bool] = _always,
) -> Evaluator:
    """Distinct keys per row among records dated in the period / the cumulative range."""

    def evaluate(ctx: _Ctx) -> dict[str, Pair]:
        period, cumulative = ctx.window.period, ctx.window.cumulative
        acc: dict[str, tuple[set[Hashable], set[Hashable]]] = defaultdict(lambda: (set(), set()))
        for rec in ctx.ledger.of_kind(kind):
            if not (where(rec) and rec.record_date in cumulative):
                continue
            found = set(keys(rec))
            in_period, in_cumulative = acc[ctx.row(rec)]
            in_cumulative |= found
            if rec.record_date in period:
                in_period |= found
        return {k: (len(p), len(c)) for k, (p, c) in acc.items()}

    return evaluate


def _open_schools(where: Callable[[r.School], bool] = _always) -> Evaluator:
    """Stock: open schools on the last day, in their station's row."""

    def evaluate(ctx: _Ctx) -> dict[str, Pair]:
        acc: dict[str, int] = defaultdict(int)
        for school in ctx.ledger.schools.values():
            if school.is_open(ctx.window.last) and where(school):
                acc[school.station if school.station in ctx.stations else OTHER] += 1
        return {k: (n, n) for k, n in acc.items()}

    return evaluate


def _hazards_overdue(ctx: _Ctx) -> dict[str, Pair]:
    """Stock: found by the last day, deadline before it, not rectified by it."""
    last = ctx.window.last
    acc: dict[str, int] = defaultdict(int)
    for h in ctx.ledger.of_kind(r.Hazard):
        if (
            h.found <= last
            and h.deadline is not None
            and h.deadline < last
            and (h.rectified is None or h.rectified > last)
        ):
            acc[ctx.row(h)] += 1
    return {k: (n, n) for k, n in acc.items()}


def _crime(c: r.Case) -> bool:
    return c.type in CRIMES


def _case_type(code: str) -> Callable[[r.Case], bool]:
    return lambda c: c.type == code


def _solved(c: r.Case) -> dt.date | None:
    return c.solved


EVALUATORS: Mapping[str, Evaluator] = MappingProxyType(
    {
        "schools": _open_schools(),
        "kindergartens": _open_schools(lambda s: s.type == "kindergarten"),
        "schools_inspected": _distinct(r.Inspection, lambda x: (x.school,)),
        "inspections": _flow(r.Inspection),
        "officers_deployed": _flow(r.Inspection, weight=lambda x: x.officers_deployed),
        "hazards_found": _flow(r.Hazard),
        "hazards_surroundings": _flow(r.Hazard, where=lambda h: h.effective_area == "surroundings"),
        "hazards_major": _flow(r.Hazard, where=lambda h: h.severity == "major"),
        "notices_issued": _distinct(r.Hazard, lambda h: (h.notice_no,) if h.notice_no else ()),
        "hazards_rectified": _flow(r.Hazard, when=lambda h: h.rectified),
        "hazards_reviewed": _flow(r.Hazard, when=lambda h: h.reviewed),
        "hazards_overdue": _hazards_overdue,
        "vehicles_checked": _distinct(r.VehicleCheck, lambda x: (x.vehicle,)),
        "drivers_checked": _distinct(
            r.VehicleCheck, lambda x: ((x.vehicle, name) for name in x.drivers)
        ),
        "vehicles_failed": _distinct(
            r.VehicleCheck, lambda x: (x.vehicle,), where=lambda x: x.result == "fail"
        ),
        "vehicles_suspended": _distinct(
            r.VehicleStatus, lambda x: (x.vehicle,), where=lambda x: x.status == "suspended"
        ),
        "legal_vp_assigned": _open_schools(lambda s: s.legal_vice_principal is not None),
        "legal_visits": _flow(r.LegalVisit),
        "education_sessions": _flow(r.Education),
        "education_participants": _flow(r.Education, weight=lambda x: x.participants or 0),
        "trainings": _flow(r.Training),
        "trainees": _flow(r.Training, weight=lambda x: x.trainees or 0),
        "meetings": _flow(r.Meeting),
        "operations": _flow(r.Operation),
        "cases": _flow(r.Case, where=_crime),
        "cases_solved": _flow(r.Case, where=_crime, when=_solved),
        "persons_handled": _flow(
            r.Case, where=_crime, when=_solved, weight=lambda x: x.persons_handled or 0
        ),
        "disputes": _flow(r.Case, where=_case_type("dispute")),
        "accidents": _flow(r.Case, where=_case_type("accident")),
    }
)


def row_ids(ledger: Ledger) -> tuple[str, ...]:
    """Police stations in definition order, then `-` (其他), then `*` (合计)."""
    return (*(u.id for u in ledger.stations), OTHER, TOTAL)


def count_stats(ledger: Ledger, window: Window) -> dict[str, dict[str, Pair]]:
    """measure id -> row id -> (本期, 累计), for every measure and every row.

    Each record counts in exactly one row (`row_of`), so 合计 is the sum of the rows, for
    distinct measures too: a school, vehicle or driver belongs to one station, so the
    stations' distinct counts add up to the city's. A notice number written on hazards of
    two stations counts once in each station's row and so twice in 合计, as two stations'
    paper forms would.
    """
    ctx = _Ctx(ledger, window, frozenset(u.id for u in ledger.stations))
    rows = row_ids(ledger)
    out: dict[str, dict[str, Pair]] = {}
    for measure in MEASURES:
        counted = EVALUATORS[measure.id](ctx)
        values = {row: counted.get(row, (0, 0)) for row in rows[:-1]}
        values[TOTAL] = (
            sum(p for p, _ in values.values()),
            sum(c for _, c in values.values()),
        )
        out[measure.id] = values
    return out


def indicators(ledger: Ledger, lang: Lang) -> list[tuple[Measure, str]]:
    """The form's indicators: campaign.yaml's `forms.stats`, else every measure; with labels."""
    forms = ledger.campaign.forms
    chosen = forms.stats if forms is not None else None
    if chosen is None:
        return [(m, m.text(lang)) for m in MEASURES]
    return [(BY_ID[i.measure], i.label or BY_ID[i.measure].text(lang)) for i in chosen]


def closed_schools_note(counts: Mapping[str, Mapping[str, Pair]], row: str) -> Msg | None:
    """When more schools were inspected than are open on the last day (a school inspected,
    then closed), a note saying why; else None."""
    inspected = counts["schools_inspected"][row][1]
    open_now = counts["schools"][row][0]
    if inspected <= open_now:
        return None
    return Msg(
        f"注:检查学校(累计 {inspected} 所)多于辖区学校({open_now} 所),"
        "因为辖区学校是统计期末仍开办的学校,检查学校还包括期间内检查过、其后停办的学校。",
        f"Note: more schools were inspected (cumulative {inspected}) than are in the "
        f"jurisdiction ({open_now}): the latter are the schools open at the period's end, the "
        "former include schools inspected and closed since.",
    )


def build_stats(
    ledger: Ledger,
    window: Window,
    *,
    provenance: Provenance,
    lang: Lang = "zh",
    unit: str | None = None,
    notes: tuple[str, ...] = (),
) -> Table:
    """The statistics form for the window: every station, 其他 (only when a chosen
    indicator counts something there, with a footnote saying what it counts) and 合计, or
    one station.

    The reporting unit (填报单位) is that station, else the campaign office.
    """
    stations = {u.id: u for u in ledger.stations}
    if unit is not None:
        unit = unit_id(ledger, unit, station=True)
    counts = count_stats(ledger, window)
    chosen = indicators(ledger, lang)
    rows = (unit,) if unit is not None else row_ids(ledger)
    other = any(counts[m.id][OTHER] != (0, 0) for m, _ in chosen)
    if not other:
        rows = tuple(x for x in rows if x != OTHER)
    footnotes: tuple[str, ...] = (OTHER_FOOTNOTE.render(lang),) if OTHER in rows else ()
    closed = closed_schools_note(counts, rows[-1] if unit is None else unit)
    if closed is not None:
        footnotes += (closed.render(lang),)
    campaign = ledger.campaign
    title = Msg(f"{campaign.name}情况统计报表", f"{campaign.name}: statistics form")
    office = ledger.units_of_type("security_brigade") or ledger.units_of_type("city_psb")
    if unit is not None:
        reporting: Head | None = Head(unit, stations[unit].name)
    else:
        reporting = Head(office[0].id, office[0].name) if office else None
    return Table(
        form="stats",
        title=title.render(lang),
        lang=lang,
        campaign=Head(campaign.id, campaign.name),
        as_of=window.as_of,
        period=window.period,
        cumulative=window.cumulative,
        parts=tuple(Head(ident, text.render(lang)) for ident, text in PARTS),
        columns=tuple(Column(m.id, label, m.kind == "stock") for m, label in chosen),
        rows=tuple(
            Row(
                row,
                stations[row].name if row in stations else ROW_NAMES[row].render(lang),
                tuple(counts[m.id][row] for m, _ in chosen),
                total=row == TOTAL,
            )
            for row in rows
        ),
        provenance=provenance,
        version=__version__,
        reporting_unit=reporting,
        notes=notes,
        footnotes=footnotes,
        header=campaign.forms.header if campaign.forms is not None else None,
    )
