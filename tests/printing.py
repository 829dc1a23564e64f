"""Test helpers for printed output: LibreOffice (xlsx/docx to PDF), headless Chromium (HTML to
PDF) and poppler (page counts, text, word boxes). A test that needs a tool skips with the
reason when it is missing, except on CI (CI=true), where .ci/run installs them and a
missing one is a failure."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest


def tool(*names: str, package: str) -> str:
    """The first of `names` on PATH; skip (fail on CI) when there is none."""
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    if os.environ.get("CI") == "true":
        pytest.fail(f"{names[0]} is not installed, and CI=true needs this test to run")
    pytest.skip(f"{names[0]} not found (install Debian's {package})")


def to_pdf(files: list[Path], out: Path) -> list[Path]:
    """xlsx or docx files converted by LibreOffice, in a profile of the test's own (so a
    LibreOffice the user has open, or another test's, does not get in the way)."""
    soffice = tool(
        "soffice", "libreoffice", package="libreoffice-calc-nogui and libreoffice-writer-nogui"
    )
    tool("pdfinfo", package="poppler-utils")
    out.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(out / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            *map(str, files),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    pdfs = [out / f"{f.stem}.pdf" for f in files]
    assert all(p.exists() for p in pdfs), done.stdout + done.stderr
    return pdfs


def html_to_pdf(page: Path, out: Path) -> Path:
    """An HTML page printed to PDF by headless Chromium, as a browser's print dialogue would
    (the page's own @page size, no header or footer lines added)."""
    binary = tool("chromium", "chromium-browser", "google-chrome", package="chromium")
    tool("pdfinfo", package="poppler-utils")
    done = subprocess.run(
        [
            binary,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={out.parent / 'chromium-profile'}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={out}",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert out.exists(), done.stderr
    return out


def pages(pdf: Path) -> int:
    done = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    return int(re.search(r"^Pages:\s+(\d+)", done.stdout, re.M).group(1))  # type: ignore[union-attr]


def page_text(pdf: Path, page: int) -> str:
    done = subprocess.run(
        ["pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def words(pdf: Path) -> tuple[float, list[tuple[str, float, float]]]:
    """The page width and every word with its left and right edge (points)."""
    done = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    )
    width = float(re.search(r'<page width="([\d.]+)"', done.stdout).group(1))  # type: ignore[union-attr]
    found = re.findall(
        r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"[^>]*>([^<]*)</word>', done.stdout
    )
    return width, [(text, float(x0), float(x1)) for x0, x1, text in found]
