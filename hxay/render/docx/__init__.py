"""Stage 5, render: every Document (the work report, the campaign summary, the serious-hazard
list, the scorecard, 一校一档) as a Word document, with python-docx: the well-kept library
for writing .docx from Python (real paragraphs, styles, tables and fields, no Word needed).
style.py says how it looks (fonts and sizes of Chinese official documents, A4 portrait,
page numbers); document.py lays it out. python-docx is imported inside the functions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hxay.models.text import Msg
from hxay.render.options import RenderOptions
from hxay.reports.document import Document
from hxay.reports.period import UsageError

if TYPE_CHECKING:
    from hxay.render.options import Report

__all__ = ["FORMS", "render"]

FORMS = frozenset({"work", "summary", "serious-list", "schools", "dossier"})


def render(report: Report, options: RenderOptions) -> bytes:
    if not isinstance(report, Document):
        raise UsageError(
            Msg(f"报表 {report.form} 没有 docx 格式", f"the {report.form} report has no docx form")
        )
    from hxay.render.docx.document import docx_bytes

    return docx_bytes(report)
