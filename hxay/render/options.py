"""Stage 5, render: what every renderer takes: the report types (for type checking), and what
the caller knows about the output (terminal width, colour). Light: the command line reads it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeAlias

if TYPE_CHECKING:
    from hxay.reports.check import CheckReport
    from hxay.reports.document import Document
    from hxay.reports.table import Table

    Report: TypeAlias = Table | Document | CheckReport
    """Every report type: the statistics form, the documents, the check."""


@dataclass(frozen=True, slots=True)
class RenderOptions:
    """What the caller knows about the output: terminal width, whether colour is wanted, and
    whether a table goes out in the long tidy shape (`--tidy`) instead of its paper layout."""

    width: int = 100
    color: bool = False
    tidy: bool = False
