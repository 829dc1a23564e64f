"""Obligations of the units themselves: liaisons, meetings, briefings, forms sent upward."""

from __future__ import annotations

from hxay.models import campaign as c
from hxay.models import records as r
from hxay.models.findings import Finding
from hxay.models.text import Msg
from hxay.rules import calendar as cal
from hxay.rules.base import Ctx


def _submissions(ctx: Ctx, form: str, unit: str, begins: object) -> list[r.Submission]:
    return [
        s
        for s in ctx.ledger.of_kind(r.Submission)
        if s.form == form and s.unit == unit and ctx.exists(s) and s.submitted >= begins  # type: ignore[operator]
    ]


def stats_form(ctx: Ctx, p: c.StatsFormParams) -> list[Finding]:
    """每月2日和17日前由各派出所向市公安局报送统计报表: one per station per half-month."""
    out: list[Finding] = []
    for period in cal.halves(ctx.campaign):
        if period.start > ctx.as_of:
            continue
        year, month = int(period.label[:4]), int(period.label[5:7])
        if period.label.endswith("-1"):
            raw_due = period.start.replace(day=17)
        else:
            raw_due = cal.month_end(year, month) + cal.DAY
            raw_due = raw_due.replace(day=2)
        if raw_due < ctx.from_date(p):
            continue
        due = ctx.shift(raw_due)
        for station in ctx.ledger.stations:
            sent = [
                s
                for s in _submissions(ctx, "stats_form", station.id, period.start)
                if s.period == period.label
            ]
            first = sent[0] if sent else None
            out.append(
                ctx.finding(
                    "stats_form",
                    unit=station.id,
                    subject=station.id,
                    period=period.label,
                    due=due,
                    evidence=first.submitted if first else None,
                    missing=Msg(
                        f"{period.label} 统计报表未报送",
                        f"statistics form {period.label} not submitted",
                    ),
                    refs=[station, *([first] if first else [])],
                )
            )
    return out


def liaison(ctx: Ctx, p: c.LiaisonParams) -> list[Finding]:
    raise NotImplementedError


def serious_hazard_list(ctx: Ctx, p: c.SeriousHazardListParams) -> list[Finding]:
    raise NotImplementedError


def joint_operation(ctx: Ctx, p: c.JointOperationParams) -> list[Finding]:
    raise NotImplementedError


def joint_meeting(ctx: Ctx, p: c.JointMeetingParams) -> list[Finding]:
    raise NotImplementedError


def gov_briefing(ctx: Ctx, p: c.GovBriefingParams) -> list[Finding]:
    raise NotImplementedError


def monthly_work(ctx: Ctx, p: c.MonthlyWorkParams) -> list[Finding]:
    raise NotImplementedError


def campaign_summary(ctx: Ctx, p: c.CampaignSummaryParams) -> list[Finding]:
    raise NotImplementedError
