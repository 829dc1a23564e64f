"""Stage 2, loading: cross-record checks, a tuple of small checks with one signature each
(`Check`: the folder's records in, problems out): unique ids, references, drivers, files;
then the defaults taken from other records, then the warnings.

A record with an error is left out, and so, transitively, is every record referencing it.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hxay.loading.closure import Ref, fill_defaults, leave_out_transitively, refs_of
from hxay.loading.errors import did_you_mean
from hxay.loading.inputs import probe
from hxay.models import records as r
from hxay.models.campaign import Campaign
from hxay.models.diagnostics import Code, Diagnostic
from hxay.models.text import Msg

UNIT_TYPE_LABELS = r.UNIT_TYPES


def _describe(kinds: tuple[str, ...], types: tuple[str, ...]) -> Msg:
    if types:
        return Msg("、".join(UNIT_TYPE_LABELS[t] for t in types), " or ".join(types))
    return Msg("或".join(r.KIND_LABELS[k] for k in kinds), " or ".join(kinds))


@dataclass
class CrossChecked:
    kept: list[r.Record]
    diagnostics: list[Diagnostic]
    left_out: int
    probes: dict[str, tuple[bool, bool]] = field(default_factory=dict)
    filled: dict[int, tuple[r.Record, dict[str, Any]]] = field(default_factory=dict)
    """Kept records that are copies with defaults filled in: id -> (original, changes)."""


Problem = tuple[r.Record, tuple[str | int, ...], Code, Msg]
"""A problem a check found: the record, where in it, the code and the message."""


@dataclass
class Folder:
    """What the checks see: every record that parsed, those with a unique id by id, the ids
    that name nothing usable (duplicated, or on a record left out while parsing), the
    campaign and the folder; `quiet` collects records left out without a word of their own
    (they reference a record that is already reported)."""

    records: list[r.Record]
    index: dict[str, r.Record]
    dead_ids: set[str]
    campaign: Campaign | None
    root: Path | None
    quiet: set[int] = field(default_factory=set)
    probes: dict[str, tuple[bool, bool]] = field(default_factory=dict)
    hints: dict[tuple[str, tuple[str, ...]], Msg] = field(default_factory=dict)
    refs: dict[int, list[Ref]] = field(default_factory=dict)

    def refs_of(self, rec: r.Record) -> list[Ref]:
        """A record's references, listed once for all the checks."""
        found = self.refs.get(id(rec))
        if found is None:
            found = self.refs[id(rec)] = list(refs_of(rec))
        return found

    def hint(self, target: str, kinds: tuple[str, ...]) -> Msg:
        """The did-you-mean of a missing id among the ids of `kinds`, worked out once per
        id and kinds (the same typo is often repeated)."""
        found = self.hints.get((target, kinds))
        if found is None:
            candidates = [i for i, t in self.index.items() if t.KIND in kinds]
            found = self.hints[(target, kinds)] = did_you_mean(target, candidates)
        return found


Check = Callable[[Folder], Iterator[Problem]]
"""A cross-record check: one signature for all, as the rules have."""


def duplicate_ids(folder: Folder) -> Iterator[Problem]:
    by_id: dict[str, list[r.Record]] = defaultdict(list)
    for rec in folder.records:
        if rec.id is not None:
            by_id[rec.id].append(rec)
    for ident, holders in by_id.items():
        if len(holders) < 2:
            continue
        places = [h.where for h in holders]
        for h in holders:
            others = ", ".join(p for p in places if p != h.where)
            yield (
                h,
                ("id",),
                "E-duplicate-id",
                Msg(
                    f"编号 '{ident}' 重复,另见 {others};编号在整个数据文件夹中必须唯一",
                    f"the id '{ident}' is used more than once, also at {others}; "
                    "ids must be unique across the data folder",
                ),
            )


def references(folder: Folder) -> Iterator[Problem]:
    """Every reference names an existing record of the right kind and type."""
    index = folder.index
    for rec in folder.records:
        for ref in folder.refs_of(rec):
            target = index.get(ref.target)
            if target is None:
                if ref.target in folder.dead_ids:
                    folder.quiet.add(id(rec))  # left out with the record it references
                    continue
                hint = folder.hint(ref.target, ref.kinds)
                what = _describe(ref.kinds, ref.unit_types)
                yield (
                    rec,
                    ref.loc,
                    "E-ref-missing",
                    Msg(
                        f"'{ref.target}' 不存在(应为{what.zh}的编号){hint.zh}",
                        f"'{ref.target}' does not exist (expected the id of a {what.en}){hint.en}",
                    ),
                )
                continue
            unit_type = target.type if isinstance(target, r.Unit) else None
            if target.KIND not in ref.kinds or (ref.unit_types and unit_type not in ref.unit_types):
                what = _describe(ref.kinds, ref.unit_types)
                actual = Msg(
                    UNIT_TYPE_LABELS.get(str(unit_type), "")
                    if unit_type
                    else r.KIND_LABELS[target.KIND],
                    str(unit_type) if unit_type else target.KIND,
                )
                yield (
                    rec,
                    ref.loc,
                    "E-ref-type",
                    Msg(
                        f"'{ref.target}' 是{actual.zh}({target.where}),这里应为{what.zh}",
                        f"'{ref.target}' is a {actual.en} ({target.where}); expected a {what.en}",
                    ),
                )


def vehicle_schools(folder: Folder) -> Iterator[Problem]:
    """A hazard on a vehicle that names a school names the vehicle's school."""
    for rec in folder.records:
        if isinstance(rec, r.Hazard) and rec.vehicle is not None and rec.school is not None:
            vehicle = folder.index.get(rec.vehicle)
            if isinstance(vehicle, r.Vehicle) and rec.school != vehicle.school:
                yield (
                    rec,
                    ("school",),
                    "E-school-mismatch",
                    Msg(
                        f"隐患的学校 {rec.school} 与车辆 {vehicle.id} 所属学校 {vehicle.school} 不一致",
                        f"the hazard's school {rec.school} differs from the school of vehicle "
                        f"{vehicle.id} ({vehicle.school})",
                    ),
                )


def checked_drivers(folder: Folder) -> Iterator[Problem]:
    """A vehicle check names only drivers (or former drivers) of its vehicle."""
    for rec in folder.records:
        if not isinstance(rec, r.VehicleCheck):
            continue
        vehicle = folder.index.get(rec.vehicle)
        if not isinstance(vehicle, r.Vehicle):
            continue
        known = {d.name for d in vehicle.drivers} | set(vehicle.former_drivers)
        for i, name in enumerate(rec.drivers):
            if name not in known:
                yield (
                    rec,
                    ("drivers", i),
                    "E-bad-driver",
                    Msg(
                        f"'{name}' 不是车辆 {vehicle.id} 的驾驶人(drivers 或 former_drivers)",
                        f"'{name}' is not a driver of vehicle {vehicle.id} "
                        "(its drivers or former_drivers)",
                    ),
                )


def submission_files(folder: Folder) -> Iterator[Problem]:
    """A submission's `file` exists inside the data folder."""
    if folder.root is None:
        return
    for rec in folder.records:
        if not isinstance(rec, r.Submission) or rec.file is None:
            continue
        inside, exists = folder.probes.setdefault(rec.file, probe(folder.root, rec.file))
        if not inside:
            yield (
                rec,
                ("file",),
                "E-bad-file",
                Msg(
                    f"文件 '{rec.file}' 在数据文件夹之外",
                    f"the file '{rec.file}' is outside the data folder",
                ),
            )
        elif not exists:
            yield (
                rec,
                ("file",),
                "E-bad-file",
                Msg(
                    f"文件 '{rec.file}' 不存在(路径相对于数据文件夹)",
                    f"the file '{rec.file}' does not exist (paths are relative to the data folder)",
                ),
            )


ERROR_CHECKS: tuple[Check, ...] = (
    duplicate_ids,
    references,
    vehicle_schools,
    checked_drivers,
    submission_files,
)
"""The checks whose problems leave the record out (and, transitively, what references it)."""


def crosscheck(
    records: list[r.Record],
    broken_ids: set[str],
    campaign: Campaign | None,
    root: Path | None,
) -> CrossChecked:
    """Run the checks: errors leave records out (transitively), then the defaults taken from
    other records are filled in and the warnings run on what is kept."""
    counts: dict[str, int] = defaultdict(int)
    for rec in records:
        if rec.id is not None:
            counts[rec.id] += 1
    index = {rec.id: rec for rec in records if rec.id is not None and counts[rec.id] == 1}
    dead = {ident for ident, n in counts.items() if n > 1} | (broken_ids - index.keys())
    folder = Folder(records, index, dead, campaign, root)
    diags: list[Diagnostic] = []
    removed: set[int] = set()
    for check in ERROR_CHECKS:
        for rec, loc, code, msg in check(folder):
            diags.append(_diagnostic(rec, loc, code, msg))
            removed.add(id(rec))
    removed |= folder.quiet
    probes = folder.probes
    leave_out_transitively(records, removed, dead, folder.refs_of)
    filled: dict[int, tuple[r.Record, dict[str, Any]]] = {}
    kept = fill_defaults([x for x in records if id(x) not in removed], index, filled)
    folder = Folder(kept, index, dead, campaign, root)
    for check in WARNING_CHECKS:
        diags += [_diagnostic(rec, loc, code, msg) for rec, loc, code, msg in check(folder)]
    return CrossChecked(kept, diags, len(records) - len(kept), probes, filled)


def _diagnostic(rec: r.Record, loc: tuple[str | int, ...], code: Code, msg: Msg) -> Diagnostic:
    line, col = rec.pos(*loc) if loc else (rec.line, 1)
    return Diagnostic(rec.path, line, col, code, msg)


def _outside(day: dt.date | None, c: Campaign) -> bool:
    return day is not None and not (c.start <= day <= c.end)


def _long(rec: r.Hazard) -> bool:
    return rec.deadline is not None and rec.deadline > rec.found + dt.timedelta(days=90)


def may_warn(rec: r.Record, campaign: Campaign | None) -> bool:
    """Whether a warning may point into this record, judged from it and the campaign alone
    (dated outside, a long deadline, a failed vehicle check): its positions are kept when
    its file's node trees are let go, so the warning needs no second read of the file."""
    if campaign is not None and _outside(rec.record_date, campaign):
        return True
    if isinstance(rec, r.Hazard):
        return _long(rec)
    return isinstance(rec, r.VehicleCheck) and rec.result == "fail"


def outside_campaign(folder: Folder) -> Iterator[Problem]:
    """A record dated outside the campaign (counted nowhere the campaign's rules look)."""
    c = folder.campaign
    if c is None:
        return
    for rec in folder.records:
        day = rec.record_date
        if _outside(day, c):
            yield (
                rec,
                (rec.DATE_FIELD or "",),
                "W-outside-campaign",
                Msg(
                    f"日期 {day} 不在专项行动期间({c.start} 至 {c.end})内",
                    f"the date {day} is outside the campaign ({c.start} to {c.end})",
                ),
            )


def long_deadlines(folder: Folder) -> Iterator[Problem]:
    """A deadline more than 90 days after the hazard was found: likely a typo in the year."""
    for rec in folder.records:
        if isinstance(rec, r.Hazard) and _long(rec):
            yield (
                rec,
                ("deadline",),
                "W-long-deadline",
                Msg(
                    f"整改期限 {rec.deadline} 距发现日期超过 90 天",
                    f"the deadline {rec.deadline} is more than 90 days after 'found'",
                ),
            )


def failed_checks_without_hazards(folder: Folder) -> Iterator[Problem]:
    """A failed vehicle check has hazards: written under it or naming it as their source."""
    parents = {id(h.parent) for h in folder.records if isinstance(h, r.Hazard) and h.parent}
    sources = {h.source for h in folder.records if isinstance(h, r.Hazard) and h.source}
    for rec in folder.records:
        if (
            isinstance(rec, r.VehicleCheck)
            and rec.result == "fail"
            and id(rec) not in parents
            and (rec.id is None or rec.id not in sources)
        ):
            yield (
                rec,
                ("result",),
                "W-fail-no-hazard",
                Msg(
                    "检查结果为不合格,但未列出隐患(hazards)",
                    "the check failed but lists no hazards",
                ),
            )


def transport_mismatch(folder: Folder) -> Iterator[Problem]:
    """`uses_transport: false` while the school has a vehicle active during the campaign."""
    c = folder.campaign
    if c is None:
        return
    active = {
        v.school
        for v in folder.records
        if isinstance(v, r.Vehicle)
        and (v.registered is None or v.registered <= c.end)
        and (v.retired is None or v.retired > c.start)
    }
    for rec in folder.records:
        if isinstance(rec, r.School) and rec.uses_transport is False and rec.id in active:
            yield (
                rec,
                ("uses_transport",),
                "W-transport-mismatch",
                Msg(
                    "uses_transport 为否,但该校有在用的接送车辆",
                    "uses_transport is false but the school has an active vehicle",
                ),
            )


WARNING_CHECKS: tuple[Check, ...] = (
    outside_campaign,
    long_deadlines,
    failed_checks_without_hazards,
    transport_mismatch,
)
"""The checks that only warn: they never leave anything out."""
