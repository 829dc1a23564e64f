"""One wiring function per use case: load, then rules or reports. No printing, no clock."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from hxay.loading.campaign import obligation_position
from hxay.loading.load import Loaded, load
from hxay.models.diagnostics import Diagnostic
from hxay.models.findings import STATUSES, Finding, Status
from hxay.models.ledger import Ledger, Provenance
from hxay.models.text import Msg


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
    from hxay.rules.registry import evaluate

    loaded = load(root, display_path)
    day = as_of or today(now, loaded)
    result = CheckResult(loaded, day)
    stop = [d for d in loaded.errors if allow_errors is False or d in loaded.campaign_errors]
    if stop or loaded.ledger is None:
        result.problems = stop or loaded.campaign_errors
        return result
    findings, problems = evaluate(loaded.ledger, day)
    if problems:
        result.problems = [
            Diagnostic("campaign.yaml", *obligation_position(root, name), "E-campaign", msg)
            for name, msg in problems
        ]
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


from hxay.models.text import Lang  # noqa: E402
from hxay.reports.table import Table  # noqa: E402


@dataclass
class ReportResult:
    """What `hxay report` produced: the table, or the errors that stop it (exit 3)."""

    loaded: Loaded
    table: Table | None = None
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
) -> ReportResult:
    """`hxay report`: load, stop on errors (campaign errors always), then build the form.

    What the command line got wrong raises `reports.period.UsageError` (exit 2): a form
    not yet available, a missing or bad month, a month outside the campaign, an as-of
    date before the period, a unit that is not a police station.
    """
    from hxay.reports.period import UsageError, month_window, parse_month
    from hxay.reports.stats import build_stats

    if form != "stats":
        raise UsageError(
            Msg(f"报表 {form} 暂不可用;目前只有 stats", f"the {form} report is not yet available")
        )
    if month is None:
        raise UsageError(
            Msg("统计报表需要 --month YYYY-MM", "the stats form needs --month YYYY-MM")
        )
    parse_month(month)
    loaded = load(root, display_path)
    result = ReportResult(loaded)
    stop = [d for d in loaded.errors if not allow_errors or d in loaded.campaign_errors]
    if stop or loaded.ledger is None:
        result.problems = stop or loaded.campaign_errors
        return result
    ledger = loaded.ledger
    language: Lang = lang or ledger.campaign.language
    window = month_window(ledger.campaign, month, half, as_of)
    notice = allowed_errors_notice(loaded)
    result.table = build_stats(
        ledger,
        window,
        provenance=loaded.provenance(),
        lang=language,
        unit=unit,
        notes=(notice.render(language),) if notice is not None else (),
    )
    return result
