"""Stage 8, cli: beyond one city: `export` (tidy tables), `rollup` (the next level's form from
the forms sent up) and `sql` (DuckDB over many exports). Each parses its options, calls one
api function, renders or writes what comes back, and says on stderr what it wrote."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from hxay.cli.app import (
    AllowErrorsOpt,
    AsOfOpt,
    DataOpt,
    LangArg,
    OutOpt,
    app,
    command,
    language,
    let_through,
    say,
    stop,
)
from hxay.cli.i18n import Command
from hxay.cli.output import chosen_format, options_for, save
from hxay.models.text import Msg
from hxay.render.formats import Format


class TableFormat(StrEnum):
    parquet = "parquet"
    csv = "csv"


class QueryFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


def _write(out: Path, data: bytes) -> None:
    save(out, data)
    say(Msg(f"已写入 {out}({len(data):,} 字节)", f"wrote {out} ({len(data):,} bytes)"))


@app.command(cls=Command)
@command
def export(
    out: Annotated[
        Path,
        typer.Option(
            "--out",
            "-o",
            help="Folder to write (new, empty, or an earlier export).",
            show_default=False,
        ),
    ],
    as_of: AsOfOpt = None,
    fmt: Annotated[
        TableFormat, typer.Option("--format", "-f", help="parquet or csv.")
    ] = TableFormat.parquet,
    data: DataOpt = None,
    lang: LangArg = None,
    allow_errors: AllowErrorsOpt = False,
) -> None:
    """Write the whole ledger as tidy tables (Parquet or CSV) for analysts and higher levels.

    把全部台账导出为整齐的表格:每种记录一张表,另有 findings(截至日的全部义务实例)、
    form_values(截至日前每月、每半月的统计报表数值)和 campaign;按 DIR/campaign=编号/表名.parquet
    存放,并写 manifest.json。先写入旁边的临时文件夹再整体改名,失败时不留半成品。
    """
    from hxay import api
    from hxay.api.options import day

    when = day(as_of, "--as-of")
    root, shown = api.data_folder(data, Path.cwd())
    result = api.export(
        root,
        out,
        as_of=when,
        now=dt.datetime.now(dt.UTC),
        fmt=fmt.value,
        lang=language(lang) if lang is not None else None,
        allow_errors=allow_errors,
        display_path=shown,
    )
    built = result.tables
    loaded = built.loaded
    chosen = language(lang, loaded.campaign)
    if not result.written:
        stop(built.problems, chosen)
    let_through(loaded.errors, built.notice, chosen)
    rows, n = result.rows, len(result.written)
    say(
        Msg(
            f"已写入 {out}:{n} 张表,共 {rows:,} 行({fmt.value},截至 {built.as_of})",
            f"wrote {out}: {n} tables, {rows:,} rows ({fmt.value}, as of {built.as_of})",
        )
    )


@app.command(cls=Command)
@command
def rollup(
    inputs: Annotated[
        list[Path],
        typer.Argument(
            help="Statistics forms sent up: JSON (hxay report --format json) or hxay's xlsx.",
            show_default=False,
        ),
    ],
    by_unit: Annotated[
        bool, typer.Option("--by-unit", help="Keep each input's own rows, grouped by input.")
    ] = False,
    name: Annotated[
        str | None,
        typer.Option(
            "--name", help="The rolled-up form's reporting unit (填报单位).", show_default=False
        ),
    ] = None,
    fmt: Annotated[
        Format | None,
        typer.Option(
            "--format",
            "-f",
            help="table, json, csv, md, xlsx (needs --out) or html "
            "(default: from the --out extension, else table).",
            show_default=False,
        ),
    ] = None,
    out: OutOpt = None,
    lang: LangArg = None,
) -> None:
    """Add up statistics forms into the next level's form: one row per input, then 合计.

    汇总下级报送的统计报表(JSON 或 xlsx):每份报表一行(以填报单位命名,未配置时用活动名称),
    最后一行合计。期间或指标不一致、同一活动同一单位重复时报错并指明文件(退出码 3);
    表内不一致(累计小于本期、整改多于发现加期初未整改、时点数本期与累计不同、合计不等于各行之和)
    作为警告列出。--by-unit 保留各报表的派出所行。
    """
    from hxay import api
    from hxay.render import formats

    chosen = language(lang)
    chosen_fmt = chosen_format(out, fmt)
    result = api.rollup(inputs, by_unit=by_unit, lang=chosen, name=name)
    for warning in result.warnings:
        say(Msg(f"警告:{warning.zh}", f"warning: {warning.en}"))
    text = formats.render(result.table, chosen_fmt, options_for(out))
    if out is None:
        typer.echo(text, nl=False)
        return
    _write(out, formats.encode(text, chosen_fmt))


@app.command(cls=Command)
@command
def sql(
    query: Annotated[str, typer.Argument(help="A DuckDB SQL query.", show_default=False)],
    exports: Annotated[
        Path,
        typer.Option("--exports", "-e", help="Folder holding the exports (searched below it)."),
    ] = Path("."),
    fmt: Annotated[
        QueryFormat, typer.Option("--format", "-f", help="table, csv or json.")
    ] = QueryFormat.table,
    out: OutOpt = None,
    lang: LangArg = None,
) -> None:
    """Query many exports with DuckDB: every exported table is a view of its name.

    用 DuckDB 查询多份导出:--exports 下每张导出的表(如 inspection、hazard、form_values、
    findings、campaign)都是同名视图,各地、各年的导出合在一起查询。
    """
    from hxay import api

    language(lang)
    result = api.sql(query, exports)
    text = result.render(fmt.value, options_for(out))
    if out is None:
        typer.echo(text, nl=False)
        return
    data = text.encode("utf-8-sig" if fmt is QueryFormat.csv else "utf-8")
    _write(out, data)
