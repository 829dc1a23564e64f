"""Export stage: one table per record kind, every field a column, plus where each record was
written (`campaign`, `path`, `line`).

Inline hazards are rows of `hazard` (with `parent_line`, the line of the inspection or vehicle
check they were written under, in the same file); that record's `hazards` column lists their
ids. The user's own `x_*` fields are text columns after the model's (lists and mappings as
JSON), so nothing that was written is lost.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable
from typing import TYPE_CHECKING

from hxay.export.columns import Col, model_columns, to_frame
from hxay.models import records as r
from hxay.models.ledger import Ledger

if TYPE_CHECKING:
    from pandas import DataFrame

WITH_HAZARDS = ("inspection", "vehicle_check")


def _where() -> list[Col[r.Record]]:
    return [
        Col("path", "text", lambda x: x.path),
        Col("line", "count", lambda x: x.line),
    ]


def kind_columns(
    kind: str, hazards: Callable[[r.Record], object] | None = None
) -> list[Col[r.Record]]:
    """The columns of a record kind's table (without `campaign` and the `x_*` fields)."""
    model = r.KINDS[kind]
    skip = ("kind", "hazards") if kind in WITH_HAZARDS else ("kind",)
    cols: list[Col[r.Record]] = [*_where(), *model_columns(model, skip)]
    if kind in WITH_HAZARDS:
        at = next(i for i, c in enumerate(cols) if c.name == "note")
        cols.insert(at, Col("hazards", "text", hazards or (lambda x: []), many=True))
    if kind == "hazard":
        cols.append(Col("parent_line", "count", _parent_line))
    return cols


def _parent_line(x: r.Record) -> int | None:
    parent = x.parent if isinstance(x, r.Hazard) else None  # only the hazard table has it
    return parent.line if parent is not None else None


def _extension_text(value: object) -> str | None:
    if value is None or isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, default=str)


def _extension(name: str) -> Callable[[r.Record], object]:
    return lambda x: _extension_text(x.extensions.get(name))


def record_frames(ledger: Ledger) -> dict[str, DataFrame]:
    """Every record kind's table, in `KINDS` order, rows in (path, line) order; a kind
    without records is an empty table with the same columns."""
    by_kind: dict[str, list[r.Record]] = defaultdict(list)
    found_in: dict[int, list[str]] = defaultdict(list)
    for rec in ledger.records:
        by_kind[rec.KIND].append(rec)
        if isinstance(rec, r.Hazard) and rec.parent is not None:
            found_in[id(rec.parent)].append(rec.id)
    campaign = ledger.campaign.id
    out: dict[str, DataFrame] = {}
    for kind in r.KINDS:
        rows = by_kind.get(kind, [])
        extras = sorted({k for x in rows for k in x.extensions})
        cols: list[Col[r.Record]] = [
            Col("campaign", "text", lambda _: campaign),
            *kind_columns(kind, lambda x: found_in.get(id(x), [])),
            *(Col(name, "text", _extension(name)) for name in extras),
        ]
        out[kind] = to_frame(cols, rows)
    return out
