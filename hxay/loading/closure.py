"""Stage 2, loading: the references a record makes (per the reference table of
docs/data-format.md), what leaving a record out takes with it, and the defaults taken
from other records. Used by the cross-record checks (loading/crosscheck.py).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from typing import Any, NamedTuple

from hxay.models import records as r
from hxay.models.instances import updated


class Ref(NamedTuple):
    """One reference written in a record: where, to what id, and what it must name."""

    loc: tuple[str | int, ...]
    target: str
    kinds: tuple[str, ...]
    unit_types: tuple[str, ...] = ()


_STATION = ("police_station",)
# field -> (kinds it must name, unit types it must have, whether it is a list of ids)
REFERENCES: dict[str, tuple[tuple[str, ...], tuple[str, ...], bool]] = {
    "school": (("school",), (), False),
    "vehicle": (("vehicle",), (), False),
    "unit": (("unit",), (), False),
    "lead": (("unit",), (), False),
    "parent": (("unit",), (), False),
    "station": (("unit",), _STATION, False),
    "source": (("inspection", "vehicle_check"), (), False),
    "schools": (("school",), (), True),
    "stations": (("unit",), _STATION, True),
    "to": (("unit",), (), True),
}
_REF_FIELDS = {
    cls: tuple(name for name in REFERENCES if name in cls.model_fields) for cls in r.KINDS.values()
}


def refs_of(rec: r.Record) -> Iterator[Ref]:
    """Every reference of a record, per the reference table of docs/data-format.md."""
    values = rec.__dict__  # pydantic keeps field values here; plain lookups stay fast
    for name in _REF_FIELDS[type(rec)]:
        value = values[name]
        if not value:
            continue
        kinds, types, many = REFERENCES[name]
        if many:
            for i, item in enumerate(value):
                yield Ref((name, i), item, kinds, types)
        else:  # an inline hazard's `source` too: it may be written, not only defaulted
            yield Ref((name,), value, kinds, types)
    supervisor = values.get("supervisor")
    if supervisor is not None:
        yield Ref(("supervisor", "unit"), supervisor.unit, ("unit",))


def leave_out_transitively(
    records: list[r.Record],
    removed: set[int],
    dead: set[str],
    refs: Callable[[r.Record], list[Ref]],
) -> None:
    """A record referencing a left-out record (or written under one) is left out too: the
    closure, walked from what is gone through who references it."""
    by_target: dict[str, list[r.Record]] = defaultdict(list)
    children: dict[int, list[r.Record]] = defaultdict(list)
    for rec in records:
        for ref in refs(rec):
            by_target[ref.target].append(rec)
        parent = rec.parent if isinstance(rec, r.Hazard) else None
        if parent is not None:
            children[id(parent)].append(rec)
    gone = set(dead)
    pending = [x for x in records if id(x) in removed]

    def leave_out(rec: r.Record) -> None:
        if id(rec) not in removed:
            removed.add(id(rec))
            pending.append(rec)

    for ident in dead:
        for rec in by_target.get(ident, ()):
            leave_out(rec)
    while pending:
        rec = pending.pop()
        if rec.id is not None and rec.id not in gone:
            gone.add(rec.id)
            for other in by_target.get(rec.id, ()):
                leave_out(other)
        for child in children.get(id(rec), ()):
            leave_out(child)


def fill_defaults(
    kept: list[r.Record],
    index: dict[str, r.Record],
    filled: dict[int, tuple[r.Record, dict[str, Any]]],
) -> list[r.Record]:
    """Defaults taken from kept records: a hazard on a vehicle takes the vehicle's school; a
    submission goes to the security_brigade unit, else the city_psb unit (when there is
    exactly one); a legal visit is by the school's legal vice-principal. Each copy made is
    noted in `filled` with what changed (the whole-load cache keeps only that)."""
    units = [x for x in kept if isinstance(x, r.Unit)]
    recipient = None
    for unit_type in ("security_brigade", "city_psb"):
        found = [u.id for u in units if u.type == unit_type]
        if found:
            recipient = found[0] if len(found) == 1 else None
            break
    schools = {x.id: x for x in kept if isinstance(x, r.School)}
    out: list[r.Record] = []
    for rec in kept:
        changes: dict[str, Any] | None = None
        if isinstance(rec, r.Hazard) and rec.vehicle is not None and rec.school is None:
            vehicle = index.get(rec.vehicle)
            if isinstance(vehicle, r.Vehicle):
                changes = {"school": vehicle.school}
        elif isinstance(rec, r.Submission) and not rec.to and recipient is not None:
            changes = {"to": (recipient,)}
        elif isinstance(rec, r.LegalVisit) and rec.person is None:
            lvp = schools[rec.school].legal_vice_principal
            if lvp is not None:
                changes = {"person": lvp.name}
        if changes is not None:
            copy = updated(rec, **changes)
            filled[id(copy)] = (rec, changes)
            rec = copy
        out.append(rec)
    return out
