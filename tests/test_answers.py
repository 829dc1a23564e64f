"""The answer cache and the whole-load cache never change what a command prints or its
exit code: each command's stdout, stderr and code with `HXAY_NO_CACHE=1`, on the run that
records, and on the run that is answered, are the same bytes; across edits, git commits
and days. Run in this process through the `hxay` entry point (hxay/__main__.py), with the
output captured at the file descriptors."""

from __future__ import annotations

import gc
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from hxay import __main__ as entry
from hxay.api import answers

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

COMMANDS = [
    ["validate"],
    ["validate", "--format", "json", "--lang", "en"],
    ["check", "--as-of", "2012-06-20", "--format", "json"],
    ["check", "--as-of", "2012-06-20"],
    ["check", "--as-of", "2012-06-30", "--all", "--format", "csv"],
    ["check", "--as-of", "2012-05-31", "--status", "met,late", "--format", "md", "--lang", "en"],
    ["check", "--format", "json"],  # today: the answer holds the day it was made
    ["report", "-m", "2012-05", "--format", "json"],
    ["report", "-m", "2012-05"],
    ["report", "--form", "serious-list", "-m", "2012-06", "--format", "md"],
    ["report", "--form", "schools", "--format", "csv"],
]
CALENDAR = ["calendar", "--as-of", "2012-06-20", "--days", "90"]


def _run(
    args: list[str], capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> tuple[str, str, int]:
    monkeypatch.setattr(sys, "argv", ["hxay", *args])
    code = 0
    try:
        entry.main()
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 0
    finally:
        gc.enable()
    out, err = capfd.readouterr()
    return out, err, code


def _stamp_free(text: str) -> str:
    """The calendar's DTSTAMP is the time of the run."""
    return "\n".join(line for line in text.splitlines() if not line.startswith("DTSTAMP"))


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "data"
    shutil.copytree(EXAMPLES / "tiny", root)
    monkeypatch.setenv("HXAY_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("HXAY_NO_CACHE", raising=False)
    monkeypatch.delenv("HXAY_DATA", raising=False)
    monkeypatch.chdir(tmp_path)
    return root


def _same_with_and_without(
    args: list[str], capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> tuple[str, str, int]:
    monkeypatch.setenv("HXAY_NO_CACHE", "1")
    fresh = _run(args, capfd, monkeypatch)
    monkeypatch.delenv("HXAY_NO_CACHE")
    assert _run(args, capfd, monkeypatch) == fresh  # records the answer
    answered = _run(args, capfd, monkeypatch)
    assert answered == fresh
    return fresh


def _answered(args: list[str], monkeypatch: pytest.MonkeyPatch) -> bool:
    """Whether the command line would be answered from the cache now."""
    import os

    attempt = answers.prepare(args, os.environ, Path.cwd())
    return attempt is not None and attempt.store.read(attempt.path) is not None


def test_every_command_prints_the_same_with_and_without_the_caches(
    folder: Path, capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for args in COMMANDS:
        full = [*args, "--data", str(folder)]
        out, _, code = _same_with_and_without(full, capfd, monkeypatch)
        assert out, args
        assert code in (0, 1), (args, code)
        assert _answered(full, monkeypatch), args
    cal = [*CALENDAR, "--data", str(folder)]
    monkeypatch.setenv("HXAY_NO_CACHE", "1")
    out, err, code = _run(cal, capfd, monkeypatch)
    monkeypatch.delenv("HXAY_NO_CACHE")
    for _ in range(2):
        again = _run(cal, capfd, monkeypatch)
        assert (_stamp_free(again[0]), again[1], again[2]) == (_stamp_free(out), err, code)
    assert "BEGIN:VEVENT" in out
    assert not _answered(cal, monkeypatch)  # the feed carries the time it was made


def test_answers_follow_edits_errors_and_the_campaign(
    folder: Path, capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    records = folder / "records.yaml"
    text = records.read_text(encoding="utf-8")
    picks = [COMMANDS[0], COMMANDS[2], COMMANDS[7]]
    before = {}
    for args in picks:
        before[tuple(args)] = _same_with_and_without([*args, "-d", str(folder)], capfd, monkeypatch)
    # an error: validate exits 1, check and report stop with 3; then mended
    records.write_text(
        text + "- {kind: legal_visit, date: 2012-05-40, school: sch-a}\n", encoding="utf-8"
    )
    codes = [_same_with_and_without([*a, "-d", str(folder)], capfd, monkeypatch)[2] for a in picks]
    assert codes == [1, 3, 3]
    records.write_text(text, encoding="utf-8")
    for args in picks:
        assert (
            _same_with_and_without([*args, "-d", str(folder)], capfd, monkeypatch)
            == (before[tuple(args)])
        )
    # a reference broken from another file, a submission file that appears
    schools = folder / "schools.yaml"
    schools.write_text(schools.read_text(encoding="utf-8") + "\n# note\n", encoding="utf-8")
    for args in picks:
        _same_with_and_without([*args, "-d", str(folder)], capfd, monkeypatch)
    campaign = folder / "campaign.yaml"
    campaign.write_text(
        campaign.read_text(encoding="utf-8").replace("2012-11-30", "2012-10-31", 1),
        encoding="utf-8",
    )
    for args in picks:
        _same_with_and_without([*args, "-d", str(folder)], capfd, monkeypatch)


def test_submission_file_appearing_changes_the_answer(
    folder: Path, capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # no digest covers a submission's `file`: the whole-load entry checks it again
    records = folder / "records.yaml"
    records.write_text(
        records.read_text(encoding="utf-8")
        + "- {kind: submission, form: stats_form, unit: ps-danghu, period: 2012-05-1, "
        "submitted: 2012-05-16, file: forms/may.xlsx}\n",
        encoding="utf-8",
    )
    args = ["validate", "-d", str(folder)]
    missing = _same_with_and_without(args, capfd, monkeypatch)
    assert "E-bad-file" in missing[1] and missing[2] == 1
    (folder / "forms").mkdir()
    (folder / "forms" / "may.xlsx").write_bytes(b"x")
    present = _same_with_and_without(args, capfd, monkeypatch)
    assert "E-bad-file" not in present[1]


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_answers_follow_the_git_state(
    folder: Path, capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def git(*args: str) -> None:
        subprocess.run(
            ["git", "-c", "user.name=t", "-c", "user.email=t@t", *args],
            cwd=folder,
            check=True,
            capture_output=True,
        )

    git("init", "-q")
    git("add", ".")
    git("commit", "-qm", "one")
    args = ["check", "--as-of", "2012-06-20", "--format", "json", "-d", str(folder)]
    clean = _same_with_and_without(args, capfd, monkeypatch)
    assert '"dirty": false' in clean[0]
    # a file hxay does not read changes: the folder is dirty, the answer must say so
    (folder / "README.md").write_text("changed\n", encoding="utf-8")
    dirty = _same_with_and_without(args, capfd, monkeypatch)
    assert '"dirty": true' in dirty[0]
    git("add", ".")
    git("commit", "-qm", "two")
    again = _same_with_and_without(args, capfd, monkeypatch)
    assert '"dirty": false' in again[0] and again[0] != clean[0]  # another commit


def test_a_new_day_is_not_answered_with_yesterday(
    folder: Path, capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    args = ["check", "--format", "json", "-d", str(folder)]
    _same_with_and_without(args, capfd, monkeypatch)
    assert _answered(args, monkeypatch)
    monkeypatch.setattr(answers, "_today", lambda zone, now=None: "2099-01-01")
    attempt = answers.prepare(args, dict(__import__("os").environ), Path.cwd())
    assert attempt is not None and attempt.replay() is None


def test_an_upgraded_dependency_is_not_answered_with_the_old_answer(
    folder: Path,
    tmp_path: Path,
    capfd: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # e.g. chinesecalendar upgraded for a new year's holidays: due dates may move
    site = tmp_path / "site"
    (site / "chinesecalendar-1.11.0.dist-info").mkdir(parents=True)
    monkeypatch.syspath_prepend(str(site))
    args = ["check", "--as-of", "2012-06-20", "--format", "json", "-d", str(folder)]
    _same_with_and_without(args, capfd, monkeypatch)
    assert _answered(args, monkeypatch)
    (site / "chinesecalendar-1.11.0.dist-info").rename(site / "chinesecalendar-1.12.0.dist-info")
    assert not _answered(args, monkeypatch)
    _same_with_and_without(args, capfd, monkeypatch)  # answered again once recorded anew
    assert _answered(args, monkeypatch)


class _Planted:
    """Unpickling this creates a file: what a pickle-based cache would run."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, ...]:
        return (Path.touch, (self.marker,))


def test_planted_and_edited_entries_of_every_cache_are_never_used(
    folder: Path, capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import hashlib
    import pickle

    from hxay.loading.cachedir import MAGIC

    commands = [[*COMMANDS[i], "--data", str(folder)] for i in (0, 2, 7)]
    fresh = [_same_with_and_without(args, capfd, monkeypatch) for args in commands]
    cache = folder.parent / "cache"
    entries = [p for p in cache.rglob("*") if p.is_file() and p.name != "key"]
    kinds = {p.name[:2] for p in entries}
    assert {"a-", "f-", "d-", "wh"} <= kinds  # answers, files, findings, the whole load
    originals = {p: p.read_bytes() for p in entries}
    marker = folder.parent / "ran"
    payload = pickle.dumps(_Planted(marker))
    head = len(MAGIC) + 32
    plants = [
        lambda data: payload,
        lambda data: MAGIC + bytes(32) + payload,
        lambda data: data[:head] + data[head:].replace(b"sch-a", b"sch-z"),  # seal kept
        lambda data: (  # seal recomputed without the key, as someone without it would
            MAGIC
            + hashlib.blake2b(data[head:].replace(b"2012", b"2013"), digest_size=32).digest()
            + data[head:].replace(b"2012", b"2013")
        ),
    ]
    for plant in plants:
        for path, data in originals.items():
            path.write_bytes(plant(data))
        for args, expected in zip(commands, fresh, strict=True):
            assert _run(args, capfd, monkeypatch) == expected
        assert not marker.exists()
