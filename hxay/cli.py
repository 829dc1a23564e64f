"""The command line (Typer only): parse options, call one api function, render, set the exit code."""

from __future__ import annotations

import datetime as dt
import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from hxay import __version__

if TYPE_CHECKING:
    from hxay.models.diagnostics import Diagnostic
    from hxay.models.text import Lang

app = typer.Typer(
    name="hxay",
    help="hxay: 平湖市“护校安园”专项行动台账检查工具 / compliance tracker for the 护校安园 campaign.",
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_show_locals=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    add_completion=True,
)


class LangOpt(StrEnum):
    zh = "zh"
    en = "en"


class DataFormat(StrEnum):
    text = "text"
    json = "json"


DataOpt = Annotated[
    str | None,
    typer.Option(
        "--data", "-d", help="Data folder (default: $HXAY_DATA, ./data, or .).", show_default=False
    ),
]
LangArg = Annotated[
    LangOpt | None,
    typer.Option(
        "--lang", help="Output language (default: campaign.yaml's language).", show_default=False
    ),
]


def _fail(message: str, code: int = 2) -> NoReturn:
    typer.echo(message, err=True)
    raise typer.Exit(code)


def _data_dir(data: str | None) -> tuple[Path, str]:
    from hxay.loading.discover import NoDataFolder, find_data_dir

    try:
        root = find_data_dir(data, os.environ.get("HXAY_DATA"), Path.cwd())
    except NoDataFolder as exc:
        _fail(f"hxay: {exc.msg.zh}\nhxay: {exc.msg.en}")
    return root, data or os.environ.get("HXAY_DATA") or str(root)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"hxay {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """hxay: 平湖市“护校安园”专项行动台账检查工具。"""


@app.command()
def validate(
    data: DataOpt = None,
    lang: LangArg = None,
    fmt: Annotated[
        DataFormat, typer.Option("--format", "-f", help="text or json.")
    ] = DataFormat.text,
) -> None:
    """Check every file of the data folder and list every problem (exit 1 on errors).

    校验数据文件夹中的全部文件,逐条列出问题(文件:行:列)。有错误时退出码为 1。
    """
    from hxay import api
    from hxay.render import diagnostics as rd

    root, shown = _data_dir(data)
    loaded = api.validate(root, shown)
    language = lang.value if lang else (loaded.campaign.language if loaded.campaign else "zh")
    if fmt is DataFormat.json:
        typer.echo(rd.validate_json(loaded, language))
    else:
        for line in rd.lines(loaded.diagnostics, language):
            typer.echo(line, err=True)
        typer.echo(rd.summary(loaded, language))
    raise typer.Exit(1 if loaded.errors else 0)


class CheckFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    md = "md"


AsOfOpt = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        help="As-of date D (default: today in the campaign's timezone).",
        show_default=False,
    ),
]
AllowErrorsOpt = Annotated[
    bool, typer.Option("--allow-errors", help="Run on what loaded even if the data has errors.")
]


def _date_option(value: str | None, name: str) -> dt.date | None:
    from hxay.models.values import BadValue, parse_date

    if value is None:
        return None
    try:
        return parse_date(value)
    except BadValue as exc:
        _fail(f"hxay: {name}: {exc.msg.zh}\nhxay: {name}: {exc.msg.en}")


def _split(values: list[str] | None) -> list[str]:
    return [p.strip() for v in values or [] for p in v.split(",") if p.strip()]


def _language(lang: LangOpt | None, campaign_language: str | None) -> Lang:
    if lang is not None:
        return "en" if lang is LangOpt.en else "zh"
    return "en" if campaign_language == "en" else "zh"


def _print_problems(problems: list[Diagnostic], lang: Lang) -> None:
    for d in problems:
        typer.echo(d.format(lang), err=True)


@app.command()
def check(
    data: DataOpt = None,
    as_of: AsOfOpt = None,
    within: Annotated[
        int, typer.Option("--within", help="Also show what falls due within N days.")
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
        CheckFormat, typer.Option("--format", "-f", help="table, json, csv or md.")
    ] = CheckFormat.table,
    lang: LangArg = None,
    allow_errors: AllowErrorsOpt = False,
) -> None:
    """List what is still owed as of a date (exit 1 when something is overdue).

    列出截至某日各单位尚未完成的事项:默认显示逾期事项和 14 天内到期的事项。
    有逾期事项时退出码为 1,数据有错误时为 3。
    """
    from hxay import api
    from hxay.models.findings import STATUSES
    from hxay.render import findings as rf

    statuses = _split(status)
    bad = [s for s in statuses if s not in STATUSES]
    if bad:
        _fail(f"hxay: --status: {', '.join(bad)} (overdue, due, late, met)")
    obligations = _split(obligation)
    from hxay.models.campaign import PARAMS

    unknown = [o for o in obligations if o not in PARAMS]
    if unknown:
        _fail(f"hxay: --obligation: {', '.join(unknown)}; " + ", ".join(PARAMS))
    day = _date_option(as_of, "--as-of")
    root, shown = _data_dir(data)
    result = api.check(
        root,
        display_path=shown,
        as_of=day,
        now=dt.datetime.now(dt.UTC),
        scope=api.Scope(_split(unit), _split(school), obligations),
        view=api.View(statuses or None, within, show_all),  # type: ignore[arg-type]
        allow_errors=allow_errors,
    )
    loaded = result.loaded
    language = _language(lang, loaded.campaign.language if loaded.campaign else None)
    if result.problems or result.provenance is None or loaded.campaign is None:
        _print_problems(result.problems, language)
        raise typer.Exit(3)
    out = rf.CheckOutput(
        campaign=loaded.campaign.id,
        as_of=result.as_of,
        findings=result.shown,
        summary=result.summary,
        provenance=result.provenance,
        ledger=loaded.ledger,  # type: ignore[arg-type]
        notice=api.allowed_errors_notice(loaded),
    )
    if out.notice is not None:
        _print_problems(loaded.errors, language)
        typer.echo(out.notice.render(language), err=True)
    if fmt is CheckFormat.table:
        from rich.console import Console

        rf.print_table(out, language, Console())
    else:
        render = {
            CheckFormat.json: rf.to_json,
            CheckFormat.csv: rf.to_csv,
            CheckFormat.md: rf.to_markdown,
        }[fmt]
        typer.echo(render(out, language), nl=fmt is CheckFormat.json)
    raise typer.Exit(1 if result.overdue else 0)


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except KeyboardInterrupt:  # pragma: no cover - interactive only
        sys.exit(130)


class ReportForm(StrEnum):
    stats = "stats"
    work = "work"
    summary = "summary"
    serious_list = "serious-list"
    schools = "schools"


class ReportFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    md = "md"
    xlsx = "xlsx"
    html = "html"


@app.command()
def report(
    month: Annotated[
        str | None,
        typer.Option(
            "--month", "-m", help="Month YYYY-MM (required for stats and work).", show_default=False
        ),
    ] = None,
    half: Annotated[
        int | None,
        typer.Option(
            "--half",
            min=1,
            max=2,
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
        ReportForm,
        typer.Option(
            "--form",
            help="stats (统计报表), work (上月工作情况), summary (专项行动总结), "
            "serious-list (隐患学校名单) or schools (平安校园 scorecard).",
        ),
    ] = ReportForm.stats,
    fmt: Annotated[
        ReportFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="table, json, csv, md, xlsx (needs --out) or html "
            "(default: from the --out extension, else table).",
            show_default=False,
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out", "-o", help="Write to this file (atomically), not stdout.", show_default=False
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
    serious-list 隐患学校名单、schools 平安校园考核情况表;后三者默认截至今天(summary、
    schools 不晚于活动结束日,serious-list 为名单报送期限)。
    数据或 campaign.yaml 有错误时打印错误并以退出码 3 结束。
    """
    import shutil

    from hxay import api
    from hxay.render import formats as rf
    from hxay.render.documents import check_format
    from hxay.reports.period import UsageError

    day = _date_option(as_of, "--as-of")
    root, shown = _data_dir(data)
    given = rf.Format(fmt.value) if fmt is not None else None
    try:
        chosen = rf.format_for(out, given) if out is not None else given or rf.Format.table
        rf.check_destination(chosen, out)
        check_format(form.value, chosen)
        if out is not None:
            rf.check_out_path(out, root)
        result = api.report(
            root,
            month=month,
            display_path=shown,
            form=form.value,
            half=half,
            unit=unit,
            as_of=day,
            lang=_language(lang, None) if lang is not None else None,
            allow_errors=allow_errors,
            now=dt.datetime.now(dt.UTC),
        )
    except UsageError as exc:
        _fail(f"hxay: {exc.msg.zh}\nhxay: {exc.msg.en}")
    loaded = result.loaded
    language = _language(lang, loaded.campaign.language if loaded.campaign else None)
    if result.table is None:
        _print_problems(result.problems, language)
        raise typer.Exit(3)
    if result.table.notes:
        _print_problems(loaded.errors, language)
        for note in result.table.notes:
            typer.echo(note, err=True)
    options = rf.RenderOptions(
        width=120 if out is not None else shutil.get_terminal_size((100, 24)).columns,
        color=out is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ,
    )
    text = rf.render(result.table, chosen, options)
    if out is None:
        typer.echo(text, nl=False)
        return
    try:
        rf.write_atomic(out, text, chosen)
    except OSError as exc:
        _fail(f"hxay: --out {out}: {exc.strerror or exc}")
