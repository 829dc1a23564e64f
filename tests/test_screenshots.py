"""The screenshots in docs/ show what the commands produce today: each is recorded in
docs/screenshots.json with a hash of the rendered package (tools/gen_screenshots.py), and
the hash recomputed here from a fresh rendering of the sample data must match. No
LibreOffice needed: a mismatch means `python tools/gen_screenshots.py` must be run again.
"""

from __future__ import annotations

import importlib.util
import io
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "gen_screenshots", ROOT / "tools/gen_screenshots.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory, tool: ModuleType) -> Iterator[Path]:
    base = tmp_path_factory.mktemp("screenshots")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("GIT_CEILING_DIRECTORIES", str(base))
        yield tool.sample_copy(base)


def test_screenshots_are_current(tool: ModuleType, data: Path) -> None:
    known = tool.recorded()
    assert sorted(known) == ["dossier", "serious-list", "stats-form", "summary-docx"]
    for name, digest in tool.hashes(data).items():
        assert known[name]["hash"] == digest, (
            f"docs/{name}.png is stale: run `python tools/gen_screenshots.py` and commit it"
        )
        png = ROOT / known[name]["png"]
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_hash_leaves_out_only_the_time_and_the_images(tool: ModuleType) -> None:
    def package(parts: dict[str, bytes]) -> bytes:
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            for name, content in parts.items():
                z.writestr(name, content)
        return buf.getvalue()

    base = {"xl/workbook.xml": b"<a/>", "docProps/core.xml": b"<t>08:00</t>"}
    same = tool.content_hash(package(base))
    assert tool.content_hash(package({**base, "docProps/core.xml": b"<t>09:00</t>"})) == same
    assert tool.content_hash(package({**base, "word/media/image1.png": b"x"})) == same
    assert tool.content_hash(package({**base, "xl/workbook.xml": b"<b/>"})) != same
