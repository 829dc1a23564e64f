"""Stage 1, rules: obligations whose subject is a school: inspections, legal vice-principals,
trainings. Each obligation is one definition at the foot of the module, beside its evaluator.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Literal

from pydantic import Field

from hxay.models import records as r
from hxay.models.campaign import DatedParams, SchoolParams
from hxay.models.fields import Bool, Count, Date, Days
from hxay.models.findings import Finding
from hxay.models.plan import Source
from hxay.models.text import Msg
from hxay.rules import calendar as cal
from hxay.rules.base import Ctx, Obligation, Rule, Terms, count_evidence, static_finding


class LegalVicePrincipalParams(SchoolParams):
    within_days: Days = Field(30, description="方案印发后几天内配齐法制副校长")


class MonthlyInspectionParams(SchoolParams, DatedParams):
    min: Count = Field(1, description="每月最少检查次数")
    any_unit: Bool = Field(False, description="是否计入非辖区派出所的检查")
    min_term_days: Days | None = Field(None, description="开学月份的最少在学天数;默认取顶层设置")


class ComprehensiveInspectionParams(SchoolParams, DatedParams):
    windows: tuple[tuple[Date, Date], ...] = Field(
        (), description="全面检查的时间窗 [[起, 止], ...]"
    )
    any_unit: Bool = Field(True, description="是否计入任何单位的全面检查")


class LegalVisitsParams(SchoolParams, DatedParams):
    min: Count = Field(2, description="每学期法制副校长到校最少次数")


class SecurityTrainingParams(SchoolParams, DatedParams):
    min: Count = Field(1, description="每学期最少培训次数")
    per: Literal["school", "station"] = Field("school", description="school 或 station")


def monthly_inspection(ctx: Ctx, p: MonthlyInspectionParams) -> list[Finding]:
    """各派出所对本辖区校园安保检查(开学期间)每月不少于1次."""
    out: list[Finding] = []
    min_days = p.min_term_days if p.min_term_days is not None else ctx.campaign.min_term_days
    who = (
        Msg("检查", "inspections")
        if p.any_unit
        else Msg("辖区派出所检查", "inspections by its station")
    )
    for period in ctx.dated(cal.term_months(ctx.campaign, min_days), p):
        end = min(period.end, ctx.as_of)  # a record exists at D when dated at D or before
        for school in ctx.schools(p, ctx.reference_day(period)):
            found = [
                x
                for x in ctx.ledger.between(r.Inspection, "school", school.id, period.start, end)
                if p.any_unit or x.unit == school.station
            ]
            out.append(_count_finding(ctx, p.min, period, school.station, school, found, who))
    return out


def _count_finding(
    ctx: Ctx,
    minimum: int,
    period: cal.Period,
    unit: str,
    subject: r.School | r.Unit,
    found: Sequence[r.Inspection | r.LegalVisit | r.Training],
    what: Msg,
) -> Finding:
    """A count rule's instance: at least `minimum` of `found` (in date order) in the period."""
    e, used = count_evidence(found, minimum, period.start)
    return ctx.finding(
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


def legal_vice_principal(ctx: Ctx, p: LegalVicePrincipalParams) -> list[Finding]:
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


def _windows(ctx: Ctx, p: ComprehensiveInspectionParams) -> list[tuple[cal.Period, dt.date | None]]:
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


def comprehensive_inspection(ctx: Ctx, p: ComprehensiveInspectionParams) -> list[Finding]:
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
                    for x in ctx.ledger.related(r.Inspection, "school", school.id)
                    if x.type == "comprehensive"
                    and ctx.exists(x)
                    and x.date >= period.start
                    and (until is None or x.date < until)
                    and (p.any_unit or x.unit == school.station)
                ),
                None,
            )
            out.append(
                ctx.finding(
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


def legal_visits(ctx: Ctx, p: LegalVisitsParams) -> list[Finding]:
    """每学期法制副校长(或法制辅导员)到校工作不少于两次.

    For each (clipped) term and each school open on the reference day: at least `min`
    `legal_visit`s of the school dated in the clipped term, whoever made them; e = the date
    of the `min`-th.
    """
    out: list[Finding] = []
    visits = Msg("法制副校长到校", "legal vice-principal visits")
    for period in ctx.dated(cal.terms(ctx.campaign), p):
        end = min(period.end, ctx.as_of)
        for school in ctx.schools(p, ctx.reference_day(period)):
            found = ctx.ledger.between(r.LegalVisit, "school", school.id, period.start, end)
            out.append(_count_finding(ctx, p.min, period, school.station, school, found, visits))
    return out


_TRAININGS = Msg("安保力量培训", "security-staff trainings")


def security_training(ctx: Ctx, p: SecurityTrainingParams) -> list[Finding]:
    """各地要注重对校园安保力量的培训工作,确保每学期培训不少于一次.

    For each (clipped) term: at least `min` `training`s dated in the term. With `per: school`
    (default) one instance per school open on the reference day, satisfied by trainings that
    list the school. With `per: station` one instance per police station (subject = the
    station), satisfied by trainings whose `unit` is the station or that list one of the
    station's schools; those schools are the station's schools of `school_types`, whether or
    not still open (a training of a school's staff counted when it was held).
    """
    if p.per == "station":
        return _training_per_station(ctx, p)
    out: list[Finding] = []
    for period in ctx.dated(cal.terms(ctx.campaign), p):
        end = min(period.end, ctx.as_of)
        for school in ctx.schools(p, ctx.reference_day(period)):
            found = ctx.ledger.between(r.Training, "schools", school.id, period.start, end)
            out.append(
                _count_finding(ctx, p.min, period, school.station, school, found, _TRAININGS)
            )
    return out


def _training_per_station(ctx: Ctx, p: SecurityTrainingParams) -> list[Finding]:
    trainings = [x for x in ctx.ledger.of_kind(r.Training) if ctx.exists(x)]
    types = p.school_types
    out: list[Finding] = []
    for period in ctx.dated(cal.terms(ctx.campaign), p):
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
            out.append(_count_finding(ctx, p.min, period, station.id, station, found, _TRAININGS))
    return out


LEGAL_VICE_PRINCIPAL = Obligation(
    id="legal_vice_principal",
    params=LegalVicePrincipalParams,
    evaluate=legal_vice_principal,
    duty=Msg("配备法制副校长(法制辅导员)", "assign a legal vice-principal"),
    source=Source("三(四)", "要进一步完善法制副校长(或法制辅导员)工作机制"),
    terms=Terms(
        unit="the school's station",
        subject="each school open at D",
        period="none",
        begins="`issued`",
        due="`issued` + `within_days`",
        satisfied="`legal_vice_principal.name` recorded (static: met, no date)",
    ),
    notes={"within_days": "方案未规定期限;30 天为本工具的理解"},
    confirm=frozenset({"within_days"}),
)
MONTHLY_INSPECTION = Obligation(
    id="monthly_inspection",
    params=MonthlyInspectionParams,
    evaluate=monthly_inspection,
    duty=Msg("辖区校园安保检查每月不少于1次", "inspect each school at least monthly"),
    source=Source("三(一)", "各派出所对本辖区校园安保检查(开学期间)每月不少于1次。"),
    terms=Terms(
        unit="the school's station",
        subject="each school open on the reference day",
        period="`YYYY-MM`, term months only",
        begins="the month's first day (clipped to the campaign)",
        due="the month's last day (clipped)",
        satisfied="at least `min` inspections of the school dated in the month whose `unit` "
        "is its station (any unit with `any_unit: true`); e = the date of the `min`-th",
    ),
    notes={
        "min": "方案:“每月不少于1次”",
        "any_unit": "方案:“各派出所对本辖区校园安保检查”,故默认只计辖区派出所",
        "min_term_days": "方案:“(开学期间)”",
    },
)
COMPREHENSIVE_INSPECTION = Obligation(
    id="comprehensive_inspection",
    params=ComprehensiveInspectionParams,
    evaluate=comprehensive_inspection,
    duty=Msg("新学期开学前后全面安全大检查", "comprehensive new-term inspection"),
    source=Source(
        "三(一)",
        "在新学期开学前后,全市要开展一次全面的校园安全大检查,逐一梳理检查学校、幼儿园内部安全防范情况",
    ),
    terms=Terms(
        unit="the school's station",
        subject="each school open on the reference day",
        period="`FROM~TO` (the ISO dates as written) for each entry of `windows`",
        begins="FROM (clipped to the campaign)",
        due="TO (clipped)",
        satisfied="the earliest `type: comprehensive` inspection of the school by any unit "
        "(only its station with `any_unit: false`) dated on or after FROM and before the next "
        "window's FROM; after TO it is late. Without `windows` the rule makes no instance",
    ),
    notes={
        "windows": "方案:“在新学期开学前后”,未给日期;窗口须按本地校历填写",
        "any_unit": "方案:“全市要开展一次全面的校园安全大检查”,不限单位",
    },
    confirm=frozenset({"windows"}),
    example={"windows": ((dt.date(2012, 8, 27), dt.date(2012, 9, 14)),)},
)
LEGAL_VISITS = Obligation(
    id="legal_visits",
    params=LegalVisitsParams,
    evaluate=legal_visits,
    duty=Msg("每学期法制副校长到校不少于两次", "legal vice-principal visits twice a term"),
    source=Source("三(四)", "每学期法制副校长(或法制辅导员)到校工作不少于两次。"),
    terms=Terms(
        unit="the school's station",
        subject="each school open on the reference day",
        period="each term (by name, clipped to the campaign)",
        begins="the term's start (clipped)",
        due="the term's end (clipped)",
        satisfied="at least `min` `legal_visit`s of the school dated in the term, by anyone; "
        "e = the date of the `min`-th",
    ),
    notes={"min": "方案:“每学期……到校工作不少于两次”"},
)
SECURITY_TRAINING = Obligation(
    id="security_training",
    params=SecurityTrainingParams,
    evaluate=security_training,
    duty=Msg("每学期安保力量培训不少于一次", "train security staff every term"),
    source=Source("三(四)", "各地要注重对校园安保力量的培训工作,确保每学期培训不少于一次。"),
    terms=Terms(
        unit="the school's station",
        subject="each school open on the reference day; or each police station with `per: station`",
        period="each term (by name, clipped to the campaign)",
        begins="the term's start (clipped)",
        due="the term's end (clipped)",
        satisfied="at least `min` `training`s dated in the term that list the school (with "
        "`per: station`: that list one of the station's schools or whose `unit` is the "
        "station); e = the date of the `min`-th",
    ),
    notes={
        "min": "方案:“确保每学期培训不少于一次”",
        "per": "方案未说按学校还是按派出所计;默认每所学校",
    },
)

OBLIGATIONS: tuple[Rule, ...] = (
    LEGAL_VICE_PRINCIPAL,
    MONTHLY_INSPECTION,
    COMPREHENSIVE_INSPECTION,
    LEGAL_VISITS,
    SECURITY_TRAINING,
)
"""This family's obligations, in catalogue order."""
