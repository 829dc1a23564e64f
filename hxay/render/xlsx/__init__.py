"""Stage 5, render: every report that comes as an xlsx workbook, one module per layout
(form.py: the statistics form, with contract.py its machine-readable marks; listing.py: any
Document; check.py: the check's 督办清单; page.py: the print setup every workbook shares).
openpyxl is imported inside the functions: it costs about 0.4 s, and only this format needs it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hxay.render.options import RenderOptions
from hxay.render.xlsx.page import text_width
from hxay.reports.document import Document
from hxay.reports.table import Table

if TYPE_CHECKING:
    from hxay.render.options import Report

__all__ = ["FORMS", "render", "text_width"]

FORMS = frozenset({"stats", "serious-list", "schools", "dossier", "check"})


def render(report: Report, options: RenderOptions) -> bytes:
    if isinstance(report, Table):
        from hxay.render.xlsx.form import stats_workbook

        return stats_workbook(report)
    if isinstance(report, Document):
        from hxay.render.xlsx.listing import document_workbook

        return document_workbook(report)
    from hxay.render.xlsx.check import check_workbook

    return check_workbook(report)
