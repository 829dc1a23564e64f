"""The benchmark runs end to end at a small scale (a smoke test: no timing is asserted)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_benchmark_smoke(tmp_path: Path) -> None:
    out = tmp_path / "results.md"
    subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--smoke", "--out", str(out)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    text = out.read_text(encoding="utf-8")
    assert "| smoke |" in text and "bare parse" in text and "warm check" in text
    assert "Start-up" in text


def test_sheets_benchmark_smoke(tmp_path: Path) -> None:
    out = tmp_path / "sheets.md"
    subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "sheets.py"), "--smoke", "--out", str(out)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    text = out.read_text(encoding="utf-8")
    assert text.startswith("## Spreadsheet import\n")
    assert "`import` of the workbook" in text and "openpyxl read-only" in text
