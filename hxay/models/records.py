"""Stage 0, models: record kinds as pydantic models (frozen, unknown fields forbidden). No I/O.

Values arrive as the raw scalar text of the YAML source; the field types of models/fields.py
read the spellings people type. Where a record was written is a `Location` kept in the
instance dict (see `Record`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from types import MappingProxyType
from typing import Annotated, Any, ClassVar, Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, Field

from hxay.models import codes as c
from hxay.models.codes import FORMS, KIND_LABELS, SEVERITIES, UNIT_TYPES
from hxay.models.fields import (
    Bool,
    Choice,
    Count,
    Date,
    Id,
    IdList,
    PositiveCount,
    Text,
    TextList,
    choice,
)

# The label maps most users of records need, and the field types, under the records' name.
__all__ = ["FORMS", "KIND_LABELS", "SEVERITIES", "UNIT_TYPES", "Choice", "Location", "Record"]


class Strict(BaseModel):
    """Frozen, and an unknown field is an error (the loader suggests the nearest one)."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Liaison(Strict):
    name: Text = Field(description="联络员姓名")
    phone: Text | None = Field(None, description="联络员电话")


class LegalVicePrincipal(Strict):
    name: Text = Field(description="姓名")
    title: Annotated[c.LvpTitle, choice(c.LVP_TITLES)] = Field(
        "法制副校长", description="法制副校长 或 法制辅导员"
    )
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


KeyPath = tuple[str | int, ...]
Locs = Mapping[KeyPath, tuple[int, int]]


class Location(NamedTuple):
    """Where a record was written: its file (relative to the data folder), the line of its
    first key, the user's `x_*` fields as read, the positions of its values (built on
    demand), and the record's own place inside the written mapping (an inline hazard's
    `("hazards", 2)`)."""

    path: str
    line: int
    extra: dict[str, Any] | None = None
    positions: Locs | None = None
    base: KeyPath = ()


_NOWHERE = Location("", 0)
_EARLIEST = dt.date.min


def file_order(x: Record) -> tuple[str, int]:
    """(path, line): the order records are defined in. Read straight from the instance dict:
    the rules and the ledger sort every record by it."""
    src = x.__dict__.get("_src") or _NOWHERE
    return src.path, src.line


def date_order(x: Record) -> tuple[dt.date, str, int]:
    """(record date, path, line): the order evidence is counted in (no date first)."""
    values = x.__dict__
    src = values.get("_src") or _NOWHERE
    field = x.DATE_FIELD
    return (values[field] if field else None) or _EARLIEST, src.path, src.line


class Record(Strict):
    """Common fields of every record kind, and where the record was written.

    The location lives in the instance dict under `_src`, not in pydantic private
    attributes: those go through a slow `__getattr__`, and rules and reports read
    `path`/`line` of every record many times.
    """

    KIND: ClassVar[str] = ""
    DATE_FIELD: ClassVar[str | None] = None

    id: Id | None = Field(None, description="编号,全文件夹唯一")
    note: Text | None = Field(None, description="备注")

    @property
    def location(self) -> Location:
        found: Location | None = self.__dict__.get("_src")
        return found if found is not None else _NOWHERE

    @property
    def path(self) -> str:
        return self.location.path

    @property
    def line(self) -> int:
        return self.location.line

    @property
    def where(self) -> str:
        """`path:line` of the record's first key."""
        loc = self.location
        return f"{loc.path}:{loc.line}"

    @property
    def extensions(self) -> dict[str, Any]:
        """The user's own `x_*` fields, kept as read."""
        return self.location.extra or {}

    @property
    def record_date(self) -> dt.date | None:
        return self.__dict__[self.DATE_FIELD] if self.DATE_FIELD else None

    def locate(self, location: Location) -> None:
        """Say where the record was written."""
        object.__setattr__(self, "_src", location)

    def pos(self, *loc: str | int) -> tuple[int, int]:
        """(line, column) of a field's value, else of its nearest written parent."""
        where = self.location
        full = (*where.base, *loc)
        table = where.positions
        for end in range(len(full), len(where.base) - 1, -1):
            found = table.get(full[:end]) if table is not None else None
            if found is not None:
                return found
        return (where.line, 1)


class Unit(Record):
    KIND: ClassVar[str] = "unit"
    kind: Literal["unit"] = "unit"
    id: Id = Field(description="单位编号")
    name: Text = Field(description="单位名称")
    type: Annotated[c.UnitType, choice(c.UNIT_TYPES)] = Field(description="单位类型")
    liaison: Liaison | None = Field(None, description="联络员")
    parent: Id | None = Field(None, description="上级单位编号")


class School(Record):
    KIND: ClassVar[str] = "school"
    kind: Literal["school"] = "school"
    id: Id = Field(description="学校编号")
    name: Text = Field(description="学校名称")
    type: Annotated[c.SchoolType, choice(c.SCHOOL_TYPES)] = Field(description="学校类型")
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
    type: Annotated[c.VehicleType, choice(c.VEHICLE_TYPES)] = Field(
        "contracted", description="车辆类型"
    )
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
    area: Annotated[c.HazardArea, choice(c.HAZARD_AREAS)] | None = Field(
        None, description="区域(默认校内;有车辆时为车辆)"
    )
    category: Annotated[c.HazardCategory, choice(c.HAZARD_CATEGORIES)] | None = Field(
        None, description="类别"
    )
    severity: Annotated[c.Severity, choice(c.SEVERITIES)] = Field("general", description="严重程度")
    description: Text = Field(description="隐患描述")
    notice_no: Text | None = Field(None, description="整改通知书编号")
    deadline: Date | None = Field(None, description="整改期限")
    supervisor: Supervisor | None = Field(None, description="行政部门督办责任人")
    rectifier: Rectifier | None = Field(None, description="学校整改责任人")
    rectified: Date | None = Field(None, description="整改到位日期")
    verified_by: Text | None = Field(None, description="验收人")
    reviewed: Date | None = Field(None, description="复查销号日期(不早于整改到位日期)")
    reported_to_government: Date | None = Field(None, description="报告党委政府日期")

    @property
    def parent(self) -> Record | None:
        """The inspection or vehicle check this hazard was written under, if inline."""
        return self.__dict__.get("_parent")

    def set_parent(self, parent: Record) -> None:
        object.__setattr__(self, "_parent", parent)


class InlineHazard(HazardFields):
    """A hazard written under `hazards:` of an inspection or vehicle check."""

    kind: Annotated[Literal["hazard"], choice({"hazard": c.KIND_LABELS["hazard"]})] | None = Field(
        None, description="可省略"
    )


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
    type: Annotated[c.InspectionType, choice(c.INSPECTION_TYPES)] = Field(
        "routine", description="检查类型"
    )
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
    result: Annotated[c.CheckResult, choice(c.CHECK_RESULTS)] = Field(description="检查结果")
    items: dict[str, Bool] | None = Field(None, description="检查项目 -> 是否合格")
    hazards: tuple[InlineHazard, ...] = Field((), description="发现的隐患")


class VehicleStatus(Record):
    KIND: ClassVar[str] = "vehicle_status"
    DATE_FIELD: ClassVar[str | None] = "date"
    kind: Literal["vehicle_status"] = "vehicle_status"
    date: Date = Field(description="日期")
    vehicle: Id = Field(description="车辆编号")
    status: Annotated[c.VehicleStatusCode, choice(c.VEHICLE_STATUSES)] = Field(
        description="停运 或 恢复"
    )
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
    audience: Annotated[c.Audience, choice(c.AUDIENCES)] = Field(description="对象")
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
    type: Annotated[c.CaseType, choice(c.CASE_TYPES)] = Field(description="类型")
    description: Text = Field(description="简要案情")
    school: Id | None = Field(None, description="涉及学校编号")
    solved: Date | None = Field(None, description="破获/化解日期")
    persons_handled: Count | None = Field(None, description="抓获/处理人数")


class Submission(Record):
    KIND: ClassVar[str] = "submission"
    DATE_FIELD: ClassVar[str | None] = "submitted"
    kind: Literal["submission"] = "submission"
    form: Annotated[c.FormCode, choice(c.FORMS)] = Field(description="报送内容")
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
