"""Stage 8, cli: the option parser in the user's language: usage errors and `--help` in
Chinese by default, in English with `--lang en` (or `HXAY_LANG=en`, or an English `LANG`).

Help texts of options are written `h(zh, en)`; command docstrings hold an English line and a
Chinese paragraph, and the help shows the one of the chosen language first. Usage errors
(unknown option, bad value, missing argument) are told in that language with the nearest
option or command, and exit 2.
"""

from __future__ import annotations

import difflib
import os
import re
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, NoReturn, Protocol, TypeGuard

import typer
from typer._click.exceptions import (
    BadParameter,
    ClickException,
    MissingParameter,
    NoSuchOption,
    UsageError,
)
from typer.core import TyperCommand, TyperGroup
from typer.exceptions import Abort

from hxay.cli.help_zh import ZH
from hxay.models.text import Lang

if TYPE_CHECKING:
    from typer._click import Context, HelpFormatter

_SEP = "\x1f"


class _State:
    """The language messages go out in: `--lang`, else the campaign's, else zh."""

    lang: Lang = "zh"


STATE = _State()


def h(zh: str, en: str) -> str:
    """An option's help in both languages; the help shows the chosen one."""
    return f"{zh}{_SEP}{en}"


def lang_from(args: Sequence[str], env: dict[str, str] | os._Environ[str]) -> Lang:
    """The language before anything is parsed: `--lang`, else HXAY_LANG, else LANG."""
    for i, arg in enumerate(args):
        if arg == "--lang" and i + 1 < len(args):
            return "en" if args[i + 1] == "en" else "zh"
        if arg.startswith("--lang="):
            return "en" if arg.partition("=")[2] == "en" else "zh"
    chosen = env.get("HXAY_LANG", "")
    if chosen in ("zh", "en"):
        return "en" if chosen == "en" else "zh"
    return "en" if env.get("LANG", "").lower().startswith("en") else "zh"


def _has_cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def pick_help(text: str | None, lang: Lang) -> str | None:
    """A command docstring in the chosen language: its Chinese paragraphs first, then the
    English ones (zh); only the English ones (en)."""
    if not text:
        return text
    if _SEP in text:
        zh, _, en = text.partition(_SEP)
        return zh if lang == "zh" else en
    if text in ZH:
        return ZH[text] if lang == "zh" else text
    paragraphs = re.split(r"\n\s*\n", text.strip())
    chinese = [p for p in paragraphs if _has_cjk(p)]
    english = [p for p in paragraphs if not _has_cjk(p)]
    if lang == "en":
        return "\n\n".join(english or paragraphs)
    return "\n\n".join([*chinese, *english])


_HEADINGS_ZH = (
    ("Usage: ", "用法:"),
    ("Options:", "选项:"),
    ("Commands:", "命令:"),
    ("Arguments:", "参数:"),
    ("[default: ", "[默认:"),
    ("[required]", "[必填]"),
    ("Show this message and exit.", "显示此帮助并退出。"),
    ("Show the version.", "显示版本。"),
    ("Install completion for the current shell.", "为当前 shell 安装命令补全。"),
    (
        "Show completion for the current shell, to copy it or customize the installation.",
        "显示当前 shell 的命令补全脚本,可复制或自行安装。",
    ),
    ("[OPTIONS]", "[选项]"),
    ("COMMAND [ARGS]...", "命令 [参数]..."),
)


def translate(text: str, lang: Lang) -> str:
    if lang == "en":
        return text
    for en, zh in _HEADINGS_ZH:
        text = text.replace(en, zh)
    return text


class _Helped(Protocol):
    """A parameter with a help text: an option, or a Typer argument."""

    help: str | None


def _has_help(param: object) -> TypeGuard[_Helped]:
    return isinstance(getattr(param, "help", None), str)


class _Localised:
    """Help in the chosen language for a Typer command or group (mixed in first)."""

    help: str | None

    def _language(self) -> Lang:
        return STATE.lang

    def format_help(self, ctx: Context, formatter: HelpFormatter) -> None:
        lang = self._language()
        saved_help = self.help
        params = [p for p in ctx.command.get_params(ctx) if _has_help(p)]
        saved = [(p, p.help) for p in params]
        self.help = pick_help(saved_help, lang)
        for p in params:
            p.help = pick_help(p.help, lang)
        try:
            super().format_help(ctx, formatter)  # type: ignore[misc]  # the Typer class mixed in after
        finally:
            self.help = saved_help
            for p, text in saved:
                p.help = text

    def get_help(self, ctx: Context) -> str:
        text: str = super().get_help(ctx)  # type: ignore[misc]  # the Typer class mixed in after
        return translate(text, self._language())

    def get_short_help_str(self, limit: int = 45) -> str:
        saved = self.help
        self.help = pick_help(saved, self._language())
        try:
            text: str = super().get_short_help_str(limit)  # type: ignore[misc]  # as above
        finally:
            self.help = saved
        return text


class Command(_Localised, TyperCommand):
    """A command whose help and usage errors speak the chosen language."""


class Group(_Localised, TyperGroup):
    """The top-level group: picks the language before parsing, and tells usage errors in it."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: object,
    ) -> object:
        argv = list(sys.argv[1:] if args is None else args)
        STATE.lang = lang_from(argv, os.environ)
        if not standalone_mode:
            return super().main(argv, prog_name, complete_var, False, windows_expand_args, **extra)
        try:
            code = super().main(argv, prog_name, complete_var, False, windows_expand_args, **extra)
        except ClickException as exc:
            _usage_error(exc, STATE.lang)
        except Abort:
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)


def _hint(exc: ClickException) -> str:
    param = getattr(exc, "param", None)
    if getattr(exc, "param_hint", None):
        return str(exc.param_hint).strip("'")  # type: ignore[attr-defined]  # BadParameter's
    if param is not None:
        return str(param.get_error_hint()).replace("'", "")
    return ""


def _message(exc: ClickException, lang: Lang) -> str:
    """The error in words of the chosen language."""
    if lang == "en":
        return exc.format_message()
    if isinstance(exc, NoSuchOption):
        text = f"没有选项 {exc.option_name}"
        if exc.possibilities:
            text += f"(是否应为 {'、'.join(sorted(exc.possibilities))}?)"
        return text
    if isinstance(exc, MissingParameter):
        what = (
            "参数" if exc.param is not None and exc.param.param_type_name == "argument" else "选项"
        )
        return f"缺少{what} {_hint(exc)}"
    if isinstance(exc, BadParameter):
        return f"{_hint(exc)} 的值无效:{_value_problem(exc)}"
    message = exc.format_message()
    found = re.match(r"No such command '(.+)'\.", message)
    if found:
        return _no_such_command(exc, found.group(1))
    found = re.match(r"Got unexpected extra arguments?(?:\(s\))? \((.*)\)", message)
    if found:
        return f"多余的参数:{found.group(1)}"
    found = re.match(r"Option '(.+)' requires an argument\.", message)
    if found:
        return f"选项 {found.group(1)} 需要一个值"
    found = re.match(r"Option '(.+)' does not take a value\.", message)
    if found:
        return f"选项 {found.group(1)} 不带值"
    return message


def _value_problem(exc: BadParameter) -> str:
    """What is wrong with an option's value, from the option's type (not its English text)."""
    desc = getattr(exc.param, "type_descriptor", None)
    if desc is None:
        return exc.message
    choices = desc.choices
    if choices:
        shown = "、".join(str(getattr(c, "value", c)) for c in choices)
        return f"应为 {shown} 之一"
    info = desc.parameter_info
    low, high = info.min, info.max
    if low is not None and high is not None:
        return f"应为 {low} 至 {high} 之间的整数"
    if low is not None:
        return f"应为不小于 {low} 的整数"
    if high is not None:
        return f"应为不大于 {high} 的整数"
    if desc.annotation is int:
        return "应为整数"
    return exc.message


def _no_such_command(exc: ClickException, name: str) -> str:
    ctx = getattr(exc, "ctx", None)
    known = list(getattr(ctx.command, "commands", {}) if ctx is not None else [])
    near = difflib.get_close_matches(name, known, n=1, cutoff=0.5)
    text = f"没有命令 '{name}'"
    return text + (f"(是否应为 {near[0]}?)" if near else f";可用:{'、'.join(sorted(known))}")


def _usage_error(exc: ClickException, lang: Lang) -> NoReturn:
    ctx = getattr(exc, "ctx", None)
    if lang == "en":
        exc.show()
        sys.exit(exc.exit_code)
    lines: list[str] = []
    if isinstance(exc, UsageError) and ctx is not None:
        lines.append(translate(ctx.get_usage(), lang))
        name = ctx.command_path
        lines.append(f"运行 '{name} -h' 查看帮助。")
        lines.append("")
    lines.append(f"错误:{_message(exc, lang)}")
    typer.echo("\n".join(lines), err=True)
    sys.exit(exc.exit_code)
