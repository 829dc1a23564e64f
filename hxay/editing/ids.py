"""Stage 3, editing: fresh record ids in the folder's own numbering, unique across it."""

from __future__ import annotations

import datetime as dt
import re
import types
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from hxay.loading.discover import list_files
from hxay.loading.parse import kind_of
from hxay.loading.yamlsrc import read_records
from hxay.models.values import BadValue, parse_id

# `<prefix>-<yyyymmdd>-<n>` when the folder shows no pattern of its own for the kind
PREFIXES: Mapping[str, str] = types.MappingProxyType(
    {
        "unit": "unit",
        "school": "sch",
        "vehicle": "veh",
        "inspection": "insp",
        "hazard": "hz",
        "vehicle_check": "vc",
        "vehicle_status": "vs",
        "legal_visit": "lv",
        "training": "tr",
        "education": "edu",
        "meeting": "mt",
        "operation": "op",
        "case": "case",
        "submission": "sub",
    }
)
# Kinds whose ids are numbered within a group (schools: `sch-dh-01` within a station).
GROUP_FIELD: Mapping[str, str] = types.MappingProxyType({"school": "station"})


@dataclass
class Existing:
    """The ids already in the folder (every kind, inline hazards and broken records too)."""

    ids: set[str] = field(default_factory=set)
    by_kind: dict[str, list[tuple[str, Mapping[str, object]]]] = field(default_factory=dict)

    def add(self, kind: str | None, data: Mapping[str, object]) -> None:
        ident = data.get("id")
        if not isinstance(ident, str) or not ident.strip():
            return
        self.ids.add(ident.strip())
        if kind is not None:
            self.by_kind.setdefault(kind, []).append((ident.strip(), data))


def scan(root: Path) -> Existing:
    """Every id written in the folder's record files, by kind."""
    found = Existing()
    for rel in list_files(root).records:
        try:
            raws, _ = read_records(rel, (root / rel).read_bytes())
        except OSError:
            continue
        for raw in raws:
            kind, _ = kind_of(raw)
            found.add(kind, raw.data)
            inline = raw.data.get("hazards")
            if kind in ("inspection", "vehicle_check") and isinstance(inline, list):
                for item in inline:
                    if isinstance(item, dict):
                        found.add("hazard", item)
    return found


_YEAR_SEQ = re.compile(r"(?P<stem>.+?-)(?P<year>(?:19|20)\d\d)-(?P<n>\d+)")
_DAY_SEQ = re.compile(r"(?P<stem>.+?-)(?P<day>\d{8})-(?P<n>\d+)")
_SEQ = re.compile(r"(?P<stem>.*[-_.])(?P<n>\d{1,5})")  # longer numbers are dates or plates


def _next_in(
    ids: Sequence[str], pattern: re.Pattern[str], key: str | None, value: str, taken: set[str]
) -> str | None:
    """The next id of the most common stem of `pattern`, if at least half the ids have it.

    `key`/`value`: the group (year or day) the numbering restarts in; `None` numbers on.
    """
    matches = [m for m in (pattern.fullmatch(i) for i in ids) if m is not None]
    if not matches:
        return None
    stem, count = Counter(m["stem"] for m in matches).most_common(1)[0]
    if count * 2 < len(ids):
        return None
    same = [m for m in matches if m["stem"] == stem]
    width = max(len(m["n"]) for m in same)
    numbers = [int(m["n"]) for m in same if key is None or m[key] == value]
    n = max(numbers, default=0) + 1
    middle = f"{value}-" if key is not None else ""
    while f"{stem}{middle}{n:0{width}d}" in taken:
        n += 1
    return f"{stem}{middle}{n:0{width}d}"


def fresh_id(kind: str, day: dt.date, given: Mapping[str, object], existing: Existing) -> str:
    """An id unique in the folder: the folder's own numbering for the kind where it has one
    (`hz-2012-0321` after `hz-2012-0320`, `sch-dh-31` among a station's schools, a vehicle's
    plate), else `<prefix>-<yyyymmdd>-<n>`."""
    taken = existing.ids
    plate = given.get("plate")
    if kind == "vehicle" and isinstance(plate, str) and plate.strip() not in taken:
        try:
            return parse_id(plate)
        except BadValue:
            pass
    records = existing.by_kind.get(kind, [])
    group = GROUP_FIELD.get(kind)
    if group is not None:
        value = given.get(group)
        records = [(i, d) for i, d in records if value is not None and d.get(group) == value]
    ids = [i for i, _ in records]
    ymd = day.strftime("%Y%m%d")
    found = (
        _next_in(ids, _YEAR_SEQ, "year", str(day.year), taken)
        or _next_in(ids, _DAY_SEQ, "day", ymd, taken)
        or _next_in(ids, _SEQ, None, "", taken)
    )
    if found is not None:
        return found
    n = 1
    while f"{PREFIXES[kind]}-{ymd}-{n}" in taken:
        n += 1
    return f"{PREFIXES[kind]}-{ymd}-{n}"
