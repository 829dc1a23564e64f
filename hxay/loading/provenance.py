"""Stage 2, loading: which git commit the data folder is at, and whether what hxay read can
be traced to it.

git is asked only what HEAD is and which files HEAD holds under the folder (`rev-parse`,
`ls-tree`); whether a file differs is decided here by hashing its bytes as git hashes a blob.
So no `git status` runs: it would refresh and rewrite `.git/index` (breaking a user's
concurrent `git add`), and it can run code named in the repository's config (core.fsmonitor,
clean filters). Every git call also gets `core.fsmonitor=false`, no optional locks, no pager,
no prompt and a timeout.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from hxay.models.text import Msg

_SAFE_ENV = {
    "GIT_OPTIONAL_LOCKS": "0",
    "GIT_TERMINAL_PROMPT": "0",
    "GIT_PAGER": "cat",
    "PAGER": "cat",
    "LC_ALL": "C",
}
_SAFE_CONFIG = ("-c", "core.fsmonitor=false", "-c", "core.untrackedCache=false")
TIMEOUT = 10


@dataclass(frozen=True)
class GitState:
    """HEAD's commit and whether the folder differs from it (both None outside git), and a
    hint when git refused to look (a repository owned by another user)."""

    commit: str | None
    dirty: bool | None
    hint: Msg | None = None


def _git(root: Path, *args: str) -> tuple[int, bytes, str]:
    import subprocess  # only when a repository may be there: start-up of the answer cache

    env = {**os.environ, **_SAFE_ENV}
    try:
        done = subprocess.run(
            ["git", "--no-pager", *_SAFE_CONFIG, "-C", str(root), *args],
            capture_output=True,
            timeout=TIMEOUT,
            check=False,
            env=env,
            stdin=subprocess.DEVNULL,
        )
    except (OSError, subprocess.SubprocessError):
        return -1, b"", ""
    return done.returncode, done.stdout, done.stderr.decode("utf-8", "replace")


def _blob_id(data: bytes, algorithm: str) -> str:
    import hashlib  # only for a repository: start-up of the answer cache

    h = hashlib.new(algorithm)
    h.update(b"blob %d\0" % len(data))
    h.update(data)
    return h.hexdigest()


def _same(path: Path, blob: str, algorithm: str) -> bool:
    """Whether the file holds the blob's bytes (as git would store them: a CRLF checkout of
    an LF file, `core.autocrlf`, counts as the same)."""
    try:
        data = path.read_bytes()
    except OSError:
        return False
    if _blob_id(data, algorithm) == blob:
        return True
    return b"\r\n" in data and _blob_id(data.replace(b"\r\n", b"\n"), algorithm) == blob


_DUBIOUS = Msg(
    "数据文件夹所在的 git 仓库属于其他用户,git 拒绝读取,结果中的提交为空;"
    "可由仓库所有者运行,或用 git config --global --add safe.directory 目录 允许",
    "the data folder's git repository belongs to another user and git refuses to read it, so "
    "the commit is null; run as its owner, or allow it with "
    "git config --global --add safe.directory DIR",
)


def _may_be_in_git(root: Path) -> bool:
    """Whether git could find a repository for `root`: a `.git` (folder or file) there or
    above, a bare repository's HEAD, or GIT_DIR (or its kin) naming one. When none is there, git
    is not started (it would say the same after a few milliseconds)."""
    if any(os.environ.get(name) for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_COMMON_DIR")):
        return True
    try:
        here = root.resolve()
    except OSError:
        return True
    for folder in (here, *here.parents):
        if os.path.lexists(folder / ".git") or os.path.isfile(folder / "HEAD"):
            return True
    return False


def git_state(root: Path, files: Iterable[str]) -> GitState:
    """(HEAD commit, dirty) for the repository holding `root`; `files` are the files hxay
    read, relative to `root`. Dirty when any file under the folder that hxay read, or that
    HEAD holds there, differs from HEAD, is not in HEAD (untracked or ignored), or is gone."""
    if not _may_be_in_git(root):
        return GitState(None, None)
    code, out, err = _git(root, "rev-parse", "--verify", "-q", "HEAD")
    if code != 0:
        if "dubious ownership" in err or "safe.directory" in err:
            return GitState(None, None, _DUBIOUS)
        return GitState(None, None)
    head = out.decode().strip()
    code, out, _ = _git(root, "rev-parse", "--show-prefix", "--show-object-format")
    if code != 0:
        return GitState(head, None)
    prefix, _, algorithm = out.decode().partition("\n")
    algorithm = {"sha256": "sha256"}.get(algorithm.strip(), "sha1")
    code, out, _ = _git(root, "ls-tree", "-r", "-z", "--full-tree", "HEAD", "--", prefix or ".")
    if code != 0:
        return GitState(head, None)
    tracked: dict[str, str] = {}
    for entry in out.split(b"\0"):
        if not entry:
            continue
        meta, _, name = entry.partition(b"\t")
        parts = meta.split()
        path = name.decode("utf-8", "surrogateescape")
        if len(parts) == 3 and parts[1] == b"blob" and path.startswith(prefix):
            tracked[path[len(prefix) :]] = parts[2].decode()
    read = set(files)
    for rel in read:
        blob = tracked.get(rel)
        if blob is None or not _same(root / rel, blob, algorithm):
            return GitState(head, True)
    for rel, blob in tracked.items():
        if rel not in read and not _same(root / rel, blob, algorithm):
            return GitState(head, True)
    return GitState(head, False)
