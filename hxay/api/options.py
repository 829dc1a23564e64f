"""Stage 7, api: values the command line takes, read as the data reads them (dates in every
spelling the files accept, comma lists), each mistake a usage error (exit 2) naming the
option. Light: the command line uses it before anything is loaded."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from hxay.models.errors import HxayError
from hxay.models.text import Msg
from hxay.models.values import BadValue, parse_date


def day(value: str | None, option: str) -> dt.date | None:
    """A date option (`--as-of`, `--date`), or None when not given."""
    if value is None:
        return None
    try:
        return parse_date(value)
    except BadValue as exc:
        raise HxayError(Msg(f"{option}: {exc.msg.zh}", f"{option}: {exc.msg.en}")) from None


def split(values: Iterable[str] | None) -> list[str]:
    """A repeatable option whose values may be comma lists: every item, stripped."""
    return [p.strip() for v in values or [] for p in v.split(",") if p.strip()]


_HALVES = {"1": 1, "2": 2, "上": 1, "下": 2, "上半月": 1, "下半月": 2}


def halves(value: str | None) -> int | None:
    """`--half`: 1 or 上 (the 1st-15th), 2 or 下 (the 16th-end)."""
    if value is None:
        return None
    found = _HALVES.get(value.strip().translate(str.maketrans("１２", "12")))
    if found is None:
        raise HxayError(
            Msg(
                f"--half {value}:应为 1 或 上(1-15日)、2 或 下(16日至月底)",
                f"--half {value}: write 1 (the 1st-15th) or 2 (the 16th-end); 上 and 下 work too",
            )
        )
    return found
