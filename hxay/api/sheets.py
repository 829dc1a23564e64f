"""Stage 7, api: spreadsheets in: `hxay template` (a workbook to fill in, with drop-downs of
the folder's ids) and `hxay import` (its rows appended to a record file, all or nothing)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from hxay.models.errors import UsageError
from hxay.models.text import Lang, Msg

if TYPE_CHECKING:
    from hxay.editing.importer import ImportResult


@dataclass(frozen=True)
class TemplateResult:
    """The workbook's bytes, the sheets it holds in order, and the drop-downs of ids it
    offers."""

    data: bytes
    sheets: tuple[str, ...]
    id_lists: tuple[str, ...]


def _unit_of(records: Sequence[object], unit: str) -> str:
    from hxay.loading.errors import nearest
    from hxay.models import records as r

    stations = {u.id: u for u in records if isinstance(u, r.Unit) and u.type == "police_station"}
    by_name = {u.name: u.id for u in stations.values()}
    if unit in stations:
        return unit
    if unit in by_name:
        return by_name[unit]
    best = nearest(unit, [*stations, *by_name])
    hint = Msg(f"(是否应为 {best}?)", f" (did you mean {best}?)") if best else Msg("", "")
    known = ", ".join(stations) or "-"
    raise UsageError(
        Msg(
            f"--unit {unit} 不是数据文件夹中的派出所{hint.zh};可选:{known}",
            f"--unit {unit} is not a police station of the data folder{hint.en}; choose one of: "
            f"{known}",
        )
    )


def template(root: Path | None, kinds: Sequence[str], unit: str | None = None) -> TemplateResult:
    """`hxay template`: the workbook for `kinds` (every kind a station records when empty);
    with a data folder, drop-downs of its ids (the schools of `unit` when given)."""
    from hxay import __version__
    from hxay.editing import template as t
    from hxay.editing.fields import resolve_kind
    from hxay.render.xlsx.template import template_workbook

    codes = [resolve_kind(k) for k in kinds] or list(t.STATION_KINDS)
    lists: list[t.IdList] = []
    if root is not None:
        from hxay.loading.load import load

        kept = load(root).kept
        station = _unit_of(kept, unit) if unit is not None else None
        lists = t.id_lists(kept, station)
    elif unit is not None:
        raise UsageError(
            Msg(
                "--unit 需要数据文件夹(--data),从中读取该派出所的学校",
                "--unit needs a data folder (--data) to read the station's schools from",
            )
        )
    built = t.build(codes, lists)
    data = template_workbook(built, __version__)
    ids = (t.IDS_SHEET,) if built.id_lists else ()
    return TemplateResult(
        data,
        (t.INSTRUCTIONS_SHEET, *(s.title for s in built.sheets), *ids),
        tuple(x.title for x in built.id_lists),
    )


def import_sheet(
    root: Path,
    source: Path,
    to: Path,
    *,
    now: dt.datetime,
    lang: Lang | None = None,
    sheet: str | None = None,
    kind: str | None = None,
    dry_run: bool = False,
    skip_bad: bool = False,
) -> ImportResult:
    """`hxay import`: the rows of `source` (.xlsx or .csv) appended to `to` when the whole
    folder loads with them (with `skip_bad`, the rows that load); HxayError for a file that
    cannot be read (exit 1) or a usage problem (exit 2)."""
    from hxay.api.edit import campaign_settings, unchanged
    from hxay.editing.fields import resolve_kind
    from hxay.editing.importer import import_book
    from hxay.models.days import day_in

    if source.suffix.lower() not in (".xlsx", ".xlsm", ".csv"):
        raise UsageError(
            Msg(
                f"{source}:只能导入 .xlsx 或 .csv 文件(.xls、.et 请先另存为 .xlsx)",
                f"{source}: only .xlsx and .csv files can be imported (save .xls or .et as .xlsx)",
            )
        )
    if not source.is_file():
        raise UsageError(Msg(f"{source}:文件不存在", f"{source}: no such file"))
    zone, campaign_lang = campaign_settings(root)
    code = resolve_kind(kind) if kind is not None else None
    try:
        return import_book(
            root,
            source,
            to,
            lang=lang or campaign_lang,
            today=day_in(zone, now),
            sheet=sheet,
            kind=code,
            dry_run=dry_run,
            skip_bad=skip_bad,
        )
    except OSError as exc:
        raise unchanged(to, exc) from None
