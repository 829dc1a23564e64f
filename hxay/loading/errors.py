"""Map pydantic validation errors back to `file:line:col` diagnostics through the side table."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel, ValidationError

from hxay.loading.yamlsrc import KeyPath, RawRecord
from hxay.models.diagnostics import PER_FILE, Code, Diagnostic, is_code
from hxay.models.text import Msg


def nearest(word: str, choices: Iterable[str]) -> str | None:
    best = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return best[0] if best else None


def did_you_mean(word: str, choices: Iterable[str]) -> Msg:
    return _hint(nearest(word, choices))


def _hint(best: str | None) -> Msg:
    if best is None:
        return Msg("", "")
    return Msg(f"(是否应为 '{best}'?)", f" (did you mean '{best}'?)")


def _model_at(model: type[BaseModel], loc: KeyPath) -> type[BaseModel] | None:
    """The nested model class that owns the last key of `loc`."""
    current: Any = model
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        fields = getattr(current, "model_fields", {})
        if part not in fields:
            return None
        current = _inner_model(fields[part].annotation)
        if current is None:
            return None
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _clean_loc(loc: tuple[Any, ...]) -> KeyPath:
    # pydantic adds validator names such as 'function-before[...]' for annotated types
    return tuple(p for p in loc if isinstance(p, int) or not str(p).startswith("function-"))


def _where(loc: KeyPath, base: KeyPath) -> str:
    parts = [str(p) if not isinstance(p, int) else f"[{p}]" for p in (*base, *loc)]
    return ".".join(parts).replace(".[", "[")


def diagnostics_from(
    exc: ValidationError,
    raw: RawRecord,
    model: type[BaseModel],
    kind_label: Msg,
    base: KeyPath = (),
    code_override: Code | None = None,
) -> list[Diagnostic]:
    """One diagnostic per pydantic error, located through `raw`'s side table.

    `base` is the path of the validated mapping inside the record (for inline hazards).
    """
    out: list[Diagnostic] = []
    errors = exc.errors()
    failed_items = {
        loc[:n]
        for loc in (_clean_loc(e["loc"]) for e in errors if e["type"] != "too_short")
        for n in range(len(loc))
    }
    misspelt = set()  # the known fields that unknown ones are likely typos of
    nearest: dict[KeyPath, str | None] = {}
    # Hints only for the errors that will be listed: a record with 100,000 unknown fields
    # should not cost 100,000 fuzzy searches (the rest are counted, not shown).
    for e in errors[:PER_FILE]:
        loc = _clean_loc(e["loc"])
        if e["type"] == "extra_forbidden":
            nearest[loc] = best = _nearest_field(model, loc)
            if best is not None:
                misspelt.add((*loc[:-1], best))
    for err in errors:
        loc = _clean_loc(err["loc"])
        if err["type"] == "too_short" and loc in failed_items:
            continue  # the list is empty only because its items failed, which says more
        full = (*base, *loc)
        kind = err["type"]
        ctx = err.get("ctx") or {}
        code: Code
        if kind == "missing":
            if full in raw.refused:
                continue  # its value was refused while reading, and reported then
            if loc in misspelt:
                continue  # written with a typo, which the unknown-field error names
            line, col = raw.pos(full[:-1], key=True) if len(full) > 1 else (raw.line, raw.column)
            if base and len(loc) == 1:
                line, col = raw.pos(base, key=False)
            code = "E-missing-field"
            msg = Msg(
                f"{kind_label.zh}缺少必填字段 '{_where(loc, ())}'",
                f"{kind_label.en} is missing the required field '{_where(loc, ())}'",
            )
        elif kind == "extra_forbidden":
            line, col = raw.pos(full, key=True)
            key = str(loc[-1])
            hint = _hint(nearest.get(loc))
            code = "E-unknown-field"
            msg = Msg(
                f"'{key}' 不是{kind_label.zh}的字段{hint.zh}",
                f"'{key}' is not a field of {kind_label.en}{hint.en}",
            )
        elif is_code(kind):
            line, col = raw.pos(full)
            code = kind
            msg = Msg(f"{_where(loc, ())}: {ctx['zh']}", f"{_where(loc, ())}: {ctx['en']}")
        else:
            line, col = raw.pos(full)
            code = "E-bad-value"
            msg = _generic(kind, _where(loc, ()), err)
        out.append(Diagnostic(raw.path, line, col, code_override or code, msg))
    return out


def _nearest_field(model: type[BaseModel], loc: KeyPath) -> str | None:
    """For an unknown field, the known field of the same mapping it is most likely a typo of."""
    owner = _model_at(model, loc)
    return nearest(str(loc[-1]), owner.model_fields) if owner and loc else None


def _generic(kind: str, where: str, err: Any) -> Msg:
    if kind == "string_type":
        return Msg(
            f"{where}: 应为文字,不能是列表或映射", f"{where}: expected text, not a list or mapping"
        )
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return Msg(f"{where}: 应为映射(键: 值)", f"{where}: expected a mapping (key: value)")
    if kind in ("tuple_type", "list_type"):
        return Msg(f"{where}: 应为列表(如 [a, b])", f"{where}: expected a list (e.g. [a, b])")
    if kind == "too_short":
        return Msg(f"{where}: 列表不能为空", f"{where}: the list may not be empty")
    if kind == "literal_error":
        expected = err.get("ctx", {}).get("expected", "")
        return Msg(f"{where}: 应为 {expected}", f"{where}: expected {expected}")
    return Msg(f"{where}: 值不正确({err['msg']})", f"{where}: invalid value ({err['msg']})")
