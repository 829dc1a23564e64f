"""Helpers for the spreadsheet tests: a template from the api opened with openpyxl, rows
filled by field code the way a person types them, the import run through the CLI."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
from typer.testing import CliRunner

from hxay import api
from hxay.cli import app


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def template(root: Path | None, *kinds: str, unit: str | None = None) -> Any:
    """The template workbook, opened for filling in."""
    made = api.template(root, list(kinds), unit)
    return openpyxl.load_workbook(io.BytesIO(made.data))


def codes(ws: Any) -> list[str | None]:
    return [c.value for c in ws[2]]


def put(ws: Any, row: int, **values: Any) -> None:
    """Fill a row by field code (`supervisor__name` for `supervisor.name`)."""
    found = codes(ws)
    for key, value in values.items():
        code = key.replace("__", ".")
        ws.cell(row, found.index(code) + 1, value)


def column(ws: Any, code: str) -> str:
    """The letter of a field's column."""
    return openpyxl.utils.get_column_letter(codes(ws).index(code) + 1)


def save(wb: Any, path: Path) -> Path:
    wb.save(path)
    return path


def patch_sheet(path: Path, sheet: int, pattern: str, replacement: str) -> None:
    """Rewrite part of a sheet's XML (what openpyxl cannot write: a formula's cached value)."""
    name = f"xl/worksheets/sheet{sheet}.xml"
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    text, count = re.subn(pattern, replacement, parts[name].decode("utf-8"))
    assert count, pattern
    parts[name] = text.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in parts.items():
            z.writestr(n, data)


def import_(root: Path, book: Path, to: str, *extra: str) -> tuple[int, str, str]:
    return run("import", str(book), "--to", str(root / to), "--data", str(root), *extra)
