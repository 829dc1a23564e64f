"""Record kinds as pydantic models (frozen, unknown fields forbidden), validated from plain data.

Values arrive as the raw scalar text of the YAML source; the annotated types below read
the spellings people type (models/values.py). Location metadata lives in private attributes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Annotated, Any, ClassVar, Literal, TypeVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema
from pydantic_core import PydanticCustomError

from hxay.models import schema_types as js
from hxay.models import values as v

T = TypeVar("T")


def _wrap(fn: Callable[[Any], T]) -> Callable[[Any], T]:
    def validate(value: Any) -> T:
        try:
            return fn(value)
        except v.BadValue as exc:
            raise PydanticCustomError(
                exc.code, "{en}", {"zh": exc.msg.zh, "en": exc.msg.en}
            ) from None

    return validate


_DATE_SCHEMA = js.DATE
_COUNT_SCHEMA = js.COUNT
_BOOL_SCHEMA = js.BOOL
_TEXT_SCHEMA = js.TEXT
_ID_SCHEMA = js.ID

Date = Annotated[dt.date, BeforeValidator(_wrap(v.parse_date)), WithJsonSchema(_DATE_SCHEMA)]
Count = Annotated[int, BeforeValidator(_wrap(v.parse_count)), WithJsonSchema(_COUNT_SCHEMA)]
PositiveCount = Annotated[
    int,
    BeforeValidator(_wrap(v.parse_positive_count)),
    WithJsonSchema(js.POSITIVE_COUNT),
]
Bool = Annotated[bool, BeforeValidator(_wrap(v.parse_bool)), WithJsonSchema(_BOOL_SCHEMA)]
# Text is pydantic's own str check (no Python call per field): the loader hands every scalar
# over as its source text, so only a list or mapping can fail it (mapped to E-bad-value).
Text = Annotated[str, WithJsonSchema(_TEXT_SCHEMA)]
Id = Annotated[str, BeforeValidator(_wrap(v.parse_id)), WithJsonSchema(_ID_SCHEMA)]
IdList = Annotated[
    tuple[Id, ...],  # each item validated on its own, so an error points at the item
    BeforeValidator(v.one_or_many),
    WithJsonSchema({"anyOf": [_ID_SCHEMA, {"type": "array", "items": _ID_SCHEMA}]}),
]
TextList = Annotated[
    tuple[str, ...],
    BeforeValidator(_wrap(v.parse_text_list)),
    WithJsonSchema({"anyOf": [_TEXT_SCHEMA, {"type": "array", "items": _TEXT_SCHEMA}]}),
]


class ChoiceInfo:
    """Marks an enumerated field in its type's metadata: `labels` maps code -> label."""

    __slots__ = ("labels",)

    def __init__(self, labels: Mapping[str, str]) -> None:
        self.labels = labels


def choice(labels: Mapping[str, str]) -> Any:
    """An enumerated field: its code or its Chinese label; stored as the code."""
    c = v.Choice(MappingProxyType(dict(labels)))
    info = ChoiceInfo(c.labels)  # metadata pydantic ignores, so tools can list the codes
    return Annotated[
        str, BeforeValidator(_wrap(c.parse)), WithJsonSchema(js.choice(c.labels)), info
    ]


UNIT_TYPES = {
    "city_psb": "市公安局",
    "security_brigade": "治安大队",
    "police_station": "派出所",
    "traffic_brigade": "交警大队",
    "transport_bureau": "交通局",
    "education_bureau": "教育局",
    "government": "党委政府",
    "department": "其他部门",
}
SCHOOL_TYPES = {
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
VEHICLE_TYPES = {"school_bus": "专用校车", "contracted": "接送车辆", "other": "其他"}
INSPECTION_TYPES = {"routine": "日常检查", "comprehensive": "全面检查"}
HAZARD_AREAS = {"campus": "校内", "surroundings": "周边", "vehicle": "车辆"}
HAZARD_CATEGORIES = {
    "personnel": "人防",
    "physical": "物防",
    "technical": "技防",
    "management": "管理",
    "fire": "消防",
    "traffic": "交通",
    "other": "其他",
}
SEVERITIES = {"general": "一般", "serious": "严重", "major": "重大"}
CHECK_RESULTS = {"pass": "合格", "fail": "不合格"}
VEHICLE_STATUSES = {"suspended": "停运", "in_service": "恢复"}
AUDIENCES = {"students": "学生", "staff": "教职工", "parents": "家长"}
CASE_TYPES = {
    "criminal": "刑事",
    "public_order": "治安",
    "dispute": "矛盾纠纷",
    "accident": "事故",
    "other": "其他",
}
FORMS = {
    "stats_form": "统计报表",
    "monthly_work": "上月工作情况",
    "serious_hazard_list": "隐患学校名单",
    "campaign_summary": "专项行动总结",
    "gov_briefing": "向党委政府汇报",
    "experience": "典型经验",
    "other": "其他",
}
LVP_TITLES = {"法制副校长": "法制副校长", "法制辅导员": "法制辅导员"}
KIND_LABELS = {
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


class Strict(BaseModel):
    """Frozen, and an unknown field is an error (the loader suggests the nearest one)."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Liaison(Strict):
    name: Text = Field(description="联络员姓名")
    phone: Text | None = Field(None, description="联络员电话")


class LegalVicePrincipal(Strict):
    name: Text = Field(description="姓名")
    title: choice(LVP_TITLES) = Field("法制副校长", description="法制副校长 或 法制辅导员")  # type: ignore[valid-type]
    unit: Text | None = Field(None, description="所在单位(文字)")
    phone: Text | None = Field(None, description="电话")


class Driver(Strict):
    name: Text = Field(description="驾驶人姓名")
    license_class: Text | None = Field(None, description="准驾车型")
    license_valid_until: Date | None = Field(None, description="驾驶证有效期至")
    school_bus_permit: Text | None = Field(None, description="校车驾驶资格许可编号")


class Supervisor(Strict):
    name: Text = Field(description="行政部门督办责任人")
    unit: Id = Field(description="督办单位编号")


class Rectifier(Strict):
    name: Text = Field(description="学校整改责任人")
    phone: Text | None = Field(None, description="电话")


Locs = Mapping[tuple[str | int, ...], tuple[int, int]]


class Record(Strict):
    """Common fields of every record kind, and where the record was written.

    The location lives in the instance dict under `_src` (path, line, x_* fields, positions,
    base path), not in pydantic private attributes: those go through a slow `__getattr__`,
    and rules and reports read `path`/`line` of every record many times.
    """

    KIND: ClassVar[str] = ""
    DATE_FIELD: ClassVar[str | None] = None

    id: Id | None = Field(None, description="编号,全文件夹唯一")
    note: Text | None = Field(None, description="备注")

    def _source(self) -> tuple[str, int, dict[str, Any] | None, Locs | None, tuple[str | int, ...]]:
        return self.__dict__.get("_src") or ("", 0, None, None, ())

    @property
    def path(self) -> str:
        return self._source()[0]

    @property
    def line(self) -> int:
        return self._source()[1]

    @property
    def where(self) -> str:
        """`path:line` of the record's first key."""
        src = self._source()
        return f"{src[0]}:{src[1]}"

    @property
    def extensions(self) -> dict[str, Any]:
        """The user's own `x_*` fields, kept as read."""
        return self._source()[2] or {}

    @property
    def record_date(self) -> dt.date | None:
        return self.__dict__[self.DATE_FIELD] if self.DATE_FIELD else None

    def locate(
        self,
        path: str,
        line: int,
        extra: dict[str, Any] | None = None,
        locs: Locs | None = None,
        base: tuple[str | int, ...] = (),
    ) -> None:
        """Say where the record was written; `locs` maps field paths to (line, column)."""
        object.__setattr__(self, "_src", (path, line, extra or None, locs, base))

    def pos(self, *loc: str | int) -> tuple[int, int]:
        """(line, column) of a field's value, else of its nearest written parent."""
        _, line, _, locs, base = self._source()
        full = (*base, *loc)
        for end in range(len(full), len(base) - 1, -1):
            found = locs.get(full[:end]) if locs is not None else None
            if found is not None:
                return found
        return (line, 1)


class Unit(Record):
    KIND: ClassVar[str] = "unit"
    kind: Literal["unit"] = "unit"
    id: Id = Field(description="单位编号")
    name: Text = Field(description="单位名称")
    type: choice(UNIT_TYPES) = Field(description="单位类型")  # type: ignore[valid-type]
    liaison: Liaison | None = Field(None, description="联络员")
    parent: Id | None = Field(None, description="上级单位编号")


class School(Record):
    KIND: ClassVar[str] = "school"
    kind: Literal["school"] = "school"
    id: Id = Field(description="学校编号")
    name: Text = Field(description="学校名称")
    type: choice(SCHOOL_TYPES) = Field(description="学校类型")  # type: ignore[valid-type]
    station: Id = Field(description="辖区派出所编号")
    address: Text | None = Field(None, description="地址")
    principal: Text | None = Field(None, description="校长")
    phone: Text | None = Field(None, description="电话")
    students: Count | None = Field(None, description="学生数")
    boarding: Bool | None = Field(None, description="是否寄宿制")
    uses_transport: Bool | None = Field(None, description="是否有接送学生车辆(未填=未登记)")
    legal_vice_principal: LegalVicePrincipal | None = Field(None, description="法制副校长")
    opened: Date | None = Field(None, description="开办日期")
    closed: Date | None = Field(None, description="停办日期")

    def is_open(self, day: dt.date) -> bool:
        return (self.opened is None or self.opened <= day) and (
            self.closed is None or self.closed > day
        )


class Vehicle(Record):
    KIND: ClassVar[str] = "vehicle"
    kind: Literal["vehicle"] = "vehicle"
    id: Id = Field(description="车辆编号(通常为号牌)")
    plate: Text = Field(description="号牌号码")
    school: Id = Field(description="服务学校编号")
    type: choice(VEHICLE_TYPES) = Field("contracted", description="车辆类型")  # type: ignore[valid-type]
    seats: PositiveCount = Field(description="核定载客人数")
    owner: Text | None = Field(None, description="车主")
    drivers: tuple[Driver, ...] = Field(min_length=1, description="驾驶人")
    former_drivers: TextList = Field((), description="原驾驶人")
    inspection_valid_until: Date | None = Field(None, description="安全技术检验有效期")
    insurance_valid_until: Date | None = Field(None, description="承运人责任险有效期")
    permit_valid_until: Date | None = Field(None, description="校车标牌有效期")
    registered: Date | None = Field(None, description="登记日期")
    retired: Date | None = Field(None, description="停用日期")

    def is_active(self, day: dt.date) -> bool:
        return (self.registered is None or self.registered <= day) and (
            self.retired is None or self.retired > day
        )


class HazardFields(Record):
    """The fields of a hazard, shared by standalone and inline hazards."""

    id: Id = Field(description="隐患编号")
    school: Id | None = Field(None, description="学校编号(有车辆时默认为车辆所属学校)")
    vehicle: Id | None = Field(None, description="车辆编号")
    found: Date | None = Field(None, description="发现日期")
    source: Id | None = Field(None, description="发现该隐患的检查记录编号")
    area: choice(HAZARD_AREAS) | None = Field(None, description="区域(默认校内;有车辆时为车辆)")  # type: ignore[valid-type]
    category: choice(HAZARD_CATEGORIES) | None = Field(None, description="类别")  # type: ignore[valid-type]
    severity: choice(SEVERITIES) = Field("general", description="严重程度")  # type: ignore[valid-type]
    description: Text = Field(description="隐患描述")
    notice_no: Text | None = Field(None, description="整改通知书编号")
    deadline: Date | None = Field(None, description="整改期限")
    supervisor: Supervisor | None = Field(None, description="行政部门督办责任人")
    rectifier: Rectifier | None = Field(None, description="学校整改责任人")
    rectified: Date | None = Field(None, description="整改到位日期")
    verified_by: Text | None = Field(None, description="验收人")
    reported_to_government: Date | None = Field(None, description="报告党委政府日期")

    @property
    def parent(self) -> Record | None:
        """The inspection or vehicle check this hazard was written under, if inline."""
        return self.__dict__.get("_parent")

    def set_parent(self, parent: Record) -> None:
        object.__setattr__(self, "_parent", parent)


class InlineHazard(HazardFields):
    """A hazard written under `hazards:` of an inspection or vehicle check."""

    kind: choice({"hazard": KIND_LABELS["hazard"]}) | None = Field(None, description="可省略")  # type: ignore[valid-type]


class Hazard(HazardFields):
    KIND: ClassVar[str] = "hazard"
    DATE_FIELD: ClassVar[str | None] = "found"
    kind: Literal["hazard"] = "hazard"
    found: Date = Field(description="发现日期")

    @property
    def effective_area(self) -> str:
        if self.area is not None:
            return str(self.area)
        return "vehicle" if self.vehicle is not None else "campus"


class Inspection(Record):
    KIND: ClassVar[str] = "inspection"
    DATE_FIELD: ClassVar[str | None] = "date"
    kind: Literal["inspection"] = "inspection"
    date: Date = Field(description="检查日期")
    school: Id = Field(description="学校编号")
    unit: Id = Field(description="检查单位编号")
    type: choice(INSPECTION_TYPES) = Field("routine", description="检查类型")  # type: ignore[valid-type]
    inspectors: TextList = Field((), description="检查人员")
    officers: Count | None = Field(None, description="出动警力(默认检查人员数)")
    summary: Text | None = Field(None, description="检查情况")
    hazards: tuple[InlineHazard, ...] = Field((), description="发现的隐患")

    @property
    def officers_deployed(self) -> int:
        return self.officers if self.officers is not None else len(self.inspectors)


class VehicleCheck(Record):
    KIND: ClassVar[str] = "vehicle_check"
    DATE_FIELD: ClassVar[str | None] = "date"
    kind: Literal["vehicle_check"] = "vehicle_check"
    date: Date = Field(description="检查日期")
    vehicle: Id = Field(description="车辆编号")
    unit: Id = Field(description="检查单位编号")
    drivers: TextList = Field((), description="被检查的驾驶人")
    result: choice(CHECK_RESULTS) = Field(description="检查结果")  # type: ignore[valid-type]
    items: dict[str, Bool] | None = Field(None, description="检查项目 -> 是否合格")
    hazards: tuple[InlineHazard, ...] = Field((), description="发现的隐患")


class VehicleStatus(Record):
    KIND: ClassVar[str] = "vehicle_status"
    DATE_FIELD: ClassVar[str | None] = "date"
    kind: Literal["vehicle_status"] = "vehicle_status"
    date: Date = Field(description="日期")
    vehicle: Id = Field(description="车辆编号")
    status: choice(VEHICLE_STATUSES) = Field(description="停运 或 恢复")  # type: ignore[valid-type]
    reason: Text | None = Field(None, description="原因")
    unit: Id | None = Field(None, description="决定单位编号")


class LegalVisit(Record):
    KIND: ClassVar[str] = "legal_visit"
    DATE_FIELD: ClassVar[str | None] = "date"
    kind: Literal["legal_visit"] = "legal_visit"
    date: Date = Field(description="到校日期")
    school: Id = Field(description="学校编号")
    person: Text | None = Field(None, description="到校人员(默认为该校法制副校长)")
    activity: Text | None = Field(None, description="工作内容")
    participants: Count | None = Field(None, description="参加人数")


class Training(Record):
    KIND: ClassVar[str] = "training"
    DATE_FIELD: ClassVar[str | None] = "date"
    kind: Literal["training"] = "training"
    date: Date = Field(description="培训日期")
    unit: Id = Field(description="组织单位编号")
    schools: IdList = Field(min_length=1, description="参训学校编号")
    trainees: Count | None = Field(None, description="培训人数")
    topic: Text | None = Field(None, description="主题")


class Education(Record):
    KIND: ClassVar[str] = "education"
    DATE_FIELD: ClassVar[str | None] = "date"
    kind: Literal["education"] = "education"
    date: Date = Field(description="日期")
    school: Id = Field(description="学校编号")
    audience: choice(AUDIENCES) = Field(description="对象")  # type: ignore[valid-type]
    participants: Count | None = Field(None, description="参加人数")
    topic: Text | None = Field(None, description="主题")
    unit: Id | None = Field(None, description="组织单位编号")


class Meeting(Record):
    KIND: ClassVar[str] = "meeting"
    DATE_FIELD: ClassVar[str | None] = "date"
    kind: Literal["meeting"] = "meeting"
    date: Date = Field(description="会议日期")
    unit: Id = Field(description="召集单位编号")
    schools: IdList = Field((), description="参会学校编号")
    attendees: Count | None = Field(None, description="参会人数")
    topic: Text | None = Field(None, description="议题")


class Operation(Record):
    KIND: ClassVar[str] = "operation"
    DATE_FIELD: ClassVar[str | None] = "date"
    kind: Literal["operation"] = "operation"
    date: Date = Field(description="开始日期")
    lead: Id = Field(description="牵头单位编号")
    departments: TextList = Field(min_length=1, description="参与部门")
    end: Date | None = Field(None, description="结束日期")
    stations: IdList = Field((), description="参与派出所编号")
    results: dict[str, Count] | None = Field(None, description="战果:项目 -> 数量")
    summary: Text | None = Field(None, description="情况")


class Case(Record):
    KIND: ClassVar[str] = "case"
    DATE_FIELD: ClassVar[str | None] = "date"
    kind: Literal["case"] = "case"
    date: Date = Field(description="发案日期")
    unit: Id = Field(description="办理单位编号")
    type: choice(CASE_TYPES) = Field(description="类型")  # type: ignore[valid-type]
    description: Text = Field(description="简要案情")
    school: Id | None = Field(None, description="涉及学校编号")
    solved: Date | None = Field(None, description="破获/化解日期")
    persons_handled: Count | None = Field(None, description="抓获/处理人数")


class Submission(Record):
    KIND: ClassVar[str] = "submission"
    DATE_FIELD: ClassVar[str | None] = "submitted"
    kind: Literal["submission"] = "submission"
    form: choice(FORMS) = Field(description="报送内容")  # type: ignore[valid-type]
    unit: Id = Field(description="报送单位编号")
    submitted: Date = Field(description="报送日期")
    period: Text | None = Field(None, description="所属期间:2012-05-1 / 2012-05 / 2012-Q2 / 学期名")
    to: IdList = Field((), description="报送对象单位编号(默认治安大队)")
    file: Text | None = Field(None, description="报送文件路径(相对数据文件夹)")


KINDS: Mapping[str, type[Record]] = MappingProxyType(
    {
        cls.KIND: cls
        for cls in (
            Unit,
            School,
            Vehicle,
            Inspection,
            Hazard,
            VehicleCheck,
            VehicleStatus,
            LegalVisit,
            Training,
            Education,
            Meeting,
            Operation,
            Case,
            Submission,
        )
    }
)
