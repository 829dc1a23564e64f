"""`hxay check` findings as a terminal table, JSON, CSV or Markdown."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from hxay.models.findings import STATUSES, Finding
from hxay.models.ledger import Ledger, Provenance
from hxay.models.text import Lang, Msg
from hxay.rules.registry import PLAN_TEXT

if TYPE_CHECKING:
    from rich.console import Console

FIELDS = ("obligation", "status", "unit", "subject", "period", "due", "evidence", "message", "refs")
STATUS_NAMES = {
    "overdue": Msg("逾期未完成", "overdue"),
    "due": Msg("待完成", "due"),
    "late": Msg("逾期完成", "late"),
    "met": Msg("按时完成", "met"),
}
STATUS_STYLE = {"overdue": "bold red", "due": "yellow", "late": "magenta", "met": "green"}


@dataclass(frozen=True)
class CheckOutput:
    """Everything a check renderer needs (no loading, no clock)."""

    campaign: str
    as_of: dt.date
    findings: Sequence[Finding]
    summary: dict[str, int]
    provenance: Provenance
    ledger: Ledger
    notice: Msg | None = None


def to_json(out: CheckOutput, lang: Lang) -> str:
    doc: dict[str, object] = {
        "campaign": out.campaign,
        "as_of": out.as_of.isoformat(),
        "data": out.provenance.as_dict(),
        "summary": out.summary,
        "findings": [f.as_dict(lang) for f in out.findings],
    }
    if out.notice is not None:
        doc["notice"] = out.notice.render(lang)
    return json.dumps(doc, ensure_ascii=False, indent=2)


def _row(f: Finding, lang: Lang) -> list[str]:
    d = f.as_dict(lang)
    return [
        "" if d[k] is None else ";".join(d[k]) if k == "refs" else str(d[k])  # type: ignore[arg-type]
        for k in FIELDS
    ]


def to_csv(out: CheckOutput, lang: Lang) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    if out.notice is not None:
        writer.writerow([f"# {out.notice.render(lang)}"])
    writer.writerow(FIELDS)
    for f in out.findings:
        writer.writerow(_row(f, lang))
    return buf.getvalue()


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def to_markdown(out: CheckOutput, lang: Lang) -> str:
    lines = []
    if out.notice is not None:
        lines += [f"> **{out.notice.render(lang)}**", ""]
    lines.append("| " + " | ".join(FIELDS) + " |")
    lines.append("|" + "---|" * len(FIELDS))
    for f in out.findings:
        lines.append("| " + " | ".join(_md_cell(c) for c in _row(f, lang)) + " |")
    lines += ["", summary_line(out, lang), "", footer(out, lang)]
    return "\n".join(lines) + "\n"


def summary_line(out: CheckOutput, lang: Lang) -> str:
    parts = [f"{STATUS_NAMES[s].render(lang)} {out.summary.get(s, 0)}" for s in STATUSES]
    head = Msg("合计:", "Summary: ").render(lang)
    return head + ("  ".join(parts) if lang == "zh" else ", ".join(parts))


def footer(out: CheckOutput, lang: Lang) -> str:
    p = out.provenance
    commit = p.commit[:12] if p.commit else Msg("无 git", "no git").render(lang)
    dirty = {
        True: Msg(" (有未提交修改)", " (uncommitted changes)"),
        False: Msg("", ""),
        None: Msg("", ""),
    }
    return Msg(
        f"数据:{p.path} @ {commit}{dirty[p.dirty].zh},{p.records} 条记录,{p.errors} 个错误,"
        f"{p.left_out} 条未计入;截至 {out.as_of}",
        f"Data: {p.path} @ {commit}{dirty[p.dirty].en}, {p.records} records, {p.errors} errors, "
        f"{p.left_out} left out; as of {out.as_of}",
    ).render(lang)


def _days(f: Finding, as_of: dt.date, lang: Lang) -> str:
    """Days overdue (or left, or late by), short enough for a narrow column."""
    if f.status == "overdue":
        n = (as_of - f.due).days
        return Msg(f"逾{n}天", f"{n}d over").render(lang)
    if f.status == "due":
        n = (f.due - as_of).days
        return Msg(f"剩{n}天", f"{n}d left").render(lang)
    if f.status == "late" and f.evidence is not None:
        n = (f.evidence - f.due).days
        return Msg(f"晚{n}天", f"{n}d late").render(lang)
    return ""


def _order(f: Finding) -> tuple[int, dt.date, str, str]:
    # Monday-morning order: overdue first (oldest due first = most days overdue), then due soonest.
    return (STATUSES.index(f.status), f.due, f.obligation, f.subject)


def print_table(out: CheckOutput, lang: Lang, console: Console) -> None:
    """The table a station chief reads: grouped by unit, most overdue first, then a summary."""
    from rich import box
    from rich.table import Table

    ledger = out.ledger
    if out.notice is not None:
        console.print(f"[bold red]{out.notice.render(lang)}[/]")
    if not out.findings:
        console.print(Msg("没有需要显示的事项。", "Nothing to show.").render(lang))
    groups: dict[str | None, list[Finding]] = {}
    for f in out.findings:
        groups.setdefault(f.unit, []).append(f)
    for unit in sorted(groups, key=lambda u: (u is None, u or "")):
        items = sorted(groups[unit], key=_order)
        title = (
            f"{ledger.name_of(unit)} ({unit})"
            if unit
            else Msg("(无责任单位)", "(no unit)").render(lang)
        )
        table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, expand=True)
        table.add_column(Msg("状态", "Status").render(lang), no_wrap=True)
        table.add_column(Msg("天数", "Days").render(lang), no_wrap=True, justify="right")
        table.add_column(Msg("事项", "Duty").render(lang), ratio=2, overflow="fold")
        table.add_column(Msg("对象", "Subject").render(lang), ratio=3, overflow="fold")
        table.add_column(Msg("期间", "Period").render(lang), ratio=2, overflow="fold")
        table.add_column(Msg("期限", "Due").render(lang), no_wrap=True)
        table.add_column(Msg("说明", "Details").render(lang), ratio=4, overflow="fold")
        for f in items:
            subject_name = ledger.name_of(f.subject.split(":", 1)[0])
            subject = (
                f.subject
                if subject_name == f.subject.split(":", 1)[0]
                else f"{subject_name} {f.subject}"
            )
            table.add_row(
                f"[{STATUS_STYLE[f.status]}]{STATUS_NAMES[f.status].render(lang)}[/]",
                _days(f, out.as_of, lang),
                PLAN_TEXT[f.obligation].render(lang),
                subject,
                f.period or "",
                f.due.isoformat(),
                (f.detail or f.msg).render(lang),
            )
        console.print(table)
    console.print(summary_line(out, lang))
    console.print(footer(out, lang), style="dim")
