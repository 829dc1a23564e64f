"""Stage 5, render, xlsx: the check as a 督办清单 a station chief prints and hands out.

One sheet: the title and as-of date, one header row (repeated on every printed page), then a
block per responsible unit (a title row, then its items as the terminal orders them: overdue
first, most days overdue first, then what falls due soonest), each unit starting a new page so
each can be handed to its unit; the counts by status and the data provenance at the foot and
in the page footer. Headers and status words follow the output language; the ids follow in
hidden columns outside the print area.
"""

from __future__ import annotations

import io
from functools import partial
from typing import TYPE_CHECKING

from hxay.models.findings import STATUS_WORDS, Finding
from hxay.render.escape import set_cell
from hxay.render.words import data_line, summary_line, t
from hxay.render.xlsx.page import (
    band,
    box,
    font_for,
    head_cell,
    merged_line,
    print_setup,
    text_lines,
)
from hxay.reports.check import CheckReport
from hxay.reports.common import finding_days

if TYPE_CHECKING:
    import hxay.render.xlsx.protocols as xl

HIDDEN = ("obligation", "status", "unit", "subject", "period", "refs")
WRAPPED = frozenset({3, 4, 5, 7})
"""The columns whose text wraps (duty, subject, period, what is missing)."""


def headings(report: CheckReport) -> list[str]:
    lang = report.lang
    return [
        t(lang, "状态", "Status"),
        t(lang, "逾期天数", "Days overdue"),
        t(lang, "事项", "Duty"),
        t(lang, "对象", "Subject"),
        t(lang, "期间", "Period"),
        t(lang, "期限", "Due"),
        t(lang, "需要补上的", "What is missing"),
    ]


def cells(f: Finding, report: CheckReport) -> list[object]:
    """One item as people read it, in `headings` order, then the hidden ids."""
    lang = report.lang
    return [
        STATUS_WORDS[f.status].render(lang),
        finding_days(f, report.as_of),
        f.duty.render(lang),
        report.subject_name(f.subject),
        f.period_words(lang),
        f.due.isoformat(),
        (f.detail or f.msg).render(lang),
        f.obligation,
        f.status,
        f.unit or "",
        f.subject,
        f.period or "",
        ";".join(f.refs),
    ]


def check_workbook(report: CheckReport) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.pagebreak import Break

    lang = report.lang
    font = partial(font_for, lang)
    wb: xl.Workbook = Workbook()
    ws = wb.active
    ws.title = t(lang, "督办清单", "Owed")
    campaign = report.ledger.campaign
    title = t(
        lang,
        f"{campaign.name}督办清单(截至{report.as_of})",
        f"{campaign.name}: what is owed, as of {report.as_of}",
    )
    wb.properties.title = title

    heads = headings(report)
    ncols = len(heads)
    widths = [11.0, 8.0, 30.0, 29.0, 17.0, 11.0, 48.0]
    rule = box()

    line = 1
    merged_line(ws, line, 1, ncols, title, font=font(bold=True, size=16), align="center")
    ws.row_dimensions[line].height = 28
    line += 1
    if report.notice is not None:
        merged_line(
            ws, line, 1, ncols, report.notice.render(lang), font=font(bold=True, color="C00000")
        )
        line += 1
    head_row = line
    for c, text in enumerate([*heads, *HIDDEN], start=1):
        head_cell(ws.cell(line, c), text, font=font(bold=True, size=10), border=rule)
    line += 1

    if not report.findings:
        merged_line(
            ws, line, 1, ncols, t(lang, "没有需要显示的事项。", "Nothing to show."), font=font()
        )
        line += 1
    for k, (unit, items) in enumerate(report.by_unit()):
        if k:
            ws.row_breaks.append(Break(id=line - 1))
        name = (
            f"{report.ledger.name_of(unit)}({unit})"
            if unit
            else t(lang, "(无责任单位)", "(no unit)")
        )
        overdue = sum(1 for f in items if f.status == "overdue")
        count = t(
            lang, f"{len(items)} 项,其中逾期 {overdue} 项", f"{len(items)} items, {overdue} overdue"
        )
        merged_line(ws, line, 1, ncols, f"{name}  {count}", font=font(bold=True, size=12))
        band(ws, line, ncols, "E9EEF5", rule)
        ws.row_dimensions[line].height = 20
        line += 1
        for f in items:
            for c, value in enumerate(cells(f, report), start=1):
                cell = ws.cell(line, c)
                set_cell(cell, value)
                if c > ncols:
                    continue
                cell.border = rule
                cell.font = font(
                    size=10,
                    bold=c == 1 and f.status == "overdue",
                    color="C00000" if c == 1 and f.status == "overdue" else None,
                )
                cell.alignment = Alignment(
                    horizontal="right" if c == 2 else "left",
                    vertical="center",
                    wrap_text=c in WRAPPED,
                )
            lines = max(
                text_lines(str(v), int(widths[c - 1] - 1))
                for c, v in enumerate(cells(f, report)[:ncols], start=1)
                if c in WRAPPED
            )
            ws.row_dimensions[line].height = 14 * max(1, lines) + 2
            line += 1

    line += 1
    merged_line(ws, line, 1, ncols, summary_line(report), font=font(size=10, bold=True))
    line += 1
    provenance = data_line(report.provenance, report.as_of, None, lang)
    merged_line(ws, line, 1, ncols, provenance, font=font(size=8, color="666666"))

    for c, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = width
    for c in range(ncols + 1, ncols + len(HIDDEN) + 1):
        ws.column_dimensions[get_column_letter(c)].hidden = True
    ws.freeze_panes = ws.cell(head_row + 1, 1)
    print_setup(
        ws,
        columns=ncols,
        title_rows=f"{head_row}:{head_row}",
        area=f"A1:{get_column_letter(ncols)}{line}",
        footer=provenance,
        lang=lang,
    )
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
