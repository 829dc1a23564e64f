"""Stage 4, reports: the report forms by name, the options each takes, the day each is as of,
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

FORMS = ("stats", "work", "summary", "serious-list", "schools", "dossier")
MONTHLY = frozenset({"stats", "work"})
UP_TO = frozenset({"summary", "serious-list", "schools", "dossier"})
"""The forms that run up to a date: `--month M` means up to M's last day."""
USES_FINDINGS = frozenset({"work", "summary", "schools", "dossier"})


ONE_SCHOOL = Msg(
    "一校一档要么用 --school 指定一所学校,要么用 --out 文件夹为每所学校各写一个文件",
    "the school file takes one --school, or --out FOLDER for one file per school",
)


@dataclass(frozen=True, slots=True)
class Request:
    """What the command line asked for; `today` is the campaign's today, from the caller."""

    form: str
    month: str | None = None
    half: int | None = None
    unit: str | None = None
    as_of: dt.date | None = None
    today: dt.date | None = None
    schools: tuple[str, ...] = ()


def check_options(
    form: str,
    month: str | None,
    half: int | None,
    schools: Sequence[str] = (),
    each: bool = False,
) -> None:
    """A form that does not exist, a monthly form without `--month`, `--half` beyond the
    statistics form, a bad `--month`, `--school` beyond the dossier, or a dossier that is
    neither of one school nor one file per school (`each`): UsageError."""
    if form == "dossier" and not each and len(schools) != 1:
        raise UsageError(ONE_SCHOOL)
    if schools and form != "dossier":
        raise UsageError(
            Msg(
                "--school 只用于一校一档(--form dossier)",
                "--school applies only to the school file (--form dossier)",
            )
        )
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
    elif half is not None:
        raise UsageError(
            Msg(
                f"报表 {form} 涵盖专项行动开始至截止日期,不用 --half;"
                "请用 --month(截至该月最后一天)或 --as-of 指定截止日期",
                f"the {form} report covers the campaign up to a date: instead of --half, give "
                "--month (up to its last day) or --as-of",
            )
        )
    elif month is not None:
        parse_month(month)


def report_day(request: Request, campaign: Campaign) -> dt.date:
    """D, the day a form is as of.

    work, and the forms that run up to a date when given `--month`: the month's last day
    (clipped to the campaign), cut by `--as-of`; summary, schools and dossier: `--as-of`,
    else today, at most the campaign's end; serious-list: `--as-of`, else the
    `serious_hazard_list` due date as configured (before any shift), else today. Without a
    today from the caller, the campaign's end stands in for it.
    """
    if request.month is not None:
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
    if request.form == "dossier":
        files = build_dossiers(
            request, ledger, findings, provenance=provenance, lang=lang, notes=notes
        )
        if len(files) != 1:
            raise UsageError(ONE_SCHOOL)
        return next(iter(files.values()))
    raise UsageError(Msg(f"报表 {request.form} 不是文档", f"{request.form} is not a document form"))


def build_dossiers(
    request: Request,
    ledger: Ledger,
    findings: Sequence[Finding],
    *,
    provenance: Provenance,
    lang: Lang,
    notes: tuple[str, ...] = (),
) -> dict[str, Document]:
    """The school files (一校一档) by school id: the `--school` ones, or every school (of
    `--unit`) when none is named; `findings` are every obligation's at `report_day`."""
    from hxay.reports.dossier import build_dossiers as build
    from hxay.reports.dossier import select_schools

    schools = select_schools(ledger, request.schools, request.unit)
    day = report_day(request, ledger.campaign)
    return build(ledger, day, findings, schools, provenance=provenance, lang=lang, notes=notes)
