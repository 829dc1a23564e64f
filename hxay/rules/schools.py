"""Obligations whose subject is a school: inspections, legal vice-principals, trainings."""

from __future__ import annotations

from hxay.models import campaign as c
from hxay.models import records as r
from hxay.models.findings import Finding
from hxay.models.text import Msg
from hxay.rules import calendar as cal
from hxay.rules.base import Ctx, count_evidence


def monthly_inspection(ctx: Ctx, p: c.MonthlyInspectionParams) -> list[Finding]:
    """各派出所对本辖区校园安保检查(开学期间)每月不少于1次."""
    out: list[Finding] = []
    min_days = p.min_term_days if p.min_term_days is not None else ctx.campaign.min_term_days
    inspections = [x for x in ctx.ledger.of_kind(r.Inspection) if ctx.exists(x)]
    for period in cal.term_months(ctx.campaign, min_days):
        if period.start > ctx.as_of or period.end < ctx.from_date(p):
            continue
        for school in ctx.schools(p, ctx.reference_day(period)):
            found = [
                x
                for x in inspections
                if x.school == school.id
                and x.date in period
                and (p.any_unit or x.unit == school.station)
            ]
            e, used = count_evidence(found, p.min, period.start)
            who = (
                Msg("检查", "inspections")
                if p.any_unit
                else Msg("辖区派出所检查", "inspections by its station")
            )
            out.append(
                ctx.finding(
                    "monthly_inspection",
                    unit=school.station,
                    subject=school.id,
                    period=period.label,
                    due=period.end,
                    evidence=e,
                    missing=Msg(
                        f"{period.label} {who.zh}记录不足 ({len(found)}/{p.min})",
                        f"{period.label}: too few {who.en} ({len(found)}/{p.min})",
                    ),
                    refs=[school, *used],
                )
            )
    return out


def legal_vice_principal(ctx: Ctx, p: c.LegalVicePrincipalParams) -> list[Finding]:
    raise NotImplementedError


def comprehensive_inspection(ctx: Ctx, p: c.ComprehensiveInspectionParams) -> list[Finding]:
    raise NotImplementedError


def legal_visits(ctx: Ctx, p: c.LegalVisitsParams) -> list[Finding]:
    raise NotImplementedError


def security_training(ctx: Ctx, p: c.SecurityTrainingParams) -> list[Finding]:
    raise NotImplementedError
