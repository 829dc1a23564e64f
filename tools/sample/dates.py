"""The 2012 calendar the sample data lives in: campaign, terms, holidays, working days."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

D = dt.date
DAY = dt.timedelta(days=1)
START, END, ISSUED = D(2012, 3, 1), D(2012, 11, 30), D(2012, 4, 24)
TERMS = (
    ("2011学年第二学期", D(2012, 2, 8), D(2012, 7, 5)),
    ("2012学年第一学期", D(2012, 9, 3), D(2013, 1, 25)),
)
WINDOW = (D(2012, 8, 27), D(2012, 9, 14))
TERM_MONTHS = (3, 4, 5, 6, 9, 10, 11)


def _span(a: D, b: D) -> set[D]:
    return {a + dt.timedelta(days=i) for i in range((b - a).days + 1)}


# Mainland China public holidays and make-up working days (调休) of 2012, as published
# by the State Council; only what the generator needs to pick plausible working days.
HOLIDAYS = frozenset(
    _span(D(2012, 1, 1), D(2012, 1, 3))
    | _span(D(2012, 1, 22), D(2012, 1, 28))
    | _span(D(2012, 4, 2), D(2012, 4, 4))
    | _span(D(2012, 4, 29), D(2012, 5, 1))
    | _span(D(2012, 6, 22), D(2012, 6, 24))
    | _span(D(2012, 9, 30), D(2012, 10, 7))
    | _span(D(2013, 1, 1), D(2013, 1, 3))
)
MAKEUP = frozenset(
    {D(2012, 1, 21), D(2012, 1, 29), D(2012, 3, 31), D(2012, 4, 1), D(2012, 4, 28), D(2012, 9, 29)}
)


def days(a: D, b: D) -> Iterator[D]:
    d = a
    while d <= b:
        yield d
        d += DAY


def is_workday(d: D) -> bool:
    return d in MAKEUP or (d.weekday() < 5 and d not in HOLIDAYS)


def next_workday(d: D) -> D:
    while not is_workday(d):
        d += DAY
    return d


def in_term(d: D) -> bool:
    return any(s <= d <= e for _, s, e in TERMS)


def school_days(a: D, b: D) -> list[D]:
    """Weekdays that are not holidays, inside a term and inside the campaign."""
    a, b = max(a, START), min(b, END)
    return [d for d in days(a, b) if d.weekday() < 5 and d not in HOLIDAYS and in_term(d)]


def workdays(a: D, b: D) -> list[D]:
    a, b = max(a, START), min(b, END)
    return [d for d in days(a, b) if is_workday(d)]


def month_end(y: int, m: int) -> D:
    return (D(y + (m == 12), m % 12 + 1, 1)) - DAY
