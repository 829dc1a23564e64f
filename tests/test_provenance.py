"""Provenance (docs/data-format.md, cli-and-reports "data"): the commit a result came from and
whether what hxay read differs from it, without letting git run anything the repository
configures and without writing into .git."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hxay.cli import app
from hxay.loading.load import load
from hxay.loading.provenance import git_state

TINY = Path(__file__).resolve().parent.parent / "examples" / "tiny"


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "-C", str(repo), *args],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A git repository whose `data/` is examples/tiny, committed; git finds nothing above."""
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    root = tmp_path / "repo"
    shutil.copytree(TINY, root / "data")
    (root / "data" / "notes.txt").write_text("not read by hxay\n", encoding="utf-8")
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "data")
    yield root


def state(repo: Path) -> tuple[str | None, bool | None]:
    loaded = load(repo / "data", cache_dir=None)
    p = loaded.provenance()
    return p.commit, p.dirty


def test_clean(repo: Path) -> None:
    assert state(repo) == (git(repo, "rev-parse", "HEAD"), False)


def test_a_changed_file_hxay_reads(repo: Path) -> None:
    with (repo / "data" / "units.yaml").open("a", encoding="utf-8") as f:
        f.write("# edited\n")
    assert state(repo)[1] is True


def test_a_deleted_tracked_file_even_one_hxay_does_not_read(repo: Path) -> None:
    (repo / "data" / "notes.txt").unlink()
    assert state(repo)[1] is True


def test_a_deleted_record_file(repo: Path) -> None:
    victim = next(p for p in sorted((repo / "data").rglob("*.yaml")) if p.name != "campaign.yaml")
    victim.unlink()
    assert state(repo)[1] is True


def test_an_untracked_file_hxay_reads(repo: Path) -> None:
    (repo / "data" / "extra.yaml").write_text(
        "- {kind: unit, id: u9, name: 某单位, type: department}\n", "utf-8"
    )
    assert state(repo)[1] is True


def test_an_untracked_file_hxay_does_not_read_is_not_dirty(repo: Path) -> None:
    (repo / "data" / "draft.txt").write_text("x", "utf-8")
    assert state(repo)[1] is False


def test_an_ignored_file_that_is_read(repo: Path) -> None:
    (repo / ".gitignore").write_text("data/local.yaml\n", "utf-8")
    git(repo, "add", ".gitignore")
    git(repo, "commit", "-q", "-m", "ignore")
    (repo / "data" / "local.yaml").write_text(
        "- {kind: unit, id: u9, name: 某单位, type: department}\n", "utf-8"
    )
    assert state(repo)[1] is True


def test_an_ignored_data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q")
    (root / ".gitignore").write_text("data/\n", "utf-8")
    git(root, "add", ".gitignore")
    git(root, "commit", "-q", "-m", "only the ignore file")
    shutil.copytree(TINY, root / "data")
    assert state(root)[1] is True


def test_detached_head(repo: Path) -> None:
    head = git(repo, "rev-parse", "HEAD")
    git(repo, "checkout", "-q", "--detach", head)
    assert state(repo) == (head, False)


def test_a_crlf_checkout_of_lf_files_is_clean(repo: Path) -> None:
    for path in (repo / "data").rglob("*.yaml"):
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    assert state(repo)[1] is False


def test_no_git_on_path(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(repo / "nowhere"))
    assert git_state(repo / "data", ["units.yaml"]).commit is None
    assert state(repo) == (None, None)


def test_outside_any_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    shutil.copytree(TINY, tmp_path / "data")
    loaded = load(tmp_path / "data", cache_dir=None)
    assert (loaded.provenance().commit, loaded.provenance().dirty) == (None, None)


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to give the repository to another user")
def test_a_repository_of_another_user_gives_a_hint(repo: Path) -> None:
    shutil.chown(repo, user=65534, group=65534)
    for path in repo.rglob("*"):
        os.chown(path, 65534, 65534, follow_symlinks=False)
    p = load(repo / "data", cache_dir=None).provenance()
    assert (p.commit, p.dirty) == (None, None)
    assert p.hint is not None and "safe.directory" in p.hint.en


READ_COMMANDS = [
    ["validate"],
    ["check", "--as-of", "2012-09-25"],
    ["report", "--month", "2012-05"],
    ["calendar", "--as-of", "2012-09-25"],
]


def test_read_commands_run_nothing_the_repository_configures(repo: Path, tmp_path: Path) -> None:
    planted = tmp_path / "fsmonitor-ran"
    git(repo, "config", "core.fsmonitor", f"touch {planted}; false")
    (repo / ".gitattributes").write_text("*.yaml filter=evil\n", "utf-8")
    git(repo, "config", "filter.evil.clean", f"touch {planted}; cat")
    git(repo, "add", ".gitattributes")
    git(repo, "commit", "-q", "-m", "attributes")
    planted.unlink(missing_ok=True)
    for path in (repo / "data").rglob("*.yaml"):
        os.utime(path)  # a stat change that makes git status refresh and run the filter
    index = repo / ".git" / "index"
    before, stamp = index.read_bytes(), index.stat().st_mtime_ns

    def untouched(args: list[str]) -> None:
        assert not planted.exists(), args
        assert index.read_bytes() == before and index.stat().st_mtime_ns == stamp, args

    runner = CliRunner()
    for args in READ_COMMANDS:
        got = runner.invoke(app, ["--no-cache", *args, "--data", str(repo / "data")])
        assert got.exit_code in (0, 1), (args, got.output)
        untouched(args)
    # through the entry point with the caches: the run that records an answer and the one
    # it answers read the git state too
    env = {**os.environ, "HXAY_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("HXAY_NO_CACHE", None)
    for args in READ_COMMANDS:
        for _ in range(2):
            done = subprocess.run(
                [sys.executable, "-m", "hxay", *args, "--data", str(repo / "data")],
                env=env,
                capture_output=True,
                text=True,
                check=False,
            )
            assert done.returncode in (0, 1), (args, done.stderr)
            untouched(args)
    assert (tmp_path / "cache").exists()  # the caches were used
    assert not (repo / ".git" / "index.lock").exists()


def test_git_is_not_started_where_no_repository_can_be(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # no .git here or above (checked), no GIT_DIR: the answer is known without git
    from hxay.loading import provenance

    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_COMMON_DIR"):
        monkeypatch.delenv(name, raising=False)
    folder = tmp_path / "data"
    folder.mkdir()
    if any((p / ".git").exists() or (p / "HEAD").is_file() for p in (folder, *folder.parents)):
        pytest.skip("a repository above the temporary folder")
    started: list[tuple[str, ...]] = []

    def fake(root: Path, *args: str) -> tuple[int, bytes, str]:
        started.append(args)
        return 128, b"", "fatal: not a git repository"

    monkeypatch.setattr(provenance, "_git", fake)
    assert git_state(folder, []) == provenance.GitState(None, None)
    assert started == []
    (tmp_path / ".git").mkdir()  # a repository above the folder: git is asked
    assert git_state(folder, []) == provenance.GitState(None, None)
    assert started
