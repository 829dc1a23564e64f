"""Stage 5, render: the output formats, which module draws each, and safe file output.

`Format` is the one list of formats (the CLI's `--format` too): each member names the module
and function that draw every report type in it, its file extensions, and whether it is
binary (only to a file); adding a format is one module and one member. A module says which
report forms it draws (`FORMS`). Modules are imported when a format is used, and import
their heavy libraries (rich, openpyxl, python-docx) inside their
functions, so choosing a format costs nothing.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from enum import StrEnum
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, cast

from hxay.editing import atomic
from hxay.models.errors import UsageError
from hxay.models.text import Msg
from hxay.render.options import RenderOptions

if TYPE_CHECKING:
    from hxay.render.options import Report

__all__ = ["BINARY", "FILE_ENCODING", "Format", "RenderOptions", "render"]


class Format(StrEnum):
    """An output format: `value` as `--format` names it; each member also says which
    `module:function` draws it, its file extensions, and whether it is binary."""

    drawer: str
    extensions: tuple[str, ...]
    binary: bool

    def __new__(cls, value: str, drawer: str, extensions: tuple[str, ...], binary: bool) -> Format:
        member = str.__new__(cls, value)
        member._value_ = value
        member.drawer = drawer
        member.extensions = extensions
        member.binary = binary
        return member

    table = "table", "terminal:render", (".txt",), False
    json = "json", "tabular:render", (".json",), False
    csv = "csv", "tabular:render_csv", (".csv",), False
    md = "md", "markdown:render", (".md", ".markdown"), False
    xlsx = "xlsx", "xlsx:render", (".xlsx",), True
    html = "html", "html:render", (".html", ".htm"), False
    docx = "docx", "docx:render", (".docx",), True


BINARY = frozenset(f for f in Format if f.binary)
FILE_ENCODING: Mapping[Format, str] = MappingProxyType(
    {Format.csv: "utf-8-sig"}  # Excel and WPS read a CSV without a BOM as GBK
)

Drawer = Callable[["Report", RenderOptions], str | bytes]


def _module(fmt: Format) -> object:
    return importlib.import_module(f"hxay.render.{fmt.drawer.partition(':')[0]}")


def forms_of(fmt: Format) -> frozenset[str]:
    """The report forms a format draws: its module's `FORMS`, or `<FORMAT>_FORMS` where one
    module draws several formats that differ (tabular.py: JSON and CSV)."""
    module = _module(fmt)
    forms = getattr(module, f"{fmt.name.upper()}_FORMS", None) or getattr(module, "FORMS")  # noqa: B009
    return cast(frozenset[str], forms)


def check_format(form: str, fmt: Format) -> None:
    """A format the form does not come in is a UsageError naming those it does."""
    if form in forms_of(fmt):
        return
    listed = ", ".join(f.value for f in Format if form in forms_of(f))
    raise UsageError(
        Msg(
            f"报表 {form} 没有 {fmt.value} 格式;可选:{listed}",
            f"the {form} report does not come as {fmt.value}; use one of: {listed}",
        )
    )


def render(report: Report, fmt: Format, options: RenderOptions | None = None) -> str | bytes:
    """The report drawn in `fmt`: text, or bytes for a `BINARY` format."""
    check_format(report.form, fmt)
    drawer = cast(Drawer, getattr(_module(fmt), fmt.drawer.partition(":")[2]))
    return drawer(report, options or RenderOptions())


def format_for(path: Path, given: Format | None) -> Format:
    """`--format` if given, else the format the extension of `--out` names."""
    if given is not None:
        return given
    suffix = path.suffix.lower()
    for fmt in Format:
        if suffix in fmt.extensions:
            return fmt
    known = ", ".join(x for f in Format for x in f.extensions)
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


def encode(text: str | bytes, fmt: Format) -> bytes:
    """Text in the format's file encoding; bytes as they are."""
    return text if isinstance(text, bytes) else text.encode(FILE_ENCODING.get(fmt, "utf-8"))


def write_atomic(path: Path, text: str | bytes, fmt: Format) -> None:
    """Write through a temporary file and a rename (editing/atomic.py), so a reader never sees
    half a report and a failed run leaves the old file as it was."""
    atomic.write_atomic(path, encode(text, fmt))
