"""Diagnostics are data: a problem in the user's files, with a stable code from one catalogue."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal, TypeGuard

from hxay.models.text import Lang, Msg

Severity = Literal["error", "warning"]
Code = Literal[
    "E-no-data",
    "E-encoding",
    "E-read",
    "E-binary",
    "E-too-large",
    "E-yaml",
    "E-fullwidth-colon",
    "E-indent",
    "E-tag",
    "E-alias-bomb",
    "E-alias-record",
    "E-duplicate-key",
    "E-not-record",
    "E-unknown-kind",
    "E-unknown-field",
    "E-missing-field",
    "E-bad-date",
    "E-bad-bool",
    "E-bad-count",
    "E-bad-value",
    "E-bad-id",
    "E-bad-period",
    "E-bad-file",
    "E-bad-driver",
    "E-found-before-parent",
    "E-date-order",
    "E-school-mismatch",
    "E-ref-missing",
    "E-ref-type",
    "E-duplicate-id",
    "E-campaign",
    "E-too-many",
    "E-sheet-header",
    "E-sheet-merged",
    "E-sheet-hidden",
    "E-sheet-formula",
    "W-split-list",
    "W-outside-campaign",
    "W-long-deadline",
    "W-transport-mismatch",
    "W-fail-no-hazard",
]
"""Every diagnostic code, stable: tests, filters and users' scripts rely on them."""


# The catalogue: what each code means.
CATALOGUE: Mapping[Code, str] = MappingProxyType(
    {
        "E-no-data": "no data folder could be found",
        "E-encoding": "the file is not UTF-8 (GBK, UTF-16, ...)",
        "E-read": "the file cannot be read",
        "E-binary": "the file is not text",
        "E-too-large": "the file is larger than hxay reads",
        "E-yaml": "the file is not valid YAML",
        "E-fullwidth-colon": "a full-width colon after a key (input method)",
        "E-indent": "a tab or full-width space in indentation",
        "E-tag": "a YAML tag that constructs objects",
        "E-alias-bomb": "aliases expand past the node limit",
        "E-alias-record": "the same record node used twice through an alias",
        "E-duplicate-key": "the same key twice in one mapping",
        "E-not-record": "a document or list item that is not a mapping",
        "E-unknown-kind": "a record kind hxay does not know",
        "E-unknown-field": "a field that the record kind does not have",
        "E-missing-field": "a required field is absent",
        "E-bad-date": "not a date in an accepted spelling",
        "E-bad-bool": "not a yes/no value",
        "E-bad-count": "not a whole number >= 0",
        "E-bad-value": "a value of the wrong shape or outside the allowed set",
        "E-bad-id": "an id with characters ids may not have",
        "E-bad-period": "a submission period in the wrong form",
        "E-bad-file": "a submission file that is missing or outside the folder",
        "E-bad-driver": "a vehicle check names a driver the vehicle does not have",
        "E-found-before-parent": "an inline hazard found before its inspection",
        "E-date-order": "a date earlier than the date it follows",
        "E-school-mismatch": "a hazard's school differs from its vehicle's school",
        "E-ref-missing": "a reference to a record that does not exist",
        "E-ref-type": "a reference to a record of the wrong kind or type",
        "E-duplicate-id": "the same id on two records",
        "E-campaign": "campaign.yaml is missing or wrong",
        "E-too-many": "more problems in one file than are listed",
        "E-sheet-header": "an imported sheet has no row of column labels or field codes",
        "E-sheet-merged": "an imported row has a cell merged across several columns",
        "E-sheet-hidden": "an imported sheet has a hidden (or filtered out) row with data",
        "E-sheet-formula": "an imported cell is a formula without a value, or an error value",
        "W-split-list": "a text list written as one value was split",
        "W-outside-campaign": "a record dated outside the campaign",
        "W-long-deadline": "a deadline more than 90 days after the hazard was found",
        "W-transport-mismatch": "uses_transport: false while the school has an active vehicle",
        "W-fail-no-hazard": "a failed vehicle check lists no hazard",
    }
)


def is_code(text: str) -> TypeGuard[Code]:
    """Whether `text` is a code of the catalogue (pydantic error types that are codes)."""
    return text in CATALOGUE


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """A problem at `path:line:column` (path relative to the data folder, `/` separators)."""

    path: str
    line: int
    column: int
    code: Code
    msg: Msg

    def __post_init__(self) -> None:
        if self.code not in CATALOGUE:
            raise ValueError(f"diagnostic code {self.code!r} is not in the catalogue")

    @property
    def severity(self) -> Severity:
        return "warning" if self.code.startswith("W-") else "error"

    @property
    def is_error(self) -> bool:
        return self.code.startswith("E-")

    def message(self, lang: Lang = "zh") -> str:
        return self.msg.render(lang)

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.code)

    def format(self, lang: Lang = "zh") -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.severity} {self.code} {self.message(lang)}"


PER_FILE = 50
"""At most this many problems are listed for one file; one more line says how many more."""


def capped(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Sorted diagnostics with at most PER_FILE per file, each cut file closed by a line
    saying how many more it has (whatever their codes)."""
    out: list[Diagnostic] = []
    by_path: dict[str, list[Diagnostic]] = {}
    for d in sorted(diagnostics, key=Diagnostic.sort_key):
        by_path.setdefault(d.path, []).append(d)
    for path, found in by_path.items():
        out += found[:PER_FILE]
        if len(found) > PER_FILE:
            last = found[PER_FILE - 1]
            extra = len(found) - PER_FILE
            out.append(
                Diagnostic(
                    path,
                    last.line,
                    last.column,
                    "E-too-many",
                    Msg(
                        f"本文件还有 {extra} 个问题未列出",
                        f"{extra} more problems in this file not listed",
                    ),
                )
            )
    return out
