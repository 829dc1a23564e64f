"""Stage 6, api: `hxay report`: load, stop on errors (campaign errors always), build the
form. No printing, no clock (the caller passes `now`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from hxay.api.common import allowed_errors_notice, evaluate_at, stopping_errors, today
from hxay.loading.load import Loaded, load
from hxay.models.diagnostics import Diagnostic
from hxay.models.findings import Finding
from hxay.models.text import Lang
from hxay.reports import forms
from hxay.reports.document import Document
from hxay.reports.table import Table


@dataclass
class ReportResult:
    """What `hxay report` produced: the table, or the errors that stop it (exit 3)."""

    loaded: Loaded
    table: Table | Document | None = None
    problems: list[Diagnostic] = field(default_factory=list)


def report(
    root: Path,
    *,
    month: str | None,
    display_path: str | None = None,
    form: str = "stats",
    half: int | None = None,
    unit: str | None = None,
    as_of: dt.date | None = None,
    lang: Lang | None = None,
    allow_errors: bool = False,
    now: dt.datetime | None = None,
) -> ReportResult:
    """`hxay report`: load, stop on errors (campaign errors always), then build the form:
    a Table for `stats`, a Document for the others (reports/forms.py). `now` (the
    caller's clock) gives today in the campaign's timezone, the default as-of of the forms
    that cover the campaign (the campaign's end stands in without it).

    What the command line got wrong raises `reports.period.UsageError` (exit 2): an unknown
    form, a missing or bad month, a month outside the campaign, an as-of date before the
    period, a unit that is not a police station.
    """
    from hxay.reports.period import month_window
    from hxay.reports.stats import build_stats

    forms.check_options(form, month, half)
    loaded = load(root, display_path)
    result = ReportResult(loaded, problems=stopping_errors(loaded, allow_errors))
    if result.problems or loaded.ledger is None:
        return result
    ledger = loaded.ledger
    language: Lang = lang or ledger.campaign.language
    notice = allowed_errors_notice(loaded)
    if form != "stats":
        day = today(now, loaded) if now is not None else None
        return _document(result, forms.Request(form, month, half, unit, as_of, day), language)
    assert month is not None
    window = month_window(ledger.campaign, month, half, as_of)
    result.table = build_stats(
        ledger,
        window,
        provenance=loaded.provenance(),
        lang=language,
        unit=unit,
        notes=(notice.render(language),) if notice is not None else (),
    )
    return result


def _document(result: ReportResult, request: forms.Request, lang: Lang) -> ReportResult:
    """A form other than stats: the findings at its day when it reports on obligations
    (stopping on campaign problems as `check` does), then its Document."""
    loaded = result.loaded
    assert loaded.ledger is not None
    findings: list[Finding] = []
    if request.form in forms.USES_FINDINGS:
        day = forms.report_day(request, loaded.ledger.campaign)
        findings, result.problems = evaluate_at(loaded, day)
        if result.problems:
            return result
    notice = allowed_errors_notice(loaded)
    result.table = forms.build_document(
        request,
        loaded.ledger,
        findings,
        provenance=loaded.provenance(),
        lang=lang,
        notes=(notice.render(lang),) if notice is not None else (),
    )
    return result
