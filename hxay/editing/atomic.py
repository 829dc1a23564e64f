"""Stage 3, editing (I/O): write a file so that a reader sees the old content or the new one.

Through a temporary file in the same folder (a name starting with `.`, which discovery
skips) and `os.replace`; a failure leaves the old file as it was and no temporary behind.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path


def write_atomic(path: Path, data: bytes) -> None:
    """Replace `path` by `data` in one step, keeping the mode of the file it replaces."""
    try:
        mode: int | None = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        mode = None
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is None:
            mode = 0o666 & ~umask()  # mkstemp makes the file private; a data file is not
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_atomic_with_folders(path: Path, data: bytes) -> None:
    """`write_atomic`, making the folders of a new file first; the folders made are removed
    again when the write fails, so nothing is left behind."""
    created: list[Path] = []
    folder = path.parent
    while not folder.exists():
        created.append(folder)
        folder = folder.parent
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        write_atomic(path, data)
    except BaseException:
        for made in created:
            made.rmdir()
        raise


def umask() -> int:
    """The process's umask (reading it means setting it: it is set back at once)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask
