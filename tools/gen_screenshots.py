"""Write the screenshots in docs/: the first page of the statistics form (xlsx), the
serious-hazard list (xlsx), the campaign summary (docx) and one school's file (一校一档,
docx) of the sample data, as printed:
each file converted to PDF by LibreOffice, its first page to PNG by poppler's pdftoppm.

    python tools/gen_screenshots.py           # render, convert, write the PNGs and the hashes
    python tools/gen_screenshots.py --check   # exit 1 when a screenshot is stale

docs/screenshots.json records, for each screenshot, the command it shows and a hash of what
was rendered: every part of the xlsx/docx package except the one that holds the time of
writing (docProps/core.xml) and the images (chart PNGs depend on the machine's fonts;
their numbers are in the document too, since the summary is hashed as rendered with its
charts as tables). tests/test_screenshots.py recomputes the hashes without LibreOffice, so
a change to the sample data or to a renderer that would change a screenshot fails the
tests until this tool is run again. The sample data is copied outside any git repository
first, so the commit in the provenance line does not change the pictures at every commit.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
RECORD = DOCS / "screenshots.json"
PDFTOPPM = ("pdftoppm", "-png", "-f", "1", "-l", "1", "-singlefile", "-r")
RESOLUTION = 110  # dots per inch of the PNGs: readable, and each under ~400 KB


END = dt.date(2012, 11, 30)


@dataclass(frozen=True)
class Shot:
    name: str
    command: str
    suffix: str
    query: dict[str, Any]
    """What `command` asks api.report for."""

    def render(self, data: Path, for_hash: bool) -> bytes:
        """The file the command writes from the sample data copy; for the hash, the charts of
        a Word document are drawn as tables."""
        from hxay import api

        result = api.report(data, display_path="data", **self.query)
        if self.suffix == ".xlsx":
            from hxay.render import formats

            assert result.table is not None, result.problems
            return bytes(formats.render(result.table, formats.Format.xlsx))
        from hxay.render.docx.document import docx_bytes
        from hxay.reports.document import Document

        assert isinstance(result.table, Document), result.problems
        return docx_bytes(result.table, chart_font=False if for_hash else None)


SHOTS = (
    Shot(
        "stats-form",
        "hxay report --month 2012-05 --out form.xlsx",
        ".xlsx",
        {"month": "2012-05"},
    ),
    Shot(
        "serious-list",
        "hxay report --form serious-list --out list.xlsx",
        ".xlsx",
        {"month": None, "form": "serious-list"},
    ),
    Shot(
        "summary-docx",
        "hxay report --form summary --as-of 2012-11-30 --out summary.docx",
        ".docx",
        {"month": None, "form": "summary", "as_of": END},
    ),
    Shot(
        "dossier",
        "hxay report --form dossier --school sch-ld-03 --as-of 2012-11-30 --out dossier.docx",
        ".docx",
        {"month": None, "form": "dossier", "as_of": END, "schools": ("sch-ld-03",)},
    ),
)


def content_hash(package: bytes) -> str:
    """sha256 over the parts of an OOXML package (name and bytes, by name), leaving out the
    time of writing and the images."""
    digest = hashlib.sha256()
    with zipfile.ZipFile(io.BytesIO(package)) as z:
        for name in sorted(z.namelist()):
            if name == "docProps/core.xml" or "/media/" in name:
                continue
            digest.update(name.encode() + b"\0" + z.read(name) + b"\0")
    return digest.hexdigest()


def sample_copy(base: Path) -> Path:
    """The sample data copied below `base`, where git finds no repository."""
    os.environ["GIT_CEILING_DIRECTORIES"] = str(base)
    target = base / "data"
    shutil.copytree(ROOT / "data", target)
    return target


def hashes(data: Path) -> dict[str, str]:
    return {shot.name: content_hash(shot.render(data, True)) for shot in SHOTS}


def recorded() -> dict[str, dict[str, str]]:
    return dict(json.loads(RECORD.read_text(encoding="utf-8")))


def first_page_png(source: Path, out: Path, work: Path, crop: tuple[str, ...] = ()) -> None:
    """The first page of `source` as printed by LibreOffice (a profile of its own in `work`,
    so that a LibreOffice already open does not get in the way), as a PNG; `crop` adds
    pdftoppm's -x/-y/-W/-H options."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None or shutil.which("pdftoppm") is None:
        raise SystemExit("needs LibreOffice (soffice) and poppler-utils (pdftoppm)")
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    pdf = work / f"{source.stem}.pdf"
    stem = work / f"{source.stem}-page"
    subprocess.run(
        [*PDFTOPPM, str(RESOLUTION), *crop, str(pdf), str(stem)],
        check=True,
        timeout=120,
    )
    shutil.copyfile(stem.with_suffix(".png"), out)


def main(argv: list[str]) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        data = sample_copy(base)
        if "--check" in argv:
            known = recorded()
            stale = [n for n, h in hashes(data).items() if known.get(n, {}).get("hash") != h]
            if stale:
                print(f"stale screenshots: {', '.join(stale)}; run python tools/gen_screenshots.py")
                return 1
            return 0
        record = {}
        for shot in SHOTS:
            source = base / f"{shot.name}{shot.suffix}"
            source.write_bytes(shot.render(data, False))
            first_page_png(source, DOCS / f"{shot.name}.png", base)
            record[shot.name] = {
                "command": shot.command,
                "png": f"docs/{shot.name}.png",
                "hash": content_hash(shot.render(data, True)),
            }
            print(f"wrote docs/{shot.name}.png")
        RECORD.write_text(json.dumps(record, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
