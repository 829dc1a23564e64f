"""Stage 7, api: `hxay report`: load, stop on errors (campaign errors always), build the
form; the school files (一校一档) one per school into a folder. No printing, no clock (the
caller passes `now`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from hxay.api.common import (
    allowed_errors_notice,
    campaign_problems,
    evaluate_at,
    stopping_errors,
    today,
)
from hxay.loading.load import Loaded, load
from hxay.models.diagnostics import Diagnostic
from hxay.models.findings import Finding
from hxay.models.text import Lang
from hxay.reports import forms
from hxay.reports.document import Document
from hxay.reports.table import Table

if TYPE_CHECKING:
    from hxay.render.formats import Format
    from hxay.render.options import RenderOptions


@dataclass
class ReportResult:
    """What `hxay report` produced: the table, or the school files by school id (`each`),
    or the errors that stop it (exit 3)."""

    loaded: Loaded
    table: Table | Document | None = None
    problems: list[Diagnostic] = field(default_factory=list)
    files: Mapping[str, Document] | None = None

    @property
    def notes(self) -> tuple[str, ...]:
        """The notes every output carries (data errors let through)."""
        if self.table is not None:
            return self.table.notes
        return next((d.notes for d in (self.files or {}).values()), ())


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
    schools: Sequence[str] = (),
    each: bool = False,
) -> ReportResult:
    """`hxay report`: load, stop on errors (campaign errors always), then build the form:
    a Table for `stats`, a Document for the others (reports/forms.py). `now` (the
    caller's clock) gives today in the campaign's timezone, the default as-of of the forms
    that cover the campaign (the campaign's end stands in without it).

    What the command line got wrong raises `reports.period.UsageError` (exit 2): an unknown
    form, a missing or bad month, a month outside the campaign, an as-of date before the
    period, a unit that is not a police station, an unknown school.

    The dossier is of the one school in `schools`; with `each`, one per school of
    `schools` (every school when empty) in `files`, by school id.
    """
    from hxay.reports.period import month_window
    from hxay.reports.stats import build_stats

    forms.check_options(form, month, half, schools, each)
    loaded = load(root, display_path)
    result = ReportResult(
        loaded, problems=stopping_errors(loaded, allow_errors) or campaign_problems(loaded)
    )
    if result.problems or loaded.ledger is None:
        return result
    ledger = loaded.ledger
    language: Lang = lang or ledger.campaign.language
    if form != "stats":
        day = today(now, loaded) if now is not None else None
        request = forms.Request(form, month, half, unit, as_of, day, tuple(schools))
        return _document(result, request, language, each)
    assert month is not None
    notice = allowed_errors_notice(loaded)
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


def _document(
    result: ReportResult, request: forms.Request, lang: Lang, each: bool = False
) -> ReportResult:
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
    build = forms.build_dossiers if each else forms.build_document
    built = build(
        request,
        loaded.ledger,
        findings,
        provenance=loaded.provenance(),
        lang=lang,
        notes=(notice.render(lang),) if notice is not None else (),
    )
    if isinstance(built, Document):
        result.table = built
    else:
        result.files = built
    return result


def write_files(
    files: Mapping[str, Document], folder: Path, fmt: Format, options: RenderOptions
) -> list[Path]:
    """Each document rendered in `fmt` into `folder` (made when missing) as `<id>.<ext>`,
    each written atomically; the paths written. OSError when the folder cannot be written."""
    from hxay.render import formats

    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for ident, doc in files.items():
        path = folder / f"{ident}{fmt.extensions[0]}"
        formats.write_atomic(path, formats.render(doc, fmt, options), fmt)
        written.append(path)
    return written
