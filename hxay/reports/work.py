"""Stage 4, reports: 上月工作情况, the draft of a month's work report for one station or the city.

Sections: the month's figures in prose; the figures as a table beside the month before and
the cumulative ones; hazards still open on the month's last day; obligations missed. Every
number comes from the statistics form's measures (reports/stats.py), so the draft and the
form a station sends with it agree.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Mapping, Sequence

from hxay import __version__
from hxay.models.findings import Finding
from hxay.models.ledger import Ledger, Provenance
from hxay.models.measures import BY_ID
from hxay.models.text import Lang, Msg
from hxay.reports.common import (
    figures_prose,
    findings_listing,
    hazard_listing,
    heading,
    open_hazards,
    station_head,
    unit_order,
)
from hxay.reports.document import Cell, Document, Field, Listing, Paragraph, Section
from hxay.reports.period import UsageError, Window, month_window
from hxay.reports.stats import TOTAL, Pair, count_stats, indicators
from hxay.reports.table import Head
from hxay.rules.registry import BY_ID as OBLIGATIONS

KEY_MEASURES = (
    "inspections",
    "schools_inspected",
    "hazards_found",
    "hazards_rectified",
    "hazards_overdue",
    "vehicles_checked",
    "legal_visits",
    "education_sessions",
    "trainings",
)
"""The measures whose change against the month before the prose states."""


def previous_window(ledger: Ledger, window: Window) -> Window | None:
    """The whole calendar month before the report's month, clipped; None in the first month."""
    first = dt.date.fromisoformat(window.period.label[:7] + "-01")
    before = first - dt.timedelta(days=1)
    try:
        return month_window(ledger.campaign, f"{before:%Y-%m}")
    except UsageError:
        return None


def month_words(label: str, lang: Lang) -> str:
    year, month = int(label[:4]), int(label[5:7])
    return Msg(f"{year}年{month}月", label).render(lang)


def change_text(now: int, before: int, lang: Lang) -> str:
    diff = now - before
    if diff > 0:
        return Msg(f"增加{diff}", f"up {diff}").render(lang)
    if diff < 0:
        return Msg(f"减少{-diff}", f"down {-diff}").render(lang)
    return Msg("持平", "unchanged").render(lang)


def signed(diff: int) -> str:
    return f"+{diff}" if diff > 0 else str(diff)


def missed(findings: Sequence[Finding], window: Window, unit: str | None) -> list[Finding]:
    """Obligations missed, as known on the month's last day: every instance still overdue
    (whenever it fell due), and those done late within the month."""
    return [
        f
        for f in findings
        if (unit is None or f.unit == unit)
        and (
            f.status == "overdue"
            or (f.status == "late" and f.evidence is not None and f.evidence in window.period)
        )
    ]


def build_work(
    ledger: Ledger,
    window: Window,
    findings: Sequence[Finding],
    *,
    provenance: Provenance,
    lang: Lang = "zh",
    unit: str | None = None,
    notes: tuple[str, ...] = (),
) -> Document:
    """The work report of `window`'s month; `findings` are every obligation's at its last day."""

    def t(zh: str, en: str) -> str:
        return Msg(zh, en).render(lang)

    reporting = station_head(ledger, unit)
    unit = reporting.id if reporting is not None else None
    row = unit if unit is not None else TOTAL
    last = window.last
    counts = count_stats(ledger, window)
    now: Mapping[str, Pair] = {m: v[row] for m, v in counts.items()}
    prev_window = previous_window(ledger, window)
    prev: Mapping[str, Pair] | None = None
    if prev_window is not None:
        prev = {m: v[row] for m, v in count_stats(ledger, prev_window).items()}
    month = month_words(window.period.label, lang)
    who = reporting.label if reporting is not None else t("全市", "the city")

    figures = [
        Paragraph(
            t(f"{month},{who}", f"In {month}, {who}: ")
            + figures_prose({m: p for m, (p, _) in now.items()}, lang)
        ),
        Paragraph(
            t(
                f"专项行动开展以来({window.cumulative.start} 至 {last}),累计",
                f"Since the campaign began ({window.cumulative.start} to {last}): ",
            )
            + figures_prose({m: c for m, (_, c) in now.items()}, lang)
        ),
    ]

    if prev is None or prev_window is None:
        compared = t(
            "本月为专项行动的第一个月,没有上月数据可供比较。",
            "This is the campaign's first month; there is no month before to compare with.",
        )
    else:
        parts = [
            t(
                f"{BY_ID[m].text(lang)}{now[m][0]}(上月{prev[m][0]},{change_text(now[m][0], prev[m][0], lang)})",
                f"{BY_ID[m].text(lang)} {now[m][0]} (last month {prev[m][0]}, "
                f"{change_text(now[m][0], prev[m][0], lang)})",
            )
            for m in KEY_MEASURES
        ]
        compared = t("与上月相比:", "Against the month before: ") + t(";", "; ").join(parts)
        compared += t("。", ".")
    table_rows: list[tuple[Cell, ...]] = []
    for measure, label in indicators(ledger, lang):
        p, c = now[measure.id]
        before = prev[measure.id][0] if prev is not None else None
        table_rows.append(
            (
                measure.id,
                label,
                p,
                before,
                signed(p - before) if before is not None else None,
                c,
            )
        )
    span = window.period
    figures_table = Listing(
        "figures",
        (
            Field("measure", t("指标代码", "Measure id"), key=True),
            Field("label", t("指标", "Indicator")),
            Field(
                "month",
                t(f"本月({span.start} 至 {span.end})", f"This month ({span.start} to {span.end})"),
                numeric=True,
            ),
            Field(
                "previous",
                t(f"上月({prev_window.period.label})", f"Last month ({prev_window.period.label})")
                if prev_window is not None
                else t("上月", "Last month"),
                numeric=True,
            ),
            Field("change", t("增减", "Change"), numeric=True),
            Field("cumulative", t("累计", "Cumulative"), numeric=True),
        ),
        tuple(table_rows),
    )

    hazards = open_hazards(ledger, last, station=unit)
    past = sum(1 for h in hazards if h.deadline is not None and h.deadline < last)
    open_text = t(
        f"截至{last},尚有{len(hazards)}处隐患未整改,其中{past}处已超过整改期限。",
        f"On {last}, {len(hazards)} hazards were not rectified, {past} of them past their deadline.",
    )

    owed = sorted(missed(findings, window, unit), key=_missed_order(ledger))
    overdue = sum(1 for f in owed if f.status == "overdue")
    late = len(owed) - overdue
    owed_text = t(
        f"截至{last},有{overdue}项义务逾期未完成;本月有{late}项义务逾期完成。",
        f"On {last}, {overdue} obligations were overdue; {late} were done late during the month.",
    )
    by_duty = Counter((f.obligation, f.status) for f in owed)
    duties = [o for o in OBLIGATIONS if by_duty[(o, "overdue")] or by_duty[(o, "late")]]
    duty_table = Listing(
        "missed_by_obligation",
        (
            Field("obligation", t("义务", "Obligation"), key=True),
            Field("duty", t("事项", "Duty")),
            Field("overdue", t("逾期未完成", "Overdue"), numeric=True),
            Field("late", t("本月逾期完成", "Done late this month"), numeric=True),
        ),
        tuple(
            (o, OBLIGATIONS[o].duty.render(lang), by_duty[(o, "overdue")], by_duty[(o, "late")])
            for o in duties
        ),
        total=(None, t("合计", "Total"), overdue, late) if duties else None,
        empty=t("没有未按期履行的义务。", "No obligation was missed."),
    )

    campaign = ledger.campaign
    title = Msg(
        f"{campaign.name}{month_words(window.period.label, 'zh')}工作情况",
        f"{campaign.name}: work report for {window.period.label}",
    ).render(lang)
    if reporting is not None:
        title += t(f"({reporting.label})", f" ({reporting.label})")
    sections = (
        Section("work", heading(1, "本月工作情况", "The month's work", lang), tuple(figures)),
        Section(
            "figures",
            heading(2, "主要数据及与上月比较", "Figures, against the month before", lang),
            (Paragraph(compared), figures_table),
        ),
        Section(
            "open_hazards",
            heading(3, "尚未整改的隐患", "Hazards not yet rectified", lang),
            (
                Paragraph(open_text),
                hazard_listing(ledger, hazards, last, lang, grouped=unit is None),
            ),
        ),
        Section(
            "missed",
            heading(4, "未按期履行的义务", "Obligations missed", lang),
            (
                Paragraph(owed_text),
                duty_table,
                findings_listing(ledger, owed, last, lang, grouped=unit is None),
            ),
        ),
    )
    return Document(
        form="work",
        title=title,
        lang=lang,
        campaign=Head(campaign.id, campaign.name),
        as_of=window.as_of,
        period=window.period,
        cumulative=window.cumulative,
        provenance=provenance,
        version=__version__,
        sections=sections,
        reporting_unit=reporting,
        notes=notes,
    )


def _missed_order(ledger: Ledger) -> Callable[[Finding], tuple[object, ...]]:
    """By unit (stations first), overdue before late, then as `check` sorts."""
    units = unit_order(ledger)

    def key(f: Finding) -> tuple[object, ...]:
        return (
            units(f.unit),
            f.status != "overdue",
            f.due,
            f.obligation,
            f.subject,
            f.period or "",
        )

    return key
