"""Stage 4, reports: 专项行动总结, the campaign summary from its start up to the as-of date.

Sections: the figures in prose and as a table (累计 of every measure, by station); monthly
trends as charts (inspections; hazards found and rectified; hazards open at each month's
end); obligations met on time, late or missed by unit and by duty; hazards still open.
Charts are data here (document.Chart); render/svg.py draws them.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence

from hxay import __version__
from hxay.models.findings import STATUS_WORDS, STATUSES, Finding, Status
from hxay.models.ledger import Ledger, Provenance
from hxay.models.text import Lang, Msg
from hxay.reports.common import (
    campaign_window,
    figures_prose,
    hazard_listing,
    heading,
    on_time_rate,
    open_hazards,
    station_head,
    status_counts,
    unit_order,
)
from hxay.reports.document import Cell, Chart, Document, Field, Listing, Paragraph, Section, Series
from hxay.reports.period import Window
from hxay.reports.stats import (
    ROW_NAMES,
    TOTAL,
    closed_schools_note,
    count_stats,
    indicators,
    row_ids,
)
from hxay.reports.table import Head
from hxay.rules import calendar as cal
from hxay.rules.registry import BY_ID as OBLIGATIONS

STATUS_FIELDS: tuple[tuple[Status, Msg], ...] = tuple(
    (s, STATUS_WORDS[s]) for s in ("met", "late", "overdue", "due")
)


def month_label(period: cal.Period, campaign_years: int, lang: Lang) -> str:
    """`3月` on a one-year campaign in Chinese, else the `YYYY-MM` label."""
    if lang == "zh" and campaign_years == 1:
        return f"{int(period.label[5:7])}月"
    return period.label


def trends(
    ledger: Ledger, window: Window, row: str, lang: Lang
) -> tuple[tuple[str, ...], dict[str, tuple[int, ...]]]:
    """The month categories and, per month: inspections, hazards found, hazards rectified
    (本期 of the statistics form), and hazards open and past deadline on the month's last day."""
    c = ledger.campaign
    last = window.last
    months = [p for p in cal.months(c) if p.start <= last]
    years = len({c.start.year, c.end.year})
    series: dict[str, list[int]] = defaultdict(list)
    for p in months:
        end = min(p.end, last)
        counts = count_stats(
            ledger,
            Window(cal.Period(p.label, p.start, end), cal.Period("campaign", c.start, end), end),
        )
        for measure in ("inspections", "hazards_found", "hazards_rectified", "hazards_overdue"):
            series[measure].append(counts[measure][row][0])
        series["hazards_open"].append(
            len(open_hazards(ledger, end, station=None if row == TOTAL else row))
        )
    return (
        tuple(month_label(p, years, lang) for p in months),
        {k: tuple(v) for k, v in series.items()},
    )


def status_listing(
    listing_id: str,
    key: Field,
    name: Field,
    groups: Sequence[tuple[str | None, str, Sequence[Finding]]],
    lang: Lang,
) -> Listing:
    """Findings counted by status for each group (a unit, or a duty), with a total row."""

    def t(zh: str, en: str) -> str:
        return Msg(zh, en).render(lang)

    fields = (
        key,
        name,
        *(Field(s, label.render(lang), numeric=True) for s, label in STATUS_FIELDS),
        Field("total", t("合计", "Total"), numeric=True),
        Field("on_time_rate", t("按时完成率", "On-time rate"), numeric=True),
    )
    rows: list[tuple[Cell, ...]] = []
    every: dict[Status, int] = dict.fromkeys(STATUSES, 0)
    for ident, label, items in groups:
        counts = status_counts(items)
        for s in STATUSES:
            every[s] += counts[s]
        rows.append(
            (
                ident,
                label,
                *(counts[s] for s, _ in STATUS_FIELDS),
                len(items),
                on_time_rate(counts),
            )
        )
    total = (
        None,
        t("合计", "Total"),
        *(every[s] for s, _ in STATUS_FIELDS),
        sum(every.values()),
        on_time_rate(every),
    )
    return Listing(
        listing_id,
        fields,
        tuple(rows),
        total=total if rows else None,
        empty=t("没有义务实例。", "No obligation instances."),
    )


def build_summary(
    ledger: Ledger,
    as_of: dt.date,
    findings: Sequence[Finding],
    *,
    provenance: Provenance,
    lang: Lang = "zh",
    unit: str | None = None,
    notes: tuple[str, ...] = (),
) -> Document:
    """The campaign summary up to `as_of`; `findings` are every obligation's at `as_of`."""

    def t(zh: str, en: str) -> str:
        return Msg(zh, en).render(lang)

    reporting = station_head(ledger, unit)
    unit = reporting.id if reporting is not None else None
    campaign = ledger.campaign
    window = campaign_window(ledger, as_of)
    last = window.last
    row = unit if unit is not None else TOTAL
    counts = count_stats(ledger, window)
    who = reporting.label if reporting is not None else t("全市", "the city")
    intro = Paragraph(
        t(
            f"专项行动自{campaign.start}开始,至{campaign.end}结束。截至{last},{who}累计",
            f"The campaign runs from {campaign.start} to {campaign.end}. Up to {last}, {who}: ",
        )
        + figures_prose({m: v[row][1] for m, v in counts.items()}, lang)
    )
    rows = (unit,) if unit is not None else row_ids(ledger)
    stations = {u.id: u.name for u in ledger.stations}
    figures = Listing(
        "figures",
        (
            Field("measure", t("指标代码", "Measure id"), key=True),
            Field("label", t("指标", "Indicator")),
            *(
                Field(r, stations[r] if r in stations else ROW_NAMES[r].render(lang), numeric=True)
                for r in rows
            ),
        ),
        tuple(
            (m.id, label, *(counts[m.id][r][1] for r in rows))
            for m, label in indicators(ledger, lang)
        ),
    )

    note = closed_schools_note(counts, row)
    months, series = trends(ledger, window, row, lang)
    month_axis = t("月份", "Month")
    charts = (
        Chart(
            "inspections",
            t("每月检查学校(所次)", "Inspections per month"),
            "bar",
            months,
            (Series("inspections", t("检查(所次)", "Inspections"), series["inspections"]),),
            month_axis,
            t("所次", "inspections"),
        ),
        Chart(
            "hazards",
            t("每月发现与整改隐患(处)", "Hazards found and rectified per month"),
            "bar",
            months,
            (
                Series("hazards_found", t("发现隐患", "Found"), series["hazards_found"]),
                Series(
                    "hazards_rectified", t("整改隐患", "Rectified"), series["hazards_rectified"]
                ),
            ),
            month_axis,
            t("处", "hazards"),
        ),
        Chart(
            "open_hazards",
            t("各月末未整改隐患(处)", "Hazards open at each month's end"),
            "line",
            months,
            (
                Series("hazards_open", t("未整改", "Open"), series["hazards_open"]),
                Series(
                    "hazards_overdue",
                    t("其中逾期未整改", "of which past deadline"),
                    series["hazards_overdue"],
                ),
            ),
            month_axis,
            t("处", "hazards"),
        ),
    )

    mine = [f for f in findings if unit is None or f.unit == unit]
    by_unit: dict[str | None, list[Finding]] = defaultdict(list)
    by_duty: dict[str, list[Finding]] = defaultdict(list)
    for f in mine:
        by_unit[f.unit].append(f)
        by_duty[f.obligation].append(f)
    order = unit_order(ledger)
    unit_table = status_listing(
        "obligations_by_unit",
        Field("unit", t("单位编号", "Unit id"), key=True),
        Field("unit_name", t("单位", "Unit")),
        [
            (u, ledger.name_of(u) if u else t("(无责任单位)", "(no unit)"), by_unit[u])
            for u in sorted(by_unit, key=order)
        ],
        lang,
    )
    duty_table = status_listing(
        "obligations_by_duty",
        Field("obligation", t("义务", "Obligation"), key=True),
        Field("duty", t("事项", "Duty")),
        [(o, OBLIGATIONS[o].duty.render(lang), by_duty[o]) for o in OBLIGATIONS if o in by_duty],
        lang,
    )
    units_in_order = sorted(by_unit, key=order)
    per_unit = [status_counts(by_unit[u]) for u in units_in_order]
    obligations_chart = Chart(
        "obligations",
        t("各单位义务完成情况(项)", "Obligations met on time, late and missed, by unit"),
        "bar",
        tuple(ledger.name_of(u) if u else t("(无责任单位)", "(no unit)") for u in units_in_order),
        (
            Series("met", t("按时完成", "Met on time"), tuple(c["met"] for c in per_unit)),
            Series("late", t("逾期完成", "Late"), tuple(c["late"] for c in per_unit)),
            Series("overdue", t("逾期未完成", "Missed"), tuple(c["overdue"] for c in per_unit)),
        ),
        t("单位", "Unit"),
        t("项", "instances"),
        listing=unit_table.id,
    )
    counted = status_counts(mine)
    duty_text = t(
        f"截至{as_of},共有义务实例{len(mine)}项:按时完成{counted['met']}项,逾期完成{counted['late']}项,"
        f"逾期未完成{counted['overdue']}项,待完成{counted['due']}项;按时完成率{on_time_rate(counted)}"
        "(按时完成数占已到期实例数)。",
        f"On {as_of}, {len(mine)} obligation instances: {counted['met']} met on time, "
        f"{counted['late']} late, {counted['overdue']} overdue, {counted['due']} not yet due; "
        f"on-time rate {on_time_rate(counted)} (of the instances already due).",
    )

    hazards = open_hazards(ledger, as_of, station=unit)
    past = sum(1 for h in hazards if h.deadline is not None and h.deadline < as_of)
    open_text = t(
        f"截至{as_of},尚有{len(hazards)}处隐患未整改,其中{past}处已超过整改期限。",
        f"On {as_of}, {len(hazards)} hazards were not rectified, {past} of them past their deadline.",
    )

    title = Msg(f"{campaign.name}总结", f"{campaign.name}: campaign summary").render(lang)
    if reporting is not None:
        title += t(f"({reporting.label})", f" ({reporting.label})")
    sections = (
        Section("overview", heading(1, "总体情况", "Overview", lang), (intro,)),
        Section(
            "figures",
            heading(2, "主要数据(累计)", "Figures (cumulative)", lang),
            (figures, *((Paragraph(note.render(lang)),) if note is not None else ())),
        ),
        Section("trends", heading(3, "月度趋势", "Monthly trends", lang), charts),
        Section(
            "obligations",
            heading(4, "各单位履行义务情况", "Obligations by unit and by duty", lang),
            (Paragraph(duty_text), obligations_chart, unit_table, duty_table),
        ),
        Section(
            "open_hazards",
            heading(5, "尚未整改的隐患", "Hazards not yet rectified", lang),
            (
                Paragraph(open_text),
                hazard_listing(ledger, hazards, as_of, lang, grouped=unit is None),
            ),
        ),
    )
    return Document(
        form="summary",
        title=title,
        lang=lang,
        campaign=Head(campaign.id, campaign.name),
        as_of=as_of,
        period=window.period,
        cumulative=None,
        provenance=provenance,
        version=__version__,
        sections=sections,
        reporting_unit=reporting,
        notes=notes,
    )
