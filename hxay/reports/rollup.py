"""Stage 4, reports: the next level's statistics form from the forms units below sent
(`hxay rollup`): one row per input, named after its reporting unit, then 合计; with
`by_unit`, every input's own rows instead, grouped by input.

Inputs must cover the same period and measures, and no campaign and unit may come twice
(it would be counted twice): each is an error naming the file. What does not add up inside
an input is a warning naming the input, the row and the measure: 累计 < 本期 for a measure
counted over a range; 整改隐患 more than 发现隐患 plus what was open before; a stock
measure whose 本期 and 累计 differ; a 合计 that is not the sum of its rows; a cumulative
range that starts on another day than the first input's.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from hxay import __version__
from hxay.models.errors import HxayError, UsageError
from hxay.models.ledger import Provenance
from hxay.models.measures import BY_ID
from hxay.models.text import Lang, Msg
from hxay.reports.readback import DATA_ERROR, Form, FormError, read_form
from hxay.reports.stats import OTHER, PARTS, ROW_NAMES, TOTAL, Pair
from hxay.reports.table import Column, Head, Row, Table
from hxay.rules.calendar import Period


@dataclass
class Rollup:
    """The rolled-up form, the forms it was built from, and the warnings about them."""

    table: Table
    forms: list[Form]
    warnings: list[Msg] = field(default_factory=list)


def unit_key(form: Form) -> str:
    """Which unit a form reports for: its 填报单位 when configured, else the station of a
    one-station form, else "" (the whole campaign)."""
    if form.header_unit:
        return form.header_unit
    if not any(u.id == TOTAL for u in form.units) and len(form.units) == 1:
        return form.units[0].id
    return ""


def row_id(form: Form) -> str:
    key = unit_key(form)
    return f"{form.campaign}/{key}" if key else form.campaign


def row_name(form: Form) -> str:
    """An input's row: its 填报单位, else the station of a one-station form, else its
    campaign's name (its id when the form does not carry the name)."""
    if form.header_unit:
        return form.header_unit
    if unit_key(form):
        return form.units[0].label
    return form.campaign_name or form.campaign


def _errors(msgs: list[Msg]) -> HxayError:
    return HxayError(Msg("\n".join(m.zh for m in msgs), "\n".join(m.en for m in msgs)), DATA_ERROR)


def _span(p: Period) -> str:
    return f"{p.label}({p.start} 至 {p.end})"


def _fit(forms: list[Form]) -> list[Msg]:
    """Errors: another period or other measures than the first input, a repeated input."""
    first = forms[0]
    out: list[Msg] = []
    seen: dict[tuple[str, str], Form] = {}
    want = {m.id for m in first.measures}
    for f in forms:
        if (f.period, f.cumulative.end) != (first.period, first.cumulative.end):
            out.append(
                Msg(
                    f"{f.file}:统计期间 {_span(f.period)} 与 {first.file} 的 {_span(first.period)} 不同",
                    f"{f.file}: covers {f.period.label} ({f.period.start} to {f.period.end}), "
                    f"not {first.period.label} ({first.period.start} to {first.period.end}) "
                    f"as {first.file}",
                )
            )
        have = {m.id for m in f.measures}
        if have != want:
            extra, missing = ", ".join(sorted(have - want)), ", ".join(sorted(want - have))
            out.append(
                Msg(
                    f"{f.file}:指标与 {first.file} 不同(多出:{extra or '无'};缺少:{missing or '无'})",
                    f"{f.file}: other measures than {first.file} (extra: {extra or 'none'}; "
                    f"missing: {missing or 'none'})",
                )
            )
        key = (f.campaign, unit_key(f))
        if key in seen:
            unit = key[1] or "(全活动)"
            out.append(
                Msg(
                    f"{f.file}:与 {seen[key].file} 是同一活动 {f.campaign}、同一单位 {unit} 的报表,"
                    "会重复计数;请只给一份",
                    f"{f.file}: the same campaign {f.campaign} and unit {key[1] or '(whole campaign)'} "
                    f"as {seen[key].file}, which would count twice; give one of them",
                )
            )
        seen.setdefault(key, f)
    return out


def _where(f: Form, unit: Head) -> tuple[str, str]:
    if unit.id == TOTAL:
        return f"{f.file} 合计", f"{f.file} total"
    return f"{f.file} {unit.label}({unit.id})", f"{f.file} {unit.label} ({unit.id})"


def consistency(f: Form, first: Form) -> list[Msg]:
    """The warnings about one input (see the module's doc)."""
    out: list[Msg] = []
    if f.cumulative.start != first.cumulative.start:
        out.append(
            Msg(
                f"{f.file}:累计从 {f.cumulative.start} 起,{first.file} 从 {first.cumulative.start} 起",
                f"{f.file}: cumulative from {f.cumulative.start}, {first.file} from "
                f"{first.cumulative.start}",
            )
        )
    ids = {m.id for m in f.measures}
    for unit in f.units:
        zh, en = _where(f, unit)
        for m in f.measures:
            p, c = f.values[(m.id, unit.id)]
            known = BY_ID.get(m.id)
            if known is not None and known.kind != "stock" and c < p:
                out.append(
                    Msg(
                        f"{zh}:{m.label} 累计 {c} 小于本期 {p}",
                        f"{en}: {m.id} cumulative {c} < period {p}",
                    )
                )
            if known is not None and known.kind == "stock" and c != p:
                out.append(
                    Msg(
                        f"{zh}:{m.label} 是时点数,本期 {p} 与累计 {c} 应相同",
                        f"{en}: {m.id} is a state on the last day; period {p} and cumulative {c} differ",
                    )
                )
        if {"hazards_found", "hazards_rectified"} <= ids:
            out += _rectified(f, unit, zh, en)
    if any(u.id == TOTAL for u in f.units):
        for m in f.measures:
            total, rows = f.values[(m.id, TOTAL)], f.row_sum(m.id)
            if total != rows:
                out.append(
                    Msg(
                        f"{f.file}:{m.label} 合计 {total[0]}/{total[1]} 不等于各行之和 {rows[0]}/{rows[1]}",
                        f"{f.file}: {m.id} total {total[0]}/{total[1]} is not the sum of its rows "
                        f"{rows[0]}/{rows[1]}",
                    )
                )
    return out


def _rectified(f: Form, unit: Head, zh: str, en: str) -> list[Msg]:
    """整改隐患 may not exceed 发现隐患 plus those open at the start: in the period, what was
    found before it less what was rectified before it is what was open."""
    fp, fc = f.values[("hazards_found", unit.id)]
    rp, rc = f.values[("hazards_rectified", unit.id)]
    opened = (fc - fp) - (rc - rp)
    if rp <= fp + max(opened, 0) and opened >= 0:
        return []
    return [
        Msg(
            f"{zh}:整改隐患 本期 {rp}/累计 {rc} 多于发现隐患 本期 {fp} 加期初未整改 {opened}"
            f"(累计发现 {fc})",
            f"{en}: hazards rectified {rp} (cumulative {rc}) exceed hazards found {fp} plus "
            f"{opened} open at the start (cumulative found {fc})",
        )
    ]


def _common_folder(files: Sequence[str]) -> str:
    folders = [os.path.dirname(f) or "." for f in files]
    try:
        return os.path.commonpath(folders) or "."
    except ValueError:
        return "."


def build_rollup(
    inputs: Sequence[Path], *, by_unit: bool = False, lang: Lang = "zh", name: str | None = None
) -> Rollup:
    """Read every input, stop on every problem found (HxayError, exit 3; a missing file is
    a usage error, exit 2), else the rolled-up Table and the warnings."""
    if not inputs:
        raise UsageError(Msg("请给出至少一份报表", "give at least one form"))
    for path in inputs:
        if not path.is_file():
            raise UsageError(Msg(f"{path}:没有这个文件", f"{path}: no such file"))
    forms: list[Form] = []
    problems: list[Msg] = []
    for path in inputs:
        try:
            forms.append(read_form(path, str(path)))
        except FormError as exc:
            problems.append(exc.msg)
    if not problems:
        problems = _fit(forms)
    if problems:
        raise _errors(problems)
    first = forms[0]
    warnings = [w for f in forms for w in consistency(f, first)]
    measures = first.measures
    rows: list[Row] = []
    for f in forms:
        if not by_unit:
            cells = tuple(f.total(m.id) for m in measures)
            rows.append(Row(row_id(f), row_name(f), cells))
            continue
        for unit in f.rows:
            cells = tuple(f.values[(m.id, unit.id)] for m in measures)
            if unit.id == OTHER and not any(any(c) for c in cells):
                continue
            rows.append(Row(f"{row_id(f)}/{unit.id}", f"{row_name(f)}·{unit.label}", cells))
    total: tuple[Pair, ...] = tuple(
        (sum(f.total(m.id)[0] for f in forms), sum(f.total(m.id)[1] for f in forms))
        for m in measures
    )
    rows.append(Row(TOTAL, ROW_NAMES[TOTAL].render(lang), total, total=True))
    return Rollup(_table(forms, rows, lang, name), forms, warnings)


def _table(forms: list[Form], rows: list[Row], lang: Lang, name: str | None) -> Table:
    first = forms[0]
    ids = {f.campaign for f in forms}
    names = {f.campaign_name for f in forms}
    same = len(ids) == 1
    base = first.campaign_name if len(names) == 1 and first.campaign_name else None
    shown = base or ('"护校安园"专项行动' if lang == "zh" else "the campaign")
    known = [f.data for f in forms if f.data is not None]
    return Table(
        form="stats",
        title=Msg(f"{shown}情况统计报表(汇总)", f"{shown}: statistics form (roll-up)").render(lang),
        lang=lang,
        campaign=Head(first.campaign if same else "rollup", base or shown),
        as_of=max(f.as_of for f in forms),
        period=first.period,
        cumulative=Period("campaign", min(f.cumulative.start for f in forms), first.cumulative.end),
        parts=tuple(Head(ident, text.render(lang)) for ident, text in PARTS),
        columns=tuple(
            Column(m.id, m.label, BY_ID[m.id].kind == "stock" if m.id in BY_ID else False)
            for m in first.measures
        ),
        rows=tuple(rows),
        provenance=Provenance(
            path=_common_folder([f.file for f in forms]),
            commit=None,
            dirty=None,
            records=sum(d.records for d in known),
            errors=sum(d.errors for d in known),
            left_out=sum(d.left_out for d in known),
        ),
        version=__version__,
        reporting_unit=Head("", name) if name else None,
    )
