"""Stage 4, render: a report Document (work, summary, serious-list, schools) in each format.

Markdown and the terminal show sections, prose and listings (rows grouped under their
station), and charts as the small tables of their numbers; HTML is one self-contained file
(inline CSS, charts as inline SVG from render/svg.py, no script, nothing fetched); JSON and
CSV carry the document's one listing, keyed by field ids, for the forms that have one.
`FORM_FORMATS` says which format each form supports; `check_format` refuses the others.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator, Mapping
from html import escape
from types import MappingProxyType
from typing import TYPE_CHECKING

from hxay.models.text import Lang, Msg
from hxay.render.terminal import string_console
from hxay.reports.document import Cell, Chart, Document, Field, Listing, Paragraph
from hxay.reports.period import UsageError

if TYPE_CHECKING:
    from hxay.render.formats import Format, RenderOptions

FORM_FORMATS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "work": ("table", "md", "html"),
        "summary": ("html", "md", "table"),
        "serious-list": ("table", "md", "csv", "json", "html"),
        "schools": ("table", "md", "csv", "json", "html"),
    }
)


def check_format(form: str, fmt: Format) -> None:
    """A format the form does not come in is a UsageError naming those it does."""
    from hxay.render.formats import RENDERERS

    known = FORM_FORMATS.get(form) or tuple(f.value for f in RENDERERS)
    if fmt.value not in known:
        listed = ", ".join(known)
        raise UsageError(
            Msg(
                f"报表 {form} 没有 {fmt.value} 格式;可选:{listed}",
                f"the {form} report does not come as {fmt.value}; use one of: {listed}",
            )
        )


def render(doc: Document, fmt: Format, options: RenderOptions) -> str:
    check_format(doc.form, fmt)
    drawers: dict[str, Callable[[Document, RenderOptions], str]] = {
        "table": to_terminal,
        "md": to_markdown,
        "html": to_html,
        "json": to_json,
        "csv": to_csv,
    }
    return drawers[fmt.value](doc, options)


def _t(lang: Lang, zh: str, en: str) -> str:
    return Msg(zh, en).render(lang)


def range_lines(doc: Document) -> list[str]:
    """The range counted, the as-of date and the reporting unit, in the document's language."""
    lang = doc.lang
    out: list[str] = []
    p = doc.period
    if p is not None:
        label = _t(lang, "专项行动", "campaign") if p.label == "campaign" else p.label
        out.append(
            _t(
                lang,
                f"统计期间:{p.start} 至 {p.end}({label})",
                f"Period: {p.start} to {p.end} ({label})",
            )
        )
    c = doc.cumulative
    if c is not None:
        out.append(_t(lang, f"累计:{c.start} 至 {c.end}", f"Cumulative: {c.start} to {c.end}"))
    out.append(_t(lang, f"截至:{doc.as_of}", f"As of: {doc.as_of}"))
    u = doc.reporting_unit
    if u is not None:
        out.append(_t(lang, f"填报单位:{u.label}({u.id})", f"Reporting unit: {u.label} ({u.id})"))
    return out


def data_line(doc: Document) -> str:
    """Which data the document came from, as of when, and which hxay made it."""
    d = doc.provenance
    if d.commit is None:
        zh_git, en_git = "不在 git 仓库中", "not in git"
    else:
        zh_git = f"提交 {d.commit[:10]}" + (",有未提交的修改" if d.dirty else "")
        en_git = f"commit {d.commit[:10]}" + (", with uncommitted changes" if d.dirty else "")
    return _t(
        doc.lang,
        f"数据:{d.path}({zh_git});记录 {d.records} 条,错误 {d.errors} 个,未计入 {d.left_out} 条;"
        f"截至 {doc.as_of};hxay {doc.version}",
        f"Data: {d.path} ({en_git}); {d.records} records, {d.errors} errors, "
        f"{d.left_out} left out; as of {doc.as_of}; hxay {doc.version}",
    )


def cell_text(value: Cell, lang: Lang) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return _t(lang, "是", "yes") if value else _t(lang, "否", "no")
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


def _widest(listing: Listing, j: int, lang: Lang) -> int:
    """The widest value of a column in terminal cells (the total row included)."""
    from rich.cells import cell_len

    rows = [*listing.rows, *([listing.total] if listing.total is not None else [])]
    return max((cell_len(cell_text(row[j], lang)) for row in rows), default=1)


def _full_width(listing: Listing, lang: Lang) -> int:
    """The width of a terminal table that wraps nothing."""
    from rich.cells import cell_len

    return sum(
        max(cell_len(listing.fields[j].label), _widest(listing, j, lang)) + 3
        for j in shown_fields(listing)
    )


def _layout(listing: Listing, lang: Lang, width: int) -> list[int] | None:
    """Column widths for a terminal table: None when it fits as it is, [] when it cannot be
    made readable in `width` (the caller prints the rows as paragraphs instead).

    Squeezed, dates and ids keep their width, counts theirs (at least 4, their heading
    wrapped), prose at least 8 cells; what is left goes round the columns one cell at a
    time, prose first, until each has its natural width.
    """
    from rich.cells import cell_len

    cols = shown_fields(listing)
    if _full_width(listing, lang) <= width:
        return None
    current: list[int] = []
    wanted: list[int] = []
    prose: list[int] = []
    for k, j in enumerate(cols):
        f = listing.fields[j]
        widest = _widest(listing, j, lang)
        natural = max(widest, cell_len(f.label))
        if f.short:
            current.append(widest)
        elif f.numeric:
            current.append(max(widest, 4))
        else:
            current.append(min(natural, 8))
            prose.append(k)
        wanted.append(natural)
    spare = width - 3 * len(cols) - 1 - sum(current)
    if spare < 0:
        return []
    order = prose + [k for k in range(len(cols)) if k not in prose]
    while spare > 0:
        grown = [k for k in order if current[k] < wanted[k]][:spare]
        if not grown:
            break
        for k in grown:
            current[k] += 1
        spare -= len(grown)
    return current


def chart_listing(chart: Chart, lang: Lang) -> Listing:
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


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


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
        lines += [f"#### {_md(_t(lang, '合计', 'Total'))}", ""]
        lines += _md_table(listing, [], lang, total=True)
        lines.append("")
    return lines


def to_markdown(doc: Document, _: RenderOptions | None = None) -> str:
    """The document as Markdown; charts as the tables of their numbers."""
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
            else:
                lines += [f"**{_md(block.title)}**", ""]
                lines += _md_listing(chart_listing(block, lang), lang)
    lines.append(_md(data_line(doc)))
    for note in doc.notes:
        lines += ["", f"> **{_md(note)}**"]
    return "\n".join(lines) + "\n"


def to_terminal(doc: Document, options: RenderOptions) -> str:
    """The document for a terminal: headings, wrapped prose, listings as rich tables."""
    from rich import box
    from rich.table import Table as Grid
    from rich.text import Text

    lang = doc.lang
    console = string_console(options)
    bold = "bold" if options.color else ""
    loud = "bold red" if options.color else ""

    def grid(
        listing: Listing, title: str | None, rows: list[tuple[Cell, ...]], total: bool
    ) -> Grid:
        cols = shown_fields(listing)
        widths = _layout(listing, lang, options.width)
        table = Grid(
            title=title,
            title_justify="left",
            title_style=bold,
            box=box.SIMPLE_HEAD,
            header_style=bold,
            show_footer=False,
        )
        for k, j in enumerate(cols):
            f = listing.fields[j]
            table.add_column(
                f.label,
                justify="right" if f.numeric else "left",
                overflow="fold",
                no_wrap=f.short,
                width=widths[k] if widths is not None else None,
            )
        for row in rows:
            table.add_row(*(cell_text(row[j], lang) for j in cols))
        if total and listing.total is not None:
            table.add_section()
            table.add_row(*(cell_text(listing.total[j], lang) for j in cols), style=bold)
        return table

    def cards(title: str | None, listing: Listing, rows: list[tuple[Cell, ...]]) -> None:
        """Rows too wide for the terminal: each row a paragraph of `label:value` pairs."""
        cols = shown_fields(listing)
        if title is not None:
            console.print(Text(title, style=bold))
        for row in rows:
            head, *rest = cols
            line = Text("• ")
            line.append(cell_text(row[head], lang), style=bold)
            for j in rest:
                value = cell_text(row[j], lang)
                if value:
                    line.append(f"  {listing.fields[j].label}:{value}")
            console.print(line)

    def show(listing: Listing) -> None:
        if not listing.rows:
            console.print(Text(listing.empty))
            return
        wide = _layout(listing, lang, options.width) == []
        for name, rows in groups(listing):
            if wide:
                cards(name, listing, rows)
            else:
                console.print(grid(listing, name, rows, total=name is None))
        if listing.total is not None and listing.group is not None:
            console.print(grid(listing, _t(lang, "合计", "Total"), [], total=True))

    console.print(Text(doc.title, style=bold))
    for line in range_lines(doc):
        console.print(Text(line))
    for note in doc.notes:
        console.print(Text(note, style=loud))
    for section in doc.sections:
        console.print()
        console.print(Text(section.title, style=bold))
        for block in section.blocks:
            if isinstance(block, Paragraph):
                console.print(Text(block.text))
            elif isinstance(block, Listing):
                show(block)
            else:
                console.print(Text(block.title, style=bold))
                show(chart_listing(block, lang))
    console.print()
    console.print(Text(data_line(doc)))
    for note in doc.notes:
        console.print(Text(note, style=loud))
    out = console.file
    assert isinstance(out, io.StringIO)
    return out.getvalue()


def _main(doc: Document) -> Listing:
    listing = doc.main
    if listing is None:
        raise UsageError(
            Msg(
                f"报表 {doc.form} 不能输出为 JSON 或 CSV",
                f"the {doc.form} report has no JSON or CSV form",
            )
        )
    return listing


def to_json(doc: Document, _: RenderOptions | None = None) -> str:
    """`{"form", "campaign", "title", "period"?, "as_of", "hxay", "data", "reporting_unit"?,
    "notes"?, "fields": [{"id", "label"}], LISTING_ID: [{field id: value}], "total"?}`."""
    listing = _main(doc)
    out: dict[str, object] = {"form": doc.form, "campaign": doc.campaign.id, "title": doc.title}
    if doc.period is not None:
        out["period"] = {
            "label": doc.period.label,
            "start": doc.period.start.isoformat(),
            "end": doc.period.end.isoformat(),
        }
    out["as_of"] = doc.as_of.isoformat()
    out["hxay"] = doc.version
    out["data"] = doc.provenance.as_dict()
    if doc.reporting_unit is not None:
        out["reporting_unit"] = {"id": doc.reporting_unit.id, "name": doc.reporting_unit.label}
    if doc.notes:
        out["notes"] = list(doc.notes)
    out["fields"] = [
        {"id": listing.fields[j].id, "label": listing.fields[j].label} for j in listing.data_fields
    ]
    out[listing.id] = listing.records()
    if listing.total is not None:
        out["total"] = {
            f.id: value
            for f, value in zip(listing.fields, listing.total, strict=True)
            if f.numeric and not f.text
        }
    return json.dumps(out, ensure_ascii=False, indent=2) + "\n"


def to_csv(doc: Document, _: RenderOptions | None = None) -> str:
    """The listing's rows under a header of field ids, after `#` lines that say what and
    whence; booleans as true/false. `pandas.read_csv(path, comment="#")` reads it."""
    listing = _main(doc)
    buf = io.StringIO()
    for line in (doc.title, *range_lines(doc), data_line(doc), *doc.notes):
        buf.write(f"# {line}\n")
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow([f.id for f in listing.fields])
    for row in listing.rows:
        writer.writerow(
            [
                "" if v is None else ("true" if v else "false") if isinstance(v, bool) else v
                for v in row
            ]
        )
    return buf.getvalue()


CSS = """
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
@media print { body { max-width: none; padding: 0; } h2 { break-after: avoid; }
               figure, tr { break-inside: avoid; } }
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
        out.append(f"<h3>{escape(_t(lang, '合计', 'Total'))}</h3>")
        out += _html_table(listing, [], lang, total=True)
    return out


def to_html(doc: Document, _: RenderOptions | None = None) -> str:
    """One self-contained page: inline CSS, charts as inline SVG, no script, nothing fetched."""
    from hxay.render.svg import FONTS, to_svg

    lang = doc.lang
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{"zh-CN" if lang == "zh" else "en"}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="hxay {escape(doc.version)}">',
        f"<title>{escape(doc.title)}</title>",
        f"<style>{CSS % {'fonts': FONTS}}</style>",
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
                data = escape(_t(lang, "数据", "Data"))
                out.append(f"<figcaption><details><summary>{data}</summary>")
                out += _html_listing(chart_listing(block, lang), lang)
                out.append("</details></figcaption></figure>")
        out.append("</section>")
    out += [
        "<footer>",
        f"<p>{escape(data_line(doc))}</p>",
        *(f'<p class="notice">{escape(note)}</p>' for note in doc.notes),
        "</footer>",
        "</body>",
        "</html>",
    ]
    return "\n".join(out) + "\n"
