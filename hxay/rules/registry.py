"""The obligation catalogue: each id to its evaluator, and the engine that runs them at D."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from hxay.models.campaign import PARAMS
from hxay.models.findings import Finding
from hxay.models.ledger import Ledger
from hxay.models.text import Msg
from hxay.rules import hazards, reporting, schools, vehicles
from hxay.rules.base import Ctx, Rule
from hxay.rules.calendar import RuleConfigError

RULES: Mapping[str, Rule] = MappingProxyType(
    {
        "liaison": reporting.liaison,
        "legal_vice_principal": schools.legal_vice_principal,
        "monthly_inspection": schools.monthly_inspection,
        "comprehensive_inspection": schools.comprehensive_inspection,
        "hazard_assignment": hazards.hazard_assignment,
        "hazard_rectification": hazards.hazard_rectification,
        "major_hazard_report": hazards.major_hazard_report,
        "serious_hazard_list": reporting.serious_hazard_list,
        "joint_operation": reporting.joint_operation,
        "vehicle_registration": vehicles.vehicle_registration,
        "vehicle_check": vehicles.vehicle_check,
        "driver_check": vehicles.driver_check,
        "vehicle_ban": vehicles.vehicle_ban,
        "vehicle_documents": vehicles.vehicle_documents,
        "legal_visits": schools.legal_visits,
        "security_training": schools.security_training,
        "joint_meeting": reporting.joint_meeting,
        "gov_briefing": reporting.gov_briefing,
        "stats_form": reporting.stats_form,
        "monthly_work": reporting.monthly_work,
        "campaign_summary": reporting.campaign_summary,
    }
)
assert tuple(RULES) == tuple(PARAMS), "every obligation has parameters and an evaluator"

# The plan's wording of each duty, shown in the table view.
PLAN_TEXT: Mapping[str, Msg] = MappingProxyType(
    {
        "liaison": Msg("确定专项行动联络员", "designate a liaison"),
        "legal_vice_principal": Msg("配备法制副校长(法制辅导员)", "assign a legal vice-principal"),
        "monthly_inspection": Msg(
            "辖区校园安保检查每月不少于1次", "inspect each school at least monthly"
        ),
        "comprehensive_inspection": Msg(
            "新学期开学前后全面安全大检查", "comprehensive new-term inspection"
        ),
        "hazard_assignment": Msg(
            "落实督办责任人、整改责任人,限期整改", "assign supervisor, rectifier and deadline"
        ),
        "hazard_rectification": Msg("隐患限期整改到位", "rectify the hazard by its deadline"),
        "major_hazard_report": Msg(
            "重大隐患及时报告党委、政府", "report major hazards to the government"
        ),
        "serious_hazard_list": Msg(
            "9月23日前报送隐患学校名单", "send the serious-hazard school list"
        ),
        "joint_operation": Msg(
            "7月底前联合开展集中整治行动", "joint campus-surroundings operation"
        ),
        "vehicle_registration": Msg(
            "接送车辆排查登记,不漏一校", "register transport: no school missed"
        ),
        "vehicle_check": Msg("接送车辆安全排查,不漏一车", "check every vehicle"),
        "driver_check": Msg("驾驶人排查,不漏一人", "check every driver"),
        "vehicle_ban": Msg("整改不到位的车辆禁止接送学生", "ban vehicles not rectified"),
        "vehicle_documents": Msg("车辆检验、保险、标牌、驾驶证有效", "vehicle documents valid"),
        "legal_visits": Msg(
            "每学期法制副校长到校不少于两次", "legal vice-principal visits twice a term"
        ),
        "security_training": Msg("每学期安保力量培训不少于一次", "train security staff every term"),
        "joint_meeting": Msg("定期召开校园安全联席会议", "hold joint meetings regularly"),
        "gov_briefing": Msg("定期向党委、政府汇报", "brief the Party committee / government"),
        "stats_form": Msg("每月2日和17日前报送统计报表", "statistics form by the 2nd and 17th"),
        "monthly_work": Msg("每月2日前报送上月工作情况", "last month's work report by the 2nd"),
        "campaign_summary": Msg("12月3日前报送专项行动总结", "campaign summary by 12-03"),
    }
)


def evaluate(ledger: Ledger, as_of: dt.date) -> tuple[list[Finding], list[tuple[str, Msg]]]:
    """Every enabled obligation's instances that have begun at D, sorted; and config problems."""
    findings: list[Finding] = []
    problems: list[tuple[str, Msg]] = []
    ctx = Ctx(ledger, as_of)
    for obligation, rule in RULES.items():
        params: Any = ledger.campaign.obligations.get(obligation)
        if not params.enabled:
            continue
        try:
            findings += rule(ctx, params)
        except RuleConfigError as exc:
            problems.append((obligation, exc.msg))
    findings.sort(key=Finding.sort_key)
    return findings, problems
