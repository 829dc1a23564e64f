"""Stage 5, render, xlsx: what every workbook hxay writes shares: the width of text in a
cell, and the print setup (landscape, A4 or A3 by width, fitted one page wide, header rows
and the first column repeated on every page, margins, no gridlines, centred)."""

from __future__ import annotations

import unicodedata
from typing import Any

A3_COLUMNS = 24
"""More value columns than this print on A3 instead of A4."""


def text_width(text: str) -> int:
    """Columns a text takes in a spreadsheet cell: CJK (wide and full-width) characters count 2."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def print_setup(
    ws: Any,
    *,
    columns: int,
    title_rows: str | None = None,
    title_cols: str | None = None,
    area: str | None = None,
) -> None:
    """Page setup for a sheet with `columns` value columns: landscape, A4 (A3 when wide),
    one page wide (rows may run onto more pages), `title_rows`/`title_cols` repeated."""
    ws.sheet_view.showGridLines = False
    ws.print_options.gridLines = False
    ws.print_options.horizontalCentered = True
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A3 if columns > A3_COLUMNS else ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.page_margins.header = ws.page_margins.footer = 0.3
    if title_rows is not None:
        ws.print_title_rows = title_rows
    if title_cols is not None:
        ws.print_title_cols = title_cols
    if area is not None:
        ws.print_area = area
