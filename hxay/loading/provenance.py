"""Which git commit the data folder is at, and whether the files hxay reads have changed since."""

from __future__ import annotations

import subprocess
from collections.abc import Iterable
from pathlib import Path


def _git(root: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(
            ["git", "-C", str(root), *args],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def git_state(root: Path, files: Iterable[str]) -> tuple[str | None, bool | None]:
    """(HEAD commit, dirty) for the repository holding `root`; (None, None) outside git."""
    head = _git(root, "rev-parse", "HEAD")
    if head is None:
        return None, None
    prefix = (_git(root, "rev-parse", "--show-prefix") or "").strip()
    status = _git(root, "status", "--porcelain", "-z", "--untracked-files=all", "--", ".")
    if status is None:
        return head.strip(), None
    wanted = {prefix + f for f in files}
    changed = set()
    entries = status.split("\0")
    i = 0
    while i < len(entries):
        entry = entries[i]
        if len(entry) > 3:
            changed.add(entry[3:])
            if entry[0] in "RC":
                i += 1  # a rename's source path follows
                if i < len(entries):
                    changed.add(entries[i])
        i += 1
    return head.strip(), bool(changed & wanted)
