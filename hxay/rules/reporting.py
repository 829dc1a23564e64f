"""Obligations of the units themselves: liaisons, meetings, briefings, forms sent upward."""

from __future__ import annotations

import datetime as dt

from hxay.models import campaign as c
from hxay.models import records as r
from hxay.models.findings import Finding
from hxay.models.text import Msg
from hxay.rules import calendar as cal
from hxay.rules.base import Ctx, static_finding
from hxay.rules.calendar import RuleConfigError

PUBLIC_SECURITY = frozenset({"city_psb", "security_brigade"})


def _submissions(ctx: Ctx, form: str, unit: str, begins: dt.date) -> list[r.Submission]:
    """The unit's submissions of a form that exist at D and are dated on or after `begins`,
    in (date, path, line) order."""
    return [
        s
        for s in ctx.ledger.related(r.Submission, "unit", unit)
        if s.form == form and ctx.exists(s) and s.submitted >= begins
    ]


def _period_name(period: cal.Period) -> Msg:
    if period.label == "campaign":
        return Msg("专项行动期间", "the campaign")
    return Msg(period.label, period.label)


def _form_for_period(
    ctx: Ctx,
    obligation: str,
    periods: list[tuple[cal.Period, dt.date]],
    form_name: Msg,
) -> list[Finding]:
    """Each police station, each period: a submission of form `obligation` by the station whose
    `period` is the label, dated on or after the period start; e = the earliest such.
    `periods` pairs each period (already filtered by `from` and begins) with its shifted due."""
    out: list[Finding] = []
    for period, due in periods:
        for station in ctx.ledger.stations:
            sent = [
                s
                for s in _submissions(ctx, obligation, station.id, period.start)
                if s.period == period.label
            ]
            first = sent[0] if sent else None
            name = _period_name(period)
            out.append(
                ctx.finding(
                    obligation,
                    unit=station.id,
                    subject=station.id,
                    period=period.label,
                    due=due,
                    evidence=first.submitted if first else None,
                    missing=Msg(
                        f"{name.zh} {form_name.zh}未报送",
                        f"{form_name.en} for {name.en} not submitted",
                    ),
                    refs=[station, *([first] if first else [])],
                )
            )
    return out


def _next_month_day(period: cal.Period, day: int) -> dt.date:
    """The given day of the month after the period's month."""
    nxt = cal.month_end(period.start.year, period.start.month) + cal.DAY
    return nxt.replace(day=day)


def stats_form(ctx: Ctx, p: c.StatsFormParams) -> list[Finding]:
    """每月2日和17日前由各派出所向市公安局报送统计报表: one per station per half-month.

    The first half (`YYYY-MM-1`) is due the 17th of the month, the second (`YYYY-MM-2`) the 2nd
    of the next month, both moved by `due_shift`; `from` compares against the unshifted date.
    """
    dated: list[tuple[cal.Period, dt.date]] = []
    for period in cal.halves(ctx.campaign):
        if period.start > ctx.as_of:
            continue
        if period.label.endswith("-1"):
            raw_due = period.start.replace(day=17)
        else:
            raw_due = _next_month_day(period, 2)
        if raw_due < ctx.from_date(p):
            continue
        dated.append((period, ctx.shift(raw_due)))
    return _form_for_period(ctx, "stats_form", dated, Msg("统计报表", "statistics form"))


def liaison(ctx: Ctx, p: c.LiaisonParams) -> list[Finding]:
    """各派出所、交警大队要确定“护校安园”专项行动工作联络员.

    Static, for each unit of a type in `unit_types`: its `liaison` recorded with both a name
    and a phone is `met` (e null); due `within_days` after `issued`, not shifted.
    """
    issued = ctx.campaign.issued_date
    if issued > ctx.as_of:
        return []
    due = issued + dt.timedelta(days=p.within_days)
    out: list[Finding] = []
    for unit in ctx.ledger.units.values():
        if unit.type not in p.unit_types:
            continue
        contact = unit.liaison
        if contact is None:
            missing = Msg("未确定专项行动联络员", "no liaison designated")
        else:
            missing = Msg(
                f"联络员 {contact.name} 未登记电话", f"liaison {contact.name} has no phone recorded"
            )
        out.append(
            static_finding(
                ctx,
                "liaison",
                present=contact is not None and bool(contact.phone),
                unit=unit.id,
                subject=unit.id,
                period=None,
                due=due,
                missing=missing,
                refs=[unit],
            )
        )
    return out


def _recipients(ctx: Ctx, s: r.Submission) -> list[r.Unit]:
    """The units a submission went to: its `to`, else the security_brigade unit(s), else the
    city_psb unit(s) (data-format.md: the default of `to`)."""
    if s.to:
        return [ctx.ledger.units[u] for u in s.to if u in ctx.ledger.units]
    return list(
        ctx.ledger.units_of_type("security_brigade") or ctx.ledger.units_of_type("city_psb")
    )


def serious_hazard_list(ctx: Ctx, p: c.SeriousHazardListParams) -> list[Finding]:
    """对...隐患整改不彻底的学校名单,按要求汇总后于9月23日分别报市公安局和市教育局.

    Each police station, due `due` (off without it; shifted). Its submissions of form
    `serious_hazard_list` dated on or after `issued` are taken together: the public-security
    side is covered on the first date one of them goes to a city_psb or security_brigade unit,
    the education side on the first date one goes to an education_bureau unit; e is the later.
    A submission without `to` goes to the security brigade (else the city PSB), so it covers
    only the public-security side. The refs give the submissions that covered each side, also
    while the other side is still missing.
    """
    if p.due is None:
        return []
    if not ctx.ledger.units_of_type("education_bureau"):
        raise RuleConfigError(
            Msg(
                "serious_hazard_list: 没有定义教育局单位(type: education_bureau),"
                "无法判断名单是否已报市教育局;请在单位中添加",
                "serious_hazard_list: no education_bureau unit is defined, so sending the list "
                "to the education bureau cannot be checked; add one to the units",
            )
        )
    issued = ctx.campaign.issued_date
    if issued > ctx.as_of:
        return []
    due = ctx.shift(p.due)
    out: list[Finding] = []
    for station in ctx.ledger.stations:
        public: r.Submission | None = None
        education: r.Submission | None = None
        for s in _submissions(ctx, "serious_hazard_list", station.id, issued):
            types = {u.type for u in _recipients(ctx, s)}
            if public is None and types & PUBLIC_SECURITY:
                public = s
            if education is None and "education_bureau" in types:
                education = s
        e = max(public.submitted, education.submitted) if public and education else None
        # One submission to both sides is listed once.
        used = [x for x in (public, education) if x is not None]
        if len(used) == 2 and used[0] is used[1]:
            used = used[:1]
        lacking = []
        if public is None:
            lacking.append(Msg("市公安局", "the city public security bureau"))
        if education is None:
            lacking.append(Msg("市教育局", "the education bureau"))
        out.append(
            ctx.finding(
                "serious_hazard_list",
                unit=station.id,
                subject=station.id,
                period=None,
                due=due,
                evidence=e,
                missing=Msg(
                    f"隐患学校名单未报{'和'.join(m.zh for m in lacking)}",
                    f"serious-hazard school list not sent to {' or '.join(m.en for m in lacking)}",
                ),
                refs=[station, *used],
            )
        )
    return out


def joint_operation(ctx: Ctx, p: c.JointOperationParams) -> list[Finding]:
    """7月底前,我市要协调综治、公安、文化、工商、卫生、城管等部门联合开展一次校园及周边治安
    环境集中整治行动.

    One instance (subject `campaign`) owned by the security_brigade unit, from the campaign
    start, due `due` (off without it; not shifted). Met by the earliest single `operation`
    (any lead) whose `departments` cover every keyword of `departments`: a department text
    covers a keyword when it contains it. Operations are not combined. The subject has no record
    of its own, so the refs start with the responsible unit's record.
    """
    if p.due is None:
        return []
    owner = ctx.owner(p, "security_brigade", "joint_operation")
    start = ctx.campaign.start
    if start > ctx.as_of:
        return []
    keywords = list(dict.fromkeys(p.departments))
    ops = [x for x in ctx.ledger.of_kind(r.Operation) if ctx.exists(x) and x.date >= start]

    def lacks(op: r.Operation) -> list[str]:
        return [k for k in keywords if not any(k in d for d in op.departments)]

    full = next((op for op in ops if not lacks(op)), None)
    if full is not None:
        missing = Msg("", "")
        used: list[r.Operation] = [full]
    elif ops:
        # Closest: the fewest keywords missing; min() keeps the earliest among equals.
        closest = min(ops, key=lambda op: len(lacks(op)))
        gap = lacks(closest)
        missing = Msg(
            f"联合整治行动未覆盖全部部门:最接近的一次({closest.date})缺少{'、'.join(gap)}",
            f"no joint operation covers every department: the closest ({closest.date}) "
            f"lacks {', '.join(gap)}",
        )
        used = [closest]
    else:
        missing = Msg(
            f"未开展{'、'.join(keywords)}等部门联合整治行动",
            f"no joint operation of {', '.join(keywords)} recorded",
        )
        used = []
    return [
        ctx.finding(
            "joint_operation",
            unit=owner,
            subject="campaign",
            period=None,
            due=p.due,
            evidence=full.date if full is not None else None,
            missing=missing,
            refs=[ctx.ledger.units[owner], *used],
        )
    ]


def joint_meeting(ctx: Ctx, p: c.JointMeetingParams) -> list[Finding]:
    """定期召开校园安全保卫工作联席会议: each police station, each period of `every`.

    Due the period end (not shifted); met by the earliest `meeting` whose `unit` is the
    station, dated in the period.
    """
    out: list[Finding] = []
    meetings = [x for x in ctx.ledger.of_kind(r.Meeting) if ctx.exists(x)]
    for period in cal.periods(p.every, ctx.campaign):
        if period.start > ctx.as_of or period.end < ctx.from_date(p):
            continue
        name = _period_name(period)
        for station in ctx.ledger.stations:
            held = next((x for x in meetings if x.unit == station.id and x.date in period), None)
            out.append(
                ctx.finding(
                    "joint_meeting",
                    unit=station.id,
                    subject=station.id,
                    period=period.label,
                    due=period.end,
                    evidence=held.date if held else None,
                    missing=Msg(f"{name.zh} 未召开联席会议", f"no joint meeting held in {name.en}"),
                    refs=[station, *([held] if held else [])],
                )
            )
    return out


def gov_briefing(ctx: Ctx, p: c.GovBriefingParams) -> list[Finding]:
    """定期向当地党委、政府汇报校园安防工作情况: each police station, each period of `every`.

    Due `within_days` after the period end, moved by `due_shift` (`from` compares against the
    unshifted date); met by a `gov_briefing` submission by the station whose `period` is the
    label, dated on or after the period start.
    """
    dated: list[tuple[cal.Period, dt.date]] = []
    for period in cal.periods(p.every, ctx.campaign):
        raw_due = period.end + dt.timedelta(days=p.within_days)
        if period.start > ctx.as_of or raw_due < ctx.from_date(p):
            continue
        dated.append((period, ctx.shift(raw_due)))
    return _form_for_period(
        ctx, "gov_briefing", dated, Msg("向党委、政府汇报", "briefing of the government")
    )


def monthly_work(ctx: Ctx, p: c.MonthlyWorkParams) -> list[Finding]:
    """每月2日前一并报送上月工作情况: each police station, each month of the campaign.

    Due the 2nd of the next month, moved by `due_shift` (`from` compares against the unshifted
    date); met by a `monthly_work` submission by the station whose `period` is the month.
    """
    dated: list[tuple[cal.Period, dt.date]] = []
    for period in cal.months(ctx.campaign):
        raw_due = _next_month_day(period, 2)
        if period.start > ctx.as_of or raw_due < ctx.from_date(p):
            continue
        dated.append((period, ctx.shift(raw_due)))
    return _form_for_period(ctx, "monthly_work", dated, Msg("上月工作情况", "monthly work report"))


def campaign_summary(ctx: Ctx, p: c.CampaignSummaryParams) -> list[Finding]:
    """12月3日前报送专项行动总结: each police station, from `issued`.

    Due `due` [campaign end + 3 days], moved by `due_shift`; met by the station's earliest
    `campaign_summary` submission dated on or after `issued` (the catalogue's begins; no
    period, so `from` does not apply).
    """
    issued = ctx.campaign.issued_date
    if issued > ctx.as_of:
        return []
    raw_due = p.due if p.due is not None else ctx.campaign.end + dt.timedelta(days=3)
    due = ctx.shift(raw_due)
    out: list[Finding] = []
    for station in ctx.ledger.stations:
        sent = _submissions(ctx, "campaign_summary", station.id, issued)
        first = sent[0] if sent else None
        out.append(
            ctx.finding(
                "campaign_summary",
                unit=station.id,
                subject=station.id,
                period=None,
                due=due,
                evidence=first.submitted if first else None,
                missing=Msg("专项行动总结未报送", "campaign summary not submitted"),
                refs=[station, *([first] if first else [])],
            )
        )
    return out
