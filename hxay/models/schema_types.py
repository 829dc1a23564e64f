"""Stage 0, models: JSON Schema fragments for the value spellings of models/values.py.

Each fragment accepts what the matching parser accepts, as source text (hxay reads every
scalar as text) and as the numbers and booleans an editor's YAML parser makes of it.
Patterns use only syntax that ECMA-262 (editors) and Python's `re` (tests) read alike:
no inline flags, no Unicode property classes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

_WIDE = {c: chr(ord(c) + 0xFEE0) for c in "0123456789"}  # full-width digits from input methods


def _d(chars: str) -> str:
    """A character class of the ASCII digits `chars` and their full-width forms."""
    return "[" + "".join(c + _WIDE[c] for c in chars) + "]"


DIGIT = "[0-9０-９]"
_NZ = _d("123456789")
_Z, _ONE, _TWO, _THREE = _d("0"), _d("1"), _d("2"), _d("3")
MONTH = f"(?:{_Z}?{_NZ}|{_ONE}{_d('012')})"  # 1-12, with or without a leading zero


def _date_body(sep1: str, sep2: str, end: str) -> str:
    """Year, month and day with the given separators; only days the calendar has."""
    # 1900..2100, as the parser takes them (models/values.py FIRST_YEAR, LAST_YEAR)
    year = f"(?:{_ONE}{_d('9')}{DIGIT}{{2}}|{_TWO}{_Z}{DIGIT}{{2}}|{_TWO}{_ONE}{_Z}{_Z})"
    leap = (
        f"(?={year})(?:{DIGIT}{{2}}(?:{_Z}{_d('48')}|{_d('2468')}{_d('048')}|{_d('13579')}{_d('26')})"
        f"|(?:{_d('02468')}{_d('048')}|{_d('13579')}{_d('26')}){_Z}{_Z})"
    )
    m31 = f"(?:{_Z}?{_d('13578')}|{_ONE}{_d('02')})"
    m30 = f"(?:{_Z}?{_d('469')}|{_ONE}{_ONE})"
    feb = f"{_Z}?{_TWO}"
    low = f"{_Z}?{_NZ}"
    d31 = f"(?:{low}|{_d('12')}{DIGIT}|{_THREE}{_d('01')})"
    d30 = f"(?:{low}|{_d('12')}{DIGIT}|{_THREE}{_Z})"
    d28 = f"(?:{low}|{_ONE}{DIGIT}|{_TWO}{_d('012345678')})"
    return (
        f"(?:{year}{sep1}(?:{m31}{sep2}{d31}|{m30}{sep2}{d30}|{feb}{sep2}{d28}){end}"
        f"|{leap}{sep1}{feb}{sep2}{_TWO}{_d('9')}{end})"
    )


def _date_pattern() -> str:
    forms = [_date_body(sep, sep, "") for sep in ("[-－]", "[/／]", "[.．]")]
    forms.append(_date_body("年", "月", "日"))
    return r"^\s*(?:" + "|".join(forms) + r")\s*$"


# `patternErrorMessage`: what YAML language servers say instead of quoting the pattern
# (a vscode-json-languageservice keyword; other validators ignore it).
DATE: dict[str, Any] = {
    "type": "string",
    "pattern": _date_pattern(),
    "description": "日期:2012-05-14、2012-5-14、2012/5/14、2012.5.14 或 2012年5月14日(不带时间)",
    "patternErrorMessage": "不是日期:写作 2012-05-14、2012/5/14、2012.5.14 或 2012年5月14日,"
    "不带时间,且须是日历上有的日子",
}
# One schema per spelling (not anyOf): `minimum` binds only numbers and `pattern` only
# strings, and editors then report the pattern's own message.
COUNT: dict[str, Any] = {
    "type": ["integer", "string"],
    "minimum": 0,
    "pattern": rf"^\s*{DIGIT}+\s*$",
    "description": "非负整数(不带单位)",
    "patternErrorMessage": "应为非负整数,不带单位(如 12)",
}
POSITIVE_COUNT: dict[str, Any] = {
    "type": ["integer", "string"],
    "minimum": 1,
    "pattern": rf"^\s*{DIGIT}*{_NZ}{DIGIT}*\s*$",
    "description": "正整数(至少为 1)",
    "patternErrorMessage": "应为正整数,不带单位(如 19)",
}


def anycase(word: str) -> str:
    """A pattern matching an ASCII word in any letter case (`(?i)` is not portable)."""
    return "".join(f"[{c.lower()}{c.upper()}]" if c.isalpha() and c.isascii() else c for c in word)


def _escape(text: str) -> str:
    return "".join("\\" + c if c in r"\^$.|?*+()[]{}" else c for c in text)


def words_pattern(codes: Iterable[str], labels: Iterable[str] = ()) -> str:
    """Codes in any case and labels as written, with the spaces a quoted value may keep."""
    alternatives = [anycase(_escape(c)) for c in codes] + [_escape(lab) for lab in labels]
    return r"^\s*(?:" + "|".join(alternatives) + r")\s*$"


BOOL: dict[str, Any] = {
    "type": ["boolean", "string"],
    "pattern": words_pattern(("true", "false", "yes", "no"), "是否有无"),
    "description": "是/否:true/false、yes/no、是/否 或 有/无",
    "patternErrorMessage": "应为 是/否、有/无、true/false 或 yes/no",
}
TEXT: dict[str, Any] = {"type": ["string", "number", "boolean"]}

# Not an id: whitespace, separators and punctuation other than `-`, `_`, `.` (ASCII, CJK
# and full-width forms). Letters of any script and digits are allowed, as in `\w`.
_NOT_ID = (
    r"\s!-,/:-@\[-\^`{-~"
    "\u00a1-\u00bf\u2000-\u206f\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"
)
ID: dict[str, Any] = {
    "type": ["string", "number", "boolean"],
    "pattern": rf"^\s*(?!-\s*$)[^{_NOT_ID}]+\s*$",
    "description": "编号:字母(含汉字)、数字、-、_、.;多个编号写成列表 [a, b]",
    "patternErrorMessage": "不是一个编号:只能用字母(含汉字)、数字、-、_、.;多个编号写成列表 [a, b]",
}


def choice(labels: Mapping[str, str]) -> dict[str, Any]:
    """A code or its Chinese label; codes in any case (as values.Choice reads them)."""
    shown = "、".join(
        f"{code} {label}" if code != label else code for code, label in labels.items()
    )
    return {
        "anyOf": [
            {"enum": [*labels, *(lab for code, lab in labels.items() if lab != code)]},
            {"type": "string", "pattern": words_pattern(labels, labels.values())},
        ],
        "description": f"可选:{shown}",
    }
