"""Stage 3, editing: what an import workbook holds, read from the models the loader validates
with: one sheet per record kind, its columns (label, code, required mark, value type,
choices), the child sheets (hazards by `source`, a vehicle's drivers) and the 填写说明 lines.

A plain description: render/xlsx/template.py draws it, editing/importer.py maps columns back
by it, so the workbook and the reader can never disagree.
"""

from __future__ import annotations

import re
import typing
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from pydantic import BaseModel, WithJsonSchema
from pydantic.fields import FieldInfo

from hxay.editing.fields import bare, choice_of, fields_of
from hxay.models import records as r
from hxay.models import schema_types as js

STATION_KINDS = (
    "inspection",
    "hazard",
    "legal_visit",
    "education",
    "training",
    "meeting",
    "vehicle_check",
    "vehicle_status",
    "case",
    "submission",
)
"""The kinds a station records: `hxay template` with no kind writes these."""

ValueType = Literal["text", "id", "ids", "date", "count", "bool", "choice", "list", "mapping"]
TEXT_FORMAT = frozenset({"text", "id", "ids", "choice", "list", "mapping"})
"""Columns formatted as text, so a spreadsheet keeps what is typed (`0573...`, `2012-05-1`)."""
INSTRUCTIONS_SHEET = "填写说明"
IDS_SHEET = "编号"
MAX_DROPDOWN = 200
"""An id drop-down lists at most this many ids; a longer list helps nobody pick."""
DRIVERS = "drivers"


@dataclass(frozen=True)
class Column:
    """One column of a sheet: `code` is the field path (`supervisor.name`), the hidden row."""

    code: str
    label: str
    required: bool
    type: ValueType
    note: str
    choices: Mapping[str, str] = field(default_factory=dict)  # code -> Chinese label
    item: ValueType | None = None  # the value type of a mapping's entries
    ids: str | None = None  # the id list of a drop-down (IdList.name)

    @property
    def header(self) -> str:
        return self.label + ("*" if self.required else "")

    @property
    def top(self) -> str:
        return self.code.partition(".")[0]


@dataclass(frozen=True)
class Sheet:
    """A sheet: the rows of one record kind, or of a child list (`kind` then names the
    parent's field, e.g. `drivers`) linked to their parent row by `link`."""

    kind: str
    title: str
    columns: tuple[Column, ...]
    parents: tuple[str, ...] = ()
    link: str | None = None

    def column(self, code: str) -> Column | None:
        return next((c for c in self.columns if c.code == code), None)


@dataclass(frozen=True)
class IdList:
    """Ids offered in a drop-down, with the name shown beside each on the 编号 sheet."""

    name: str
    title: str
    ids: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Template:
    sheets: tuple[Sheet, ...]
    instructions: tuple[str, ...]
    id_lists: tuple[IdList, ...] = ()


def short_label(description: str) -> str:
    """A column header from a field's description: up to its first explanation."""
    return re.split(r"[((::,]| -> ", description, maxsplit=1)[0].strip() or description


def _value_type(info: FieldInfo) -> tuple[ValueType, ValueType | None]:
    base, extras = bare(info.annotation, info.metadata)
    if choice_of(extras) is not None:
        return "choice", None
    if typing.get_origin(base) is dict:
        inner = FieldInfo.from_annotation(typing.get_args(base)[1])
        return "mapping", _value_type(inner)[0]
    schemas = [x.json_schema for x in extras if isinstance(x, WithJsonSchema)]
    schema = schemas[-1] if schemas else None
    for fragment, kind in (
        (js.DATE, "date"),
        (js.COUNT, "count"),
        (js.POSITIVE_COUNT, "count"),
        (js.BOOL, "bool"),
        (js.ID, "id"),
    ):
        if schema == fragment:
            return typing.cast(ValueType, kind), None
    if isinstance(schema, dict) and "anyOf" in schema:
        return ("ids" if schema["anyOf"][0] == js.ID else "list"), None
    return "text", None


_TYPE_NOTES: Mapping[str, str] = {
    "date": "日期,如 2012-05-14 或 2012年5月14日",
    "count": "整数",
    "bool": "是 或 否",
    "id": "编号",
    "ids": "编号,多个用、分隔",
    "list": "多个用、分隔",
    "mapping": "项目:值,多项用、分隔",
}
_REFERS: Mapping[str, str] = {
    "station": "stations",
    "stations": "stations",
    "school": "schools",
    "schools": "schools",
    "vehicle": "vehicles",
    "unit": "units",
    "lead": "units",
    "to": "units",
    "parent": "units",
}


def _note(
    description: str, vtype: ValueType, choices: Mapping[str, str], item: ValueType | None
) -> str:
    if vtype == "choice":
        return f"{description};从下拉列表选择:" + "、".join(choices.values())
    if vtype == "mapping":
        example = "灭火器:是、逃生锤:否" if item == "bool" else "检查网吧:12、取缔摊点:3"
        return f"{description};写作 项目:值,多项用、分隔(如 {example})"
    hint = _TYPE_NOTES.get(vtype)
    if vtype == "id" and "编号" in description:
        hint = None
    return f"{description};{hint}" if hint else description


def _columns(model: type[BaseModel], skip: Iterable[str] = ()) -> list[Column]:
    specs = fields_of(model)
    out: list[Column] = []
    names = list(model.model_fields)
    if "note" in names:  # the common fields: the id first, the note last, as people write
        names = ["id", *(n for n in names if n not in ("id", "note")), "note"]
    for name in names:
        info = model.model_fields[name]
        key = info.alias or name
        spec = specs[key]
        if key in ("kind", *skip) or spec.shape == "models":
            continue
        required = spec.required and key != "id"  # a row without an id gets a fresh one
        if spec.shape == "model" and spec.model is not None:
            out += _nested(key, spec.description, spec.model, required)
            continue
        vtype, item = _value_type(info)
        choices = dict(spec.choices or {})
        note = _note(spec.description, vtype, choices, item)
        if key == "id":
            note += ";留空则自动编号(与 hxay new 相同);需被其他表引用时请填写"
        if vtype == "bool":
            choices = {"true": "是", "false": "否"}
        out.append(
            Column(
                key,
                short_label(spec.description),
                required,
                vtype,
                note,
                choices,
                item,
                _REFERS.get(key) if vtype in ("id", "ids") else None,
            )
        )
    return out


def _nested(head: str, description: str, model: type[BaseModel], required: bool) -> list[Column]:
    """A nested mapping (`supervisor: {name, unit}`) as one column per field."""
    parent = short_label(description)
    inner = _columns(model)
    labels = [c.label for c in inner]
    out = []
    for col in inner:
        own = col.label
        if parent not in own and (len(own) < 5 or labels.count(own) > 1):
            own = parent + own
        note = col.note if col.note.startswith(parent) else f"{parent}:{col.note}"
        note += "" if required or not col.required else ";填写本项时必填"
        ids = "units" if col.code == "unit" and col.type == "id" else None
        out.append(
            Column(
                f"{head}.{col.code}",
                own,
                required and col.required,
                col.type,
                note,
                col.choices,
                col.item,
                ids,
            )
        )
    return out


def sheet_for(kind: str) -> Sheet:
    """The sheet of a record kind."""
    model = r.KINDS[kind]
    return Sheet(kind, r.KIND_LABELS[kind], tuple(_columns(model)))


def _drivers_sheet() -> Sheet:
    link = Column("vehicle", "车辆编号", True, "id", "驾驶人所驾车辆的编号(车辆表中的编号或号牌)")
    columns = (link, *_columns(r.Driver))
    return Sheet(DRIVERS, "驾驶人", columns, ("vehicle",), "vehicle")


def _hazards_sheet() -> Sheet:
    base = sheet_for("hazard")
    columns = tuple(
        Column(
            c.code,
            "来源检查编号",
            c.required,
            c.type,
            c.note + ";填检查或车辆检查表中的编号时,发现日期、学校、车辆可空(取自该检查)",
            c.choices,
            c.item,
            c.ids,
        )
        if c.code == "source"
        else c
        for c in base.columns
    )
    return Sheet("hazard", base.title, columns, ("inspection", "vehicle_check"), "source")


def sheets(kinds: Sequence[str]) -> tuple[Sheet, ...]:
    """The sheets for these kinds, in the order given; hazards and drivers come with the
    kinds they belong to."""
    wanted = list(dict.fromkeys(kinds))
    if any(k in wanted for k in ("inspection", "vehicle_check")) and "hazard" not in wanted:
        wanted.append("hazard")
    out: list[Sheet] = []
    for kind in wanted:
        if kind == "hazard":
            out.append(_hazards_sheet())
        else:
            out.append(sheet_for(kind))
        if kind == "vehicle":
            out.append(_drivers_sheet())
    return tuple(out)


def every_sheet() -> tuple[Sheet, ...]:
    """Every sheet an import may meet (each kind, and the drivers sheet)."""
    return sheets([*r.KINDS])


_GENERAL = (
    "本工作簿用于向 hxay 导入记录:每张表对应一种记录,每行一条记录。",
    "第 1 行是列名,带 * 的为必填;第 2 行(已隐藏)是字段代码,hxay 按它识别各列,请勿删除或修改。",
    "日期写作 2012-05-14 或 2012年5月14日,也可用日期单元格;电话、编号列已设为文本格式,前导 0 会保留。",
    "有下拉列表的列请从列表中选择;多个姓名或编号用、分隔(如 王建国、李明)。",
    "编号可留空,导入时按数据文件夹的编号规则自动生成;被其他表引用的记录(如隐患所属的检查)须填写编号。",
    "隐患表的“来源检查编号”填检查表或车辆检查表中的编号,该隐患即写在那次检查之下。",
    "不需要导入的列请删除,或把列名改为以 x_ 开头(作为自定义字段保留)。空行会被跳过。",
    "填好后运行:hxay import 本文件.xlsx --to records/2012-05/本单位.yaml(先加 --dry-run 预览)。",
    "同一工作簿重复导入不会重复添加;已导入的记录若在表中被修改,导入会报错并指出差异。",
)


def build(kinds: Sequence[str], id_lists: Sequence[IdList] = ()) -> Template:
    """The template for these kinds; `id_lists` offers drop-downs of the folder's ids."""
    chosen = sheets(kinds)
    offered = {x.name for x in id_lists}
    lines = list(_GENERAL)
    final = []
    for sheet in chosen:
        cols = tuple(c if c.ids in offered else _no_ids(c) for c in sheet.columns)
        final.append(Sheet(sheet.kind, sheet.title, cols, sheet.parents, sheet.link))
    return Template(tuple(final), tuple(lines), tuple(id_lists))


def id_lists(records: Iterable[r.Record], unit: str | None = None) -> list[IdList]:
    """The folder's ids a drop-down can offer: units, stations, and the schools and vehicles
    (of `unit`'s schools when given); a list longer than MAX_DROPDOWN is left out."""
    kept = list(records)
    units = [x for x in kept if isinstance(x, r.Unit)]
    schools = [x for x in kept if isinstance(x, r.School) and unit in (None, x.station)]
    own = {x.id for x in schools}
    vehicles = [x for x in kept if isinstance(x, r.Vehicle) and x.school in own]
    found = [
        IdList("units", "单位", tuple((x.id, x.name) for x in units)),
        IdList(
            "stations",
            "派出所",
            tuple((x.id, x.name) for x in units if x.type == "police_station"),
        ),
        IdList("schools", "学校", tuple((x.id, x.name) for x in schools)),
        IdList("vehicles", "车辆", tuple((x.id, x.plate) for x in vehicles)),
    ]
    return [x for x in found if 0 < len(x.ids) <= MAX_DROPDOWN]


def _no_ids(col: Column) -> Column:
    if col.ids is None:
        return col
    return Column(col.code, col.label, col.required, col.type, col.note, col.choices, col.item)
