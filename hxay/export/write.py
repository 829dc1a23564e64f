"""Export stage (writes outside the data folder only): the tables as Parquet or CSV in a hive
layout, `DIR/campaign=ID/TABLE.parquet`, and `DIR/manifest.json`, all or nothing.

Everything is written into a temporary folder beside DIR and renamed into place, so a reader
sees the previous export or the new one and a failed run leaves no half-written folder. DIR
may be new, empty, or an earlier export (replaced); anything else is refused. CSV cells a
spreadsheet would evaluate get a leading `'`, lists are `、`-joined, mappings `key=value`
joined the same way; the file starts with a BOM for Excel and WPS.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import shutil
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Protocol

from hxay.editing.atomic import umask
from hxay.models.errors import UsageError
from hxay.models.text import Msg
from hxay.render.escape import csv_cell

if TYPE_CHECKING:
    from pandas import DataFrame

TableFormat = Literal["parquet", "csv"]
MANIFEST = "manifest.json"
MARK = "hxay-export"
"""manifest.json's `kind`: how a folder is known to be an export that may be replaced."""


class _Column(Protocol):
    def to_pylist(self) -> list[object]: ...


class _Table(Protocol):
    """What is read of a pyarrow Table here (pyarrow ships no type hints)."""

    @property
    def num_columns(self) -> int: ...
    @property
    def num_rows(self) -> int: ...
    @property
    def column_names(self) -> list[str]: ...
    def column(self, i: int, /) -> _Column: ...


@dataclass(frozen=True)
class Written:
    """One table file: its name, path relative to DIR, and number of rows."""

    name: str
    file: str
    rows: int


def is_export(folder: Path) -> bool:
    try:
        doc = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(doc, dict) and doc.get("kind") == MARK


def check_target(out: Path) -> None:
    """DIR must be new, an empty folder or an earlier export; else a UsageError."""
    if not out.exists() and not out.is_symlink():
        return
    if out.is_dir() and not out.is_symlink() and (not any(out.iterdir()) or is_export(out)):
        return
    raise UsageError(
        Msg(
            f"--out {out}:已存在且不是 hxay 导出的文件夹;请换一个新文件夹(已有的导出会被整体替换)",
            f"--out {out}: exists and is not an hxay export; choose a new folder "
            "(an earlier export is replaced whole)",
        )
    )


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return "、".join(
            f"{_text(v[0])}={_text(v[1])}" if isinstance(v, tuple) else _text(v) for v in value
        )
    return str(value)


def _write_csv(table: _Table, path: Path) -> None:
    columns = [table.column(i).to_pylist() for i in range(table.num_columns)]
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(table.column_names)
        for i in range(table.num_rows):
            writer.writerow([csv_cell(_text(col[i])) for col in columns])


def _arrow(frame: DataFrame) -> _Table:
    """The frame as an arrow table without pandas' own metadata (which pandas cannot read
    back for list columns); the arrow schema kept in the file restores every type."""
    import pyarrow as pa

    table: _Table = pa.Table.from_pandas(frame, preserve_index=False).replace_schema_metadata(None)
    return table


def write_export(
    out: Path,
    campaign: str,
    frames: Mapping[str, DataFrame],
    manifest: Mapping[str, object],
    fmt: TableFormat,
) -> list[Written]:
    """Write every frame and the manifest into DIR in one step (see the module's doc)."""
    import pyarrow.parquet as pq

    check_target(out)
    parent = out.absolute().parent
    parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=parent, prefix=f".{out.name}.", suffix=".tmp"))
    old: Path | None = None
    try:
        folder = tmp / f"campaign={campaign}"
        folder.mkdir()
        written = []
        for name, frame in frames.items():
            rel = f"campaign={campaign}/{name}.{fmt}"
            table = _arrow(frame)
            if fmt == "parquet":
                pq.write_table(table, tmp / rel)
            else:
                _write_csv(table, tmp / rel)
            written.append(Written(name, rel, table.num_rows))
        doc = dict(manifest)
        doc["tables"] = [{"name": w.name, "file": w.file, "rows": w.rows} for w in written]
        text = json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
        (tmp / MANIFEST).write_text(text, encoding="utf-8")
        os.chmod(tmp, 0o777 & ~umask())  # mkdtemp makes the folder private; an export is not
        if out.exists():
            old = Path(tempfile.mkdtemp(dir=parent, prefix=f".{out.name}.", suffix=".old"))
            os.replace(out, old / "previous")
        os.replace(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        if old is not None and (old / "previous").exists() and not out.exists():
            os.replace(old / "previous", out)
        raise
    finally:
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    return written
