"""Stage 5, render, terminal: a Document (the work report, the summary, the lists, the dossier):
headings, prose wrapped at word and CJK boundaries, listings as tables whose columns are sized
to their content and the width (dates, ids and counts never wrapped), or, when a listing cannot
be made readable in the width, each row as a paragraph. A chart shows its numbers as a table,
unless a listing of the document already does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hxay.models.text import Lang
from hxay.render.escape import terminal as safe
from hxay.render.listing import cell_text, chart_listing, groups, listed_elsewhere, shown_fields
from hxay.render.options import RenderOptions
from hxay.render.terminal.console import GAP, cells, gap, grid, say, string_console, text_of
from hxay.render.terminal.wrap import Column, fit, flow
from hxay.render.words import range_lines, report_data_line, t
from hxay.reports.document import Cell, Document, Listing, Paragraph

if TYPE_CHECKING:
    from rich.console import Console


def _widths(listing: Listing, lang: Lang, width: int) -> list[int] | None:
    """Column widths for a listing in `width` cells, or None when it cannot be made readable."""
    cols = shown_fields(listing)
    rows = [*listing.rows, *([listing.total] if listing.total is not None else [])]
    columns = [
        Column(
            listing.fields[j].label,
            [safe(cell_text(row[j], lang)) for row in rows],
            wraps=not (listing.fields[j].short or listing.fields[j].numeric),
        )
        for j in cols
    ]
    return fit(columns, width - GAP * (len(cols) - 1))


def _show(console: Console, listing: Listing, doc: Document, options: RenderOptions) -> None:
    from rich.text import Text

    lang = doc.lang
    bold = "bold" if options.color else ""
    if not listing.rows:
        say(console, listing.empty)
        return
    cols = shown_fields(listing)
    fields = [listing.fields[j] for j in cols]
    widths = _widths(listing, lang, options.width)

    def table(title: str | None, rows: list[tuple[Cell, ...]], total: bool) -> None:
        assert widths is not None
        if title is not None:
            say(console, title, bold)
        shown = grid([f.label for f in fields], widths, [f.numeric for f in fields], bold)
        for row in rows:
            shown.add_row(*cells([safe(cell_text(row[j], lang)) for j in cols], widths))
        if total and listing.total is not None:
            shown.add_section()
            texts = [safe(cell_text(listing.total[j], lang)) for j in cols]
            shown.add_row(*cells(texts, widths), style=bold)
        console.print(shown)
        gap(console)

    def paragraphs(title: str | None, rows: list[tuple[Cell, ...]]) -> None:
        """Rows too wide for the terminal: each a paragraph of `label:value` pairs."""
        if title is not None:
            say(console, title, bold)
        head, *rest = cols
        for row in rows:
            pairs = [
                safe(f"{listing.fields[j].label}:{value}")
                for j in rest
                if (value := cell_text(row[j], lang))
            ]
            first = "• " + safe(cell_text(row[head], lang))
            for k, line in enumerate(flow([first, *pairs], options.width, indent=2)):
                text = Text(line)
                if k == 0 and bold:
                    text.stylize(bold, 2, len(first))
                console.print(text, soft_wrap=True)
        gap(console)

    for name, rows in groups(listing):
        if widths is None:
            paragraphs(name, rows)
        else:
            table(name, rows, total=name is None)
    if listing.total is not None and listing.group is not None and widths is not None:
        table(t(lang, "合计", "Total"), [], total=True)


def draw(doc: Document, options: RenderOptions) -> str:
    """The document for a terminal: headings, wrapped prose, listings as tables."""
    console = string_console(options)
    bold = "bold" if options.color else ""
    loud = "bold red" if options.color else ""
    say(console, doc.title, bold)
    for line in range_lines(doc):
        say(console, line)
    for note in doc.notes:
        say(console, note, loud)
    for section in doc.sections:
        gap(console)
        say(console, section.title, bold)
        for block in section.blocks:
            if isinstance(block, Paragraph):
                say(console, block.text)
            elif isinstance(block, Listing):
                _show(console, block, doc, options)
            elif not listed_elsewhere(doc, block):
                say(console, block.title, bold)
                _show(console, chart_listing(block), doc, options)
    gap(console)
    say(console, report_data_line(doc))
    for note in doc.notes:
        say(console, note, loud)
    return text_of(console)
