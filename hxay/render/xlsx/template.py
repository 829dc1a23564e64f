"""Stage 5, render, xlsx: the import template (editing/template.py) drawn as a workbook to
fill in: 填写说明 first, one sheet per kind with its labels and the hidden codes row, drop-down
lists, date and text column formats, and the 编号 sheet the id drop-downs read.
openpyxl is imported inside the function: only this command needs it.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import TYPE_CHECKING

from hxay.editing.sheet import column_letter
from hxay.editing.template import (
    IDS_SHEET,
    INSTRUCTIONS_SHEET,
    TEXT_FORMAT,
    Column,
    IdList,
    Template,
)
from hxay.render.escape import set_cell
from hxay.render.xlsx.page import print_setup, text_width

if TYPE_CHECKING:
    import hxay.render.xlsx.protocols as xl

LAST_ROW = 5000
"""Formats and drop-downs reach this row (a month of a city's records fits many times)."""
DATE_FORMAT = "yyyy-mm-dd"
WIDTHS_BY_TYPE = {
    "text": 20, "id": 16, "ids": 20, "list": 18, "mapping": 24, "date": 13, "count": 10,
    "bool": 8, "choice": 8,
}  # fmt: skip


def template_workbook(t: Template, version: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.worksheet.datavalidation import DataValidation

    face = "宋体"
    wb: xl.Workbook = Workbook()
    wb.properties.title = "护校安园 导入模板"
    wb.properties.creator = f"hxay {version}"
    thin = Side(style="thin", color="999999")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    head_fill = PatternFill("solid", fgColor="DDEBF7")
    need_fill = PatternFill("solid", fgColor="FCE4D6")
    wrap = Alignment(wrap_text=True, vertical="top")

    info = wb.active
    info.title = INSTRUCTIONS_SHEET
    fonts = (Font(name=face, bold=True, size=14), Font(name=face, bold=True), Font(name=face))
    _instructions(info, t, fonts, box, wrap)

    ranges = {
        listed.name: f"'{IDS_SHEET}'!${column_letter(1 + 3 * k)}$2:${column_letter(1 + 3 * k)}${len(listed.ids) + 1}"
        for k, listed in enumerate(t.id_lists)
    }
    for sheet in t.sheets:
        ws = wb.create_sheet(sheet.title)
        for j, col in enumerate(sheet.columns, start=1):
            letter = column_letter(j)
            head = ws.cell(1, j)
            set_cell(head, col.header)
            head.font = Font(name=face, bold=True, color="C00000" if col.required else None)
            head.fill = need_fill if col.required else head_fill
            head.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
            head.border = box
            set_cell(ws.cell(2, j), col.code)
            dim = ws.column_dimensions[letter]
            longest = max((text_width(x) for x in col.choices.values()), default=0)
            dim.width = max(WIDTHS_BY_TYPE[col.type], text_width(col.header) + 4, longest + 4)
            if col.type == "date":
                dim.number_format = DATE_FORMAT
            elif col.type == "count":
                dim.number_format = "0"
            elif col.type in TEXT_FORMAT or col.code.endswith("phone"):
                dim.number_format = "@"
            check = _validation(col, ranges, DataValidation)
            if check is not None:
                check.add(f"{letter}3:{letter}{LAST_ROW}")
                ws.add_data_validation(check)
        ws.row_dimensions[1].height = 32
        ws.row_dimensions[2].hidden = True
        ws.freeze_panes = "B3"
        print_setup(ws, columns=len(sheet.columns), title_rows="1:1")
    if t.id_lists:
        _id_sheet(wb, t.id_lists, Font(name=face, bold=True))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _validation(
    col: Column, ranges: dict[str, str], factory: Callable[..., xl.Validation]
) -> xl.Validation | None:
    if col.choices:
        listed = ",".join(col.choices.values())
        return factory(
            type="list",
            formula1=f'"{listed}"',
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="请从列表中选择",
            error="可选:" + "、".join(col.choices.values()),
            promptTitle=col.label[:32],
            prompt=col.note[:255],
            showInputMessage=True,
        )
    if col.ids is not None and col.ids in ranges:
        return factory(
            type="list",
            formula1=ranges[col.ids],
            allow_blank=True,
            showErrorMessage=True,
            errorStyle="warning",  # a new id may be typed; import checks it against the folder
            errorTitle="编号不在列表中",
            error="该编号不在数据文件夹中;确认无误可继续",
        )
    return None


WIDTHS = (14, 24, 26, 6, 70)
"""Columns of the 填写说明 sheet: sheet, label, code, required, what to write."""


def _instructions(
    ws: xl.Worksheet,
    t: Template,
    fonts: tuple[object, object, object],
    box: object,
    wrap: object,
) -> None:
    title, bold, plain = fonts
    set_cell(ws.cell(1, 1), INSTRUCTIONS_SHEET)
    ws.cell(1, 1).font = title
    ws.row_dimensions[1].height = 24
    row = 2
    for line in t.instructions:
        cell = ws.cell(row, 1)
        set_cell(cell, line)
        cell.font = plain
        cell.alignment = wrap
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(WIDTHS))
        ws.row_dimensions[row].height = 16 * -(-text_width(line) // (sum(WIDTHS) - 6))
        row += 1
    row += 1
    heads = ("表", "列名", "字段代码", "必填", "说明")
    for j, text in enumerate(heads, start=1):
        cell = ws.cell(row, j)
        set_cell(cell, text)
        cell.font = bold
        cell.border = box
    first = row
    for sheet in t.sheets:
        for col in sheet.columns:
            row += 1
            values = (sheet.title, col.label, col.code, "是" if col.required else "", col.note)
            for j, text in enumerate(values, start=1):
                cell = ws.cell(row, j)
                set_cell(cell, text)
                cell.border = box
                cell.font = plain
                cell.alignment = wrap
            lines = max(
                -(-text_width(text) // (w - 2)) for text, w in zip(values, WIDTHS, strict=True)
            )
            ws.row_dimensions[row].height = 16 * max(1, lines)
    for letter, width in zip("ABCDE", WIDTHS, strict=True):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = f"A{first + 1}"
    print_setup(ws, columns=5, title_rows=f"{first}:{first}")


def _id_sheet(wb: xl.Workbook, lists: tuple[IdList, ...], bold: object) -> None:
    """The 编号 sheet, last: each list as an id column and a name column."""
    ws = wb.create_sheet(IDS_SHEET)
    for k, listed in enumerate(lists):
        col = 1 + 3 * k
        for j, text in ((col, f"{listed.title}编号"), (col + 1, "名称")):
            set_cell(ws.cell(1, j), text)
            ws.cell(1, j).font = bold
        for i, (ident, name) in enumerate(listed.ids, start=2):
            set_cell(ws.cell(i, col), ident)
            set_cell(ws.cell(i, col + 1), name)
        letter = column_letter(col)
        ws.column_dimensions[letter].width = max(12, *(text_width(i) + 2 for i, _ in listed.ids))
        ws.column_dimensions[column_letter(col + 1)].width = max(
            12, *(text_width(n) + 2 for _, n in listed.ids)
        )
    print_setup(ws, columns=3 * len(lists), title_rows="1:1")
