"""Starting the command line imports no heavy library (start-up time matters)."""

from __future__ import annotations

import subprocess
import sys


def test_starting_the_cli_imports_no_heavy_library() -> None:
    code = (
        "import sys, hxay.cli; "
        "print(sorted(m for m in ('pandas', 'openpyxl', 'docx', 'PIL', 'pydantic', 'rich.table', "
        "'hxay.reports.stats', 'hxay.loading.load') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
