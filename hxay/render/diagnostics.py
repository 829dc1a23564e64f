"""Diagnostics and the validate summary, as text lines or JSON."""

from __future__ import annotations

from collections.abc import Sequence

from hxay.loading.load import Loaded
from hxay.models.diagnostics import Diagnostic
from hxay.models.records import KIND_LABELS, KINDS
from hxay.models.text import Lang
from hxay.render.escape import terminal
from hxay.render.jsontext import dumps


def lines(diagnostics: Sequence[Diagnostic], lang: Lang) -> list[str]:
    """One line per problem, text from the data with its control characters shown escaped."""
    return [terminal(d.format(lang)) for d in diagnostics]


def summary(loaded: Loaded, lang: Lang) -> str:
    counts = loaded.counts()
    kinds = [k for k in KINDS if counts.get(k)]
    files = len(loaded.files)
    errors, warnings = len(loaded.errors), len(loaded.warnings)
    if lang == "zh":
        by_kind = "、".join(f"{KIND_LABELS[k]} {counts[k]}" for k in kinds)
        text = f"{files} 个文件,{len(loaded.kept)} 条记录({by_kind or '无'}),{errors} 个错误,{warnings} 个警告"
        if loaded.left_out:
            text += f";{loaded.left_out} 条记录因错误未计入"
        return text
    by_kind = ", ".join(f"{k} {counts[k]}" for k in kinds)
    text = (
        f"{files} files, {len(loaded.kept)} records ({by_kind or 'none'}), "
        f"{errors} errors, {warnings} warnings"
    )
    if loaded.left_out:
        text += f"; {loaded.left_out} records left out because of errors"
    return text


def as_dict(d: Diagnostic, lang: Lang) -> dict[str, object]:
    return {
        "path": d.path,
        "line": d.line,
        "column": d.column,
        "code": d.code,
        "message": d.message(lang),
    }


def validate_json(loaded: Loaded, lang: Lang) -> str:
    doc = {
        "errors": [as_dict(d, lang) for d in loaded.errors],
        "warnings": [as_dict(d, lang) for d in loaded.warnings],
        "files": len(loaded.files),
        "records": len(loaded.kept),
    }
    return dumps(doc)
