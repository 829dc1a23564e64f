"""The pre-commit hook (`.pre-commit-hooks.yaml`) run by the pre-commit framework itself
against a throwaway data repository.

A `language: python` hook is installed by pre-commit into its own virtualenv with pip,
which fetches hxay's dependencies from the package index: that cannot work offline. So the
default test hands pre-commit the hook exactly as the manifest defines it (entry, files,
pass_filenames, ...) as a `repo: local` hook with `language: system`, which runs the entry
from PATH (here, this checkout's hxay) without installing anything; everything else,
choosing the files, skipping, the exit code, the git hook, is pre-commit's own.
`HXAY_TEST_PRECOMMIT_INSTALL=1` also runs the real install (`pre-commit try-repo` of a
committed copy of this project; needs the package index).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from pre_commit.clientlib import load_manifest

from hxay import api

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = ROOT / ".pre-commit-hooks.yaml"
TINY = ROOT / "examples" / "tiny"
GIT_ENV = {
    "GIT_AUTHOR_NAME": "test",
    "GIT_AUTHOR_EMAIL": "test@example.invalid",
    "GIT_COMMITTER_NAME": "test",
    "GIT_COMMITTER_EMAIL": "test@example.invalid",
    "GIT_CONFIG_NOSYSTEM": "1",
}


def hook() -> dict[str, Any]:
    hooks = load_manifest(str(MANIFEST))  # pre-commit's own schema check of the manifest
    [found] = [h for h in hooks if h["id"] == "hxay-validate"]
    return dict(found)


def test_manifest_defines_the_hook() -> None:
    h = hook()
    assert h["language"] == "python"
    assert h["entry"] == "hxay validate"
    assert h["pass_filenames"] is False
    assert h["files"] == r"\.(ya?ml)$"


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    bindir = str(Path(sys.executable).parent)  # this checkout's `hxay`
    home = tmp_path / "home"
    home.mkdir()
    return {
        **os.environ,
        **GIT_ENV,
        "HOME": str(home),
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-cache"),
        "PATH": bindir + os.pathsep + os.environ.get("PATH", ""),
        "NO_COLOR": "1",
    }


def sh(cwd: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, check=False)


def git(cwd: Path, env: dict[str, str], *args: str) -> None:
    done = sh(cwd, env, "git", *args)
    assert done.returncode == 0, done.stderr


def pre_commit(cwd: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return sh(cwd, env, sys.executable, "-m", "pre_commit", *args)


@pytest.fixture
def repo(tmp_path: Path, env: dict[str, str]) -> Path:
    """A data repository: the tiny campaign in data/, with the hook configured."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "repo"
    shutil.copytree(TINY, repo / "data")
    local = {k: v for k, v in hook().items() if k in ("id", "name", "entry", "files")}
    local.update(language="system", pass_filenames=hook()["pass_filenames"])
    config = {"repos": [{"repo": "local", "hooks": [local]}]}
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    git(repo, env, "init", "-q")
    git(repo, env, "add", "-A")
    git(repo, env, "commit", "-qm", "data")
    return repo


def test_hook_passes_on_clean_data(repo: Path, env: dict[str, str]) -> None:
    done = pre_commit(repo, env, "run", "--all-files")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Passed" in done.stdout


def test_hook_refuses_a_commit_with_broken_data(repo: Path, env: dict[str, str]) -> None:
    assert pre_commit(repo, env, "install").returncode == 0
    broken = repo / "data" / "records" / "bad.yaml"
    broken.parent.mkdir(exist_ok=True)
    broken.write_text("- kind: inspection\n  date: 2012-02-30\n", encoding="utf-8")
    git(repo, env, "add", "-A")
    done = sh(repo, env, "git", "commit", "-m", "bad data")
    assert done.returncode != 0
    output = done.stdout + done.stderr
    assert "Failed" in output and "records/bad.yaml:2:" in output and "E-bad-date" in output
    meeting = "- {kind: meeting, date: 2012-05-20, unit: %s}\n"
    unit = next(x.id for x in api.validate(repo / "data").kept if x.KIND == "unit")
    broken.write_text(meeting % unit, encoding="utf-8")
    git(repo, env, "add", "-A")
    done = sh(repo, env, "git", "commit", "-m", "fixed")
    assert done.returncode == 0, done.stdout + done.stderr


def test_hook_skips_commits_without_yaml(repo: Path, env: dict[str, str]) -> None:
    (repo / "notes.txt").write_text("会议纪要\n", encoding="utf-8")
    git(repo, env, "add", "notes.txt")
    done = pre_commit(repo, env, "run")
    assert done.returncode == 0
    assert "Skipped" in done.stdout


@pytest.mark.skipif(
    os.environ.get("HXAY_TEST_PRECOMMIT_INSTALL") != "1",
    reason="installs hxay from the package index (set HXAY_TEST_PRECOMMIT_INSTALL=1)",
)
def test_hook_installs_and_runs_as_published(
    tmp_path: Path, env: dict[str, str], repo: Path
) -> None:
    source = tmp_path / "hxay-repo"
    source.mkdir()
    for name in ("hxay", "pyproject.toml", "README.md", ".pre-commit-hooks.yaml"):
        copy = shutil.copytree if (ROOT / name).is_dir() else shutil.copy2
        copy(ROOT / name, source / name)
    for cache in source.rglob("__pycache__"):
        shutil.rmtree(cache)
    git(source, env, "init", "-q")
    git(source, env, "add", "-A")
    git(source, env, "commit", "-qm", "hxay")
    plain = {**env, "PATH": os.environ.get("PATH", "")}  # hxay only from the hook's own env
    done = pre_commit(repo, plain, "try-repo", str(source), "hxay-validate", "--all-files")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Passed" in done.stdout
