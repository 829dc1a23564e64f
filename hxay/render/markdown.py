"""Stage 5, render: every report as Markdown. The statistics form: indicators down, units
across, one table per part (本期, then 累计); documents: sections, prose, listings (grouped
under their station), charts as the tables of their numbers; the check: one row per finding.
Text from the data is escaped for Markdown (render/escape.py: no raw HTML, `|`, line breaks)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hxay.models.text import Lang, Msg
from hxay.render.escape import markdown
from hxay.render.listing import cell_text, chart_listing, groups, listed_elsewhere, shown_fields
from hxay.render.options import RenderOptions
from hxay.render.words import (
    data_line,
    part_heading,
    range_lines,
    report_data_line,
    summary_line,
    t,
)
from hxay.reports.check import CheckReport
from hxay.reports.document import Cell, Document, Listing, Paragraph
from hxay.reports.table import Table

if TYPE_CHECKING:
    from hxay.render.options import Report

FORMS = frozenset({"stats", "work", "summary", "serious-list", "schools", "dossier", "check"})


def render(report: Report, options: RenderOptions) -> str:
    if isinstance(report, Table):
        return _stats(report)
    if isinstance(report, Document):
        return _document(report)
    return _check(report)


def _md(text: str) -> str:
    return markdown(text)


def _stats(t: Table) -> str:
    """Indicators down, units across; one table per part (本期, then 累计)."""
    lines = [f"# {_md(t.title)}", ""]
    for note in t.notes:
        lines += [f"> **{_md(note)}**", ""]
    lines += [f"{_md(line)}  " for line in range_lines(t)]
    lines.append("")
    indicator = Msg("指标", "Indicator").render(t.lang)
    for k, part in enumerate(t.parts):
        lines += [f"## {_md(part_heading(t, part))}", ""]
        lines.append("| " + " | ".join([indicator, *(_md(row.label) for row in t.rows)]) + " |")
        lines.append("|" + "---|" + "---:|" * len(t.rows))
        for j, col in enumerate(t.columns):
            cells = [str(row.cells[j][k]) for row in t.rows]
            lines.append("| " + " | ".join([_md(col.label), *cells]) + " |")
        lines.append("")
    for footnote in t.footnotes:
        lines += [_md(footnote), ""]
    lines.append(_md(report_data_line(t)))
    for note in t.notes:
        lines += ["", f"> **{_md(note)}**"]
    return "\n".join(lines) + "\n"


def _md_table(listing: Listing, rows: list[tuple[Cell, ...]], lang: Lang, total: bool) -> list[str]:
    cols = shown_fields(listing)
    lines = [
        "| " + " | ".join(_md(listing.fields[j].label) for j in cols) + " |",
        "|" + "".join("---:|" if listing.fields[j].numeric else "---|" for j in cols),
    ]
    for row in rows:
        lines.append("| " + " | ".join(_md(cell_text(row[j], lang)) for j in cols) + " |")
    if total and listing.total is not None:
        texts = [_md(cell_text(listing.total[j], lang)) for j in cols]
        lines.append("| " + " | ".join(f"**{x}**" if x else "" for x in texts) + " |")
    return lines


def _md_listing(listing: Listing, lang: Lang) -> list[str]:
    if not listing.rows:
        return [_md(listing.empty), ""]
    lines: list[str] = []
    for name, rows in groups(listing):
        if name is not None:
            lines += [f"#### {_md(name)}", ""]
        lines += _md_table(listing, rows, lang, total=name is None)
        lines.append("")
    if listing.total is not None and listing.group is not None:
        lines += [f"#### {_md(t(lang, '合计', 'Total'))}", ""]
        lines += _md_table(listing, [], lang, total=True)
        lines.append("")
    return lines


def _document(doc: Document) -> str:
    """The document as Markdown; charts as the tables of their numbers (unless a listing of
    the document shows them)."""
    lang = doc.lang
    lines = [f"# {_md(doc.title)}", ""]
    for note in doc.notes:
        lines += [f"> **{_md(note)}**", ""]
    lines += [f"{_md(line)}  " for line in range_lines(doc)]
    lines.append("")
    for section in doc.sections:
        lines += [f"## {_md(section.title)}", ""]
        for block in section.blocks:
            if isinstance(block, Paragraph):
                lines += [_md(block.text), ""]
            elif isinstance(block, Listing):
                lines += _md_listing(block, lang)
            elif not listed_elsewhere(doc, block):
                lines += [f"**{_md(block.title)}**", ""]
                lines += _md_listing(chart_listing(block), lang)
    lines.append(_md(report_data_line(doc)))
    for note in doc.notes:
        lines += ["", f"> **{_md(note)}**"]
    return "\n".join(lines) + "\n"


def _check(report: CheckReport) -> str:
    from hxay.render.tabular import check_rows

    lang = report.lang
    lines = []
    if report.notice is not None:
        lines += [f"> **{_md(report.notice.render(lang))}**", ""]
    head, *rows = check_rows(report)
    lines.append("| " + " | ".join(_md(c) for c in head) + " |")
    lines.append("|" + "---|" * len(head))
    for cells in rows:
        lines.append("| " + " | ".join(_md(c) for c in cells) + " |")
    lines += [
        "",
        summary_line(report),
        "",
        _md(data_line(report.provenance, report.as_of, None, lang)),
    ]
    return "\n".join(lines) + "\n"
