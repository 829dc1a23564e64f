"""Stage 8, cli: spreadsheets in: `hxay template` writes a workbook to fill in, `hxay import`
appends its rows to a record file. Each parses its options, calls one api function and says
on stderr what it wrote."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from hxay.cli.app import DataOpt, LangArg, app, command, fail, language, say
from hxay.cli.i18n import STATE, Command
from hxay.cli.output import save
from hxay.models.errors import HxayError
from hxay.models.text import Msg


@app.command(cls=Command)
@command
def template(
    kinds: Annotated[
        list[str] | None,
        typer.Argument(
            help="Record kinds (default: every kind a station records; school, vehicle, unit "
            "on request).",
            show_default=False,
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="The workbook to write (.xlsx).", show_default=False),
    ] = None,
    unit: Annotated[
        str | None,
        typer.Option(
            "--unit", help="Offer this station's schools in the drop-downs.", show_default=False
        ),
    ] = None,
    data: DataOpt = None,
    lang: LangArg = None,
) -> None:
    """Write an Excel workbook to fill in and import: one sheet per record kind.

    生成填报用的 Excel 模板:填写说明、每种记录一张表(中文列名,必填带 *,隐藏的字段代码行)、代码列的下拉列表、数据文件夹中编号的下拉列表(--unit 时为该派出所的学校)、日期列和文本列格式;隐患表按“来源检查编号”挂在检查之下。填好后用 hxay import 导入。
    """
    from hxay import api

    language(lang)
    if out is None or out.suffix.lower() != ".xlsx":
        fail(
            Msg(
                "请用 --out 指定要写入的 .xlsx 文件",
                "give the workbook to write with --out FILE.xlsx",
            )
        )
    root: Path | None
    try:
        root, _ = api.data_folder(data, Path.cwd())
    except HxayError:
        if data is not None:
            raise
        root = None  # outside a data folder: a template without id drop-downs
    result = api.template(root, kinds or [], unit)
    save(out, result.data)
    names = result.sheets
    lists = "、".join(result.id_lists) or "-"
    say(
        Msg(
            f"已写入 {out}:{len(names)} 张表({'、'.join(names)}),编号下拉列表:{lists}",
            f"wrote {out}: {len(names)} sheets ({', '.join(names)}), id drop-downs: {lists}",
        )
    )


@app.command("import", cls=Command)
@command
def import_(
    source: Annotated[
        Path,
        typer.Argument(help="The workbook (.xlsx) or CSV file to import.", show_default=False),
    ],
    to: Annotated[
        Path,
        typer.Option("--to", help="The record file to append to.", show_default=False),
    ],
    sheet: Annotated[
        str | None,
        typer.Option("--sheet", help="Import only this sheet.", show_default=False),
    ] = None,
    kind: Annotated[
        str | None,
        typer.Option(
            "--kind",
            help="The record kind of a CSV file or of a sheet not named after one.",
            show_default=False,
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would be appended; write nothing.")
    ] = False,
    skip_bad: Annotated[
        bool,
        typer.Option("--skip-bad", help="Write the rows that load; list the others (exit 1)."),
    ] = False,
    data: DataOpt = None,
    lang: LangArg = None,
) -> None:
    """Append the rows of a workbook or CSV file to a record file, all or nothing.

    把工作簿(.xlsx)或 CSV 文件的每一行作为一条记录追加到记录文件,并注明来自哪个文件第几行。先校验加入这些记录后的整个数据文件夹,有任何一行出错就不写入(退出码 1),错误指明 文件!表!单元格、列名和改法;--skip-bad 只写入无误的行。已导入过的行会跳过,重复导入不会重复添加。
    """
    from hxay import api

    chosen = language(lang)  # also the language of a usage error before the folder is read
    root, _ = api.data_folder(data, Path.cwd())
    result = api.import_sheet(
        root,
        source,
        to,
        now=dt.datetime.now(dt.UTC),
        lang=chosen if lang is not None else None,
        sheet=sheet,
        kind=kind,
        dry_run=dry_run,
        skip_bad=skip_bad,
    )
    out_lang = STATE.lang = result.lang
    for problem in result.problems:
        typer.echo(problem.format(out_lang), err=True)
    for d in result.elsewhere:
        typer.echo(d.format(out_lang), err=True)
    if result.earlier_errors:
        say(
            Msg(
                f"注意:数据文件夹原有 {result.earlier_errors} 个错误(hxay validate 可查看)",
                f"note: the folder already had {result.earlier_errors} errors (see hxay validate)",
            )
        )
    where = f"{result.target}:{result.first_line}-{result.last_line}"
    skipped = Msg(
        f";已在数据文件夹中的 {result.skipped} 行跳过" if result.skipped else "",
        f"; {result.skipped} rows already in the folder skipped" if result.skipped else "",
    )
    if dry_run:
        typer.echo(result.text, nl=False)
    if result.written:
        say(
            Msg(
                f"已写入 {where}:{result.rows} 行({result.records} 条记录)",
                f"wrote {where}: {result.rows} rows ({result.records} records)",
            )
            + skipped
        )
    elif dry_run and not result.errors and result.rows:
        say(
            Msg(
                f"预览:将追加到 {where}:{result.rows} 行({result.records} 条记录),未写入",
                f"dry run: would append {result.rows} rows ({result.records} records) to "
                f"{where}; nothing written",
            )
            + skipped
        )
    elif not result.errors:
        say(
            Msg(
                f"没有要追加的新记录,{result.target} 未改动",
                f"no new records to append; {result.target} is unchanged",
            )
            + skipped
        )
    if result.errors:
        rows = result.left_out
        if result.written:
            fail(
                Msg(
                    f"有 {rows} 行出错未导入(见上),其余已写入",
                    f"{rows} rows had errors and were not imported (see above); the rest was written",
                ),
                1,
            )
        fail(
            Msg(
                f"{result.errors} 个错误({rows} 行),未写入 {result.target};改正后重新导入,"
                "或用 --skip-bad 只导入无误的行",
                f"{result.errors} errors ({rows} rows); nothing written to {result.target}. Fix "
                "them and import again, or use --skip-bad to import the rows without errors",
            ),
            1,
        )
