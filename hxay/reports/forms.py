"""Stage 3, reports: the report forms by name, the options each takes, the day each is as of,
and the builder of each form other than `stats` (which returns a Table, reports/stats.py).

`check_options` runs before anything is loaded, so a wrong option is a usage error (exit 2)
however broken the data is; `report_day` needs the campaign; `build_document` the ledger
and, for the forms that report on obligations, the findings at `report_day`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from hxay.models.campaign import Campaign
from hxay.models.findings import Finding
from hxay.models.ledger import Ledger, Provenance
from hxay.models.text import Lang, Msg
from hxay.reports.document import Document
from hxay.reports.period import UsageError, month_window, parse_month
from hxay.rules.reporting import SERIOUS_HAZARD_LIST

FORMS = ("stats", "work", "summary", "serious-list", "schools")
MONTHLY = frozenset({"stats", "work"})
USES_FINDINGS = frozenset({"work", "summary", "schools"})


@dataclass(frozen=True, slots=True)
class Request:
    """What the command line asked for; `today` is the campaign's today, from the caller."""

    form: str
    month: str | None = None
    half: int | None = None
    unit: str | None = None
    as_of: dt.date | None = None
    today: dt.date | None = None


def check_options(form: str, month: str | None, half: int | None) -> None:
    """A form that does not exist, a monthly form without `--month`, `--half` beyond the
    statistics form, or `--month` for a form that covers the campaign: UsageError."""
    if form not in FORMS:
        known = ", ".join(FORMS)
        raise UsageError(
            Msg(
                f"没有报表 {form};可选:{known}", f"there is no {form} report; choose one of {known}"
            )
        )
    if form in MONTHLY:
        if month is None:
            raise UsageError(
                Msg(f"报表 {form} 需要 --month YYYY-MM", f"the {form} report needs --month YYYY-MM")
            )
        parse_month(month)
        if half is not None and form != "stats":
            raise UsageError(
                Msg(
                    f"--half 只用于统计报表(stats);{form} 按整月编写",
                    f"--half applies only to the stats form; {form} covers a whole month",
                )
            )
    elif month is not None or half is not None:
        raise UsageError(
            Msg(
                f"报表 {form} 涵盖专项行动开始至截止日期,不用 --month/--half;请用 --as-of 指定截止日期",
                f"the {form} report covers the campaign up to a date: instead of --month/--half, "
                "give --as-of",
            )
        )


def report_day(request: Request, campaign: Campaign) -> dt.date:
    """D, the day a form is as of.

    work: the month's last day, cut by `--as-of`; summary and schools: `--as-of`, else
    today, at most the campaign's end; serious-list: `--as-of`, else the `serious_hazard_list`
    due date as configured (before any shift), else today. Without a today from the caller,
    the campaign's end stands in for it.
    """
    if request.form == "work":
        assert request.month is not None
        return month_window(campaign, request.month, None, request.as_of).last
    today = request.today if request.today is not None else campaign.end
    if request.form == "serious-list":
        if request.as_of is not None:
            return request.as_of
        due = SERIOUS_HAZARD_LIST.settings(campaign).due
        return due if due is not None else today
    day = request.as_of if request.as_of is not None else min(today, campaign.end)
    if day < campaign.start:
        raise UsageError(
            Msg(
                f"截止日期 {day} 早于专项行动开始日期 {campaign.start}",
                f"the as-of date {day} is before the campaign starts ({campaign.start})",
            )
        )
    return day


def build_document(
    request: Request,
    ledger: Ledger,
    findings: Sequence[Finding],
    *,
    provenance: Provenance,
    lang: Lang,
    notes: tuple[str, ...] = (),
) -> Document:
    """The form's Document; `findings` are every obligation's at `report_day` (empty for the
    forms not in USES_FINDINGS)."""
    from hxay.reports.scorecard import build_scorecard
    from hxay.reports.serious import build_serious_list
    from hxay.reports.summary import build_summary
    from hxay.reports.work import build_work

    day = report_day(request, ledger.campaign)
    unit = request.unit
    if request.form == "work":
        assert request.month is not None
        window = month_window(ledger.campaign, request.month, None, request.as_of)
        return build_work(
            ledger, window, findings, provenance=provenance, lang=lang, unit=unit, notes=notes
        )
    if request.form == "summary":
        return build_summary(
            ledger, day, findings, provenance=provenance, lang=lang, unit=unit, notes=notes
        )
    if request.form == "serious-list":
        return build_serious_list(
            ledger, day, provenance=provenance, lang=lang, unit=unit, notes=notes
        )
    if request.form == "schools":
        return build_scorecard(
            ledger, day, findings, provenance=provenance, lang=lang, unit=unit, notes=notes
        )
    raise UsageError(Msg(f"报表 {request.form} 不是文档", f"{request.form} is not a document form"))
