"""Stage 0, models: where each obligation and its parameter defaults come from in the plan.

《平湖市"护校安园"专项行动工作方案》(2012-04-24), quoted with the dates its published text
lost restored. `hxay init` writes these sentences beside the parameters, and `hxay schema`
uses them to describe each obligation. No I/O.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType


@dataclass(frozen=True, slots=True)
class Source:
    """One obligation: the plan's sentence, its section, and what the plan leaves open."""

    section: str
    sentence: str
    duty: str  # the duty in a few words, for descriptions


CONFIRM = "confirm locally / 请按本地实际确认"

CAMPAIGN_SENTENCE = "从2012年3月1日起至11月30日,在全市范围内集中开展“护校安园”专项行动"  # 序言
ISSUED_SENTENCE = "平湖市公安局、平湖市教育局,二○一二年四月二十四日"

_VEHICLES = "按照“不漏一校、不漏一车、不漏一人”的要求,做好排查登记工作"

SOURCES: Mapping[str, Source] = MappingProxyType(
    {
        "liaison": Source(
            "三(五)",
            "各派出所、交警大队要确定“护校安园”专项行动工作联络员,按照通知要求按时报送有关信息。",
            "确定专项行动联络员",
        ),
        "legal_vice_principal": Source(
            "三(四)", "要进一步完善法制副校长(或法制辅导员)工作机制", "配备法制副校长(法制辅导员)"
        ),
        "monthly_inspection": Source(
            "三(一)",
            "各派出所对本辖区校园安保检查(开学期间)每月不少于1次。",
            "辖区校园安保检查每月不少于1次",
        ),
        "comprehensive_inspection": Source(
            "三(一)",
            "在新学期开学前后,全市要开展一次全面的校园安全大检查,逐一梳理检查学校、幼儿园内部安全防范情况",
            "新学期开学前后全面安全大检查",
        ),
        "hazard_assignment": Source(
            "三(二)",
            "及时排查发现各类安全隐患,逐一落实相关行政部门的督办责任人和学校幼儿园的整改责任人,限期整改到位。",
            "落实督办责任人、整改责任人和整改期限",
        ),
        "hazard_rectification": Source(
            "三(二)",
            "逐一落实相关行政部门的督办责任人和学校幼儿园的整改责任人,限期整改到位。",
            "隐患限期整改到位",
        ),
        "major_hazard_report": Source(
            "三(二)",
            "对存在的重大安全隐患,要及时报告当地党委、政府协调解决。",
            "重大隐患及时报告党委、政府",
        ),
        "serious_hazard_list": Source(
            "三(一)",
            "对辖区内中小学、幼儿园的“三防”建设不到位致使安全隐患严重,且隐患整改不彻底的学校名单,"
            "按要求汇总后于9月23日分别报市公安局和市教育局。",
            "9月23日前报送隐患学校名单",
        ),
        "joint_operation": Source(
            "三(二)",
            "7月底前,我市要协调综治、公安、文化、工商、卫生、城管等部门联合开展一次校园及周边治安环境集中整治行动。",
            "7月底前联合开展集中整治行动",
        ),
        "vehicle_registration": Source("三(三)", _VEHICLES, "接送车辆排查登记,不漏一校"),
        "vehicle_check": Source("三(三)", _VEHICLES, "接送车辆安全排查,不漏一车"),
        "driver_check": Source("三(三)", _VEHICLES, "驾驶人排查,不漏一人"),
        "vehicle_ban": Source(
            "三(三)",
            "及时发现存在的安全隐患,并责令限期整改,整改不到位的车辆禁止继续接送学生(幼儿)上下学。",
            "整改不到位的车辆禁止接送学生",
        ),
        "vehicle_documents": Source(
            "三(三)",
            "按照……国务院《校车安全管理条例》精神,加强对学生接送车辆安全隐患的集中排查整治",
            "车辆检验、保险、校车标牌、驾驶证在有效期内",
        ),
        "legal_visits": Source(
            "三(四)",
            "每学期法制副校长(或法制辅导员)到校工作不少于两次。",
            "每学期法制副校长到校不少于两次",
        ),
        "security_training": Source(
            "三(四)",
            "各地要注重对校园安保力量的培训工作,确保每学期培训不少于一次。",
            "每学期安保力量培训不少于一次",
        ),
        "joint_meeting": Source(
            "三(四)",
            "定期召开校园安全保卫工作联席会议,分析校园及周边治安形势",
            "定期召开校园安全联席会议",
        ),
        "gov_briefing": Source(
            "三(四)", "定期向当地党委、政府汇报校园安防工作情况。", "定期向党委、政府汇报"
        ),
        "stats_form": Source(
            "三(五)",
            "每月2日和17日前由各派出所向市公安局报送《全国公安机关治安系统“护校安园”专项行动情况统计报表》",
            "每月2日和17日前报送统计报表",
        ),
        "monthly_work": Source(
            "三(五)", "每月2日前一并报送上月工作情况。", "每月2日前报送上月工作情况"
        ),
        "campaign_summary": Source(
            "三(五)", "12月3日前报送专项行动总结。", "12月3日前报送专项行动总结"
        ),
    }
)

# Where each parameter's default comes from: the plan's words, or our reading where the
# plan gives no number (marked so `hxay init` asks to confirm it locally).
_GENERIC: Mapping[str, str] = MappingProxyType(
    {
        "enabled": "本工具开关:false = 不检查此项",
        "from": "本工具参数:只检查到期日(顺延前)不早于此日的期间",
        "school_types": "本工具参数:只检查这些类型的学校",
        "unit": "本工具参数:负责此项的单位编号",
    }
)
PARAM_SOURCES: Mapping[tuple[str, str], str] = MappingProxyType(
    {
        ("liaison", "within_days"): "方案只说“要确定联络员”,未规定天数;7 天为本工具的理解",
        ("liaison", "unit_types"): "方案:“各派出所、交警大队要确定……联络员”",
        ("legal_vice_principal", "within_days"): "方案未规定期限;30 天为本工具的理解",
        ("monthly_inspection", "min"): "方案:“每月不少于1次”",
        (
            "monthly_inspection",
            "any_unit",
        ): "方案:“各派出所对本辖区校园安保检查”,故默认只计辖区派出所",
        ("monthly_inspection", "min_term_days"): "方案:“(开学期间)”",
        (
            "comprehensive_inspection",
            "windows",
        ): "方案:“在新学期开学前后”,未给日期;窗口须按本地校历填写",
        (
            "comprehensive_inspection",
            "any_unit",
        ): "方案:“全市要开展一次全面的校园安全大检查”,不限单位",
        (
            "hazard_assignment",
            "within_days",
        ): "方案:“逐一落实……责任人”,未规定天数;7 天为本工具的理解",
        ("major_hazard_report", "within_days"): "方案:“要及时报告”,未规定天数;3 天为本工具的理解",
        ("serious_hazard_list", "due"): "方案:“于9月23日分别报市公安局和市教育局”",
        ("joint_operation", "due"): "方案:“7月底前”",
        ("joint_operation", "departments"): "方案:“协调综治、公安、文化、工商、卫生、城管等部门”",
        ("vehicle_registration", "within_days"): "方案未规定期限;30 天为本工具的理解",
        ("vehicle_check", "every"): "方案:“不漏一车”,未规定频次;默认整个专项行动期间一次",
        (
            "vehicle_ban",
            "within_days",
        ): "方案:“整改不到位的车辆禁止继续接送学生”;次日起禁止为本工具的理解",
        ("vehicle_documents", "warn_days"): "本工具参数:证件到期前几天开始提醒",
        ("legal_visits", "min"): "方案:“每学期……到校工作不少于两次”",
        ("security_training", "min"): "方案:“确保每学期培训不少于一次”",
        ("security_training", "per"): "方案未说按学校还是按派出所计;默认每所学校",
        ("joint_meeting", "every"): "方案:“定期召开”,未规定频次;每季度为本工具的理解",
        ("gov_briefing", "every"): "方案:“定期……汇报”,未规定频次;每季度为本工具的理解",
        ("gov_briefing", "within_days"): "方案未规定期限;期间结束后 10 天为本工具的理解",
        ("campaign_summary", "due"): "方案:“12月3日前报送专项行动总结”",
    }
)
# Parameters the plan leaves to local practice: `hxay init` marks them "confirm locally".
TO_CONFIRM = frozenset(
    {
        ("liaison", "within_days"),
        ("legal_vice_principal", "within_days"),
        ("comprehensive_inspection", "windows"),
        ("hazard_assignment", "within_days"),
        ("major_hazard_report", "within_days"),
        ("vehicle_registration", "within_days"),
        ("vehicle_check", "every"),
        ("joint_meeting", "every"),
        ("gov_briefing", "every"),
        ("gov_briefing", "within_days"),
    }
)


def param_source(obligation: str, param: str) -> str:
    """Where the default of one parameter comes from, in Chinese."""
    return PARAM_SOURCES.get((obligation, param)) or _GENERIC.get(param, "本工具参数")
