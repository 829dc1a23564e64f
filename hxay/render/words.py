"""Stage 5, render: the wording every format shares, so each says the same about a report:
its period as a title, the range lines, the data it came from, the indicators that are a
state on a day, the statistics form's head and foot (表号, 填报单位, the signatures), the
check's count per status. (Status words are models.findings.STATUS_WORDS.)"""

from __future__ import annotations

import datetime as dt
import re

from hxay.models.campaign import FormHeader
from hxay.models.findings import STATUS_WORDS, STATUSES
from hxay.models.ledger import Provenance
from hxay.models.text import Lang, Msg
from hxay.reports.check import CheckReport
from hxay.reports.document import Document
from hxay.reports.table import Head, Table

_LABEL_RE = re.compile(r"(\d{4})-(\d{2})(?:-([12]))?")


def t(lang: Lang, zh: str, en: str) -> str:
    return Msg(zh, en).render(lang)


def range_lines(r: Table | Document) -> list[str]:
    """The period, the cumulative range, the as-of date (documents) and the reporting unit."""
    lang = r.lang
    out: list[str] = []
    p = r.period
    if p is not None:
        label = t(lang, "专项行动", "campaign") if p.label == "campaign" else p.label
        out.append(
            t(
                lang,
                f"统计期间:{p.start} 至 {p.end}({label})",
                f"Period: {p.start} to {p.end} ({label})",
            )
        )
    c = r.cumulative
    if c is not None:
        out.append(t(lang, f"累计:{c.start} 至 {c.end}", f"Cumulative: {c.start} to {c.end}"))
    if isinstance(r, Document):
        out.append(t(lang, f"截至:{r.as_of}", f"As of: {r.as_of}"))
    u = r.reporting_unit
    if u is not None:
        zh_id, en_id = (f"({u.id})", f" ({u.id})") if u.id else ("", "")
        out.append(t(lang, f"填报单位:{u.label}{zh_id}", f"Reporting unit: {u.label}{en_id}"))
    return out


def part_heading(r: Table, part: Head) -> str:
    """A column group's heading (本期 / 累计) with the dates it covers."""
    span = r.period if part.id == "period" else r.cumulative
    if span is None:
        return part.label
    return t(
        r.lang,
        f"{part.label}({span.start} 至 {span.end})",
        f"{part.label} ({span.start} to {span.end})",
    )


def day_text(day: dt.date, lang: Lang) -> str:
    """A date as a form writes it: 2012年5月31日, or ISO in English."""
    return f"{day.year}年{day.month}月{day.day}日" if lang == "zh" else day.isoformat()


def period_title(r: Table) -> str | None:
    """The period as a form's title names it: 2012年5月, 2012年9月下半月; the dates follow
    when the range is cut short (by the campaign's start or end, or by --as-of)."""
    p = r.period
    if p is None:
        return None
    match = _LABEL_RE.fullmatch(p.label)
    if match is None:
        return t(r.lang, f"{p.start} 至 {p.end}", f"{p.start} to {p.end}")
    year, month, half = int(match[1]), int(match[2]), match[3]
    first = dt.date(year, month, 16 if half == "2" else 1)
    after = dt.date(year + month // 12, month % 12 + 1, 1)
    last = first.replace(day=15) if half == "1" else after - dt.timedelta(days=1)
    zh = f"{year}年{month}月" + {"1": "上半月", "2": "下半月", None: ""}[half]
    en = p.label
    if (p.start, p.end) != (first, last):
        zh += f"({p.start.month}月{p.start.day}日至{p.end.month}月{p.end.day}日)"
        en += f" ({p.start} to {p.end})"
    return Msg(zh, en).render(r.lang)


def stock_line(r: Table) -> str | None:
    """Which indicators are a state on the last day (the same under every part), if any."""
    stock = [c.label for c in r.columns if c.one_value]
    if not stock or len(r.parts) < 2:
        return None
    last = r.period.end if r.period is not None else r.as_of
    return t(
        r.lang,
        f"{'、'.join(stock)}为 {last} 的时点数,本期与累计相同",
        f"{'; '.join(stock)}: the state on {last}, the same in both parts",
    )


def data_line(d: Provenance, as_of: dt.date, version: str | None, lang: Lang) -> str:
    """Which data a report came from, as of when, and which hxay made it."""
    if d.commit is None:
        zh_git, en_git = "不在 git 仓库中", "not in git"
    else:
        zh_git = f"提交 {d.commit[:10]}" + (",有未提交的修改" if d.dirty else "")
        en_git = f"commit {d.commit[:10]}" + (", with uncommitted changes" if d.dirty else "")
    made = f";hxay {version}" if version else ""
    made_en = f"; hxay {version}" if version else ""
    return t(
        lang,
        f"数据:{d.path}({zh_git});记录 {d.records} 条,错误 {d.errors} 个,未计入 {d.left_out} 条;"
        f"截至 {as_of}{made}",
        f"Data: {d.path} ({en_git}); {d.records} records, {d.errors} errors, "
        f"{d.left_out} left out; as of {as_of}{made_en}",
    )


def report_data_line(r: Table | Document) -> str:
    return data_line(r.provenance, r.as_of, r.version, r.lang)


def summary_line(report: CheckReport) -> str:
    """One count per status over everything in scope, whatever the view."""
    lang = report.lang
    parts = [f"{STATUS_WORDS[s].render(lang)} {report.summary.get(s, 0)}" for s in STATUSES]
    head = Msg("合计:", "Summary: ").render(lang)
    return head + ("  ".join(parts) if lang == "zh" else ", ".join(parts))


BLANK = "________"
"""A line to fill in by hand."""
BLANK_DATE = Msg("____年__月__日", "____-__-__")
TOP_RIGHT = (
    ("table_no", Msg("表    号:", "Form no.: ")),
    ("issuer", Msg("制表机关:", "Issued by: ")),
    ("approval", Msg("批准文号:", "Approval no.: ")),
)
SIGNATURES = (
    ("head", Msg("单位负责人:", "Head of unit: ")),
    ("reviewer", Msg("审核人:", "Reviewed by: ")),
    ("filled_by", Msg("填表人:", "Prepared by: ")),
    ("phone", Msg("联系电话:", "Phone: ")),
)


def _given(header: FormHeader | None, key: str) -> str | None:
    value = getattr(header, key) if header is not None else None
    return value if isinstance(value, str) and value.strip() else None


def top_right_lines(r: Table) -> list[str]:
    """表号, 制表机关 and 批准文号 as configured in `forms.header` (none when not)."""
    return [label.render(r.lang) + v for key, label in TOP_RIGHT if (v := _given(r.header, key))]


def form_unit(r: Table) -> str:
    """填报单位: `forms.header.unit` on the city's form, the station on a station's form,
    else the campaign office."""
    configured = _given(r.header, "unit")
    if any(row.total for row in r.rows) and configured is not None:
        return configured
    if r.reporting_unit is not None:
        return r.reporting_unit.label
    return configured or ""


def unit_line(r: Table) -> str:
    return t(r.lang, "填报单位(盖章):", "Reporting unit (seal): ") + form_unit(r)


def date_line(r: Table) -> str:
    """填报日期, left blank: the day the form is signed is written by hand."""
    return t(r.lang, "填报日期:", "Date: ") + BLANK_DATE.render(r.lang)


def signature_cells(r: Table) -> list[str]:
    """The foot's five fields: configured names, else blank lines to fill in by hand."""
    out = [label.render(r.lang) + (_given(r.header, key) or BLANK) for key, label in SIGNATURES]
    out.append(t(r.lang, "报出日期:", "Date sent: ") + BLANK_DATE.render(r.lang))
    return out
