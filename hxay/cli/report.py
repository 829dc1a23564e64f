"""Stage 8, cli: `hxay report`: the statistics form and the other reports, to the terminal,
a file, or one file per school."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from hxay.cli.app import (
    AllowErrorsOpt,
    DataOpt,
    LangArg,
    app,
    command,
    fail,
    hint_of,
    language,
    print_problems,
    say,
    stop,
)
from hxay.cli.i18n import Command
from hxay.cli.output import cannot_write, chosen_format, deliver, options_for
from hxay.models.text import Msg
from hxay.render.formats import Format

if TYPE_CHECKING:
    from collections.abc import Mapping

    from hxay.reports.document import Document


class Form(StrEnum):
    stats = "stats"
    work = "work"
    summary = "summary"
    serious_list = "serious-list"
    schools = "schools"
    dossier = "dossier"


@app.command(cls=Command)
@command
def report(
    month: Annotated[
        str | None,
        typer.Option(
            "--month",
            "-m",
            help="Month YYYY-MM (required for stats and work; the other forms run up to its "
            "last day).",
            show_default=False,
        ),
    ] = None,
    half: Annotated[
        str | None,
        typer.Option(
            "--half",
            metavar="1|2|上|下",
            help="1: the 1st-15th (reported on the 17th); 2: the 16th-end (on the 2nd).",
            show_default=False,
        ),
    ] = None,
    unit: Annotated[
        str | None,
        typer.Option("--unit", "-u", help="One police station's form.", show_default=False),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            help="Cut the data at this date (default: the period's last day).",
            show_default=False,
        ),
    ] = None,
    form: Annotated[
        Form,
        typer.Option(
            "--form",
            help="stats (统计报表), work (上月工作情况), summary (专项行动总结), "
            "serious-list (隐患学校名单), schools (平安校园 scorecard) or dossier (一校一档).",
        ),
    ] = Form.stats,
    fmt: Annotated[
        Format | None,
        typer.Option(
            "--format",
            "-f",
            help="table, json, csv, md, html, xlsx or docx (xlsx and docx need --out) "
            "(default: from the --out extension, else table).",
            show_default=False,
        ),
    ] = None,
    school: Annotated[
        list[str] | None,
        typer.Option(
            "--school",
            help="The school of --form dossier (id or exact name; repeatable, comma lists).",
            show_default=False,
        ),
    ] = None,
    tidy: Annotated[
        bool,
        typer.Option(
            "--tidy",
            help="CSV of the statistics form as one row per indicator and unit (tidy), not as the paper form.",
        ),
    ] = False,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            help="Write to this file (atomically), not stdout. For --form dossier without a "
            "single --school, or when it is a folder: one file per school in that folder, "
            "<school id>.html (or as --format says).",
            show_default=False,
        ),
    ] = None,
    data: DataOpt = None,
    lang: LangArg = None,
    allow_errors: AllowErrorsOpt = False,
) -> None:
    """Print the statistics form for a month or half-month, or another report with --form
    (exit 3 when the data has errors).

    打印某月或半月的统计报表:各派出所、其他、合计的本期数与累计数。--form 选择其他报表:
    work 上月工作情况(需 --month;md、html)、summary 专项行动总结(html 含趋势图;md)、
    serious-list 隐患学校名单、schools 平安校园考核情况表、dossier 一校一档(--school 学校;
    不指定学校时用 --out 文件夹,每校一个文件);这几种默认截至今天(不晚于活动结束日;
    serious-list 为名单报送期限),--month 表示截至该月最后一天。
    数据或 campaign.yaml 有错误时打印错误并以退出码 3 结束。
    """
    from hxay import api
    from hxay.api.options import day, halves, split
    from hxay.render import formats

    when = day(as_of, "--as-of")
    root, shown = api.data_folder(data, Path.cwd())
    schools = split(school)
    each = form is Form.dossier and out is not None and (len(schools) != 1 or out.is_dir())
    if each:
        assert out is not None
        if out.exists() and not out.is_dir():
            fail(Msg(f"--out {out} 不是文件夹", f"--out {out} is not a folder"))
        chosen_fmt = fmt or Format.html
    else:
        chosen_fmt = chosen_format(out, fmt)
    formats.check_format(form.value, chosen_fmt)
    if out is not None and not each:
        formats.check_out_path(out, root)
    result = api.report(
        root,
        month=month,
        display_path=shown,
        form=form.value,
        half=halves(half),
        unit=unit,
        as_of=when,
        lang=language(lang) if lang is not None else None,
        allow_errors=allow_errors,
        now=dt.datetime.now(dt.UTC),
        schools=schools,
        each=each,
    )
    loaded = result.loaded
    chosen = language(lang, loaded.campaign)
    if result.table is None and result.files is None:
        stop(result.problems, chosen)
    if result.table is not None:
        hint_of(result.table.provenance)
    if result.notes:
        print_problems(loaded.errors, chosen)
        for note in result.notes:
            typer.echo(note, err=True)
    if result.files is not None:
        assert out is not None
        _write_files(result.files, out, chosen_fmt)
        return
    assert result.table is not None
    text = formats.render(result.table, chosen_fmt, replace(options_for(out), tidy=tidy))
    deliver(text, out, chosen_fmt)


def _write_files(files: Mapping[str, Document], folder: Path, fmt: Format) -> None:
    """One file per school into `folder`, and a line on stderr saying how many and where."""
    from hxay import api

    try:
        written = api.write_files(files, folder, fmt, options_for(folder))
    except OSError as exc:
        cannot_write(folder, exc)
    name = f"<id>{fmt.extensions[0]}"
    say(
        Msg(
            f"已在 {folder} 写入 {len(written)} 个文件(每所学校一个,{name})",
            f"wrote {len(written)} file{'s' * (len(written) != 1)} to {folder} "
            f"(one per school, {name})",
        )
    )
