"""Stage 4, reports: what `hxay check` shows, as one report object the renderers draw.

The findings in view (sorted), the counts of every instance in scope by status, the data it
came from, and the ledger to name units and subjects by. No printing, no clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from hxay.models.findings import STATUSES, Finding, Status
from hxay.models.ledger import Ledger, Provenance
from hxay.models.text import Lang, Msg

FIELDS = ("obligation", "status", "unit", "subject", "period", "due", "evidence", "message", "refs")
"""The fields of a finding in the machine formats, in order (JSON keys, CSV columns)."""


def subject_name(ledger: Ledger, subject: str) -> str:
    """The subject's name beside its id when it has one (a school, unit or vehicle)."""
    head = subject.split(":", 1)[0]
    name = ledger.name_of(head)
    return subject if name == head else f"{name} {subject}"


def monday_order(f: Finding) -> tuple[int, dt.date, str, str]:
    """Monday-morning order: overdue first (oldest due first = most days overdue), then due
    soonest."""
    return (STATUSES.index(f.status), f.due, f.obligation, f.subject)


@dataclass(frozen=True)
class CheckReport:
    """`hxay check` as of `as_of`: `findings` are those in view, `summary` counts every
    instance in scope by status; `notice` says loudly when data errors were let through."""

    campaign: str
    as_of: dt.date
    findings: Sequence[Finding]
    summary: Mapping[Status, int]
    provenance: Provenance
    ledger: Ledger
    lang: Lang
    notice: Msg | None = None
    form: str = "check"

    def subject_name(self, subject: str) -> str:
        return subject_name(self.ledger, subject)

    def by_unit(self) -> list[tuple[str | None, list[Finding]]]:
        """The findings in view by responsible unit (by id, no unit last), each unit's in
        Monday-morning order: the blocks a station chief hands out."""
        grouped: dict[str | None, list[Finding]] = {}
        for f in self.findings:
            grouped.setdefault(f.unit, []).append(f)
        return [
            (unit, sorted(grouped[unit], key=monday_order))
            for unit in sorted(grouped, key=lambda u: (u is None, u or ""))
        ]
