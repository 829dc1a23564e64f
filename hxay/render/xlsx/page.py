"""Stage 5, render, xlsx: what every workbook hxay writes shares: the width of text in a
cell and the lines it wraps onto, the fonts (宋体 in Chinese), the ruled grid and its shaded
header cells and bands, a title centred over the table, and the print setup (landscape, A4
or A3 by width, fitted one page wide, header rows and the first column repeated on every
page, margins, a print area, no gridlines, the data provenance and page numbers in the page
footer)."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING

from hxay.models.text import Lang, Msg

if TYPE_CHECKING:
    import hxay.render.xlsx.protocols as xl

A3_COLUMNS = 24
"""More value columns than this print on A3 instead of A4."""
FOOTER_LIMIT = 240
"""Excel refuses a header or footer of more than 255 characters, codes included."""


def text_width(text: str) -> int:
    """Columns a text takes in a spreadsheet cell: CJK (wide and full-width) characters count 2."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def text_lines(text: str, room: int, scale: float = 0.95) -> int:
    """Lines a text wraps onto in `room` width units, its width scaled by `scale` (the
    font's size against the column's unit); 0 for no text."""
    return -(-round(text_width(text) * scale) // max(room, 1))


def font_for(
    lang: Lang,
    *,
    bold: bool | None = None,
    italic: bool | None = None,
    size: float | None = None,
    color: str | None = None,
) -> object:
    """A font in the face of the output language: 宋体 in Chinese, Excel's own otherwise."""
    from openpyxl.styles import Font

    face = "宋体" if lang == "zh" else None
    return Font(name=face, bold=bold, italic=italic, size=size, color=color)


def box() -> object:
    """The thin black rule round every cell of a table."""
    from openpyxl.styles import Border, Side

    thin = Side(style="thin", color="000000")
    return Border(left=thin, right=thin, top=thin, bottom=thin)


def head_cell(cell: xl.Cell, text: str, *, font: object, border: object = None) -> None:
    """A table's header cell: centred, wrapped, shaded grey; ruled when `border` is given
    (a cell to be merged is ruled after merging, else openpyxl copies the rule's edges onto
    the merged cells)."""
    from openpyxl.styles import Alignment, PatternFill

    from hxay.render.escape import set_cell

    set_cell(cell, text)
    cell.font = font
    cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    cell.fill = PatternFill("solid", fgColor="F2F2F2")
    if border is not None:
        cell.border = border


def band(ws: xl.Worksheet, row: int, columns: int, color: str, border: object = None) -> None:
    """Shade columns 1..`columns` of a row (a group's title row, a total), ruled when
    `border` is given."""
    from openpyxl.styles import PatternFill

    fill = PatternFill("solid", fgColor=color)
    for c in range(1, columns + 1):
        ws.cell(row, c).fill = fill
        if border is not None:
            ws.cell(row, c).border = border


def column_after(widths: Sequence[float], start: int, room: float) -> int:
    """The first column (1-based) at or after `start` whose left edge is `room` or more to
    the right of column `start`'s left edge (past the last column if none is)."""
    edge = 0.0
    col = start
    while col <= len(widths) and edge < room:
        edge += widths[col - 1]
        col += 1
    return col


def slots(widths: Sequence[float], count: int) -> list[int]:
    """The first columns of `count` runs of about equal width across the table."""
    total = sum(widths)
    out: list[int] = []
    for k in range(count):
        col = column_after(widths, 1, total * k / count) if k else 1
        out.append(min(max(col, out[-1] + 1 if out else 1), len(widths)))
    return out


def merged_line(
    ws: xl.Worksheet,
    row: int,
    first: int,
    last: int,
    text: str,
    *,
    font: object,
    align: str = "left",
) -> xl.Cell:
    """Text in one row merged over columns `first`..`last` (so it prints where the table is,
    whatever the widths), aligned left, centre or right; the cell is returned."""
    from openpyxl.styles import Alignment

    from hxay.render.escape import set_cell

    cell = ws.cell(row, first)
    set_cell(cell, text)
    cell.font = font
    cell.alignment = Alignment(horizontal=align, vertical="center")
    if last > first:
        ws.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)
    return cell


def footer_text(text: str) -> str:
    """Text for a page header or footer: `&` is a code there, and the length is bounded."""
    text = text if len(text) <= FOOTER_LIMIT else text[: FOOTER_LIMIT - 1] + "…"
    return text.replace("&", "&&")


def page_number(lang: Lang) -> str:
    return Msg("第 &P 页,共 &N 页", "Page &P of &N").render(lang)


def print_setup(
    ws: xl.Worksheet,
    *,
    columns: int,
    title_rows: str | None = None,
    title_cols: str | None = None,
    area: str | None = None,
    footer: str | None = None,
    lang: Lang = "zh",
    portrait: bool = False,
) -> None:
    """Page setup for a sheet with `columns` value columns: landscape (unless `portrait`),
    A4 (A3 when wide), one page wide (rows may run onto more pages), `title_rows`/
    `title_cols` repeated, only `area` printed, `footer` (the data provenance) small at the
    left of every page's foot and the page number at its right."""
    ws.sheet_view.showGridLines = False
    ws.print_options.gridLines = False
    ws.print_options.horizontalCentered = True
    ws.page_setup.orientation = "portrait" if portrait else "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A3 if columns > A3_COLUMNS else ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = 0.5
    ws.page_margins.bottom = 0.6
    ws.page_margins.header = 0.2
    ws.page_margins.footer = 0.25
    if title_rows is not None:
        ws.print_title_rows = title_rows
    if title_cols is not None:
        ws.print_title_cols = title_cols
    if area is not None:
        ws.print_area = area
    for foot in (ws.oddFooter, ws.evenFooter, ws.firstFooter):
        if footer is not None:
            foot.left.text = footer_text(footer)
            foot.left.size = 7
            foot.left.color = "555555"
        foot.right.text = page_number(lang)
        foot.right.size = 8
