"""campaign.yaml: the campaign, its terms, and the parameters of every obligation."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, ClassVar, Literal

from pydantic import Field, model_validator

from hxay.models.records import (
    SCHOOL_TYPES,
    UNIT_TYPES,
    Bool,
    Count,
    Date,
    Id,
    Strict,
    Text,
    TextList,
    choice,
)

PERIOD_LABEL = re.compile(r"\d{4}-(0[1-9]|1[0-2])(-[12])?|\d{4}-Q[1-4]|campaign")

SchoolType = choice(SCHOOL_TYPES)
UnitType = choice(UNIT_TYPES)


class Term(Strict):
    name: Text = Field(description="学期名称,如 2012学年第一学期")
    start: Date = Field(description="开学日期")
    end: Date = Field(description="学期结束日期")


class Params(Strict):
    """Parameters every obligation takes."""

    enabled: Bool = Field(True, description="是否检查此项义务")


class DatedParams(Params):
    from_: Date | None = Field(
        None, alias="from", description="只检查到期日(顺延前)不早于此日的期间;默认为方案印发日期"
    )


class SchoolParams(Params):
    school_types: tuple[SchoolType, ...] | None = Field(  # type: ignore[valid-type]
        None, description="适用的学校类型;默认全部"
    )


class UnitParam(Params):
    unit: Id | None = Field(None, description="负责单位编号;默认为唯一的该类型单位")


class LiaisonParams(Params):
    within_days: Count = Field(7, description="方案印发后几天内确定联络员")
    unit_types: tuple[UnitType, ...] = Field(  # type: ignore[valid-type]
        ("police_station", "traffic_brigade"), description="须确定联络员的单位类型"
    )


class LegalVicePrincipalParams(SchoolParams):
    within_days: Count = Field(30, description="方案印发后几天内配齐法制副校长")


class MonthlyInspectionParams(SchoolParams, DatedParams):
    min: Count = Field(1, description="每月最少检查次数")
    any_unit: Bool = Field(False, description="是否计入非辖区派出所的检查")
    min_term_days: Count | None = Field(None, description="开学月份的最少在学天数;默认取顶层设置")


class ComprehensiveInspectionParams(SchoolParams, DatedParams):
    windows: tuple[tuple[Date, Date], ...] = Field(
        (), description="全面检查的时间窗 [[起, 止], ...]"
    )
    any_unit: Bool = Field(True, description="是否计入任何单位的全面检查")


class HazardAssignmentParams(Params):
    within_days: Count = Field(7, description="发现后几天内落实整改期限和责任人")


class HazardRectificationParams(Params):
    pass


class MajorHazardReportParams(Params):
    within_days: Count = Field(3, description="重大隐患发现后几天内报告党委政府")


class SeriousHazardListParams(Params):
    due: Date | None = Field(None, description="隐患学校名单报送期限(方案:9月23日)")


DEFAULT_DEPARTMENTS = ("综治", "公安", "文化", "工商", "卫生", "城管")


class JointOperationParams(UnitParam):
    due: Date | None = Field(None, description="联合整治行动期限(方案:7月底前)")
    departments: TextList = Field(DEFAULT_DEPARTMENTS, description="须参加的部门关键词")


class VehicleRegistrationParams(SchoolParams, UnitParam):
    within_days: Count = Field(30, description="方案印发后几天内完成接送车辆登记")


class VehicleCheckParams(UnitParam, DatedParams):
    every: Literal["campaign", "term"] = Field("campaign", description="campaign 或 term")


class DriverCheckParams(UnitParam, DatedParams):
    pass


class VehicleBanParams(UnitParam):
    within_days: Count = Field(1, description="整改期满未整改的车辆几天内禁止接送")


class VehicleDocumentsParams(UnitParam):
    warn_days: Count = Field(30, description="证件到期前几天开始提醒")


class LegalVisitsParams(SchoolParams, DatedParams):
    min: Count = Field(2, description="每学期法制副校长到校最少次数")


class SecurityTrainingParams(SchoolParams, DatedParams):
    min: Count = Field(1, description="每学期最少培训次数")
    per: Literal["school", "station"] = Field("school", description="school 或 station")


Every = Literal["month", "quarter", "term", "campaign"]


class JointMeetingParams(DatedParams):
    every: Every = Field("quarter", description="month、quarter、term 或 campaign")


class GovBriefingParams(DatedParams):
    every: Every = Field("quarter", description="month、quarter、term 或 campaign")
    within_days: Count = Field(10, description="期间结束后几天内汇报")


class StatsFormParams(DatedParams):
    pass


class MonthlyWorkParams(DatedParams):
    pass


class CampaignSummaryParams(Params):
    due: Date | None = Field(None, description="专项行动总结报送期限;默认活动结束后3天")


PARAMS: Mapping[str, type[Params]] = MappingProxyType(
    {
        "liaison": LiaisonParams,
        "legal_vice_principal": LegalVicePrincipalParams,
        "monthly_inspection": MonthlyInspectionParams,
        "comprehensive_inspection": ComprehensiveInspectionParams,
        "hazard_assignment": HazardAssignmentParams,
        "hazard_rectification": HazardRectificationParams,
        "major_hazard_report": MajorHazardReportParams,
        "serious_hazard_list": SeriousHazardListParams,
        "joint_operation": JointOperationParams,
        "vehicle_registration": VehicleRegistrationParams,
        "vehicle_check": VehicleCheckParams,
        "driver_check": DriverCheckParams,
        "vehicle_ban": VehicleBanParams,
        "vehicle_documents": VehicleDocumentsParams,
        "legal_visits": LegalVisitsParams,
        "security_training": SecurityTrainingParams,
        "joint_meeting": JointMeetingParams,
        "gov_briefing": GovBriefingParams,
        "stats_form": StatsFormParams,
        "monthly_work": MonthlyWorkParams,
        "campaign_summary": CampaignSummaryParams,
    }
)


class FormIndicator(Strict):
    measure: Text = Field(description="指标代码")
    label: Text | None = Field(None, description="表头文字;默认为内置名称")


class Forms(Strict):
    stats: tuple[FormIndicator, ...] | None = Field(None, description="统计报表的指标,按顺序")


class ObligationsConfig(Strict):
    """One optional mapping of parameters per obligation id."""

    model_config = Strict.model_config | {"populate_by_name": True}
    FIELDS: ClassVar[tuple[str, ...]] = tuple(PARAMS)

    liaison: LiaisonParams = LiaisonParams()
    legal_vice_principal: LegalVicePrincipalParams = LegalVicePrincipalParams()
    monthly_inspection: MonthlyInspectionParams = MonthlyInspectionParams()
    comprehensive_inspection: ComprehensiveInspectionParams = ComprehensiveInspectionParams()
    hazard_assignment: HazardAssignmentParams = HazardAssignmentParams()
    hazard_rectification: HazardRectificationParams = HazardRectificationParams()
    major_hazard_report: MajorHazardReportParams = MajorHazardReportParams()
    serious_hazard_list: SeriousHazardListParams = SeriousHazardListParams()
    joint_operation: JointOperationParams = JointOperationParams()
    vehicle_registration: VehicleRegistrationParams = VehicleRegistrationParams()
    vehicle_check: VehicleCheckParams = VehicleCheckParams()
    driver_check: DriverCheckParams = DriverCheckParams()
    vehicle_ban: VehicleBanParams = VehicleBanParams()
    vehicle_documents: VehicleDocumentsParams = VehicleDocumentsParams()
    legal_visits: LegalVisitsParams = LegalVisitsParams()
    security_training: SecurityTrainingParams = SecurityTrainingParams()
    joint_meeting: JointMeetingParams = JointMeetingParams()
    gov_briefing: GovBriefingParams = GovBriefingParams()
    stats_form: StatsFormParams = StatsFormParams()
    monthly_work: MonthlyWorkParams = MonthlyWorkParams()
    campaign_summary: CampaignSummaryParams = CampaignSummaryParams()

    def get(self, obligation: str) -> Params:
        value = getattr(self, obligation)
        assert isinstance(value, Params)
        return value


class Campaign(Strict):
    """The root of campaign.yaml."""

    id: Id = Field(description="活动编号")
    name: Text = Field(description="活动名称")
    issued: Date | None = Field(None, description="方案印发日期;默认为开始日期")
    start: Date = Field(description="开始日期")
    end: Date = Field(description="结束日期")
    language: Literal["zh", "en"] = Field("zh", description="默认输出语言 zh 或 en")
    timezone: Text = Field("Asia/Shanghai", description="判断“今天”所用的时区")
    min_term_days: Count = Field(15, description="一个月中至少有几天在学期内才算开学月份")
    due_shift: Literal["none", "next_workday"] = Field(
        "none", description="到期日遇周末或节假日是否顺延到下一个工作日"
    )
    terms: tuple[Term, ...] = Field(min_length=1, description="学期")
    obligations: ObligationsConfig = Field(ObligationsConfig(), description="各项义务的参数")
    forms: Forms | None = Field(None, description="报表设置")

    @property
    def issued_date(self) -> dt.date:
        return self.issued or self.start

    @model_validator(mode="before")
    @classmethod
    def _no_null_sections(cls, data: Any) -> Any:
        if isinstance(data, dict) and data.get("obligations") is None:
            data = {k: v for k, v in data.items() if k != "obligations"}
        return data
