"""Stage 6, api: values the command line takes, read as the data reads them (dates in every
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
