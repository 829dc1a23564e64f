"""Stage 4, reports: the table a report builder returns and every renderer draws.

Rows (units) by columns (measures); each cell holds one value per part (for the
statistics form: 本期 and 累计). The table carries its title, date range, data
provenance, notes (loud: errors let through), footnotes (what a row or column counts) and
the form's configured head and foot, so a renderer needs nothing else.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from hxay.models.campaign import FormHeader
from hxay.models.ledger import Provenance
from hxay.models.text import Lang
from hxay.rules.calendar import Period


@dataclass(frozen=True, slots=True)
class Head:
    """A row, column or part heading: a stable id (never translated) and the text shown."""

    id: str
    label: str


@dataclass(frozen=True, slots=True)
class Column:
    """A column; `one_value` when all its parts hold the same value (a stock measure)."""

    id: str
    label: str
    one_value: bool = False


@dataclass(frozen=True, slots=True)
class Row:
    """A row: its heading and one tuple of part values per column, in column order."""

    id: str
    label: str
    cells: tuple[tuple[int, ...], ...]
    total: bool = False


@dataclass(frozen=True)
class Table:
    """A finished report: what it is, which range and data it covers, and the numbers."""

    form: str
    title: str
    lang: Lang
    campaign: Head
    as_of: dt.date
    period: Period | None
    cumulative: Period | None
    parts: tuple[Head, ...]
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    provenance: Provenance
    version: str
    reporting_unit: Head | None = None
    notes: tuple[str, ...] = ()
    footnotes: tuple[str, ...] = ()
    header: FormHeader | None = None
    row_key: str = "unit"
    column_key: str = "measure"

    def cell(self, row: str, column: str) -> tuple[int, ...]:
        """The part values of one cell, by row and column id."""
        j = next(i for i, c in enumerate(self.columns) if c.id == column)
        return next(x.cells[j] for x in self.rows if x.id == row)

    def tidy(self) -> list[dict[str, object]]:
        """One mapping per column and row (column-major): the ids, then one key per part."""
        out: list[dict[str, object]] = []
        for j, col in enumerate(self.columns):
            for row in self.rows:
                item: dict[str, object] = {self.column_key: col.id, self.row_key: row.id}
                item.update(zip((p.id for p in self.parts), row.cells[j], strict=True))
                out.append(item)
        return out
