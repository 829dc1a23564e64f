"""A finding: one obligation instance for one subject and period, with its status at D."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal

from hxay.models.text import Lang, Msg

NO_DUTY = Msg("", "")

Status = Literal["met", "late", "overdue", "due"]
STATUSES: tuple[Status, ...] = ("overdue", "due", "late", "met")
STATUS_WORDS: Mapping[Status, Msg] = MappingProxyType(
    {
        "overdue": Msg("逾期未完成", "overdue"),
        "due": Msg("待完成", "due"),
        "late": Msg("逾期完成", "late"),
        "met": Msg("按时完成", "met"),
    }
)
"""The one vocabulary for statuses in every output for people (the codes stay in data)."""

DOCUMENT_WORDS: Mapping[str, Msg] = MappingProxyType(
    {
        "inspection": Msg("安全技术检验", "safety inspection"),
        "insurance": Msg("承运人责任险", "carrier liability insurance"),
        "permit": Msg("校车标牌", "school-bus permit"),
        "license": Msg("驾驶证", "driving licence"),
    }
)
"""The documents `vehicle_documents` watches, by the code its periods carry (`license:NAME`
for a driver's licence); the rule words its messages with them, the views for people its
periods (machine formats keep the codes)."""
CAMPAIGN_WORDS = Msg("专项行动", "campaign")
"""The period `campaign` (a duty owed once over the whole campaign) in words."""


@dataclass(frozen=True, slots=True)
class Finding:
    obligation: str
    status: Status
    unit: str | None
    subject: str
    period: str | None
    due: dt.date
    evidence: dt.date | None
    msg: Msg
    refs: tuple[str, ...]
    duty: Msg = NO_DUTY  # the duty in the plan's words, as the views for people show it
    detail: Msg | None = None  # the message without the dates, for views that show them apart

    def sort_key(self) -> tuple[int, str, dt.date, str, str, str]:
        """(unit, due, obligation, subject, period); strings by code point, a null unit last."""
        return (
            self.unit is None,
            self.unit or "",
            self.due,
            self.obligation,
            self.subject,
            self.period or "",
        )

    def period_words(self, lang: Lang) -> str:
        """The period as people read it: `inspection` as 安全技术检验, `license:张三` as
        驾驶证(张三), `campaign` as 专项行动; months, terms and ids as they are."""
        period = self.period
        if period is None:
            return ""
        if period == "campaign":
            return CAMPAIGN_WORDS.render(lang)
        if self.obligation != "vehicle_documents":
            return period
        code, _, name = period.partition(":")
        words = DOCUMENT_WORDS.get(code)
        if words is None:
            return period
        if not name:
            return words.render(lang)
        return Msg(f"{words.zh}({name})", f"{words.en} ({name})").render(lang)

    def as_dict(self, lang: Lang) -> dict[str, object]:
        return {
            "obligation": self.obligation,
            "status": self.status,
            "unit": self.unit,
            "subject": self.subject,
            "period": self.period,
            "due": self.due.isoformat(),
            "evidence": self.evidence.isoformat() if self.evidence else None,
            "message": self.msg.render(lang),
            "refs": list(self.refs),
        }
