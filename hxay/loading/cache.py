"""Stage 2, loading: the caches of one data folder, kept outside it and never trusted
blindly: one entry per data file (what parsing it gave), and one of the whole load (the
cross-checked records and every diagnostic), each sealed plain data (loading/cachedir.py).

A file's entry is reused only when hxay's code, campaign.yaml and the file's bytes are
unchanged: the bytes are always read and their digest compared (size and time alone would
miss an edit that keeps both). The load's entry is reused only when every file's digest,
the file set and what discovery found are unchanged, and the submission files it looked
for are still there or still missing. Anything else is rebuilt.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import msgspec

from hxay.loading import codec
from hxay.loading.cachedir import Store, code_fingerprint, name_of
from hxay.loading.inputs import probes_hold
from hxay.loading.parse import Parsed
from hxay.loading.yamlsrc import FileSource
from hxay.models.diagnostics import Diagnostic
from hxay.models.records import Record, updated

_FileEntry = tuple[list[str], str, bytes, bytes]
"""(context, file, digest of its bytes, payload)"""


class _LoadEntry(msgspec.Struct, array_like=True):
    """A whole load: what it depends on, and its records as places in the files' entries."""

    context: list[str]
    key: str
    probes: list[tuple[str, bool, bool]]
    files: list[str]
    kept_files: list[int]
    kept_at: list[int]
    filled: list[tuple[int, str, str | list[str]]]
    diagnostics: list[tuple[str, int, int, str, str, str]]
    left_out: int


@dataclass
class Whole:
    """A whole load from the cache: the kept records, every diagnostic, how many were left
    out, and the submission files it looked for."""

    kept: list[Record]
    diagnostics: list[Diagnostic]
    left_out: int
    probes: dict[str, tuple[bool, bool]]


class FileCache:
    """The caches of one data folder: `<store>/<folder hash>/f-<file hash>` and `whole`."""

    def __init__(self, directory: Path, root: Path, campaign: bytes) -> None:
        self.store = Store(directory)
        self.root = root.resolve()
        self.folder = self.store.folder(self.root)
        self.context = [code_fingerprint(), str(self.root), name_of(campaign)]
        self.used: set[str] = set()

    def _entry(self, rel: str) -> Path:
        return self.folder / f"f-{name_of(rel)}"

    def lookup(self, rel: str, content: bytes, source: FileSource) -> Parsed | None:
        """The cached result for a file whose bytes have the digest `content`, if valid."""
        self.used.add(self._entry(rel).name)
        body = self.store.read(self._entry(rel))
        if body is None:
            return None
        try:
            context, name, digest, payload = msgspec.msgpack.decode(body, type=_FileEntry)
        except (msgspec.DecodeError, msgspec.ValidationError):
            return None
        if context != self.context or name != rel or digest != content:
            return None
        from hxay.loading.workers import from_bytes

        return from_bytes(payload, source)

    def store_file(self, rel: str, content: bytes, parsed: Parsed) -> None:
        """Write one file's entry; the records are encoded as they are, never changed."""
        from hxay.loading.workers import to_bytes

        payload = to_bytes(parsed)
        if payload is None:
            return
        body = msgspec.msgpack.encode((self.context, rel, content, payload))
        self.store.write(self._entry(rel), body)

    def mark_used(self, rels: list[str]) -> None:
        self.used.update(self._entry(rel).name for rel in rels)

    def whole(
        self, key: str, digests: Mapping[str, bytes], sources: Mapping[str, FileSource]
    ) -> Whole | None:
        """The whole load for `key`, rebuilt from the files' entries and the record of which
        records were kept and which defaults were filled in; None when any part is amiss."""
        body = self.store.read(self.folder / "whole")
        if body is None:
            return None
        try:
            doc = msgspec.msgpack.decode(body, type=_LoadEntry)
        except (msgspec.DecodeError, msgspec.ValidationError):
            return None
        if doc.context != self.context or doc.key != key or not probes_hold(self.root, doc.probes):
            return None
        records: list[list[Record]] = []
        for rel in doc.files:
            parsed = self.lookup(rel, digests[rel], sources[rel]) if rel in digests else None
            if parsed is None:
                return None
            records.append(parsed.records)
        try:
            kept = [records[f][i] for f, i in zip(doc.kept_files, doc.kept_at, strict=True)]
            for at, name, value in doc.filled:
                kept[at] = updated(kept[at], **{name: tuple(value) if name == "to" else value})
        except (IndexError, ValueError, TypeError):
            return None
        diagnostics = codec.decode_diagnostics(doc.diagnostics)
        if diagnostics is None:
            return None
        found = {file: (inside, exists) for file, inside, exists in doc.probes}
        return Whole(kept, diagnostics, doc.left_out, found)

    def store_whole(
        self,
        key: str,
        files: Mapping[str, list[Record]],
        whole: Whole,
        filled: Mapping[int, tuple[Record, dict[str, Any]]],
    ) -> None:
        """Write the whole load as references into the files' entries (which file, which
        record) and the defaults filled in: an edit then rewrites one file's entry and this
        small one, not every record again."""
        where: dict[int, tuple[int, int]] = {}
        for f, rel in enumerate(files):
            for i, rec in enumerate(files[rel]):
                where[id(rec)] = (f, i)
        kept_files, kept_at, changes = [], [], []
        for at, rec in enumerate(whole.kept):
            original = rec
            if id(rec) in filled:
                original, changed = filled[id(rec)]
                changes += [(at, name, value) for name, value in changed.items()]
            place = where.get(id(original))
            if place is None:
                return
            kept_files.append(place[0])
            kept_at.append(place[1])
        probes = [(file, inside, exists) for file, (inside, exists) in sorted(whole.probes.items())]
        doc = _LoadEntry(
            self.context,
            key,
            probes,
            list(files),
            kept_files,
            kept_at,
            changes,
            codec.encode_diagnostics(whole.diagnostics),
            whole.left_out,
        )
        self.store.write(self.folder / "whole", msgspec.msgpack.encode(doc))

    def prune(self) -> None:
        """Drop the entries of files no longer read (deleted or renamed), and of data
        folders long unused; mark this folder used."""
        if not self.store.usable:
            return
        try:
            names = os.listdir(self.folder)
            os.utime(self.folder)
        except OSError:
            return
        for name in names:
            if name.startswith("f-") and name not in self.used:
                (self.folder / name).unlink(missing_ok=True)
        self.store.prune_folders(self.folder)
