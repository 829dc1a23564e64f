"""Stage 1, loading: `hxay new`, a record skeleton written from the models, and its safe append.

The skeleton has every required field (an empty value with a comment where it is not
given), the record's date and a fresh id in the folder's own pattern. Appending tries the
whole folder with the new content first (`load(overrides=...)`) and writes atomically only
when the record loads and no new error appears.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import types
import typing
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ValidationError

from hxay.loading.atomic import write_atomic
from hxay.loading.discover import CAMPAIGN_FILE, list_files
from hxay.loading.errors import diagnostics_from, did_you_mean
from hxay.loading.load import load
from hxay.loading.parse import kind_of
from hxay.loading.yamlsrc import RawRecord, read_records
from hxay.models import records as r
from hxay.models.diagnostics import Diagnostic
from hxay.models.text import Lang, Msg
from hxay.models.values import BadValue, parse_id

# `<prefix>-<yyyymmdd>-<n>` when the folder shows no pattern of its own for the kind
PREFIXES: Mapping[str, str] = types.MappingProxyType(
    {
        "unit": "unit",
        "school": "sch",
        "vehicle": "veh",
        "inspection": "insp",
        "hazard": "hz",
        "vehicle_check": "vc",
        "vehicle_status": "vs",
        "legal_visit": "lv",
        "training": "tr",
        "education": "edu",
        "meeting": "mt",
        "operation": "op",
        "case": "case",
        "submission": "sub",
    }
)
# Kinds whose ids are numbered within a group (schools: `sch-dh-01` within a station).
GROUP_FIELD: Mapping[str, str] = types.MappingProxyType({"school": "station"})
PERIOD_FORMS = ("stats_form", "monthly_work", "gov_briefing")
_LIST_SEPARATORS = re.compile(r"[,，、;；]")

Shape = Literal["scalar", "list", "model", "models", "mapping"]


class UsageProblem(Exception):
    """What the command line asked for cannot be done (exit 2)."""

    def __init__(self, msg: Msg) -> None:
        super().__init__(msg.en)
        self.msg = msg


class Refused(Exception):
    """The target file cannot take the record (exit 1); nothing was written."""

    def __init__(self, msg: Msg) -> None:
        super().__init__(msg.en)
        self.msg = msg


@dataclass(frozen=True)
class FieldSpec:
    """What `new` needs to know about one field of a record kind."""

    name: str
    description: str
    required: bool
    shape: Shape
    model: type[BaseModel] | None = None
    choices: Mapping[str, str] | None = None


def _without_none(annotation: Any) -> Any:
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return args[0] if len(args) == 1 else annotation
    return annotation


def _choices(annotation: Any, metadata: Iterable[Any]) -> Mapping[str, str] | None:
    extras = list(metadata)
    if typing.get_origin(annotation) is typing.Annotated:
        extras += typing.get_args(annotation)[1:]
    for item in extras:
        if isinstance(item, r.ChoiceInfo):
            return item.labels
    return None


def _is_model(t: Any) -> bool:
    return isinstance(t, type) and issubclass(t, BaseModel)


def fields_of(model: type[BaseModel]) -> dict[str, FieldSpec]:
    """The fields of a model in declaration order, by the name written in YAML."""
    out: dict[str, FieldSpec] = {}
    for name, info in model.model_fields.items():
        key = info.alias or name
        ann = _without_none(info.annotation)
        base = typing.get_args(ann)[0] if typing.get_origin(ann) is typing.Annotated else ann
        origin = typing.get_origin(base)
        shape: Shape = "scalar"
        inner: type[BaseModel] | None = None
        if _is_model(base):
            shape, inner = "model", base
        elif origin in (tuple, list):
            args = typing.get_args(base)
            item = _without_none(args[0]) if args else None
            if _is_model(item):
                shape, inner = "models", item
            else:
                shape = "list"
        elif origin is dict:
            shape = "mapping"
        out[key] = FieldSpec(
            name=key,
            description=info.description or key,
            required=info.is_required(),
            shape=shape,
            model=inner,
            choices=_choices(ann, info.metadata),
        )
    return out


def resolve_kind(word: str) -> str:
    """A record kind from its code or Chinese label, as `kind:` is read."""
    text = word.strip()
    for code, label in r.KIND_LABELS.items():
        if text in (code, label) or text.lower() == code:
            return code
    hint = did_you_mean(text, r.KINDS)
    known = ", ".join(r.KINDS)
    raise UsageProblem(
        Msg(
            f"未知的记录种类 '{text}'{hint.zh};可用:{known}",
            f"unknown record kind '{text}'{hint.en}; known kinds: {known}",
        )
    )


def _split(value: str) -> list[str]:
    return [p.strip() for p in _LIST_SEPARATORS.split(value) if p.strip()]


def _unknown(key: str, choices: Iterable[str], where: Msg) -> UsageProblem:
    hint = did_you_mean(key, choices)
    return UsageProblem(
        Msg(
            f"'{key}' 不是{where.zh}的字段{hint.zh}",
            f"'{key}' is not a field of {where.en}{hint.en}",
        )
    )


def parse_assignments(kind: str, pairs: Sequence[str]) -> dict[str, Any]:
    """`field=value` arguments as the plain data YAML would give: text, lists, mappings.

    A list field takes a comma list; `drivers=张三,李四` names drivers; `supervisor.unit=edu`
    sets one field of a nested mapping, `supervisor=陈伟` its first field; `items.灭火器=是`
    one entry of a free mapping; `x_*` fields are the user's own.
    """
    specs = fields_of(r.KINDS[kind])
    label = Msg(r.KIND_LABELS[kind], kind)
    given: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        key = key.strip()
        if not sep or not key:
            raise UsageProblem(
                Msg(
                    f"'{pair}' 应写作 字段=值(如 school=sch-dh-01)",
                    f"'{pair}' should be field=value (e.g. school=sch-dh-01)",
                )
            )
        head, dot, sub = key.partition(".")
        if head.startswith("x_") and not dot:
            given[head] = value
            continue
        if head == "kind" or head not in specs:
            raise _unknown(head, [s for s in specs if s != "kind"], label)
        spec = specs[head]
        if dot:
            if spec.shape == "mapping":
                given.setdefault(head, {})[sub] = value
                continue
            if spec.shape != "model" or spec.model is None:
                raise UsageProblem(
                    Msg(
                        f"'{head}' 不是映射,不能写 '{key}'",
                        f"'{head}' is not a mapping; '{key}' cannot be set",
                    )
                )
            inner = fields_of(spec.model)
            if sub not in inner:
                raise _unknown(sub, inner, Msg(head, head))
            given.setdefault(head, {})[sub] = value
        elif spec.shape == "list":
            given[head] = _split(value)
        elif spec.shape == "models" and spec.model is not None:
            first = next(iter(fields_of(spec.model)))
            given[head] = [{first: name} for name in _split(value)]
        elif spec.shape == "model" and spec.model is not None:
            first = next(iter(fields_of(spec.model)))
            given.setdefault(head, {})[first] = value
        elif spec.shape == "mapping":
            raise UsageProblem(
                Msg(
                    f"'{head}' 是映射,请写 {head}.项目=值",
                    f"'{head}' is a mapping; write {head}.ITEM=VALUE",
                )
            )
        else:
            given[head] = value
    return given


@dataclass
class Existing:
    """The ids already in the folder (every kind, inline hazards and broken records too)."""

    ids: set[str] = field(default_factory=set)
    by_kind: dict[str, list[tuple[str, Mapping[str, Any]]]] = field(default_factory=dict)

    def add(self, kind: str | None, data: Mapping[str, Any]) -> None:
        ident = data.get("id")
        if not isinstance(ident, str) or not ident.strip():
            return
        self.ids.add(ident.strip())
        if kind is not None:
            self.by_kind.setdefault(kind, []).append((ident.strip(), data))


def scan(root: Path) -> Existing:
    """Every id written in the folder's record files, by kind."""
    found = Existing()
    for rel in list_files(root).records:
        try:
            raws, _ = read_records(rel, (root / rel).read_bytes())
        except OSError:
            continue
        for raw in raws:
            kind, _ = kind_of(raw)
            found.add(kind, raw.data)
            inline = raw.data.get("hazards")
            if kind in ("inspection", "vehicle_check") and isinstance(inline, list):
                for item in inline:
                    if isinstance(item, dict):
                        found.add("hazard", item)
    return found


_YEAR_SEQ = re.compile(r"(?P<stem>.+?-)(?P<year>(?:19|20)\d\d)-(?P<n>\d+)")
_DAY_SEQ = re.compile(r"(?P<stem>.+?-)(?P<day>\d{8})-(?P<n>\d+)")
_SEQ = re.compile(r"(?P<stem>.*[-_.])(?P<n>\d{1,5})")  # longer numbers are dates or plates


def _next_in(
    ids: Sequence[str], pattern: re.Pattern[str], key: str | None, value: str, taken: set[str]
) -> str | None:
    """The next id of the most common stem of `pattern`, if at least half the ids have it.

    `key`/`value`: the group (year or day) the numbering restarts in; `None` numbers on.
    """
    matches = [m for m in (pattern.fullmatch(i) for i in ids) if m is not None]
    if not matches:
        return None
    stem, count = Counter(m["stem"] for m in matches).most_common(1)[0]
    if count * 2 < len(ids):
        return None
    same = [m for m in matches if m["stem"] == stem]
    width = max(len(m["n"]) for m in same)
    numbers = [int(m["n"]) for m in same if key is None or m[key] == value]
    n = max(numbers, default=0) + 1
    middle = f"{value}-" if key is not None else ""
    while f"{stem}{middle}{n:0{width}d}" in taken:
        n += 1
    return f"{stem}{middle}{n:0{width}d}"


def fresh_id(kind: str, day: dt.date, given: Mapping[str, Any], existing: Existing) -> str:
    """An id unique in the folder: the folder's own numbering for the kind where it has one
    (`hz-2012-0321` after `hz-2012-0320`, `sch-dh-31` among a station's schools, a vehicle's
    plate), else `<prefix>-<yyyymmdd>-<n>`."""
    taken = existing.ids
    plate = given.get("plate")
    if kind == "vehicle" and isinstance(plate, str) and plate.strip() not in taken:
        try:
            return parse_id(plate)
        except BadValue:
            pass
    records = existing.by_kind.get(kind, [])
    group = GROUP_FIELD.get(kind)
    if group is not None:
        value = given.get(group)
        records = [(i, d) for i, d in records if value is not None and d.get(group) == value]
    ids = [i for i, _ in records]
    ymd = day.strftime("%Y%m%d")
    found = (
        _next_in(ids, _YEAR_SEQ, "year", str(day.year), taken)
        or _next_in(ids, _DAY_SEQ, "day", ymd, taken)
        or _next_in(ids, _SEQ, None, "", taken)
    )
    if found is not None:
        return found
    n = 1
    while f"{PREFIXES[kind]}-{ymd}-{n}" in taken:
        n += 1
    return f"{PREFIXES[kind]}-{ymd}-{n}"


@dataclass(frozen=True)
class Placeholder:
    """A required value not given: written empty, with a comment saying what goes there."""

    comment: str


def _comment(spec: FieldSpec, lang: Lang, extra: Msg | None = None) -> str:
    if lang == "zh":
        text = f"必填:{spec.description}"
        if spec.choices:
            text += ";可选 " + "、".join(
                f"{c} {lab}" if c != lab else c for c, lab in spec.choices.items()
            )
    else:
        text = f"required: {spec.name}"
        if spec.choices:
            text += "; one of " + ", ".join(spec.choices)
    if extra is not None:
        text += extra.render(lang)
    return text


def _plain_ok(text: str, flow: bool) -> bool:
    """Whether `text` written unquoted reads back as exactly this text (and not as empty)."""
    if not text or text != text.strip() or "\n" in text:
        return False
    source = f"k: [{text}]\n" if flow else f"k: {text}\n"
    try:
        node = yaml.compose(source, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return False
    if not isinstance(node, yaml.MappingNode) or len(node.value) != 1:
        return False
    value = node.value[0][1]
    if flow:
        if not isinstance(value, yaml.SequenceNode) or len(value.value) != 1:
            return False
        value = value.value[0]
    return (
        isinstance(value, yaml.ScalarNode)
        and not value.style
        and value.value == text
        and value.tag != "tag:yaml.org,2002:null"
        and not text.startswith(("!", "&", "*", "<<"))
    )


def yaml_text(text: str, *, flow: bool = False) -> str:
    """A scalar as YAML that hxay reads back as exactly `text`: plain when it can be."""
    return text if _plain_ok(text, flow) else json.dumps(text, ensure_ascii=False)


def _lines(data: Mapping[str, Any], indent: str = "") -> list[str]:
    out: list[str] = []
    for key, value in data.items():
        k = yaml_text(key)
        if isinstance(value, Placeholder):
            out.append(f"{indent}{k}:   # {value.comment}")
        elif isinstance(value, Mapping):
            out.append(f"{indent}{k}:")
            out += _lines(value, indent + "  ")
        elif isinstance(value, list) and value and isinstance(value[0], Mapping):
            out.append(f"{indent}{k}:")
            for item in value:
                inner = _lines(item, indent + "    ")
                out.append(f"{indent}  - {inner[0].lstrip()}")
                out += inner[1:]
        elif isinstance(value, list):
            out.append(f"{indent}{k}: [{', '.join(yaml_text(v, flow=True) for v in value)}]")
        else:
            out.append(f"{indent}{k}: {yaml_text(str(value))}")
    return out


@dataclass(frozen=True)
class Skeleton:
    """A new record: its lines as a mapping, the id it got, and what is still to fill in."""

    kind: str
    record_id: str
    lines: tuple[str, ...]
    missing: tuple[str, ...]

    def as_item(self) -> str:
        """The record as a list item, the way record files are written."""
        first, *rest = self.lines
        return "\n".join([f"- {first}", *(f"  {line}" for line in rest)]) + "\n"


def _fill_model(
    spec: FieldSpec, value: Any, lang: Lang, missing: list[str], path: str
) -> dict[str, Any]:
    """A nested mapping as given, with placeholders for its own required fields."""
    assert spec.model is not None
    inner = fields_of(spec.model)
    out: dict[str, Any] = {}
    for name, sub in inner.items():
        if name in value:
            out[name] = value[name]
        elif sub.required:
            out[name] = Placeholder(_comment(sub, lang))
            missing.append(f"{path}.{name}")
    return out


def _form_code(form: Any) -> str | None:
    spec = fields_of(r.Submission)["form"]
    for code, label in (spec.choices or {}).items():
        if isinstance(form, str) and form.strip() in (code, label):
            return code
    return None


def skeleton(
    kind: str, given: Mapping[str, Any], day: dt.date, existing: Existing, lang: Lang
) -> Skeleton:
    """Every required field (given, or a placeholder), the date, a fresh id, then the rest."""
    model = r.KINDS[kind]
    specs = fields_of(model)
    ident = given.get("id")
    record_id = ident if isinstance(ident, str) else fresh_id(kind, day, given, existing)
    data: dict[str, Any] = {"kind": kind, "id": record_id}
    if model.DATE_FIELD is not None:
        data[model.DATE_FIELD] = given.get(model.DATE_FIELD, day.isoformat())
    wanted = [name for name, spec in specs.items() if spec.required and name not in data]
    if kind == "hazard" and "vehicle" not in given:
        wanted.insert(wanted.index("description"), "school")
    if kind == "submission" and ("form" not in given or _form_code(given["form"]) in PERIOD_FORMS):
        wanted.append("period")
    missing: list[str] = []
    for name in wanted:
        spec = specs[name]
        if name in given:
            value = given[name]
            if spec.shape == "model" and isinstance(value, dict):
                value = _fill_model(spec, value, lang, missing, name)
            data[name] = value
        elif spec.shape == "models":
            data[name] = [_fill_model(spec, {}, lang, missing, f"{name}[0]")]
        else:
            missing.append(name)
            data[name] = Placeholder(_comment(spec, lang, _HINTS.get((kind, name))))
    for name, spec in specs.items():
        if name in given and name not in data:
            value = given[name]
            if spec.shape == "model" and isinstance(value, dict):
                value = _fill_model(spec, value, lang, missing, name)
            data[name] = value
    data.update({k: v for k, v in given.items() if k.startswith("x_")})
    return Skeleton(kind, record_id, tuple(_lines(data)), tuple(missing))


_HINTS: Mapping[tuple[str, str], Msg] = types.MappingProxyType(
    {
        ("hazard", "school"): Msg(
            "(车辆上的隐患改写 vehicle: 车辆编号)", " (or vehicle: for a hazard on a vehicle)"
        ),
        ("submission", "period"): Msg(
            "(stats_form 写 2012-05-1 或 2012-05-2,monthly_work 写 2012-05,"
            "gov_briefing 写 2012-Q2 等;其他报送内容删去此行)",
            " (stats_form: 2012-05-1, monthly_work: 2012-05, gov_briefing: 2012-Q2; "
            "delete the line for other forms)",
        ),
    }
)


def check_given(kind: str, given: Mapping[str, Any]) -> list[Diagnostic]:
    """Problems of the given values alone (a bad date, an unknown code), missing fields aside."""
    model = r.KINDS[kind]
    data = {"kind": kind, **{k: v for k, v in given.items() if not k.startswith("x_")}}
    try:
        model.model_validate(data)
    except ValidationError as exc:
        raw = RawRecord("<new>", 1, 1, data)
        label = Msg(r.KIND_LABELS[kind], kind)
        found = diagnostics_from(exc, raw, model, label)
        return [d for d in found if d.code != "E-missing-field"]
    return []


def _relative(root: Path, target: Path) -> str:
    """The target's path as the folder names it, or a usage problem when hxay would not read it."""
    rel = Path(os.path.relpath(target.absolute(), root.absolute()))
    parts = rel.parts
    where = Msg(f"(数据文件夹:{root})", f" (data folder: {root})")
    if not parts or parts[0] == ".." or rel.is_absolute():
        raise UsageProblem(
            Msg(
                f"--to {target}:文件必须在数据文件夹中" + where.zh,
                f"--to {target}: the file must be inside the data folder" + where.en,
            )
        )
    name = rel.as_posix()
    if name == CAMPAIGN_FILE or any(p.startswith((".", "_")) for p in parts):
        raise UsageProblem(
            Msg(
                f"--to {target}:hxay 不把这个文件当作记录读取",
                f"--to {target}: hxay does not read this file as records",
            )
        )
    if rel.suffix.lower() not in (".yaml", ".yml"):
        raise UsageProblem(
            Msg(
                f"--to {target}:记录文件的扩展名应为 .yaml 或 .yml",
                f"--to {target}: a record file ends in .yaml or .yml",
            )
        )
    return name


_BOM = b"\xef\xbb\xbf"


def appended(raw: bytes, record: Skeleton) -> tuple[bytes, int]:
    """The file with the record added, and the line of the record's first key.

    A list item when the file's last document is a block list, else a new `---` document;
    an empty file starts a list. The file's BOM and line endings are kept.
    """
    bom = raw.startswith(_BOM)
    try:
        text = raw[len(_BOM) if bom else 0 :].decode("utf-8")
    except UnicodeDecodeError:
        raise Refused(
            Msg(
                "文件不是 UTF-8 编码,未写入;请先另存为 UTF-8(hxay validate 会说明)",
                "the file is not UTF-8, nothing written; save it as UTF-8 first "
                "(hxay validate says more)",
            )
        ) from None
    newline = "\r\n" if "\r\n" in text else "\n"
    text = text.replace("\r\n", "\n")
    try:
        events = list(yaml.parse(text, Loader=yaml.SafeLoader))
    except yaml.YAMLError:
        raise Refused(
            Msg(
                "文件不是有效的 YAML,未写入;请先改正(hxay validate 会说明)",
                "the file is not valid YAML, nothing written; fix it first "
                "(hxay validate says where)",
            )
        ) from None
    starts = [i for i, e in enumerate(events) if isinstance(e, yaml.DocumentStartEvent)]
    column: int | None = 0  # where list items go; None: a new document
    if starts:
        top = events[starts[-1] + 1]
        end = next(e for e in events[starts[-1] :] if isinstance(e, yaml.DocumentEndEvent))
        empty = isinstance(top, yaml.ScalarEvent) and top.value in ("", "~", "null")
        if end.explicit:
            column = None  # `...` closed the document: what follows would be a new one anyway
        elif isinstance(top, yaml.SequenceStartEvent) and not top.flow_style and top.start_mark:
            column = top.start_mark.column
        elif not empty:
            column = None
    if column is None:
        block = ["---", *record.lines]
        first = 1
    else:
        pad = " " * column
        block = [pad + line for line in record.as_item().rstrip("\n").split("\n")]
        first = 0
    if text and not text.endswith("\n"):
        text += "\n"
    if text.strip() and not text.endswith("\n\n"):
        text += "\n"
    line = text.count("\n") + 1 + first
    out = (text + "\n".join(block) + "\n").replace("\n", newline)
    return (_BOM if bom else b"") + out.encode("utf-8"), line


@dataclass
class Added:
    """What `new --to` did: where the record went, or the new errors that stopped it."""

    path: str
    line: int
    written: bool
    problems: list[Diagnostic]
    earlier_errors: int


def add_to_file(root: Path, target: Path, record: Skeleton) -> Added:
    """Append the record to `target` if the whole folder still loads with it; atomically."""
    rel = _relative(root, target)
    path = root / rel
    raw = path.read_bytes() if path.exists() else b""
    content, line = appended(raw, record)
    after = load(root, overrides={rel: content})
    model = r.KINDS[record.kind]
    kept = any(x.id == record.record_id and isinstance(x, model) for x in after.kept)
    new_errors: list[Diagnostic] = []
    earlier = 0
    if after.errors:
        before = {(d.path, d.line, d.column, d.code, d.msg) for d in load(root).errors}
        new_errors = [
            d for d in after.errors if (d.path, d.line, d.column, d.code, d.msg) not in before
        ]
        earlier = len(after.errors) - len(new_errors)
    if new_errors or not kept:
        if not new_errors:
            new_errors = [
                Diagnostic(
                    rel,
                    line,
                    1,
                    "E-not-record",
                    Msg("新记录未能读取,未写入", "the new record did not load; nothing written"),
                )
            ]
        return Added(rel, line, False, new_errors, earlier)
    created: list[Path] = []  # folders made for a new file, removed again if writing fails
    folder = path.parent
    while not folder.exists():
        created.append(folder)
        folder = folder.parent
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        write_atomic(path, content)
    except BaseException:
        for made in created:
            made.rmdir()
        raise
    return Added(rel, line, True, [], earlier)
