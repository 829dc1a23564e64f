"""The benchmark runs end to end at a small scale (a smoke test: no timing is asserted)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def smoke(script: str, out: Path) -> None:
    """benchmarks/`script` at its smoke sizes, writing into `out`."""
    subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / script), "--smoke", "--out", str(out)],
        check=True,
        capture_output=True,
        timeout=300,
    )


def test_benchmark_smoke(tmp_path: Path) -> None:
    out = tmp_path / "results.md"
    smoke("run.py", out)
    text = out.read_text(encoding="utf-8")
    assert "| smoke |" in text and "bare parse" in text and "check, warm, unchanged" in text
    assert "Start-up" in text and "### Goals" in text
    assert text.startswith("# Benchmark results\n\n<!-- benchmarks/run.py: begin -->")


def test_scale_benchmark_smoke(tmp_path: Path) -> None:
    """benchmarks/scale.py runs end to end at tiny sizes and writes its own section, keeping
    the rest of the results file as it was."""
    out = tmp_path / "results.md"
    out.write_text("# Benchmark results\n\nearlier figures\n\n## Goals\n\nkept\n", encoding="utf-8")
    for _ in range(2):  # the second run replaces the section instead of adding another
        smoke("scale.py", out)
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Benchmark results\n\nearlier figures\n\n## Goals\n\nkept\n")
    assert text.count("## Beyond one city") == 1
    assert "| smoke | 300 |" in text and "| country | 5 |" in text
    assert "| 5 county forms (JSON) |" in text


def test_sheets_benchmark_smoke(tmp_path: Path) -> None:
    out = tmp_path / "sheets.md"
    smoke("sheets.py", out)
    text = out.read_text(encoding="utf-8")
    assert text.startswith("## Spreadsheet import\n")
    assert "`import` of the workbook" in text and "openpyxl read-only" in text
