"""The cache of parsed files: results with and without it are identical over many edits,
and a damaged or foreign cache is ignored and rebuilt."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hxay.cli import app
from hxay.loading.load import load
from hxay.rules.registry import evaluate

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
AS_OF = dt.date(2012, 6, 20)


def _result(root: Path, cache: Path | None) -> tuple[object, ...]:
    loaded = load(root, "data", cache_dir=cache)
    findings = evaluate(loaded.ledger, AS_OF)[0] if loaded.ledger else []
    return (
        [(d.path, d.line, d.column, d.code, d.message("en")) for d in loaded.diagnostics],
        [(x.KIND, x.where, x.model_dump()) for x in loaded.kept],
        loaded.left_out,
        [f.as_dict("en") for f in findings],
    )


def _same(root: Path, cache: Path) -> None:
    fresh = _result(root, None)
    assert _result(root, cache) == fresh  # may write the cache
    assert _result(root, cache) == fresh  # reads it back


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "data"
    shutil.copytree(EXAMPLES / "tiny", root)
    return root


def test_identical_results_over_many_edits(folder: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    records = folder / "records.yaml"
    _same(folder, cache)
    # change a value, keeping the size and the modification time (the digest must catch it)
    text = records.read_text(encoding="utf-8")
    st = records.stat()
    changed = text.replace("2012-05-14", "2012-05-15", 1)
    assert len(changed) == len(text) and changed != text
    records.write_text(changed, encoding="utf-8")
    os.utime(records, ns=(st.st_atime_ns, st.st_mtime_ns))
    _same(folder, cache)
    # touch without a change
    os.utime(records)
    _same(folder, cache)
    # an error introduced, then mended
    records.write_text(
        text + "- {kind: legal_visit, date: 2012-05-40, school: sch-a}\n", encoding="utf-8"
    )
    _same(folder, cache)
    records.write_text(text, encoding="utf-8")
    _same(folder, cache)
    # rename, delete, add
    (folder / "records.yaml").rename(folder / "renamed.yaml")
    _same(folder, cache)
    (folder / "renamed.yaml").unlink()
    _same(folder, cache)
    (folder / "more.yaml").write_text(text, encoding="utf-8")
    _same(folder, cache)
    # a change to campaign.yaml (term names shape how submissions are read)
    campaign = folder / "campaign.yaml"
    campaign.write_text(campaign.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    _same(folder, cache)


def test_diagnostic_positions_survive_the_cache(folder: Path, tmp_path: Path) -> None:
    # a reference broken by another file's edit is reported at its column from a cached file
    cache = tmp_path / "cache"
    _same(folder, cache)
    schools = folder / "schools.yaml"
    schools.write_text(
        schools.read_text(encoding="utf-8").replace("sch-", "school-"), encoding="utf-8"
    )
    fresh = _result(folder, None)
    assert any(d[3] == "E-ref-missing" for d in fresh[0])
    assert _result(folder, cache) == fresh


def test_damaged_or_foreign_cache_is_rebuilt(folder: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    fresh = _result(folder, None)
    assert _result(folder, cache) == fresh
    entries = list(cache.rglob("*.pickle"))
    assert entries
    for i, entry in enumerate(entries):
        entry.write_bytes([b"", b"garbage", b"hxay-cache\x00not a pickle"][i % 3])
    assert _result(folder, cache) == fresh
    assert _result(folder, cache) == fresh


def test_no_cache_option_and_env(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("HXAY_CACHE_DIR", str(cache))
    runner = CliRunner()
    assert runner.invoke(app, ["--no-cache", "validate", "--data", str(folder)]).exit_code == 0
    assert not cache.exists()
    monkeypatch.setenv("HXAY_NO_CACHE", "1")
    assert runner.invoke(app, ["validate", "--data", str(folder)]).exit_code == 0
    assert not cache.exists()
    monkeypatch.delenv("HXAY_NO_CACHE")
    assert runner.invoke(app, ["validate", "--data", str(folder)]).exit_code == 0
    assert list(cache.rglob("*.pickle"))
    # the cache lives outside the data folder
    assert not any(p.suffix == ".pickle" for p in folder.rglob("*"))


def test_parallel_parse_gives_the_same_result(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the sample data, parsed in this process only, and with a forked worker taking part
    from hxay.loading import workers

    root = tmp_path / "data"
    shutil.copytree(EXAMPLES.parent / "data", root)
    (root / "records" / "2012-05" / "broken.yaml").write_text(
        "- {kind: legal_visit, date: 2012-05-40, school: sch-dh-01}\n"
        "- {kind: inspection, date: 2012-05-03, unit: ps-danghu, school: nowhere}\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(workers, "PARALLEL_MIN_BYTES", 10**12)
    serial = _result(root, None)
    monkeypatch.setattr(workers, "PARALLEL_MIN_BYTES", 0)
    assert _result(root, None) == serial
    assert _result(root, tmp_path / "cache") == serial
    assert any(d[3] == "E-ref-missing" for d in serial[0])
