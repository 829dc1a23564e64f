"""The command line (Typer only): parse options, call one api function, render, set the exit code."""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from hxay import __version__

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
            typer.echo(line)
        typer.echo(rd.summary(loaded, language))
    raise typer.Exit(1 if loaded.errors else 0)


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except KeyboardInterrupt:  # pragma: no cover - interactive only
        sys.exit(130)
