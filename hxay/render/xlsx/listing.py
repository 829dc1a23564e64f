"""Stage 5, render, xlsx: any Document (隐患学校名单, the scorecard, 一校一档, ...) as a
workbook to print: one sheet per listing or chart (a sheet has one set of rows to repeat
on each page, and each table's header row is repeated), the paragraphs before it above it.

Each sheet: the document's title centred over the table, its range lines, the section
heading and prose, the table (header row, groups as heading rows, the total row), the data
provenance as the last line and in the page footer. The columns people read come first;
the ids and the grouping value follow in hidden columns outside the print area, so every
row of the JSON is there to read back. A chart comes as the table of its numbers.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING

from hxay.models.text import Lang
from hxay.render.escape import set_cell
from hxay.render.listing import cell_text, chart_listing, groups, shown_fields
from hxay.render.words import range_lines, report_data_line
from hxay.render.xlsx.contract import add_properties
from hxay.render.xlsx.page import (
    band,
    box,
    font_for,
    head_cell,
    merged_line,
    print_setup,
    text_lines,
    text_width,
)
from hxay.reports.document import Block, Cell, Chart, Document, Listing, Paragraph

if TYPE_CHECKING:
    import hxay.render.xlsx.protocols as xl

PROSE_WIDTH = 40
"""The widest a prose column grows; longer text wraps."""
SHEET_NAME = 31
_NOT_IN_NAMES = re.compile(r"[\[\]:*?/\\]")


@dataclass
class _Sheet:
    """What goes on one sheet: section headings and paragraphs, then at most one table."""

    name: str
    lead: list[str | Paragraph] = field(default_factory=list)
    table: Listing | None = None
    caption: str | None = None
    tail: list[Paragraph] = field(default_factory=list)


def plan(doc: Document) -> list[_Sheet]:
    """The sheets of a document: a new one at each listing or chart; prose before a table
    goes above it, prose after the last table of a section below it; a section of prose
    only joins the next sheet (or the last, at the end)."""
    sheets: list[_Sheet] = []
    pending: list[str | Paragraph] = []
    for section in doc.sections:
        pending.append(section.title)
        first = True
        for block in section.blocks:
            if isinstance(block, Paragraph):
                pending.append(block)
                continue
            name = block.title if isinstance(block, Chart) else section.title
            sheet = _Sheet(name, lead=pending)
            sheet.table, sheet.caption = _table(block)
            sheets.append(sheet)
            pending, first = [], False
        if not first and pending:
            sheets[-1].tail += [p for p in pending if isinstance(p, Paragraph)]
            pending = []
    if pending and sheets:
        sheets[-1].tail += [p for p in pending if isinstance(p, Paragraph)]
    elif not sheets:
        sheets.append(_Sheet(doc.title, lead=pending))
    return sheets


def _table(block: Block) -> tuple[Listing | None, str | None]:
    if isinstance(block, Chart):
        return chart_listing(block), block.title
    if isinstance(block, Listing):
        return block, None
    return None, None


def sheet_names(names: list[str]) -> list[str]:
    """Names Excel accepts: no []:*?/\\, at most 31 characters, each different."""
    out: list[str] = []
    for name in names:
        base = _NOT_IN_NAMES.sub("_", name).strip("'") or "Sheet"
        candidate = base[:SHEET_NAME]
        k = 2
        while candidate.lower() in (x.lower() for x in out):
            suffix = f"({k})"
            candidate = base[: SHEET_NAME - len(suffix)] + suffix
            k += 1
        out.append(candidate)
    return out


def columns(listing: Listing) -> tuple[list[int], list[int]]:
    """The fields people read (in order), then the others (ids, the grouping value)."""
    shown = shown_fields(listing)
    return shown, [j for j in range(len(listing.fields)) if j not in shown]


def _width(listing: Listing, j: int, lang: Lang) -> float:
    f = listing.fields[j]
    rows = [*listing.rows, *([listing.total] if listing.total is not None else [])]
    widest = max((text_width(cell_text(row[j], lang)) for row in rows), default=1)
    label = text_width(f.label)
    if f.numeric:
        return max(6, widest + 2, -(-label // 2) + 2)
    if f.short:
        return max(widest + 2, min(label, 16) + 2)
    return min(max(widest, label, 8) + 2, PROSE_WIDTH)


def document_workbook(doc: Document) -> bytes:
    from openpyxl import Workbook

    wb: xl.Workbook = Workbook()
    wb.properties.title = doc.title
    wb.properties.creator = f"hxay {doc.version}"
    add_properties(
        wb,
        {
            "form": doc.form,
            "campaign": doc.campaign.id,
            "as_of": doc.as_of.isoformat(),
            "version": doc.version,
        },
    )
    sheets = plan(doc)
    names = sheet_names([s.name for s in sheets])
    for k, (sheet, name) in enumerate(zip(sheets, names, strict=True)):
        ws = wb.active if k == 0 else wb.create_sheet()
        ws.title = name
        _draw(ws, doc, sheet)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _draw(ws: xl.Worksheet, doc: Document, sheet: _Sheet) -> None:
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    lang = doc.lang
    font = partial(font_for, lang)
    listing = sheet.table
    shown, hidden = columns(listing) if listing is not None else ([], [])
    widths = [_width(listing, j, lang) for j in shown] if listing is not None else [80.0]
    ncols = max(len(shown), 1)
    room = sum(widths)

    def prose(
        row: int,
        text: str,
        *,
        size: float,
        bold: bool | None = None,
        italic: bool | None = None,
        color: str | None = None,
    ) -> None:
        cell = merged_line(
            ws, row, 1, ncols, text, font=font(bold=bold, italic=italic, size=size, color=color)
        )
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        lines = max(1, -(-round(text_width(text) * size / 10) // max(round(room * 0.95), 1)))
        ws.row_dimensions[row].height = lines * (size + 5) + 2

    line = 1
    merged_line(ws, line, 1, ncols, doc.title, font=font(bold=True, size=16), align="center")
    ws.row_dimensions[line].height = 26
    line += 1
    for text in range_lines(doc):
        merged_line(ws, line, 1, ncols, text, font=font(size=9, color="444444"), align="center")
        line += 1
    for note in doc.notes:
        prose(line, note, bold=True, size=11, color="C00000")
        line += 1
    for item in sheet.lead:
        if isinstance(item, Paragraph):
            prose(line, item.text, size=10)
        else:
            line += 1
            merged_line(ws, line, 1, ncols, item, font=font(bold=True, size=12))
        line += 1
    if sheet.caption is not None:
        merged_line(ws, line, 1, ncols, sheet.caption, font=font(bold=True, size=11))
        line += 1

    rule = box()
    head_row = None
    if listing is not None and not listing.rows:
        prose(line, listing.empty, size=10, italic=True)
        line += 1
    elif listing is not None:
        head_row = line
        for c, j in enumerate([*shown, *hidden], start=1):
            text = listing.fields[j].label if c <= len(shown) else listing.fields[j].id
            head_cell(ws.cell(line, c), text, font=font(bold=True, size=10), border=rule)
        lines = max(
            text_lines(listing.fields[j].label, int(w) - 1)
            for j, w in zip(shown, widths, strict=True)
        )
        ws.row_dimensions[line].height = 13 * lines + 6
        line += 1
        for name, rows in groups(listing):
            if name is not None:
                cell = merged_line(ws, line, 1, ncols, name, font=font(bold=True, size=10))
                band(ws, line, ncols, "E9EEF5", rule)
                cell.alignment = Alignment(horizontal="left", vertical="center")
                line += 1
            for row in rows:
                _row(ws, line, listing, row, shown, hidden, lang, font(size=10), rule)
                line += 1
        if listing.total is not None:
            _row(ws, line, listing, listing.total, shown, [], lang, font(bold=True, size=10), rule)
            band(ws, line, ncols, "E7E6E6")
            line += 1
    for paragraph in sheet.tail:
        line += 1
        prose(line, paragraph.text, size=10)
    line += 1
    provenance = report_data_line(doc)
    merged_line(ws, line, 1, ncols, provenance, font=font(size=8, color="666666"))
    for note in doc.notes:
        line += 1
        prose(line, note, bold=True, size=10, color="C00000")

    for c, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = width
    for c in range(len(shown) + 1, len(shown) + len(hidden) + 1):
        ws.column_dimensions[get_column_letter(c)].hidden = True
    if head_row is not None:
        ws.freeze_panes = ws.cell(head_row + 1, 1)
    print_setup(
        ws,
        columns=ncols,
        title_rows=f"{head_row}:{head_row}" if head_row is not None else None,
        area=f"A1:{get_column_letter(ncols)}{line}",
        footer=provenance,
        lang=lang,
    )


def _row(
    ws: xl.Worksheet,
    line: int,
    listing: Listing,
    row: tuple[Cell, ...],
    shown: list[int],
    hidden: list[int],
    lang: Lang,
    font: object,
    box: object,
) -> None:
    """One table row: what people read (yes/no in words, counts as numbers), then the
    machine values (booleans as booleans) in the hidden columns."""
    from openpyxl.styles import Alignment

    for c, j in enumerate(shown, start=1):
        value = row[j]
        cell = ws.cell(line, c)
        f = listing.fields[j]
        if isinstance(value, int) and not isinstance(value, bool):
            cell.value = value
            cell.number_format = "0"
        else:
            set_cell(cell, cell_text(value, lang))
        cell.font = font
        cell.border = box
        wrap = not (f.short or f.numeric)
        cell.alignment = Alignment(
            horizontal="right" if f.numeric else "left", vertical="center", wrap_text=wrap
        )
    for c, j in enumerate(hidden, start=len(shown) + 1):
        set_cell(ws.cell(line, c), row[j])
