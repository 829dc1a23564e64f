"""Stage 1, rules: what every rule shares: the obligation definition, the evaluation context,
status at D, messages, refs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Generic, Protocol, TypeVar

from hxay.models import records as r
from hxay.models.campaign import Campaign, DatedParams, Params, SchoolParams, UnitParam
from hxay.models.codes import UnitType
from hxay.models.findings import Finding, Status
from hxay.models.ledger import Ledger
from hxay.models.plan import Source
from hxay.models.text import Msg
from hxay.rules import calendar as cal
from hxay.rules.calendar import RuleConfigError

P = TypeVar("P", bound=Params)

UNIT_TYPE_NAMES: Mapping[str, Msg] = MappingProxyType(
    {
        "traffic_brigade": Msg("交警大队", "traffic brigade"),
        "security_brigade": Msg("治安大队", "security brigade"),
        "education_bureau": Msg("教育局", "education bureau"),
    }
)


@dataclass(frozen=True, slots=True)
class Terms:
    """The catalogue row of an obligation in words (docs/obligations.md is written from it):
    who is responsible, what an instance is about, its period, when it begins, when it is
    due, and what satisfies it."""

    unit: str
    subject: str
    period: str
    begins: str
    due: str
    satisfied: str


class Rule(Protocol):
    """What the registry, `hxay init`, the schema and the docs read of an obligation, whatever
    its parameter model (every `Obligation[P]` is one)."""

    @property
    def id(self) -> str: ...
    @property
    def params(self) -> type[Params]: ...
    @property
    def duty(self) -> Msg: ...
    @property
    def source(self) -> Source: ...
    @property
    def terms(self) -> Terms: ...
    @property
    def notes(self) -> Mapping[str, str]: ...
    @property
    def confirm(self) -> frozenset[str]: ...
    @property
    def example(self) -> Mapping[str, object]: ...
    @property
    def unset(self) -> Mapping[str, str]: ...
    @property
    def owner(self) -> UnitType | None: ...
    def settings(self, campaign: Campaign) -> Params: ...
    def run(self, ctx: Ctx) -> list[Finding]: ...


@dataclass(frozen=True, slots=True)
class Obligation(Generic[P]):
    """One obligation of the plan, defined once beside its evaluator.

    `params` is the model of its parameters in campaign.yaml (typed: the evaluator takes
    exactly that model); `duty` the plan's words as tables show them; `source` the plan's
    section and sentence; `notes` where a parameter's default comes from (else the generic
    note of models/plan.py); `confirm` the parameters the plan leaves to local practice,
    which `hxay init` marks "confirm locally"; `example` the Pinghu values `hxay init`
    writes where a parameter has no default; `unset` what leaving a parameter out means,
    where that is particular to this obligation; `owner` the unit type responsible when
    the rule is owned by one unit (its `unit` parameter names another).
    """

    id: str
    params: type[P]
    evaluate: Callable[[Ctx, P], list[Finding]]
    duty: Msg
    source: Source
    terms: Terms
    notes: Mapping[str, str] = field(default_factory=dict)
    confirm: frozenset[str] = frozenset()
    example: Mapping[str, object] = field(default_factory=dict)
    unset: Mapping[str, str] = field(default_factory=dict)
    owner: UnitType | None = None

    def settings(self, campaign: Campaign) -> P:
        """The obligation's parameters in this campaign (its defaults when not written)."""
        value = campaign.obligations.get(self.id)
        if value is None:
            return self.params()
        assert isinstance(value, self.params), (self.id, type(value))
        return value

    def run(self, ctx: Ctx) -> list[Finding]:
        """The instances that have begun at D; RuleConfigError when the campaign's
        configuration makes the rule impossible to evaluate."""
        return self.evaluate(replace(ctx, obligation=self), self.settings(ctx.campaign))


@dataclass(frozen=True)
class Ctx:
    """One evaluation: the ledger as of D, and the obligation being evaluated."""

    ledger: Ledger
    as_of: dt.date
    obligation: Rule | None = None

    @property
    def campaign(self) -> Campaign:
        return self.ledger.campaign

    @property
    def current(self) -> Rule:
        assert self.obligation is not None, "a rule runs through Obligation.run"
        return self.obligation

    def settings(self, obligation: Obligation[P]) -> P:
        """Another obligation's parameters (driver_check follows vehicle_check's periods)."""
        return obligation.settings(self.campaign)

    def exists(self, rec: r.Record) -> bool:
        """A record exists at D iff its record date <= D (units, schools, vehicles always)."""
        day = rec.record_date
        return day is None or day <= self.as_of

    def seen(self, day: dt.date | None) -> dt.date | None:
        """An event date (rectified, solved, ...) as known at D: absent when later than D."""
        return day if day is not None and day <= self.as_of else None

    def shift(self, due: dt.date) -> dt.date:
        return cal.shift(due, self.campaign)

    def station_of(self, school_id: str | None) -> str | None:
        school = self.ledger.schools.get(school_id) if school_id else None
        return school.station if school else None

    def schools(self, params: SchoolParams, day: dt.date) -> list[r.School]:
        """Open schools on `day` of the rule's `school_types` (all when not set), in definition order."""
        types = params.school_types
        return [
            s
            for s in self.ledger.schools.values()
            if s.is_open(day) and (types is None or s.type in types)
        ]

    def reference_day(self, period: cal.Period | None) -> dt.date:
        return min(period.end, self.as_of) if period is not None else self.as_of

    def from_date(self, params: DatedParams) -> dt.date:
        value = params.from_
        return value if value is not None else self.campaign.issued_date

    def dated(self, periods: Iterable[cal.Period], params: DatedParams) -> list[cal.Period]:
        """The periods that have begun at D and end on or after the rule's `from`."""
        from_ = self.from_date(params)
        return [x for x in periods if x.start <= self.as_of and x.end >= from_]

    def owner(self, params: UnitParam) -> str:
        """The unit a campaign-wide rule belongs to: `unit`, else the only unit of the
        obligation's owner type."""
        ob = self.current
        assert ob.owner is not None, ob.id
        return owner_of(self.ledger, params, ob.owner, ob.id)

    def finding(
        self,
        *,
        unit: str | None,
        subject: str,
        period: str | None,
        due: dt.date,
        evidence: dt.date | None,
        missing: Msg,
        refs: Iterable[r.Record | str],
        done: Msg | None = None,
        late: Msg | None = None,
    ) -> Finding:
        """A finding with its status at D and a message that says what is missing or how
        late; `done` replaces the message of a met instance, `late` leads that of a late one."""
        ob = self.current
        status = status_of(evidence, due, self.as_of)
        return Finding(  # positional: a finding is made for every instance of every rule
            ob.id,
            status,
            unit,
            subject,
            period,
            due,
            evidence,
            message(status, missing, due, evidence, self.as_of, done, late),
            refs_of(refs),
            ob.duty,
            missing if status in ("due", "overdue") else None,
        )


def owner_of(ledger: Ledger, params: UnitParam, unit_type: UnitType, obligation: str) -> str:
    """`unit` if set (it must be a defined unit), else the only unit of `unit_type` (a
    security brigade falls back to the only city PSB); RuleConfigError otherwise."""
    configured = params.unit
    if configured is not None:
        if configured not in ledger.units:
            raise RuleConfigError(
                Msg(
                    f"{obligation}: unit '{configured}' 不是已定义的单位",
                    f"{obligation}: unit '{configured}' is not a defined unit",
                )
            )
        return configured
    candidates = ledger.units_of_type(unit_type)
    if not candidates and unit_type == "security_brigade":
        candidates = ledger.units_of_type("city_psb")
    if len(candidates) == 1:
        return candidates[0].id
    name = UNIT_TYPE_NAMES.get(unit_type, Msg(unit_type, unit_type))
    return _raise_owner(obligation, name, len(candidates) > 1)


def _raise_owner(obligation: str, name: Msg, many: bool) -> str:
    if many:
        msg = Msg(
            f"{obligation}: 有多个{name.zh},请在 campaign.yaml 中用 unit 指定负责单位",
            f"{obligation}: there is more than one {name.en}; set `unit` for it in campaign.yaml",
        )
    else:
        msg = Msg(
            f"{obligation}: 没有定义{name.zh}单位,请添加该单位或在 campaign.yaml 中用 unit 指定",
            f"{obligation}: no {name.en} unit is defined; add one or set `unit` in campaign.yaml",
        )
    raise RuleConfigError(msg)


def status_of(evidence: dt.date | None, due: dt.date, as_of: dt.date) -> Status:
    if evidence is not None:
        return "met" if evidence <= due else "late"
    return "overdue" if as_of > due else "due"


def message(
    status: Status,
    missing: Msg,
    due: dt.date,
    evidence: dt.date | None,
    as_of: dt.date,
    done: Msg | None = None,
    late: Msg | None = None,
) -> Msg:
    if status == "met":
        if done is not None:
            return done
        if evidence is None:
            return Msg("已落实", "in place")
        return Msg(f"已于 {evidence} 完成", f"done on {evidence}")
    if status == "late":
        days = (evidence - due).days if evidence else 0
        return (late or Msg("", "")) + Msg(
            f"{evidence} 完成,超过期限 {due} {days} 天",
            f"done on {evidence}, {days} days after the due date {due}",
        )
    if status == "overdue":
        days = (as_of - due).days
        return missing + Msg(f",已逾期 {days} 天(期限 {due})", f"; {days} days overdue (due {due})")
    days = (due - as_of).days
    return missing + Msg(f",期限 {due}(剩 {days} 天)", f"; due {due} ({days} days left)")


def refs_of(items: Iterable[r.Record | str]) -> tuple[str, ...]:
    """The subject's record first, then evidence records in (date, path, line) order."""
    listed = items if isinstance(items, list) else list(items)
    if not listed:
        return ()
    head = listed[0]
    first = head.where if isinstance(head, r.Record) else head
    if len(listed) == 1:  # most instances: the subject alone
        return (first,)
    rest = listed[1:]
    evidence = [x for x in rest if isinstance(x, r.Record)]
    if len(evidence) > 1:
        evidence.sort(key=r.date_order)
    return (first, *(x.where for x in evidence), *(x for x in rest if isinstance(x, str)))


def count_evidence(
    records: Sequence[r.Record], n: int, begins: dt.date
) -> tuple[dt.date | None, list[r.Record]]:
    """Count rules: e is the date of the n-th qualifying record in date order (records given
    in date order); the first n records are the refs. `min: 0` is met from the start."""
    if n <= 0:
        return begins, []
    if len(records) < n:
        return None, list(records)
    return records[n - 1].record_date, list(records[:n])


def static_finding(
    ctx: Ctx,
    *,
    present: bool,
    unit: str | None,
    subject: str,
    period: str | None,
    due: dt.date,
    missing: Msg,
    refs: Iterable[r.Record | str],
) -> Finding:
    """Static rules (fields that carry no date): present is `met` with e null, never `late`;
    absent is `due` or `overdue` by D like any unmet instance."""
    if not present:
        return ctx.finding(
            unit=unit,
            subject=subject,
            period=period,
            due=due,
            evidence=None,
            missing=missing,
            refs=refs,
        )
    return Finding(
        obligation=ctx.current.id,
        status="met",
        unit=unit,
        subject=subject,
        period=period,
        due=due,
        evidence=None,
        msg=message("met", missing, due, None, ctx.as_of),
        refs=refs_of(refs),
        duty=ctx.current.duty,
    )
