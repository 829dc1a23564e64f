"""Stage 5, render: every report as one self-contained HTML page (inline CSS, charts as
inline SVG from render/svg.py, no script, nothing fetched). The statistics form: indicators
down, units across, one table per part (本期, then 累计), notes loud at the top and the foot;
documents: sections, prose, listings grouped under their station, charts with their numbers.
Every piece of text goes through `html.escape`."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from hxay.models.text import Lang, Msg
from hxay.render.listing import cell_text, chart_listing, groups, shown_fields
from hxay.render.options import RenderOptions
from hxay.render.svg import FONTS, to_svg
from hxay.render.words import (
    date_line,
    part_heading,
    period_title,
    range_lines,
    report_data_line,
    signature_cells,
    stock_line,
    t,
    top_right_lines,
    unit_line,
)
from hxay.reports.document import Cell, Document, Listing, Paragraph
from hxay.reports.period import UsageError
from hxay.reports.table import Table

if TYPE_CHECKING:
    from hxay.render.options import Report

FORMS = frozenset({"stats", "work", "summary", "serious-list", "schools", "dossier"})


def render(report: Report, options: RenderOptions) -> str:
    if isinstance(report, Table):
        return _stats(report)
    if isinstance(report, Document):
        return _document(report)
    raise UsageError(Msg("hxay check 没有 HTML 格式", "hxay check has no HTML format"))


LANG_TAGS = {"zh": "zh-CN", "en": "en"}

FORM_STYLE = """\
:root { color-scheme: light; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC",
  "Microsoft YaHei", "SimSun", sans-serif; margin: 2rem auto; max-width: 80rem;
  padding: 0 1rem; color: #1a1a1a; line-height: 1.5; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
h2 { font-size: 1.1rem; margin: 1.75rem 0 .5rem; }
.subtitle { font-size: 1.1rem; margin: 0 0 .75rem; }
.lines { margin: 0; padding: 0; list-style: none; }
.notice { border: 2px solid #b00020; background: #fdecee; color: #b00020;
  font-weight: bold; padding: .5rem .75rem; margin: 1rem 0; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
th, td { border: 1px solid #888; padding: .2rem .5rem; }
thead th { background: #eee; vertical-align: bottom; }
tbody th { text-align: left; font-weight: normal; white-space: nowrap; }
td { text-align: right; }
.total { font-weight: bold; background: #f6f6f6; }
thead th:first-child, tbody th { position: sticky; left: 0; background: #fff; }
thead th:first-child { background: #eee; }
footer { margin-top: 1.5rem; font-size: .9rem; color: #444; }
thead { display: table-header-group; }
thead th { white-space: nowrap; word-break: keep-all; }
.formno { margin: 0; padding: 0; list-style: none; text-align: right; font-size: .9rem; }
.filing, .signatures { display: flex; justify-content: space-between; flex-wrap: wrap;
  gap: .5rem 2rem; margin: .5rem 0; }
.signatures { margin-top: 1.25rem; }
.footnote { font-size: .9rem; }
@page { size: A4 landscape; margin: 10mm; }
@media print {
  body { margin: 0; padding: 0; max-width: none; font-size: 9pt; line-height: 1.25; }
  h1 { font-size: 15pt; text-align: center; }
  .subtitle { text-align: center; font-size: 11pt; margin: 0 0 .25rem; }
  h2 { font-size: 10pt; margin: .5rem 0 .25rem; break-after: avoid; }
  .lines { font-size: 8pt; }
  .scroll { overflow: visible; }
  table { font-size: 8.5pt; width: 100%; }
  th, td { padding: 1px 3px; }
  thead th:first-child, tbody th { position: static; }
  section { break-inside: avoid; }
  tr { break-inside: avoid; }
  footer, .footnote { font-size: 8pt; margin-top: .5rem; }
}
"""


def _notices(notes: tuple[str, ...]) -> list[str]:
    return [f'<p class="notice" role="alert">{escape(note)}</p>' for note in notes]


def _stats(t: Table) -> str:
    title = escape(t.title)
    subtitle = period_title(t)
    head_title = f"{title} {escape(subtitle)}" if subtitle else title
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{LANG_TAGS.get(t.lang, t.lang)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="hxay {escape(t.version)}">',
        f"<title>{head_title}</title>",
        f"<style>\n{FORM_STYLE}</style>",
        "</head>",
        "<body>",
        "<header>",
    ]
    formno = top_right_lines(t)
    if formno:
        out += ['<ul class="formno">', *(f"<li>{escape(x)}</li>" for x in formno), "</ul>"]
    out.append(f"<h1>{title}</h1>")
    if subtitle:
        out.append(f'<p class="subtitle">{escape(subtitle)}</p>')
    out += _notices(t.notes)
    out.append('<ul class="lines">')
    out += [f"<li>{escape(line)}</li>" for line in range_lines(t)]
    out.append("</ul>")
    out.append(
        f'<p class="filing"><span>{escape(unit_line(t))}</span>'
        f"<span>{escape(date_line(t))}</span></p>"
    )
    out += ["</header>", "<main>"]
    indicator = escape(Msg("指标", "Indicator").render(t.lang))
    for k, part in enumerate(t.parts):
        heading = part_heading(t, part)
        out += [
            f'<section id="{escape(part.id)}">',
            f"<h2>{escape(heading)}</h2>",
            '<div class="scroll">',
            "<table>",
            "<thead>",
            "<tr>",
            f'<th scope="col">{indicator}</th>',
        ]
        out += [f'<th scope="col"{_total(row.total)}>{escape(row.label)}</th>' for row in t.rows]
        out += ["</tr>", "</thead>", "<tbody>"]
        for j, col in enumerate(t.columns):
            cells = "".join(f"<td{_total(row.total)}>{row.cells[j][k]}</td>" for row in t.rows)
            out.append(f'<tr><th scope="row">{escape(col.label)}</th>{cells}</tr>')
        out += ["</tbody>", "</table>", "</div>", "</section>"]
    out += ["</main>", "<footer>"]
    stock = stock_line(t)
    if stock is not None:
        out.append(f"<p>{escape(stock)}</p>")
    out += [f'<p class="footnote">{escape(footnote)}</p>' for footnote in t.footnotes]
    signed = "".join(f"<span>{escape(x)}</span>" for x in signature_cells(t))
    out.append(f'<p class="signatures">{signed}</p>')
    out.append(f"<p>{escape(report_data_line(t))}</p>")
    out += _notices(t.notes)
    out += ["</footer>", "</body>", "</html>"]
    return "\n".join(out) + "\n"


def _total(total: bool) -> str:
    return ' class="total"' if total else ""


DOCUMENT_STYLE = """
body { font-family: %(fonts)s; color: #222; margin: 0 auto; max-width: 1120px;
       padding: 24px 32px 48px; line-height: 1.65; background: #fff; }
h1 { font-size: 24px; text-align: center; margin: 8px 0 12px; }
h2 { font-size: 19px; border-bottom: 2px solid #2f6db5; padding-bottom: 4px; margin-top: 32px; }
h3 { font-size: 16px; margin: 18px 0 6px; }
p.meta { color: #555; font-size: 13px; margin: 2px 0; text-align: center; }
p.notice { color: #b00020; font-weight: bold; border: 2px solid #b00020; padding: 8px 12px; }
p.empty { color: #555; font-style: italic; }
footer { margin-top: 36px; color: #555; font-size: 12px; border-top: 1px solid #ccc; }
table { border-collapse: collapse; margin: 6px 0 18px; font-size: 13px; }
th, td { border: 1px solid #c8ccd2; padding: 3px 8px; vertical-align: top; }
th { background: #eef2f7; font-weight: bold; text-align: center; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.short { white-space: nowrap; }
table.grouped { width: 100%%; }
tr.total td { font-weight: bold; background: #f7f7f7; }
figure { margin: 12px 0 24px; }
figure svg { max-width: 100%%; height: auto; border: 1px solid #e4e4e4; }
figcaption { font-size: 13px; color: #444; }
details { font-size: 13px; }
thead { display: table-header-group; }
@page { size: A4 portrait; margin: 15mm 14mm; }
@media print { body { max-width: none; padding: 0; font-size: 10.5pt; }
               h2 { break-after: avoid; } h3 { break-after: avoid; }
               figure, tr { break-inside: avoid; }
               table { font-size: 8.5pt; } th, td { padding: 2px 4px; }
               td.short { white-space: normal; word-break: keep-all; }
               figure svg { width: 100%%; } details { display: none; } }
"""


def _html_table(
    listing: Listing, rows: list[tuple[Cell, ...]], lang: Lang, total: bool
) -> list[str]:
    cols = shown_fields(listing)
    css = "listing grouped" if listing.group is not None else "listing"
    out = [f'<table class="{css}" data-listing="{escape(listing.id)}">', "<thead><tr>"]
    out += [f"<th>{escape(listing.fields[j].label)}</th>" for j in cols]
    out.append("</tr></thead><tbody>")

    kinds = [
        "num" if listing.fields[j].numeric else "short" if listing.fields[j].short else ""
        for j in cols
    ]

    def tr(row: tuple[Cell, ...], css: str = "") -> str:
        cells = "".join(
            f'<td class="{kind}">{escape(cell_text(row[j], lang))}</td>'
            if kind
            else f"<td>{escape(cell_text(row[j], lang))}</td>"
            for j, kind in zip(cols, kinds, strict=True)
        )
        return f'<tr class="{css}">{cells}</tr>' if css else f"<tr>{cells}</tr>"

    out += [tr(row) for row in rows]
    if total and listing.total is not None:
        out.append(tr(listing.total, "total"))
    out.append("</tbody></table>")
    return out


def _html_listing(listing: Listing, lang: Lang) -> list[str]:
    if not listing.rows:
        return [f'<p class="empty">{escape(listing.empty)}</p>']
    out: list[str] = []
    for name, rows in groups(listing):
        if name is not None:
            out.append(f"<h3>{escape(name)}</h3>")
        out += _html_table(listing, rows, lang, total=name is None)
    if listing.total is not None and listing.group is not None:
        out.append(f"<h3>{escape(t(lang, '合计', 'Total'))}</h3>")
        out += _html_table(listing, [], lang, total=True)
    return out


def _document(doc: Document) -> str:
    """One self-contained page: inline CSS, charts as inline SVG, no script, nothing fetched."""
    lang = doc.lang
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{"zh-CN" if lang == "zh" else "en"}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="hxay {escape(doc.version)}">',
        f"<title>{escape(doc.title)}</title>",
        f"<style>{DOCUMENT_STYLE % {'fonts': FONTS}}</style>",
        "</head>",
        f'<body data-form="{escape(doc.form)}">',
        "<header>",
        f"<h1>{escape(doc.title)}</h1>",
        *(f'<p class="meta">{escape(line)}</p>' for line in range_lines(doc)),
        *(f'<p class="notice">{escape(note)}</p>' for note in doc.notes),
        "</header>",
    ]
    for section in doc.sections:
        out.append(f'<section id="{escape(section.id)}">')
        out.append(f"<h2>{escape(section.title)}</h2>")
        for block in section.blocks:
            if isinstance(block, Paragraph):
                out.append(f"<p>{escape(block.text)}</p>")
            elif isinstance(block, Listing):
                out += _html_listing(block, lang)
            else:
                out.append(f'<figure id="figure-{escape(block.id)}">')
                out.append(to_svg(block))
                data = escape(t(lang, "数据", "Data"))
                out.append(f"<figcaption><details><summary>{data}</summary>")
                out += _html_listing(chart_listing(block), lang)
                out.append("</details></figcaption></figure>")
        out.append("</section>")
    out += [
        "<footer>",
        f"<p>{escape(report_data_line(doc))}</p>",
        *(f'<p class="notice">{escape(note)}</p>' for note in doc.notes),
        "</footer>",
        "</body>",
        "</html>",
    ]
    return "\n".join(out) + "\n"
