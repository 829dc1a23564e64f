"""Stage 3, editing: fresh ids for imported rows without one, as `hxay new` gives them
(editing/ids.py), many at a time."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence

from hxay.editing import ids
from hxay.editing.rows import Item
from hxay.editing.template import DRIVERS
from hxay.models import records as r
from hxay.models.values import BadValue, parse_date


class FreshIds:
    """Fresh ids as `hxay new` gives them, many at a time: the folder's pattern is read once
    per kind and day, the numbers then counted on."""

    def __init__(self, existing: ids.Existing) -> None:
        self.existing = existing
        self.last: dict[tuple[str, str, dt.date], str] = {}

    def fresh(self, kind: str, day: dt.date, given: Mapping[str, object]) -> str:
        group = ids.GROUP_FIELD.get(kind)
        key = (kind, str(given.get(group)) if group else "", day)
        prev = self.last.get(key)
        found = _bump(prev, self.existing.ids) if prev and kind != "vehicle" else None
        if found is None:
            found = ids.fresh_id(kind, day, given, self.existing)
        self.existing.ids.add(found)
        self.last[key] = found
        return found


def _bump(prev: str, taken: set[str]) -> str | None:
    m = re.fullmatch(r"(.*?)(\d+)", prev)
    if m is None:
        return None
    n, width = int(m.group(2)), len(m.group(2))
    while True:
        n += 1
        candidate = f"{m.group(1)}{n:0{width}d}"
        if candidate not in taken:
            return candidate


def _day(value: object, default: dt.date) -> dt.date:
    try:
        return parse_date(value) if value is not None else default
    except BadValue:
        return default


def give_ids(items: Sequence[Item], fresh: FreshIds, today: dt.date) -> None:
    """An id for every row without one (not drivers, which have none), dated by the record's
    own date, else its parent's, else today."""
    for item in items:
        for one in item.walk():
            if one.kind == DRIVERS or one.ident is not None:
                continue
            model = r.KINDS[one.kind]
            when = one.data.get(model.DATE_FIELD or "")
            if when is None and one.parent is not None:
                when = one.parent.data.get("date")
            one.data = {"id": fresh.fresh(one.kind, _day(when, today), one.data), **one.data}
            one.fresh = True
