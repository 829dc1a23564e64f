"""The ledger: the records that loaded cleanly, indexed for the rules and reports. No I/O."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from hxay.models import records as r
from hxay.models.campaign import Campaign
from hxay.models.text import Msg

R = TypeVar("R", bound=r.Record)


def by_date(records: Iterable[R]) -> tuple[R, ...]:
    """Records in (record date, path, line) order: the order evidence is counted in."""
    return tuple(sorted(records, key=r.date_order))


@dataclass(frozen=True)
class Provenance:
    """Which data a result came from (the `data` block of every JSON output)."""

    path: str
    commit: str | None
    dirty: bool | None
    records: int
    errors: int
    left_out: int
    hint: Msg | None = None  # why the commit could not be read, when git refused

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "commit": self.commit,
            "dirty": self.dirty,
            "records": self.records,
            "errors": self.errors,
            "left_out": self.left_out,
        }


@dataclass
class Ledger:
    """Checked records of one data folder, in definition order (path, line) or date order."""

    campaign: Campaign
    records: Sequence[r.Record]
    units: dict[str, r.Unit] = field(init=False)
    schools: dict[str, r.School] = field(init=False)
    vehicles: dict[str, r.Vehicle] = field(init=False)
    by_id: dict[str, r.Record] = field(init=False)
    _by_kind: dict[str, tuple[r.Record, ...]] = field(init=False)
    _indexes: dict[tuple[str, str], dict[str, tuple[r.Record, ...]]] = field(
        init=False, default_factory=dict
    )
    _dates: dict[tuple[str, str, str], list[dt.date]] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        ordered = sorted(self.records, key=r.file_order)
        self.records = tuple(ordered)
        self.units = {x.id: x for x in ordered if isinstance(x, r.Unit)}
        self.schools = {x.id: x for x in ordered if isinstance(x, r.School)}
        self.vehicles = {x.id: x for x in ordered if isinstance(x, r.Vehicle)}
        self.by_id = {x.id: x for x in ordered if x.id is not None}
        groups: dict[str, list[r.Record]] = defaultdict(list)
        for x in ordered:
            groups[x.KIND].append(x)
        self._by_kind = {k: by_date(v) for k, v in groups.items()}

    def of_kind(self, kind: type[R]) -> tuple[R, ...]:
        """All records of a kind, in date order."""
        # the groups are keyed by KIND, so the records under kind.KIND are of that kind
        return self._by_kind.get(kind.KIND, ())  # type: ignore[return-value]

    def index(self, kind: type[R], field_name: str) -> Mapping[str, tuple[R, ...]]:
        """Records of a kind grouped by the value of one field (each id of a list field),
        in date order; built once per ledger, so rules look up instead of scanning."""
        key = (kind.KIND, field_name)
        built = self._indexes.get(key)
        if built is None:
            groups: dict[str, list[r.Record]] = defaultdict(list)
            for x in self.of_kind(kind):
                value = x.__dict__.get(field_name)
                for v in value if isinstance(value, tuple) else (value,):
                    if isinstance(v, str):
                        groups[v].append(x)
            built = {k: tuple(v) for k, v in groups.items()}
            self._indexes[key] = built
        # built from self.of_kind(kind): every record is of that kind (see of_kind)
        return built  # type: ignore[return-value]

    def related(self, kind: type[R], field_name: str, value: str) -> tuple[R, ...]:
        """Records of `kind` whose `field_name` is (or lists) `value`, in date order."""
        return self.index(kind, field_name).get(value, ())

    def between(
        self, kind: type[R], field_name: str, value: str, start: dt.date, end: dt.date
    ) -> tuple[R, ...]:
        """`related` records dated from `start` to `end` (both included), in date order:
        found by bisection in the dates of the group, not by reading every record of it."""
        found = self.related(kind, field_name, value)
        if not found:
            return ()
        key = (kind.KIND, field_name, value)
        dates = self._dates.get(key)
        if dates is None:
            dates = self._dates[key] = [x.record_date or dt.date.min for x in found]
        return found[bisect_left(dates, start) : bisect_right(dates, end)]

    @property
    def stations(self) -> tuple[r.Unit, ...]:
        """Police stations in the order they are defined (path, then line)."""
        return self.units_of_type("police_station")

    def units_of_type(self, unit_type: str) -> tuple[r.Unit, ...]:
        return tuple(u for u in self.units.values() if u.type == unit_type)

    def hazard_source(self, hazard: r.Hazard) -> r.Record | None:
        """The inspection or vehicle check that found the hazard, if known."""
        if hazard.parent is not None:
            return hazard.parent
        return self.by_id.get(hazard.source) if hazard.source else None

    def school_of(self, record: r.Record) -> r.School | None:
        """The school a record is about: its `school`, else its vehicle's school."""
        sid = getattr(record, "school", None)
        if sid is None:
            vid = getattr(record, "vehicle", None)
            vehicle = self.vehicles.get(vid) if vid else None
            sid = vehicle.school if vehicle else None
        return self.schools.get(sid) if sid else None

    def name_of(self, ident: str | None) -> str:
        """A display name for a unit, school or vehicle id (the id itself otherwise)."""
        if ident is None:
            return ""
        rec = self.by_id.get(ident)
        if isinstance(rec, (r.Unit, r.School)):
            return rec.name
        if isinstance(rec, r.Vehicle):
            return rec.plate
        if isinstance(rec, r.Hazard):
            school = self.schools.get(rec.school) if rec.school else None
            return school.name if school else ident
        return ident
