"""Stage 8, cli: the commands that write: schema, new, init. Each parses its options, calls
one api function and says what it wrote; the writes themselves are atomic (hxay/editing)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from hxay.cli.app import (
    DataOpt,
    LangArg,
    OutOpt,
    app,
    command,
    fail,
    language,
    print_problems,
)
from hxay.cli.i18n import STATE, Command, h
from hxay.cli.output import write_bytes
from hxay.models.errors import HxayError
from hxay.models.text import Msg


@app.command(cls=Command)
@command
def schema(out: OutOpt = None, data: DataOpt = None) -> None:
    """Print the JSON Schema of campaign.yaml and the record files, for YAML editors.

    输出 campaign.yaml 和记录文件的 JSON Schema(含中文字段说明),供 VS Code 等使用 YAML 语言服务器的编辑器在输入时校验、补全。见 README "Editing helpers"。
    """
    import json

    from hxay import api

    text = json.dumps(api.schema(), ensure_ascii=False, indent=2) + "\n"
    if out is not None:
        from hxay.render.formats import check_out_path

        try:
            root, _ = api.data_folder(data, Path.cwd())
        except HxayError:
            root = None  # no data folder near: nothing to protect
        if root is not None:
            check_out_path(out, root)
    if out is None:
        typer.echo(text, nl=False)
        return
    write_bytes(out, text.encode("utf-8"))


def _complete_kind(incomplete: str) -> list[str]:
    from hxay.editing.fields import kinds

    return [k for k in kinds() if k.startswith(incomplete)]


def _complete_fields(ctx: typer.Context, incomplete: str) -> list[str]:
    """`field=` names of the kind being written, for shell completion."""
    from hxay.editing.fields import field_names, resolve_kind

    try:
        kind = resolve_kind(str(ctx.params.get("kind") or ""))
    except HxayError:
        return []
    names = [f"{name}=" for name in field_names(kind)]
    return [n for n in names if n.startswith(incomplete)]


@app.command(cls=Command)
@command
def new(
    kind: Annotated[
        str,
        typer.Argument(
            help="Record kind: unit, school, inspection, hazard, ... (or 检查, 隐患, ...).",
            show_default=False,
            autocompletion=_complete_kind,
        ),
    ],
    fields: Annotated[
        list[str] | None,
        typer.Argument(
            help="FIELD=VALUE pairs, e.g. school=sch-dh-01 inspectors=王建国,李明.",
            show_default=False,
            autocompletion=_complete_fields,
        ),
    ] = None,
    to: Annotated[
        Path | None,
        typer.Option(
            "--to",
            help="Append to this record file (every required field must be given).",
            show_default=False,
        ),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(
            "--date",
            help="The record's date (default: today in the campaign's timezone).",
            show_default=False,
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help=h(
                "记录日期不在专项行动期间或不在所写月份文件夹内时照写",
                "Write the record even if its date is outside the campaign or its month folder.",
            ),
        ),
    ] = False,
    data: DataOpt = None,
    lang: LangArg = None,
) -> None:
    """Print a new record with every required field, a date and a fresh id; --to appends it.

    打印一条新记录:全部必填字段(未给出的留空并注明)、今天的日期(或 --date)和一个文件夹内唯一的新编号。

    用 --to 文件 时必须给出全部必填字段(否则退出码 2);先校验加入新记录后的整个数据文件夹,能读入才以原子方式追加,否则不写入(退出码 1)。
    """
    from hxay import api
    from hxay.api.options import day

    when = day(date, "--date")
    root, shown = api.data_folder(data, Path.cwd())
    chosen = language(lang) if lang is not None else None
    result = api.new_record(
        root,
        kind=kind,
        assignments=fields or [],
        day=when,
        now=dt.datetime.now(dt.UTC),
        to=to,
        lang=chosen,
        force=force,
        display_path=shown,
    )
    out_lang = STATE.lang = result.lang
    if result.problems:
        for problem in result.problems:
            typer.echo(f"hxay: {problem.message(out_lang)}", err=True)
        raise typer.Exit(2)
    added = result.added
    if added is None:
        typer.echo(result.text, nl=False)
        if result.missing:
            names = ", ".join(result.missing)
            typer.echo(
                Msg(f"# 请填写:{names}", f"# to fill in: {names}").render(out_lang), err=True
            )
        return
    if not added.written:
        print_problems(added.problems, out_lang)
        fail(
            Msg(
                f"--to {to}:加入这条记录后数据无法读入,未写入",
                f"--to {to}: the folder would not load with this record; nothing written",
            ),
            1,
        )
    if added.earlier_errors:
        typer.echo(
            Msg(
                f"注意:数据文件夹原有 {added.earlier_errors} 个错误(hxay validate 可查看)",
                f"note: the folder already had {added.earlier_errors} errors (see hxay validate)",
            ).render(out_lang),
            err=True,
        )
    typer.echo(
        Msg(
            f"{added.path}:{added.line}: 已添加 {result.kind} {result.record_id}",
            f"{added.path}:{added.line}: added {result.kind} {result.record_id}",
        ).render(out_lang)
    )


@app.command(cls=Command)
@command
def init(
    folder: Annotated[
        Path,
        typer.Argument(
            help="The new data folder (must not exist, or be empty).", show_default=False
        ),
    ],
    lang: LangArg = None,
) -> None:
    """Create a data folder: a commented campaign.yaml for the Pinghu plan and empty registers.

    新建数据文件夹:带注释的 campaign.yaml(每个参数的默认值及其在方案中的出处,需本地确认的已标明)、空的 units.yaml、schools.yaml、vehicles.yaml 和 .gitignore。文件夹已存在且非空时拒绝(退出码 2)。
    """
    from hxay import api

    chosen = language(lang)
    for name in api.init_folder(folder):
        typer.echo(str(folder / name))
    typer.echo(
        Msg(
            f"下一步:核对 {folder / 'campaign.yaml'} 中标有“请按本地实际确认”的参数,"
            f"登记单位和学校,然后运行 hxay validate --data {folder}",
            f"next: check the parameters marked 'confirm locally' in {folder / 'campaign.yaml'}, "
            f"register units and schools, then run hxay validate --data {folder}",
        ).render(chosen),
        err=True,
    )
