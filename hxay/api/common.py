"""Stage 7, api: what every use case shares: the data folder, today in the campaign's
timezone, the errors that stop a run, the findings at a day, the loud notice."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from hxay.loading.campaign import obligation_position
from hxay.loading.discover import find_data_dir
from hxay.loading.load import Loaded
from hxay.models.campaign import Campaign
from hxay.models.days import day_in
from hxay.models.diagnostics import Diagnostic
from hxay.models.findings import Finding
from hxay.models.text import Msg


def data_folder(given: str | None, cwd: Path) -> tuple[Path, str]:
    """The data folder (`--data`, `$HXAY_DATA`, ./data or a parent holding campaign.yaml) and
    how to name it in output; HxayError (exit 2) when there is none."""
    env = os.environ.get("HXAY_DATA")
    root = find_data_dir(given, env, cwd)
    return root, given or env or str(root)


def today(now: dt.datetime, loaded: Loaded) -> dt.date:
    """What "today" means for the campaign: `now` in the campaign's timezone."""
    return day_in(loaded.campaign.timezone if loaded.campaign else None, now)


def outside_campaign(given: dt.date | None, day: dt.date, campaign: Campaign | None) -> Msg | None:
    """The one line said when `--as-of` was left out and today is outside the campaign."""
    if given is not None or campaign is None or campaign.start <= day <= campaign.end:
        return None
    return Msg(
        f"今天({day})不在专项行动期间({campaign.start} 至 {campaign.end})内,结果按今天计算;"
        "要看专项行动中的某一天,请用 --as-of 日期",
        f"today ({day}) is outside the campaign ({campaign.start} to {campaign.end}) and the "
        "result is as of today; give --as-of DATE for a day of the campaign",
    )


def stopping_errors(loaded: Loaded, allow_errors: bool) -> list[Diagnostic]:
    """The errors that stop `check` and `report` (exit 3): campaign errors always, data
    errors unless `--allow-errors`."""
    if loaded.ledger is None:
        return loaded.campaign_errors
    return [d for d in loaded.errors if not allow_errors or d in loaded.campaign_errors]


def evaluate_at(loaded: Loaded, day: dt.date) -> tuple[list[Finding], list[Diagnostic]]:
    """Every obligation's findings at `day`; campaign problems found on the way (an owner
    unit missing, a holiday year not covered) as E-campaign diagnostics at their line."""
    from hxay.rules.registry import evaluate

    assert loaded.ledger is not None
    found = loaded.memo.get(day) if loaded.memo is not None else None
    if found is None:  # not worked out yet for this ledger and day
        found = evaluate(loaded.ledger, day)
        if loaded.memo is not None:
            loaded.memo.put(day, *found)
    findings, problems = found
    return findings, [
        Diagnostic("campaign.yaml", *obligation_position(loaded.root, name), "E-campaign", msg)
        for name, msg in problems
    ]


def allowed_errors_notice(loaded: Loaded) -> Msg | None:
    """The loud notice every output carries when data errors were let through."""
    if not loaded.errors:
        return None
    n, left = len(loaded.errors), loaded.left_out
    return Msg(
        f"注意:数据有 {n} 个错误,{left} 条记录未计入,结果不完整",
        f"WARNING: the data has {n} errors and {left} records were left out; the result is incomplete",
    )


def campaign_problems(loaded: Loaded) -> list[Diagnostic]:
    """What campaign.yaml gets wrong that only the rules find (an owner unit missing or
    ambiguous, a unit parameter naming no unit, a holiday year the due shift needs), by
    evaluating every obligation at the campaign's end, when every instance exists."""
    if loaded.ledger is None:
        return []
    return evaluate_at(loaded, loaded.ledger.campaign.end)[1]
