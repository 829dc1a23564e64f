"""Stage 5, render, terminal: the rich console every terminal drawing prints into, lines of
prose and tables of cells wrapped by wrap.py (never an id or a date split). What comes out has
no trailing spaces: rich pads to the console's width, which in a pipe or a file is only noise.
"""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING

from hxay.render.escape import terminal as safe
from hxay.render.options import RenderOptions
from hxay.render.terminal.wrap import balanced, fill, wrap

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table as Grid

GAP = 2
"""Cells between two columns of a listing."""


def grid(headings: list[str], widths: list[int], right: list[bool], bold: str) -> Grid:
    """A borderless rich table of pre-wrapped cells: headings, a rule, rows; nothing padded
    at its edges, so a table as wide as the terminal fills it exactly."""
    from rich import box
    from rich.table import Table as Grid

    table = Grid(
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
        padding=(0, GAP - 1, 0, 0),
        header_style=bold,
    )
    for heading, width, flush in zip(headings, widths, right, strict=True):
        table.add_column(
            balanced(heading, width),
            justify="right" if flush else "left",
            width=width,
            no_wrap=True,
        )
    return table


def cells(texts: list[str], widths: list[int]) -> list[str]:
    """A row's texts wrapped into their columns."""
    return ["\n".join(wrap(x, w)) for x, w in zip(texts, widths, strict=True)]


_PADDING = re.compile(r"(?: |\x1b\[[0-9;]*m)+$", re.MULTILINE)
"""Spaces at a line's end, among any colour codes that close it."""


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


def text_of(console: Console) -> str:
    """What was printed, each line right-stripped."""
    out = console.file
    assert isinstance(out, io.StringIO)
    return _PADDING.sub(lambda m: m.group().replace(" ", ""), out.getvalue())


def say(
    console: Console, text: str, style: str = "", *, indent: int = 0, first: int | None = None
) -> None:
    """Print text from anywhere (escaped) wrapped to the console's width, lines after the
    first indented by `indent` cells."""
    from rich.text import Text

    for line in fill(safe(text), console.width, indent, first):
        console.print(Text(line, style=style), soft_wrap=True)


def gap(console: Console) -> None:
    """One empty line, unless what was printed already ends with one."""
    out = console.file
    assert isinstance(out, io.StringIO)
    text = out.getvalue()
    if text and not text.endswith("\n\n"):
        console.print()
