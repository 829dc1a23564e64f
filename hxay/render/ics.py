"""Stage 5, render: open obligation instances as an iCalendar feed (`hxay calendar`).

One all-day event per instance on its due date, with the responsible unit in the summary,
the record it is about as `path:line` (and a web link when `link_base` is given), and a UID
that stays the same from one run to the next, so a subscribed calendar updates in place.
`icalendar` is imported only here, when a feed is made.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from hxay import __version__
from hxay.models.findings import Finding
from hxay.models.ledger import Ledger
from hxay.models.text import Lang, Msg

STATUS_LABELS = {
    "overdue": Msg("逾期", "overdue"),
    "due": Msg("待办", "due"),
    "late": Msg("逾期完成", "late"),
    "met": Msg("已完成", "met"),
}
_FIELDS = {
    "obligation": Msg("义务", "Obligation"),
    "unit": Msg("责任单位", "Responsible unit"),
    "subject": Msg("对象", "Subject"),
    "period": Msg("期间", "Period"),
    "due": Msg("到期", "Due"),
    "status": Msg("状态", "Status"),
    "refs": Msg("记录", "Records"),
    "link": Msg("链接", "Link"),
}


@dataclass(frozen=True)
class FeedOptions:
    """What the feed says about itself, and where record links point."""

    as_of: dt.date
    days: int
    stamp: dt.datetime  # DTSTAMP: when the feed was made (the CLI's clock)
    lang: Lang = "zh"
    units: tuple[str, ...] = ()
    link_base: str | None = None  # e.g. a web view of the data repository: BASE + path#Lline
    commit: str | None = None


def _named(ledger: Ledger, ident: str | None) -> str:
    if ident is None:
        return "-"
    name = ledger.name_of(ident)
    return ident if name == ident else f"{name} ({ident})"


def _subject(ledger: Ledger, subject: str) -> str:
    head, sep, rest = subject.partition(":")
    if sep and head in ledger.by_id:
        return f"{ledger.name_of(head)}:{rest} ({subject})"
    return _named(ledger, subject)


def link(base: str, ref: str) -> str:
    """`base` + the record's path, with a `#L<line>` anchor as git web views read it."""
    path, _, line = ref.rpartition(":")
    return f"{base.rstrip('/')}/{path}#L{line}" if path else f"{base.rstrip('/')}/{ref}"


def uid(f: Finding, campaign: str) -> str:
    """The same instance gets the same UID in every run (subscribers update, not duplicate)."""
    key = "\x1f".join((campaign, f.obligation, f.unit or "", f.subject, f.period or ""))
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:24]
    return f"{f.obligation}-{digest}@{campaign}.hxay"


def summary(f: Finding, ledger: Ledger, lang: Lang) -> str:
    duty = f.duty.render(lang) or f.obligation
    unit = ledger.name_of(f.unit) if f.unit else "-"
    subject = _subject(ledger, f.subject)
    return f"[{STATUS_LABELS[f.status].render(lang)}] {unit}:{duty} — {subject}"


def description(f: Finding, ledger: Ledger, options: FeedOptions) -> str:
    lang = options.lang
    duty = f.duty.render(lang)

    def row(key: str, value: str) -> str:
        return f"{_FIELDS[key].render(lang)}: {value}"

    lines = [
        f.msg.render(lang),
        "",
        row("obligation", f"{f.obligation} {duty}".strip()),
        row("unit", _named(ledger, f.unit)),
        row("subject", _subject(ledger, f.subject)),
        row("period", f.period or "-"),
        row("due", f.due.isoformat()),
        row("status", f"{f.status} {STATUS_LABELS[f.status].render(lang)}"),
        row("refs", "; ".join(f.refs) or "-"),
    ]
    if options.link_base and f.refs:
        lines.append(row("link", link(options.link_base, f.refs[0])))
    return "\n".join(lines)


def to_ics(findings: Sequence[Finding], ledger: Ledger, options: FeedOptions) -> bytes:
    """The feed as iCalendar bytes (RFC 5545: CRLF line ends, folded lines)."""
    from icalendar import Calendar, Event

    campaign = ledger.campaign
    lang = options.lang
    title = Msg(f"{campaign.name} 到期事项", f"{campaign.name}: due dates").render(lang)
    if options.units:
        title += " — " + "、".join(ledger.name_of(u) for u in options.units)
    about = Msg(
        f"截至 {options.as_of},前后 {options.days} 天内到期且尚未完成的事项;由 hxay calendar 生成",
        f"open obligations due within {options.days} days of {options.as_of}; "
        "made by hxay calendar",
    ).render(lang)
    if options.commit:
        about += f" (data {options.commit[:12]})"
    cal = Calendar()
    cal.add("prodid", f"-//hxay//hxay {__version__}//{lang.upper()}")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", title)
    cal.add("x-wr-caldesc", about)
    cal.add("x-wr-timezone", campaign.timezone)
    cal.add("refresh-interval", dt.timedelta(days=1), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "P1D")
    for f in findings:
        event = Event()
        event.add("uid", uid(f, campaign.id))
        event.add("dtstamp", options.stamp.astimezone(dt.UTC))
        event.add("dtstart", f.due)
        event.add("dtend", f.due + dt.timedelta(days=1))
        event.add("summary", summary(f, ledger, lang))
        event.add("description", description(f, ledger, options))
        event.add("categories", [f.obligation, f.status])
        event.add("transp", "TRANSPARENT")
        if options.link_base and f.refs:
            event.add("url", link(options.link_base, f.refs[0]))
        event.add("x-hxay-obligation", f.obligation)
        event.add("x-hxay-status", f.status)
        event.add("x-hxay-unit", f.unit or "")
        event.add("x-hxay-subject", f.subject)
        if f.period:
            event.add("x-hxay-period", f.period)
        for ref in f.refs:
            event.add("x-hxay-ref", ref)
        cal.add_component(event)
    return bytes(cal.to_ical())
