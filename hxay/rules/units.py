"""Stage 1, rules: obligations of the units themselves: liaisons, joint meetings, the joint
operation. Each obligation is one definition at the foot of the module, beside its evaluator.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import Field

from hxay.models import records as r
from hxay.models.campaign import DatedParams, Params, UnitParam
from hxay.models.codes import UNIT_TYPES, UnitType
from hxay.models.fields import Date, Days, TextList, choice
from hxay.models.findings import Finding
from hxay.models.plan import Source
from hxay.models.text import Msg
from hxay.rules import calendar as cal
from hxay.rules.base import Ctx, Obligation, Rule, Terms, static_finding

DEFAULT_DEPARTMENTS = ("综治", "公安", "文化", "工商", "卫生", "城管")


class LiaisonParams(Params):
    within_days: Days = Field(7, description="方案印发后几天内确定联络员")
    unit_types: tuple[Annotated[UnitType, choice(UNIT_TYPES)], ...] = Field(
        ("police_station", "traffic_brigade"), description="须确定联络员的单位类型"
    )


class JointOperationParams(UnitParam):
    due: Date | None = Field(None, description="联合整治行动期限(方案:7月底前)")
    departments: TextList = Field(DEFAULT_DEPARTMENTS, description="须参加的部门关键词")


class JointMeetingParams(DatedParams):
    every: cal.Every = Field("quarter", description="month、quarter、term 或 campaign")


def liaison(ctx: Ctx, p: LiaisonParams) -> list[Finding]:
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


def joint_operation(ctx: Ctx, p: JointOperationParams) -> list[Finding]:
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
    owner = ctx.owner(p)
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
            unit=owner,
            subject="campaign",
            period=None,
            due=p.due,
            evidence=full.date if full is not None else None,
            missing=missing,
            refs=[ctx.ledger.units[owner], *used],
        )
    ]


def joint_meeting(ctx: Ctx, p: JointMeetingParams) -> list[Finding]:
    """定期召开校园安全保卫工作联席会议: each police station, each period of `every`.

    Due the period end (not shifted); met by the earliest `meeting` whose `unit` is the
    station, dated in the period.
    """
    out: list[Finding] = []
    for period in ctx.dated(cal.periods(p.every, ctx.campaign), p):
        name = cal.named(period)
        end = min(period.end, ctx.as_of)  # a meeting exists at D when dated at D or before
        for station in ctx.ledger.stations:
            found = ctx.ledger.between(r.Meeting, "unit", station.id, period.start, end)
            held = found[0] if found else None
            out.append(
                ctx.finding(
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


LIAISON = Obligation(
    id="liaison",
    params=LiaisonParams,
    evaluate=liaison,
    duty=Msg("确定专项行动联络员", "designate a liaison"),
    source=Source(
        "三(五)",
        "各派出所、交警大队要确定“护校安园”专项行动工作联络员,按照通知要求按时报送有关信息。",
    ),
    terms=Terms(
        unit="the unit itself",
        subject="each unit of a type in `unit_types`",
        period="none",
        begins="`issued`",
        due="`issued` + `within_days`",
        satisfied="`liaison` recorded with both a name and a phone (static: met, no date)",
    ),
    notes={
        "within_days": "方案只说“要确定联络员”,未规定天数;7 天为本工具的理解",
        "unit_types": "方案:“各派出所、交警大队要确定……联络员”",
    },
    confirm=frozenset({"within_days"}),
)

JOINT_OPERATION = Obligation(
    id="joint_operation",
    params=JointOperationParams,
    evaluate=joint_operation,
    duty=Msg("7月底前联合开展集中整治行动", "joint campus-surroundings operation"),
    source=Source(
        "三(二)",
        "7月底前,我市要协调综治、公安、文化、工商、卫生、城管等部门联合开展一次校园及周边治安环境集中整治行动。",
    ),
    terms=Terms(
        unit="`unit` [the security_brigade unit, else the only city_psb unit]",
        subject="`campaign`",
        period="none",
        begins="the campaign's start",
        due="`due` (the rule is off without it)",
        satisfied="the earliest single `operation` whose `departments` cover every keyword of "
        "`departments` (a department text covers a keyword when it contains it); operations "
        "are not combined; e = its `date`",
    ),
    notes={
        "due": "方案:“7月底前”",
        "departments": "方案:“协调综治、公安、文化、工商、卫生、城管等部门”",
    },
    example={"due": dt.date(2012, 7, 31)},
    owner="security_brigade",
)

JOINT_MEETING = Obligation(
    id="joint_meeting",
    params=JointMeetingParams,
    evaluate=joint_meeting,
    duty=Msg("定期召开校园安全联席会议", "hold joint meetings regularly"),
    source=Source("三(四)", "定期召开校园安全保卫工作联席会议,分析校园及周边治安形势"),
    terms=Terms(
        unit="the station",
        subject="each police station",
        period="each period of `every`: month, quarter, term or campaign",
        begins="the period's start",
        due="the period's end",
        satisfied="a `meeting` whose `unit` is the station, dated in the period",
    ),
    notes={"every": "方案:“定期召开”,未规定频次;每季度为本工具的理解"},
    confirm=frozenset({"every"}),
)


OBLIGATIONS: tuple[Rule, ...] = (LIAISON, JOINT_OPERATION, JOINT_MEETING)
"""This family's obligations, in catalogue order."""
