"""Stage 4, reports: the units and schools a command line names, by id or exact name, each
checked against the ledger; an unknown one is a usage error (exit 2) naming the nearest ids
and names, never an empty "nothing owed" (a cron job would read that as all clear)."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping

from hxay.models import records as r
from hxay.models.errors import UsageError
from hxay.models.ledger import Ledger
from hxay.models.text import Msg

SHOWN = 5
"""How many of the nearest ids an error names."""


def _nearest(text: str, named: Mapping[str, str], labels: Mapping[str, str]) -> str:
    """The ids nearest to `text` by id or by name, each with its name: `ps-danghu(当湖派出所)`."""
    found: list[str] = []
    for match in difflib.get_close_matches(text, list(named), n=SHOWN * 2, cutoff=0.3):
        if named[match] not in found:
            found.append(named[match])
    return "、".join(f"{i}({labels[i]})" for i in found[:SHOWN])


def _find(
    text: str, records: Iterable[r.Unit] | Iterable[r.School], option: str, zh: str, en: str
) -> str:
    """The id of the record `text` names (its id or exact name); none is a UsageError saying
    `zh`/`en` (no such unit) and naming the nearest."""
    by_key: dict[str, str] = {}
    labels: dict[str, str] = {}
    for rec in records:
        by_key[rec.id] = rec.id
        by_key.setdefault(rec.name, rec.id)
        labels[rec.id] = rec.name
    found = by_key.get(text.strip())
    if found is None:
        near = _nearest(text.strip(), by_key, labels) or "-"
        raise UsageError(
            Msg(
                f"{option} {text}:{zh};最接近的:{near}",
                f"{option} {text}: {en}; the nearest: {near}",
            )
        )
    return found


def unit_id(ledger: Ledger, text: str, option: str = "--unit", *, station: bool = False) -> str:
    """The unit `text` names (its id or exact name); with `station`, it must be a police
    station."""
    found = _find(text, ledger.units.values(), option, "没有这个单位", "no such unit")
    unit = ledger.units[found]
    if station and unit.type != "police_station":
        stations = "、".join(f"{u.id}({u.name})" for u in ledger.stations) or "-"
        kind = r.UNIT_TYPES.get(unit.type, unit.type)
        raise UsageError(
            Msg(
                f"{option} {text}:{unit.name}({unit.id})是{kind},不是派出所;派出所有:{stations}",
                f"{option} {text}: {unit.name} ({unit.id}) is a {unit.type}, not a police "
                f"station; the stations: {stations}",
            )
        )
    return found


def school_id(ledger: Ledger, text: str, option: str = "--school") -> str:
    """The school `text` names (its id or exact name)."""
    return _find(text, ledger.schools.values(), option, "没有这所学校", "no such school")
