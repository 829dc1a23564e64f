"""Stage 8, cli: writing what a command made: to the terminal at its width, or to a file
atomically with a line on stderr saying what was written."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import NoReturn

import typer

from hxay.cli.app import fail, say
from hxay.models.text import Msg
from hxay.render.formats import Format
from hxay.render.options import RenderOptions


def cannot_write(out: Path, exc: OSError) -> NoReturn:
    """`--out` could not be written: say why and exit 1."""
    why = exc.strerror or exc
    fail(Msg(f"--out {out}:写入失败({why})", f"--out {out}: cannot write ({why})"), 1)


def save(out: Path, data: bytes) -> None:
    """Write a file atomically (editing/atomic.py), or exit 1 saying why it could not be."""
    from hxay.editing.atomic import write_atomic

    try:
        write_atomic(out, data)
    except OSError as exc:
        cannot_write(out, exc)


def deliver(text: str | bytes, out: Path | None, fmt: Format) -> None:
    """A rendered report on stdout, or into `out` atomically with a line on stderr saying
    what was written."""
    from hxay.render import formats

    if out is None:
        typer.echo(text, nl=False)
    else:
        write_bytes(out, formats.encode(text, fmt))


def write_bytes(out: Path, data: bytes, what: Msg | None = None) -> None:
    """Write a file atomically and say on stderr what was written."""
    save(out, data)
    detail = what + Msg(",", ", ") if what is not None else Msg("", "")
    size = len(data)
    say(Msg(f"已写入 {out}({detail.zh}{size} 字节)", f"wrote {out} ({detail.en}{size} bytes)"))


def chosen_format(out: Path | None, given: Format | None) -> Format:
    """`--format`, else the one `--out`'s extension names, else table; a binary format only
    into a file."""
    from hxay.render import formats

    fmt = formats.format_for(out, given) if out is not None else given or Format.table
    formats.check_destination(fmt, out)
    return fmt


def options_for(out: Path | None) -> RenderOptions:
    """The terminal's width and colour, or a fixed width for a file."""
    return RenderOptions(
        width=120 if out is not None else shutil.get_terminal_size((100, 24)).columns,
        color=out is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ,
    )
