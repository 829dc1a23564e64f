"""Stage 4, reports: the 平安校园 scorecard, one row per school from the campaign start to D.

The plan ties the 平安校园 assessment to hazard rectification, so each school's row says how
often it was inspected, what became of its hazards (rectified on time, late, still open),
how often its legal vice-principal came and its security staff were trained in each term,
and how many obligations about it were missed.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence

from hxay import __version__
from hxay.models import records as r
from hxay.models.findings import Finding
from hxay.models.ledger import Ledger, Provenance
from hxay.models.text import Lang, Msg
from hxay.reports.common import (
    campaign_window,
    heading,
    station_head,
    station_name,
    station_order,
    subject_school,
)
from hxay.reports.document import Cell, Document, Field, Listing, Paragraph, Section
from hxay.reports.period import Window
from hxay.reports.table import Head
from hxay.rules import calendar as cal

HAZARD_FIELDS = ("hazards_found", "rectified_on_time", "rectified_late", "hazards_open")


def hazard_outcome(h: r.Hazard, day: dt.date) -> str:
    """What became of a hazard by `day`: rectified by its deadline (or without one), rectified
    after it, or still open (a `rectified` after `day` is not known yet)."""
    if h.rectified is None or h.rectified > day:
        return "hazards_open"
    if h.deadline is not None and h.rectified > h.deadline:
        return "rectified_late"
    return "rectified_on_time"


def term_spans(ledger: Ledger, window: Window) -> list[cal.Period]:
    """The campaign's terms, clipped to it and cut at the window's last day."""
    last = window.last
    return [
        cal.Period(p.label, p.start, min(p.end, last))
        for p in cal.terms(ledger.campaign)
        if p.start <= last
    ]


def build_scorecard(
    ledger: Ledger,
    as_of: dt.date,
    findings: Sequence[Finding],
    *,
    provenance: Provenance,
    lang: Lang = "zh",
    unit: str | None = None,
    notes: tuple[str, ...] = (),
) -> Document:
    """Every school open on some day from the campaign start to min(D, campaign end), of every
    station (or of `unit`); `findings` are every obligation's at D."""

    def t(zh: str, en: str) -> str:
        return Msg(zh, en).render(lang)

    reporting = station_head(ledger, unit)
    unit = reporting.id if reporting is not None else None
    window = campaign_window(ledger, as_of)
    start, last = window.period.start, window.last
    order = station_order(ledger)
    schools = sorted(
        (
            s
            for s in ledger.schools.values()
            if (s.opened is None or s.opened <= last)
            and (s.closed is None or s.closed > start)
            and (unit is None or s.station == unit)
        ),
        key=lambda s: order.get(s.station, len(order)),
    )
    wanted = {s.id for s in schools}
    terms = term_spans(ledger, window)

    counts: Counter[tuple[str, str]] = Counter()
    for x in ledger.of_kind(r.Inspection):
        if x.school in wanted and x.date in window.period:
            counts[(x.school, "inspections")] += 1
    for h in ledger.of_kind(r.Hazard):
        school = ledger.school_of(h)
        if school is not None and school.id in wanted and h.found <= last:
            counts[(school.id, "hazards_found")] += 1
            counts[(school.id, hazard_outcome(h, as_of))] += 1
    for term in terms:
        for v in ledger.of_kind(r.LegalVisit):
            if v.school in wanted and v.date in term:
                counts[(v.school, f"legal_visits:{term.label}")] += 1
        for tr in ledger.of_kind(r.Training):
            if tr.date in term:
                for sid in set(tr.schools) & wanted:
                    counts[(sid, f"trainings:{term.label}")] += 1
    for f in findings:
        if f.status in ("overdue", "late"):
            about = subject_school(ledger, f.subject)
            if about is not None and about in wanted:
                counts[(about, "obligations_missed")] += 1

    numbers = [
        Field("inspections", t("检查(次)", "Inspections"), numeric=True),
        Field("hazards_found", t("发现隐患", "Hazards found"), numeric=True),
        Field("rectified_on_time", t("按期整改", "Rectified on time"), numeric=True),
        Field("rectified_late", t("逾期整改", "Rectified late"), numeric=True),
        Field("hazards_open", t("未整改", "Open"), numeric=True),
    ]
    for term in terms:
        numbers.append(
            Field(
                f"legal_visits:{term.label}",
                t(f"法制副校长到校({term.label})", f"Legal VP visits ({term.label})"),
                numeric=True,
            )
        )
        numbers.append(
            Field(
                f"trainings:{term.label}",
                t(f"安保培训({term.label})", f"Trainings ({term.label})"),
                numeric=True,
            )
        )
    numbers.append(
        Field("obligations_missed", t("未按期履行义务", "Obligations missed"), numeric=True)
    )
    fields = (
        Field("station", t("派出所编号", "Station id"), key=True),
        Field("station_name", t("派出所", "Station"), key=unit is not None),
        Field("school", t("学校编号", "School id"), key=True),
        Field("school_name", t("学校", "School")),
        *numbers,
    )
    rows: list[tuple[Cell, ...]] = [
        (
            s.station,
            station_name(ledger, s.station, lang),
            s.id,
            s.name,
            *(counts[(s.id, n.id)] for n in numbers),
        )
        for s in schools
    ]
    totals = [sum(counts[(s.id, n.id)] for s in schools) for n in numbers]
    listing = Listing(
        "schools",
        fields,
        tuple(rows),
        group="station_name" if unit is None else None,
        total=(
            None,
            None,
            None,
            t(f"合计({len(schools)}所)", f"Total ({len(schools)} schools)"),
            *totals,
        )
        if schools
        else None,
        empty=t("没有学校。", "No schools."),
    )
    found, on_time, late, still = totals[1:5]
    lead = t(
        f"统计期间{start}至{last}。{len(schools)}所学校共发现隐患{found}处,按期整改{on_time}处,"
        f"逾期整改{late}处,截至{as_of}尚未整改{still}处。按期整改指在整改期限内(或未定期限)整改到位。",
        f"From {start} to {last}. {len(schools)} schools: {found} hazards found, {on_time} "
        f"rectified on time, {late} late, {still} still open on {as_of}. On time means by the "
        "deadline (or with no deadline set).",
    )
    campaign = ledger.campaign
    title = Msg(
        f"{campaign.name}平安校园考核情况表", f"{campaign.name}: safe-campus scorecard"
    ).render(lang)
    if reporting is not None:
        title += t(f"({reporting.label})", f" ({reporting.label})")
    return Document(
        form="schools",
        title=title,
        lang=lang,
        campaign=Head(campaign.id, campaign.name),
        as_of=as_of,
        period=window.period,
        cumulative=None,
        provenance=provenance,
        version=__version__,
        sections=(
            Section(
                "schools",
                heading(1, "各校情况", "By school", lang),
                (Paragraph(lead), listing),
            ),
        ),
        reporting_unit=reporting,
        notes=notes,
    )
