"""Stage 3, editing: imported rows as records: child rows put under their parent (a hazard
under the inspection its `source` names, a driver under its vehicle), and each record
written as the YAML a person would write, with the cell every line came from so that a
loader diagnostic on a line can be told at its cell.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from hxay.editing.columns import CellProblem, Row
from hxay.editing.new import yaml_text
from hxay.editing.template import DRIVERS, Sheet
from hxay.models.json import JSON, JSONObject
from hxay.models.text import Lang, Msg

PARENTS_OF_HAZARDS = ("inspection", "vehicle_check")


@dataclass(eq=False)
class Item:
    """A record to write: the row it came from, its plain values, and its child rows."""

    row: Row
    kind: str  # a record kind, or DRIVERS for a row of the drivers sheet
    data: JSONObject
    fresh: bool = False  # the id was chosen by the import
    children: list[Item] = field(default_factory=list)
    parent: Item | None = None

    @property
    def ident(self) -> str | None:
        value = self.data.get("id")
        return value if isinstance(value, str) else None

    def walk(self) -> Iterable[Item]:
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True)
class Origin:
    """Where a written line came from: a row, and the field whose cell it shows (None: the
    row as a whole)."""

    item: Item
    code: str | None

    def cell(self) -> int | None:
        if self.code is None:
            return None
        cells = self.item.row.cells
        if self.code not in cells and self.code in self.item.row.columns:
            return self.item.row.columns[self.code]
        return (
            cells.get(self.code)
            or cells.get(self.code.partition(".")[0])
            or next((j for k, j in cells.items() if k.startswith(self.code + ".")), None)
        )


def link(items: list[Item], file: str) -> tuple[list[Item], list[CellProblem]]:
    """Hazards whose `source` is an inspection or vehicle check of the workbook go under it;
    drivers go under their vehicle (by id or plate). The top-level items remain."""
    by_id: dict[str, Item] = {}
    plates: dict[str, Item] = {}
    for item in items:
        if item.ident is not None:
            by_id.setdefault(item.ident, item)
        plate = item.data.get("plate")
        if item.kind == "vehicle" and isinstance(plate, str):
            plates.setdefault(plate, item)
    top: list[Item] = []
    problems: list[CellProblem] = []
    for item in items:
        if item.kind == "hazard":
            source = item.data.get("source")
            parent = by_id.get(source) if isinstance(source, str) else None
            if parent is not None and parent.kind in PARENTS_OF_HAZARDS:
                del item.data["source"]  # written under its parent, whose id it is
                item.parent = parent
                parent.children.append(item)
                continue
        elif item.kind == DRIVERS:
            wanted = item.data.pop("vehicle", None)
            owner = None
            if isinstance(wanted, str):
                owner = by_id.get(wanted) or plates.get(wanted)
            if owner is None or owner.kind != "vehicle":
                row = item.row
                problems.append(
                    CellProblem(
                        file,
                        row.title,
                        row.number,
                        row.cells.get("vehicle"),
                        "E-ref-missing",
                        Msg(
                            "驾驶人须与所驾车辆一起导入:请填写本工作簿车辆表中的车辆编号或号牌",
                            "a driver is imported with the vehicle: give the id or plate of a "
                            "vehicle on this workbook's vehicle sheet",
                        ),
                        "车辆编号",
                        row.shown.get("vehicle"),
                    )
                )
                continue
            item.parent = owner
            owner.children.append(item)
            continue
        top.append(item)
    return top, problems


def _sanitised(text: str) -> str:
    """A file or sheet name fit for a one-line YAML comment."""
    return "".join(ch if ch.isprintable() else f"\\x{ord(ch):02x}" for ch in text)


@functools.lru_cache(maxsize=256)
def _comment_parts(file: str, title: str | None, lang: Lang) -> tuple[str, str]:
    where = _sanitised(file if title is None else f"{file}!{title}")
    parts = Msg(f"# 导入自 {where} 第 \0 行", f"# imported from {where} row \0").render(lang)
    head, _, tail = parts.partition("\0")
    return head, tail


def comment(item: Item, file: str, lang: Lang) -> str:
    """`# 导入自 FILE!SHEET 第 N 行`: where the record came from."""
    head, tail = _comment_parts(file, item.row.title, lang)
    return f"{head}{item.row.number}{tail}"


Line = tuple[str, Origin | None]

# Text that YAML reads back as itself when written plain: no indicator first, no `:` or `#`,
# no flow punctuation, no space at either end (what the cells of a ledger mostly hold).
_PLAIN = re.compile(
    r"[0-9A-Za-z_\u4e00-\u9fff\uff10-\uff19][0-9A-Za-z_.\-/ \u4e00-\u9fff\u3001\u3002"
    r"\uff08\uff09\uff0c\uff1b\uff10-\uff19]*"
)
_NULLS = frozenset({"null", "Null", "NULL"})


@functools.lru_cache(maxsize=65536)
def scalar(text: str, flow: bool = False) -> str:
    """`yaml_text`, with the common case decided without composing YAML."""
    if _PLAIN.fullmatch(text) and not text.endswith(" ") and text not in _NULLS:
        return text
    return yaml_text(text, flow=flow)


def _scalar(value: JSON) -> str:
    return scalar(str(value))


_ORDER: dict[tuple[str, str], tuple[str, ...]] = {}


def _order(sheet: Sheet) -> tuple[str, ...]:
    """The fields of a sheet's records in the order they are written: id first, then the
    model's order (nested fields under their head)."""
    key = (sheet.kind, sheet.title)
    if key not in _ORDER:
        heads = [c.top for c in sheet.columns if c.top != "id"]
        _ORDER[key] = tuple(dict.fromkeys(["id", *heads]))
    return _ORDER[key]


def _entries(item: Item) -> list[tuple[str, JSON]]:
    data = item.data
    keys = [k for k in _order(item.row.sheet) if k in data]
    if len(keys) < len(data):
        keys += [k for k in data if k not in keys]
    out: list[tuple[str, JSON]] = []
    if item.kind != DRIVERS and item.parent is None:
        out.append(("kind", item.kind))
    out += [(k, data[k]) for k in keys]
    return out


def item_lines(item: Item, file: str, lang: Lang) -> list[Line]:
    """The record as a list item, a comment naming its row first; child rows nested."""
    body: list[Line] = []
    cells = item.row.cells
    heads = {code.partition(".")[0] for code in cells}
    whole = Origin(item, None)
    for key, value in _entries(item):
        k = scalar(key)
        at = Origin(item, key) if key in heads and not (key == "id" and item.fresh) else whole
        if isinstance(value, dict):
            body.append((f"{k}:", at))
            for sub, inner in value.items():
                code = f"{key}.{sub}"
                sub_at = Origin(item, code) if code in cells else at
                body.append((f"  {scalar(str(sub))}: {_scalar(inner)}", sub_at))
        elif isinstance(value, list):
            shown = ", ".join(scalar(str(v), flow=True) for v in value)
            body.append((f"{k}: [{shown}]", at))
        else:
            body.append((f"{k}: {_scalar(value)}", at))
    if item.children:
        head = "drivers" if item.kind == "vehicle" else "hazards"
        body.append((f"{head}:", Origin(item, None)))
        for child in item.children:
            for text, origin in item_lines(child, file, lang):
                body.append(("  " + text, origin))
    lines: list[Line] = [(comment(item, file, lang), whole)]
    for i, (text, origin) in enumerate(body):
        lines.append((("- " if i == 0 else "  ") + text, origin))
    return lines
