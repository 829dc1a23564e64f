"""Stage 4, render: which renderer draws a report table in which format, and safe file output.

`RENDERERS` maps each `Format` to one function (Table, RenderOptions) -> text. Renderer
modules import their heavy libraries (rich, later pandas/openpyxl) inside the functions,
so choosing a format costs nothing. xlsx and html slot in as new members and entries.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from types import MappingProxyType

from hxay.models.text import Msg
from hxay.render import tables, terminal
from hxay.reports.period import UsageError
from hxay.reports.table import Table


class Format(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    md = "md"


@dataclass(frozen=True, slots=True)
class RenderOptions:
    """What the caller knows about the output: terminal width, and whether colour is wanted."""

    width: int = 100
    color: bool = False


Renderer = Callable[[Table, RenderOptions], str]

RENDERERS: Mapping[Format, Renderer] = MappingProxyType(
    {
        Format.table: terminal.render,
        Format.json: tables.to_json,
        Format.csv: tables.to_csv,
        Format.md: tables.to_markdown,
    }
)

EXTENSIONS: Mapping[str, Format] = MappingProxyType(
    {
        ".txt": Format.table,
        ".json": Format.json,
        ".csv": Format.csv,
        ".md": Format.md,
        ".markdown": Format.md,
    }
)
_LATER = frozenset({".xlsx", ".html", ".htm"})

FILE_ENCODING: Mapping[Format, str] = MappingProxyType(
    {Format.csv: "utf-8-sig"}  # Excel and WPS read a CSV without a BOM as GBK
)


def render(table: Table, fmt: Format, options: RenderOptions | None = None) -> str:
    return RENDERERS[fmt](table, options or RenderOptions())


def format_for(path: Path, given: Format | None) -> Format:
    """`--format` if given, else the format the extension of `--out` names."""
    if given is not None:
        return given
    suffix = path.suffix.lower()
    if suffix in EXTENSIONS:
        return EXTENSIONS[suffix]
    if suffix in _LATER:
        raise UsageError(
            Msg(
                f"{suffix} 格式暂不支持;可用 --format table、json、csv 或 md",
                f"the {suffix} format is not yet available; use --format table, json, csv or md",
            )
        )
    known = ", ".join(EXTENSIONS)
    raise UsageError(
        Msg(
            f"无法从文件名 '{path.name}' 判断格式;请用 --format 指定,或使用扩展名 {known}",
            f"cannot tell the format from '{path.name}'; give --format or use one of {known}",
        )
    )


def check_out_path(path: Path, data_root: Path) -> None:
    """Refuse a .yaml/.yml output inside the data folder: hxay would read it as records."""
    inside = path.resolve().is_relative_to(data_root.resolve())
    if inside and path.suffix.lower() in {".yaml", ".yml"}:
        raise UsageError(
            Msg(
                f"--out {path}:数据文件夹中的 .yaml/.yml 文件会被当作记录读取,请换一个位置或扩展名",
                f"--out {path}: a .yaml/.yml file inside the data folder would be read as records; "
                "choose another place or extension",
            )
        )


def write_atomic(path: Path, text: str, fmt: Format) -> None:
    """Write through a temporary file in the same folder and `os.replace`, so a reader never
    sees half a report and a failed run leaves the old file as it was."""
    data = text.encode(FILE_ENCODING.get(fmt, "utf-8"))
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes the file private; a report is not
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
