"""Per-file cache of parsed records, kept outside the data folder and never trusted blindly.

One small pickle per data file, so an edit rewrites one entry. An entry is reused only when
hxay's code, campaign.yaml and the file's content are unchanged: the file's bytes are always
read and their digest compared. Size and modification time alone would miss an edit that
keeps both (a coarse file-system clock, a restored time); reading and hashing a city's files
costs about 1% of parsing them. An entry that cannot be read, or was written by another
version of hxay or for another folder, is ignored and rebuilt.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
import time
from pathlib import Path
from typing import Any

from hxay import __version__
from hxay.loading.parse import Parsed
from hxay.loading.workers import detach, digest

MAGIC = b"hxay-cache\x00"


def _code_fingerprint() -> str:
    """hxay's version and the size and time of the code that shapes cached records."""
    package = Path(__file__).resolve().parent.parent
    parts = [__version__]
    for folder in ("models", "loading"):
        for file in sorted((package / folder).glob("*.py")):
            st = file.stat()
            parts.append(f"{file.name}:{st.st_size}:{st.st_mtime_ns}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _name(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:32]


class FileCache:
    """The cache of one data folder: `<cache dir>/<folder hash>/<file hash>.pickle`."""

    def __init__(self, directory: Path, root: Path, campaign: bytes) -> None:
        self.root = root.resolve()
        self.folder = directory / _name(str(self.root))
        self.context = (_code_fingerprint(), str(self.root), digest(campaign))
        self.used: set[str] = set()

    def _entry_path(self, rel: str) -> Path:
        return self.folder / f"{_name(rel)}.pickle"

    def _read_entry(self, rel: str) -> dict[str, Any] | None:
        try:
            with open(self._entry_path(rel), "rb") as handle:
                if handle.read(len(MAGIC)) != MAGIC:
                    return None
                doc: Any = pickle.load(handle)
        except Exception:  # a damaged or foreign entry is simply rebuilt
            return None
        if (
            isinstance(doc, dict)
            and doc.get("context") == self.context
            and doc.get("rel") == rel
            and isinstance(doc.get("parsed"), Parsed)
            and all(isinstance(doc.get(k), int) for k in ("size", "mtime_ns", "written_ns"))
            and isinstance(doc.get("digest"), bytes)
        ):
            return doc
        return None

    def lookup(self, rel: str) -> tuple[Parsed | None, os.stat_result | None]:
        """The cached result for a file if it is still valid, and the file's stat."""
        self.used.add(_name(rel))
        try:
            st = os.stat(self.root / rel)
        except OSError:
            return None, None
        doc = self._read_entry(rel)
        if doc is None or doc["size"] != st.st_size:
            return None, st
        try:
            data = (self.root / rel).read_bytes()
        except OSError:
            return None, st
        return (doc["parsed"], st) if digest(data) == doc["digest"] else (None, st)

    def store(self, rel: str, st: os.stat_result | None, content: bytes, parsed: Parsed) -> None:
        """Write one file's entry (`content` is the digest of its bytes) atomically; a cache
        that cannot be written only costs time."""
        if st is None:
            return
        detach(parsed, self.root / rel, rel)
        doc = {
            "context": self.context,
            "rel": rel,
            "size": st.st_size,
            "mtime_ns": st.st_mtime_ns,
            "digest": content,
            "written_ns": time.time_ns(),
            "parsed": parsed,
        }
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".tmp-", suffix=".pickle")
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(MAGIC)
                    pickle.dump(doc, handle, protocol=pickle.HIGHEST_PROTOCOL)
                os.replace(tmp, self._entry_path(rel))
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except OSError:
            pass

    def prune(self) -> None:
        """Drop the entries of files that are no longer read (deleted or renamed)."""
        try:
            names = os.listdir(self.folder)
        except OSError:
            return
        for name in names:
            if name.endswith(".pickle") and name[: -len(".pickle")] not in self.used:
                (self.folder / name).unlink(missing_ok=True)
