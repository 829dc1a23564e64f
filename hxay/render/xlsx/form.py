"""Stage 5, render, xlsx: the statistics form laid out like the paper form.

Stations down (one row each, then 其他 when it holds a value, and the bold 合计 row),
indicators across, each label merged over its parts (本期 | 累计): the way the form is filled
in and added up on paper, one station per line. The head as government forms print it
(表号/制表机关/批准文号 top right when configured, the title centred, 填报单位(盖章) and
填报日期), the foot (what the parts cover, footnotes, then 单位负责人/审核人/填表人/联系电话/
报出日期, blank lines where campaign.yaml gives no name) and the data provenance in a small
last line and the page footer. The machine contract (hidden row and column, document
properties) is contract.py's. openpyxl is imported inside the functions.
"""

from __future__ import annotations

import io
from functools import partial
from typing import TYPE_CHECKING

from hxay.models.text import Msg
from hxay.render.escape import set_cell
from hxay.render.words import (
    date_line,
    period_title,
    report_data_line,
    signature_cells,
    stock_line,
    top_right_lines,
    unit_line,
)
from hxay.render.xlsx.contract import mark, stamp
from hxay.render.xlsx.page import (
    band,
    box,
    font_for,
    head_cell,
    merged_line,
    print_setup,
    slots,
    text_lines,
    text_width,
)
from hxay.reports.table import Table

if TYPE_CHECKING:
    import hxay.render.xlsx.protocols as xl

HEADER_LINES = 3
"""An indicator label may wrap onto this many lines before its columns grow wider."""


def header_label(label: str, room: float) -> str:
    """An indicator label too wide for its columns broken before its unit (检查学校 / (所)),
    so the line does not end on a lone bracket."""
    cut = min((i for i in (label.find("("), label.find("(")) if i > 0), default=-1)
    if cut < 0 or text_width(label) * 0.85 <= room:
        return label
    return label[:cut] + "\n" + label[cut:]


def _lines(label: str, room: float) -> int:
    """Lines a 9-point label takes in `room` width units (about 0.85 a unit per column)."""
    return sum(max(1, text_lines(part, int(room), 0.85)) for part in label.split("\n"))


def _widths(t: Table) -> tuple[list[float], int]:
    """Column widths (the unit column, then each part of each indicator) and the header
    row's height in lines."""
    nparts = len(t.parts)
    unit_head = Msg("单位", "Unit").render(t.lang)
    widths: list[float] = [max(text_width(x) for x in (unit_head, *(r.label for r in t.rows))) + 2]
    lines = 1
    for j, col in enumerate(t.columns):
        digits = max((len(str(v)) for row in t.rows for v in row.cells[j]), default=1)
        part_w = max(text_width(p.label) for p in t.parts)
        label_w = text_width(col.label)
        sub = max(5, digits + 1, part_w + 1, -(-label_w // (HEADER_LINES * nparts)) + 1)
        widths += [sub] * nparts
        room = sub * nparts - 1
        lines = max(lines, _lines(header_label(col.label, room), room))
    return widths, lines


def stats_workbook(t: Table) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    zh = t.lang == "zh"
    font = partial(font_for, t.lang)

    wb: xl.Workbook = Workbook()
    ws = wb.active
    ws.title = t.period.label if t.period is not None else t.form
    wb.properties.title = t.title
    wb.properties.creator = f"hxay {t.version}"
    stamp(wb, t)

    nparts = len(t.parts)
    ncols = 1 + nparts * len(t.columns)
    widths, header_lines = _widths(t)
    right_from = slots(widths, 3)[2]

    line = 1
    for text in top_right_lines(t):
        merged_line(ws, line, right_from, ncols, text, font=font(size=10))
        line += 1

    title = t.title
    period = period_title(t)
    if period:
        title = f"{title} {period}" if zh else f"{title}, {period}"
    merged_line(ws, line, 1, ncols, title, font=font(bold=True, size=18), align="center")
    ws.row_dimensions[line].height = 30
    line += 1

    merged_line(ws, line, 1, right_from - 1, unit_line(t), font=font(size=11))
    merged_line(ws, line, right_from, ncols, date_line(t), font=font(size=11), align="right")
    ws.row_dimensions[line].height = 20
    line += 1
    for note in t.notes:
        merged_line(ws, line, 1, ncols, note, font=font(bold=True, size=12, color="C00000"))
        line += 1

    marks = line
    top = marks + 1
    bottom = top + (1 if nparts > 1 else 0)
    rule = box()

    def header(row: int, col: int, text: str) -> None:
        head_cell(ws.cell(row, col), text, font=font(bold=True, size=9))

    header(top, 1, Msg("单位", "Unit").render(t.lang))
    ws.merge_cells(start_row=top, start_column=1, end_row=bottom, end_column=1)
    for j, col in enumerate(t.columns):
        first = 2 + j * nparts
        header(top, first, header_label(col.label, widths[first - 1] * nparts - 1))
        if nparts > 1:
            ws.merge_cells(
                start_row=top, start_column=first, end_row=top, end_column=first + nparts - 1
            )
            for k, part in enumerate(t.parts):
                header(bottom, first + k, part.label)
    ws.row_dimensions[top].height = 12 * header_lines + 6
    for r in range(top, bottom + 1):
        for c in range(1, ncols + 1):
            ws.cell(r, c).border = rule  # merged cells too, so the grid prints unbroken

    r = bottom
    for row in t.rows:
        r += 1
        label = ws.cell(r, 1)
        set_cell(label, row.label)
        label.font = font(bold=row.total, size=10)
        label.alignment = Alignment(horizontal="center" if row.total else "left")
        label.border = rule
        for j, values in enumerate(row.cells):
            for k, number in enumerate(values):
                cell = ws.cell(r, 2 + j * nparts + k, number)
                cell.number_format = "0"
                cell.font = font(bold=row.total, size=10)
                cell.border = rule
        if row.total:
            band(ws, r, ncols, "E7E6E6")
    last_row = r
    mark(ws, t, marks=marks, first_row=bottom + 1, after=ncols + 1)

    foot = last_row + 2
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
    explain = [(";" if zh else "; ").join(spans)] if spans else []
    if stock is not None:
        explain.append(stock)
    explain += t.footnotes
    for text in explain:
        merged_line(ws, foot, 1, ncols, text, font=font(size=9))
        foot += 1
    for note in t.notes:
        merged_line(ws, foot, 1, ncols, note, font=font(bold=True, size=10, color="C00000"))
        foot += 1
    foot += 1
    starts = slots(widths, 5)
    for k, text in enumerate(signature_cells(t)):
        end = starts[k + 1] - 1 if k + 1 < len(starts) else ncols
        merged_line(ws, foot, starts[k], max(end, starts[k]), text, font=font(size=10))
    ws.row_dimensions[foot].height = 22
    provenance = report_data_line(t)
    merged_line(ws, foot + 1, 1, ncols, provenance, font=font(size=8, color="666666"))

    for c, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = width
    ws.freeze_panes = ws.cell(bottom + 1, 2)
    last_col = get_column_letter(ncols)
    print_setup(
        ws,
        columns=ncols - 1,
        title_rows=f"1:{bottom}",
        title_cols="A:A",
        area=f"A{bottom + 1}:{last_col}{foot + 1}",
        footer=provenance,
        lang=t.lang,
    )

    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
