"""One wiring function per use case: load, then rules or reports. No printing, no clock."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from hxay.loading.campaign import obligation_position
from hxay.loading.load import Loaded, load
from hxay.models.diagnostics import Diagnostic
from hxay.models.findings import STATUSES, Finding, Status
from hxay.models.ledger import Ledger, Provenance
from hxay.models.text import Lang, Msg
from hxay.reports import forms
from hxay.reports.document import Document
from hxay.reports.table import Table

if TYPE_CHECKING:
    from hxay.loading.scaffold import Added


def validate(root: Path, display_path: str | None = None) -> Loaded:
    """Load the data folder and return every diagnostic (`hxay validate`)."""
    return load(root, display_path)


def today(now: dt.datetime, loaded: Loaded) -> dt.date:
    """What "today" means for the campaign: `now` in the campaign's timezone."""
    zone = loaded.campaign.timezone if loaded.campaign else "Asia/Shanghai"
    try:
        return now.astimezone(ZoneInfo(zone)).date()
    except (KeyError, ValueError):
        return now.astimezone(ZoneInfo("Asia/Shanghai")).date()


@dataclass
class Scope:
    """Which findings a check is about (`--unit`, `--school`, `--obligation`); empty = all."""

    units: Collection[str] = ()
    schools: Collection[str] = ()
    obligations: Collection[str] = ()

    def matches(self, f: Finding, ledger: Ledger) -> bool:
        if self.units and f.unit not in self.units:
            return False
        if self.obligations and f.obligation not in self.obligations:
            return False
        return not self.schools or _school_of_subject(f.subject, ledger) in self.schools


def _school_of_subject(subject: str, ledger: Ledger) -> str | None:
    if subject in ledger.schools:
        return subject
    rec = ledger.by_id.get(subject.split(":", 1)[0])
    school = getattr(rec, "school", None)
    return school if isinstance(school, str) else None


@dataclass
class View:
    """What is printed: by default overdue, and due within `within` days; or chosen statuses."""

    statuses: Collection[Status] | None = None
    within: int = 14
    show_all: bool = False

    def shows(self, f: Finding, as_of: dt.date) -> bool:
        if self.show_all:
            return True
        if self.statuses is not None:
            return f.status in self.statuses
        if f.status == "overdue":
            return True
        return f.status == "due" and as_of <= f.due <= as_of + dt.timedelta(days=self.within)


def stopping_errors(loaded: Loaded, allow_errors: bool) -> list[Diagnostic]:
    """The errors that stop `check` and `report` (exit 3): campaign errors always, data
    errors unless `--allow-errors`."""
    if loaded.ledger is None:
        return loaded.campaign_errors
    return [d for d in loaded.errors if not allow_errors or d in loaded.campaign_errors]


def evaluate_at(loaded: Loaded, day: dt.date) -> tuple[list[Finding], list[Diagnostic]]:
    """Every obligation's findings at `day`; campaign problems found on the way (an owner
    unit missing, a holiday year not covered) as E-campaign diagnostics at their line."""
    from hxay.rules.registry import evaluate

    assert loaded.ledger is not None
    findings, problems = evaluate(loaded.ledger, day)
    return findings, [
        Diagnostic("campaign.yaml", *obligation_position(loaded.root, name), "E-campaign", msg)
        for name, msg in problems
    ]


@dataclass
class CheckResult:
    loaded: Loaded
    as_of: dt.date
    in_scope: list[Finding] = field(default_factory=list)
    shown: list[Finding] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)
    provenance: Provenance | None = None

    @property
    def summary(self) -> dict[str, int]:
        counts = Counter(f.status for f in self.in_scope)
        return {s: counts.get(s, 0) for s in STATUSES}

    @property
    def overdue(self) -> bool:
        return any(f.status == "overdue" for f in self.in_scope)

    @property
    def blocking(self) -> list[Diagnostic]:
        """Errors that stop `check`: campaign errors always, data errors unless allowed."""
        return self.problems


def check(
    root: Path,
    *,
    display_path: str | None,
    as_of: dt.date | None,
    now: dt.datetime,
    scope: Scope,
    view: View,
    allow_errors: bool = False,
) -> CheckResult:
    """`hxay check`: every obligation instance at D, in scope, with the view applied."""
    loaded = load(root, display_path)
    day = as_of or today(now, loaded)
    result = CheckResult(loaded, day)
    result.problems = stopping_errors(loaded, allow_errors)
    if result.problems or loaded.ledger is None:
        return result
    findings, result.problems = evaluate_at(loaded, day)
    if result.problems:
        return result
    result.in_scope = [f for f in findings if scope.matches(f, loaded.ledger)]
    result.shown = [f for f in result.in_scope if view.shows(f, day)]
    result.provenance = loaded.provenance()
    return result


def allowed_errors_notice(loaded: Loaded) -> Msg | None:
    """The loud notice every output carries when data errors were let through."""
    if not loaded.errors:
        return None
    n, left = len(loaded.errors), loaded.left_out
    return Msg(
        f"注意:数据有 {n} 个错误,{left} 条记录未计入,结果不完整",
        f"WARNING: the data has {n} errors and {left} records were left out; the result is incomplete",
    )


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


# Editing helpers: hxay schema, new, init, calendar.


def schema() -> dict[str, object]:
    """`hxay schema`: the JSON Schema of campaign.yaml and of the record files."""
    from hxay.models.schema import build_schema

    return build_schema()


def _campaign_settings(root: Path) -> tuple[str, Lang]:
    """The campaign's timezone and language, read from campaign.yaml alone (defaults if bad)."""
    from hxay.loading.campaign import parse_campaign

    try:
        campaign, _ = parse_campaign("campaign.yaml", (root / "campaign.yaml").read_bytes())
    except OSError:
        campaign = None
    if campaign is None:
        return "Asia/Shanghai", "zh"
    return campaign.timezone, campaign.language


def _day_in(zone: str, now: dt.datetime) -> dt.date:
    try:
        return now.astimezone(ZoneInfo(zone)).date()
    except (KeyError, ValueError):
        return now.astimezone(ZoneInfo("Asia/Shanghai")).date()


@dataclass
class NewResult:
    """What `hxay new` made: the record, what is still to fill in, and what `--to` did.

    `problems`: given values that cannot be read (a bad date, an unknown code): exit 2.
    """

    kind: str
    text: str
    record_id: str
    missing: tuple[str, ...]
    lang: Lang
    problems: list[Diagnostic] = field(default_factory=list)
    added: Added | None = None


def new_record(
    root: Path,
    *,
    kind: str,
    assignments: list[str],
    day: dt.date | None,
    now: dt.datetime,
    to: Path | None = None,
    lang: Lang | None = None,
) -> NewResult:
    """`hxay new`: a record skeleton; with `to`, appended when the folder still loads with it.

    Raises `scaffold.UsageProblem` (exit 2) for an unknown kind or field, and for `to`
    with required fields not given; `scaffold.Refused` when the file cannot take it.
    """
    from hxay.loading import scaffold

    code = scaffold.resolve_kind(kind)
    given = scaffold.parse_assignments(code, assignments)
    zone, campaign_lang = _campaign_settings(root)
    language: Lang = lang or campaign_lang
    record = scaffold.skeleton(
        code, given, day or _day_in(zone, now), scaffold.scan(root), language
    )
    result = NewResult(
        code, record.as_item(), record.record_id, record.missing, language,
        scaffold.check_given(code, given),
    )  # fmt: skip
    if to is None or result.problems:
        return result
    if record.missing:
        names = ", ".join(record.missing)
        raise scaffold.UsageProblem(
            Msg(
                f"--to 需要给出全部必填字段,还缺:{names}(写作 字段=值)",
                f"--to needs every required field; missing: {names} (give them as field=value)",
            )
        )
    result.added = scaffold.add_to_file(root, to, record)
    return result


def init_folder(target: Path) -> list[str]:
    """`hxay init`: a new data folder for the Pinghu plan; raises `FolderNotEmpty`."""
    from hxay.loading.init_folder import create

    return create(target)


@dataclass
class CalendarResult:
    """`hxay calendar`: the open instances due within `days` of D, or what stopped it."""

    check: CheckResult
    days: int
    events: list[Finding] = field(default_factory=list)


def calendar(
    root: Path,
    *,
    display_path: str | None,
    as_of: dt.date | None,
    now: dt.datetime,
    units: Collection[str] = (),
    days: int = 60,
    allow_errors: bool = False,
) -> CalendarResult:
    """Instances not yet met (due or overdue) whose due date is within `days` of D, either
    side: what falls due soon, and what was missed lately."""
    result = check(
        root,
        display_path=display_path,
        as_of=as_of,
        now=now,
        scope=Scope(units=units),
        view=View(show_all=True),
        allow_errors=allow_errors,
    )
    window = dt.timedelta(days=days)
    events = [
        f
        for f in result.in_scope
        if f.status in ("due", "overdue") and abs(f.due - result.as_of) <= window
    ]
    return CalendarResult(result, days, events)
