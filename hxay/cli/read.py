"""Stage 8, cli: the commands that read the data folder: validate, check, calendar (report is
cli/report.py).

Each parses its options, calls one api function, renders what comes back and sets the exit
code; nothing here counts or evaluates.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from hxay.cli.app import (
    AllowErrorsOpt,
    AsOfOpt,
    DataOpt,
    LangArg,
    OutOpt,
    app,
    command,
    fail,
    hint_of,
    language,
    let_through,
    say,
    stop,
)
from hxay.cli.i18n import Command
from hxay.cli.output import chosen_format, deliver, options_for, write_bytes
from hxay.models.text import Msg
from hxay.render.formats import Format

if TYPE_CHECKING:
    from hxay.api.checking import CheckResult
    from hxay.models.text import Lang


@app.command(cls=Command)
@command
def validate(
    data: DataOpt = None,
    lang: LangArg = None,
    fmt: Annotated[
        Format, typer.Option("--format", "-f", help="table (one line per problem) or json.")
    ] = Format.table,
    excerpt: Annotated[
        bool | None,
        typer.Option(
            "--excerpt/--no-excerpt",
            help="Follow each problem with its source line and a ^ under the column "
            "(default: when stderr is a terminal; table format only).",
            show_default=False,
        ),
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Count warnings as errors (exit 1 on a warning).")
    ] = False,
) -> None:
    """Check every file of the data folder and list every problem (exit 1 on errors).

    校验数据文件夹中的全部文件,逐条列出问题(文件:行:列),在终端上附该行原文并用 ^ 标出位置。有错误时退出码为 1(--strict:有警告也为 1)。
    """
    from hxay import api
    from hxay.render import diagnostics as rd

    if fmt not in (Format.table, Format.json):
        fail(Msg("validate 只有 table 和 json 格式", "validate comes as table or json only"))
    root, shown = api.data_folder(data, Path.cwd())
    loaded = api.validate(root, shown)
    chosen = language(lang, loaded.campaign)
    if fmt is Format.json:
        typer.echo(rd.validate_json(loaded, chosen))
    else:
        shown_excerpts = sys.stderr.isatty() if excerpt is None else excerpt
        sources = api.excerpt_lines(loaded) if shown_excerpts else None
        for line in rd.lines(loaded.diagnostics, chosen, sources):
            typer.echo(line, err=True)
        typer.echo(rd.summary(loaded, chosen, strict=strict))
    raise typer.Exit(1 if loaded.errors or (strict and loaded.warnings) else 0)


@app.command(cls=Command)
@command
def check(
    data: DataOpt = None,
    as_of: AsOfOpt = None,
    within: Annotated[
        int,
        typer.Option("--within", min=0, max=3660, help="Also show what falls due within N days."),
    ] = 14,
    show_all: Annotated[
        bool, typer.Option("--all", help="Show every instance, met ones too.")
    ] = False,
    status: Annotated[
        list[str] | None,
        typer.Option("--status", help="Show only these statuses (overdue,due,late,met)."),
    ] = None,
    unit: Annotated[
        list[str] | None, typer.Option("--unit", help="Only findings of these units (comma list).")
    ] = None,
    school: Annotated[
        list[str] | None, typer.Option("--school", help="Only findings about these schools.")
    ] = None,
    obligation: Annotated[
        list[str] | None, typer.Option("--obligation", help="Only these obligations (comma list).")
    ] = None,
    fmt: Annotated[
        Format | None,
        typer.Option(
            "--format",
            "-f",
            help="table, json, csv, md or xlsx (督办清单 to print; needs --out) "
            "(default: from the --out extension, else table).",
            show_default=False,
        ),
    ] = None,
    out: OutOpt = None,
    lang: LangArg = None,
    allow_errors: AllowErrorsOpt = False,
) -> None:
    """List what is still owed as of a date (exit 1 when something is overdue).

    列出截至某日各单位尚未完成的事项:默认显示逾期事项和 14 天内到期的事项。
    --out 督办清单.xlsx 写出可打印分发的督办清单(每个单位一块)。
    有逾期事项时退出码为 1,数据有错误时为 3。
    """
    from hxay import api
    from hxay.api.options import day, split
    from hxay.render import formats

    chosen_fmt = chosen_format(out, fmt)
    formats.check_format("check", chosen_fmt)
    wanted = split(status)
    statuses = api.View.statuses_of(wanted)
    obligations = api.Scope.obligations_of(split(obligation))
    when = day(as_of, "--as-of")
    root, shown = api.data_folder(data, Path.cwd())
    if out is not None:
        formats.check_out_path(out, root)
    result = api.check(
        root,
        display_path=shown,
        as_of=when,
        now=dt.datetime.now(dt.UTC),
        scope=api.Scope(split(unit), split(school), obligations),
        view=api.View(statuses, within, show_all),
        allow_errors=allow_errors,
    )
    chosen = language(lang, result.loaded.campaign)
    _ran(result, when, chosen)
    deliver(formats.render(result.report(chosen), chosen_fmt, options_for(out)), out, chosen_fmt)
    raise typer.Exit(1 if result.overdue else 0)


def _ran(result: CheckResult, given: dt.date | None, lang: Lang) -> None:
    """Stop with the errors (exit 3) unless the check ran; else say on stderr what comes
    before its result: today outside the campaign, why the commit is missing, the errors
    let through."""
    from hxay import api

    loaded = result.loaded
    if result.problems or result.provenance is None or loaded.campaign is None:
        stop(result.problems, lang)
    notice = api.outside_campaign(given, result.as_of, loaded.campaign)
    if notice is not None:
        say(notice)
    hint_of(result.provenance)
    let_through(loaded.errors, result.notice, lang)


@app.command(cls=Command)
@command
def calendar(
    data: DataOpt = None,
    as_of: AsOfOpt = None,
    days: Annotated[
        int,
        typer.Option(
            "--days",
            min=0,
            max=3660,
            help="Window: due dates within N days of the as-of date, either side.",
        ),
    ] = 60,
    unit: Annotated[
        list[str] | None, typer.Option("--unit", help="Only these units' duties (comma list).")
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            help="Write the .ics to this file (atomically), not stdout.",
            show_default=False,
        ),
    ] = None,
    link_base: Annotated[
        str | None,
        typer.Option(
            "--link-base",
            help="Web address of the data folder in a git web view; events link to BASE/path#Lline.",
            show_default=False,
        ),
    ] = None,
    lang: LangArg = None,
    allow_errors: AllowErrorsOpt = False,
) -> None:
    """Write the open duties as an iCalendar (.ics) feed to subscribe to (exit 3 on data errors).

    把尚未完成(待完成或逾期)、到期日在截至日前后 N 天内的事项输出为 iCalendar 日历,每项一个全天事件,注明责任单位和对应记录(文件:行)。可用 --unit 只取某单位。
    """
    from hxay import api
    from hxay.api.options import day, split
    from hxay.render import formats
    from hxay.render.ics import FeedOptions, to_ics

    when = day(as_of, "--as-of")
    root, shown = api.data_folder(data, Path.cwd())
    if out is not None:
        formats.check_out_path(out, root)
    now = dt.datetime.now(dt.UTC)
    units = split(unit)
    result = api.calendar(
        root,
        display_path=shown,
        as_of=when,
        now=now,
        units=units,
        days=days,
        allow_errors=allow_errors,
    )
    checked = result.check
    loaded = checked.loaded
    chosen = language(lang, loaded.campaign)
    _ran(checked, when, chosen)
    assert checked.provenance is not None and loaded.ledger is not None
    options = FeedOptions(
        as_of=checked.as_of,
        days=days,
        stamp=now,
        lang=chosen,
        units=tuple(units),
        link_base=link_base,
        commit=checked.provenance.commit,
    )
    feed = to_ics(result.events, loaded.ledger, options)
    if out is None:
        sys.stdout.buffer.write(feed)
        sys.stdout.flush()
        return
    write_bytes(out, feed, Msg(f"{len(result.events)} 个事件", f"{len(result.events)} events"))
