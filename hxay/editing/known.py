"""Stage 3, editing: imported rows against the records already in the folder. A row whose id
is there with the same content, or a row without an id whose content is there, is skipped
(importing a workbook again adds nothing); a row whose id is there with other content is an
error showing the difference. Hazards take what their folder inspection gives them.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence

from hxay.editing.columns import CellProblem
from hxay.editing.rows import Item, item_lines
from hxay.loading.load import Loaded
from hxay.loading.workers import parse_one
from hxay.models import records as r
from hxay.models.json import JSON, JSONObject
from hxay.models.text import Lang, Msg

# Fields the loader fills in from other records when they are left empty (crosscheck.py):
# a row that leaves them empty is the same as the record that got them filled.
DERIVED = {"submission": ("to",), "legal_visit": ("person",), "hazard": ("school",)}


def _content(rec: r.Record) -> JSONObject:
    return rec.model_dump(mode="json", exclude={"id", "hazards"})


def _as_old(old: JSONObject, new: JSONObject, kind: str) -> JSONObject:
    """`new` with the derived fields it leaves empty taken from `old`."""
    out = dict(new)
    for name in DERIVED.get(kind, ()):
        if out.get(name) in (None, []):
            out[name] = old.get(name)
    return out


def _key(rec: r.Record) -> str:
    content = {k: v for k, v in _content(rec).items() if k not in DERIVED.get(rec.KIND, ())}
    return json.dumps(content, sort_keys=True, ensure_ascii=False)


def _shown(value: JSON) -> str:
    if value is None or value == [] or value == {}:
        return "(空)"
    if isinstance(value, list):
        return "、".join(_shown(v) for v in value)
    if isinstance(value, dict):
        return "、".join(f"{k}:{_shown(v)}" for k, v in value.items())
    return str(value)


def difference(old: JSONObject, new: JSONObject, item: Item) -> str:
    """`label old → new` for each field that differs."""
    labels = {c.code: c.label for c in item.row.sheet.columns}
    parts = []
    for key in dict.fromkeys([*old, *new]):
        if old.get(key) != new.get(key):
            parts.append(f"{labels.get(key, key)} {_shown(old.get(key))} → {_shown(new.get(key))}")
    return ";".join(parts)


def _inherit(item: Item, date: object, school: object, vehicle: object, source: str | None) -> None:
    """What an inline hazard would take from its inspection, written out."""
    data = item.data
    if "found" not in data and date is not None:
        data["found"] = str(date)
    if "school" not in data and "vehicle" not in data:
        if school is not None:
            data["school"] = str(school)
        elif vehicle is not None:
            data["vehicle"] = str(vehicle)
    if source is not None:
        data.setdefault("source", source)


def _typed(
    items: Sequence[Item], file: str, lang: Lang, terms: tuple[str, ...]
) -> dict[Item, r.Record]:
    """Each item's record as the loader reads it alone (items with an error are missing)."""
    text: list[str] = []
    first: dict[int, Item] = {}
    seen: set[int] = set()
    for item in items:
        for line, origin in item_lines(item, file, lang):
            text.append(line)
            if (
                origin is not None
                and line.lstrip().startswith("- ")
                and id(origin.item) not in seen
            ):
                seen.add(id(origin.item))
                first[len(text)] = origin.item
    parsed = parse_one("<import>", ("\n".join(text) + "\n").encode("utf-8"), terms)
    return {first[rec.line]: rec for rec in parsed.records if rec.line in first}


def settle(
    items: list[Item], before: Loaded, file: str, lang: Lang
) -> tuple[list[Item], int, list[CellProblem]]:
    """The items still to write, how many rows are already in the folder, and the rows whose
    id is in the folder with other content."""
    by_id = {x.id: x for x in before.kept if x.id is not None}
    for item in items:
        source = item.data.get("source")
        parent = by_id.get(source) if item.kind == "hazard" and isinstance(source, str) else None
        if isinstance(parent, (r.Inspection, r.VehicleCheck)):
            _inherit(
                item,
                parent.date,
                getattr(parent, "school", None),
                getattr(parent, "vehicle", None),
                None,
            )
    kinds = {one.kind for item in items for one in item.walk()}
    if not by_id or not kinds & {x.KIND for x in before.kept}:
        return items, 0, []  # the common first import: nothing there to compare with
    pools: dict[str, Counter[str]] = {}

    def pool(kind: str) -> Counter[str]:
        if kind not in pools:
            pools[kind] = Counter(_key(x) for x in before.kept if kind == x.KIND)
        return pools[kind]

    wanted = [i for i in items if any(o.ident in by_id or o.fresh for o in i.walk())]
    typed = _typed(
        wanted, file, lang, tuple(t.name for t in before.campaign.terms) if before.campaign else ()
    )
    problems: list[CellProblem] = []
    skipped = 0
    out: list[Item] = []

    def there(one: Item) -> bool | None:
        """True: already in the folder; False: its id is, with other content; None: new."""
        rec = typed.get(one)
        if rec is None:
            return None
        if one.fresh:
            found = pool(one.kind)
            key = _key(rec)
            if found[key] > 0:
                found[key] -= 1
                return True
            return None
        old = by_id.get(one.ident or "")
        if old is None:
            return None
        held, given = _content(old), _as_old(_content(old), _content(rec), rec.KIND)
        if held == given:
            return True
        row = one.row
        problems.append(
            CellProblem(
                file,
                row.title,
                row.number,
                row.cells.get("id"),
                "E-duplicate-id",
                Msg(
                    f"编号 {one.ident} 已在 {old.where} 使用,内容不同:"
                    f"{difference(held, given, one)};"
                    "同一条记录请与数据文件夹保持一致,新记录请换一个编号",
                    f"the id {one.ident} is already used at {old.where} with other content: "
                    f"{difference(held, given, one)}; keep the row as the "
                    "folder has it, or give a new record another id",
                ),
                "编号",
                one.ident,
            )
        )
        return False

    for item in items:
        state = there(item)
        if state is None:
            out.append(item)
            continue
        if state:
            skipped += 1
        for child in item.children:
            if child.kind != "hazard":
                continue
            child_state = there(child)
            if child_state:
                skipped += 1
            elif child_state is None:
                child.parent = None
                parent_data = item.data
                _inherit(
                    child,
                    parent_data.get("date"),
                    parent_data.get("school"),
                    parent_data.get("vehicle"),
                    item.ident,
                )
                out.append(child)
        item.children = [c for c in item.children if c.kind != "hazard"]
    return out, skipped, problems
