"""Write docs/records.md, the reference of every record kind, from the loader's own models.

    python tools/gen_record_docs.py           # rewrite docs/records.md after changing a model
    python tools/gen_record_docs.py --check   # exit 1 when docs/records.md is stale

tests/test_record_docs.py runs the same comparison, so CI fails on a stale reference.
"""

from __future__ import annotations

import datetime as dt
import sys
import types
import typing
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from hxay.models import records as r
from hxay.models import values as v

DOCS = Path(__file__).resolve().parent.parent / "docs" / "records.md"

INTRO = """\
# Record kinds

Every record is a mapping with `kind` (its code or its Chinese label). Generated from the
models the loader validates with (`python tools/gen_record_docs.py`); the rules of the
format itself (dates, yes/no, counts, lists, null, `x_*` fields, references) are in the
README and `examples/`. Fields every kind has: `id` (letters incl. Chinese, digits, `-`, `_`,
`.`; unique in the folder), `note` (text), and any `x_*` field (kept, ignored).
"""

NESTED = (r.Liaison, r.LegalVicePrincipal, r.Driver, r.Supervisor, r.Rectifier)


def _strip_optional(annotation: Any) -> Any:
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return args[0] if len(args) == 1 else annotation
    return annotation


def _shape(annotation: Any, metadata: list[Any], name: str) -> str:
    """What a value of the field looks like, in a few words."""
    base = _strip_optional(annotation)
    if typing.get_origin(base) is typing.Annotated:
        base, *extra = typing.get_args(base)
        metadata = [*metadata, *extra]
    for item in metadata:
        if isinstance(item, r.Choice):
            return " · ".join(f"`{code}` {label}" for code, label in item.labels.items())
    if isinstance(base, type) and issubclass(base, BaseModel):
        return f"mapping: [{base.__name__}](#{base.__name__.lower()})"
    origin = typing.get_origin(base)
    if origin in (tuple, list):
        inner = typing.get_args(base)[0]
        if inner is r.InlineHazard:
            return "list of hazards (fields as `hazard`)"
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            return f"list of mappings: [{inner.__name__}](#{inner.__name__.lower()})"
        return "list of ids" if name in ("schools", "stations", "to") else "list of text"
    if origin is dict:
        return "mapping of text to " + ("yes/no" if name == "items" else "count")
    if base is dt.date:
        return "date"
    if base is bool:
        return "yes/no"
    if base is int:
        return "count"
    return "id" if _reads_ids(metadata) else "text"


def _reads_ids(metadata: list[Any]) -> bool:
    """Whether the field's validator is the id reader (ids and free text are both `str`)."""
    for item in metadata:
        func = getattr(item, "func", None)
        cells = getattr(func, "__closure__", None) or ()
        if any(cell.cell_contents is v.parse_id for cell in cells):
            return True
    return False


def _table(model: type[BaseModel], skip: tuple[str, ...] = ("kind", "id", "note")) -> list[str]:
    lines = ["| field | required | value | 说明 | default |", "|---|---|---|---|---|"]
    for name, field in model.model_fields.items():
        if name in skip:
            continue
        required = "yes" if field.is_required() else ""
        default = field.get_default(call_default_factory=True)
        shown = "" if field.is_required() or default in (None, (), {}) else f"`{default}`"
        shape = _shape(field.annotation, list(field.metadata), name)
        lines.append(f"| `{name}` | {required} | {shape} | {field.description or ''} | {shown} |")
    return lines


def render() -> str:
    parts = [INTRO]
    for kind, model in r.KINDS.items():
        id_required = model.model_fields["id"].is_required()
        parts += [
            f"## `{kind}` {r.KIND_LABELS[kind]}",
            "",
            f"`id` {'required' if id_required else 'optional'}.",
            "",
            *_table(model),
            "",
        ]
        if model in (r.Inspection, r.VehicleCheck):
            parts += [
                "Hazards written under `hazards:` are hazards of their own (see `hazard`): "
                "`kind` may be left out; `found` defaults to this record's date, `school` / "
                "`vehicle` to its own, `source` to it.",
                "",
            ]
    parts.append("## Nested mappings\n")
    for model in NESTED:
        parts += [f"### {model.__name__}", "", *_table(model, skip=()), ""]
    return "\n".join(parts).rstrip() + "\n"


def main() -> None:
    text = render()
    if "--check" in sys.argv[1:]:
        current = DOCS.read_text(encoding="utf-8") if DOCS.exists() else ""
        if current != text:
            print("docs/records.md is stale: run python tools/gen_record_docs.py", file=sys.stderr)
            raise SystemExit(1)
        return
    DOCS.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
