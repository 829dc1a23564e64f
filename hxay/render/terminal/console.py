"""Stage 5, render, terminal: the rich console every terminal drawing prints into, and lines of
prose wrapped by wrap.py (never an id or a date split). What comes out has no trailing spaces:
rich pads to the console's width, which in a pipe or a file is only noise.
"""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING

from hxay.render.escape import terminal as safe
from hxay.render.options import RenderOptions
from hxay.render.terminal.wrap import fill

if TYPE_CHECKING:
    from rich.console import Console

_PADDING = re.compile(r" +((?:\x1b\[[0-9;]*m)*)$", re.MULTILINE)
"""Spaces at a line's end, before any colour codes that close it."""


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
    return _PADDING.sub(r"\1", out.getvalue())


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
