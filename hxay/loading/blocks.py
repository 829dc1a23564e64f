"""Stage 2, loading: syntax errors in the block layout of a YAML file (indentation, `- `
items, `key: value` lines), told at the line a person has to change, with the fix.

Rules of loading/syntax.py: each takes libyaml's report and the text and returns the
position and message, or None when the mistake is not its kind.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from hxay.loading.layout import (
    MAX_WALK,
    NO_NAME,
    Found,
    Level,
    Pos,
    Report,
    Source,
    snip,
    tight_colon,
    word,
)
from hxay.models.text import Msg

_KEY = "did not find expected key"
_DASH = "did not find expected '-' indicator"
_VALUE_HERE = "mapping values are not allowed in this context"
_LIST_HERE = "block sequence entries are not allowed in this context"
_MARKER = re.compile(r"(---|\.\.\.)[ ]+\S")


def _missing_space(src: Source, line: int, start: int) -> Found | None:
    """`key:value`: the colon has no space after it."""
    found = tight_colon(src.text(line), start)
    if found is None:
        return None
    key, colon = found
    value = snip(src.text(line)[colon + 1 :])
    return (
        line,
        colon,
        Msg(
            f"'{key}:' 的冒号后面缺少空格,字段和值连在了一起;请写成 '{key}: {value}'",
            f"no space after the colon of '{key}:', so the field and its value run together; "
            f"write '{key}: {value}'",
        ),
    )


def _not_indented_text(src: Source, line: int) -> Found | None:
    """The lines of a `key: |` block written no deeper than the key."""
    above = src.previous(line)
    if above is None:
        return None
    s = src.shape(above)
    if not s.block_scalar or s.key is None or src.first(line) > s.body:
        return None
    return (
        line,
        src.first(line),
        Msg(
            f"'{s.key}: {s.value}' 下面的多行文字要比 '{s.key}' 缩进更深;"
            f"请在这几行前面多加 2 个空格",
            f"the text under '{s.key}: {s.value}' must be indented deeper than '{s.key}'; "
            "add 2 spaces before each of its lines",
        ),
    )


def _not_a_pair(src: Source, r: Report) -> Found | None:
    """A line in a mapping that is neither `key: value` nor the rest of a value."""
    if r.problem != "could not find expected ':'" or r.near is None:
        return None
    line, col = r.near
    found = _missing_space(src, line, col) or _not_indented_text(src, line)
    if found is not None:
        return found
    text = snip(src.text(line)[col:])
    if text.startswith(":"):
        return (line, col, NO_NAME)
    if re.fullmatch(r"-{2,}", text):
        return (
            line,
            col,
            Msg(
                f"'{text}' 不是分隔符:文档之间的分隔符是单独一行的三个减号 '---'",
                f"'{text}' is no separator: documents are separated by a line of three dashes '---'",
            ),
        )
    return (
        line,
        col,
        Msg(
            f"'{text}' 不是 '字段: 值' 的写法;若是一个字段,请写成 '字段名: {text}';"
            "若是上一个值的续写,请把它接到上一行末尾",
            f"'{text}' is not 'field: value'; if it is a field write 'name: {text}'; if it "
            "continues the value above, join it to the end of that line",
        ),
    )


def _after_marker(src: Source, r: Report) -> Found | None:
    """`--- kind: x`: content on the line of a document marker."""
    if r.at is None or r.problem not in (_VALUE_HERE, _LIST_HERE):
        return None
    line = r.at[0]
    text = src.text(line)
    match = _MARKER.match(text)
    if match is None:
        return None
    marker = match.group(1)
    return (
        line,
        match.end() - 1,
        Msg(
            f"'{marker}' 必须单独占一行;请把它后面的内容移到下一行",
            f"'{marker}' must be alone on its line; move what follows it to the next line",
        ),
    )


def _colon_in_value(src: Source, r: Report) -> Found | None:
    """`topic: 时间: 上午`: a second `: ` on a line that already has its key."""
    if r.problem != _VALUE_HERE or r.at is None:
        return None
    line, col = r.at
    s = src.shape(line)
    if s.key is None or s.colon is None or s.colon >= col:
        return None
    value = snip(src.text(line)[s.colon + 1 :], 30)
    return (
        line,
        col,
        Msg(
            f"'{s.key}' 的值里有 ': ',会被当成又一个字段;请给整个值加引号:{s.key}: \"{value}\"",
            f"the value of '{s.key}' holds ': ', which starts another field; quote the whole "
            f'value: {s.key}: "{value}"',
        ),
    )


def _continued(src: Source, r: Report) -> Found | None:
    """`key: value` read as the rest of a value begun on a line above: that line lacks the
    space after its colon, or this one is indented deeper than the key it belongs beside."""
    if r.problem != _VALUE_HERE or r.at is None:
        return None
    line = r.at[0]
    start = src.first(line)
    above: int | None = line
    for _ in range(MAX_WALK):
        above = src.previous(above) if above is not None else None
        if above is None:
            return None
        s = src.shape(above)
        if s.key is None:
            found = _missing_space(src, above, s.body)
            if found is not None:
                return found
            if s.dashes:
                return _deeper_than(line, start, above, s.dashes[-1], "-")
            continue
        if s.key.startswith("-"):
            return (
                above,
                s.body,
                Msg(
                    f"'-' 后面缺少空格;列表项请写成 '- {snip(s.key[1:])}: ...'",
                    f"no space after '-'; write the list item as '- {snip(s.key[1:])}: ...'",
                ),
            )
        return _deeper_than(line, start, above, s.body, s.key)
    return None


def _deeper_than(line: int, start: int, above: int, column: int, label: str) -> Found | None:
    if start <= column:
        return None
    return (
        line,
        start,
        Msg(
            f"这一行比第 {above + 1} 行的 '{label}' 缩进更深,被当成了那个值的续写;"
            f"请从第 {column + 1} 列开始写(与 '{label}' 对齐)",
            f"this line is indented deeper than '{label}' on line {above + 1}, so it reads as "
            f"the rest of that value; start it at column {column + 1} (under '{label}')",
        ),
    )


def _indentation(src: Source, line: int, levels: list[Level]) -> Found | None:
    """A line whose indentation lines up with nothing open above it."""
    s = src.shape(line)
    col = s.indent
    same = [lv for lv in levels if lv.dash == bool(s.dashes)] or levels
    if any(lv.column == col for lv in same):
        return None
    deeper = min((lv for lv in same if lv.column > col), key=lambda lv: lv.column, default=None)
    shallower = max((lv for lv in same if lv.column < col), key=lambda lv: lv.column, default=None)
    options = [lv for lv in (deeper, shallower) if lv is not None]
    if not options:
        return None
    options.sort(key=lambda lv: abs(lv.column - col))
    zh = [
        f"从第 {lv.column + 1} 列开始(与第 {lv.line + 1} 行的 '{lv.label}' 对齐)" for lv in options
    ]
    en = [f"at column {lv.column + 1} (under '{lv.label}' on line {lv.line + 1})" for lv in options]
    return (
        line,
        col,
        Msg(
            f"这一行缩进了 {col} 个空格,和上面各层都对不齐;请" + ",或".join(zh),
            f"this line is indented by {col} space{'s' if col != 1 else ''}, which lines up "
            "with nothing above; "
            "start it " + ", or ".join(en),
        ),
    )


def _stray(src: Source, at: Pos) -> Msg:
    """Text after a complete value on the same line."""
    stray = word(src, at)
    last = src.text(at[0])[: at[1]].rstrip()[-1:]
    if last in "\"'":
        zh = f"引号里的值已经结束,后面多出了 '{stray}';请把整个值都放进引号里,或删去多余的文字"
        en = f"the quoted value has ended and '{stray}' follows; put the whole value inside the "
        en += "quotes, or delete the extra text"
        if last == "'":
            zh += "(单引号里的 ' 要写成两个 '')"
            en += " (inside single quotes write ' as '')"
        return Msg(zh, en)
    if last in "]}":
        return Msg(
            f"'{last}' 之后多出了 '{stray}';请删去它,或把它写进括号里",
            f"'{stray}' follows the closing '{last}'; delete it or move it inside the brackets",
        )
    return Msg(f"值后面多出了 '{stray}';请删去它", f"'{stray}' follows the value; delete it")


def _misplaced(src: Source, r: Report) -> Found | None:
    """The parser expected another key of a mapping or another `- ` item of a list."""
    if r.problem not in (_KEY, _DASH) or r.at is None or r.near is None:
        return None
    line, col = r.at
    if col > src.first(line):
        return (line, col, _stray(src, r.at))
    s = src.shape(line)
    parent = r.near[1]
    levels = src.levels(line)
    if r.problem == _KEY and s.dashes and s.indent == parent:
        return _dash_in_mapping(line, parent, r.near[0], levels)
    if r.problem == _DASH and not s.dashes and s.indent == parent:
        return _key_in_list(src, line, levels)
    if r.problem == _KEY and s.key is None and s.value.startswith(":"):
        return (
            line,
            col,
            Msg(
                "':' 前面缺少字段名;请写成 '字段名: 值'",
                "no field name before ':'; write 'name: value'",
            ),
        )
    return _indentation(src, line, levels)


def _dash_in_mapping(line: int, parent: int, start: int, levels: list[Level]) -> Found:
    deeper = [lv for lv in levels if lv.dash and lv.column > parent]
    outer = [lv for lv in levels if lv.dash and lv.column < parent]
    if deeper:
        lv = deeper[-1]
        msg = Msg(
            f"这个列表项比第 {lv.line + 1} 行的列表项缩进得少;"
            f"请从第 {lv.column + 1} 列开始写 '- ',与它们对齐",
            f"this list item is indented less than the one on line {lv.line + 1}; "
            f"write its '- ' at column {lv.column + 1}, under theirs",
        )
    elif outer:
        lv = outer[-1]
        msg = Msg(
            "记录的字段前面不能加 '- ':若是本条记录的字段,请删去 '- ';"
            f"若是新的一条记录,请从第 {lv.column + 1} 列写 '- '(与第 {lv.line + 1} 行对齐)",
            "a field of a record takes no '- ': for a field of this record delete the '- '; "
            f"for a new record write '- ' at column {lv.column + 1} (as on line {lv.line + 1})",
        )
    else:
        msg = Msg(
            f"第 {start + 1} 行起是一条记录(字段: 值),这里却是列表项 '- ';"
            f"一个文件写多条记录时,每条都以 '- ' 开头:第 {start + 1} 行也要加 '- ' 并缩进其字段",
            f"the lines from line {start + 1} on are one record (field: value) but this is a list "
            "item; "
            f"when a file holds several records each starts with '- ': add one on line "
            f"{start + 1} too and indent its fields",
        )
    return (line, parent, msg)


def _key_in_list(src: Source, line: int, levels: list[Level]) -> Found:
    s = src.shape(line)
    label = s.key if s.key is not None else snip(s.value)
    keys = [lv for lv in levels if not lv.dash and lv.column > s.indent]
    if keys:
        lv = keys[-1]
        return (
            line,
            s.indent,
            Msg(
                f"'{label}' 和列表项的 '- ' 对齐却没有 '- ':若是上一条记录的字段,请缩进到第 "
                f"{lv.column + 1} 列(与第 {lv.line + 1} 行的 '{lv.label}' 对齐);"
                "若是新的一条记录,请在前面加 '- '",
                f"'{label}' lines up with the list's '- ' but has none: for a field of the "
                f"record above indent it to column {lv.column + 1} (under '{lv.label}' on line "
                f"{lv.line + 1}); for a new record put '- ' before it",
            ),
        )
    return (
        line,
        s.indent,
        Msg(
            f"'{label}' 写在列表里却没有 '- ';新的一条记录请以 '- ' 开头",
            f"'{label}' is in a list but has no '- '; start a new record with '- '",
        ),
    )


def _document_start(src: Source, r: Report) -> Found | None:
    if r.problem != "did not find expected <document start>" or r.at is None:
        return None
    line = r.at[0]
    for n in range(line - 1, max(-1, line - MAX_WALK), -1):
        if src.text(n).strip() == "...":
            return (
                n,
                src.first(n),
                Msg(
                    "'...' 表示文档到此结束,后面的内容无法读取;请删去这一行(文档之间用 '---' 分隔)",
                    "'...' ends the document, so what follows cannot be read; delete this line "
                    "(documents are separated by '---')",
                ),
            )
    return _indentation(src, line, src.levels(line))


def _sequence_here(src: Source, r: Report) -> Found | None:
    """`schools: - a`: a block list begun on the line of its key."""
    if r.problem != _LIST_HERE or r.at is None:
        return None
    line, col = r.at
    s = src.shape(line)
    item = snip(src.text(line)[col + 1 :], 16)
    if s.key is not None and s.colon is not None and s.colon < col:
        return (
            line,
            col,
            Msg(
                f"列表项 '- ' 不能和 '{s.key}:' 写在同一行;请写成 '{s.key}: [{item}]',"
                f"或把 '- {item}' 另起一行并缩进",
                f"a '- ' item cannot be on the line of '{s.key}:'; write '{s.key}: [{item}]', "
                f"or put '- {item}' on a line of its own, indented",
            ),
        )
    return _after_marker(src, r)


Rule = Callable[[Source, Report], Found | None]
BLOCK_RULES: tuple[Rule, ...] = (
    _not_a_pair,
    _after_marker,
    _colon_in_value,
    _continued,
    _misplaced,
    _sequence_here,
    _document_start,
)
