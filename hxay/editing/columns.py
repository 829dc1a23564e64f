"""Stage 3, editing: a sheet's rows as the plain data the YAML reader would give, cell by
cell with where each value came from. The header is found (the template's hidden codes row,
else a row of labels or field names, not necessarily on row 1); cells are read the way a
person wrote them: date cells as dates, numbers in text and id columns as the digits shown,
Chinese labels as their codes, `、`-separated lists as lists. Checking the values is left to
the loader (importer.py), so a cell is accepted exactly when the same text in YAML would be.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from hxay.editing.sheet import Grid, Value, cell_name
from hxay.editing.template import Column, Sheet
from hxay.loading.errors import nearest
from hxay.models.diagnostics import Code
from hxay.models.json import JSON, JSONObject
from hxay.models.text import Lang, Msg
from hxay.models.values import ID_SEPARATORS, TEXT_SEPARATORS, Choice

HEADER_SCAN = 30
"""The header is looked for in this many rows from the top."""


@dataclass(frozen=True)
class CellProblem:
    """A problem at a cell (`col` None: the whole row; `row` 0: the file or sheet)."""

    file: str
    sheet: str | None
    row: int
    col: int | None
    code: Code
    msg: Msg
    label: str | None = None
    value: str | None = None

    @property
    def is_error(self) -> bool:
        return self.code.startswith("E-")

    @property
    def where(self) -> str:
        parts = [self.file] if self.sheet is None else [self.file, self.sheet]
        if self.row and self.col is not None:
            parts.append(cell_name(self.row, self.col))
        elif self.row:
            parts.append(f"{self.row}:{self.row}")
        return "!".join(parts)

    def format(self, lang: Lang = "zh") -> str:
        severity = "error" if self.is_error else "warning"
        about = ""
        if self.label is not None:
            shown = "" if self.value is None else f"「{self.value}」"
            about = f"{self.label}{shown}: "
        return f"{self.where}: {severity} {self.code} {about}{self.msg.render(lang)}"

    def sort_key(self) -> tuple[str, str, int, int, str]:
        return (self.file, self.sheet or "", self.row, self.col or 0, self.code)


@dataclass
class Row:
    """One data row: each field's value (plain data) and the column it came from."""

    sheet: Sheet
    title: str | None
    number: int
    values: JSONObject = field(default_factory=dict)
    cells: dict[str, int] = field(default_factory=dict)  # field -> column, filled cells
    columns: dict[str, int] = field(default_factory=dict)  # field -> column, every one
    shown: dict[str, str] = field(default_factory=dict)
    broken: bool = False  # a cell could not be read (its problem is told): not imported


@dataclass
class Layout:
    """Where a sheet's header is and which column holds which field."""

    data_from: int
    columns: dict[int, Column]
    header_row: int


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", text).replace("(", "(").replace(")", ")").rstrip("*＊").lower()


def _matchers(sheet: Sheet) -> tuple[dict[str, Column], dict[str, Column]]:
    codes = {c.code: c for c in sheet.columns}
    names: dict[str, Column] = {}
    for c in sheet.columns:
        names.setdefault(_norm(c.label), c)
        names.setdefault(_norm(c.code), c)
        names.setdefault(_norm(c.note.split(";")[0]), c)
    return codes, names


def _text(value: Value) -> str:
    return value.strip() if isinstance(value, str) else ""


def find_layout(grid: Grid, sheet: Sheet, file: str) -> tuple[Layout | None, list[CellProblem]]:
    """The header rows and the field of each column; problems name the header cells."""
    codes, names = _matchers(sheet)
    top = grid.rows[:HEADER_SCAN]
    best: tuple[int, int, bool] | None = None  # (matches, row, by code)
    for i, row in enumerate(top, start=1):
        cells = [_text(v) for v in row]
        filled = [c for c in cells if c]
        by_code = sum(1 for c in filled if c in codes)
        by_name = sum(1 for c in filled if _norm(c) in names)
        for count, exact in ((by_code, True), (by_name, False)):
            better = best is None or (exact, count) > (best[2], best[0])
            if count and count * 2 >= len(filled) and better:
                best = (count, i, exact)
    if best is None:
        return None, [
            CellProblem(
                file,
                grid.name,
                0,
                None,
                "E-sheet-header",
                Msg(
                    f"前 {HEADER_SCAN} 行中找不到列名行;请使用 hxay template 生成的模板,"
                    "或在数据上方加一行列名(如 检查日期、学校编号,或字段代码 date、school)",
                    f"no header row in the first {HEADER_SCAN} rows; use a workbook from "
                    "hxay template, or put a row of column labels (or field codes such as "
                    "date, school) above the data",
                ),
            )
        ]
    _, at, exact = best
    labels_row = at - 1 if exact and at > 1 else None
    problems: list[CellProblem] = []
    columns: dict[int, Column] = {}
    taken: dict[str, int] = {}
    width = max(len(grid.rows[at - 1]), len(grid.rows[labels_row - 1]) if labels_row else 0)
    for j in range(1, width + 1):
        head = _text(grid.value(at, j))
        label = _text(grid.value(labels_row, j)) if labels_row else ""
        shown_row = labels_row if labels_row and label else at
        col = codes.get(head) if exact else None
        if col is None and head:  # a header may mix codes and labels
            col = names.get(_norm(head))
        if col is None and label:
            col = names.get(_norm(label))
        written = head or label
        if col is None and written.startswith("x_"):
            col = Column(written, written, False, "text", written)
        if col is None:
            if not written:
                continue
            hint = nearest(_norm(written), names) or nearest(written, codes)
            shown = names[hint].label if hint in names else hint
            more = (
                Msg(f"(是否应为“{shown}”?)", f" (did you mean '{shown}'?)")
                if shown
                else Msg("", "")
            )
            problems.append(
                CellProblem(
                    file,
                    grid.name,
                    shown_row,
                    j,
                    "E-unknown-field",
                    Msg(
                        f"“{written}”不是{sheet.title}表的列{more.zh};"
                        "不需要导入的列请删除,或把列名改为以 x_ 开头",
                        f"'{written}' is not a column of the {sheet.title} sheet{more.en}; "
                        "delete a column that is not to be imported, or start its name with x_",
                    ),
                    written,
                )
            )
            continue
        if col.code in taken:
            problems.append(
                CellProblem(
                    file,
                    grid.name,
                    shown_row,
                    j,
                    "E-duplicate-key",
                    Msg(
                        f"“{col.label}”列出现两次(另见 {cell_name(shown_row, taken[col.code])});"
                        "请删除其中一列",
                        f"the column '{col.label}' appears twice (also "
                        f"{cell_name(shown_row, taken[col.code])}); delete one of them",
                    ),
                    written,
                )
            )
            continue
        head_code = col.code.partition(".")[0]
        clash = next(
            (
                (c, k)
                for c, k in taken.items()
                if c != col.code and (c == head_code or c.partition(".")[0] == col.code)
            ),
            None,
        )
        if clash is not None:  # `x_a` and `x_a.b`: one value cannot be both text and fields
            other, k = clash
            problems.append(
                CellProblem(
                    file,
                    grid.name,
                    shown_row,
                    j,
                    "E-duplicate-key",
                    Msg(
                        f"“{written}”列与“{other}”列({cell_name(shown_row, k)})写的是同一个字段,"
                        "一个是整体、一个是其中的一项;请删除其中一列或给它改名",
                        f"the column '{written}' and the column '{other}' "
                        f"({cell_name(shown_row, k)}) write the same field, one whole and one "
                        "a part of it; delete or rename one of them",
                    ),
                    written,
                )
            )
            continue
        taken[col.code] = j
        columns[j] = col
    header_row = labels_row or at
    return Layout(at + 1, columns, header_row), problems


def digits(number: int | float) -> str:
    """A number as a spreadsheet shows it in a General cell: `5731234567`, `12.5`."""
    if isinstance(number, float) and number.is_integer() and abs(number) < 1e16:
        return str(int(number))
    return str(number) if isinstance(number, int) else repr(number)


def cell_text(value: Value, col: Column) -> str:
    """A cell's value as the text a person sees, for the value types that are text."""
    if isinstance(value, bool):
        if col.type == "bool":
            return "true" if value else "false"
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float)):
        return digits(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time():
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return str(value)
    if isinstance(value, dt.time):
        return value.isoformat(timespec="minutes")
    return value.strip()


_VERBATIM = frozenset({"text", "id", "date", "count", "bool"})
"""Value types whose cell text is the plain value (the loader reads it as from YAML)."""


def convert(text: str, col: Column) -> tuple[JSON, Msg | None]:
    """The plain value YAML would give for the cell's text (None: absent)."""
    if not text:
        return None, None
    if col.type == "choice":
        try:
            return Choice(col.choices).parse(text), None
        except ValueError:
            return text, None  # the loader says what may be chosen
    if col.type == "ids":
        return [p for p in ID_SEPARATORS.split(text) if p], None
    if col.type == "list":
        return [p.strip() for p in TEXT_SEPARATORS.split(text) if p.strip()], None
    if col.type == "mapping":
        out: JSONObject = {}
        for part in (p.strip() for p in TEXT_SEPARATORS.split(text)):
            if not part:
                continue
            pair = re.fullmatch(r"(.*?)[::](.*)", part)
            key, value = pair.groups() if pair else ("", "")
            if not key.strip() or not value.strip():
                return None, Msg(
                    f"“{part}”应写作 项目:值,多项用、分隔(如 灭火器:是、逃生锤:否)",
                    f"'{part}' should be ITEM:VALUE, several separated by 、 "
                    "(e.g. 灭火器:是、逃生锤:否)",
                )
            out[key.strip()] = value.strip()
        return out, None
    return text, None


def rows_of(
    grid: Grid, sheet: Sheet, layout: Layout, file: str
) -> tuple[list[Row], list[CellProblem]]:
    """The non-empty data rows; problems for what cannot be read at all (merged across
    columns, hidden, a formula without a value, a mapping cell in the wrong form). A row with
    such a cell comes back `broken`."""
    problems: list[CellProblem] = []
    fill: dict[tuple[int, int], Value] = {}
    for r1, c1, r2, c2 in grid.merged:
        if r2 < layout.data_from:
            continue
        if c2 > c1 and any(c in layout.columns for c in range(c1, c2 + 1)):
            problems.append(
                CellProblem(
                    file,
                    grid.name,
                    max(r1, layout.data_from),
                    c1,
                    "E-sheet-merged",
                    Msg(
                        f"合并单元格 {cell_name(r1, c1)}:{cell_name(r2, c2)} 跨越多列;"
                        "请取消合并,每列填写各自的值",
                        f"the merged cell {cell_name(r1, c1)}:{cell_name(r2, c2)} spans several "
                        "columns; unmerge it and fill in each column",
                    ),
                )
            )
            continue
        top = grid.value(r1, c1)
        for r in range(max(r1, layout.data_from), r2 + 1):
            fill[(r, c1)] = top  # rows merged in one column all show the top value
    out: list[Row] = []
    codes = {col.code: j for j, col in layout.columns.items()}
    plan = [
        (j - 1, j, col, col.code, col.type in _VERBATIM, "." in col.code)
        for j, col in layout.columns.items()
    ]
    bad = grid.bad
    for number in range(layout.data_from, len(grid.rows) + 1):
        raw = grid.rows[number - 1]
        width = len(raw)
        row = Row(sheet, grid.name, number, columns=codes)
        values, cells, shown = row.values, row.cells, row.shown
        bad_here: list[CellProblem] = []
        for i, j, col, code, verbatim, nested in plan:
            value = raw[i] if i < width else ""
            if fill:
                value = fill.get((number, j), value)
            if bad and (number, j) in bad:
                why = bad[(number, j)]
                bad_here.append(
                    CellProblem(file, grid.name, number, j, "E-sheet-formula", why, col.label)
                )
                continue
            if value is None or value == "":
                continue
            text = value.strip() if type(value) is str else cell_text(value, col)
            if not text:
                continue
            plain: JSON = text
            if not verbatim:  # lists, mappings, codes: the text as YAML would give it
                plain, problem = convert(text, col)
                if problem is not None:
                    bad_here.append(
                        CellProblem(
                            file, grid.name, number, j, "E-bad-value", problem, col.label, text
                        )
                    )
                    continue
            if nested:
                _put(values, code, plain)
            else:
                values[code] = plain
            cells[code] = j
            shown[code] = text
        if not row.values and not bad_here:
            continue
        if number in grid.hidden_rows:
            first = min(row.cells.values(), default=None)
            problems.append(
                CellProblem(
                    file,
                    grid.name,
                    number,
                    first,
                    "E-sheet-hidden",
                    Msg(
                        f"第 {number} 行被隐藏(或被筛选掉)但有内容;请取消隐藏或清除筛选,"
                        "确认要导入后再试,不要导入的行请删除",
                        f"row {number} is hidden (or filtered out) but holds data; unhide it or "
                        "clear the filter, then import again (delete rows not to be imported)",
                    ),
                )
            )
            continue
        problems += bad_here
        row.broken = bool(bad_here)  # kept, so that rows pointing at it can say so
        out.append(row)
    return out, problems


def _put(values: JSONObject, code: str, plain: JSON) -> None:
    head, dot, sub = code.partition(".")
    if dot:
        inner = values.setdefault(head, {})
        assert isinstance(inner, dict), "find_layout refuses `x_a` beside `x_a.b`"
        inner[sub] = plain
    else:
        values[head] = plain
