"""Obligations whose subject is a school: inspections, legal vice-principals, trainings."""

from __future__ import annotations

import datetime as dt

from hxay.models import campaign as c
from hxay.models import records as r
from hxay.models.findings import Finding
from hxay.models.text import Msg
from hxay.rules import calendar as cal
from hxay.rules.base import Ctx, count_evidence, static_finding


def monthly_inspection(ctx: Ctx, p: c.MonthlyInspectionParams) -> list[Finding]:
    """各派出所对本辖区校园安保检查(开学期间)每月不少于1次."""
    out: list[Finding] = []
    min_days = p.min_term_days if p.min_term_days is not None else ctx.campaign.min_term_days
    for period in cal.term_months(ctx.campaign, min_days):
        if period.start > ctx.as_of or period.end < ctx.from_date(p):
            continue
        for school in ctx.schools(p, ctx.reference_day(period)):
            found = [
                x
                for x in ctx.ledger.related(r.Inspection, "school", school.id)
                if ctx.exists(x)
                and period.start <= x.date <= period.end
                and (p.any_unit or x.unit == school.station)
            ]
            who = (
                Msg("检查", "inspections")
                if p.any_unit
                else Msg("辖区派出所检查", "inspections by its station")
            )
            out.append(
                _count_finding(
                    ctx, "monthly_inspection", p.min, period, school.station, school, found, who
                )
            )
    return out


def _count_finding(
    ctx: Ctx,
    obligation: str,
    minimum: int,
    period: cal.Period,
    unit: str,
    subject: r.School | r.Unit,
    found: list[r.Inspection] | list[r.LegalVisit] | list[r.Training],
    what: Msg,
) -> Finding:
    """A count rule's instance: at least `minimum` of `found` (in date order) in the period."""
    e, used = count_evidence(found, minimum, period.start)
    return ctx.finding(
        obligation,
        unit=unit,
        subject=subject.id,
        period=period.label,
        due=period.end,
        evidence=e,
        missing=Msg(
            f"{period.label} {what.zh}记录不足 ({len(found)}/{minimum})",
            f"{period.label}: too few {what.en} ({len(found)}/{minimum})",
        ),
        refs=[subject, *used],
    )


def legal_vice_principal(ctx: Ctx, p: c.LegalVicePrincipalParams) -> list[Finding]:
    """要进一步完善法制副校长(或法制辅导员)工作机制.

    Static, for each school open at D (of `school_types`): `legal_vice_principal.name`
    recorded is `met` with no evidence date; otherwise `due`/`overdue` against `issued` +
    `within_days`. No instance before `issued`.
    """
    issued = ctx.campaign.issued_date
    if issued > ctx.as_of:
        return []
    due = issued + dt.timedelta(days=p.within_days)
    out: list[Finding] = []
    for school in ctx.schools(p, ctx.as_of):
        out.append(
            static_finding(
                ctx,
                "legal_vice_principal",
                present=school.legal_vice_principal is not None,
                unit=school.station,
                subject=school.id,
                period=None,
                due=due,
                missing=Msg(
                    f"{school.name} 未配备法制副校长(或法制辅导员)",
                    f"{school.name}: no legal vice-principal (or counsellor) recorded",
                ),
                refs=[school],
            )
        )
    return out


def _windows(
    ctx: Ctx, p: c.ComprehensiveInspectionParams
) -> list[tuple[cal.Period, dt.date | None]]:
    """Each configured window as a clipped period labelled `FROM~TO` (the dates as written),
    with the configured FROM of the next window (None for the last): evidence must be dated
    before it. Windows are taken in date order; a window written twice counts once."""
    ordered = sorted(set(p.windows))
    out: list[tuple[cal.Period, dt.date | None]] = []
    for lo, hi in ordered:
        period = cal.clip(f"{lo.isoformat()}~{hi.isoformat()}", lo, hi, ctx.campaign)
        if period is None:
            continue
        later = [x for x, _ in ordered if x > lo]
        out.append((period, min(later) if later else None))
    return out


def comprehensive_inspection(ctx: Ctx, p: c.ComprehensiveInspectionParams) -> list[Finding]:
    """在新学期开学前后,全市要开展一次全面的校园安全大检查.

    One instance per open school (of `school_types`) and configured window [FROM, TO]
    (clipped to the campaign like every period; the label `FROM~TO` keeps the dates as
    written). It begins on the clipped FROM and is due on the clipped TO. e = the earliest
    `type: comprehensive` inspection of the school (by any unit, or only its station with
    `any_unit: false`) dated on or after the day it begins and before the next window's
    FROM, so an inspection after TO makes it `late`; after the last window there is no upper
    bound. Without `windows` the rule makes no instance.
    """
    out: list[Finding] = []
    inspections = [
        x for x in ctx.ledger.of_kind(r.Inspection) if x.type == "comprehensive" and ctx.exists(x)
    ]
    who = (
        Msg("全面检查", "comprehensive inspection")
        if p.any_unit
        else Msg("辖区派出所的全面检查", "comprehensive inspection by its station")
    )
    for period, until in _windows(ctx, p):
        if period.start > ctx.as_of or period.end < ctx.from_date(p):
            continue
        for school in ctx.schools(p, ctx.reference_day(period)):
            first = next(
                (
                    x
                    for x in inspections
                    if x.school == school.id
                    and x.date >= period.start
                    and (until is None or x.date < until)
                    and (p.any_unit or x.unit == school.station)
                ),
                None,
            )
            out.append(
                ctx.finding(
                    "comprehensive_inspection",
                    unit=school.station,
                    subject=school.id,
                    period=period.label,
                    due=period.end,
                    evidence=first.date if first else None,
                    missing=Msg(
                        f"{period.label} 无{who.zh}记录",
                        f"{period.label}: no {who.en}",
                    ),
                    refs=[school, *([first] if first else [])],
                )
            )
    return out


def _term_periods(ctx: Ctx, p: c.LegalVisitsParams | c.SecurityTrainingParams) -> list[cal.Period]:
    """The (clipped) terms that have begun at D and fall due on or after `from`."""
    from_ = ctx.from_date(p)
    return [x for x in cal.terms(ctx.campaign) if x.start <= ctx.as_of and x.end >= from_]


def legal_visits(ctx: Ctx, p: c.LegalVisitsParams) -> list[Finding]:
    """每学期法制副校长(或法制辅导员)到校工作不少于两次.

    For each (clipped) term and each school open on the reference day: at least `min`
    `legal_visit`s of the school dated in the clipped term, whoever made them; e = the date
    of the `min`-th.
    """
    out: list[Finding] = []
    for period in _term_periods(ctx, p):
        for school in ctx.schools(p, ctx.reference_day(period)):
            found = [
                x
                for x in ctx.ledger.related(r.LegalVisit, "school", school.id)
                if ctx.exists(x) and period.start <= x.date <= period.end
            ]
            visits = Msg("法制副校长到校", "legal vice-principal visits")
            out.append(
                _count_finding(
                    ctx, "legal_visits", p.min, period, school.station, school, found, visits
                )
            )
    return out


def security_training(ctx: Ctx, p: c.SecurityTrainingParams) -> list[Finding]:
    """各地要注重对校园安保力量的培训工作,确保每学期培训不少于一次.

    For each (clipped) term: at least `min` `training`s dated in the term. With `per: school`
    (default) one instance per school open on the reference day, satisfied by trainings that
    list the school. With `per: station` one instance per police station (subject = the
    station), satisfied by trainings whose `unit` is the station or that list one of the
    station's schools; those schools are the station's schools of `school_types`, whether or
    not still open (a training of a school's staff counted when it was held).
    """
    trainings = [x for x in ctx.ledger.of_kind(r.Training) if ctx.exists(x)]
    if p.per == "station":
        return _training_per_station(ctx, p, trainings)
    out: list[Finding] = []
    for period in _term_periods(ctx, p):
        for school in ctx.schools(p, ctx.reference_day(period)):
            found = [
                x
                for x in ctx.ledger.related(r.Training, "schools", school.id)
                if ctx.exists(x) and period.start <= x.date <= period.end
            ]
            out.append(_training_finding(ctx, p, period, school.station, school, found))
    return out


def _training_per_station(
    ctx: Ctx, p: c.SecurityTrainingParams, trainings: list[r.Training]
) -> list[Finding]:
    types = p.school_types
    out: list[Finding] = []
    for period in _term_periods(ctx, p):
        for station in ctx.ledger.stations:
            own = {
                s.id
                for s in ctx.ledger.schools.values()
                if s.station == station.id and (types is None or s.type in types)
            }
            found = [
                x
                for x in trainings
                if x.date in period and (x.unit == station.id or own.intersection(x.schools))
            ]
            out.append(_training_finding(ctx, p, period, station.id, station, found))
    return out


def _training_finding(
    ctx: Ctx,
    p: c.SecurityTrainingParams,
    period: cal.Period,
    unit: str,
    subject: r.School | r.Unit,
    found: list[r.Training],
) -> Finding:
    trainings = Msg("安保力量培训", "security-staff trainings")
    return _count_finding(ctx, "security_training", p.min, period, unit, subject, found, trainings)
