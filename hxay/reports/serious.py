"""Stage 4, reports: 隐患学校名单, schools with a serious or major hazard not rectified on a day.

The list the plan asks each station to send on 09-23 to the city PSB and the education
bureau: every such hazard with its deadline, whether it is past it, and the responsible
persons (the administrative supervisor and the school's rectifier), grouped by station.
"""

from __future__ import annotations

import datetime as dt

from hxay import __version__
from hxay.models.ledger import Ledger, Provenance
from hxay.models.text import Lang, Msg
from hxay.reports.common import hazard_listing, heading, open_hazards, station_head
from hxay.reports.document import Document, Paragraph, Section
from hxay.reports.table import Head

SERIOUS = frozenset({"serious", "major"})


def build_serious_list(
    ledger: Ledger,
    as_of: dt.date,
    *,
    provenance: Provenance,
    lang: Lang = "zh",
    unit: str | None = None,
    notes: tuple[str, ...] = (),
) -> Document:
    """Serious and major hazards found by `as_of` and not rectified by it, of every station
    (or of `unit`), in (station, school, found, id) order."""

    def t(zh: str, en: str) -> str:
        return Msg(zh, en).render(lang)

    reporting = station_head(ledger, unit)
    unit = reporting.id if reporting is not None else None
    hazards = open_hazards(ledger, as_of, station=unit, where=lambda h: h.severity in SERIOUS)
    schools = {h.school for h in hazards}
    past = sum(1 for h in hazards if h.deadline is not None and h.deadline < as_of)
    major = sum(1 for h in hazards if h.severity == "major")
    lead = t(
        f"截至{as_of},共有{len(schools)}所学校(幼儿园)存在{len(hazards)}处严重或重大安全隐患"
        f"尚未整改到位(其中重大隐患{major}处),{past}处已超过整改期限。",
        f"On {as_of}, {len(schools)} schools have {len(hazards)} serious or major hazards not "
        f"rectified ({major} major); {past} are past their deadline.",
    )
    campaign = ledger.campaign
    title = Msg(
        f"{campaign.name}隐患学校名单", f"{campaign.name}: schools with serious hazards"
    ).render(lang)
    if reporting is not None:
        title += t(f"({reporting.label})", f" ({reporting.label})")
    listing = hazard_listing(ledger, hazards, as_of, lang, grouped=unit is None)
    section = Section(
        "hazards",
        heading(
            1, "安全隐患严重且整改不彻底的学校", "Schools with serious hazards not rectified", lang
        ),
        (Paragraph(lead), listing),
    )
    return Document(
        form="serious-list",
        title=title,
        lang=lang,
        campaign=Head(campaign.id, campaign.name),
        as_of=as_of,
        period=None,
        cumulative=None,
        provenance=provenance,
        version=__version__,
        sections=(section,),
        reporting_unit=reporting,
        notes=notes,
    )
