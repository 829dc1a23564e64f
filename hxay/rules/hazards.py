"""Obligations whose subject is a hazard: assignment, rectification, reporting major ones."""

from __future__ import annotations

import datetime as dt

from hxay.models import campaign as c
from hxay.models import records as r
from hxay.models.findings import Finding
from hxay.models.text import Msg
from hxay.rules.base import Ctx


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
    """Hazards found on or before min(D, campaign end)."""
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
    raise NotImplementedError


def major_hazard_report(ctx: Ctx, p: c.MajorHazardReportParams) -> list[Finding]:
    raise NotImplementedError
