"""Stage 4, reports: pieces the work report, summary, serious-hazard list and scorecard share.

Which station a report is for, hazards open on a day and their listing, findings counted by
status, the figures of the statistics form in prose, and the labels all of them print.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from types import MappingProxyType

from hxay.models import records as r
from hxay.models.findings import STATUS_WORDS, STATUSES, Finding, Status
from hxay.models.ledger import Ledger
from hxay.models.text import Lang, Msg
from hxay.reports.check import subject_name
from hxay.reports.document import Cell, Field, Listing
from hxay.reports.period import Window
from hxay.reports.scope import unit_id
from hxay.reports.stats import OTHER, ROW_NAMES, row_of
from hxay.reports.table import Head
from hxay.rules.calendar import Period

SEVERITY_NAMES: Mapping[str, Msg] = MappingProxyType(
    {
        "general": Msg("一般", "general"),
        "serious": Msg("严重", "serious"),
        "major": Msg("重大", "major"),
    }
)
NUMERALS = "一二三四五六七八九十"


def n(count: int, noun: str) -> str:
    """A count with its English noun in the right number: 1 joint meeting, 2 joint meetings."""
    if count == 1:
        return f"{count} {noun}"
    head, _, last = noun.rpartition(" ")
    plural = {"person": "persons", "day": "days"}.get(last, last + "s")
    return f"{count} {head + ' ' if head else ''}{plural}"


def heading(n: int, zh: str, en: str, lang: Lang) -> str:
    """A section heading numbered as official reports number them (一、二、…)."""
    return Msg(f"{NUMERALS[n - 1]}、{zh}", f"{n}. {en}").render(lang)


def station_head(ledger: Ledger, unit: str | None) -> Head | None:
    """The reporting station of `--unit` (None for the city); a unit that is not a police
    station is a UsageError."""
    if unit is None:
        return None
    found = unit_id(ledger, unit, station=True)
    return Head(found, ledger.units[found].name)


def campaign_window(ledger: Ledger, as_of: dt.date) -> Window:
    """From the campaign start to min(as-of, campaign end), for 本期 and 累计 alike."""
    c = ledger.campaign
    span = Period("campaign", c.start, min(as_of, c.end))
    return Window(period=span, cumulative=span, as_of=as_of)


def station_of(ledger: Ledger, rec: r.Record) -> str:
    """The station row a record counts in on the statistics form (`-` when none)."""
    return row_of(ledger, frozenset(u.id for u in ledger.stations), rec)


def station_name(ledger: Ledger, station: str, lang: Lang) -> str:
    return ROW_NAMES[OTHER].render(lang) if station == OTHER else ledger.name_of(station)


def station_order(ledger: Ledger) -> dict[str, int]:
    """Stations in definition order, then `-` (其他)."""
    order = {u.id: i for i, u in enumerate(ledger.stations)}
    order[OTHER] = len(order)
    return order


def is_open(h: r.Hazard, day: dt.date) -> bool:
    """Found by `day` and not rectified by it (a later `rectified` is not known yet)."""
    return h.found <= day and (h.rectified is None or h.rectified > day)


def open_hazards(
    ledger: Ledger,
    day: dt.date,
    *,
    station: str | None = None,
    where: Callable[[r.Hazard], bool] = lambda h: True,
) -> list[r.Hazard]:
    """Hazards in scope (found <= campaign end) open on `day`, of one station or all, in
    (station, school, found, id) order."""
    order = station_order(ledger)
    schools = {sid: i for i, sid in enumerate(ledger.schools)}
    found = [
        h
        for h in ledger.of_kind(r.Hazard)
        if h.found <= ledger.campaign.end
        and is_open(h, day)
        and where(h)
        and (station is None or station_of(ledger, h) == station)
    ]
    return sorted(
        found,
        key=lambda h: (
            order.get(station_of(ledger, h), len(order)),
            schools.get(h.school or "", len(schools)),
            h.found,
            h.id,
        ),
    )


def days_past(h: r.Hazard, day: dt.date) -> int | None:
    """Days past the deadline on `day`, or None when there is none or it has not passed."""
    if h.deadline is None or h.deadline >= day:
        return None
    return (day - h.deadline).days


def past_text(h: r.Hazard, late: int | None, lang: Lang) -> str:
    """Whether a hazard is past its deadline, in words: 逾期N天, 否, or 未定期限."""
    if h.deadline is None:
        return Msg("未定期限", "no deadline").render(lang)
    if late is None:
        return Msg("否", "no").render(lang)
    return Msg(f"逾期{late}天", n(late, "day")).render(lang)


def supervisor_text(ledger: Ledger, h: r.Hazard) -> str:
    s = h.supervisor
    return f"{s.name}({ledger.name_of(s.unit)})" if s is not None else ""


def rectifier_text(h: r.Hazard) -> str:
    p = h.rectifier
    if p is None:
        return ""
    return f"{p.name}({p.phone})" if p.phone else p.name


def hazard_listing(
    ledger: Ledger,
    hazards: Sequence[r.Hazard],
    day: dt.date,
    lang: Lang,
    *,
    grouped: bool,
    listing_id: str = "hazards",
) -> Listing:
    """Open hazards with their deadline, days past it on `day`, and the responsible persons;
    grouped by station in the views for people when `grouped`."""

    def t(zh: str, en: str) -> str:
        return Msg(zh, en).render(lang)

    fields = (
        Field("station", t("派出所编号", "Station id"), key=True),
        Field("station_name", t("派出所", "Station"), key=not grouped),
        Field("school", t("学校编号", "School id"), key=True),
        Field("school_name", t("学校", "School")),
        Field("hazard", t("隐患编号", "Hazard"), short=True),
        Field("description", t("隐患", "Description")),
        Field("severity", t("程度", "Severity"), short=True),
        Field("found", t("发现日期", "Found"), short=True),
        Field("deadline", t("整改期限", "Deadline"), short=True),
        Field("past_deadline", t("已逾期", "Past deadline"), key=True),
        Field("days_past", t("逾期天数", "Days past"), numeric=True, key=True),
        Field("overdue", t("是否逾期", "Past deadline?"), short=True, text=True),
        Field("supervisor", t("督办责任人", "Supervisor")),
        Field("rectifier", t("整改责任人", "Rectifier")),
    )
    rows: list[tuple[Cell, ...]] = []
    for h in hazards:
        station = station_of(ledger, h)
        late = days_past(h, day)
        rows.append(
            (
                station,
                station_name(ledger, station, lang),
                h.school,
                ledger.name_of(h.school) if h.school else "",
                h.id,
                h.description,
                SEVERITY_NAMES[str(h.severity)].render(lang),
                h.found.isoformat(),
                h.deadline.isoformat() if h.deadline else None,
                late is not None,
                late,
                past_text(h, late, lang),
                supervisor_text(ledger, h),
                rectifier_text(h),
            )
        )
    return Listing(
        listing_id,
        fields,
        tuple(rows),
        group="station_name" if grouped else None,
        empty=t("没有尚未整改的隐患。", "No hazard is open."),
    )


def status_counts(findings: Iterable[Finding]) -> dict[Status, int]:
    counts = Counter(f.status for f in findings)
    return {s: counts.get(s, 0) for s in STATUSES}


def on_time_rate(counts: Mapping[Status, int]) -> str:
    """Met on time among the instances already due (met, late, overdue), as a percentage."""
    settled = counts["met"] + counts["late"] + counts["overdue"]
    return f"{100 * counts['met'] / settled:.1f}%" if settled else "—"


def subject_school(ledger: Ledger, subject: str) -> str | None:
    """The school a finding is about: the subject itself, or the school of its hazard,
    vehicle or `VEHICLE:DRIVER`."""
    if subject in ledger.schools:
        return subject
    rec = ledger.by_id.get(subject.split(":", 1)[0])
    school = ledger.school_of(rec) if rec is not None else None
    return school.id if school is not None else None


def finding_days(f: Finding, as_of: dt.date) -> int | None:
    """Days overdue at D, or days late; None otherwise."""
    if f.status == "overdue":
        return (as_of - f.due).days
    if f.status == "late" and f.evidence is not None:
        return (f.evidence - f.due).days
    return None


def findings_listing(
    ledger: Ledger, findings: Sequence[Finding], as_of: dt.date, lang: Lang, *, grouped: bool
) -> Listing:
    """Findings one per row (unit, duty, subject, period, due, status, days, message)."""

    def t(zh: str, en: str) -> str:
        return Msg(zh, en).render(lang)

    fields = (
        Field("unit", t("单位编号", "Unit id"), key=True),
        Field("unit_name", t("单位", "Unit"), key=not grouped),
        Field("obligation", t("义务", "Obligation"), key=True),
        Field("duty", t("事项", "Duty")),
        Field("subject", t("对象", "Subject")),
        Field("period", t("期间", "Period")),
        Field("due", t("期限", "Due"), short=True),
        Field("status", t("状态", "Status"), short=True),
        Field("days", t("天数", "Days"), numeric=True),
        Field("message", t("说明", "Details")),
    )
    rows = tuple(
        (
            f.unit,
            ledger.name_of(f.unit) if f.unit else t("(无责任单位)", "(no unit)"),
            f.obligation,
            f.duty.render(lang),
            subject_name(ledger, f.subject),
            f.period,
            f.due.isoformat(),
            STATUS_WORDS[f.status].render(lang),
            finding_days(f, as_of),
            f.msg.render(lang),
        )
        for f in findings
    )
    return Listing(
        "findings",
        fields,
        rows,
        group="unit_name" if grouped else None,
        empty=t("没有未按期履行的义务。", "No obligation was missed."),
    )


def unit_order(ledger: Ledger) -> Callable[[str | None], tuple[int, int, str]]:
    """Police stations first (in definition order), then other units, then no unit."""
    stations = {u.id: i for i, u in enumerate(ledger.stations)}
    units = {u: i for i, u in enumerate(ledger.units)}

    def key(unit: str | None) -> tuple[int, int, str]:
        if unit is None:
            return (3, 0, "")
        if unit in stations:
            return (0, stations[unit], unit)
        return (1, units[unit], unit) if unit in units else (2, 0, unit)

    return key


def figures_prose(values: Mapping[str, int], lang: Lang) -> str:
    """The statistics form's numbers as sentences of a report; a clause whose numbers are all
    zero is left out, except inspections and hazards, which a report always states."""
    v = values
    zh: list[str] = [
        f"检查学校{v['schools_inspected']}所、{v['inspections']}所次,"
        f"出动警力{v['officers_deployed']}人次。",
        f"发现隐患{v['hazards_found']}处(其中周边隐患{v['hazards_surroundings']}处、"
        f"重大隐患{v['hazards_major']}处),下发整改通知书{v['notices_issued']}份,"
        f"整改隐患{v['hazards_rectified']}处,逾期未整改隐患{v['hazards_overdue']}处。",
    ]
    en: list[str] = [
        f"{n(v['inspections'], 'inspection')} of {n(v['schools_inspected'], 'school')}, "
        f"{n(v['officers_deployed'], 'officer')} deployed.",
        f"{n(v['hazards_found'], 'hazard')} found ({v['hazards_surroundings']} in the "
        f"surroundings, {v['hazards_major']} major), "
        f"{n(v['notices_issued'], 'rectification notice')} issued, "
        f"{n(v['hazards_rectified'], 'hazard')} rectified, {v['hazards_overdue']} past their "
        "deadline and not rectified.",
    ]

    def any_of(*ids: str) -> bool:
        return any(v[i] for i in ids)

    if any_of("vehicles_checked", "drivers_checked", "vehicles_failed", "vehicles_suspended"):
        zh.append(
            f"排查接送车辆{v['vehicles_checked']}辆、驾驶人{v['drivers_checked']}人,"
            f"不合格车辆{v['vehicles_failed']}辆,禁止接送{v['vehicles_suspended']}辆。"
        )
        en.append(
            f"{n(v['vehicles_checked'], 'vehicle')} and {n(v['drivers_checked'], 'driver')} checked, "
            f"{n(v['vehicles_failed'], 'vehicle')} failing, {v['vehicles_suspended']} barred."
        )
    zh_parts, en_parts = [], []
    if any_of("legal_visits"):
        zh_parts.append(f"法制副校长到校{v['legal_visits']}次")
        en_parts.append(n(v["legal_visits"], "legal vice-principal visit"))
    if any_of("education_sessions", "education_participants"):
        zh_parts.append(
            f"开展安全教育{v['education_sessions']}场次、受教育{v['education_participants']}人次"
        )
        en_parts.append(
            f"{n(v['education_sessions'], 'safety education session')} "
            f"({n(v['education_participants'], 'attendance')})"
        )
    if any_of("trainings", "trainees"):
        zh_parts.append(f"开展安保培训{v['trainings']}场次、培训{v['trainees']}人次")
        en_parts.append(f"{n(v['trainings'], 'security training')} ({n(v['trainees'], 'trainee')})")
    if any_of("meetings"):
        zh_parts.append(f"召开联席会议{v['meetings']}次")
        en_parts.append(n(v["meetings"], "joint meeting"))
    if any_of("operations"):
        zh_parts.append(f"开展集中整治行动{v['operations']}次")
        en_parts.append(n(v["operations"], "joint clean-up operation"))
    if zh_parts:
        zh.append(";".join(zh_parts) + "。")
        en.append("; ".join(en_parts).capitalize() + ".")
    if any_of("cases", "cases_solved", "persons_handled", "disputes", "accidents"):
        zh.append(
            f"发生涉校案件{v['cases']}起,破获{v['cases_solved']}起,抓获处理{v['persons_handled']}人;"
            f"排查矛盾纠纷{v['disputes']}起;发生涉校事故{v['accidents']}起。"
        )
        en.append(
            f"{n(v['cases'], 'school-related case')}, {v['cases_solved']} solved, "
            f"{n(v['persons_handled'], 'person')} dealt with; {n(v['disputes'], 'dispute')}; "
            f"{n(v['accidents'], 'accident')}."
        )
    return Msg("".join(zh), " ".join(en)).render(lang)
