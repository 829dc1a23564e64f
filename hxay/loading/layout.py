"""Stage 2, loading: the layout of a YAML file as a person sees it, line by line (indentation,
`- ` items, `key:` and what follows), for telling a syntax error where the mistake is.

Used only on the error path (loading/syntax.py); a heuristic reading of the text, never the
parse itself. Lines and columns here are 0-based; syntax.py turns them into 1-based ones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from hxay.loading.text import LINE_BREAK
from hxay.models.text import Msg

# `key:` then a space or the end of the line; a key starts with no YAML indicator
_KEY = re.compile(
    r"""("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s'"#\[\]{},&*!|>%@`:][^#]*?)[ ]*:(?=[ ]|$)"""
)
# `key:value`: a word written as a key, its colon, and no space (URLs' `://` excluded)
_TIGHT = re.compile(r"([A-Za-z_\u3400-\u9fff][\w\u3400-\u9fff.-]*):(?=[^\s/:])")
_BLOCK_HEADER = re.compile(r"[|>][-+0-9]*[ ]*(?:#.*)?$")
_DOCUMENT = re.compile(r"(?:---|\.\.\.)(?:[ ]|$)")
_WORD = re.compile(r"\S+")
MAX_WALK = 200
"""Lines a rule looks back at most (an error path, but a file may be large)."""

Pos = tuple[int, int]  # 0-based line and column
Found = tuple[int, int, Msg]  # where the mistake is, and what to do about it
NO_NAME = Msg(
    "':' 前面缺少字段名;请写成 '字段名: 值'", "no field name before ':'; write 'name: value'"
)


@dataclass(frozen=True)
class Report:
    """What libyaml said about a syntax error; positions 0-based, None where it gave none."""

    problem: str
    context: str
    at: Pos | None
    near: Pos | None
    index: int | None  # character offset of `at`


def position(mark: Any) -> Pos | None:
    return (mark.line, mark.column) if mark is not None else None


def snip(text: str, limit: int = 24) -> str:
    """Text from the file short enough to quote in a message."""
    text = text.strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True)
class Shape:
    """One line: its indentation, the columns of its `- ` markers, and its key or text."""

    indent: int
    dashes: tuple[int, ...]
    body: int  # column where the text after indentation and markers starts
    key: str | None
    colon: int | None  # column of the key's colon
    value: str  # text after `key:` (or the whole body when there is no key), stripped

    @property
    def opens(self) -> bool:
        """Whether the next lines may be its children: `key:` or `-` with nothing after."""
        return not self.value

    @property
    def block_scalar(self) -> bool:
        """Whether it ends with `|` or `>`: the lines below, deeper than it, are text."""
        return (self.key is not None or bool(self.dashes)) and bool(_BLOCK_HEADER.match(self.value))

    @property
    def parent(self) -> int:
        """The column its own lines below must be deeper than: its key's, else its `- `'s."""
        return self.body if self.key is not None or not self.dashes else self.dashes[-1]


@dataclass(frozen=True)
class Level:
    """A column that lines below may start at: a key's or a `- ` marker's, and where."""

    column: int
    line: int
    label: str
    dash: bool


def shape(text: str) -> Shape:
    indent = len(text) - len(text.lstrip(" "))
    pos, dashes = indent, []
    while pos < len(text) and text[pos] == "-" and (pos + 1 == len(text) or text[pos + 1] == " "):
        dashes.append(pos)
        pos += 1
        while pos < len(text) and text[pos] == " ":
            pos += 1
    rest = text[pos:]
    match = _KEY.match(rest)
    if match and not _DOCUMENT.match(rest):
        return Shape(
            indent,
            tuple(dashes),
            pos,
            match.group(1),
            pos + match.end() - 1,
            _without_comment(rest[match.end() :]),
        )
    return Shape(indent, tuple(dashes), pos, None, None, _without_comment(rest))


def _without_comment(text: str) -> str:
    cut = text.find(" #")
    return (text[:cut] if cut >= 0 else text if not text.startswith("#") else "").strip()


def tight_colon(text: str, start: int) -> tuple[str, int] | None:
    """`key:value` written from column `start`: the key and its colon's column."""
    match = _TIGHT.match(text, start)
    return (match.group(1), match.end(1)) if match else None


class Source:
    """The text of one file as lines (YAML's line breaks), with the questions rules ask."""

    def __init__(self, text: str) -> None:
        self.lines = LINE_BREAK.split(text)
        last = len(self.lines) - 1
        while last > 0 and not self.lines[last].strip():
            last -= 1
        self.last = last

    def text(self, line: int) -> str:
        return self.lines[line] if 0 <= line < len(self.lines) else ""

    def blank(self, line: int) -> bool:
        stripped = self.text(line).strip()
        return not stripped or stripped.startswith("#")

    def char(self, line: int, column: int) -> str:
        text = self.text(line)
        return text[column] if 0 <= column < len(text) else ""

    def first(self, line: int) -> int:
        """The column of the line's first character that is not a space."""
        text = self.text(line)
        return len(text) - len(text.lstrip(" "))

    def shape(self, line: int) -> Shape:
        return shape(self.text(line))

    def clamp(self, line: int, column: int) -> tuple[int, int]:
        """A position inside the file: past its last line is the end of the last line."""
        if line > self.last:
            line, column = self.last, len(self.text(self.last).rstrip())
        line = max(0, line)
        return line, max(0, min(column, len(self.text(line))))

    def previous(self, line: int) -> int | None:
        """The nearest line above that holds something other than a comment."""
        for n in range(line - 1, max(-1, line - 1 - MAX_WALK), -1):
            if not self.blank(n):
                return n
        return None

    def levels(self, upto: int) -> list[Level]:
        """The columns open at line `upto`, outermost first: where a line there may start."""
        stack: list[Level] = []
        scalar_parent: int | None = None  # inside a `|` / `>` block: its key's column
        opened = False
        for n in range(max(0, upto - 20 * MAX_WALK), upto):
            if self.blank(n):
                continue
            text = self.text(n)
            s = shape(text)
            if scalar_parent is not None:
                if s.indent > scalar_parent:
                    continue
                scalar_parent = None
            if _DOCUMENT.match(text):
                stack, opened = [], False
                continue
            continues = not s.dashes and s.key is None and not opened
            if continues and stack and s.indent > stack[-1].column:
                continue  # the rest of a value written over several lines
            while stack and stack[-1].column >= s.indent:
                stack.pop()
            stack += [Level(d, n, "-", True) for d in s.dashes]
            if s.key is not None:
                stack.append(Level(s.body, n, s.key, False))
            if s.block_scalar:
                scalar_parent = s.parent
            opened = s.opens
        return stack


def word(src: Source, at: Pos) -> str:
    """The text from `at` to the next space, to name in a message."""
    match = _WORD.match(src.text(at[0]), at[1])
    return snip(match.group() if match else src.char(*at), 12)
