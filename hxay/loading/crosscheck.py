"""Cross-record checks: unique ids, references, defaults from other records, and warnings.

A record with an error is left out, and so, transitively, is every record referencing it.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from hxay.loading.errors import did_you_mean
from hxay.models import records as r
from hxay.models.campaign import Campaign
from hxay.models.diagnostics import Code, Diagnostic
from hxay.models.text import Msg

UNIT_TYPE_LABELS = r.UNIT_TYPES
Emit = Callable[[r.Record, tuple[str | int, ...], Code, Msg], None]


@dataclass(frozen=True)
class Ref:
    """One reference written in a record: where, to what id, and what it must name."""

    loc: tuple[str | int, ...]
    target: str
    kinds: tuple[str, ...]
    unit_types: tuple[str, ...] = ()


_STATION = ("police_station",)
# field -> (kinds it must name, unit types it must have, whether it is a list of ids)
_REF_TABLE: dict[str, tuple[tuple[str, ...], tuple[str, ...], bool]] = {
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
    cls: tuple(name for name in _REF_TABLE if name in cls.model_fields) for cls in r.KINDS.values()
}


def refs_of(rec: r.Record) -> Iterator[Ref]:
    """Every reference of a record, per the reference table of data-format.md."""
    values = rec.__dict__  # pydantic keeps field values here; plain lookups stay fast
    for name in _REF_FIELDS[type(rec)]:
        value = values[name]
        if not value:
            continue
        kinds, types, many = _REF_TABLE[name]
        if many:
            for i, item in enumerate(value):
                yield Ref((name, i), item, kinds, types)
        else:  # an inline hazard's `source` too: it may be written, not only defaulted
            yield Ref((name,), value, kinds, types)
    supervisor = values.get("supervisor")
    if supervisor is not None:
        yield Ref(("supervisor", "unit"), supervisor.unit, ("unit",))


def _describe(kinds: tuple[str, ...], types: tuple[str, ...]) -> Msg:
    if types:
        return Msg("、".join(UNIT_TYPE_LABELS[t] for t in types), " or ".join(types))
    return Msg("或".join(r.KIND_LABELS[k] for k in kinds), " or ".join(kinds))


@dataclass
class CrossChecked:
    kept: list[r.Record]
    diagnostics: list[Diagnostic]
    left_out: int


def crosscheck(
    records: list[r.Record],
    broken_ids: set[str],
    campaign: Campaign | None,
    root: Path | None,
) -> CrossChecked:
    """Check records against each other; return the records to keep and what was found."""
    diags: list[Diagnostic] = []
    removed: set[int] = set()

    def error(rec: r.Record, loc: tuple[str | int, ...], code: Code, msg: Msg) -> None:
        line, col = rec.pos(*loc) if loc else (rec.line, 1)
        diags.append(Diagnostic(rec.path, line, col, code, msg))
        removed.add(id(rec))

    def warn(rec: r.Record, loc: tuple[str | int, ...], code: Code, msg: Msg) -> None:
        line, col = rec.pos(*loc) if loc else (rec.line, 1)
        diags.append(Diagnostic(rec.path, line, col, code, msg))

    by_id: dict[str, list[r.Record]] = defaultdict(list)
    for rec in records:
        if rec.id is not None:
            by_id[rec.id].append(rec)
    dead_ids: set[str] = set()
    for ident, holders in by_id.items():
        if len(holders) < 2:
            continue
        places = [h.where for h in holders]
        for h in holders:
            others = ", ".join(p for p in places if p != h.where)
            error(
                h,
                ("id",),
                "E-duplicate-id",
                Msg(
                    f"编号 '{ident}' 重复,另见 {others};编号在整个数据文件夹中必须唯一",
                    f"the id '{ident}' is used more than once, also at {others}; "
                    "ids must be unique across the data folder",
                ),
            )
        dead_ids.add(ident)
    index = {ident: holders[0] for ident, holders in by_id.items() if len(holders) == 1}
    dead_ids |= broken_ids - index.keys()

    for rec in records:
        for ref in refs_of(rec):
            target = index.get(ref.target)
            if target is None:
                if ref.target in dead_ids:
                    removed.add(id(rec))  # left out with the record it references
                    continue
                candidates = [i for i, t in index.items() if t.KIND in ref.kinds]
                hint = did_you_mean(ref.target, candidates)
                what = _describe(ref.kinds, ref.unit_types)
                error(
                    rec,
                    ref.loc,
                    "E-ref-missing",
                    Msg(
                        f"'{ref.target}' 不存在(应为{what.zh}的编号){hint.zh}",
                        f"'{ref.target}' does not exist (expected the id of a {what.en}){hint.en}",
                    ),
                )
                continue
            unit_type = getattr(target, "type", None) if isinstance(target, r.Unit) else None
            if target.KIND not in ref.kinds or (ref.unit_types and unit_type not in ref.unit_types):
                what = _describe(ref.kinds, ref.unit_types)
                actual = Msg(
                    UNIT_TYPE_LABELS.get(str(unit_type), "")
                    if unit_type
                    else r.KIND_LABELS[target.KIND],
                    str(unit_type) if unit_type else target.KIND,
                )
                error(
                    rec,
                    ref.loc,
                    "E-ref-type",
                    Msg(
                        f"'{ref.target}' 是{actual.zh}({target.where}),这里应为{what.zh}",
                        f"'{ref.target}' is a {actual.en} ({target.where}); expected a {what.en}",
                    ),
                )

    kept_records = _fill_vehicle_defaults(records, index, removed, error)
    for rec in kept_records:
        if isinstance(rec, r.VehicleCheck):
            vehicle = index.get(rec.vehicle)
            if isinstance(vehicle, r.Vehicle):
                known = {d.name for d in vehicle.drivers} | set(vehicle.former_drivers)
                for i, name in enumerate(rec.drivers):
                    if name not in known:
                        error(
                            rec,
                            ("drivers", i),
                            "E-bad-driver",
                            Msg(
                                f"'{name}' 不是车辆 {vehicle.id} 的驾驶人(drivers 或 former_drivers)",
                                f"'{name}' is not a driver of vehicle {vehicle.id} "
                                "(its drivers or former_drivers)",
                            ),
                        )
        if isinstance(rec, r.Submission) and rec.file is not None and root is not None:
            _check_file(rec, root, error)

    # Transitive leave-out: a record referencing a left-out record is left out too.
    targets = {id(x): [ref.target for ref in refs_of(x)] for x in kept_records}
    changed = True
    while changed:
        changed = False
        dead = dead_ids | {x.id for x in kept_records if id(x) in removed and x.id is not None}
        for rec in kept_records:
            if id(rec) in removed:
                continue
            parent = rec.parent if isinstance(rec, r.Hazard) else None
            if (parent is not None and id(parent) in removed) or any(
                target in dead for target in targets[id(rec)]
            ):
                removed.add(id(rec))
                changed = True

    kept = _fill_defaults([x for x in kept_records if id(x) not in removed])
    _warnings(kept, campaign, warn)
    return CrossChecked(kept, diags, len(records) - len(kept))


def _fill_defaults(kept: list[r.Record]) -> list[r.Record]:
    """Defaults taken from kept records: a submission goes to the security_brigade unit, else
    the city_psb unit (when there is exactly one); a legal visit is by the school's legal
    vice-principal."""
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
        if isinstance(rec, r.Submission) and not rec.to and recipient is not None:
            rec = rec.model_copy(update={"to": (recipient,)})
        elif isinstance(rec, r.LegalVisit) and rec.person is None:
            lvp = schools[rec.school].legal_vice_principal
            if lvp is not None:
                rec = rec.model_copy(update={"person": lvp.name})
        out.append(rec)
    return out


def _fill_vehicle_defaults(
    records: list[r.Record], index: dict[str, r.Record], removed: set[int], error: Emit
) -> list[r.Record]:
    """A hazard on a vehicle takes the vehicle's school (a different school is an error)."""
    out: list[r.Record] = []
    for rec in records:
        if isinstance(rec, r.Hazard) and rec.vehicle is not None:
            vehicle = index.get(rec.vehicle)
            if isinstance(vehicle, r.Vehicle):
                if rec.school is None:
                    copy = rec.model_copy(update={"school": vehicle.school})
                    if id(rec) in removed:
                        removed.add(id(copy))
                    rec = copy
                elif rec.school != vehicle.school:
                    error(
                        rec,
                        ("school",),
                        "E-school-mismatch",
                        Msg(
                            f"隐患的学校 {rec.school} 与车辆 {vehicle.id} 所属学校 {vehicle.school} 不一致",
                            f"the hazard's school {rec.school} differs from the school of vehicle "
                            f"{vehicle.id} ({vehicle.school})",
                        ),
                    )
        out.append(rec)
    return out


def _check_file(rec: r.Submission, root: Path, error: Emit) -> None:
    assert rec.file is not None
    base = root.resolve()
    target = (root / rec.file).resolve()
    if not target.is_relative_to(base):
        error(
            rec,
            ("file",),
            "E-bad-file",
            Msg(
                f"文件 '{rec.file}' 在数据文件夹之外",
                f"the file '{rec.file}' is outside the data folder",
            ),
        )
    elif not target.is_file():
        error(
            rec,
            ("file",),
            "E-bad-file",
            Msg(
                f"文件 '{rec.file}' 不存在(路径相对于数据文件夹)",
                f"the file '{rec.file}' does not exist (paths are relative to the data folder)",
            ),
        )


def _warnings(kept: list[r.Record], campaign: Campaign | None, warn: Emit) -> None:
    active: set[str] = set()
    # a check "has hazards" when they are written under it or name it as their source
    hazard_parents = {
        id(h.parent) for h in kept if isinstance(h, r.Hazard) and h.parent is not None
    }
    hazard_sources = {h.source for h in kept if isinstance(h, r.Hazard) and h.source}
    for rec in kept:
        if (
            campaign is not None
            and rec.record_date is not None
            and not (campaign.start <= rec.record_date <= campaign.end)
        ):
            field = rec.DATE_FIELD or ""
            warn(
                rec,
                (field,),
                "W-outside-campaign",
                Msg(
                    f"日期 {rec.record_date} 不在专项行动期间({campaign.start} 至 {campaign.end})内",
                    f"the date {rec.record_date} is outside the campaign ({campaign.start} to {campaign.end})",
                ),
            )
        if (
            isinstance(rec, r.Hazard)
            and rec.deadline is not None
            and rec.deadline > rec.found + dt.timedelta(days=90)
        ):
            warn(
                rec,
                ("deadline",),
                "W-long-deadline",
                Msg(
                    f"整改期限 {rec.deadline} 距发现日期超过 90 天",
                    f"the deadline {rec.deadline} is more than 90 days after 'found'",
                ),
            )
        if (
            isinstance(rec, r.VehicleCheck)
            and rec.result == "fail"
            and id(rec) not in hazard_parents
            and (rec.id is None or rec.id not in hazard_sources)
        ):
            warn(
                rec,
                ("result",),
                "W-fail-no-hazard",
                Msg(
                    "检查结果为不合格,但未列出隐患(hazards)",
                    "the check failed but lists no hazards",
                ),
            )
        if (
            isinstance(rec, r.Vehicle)
            and campaign is not None
            and (rec.registered is None or rec.registered <= campaign.end)
            and (rec.retired is None or rec.retired > campaign.start)
        ):
            active.add(rec.school)
    for rec in kept:
        if isinstance(rec, r.School) and rec.uses_transport is False and rec.id in active:
            warn(
                rec,
                ("uses_transport",),
                "W-transport-mismatch",
                Msg(
                    "uses_transport 为否,但该校有在用的接送车辆",
                    "uses_transport is false but the school has an active vehicle",
                ),
            )
