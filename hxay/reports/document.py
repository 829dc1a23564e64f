"""Stage 4, reports: a Document, the report type for forms that are more than one grid of numbers.

A Document carries the same description as a `Table` (title, range, data provenance, notes)
and a list of sections; each section holds paragraphs of prose, listings (rows of text and
numbers under named columns) and charts as data (series of numbers). Renderers in
hxay/render draw it; nothing here knows about Markdown, HTML or SVG.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Literal

from hxay.models.ledger import Provenance
from hxay.models.text import Lang
from hxay.reports.table import Head
from hxay.rules.calendar import Period

Cell = str | int | bool | None
"""A listing value: text, a count, a yes/no, or nothing (shown empty, null in JSON)."""


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of prose in the document's language."""

    text: str


@dataclass(frozen=True, slots=True)
class Field:
    """A listing column: a stable id (JSON key, CSV header), its heading, and how it is shown.

    `numeric` right-aligns; `key` marks an id that machine formats need but people do not
    (hidden in the table, Markdown and HTML views, which show the name beside it); `short`
    marks a value that reads badly broken over lines (a date, an id, a one-word label);
    `text` marks a column only for people, which says in words what machine columns hold.
    """

    id: str
    label: str
    numeric: bool = False
    key: bool = False
    short: bool = False
    text: bool = False


@dataclass(frozen=True, slots=True)
class Listing:
    """Rows under named columns; `group` names a column whose value heads groups of rows in
    the views for people (the rows arrive sorted by it), and `total` is a last row that sums up.
    """

    id: str
    fields: tuple[Field, ...]
    rows: tuple[tuple[Cell, ...], ...]
    group: str | None = None
    total: tuple[Cell, ...] | None = None
    empty: str = ""

    @property
    def data_fields(self) -> list[int]:
        """Indices of the fields JSON and CSV carry (all but the words for people)."""
        return [j for j, f in enumerate(self.fields) if not f.text]

    def records(self) -> list[dict[str, Cell]]:
        """One mapping per row, keyed by field id (the JSON and CSV view)."""
        cols = self.data_fields
        return [{self.fields[j].id: row[j] for j in cols} for row in self.rows]

    def column(self, field_id: str) -> list[Cell]:
        j = next(i for i, f in enumerate(self.fields) if f.id == field_id)
        return [row[j] for row in self.rows]


@dataclass(frozen=True, slots=True)
class Series:
    """One line or one colour of bars: a value per category of the chart."""

    id: str
    label: str
    values: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Chart:
    """A chart as data: categories along x (months), one or more series, axis titles;
    `listing` names a listing of the document that already shows its numbers, so the views
    that draw no chart show them once (else they list the chart's numbers in its place)."""

    id: str
    title: str
    kind: Literal["bar", "line"]
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    x_label: str
    y_label: str
    listing: str | None = None


Block = Paragraph | Listing | Chart


@dataclass(frozen=True, slots=True)
class Section:
    id: str
    title: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Document:
    """A finished report of one of the forms other than `stats`."""

    form: str
    title: str
    lang: Lang
    campaign: Head
    as_of: dt.date
    period: Period | None
    cumulative: Period | None
    provenance: Provenance
    version: str
    sections: tuple[Section, ...]
    reporting_unit: Head | None = None
    notes: tuple[str, ...] = ()
    extra: Mapping[str, object] = field(default_factory=dict)
    """Plain JSON values machine formats carry beside the listings, by key (the dossier's
    register entry under `school`); the views for people show the listings instead."""

    def blocks(self) -> Iterator[Block]:
        for section in self.sections:
            yield from section.blocks

    def listing(self, listing_id: str) -> Listing:
        """The listing with this id (KeyError when there is none)."""
        for block in self.blocks():
            if isinstance(block, Listing) and block.id == listing_id:
                return block
        raise KeyError(listing_id)

    def charts(self) -> list[Chart]:
        return [b for b in self.blocks() if isinstance(b, Chart)]

    @property
    def main(self) -> Listing | None:
        """The listing JSON and CSV carry: the document's only one, else None."""
        found = [b for b in self.blocks() if isinstance(b, Listing)]
        return found[0] if len(found) == 1 else None
