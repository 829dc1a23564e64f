"""Stage 2, loading: the cache folder and its entries as sealed bytes. Light on purpose (the
answer cache reads it before anything heavy is imported); knows nothing of records.

The folder is this user's own: `<cache dir>/u<uid>`, made 0700, so users may share one cache
directory. A folder owned by someone else, or that others may write, is not used. Every entry is sealed with a keyed digest of
its bytes (the key is a random file beside the entries, readable by this user only), so an
entry that was edited, cut short or copied from elsewhere is rejected and rebuilt; entries
hold plain data only (never pickles), so reading one can never run code.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import time
from collections.abc import Iterable
from pathlib import Path

try:  # the modules themselves: hashlib and hmac would load OpenSSL, a tenth of the answer
    from _blake2 import blake2b
    from _operator import _compare_digest as compare_digest
except ImportError:  # pragma: no cover - another Python
    from hashlib import blake2b
    from hmac import compare_digest  # type: ignore[no-redef]  # the same function, typed apart

from hxay import __version__
from hxay.models.text import Msg

MAGIC = b"hxay-cache-2\x00"
_SEAL = 32
KEEP_DAYS = 30
"""A data folder's entries unused for this long are pruned (folders moved or deleted)."""


def code_fingerprint() -> str:
    """hxay's version and the size and time of every code file (a developer edits code
    without bumping the version, and any module may shape a cached result), and the
    installed distributions with their versions: upgrading chinesecalendar for a new
    year's holidays, say, must not replay yesterday's answer."""
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parts = [__version__, sys.version, *installed()]
    for folder, dirs, names in os.walk(package):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(names):
            if name.endswith(".py"):
                path = os.path.join(folder, name)
                try:
                    st = os.stat(path)
                except OSError:
                    continue
                parts.append(f"{path[len(package) :]}:{st.st_size}:{st.st_mtime_ns}")
    return blake2b("\n".join(parts).encode(), digest_size=16).hexdigest()


def installed() -> list[str]:
    """The `name-version.dist-info` (and `.egg-info`) folders on the import path, in
    order: one listing per folder, no import of importlib.metadata."""
    found: list[str] = []
    for entry in sys.path:
        if not entry or not os.path.isdir(entry):
            continue
        try:
            names = os.listdir(entry)
        except OSError:
            continue
        found += sorted(n for n in names if n.endswith((".dist-info", ".egg-info")))
    return found


def digest(data: bytes) -> bytes:
    return blake2b(data, digest_size=16).digest()


def name_of(*parts: str | bytes) -> str:
    h = blake2b(digest_size=16)
    for part in parts:
        data = part.encode("utf-8", "surrogateescape") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


def _private(st: os.stat_result) -> bool:
    """Owned by this user and writable by nobody else."""
    return st.st_uid == os.getuid() and not st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def refused(directory: Path) -> Msg | None:
    """Why the cache under `directory` cannot be used (None: it can). Nothing is created."""
    if not hasattr(os, "getuid"):
        return None
    try:
        st = os.stat(directory)
    except FileNotFoundError:
        return None
    except OSError as exc:
        return _refusal(directory, str(exc.strerror or exc))
    if not stat.S_ISDIR(st.st_mode):
        return _refusal(directory, "it is not a folder")
    mine = directory / f"u{os.getuid()}"
    try:
        own = os.lstat(mine)
    except FileNotFoundError:
        return None
    except OSError as exc:
        return _refusal(mine, str(exc.strerror or exc))
    if not stat.S_ISDIR(own.st_mode) or not _private(own):
        return _refusal(mine, "it is not a folder of this user's that only this user may write")
    return None


def _refusal(path: Path, why: str) -> Msg:
    return Msg(
        f"缓存文件夹 {path} 不安全,不使用缓存({why});可设置 HXAY_CACHE_DIR 为自己的文件夹",
        f"the cache folder {path} is not safe, so no cache is used ({why}); "
        "set HXAY_CACHE_DIR to a folder of your own",
    )


class Store:
    """This user's entries under a cache directory; every failure to read or write only
    costs time (the entry is rebuilt), never a wrong result."""

    def __init__(self, directory: Path) -> None:
        self.base = directory / f"u{os.getuid()}" if hasattr(os, "getuid") else directory
        self._key: bytes | None = None
        self.usable = refused(directory) is None

    def _ensure(self) -> bool:
        if not self.usable:
            return False
        try:
            self.base.parent.mkdir(parents=True, exist_ok=True)
            self.base.mkdir(mode=0o700, exist_ok=True)
            st = os.lstat(self.base)
        except OSError:
            return False
        self.usable = stat.S_ISDIR(st.st_mode) and _private(st)
        return self.usable

    def key(self, create: bool) -> bytes | None:
        """The sealing key: random, made once, readable by this user only."""
        if not self.usable:
            return None
        if self._key is not None:
            return self._key
        path = self.base / "key"
        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
            try:
                st = os.fstat(fd)
                data = os.read(fd, 64)
            finally:
                os.close(fd)
            if _private(st) and not st.st_mode & 0o077 and len(data) == 32:
                self._key = data
                return data
            return None
        except FileNotFoundError:
            pass
        except OSError:
            return None
        if not create or not self._ensure():
            return None
        data = os.urandom(32)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
        except FileExistsError:
            return self.key(create=False)
        except OSError:
            return None
        self._key = data
        return data

    def folder(self, root: Path) -> Path:
        """Where one data folder's entries live."""
        return self.base / name_of(str(root))

    def read(self, path: Path) -> bytes | None:
        """An entry's body when its seal holds; else None."""
        if not self.usable:
            return None
        key = self.key(create=False)
        if key is None:
            return None
        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
            with os.fdopen(fd, "rb") as handle:
                data = handle.read()
        except OSError:
            return None
        head = len(MAGIC) + _SEAL
        if len(data) < head or not data.startswith(MAGIC):
            return None
        body = memoryview(data)[head:]
        seal = blake2b(body, key=key, digest_size=_SEAL).digest()
        if not compare_digest(seal, data[len(MAGIC) : head]):
            return None
        return bytes(body)

    def write(self, path: Path, body: bytes) -> None:
        """Seal and write an entry atomically."""
        key = self.key(create=True)
        if key is None:
            return
        seal = blake2b(body, key=key, digest_size=_SEAL).digest()
        try:
            path.parent.mkdir(mode=0o700, exist_ok=True)
            tmp = path.parent / f".tmp-{os.urandom(8).hex()}"
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(MAGIC + seal)
                    handle.write(body)
                os.replace(tmp, path)
            except BaseException:
                tmp.unlink(missing_ok=True)
                raise
        except OSError:
            pass

    def prune_folders(self, keep: Path) -> None:
        """Drop the entries of data folders unused for KEEP_DAYS (each folder's entries are
        touched when used)."""
        if not self.usable:
            return
        try:
            names = os.listdir(self.base)
        except OSError:
            return
        limit = time.time() - KEEP_DAYS * 86400
        for name in names:
            path = self.base / name
            if path == keep or len(name) != 32:
                continue
            try:
                if os.lstat(path).st_mtime < limit:
                    remove_tree(path)
            except OSError:
                continue


def keep_newest(folder: Path, prefix: str, keep: int) -> None:
    """Of the entries in `folder` whose names start with `prefix`, keep the `keep` newest."""
    try:
        found = [folder / n for n in os.listdir(folder) if n.startswith(prefix)]
        found.sort(key=lambda p: p.stat().st_mtime, reverse=True)
    except OSError:
        return
    for old in found[keep:]:
        old.unlink(missing_ok=True)


def remove_tree(path: Path) -> None:
    for child in _children(path):
        child.unlink(missing_ok=True)
    with contextlib.suppress(OSError):
        path.rmdir()


def _children(path: Path) -> Iterable[Path]:
    try:
        return [path / n for n in os.listdir(path)]
    except OSError:
        return []
