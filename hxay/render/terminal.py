"""Stage 5, render: every report for a terminal of a given width, drawn with rich.

The statistics form: indicators down, units across, each cell `本期/累计` (one number for a
stock measure, the same in both). About 28 indicators make a form one screen tall. When the
units do not fit across, they are split into blocks printed one under the other, each
repeating the indicator column, so no number is ever wrapped or cut and each station's
figures read top to bottom like its own paper form. Documents: headings, wrapped prose,
listings as tables (or as paragraphs when too wide). The check: one block per unit, most
overdue first, then a summary line. rich is imported inside the functions.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from typing import TYPE_CHECKING

from hxay.models.findings import STATUS_WORDS, STATUSES, Finding
from hxay.models.text import Lang, Msg
from hxay.render.escape import terminal as safe
from hxay.render.listing import cell_text, chart_listing, groups, shown_fields
from hxay.render.options import RenderOptions
from hxay.render.words import data_line, range_lines, report_data_line, t
from hxay.reports.check import CheckReport
from hxay.reports.document import Cell, Document, Listing, Paragraph
from hxay.reports.table import Row, Table

if TYPE_CHECKING:
    from rich.console import Console

    from hxay.render.options import Report

FORMS = frozenset({"stats", "work", "summary", "serious-list", "schools", "dossier", "check"})
STATUS_STYLE = {"overdue": "bold red", "due": "yellow", "late": "magenta", "met": "green"}


def render(report: Report, options: RenderOptions) -> str:
    if isinstance(report, Table):
        return _stats(report, options)
    if isinstance(report, Document):
        return _document(report, options)
    return _check(report, options)


def string_console(options: RenderOptions) -> Console:
    """A rich console that renders into a string at the caller's width, coloured only when
    the caller says the output is a colour terminal; no markup or emoji guessing in data."""
    from rich.console import Console

    return Console(
        file=io.StringIO(),
        width=options.width,
        force_terminal=options.color,
        color_system="standard" if options.color else None,
        no_color=not options.color,
        highlight=False,
        emoji=False,
        markup=False,
        legacy_windows=False,
    )


def _text_of(console: Console) -> str:
    out = console.file
    assert isinstance(out, io.StringIO)
    return out.getvalue()


_BORDER = 3  # a column's two padding cells and its right border


def _cell(values: tuple[int, ...], one_value: bool) -> str:
    return str(values[0]) if one_value else "/".join(str(v) for v in values)


def _blocks(widths: list[int], room: int) -> list[list[int]]:
    """Indices of the unit columns, split so each block fits in `room` cells (at least one)."""
    blocks: list[list[int]] = [[]]
    used = 0
    for i, w in enumerate(widths):
        if blocks[-1] and used + w + _BORDER > room:
            blocks.append([])
            used = 0
        blocks[-1].append(i)
        used += w + _BORDER
    return blocks


def _balanced(label: str, width: int, cell_len: Callable[[str], int]) -> str:
    """A heading broken into lines of even length (当湖派/出所, not 当湖派出/所) when it
    is wider than its column."""
    lines = -(-cell_len(label) // width)
    if lines <= 1:
        return label
    size = -(-len(label) // lines)
    return "\n".join(label[i : i + size] for i in range(0, len(label), size))


def _stats(t: Table, options: RenderOptions) -> str:
    from rich import box
    from rich.cells import cell_len
    from rich.table import Table as Grid
    from rich.text import Text

    console = string_console(options)
    loud = "bold red" if options.color else ""
    indicator = Msg("指标", "Indicator").render(t.lang)
    if len(t.parts) > 1:
        indicator += "  " + "/".join(p.label for p in t.parts)
    cells = [
        [_cell(row.cells[j], col.one_value) for j, col in enumerate(t.columns)] for row in t.rows
    ]
    label_w = max([cell_len(indicator), *(cell_len(c.label) for c in t.columns)])
    widths = []
    for row, texts in zip(t.rows, cells, strict=True):
        half = -(-cell_len(row.label) // 2)
        widths.append(max([4, half + half % 2, *(cell_len(x) for x in texts)]))

    console.print(Text(safe(t.title), style="bold" if options.color else ""))
    for line in range_lines(t):
        console.print(Text(safe(line)))
    for note in t.notes:
        console.print(Text(safe(note), style=loud))
    for block in _blocks(widths, options.width - label_w - _BORDER - 1):
        grid = Grid(box=box.SQUARE, header_style="bold" if options.color else "")
        grid.add_column(indicator, width=label_w, no_wrap=True)
        shown: list[Row] = [t.rows[i] for i in block]
        for i, row in zip(block, shown, strict=True):
            grid.add_column(
                _balanced(safe(row.label), widths[i], cell_len),
                justify="right",
                width=widths[i],
                overflow="fold",
                style="bold" if row.total and options.color else "",
            )
        for j, col in enumerate(t.columns):
            grid.add_row(safe(col.label), *(cells[i][j] for i in block))
        console.print(grid)
    if len(t.parts) > 1 and any(c.one_value for c in t.columns):
        last = t.period.end if t.period is not None else t.as_of
        console.print(
            Text(
                Msg(
                    f"每格为 本期/累计;只有一个数的指标是 {last} 的时点数(本期、累计相同)",
                    f"Each cell is period/cumulative; a single number is the state on {last} "
                    "(the same in both)",
                ).render(t.lang)
            )
        )
    for footnote in t.footnotes:
        console.print(Text(safe(footnote)))
    console.print(Text(safe(report_data_line(t))))
    for note in t.notes:
        console.print(Text(safe(note), style=loud))
    return _text_of(console)


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


def _document(doc: Document, options: RenderOptions) -> str:
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
            title=safe(title) if title is not None else None,
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
            table.add_row(*(safe(cell_text(row[j], lang)) for j in cols))
        if total and listing.total is not None:
            table.add_section()
            table.add_row(*(cell_text(listing.total[j], lang) for j in cols), style=bold)
        return table

    def cards(title: str | None, listing: Listing, rows: list[tuple[Cell, ...]]) -> None:
        """Rows too wide for the terminal: each row a paragraph of `label:value` pairs."""
        cols = shown_fields(listing)
        if title is not None:
            console.print(Text(safe(title), style=bold))
        for row in rows:
            head, *rest = cols
            line = Text("• ")
            line.append(safe(cell_text(row[head], lang)), style=bold)
            for j in rest:
                value = safe(cell_text(row[j], lang))
                if value:
                    line.append(f"  {listing.fields[j].label}:{value}")
            console.print(line)

    def show(listing: Listing) -> None:
        if not listing.rows:
            console.print(Text(safe(listing.empty)))
            return
        wide = _layout(listing, lang, options.width) == []
        for name, rows in groups(listing):
            if wide:
                cards(name, listing, rows)
            else:
                console.print(grid(listing, name, rows, total=name is None))
        if listing.total is not None and listing.group is not None:
            console.print(grid(listing, t(lang, "合计", "Total"), [], total=True))

    console.print(Text(safe(doc.title), style=bold))
    for line in range_lines(doc):
        console.print(Text(safe(line)))
    for note in doc.notes:
        console.print(Text(safe(note), style=loud))
    for section in doc.sections:
        console.print()
        console.print(Text(safe(section.title), style=bold))
        for block in section.blocks:
            if isinstance(block, Paragraph):
                console.print(Text(safe(block.text)))
            elif isinstance(block, Listing):
                show(block)
            else:
                console.print(Text(safe(block.title), style=bold))
                show(chart_listing(block))
    console.print()
    console.print(Text(safe(report_data_line(doc))))
    for note in doc.notes:
        console.print(Text(safe(note), style=loud))
    return _text_of(console)


def summary_line(report: CheckReport) -> str:
    """One count per status over everything in scope, whatever the view."""
    lang = report.lang
    parts = [f"{STATUS_WORDS[s].render(lang)} {report.summary.get(s, 0)}" for s in STATUSES]
    head = Msg("合计:", "Summary: ").render(lang)
    return head + ("  ".join(parts) if lang == "zh" else ", ".join(parts))


def days_text(f: Finding, as_of: dt.date, lang: Lang) -> str:
    """Days overdue (or left, or late by), short enough for a narrow column."""
    if f.status == "overdue":
        n = (as_of - f.due).days
        return Msg(f"逾{n}天", f"{n}d over").render(lang)
    if f.status == "due":
        n = (f.due - as_of).days
        return Msg(f"剩{n}天", f"{n}d left").render(lang)
    if f.status == "late" and f.evidence is not None:
        n = (f.evidence - f.due).days
        return Msg(f"晚{n}天", f"{n}d late").render(lang)
    return ""


def monday_order(f: Finding) -> tuple[int, dt.date, str, str]:
    # Monday-morning order: overdue first (oldest due first = most days overdue), then due soonest.
    return (STATUSES.index(f.status), f.due, f.obligation, f.subject)


def _check(report: CheckReport, options: RenderOptions) -> str:
    """The table a station chief reads: grouped by unit, most overdue first, then a summary."""
    from rich import box
    from rich.table import Table as Grid
    from rich.text import Text

    lang = report.lang
    ledger = report.ledger
    console = string_console(options)
    if report.notice is not None:
        console.print(
            Text(safe(report.notice.render(lang)), style="bold red" if options.color else "")
        )
    if not report.findings:
        console.print(Text(t(lang, "没有需要显示的事项。", "Nothing to show.")))
    by_unit: dict[str | None, list[Finding]] = {}
    for f in report.findings:
        by_unit.setdefault(f.unit, []).append(f)
    for unit in sorted(by_unit, key=lambda u: (u is None, u or "")):
        title = (
            safe(f"{ledger.name_of(unit)} ({unit})")
            if unit
            else t(lang, "(无责任单位)", "(no unit)")
        )
        grid = Grid(title=title, title_justify="left", box=box.SIMPLE_HEAD, expand=True)
        grid.add_column(t(lang, "状态", "Status"), no_wrap=True)
        grid.add_column(t(lang, "天数", "Days"), no_wrap=True, justify="right")
        grid.add_column(t(lang, "事项", "Duty"), ratio=2, overflow="fold")
        grid.add_column(t(lang, "对象", "Subject"), ratio=3, overflow="fold")
        grid.add_column(t(lang, "期间", "Period"), ratio=2, overflow="fold")
        grid.add_column(t(lang, "期限", "Due"), no_wrap=True)
        grid.add_column(t(lang, "说明", "Details"), ratio=4, overflow="fold")
        for f in sorted(by_unit[unit], key=monday_order):
            status = Text(
                STATUS_WORDS[f.status].render(lang),
                style=STATUS_STYLE[f.status] if options.color else "",
            )
            grid.add_row(
                status,
                days_text(f, report.as_of, lang),
                f.duty.render(lang),
                safe(report.subject_name(f.subject)),
                safe(f.period or ""),
                f.due.isoformat(),
                safe((f.detail or f.msg).render(lang)),
            )
        console.print(grid)
    console.print(Text(safe(summary_line(report))))
    console.print(
        Text(
            safe(data_line(report.provenance, report.as_of, None, lang)),
            style="dim" if options.color else "",
        )
    )
    return _text_of(console)
