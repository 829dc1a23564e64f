"""Stage 5, render, xlsx: the statistics form laid out like the paper form.

Stations down (one row each, then 其他 and the bold 合计 row), indicators across, each
label merged over its parts (本期 | 累计): the way the form is filled in and added up on
paper, one station per line. Above the headers, the title with the period and a line with
填报单位, 填报日期 and the data provenance; below the table, what the parts cover.
openpyxl is imported inside the functions: it costs about 0.4 s, and only this format needs it.
"""

from __future__ import annotations

import io
from typing import Any

from hxay.models.text import Msg
from hxay.render.escape import set_cell
from hxay.render.words import day_text, period_title, report_data_line, stock_line
from hxay.render.xlsx.page import print_setup, text_width
from hxay.reports.table import Table

HEADER_LINES = 2
"""An indicator label may wrap onto this many lines before its columns grow wider."""


def _after(widths: list[float], start: int, room: float) -> int:
    """The first column (1-based) at or after `start` whose left edge is `room` or more to
    the right of column `start`'s left edge (past the last column if none is)."""
    edge = 0.0
    col = start
    while col <= len(widths) and edge < room:
        edge += widths[col - 1]
        col += 1
    return col


def put(ws: Any, row: int, col: int, value: object) -> Any:
    """Write a value into a cell (text never as a formula, render/escape.py) and return it."""
    cell = ws.cell(row, col)
    set_cell(cell, value)
    return cell


def stats_workbook(t: Table) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    zh = t.lang == "zh"
    face = "宋体" if zh else None

    def font(**kw: Any) -> Any:
        return Font(name=face, **kw)

    wb = Workbook()
    ws = wb.active
    ws.title = t.period.label if t.period is not None else t.form
    wb.properties.title = t.title
    wb.properties.creator = f"hxay {t.version}"

    nparts = len(t.parts)
    ncols = 1 + nparts * len(t.columns)

    unit_head = Msg("单位", "Unit").render(t.lang)
    unit_w = max(text_width(x) for x in (unit_head, *(row.label for row in t.rows))) + 4
    widths: list[float] = [unit_w]
    header_h = 1
    for j, col in enumerate(t.columns):
        digits = max((len(str(v)) for row in t.rows for v in row.cells[j]), default=1)
        part_w = max(text_width(p.label) for p in t.parts)
        label_w = text_width(col.label)
        sub = max(6, digits + 2, part_w + 2, -(-label_w // (HEADER_LINES * nparts)) + 2)
        widths += [sub] * nparts
        header_h = max(header_h, -(-label_w // (sub * nparts - 2)))

    title = t.title
    period = period_title(t)
    if period:
        title = f"{title} {period}" if zh else f"{title}, {period}"
    put(ws, 1, 1, title).font = font(bold=True, size=16)
    ws.row_dimensions[1].height = 28

    if t.reporting_unit is not None:
        unit_name = t.reporting_unit.label
    else:
        unit_name = next((row.label for row in t.rows if row.total), "")
    unit_text = Msg(f"填报单位:{unit_name}", f"Reporting unit: {unit_name}").render(t.lang)
    date_text = Msg("填报日期:", "Date: ").render(t.lang) + day_text(t.as_of, t.lang)
    date_col = _after(widths, 1, text_width(unit_text) + 4)
    data_col = _after(widths, date_col, text_width(date_text) + 4)
    put(ws, 2, 1, unit_text).font = font(size=11)
    put(ws, 2, date_col, date_text).font = font(size=11)
    put(ws, 2, data_col, report_data_line(t)).font = font(size=9, color="555555")

    line = 3
    for note in t.notes:
        put(ws, line, 1, note).font = font(bold=True, size=12, color="C00000")
        line += 1

    top = line + 1
    bottom = top + (1 if nparts > 1 else 0)
    thin = Side(style="thin", color="000000")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    head_fill = PatternFill("solid", fgColor="F2F2F2")
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)

    def header(row: int, col: int, text: str) -> None:
        cell = put(ws, row, col, text)
        cell.font = font(bold=True, size=10)
        cell.alignment = centre
        cell.fill = head_fill

    header(top, 1, unit_head)
    ws.merge_cells(start_row=top, start_column=1, end_row=bottom, end_column=1)
    for j, col in enumerate(t.columns):
        first = 2 + j * nparts
        header(top, first, col.label)
        if nparts > 1:
            ws.merge_cells(
                start_row=top, start_column=first, end_row=top, end_column=first + nparts - 1
            )
            for k, part in enumerate(t.parts):
                header(bottom, first + k, part.label)
    ws.row_dimensions[top].height = 14 * header_h + 4
    for r in range(top, bottom + 1):
        for c in range(1, ncols + 1):
            ws.cell(r, c).border = box  # merged cells too, so the grid prints unbroken

    total_fill = PatternFill("solid", fgColor="E7E6E6")
    r = bottom
    for row in t.rows:
        r += 1
        label = put(ws, r, 1, row.label)
        label.font = font(bold=row.total, size=10)
        label.alignment = Alignment(horizontal="center" if row.total else "left")
        label.border = box
        for j, values in enumerate(row.cells):
            for k, value in enumerate(values):
                cell = put(ws, r, 2 + j * nparts + k, value)
                cell.number_format = "0"
                cell.font = font(bold=row.total, size=10)
                cell.border = box
        if row.total:
            for c in range(1, ncols + 1):
                ws.cell(r, c).fill = total_fill

    foot = r + 2
    spans = []
    if t.period is not None:
        spans.append(
            Msg(
                f"本期:{t.period.start} 至 {t.period.end}",
                f"Period: {t.period.start} to {t.period.end}",
            ).render(t.lang)
        )
    if t.cumulative is not None:
        spans.append(
            Msg(
                f"累计:{t.cumulative.start} 至 {t.cumulative.end}",
                f"Cumulative: {t.cumulative.start} to {t.cumulative.end}",
            ).render(t.lang)
        )
    stock = stock_line(t)
    explain = [";".join(spans) if zh else "; ".join(spans)] if spans else []
    if stock is not None:
        explain.append(stock)
    for text in explain:
        put(ws, foot, 1, text).font = font(size=9)
        foot += 1
    for note in t.notes:
        put(ws, foot, 1, note).font = font(bold=True, size=10, color="C00000")
        foot += 1
    signed = Msg("填表人:", "Prepared by:").render(t.lang)
    checked = Msg("审核人:", "Checked by:").render(t.lang)
    put(ws, foot + 1, 1, signed).font = font(size=10)
    put(ws, foot + 1, _after(widths, 1, text_width(signed) + 24), checked).font = font(size=10)

    for c, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = width
    ws.freeze_panes = ws.cell(bottom + 1, 2)
    print_setup(ws, columns=ncols - 1, title_rows=f"{top}:{bottom}", title_cols="A:A")

    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
