"""Stage 4, reports: 一校一档, everything about one school from the campaign start to D: its
register entry and vehicles, inspections, each hazard's closed loop, legal visits, education,
trainings, cases, and every obligation about the school or its hazards, vehicles and drivers.

`DossierBuilder` indexes the ledger and the findings once, so a file for every school costs
one pass over the records; `select_schools` reads `--school` (ids or exact names).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence

from hxay import __version__
from hxay.models import codes as c
from hxay.models import records as r
from hxay.models.findings import STATUS_WORDS, Finding
from hxay.models.ledger import Ledger, Provenance
from hxay.models.text import Lang, Msg
from hxay.reports import dossier_parts as parts
from hxay.reports.check import subject_name
from hxay.reports.common import (
    campaign_window,
    finding_days,
    heading,
    station_head,
    status_counts,
    subject_school,
)
from hxay.reports.document import Block, Cell, Document, Field, Listing, Paragraph, Section
from hxay.reports.hazardloop import STAGE_WORDS, loop_listing, stage, step_steps
from hxay.reports.period import UsageError
from hxay.reports.scope import school_id
from hxay.reports.table import Head


def select_schools(ledger: Ledger, wanted: Sequence[str], unit: str | None) -> list[r.School]:
    """The schools `--school` names (ids or exact names, in the order given), or with none
    given every school open on some day of the campaign up to its end, of `--unit` if set.

    An unknown school, or one not of `--unit`, is a UsageError naming the nearest ids."""
    head = station_head(ledger, unit)
    unit = head.id if head is not None else None
    if not wanted:
        campaign = ledger.campaign
        return [
            s
            for s in ledger.schools.values()
            if (s.opened is None or s.opened <= campaign.end)
            and (s.closed is None or s.closed > campaign.start)
            and (unit is None or s.station == unit)
        ]
    out: list[r.School] = []
    for text in wanted:
        school = ledger.schools[school_id(ledger, text)]
        if unit is not None and school.station != unit:
            raise UsageError(
                Msg(
                    f"--school {text}:该校属于 {school.station},不属于 --unit {unit}",
                    f"--school {text}: the school belongs to {school.station}, not to --unit {unit}",
                )
            )
        if school not in out:
            out.append(school)
    return out


class DossierBuilder:
    """The ledger's records and the findings at D grouped by school, once for every file."""

    def __init__(self, ledger: Ledger, as_of: dt.date, findings: Sequence[Finding]) -> None:
        self.ledger = ledger
        self.as_of = as_of
        self.window = campaign_window(ledger, as_of)
        last = min(as_of, ledger.campaign.end)
        self.hazards: dict[str, list[r.Hazard]] = defaultdict(list)
        for h in ledger.of_kind(r.Hazard):
            school = ledger.school_of(h)
            if school is not None and h.found <= last:
                self.hazards[school.id].append(h)
        self.findings: dict[str, list[Finding]] = defaultdict(list)
        for f in findings:
            about = subject_school(ledger, f.subject)
            if about is not None:
                self.findings[about].append(f)
        self.steps = step_steps(findings)

    def build(
        self, school: r.School, *, provenance: Provenance, lang: Lang, notes: tuple[str, ...]
    ) -> Document:
        ledger, as_of, span = self.ledger, self.as_of, self.window.period

        def t(zh: str, en: str) -> str:
            return Msg(zh, en).render(lang)

        hazards = sorted(self.hazards.get(school.id, ()), key=lambda h: (h.found, h.id))
        findings = sorted(
            self.findings.get(school.id, ()),
            key=lambda f: (f.due, f.obligation, f.subject, f.period or ""),
        )
        found = parts.found_by(hazards, ledger)
        vehicles = parts.vehicle_listings(
            ledger, parts.vehicles_of(ledger, school, span, as_of), span, found, as_of, lang
        )
        inspections = parts.inspections_listing(ledger, school, span, found, lang)
        visits = parts.visits_listing(ledger, school, span, lang)
        education = parts.education_listing(ledger, school, span, lang)
        trainings = parts.trainings_listing(ledger, school, span, lang)
        cases = parts.cases_listing(ledger, school, span, as_of, lang)
        counts = {
            "inspections": len(inspections.rows),
            "legal_visits": len(visits.rows),
            "education": len(education.rows),
            "trainings": len(trainings.rows),
            "cases": len(cases.rows),
        }
        lead = _lead(school, hazards, findings, counts, as_of, lang)
        loop = loop_listing(ledger, hazards, self.steps, as_of, lang)
        contents: list[tuple[str, Msg, tuple[Block, ...]]] = [
            (
                "register",
                Msg("学校基本情况", "The school"),
                (Paragraph(lead), parts.register_listing(ledger, school, lang)),
            ),
            ("vehicles", Msg("接送学生车辆", "Student transport"), vehicles),
            ("inspections", Msg("安全检查", "Inspections"), (inspections,)),
            (
                "hazards",
                Msg("隐患整改闭环(发现—交办—整改—复查—销号)", "Hazards, from found to closed"),
                (Paragraph(_stage_line(hazards, as_of, lang)), loop) if hazards else (loop,),
            ),
            ("legal_visits", Msg("法制副校长到校", "Legal vice-principal visits"), (visits,)),
            ("education", Msg("安全教育", "Safety education"), (education,)),
            ("trainings", Msg("安保培训", "Security training"), (trainings,)),
            ("cases", Msg("涉校案件", "Cases"), (cases,)),
            (
                "obligations",
                Msg("义务履行情况", "Obligations"),
                (
                    Paragraph(_status_line(findings, lang)),
                    _obligations_listing(ledger, school.id, findings, as_of, lang),
                ),
            ),
        ]
        campaign = ledger.campaign
        return Document(
            form="dossier",
            title=t(
                f"{campaign.name}一校一档:{school.name}",
                f"{campaign.name}: school file, {school.name}",
            ),
            lang=lang,
            campaign=Head(campaign.id, campaign.name),
            as_of=as_of,
            period=span,
            cumulative=None,
            provenance=provenance,
            version=__version__,
            sections=tuple(
                Section(ident, heading(n, title.zh, title.en, lang), blocks)
                for n, (ident, title, blocks) in enumerate(contents, 1)
            ),
            notes=notes,
            extra={"school": parts.school_block(ledger, school)},
        )


def _lead(
    school: r.School,
    hazards: Sequence[r.Hazard],
    findings: Sequence[Finding],
    counts: Mapping[str, int],
    as_of: dt.date,
    lang: Lang,
) -> str:
    """The file in two sentences: what was done at the school, and how its duties stand."""
    stages = [stage(h, as_of) for h in hazards]
    closed = stages.count("closed")
    fixed = closed + stages.count("rectified")
    s = status_counts(findings)
    zh = (
        f"{school.name}({c.SCHOOL_TYPES[school.type]}):检查{counts['inspections']}次,"
        f"发现隐患{len(hazards)}处,已整改{fixed}处(其中复查销号{closed}处),"
        f"尚未整改{len(hazards) - fixed}处;法制副校长到校{counts['legal_visits']}次,"
        f"安全教育{counts['education']}场次,参加安保培训{counts['trainings']}次,"
        f"涉校案件{counts['cases']}起。相关义务{len(findings)}项:按时完成{s['met']}项,"
        f"逾期完成{s['late']}项,逾期未完成{s['overdue']}项,待完成{s['due']}项。"
    )
    en = (
        f"{school.name} ({school.type}): {counts['inspections']} inspections, "
        f"{len(hazards)} hazards found, {fixed} rectified ({closed} reviewed and closed), "
        f"{len(hazards) - fixed} open; {counts['legal_visits']} legal vice-principal visits, "
        f"{counts['education']} education sessions, {counts['trainings']} trainings, "
        f"{counts['cases']} cases. {len(findings)} obligations: {s['met']} met, {s['late']} "
        f"late, {s['overdue']} overdue, {s['due']} due."
    )
    return Msg(zh, en).render(lang)


def _stage_line(hazards: Sequence[r.Hazard], as_of: dt.date, lang: Lang) -> str:
    """How many hazards stand at each step of the loop at D."""
    got: dict[str, int] = defaultdict(int)
    for h in hazards:
        got[stage(h, as_of)] += 1
    parts = [(STAGE_WORDS[k], got[k]) for k in STAGE_WORDS if got[k]]
    return Msg(
        f"截至{as_of}共{len(hazards)}处:" + "、".join(f"{w.zh}{n}处" for w, n in parts) + "。",
        f"On {as_of}, {len(hazards)} hazards: " + ", ".join(f"{n} {w.en}" for w, n in parts) + ".",
    ).render(lang)


def _status_line(findings: Sequence[Finding], lang: Lang) -> str:
    s = status_counts(findings)
    return Msg(
        f"共{len(findings)}项:按时完成{s['met']}项,逾期完成{s['late']}项,"
        f"逾期未完成{s['overdue']}项,待完成{s['due']}项。",
        f"{len(findings)} in all: {s['met']} met, {s['late']} late, {s['overdue']} overdue, "
        f"{s['due']} due.",
    ).render(lang)


def _subject(ledger: Ledger, school: str, subject: str, lang: Lang) -> str:
    """A finding's subject as a school's own file names it: 本校, a hazard by its id and
    description, a vehicle by its plate (and driver)."""
    if subject == school:
        return Msg("本校", "the school").render(lang)
    head, _, driver = subject.partition(":")
    rec = ledger.by_id.get(head)
    if isinstance(rec, r.Hazard):
        return f"{rec.id} {rec.description}"
    if isinstance(rec, r.Vehicle):
        return f"{rec.plate} {driver}".strip()
    return subject_name(ledger, subject)


def _obligations_listing(
    ledger: Ledger, school: str, findings: Sequence[Finding], as_of: dt.date, lang: Lang
) -> Listing:
    """Every instance about the school, its hazards, vehicles and drivers, whatever its status."""

    def t(zh: str, en: str) -> str:
        return Msg(zh, en).render(lang)

    fields = (
        Field("obligation", t("义务", "Obligation"), key=True),
        Field("duty", t("事项", "Duty")),
        Field("subject", t("对象编号", "Subject id"), key=True),
        Field("subject_name", t("对象", "Subject"), text=True),
        Field("unit", t("责任单位编号", "Unit id"), key=True),
        Field("unit_name", t("责任单位", "Unit"), text=True),
        Field("period", t("期间", "Period")),
        Field("due", t("期限", "Due"), short=True),
        Field("status", t("状态代码", "Status code"), key=True),
        Field("status_text", t("状态", "Status"), short=True, text=True),
        Field("evidence", t("完成日期", "Done on"), key=True),
        Field("days", t("逾期天数", "Days late"), numeric=True),
        Field("message", t("说明", "Details")),
    )
    rows: list[tuple[Cell, ...]] = [
        (
            f.obligation,
            f.duty.render(lang),
            f.subject,
            _subject(ledger, school, f.subject, lang),
            f.unit,
            ledger.name_of(f.unit) if f.unit else t("(无责任单位)", "(no unit)"),
            f.period,
            f.due.isoformat(),
            f.status,
            STATUS_WORDS[f.status].render(lang),
            f.evidence.isoformat() if f.evidence else None,
            finding_days(f, as_of),
            f.msg.render(lang),
        )
        for f in findings
    ]
    return Listing(
        "obligations",
        fields,
        tuple(rows),
        empty=t("没有与本校有关的义务。", "No obligation concerns this school."),
    )


def build_dossiers(
    ledger: Ledger,
    as_of: dt.date,
    findings: Sequence[Finding],
    schools: Sequence[r.School],
    *,
    provenance: Provenance,
    lang: Lang = "zh",
    notes: tuple[str, ...] = (),
) -> dict[str, Document]:
    """One dossier per school, by school id (in the order given); `findings` are every
    obligation's at D."""
    builder = DossierBuilder(ledger, as_of, findings)
    return {s.id: builder.build(s, provenance=provenance, lang=lang, notes=notes) for s in schools}
