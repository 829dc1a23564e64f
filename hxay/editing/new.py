"""Stage 3, editing: `hxay new`, a record skeleton written from the models.

The skeleton has every required field (an empty value with a comment where it is not
given), the record's date and a fresh id in the folder's own pattern (editing/ids.py);
editing/append.py adds it to a file safely.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import types
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import yaml
from pydantic import ValidationError

from hxay.editing.fields import FieldSpec, fields_of
from hxay.editing.ids import Existing, fresh_id
from hxay.loading.errors import diagnostics_from, did_you_mean
from hxay.loading.yamlsrc import RawRecord
from hxay.models import records as r
from hxay.models.diagnostics import Diagnostic
from hxay.models.errors import HxayError
from hxay.models.text import Lang, Msg

PERIOD_FORMS = ("stats_form", "monthly_work", "gov_briefing")
_LIST_SEPARATORS = re.compile(r"[,，、;；]")


def _split(value: str) -> list[str]:
    return [p.strip() for p in _LIST_SEPARATORS.split(value) if p.strip()]


def _unknown(key: str, choices: Iterable[str], where: Msg) -> HxayError:
    hint = did_you_mean(key, choices)
    return HxayError(
        Msg(
            f"'{key}' 不是{where.zh}的字段{hint.zh}",
            f"'{key}' is not a field of {where.en}{hint.en}",
        )
    )


def parse_assignments(kind: str, pairs: Sequence[str]) -> dict[str, object]:
    """`field=value` arguments as the plain data YAML would give: text, lists, mappings.

    A list field takes a comma list; `drivers=张三,李四` names drivers; `supervisor.unit=edu`
    sets one field of a nested mapping, `supervisor=陈伟` its first field; `items.灭火器=是`
    one entry of a free mapping; `x_*` fields are the user's own.
    """
    specs = fields_of(r.KINDS[kind])
    label = Msg(r.KIND_LABELS[kind], kind)
    given: dict[str, object] = {}
    nested: dict[str, dict[str, str]] = {}  # `head.sub=value` and `model=value`, by head
    for pair in pairs:
        key, sep, value = pair.partition("=")
        key = key.strip()
        if not sep or not key:
            raise HxayError(
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
                given[head] = nested.setdefault(head, {})
                nested[head][sub] = value
                continue
            if spec.shape != "model" or spec.model is None:
                raise HxayError(
                    Msg(
                        f"'{head}' 不是映射,不能写 '{key}'",
                        f"'{head}' is not a mapping; '{key}' cannot be set",
                    )
                )
            inner = fields_of(spec.model)
            if sub not in inner:
                raise _unknown(sub, inner, Msg(head, head))
            given[head] = nested.setdefault(head, {})
            nested[head][sub] = value
        elif spec.shape == "list":
            given[head] = _split(value)
        elif spec.shape == "models" and spec.model is not None:
            first = next(iter(fields_of(spec.model)))
            given[head] = [{first: name} for name in _split(value)]
        elif spec.shape == "model" and spec.model is not None:
            first = next(iter(fields_of(spec.model)))
            given[head] = nested.setdefault(head, {})
            nested[head][first] = value
        elif spec.shape == "mapping":
            raise HxayError(
                Msg(
                    f"'{head}' 是映射,请写 {head}.项目=值",
                    f"'{head}' is a mapping; write {head}.ITEM=VALUE",
                )
            )
        else:
            given[head] = value
    return given


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


def _lines(data: Mapping[str, object], indent: str = "") -> list[str]:
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
    spec: FieldSpec, value: Mapping[str, object], lang: Lang, missing: list[str], path: str
) -> dict[str, object]:
    """A nested mapping as given, with placeholders for its own required fields."""
    assert spec.model is not None
    inner = fields_of(spec.model)
    out: dict[str, object] = {}
    for name, sub in inner.items():
        if name in value:
            out[name] = value[name]
        elif sub.required:
            out[name] = Placeholder(_comment(sub, lang))
            missing.append(f"{path}.{name}")
    return out


def _form_code(form: object) -> str | None:
    spec = fields_of(r.Submission)["form"]
    for code, label in (spec.choices or {}).items():
        if isinstance(form, str) and form.strip() in (code, label):
            return code
    return None


def skeleton(
    kind: str,
    given: Mapping[str, object],
    day: dt.date,
    existing: Existing,
    lang: Lang,
    *,
    id_day: dt.date | None = None,
) -> Skeleton:
    """Every required field (given, or a placeholder), the date, a fresh id, then the rest."""
    model = r.KINDS[kind]
    specs = fields_of(model)
    ident = given.get("id")
    record_id = ident if isinstance(ident, str) else fresh_id(kind, id_day or day, given, existing)
    data: dict[str, object] = {"kind": kind, "id": record_id}
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


def check_given(kind: str, given: Mapping[str, object]) -> list[Diagnostic]:
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
