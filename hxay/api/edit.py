"""Stage 6, api: the editing helpers: `hxay schema`, `hxay new`, `hxay init`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from hxay.models.diagnostics import Diagnostic
from hxay.models.errors import HxayError
from hxay.models.text import Lang, Msg

if TYPE_CHECKING:
    from hxay.editing.append import Added


def schema() -> dict[str, object]:
    """`hxay schema`: the JSON Schema of campaign.yaml and of the record files."""
    from hxay.editing.schema import build_schema

    return build_schema()


def _campaign_settings(root: Path) -> tuple[str, Lang]:
    """The campaign's timezone and language, read from campaign.yaml alone (defaults if bad)."""
    from hxay.loading.campaign import parse_campaign

    try:
        campaign, _ = parse_campaign("campaign.yaml", (root / "campaign.yaml").read_bytes())
    except OSError:
        campaign = None
    if campaign is None:
        return "Asia/Shanghai", "zh"
    return campaign.timezone, campaign.language


def _day_in(zone: str, now: dt.datetime) -> dt.date:
    try:
        return now.astimezone(ZoneInfo(zone)).date()
    except (KeyError, ValueError):
        return now.astimezone(ZoneInfo("Asia/Shanghai")).date()


@dataclass
class NewResult:
    """What `hxay new` made: the record, what is still to fill in, and what `--to` did.

    `problems`: given values that cannot be read (a bad date, an unknown code): exit 2.
    """

    kind: str
    text: str
    record_id: str
    missing: tuple[str, ...]
    lang: Lang
    problems: list[Diagnostic] = field(default_factory=list)
    added: Added | None = None


def new_record(
    root: Path,
    *,
    kind: str,
    assignments: list[str],
    day: dt.date | None,
    now: dt.datetime,
    to: Path | None = None,
    lang: Lang | None = None,
) -> NewResult:
    """`hxay new`: a record skeleton; with `to`, appended when the folder still loads with it.

    Raises HxayError: exit 2 for an unknown kind or field, and for `to` with required
    fields not given; exit 1 when the file cannot take it.
    """
    from hxay.editing import append, ids
    from hxay.editing import new as scaffold
    from hxay.editing.fields import resolve_kind
    from hxay.editing.lock import folder_lock

    code = resolve_kind(kind)
    given = scaffold.parse_assignments(code, assignments)
    zone, campaign_lang = _campaign_settings(root)
    language: Lang = lang or campaign_lang
    when = day or _day_in(zone, now)

    def made(existing: ids.Existing) -> tuple[scaffold.Skeleton, NewResult]:
        record = scaffold.skeleton(code, given, when, existing, language)
        result = NewResult(
            code, record.as_item(), record.record_id, record.missing, language,
            scaffold.check_given(code, given),
        )  # fmt: skip
        return record, result

    if to is None:
        return made(ids.scan(root))[1]
    append.target_name(root, to)  # a usage problem before anything is locked
    with folder_lock(root):  # from choosing the id to the replace: one writer at a time
        record, result = made(ids.scan(root))
        if result.problems:
            return result
        if record.missing:
            names = ", ".join(record.missing)
            raise HxayError(
                Msg(
                    f"--to 需要给出全部必填字段,还缺:{names}(写作 字段=值)",
                    f"--to needs every required field; missing: {names} (give them as field=value)",
                )
            )
        result.added = append.add_to_file(root, to, record)
    return result


def init_folder(target: Path) -> list[str]:
    """`hxay init`: a new data folder for the Pinghu plan; HxayError when it is not empty."""
    from hxay.editing.init import create

    return create(target)
