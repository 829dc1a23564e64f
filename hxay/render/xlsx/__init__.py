"""Stage 5, render: every report that comes as an xlsx workbook, one module per layout
(form.py: the statistics form; page.py: the print setup every workbook shares). openpyxl is
imported inside the functions: it costs about 0.4 s, and only this format needs it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hxay.models.errors import UsageError
from hxay.models.text import Msg
from hxay.render.options import RenderOptions
from hxay.render.xlsx.page import text_width
from hxay.reports.table import Table

if TYPE_CHECKING:
    from hxay.render.options import Report

__all__ = ["FORMS", "render", "text_width"]

FORMS = frozenset({"stats"})


def render(report: Report, options: RenderOptions) -> bytes:
    if isinstance(report, Table):
        from hxay.render.xlsx.form import stats_workbook

        return stats_workbook(report)
    raise UsageError(
        Msg(f"报表 {report.form} 没有 xlsx 格式", f"the {report.form} report has no xlsx form")
    )
