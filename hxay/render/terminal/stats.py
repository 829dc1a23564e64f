"""Stage 5, render, terminal: the statistics form. Indicators down, units across, each cell
`本期/累计` (one number for a stock measure). When the units do not fit across, they are split
into blocks of about equal width printed one under the other, each repeating the indicator
column, so no number is wrapped or cut and each station reads top to bottom like its paper
form. A station's name stays whole when the form has room for it (in as many blocks), else is
broken evenly in two (当湖派/出所); an indicator label with a line break (`辖区学校\\n(所)`)
is one line unless breaking it saves a block.
"""

from __future__ import annotations

from collections.abc import Sequence

from hxay.models.text import Msg
from hxay.render.escape import terminal as safe
from hxay.render.options import RenderOptions
from hxay.render.terminal.console import say, string_console, text_of
from hxay.render.terminal.wrap import balanced, narrowest
from hxay.render.words import range_lines, report_data_line
from hxay.reports.table import Table

BORDER = 3
"""A column's two padding cells and its right border."""


def _cell(values: tuple[int, ...], one_value: bool) -> str:
    return str(values[0]) if one_value else "/".join(str(v) for v in values)


def _count(costs: Sequence[int], limit: int) -> list[list[int]]:
    """Columns in order, a new block whenever the next would pass `limit` cells."""
    blocks: list[list[int]] = [[]]
    used = 0
    for i, cost in enumerate(costs):
        if blocks[-1] and used + cost > limit:
            blocks.append([])
            used = 0
        blocks[-1].append(i)
        used += cost
    return blocks


def _blocks(costs: Sequence[int], room: int) -> list[list[int]]:
    """As few blocks as fit in `room`, as even in width as can be (no lone 合计 at the end)."""
    fewest = len(_count(costs, room))
    low, high = max(costs, default=0), max(room, max(costs, default=0))
    while low < high:
        mid = (low + high) // 2
        if len(_count(costs, mid)) <= fewest:
            high = mid
        else:
            low = mid + 1
    return _count(costs, low)


def draw(t: Table, options: RenderOptions) -> str:
    from rich import box
    from rich.cells import cell_len
    from rich.table import Table as Grid

    console = string_console(options)
    bold = "bold" if options.color else ""
    loud = "bold red" if options.color else ""
    indicator = Msg("指标", "Indicator").render(t.lang)
    if len(t.parts) > 1:
        indicator += "  " + "/".join(p.label for p in t.parts)
    cells = [
        [_cell(row.cells[j], col.one_value) for j, col in enumerate(t.columns)] for row in t.rows
    ]
    names = [safe(row.label) for row in t.rows]
    labels = [safe(c.label) for c in t.columns]
    numbers = [max([4, *(cell_len(x) for x in texts)]) for texts in cells]
    whole = [max(n, cell_len(name)) for n, name in zip(numbers, names, strict=True)]
    halved = [max(n, narrowest(name, 2)) for n, name in zip(numbers, names, strict=True)]
    one_line = max(cell_len(x) for x in [indicator, *(x.replace("\n", "") for x in labels)])
    heads = indicator.split("  ")  # 指标 over 本期/累计 when the column is narrow
    broken = max(cell_len(p) for p in [*heads, *(p for x in labels for p in x.split("\n"))])

    def room(label_w: int) -> int:
        return options.width - label_w - BORDER - 1

    modes = [(one_line, whole), (one_line, halved)]
    if any("\n" in x for x in labels) and broken < one_line:
        modes += [(broken, whole), (broken, halved)]
    label_w, widths = min(modes, key=lambda m: len(_count([w + BORDER for w in m[1]], room(m[0]))))
    blocks = _blocks([w + BORDER for w in widths], room(label_w))
    shown = list(widths)
    for block in blocks:
        # Within its block a station's name gets its whole width while there is room.
        spare = room(label_w) - sum(shown[i] + BORDER for i in block)
        for i in sorted(block, key=lambda i: whole[i] - shown[i]):
            if 0 < whole[i] - shown[i] <= spare:
                spare -= whole[i] - shown[i]
                shown[i] = whole[i]
    head = indicator if label_w >= cell_len(indicator) else "\n".join(heads)
    rows = [x.replace("\n", "") if label_w >= cell_len(x.replace("\n", "")) else x for x in labels]

    say(console, t.title, bold)
    for line in range_lines(t):
        say(console, line)
    for note in t.notes:
        say(console, note, loud)
    for block in blocks:
        grid = Grid(box=box.SQUARE, header_style=bold)
        grid.add_column(head, width=label_w, no_wrap=True)
        for i in block:
            grid.add_column(
                balanced(names[i], shown[i]),
                justify="right",
                width=shown[i],
                no_wrap=True,
                style="bold" if t.rows[i].total and options.color else "",
            )
        for j, label in enumerate(rows):
            grid.add_row(label, *(cells[i][j] for i in block))
        console.print(grid)
    if len(t.parts) > 1 and any(c.one_value for c in t.columns):
        last = t.period.end if t.period is not None else t.as_of
        say(
            console,
            Msg(
                f"每格为 本期/累计;只有一个数的指标是 {last} 的时点数(本期、累计相同)",
                f"Each cell is period/cumulative; a single number is the state on {last} "
                "(the same in both)",
            ).render(t.lang),
        )
    for footnote in t.footnotes:
        say(console, footnote)
    say(console, report_data_line(t))
    for note in t.notes:
        say(console, note, loud)
    return text_of(console)
