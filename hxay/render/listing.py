"""Stage 5, render: a Document's listings as the views for people show them (terminal,
Markdown, HTML, Word): the columns people see, rows grouped under their heading, cell text,
and a chart's numbers as a listing."""

from __future__ import annotations

from collections.abc import Iterator

from hxay.models.text import Lang, Msg
from hxay.reports.document import Cell, Chart, Document, Field, Listing


def cell_text(value: Cell, lang: Lang) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return Msg("是", "yes").render(lang) if value else Msg("否", "no").render(lang)
    return str(value)


def shown_fields(listing: Listing) -> list[int]:
    """Indices of the fields people see: not the ids, not the grouping column."""
    return [j for j, f in enumerate(listing.fields) if not f.key and f.id != listing.group]


def groups(listing: Listing) -> Iterator[tuple[str | None, list[tuple[Cell, ...]]]]:
    """Runs of rows with the same group value (the rows arrive sorted), or one run."""
    if listing.group is None:
        yield None, list(listing.rows)
        return
    j = next(i for i, f in enumerate(listing.fields) if f.id == listing.group)
    current: list[tuple[Cell, ...]] = []
    name: str | None = None
    for row in listing.rows:
        value = str(row[j])
        if current and value != name:
            yield name, current
            current = []
        name = value
        current.append(row)
    if current:
        yield name, current


def chart_listing(chart: Chart) -> Listing:
    """A chart's numbers as a listing: one row per category, one column per series."""
    fields = (
        Field("category", chart.x_label),
        *(Field(s.id, s.label, numeric=True) for s in chart.series),
    )
    rows: tuple[tuple[Cell, ...], ...] = tuple(
        (category, *(s.values[i] for s in chart.series))
        for i, category in enumerate(chart.categories)
    )
    return Listing(chart.id, fields, rows)


def listed_elsewhere(doc: Document, chart: Chart) -> bool:
    """Whether a listing of the document already shows the chart's numbers (the views that
    draw no chart then leave it out rather than show the same table twice)."""
    return chart.listing is not None and any(
        isinstance(b, Listing) and b.id == chart.listing for b in doc.blocks()
    )
