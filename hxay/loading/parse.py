"""Raw records -> typed records: kinds, fields, spellings, inline hazards, per-record checks.
An error leaves out only the record it belongs to (an inline hazard's error only that hazard).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ValidationError

from hxay.loading.errors import diagnostics_from, did_you_mean
from hxay.loading.fasttype import fast_validate
from hxay.loading.yamlsrc import FileSource, KeyPath, LazyPositions, RawRecord, item_line
from hxay.models import records as r
from hxay.models.diagnostics import Code, Diagnostic
from hxay.models.instances import updated
from hxay.models.text import Msg
from hxay.models.values import split_text_list

# Lists of free text that people often type as one line with Chinese separators.
TEXT_LISTS = {
    "inspection": ("inspectors",),
    "operation": ("departments",),
    "vehicle_check": ("drivers",),
    "vehicle": ("former_drivers",),
}
# Mappings whose keys are the user's own words, not fields.
FREE_MAPPINGS = frozenset({"items", "results"})
_PERIOD_HALF = re.compile(r"(\d{4})-(\d{1,2})(?:-([12])|([上下]))")
_PERIOD_MONTH = re.compile(r"(\d{4})-(\d{1,2})")
_PERIOD_QUARTER = re.compile(r"(\d{4})-[Qq]([1-4])")


@dataclass
class Parsed:
    """What one file's raw records became."""

    records: list[r.Record] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    broken_ids: set[str] = field(default_factory=set)
    broken: int = 0


def _strip(value: Any, key: str | None = None) -> Any:
    """Null means absent; `x_*` keys inside typed mappings are the user's and ignored.
    Scalars (text) are passed over without a call: most values of a record are text."""
    if isinstance(value, dict):
        free = key in FREE_MAPPINGS
        return {  # keys are text (the reader takes no other)
            k: v if v.__class__ is str else _strip(v, k)
            for k, v in value.items()
            if v is not None and (free or not k.startswith("x_"))
        }
    if isinstance(value, list):
        return [v if v.__class__ is str else _strip(v) for v in value]
    return value


def _extensions(data: dict[str, Any]) -> dict[str, Any]:
    """The user's own `x_*` fields, as written (before null values are dropped)."""
    return {k: v for k, v in data.items() if k.startswith("x_")}


def kind_of(raw: RawRecord) -> tuple[str | None, Diagnostic | None]:
    value = raw.data.get("kind")
    if value is None:
        if ("kind",) in raw.refused:
            return None, None  # already reported where it was read
        return None, Diagnostic(
            raw.path,
            raw.line,
            raw.column,
            "E-missing-field",
            Msg("记录缺少 'kind'(记录种类)", "the record has no 'kind'"),
        )
    text = str(value).strip() if isinstance(value, str) else ""
    if text in r.KINDS:
        return text, None
    for code, label in r.KIND_LABELS.items():
        if text == label or text.lower() == code:
            return code, None
    line, col = raw.pos(("kind",))
    hint = did_you_mean(text, r.KINDS)
    known = ", ".join(r.KINDS)
    return None, Diagnostic(
        raw.path,
        line,
        col,
        "E-unknown-kind",
        Msg(
            f"未知的记录种类 '{text}'{hint.zh};可用:{known}",
            f"unknown record kind '{text}'{hint.en}; known kinds: {known}",
        ),
    )


def _diag(raw: RawRecord, loc: KeyPath, code: Code, msg: Msg, *, key: bool = False) -> Diagnostic:
    line, col = raw.pos(loc, key=key)
    return Diagnostic(raw.path, line, col, code, msg)


def _validate(
    model: type[BaseModel], data: dict[str, Any], raw: RawRecord, label: Msg, base: KeyPath = ()
) -> tuple[Any, list[Diagnostic]]:
    typed = fast_validate(model, data)  # None when not written the usual way
    if typed is not None:
        return typed, []
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        return None, diagnostics_from(exc, raw, model, label, base)


def _split_lists(kind: str, data: dict[str, Any], raw: RawRecord) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for name in TEXT_LISTS.get(kind, ()):
        value = data.get(name)
        if value is None or not isinstance(value, (str, list)):
            continue
        if isinstance(value, list) and not all(isinstance(v, str) for v in value):
            continue
        items, split = split_text_list(value)
        data[name] = items
        if split:
            shown = "[" + ", ".join(items) + "]"
            out.append(
                _diag(
                    raw,
                    (name,),
                    "W-split-list",
                    Msg(
                        f"'{name}' 已按分隔符拆分为 {shown};建议直接写成列表",
                        f"'{name}' was split on its separators into {shown}; write it as a list",
                    ),
                )
            )
    return out


def _date_order(
    raw: RawRecord, rec: Any, after: str, fields: Iterable[str], label: Msg, loc: KeyPath = ()
) -> list[Diagnostic]:
    base = getattr(rec, after)
    out = []
    for name in fields:
        value = getattr(rec, name)
        if base is not None and value is not None and value < base:
            out.append(
                _diag(
                    raw,
                    (*loc, name),
                    "E-date-order",
                    Msg(
                        f"'{name}' ({value}) 早于{label.zh} ({base})",
                        f"'{name}' ({value}) is earlier than {label.en} ({base})",
                    ),
                )
            )
    return out


def normalise_period(form: str, text: str, terms: Iterable[str]) -> str | None:
    """The canonical period label for a submission's form, or None if it has the wrong shape."""
    t = text.strip()
    if form == "stats_form":
        m = _PERIOD_HALF.fullmatch(t)
        if m and 1 <= int(m.group(2)) <= 12:
            half = m.group(3) or ("1" if m.group(4) == "上" else "2")
            return f"{m.group(1)}-{int(m.group(2)):02d}-{half}"
        return None
    m = _PERIOD_MONTH.fullmatch(t)
    if m and 1 <= int(m.group(2)) <= 12:
        return f"{m.group(1)}-{int(m.group(2)):02d}"
    if form == "gov_briefing":
        q = _PERIOD_QUARTER.fullmatch(t)
        if q:
            return f"{q.group(1)}-Q{q.group(2)}"
        if t == "campaign" or t in set(terms):
            return t
    return None


_PERIOD_FORMS = {
    "stats_form": Msg(
        "'2012-05-1'(1-15日)或 '2012-05-2'(16日-月底)",
        "'2012-05-1' (1st-15th) or '2012-05-2' (16th-end)",
    ),
    "monthly_work": Msg("'2012-05'", "'2012-05'"),
    "gov_briefing": Msg(
        "'2012-05'、'2012-Q2'、学期名称或 'campaign'",
        "'2012-05', '2012-Q2', a term name or 'campaign'",
    ),
}


def _check_submission(
    raw: RawRecord, rec: r.Submission, terms: tuple[str, ...]
) -> tuple[r.Submission, list[Diagnostic]]:
    expected = _PERIOD_FORMS.get(rec.form)
    if expected is None:
        if rec.period is not None:
            return rec, [
                _diag(
                    raw,
                    ("period",),
                    "E-bad-period",
                    Msg(
                        f"报送内容 {rec.form} 不填 'period'",
                        f"a {rec.form} submission takes no 'period'",
                    ),
                    key=True,
                )
            ]
        return rec, []
    if rec.period is None:
        if ("period",) in raw.refused:
            return rec, []  # already reported where it was read
        return rec, [
            _diag(
                raw,
                (),
                "E-missing-field",
                Msg(
                    f"{rec.form} 报送必须填写 'period',如 {expected.zh}",
                    f"a {rec.form} submission needs 'period', e.g. {expected.en}",
                ),
            )
        ]
    label = normalise_period(rec.form, rec.period, terms)
    if label is None:
        return rec, [
            _diag(
                raw,
                ("period",),
                "E-bad-period",
                Msg(
                    f"'{rec.period}' 不是 {rec.form} 的期间;应写作 {expected.zh}",
                    f"'{rec.period}' is not a {rec.form} period; write {expected.en}",
                ),
            )
        ]
    return updated(rec, period=label), []


def _record_checks(
    raw: RawRecord, rec: r.Record, terms: tuple[str, ...]
) -> tuple[r.Record, list[Diagnostic]]:
    out: list[Diagnostic] = []
    if isinstance(rec, r.Hazard):
        out += _hazard_checks(raw, rec, ())
    elif isinstance(rec, r.Submission):
        return _check_submission(raw, rec, terms)
    elif isinstance(rec, r.Vehicle):
        names = [d.name for d in rec.drivers]
        for i, name in enumerate(names):
            if name in names[:i]:
                out.append(
                    _diag(
                        raw,
                        ("drivers", i, "name"),
                        "E-bad-value",
                        Msg(f"驾驶人 '{name}' 重复", f"the driver '{name}' is listed twice"),
                    )
                )
        out += _date_order(raw, rec, "registered", ("retired",), Msg("登记日期", "'registered'"))
    elif isinstance(rec, r.School):
        out += _date_order(raw, rec, "opened", ("closed",), Msg("开办日期", "'opened'"))
    elif isinstance(rec, r.Operation):
        out += _date_order(raw, rec, "date", ("end",), Msg("开始日期", "'date'"))
    elif isinstance(rec, r.Case):
        out += _date_order(raw, rec, "date", ("solved",), Msg("发案日期", "'date'"))
    return rec, out


def _hazard_checks(raw: RawRecord, rec: r.HazardFields, base: KeyPath) -> list[Diagnostic]:
    out = []
    refused = {(*base, "school"), (*base, "vehicle")} & raw.refused
    if rec.school is None and rec.vehicle is None and not refused:
        line, col = raw.pos(base, key=False) if base else (raw.line, raw.column)
        out.append(
            Diagnostic(
                raw.path,
                line,
                col,
                "E-missing-field",
                Msg("隐患缺少 'school'(或 'vehicle')", "the hazard needs 'school' (or 'vehicle')"),
            )
        )
    later = ("deadline", "rectified", "reported_to_government")
    out += _date_order(raw, rec, "found", later, Msg("发现日期", "'found'"), base)
    out += _date_order(
        raw, rec, "rectified", ("reviewed",), Msg("整改到位日期", "'rectified'"), base
    )
    if (
        rec.reviewed is not None
        and rec.rectified is None
        and (*base, "rectified") not in raw.refused
    ):
        out.append(
            _diag(
                raw,
                (*base, "reviewed"),
                "E-missing-field",
                Msg(
                    f"有复查销号日期 'reviewed' ({rec.reviewed}) 而没有整改到位日期;"
                    "请补上 'rectified: 整改到位日期',或删除 'reviewed'",
                    f"'reviewed' ({rec.reviewed}) without 'rectified': add 'rectified: DATE' "
                    "(the day it was rectified) or remove 'reviewed'",
                ),
            )
        )
    return out


def parse_file(raws: list[RawRecord], terms: tuple[str, ...] = (), source: Any = None) -> Parsed:
    """Typed records of one file, inline hazards apart; positions from `source` (shared)."""
    out = Parsed()
    source = source or FileSource(raws[0].path if raws else "")
    source.hold(raws)
    for raw in raws:
        _parse_one(raw, terms, out, source)
    return out


def _parse_one(raw: RawRecord, terms: tuple[str, ...], out: Parsed, source: FileSource) -> None:
    at = LazyPositions(source, raw.line, raw.column)
    data = _strip(raw.data)
    own_id = data.get("id") if isinstance(data.get("id"), str) else None
    kind, problem = kind_of(raw)
    if kind is None:
        if problem is not None:
            out.diagnostics.append(problem)
        out.broken += 1
        if own_id:
            out.broken_ids.add(own_id.strip())
        return
    model = r.KINDS[kind]
    label = Msg(r.KIND_LABELS[kind], kind)
    extra = _extensions(raw.data)
    data["kind"] = kind
    out.diagnostics.extend(_split_lists(kind, data, raw))
    inline = data.pop("hazards", None) if kind in ("inspection", "vehicle_check") else None
    rec, problems = _validate(model, data, raw, label)
    if rec is not None:
        rec, more = _record_checks(raw, rec, terms)
        problems += more
    had_error = any(not _in_inline(kind, at) for at in raw.refused) or any(
        p.is_error for p in problems
    )
    out.diagnostics.extend(problems)
    if had_error or rec is None:
        out.broken += 1
        if own_id:
            out.broken_ids.add(own_id.strip())
    else:
        rec.locate(r.Location(raw.path, raw.line, extra or None, at))
        out.records.append(rec)
    if inline is not None:
        _parse_inline(raw, rec, not had_error, inline, out, at)


def _in_inline(kind: str, at: KeyPath) -> bool:
    """Whether a place inside a record belongs to one of its inline hazards."""
    return kind in ("inspection", "vehicle_check") and len(at) > 1 and at[0] == "hazards"


def _parse_inline(
    raw: RawRecord, parent: Any, parent_ok: bool, inline: Any, out: Parsed, at: LazyPositions
) -> None:
    """Inline hazards are checked even when their parent is broken; then they are left out too."""
    items = inline if isinstance(inline, list) else [inline]
    if not isinstance(inline, list):
        out.diagnostics.append(
            _diag(
                raw,
                ("hazards",),
                "E-bad-value",
                Msg("'hazards' 应为列表", "'hazards' must be a list"),
            )
        )
        out.broken += 1
        return
    for i, item in enumerate(items):
        base: KeyPath = ("hazards", i)
        if not isinstance(item, dict):
            out.diagnostics.append(
                _diag(
                    raw,
                    base,
                    "E-not-record",
                    Msg("隐患应为映射(键: 值)", "a hazard must be a mapping (key: value)"),
                )
            )
            out.broken += 1
            continue
        hid = item.get("id") if isinstance(item.get("id"), str) else None
        hz, problems = _validate(r.InlineHazard, item, raw, Msg("隐患", "hazard"), base)
        hazard = None
        if hz is not None and not any(p.is_error for p in problems) and parent is not None:
            hazard, more = _to_hazard(raw, base, hz, parent)
            problems += more
        out.diagnostics.extend(problems)
        read_error = any(at[:2] == base for at in raw.refused)
        if hazard is None or not parent_ok or read_error or any(p.is_error for p in problems):
            out.broken += 1
            if hid:
                out.broken_ids.add(hid.strip())
            continue
        extra = _extensions(raw.data["hazards"][i])
        hazard.locate(r.Location(raw.path, item_line(raw, base), extra or None, at, base))
        hazard.set_parent(parent)
        out.records.append(hazard)


def _to_hazard(
    raw: RawRecord, base: KeyPath, hz: r.InlineHazard, parent: Any
) -> tuple[r.Hazard | None, list[Diagnostic]]:
    problems: list[Diagnostic] = []
    parent_date: dt.date = parent.date
    found = hz.found if hz.found is not None else parent_date
    if found < parent_date:
        problems.append(
            _diag(
                raw,
                (*base, "found"),
                "E-found-before-parent",
                Msg(
                    f"隐患发现日期 {found} 早于所在检查的日期 {parent_date};删除 'found' 或改正日期",
                    f"the hazard's 'found' ({found}) is earlier than its check's date ({parent_date}); "
                    "remove 'found' or correct it",
                ),
            )
        )
        return None, problems
    values = hz.model_dump(exclude={"kind"}, exclude_none=True)
    values["found"] = found
    values["kind"] = "hazard"
    if isinstance(parent, r.Inspection):
        values.setdefault("school", parent.school)
    else:
        values.setdefault("vehicle", parent.vehicle)
    if parent.id is not None:
        values.setdefault("source", parent.id)
    hazard = fast_validate(r.Hazard, values) or r.Hazard.model_validate(values)
    problems += _hazard_checks(raw, hazard, base)
    return hazard, problems
