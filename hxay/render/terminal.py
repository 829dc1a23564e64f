"""Stage 4, render: a report Table drawn with rich for a terminal of a given width.

Layout: indicators down, units across, each cell `本期/累计` (one number for a stock
measure, the same in both). About 28 indicators make a form one screen tall. When the
units do not fit across, they are split into blocks printed one under the other, each
repeating the indicator column, so no number is ever wrapped or cut and each station's
figures read top to bottom like its own paper form. The other ways round read worse:
stations down needs two columns per indicator (~56 across), far wider than a terminal;
one table per part (本期, then 累计) doubles the height and puts the two numbers a
reader compares a screen apart.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import TYPE_CHECKING

from hxay.models.text import Msg
from hxay.render.tables import data_line, range_lines
from hxay.reports.table import Row, Table

if TYPE_CHECKING:
    from rich.console import Console

    from hxay.render.formats import RenderOptions

_BORDER = 3  # a column's two padding cells and its right border


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


def render(t: Table, options: RenderOptions) -> str:
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

    console.print(Text(t.title, style="bold" if options.color else ""))
    for line in range_lines(t):
        console.print(Text(line))
    for note in t.notes:
        console.print(Text(note, style=loud))
    for block in _blocks(widths, options.width - label_w - _BORDER - 1):
        grid = Grid(box=box.SQUARE, header_style="bold" if options.color else "")
        grid.add_column(indicator, width=label_w, no_wrap=True)
        shown: list[Row] = [t.rows[i] for i in block]
        for i, row in zip(block, shown, strict=True):
            grid.add_column(
                _balanced(row.label, widths[i], cell_len),
                justify="right",
                width=widths[i],
                overflow="fold",
                style="bold" if row.total and options.color else "",
            )
        for j, col in enumerate(t.columns):
            grid.add_row(col.label, *(cells[i][j] for i in block))
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
    console.print(Text(data_line(t)))
    for note in t.notes:
        console.print(Text(note, style=loud))
    out = console.file
    assert isinstance(out, io.StringIO)
    return out.getvalue()
