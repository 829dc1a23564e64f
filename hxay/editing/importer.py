"""Stage 3, editing: `hxay import`: a workbook's rows appended to a record file, all or
nothing, like `hxay new --to`. Rows become plain data (columns.py), records in YAML
(rows.py); the whole folder is loaded with them added and each new diagnostic is told at the
cell it came from. Rows already in the folder are skipped (by id, or by content for rows
without one), so importing the same workbook twice adds nothing; a changed row with an id
already in the folder is an error that shows the difference. Held under the folder's lock
from reading the target to the atomic replace.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from hxay.editing import ids
from hxay.editing.append import appended_items, target_name
from hxay.editing.atomic import write_atomic_with_folders
from hxay.editing.columns import CellProblem, Row, find_layout, rows_of
from hxay.editing.fresh import FreshIds, give_ids
from hxay.editing.known import settle
from hxay.editing.lock import folder_lock
from hxay.editing.rows import Item, Line, Origin, item_lines, link
from hxay.editing.sheet import Book, Grid, read_book
from hxay.editing.template import DRIVERS, IDS_SHEET, INSTRUCTIONS_SHEET, Sheet, every_sheet
from hxay.loading.load import load
from hxay.models import records as r
from hxay.models.diagnostics import Diagnostic
from hxay.models.errors import HxayError
from hxay.models.text import Lang, Msg

ROUNDS = 5
"""With --skip-bad, rows are left out and the rest tried again at most this many times (a
row left out may take the rows that refer to it along)."""


@dataclass
class ImportResult:
    """What an import did, or would do (`dry_run`), and every problem found."""

    file: str
    target: str
    lang: Lang
    written: bool = False
    dry_run: bool = False
    rows: int = 0  # rows appended
    records: int = 0  # records appended, inline hazards included
    skipped: int = 0  # rows already in the folder
    left_out: int = 0  # rows not imported because of problems (--skip-bad)
    first_line: int = 0
    last_line: int = 0
    text: str = ""
    problems: list[CellProblem] = field(default_factory=list)
    elsewhere: list[Diagnostic] = field(default_factory=list)
    earlier_errors: int = 0

    @property
    def errors(self) -> int:
        return sum(p.is_error for p in self.problems) + sum(d.is_error for d in self.elsewhere)


def _sheet_kinds() -> dict[str, Sheet]:
    found: dict[str, Sheet] = {}
    for sheet in every_sheet():
        found.setdefault(sheet.title, sheet)
        found.setdefault(sheet.kind, sheet)
    return found


def _choose(
    book: Book, only: str | None, kind: str | None
) -> tuple[list[tuple[Grid, Sheet]], list[CellProblem]]:
    known = _sheet_kinds()
    names = [g.name or "" for g in book.sheets]
    if only is not None and only not in names:
        raise HxayError(
            Msg(
                f"{book.file} 中没有名为“{only}”的表;有:{'、'.join(names)}",
                f"{book.file} has no sheet named '{only}'; it has: {', '.join(names)}",
            )
        )
    chosen: list[tuple[Grid, Sheet]] = []
    problems: list[CellProblem] = []
    for grid in book.sheets:
        if only is not None and grid.name != only:
            continue
        if only is None and grid.name in (INSTRUCTIONS_SHEET, IDS_SHEET):
            continue
        if not any(str(v).strip() for row in grid.rows for v in row):
            continue
        name = (grid.name if grid.name is not None else Path(book.file).stem).strip()
        sheet = known.get(name) or known.get(name.lower())
        if kind is not None and (sheet is None or only is not None or book.csv):
            sheet = known[kind]
        if sheet is None:
            problems.append(
                CellProblem(
                    book.file,
                    grid.name,
                    0,
                    None,
                    "E-unknown-kind",
                    Msg(
                        f"表“{name}”不是记录种类;把表名改为 {'、'.join(r.KIND_LABELS.values())} "
                        "之一,或用 --kind 指定",
                        f"the sheet '{name}' is not a record kind; name it after one "
                        f"({', '.join(r.KINDS)}), or give --kind",
                    ),
                )
            )
            continue
        if not grid.visible:
            problems.append(
                CellProblem(
                    book.file,
                    grid.name,
                    0,
                    None,
                    "E-sheet-hidden",
                    Msg(
                        "这张表被隐藏但有内容;请取消隐藏后确认要导入,或删除该表",
                        "the sheet is hidden but holds data; unhide it to confirm it is to be "
                        "imported, or delete it",
                    ),
                )
            )
            continue
        chosen.append((grid, sheet))
    return chosen, problems


def read_rows(
    book: Book, only: str | None, kind: str | None, skip_bad: bool = False
) -> tuple[list[Row], list[CellProblem]]:
    """Every data row of the chosen sheets. A sheet with an unknown column still has its
    rows checked (so one run tells every problem), unless `skip_bad`: then it gives none."""
    chosen, problems = _choose(book, only, kind)
    rows: list[Row] = []
    for grid, sheet in chosen:
        layout, head_problems = find_layout(grid, sheet, book.file)
        problems += head_problems
        if layout is None or (head_problems and skip_bad):
            continue
        found, row_problems = rows_of(grid, sheet, layout, book.file)
        rows += found
        problems += row_problems
    return rows, problems


def render(
    items: Sequence[Item], file: str, lang: Lang
) -> tuple[list[list[str]], list[Origin | None]]:
    """The items as YAML list items, and the origin of every line in order."""
    blocks: list[list[str]] = []
    origins: list[Origin | None] = []
    for item in items:
        lines: list[Line] = item_lines(item, file, lang)
        blocks.append([text for text, _ in lines])
        origins += [origin for _, origin in lines]
    return blocks, origins


_Key = tuple[str, int, int, str, Msg]
"""A diagnostic as a set member: one the folder had before the import is not the import's."""


def _key(d: Diagnostic) -> _Key:
    return (d.path, d.line, d.column, d.code, d.msg)


_MISSING = re.compile(r"'([\w.]+)'")


def _at(origin: Origin, d: Diagnostic, file: str) -> CellProblem:
    """A loader diagnostic told at the cell its line came from."""
    item = origin.item
    row = item.row
    code = origin.code
    col = row.sheet.column(code) if code else None
    if col is None and code:
        col = next((c for c in row.sheet.columns if c.top == code), None)
    msg = d.msg
    named = _MISSING.search(msg.en) if code is None and d.code == "E-missing-field" else None
    if named is not None and row.sheet.column(named.group(1)) is not None:
        code = named.group(1)  # a required field left empty: told at its (empty) cell
        col = row.sheet.column(code)
        origin = Origin(item, code)
        msg = msg + Msg(";请填写此单元格", "; fill in this cell")
    if code:
        prefix = re.compile(rf"^{re.escape(code)}(?:\[\d+\])?(?:\.\w+)?: ")
        msg = Msg(prefix.sub("", msg.zh), prefix.sub("", msg.en))
    shown = row.shown.get(col.code) if col is not None else None
    return CellProblem(
        file,
        row.title,
        row.number,
        origin.cell(),
        d.code,
        msg,
        col.label if col is not None else None,
        shown,
    )


def _relinked(
    p: CellProblem, rel: str, first: int, origins: list[Origin | None], file: str
) -> CellProblem:
    """A message that names a line of the records being added (`另见 FILE:LINE`) names the
    cell of that line instead: the file does not hold them yet."""
    pattern = re.compile(rf"{re.escape(rel)}:(\d+)")

    def cell(m: re.Match[str]) -> str:
        at = int(m.group(1)) - first
        origin = origins[at] if 0 <= at < len(origins) else None
        if origin is None:
            return m.group()
        row = origin.item.row
        col = origin.cell() or row.cells.get("id")  # a record's line: its id cell
        return CellProblem(file, row.title, row.number, col, p.code, p.msg).where

    zh, en = pattern.sub(cell, p.msg.zh), pattern.sub(cell, p.msg.en)
    if (zh, en) == (p.msg.zh, p.msg.en):
        return p
    return CellProblem(p.file, p.sheet, p.row, p.col, p.code, Msg(zh, en), p.label, p.value)


@dataclass
class _Try:
    content: bytes
    first: int
    blocks: list[list[str]]
    problems: list[CellProblem]
    elsewhere: list[Diagnostic]
    bad: list[Item]


def _owner(item: Item) -> Item:
    """What a problem of this row leaves out: an inline hazard alone, else the record."""
    while item.parent is not None and item.kind != "hazard":
        item = item.parent
    return item


def _attempt(
    root: Path, rel: str, raw: bytes, items: list[Item], baseline: set[_Key], file: str, lang: Lang
) -> _Try:
    blocks, origins = render(items, file, lang)
    content, first = appended_items(raw, blocks)
    after = load(root, overrides={rel: content})
    problems: list[CellProblem] = []
    elsewhere: list[Diagnostic] = []
    bad: dict[int, Item] = {}
    for d in after.diagnostics:
        if _key(d) in baseline:
            continue
        at = d.line - first
        origin = origins[at] if d.path == rel and 0 <= at < len(origins) else None
        if origin is None:
            if d.path != rel or d.line < first:
                elsewhere.append(d)
            continue
        problems.append(_relinked(_at(origin, d, file), rel, first, origins, file))
        if d.is_error:
            owner = _owner(origin.item)
            bad[id(owner)] = owner
    kept = {x.line for x in after.kept if x.path == rel and x.line >= first}
    for i, (line, origin) in enumerate(zip(_flat(blocks), origins, strict=True)):
        if origin is None or not line.lstrip().startswith("- ") or origin.item.kind == DRIVERS:
            continue
        owner = _owner(origin.item)
        if first + i not in kept and id(owner) not in bad and origin.item is owner:
            row = owner.row
            problems.append(
                CellProblem(
                    file,
                    row.title,
                    row.number,
                    None,
                    "E-ref-missing",
                    Msg(
                        "该行未能读入:它引用的记录有错误(见上)",
                        "the row did not load: a record it refers to has errors (see above)",
                    ),
                )
            )
            bad[id(owner)] = owner
    return _Try(content, first, blocks, problems, elsewhere, list(bad.values()))


def _flat(blocks: list[list[str]]) -> list[str]:
    return [line for block in blocks for line in block]


def _without(items: list[Item], bad: list[Item]) -> list[Item]:
    drop = {id(x) for x in bad}
    out = []
    for item in items:
        if id(item) in drop:
            continue
        item.children = [c for c in item.children if id(c) not in drop]
        out.append(item)
    return out


def _without_broken(items: list[Item], file: str) -> tuple[list[Item], list[CellProblem]]:
    """The items whose rows could be read; a child row of a broken row is left out too,
    and says so at its row."""
    out: list[Item] = []
    problems: list[CellProblem] = []
    for item in items:
        if any(c.kind == DRIVERS and c.row.broken for c in item.children):
            item.row.broken = True  # the drivers are part of the vehicle
        if not item.row.broken:
            item.children = [c for c in item.children if not c.row.broken]
            out.append(item)
            continue
        for child in item.children:
            if child.row.broken:
                continue
            row = child.row
            problems.append(
                CellProblem(
                    file,
                    row.title,
                    row.number,
                    None,
                    "E-ref-missing",
                    Msg(
                        f"所属的{item.row.title}表第 {item.row.number} 行有错误(见上),本行一并未导入",
                        f"its row {item.row.number} on the {item.row.title} sheet has errors (see "
                        "above); this row is left out with it",
                    ),
                )
            )
    return out, problems


def import_book(
    root: Path,
    source: Path,
    target: Path,
    *,
    lang: Lang,
    today: dt.date,
    sheet: str | None = None,
    kind: str | None = None,
    dry_run: bool = False,
    skip_bad: bool = False,
) -> ImportResult:
    """Append the rows of `source` to `target`; see the module's docstring."""
    book = read_book(source)
    rel = target_name(root, target)
    rows, problems = read_rows(book, sheet, kind, skip_bad)
    file = book.file
    del book  # the cells are rows now; the grids would only add to the peak of the load
    result = ImportResult(file, rel, lang, dry_run=dry_run)
    with folder_lock(root):  # from reading the target to the replace: one writer at a time
        path = root / rel
        raw = path.read_bytes() if path.exists() else b""
        before = load(root)
        baseline = {_key(d) for d in before.diagnostics}
        result.earlier_errors = len(before.errors)
        items, linked = link([Item(row, row.sheet.kind, dict(row.values)) for row in rows], file)
        problems += linked
        items, orphans = _without_broken(items, file)
        problems += orphans
        give_ids(items, FreshIds(ids.scan(root)), today)
        items, result.skipped, changed = settle(items, before, file, lang)
        problems += changed
        tried = _attempt(root, rel, raw, items, baseline, file, lang)
        for _ in range(ROUNDS):
            if not (skip_bad and tried.bad and items):
                break
            problems += [p for p in tried.problems if p.is_error]
            result.elsewhere += [d for d in tried.elsewhere if d.is_error]
            items = _without(items, tried.bad)
            tried = _attempt(root, rel, raw, items, baseline, file, lang)
        problems += tried.problems
        result.elsewhere += tried.elsewhere
        result.problems = sorted(problems, key=CellProblem.sort_key)
        result.left_out = len({(p.sheet, p.row) for p in problems if p.is_error and p.row})
        result.text = "\n".join(_flat(tried.blocks)) + ("\n" if tried.blocks else "")
        result.rows = sum(1 for item in items for _ in item.walk())
        result.records = sum(1 for item in items for one in item.walk() if one.kind != DRIVERS)
        result.first_line = tried.first
        result.last_line = tried.first + len(_flat(tried.blocks)) - 1
        final_errors = any(p.is_error for p in tried.problems) or any(
            d.is_error for d in tried.elsewhere
        )
        refused = final_errors or (result.errors > 0 and not skip_bad)
        if refused or dry_run or not items:
            return result
        write_atomic_with_folders(path, tried.content)
        result.written = True
    return result
