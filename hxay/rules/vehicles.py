"""Stage 1, rules: obligations of the student-transport checks: 不漏一校、不漏一车、不漏一人,
bans, documents. Each obligation is one definition at the foot of the module, beside its
evaluator.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from hxay.models import records as r
from hxay.models.campaign import DatedParams, SchoolParams, UnitParam
from hxay.models.fields import Days
from hxay.models.findings import DOCUMENT_WORDS, Finding
from hxay.models.plan import Source
from hxay.models.text import Msg
from hxay.rules import calendar as cal
from hxay.rules.base import Ctx, Obligation, Rule, Terms, static_finding
from hxay.rules.hazards import hazards_in_scope


class VehicleRegistrationParams(SchoolParams, UnitParam):
    within_days: Days = Field(30, description="方案印发后几天内完成接送车辆登记")


class VehicleCheckParams(UnitParam, DatedParams):
    every: Literal["campaign", "term"] = Field("campaign", description="campaign 或 term")


class DriverCheckParams(UnitParam, DatedParams):
    pass


class VehicleBanParams(UnitParam):
    within_days: Days = Field(1, description="整改期满未整改的车辆几天内禁止接送")


class VehicleDocumentsParams(UnitParam):
    warn_days: Days = Field(30, description="证件到期前几天开始提醒")


def _status_records(ctx: Ctx, vehicle: str) -> list[r.VehicleStatus]:
    """The vehicle's status records that exist at D, in (date, path, line) order."""
    return [x for x in ctx.ledger.related(r.VehicleStatus, "vehicle", vehicle) if ctx.exists(x)]


def _latest_status(statuses: list[r.VehicleStatus], day: dt.date) -> r.VehicleStatus | None:
    """The latest status record dated <= day (the last in file order on the same day)."""
    latest = None
    for x in statuses:
        if x.date > day:
            break
        latest = x
    return latest


def _suspension_start(statuses: list[r.VehicleStatus], day: dt.date) -> r.VehicleStatus | None:
    """The record that began the suspension in force on `day` (first of a run of suspensions)."""
    start = None
    for x in statuses:
        if x.date > day:
            break
        if x.status != "suspended":
            start = None
        elif start is None:
            start = x
    return start


def _is_suspended(statuses: list[r.VehicleStatus], day: dt.date) -> bool:
    latest = _latest_status(statuses, day)
    return latest is not None and latest.status == "suspended"


def _check_periods(ctx: Ctx, every: str, p: DatedParams) -> list[cal.Period]:
    """The periods of vehicle_check (and driver_check) that have begun at D, from `from`."""
    listed = cal.terms(ctx.campaign) if every == "term" else [cal.whole(ctx.campaign)]
    return ctx.dated(listed, p)


def _checks(ctx: Ctx, vehicle: str, period: cal.Period) -> tuple[r.VehicleCheck, ...]:
    """The vehicle's checks dated in the period that exist at D, in (date, path, line) order."""
    end = min(period.end, ctx.as_of)
    return ctx.ledger.between(r.VehicleCheck, "vehicle", vehicle, period.start, end)


def vehicle_registration(ctx: Ctx, p: VehicleRegistrationParams) -> list[Finding]:
    """按照“不漏一校、不漏一车、不漏一人”的要求,做好排查登记工作: 不漏一校.

    Static, for each school open at D: `uses_transport` recorded, and when true at least one
    vehicle of the school active at D. Due `within_days` after `issued`. The refs list the
    school, then its active vehicles.
    """
    unit = ctx.owner(p)
    if ctx.campaign.issued_date > ctx.as_of:
        return []
    due = ctx.campaign.issued_date + dt.timedelta(days=p.within_days)
    out: list[Finding] = []
    for school in ctx.schools(p, ctx.as_of):
        active = [
            v for v in ctx.ledger.related(r.Vehicle, "school", school.id) if v.is_active(ctx.as_of)
        ]
        if school.uses_transport is None:
            present = False
            missing = Msg("未登记是否有接送车辆", "not recorded whether it uses student transport")
        elif school.uses_transport and not active:
            present = False
            missing = Msg(
                "登记有接送车辆,但无在用车辆记录",
                "uses student transport, but no active vehicle is registered",
            )
        else:
            present = True
            missing = Msg("", "")
        out.append(
            static_finding(
                ctx,
                present=present,
                unit=unit,
                subject=school.id,
                period=None,
                due=due,
                missing=missing,
                refs=[school, *(active if school.uses_transport else [])],
            )
        )
    return out


def vehicle_check(ctx: Ctx, p: VehicleCheckParams) -> list[Finding]:
    """不漏一车: every vehicle active on the reference day has a `vehicle_check` dated in the
    period (`campaign`, or each term with `every: term`), by any unit; e = the earliest."""
    unit = ctx.owner(p)
    out: list[Finding] = []
    for period in _check_periods(ctx, p.every, p):
        day = ctx.reference_day(period)
        when = cal.named(period)
        for vehicle in ctx.ledger.vehicles.values():
            if not vehicle.is_active(day):
                continue
            first = next(iter(_checks(ctx, vehicle.id, period)), None)
            out.append(
                ctx.finding(
                    unit=unit,
                    subject=vehicle.id,
                    period=period.label,
                    due=period.end,
                    evidence=first.date if first else None,
                    missing=Msg(
                        f"车辆 {vehicle.plate} 在{when.zh}未经安全检查",
                        f"vehicle {vehicle.plate} not checked in {when.en}",
                    ),
                    refs=[vehicle, *([first] if first else [])],
                )
            )
    return out


def driver_check(ctx: Ctx, p: DriverCheckParams) -> list[Finding]:
    """不漏一人: each name in `drivers` of a vehicle active on the reference day (not
    `former_drivers`) is named in a `vehicle_check` of that vehicle dated in the period. The
    periods are those of vehicle_check's `every`; `from` and `unit` are driver_check's own."""
    unit = ctx.owner(p)
    every = ctx.settings(VEHICLE_CHECK).every
    out: list[Finding] = []
    for period in _check_periods(ctx, every, p):
        day = ctx.reference_day(period)
        when = cal.named(period)
        for vehicle in ctx.ledger.vehicles.values():
            if not vehicle.is_active(day):
                continue
            checks = _checks(ctx, vehicle.id, period)
            for driver in vehicle.drivers:
                first = next((x for x in checks if driver.name in x.drivers), None)
                out.append(
                    ctx.finding(
                        unit=unit,
                        subject=f"{vehicle.id}:{driver.name}",
                        period=period.label,
                        due=period.end,
                        evidence=first.date if first else None,
                        missing=Msg(
                            f"车辆 {vehicle.plate} 驾驶人 {driver.name} 在{when.zh}未经检查",
                            f"driver {driver.name} of {vehicle.plate} not checked in {when.en}",
                        ),
                        refs=[vehicle, *([first] if first else [])],
                    )
                )
    return out


def vehicle_ban(ctx: Ctx, p: VehicleBanParams) -> list[Finding]:
    """整改不到位的车辆禁止继续接送学生(幼儿)上下学.

    For each hazard in scope on a vehicle with a `deadline` and not rectified by it: from
    deadline + 1, the vehicle must be rectified or suspended by deadline + `within_days`.
    e is the earlier of `rectified` and the day the vehicle was taken off the road: the start of
    a suspension already in force on deadline + 1 (it may have begun before the instance; an
    exception to the evidence rule), else the date of the first later `suspended` record. The subject is the vehicle (only while active at
    D), the period the hazard id; refs are the vehicle, the hazard, then the status record
    that gives e when it is a suspension.
    """
    unit = ctx.owner(p)
    out: list[Finding] = []
    for h in hazards_in_scope(ctx):
        if h.vehicle is None or h.deadline is None:
            continue
        if h.rectified is not None and h.rectified <= h.deadline:
            continue
        begins = h.deadline + cal.DAY
        vehicle = ctx.ledger.vehicles.get(h.vehicle)
        if begins > ctx.as_of or vehicle is None or not vehicle.is_active(ctx.as_of):
            continue
        statuses = _status_records(ctx, vehicle.id)
        status_rec = _suspension_start(statuses, begins)
        if status_rec is None:
            later = (x for x in statuses if x.date > begins and x.status == "suspended")
            status_rec = next(later, None)
        rectified = ctx.seen(h.rectified)
        refs: list[r.Record] = [vehicle, h]
        e: dt.date | None = rectified
        if status_rec is not None and (rectified is None or status_rec.date < rectified):
            e = status_rec.date
            refs.append(status_rec)
        out.append(
            ctx.finding(
                unit=unit,
                subject=vehicle.id,
                period=h.id,
                due=h.deadline + dt.timedelta(days=p.within_days),
                evidence=e,
                missing=Msg(
                    f"车辆 {vehicle.plate} 隐患“{h.description}”逾期未整改,未停运",
                    f"vehicle {vehicle.plate}: hazard '{h.description}' not rectified "
                    "by its deadline and the vehicle not suspended",
                ),
                refs=refs,
            )
        )
    return out


def vehicle_documents(ctx: Ctx, p: VehicleDocumentsParams) -> list[Finding]:
    """《校车安全管理条例》: the vehicle's safety inspection, carrier insurance, school-bus
    permit (校车标牌, school_bus only) and its drivers' licences stay valid.

    Not a dated event, judged at D for vehicles active and not suspended at D: `met` (e null)
    while expiry >= D + `warn_days`, `due` while D <= expiry < D + warn_days, `overdue` once
    D > expiry. A missing inspection, insurance or (school bus) permit date is due on the
    campaign start, "not recorded"; a driver without `license_valid_until` has no instance.
    """
    unit = ctx.owner(p)
    start = ctx.campaign.start
    if start > ctx.as_of:
        return []
    warn_from = ctx.as_of + dt.timedelta(days=p.warn_days)
    out: list[Finding] = []
    for vehicle in ctx.ledger.vehicles.values():
        if not vehicle.is_active(ctx.as_of) or _is_suspended(
            _status_records(ctx, vehicle.id), ctx.as_of
        ):
            continue
        docs: list[tuple[str, Msg, dt.date | None]] = [
            ("inspection", DOCUMENT_WORDS["inspection"], vehicle.inspection_valid_until),
            ("insurance", DOCUMENT_WORDS["insurance"], vehicle.insurance_valid_until),
        ]
        if vehicle.type == "school_bus":
            docs.append(("permit", DOCUMENT_WORDS["permit"], vehicle.permit_valid_until))
        docs += [
            (
                f"license:{d.name}",
                Msg(f"驾驶人 {d.name} 驾驶证", f"driving licence of {d.name}"),
                d.license_valid_until,
            )
            for d in vehicle.drivers
            if d.license_valid_until is not None
        ]
        for label, what, expiry in docs:
            if expiry is None:
                missing = Msg(
                    f"车辆 {vehicle.plate} {what.zh}有效期未登记",
                    f"vehicle {vehicle.plate}: {what.en} expiry not recorded",
                )
            elif expiry < ctx.as_of:
                missing = Msg(
                    f"车辆 {vehicle.plate} {what.zh}已过期(有效期至 {expiry})",
                    f"vehicle {vehicle.plate}: {what.en} expired (valid until {expiry})",
                )
            else:
                missing = Msg(
                    f"车辆 {vehicle.plate} {what.zh}即将到期(有效期至 {expiry})",
                    f"vehicle {vehicle.plate}: {what.en} expires soon (valid until {expiry})",
                )
            out.append(
                static_finding(
                    ctx,
                    present=expiry is not None and expiry >= warn_from,
                    unit=unit,
                    subject=vehicle.id,
                    period=label,
                    due=expiry if expiry is not None else start,
                    missing=missing,
                    refs=[vehicle],
                )
            )
    return out


_VEHICLES = Source("三(三)", "按照“不漏一校、不漏一车、不漏一人”的要求,做好排查登记工作")
_TRAFFIC = "`unit` [the traffic_brigade unit]"

VEHICLE_REGISTRATION = Obligation(
    id="vehicle_registration",
    params=VehicleRegistrationParams,
    evaluate=vehicle_registration,
    duty=Msg("接送车辆排查登记,不漏一校", "register transport: no school missed"),
    source=_VEHICLES,
    terms=Terms(
        unit=_TRAFFIC,
        subject="each school open at D",
        period="none",
        begins="`issued`",
        due="`issued` + `within_days`",
        satisfied="`uses_transport` recorded, and when true at least one vehicle of the "
        "school active at D (static); a school whose `uses_transport` is not recorded is "
        "unmet",
    ),
    notes={"within_days": "方案未规定期限;30 天为本工具的理解"},
    confirm=frozenset({"within_days"}),
    owner="traffic_brigade",
)
VEHICLE_CHECK = Obligation(
    id="vehicle_check",
    params=VehicleCheckParams,
    evaluate=vehicle_check,
    duty=Msg("接送车辆安全排查,不漏一车", "check every vehicle"),
    source=_VEHICLES,
    terms=Terms(
        unit=_TRAFFIC,
        subject="each vehicle active on the reference day",
        period="`campaign`, or each term with `every: term`",
        begins="the period's start",
        due="the period's end",
        satisfied="a `vehicle_check` of the vehicle dated in the period, by any unit; e = the "
        "earliest",
    ),
    notes={"every": "方案:“不漏一车”,未规定频次;默认整个专项行动期间一次"},
    confirm=frozenset({"every"}),
    owner="traffic_brigade",
)
DRIVER_CHECK = Obligation(
    id="driver_check",
    params=DriverCheckParams,
    evaluate=driver_check,
    duty=Msg("驾驶人排查,不漏一人", "check every driver"),
    source=_VEHICLES,
    terms=Terms(
        unit=_TRAFFIC,
        subject="`VEHICLE_ID:DRIVER_NAME` for each name in `drivers` (not `former_drivers`) "
        "of a vehicle active on the reference day",
        period="the periods of `vehicle_check` (its `every`)",
        begins="the period's start",
        due="the period's end",
        satisfied="a `vehicle_check` of that vehicle dated in the period that names the driver "
        "in its `drivers`",
    ),
    owner="traffic_brigade",
)
VEHICLE_BAN = Obligation(
    id="vehicle_ban",
    params=VehicleBanParams,
    evaluate=vehicle_ban,
    duty=Msg("整改不到位的车辆禁止接送学生", "ban vehicles not rectified"),
    source=Source(
        "三(三)",
        "及时发现存在的安全隐患,并责令限期整改,整改不到位的车辆禁止继续接送学生(幼儿)上下学。",
    ),
    terms=Terms(
        unit=_TRAFFIC,
        subject="the hazard's vehicle, if active at D, for each hazard on a vehicle that has a "
        "`deadline` and was not rectified by it",
        period="the hazard id",
        begins="`deadline` + 1",
        due="`deadline` + `within_days`",
        satisfied="the earlier of: the hazard rectified (e = `rectified`), or the vehicle "
        "suspended (e = the first day from `deadline` + 1 on which it is suspended: the start "
        "of a suspension already in force then, else the first later `suspended` record)",
    ),
    notes={"within_days": "方案:“整改不到位的车辆禁止继续接送学生”;次日起禁止为本工具的理解"},
    owner="traffic_brigade",
)
VEHICLE_DOCUMENTS = Obligation(
    id="vehicle_documents",
    params=VehicleDocumentsParams,
    evaluate=vehicle_documents,
    duty=Msg("车辆检验、保险、标牌、驾驶证有效", "vehicle documents valid"),
    source=Source(
        "三(三)",
        "按照……国务院《校车安全管理条例》精神,加强对学生接送车辆安全隐患的集中排查整治",
    ),
    terms=Terms(
        unit=_TRAFFIC,
        subject="each vehicle active and not suspended at D",
        period="`inspection`, `insurance`, `permit` (school buses) and `license:DRIVER_NAME` "
        "(drivers with `license_valid_until`)",
        begins="the campaign's start",
        due="the expiry date (`inspection_valid_until`, `insurance_valid_until`, "
        "`permit_valid_until`, `license_valid_until`); the campaign's start when a vehicle "
        "date is not recorded",
        satisfied="not a dated event: met (no date) while expiry >= D + `warn_days`; due while "
        "D <= expiry < D + `warn_days`; overdue once D > expiry",
    ),
    notes={"warn_days": "本工具参数:证件到期前几天开始提醒"},
    owner="traffic_brigade",
)

OBLIGATIONS: tuple[Rule, ...] = (
    VEHICLE_REGISTRATION,
    VEHICLE_CHECK,
    DRIVER_CHECK,
    VEHICLE_BAN,
    VEHICLE_DOCUMENTS,
)
"""This family's obligations, in catalogue order."""
