"""campaign.yaml -> Campaign, every problem an E-campaign diagnostic at its line."""

from __future__ import annotations

import itertools
import re
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from pydantic import ValidationError

from hxay.loading.errors import diagnostics_from, did_you_mean
from hxay.loading.yamlsrc import RawRecord, read_records
from hxay.models.campaign import PERIOD_LABEL, Campaign, Params
from hxay.models.diagnostics import Diagnostic
from hxay.models.measures import BY_ID as MEASURES
from hxay.models.text import Msg
from hxay.rules.registry import BY_ID as OBLIGATIONS
from hxay.rules.schools import COMPREHENSIVE_INSPECTION

_LABEL = Msg("campaign.yaml ", "campaign.yaml")


def _at(raw: RawRecord, loc: tuple[str | int, ...], msg: Msg, *, key: bool = False) -> Diagnostic:
    line, col = raw.pos(loc, key=key)
    return Diagnostic(raw.path, line, col, "E-campaign", msg)


def parse_campaign(path: str, data: bytes) -> tuple[Campaign | None, list[Diagnostic]]:
    raws, problems = read_records(path, data)
    if problems:
        return None, problems
    if len(raws) != 1:
        return None, [
            Diagnostic(
                path,
                1,
                1,
                "E-campaign",
                Msg(
                    "campaign.yaml 应为一个映射(id、name、start、end、terms ...)",
                    "campaign.yaml must be one mapping (id, name, start, end, terms, ...)",
                ),
            )
        ]
    raw = raws[0]
    data_in = {k: v for k, v in raw.data.items() if v is not None}
    out: list[Diagnostic] = []
    settings: dict[str, Params] = {}
    obligations = data_in.pop("obligations", None)
    if isinstance(obligations, dict):
        settings, out = _obligations(raw, obligations)
    elif obligations is not None:
        out.append(
            _at(
                raw,
                ("obligations",),
                Msg(
                    "obligations 应为映射(义务编号: 参数)",
                    "obligations must be a mapping (obligation id: parameters)",
                ),
            )
        )
    try:
        campaign = Campaign.model_validate(data_in)
    except ValidationError as exc:
        return None, out + diagnostics_from(exc, raw, Campaign, _LABEL, code_override="E-campaign")
    if out:
        return None, out
    campaign = campaign.model_copy(update={"obligations": settings})
    out += _consistency(raw, campaign)
    return (None if out else campaign), out


def _obligations(
    raw: RawRecord, given: dict[str, Any]
) -> tuple[dict[str, Params], list[Diagnostic]]:
    """Each written obligation's parameters, validated with its own model; an unknown id or
    parameter is an error at its line."""
    settings: dict[str, Params] = {}
    out: list[Diagnostic] = []
    for key, value in given.items():
        ob = OBLIGATIONS.get(str(key))
        if ob is None:
            hint = did_you_mean(str(key), OBLIGATIONS)
            out.append(
                _at(
                    raw,
                    ("obligations", key),
                    Msg(f"未知的义务 '{key}'{hint.zh}", f"unknown obligation '{key}'{hint.en}"),
                    key=True,
                )
            )
            continue
        try:
            settings[ob.id] = ob.params.model_validate({} if value is None else value)
        except ValidationError as exc:
            label = Msg(f"义务 {ob.id} ", f"obligation {ob.id}")
            out += diagnostics_from(
                exc, raw, ob.params, label, ("obligations", key), code_override="E-campaign"
            )
    return settings, out


MAX_CAMPAIGN_DAYS = 3660
"""A campaign of more than ten years is a typo in a year, and would make every rule crawl."""


def _timezone(raw: RawRecord, c: Campaign) -> list[Diagnostic]:
    """`timezone` names a zone this machine knows (what "today" means is not guessed)."""
    try:
        ZoneInfo(c.timezone)
    except (ValueError, KeyError, OSError):
        return [
            _at(
                raw,
                ("timezone",),
                Msg(
                    f"未知的时区 '{c.timezone}';请写 IANA 时区名,如 Asia/Shanghai",
                    f"unknown timezone '{c.timezone}'; write an IANA zone name such as Asia/Shanghai",
                ),
            )
        ]
    return []


def _consistency(raw: RawRecord, c: Campaign) -> list[Diagnostic]:
    out: list[Diagnostic] = _timezone(raw, c)
    if (c.end - c.start).days > MAX_CAMPAIGN_DAYS:
        out.append(
            _at(
                raw,
                ("end",),
                Msg(
                    f"专项行动从 {c.start} 到 {c.end},超过 {MAX_CAMPAIGN_DAYS} 天;请检查年份",
                    f"the campaign runs from {c.start} to {c.end}, more than {MAX_CAMPAIGN_DAYS} "
                    "days; check the years",
                ),
            )
        )
    if c.start > c.end:
        out.append(
            _at(
                raw,
                ("end",),
                Msg(
                    f"end ({c.end}) 早于 start ({c.start})",
                    f"end ({c.end}) is before start ({c.start})",
                ),
            )
        )
    if c.issued is not None and c.issued > c.end:
        out.append(
            _at(
                raw,
                ("issued",),
                Msg(
                    f"issued ({c.issued}) 晚于 end ({c.end})",
                    f"issued ({c.issued}) is after end ({c.end})",
                ),
            )
        )
    names: set[str] = set()
    ordered = sorted(enumerate(c.terms), key=lambda t: t[1].start)
    for i, term in enumerate(c.terms):
        if term.start > term.end:
            out.append(
                _at(
                    raw,
                    ("terms", i, "end"),
                    Msg(
                        f"学期 {term.name} 的结束早于开始",
                        f"term {term.name} ends before it starts",
                    ),
                )
            )
        if term.name in names:
            out.append(
                _at(
                    raw,
                    ("terms", i, "name"),
                    Msg(f"学期名称 {term.name} 重复", f"the term name {term.name} is used twice"),
                )
            )
        names.add(term.name)
        if PERIOD_LABEL.fullmatch(term.name):
            out.append(
                _at(
                    raw,
                    ("terms", i, "name"),
                    Msg(
                        f"学期名称 {term.name} 与期间标签形式相同,请改名(如 2012学年第一学期)",
                        f"the term name {term.name} looks like a period label; rename it (e.g. 2012学年第一学期)",
                    ),
                )
            )
    for (_, a), (j, b) in itertools.pairwise(ordered):
        if b.start <= a.end:
            out.append(
                _at(
                    raw,
                    ("terms", j, "start"),
                    Msg(f"学期 {b.name} 与 {a.name} 重叠", f"term {b.name} overlaps {a.name}"),
                )
            )
    for i, (lo, hi) in enumerate(COMPREHENSIVE_INSPECTION.settings(c).windows):
        if lo > hi:
            out.append(
                _at(
                    raw,
                    ("obligations", "comprehensive_inspection", "windows", i),
                    Msg("时间窗的起始晚于结束", "a window starts after it ends"),
                )
            )
    out += _stats_indicators(raw, c)
    return out


def _stats_indicators(raw: RawRecord, c: Campaign) -> list[Diagnostic]:
    """`forms.stats` names each measure of the catalogue at most once."""
    out: list[Diagnostic] = []
    seen: set[str] = set()
    indicators = (c.forms.stats if c.forms else None) or ()
    for i, item in enumerate(indicators):
        loc = ("forms", "stats", i, "measure")
        if item.measure not in MEASURES:
            hint = did_you_mean(item.measure, MEASURES)
            out.append(
                _at(
                    raw,
                    loc,
                    Msg(
                        f"未知的统计指标 '{item.measure}'{hint.zh}",
                        f"unknown measure '{item.measure}'{hint.en}",
                    ),
                )
            )
        elif item.measure in seen:
            out.append(
                _at(
                    raw,
                    loc,
                    Msg(
                        f"统计指标 '{item.measure}' 重复列出",
                        f"the measure '{item.measure}' is listed twice",
                    ),
                )
            )
        seen.add(item.measure)
    return out


def obligation_position(root: Path, obligation: str) -> tuple[int, int]:
    """Where campaign.yaml configures an obligation (its key), else the top of the file."""
    try:
        text = (root / "campaign.yaml").read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return (1, 1)
    key = re.compile(rf"(?<![\w-]){re.escape(obligation)}\s*:")  # block or flow style
    for number, line in enumerate(text.splitlines(), start=1):
        found = key.search(line.split("#", 1)[0])
        if found:
            return (number, found.start() + 1)
    obligations = re.search(r"^obligations\s*:", text, re.M)
    if obligations:  # not configured: the rule runs with its defaults; point at the section
        return (text.count("\n", 0, obligations.start()) + 1, 1)
    return (1, 1)
