"""Diagnostics and the validate summary, as text lines (each optionally followed by its
source line and a `^` under the column, as hledger shows them) or JSON."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from hxay.loading.load import Loaded
from hxay.models.diagnostics import Code, Diagnostic
from hxay.models.records import KIND_LABELS, KINDS
from hxay.models.text import Lang, Msg
from hxay.render.escape import terminal
from hxay.render.jsontext import dumps

WHOLE_FILE: frozenset[Code] = frozenset(
    {"E-binary", "E-encoding", "E-too-large", "E-read", "E-alias-bomb"}
)
"""Codes about a file as a whole: their line 1 is no place to point at."""
EXCERPT_CELLS = 100
"""Terminal cells of source text an excerpt shows around the column (a line may be 1 MB)."""


def lines(
    diagnostics: Sequence[Diagnostic],
    lang: Lang,
    sources: Mapping[tuple[str, int], str] | None = None,
) -> list[str]:
    """One line per problem, text from the data with its control characters shown escaped;
    with `sources` ((path, line) -> text), each is followed by its excerpt where known."""
    out: list[str] = []
    for d in diagnostics:
        out.append(terminal(d.format(lang)))
        text = None
        if sources is not None and d.code not in WHOLE_FILE:
            text = sources.get((d.path, d.line))
        if text is not None:
            out += excerpt(text, d.line, d.column)
    return out


def excerpt(text: str, line: int, column: int) -> list[str]:
    """The source line (escaped, cut around the column when long) and a `^` under the
    column, placed by display width: a CJK character or a full-width space takes two cells."""
    from rich.cells import cell_len

    at = max(0, min(column - 1, len(text)))
    half = EXCERPT_CELLS // 2
    before = _fit(text[max(0, at - half - 1) : at][::-1], half, reverse=True)
    after = _fit(text[at : at + EXCERPT_CELLS + 1], EXCERPT_CELLS - cell_len(before), reverse=False)
    gutter = str(line)
    return [
        f"  {gutter} | {before}{after}".rstrip(),
        f"  {' ' * len(gutter)} | {' ' * cell_len(before)}^",
    ]


def _fit(chars: str, cells: int, *, reverse: bool) -> str:
    """Escaped characters taken in order until `cells` are used; a cut is marked with `…`."""
    from rich.cells import cell_len

    taken: list[str] = []
    used = 0
    for index, ch in enumerate(chars):
        shown = terminal(ch)
        width = cell_len(shown)
        if used + width > cells - 1 and index < len(chars) - 1:
            taken.append("…")
            break
        taken.append(shown)
        used += width
    return "".join(reversed(taken) if reverse else taken)


def stopped(problems: Sequence[Diagnostic]) -> Msg:
    """The sentence after the errors that stop `check`/`report` (exit 3): nothing was
    produced, how many errors in how many files, and what to do."""
    errors = [d for d in problems if d.is_error]
    files = len({d.path for d in errors})
    if any(d.path == "campaign.yaml" or d.code == "E-campaign" for d in errors):
        return Msg(
            f"未生成结果:campaign.yaml 有 {len(errors)} 个错误(共 {files} 个文件),须先改正"
            "(--allow-errors 不适用于 campaign.yaml);运行 hxay validate 查看全部问题。",
            f"nothing was produced: {len(errors)} errors in {files} files, campaign.yaml among "
            "them, which must be fixed first (--allow-errors does not apply to it); run hxay "
            "validate to see them all.",
        )
    return Msg(
        f"未生成结果:数据有 {len(errors)} 个错误,涉及 {files} 个文件;运行 hxay validate "
        "查看全部问题,或加 --allow-errors 只按能读入的数据运行。",
        f"nothing was produced: the data has {len(errors)} errors in {files} files; run hxay "
        "validate to see them all, or add --allow-errors to run on what loaded.",
    )


def summary(loaded: Loaded, lang: Lang, *, strict: bool = False) -> str:
    counts = loaded.counts()
    kinds = [k for k in KINDS if counts.get(k)]
    files = len(loaded.files)
    errors, warnings = len(loaded.errors), len(loaded.warnings)
    if lang == "zh":
        by_kind = "、".join(f"{KIND_LABELS[k]} {counts[k]}" for k in kinds)
        text = f"{files} 个文件,{len(loaded.kept)} 条记录({by_kind or '无'}),{errors} 个错误,{warnings} 个警告"
        if loaded.left_out:
            text += f";{loaded.left_out} 条记录因错误未计入"
        if strict and warnings:
            text += "(--strict:警告按错误计)"
        return text
    by_kind = ", ".join(f"{k} {counts[k]}" for k in kinds)
    text = (
        f"{files} files, {len(loaded.kept)} records ({by_kind or 'none'}), "
        f"{errors} errors, {warnings} warnings"
    )
    if loaded.left_out:
        text += f"; {loaded.left_out} records left out because of errors"
    if strict and warnings:
        text += " (--strict: warnings count as errors)"
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
