"""Export stage: the tables that are not records: `findings` (every obligation instance at D,
as `check --all --format json` gives them), `form_values` (the statistics form of every
month and half-month of the campaign up to D, tidy as its JSON) and `campaign` (one row: the
campaign, D and the data it came from)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from hxay import __version__
from hxay.export.columns import Col, to_frame
from hxay.models.errors import UsageError
from hxay.models.findings import STATUSES, Finding
from hxay.models.ledger import Ledger, Provenance
from hxay.models.measures import BY_ID, MEASURES
from hxay.models.text import Lang
from hxay.reports.period import Window, month_window
from hxay.reports.stats import build_stats

if TYPE_CHECKING:
    from pandas import DataFrame

SPANS = ("month", "half")


def findings_frame(findings: Sequence[Finding], campaign: str, lang: Lang) -> DataFrame:
    """One row per finding in check's order; `refs` a list column, messages in `lang`."""
    from hxay.rules.registry import BY_ID as OBLIGATIONS

    cols: list[Col[Finding]] = [
        Col("campaign", "text", lambda _: campaign),
        Col("obligation", "code", lambda f: f.obligation, tuple(OBLIGATIONS)),
        Col("status", "code", lambda f: f.status, STATUSES),
        Col("unit", "text", lambda f: f.unit),
        Col("subject", "text", lambda f: f.subject),
        Col("period", "text", lambda f: f.period),
        Col("due", "date", lambda f: f.due),
        Col("evidence", "date", lambda f: f.evidence),
        Col("message", "text", lambda f: f.msg.render(lang)),
        Col("refs", "text", lambda f: list(f.refs), many=True),
    ]
    return to_frame(cols, findings)


def windows(ledger: Ledger, as_of: dt.date) -> Iterator[tuple[str, Window]]:
    """(span, window) of every month and half-month of the campaign that has begun by D, in
    order (each month, then its halves), as `report --month M [--half H] --as-of D` counts."""
    campaign = ledger.campaign
    year, month = campaign.start.year, campaign.start.month
    while (year, month) <= (campaign.end.year, campaign.end.month):
        for half in (None, 1, 2):
            try:
                window = month_window(campaign, f"{year:04d}-{month:02d}", half, as_of)
            except UsageError:
                continue  # outside the campaign, or not begun by D
            yield ("month" if half is None else "half"), window
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


FormRow = tuple[str, Window, str, str, str, str, int, int]


def form_values_frame(
    ledger: Ledger, provenance: Provenance, as_of: dt.date, lang: Lang
) -> DataFrame:
    """The statistics form's values, one row per period, unit and measure (every row of the
    form: the stations, `-` 其他 and `*` 合计), with the form's own labels."""
    rows: list[FormRow] = []
    for span, window in windows(ledger, as_of):
        table = build_stats(ledger, window, provenance=provenance, lang=lang)
        for j, col in enumerate(table.columns):
            for row in table.rows:
                p, c = row.cells[j]
                rows.append((span, window, row.id, row.label, col.id, col.label, p, c))
    campaign = ledger.campaign.id
    cols: list[Col[FormRow]] = [
        Col("campaign", "text", lambda _: campaign),
        Col("period", "text", lambda x: x[1].period.label),
        Col("span", "code", lambda x: x[0], SPANS),
        Col("period_start", "date", lambda x: x[1].period.start),
        Col("period_end", "date", lambda x: x[1].period.end),
        Col("cumulative_start", "date", lambda x: x[1].cumulative.start),
        Col("cumulative_end", "date", lambda x: x[1].cumulative.end),
        Col("unit", "text", lambda x: x[2]),
        Col("unit_name", "text", lambda x: x[3]),
        Col("measure", "code", lambda x: x[4], tuple(m.id for m in MEASURES)),
        Col("measure_label", "text", lambda x: x[5]),
        Col("measure_kind", "code", lambda x: BY_ID[x[4]].kind, ("flow", "stock", "distinct")),
        Col("period_value", "count", lambda x: x[6]),
        Col("cumulative_value", "count", lambda x: x[7]),
    ]
    return to_frame(cols, rows)


def campaign_frame(ledger: Ledger, provenance: Provenance, as_of: dt.date) -> DataFrame:
    """One row: the campaign's id, name and dates, D, the data it came from, hxay's version."""
    c = ledger.campaign
    data = provenance
    cols: list[Col[None]] = [
        Col("campaign", "text", lambda _: c.id),
        Col("name", "text", lambda _: c.name),
        Col("start", "date", lambda _: c.start),
        Col("end", "date", lambda _: c.end),
        Col("issued", "date", lambda _: c.issued_date),
        Col("as_of", "date", lambda _: as_of),
        Col("data.path", "text", lambda _: data.path),
        Col("data.commit", "text", lambda _: data.commit),
        Col("data.dirty", "bool", lambda _: data.dirty),
        Col("data.records", "count", lambda _: data.records),
        Col("data.errors", "count", lambda _: data.errors),
        Col("data.left_out", "count", lambda _: data.left_out),
        Col("hxay", "text", lambda _: __version__),
    ]
    return to_frame(cols, [None])
