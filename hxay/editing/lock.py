"""Stage 3, editing: one writer at a time per data folder, so that nothing is lost and ids
stay unique when people write at once.

Every command that writes into the folder (`hxay new --to`, `hxay import --to`) holds an
exclusive `flock` on the data folder itself (a directory can be locked like a file) from
reading the target through choosing ids and validating to the atomic replace. Nothing is
created for it, so the folder and its git status stay as they are; the lock goes with the
process, so a writer killed half-way frees it.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import time
from collections.abc import Iterator
from pathlib import Path

from hxay.models.errors import HxayError
from hxay.models.text import Msg

WAIT_SECONDS = 120.0


@contextlib.contextmanager
def folder_lock(root: Path, wait: float = WAIT_SECONDS) -> Iterator[None]:
    """Hold the folder's write lock; HxayError (exit 1) when it cannot be had within `wait`."""
    path = root
    try:
        fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except OSError as exc:
        raise HxayError(
            Msg(
                f"无法锁定数据文件夹 {path} 以写入({exc.strerror or exc}),未写入",
                f"cannot lock the data folder {path} for writing ({exc.strerror or exc}); "
                "nothing written",
            ),
            1,
        ) from None
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise HxayError(
                        Msg(
                            f"另一个写入在 {wait:.0f} 秒内没有结束({path}),未写入;请稍后再试",
                            f"another write did not finish within {wait:.0f} s ({path}); "
                            "nothing written, try again later",
                        ),
                        1,
                    ) from None
                time.sleep(0.02)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock
