"""Stage 1, rules: obligations to send something upward: the serious-hazard list, briefings
of the government, the statistics form, the monthly work report, the campaign summary. Each
obligation is one definition at the foot of the module, beside its evaluator.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from pydantic import Field

from hxay.models import records as r
from hxay.models.campaign import DatedParams, Params
from hxay.models.fields import Date, Days
from hxay.models.findings import Finding
from hxay.models.plan import Source
from hxay.models.text import Msg
from hxay.rules import calendar as cal
from hxay.rules.base import Ctx, Obligation, Rule, Terms
from hxay.rules.calendar import RuleConfigError


class SeriousHazardListParams(Params):
    due: Date | None = Field(None, description="隐患学校名单报送期限(方案:9月23日)")


class GovBriefingParams(DatedParams):
    every: cal.Every = Field("quarter", description="month、quarter、term 或 campaign")
    within_days: Days = Field(10, description="期间结束后几天内汇报")


class StatsFormParams(DatedParams):
    pass


class MonthlyWorkParams(DatedParams):
    pass


class CampaignSummaryParams(Params):
    begins: Date | None = Field(
        None, description="从此日起报送的总结才算数;默认为活动最后一个月的第一天"
    )
    due: Date | None = Field(None, description="专项行动总结报送期限;默认活动结束后3天")


PUBLIC_SECURITY = frozenset({"city_psb", "security_brigade"})


def _submissions(ctx: Ctx, form: str, unit: str, begins: dt.date) -> list[r.Submission]:
    """The unit's submissions of a form that exist at D and are dated on or after `begins`,
    in (date, path, line) order."""
    return [
        s
        for s in ctx.ledger.related(r.Submission, "unit", unit)
        if s.form == form and ctx.exists(s) and s.submitted >= begins
    ]


def _form_for_period(
    ctx: Ctx,
    p: DatedParams,
    periods: Iterable[tuple[cal.Period, dt.date]],
    form_name: Msg,
) -> list[Finding]:
    """Each police station, each period: a submission of the obligation's form (the form code
    is the obligation id) by the station whose `period` is the label, dated on or after the
    period start; e = the earliest such. `periods` pairs each period with its due date before
    `due_shift`: a period that has not begun at D, or whose unshifted due date is before
    `from`, has no instance."""
    out: list[Finding] = []
    form = ctx.current.id
    from_ = ctx.from_date(p)
    for period, raw_due in periods:
        if period.start > ctx.as_of or raw_due < from_:
            continue
        due = ctx.shift(raw_due)
        name = cal.named(period)
        for station in ctx.ledger.stations:
            sent = [
                s
                for s in _submissions(ctx, form, station.id, period.start)
                if s.period == period.label
            ]
            first = sent[0] if sent else None
            out.append(
                ctx.finding(
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


def stats_form(ctx: Ctx, p: StatsFormParams) -> list[Finding]:
    """每月2日和17日前由各派出所向市公安局报送统计报表: one per station per half-month.

    The first half (`YYYY-MM-1`) is due the 17th of the month, the second (`YYYY-MM-2`) the 2nd
    of the next month, both moved by `due_shift`; `from` compares against the unshifted date.
    """
    dues = [
        (x, x.start.replace(day=17) if x.label.endswith("-1") else _next_month_day(x, 2))
        for x in cal.halves(ctx.campaign)
    ]
    return _form_for_period(ctx, p, dues, Msg("统计报表", "statistics form"))


def _recipients(ctx: Ctx, s: r.Submission) -> list[r.Unit]:
    """The units a submission went to: its `to`, else the security_brigade unit(s), else the
    city_psb unit(s) (docs/data-format.md: the default of `to`)."""
    if s.to:
        return [ctx.ledger.units[u] for u in s.to if u in ctx.ledger.units]
    return list(
        ctx.ledger.units_of_type("security_brigade") or ctx.ledger.units_of_type("city_psb")
    )


def serious_hazard_list(ctx: Ctx, p: SeriousHazardListParams) -> list[Finding]:
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


def gov_briefing(ctx: Ctx, p: GovBriefingParams) -> list[Finding]:
    """定期向当地党委、政府汇报校园安防工作情况: each police station, each period of `every`.

    Due `within_days` after the period end, moved by `due_shift` (`from` compares against the
    unshifted date); met by a `gov_briefing` submission by the station whose `period` is the
    label, dated on or after the period start.
    """
    after = dt.timedelta(days=p.within_days)
    dues = [(x, x.end + after) for x in cal.periods(p.every, ctx.campaign)]
    return _form_for_period(ctx, p, dues, Msg("向党委、政府汇报", "briefing of the government"))


def monthly_work(ctx: Ctx, p: MonthlyWorkParams) -> list[Finding]:
    """每月2日前一并报送上月工作情况: each police station, each month of the campaign.

    Due the 2nd of the next month, moved by `due_shift` (`from` compares against the unshifted
    date); met by a `monthly_work` submission by the station whose `period` is the month.
    """
    dues = [(x, _next_month_day(x, 2)) for x in cal.months(ctx.campaign)]
    return _form_for_period(ctx, p, dues, Msg("上月工作情况", "monthly work report"))


def campaign_summary_begins(ctx: Ctx, p: CampaignSummaryParams) -> dt.date:
    """`begins`, else the first day of the campaign's last calendar month."""
    return p.begins if p.begins is not None else ctx.campaign.end.replace(day=1)


def campaign_summary(ctx: Ctx, p: CampaignSummaryParams) -> list[Finding]:
    """12月3日前报送专项行动总结: each police station, from `begins`.

    Begins on `begins` [the first day of the campaign's last calendar month]: a summary sent
    in June does not count, and before `begins` there is no instance. Due `due` [campaign end
    + 3 days], moved by `due_shift`; met by the station's earliest `campaign_summary`
    submission dated on or after `begins` (no period, so `from` does not apply).
    """
    begins = campaign_summary_begins(ctx, p)
    if begins > ctx.as_of:
        return []
    raw_due = p.due if p.due is not None else ctx.campaign.end + dt.timedelta(days=3)
    due = ctx.shift(raw_due)
    out: list[Finding] = []
    for station in ctx.ledger.stations:
        sent = _submissions(ctx, "campaign_summary", station.id, begins)
        first = sent[0] if sent else None
        out.append(
            ctx.finding(
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


_STATION = "the station"

_EACH_STATION = "each police station"

SERIOUS_HAZARD_LIST = Obligation(
    id="serious_hazard_list",
    params=SeriousHazardListParams,
    evaluate=serious_hazard_list,
    duty=Msg("9月23日前报送隐患学校名单", "send the serious-hazard school list"),
    source=Source(
        "三(一)",
        "对辖区内中小学、幼儿园的“三防”建设不到位致使安全隐患严重,且隐患整改不彻底的学校名单,"
        "按要求汇总后于9月23日分别报市公安局和市教育局。",
    ),
    terms=Terms(
        unit=_STATION,
        subject=_EACH_STATION,
        period="none",
        begins="`issued`",
        due="`due` (the rule is off without it), moved by `due_shift`",
        satisfied="the station's `serious_hazard_list` submissions taken together: the "
        "public-security side is covered on the first date one lists a `city_psb` or "
        "`security_brigade` unit in `to`, the education side on the first date one lists an "
        "`education_bureau` unit; e = the later of the two. No `education_bureau` unit "
        "defined is a campaign error",
    ),
    notes={"due": "方案:“于9月23日分别报市公安局和市教育局”"},
    example={"due": dt.date(2012, 9, 23)},
)

GOV_BRIEFING = Obligation(
    id="gov_briefing",
    params=GovBriefingParams,
    evaluate=gov_briefing,
    duty=Msg("定期向党委、政府汇报", "brief the Party committee / government"),
    source=Source("三(四)", "定期向当地党委、政府汇报校园安防工作情况。"),
    terms=Terms(
        unit=_STATION,
        subject=_EACH_STATION,
        period="each period of its own `every`",
        begins="the period's start",
        due="the period's end + `within_days`, moved by `due_shift`",
        satisfied="a `submission` of form `gov_briefing` by the station whose `period` is the "
        "label",
    ),
    notes={
        "every": "方案:“定期……汇报”,未规定频次;每季度为本工具的理解",
        "within_days": "方案未规定期限;期间结束后 10 天为本工具的理解",
    },
    confirm=frozenset({"every", "within_days"}),
)

STATS_FORM = Obligation(
    id="stats_form",
    params=StatsFormParams,
    evaluate=stats_form,
    duty=Msg("每月2日和17日前报送统计报表", "statistics form by the 2nd and 17th"),
    source=Source(
        "三(五)",
        "每月2日和17日前由各派出所向市公安局报送《全国公安机关治安系统“护校安园”专项行动情况统计报表》",
    ),
    terms=Terms(
        unit=_STATION,
        subject=_EACH_STATION,
        period="half-months `YYYY-MM-1` and `YYYY-MM-2`",
        begins="the half-month's start",
        due="the 17th of the month for `-1`, the 2nd of the next month for `-2`; moved by "
        "`due_shift`",
        satisfied="a `submission` of form `stats_form` by the station whose `period` is the label",
    ),
)

MONTHLY_WORK = Obligation(
    id="monthly_work",
    params=MonthlyWorkParams,
    evaluate=monthly_work,
    duty=Msg("每月2日前报送上月工作情况", "last month's work report by the 2nd"),
    source=Source("三(五)", "每月2日前一并报送上月工作情况。"),
    terms=Terms(
        unit=_STATION,
        subject=_EACH_STATION,
        period="months `YYYY-MM`",
        begins="the month's start",
        due="the 2nd of the next month, moved by `due_shift`",
        satisfied="a `submission` of form `monthly_work` by the station whose `period` is the "
        "month",
    ),
)

CAMPAIGN_SUMMARY = Obligation(
    id="campaign_summary",
    params=CampaignSummaryParams,
    evaluate=campaign_summary,
    duty=Msg("12月3日前报送专项行动总结", "campaign summary by 12-03"),
    source=Source("三(五)", "12月3日前报送专项行动总结。"),
    terms=Terms(
        unit=_STATION,
        subject=_EACH_STATION,
        period="none",
        begins="`begins` [the first day of the campaign's last calendar month]; no instance "
        "before it",
        due="`due` [the campaign's end + 3 days], moved by `due_shift`",
        satisfied="a `submission` of form `campaign_summary` by the station dated on or after "
        "`begins`",
    ),
    notes={
        "due": "方案:“12月3日前报送专项行动总结”",
        "begins": "方案未说从何时起报送的总结才算;活动最后一个月的第一天为本工具的理解",
    },
    confirm=frozenset({"begins"}),
    unset={
        "due": "不写 = 活动结束后 3 天,即 2012-12-03",
        "begins": "不写 = 活动最后一个月的第一天,即 2012-11-01",
    },
)


OBLIGATIONS: tuple[Rule, ...] = (
    SERIOUS_HAZARD_LIST,
    GOV_BRIEFING,
    STATS_FORM,
    MONTHLY_WORK,
    CAMPAIGN_SUMMARY,
)
"""This family's obligations, in catalogue order."""
