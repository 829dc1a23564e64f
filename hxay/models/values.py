"""Value spellings users write by hand: dates, counts, yes/no, codes, ids, lists.

Each parser takes the raw scalar text (or an already typed value) and returns the
typed value, or raises `BadValue` with a stable diagnostic code and a bilingual fix.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from hxay.models.text import Msg


class BadValue(ValueError):
    """A value that cannot be read; `code` is a diagnostic code, `msg` says the fix."""

    def __init__(self, code: str, msg: Msg) -> None:
        super().__init__(msg.en)
        self.code = code
        self.msg = msg


_FULLWIDTH = str.maketrans("０１２３４５６７８９－／．：", "0123456789-/.:")
_DATE_RE = re.compile(r"(\d{4})([-/.])(\d{1,2})\2(\d{1,2})")
_CN_DATE_RE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
_TIME_RE = re.compile(r"(\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{4}年\d{1,2}月\d{1,2}日)[ T]\s*\d")
DATE_FORMS = "2012-05-14, 2012-5-14, 2012/5/14, 2012.5.14, 2012年5月14日"


def normalise_digits(text: str) -> str:
    """Full-width digits and separators (from Chinese input methods) to ASCII."""
    return text.translate(_FULLWIDTH)


def _show(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return "[...]"
    if isinstance(value, dict):
        return "{...}"
    return str(value)


def _need_scalar(value: Any, what: Msg) -> str:
    if isinstance(value, str):
        return value.strip()
    kind = Msg("列表", "a list") if isinstance(value, list) else Msg("映射", "a mapping")
    raise BadValue(
        "E-bad-value",
        Msg(f"应为{what.zh},实为{kind.zh}", f"expected {what.en}, got {kind.en}"),
    )


FIRST_YEAR, LAST_YEAR = 1900, 2100
"""Dates hxay takes: a year outside these is a typo (and would overflow date arithmetic)."""
MAX_DAYS = 3660
"""Day counts hxay takes (`within_days`, `warn_days`, `--within`): ten years at most."""


def check_year(year: int, text: str) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise BadValue(
            "E-bad-date",
            Msg(
                f"'{text}' 的年份应在 {FIRST_YEAR} 至 {LAST_YEAR} 之间",
                f"'{text}': the year must be between {FIRST_YEAR} and {LAST_YEAR}",
            ),
        )


def parse_date(value: Any) -> dt.date:
    """A calendar date in one of the accepted spellings; no time part, no impossible day."""
    if isinstance(value, dt.datetime):
        raise BadValue("E-bad-date", Msg("日期不能带时间", "a date may not have a time part"))
    if isinstance(value, dt.date):
        check_year(value.year, value.isoformat())
        return value
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        # the usual spelling, read in C; anything odd falls through to the full rules
        try:
            iso = dt.date.fromisoformat(value)
        except ValueError:
            pass
        else:
            if FIRST_YEAR <= iso.year <= LAST_YEAR:
                return iso
    text = normalise_digits(_need_scalar(value, Msg("日期", "a date")))
    match = _DATE_RE.fullmatch(text) or _CN_DATE_RE.fullmatch(text)
    if match is None:
        if _TIME_RE.match(text):
            raise BadValue(
                "E-bad-date",
                Msg(
                    f"'{text}' 带有时间,日期只写年月日(如 2012-05-14)",
                    f"'{text}' has a time part; write the date only (e.g. 2012-05-14)",
                ),
            )
        head = _DATE_RE.match(text) or _CN_DATE_RE.match(text)
        if head is not None and text[head.end() :].startswith(" "):
            # `date: 2012-05-14 ]`: a stray character after the date (an edit left it behind)
            extra = text[head.end() :].strip()
            raise BadValue(
                "E-bad-date",
                Msg(
                    f"日期 '{head.group()}' 后面多出了 '{extra}';请删去它",
                    f"'{extra}' follows the date '{head.group()}'; delete it",
                ),
            )
        raise BadValue(
            "E-bad-date",
            Msg(
                f"'{text}' 不是日期;可写作 {DATE_FORMS}",
                f"'{text}' is not a date; write it as one of {DATE_FORMS}",
            ),
        )
    groups = match.groups()
    year, month, day = int(groups[0]), int(groups[-2]), int(groups[-1])
    check_year(year, text)
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise BadValue(
            "E-bad-date",
            Msg(
                f"'{text}' 不是存在的日期({year}年{month}月没有{day}日)",
                f"'{text}' is not a real date (month {month} of {year} has no day {day})",
            ),
        ) from None


def parse_count(value: Any) -> int:
    """A whole number >= 0, ASCII or full-width digits."""
    if isinstance(value, bool):
        raise BadValue("E-bad-count", Msg("应为非负整数", "expected a whole number >= 0"))
    if isinstance(value, int):
        if value < 0:
            raise BadValue("E-bad-count", Msg("人数、次数不能为负", "a count cannot be negative"))
        return value
    text = normalise_digits(_need_scalar(value, Msg("非负整数", "a whole number")))
    if text.isascii() and text.isdigit():
        return int(text)
    lead = re.match(r"\d+", text)
    if lead:
        raise BadValue(
            "E-bad-count",
            Msg(
                f"'{text}' 不是整数;去掉单位,写作 {int(lead.group())}",
                f"'{text}' is not a whole number; drop the unit word and write {int(lead.group())}",
            ),
        )
    raise BadValue(
        "E-bad-count",
        Msg(
            f"'{text}' 不是非负整数(如 12)",
            f"'{text}' is not a whole number >= 0 (e.g. 12)",
        ),
    )


def parse_days(value: Any) -> int:
    """A number of days: a whole number from 0 to MAX_DAYS."""
    count = parse_count(value)
    if count > MAX_DAYS:
        raise BadValue(
            "E-bad-count",
            Msg(
                f"天数 {count} 过大:应在 0 至 {MAX_DAYS} 之间",
                f"{count} days is too many: write 0 to {MAX_DAYS}",
            ),
        )
    return count


def parse_positive_count(value: Any) -> int:
    """A whole number >= 1 (seats)."""
    count = parse_count(value)
    if count < 1:
        raise BadValue("E-bad-count", Msg("应至少为 1", "must be at least 1"))
    return count


TRUE_WORDS = frozenset({"true", "yes", "是", "有"})
FALSE_WORDS = frozenset({"false", "no", "否", "无"})


def parse_bool(value: Any) -> bool:
    """true/false/yes/no in any case, 是/否, 有/无."""
    if isinstance(value, bool):
        return value
    text = _need_scalar(value, Msg("是/否", "yes or no")).lower()
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    raise BadValue(
        "E-bad-bool",
        Msg(
            f"'{text}' 不是是/否值;写 是/否、有/无 或 true/false",
            f"'{text}' is not a yes/no value; write true/false, yes/no, 是/否 or 有/无",
        ),
    )


def parse_text(value: Any) -> str:
    """Free text, exactly as written in the source."""
    if isinstance(value, str):
        return value
    raise BadValue(
        "E-bad-value",
        Msg(f"应为文字,实为{_show(value)}", f"expected text, got {_show(value)}"),
    )


_ID_RE = re.compile(r"[\w.\-]+")
ID_SEPARATORS = re.compile(r"[,，、;；\s]+")


def parse_id(value: Any) -> str:
    """An id: letters (Chinese too), digits, `-`, `_`, `.`; not `-` alone."""
    text = parse_text(value).strip()
    if text != "-" and _ID_RE.fullmatch(text):
        return text  # the common case; a separator never matches _ID_RE
    if ID_SEPARATORS.search(text) and all(
        _ID_RE.fullmatch(p) for p in ID_SEPARATORS.split(text) if p
    ):
        parts = [p for p in ID_SEPARATORS.split(text) if p]
        shown = "[" + ", ".join(parts) + "]"
        raise BadValue(
            "E-bad-id",
            Msg(
                f"'{text}' 含分隔符,不是一个编号;多个编号请写成列表 {shown}",
                f"'{text}' contains separators and is not one id; write several ids as a list {shown}",
            ),
        )
    if not _ID_RE.fullmatch(text) or text == "-":
        raise BadValue(
            "E-bad-id",
            Msg(
                f"'{text}' 不是有效编号:只能用字母(含汉字)、数字、-、_、.",
                f"'{text}' is not a valid id: use letters (Chinese too), digits, '-', '_', '.'",
            ),
        )
    return text


def one_or_many(value: Any) -> list[Any]:
    """A list as written; a single value is a one-item list (lists of ids)."""
    return value if isinstance(value, list) else [value]


TEXT_SEPARATORS = re.compile(r"[，、；,;]")


def split_text_list(value: Any) -> tuple[list[str], bool]:
    """A list of free text; a scalar, or items holding `，、；`, are split. Returns (items, split)."""
    items = value if isinstance(value, list) else [value]
    out: list[str] = []
    split = not isinstance(value, list)
    for item in items:
        text = parse_text(item)
        parts = [p.strip() for p in TEXT_SEPARATORS.split(text)]
        parts = [p for p in parts if p]
        if len(parts) > 1 and (not isinstance(value, list) or re.search("[，、；]", text)):
            split = True
            out.extend(parts)
        else:
            out.append(text.strip())
    return out, split and len(out) > 1


def parse_text_list(value: Any) -> list[str]:
    return split_text_list(value)[0]


@dataclass(frozen=True)
class Choice:
    """An enumerated value: lower-case codes, each with its Chinese label."""

    labels: Mapping[str, str]  # code -> Chinese label

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(self.labels)

    def parse(self, value: Any) -> str:
        text = _need_scalar(value, Msg("代码", "a code"))
        if text in self.labels:
            return text
        if text.lower() in self.labels:
            return text.lower()
        for code, label in self.labels.items():
            if text == label:
                return code
        shown = ", ".join(f"{c} ({lab})" for c, lab in self.labels.items())
        raise BadValue(
            "E-bad-value",
            Msg(
                f"'{text}' 不是可选值;可选:{shown}",
                f"'{text}' is not allowed; choose one of {shown}",
            ),
        )

    def label(self, code: str) -> str:
        return self.labels.get(code, code)
