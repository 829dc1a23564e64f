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
