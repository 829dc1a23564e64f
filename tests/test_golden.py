"""Golden files: the statistics form on the sample data (data/) rendered as the terminal table
(width 120, no colour), CSV, Markdown, HTML and JSON, compared byte for byte with
tests/golden/. After an intended change run `pytest tests/test_golden.py --update-golden`
and read the diff of tests/golden/ before committing it.

The sample data is copied to a temporary folder outside any git repository (git is told not
to look above it), so the provenance says `commit: null, dirty: null` instead of a commit
that changes with every commit; this exercises the real renderers end to end rather than
patching their output. The data path is shown as `data`, so no absolute path is written.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from hxay import api
from hxay.render import formats
from hxay.render.formats import Format, RenderOptions
from hxay.reports.table import Table

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data"
GOLDEN = Path(__file__).resolve().parent / "golden"

CASES = {"2012-05": ("2012-05", None), "2012-09-2": ("2012-09", 2)}
SUFFIX = {
    Format.table: "txt",
    Format.csv: "csv",
    Format.md: "md",
    Format.html: "html",
    Format.json: "json",
}
OPTIONS = RenderOptions(width=120, color=False)


@pytest.fixture(scope="module")
def outside_git(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A copy of the sample data where git finds no repository."""
    base = tmp_path_factory.mktemp("golden")
    shutil.copytree(SAMPLE, base / "data")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("GIT_CEILING_DIRECTORIES", str(base))
        yield base / "data"


@pytest.fixture(scope="module")
def tables(outside_git: Path) -> dict[str, Table]:
    out = {}
    for name, (month, half) in CASES.items():
        result = api.report(outside_git, month=month, half=half, display_path="data")
        assert result.table is not None, result.problems
        out[name] = result.table
    return out


def _bytes(table: Table, fmt: Format) -> bytes:
    """What `hxay report --out FILE` writes: the text in the format's file encoding."""
    text = formats.render(table, fmt, OPTIONS)
    assert isinstance(text, str)
    return text.encode(formats.FILE_ENCODING.get(fmt, "utf-8"))


@pytest.mark.parametrize("fmt", list(SUFFIX), ids=str)
@pytest.mark.parametrize("case", list(CASES))
def test_golden(tables: dict[str, Table], case: str, fmt: Format, update_golden: bool) -> None:
    got = _bytes(tables[case], fmt)
    path = GOLDEN / f"stats-{case}.{SUFFIX[fmt]}"
    if update_golden:
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(got)
        return
    assert path.exists(), f"{path.name} is missing: run pytest --update-golden"
    assert got == path.read_bytes(), (
        f"{path.name} differs; if the change is intended, run pytest --update-golden"
    )


def test_golden_files_carry_no_git_state_and_no_absolute_path(
    tables: dict[str, Table], outside_git: Path
) -> None:
    for table in tables.values():
        assert table.provenance.commit is None and table.provenance.dirty is None
        for fmt in SUFFIX:
            text = _bytes(table, fmt).decode("utf-8-sig")
            assert str(outside_git.parent) not in text and str(ROOT) not in text
    assert sorted(p.name for p in GOLDEN.glob("stats-*")) == sorted(
        f"stats-{case}.{suffix}" for case in CASES for suffix in SUFFIX.values()
    )
