"""Stage 3, editing: imported rows as records: child rows put under their parent (a hazard
under the inspection its `source` names, a driver under its vehicle), and each record
written as the YAML a person would write, with the cell every line came from so that a
loader diagnostic on a line can be told at its cell.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from hxay.editing.columns import CellProblem, Row
from hxay.editing.new import yaml_text
from hxay.editing.template import DRIVERS
from hxay.models.text import Lang, Msg

PARENTS_OF_HAZARDS = ("inspection", "vehicle_check")


@dataclass(eq=False)
class Item:
    """A record to write: the row it came from, its plain values, and its child rows."""

    row: Row
    kind: str  # a record kind, or DRIVERS for a row of the drivers sheet
    data: dict[str, Any]
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


def comment(item: Item, file: str, lang: Lang) -> str:
    row = item.row
    where = _sanitised(file if row.title is None else f"{file}!{row.title}")
    return Msg(
        f"# 导入自 {where} 第 {row.number} 行", f"# imported from {where} row {row.number}"
    ).render(lang)


Line = tuple[str, Origin | None]


def _scalar(value: Any) -> str:
    return yaml_text(str(value))


def _entries(item: Item) -> list[tuple[str, Any]]:
    data = item.data
    order = ["id", *(c.top for c in item.row.sheet.columns if c.top != "id")]
    keys = [k for k in dict.fromkeys(order) if k in data]
    keys += [k for k in data if k not in keys]
    out: list[tuple[str, Any]] = []
    if item.kind != DRIVERS and item.parent is None:
        out.append(("kind", item.kind))
    out += [(k, data[k]) for k in keys]
    return out


def item_lines(item: Item, file: str, lang: Lang) -> list[Line]:
    """The record as a list item, a comment naming its row first; child rows nested."""
    body: list[Line] = []
    for key, value in _entries(item):
        k = yaml_text(key)
        at = Origin(item, key if key in item.row.cells or _has_sub(item, key) else None)
        if key == "id" and item.fresh:
            at = Origin(item, None)
        if isinstance(value, dict):
            body.append((f"{k}:", at))
            for sub, inner in value.items():
                code = f"{key}.{sub}"
                sub_at = Origin(item, code if code in item.row.cells else at.code)
                body.append((f"  {yaml_text(str(sub))}: {_scalar(inner)}", sub_at))
        elif isinstance(value, list):
            shown = ", ".join(yaml_text(str(v), flow=True) for v in value)
            body.append((f"{k}: [{shown}]", at))
        else:
            body.append((f"{k}: {_scalar(value)}", at))
    if item.children:
        head = "drivers" if item.kind == "vehicle" else "hazards"
        body.append((f"{head}:", Origin(item, None)))
        for child in item.children:
            for text, origin in item_lines(child, file, lang):
                body.append(("  " + text, origin))
    lines: list[Line] = [(comment(item, file, lang), Origin(item, None))]
    for i, (text, origin) in enumerate(body):
        lines.append((("- " if i == 0 else "  ") + text, origin))
    return lines


def _has_sub(item: Item, key: str) -> bool:
    return any(code.startswith(key + ".") for code in item.row.cells)
