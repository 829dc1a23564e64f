"""Stage 1, rules: the obligation catalogue and the engine that runs it at D.

Every obligation is one `Obligation` value defined beside its evaluator in its family's
module; this module only lists the families. campaign.yaml's parsing, `hxay init`, the
schema and the docs read the same tuple.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from types import MappingProxyType

from hxay.models.findings import Finding
from hxay.models.ledger import Ledger
from hxay.models.text import Msg
from hxay.rules import hazards, reporting, schools, units, vehicles
from hxay.rules.base import Ctx, Rule
from hxay.rules.calendar import RuleConfigError

OBLIGATIONS: tuple[Rule, ...] = (
    *schools.OBLIGATIONS,
    *hazards.OBLIGATIONS,
    *vehicles.OBLIGATIONS,
    *units.OBLIGATIONS,
    *reporting.OBLIGATIONS,
)
BY_ID: Mapping[str, Rule] = MappingProxyType({ob.id: ob for ob in OBLIGATIONS})
assert len(BY_ID) == len(OBLIGATIONS), "obligation ids are unique"


def evaluate(ledger: Ledger, as_of: dt.date) -> tuple[list[Finding], list[tuple[str, Msg]]]:
    """Every enabled obligation's instances that have begun at D, sorted; and config problems."""
    findings: list[Finding] = []
    problems: list[tuple[str, Msg]] = []
    ctx = Ctx(ledger, as_of)
    for ob in OBLIGATIONS:
        if not ob.settings(ledger.campaign).enabled:
            continue
        try:
            findings += ob.run(ctx)
        except RuleConfigError as exc:
            problems.append((ob.id, exc.msg))
    findings.sort(key=Finding.sort_key)
    return findings, problems
