"""Obligations whose subject is a hazard: assignment, rectification, reporting major ones."""

from __future__ import annotations

import datetime as dt

from hxay.models import campaign as c
from hxay.models import records as r
from hxay.models.findings import Finding
from hxay.models.text import Msg
from hxay.rules.base import Ctx, static_finding


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


def hazard_rectification(ctx: Ctx, p: c.HazardRectificationParams) -> list[Finding]:
    """督促...落实整改 / 限期整改到位: rectified by the deadline."""
    out: list[Finding] = []
    traffic = traffic_unit_or_none(ctx)
    for h in hazards_in_scope(ctx):
        if h.deadline is None:
            continue
        e = ctx.seen(h.rectified)
        out.append(
            ctx.finding(
                "hazard_rectification",
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


def hazard_assignment(ctx: Ctx, p: c.HazardAssignmentParams) -> list[Finding]:
    """逐一落实相关行政部门的督办责任人和学校幼儿园的整改责任人,限期整改到位.

    Static: `deadline`, `supervisor` and `rectifier` all recorded is `met` with no evidence
    date. A hazard rectified by the due date (fixed on the spot) is `met` with e = `rectified`
    even when they are not recorded. Rectified only after the due date does not satisfy it:
    while the assignment is still not recorded the hazard stays `overdue` (recording it
    retroactively makes it `met`), because the duty is the assignment, not the fix.
    """
    out: list[Finding] = []
    traffic = traffic_unit_or_none(ctx)
    for h in hazards_in_scope(ctx):
        due = counted_from(ctx, h) + dt.timedelta(days=p.within_days)
        unit = responsible_unit(ctx, h, traffic)
        lacking = [
            name
            for name, value in (
                (Msg("整改期限", "deadline"), h.deadline),
                (Msg("督办责任人", "supervisor"), h.supervisor),
                (Msg("整改责任人", "rectifier"), h.rectifier),
            )
            if value is None
        ]
        rectified = ctx.seen(h.rectified)
        if lacking and rectified is not None and rectified <= due:
            out.append(
                ctx.finding(
                    "hazard_assignment",
                    unit=unit,
                    subject=h.id,
                    period=None,
                    due=due,
                    evidence=rectified,
                    missing=Msg("", ""),
                    refs=[h],
                    done=Msg(f"已于 {rectified} 当场整改", f"fixed on the spot on {rectified}"),
                )
            )
            continue
        missing = Msg(
            f"隐患“{h.description}”未落实{'、'.join(m.zh for m in lacking)}",
            f"hazard '{h.description}': no {', '.join(m.en for m in lacking)} recorded",
        )
        if rectified is not None:
            missing += Msg(
                f"(已于 {rectified} 整改,晚于落实期限)",
                f" (rectified on {rectified}, after the due date)",
            )
        out.append(
            static_finding(
                ctx,
                "hazard_assignment",
                present=not lacking,
                unit=unit,
                subject=h.id,
                period=None,
                due=due,
                missing=missing,
                refs=[h],
            )
        )
    return out


def major_hazard_report(ctx: Ctx, p: c.MajorHazardReportParams) -> list[Finding]:
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
                "major_hazard_report",
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
