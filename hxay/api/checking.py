"""Stage 7, api: `hxay validate`, `hxay check` and `hxay calendar`: load, evaluate at D,
select what is in scope and in view. No printing, no clock (the caller passes `now`)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from hxay.api.common import (
    allowed_errors_notice,
    campaign_problems,
    evaluate_at,
    stopping_errors,
    today,
)
from hxay.loading.load import Loaded, load
from hxay.models.diagnostics import Diagnostic
from hxay.models.errors import HxayError
from hxay.models.findings import STATUSES, Finding, Status
from hxay.models.ledger import Ledger, Provenance
from hxay.models.text import Lang, Msg
from hxay.reports.check import CheckReport
from hxay.reports.scope import school_id, unit_id


def validate(root: Path, display_path: str | None = None) -> Loaded:
    """Load the data folder and return every diagnostic (`hxay validate`), including what
    would stop `check` and `report` in campaign.yaml: an owner unit missing or ambiguous, a
    unit parameter naming no unit, a holiday year the due shift needs but the calendar lacks
    (found by evaluating every obligation at the campaign's end, when every instance exists)."""
    loaded = load(root, display_path)
    problems = campaign_problems(loaded)
    if problems:
        loaded.diagnostics = sorted(loaded.diagnostics + problems, key=Diagnostic.sort_key)
    return loaded


@dataclass
class Scope:
    """Which findings a check is about (`--unit`, `--school`, `--obligation`); empty = all."""

    units: Collection[str] = ()
    schools: Collection[str] = ()
    obligations: Collection[str] = ()

    @staticmethod
    def obligations_of(ids: list[str]) -> list[str]:
        """`--obligation` ids, each known; else a usage error listing them."""
        from hxay.rules.registry import BY_ID

        unknown = [o for o in ids if o not in BY_ID]
        if unknown:
            known = ", ".join(BY_ID)
            raise HxayError(
                Msg(
                    f"--obligation:没有义务 {', '.join(unknown)};可选:{known}",
                    f"--obligation: no obligation {', '.join(unknown)}; choose from: {known}",
                )
            )
        return ids

    def resolved(self, ledger: Ledger) -> Scope:
        """The same scope with units and schools by id (`--unit 当湖派出所` is `ps-danghu`);
        a unit or school the ledger does not know is a usage error naming the nearest."""
        return Scope(
            [unit_id(ledger, u) for u in self.units],
            [school_id(ledger, s) for s in self.schools],
            self.obligations,
        )

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

    @staticmethod
    def statuses_of(words: list[str]) -> list[Status] | None:
        """`--status` words, each a status code; None when none given (the default view)."""
        chosen = [s for s in STATUSES if s in words]
        bad = [w for w in words if w not in STATUSES]
        if bad:
            raise HxayError(
                Msg(
                    f"--status:{', '.join(bad)} 不是状态;可选:overdue, due, late, met",
                    f"--status: {', '.join(bad)} is not a status; choose from: overdue, due, late, met",
                )
            )
        return [s for s in words if s in chosen] or None

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
    def summary(self) -> dict[Status, int]:
        counts = Counter(f.status for f in self.in_scope)
        return {s: counts.get(s, 0) for s in STATUSES}

    @property
    def overdue(self) -> bool:
        return any(f.status == "overdue" for f in self.in_scope)

    @property
    def notice(self) -> Msg | None:
        """The loud notice when data errors were let through."""
        return allowed_errors_notice(self.loaded)

    @property
    def lang(self) -> Lang:
        campaign = self.loaded.campaign
        return campaign.language if campaign is not None else "zh"

    def report(self, lang: Lang | None = None) -> CheckReport:
        """What the renderers draw (only when the check ran: no stopping problems)."""
        loaded = self.loaded
        assert loaded.ledger is not None and self.provenance is not None
        return CheckReport(
            campaign=loaded.ledger.campaign.id,
            as_of=self.as_of,
            findings=self.shown,
            summary=self.summary,
            provenance=self.provenance,
            ledger=loaded.ledger,
            lang=lang or self.lang,
            notice=self.notice,
        )


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
    scope = scope.resolved(loaded.ledger)
    findings, result.problems = evaluate_at(loaded, day)
    if result.problems:
        return result
    result.in_scope = [f for f in findings if scope.matches(f, loaded.ledger)]
    result.shown = [f for f in result.in_scope if view.shows(f, day)]
    result.provenance = loaded.provenance()
    return result


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
