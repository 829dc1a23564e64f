"""Stage 5, render: every report for a terminal of a given width, drawn with rich (imported
inside the functions): the statistics form (stats.py), the documents (document.py), the check
(check.py). Text is wrapped by wrap.py, so an id, a plate or a date is never split across
lines; no line ends in padding.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hxay.render.options import RenderOptions
from hxay.render.terminal import check, document, stats
from hxay.render.terminal.console import string_console
from hxay.reports.document import Document
from hxay.reports.table import Table

if TYPE_CHECKING:
    from hxay.render.options import Report

__all__ = ["FORMS", "render", "string_console"]

FORMS = frozenset({"stats", "work", "summary", "serious-list", "schools", "dossier", "check"})


def render(report: Report, options: RenderOptions) -> str:
    if isinstance(report, Table):
        return stats.draw(report, options)
    if isinstance(report, Document):
        return document.draw(report, options)
    return check.draw(report, options)
