"""Stage 8, cli: the Typer application, the options every command shares, and the one place
where an error becomes a message and an exit code.

Commands raise `HxayError` (or return results); `command` catches it once, so every message
comes out the same way in the chosen language. A failure of hxay itself is exit 4 with one
line in both languages, never 1 (which `check` uses for "overdue"); `HXAY_DEBUG=1` shows the
traceback instead.
"""

from __future__ import annotations

import functools
import gc
import os
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, ParamSpec, TypeVar

import typer

from hxay import __version__
from hxay.cli.i18n import STATE, Group
from hxay.models.errors import HxayError
from hxay.models.text import Lang, Msg

if TYPE_CHECKING:
    from hxay.models.campaign import Campaign
    from hxay.models.diagnostics import Diagnostic
    from hxay.models.ledger import Provenance

P = ParamSpec("P")
R = TypeVar("R")

app = typer.Typer(
    name="hxay",
    cls=Group,
    help="hxay: 平湖市“护校安园”专项行动台账检查工具 / compliance tracker for the 护校安园 campaign.",
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_show_locals=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    add_completion=True,
)

INTERNAL = 4
"""Exit code of a failure of hxay itself."""


class LangOpt(StrEnum):
    zh = "zh"
    en = "en"


DataOpt = Annotated[
    str | None,
    typer.Option(
        "--data",
        "-d",
        help="Data folder (default: $HXAY_DATA, ./data, or . and the folders above it).",
        show_default=False,
    ),
]
LangArg = Annotated[
    LangOpt | None,
    typer.Option(
        "--lang", help="Output language (default: campaign.yaml's language).", show_default=False
    ),
]
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
OutOpt = Annotated[
    Path | None,
    typer.Option(
        "--out", "-o", help="Write to this file (atomically), not stdout.", show_default=False
    ),
]


def language(lang: LangOpt | None, campaign: Campaign | None = None) -> Lang:
    """`--lang`, else the campaign's language, else Chinese; remembered for error messages."""
    wanted = lang.value if lang is not None else campaign.language if campaign else None
    chosen: Lang = "en" if wanted == "en" else "zh"
    STATE.lang = chosen
    return chosen


def say(msg: Msg) -> None:
    """One line on stderr in the chosen language (text from the data in it escaped)."""
    from hxay.render.escape import terminal

    typer.echo(f"hxay: {terminal(msg.render(STATE.lang))}", err=True)


def print_problems(problems: list[Diagnostic], lang: Lang) -> None:
    from hxay.render.diagnostics import lines

    for line in lines(problems, lang):
        typer.echo(line, err=True)


def let_through(errors: list[Diagnostic], notice: Msg | None, lang: Lang) -> None:
    """With `--allow-errors`: the errors that were let through, then the notice that the
    result is incomplete (nothing when there were none)."""
    if notice is None:
        return
    print_problems(errors, lang)
    typer.echo(notice.render(lang), err=True)


def stop(problems: list[Diagnostic], lang: Lang) -> NoReturn:
    """Print the errors that stop `check`/`report` and the sentence that says nothing was
    produced and what to do; exit 3."""
    from hxay.render.diagnostics import stopped

    print_problems(problems, lang)
    say(stopped(problems))
    raise typer.Exit(3)


def hint_of(provenance: Provenance | None) -> None:
    """Say why the commit is missing, when git refused to read the repository."""
    if provenance is not None and provenance.hint is not None:
        say(provenance.hint)


def fail(msg: Msg, code: int = 2) -> NoReturn:
    say(msg)
    raise typer.Exit(code)


def command(fn: Callable[P, R]) -> Callable[P, R]:
    """A command: HxayError becomes its message and exit code; anything else unexpected is
    hxay's own failure (exit 4)."""

    @functools.wraps(fn)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return fn(*args, **kwargs)
        except HxayError as exc:
            fail(exc.msg, exc.exit_code)
        except (typer.Exit, typer.Abort, KeyboardInterrupt):
            raise
        except Exception as exc:
            if os.environ.get("HXAY_DEBUG") == "1":
                raise
            typer.echo(
                f"hxay: 内部错误(hxay 的缺陷,请把命令和这一行报告给维护者):{type(exc).__name__}: {exc}\n"
                f"hxay: internal error (a bug in hxay; please report the command and this line): "
                f"{type(exc).__name__}: {exc}",
                err=True,
            )
            raise typer.Exit(INTERNAL) from None

    return run


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
            help="Read every file afresh, without any cache (also HXAY_NO_CACHE=1).",
        ),
    ] = False,
) -> None:
    """hxay: 平湖市“护校安园”专项行动台账检查工具。"""
    from hxay.api import settings

    problem = settings.use_cache(not no_cache)
    if problem is not None:
        say(problem)


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
