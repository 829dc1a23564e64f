"""Stage 8, cli: the command line (Typer only). Importing the package registers every
command on `app`; `main` is the console script."""

from __future__ import annotations

from hxay.cli import read, report, sheets, tables, write
from hxay.cli.app import app, main

__all__ = ["app", "main", "read", "report", "sheets", "tables", "write"]
