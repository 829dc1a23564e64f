"""Stage 4, render: a report Table as JSON (tidy), CSV (tidy, `#` header lines) or Markdown.

The describing lines (range, reporting unit, data provenance) are shared with the
terminal renderer, so every format says the same about where its numbers came from.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from typing import TYPE_CHECKING

from hxay.models.text import Lang, Msg
from hxay.reports.table import Head, Table

if TYPE_CHECKING:
    from hxay.render.formats import RenderOptions


def range_lines(t: Table) -> list[str]:
    """The period, the cumulative range and the reporting unit, in the table's language."""
    out: list[str] = []
    if t.period is not None:
        p = t.period
        out.append(
            Msg(
                f"统计期间:{p.start} 至 {p.end}({p.label})",
                f"Period: {p.start} to {p.end} ({p.label})",
            ).render(t.lang)
        )
    if t.cumulative is not None:
        c = t.cumulative
        out.append(
            Msg(f"累计:{c.start} 至 {c.end}", f"Cumulative: {c.start} to {c.end}").render(t.lang)
        )
    if t.reporting_unit is not None:
        u = t.reporting_unit
        out.append(
            Msg(f"填报单位:{u.label}({u.id})", f"Reporting unit: {u.label} ({u.id})").render(t.lang)
        )
    return out


_LABEL_RE = re.compile(r"(\d{4})-(\d{2})(?:-([12]))?")


def part_heading(t: Table, part: Head) -> str:
    """A column group's heading (本期 / 累计) with the dates it covers."""
    span = t.period if part.id == "period" else t.cumulative
    if span is None:
        return part.label
    return Msg(
        f"{part.label}({span.start} 至 {span.end})",
        f"{part.label} ({span.start} to {span.end})",
    ).render(t.lang)


def day_text(day: dt.date, lang: Lang) -> str:
    """A date as a form writes it: 2012年5月31日, or ISO in English."""
    return f"{day.year}年{day.month}月{day.day}日" if lang == "zh" else day.isoformat()


def period_title(t: Table) -> str | None:
    """The period as a form's title names it: 2012年5月, 2012年9月下半月; the dates follow
    when the range is cut short (by the campaign's start or end, or by --as-of)."""
    p = t.period
    if p is None:
        return None
    match = _LABEL_RE.fullmatch(p.label)
    if match is None:
        return Msg(f"{p.start} 至 {p.end}", f"{p.start} to {p.end}").render(t.lang)
    year, month, half = int(match[1]), int(match[2]), match[3]
    first = dt.date(year, month, 16 if half == "2" else 1)
    after = dt.date(year + month // 12, month % 12 + 1, 1)
    last = first.replace(day=15) if half == "1" else after - dt.timedelta(days=1)
    zh = f"{year}年{month}月" + {"1": "上半月", "2": "下半月", None: ""}[half]
    en = p.label
    if (p.start, p.end) != (first, last):
        zh += f"({p.start.month}月{p.start.day}日至{p.end.month}月{p.end.day}日)"
        en += f" ({p.start} to {p.end})"
    return Msg(zh, en).render(t.lang)


def stock_line(t: Table) -> str | None:
    """Which indicators are a state on the last day (the same under every part), if any."""
    stock = [c.label for c in t.columns if c.one_value]
    if not stock or len(t.parts) < 2:
        return None
    last = t.period.end if t.period is not None else t.as_of
    return Msg(
        f"{'、'.join(stock)}为 {last} 的时点数,本期与累计相同",
        f"{'; '.join(stock)}: the state on {last}, the same in both parts",
    ).render(t.lang)


def data_line(t: Table) -> str:
    """Which data the table came from, as of when, and which hxay made it."""
    d = t.provenance
    if d.commit is None:
        zh_git, en_git = "不在 git 仓库中", "not in git"
    else:
        zh_git = f"提交 {d.commit[:10]}" + (",有未提交的修改" if d.dirty else "")
        en_git = f"commit {d.commit[:10]}" + (", with uncommitted changes" if d.dirty else "")
    return Msg(
        f"数据:{d.path}({zh_git});记录 {d.records} 条,错误 {d.errors} 个,未计入 {d.left_out} 条;"
        f"截至 {t.as_of};hxay {t.version}",
        f"Data: {d.path} ({en_git}); {d.records} records, {d.errors} errors, "
        f"{d.left_out} left out; as of {t.as_of}; hxay {t.version}",
    ).render(t.lang)


def to_json(t: Table, _: RenderOptions) -> str:
    doc: dict[str, object] = {"form": t.form, "campaign": t.campaign.id}
    if t.period is not None:
        doc["period"] = {
            "label": t.period.label,
            "start": t.period.start.isoformat(),
            "end": t.period.end.isoformat(),
        }
    if t.cumulative is not None:
        doc["cumulative"] = {
            "start": t.cumulative.start.isoformat(),
            "end": t.cumulative.end.isoformat(),
        }
    doc["as_of"] = t.as_of.isoformat()
    doc["hxay"] = t.version
    doc["data"] = t.provenance.as_dict()
    if t.notes:
        doc["notes"] = list(t.notes)
    doc[f"{t.row_key}s"] = [{"id": row.id, "name": row.label} for row in t.rows]
    doc[f"{t.column_key}s"] = [{"id": col.id, "label": col.label} for col in t.columns]
    doc["values"] = t.tidy()
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def to_csv(t: Table, _: RenderOptions) -> str:
    """Tidy rows (one per column and row, as JSON's `values`) under `#` lines that say what
    and whence; `pandas.read_csv(path, comment="#")` reads it."""
    buf = io.StringIO()
    for line in (t.title, *range_lines(t), data_line(t), *t.notes):
        buf.write(f"# {line}\n")
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(
        [t.column_key, "label", t.row_key, "name", *(p.id for p in t.parts)],
    )
    labels = {c.id: c.label for c in t.columns}
    names = {row.id: row.label for row in t.rows}
    for item in t.tidy():
        measure, unit = str(item[t.column_key]), str(item[t.row_key])
        writer.writerow(
            [measure, labels[measure], unit, names[unit], *(item[p.id] for p in t.parts)]
        )
    return buf.getvalue()


def _md(text: str) -> str:
    return text.replace("|", "\\|")


def to_markdown(t: Table, _: RenderOptions) -> str:
    """Indicators down, units across; one table per part (本期, then 累计)."""
    lines = [f"# {_md(t.title)}", ""]
    for note in t.notes:
        lines += [f"> **{_md(note)}**", ""]
    lines += [f"{_md(line)}  " for line in range_lines(t)]
    lines.append("")
    indicator = Msg("指标", "Indicator").render(t.lang)
    for k, part in enumerate(t.parts):
        lines += [f"## {_md(part_heading(t, part))}", ""]
        lines.append("| " + " | ".join([indicator, *(_md(row.label) for row in t.rows)]) + " |")
        lines.append("|" + "---|" + "---:|" * len(t.rows))
        for j, col in enumerate(t.columns):
            cells = [str(row.cells[j][k]) for row in t.rows]
            lines.append("| " + " | ".join([_md(col.label), *cells]) + " |")
        lines.append("")
    lines.append(_md(data_line(t)))
    for note in t.notes:
        lines += ["", f"> **{_md(note)}**"]
    return "\n".join(lines) + "\n"
