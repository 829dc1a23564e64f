"""Stage 0, models: every enumerated value as a `Literal` type with its Chinese labels. No I/O.

A field typed with one of these aliases holds only its codes, so mypy rejects a comparison
with a misspelt code (`severity == "majr"`); the label maps are what users may write instead
of a code and what output in Chinese shows. Each map lists exactly the codes of its alias
(tests/test_models.py keeps them equal).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Literal

UnitType = Literal[
    "city_psb",
    "security_brigade",
    "police_station",
    "traffic_brigade",
    "transport_bureau",
    "education_bureau",
    "government",
    "department",
]
SchoolType = Literal[
    "kindergarten",
    "primary",
    "junior",
    "senior",
    "nine_year",
    "complete",
    "vocational",
    "special",
    "other",
]
VehicleType = Literal["school_bus", "contracted", "other"]
InspectionType = Literal["routine", "comprehensive"]
HazardArea = Literal["campus", "surroundings", "vehicle"]
HazardCategory = Literal[
    "personnel", "physical", "technical", "management", "fire", "traffic", "other"
]
Severity = Literal["general", "serious", "major"]
CheckResult = Literal["pass", "fail"]
VehicleStatusCode = Literal["suspended", "in_service"]
Audience = Literal["students", "staff", "parents"]
CaseType = Literal["criminal", "public_order", "dispute", "accident", "other"]
FormCode = Literal[
    "stats_form",
    "monthly_work",
    "serious_hazard_list",
    "campaign_summary",
    "gov_briefing",
    "experience",
    "other",
]
LvpTitle = Literal["法制副校长", "法制辅导员"]
Kind = Literal[
    "unit",
    "school",
    "vehicle",
    "inspection",
    "hazard",
    "vehicle_check",
    "vehicle_status",
    "legal_visit",
    "training",
    "education",
    "meeting",
    "operation",
    "case",
    "submission",
]

UNIT_TYPES: Mapping[str, str] = MappingProxyType(
    {
        "city_psb": "市公安局",
        "security_brigade": "治安大队",
        "police_station": "派出所",
        "traffic_brigade": "交警大队",
        "transport_bureau": "交通局",
        "education_bureau": "教育局",
        "government": "党委政府",
        "department": "其他部门",
    }
)
SCHOOL_TYPES: Mapping[str, str] = MappingProxyType(
    {
        "kindergarten": "幼儿园",
        "primary": "小学",
        "junior": "初中",
        "senior": "高中",
        "nine_year": "九年一贯制",
        "complete": "完全中学",
        "vocational": "职业学校",
        "special": "特殊教育",
        "other": "其他",
    }
)
VEHICLE_TYPES: Mapping[str, str] = MappingProxyType(
    {"school_bus": "专用校车", "contracted": "接送车辆", "other": "其他"}
)
INSPECTION_TYPES: Mapping[str, str] = MappingProxyType(
    {"routine": "日常检查", "comprehensive": "全面检查"}
)
HAZARD_AREAS: Mapping[str, str] = MappingProxyType(
    {"campus": "校内", "surroundings": "周边", "vehicle": "车辆"}
)
HAZARD_CATEGORIES: Mapping[str, str] = MappingProxyType(
    {
        "personnel": "人防",
        "physical": "物防",
        "technical": "技防",
        "management": "管理",
        "fire": "消防",
        "traffic": "交通",
        "other": "其他",
    }
)
SEVERITIES: Mapping[str, str] = MappingProxyType(
    {"general": "一般", "serious": "严重", "major": "重大"}
)
CHECK_RESULTS: Mapping[str, str] = MappingProxyType({"pass": "合格", "fail": "不合格"})
VEHICLE_STATUSES: Mapping[str, str] = MappingProxyType({"suspended": "停运", "in_service": "恢复"})
AUDIENCES: Mapping[str, str] = MappingProxyType(
    {"students": "学生", "staff": "教职工", "parents": "家长"}
)
CASE_TYPES: Mapping[str, str] = MappingProxyType(
    {
        "criminal": "刑事",
        "public_order": "治安",
        "dispute": "矛盾纠纷",
        "accident": "事故",
        "other": "其他",
    }
)
FORMS: Mapping[str, str] = MappingProxyType(
    {
        "stats_form": "统计报表",
        "monthly_work": "上月工作情况",
        "serious_hazard_list": "隐患学校名单",
        "campaign_summary": "专项行动总结",
        "gov_briefing": "向党委政府汇报",
        "experience": "典型经验",
        "other": "其他",
    }
)
LVP_TITLES: Mapping[str, str] = MappingProxyType(
    {"法制副校长": "法制副校长", "法制辅导员": "法制辅导员"}
)
KIND_LABELS: Mapping[str, str] = MappingProxyType(
    {
        "unit": "单位",
        "school": "学校",
        "vehicle": "车辆",
        "inspection": "检查",
        "hazard": "隐患",
        "vehicle_check": "车辆检查",
        "vehicle_status": "车辆状态",
        "legal_visit": "法制副校长到校",
        "training": "培训",
        "education": "安全教育",
        "meeting": "联席会议",
        "operation": "整治行动",
        "case": "案事件",
        "submission": "报送",
    }
)
