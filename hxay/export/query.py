"""Export stage: DuckDB over many exports (the query engine for everything above one city).

Every table found below the folder (`**/campaign=ID/TABLE.parquet`, or `.csv` for a table
exported only as CSV) becomes a view of that name over all its files, read with hive
partitioning and columns matched by name, so exports of many cities and years are queried
as one. A query result is drawn here as a table, CSV or JSON: it is not a report (no
campaign, period or provenance of its own); text from the data is escaped as every output
escapes it. duckdb and rich are imported inside the functions.
"""

from __future__ import annotations

import csv
import datetime as dt
import decimal
import io
import json
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from hxay.models.errors import UsageError
from hxay.models.text import Msg
from hxay.render.escape import csv_cell, terminal
from hxay.render.options import RenderOptions

QueryFormat = Literal["table", "csv", "json"]
_NAME = re.compile(r"[a-z][a-z0-9_]*")


@dataclass(frozen=True)
class QueryResult:
    """Column names and rows of a query, and the views it could use."""

    columns: tuple[str, ...]
    rows: list[tuple[object, ...]]
    views: tuple[str, ...] = ()

    def render(self, fmt: QueryFormat, options: RenderOptions | None = None) -> str:
        if fmt == "csv":
            return self._csv()
        if fmt == "json":
            records = [dict(zip(self.columns, map(_plain, row), strict=True)) for row in self.rows]
            return json.dumps(records, ensure_ascii=False, indent=2) + "\n"
        return self._table(options or RenderOptions())

    def _csv(self) -> str:
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow([csv_cell(c) for c in self.columns])
        for row in self.rows:
            writer.writerow([csv_cell(_text(v)) for v in row])
        return buf.getvalue()

    def _table(self, options: RenderOptions) -> str:
        from rich import box
        from rich.table import Table as Grid
        from rich.text import Text

        from hxay.render.terminal.console import string_console, text_of

        console = string_console(options)
        grid = Grid(box=box.SQUARE, header_style="bold" if options.color else "")
        for j, name in enumerate(self.columns):
            numeric = bool(self.rows) and all(
                isinstance(row[j], (int, float, decimal.Decimal)) or row[j] is None
                for row in self.rows
            )
            grid.add_column(terminal(name), justify="right" if numeric else "left")
        for row in self.rows:
            grid.add_row(*(Text(terminal(_text(v))) for v in row))
        console.print(grid)
        return text_of(console)


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return "、".join(_text(v) for v in value)
    if isinstance(value, dict):
        return "、".join(f"{_text(k)}={_text(v)}" for k, v in value.items())
    return str(value)


def _plain(value: object) -> object:
    """A value JSON can hold: dates as ISO text, decimals as numbers, lists and mappings
    item by item."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def table_files(exports: Path) -> dict[str, list[Path]]:
    """TABLE -> its files below `exports`, Parquet where a table has any, else CSV."""
    found: dict[str, dict[str, list[Path]]] = defaultdict(lambda: defaultdict(list))
    for suffix in ("parquet", "csv"):
        for path in sorted(exports.rglob(f"campaign=*/*.{suffix}")):
            if _NAME.fullmatch(path.stem) and not any(p.startswith(".") for p in path.parts):
                found[path.stem][suffix].append(path)
    return {name: by.get("parquet") or by["csv"] for name, by in sorted(found.items())}


def _literal(paths: list[Path]) -> str:
    return "[" + ", ".join("'" + str(p).replace("'", "''") + "'" for p in paths) + "]"


def connect(exports: Path, query: str | None = None) -> tuple[object, tuple[str, ...]]:
    """An in-memory DuckDB connection with one view per table found below `exports` (only
    those whose name the query mentions, when given: binding a view over union_by_name
    reads the schema of every file, most of the time over a country's 2,800 exports)."""
    import duckdb

    files = table_files(exports)
    if not files:
        raise UsageError(
            Msg(
                f"--exports {exports}:下面没有 hxay export 导出的表(campaign=编号/表名.parquet)",
                f"--exports {exports}: no tables exported by hxay export below it "
                "(campaign=ID/TABLE.parquet)",
            )
        )
    con = duckdb.connect()
    for name, paths in files.items():
        if query is not None and not re.search(rf"\b{name}\b", query, re.IGNORECASE):
            continue
        reader = "read_parquet" if paths[0].suffix == ".parquet" else "read_csv"
        con.execute(
            f'CREATE VIEW "{name}" AS SELECT * FROM {reader}({_literal(paths)}, '
            "hive_partitioning = true, union_by_name = true)"
        )
    return con, tuple(files)


def run_query(query: str, exports: Path) -> QueryResult:
    """Run one query; a query DuckDB refuses is a usage error with DuckDB's own message."""
    import duckdb

    con, views = connect(exports, query)
    assert isinstance(con, duckdb.DuckDBPyConnection)
    try:
        cursor = con.execute(query)
        columns = tuple(d[0] for d in cursor.description or ())
        rows = [tuple(row) for row in cursor.fetchall()] if columns else []
    except duckdb.Error as exc:
        listed = ", ".join(views)
        raise UsageError(
            Msg(f"SQL 有误:{exc}(可用的表:{listed})", f"bad SQL: {exc} (tables: {listed})")
        ) from None
    finally:
        con.close()
    return QueryResult(columns, rows, views)
