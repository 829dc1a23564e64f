"""Stage 7, api: one wiring function per use case: load, then rules or reports. No printing,
no clock: the command line (or a notebook) passes `now` and renders what comes back.

The names below are imported when first used (PEP 562), so that `hxay.api.settings`, which
the command line reads at start-up, pulls in nothing heavy.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from hxay.api.checking import (
        CalendarResult,
        CheckResult,
        Scope,
        View,
        calendar,
        check,
        validate,
    )
    from hxay.api.common import (
        allowed_errors_notice,
        data_folder,
        evaluate_at,
        outside_campaign,
        stopping_errors,
        today,
    )
    from hxay.api.edit import NewResult, init_folder, new_record, schema
    from hxay.api.exporting import ExportResult, Tables, export, frames, rollup, sql, tables
    from hxay.api.reporting import ReportResult, report, write_files
    from hxay.api.sheets import TemplateResult, import_sheet, template
    from hxay.api.sources import excerpt_lines

_WHERE = {
    "CalendarResult": "checking",
    "CheckResult": "checking",
    "Scope": "checking",
    "View": "checking",
    "calendar": "checking",
    "check": "checking",
    "validate": "checking",
    "allowed_errors_notice": "common",
    "data_folder": "common",
    "evaluate_at": "common",
    "outside_campaign": "common",
    "stopping_errors": "common",
    "today": "common",
    "NewResult": "edit",
    "init_folder": "edit",
    "new_record": "edit",
    "schema": "edit",
    "ReportResult": "reporting",
    "report": "reporting",
    "write_files": "reporting",
    "ExportResult": "exporting",
    "Tables": "exporting",
    "export": "exporting",
    "frames": "exporting",
    "rollup": "exporting",
    "sql": "exporting",
    "tables": "exporting",
    "TemplateResult": "sheets",
    "import_sheet": "sheets",
    "template": "sheets",
    "excerpt_lines": "sources",
}

__all__ = [
    "CalendarResult",
    "CheckResult",
    "ExportResult",
    "NewResult",
    "ReportResult",
    "Scope",
    "Tables",
    "TemplateResult",
    "View",
    "allowed_errors_notice",
    "calendar",
    "check",
    "data_folder",
    "evaluate_at",
    "excerpt_lines",
    "export",
    "frames",
    "import_sheet",
    "init_folder",
    "new_record",
    "outside_campaign",
    "report",
    "rollup",
    "schema",
    "sql",
    "stopping_errors",
    "tables",
    "template",
    "today",
    "validate",
    "write_files",
]


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module 'hxay.api' has no attribute {name!r}")
    return getattr(importlib.import_module(f"hxay.api.{_WHERE[name]}"), name)
