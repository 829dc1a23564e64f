"""Stage 7, api: the editing helpers: `hxay schema`, `hxay new`, `hxay init`."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from hxay.models.campaign import Campaign
from hxay.models.days import DEFAULT_ZONE
from hxay.models.diagnostics import Diagnostic
from hxay.models.errors import HxayError
from hxay.models.text import Lang, Msg

if TYPE_CHECKING:
    from hxay.editing.append import Added


def schema() -> dict[str, object]:
    """`hxay schema`: the JSON Schema of campaign.yaml and of the record files."""
    from hxay.editing.schema import build_schema

    return build_schema()


def _campaign(root: Path) -> Campaign | None:
    """campaign.yaml alone (None when it cannot be read)."""
    from hxay.loading.campaign import parse_campaign

    try:
        campaign, _ = parse_campaign("campaign.yaml", (root / "campaign.yaml").read_bytes())
    except OSError:
        return None
    return campaign


def campaign_settings(root: Path) -> tuple[str, Lang]:
    """The campaign's timezone and language, from campaign.yaml alone (defaults if bad)."""
    campaign = _campaign(root)
    if campaign is None:
        return DEFAULT_ZONE, "zh"
    return campaign.timezone, campaign.language


def _record_day(code: str, given: Mapping[str, object], when: dt.date) -> dt.date:
    """The record's own date: its date field as given, else `--date` or today."""
    from hxay.models.records import KINDS
    from hxay.models.values import BadValue, parse_date

    field = KINDS[code].DATE_FIELD
    value = given.get(field) if field else None
    if value is None:
        return when
    try:
        return parse_date(value)
    except BadValue:
        return when  # reported as the given value's problem


_MONTH_FOLDER = re.compile(r"(\d{4})-(\d{2})")


def _check_day(day: dt.date, campaign: Campaign | None, target: Path, field: str) -> None:
    """A record dated outside the campaign, or outside the month of the `YYYY-MM` folder it
    goes into, is most likely today's date by mistake: ask for the date instead."""
    fix = Msg(
        f"请用 --date 或 {field}= 给出记录日期,或加 --force 照写",
        f"give the record's date with --date or {field}=, or add --force to write it anyway",
    )
    if campaign is not None and not campaign.start <= day <= campaign.end:
        raise HxayError(
            Msg(
                f"记录日期 {day} 不在专项行动期间({campaign.start} 至 {campaign.end})内;",
                f"the record's date {day} is outside the campaign ({campaign.start} to "
                f"{campaign.end}); ",
            )
            + fix
        )
    month = _MONTH_FOLDER.fullmatch(target.parent.name)
    if month and (day.year, day.month) != (int(month[1]), int(month[2])):
        raise HxayError(
            Msg(
                f"记录日期 {day} 不在文件夹 {target.parent.name} 的月份内;",
                f"the record's date {day} is not in the month of its folder {target.parent.name}; ",
            )
            + fix
        )


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
    force: bool = False,
    display_path: str | None = None,
) -> NewResult:
    """`hxay new`: a record skeleton; with `to`, appended when the folder still loads with it.
    The new id follows the record's own date.

    Raises HxayError: exit 2 for an unknown kind or field, for `to` with required fields not
    given, and for `to` with a record dated outside the campaign or outside its `YYYY-MM`
    folder's month (unless `force`); exit 1 when the file cannot take it or the folder
    cannot be read or written (naming `to`, else the folder as `display_path` shows it).
    """
    from hxay.editing import append, ids
    from hxay.editing import new as scaffold
    from hxay.editing.fields import resolve_kind
    from hxay.editing.lock import folder_lock
    from hxay.models.days import day_in
    from hxay.models.records import KINDS

    code = resolve_kind(kind)
    given = scaffold.parse_assignments(code, assignments)
    campaign = _campaign(root)
    zone = campaign.timezone if campaign is not None else DEFAULT_ZONE
    language: Lang = lang or (campaign.language if campaign is not None else "zh")
    when = day or day_in(zone, now)
    record_day = _record_day(code, given, when)

    def made(existing: ids.Existing) -> tuple[scaffold.Skeleton, NewResult]:
        record = scaffold.skeleton(code, given, when, existing, language, id_day=record_day)
        result = NewResult(
            code, record.as_item(), record.record_id, record.missing, language,
            scaffold.check_given(code, given),
        )  # fmt: skip
        return record, result

    try:
        if to is None:
            return made(ids.scan(root))[1]
        append.target_name(root, to)  # a usage problem before anything is locked
        field = KINDS[code].DATE_FIELD
        with folder_lock(root):  # from choosing the id to the replace: one writer at a time
            record, result = made(ids.scan(root))
            if result.problems:
                return result
            if record.missing:
                names = ", ".join(record.missing)
                raise HxayError(
                    Msg(
                        f"--to 需要给出全部必填字段,还缺:{names}(写作 字段=值)",
                        f"--to needs every required field; missing: {names} (give them as "
                        "field=value)",
                    )
                )
            if field is not None and not force:
                _check_day(record_day, campaign, to, field)
            result.added = append.add_to_file(root, to, record)
        return result
    except OSError as exc:
        raise unchanged(to if to is not None else display_path or root, exc) from None


def unchanged(where: object, exc: OSError) -> HxayError:
    """A record file that could not be written (exit 1): it is left as it was."""
    why = exc.strerror or exc
    return HxayError(
        Msg(
            f"{where}:写入失败({why}),文件未改动",
            f"{where}: cannot write ({why}); the file is unchanged",
        ),
        1,
    )


def init_folder(target: Path) -> list[str]:
    """`hxay init`: a new data folder for the Pinghu plan, the names it wrote; HxayError when
    it is not empty (exit 2) or cannot be made (exit 1)."""
    from hxay.editing.init import create

    try:
        return create(target)
    except OSError as exc:
        why = exc.strerror or exc
        raise HxayError(
            Msg(f"{target}:无法创建({why})", f"{target}: cannot create it ({why})"), 1
        ) from None
