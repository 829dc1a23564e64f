"""Periods of the campaign (months, quarters, halves, terms), term months, and the due shift."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import Literal

from hxay.models.campaign import Campaign
from hxay.models.text import Msg

DAY = dt.timedelta(days=1)

Every = Literal["month", "quarter", "term", "campaign"]
"""The values of an `every` parameter (`periods`)."""


class RuleConfigError(Exception):
    """The campaign's configuration makes an obligation impossible to evaluate."""

    def __init__(self, msg: Msg) -> None:
        super().__init__(msg.en)
        self.msg = msg


@dataclass(frozen=True, slots=True)
class Period:
    label: str
    start: dt.date
    end: dt.date

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.start <= day <= self.end


def named(period: Period) -> Msg:
    """A period as messages name it: the campaign in words, else its label."""
    if period.label == "campaign":
        return Msg("专项行动期间", "the campaign")
    return Msg(period.label, period.label)


def clip(label: str, start: dt.date, end: dt.date, c: Campaign) -> Period | None:
    """The period clipped to the campaign, or None when it does not overlap it."""
    lo, hi = max(start, c.start), min(end, c.end)
    return Period(label, lo, hi) if lo <= hi else None


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _month_starts(c: Campaign) -> list[dt.date]:
    out, day = [], c.start.replace(day=1)
    while day <= c.end:
        out.append(day)
        day = month_end(day.year, day.month) + DAY
    return out


def month(label: str, c: Campaign) -> Period | None:
    """The period of a `YYYY-MM` label, clipped."""
    year, mon = int(label[:4]), int(label[5:7])
    return clip(label, dt.date(year, mon, 1), month_end(year, mon), c)


def months(c: Campaign) -> list[Period]:
    out = []
    for s in _month_starts(c):
        p = clip(f"{s:%Y-%m}", s, month_end(s.year, s.month), c)
        if p is not None:
            out.append(p)
    return out


def halves(c: Campaign) -> list[Period]:
    """Half-months `YYYY-MM-1` (1st-15th) and `YYYY-MM-2` (16th-end), clipped."""
    out = []
    for s in _month_starts(c):
        for label, lo, hi in (
            (f"{s:%Y-%m}-1", s, s.replace(day=15)),
            (f"{s:%Y-%m}-2", s.replace(day=16), month_end(s.year, s.month)),
        ):
            p = clip(label, lo, hi, c)
            if p is not None:
                out.append(p)
    return out


def quarters(c: Campaign) -> list[Period]:
    out, seen = [], set()
    for s in _month_starts(c):
        q = (s.month - 1) // 3 + 1
        if (s.year, q) in seen:
            continue
        seen.add((s.year, q))
        first = dt.date(s.year, 3 * q - 2, 1)
        p = clip(f"{s.year}-Q{q}", first, month_end(s.year, 3 * q), c)
        if p is not None:
            out.append(p)
    return out


def terms(c: Campaign) -> list[Period]:
    out = []
    for t in sorted(c.terms, key=lambda t: t.start):
        p = clip(t.name, t.start, t.end, c)
        if p is not None:
            out.append(p)
    return out


def whole(c: Campaign) -> Period:
    return Period("campaign", c.start, c.end)


def periods(every: Every, c: Campaign) -> list[Period]:
    """The periods of an `every` parameter: month, quarter, term or campaign."""
    if every == "month":
        return months(c)
    if every == "quarter":
        return quarters(c)
    if every == "term":
        return terms(c)
    return [whole(c)]


def term_months(c: Campaign, min_term_days: int) -> list[Period]:
    """Months with at least `min_term_days` days inside a term and inside the campaign."""
    term_days: set[dt.date] = set()
    for t in terms(c):
        day = t.start
        while day <= t.end:
            term_days.add(day)
            day += DAY
    out = []
    for p in months(c):
        count = sum(1 for d in term_days if p.start <= d <= p.end)
        if count >= min_term_days:
            out.append(p)
    return out


def is_workday(day: dt.date) -> bool:
    """Mainland China working day: not a weekend or public holiday; make-up days (调休) work."""
    import chinese_calendar

    try:
        return bool(chinese_calendar.is_workday(day))
    except NotImplementedError:
        raise RuleConfigError(
            Msg(
                f"节假日数据不包含 {day.year} 年,无法按 due_shift: next_workday 顺延到期日",
                f"the holiday calendar does not cover {day.year}; "
                "due_shift: next_workday cannot be applied",
            )
        ) from None


def shift(due: dt.date, c: Campaign) -> dt.date:
    """The due date after the campaign's `due_shift`."""
    if c.due_shift != "next_workday":
        return due
    day = due
    while not is_workday(day):
        day += DAY
    return day
