"""Starting the command line imports no heavy library (start-up time matters)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

TINY = Path(__file__).resolve().parent.parent / "examples" / "tiny"


def test_starting_the_cli_imports_no_heavy_library() -> None:
    code = (
        "import sys, hxay.cli; "
        "print(sorted(m for m in ('pandas', 'openpyxl', 'docx', 'PIL', 'pydantic', 'rich.table', "
        "'hxay.reports.stats', 'hxay.loading.load') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


# What the command imported, printed when the process exits (after Typer's own exit).
_AT_EXIT = """
import atexit, sys
def _report():
    heavy = sorted(m for m in ('pandas', 'pyarrow', 'duckdb', 'numpy') if m in sys.modules)
    sys.stderr.write('HEAVY=' + ','.join(heavy) + '\\n')
atexit.register(_report)
sys.argv = ['hxay'] + sys.argv[1:]
from hxay.cli import main
main()
"""


@pytest.mark.parametrize(
    "args",
    [
        ["validate"],
        ["check", "--as-of", "2012-06-30", "--format", "json"],
        ["report", "-m", "2012-05", "--format", "json"],
    ],
    ids=lambda a: a[0],
)
def test_validate_check_and_report_import_no_table_library(args: list[str]) -> None:
    done = subprocess.run(
        [sys.executable, "-c", _AT_EXIT, *args, "--data", str(TINY)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode in (0, 1), done.stderr
    heavy = [line for line in done.stderr.splitlines() if line.startswith("HEAVY=")]
    assert heavy == ["HEAVY="]


def test_the_startup_probe_sees_a_table_library() -> None:
    """The probe above is not blind: it reports pandas once something imports it."""
    code = _AT_EXIT.replace("from hxay.cli import main", "import pandas\nfrom hxay.cli import main")
    done = subprocess.run(
        [sys.executable, "-c", code, "--version"], capture_output=True, text=True, timeout=120
    )
    assert "HEAVY=" in done.stderr and "pandas" in done.stderr


def test_naming_the_frames_api_imports_no_table_library() -> None:
    """`hxay.api.frames` is found through the lazy table without loading pandas; only a call
    does."""
    code = "import sys, hxay.api as a; f = a.frames; print('pandas' in sys.modules, callable(f))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "True"]
