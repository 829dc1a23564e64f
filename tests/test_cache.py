"""The caches of parsed files and of whole loads: results with and without them are
identical over many edits; a damaged, edited, foreign or planted entry is ignored and
rebuilt, and nothing in one ever runs; a cache folder others may write is not used."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hxay.api.common import evaluate_at
from hxay.cli import app
from hxay.loading.cachedir import MAGIC
from hxay.loading.load import load

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
AS_OF = dt.date(2012, 6, 20)


def _result(root: Path, cache: Path | None) -> tuple[object, ...]:
    loaded = load(root, "data", cache_dir=cache)
    findings = evaluate_at(loaded, AS_OF)[0] if loaded.ledger else []  # through the memo
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


def _entries(cache: Path) -> list[Path]:
    """Every cache entry: one per data file (`f-...`), the whole load (`whole`) and the
    findings of a day (`d-...`)."""
    return sorted(
        p for p in cache.rglob("*") if p.name.startswith(("f-", "d-")) or p.name == "whole"
    )


def test_damaged_or_foreign_cache_is_rebuilt(folder: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    fresh = _result(folder, None)
    assert _result(folder, cache) == fresh
    entries = _entries(cache)
    # one per record file of examples/tiny, the whole load, the findings of AS_OF
    assert len(entries) == len(list(folder.glob("*.yaml"))) - 1 + 2
    for i, entry in enumerate(entries):
        entry.write_bytes([b"", b"garbage", MAGIC + b"\x00" * 40][i % 3])
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
    assert _entries(cache)
    # the cache lives outside the data folder
    assert not _entries(folder)


class _Planted:
    """Unpickling this creates a file: what a pickle-based cache would run."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, ...]:
        return (Path.touch, (self.marker,))


def test_planted_and_edited_entries_are_never_used(folder: Path, tmp_path: Path) -> None:
    import hashlib
    import pickle

    cache = tmp_path / "cache"
    fresh = _result(folder, None)
    assert _result(folder, cache) == fresh
    entries = _entries(cache)
    originals = {e: e.read_bytes() for e in entries}
    marker = tmp_path / "ran"
    payload = pickle.dumps(_Planted(marker))
    assert not marker.exists()
    # a pickle that would create a file, bare and behind the entry's magic
    for i, entry in enumerate(entries):
        entry.write_bytes(payload if i % 2 else MAGIC + bytes(32) + payload)
    assert _result(folder, cache) == fresh
    assert not marker.exists()
    # well-formed entries with edited content: a school renamed in the payload, the seal
    # kept as it was, or recomputed without the key (as someone without it would)
    head = len(MAGIC) + 32
    for seal in ("kept", "recomputed"):
        for entry, data in originals.items():
            body = data[head:].replace("测试".encode(), "篡改".encode())
            if b"sch-a" in body:
                body = body.replace(b"sch-a", b"sch-z")
            sealed = data[len(MAGIC) : head]
            if seal == "recomputed":
                sealed = hashlib.blake2b(body, digest_size=32).digest()
            entry.write_bytes(MAGIC + sealed + body)
        assert _result(folder, cache) == fresh
        assert _result(folder, cache) == fresh  # rebuilt entries read back


def test_edited_entry_with_the_right_seal_still_checks_its_source(
    folder: Path, tmp_path: Path
) -> None:
    # one file's entry copied over another's (sealed by this user, so the seal holds): its
    # record names another file and digest, so it is refused
    cache = tmp_path / "cache"
    fresh = _result(folder, None)
    assert _result(folder, cache) == fresh
    files = [e for e in _entries(cache) if e.name.startswith("f-")]
    files[0].write_bytes(files[1].read_bytes())
    (files[0].parent / "whole").unlink()
    assert _result(folder, cache) == fresh


def test_cache_folder_is_private_and_others_folders_are_not_used(
    folder: Path, tmp_path: Path
) -> None:
    import stat as st

    cache = tmp_path / "cache"
    fresh = _result(folder, None)
    assert _result(folder, cache) == fresh
    mine = cache / f"u{os.getuid()}"
    assert st.S_IMODE(mine.stat().st_mode) == 0o700
    assert st.S_IMODE((mine / "key").stat().st_mode) == 0o600
    # a folder others may write: not used (nothing read from it, nothing written to it)
    mine.chmod(0o777)
    for entry in _entries(cache):
        entry.write_bytes(b"garbage")
    assert _result(folder, cache) == fresh
    assert all(e.read_bytes() == b"garbage" for e in _entries(cache))
    mine.chmod(0o700)
    if os.getuid() == 0:  # a folder of another user's (only root can make one here)
        os.chown(mine, 4242, 4242)
        assert _result(folder, cache) == fresh
        assert all(e.read_bytes() == b"garbage" for e in _entries(cache))


def test_unsafe_cache_folder_is_said_once(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    (cache / f"u{os.getuid()}").mkdir(parents=True, mode=0o700)
    (cache / f"u{os.getuid()}").chmod(0o777)
    monkeypatch.setenv("HXAY_CACHE_DIR", str(cache))
    done = CliRunner().invoke(app, ["validate", "--data", str(folder)])
    assert done.exit_code == 0
    assert done.stderr.count("HXAY_CACHE_DIR") == 1
    assert not _entries(cache)


def test_identical_results_on_generated_data_with_warnings_and_errors(tmp_path: Path) -> None:
    # benchmarks/generate.py's untidy folder: split lists, long deadlines, records after
    # the campaign, failed checks, an impossible date and a missing school in some files
    import sys

    sys.path.insert(0, str(EXAMPLES.parent / "benchmarks"))
    from generate import generate

    root, cache = tmp_path / "data", tmp_path / "cache"
    generate(root, 1500, seed=1, untidy=True)  # seed 1: one file with errors
    fresh = _result(root, None)
    codes = {d[3] for d in fresh[0]}
    assert {"W-split-list", "W-long-deadline", "E-bad-date", "E-ref-missing"} <= codes
    assert _result(root, cache) == fresh
    assert _result(root, cache) == fresh
    edited = sorted((root / "records").rglob("ps-*.yaml"))[3]
    text = edited.read_text(encoding="utf-8")
    edited.write_text(text.replace("  officers: 2\n", "  officers: 5\n", 1), encoding="utf-8")
    fresh = _result(root, None)
    assert _result(root, cache) == fresh
    with open(edited, "a", encoding="utf-8") as handle:
        handle.write("# a comment changes no record\n")
    assert _result(root, cache) == fresh
