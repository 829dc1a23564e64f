"""Stage 4, reports: the date range a report counts over, from `--month`, `--half` and `--as-of`.

The period is clipped to the campaign and cut at the last day, min(period end, as-of);
the cumulative range runs from the campaign start to the same last day.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from hxay.models.campaign import Campaign
from hxay.models.errors import UsageError
from hxay.models.text import Msg
from hxay.models.values import FIRST_YEAR, LAST_YEAR, normalise_digits
from hxay.rules.calendar import Period, clip, month_end

__all__ = ["UsageError", "Window", "month_window", "parse_month"]


_MONTH_RE = re.compile(r"(\d{4})[-/.](\d{1,2})|(\d{4})年(\d{1,2})月?")
_MONTH_FORMS = "2012-05, 2012-5, 2012/5, 2012.5, 2012年5月"


def parse_month(text: str) -> tuple[int, int]:
    """(year, month) from the spellings dates accept, without the day; else UsageError."""
    value = normalise_digits(text.strip())
    match = _MONTH_RE.fullmatch(value)
    if match is not None:
        groups = [g for g in match.groups() if g is not None]
        year, month = int(groups[0]), int(groups[1])
        if 1 <= month <= 12 and FIRST_YEAR <= year <= LAST_YEAR:
            return year, month
    raise UsageError(
        Msg(
            f"--month '{text}' 不是月份;可写作 {_MONTH_FORMS}(半月用 --half 1 或 2)",
            f"--month '{text}' is not a month; write it as one of {_MONTH_FORMS} "
            "(for a half-month add --half 1 or 2)",
        )
    )


@dataclass(frozen=True, slots=True)
class Window:
    """What a dated report counts: 本期 = `period`, 累计 = `cumulative`; both end on `last`."""

    period: Period
    cumulative: Period
    as_of: dt.date

    @property
    def last(self) -> dt.date:
        return self.period.end


def month_window(
    campaign: Campaign, month: str, half: int | None = None, as_of: dt.date | None = None
) -> Window:
    """The window of `--month` (and `--half` 1: 1st-15th, 2: 16th-end), clipped and cut.

    A month or half-month outside the campaign, or an as-of date before the period
    starts, is a UsageError.
    """
    year, mon = parse_month(month)
    first, end = dt.date(year, mon, 1), month_end(year, mon)
    label = f"{year:04d}-{mon:02d}"
    if half == 1:
        label, end = f"{label}-1", first.replace(day=15)
    elif half == 2:
        label, first = f"{label}-2", first.replace(day=16)
    elif half is not None:
        raise UsageError(Msg("--half 只能是 1 或 2", "--half must be 1 or 2"))
    clipped = clip(label, first, end, campaign)
    if clipped is None:
        raise UsageError(
            Msg(
                f"{label} 不在专项行动期间({campaign.start} 至 {campaign.end})内",
                f"{label} is outside the campaign ({campaign.start} to {campaign.end})",
            )
        )
    day = as_of if as_of is not None else clipped.end
    if day < clipped.start:
        raise UsageError(
            Msg(
                f"--as-of {day} 早于统计期间 {label} 的开始({clipped.start})",
                f"--as-of {day} is before the period {label} starts ({clipped.start})",
            )
        )
    last = min(clipped.end, day)
    return Window(
        period=Period(label, clipped.start, last),
        cumulative=Period("campaign", campaign.start, last),
        as_of=day,
    )
