"""Stage 7, cli: writing what a command made: to the terminal at its width, or to a file
atomically with a line on stderr saying what was written."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from hxay.cli.app import fail, say
from hxay.models.text import Msg
from hxay.render.formats import Format
from hxay.render.options import RenderOptions


def write_output(out: Path, text: str | bytes, fmt: Format) -> None:
    """Write a report file atomically and say on stderr what was written."""
    from hxay.render import formats

    try:
        formats.write_atomic(out, text, fmt)
    except OSError as exc:
        fail(
            Msg(
                f"--out {out}:写入失败({exc.strerror or exc})",
                f"--out {out}: cannot write ({exc.strerror or exc})",
            ),
            1,
        )
    size = len(formats.encode(text, fmt))
    say(Msg(f"已写入 {out}({size} 字节)", f"wrote {out} ({size} bytes)"))


def write_bytes(out: Path, data: bytes, what: Msg | None = None) -> None:
    """Write a file atomically (editing/atomic.py) and say on stderr what was written."""
    from hxay.editing.atomic import write_atomic

    try:
        write_atomic(out, data)
    except OSError as exc:
        fail(
            Msg(
                f"--out {out}:写入失败({exc.strerror or exc})",
                f"--out {out}: cannot write ({exc.strerror or exc})",
            ),
            1,
        )
    detail = what + Msg(",", ", ") if what is not None else Msg("", "")
    size = len(data)
    say(Msg(f"已写入 {out}({detail.zh}{size} 字节)", f"wrote {out} ({detail.en}{size} bytes)"))


def options_for(out: Path | None) -> RenderOptions:
    """The terminal's width and colour, or a fixed width for a file."""
    return RenderOptions(
        width=120 if out is not None else shutil.get_terminal_size((100, 24)).columns,
        color=out is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ,
    )
