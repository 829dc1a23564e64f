"""Stage 1, rules: obligations whose subject is a hazard: assignment, rectification, its review
(opt-in), reporting major ones. Each obligation is one definition at the foot of the module,
beside its evaluator.
"""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from hxay.models import records as r
from hxay.models.campaign import Params
from hxay.models.fields import Bool, Days
from hxay.models.findings import Finding
from hxay.models.plan import Source
from hxay.models.text import Msg
from hxay.rules.base import Ctx, Obligation, Rule, Terms, static_finding


class HazardAssignmentParams(Params):
    within_days: Days = Field(7, description="发现后几天内落实整改期限和责任人")


class HazardRectificationParams(Params):
    pass


class HazardReviewParams(Params):
    """Off unless switched on: the Pinghu plan asks for rectification, not a recorded review."""

    enabled: Bool = Field(False, description="是否检查此项义务(默认不检查;true = 检查复查销号)")
    within_days: Days = Field(7, description="整改到位后几天内复查销号")


class MajorHazardReportParams(Params):
    within_days: Days = Field(3, description="重大隐患发现后几天内报告党委政府")


def responsible_unit(ctx: Ctx, hazard: r.Hazard, traffic_unit: str | None) -> str | None:
    """The source check's unit; else, for a vehicle hazard, the traffic unit; else the station."""
    source = ctx.ledger.hazard_source(hazard)
    unit = getattr(source, "unit", None)
    if isinstance(unit, str):
        return unit
    if hazard.vehicle is not None and traffic_unit is not None:
        return traffic_unit
    return ctx.station_of(hazard.school)


def hazards_in_scope(ctx: Ctx) -> list[r.Hazard]:
    """Hazards in scope (found <= campaign end) that exist at D (found <= D).

    Every hazard rule begins on or after `found`, so a hazard found after D has no instance yet;
    hazards found before the campaign start are in scope (they still need rectifying)."""
    return [h for h in ctx.ledger.of_kind(r.Hazard) if h.found <= min(ctx.as_of, ctx.campaign.end)]


def counted_from(ctx: Ctx, hazard: r.Hazard) -> dt.date:
    """`within_days` counts from `issued` for hazards found before the plan was issued."""
    return max(hazard.found, ctx.campaign.issued_date)


def traffic_unit_or_none(ctx: Ctx) -> str | None:
    """The traffic-brigade unit if exactly one is defined (used only to attribute vehicle hazards)."""
    units = ctx.ledger.units_of_type("traffic_brigade")
    return units[0].id if len(units) == 1 else None


def hazard_rectification(ctx: Ctx, p: HazardRectificationParams) -> list[Finding]:
    """督促...落实整改 / 限期整改到位: rectified by the deadline."""
    out: list[Finding] = []
    traffic = traffic_unit_or_none(ctx)
    for h in hazards_in_scope(ctx):
        if h.deadline is None:
            continue
        e = ctx.seen(h.rectified)
        out.append(
            ctx.finding(
                unit=responsible_unit(ctx, h, traffic),
                subject=h.id,
                period=None,
                due=h.deadline,
                evidence=e,
                missing=Msg(
                    f"隐患“{h.description}”未整改", f"hazard '{h.description}' not rectified"
                ),
                refs=[h],
            )
        )
    return out


def lacking(h: r.Hazard) -> list[Msg]:
    """What of the assignment (deadline, supervisor, rectifier) is not recorded."""
    return [
        name
        for name, value in (
            (Msg("整改期限", "deadline"), h.deadline),
            (Msg("督办责任人", "supervisor"), h.supervisor),
            (Msg("整改责任人", "rectifier"), h.rectifier),
        )
        if value is None
    ]


def hazard_assignment(ctx: Ctx, p: HazardAssignmentParams) -> list[Finding]:
    """逐一落实相关行政部门的督办责任人和学校幼儿园的整改责任人,限期整改到位.

    Static: `deadline`, `supervisor` and `rectifier` all recorded is `met` with no evidence
    date. Otherwise the hazard being rectified satisfies it, with e = `rectified`: `met` when
    fixed by the due date (on the spot), `late` when fixed after it without the assignment
    ever being recorded (a station could otherwise clear it only by back-filling names).
    """
    out: list[Finding] = []
    traffic = traffic_unit_or_none(ctx)
    for h in hazards_in_scope(ctx):
        due = counted_from(ctx, h) + dt.timedelta(days=p.within_days)
        unit = responsible_unit(ctx, h, traffic)
        absent = lacking(h)
        missing = Msg(
            f"隐患“{h.description}”未落实{'、'.join(m.zh for m in absent)}",
            f"hazard '{h.description}': no {', '.join(m.en for m in absent)} recorded",
        )
        rectified = ctx.seen(h.rectified)
        if absent and rectified is not None:
            out.append(
                ctx.finding(
                    unit=unit,
                    subject=h.id,
                    period=None,
                    due=due,
                    evidence=rectified,
                    missing=missing,
                    refs=[h],
                    done=Msg(f"已于 {rectified} 当场整改", f"fixed on the spot on {rectified}"),
                    late=missing + Msg(",", "; "),
                )
            )
            continue
        out.append(
            static_finding(
                ctx,
                present=not absent,
                unit=unit,
                subject=h.id,
                period=None,
                due=due,
                missing=missing,
                refs=[h],
            )
        )
    return out


def hazard_review(ctx: Ctx, p: HazardReviewParams) -> list[Finding]:
    """限期整改到位, the loop closed (发现-交办-整改-复查-销号): a rectified hazard is checked
    and struck off (`reviewed`) within `within_days` of `rectified`.

    An instance exists only once the rectification is known at D (a `rectified` after D is
    not known yet, so there is nothing to review); it begins on `rectified`.
    """
    out: list[Finding] = []
    traffic = traffic_unit_or_none(ctx)
    for h in hazards_in_scope(ctx):
        rectified = ctx.seen(h.rectified)
        if rectified is None:
            continue
        out.append(
            ctx.finding(
                unit=responsible_unit(ctx, h, traffic),
                subject=h.id,
                period=None,
                due=rectified + dt.timedelta(days=p.within_days),
                evidence=ctx.seen(h.reviewed),
                missing=Msg(
                    f"隐患“{h.description}”已于 {rectified} 整改,未复查销号",
                    f"hazard '{h.description}' rectified on {rectified}, not reviewed",
                ),
                refs=[h],
            )
        )
    return out


def major_hazard_report(ctx: Ctx, p: MajorHazardReportParams) -> list[Finding]:
    """对存在的重大安全隐患,要及时报告当地党委、政府协调解决.

    Each hazard of severity `major`, due `within_days` after it was found (after `issued` for
    one found before the plan), satisfied by `reported_to_government` (absent when after D).
    """
    out: list[Finding] = []
    traffic = traffic_unit_or_none(ctx)
    for h in hazards_in_scope(ctx):
        if h.severity != "major":
            continue
        out.append(
            ctx.finding(
                unit=responsible_unit(ctx, h, traffic),
                subject=h.id,
                period=None,
                due=counted_from(ctx, h) + dt.timedelta(days=p.within_days),
                evidence=ctx.seen(h.reported_to_government),
                missing=Msg(
                    f"重大隐患“{h.description}”未报告党委、政府",
                    f"major hazard '{h.description}' not reported to the government",
                ),
                refs=[h],
            )
        )
    return out


HAZARD_ASSIGNMENT = Obligation(
    id="hazard_assignment",
    params=HazardAssignmentParams,
    evaluate=hazard_assignment,
    duty=Msg("落实督办责任人、整改责任人,限期整改", "assign supervisor, rectifier and deadline"),
    source=Source(
        "三(二)",
        "及时排查发现各类安全隐患,逐一落实相关行政部门的督办责任人和学校幼儿园的整改责任人,限期整改到位。",
    ),
    terms=Terms(
        unit="the hazard's responsible unit",
        subject="each hazard in scope",
        period="none",
        begins="`found`",
        due="`found` + `within_days` (counted from `issued` for a hazard found before it)",
        satisfied="`deadline`, `supervisor` and `rectifier` all recorded (static: met, no "
        "date; the message names what is missing); or else the hazard rectified, e = "
        "`rectified`: met when by the due date (fixed on the spot), late after it",
    ),
    notes={"within_days": "方案:“逐一落实……责任人”,未规定天数;7 天为本工具的理解"},
    confirm=frozenset({"within_days"}),
)
HAZARD_RECTIFICATION = Obligation(
    id="hazard_rectification",
    params=HazardRectificationParams,
    evaluate=hazard_rectification,
    duty=Msg("隐患限期整改到位", "rectify the hazard by its deadline"),
    source=Source(
        "三(二)", "逐一落实相关行政部门的督办责任人和学校幼儿园的整改责任人,限期整改到位。"
    ),
    terms=Terms(
        unit="the hazard's responsible unit",
        subject="each hazard in scope that has a `deadline`",
        period="none",
        begins="`found`",
        due="`deadline`",
        satisfied="`rectified` (e = `rectified`)",
    ),
)
HAZARD_REVIEW = Obligation(
    id="hazard_review",
    params=HazardReviewParams,
    evaluate=hazard_review,
    duty=Msg("整改到位后复查销号", "review and close the hazard once rectified"),
    source=Source(
        "三(二)", "逐一落实相关行政部门的督办责任人和学校幼儿园的整改责任人,限期整改到位。"
    ),
    terms=Terms(
        unit="the hazard's responsible unit",
        subject="each hazard in scope with `rectified` (known at D: a later `rectified` means "
        "no instance yet)",
        period="none",
        begins="`rectified`",
        due="`rectified` + `within_days`",
        satisfied="`reviewed` (e = `reviewed`; not before `rectified`, which the loader "
        "checks). Off unless `enabled: true`: the plan asks for rectification, not for a "
        "recorded review, so no result changes until a campaign switches it on",
    ),
    notes={
        "enabled": "默认 false = 不检查:方案只要求限期整改到位;"
        "要求复查销号闭环(发现-交办-整改-复查-销号)时改为 true",
        "within_days": "方案未规定复查期限;7 天为本工具的理解",
    },
    confirm=frozenset({"within_days"}),
)
MAJOR_HAZARD_REPORT = Obligation(
    id="major_hazard_report",
    params=MajorHazardReportParams,
    evaluate=major_hazard_report,
    duty=Msg("重大隐患及时报告党委、政府", "report major hazards to the government"),
    source=Source("三(二)", "对存在的重大安全隐患,要及时报告当地党委、政府协调解决。"),
    terms=Terms(
        unit="the hazard's responsible unit",
        subject="each hazard in scope of severity `major`",
        period="none",
        begins="`found`",
        due="`found` + `within_days` (counted from `issued` for a hazard found before it)",
        satisfied="`reported_to_government` (e = that date)",
    ),
    notes={"within_days": "方案:“要及时报告”,未规定天数;3 天为本工具的理解"},
    confirm=frozenset({"within_days"}),
)

OBLIGATIONS: tuple[Rule, ...] = (
    HAZARD_ASSIGNMENT,
    HAZARD_RECTIFICATION,
    HAZARD_REVIEW,
    MAJOR_HAZARD_REPORT,
)
"""This family's obligations, in catalogue order."""
