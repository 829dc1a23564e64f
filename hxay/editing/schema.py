"""Stage 3, editing: the JSON Schema of the data folder, generated from the pydantic models.

One document (draft-07, what YAML language servers read best) covers both campaign.yaml and
the record files, told apart by their keys, so one schema association serves a whole data
folder. It follows the loader: scalars may be text or what an editor's YAML parser makes of
them, an empty value means "absent", `x_*` fields are the user's own. What only the whole
folder can tell (references, duplicate ids, date order) stays with `hxay validate`. The
obligations' parameters come from the rule registry. No I/O.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel, Field, create_model
from pydantic.json_schema import JsonSchemaMode, models_json_schema

from hxay.models import records as r
from hxay.models import schema_types as js
from hxay.models.campaign import Campaign
from hxay.models.json import JSON, JSONObject
from hxay.models.measures import MEASURES
from hxay.rules.registry import OBLIGATIONS

DIALECT = "http://json-schema.org/draft-07/schema#"
_REF = "#/definitions/"

KIND_DESCRIPTIONS = {
    "unit": "单位:公安局、治安大队、派出所、交警大队、交通局、教育局等",
    "school": "学校或幼儿园",
    "vehicle": "学生接送车辆(校车、接送学生车辆)",
    "inspection": "校园安保检查;发现的隐患可写在 hazards 下",
    "hazard": "安全隐患及其整改",
    "vehicle_check": "校车(接送车辆)及驾驶人安全隐患排查",
    "vehicle_status": "车辆禁止接送(停运)或恢复",
    "legal_visit": "法制副校长(法制辅导员)到校工作",
    "training": "校园安保力量培训",
    "education": "安全防范教育",
    "meeting": "校园安全保卫工作联席会议",
    "operation": "校园及周边治安环境集中整治行动",
    "case": "涉校案事件",
    "submission": "报送记录(统计报表、上月工作情况、隐患学校名单等)",
}
_NESTED_DESCRIPTIONS = {
    "Liaison": "联络员",
    "LegalVicePrincipal": "法制副校长(或法制辅导员)",
    "Driver": "驾驶人",
    "Supervisor": "行政部门督办责任人",
    "Rectifier": "学校整改责任人",
    "InlineHazard": "写在检查或车辆检查 hazards 下的隐患;kind 可省略,发现日期、学校或车辆默认取所在记录",
    "Term": "学期",
    "FormIndicator": "统计报表的一个指标",
    "FormHeader": "统计报表的表头和表尾(均可省略;省略的项打印为空白横线,手工填写)",
    "Forms": "报表设置",
    "ObligationsConfig": "各项义务的参数;未列出的义务按默认值检查",
    "Campaign": "活动设置 campaign.yaml:活动、学期和各项义务的参数",
}
# Submission periods by form, as loading/parse.py normalises them (a test keeps them equal).
_MONTH = rf"{js.DIGIT}{{4}}-{js.MONTH}"
PERIOD_PATTERNS = {
    "stats_form": rf"^\s*{_MONTH}(?:-[12]|[上下])\s*$",
    "monthly_work": rf"^\s*{_MONTH}\s*$",
    "gov_briefing": None,  # a month, a quarter, a term name or `campaign`: any text
}


def _object(value: JSON) -> JSONObject:
    """`value` where the schema has an object (pydantic's output and this module's)."""
    if not isinstance(value, dict):
        raise TypeError(f"not a JSON Schema object: {value!r}")
    return value


def _list(value: JSON) -> list[JSON]:
    """`value` where the schema has an array (`anyOf`, `required`)."""
    if not isinstance(value, list):
        raise TypeError(f"not a JSON Schema array: {value!r}")
    return value


def _at(node: JSON, *keys: str) -> JSONObject:
    """The schema object reached from `node` through `keys`, an object at each step."""
    found = _object(node)
    for key in keys:
        found = _object(found[key])
    return found


def _walk(node: JSON) -> Iterator[JSONObject]:
    """Every schema object below `node` (not the names under `properties`)."""
    if isinstance(node, dict):
        yield node
        for key, value in node.items():
            if key in ("properties", "definitions", "patternProperties"):
                for sub in _object(value).values():
                    yield from _walk(sub)
            elif key != "enum" and key != "default":
                yield from _walk(value)
    elif isinstance(node, list):
        for item in node:
            yield from _walk(item)


def _tidy(node: JSONObject) -> None:
    """pydantic's draft 2020-12 output in draft-07 terms, without its English titles."""
    for obj in _walk(node):
        obj.pop("title", None)
        if isinstance(obj.get("default"), dict):
            obj.pop("default")
        if "prefixItems" in obj:
            obj["items"] = obj.pop("prefixItems")
            obj["additionalItems"] = False
        ref = obj.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/$defs/"):
            obj["$ref"] = _REF + ref.removeprefix("#/$defs/")


# Value spellings used by many fields: defined once, referred to from each field.
_SHARED: dict[str, JSONObject] = {
    "date": js.DATE,
    "count": js.COUNT,
    "positive_count": js.POSITIVE_COUNT,
    "bool": js.BOOL,
    "id": js.ID,
}


def _share(defs: JSONObject) -> None:
    """Replace each inlined spelling by a reference, keeping the field's own description
    (beside `allOf`, since draft-07 ignores what stands beside a `$ref`)."""
    for obj in list(_walk(defs)):
        for name, fragment in _SHARED.items():
            keys = [k for k in fragment if k != "description"]
            if all(k in obj and obj[k] == fragment[k] for k in keys):
                for k in keys:
                    del obj[k]
                obj["allOf"] = [{"$ref": _REF + name}]
                break
    for name, fragment in _SHARED.items():
        defs[name] = copy.deepcopy(fragment)


def _refs(node: JSON) -> set[str]:
    return {ref.removeprefix(_REF) for o in _walk(node) if isinstance(ref := o.get("$ref"), str)}


def _nullable(schema: JSONObject) -> JSONObject:
    """`schema`, or an empty value (which the loader reads as "absent")."""
    options = _list(schema.get("anyOf", []))
    if any(_object(o).get("type") == "null" for o in options):
        return schema
    keep: JSONObject = {k: schema.pop(k) for k in ("description", "default") if k in schema}
    return {"anyOf": [schema, {"type": "null"}], **keep}


def _as_record_part(definition: JSONObject) -> None:
    """Record mappings: `x_*` keys are free, an optional field may be left empty."""
    for obj in _walk(definition):
        if obj.get("type") == "object" and obj.get("additionalProperties") is False:
            obj["patternProperties"] = {"^x_": {}}
        extra = obj.get("additionalProperties")
        if isinstance(extra, dict):
            obj["additionalProperties"] = _nullable(extra)  # items: / results: values
    required = set(_list(definition.get("required", [])))
    props = _object(definition.get("properties", {}))
    for name in list(props):
        if name not in required:
            props[name] = _nullable(_object(props[name]))


def _kind_matcher(kind: str) -> JSONObject:
    label = r.KIND_LABELS[kind]
    return {
        "anyOf": [
            {"enum": [kind, label]},
            {"type": "string", "pattern": js.words_pattern([kind], [label])},
        ]
    }


def _kind_property(description: str) -> JSONObject:
    return {**js.choice(r.KIND_LABELS), "description": description}


def _not_empty(name: str) -> JSONObject:
    return {"required": [name], "properties": {name: {"not": {"type": "null"}}}}


def _form_is(form: str) -> JSONObject:
    return {
        "required": ["form"],
        "properties": {"form": js.choice({form: r.FORMS[form]})["anyOf"][1]},
    }


def _submission_periods() -> list[JSON]:
    rules: list[JSON] = []
    for form, pattern in PERIOD_PATTERNS.items():
        needs = _not_empty("period")
        if pattern is not None:
            _at(needs, "properties")["period"] = {"type": "string", "pattern": pattern}
        rules.append({"if": _form_is(form), "then": needs})
    others = [f for f in r.FORMS if f not in PERIOD_PATTERNS]
    rules.append(
        {
            "if": {
                "required": ["form"],
                "properties": {"form": js.choice({f: r.FORMS[f] for f in others})["anyOf"][1]},
            },
            "then": {"properties": {"period": {"type": "null"}}},
        }
    )
    return rules


def _record_definitions(defs: JSONObject) -> JSONObject:
    """One definition per record kind, with its `kind` and the rules across fields."""
    for kind, cls in r.KINDS.items():
        d = _at(defs, cls.__name__)
        d["title"] = f"{kind} {r.KIND_LABELS[kind]}"
        d["description"] = KIND_DESCRIPTIONS[kind]
        d["properties"] = {
            "kind": _kind_property(f"记录种类:{kind} {r.KIND_LABELS[kind]}"),
            **{k: v for k, v in _at(d, "properties").items() if k != "kind"},
        }
        d["required"] = ["kind", *(n for n in _list(d.get("required", [])) if n != "kind")]
    hazard = _at(defs, r.Hazard.__name__)
    hazard["anyOf"] = [_not_empty("school"), _not_empty("vehicle")]
    _at(defs, r.Submission.__name__)["allOf"] = _submission_periods()
    inline = _at(defs, r.InlineHazard.__name__, "properties")
    inline["kind"] = {"enum": ["hazard", None], "description": "可省略;写则为 hazard"}
    return defs


def campaign_model() -> type[BaseModel]:
    """campaign.yaml as one model for the schema: `obligations` with a mapping per
    obligation of the registry (the loader validates each with its own model)."""
    # Any: create_model takes the fields as keyword arguments beside its own typed options
    # (`__base__`, `__config__`, ...), which no other value type of a mapping passes.
    fields: dict[str, Any] = {
        ob.id: (ob.params, Field(default_factory=ob.params)) for ob in OBLIGATIONS
    }
    config = create_model("ObligationsConfig", __base__=r.Strict, **fields)
    model: type[BaseModel] = create_model(
        "Campaign",
        __base__=Campaign,
        obligations=(config, Field(default_factory=config, description="各项义务的参数")),
    )
    return model


def _campaign_definitions(defs: JSONObject) -> None:
    obligations = _at(defs, "ObligationsConfig", "properties")
    for ob in OBLIGATIONS:
        text = f"{ob.id}:{ob.duty.zh}。方案{ob.source.section}:“{ob.source.sentence}”"
        obligations[ob.id] = {"anyOf": [obligations[ob.id], {"type": "null"}], "description": text}
        _at(defs, ob.params.__name__)["description"] = text
    measure = _at(defs, "FormIndicator", "properties", "measure")
    measure["enum"] = [m.id for m in MEASURES]
    measure["description"] = "指标代码:" + "、".join(f"{m.id} {m.label.zh}" for m in MEASURES)
    top = _at(defs, "Campaign")
    props = _at(top, "properties")
    for name in props:
        if name not in _list(top.get("required", [])):
            props[name] = _nullable(_at(props, name))


def campaign_only_keys() -> tuple[str, ...]:
    """Keys of campaign.yaml that no record has: they tell the campaign file apart."""
    record_keys = {name for cls in r.KINDS.values() for name in cls.model_fields}
    return tuple(
        (f.alias or name)
        for name, f in Campaign.model_fields.items()
        if (f.alias or name) not in record_keys
    )


def build_schema() -> dict[str, object]:
    """The JSON Schema of every file hxay reads: campaign.yaml and the record files."""
    models: list[tuple[type[BaseModel], JsonSchemaMode]] = [
        (cls, "validation") for cls in r.KINDS.values()
    ]
    models.append((campaign_model(), "validation"))
    _, top = models_json_schema(models)
    defs: JSONObject = copy.deepcopy(top["$defs"])
    _tidy(defs)
    _share(defs)
    for name in defs:
        definition = _at(defs, name)
        definition.pop("description", None)  # developer docstrings, in English
        if name in _NESTED_DESCRIPTIONS:
            definition["description"] = _NESTED_DESCRIPTIONS[name]
    record_defs: set[str] = set()
    todo = [cls.__name__ for cls in r.KINDS.values()]
    while todo:
        name = todo.pop()
        if name not in record_defs:
            record_defs.add(name)
            todo.extend(_refs(defs[name]))
    for name in record_defs:
        _as_record_part(_at(defs, name))
    _record_definitions(defs)
    _campaign_definitions(defs)

    dispatch: list[JSON] = [
        {"if": {"required": ["kind"], "properties": {"kind": _kind_matcher(kind)}},
         "then": {"$ref": _REF + cls.__name__}}
        for kind, cls in r.KINDS.items()
    ]  # fmt: skip
    defs["record"] = {
        "type": "object",
        "description": "一条记录:以 kind 开头的映射",
        "required": ["kind"],
        "properties": {"kind": _kind_property("记录种类")},
        "allOf": dispatch,
    }
    defs["item"] = {
        "description": "一条记录;只有 x_ 键的映射用来存放锚点,会被忽略;空项会被忽略",
        "if": {
            "anyOf": [
                {"type": "null"},
                {"type": "object", "minProperties": 1, "propertyNames": {"pattern": "^x_"}},
            ]
        },
        "then": True,
        "else": {"$ref": _REF + "record"},
    }
    defs["records"] = {
        "description": "记录文件中的一个文档:一条记录或记录列表",
        "if": {"type": "array"},
        "then": {"items": {"$ref": _REF + "item"}},
        "else": {"$ref": _REF + "item"},
    }
    campaign_file: JSONObject = {
        "type": "object",
        "not": {"required": ["kind"]},
        "anyOf": [{"required": [key]} for key in campaign_only_keys()],
    }
    return {
        "$schema": DIALECT,
        "title": "hxay 数据文件(平湖市“护校安园”专项行动台账)",
        "description": (
            "campaign.yaml(活动设置)或记录文件(单位、学校、车辆、检查、隐患……)。"
            "由 hxay schema 根据 hxay 读取数据所用的模型生成;引用、重复编号等跨文件问题由 hxay validate 检查。"
        ),
        "definitions": defs,
        "if": campaign_file,
        "then": {"$ref": _REF + "Campaign"},
        "else": {"$ref": _REF + "records"},
    }
