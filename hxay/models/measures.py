"""Stage 0, models: the statistics form's measure catalogue (ids, built-in labels, kind). No I/O.

campaign.yaml's `forms.stats` names measures by these ids; the counting rules live in
reports/stats.py, one evaluator per id.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal

from hxay.models.text import Lang, Msg

MeasureKind = Literal["flow", "stock", "distinct"]


@dataclass(frozen=True, slots=True)
class Measure:
    """One indicator of the statistics form.

    `flow`: a count or sum over records dated in a range (本期 and 累计 differ, and 累计 is
    the sum of 本期 over the months); `distinct`: distinct things among records dated in
    a range (累计 is not a sum of months); `stock`: the state on the last day (same in both
    columns).
    """

    id: str
    label: Msg
    kind: MeasureKind

    def text(self, lang: Lang) -> str:
        return self.label.render(lang)


def _m(ident: str, zh: str, en: str, kind: MeasureKind) -> Measure:
    return Measure(ident, Msg(zh, en), kind)


MEASURES: tuple[Measure, ...] = (
    _m("schools", "辖区学校(所)", "Schools in jurisdiction", "stock"),
    _m("kindergartens", "其中幼儿园(所)", "of which kindergartens", "stock"),
    _m("schools_inspected", "检查学校(所)", "Schools inspected", "distinct"),
    _m("inspections", "检查(所次)", "Inspections (school visits)", "flow"),
    _m("officers_deployed", "出动警力(人次)", "Police deployed (person-times)", "flow"),
    _m("hazards_found", "发现隐患(处)", "Hazards found", "flow"),
    _m("hazards_surroundings", "其中周边隐患(处)", "of which in the surroundings", "flow"),
    _m("hazards_major", "其中重大隐患(处)", "of which major", "flow"),
    _m("notices_issued", "下发整改通知书(份)", "Rectification notices issued", "distinct"),
    _m("hazards_rectified", "整改隐患(处)", "Hazards rectified", "flow"),
    _m("hazards_reviewed", "复查销号(处)", "Hazards reviewed and closed", "flow"),
    _m("hazards_overdue", "逾期未整改(处)", "Past deadline, not rectified", "stock"),
    _m("vehicles_checked", "排查车辆(辆)", "Vehicles checked", "distinct"),
    _m("drivers_checked", "排查驾驶人(人)", "Drivers checked", "distinct"),
    _m("vehicles_failed", "不合格车辆(辆)", "Vehicles failing a check", "distinct"),
    _m("vehicles_suspended", "禁止接送(辆)", "Vehicles barred from transport", "distinct"),
    _m("legal_vp_assigned", "配备法制副校长(所)", "Schools with a legal vice-principal", "stock"),
    _m("legal_visits", "法制副校长到校(次)", "Legal vice-principal visits", "flow"),
    _m("education_sessions", "安全教育(场次)", "Safety education sessions", "flow"),
    _m("education_participants", "受教育(人次)", "Educated (person-times)", "flow"),
    _m("trainings", "安保培训(场次)", "Security trainings", "flow"),
    _m("trainees", "培训安保人员(人次)", "Security staff trained (person-times)", "flow"),
    _m("meetings", "联席会议(次)", "Joint meetings", "flow"),
    _m("operations", "集中整治行动(次)", "Joint clean-up operations", "flow"),
    _m("cases", "涉校案件(起)", "School-related cases", "flow"),
    _m("cases_solved", "破获(起)", "Cases solved", "flow"),
    _m("persons_handled", "抓获处理(人)", "Persons caught or dealt with", "flow"),
    _m("disputes", "排查矛盾纠纷(起)", "Disputes found", "flow"),
    _m("accidents", "涉校事故(起)", "School-related accidents", "flow"),
)
"""Every measure, in the order of the spec's table (the default order of the form)."""

BY_ID: MappingProxyType[str, Measure] = MappingProxyType({m.id: m for m in MEASURES})
