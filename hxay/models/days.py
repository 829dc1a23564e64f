"""Stage 0, models: what "today" means for a campaign: a moment as a day in the campaign's
timezone. Light (zoneinfo only when asked): the answer cache reckons the day before anything
else is imported, and must reckon it as the commands do."""

from __future__ import annotations

import datetime as dt

DEFAULT_ZONE = "Asia/Shanghai"
"""The zone of a campaign that names none, or names one this machine does not know."""


def day_in(zone: str | None, now: dt.datetime) -> dt.date:
    """`now` as a day in the timezone (Shanghai's when the zone is missing or unknown)."""
    from zoneinfo import ZoneInfo

    try:
        return now.astimezone(ZoneInfo(zone or DEFAULT_ZONE)).date()
    except (KeyError, ValueError):
        return now.astimezone(ZoneInfo(DEFAULT_ZONE)).date()
