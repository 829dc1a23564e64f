"""Stage 4, render: which renderer draws a report table in which format, and safe file output.

`RENDERERS` maps each `Format` to one function (Table, RenderOptions) -> text, or bytes
for the `BINARY` formats (xlsx), which only go to a file. Renderer modules import their
heavy libraries (rich, openpyxl) inside the functions, so choosing a format costs nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from types import MappingProxyType

from hxay.loading import atomic
from hxay.models.text import Msg
from hxay.render import html, tables, terminal, xlsx
from hxay.reports.document import Document
from hxay.reports.period import UsageError
from hxay.reports.table import Table


class Format(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    md = "md"
    xlsx = "xlsx"
    html = "html"


@dataclass(frozen=True, slots=True)
class RenderOptions:
    """What the caller knows about the output: terminal width, and whether colour is wanted."""

    width: int = 100
    color: bool = False


Renderer = Callable[[Table, RenderOptions], str | bytes]

RENDERERS: Mapping[Format, Renderer] = MappingProxyType(
    {
        Format.table: terminal.render,
        Format.json: tables.to_json,
        Format.csv: tables.to_csv,
        Format.md: tables.to_markdown,
        Format.xlsx: xlsx.to_xlsx,
        Format.html: html.to_html,
    }
)

EXTENSIONS: Mapping[str, Format] = MappingProxyType(
    {
        ".txt": Format.table,
        ".json": Format.json,
        ".csv": Format.csv,
        ".md": Format.md,
        ".markdown": Format.md,
        ".xlsx": Format.xlsx,
        ".html": Format.html,
        ".htm": Format.html,
    }
)
BINARY = frozenset({Format.xlsx})

FILE_ENCODING: Mapping[Format, str] = MappingProxyType(
    {Format.csv: "utf-8-sig"}  # Excel and WPS read a CSV without a BOM as GBK
)


def render(
    table: Table | Document, fmt: Format, options: RenderOptions | None = None
) -> str | bytes:
    """The table drawn in `fmt`: text, or bytes for a `BINARY` format. A Document (the
    forms other than stats) goes to render/documents.py."""
    if isinstance(table, Document):
        from hxay.render import documents

        return documents.render(table, fmt, options or RenderOptions())
    return RENDERERS[fmt](table, options or RenderOptions())


def format_for(path: Path, given: Format | None) -> Format:
    """`--format` if given, else the format the extension of `--out` names."""
    if given is not None:
        return given
    suffix = path.suffix.lower()
    if suffix in EXTENSIONS:
        return EXTENSIONS[suffix]
    known = ", ".join(EXTENSIONS)
    raise UsageError(
        Msg(
            f"无法从文件名 '{path.name}' 判断格式;请用 --format 指定,或使用扩展名 {known}",
            f"cannot tell the format from '{path.name}'; give --format or use one of {known}",
        )
    )


def check_destination(fmt: Format, out: Path | None) -> None:
    """Refuse a binary format without `--out`: bytes on a terminal are of no use to anyone."""
    if fmt in BINARY and out is None:
        raise UsageError(
            Msg(
                f"{fmt} 格式是二进制文件,不能输出到终端;请用 --out 文件名.{fmt} 写入文件",
                f"the {fmt} format is binary and cannot go to the terminal; "
                f"write it to a file with --out FILE.{fmt}",
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


def write_atomic(path: Path, text: str | bytes, fmt: Format) -> None:
    """Write through a temporary file and a rename (loading.atomic), so a reader never sees
    half a report and a failed run leaves the old file as it was. Text is encoded in the
    format's file encoding; bytes are written as they are."""
    data = text if isinstance(text, bytes) else text.encode(FILE_ENCODING.get(fmt, "utf-8"))
    atomic.write_atomic(path, data)
