"""Stage 4, reports: each hazard as a closed loop, 发现 -> 交办 -> 整改期限 -> 整改到位 -> 复查销号,
with how late each step was, measured against the duty that covers it (hazard_assignment,
hazard_rectification, hazard_review: their findings at D). A step whose duty is off shows
its date alone. Dates later than D are not known yet.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from types import MappingProxyType

from hxay.models import records as r
from hxay.models.findings import Finding
from hxay.models.ledger import Ledger
from hxay.models.text import Lang, Msg
from hxay.reports.common import SEVERITY_NAMES, finding_days, rectifier_text, supervisor_text
from hxay.reports.document import Cell, Field, Listing
from hxay.rules.hazards import lacking

STEPS: Mapping[str, str] = MappingProxyType(
    {
        "assignment": "hazard_assignment",
        "rectification": "hazard_rectification",
        "review": "hazard_review",
    }
)
"""Each step of the loop that has a due date, and the obligation that sets it."""

STAGE_WORDS: Mapping[str, Msg] = MappingProxyType(
    {
        "closed": Msg("已销号", "closed"),
        "rectified": Msg("已整改", "rectified"),
        "overdue": Msg("逾期未整改", "past deadline"),
        "unassigned": Msg("待交办", "not assigned"),
        "rectifying": Msg("整改中", "being rectified"),
    }
)
"""Where a hazard is in its loop at D."""

Steps = Mapping[tuple[str, str], Finding]


def seen(day: dt.date | None, as_of: dt.date) -> dt.date | None:
    """An event date as known at D: absent when later."""
    return day if day is not None and day <= as_of else None


def stage(h: r.Hazard, as_of: dt.date) -> str:
    """closed (reviewed), rectified, overdue (past its deadline), unassigned (a deadline,
    supervisor or rectifier missing), or rectifying."""
    if seen(h.rectified, as_of) is not None:
        return "closed" if seen(h.reviewed, as_of) is not None else "rectified"
    if h.deadline is not None and h.deadline < as_of:
        return "overdue"
    return "unassigned" if lacking(h) else "rectifying"


def step_steps(findings: Sequence[Finding]) -> Steps:
    """The findings of the loop's steps by (obligation, hazard id)."""
    wanted = set(STEPS.values())
    return {(f.obligation, f.subject): f for f in findings if f.obligation in wanted}


def note(f: Finding | None, as_of: dt.date, lang: Lang) -> str:
    """How a step stands against its duty: on time, N days late, N days overdue, or due."""
    if f is None:
        return ""
    days = finding_days(f, as_of)
    words = {
        "met": Msg("按时", "on time"),
        "late": Msg(f"逾期{days}天完成", f"{days} days late"),
        "overdue": Msg(f"逾期{days}天未完成", f"{days} days overdue"),
        "due": Msg(f"期限{f.due}", f"due {f.due}"),
    }
    return words[f.status].render(lang)


def _unit_name(ledger: Ledger, unit: object) -> str:
    return ledger.name_of(unit) if isinstance(unit, str) else ""


def _joined(*parts: str) -> str:
    return ";".join(p for p in parts if p)


def loop_listing(
    ledger: Ledger, hazards: Sequence[r.Hazard], steps: Steps, as_of: dt.date, lang: Lang
) -> Listing:
    """One row per hazard (in the order given): what it is, who found it, each step with its
    date and how late it was, and where it stands at D."""

    def t(zh: str, en: str) -> str:
        return Msg(zh, en).render(lang)

    fields = (
        Field("hazard", t("编号", "Id"), short=True),
        Field("description", t("隐患描述", "Description"), key=True),
        Field("severity", t("程度", "Severity"), key=True),
        Field("hazard_text", t("隐患(程度)", "Hazard (severity)"), text=True),
        Field("found", t("发现日期", "Found on"), key=True),
        Field("source", t("发现记录", "Found by record"), key=True),
        Field("found_by", t("发现单位", "Found by unit"), key=True),
        Field("found_text", t("发现", "Found"), text=True),
        Field("supervisor", t("督办责任人", "Supervisor"), key=True),
        Field("supervisor_unit", t("督办单位", "Supervising unit"), key=True),
        Field("rectifier", t("整改责任人", "Rectifier"), key=True),
        Field("assignment", t("交办情况", "Assignment"), key=True),
        Field("assignment_days", t("交办逾期天数", "Assignment days late"), numeric=True, key=True),
        Field(
            "assigned_text",
            t("交办(督办、整改责任人)", "Assigned (supervisor, rectifier)"),
            text=True,
        ),
        Field("deadline", t("整改期限", "Deadline"), short=True),
        Field("rectified", t("整改到位日期", "Rectified on"), key=True),
        Field("rectification", t("整改情况", "Rectification"), key=True),
        Field("rectification_days", t("整改逾期天数", "Days late"), numeric=True, key=True),
        Field("rectified_text", t("整改到位", "Rectified"), text=True),
        Field("reviewed", t("复查销号日期", "Reviewed on"), key=True),
        Field("verified_by", t("复查人", "Reviewed by"), key=True),
        Field("review", t("复查情况", "Review"), key=True),
        Field("review_days", t("复查逾期天数", "Review days late"), numeric=True, key=True),
        Field("reviewed_text", t("复查销号", "Reviewed"), text=True),
        Field("stage", t("现状代码", "Stage code"), key=True),
        Field("stage_text", t("现状", "Now"), short=True, text=True),
    )
    rows: list[tuple[Cell, ...]] = []
    for h in hazards:
        source = ledger.hazard_source(h)
        found_by = getattr(source, "unit", None)
        assignment = steps.get((STEPS["assignment"], h.id))
        rectification = steps.get((STEPS["rectification"], h.id))
        review = steps.get((STEPS["review"], h.id))
        rectified, reviewed = seen(h.rectified, as_of), seen(h.reviewed, as_of)
        now = stage(h, as_of)
        rows.append(
            (
                h.id,
                h.description,
                str(h.severity),
                h.description
                if h.severity == "general"
                else t(
                    f"{h.description}({SEVERITY_NAMES[str(h.severity)].zh})",
                    f"{h.description} ({h.severity})",
                ),
                h.found.isoformat(),
                source.id if source is not None else None,
                found_by if isinstance(found_by, str) else None,
                " ".join(x for x in (h.found.isoformat(), _unit_name(ledger, found_by)) if x),
                h.supervisor.name if h.supervisor else None,
                h.supervisor.unit if h.supervisor else None,
                h.rectifier.name if h.rectifier else None,
                assignment.status if assignment else None,
                finding_days(assignment, as_of) if assignment else None,
                _assigned_text(ledger, h, assignment, as_of, lang),
                h.deadline.isoformat() if h.deadline else None,
                rectified.isoformat() if rectified else None,
                rectification.status if rectification else None,
                finding_days(rectification, as_of) if rectification else None,
                _rectified_text(h, rectified, rectification, as_of, lang),
                reviewed.isoformat() if reviewed else None,
                h.verified_by if reviewed else None,
                review.status if review else None,
                finding_days(review, as_of) if review else None,
                _reviewed_text(h, rectified, reviewed, review, as_of, lang),
                now,
                STAGE_WORDS[now].render(lang),
            )
        )
    return Listing(
        "hazards",
        fields,
        tuple(rows),
        empty=t("专项行动期间未发现隐患。", "No hazard was found during the campaign."),
    )


def _assigned_text(
    ledger: Ledger, h: r.Hazard, f: Finding | None, as_of: dt.date, lang: Lang
) -> str:
    """The persons recorded, then what is missing and how the step stands."""
    persons = _joined(
        Msg(
            f"督办:{supervisor_text(ledger, h)}", f"supervisor: {supervisor_text(ledger, h)}"
        ).render(lang)
        if h.supervisor
        else "",
        Msg(f"整改:{rectifier_text(h)}", f"rectifier: {rectifier_text(h)}").render(lang)
        if h.rectifier
        else "",
    )
    missing = lacking(h)
    if not missing:
        return _joined(persons, Msg("已落实", "assigned").render(lang))
    if f is not None and f.status == "met" and f.evidence is not None:
        return _joined(persons, Msg("当场整改", "fixed on the spot").render(lang))
    gap = Msg(
        "未落实" + "、".join(m.zh for m in missing), "no " + ", ".join(m.en for m in missing)
    ).render(lang)
    return _joined(persons, gap, note(f, as_of, lang))


def _rectified_text(
    h: r.Hazard, rectified: dt.date | None, f: Finding | None, as_of: dt.date, lang: Lang
) -> str:
    if rectified is not None:
        if h.deadline is None:
            return _joined(rectified.isoformat(), Msg("未定期限", "no deadline").render(lang))
        return _joined(rectified.isoformat(), note(f, as_of, lang))
    return _joined(Msg("未整改", "not rectified").render(lang), note(f, as_of, lang))


def _reviewed_text(
    h: r.Hazard,
    rectified: dt.date | None,
    reviewed: dt.date | None,
    f: Finding | None,
    as_of: dt.date,
    lang: Lang,
) -> str:
    if reviewed is not None:
        return _joined(reviewed.isoformat(), h.verified_by or "", note(f, as_of, lang))
    if rectified is None or f is None:
        return ""  # nothing to review yet, or no review asked for (hazard_review is off)
    return _joined(Msg("未复查", "not reviewed").render(lang), note(f, as_of, lang))
