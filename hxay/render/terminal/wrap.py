"""Stage 5, render, terminal: text broken into lines the way people read it, and the widths of
a table's columns. An id, a plate, a date, a number with its unit is never split: CJK text
breaks between characters (not before closing punctuation, not after opening punctuation),
other text at spaces, a date range after its `~`. Widths are terminal cells (CJK is two).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from rich.cells import cell_len, get_character_cell_size

_OPENING = frozenset("([{“‘《〈「『【〔（")
_CLOSING = frozenset(")]}”’》〉」』】〕）,.;:!?%、。，；：！？…")
_COUNTERS = frozenset("年月日号时分秒天次个条项所处份人辆起场名位元岁")
"""What follows a number as its unit (2012年5月31日, 208天, 2156项): kept with it."""
PROSE_FLOOR = 8
"""The narrowest a column of prose is made (when its text is wider)."""
MOST_LINES = 3
"""The most lines a table's row may take; a listing that needs more is printed otherwise."""


def _wide(ch: str) -> bool:
    return get_character_cell_size(ch) == 2


def _breaks(a: str, b: str) -> bool:
    """Whether a line may break between the characters a and b (neither a space)."""
    if b in _CLOSING or a in _OPENING:
        return False
    if b in _OPENING or a == "~":
        return True
    if _wide(b):
        return not (a.isdigit() and b in _COUNTERS)
    # b is narrow: after a CJK character a plate, a date or a number stays on its line
    # (浙F58711, 至2012-09-25); inside a run of Latin letters and digits nothing breaks.
    return False


@lru_cache(maxsize=4096)
def tokens(text: str) -> tuple[str, ...]:
    """The pieces of one line of text that are never split; spaces are pieces of their own."""
    out: list[str] = []
    current = ""
    for ch in text:
        if ch == " ":
            if current and current[-1] != " ":
                out.append(current)
                current = ""
            current += ch
            continue
        if current and (current[-1] == " " or _breaks(current[-1], ch)):
            out.append(current)
            current = ""
        current += ch
    if current:
        out.append(current)
    return tuple(out)


def _fold(token: str, width: int) -> Iterator[str]:
    """A piece wider than the line, cut into lines (only when nothing else can be done)."""
    line = ""
    for ch in token:
        if line and cell_len(line + ch) > width:
            yield line
            line = ""
        line += ch
    if line:
        yield line


def _lines(paragraph: str, first: int, width: int) -> list[str]:
    """One paragraph greedily filled: the first line `first` cells wide, the others `width`.
    A last line of one CJK character (with its closing punctuation) takes the character
    before it along (整改到/位 becomes 整改/到位, 学/校。 stays whole as 学校。)."""
    lines: list[list[str]] = []
    line: list[str] = []
    used, room = 0, first
    for token in tokens(paragraph):
        size = cell_len(token)
        if token.startswith(" "):
            if line:
                line.append(token)
                used += size
            continue
        if used + size <= room:
            line.append(token)
            used += size
            continue
        while line and line[-1].startswith(" "):
            line.pop()
        if line:
            lines.append(line)
            line, used, room = [], 0, width
        if size > room:
            *whole, last = _fold(token, room)
            lines.extend([w] for w in whole)
            line, used, room = [last], cell_len(last), width if whole else room
        else:
            line, used = [token], size
    lines.append(line)
    before = lines[-2] if len(lines) > 1 else []
    if (
        len(line) == 1
        and cell_len(line[0].rstrip("".join(_CLOSING))) <= 2
        and len(before) > 2
        and not before[-1].startswith(" ")
        and not before[-2].startswith(" ")
        and cell_len(before[-1]) + cell_len(line[0]) <= width
    ):
        line.insert(0, before.pop())
    return ["".join(x).rstrip() for x in lines]


@lru_cache(maxsize=65536)
def wrap(text: str, width: int) -> tuple[str, ...]:
    """The lines of `text` at most `width` cells wide; its own line breaks are kept."""
    width = max(width, 2)
    return tuple(line for p in text.split("\n") for line in _lines(p, width, width))


def fill(text: str, width: int, indent: int = 0, first: int | None = None) -> list[str]:
    """Text wrapped into `width` cells, its first line indented by `first` cells (default
    `indent`), every other line by `indent`."""
    lead = indent if first is None else first
    out: list[str] = []
    for paragraph in text.split("\n"):
        head = " " * (lead if not out else indent)
        lines = _lines(paragraph, max(width - len(head), 2), max(width - indent, 2))
        out += [head + lines[0], *(" " * indent + line for line in lines[1:])]
    return [line.rstrip() for line in out]


def flow(pieces: Sequence[str], width: int, indent: int = 0, sep: str = "  ") -> list[str]:
    """Pieces (`label:value` pairs) laid out in lines of `width` cells, `sep` between them,
    each piece kept on one line when it fits on one; lines after the first indented."""
    out: list[str] = []
    line = ""
    for piece in pieces:
        lead = len(line) - len(line.lstrip(" ")) if line else (indent if out else 0)
        joined = f"{line}{sep}{piece}" if line.strip() else " " * lead + piece
        if cell_len(joined) <= width:
            line = joined
            continue
        if line.strip():
            out.append(line)
        line = ""
        lead = indent
        if cell_len(piece) + lead <= width:
            line = " " * lead + piece
        else:
            *whole, line = fill(piece, width, indent)
            out.extend(whole)
    out.append(line)
    return [x.rstrip() for x in out]


def longest_token(text: str) -> int:
    return max((cell_len(t) for line in text.split("\n") for t in tokens(line)), default=0)


def widest_line(text: str) -> int:
    return max((cell_len(line) for line in text.split("\n")), default=0)


def narrowest(text: str, lines: int) -> int:
    """The narrowest width at which `text` takes at most `lines` lines."""
    width = max(longest_token(text), -(-widest_line(text) // lines), 1)
    while len(wrap(text, width)) > lines:
        width += 1
    return width


def balanced(heading: str, width: int) -> str:
    """A heading in its column: whole, or broken into as few lines as it needs, of about even
    length (当湖派/出所, not 当湖派出/所), never inside a number or an id; in two, before its
    bracket when both parts fit (辖区学校 / (所))."""
    if widest_line(heading) <= width:
        return heading
    count = len(wrap(heading, width))
    if count == 2:
        splits = [
            (max(cell_len(heading[:i]), cell_len(heading[i:])), i)
            for i, ch in enumerate(heading)
            if i and ch in "(（"
        ]
        best = min(splits, default=None)
        if best is not None and best[0] <= width:
            return heading[: best[1]] + "\n" + heading[best[1] :]
    return "\n".join(wrap(heading, min(width, narrowest(heading, count))))


HEADING_LINES = 3
"""The most lines a listing's heading is broken into (when its column is narrow)."""


@dataclass
class Column:
    """A column to lay out: its heading and cell texts, and whether its cells may wrap (ids,
    dates and counts do not). A heading takes at most three lines, and is whole when it is
    short (a count's heading gets at least 4 cells); it counts once, its cells in every row, so
    the cells decide how many lines a row takes and headings are mended with what is left."""

    heading: str
    cells: Sequence[str]
    wraps: bool
    texts: tuple[str, ...] = field(init=False)

    def __post_init__(self) -> None:
        self.texts = tuple(dict.fromkeys(self.cells))

    @property
    def natural(self) -> int:
        """The width at which nothing in the column wraps, its heading included."""
        return max(widest_line(x) for x in (self.heading, *self.texts))

    @property
    def floor(self) -> int:
        """The narrowest the column can be: its longest unbreakable piece, its cells when
        they do not wrap, some room for prose, its heading in three lines."""
        head = max(narrowest(self.heading, HEADING_LINES), min(widest_line(self.heading), 4))
        least = max([head, *(longest_token(x) for x in self.texts)])
        if not self.wraps:
            return max([least, *(widest_line(x) for x in self.texts)])
        return max(least, min(self.natural, PROSE_FLOOR))

    def fits(self, width: int, lines: int) -> bool:
        return all(len(wrap(x, width)) <= lines for x in self.texts)

    def width_for(self, lines: int) -> int:
        """The narrowest width (floor at least) at which no cell takes more than `lines` lines."""
        low = self.floor
        high = max([low, *(widest_line(x) for x in self.texts)])
        if self.fits(low, lines):
            return low
        while high - low > 1:
            mid = (low + high) // 2
            if self.fits(mid, lines):
                high = mid
            else:
                low = mid
        return high

    def mended(self, width: int) -> int | None:
        """The next width at which the heading takes a line less (None when it is whole)."""
        lines = len(wrap(self.heading, width))
        return narrowest(self.heading, lines - 1) if lines > 1 else None


def fit(columns: Sequence[Column], room: int, most: int = MOST_LINES) -> list[int] | None:
    """Widths for the columns in `room` cells (their sum at most `room`), or None when no row
    can be kept to `most` lines. The fewest lines per row that fits: each column as narrow as
    that allows; what is left goes one cell at a time to the columns whose cells still wrap
    (prose first), then to the headings that can lose a line, cheapest first."""
    floors = [c.floor for c in columns]
    if sum(floors) > room:
        return None
    naturals = [max(c.natural, f) for c, f in zip(columns, floors, strict=True)]
    if sum(naturals) <= room:
        return naturals
    for lines in range(1, most + 1):
        widths = [c.width_for(lines) for c in columns]
        if sum(widths) <= room:
            break
    else:
        return None
    spare = room - sum(widths)
    wanted = [c.width_for(1) for c in columns]
    order = [k for k, c in enumerate(columns) if c.wraps]
    while spare > 0:
        grown = [k for k in order if widths[k] < wanted[k]][:spare]
        if not grown:
            break
        for k in grown:
            widths[k] += 1
        spare -= len(grown)
    while spare > 0:
        costs = [
            (w - widths[k], k)
            for k, c in enumerate(columns)
            if (w := c.mended(widths[k])) is not None and w - widths[k] <= spare
        ]
        if not costs:
            break
        cost, k = min(costs)
        widths[k] += cost
        spare -= cost
    return widths
