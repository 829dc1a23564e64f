"""The command line (Typer only): parse options, call one api function, render, set the exit code."""

from __future__ import annotations

import datetime as dt
import gc
import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from hxay import __version__
from hxay.models.text import Msg

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
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache",
            help="Read every file afresh, without the cache of parsed files (also HXAY_NO_CACHE=1).",
        ),
    ] = False,
) -> None:
    """hxay: 平湖市“护校安园”专项行动台账检查工具。"""
    from hxay.loading import cachesetting

    cachesetting.use_cache(None if no_cache else cachesetting.default_directory(os.environ))


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
    """Console-script entry point.

    One command is a short-lived process that keeps nearly everything it allocates until it
    exits: the cyclic garbage collector would only rescan the same live objects (it cost as
    much as the YAML parse itself on a city-year), so it stays off.
    """
    gc.disable()
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


# The same names as render.formats.Format, repeated so that parsing options imports nothing
# heavy (render.formats pulls in the report stack); `rf.Format(fmt.value)` maps it across.
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


def _msg_fail(msg: Msg, lang: Lang, code: int = 2) -> NoReturn:
    _fail(f"hxay: {msg.render(lang)}", code)


def _out_atomic(out: Path, data: bytes, lang: Lang) -> None:
    from hxay.loading.atomic import write_atomic

    try:
        write_atomic(out, data)
    except OSError as exc:
        why = exc.strerror or str(exc)
        _msg_fail(
            Msg(f"--out {out}:写入失败({why})", f"--out {out}: cannot write ({why})"), lang, 1
        )


@app.command()
def schema(
    out: Annotated[
        Path | None,
        typer.Option(
            "--out", "-o", help="Write to this file (atomically), not stdout.", show_default=False
        ),
    ] = None,
) -> None:
    """Print the JSON Schema of campaign.yaml and the record files, for YAML editors.

    输出 campaign.yaml 和记录文件的 JSON Schema(含中文字段说明),供 VS Code 等使用 YAML 语言服务器的编辑器在输入时校验、补全。见 README "Editing helpers"。
    """
    import json

    from hxay import api

    text = json.dumps(api.schema(), ensure_ascii=False, indent=2) + "\n"
    if out is None:
        typer.echo(text, nl=False)
        return
    _out_atomic(out, text.encode("utf-8"), "zh")


def _complete_kind(incomplete: str) -> list[str]:
    from hxay.models.records import KINDS

    return [k for k in KINDS if k.startswith(incomplete)]


def _complete_fields(ctx: typer.Context, incomplete: str) -> list[str]:
    """`field=` names of the kind being written, for shell completion."""
    from hxay.loading.scaffold import UsageProblem, fields_of, resolve_kind
    from hxay.models.records import KINDS

    try:
        kind = resolve_kind(str(ctx.params.get("kind") or ""))
    except UsageProblem:
        return []
    names = [f"{name}=" for name in fields_of(KINDS[kind]) if name != "kind"]
    return [n for n in names if n.startswith(incomplete)]


@app.command()
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
    data: DataOpt = None,
    lang: LangArg = None,
) -> None:
    """Print a new record with every required field, a date and a fresh id; --to appends it.

    打印一条新记录:全部必填字段(未给出的留空并注明)、今天的日期(或 --date)和一个文件夹内唯一的新编号。

    用 --to 文件 时必须给出全部必填字段(否则退出码 2);先校验加入新记录后的整个数据文件夹,能读入才以原子方式追加,否则不写入(退出码 1)。
    """
    from hxay import api
    from hxay.loading.scaffold import Refused, UsageProblem

    day = _date_option(date, "--date")
    root, shown = _data_dir(data)
    language = _language(lang, None) if lang is not None else None
    try:
        result = api.new_record(
            root,
            kind=kind,
            assignments=fields or [],
            day=day,
            now=dt.datetime.now(dt.UTC),
            to=to,
            lang=language,
        )
    except UsageProblem as exc:
        _fail(f"hxay: {exc.msg.zh}\nhxay: {exc.msg.en}")
    except Refused as exc:
        _msg_fail(exc.msg, language or "zh", 1)
    except OSError as exc:
        where = to if to is not None else shown
        _msg_fail(
            Msg(
                f"{where}:写入失败({exc.strerror or exc}),文件未改动",
                f"{where}: cannot write ({exc.strerror or exc}); the file is unchanged",
            ),
            language or "zh",
            1,
        )
    out_lang = result.lang
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
        _print_problems(added.problems, out_lang)
        _msg_fail(
            Msg(
                f"--to {to}:加入这条记录后数据无法读入,未写入",
                f"--to {to}: the folder would not load with this record; nothing written",
            ),
            out_lang,
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


@app.command()
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
    from hxay.loading.init_folder import FolderNotEmpty

    language = _language(lang, None)
    try:
        written = api.init_folder(folder)
    except FolderNotEmpty as exc:
        _msg_fail(exc.msg, language)
    except OSError as exc:
        _msg_fail(
            Msg(
                f"{folder}:无法创建({exc.strerror or exc})",
                f"{folder}: cannot create it ({exc.strerror or exc})",
            ),
            language,
            1,
        )
    for name in written:
        typer.echo(str(folder / name))
    typer.echo(
        Msg(
            f"下一步:核对 {folder / 'campaign.yaml'} 中标有“请按本地实际确认”的参数,"
            f"登记单位和学校,然后运行 hxay validate --data {folder}",
            f"next: check the parameters marked 'confirm locally' in {folder / 'campaign.yaml'}, "
            f"register units and schools, then run hxay validate --data {folder}",
        ).render(language),
        err=True,
    )


@app.command()
def calendar(
    data: DataOpt = None,
    as_of: AsOfOpt = None,
    days: Annotated[
        int,
        typer.Option(
            "--days", min=0, help="Window: due dates within N days of the as-of date, either side."
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

    把尚未完成(待办或逾期)、到期日在截至日前后 N 天内的事项输出为 iCalendar 日历,每项一个全天事件,注明责任单位和对应记录(文件:行)。可用 --unit 只取某单位。
    """
    from hxay import api
    from hxay.render.ics import FeedOptions, to_ics

    day = _date_option(as_of, "--as-of")
    root, shown = _data_dir(data)
    now = dt.datetime.now(dt.UTC)
    units = _split(unit)
    result = api.calendar(
        root,
        display_path=shown,
        as_of=day,
        now=now,
        units=units,
        days=days,
        allow_errors=allow_errors,
    )
    checked = result.check
    loaded = checked.loaded
    language = _language(lang, loaded.campaign.language if loaded.campaign else None)
    if checked.problems or checked.provenance is None or loaded.ledger is None:
        _print_problems(checked.problems, language)
        raise typer.Exit(3)
    notice = api.allowed_errors_notice(loaded)
    if notice is not None:
        _print_problems(loaded.errors, language)
        typer.echo(notice.render(language), err=True)
    options = FeedOptions(
        as_of=checked.as_of,
        days=days,
        stamp=now,
        lang=language,
        units=tuple(units),
        link_base=link_base,
        commit=checked.provenance.commit,
    )
    feed = to_ics(result.events, loaded.ledger, options)
    if out is None:
        sys.stdout.buffer.write(feed)
        sys.stdout.flush()
        return
    _out_atomic(out, feed, language)
