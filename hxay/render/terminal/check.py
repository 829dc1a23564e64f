"""Stage 5, render, terminal: the check as a station chief reads it on Monday morning: a block
per unit, overdue first (most days overdue first), then what falls due soonest, then one count
per status and the data it came from. From 100 columns a table whose columns are sized to what
they hold; narrower, a two-line card per finding (status, days, due date, subject; then,
indented, the duty in the plan's words and what is missing). Periods are shown in words
(安全技术检验, 驾驶证(张三)); the machine formats keep their codes.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from hxay.models.findings import STATUS_WORDS, Finding
from hxay.models.text import Lang, Msg
from hxay.render.escape import terminal as safe
from hxay.render.options import RenderOptions
from hxay.render.terminal.console import GAP, cells, gap, grid, say, string_console, text_of
from hxay.render.terminal.wrap import Column, fill, fit
from hxay.render.words import data_line, summary_line, t
from hxay.reports.check import CheckReport

if TYPE_CHECKING:
    from rich.console import Console

STATUS_STYLE = {"overdue": "bold red", "due": "yellow", "late": "magenta", "met": "green"}
CARDS_BELOW = 100
"""Narrower than this, each finding is a card rather than a table row."""
CARD_INDENT = 4
"""The indent of a card's second line (its first is indented by 2)."""


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


def _by_unit(report: CheckReport) -> list[tuple[str, list[Finding]]]:
    """The unit headings (name and id) with their findings in Monday-morning order."""
    return [
        (
            f"{report.ledger.name_of(unit)} ({unit})"
            if unit
            else t(report.lang, "(无责任单位)", "(no unit)"),
            findings,
        )
        for unit, findings in report.by_unit()
    ]


def _row(report: CheckReport, f: Finding) -> list[str]:
    lang = report.lang
    return [
        STATUS_WORDS[f.status].render(lang),
        days_text(f, report.as_of, lang),
        f.duty.render(lang),
        safe(report.subject_name(f.subject)),
        safe(f.period_words(lang)),
        f.due.isoformat(),
        safe((f.detail or f.msg).render(lang)),
    ]


def _tables(console: Console, report: CheckReport, options: RenderOptions) -> bool:
    """The findings as one table per unit, all with the same columns; False when even the
    narrowest columns do not fit."""
    from rich.text import Text

    lang = report.lang
    bold = "bold" if options.color else ""
    headings = [
        t(lang, "状态", "Status"),
        t(lang, "天数", "Days"),
        t(lang, "事项", "Duty"),
        t(lang, "对象", "Subject"),
        t(lang, "期间", "Period"),
        t(lang, "期限", "Due"),
        t(lang, "说明", "Details"),
    ]
    rows = [_row(report, f) for f in report.findings]
    wraps = (False, False, True, True, True, False, True)
    columns = [
        Column(h, [r[k] for r in rows], w)
        for k, (h, w) in enumerate(zip(headings, wraps, strict=True))
    ]
    widths = fit(columns, options.width - GAP * (len(columns) - 1))
    if widths is None:
        return False
    right = [False, True, False, False, False, False, False]
    for title, findings in _by_unit(report):
        say(console, title, bold)
        table = grid(headings, widths, right, bold)
        for f in findings:
            status, *rest = cells(_row(report, f), widths)
            style = STATUS_STYLE[f.status] if options.color else ""
            table.add_row(Text(status, style=style), *rest)
        console.print(table)
        gap(console)
    return True


def _card_lines(report: CheckReport, f: Finding, widths: tuple[int, int]) -> tuple[str, str, str]:
    """A finding's card, unwrapped: what and when, its subject, then the duty and what is
    missing (with the period when the message does not name it)."""
    lang = report.lang
    status = STATUS_WORDS[f.status].render(lang)
    days = days_text(f, report.as_of, lang)
    spaces = " " * (widths[0] - _cells(status) + 2 + widths[1] - _cells(days))
    detail = (f.detail or f.msg).render(lang)
    period = f.period_words(lang)
    duty = f.duty.render(lang)
    if period and period not in detail and (f.period or "") not in detail:
        duty = f"{duty} · {period}" if duty else period
    colon = ":" if lang == "zh" else ": "
    return (
        f"{status}{spaces}{days}  {f.due}",
        report.subject_name(f.subject),
        f"{duty}{colon}{detail}" if duty else detail,
    )


def _cells(text: str) -> int:
    from rich.cells import cell_len

    return cell_len(text)


def _cards(console: Console, report: CheckReport, options: RenderOptions) -> None:
    """Each finding as two lines under its unit's heading."""
    from rich.text import Text

    lang = report.lang
    bold = "bold" if options.color else ""
    words = [STATUS_WORDS[f.status].render(lang) for f in report.findings]
    days = [days_text(f, report.as_of, lang) for f in report.findings]
    widths = (max(map(_cells, words), default=0), max(map(_cells, days), default=0))
    # The subject follows the due date, a long one going on under itself; on a terminal
    # too narrow for that it has a line of its own.
    under = 2 + widths[0] + 2 + widths[1] + 2 + 10 + 2
    for title, findings in _by_unit(report):
        say(console, title, bold)
        for f in findings:
            head, subject, second = _card_lines(report, f, widths)
            if options.width - under >= 20:
                lines = fill(safe(f"{head}  {subject}"), options.width, under, first=2)
            else:
                lines = [*fill(head, options.width, CARD_INDENT, first=2)]
                lines += fill(safe(subject), options.width, CARD_INDENT)
            style = STATUS_STYLE[f.status] if options.color else ""
            for k, line in enumerate(lines):
                text = Text(line)
                if k == 0 and style:
                    text.stylize(style, 2, 2 + len(STATUS_WORDS[f.status].render(lang)))
                console.print(text, soft_wrap=True)
            for line in fill(safe(second), options.width, CARD_INDENT):
                console.print(Text(line), soft_wrap=True)
        gap(console)


def draw(report: CheckReport, options: RenderOptions) -> str:
    """The table a station chief reads: grouped by unit, most overdue first, then a summary."""
    lang = report.lang
    console = string_console(options)
    if report.notice is not None:
        say(console, report.notice.render(lang), "bold red" if options.color else "")
    if not report.findings:
        say(console, t(lang, "没有需要显示的事项。", "Nothing to show."))
    elif options.width < CARDS_BELOW or not _tables(console, report, options):
        _cards(console, report, options)
    say(console, summary_line(report))
    say(
        console,
        data_line(report.provenance, report.as_of, None, lang),
        "dim" if options.color else "",
    )
    return text_of(console)
