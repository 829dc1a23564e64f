"""Stage 2, loading: the caches of one data folder, kept outside it and never trusted
blindly, each entry sealed plain data (loading/cachedir.py): one per data file (what
parsing it gave), one of the whole load (which records were kept, the defaults filled in,
every diagnostic), and the findings of each day of a ledger.

A file's entry is reused only when hxay's code, campaign.yaml and the file's bytes are
unchanged: the bytes are always read and their digest compared (size and time alone would
miss an edit that keeps both). The whole load is reused only when what every file gave
(its entry's payload), campaign.yaml and what discovery found are unchanged, and the
submission files it looked for are still there or still missing; the findings only for
that same ledger and day. Anything else is rebuilt.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import msgspec

from hxay.loading import codec
from hxay.loading.cachedir import Store, code_fingerprint, keep_newest, name_of
from hxay.loading.discover import FileSet
from hxay.loading.inputs import probes_hold
from hxay.loading.parse import Parsed
from hxay.loading.yamlsrc import FileSource
from hxay.models.diagnostics import Diagnostic
from hxay.models.findings import Finding
from hxay.models.instances import updated
from hxay.models.records import Record
from hxay.models.text import Msg


class _Entry(msgspec.Struct, array_like=True):
    """What every entry starts with: hxay's code, the folder and campaign.yaml it was made for."""

    context: list[str]


class _FileEntry(_Entry, array_like=True):
    """One file: its name, the digest of its bytes, what parsing it gave."""

    file: str
    digest: bytes
    payload: bytes


class _MemoEntry(_Entry, array_like=True):
    """The findings of one ledger identity on one day."""

    identity: str
    day: dt.date
    payload: bytes


class _LoadEntry(_Entry, array_like=True):
    """A whole load: what it depends on, and its records as places in the files' entries."""

    key: str
    probes: list[tuple[str, bool, bool]]
    files: list[str]
    kept_files: list[int]
    kept_at: list[int]
    filled: list[tuple[int, str, str | list[str]]]
    diagnostics: list[tuple[str, int, int, str, str, str]]
    left_out: int


E = TypeVar("E", bound=_Entry)


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
        self.payloads: dict[str, str] = {}
        """Digest of each file's payload, as read or written in this load."""

    def _entry(self, rel: str) -> Path:
        return self.folder / f"f-{name_of(rel)}"

    def read(self, path: Path, kind: type[E]) -> E | None:
        """The entry at `path` when it is sealed, of this shape and made in this context."""
        body = self.store.read(path)
        if body is None:
            return None
        try:
            entry = msgspec.msgpack.decode(body, type=kind)
        except (msgspec.DecodeError, msgspec.ValidationError):
            return None
        return entry if entry.context == self.context else None

    def lookup(self, rel: str, content: bytes, source: FileSource) -> Parsed | None:
        """The cached result for a file whose bytes have the digest `content`, if valid."""
        self.used.add(self._entry(rel).name)
        entry = self.read(self._entry(rel), _FileEntry)
        if entry is None or entry.file != rel or entry.digest != content:
            return None
        parsed = codec.decode(entry.payload, source)
        if parsed is not None:
            self.payloads[rel] = name_of(entry.payload)
        return parsed

    def store_file(self, rel: str, content: bytes, parsed: Parsed) -> None:
        """Write one file's entry; the records are encoded as they are, never changed."""
        payload = codec.encode(parsed)
        if payload is None:
            return
        self.payloads[rel] = name_of(payload)
        body = msgspec.msgpack.encode(_FileEntry(self.context, rel, content, payload))
        self.store.write(self._entry(rel), body)

    def identity(self, files: FileSet, unreadable: Mapping[str, OSError]) -> str | None:
        """What the cross-checked ledger depends on: hxay's code, the folder and campaign.yaml
        (the context), and what each file gave (its payload, not its bytes: an edit that
        changes no record, line or problem, such as a comment, keeps the ledger), with what
        discovery found; None when a file's result could not be encoded."""
        parts: list[str | bytes] = [*self.context]
        for rel in files.records:
            if rel in unreadable:
                parts += [rel, f"! {unreadable[rel]}"]
            elif rel in self.payloads:
                parts += [rel, self.payloads[rel]]
            else:
                return None
        parts += [d.format("en") for d in files.diagnostics]
        return name_of(*parts)

    def whole(self, identity: str, results: Mapping[str, Parsed]) -> Whole | None:
        """The whole load of this ledger identity, rebuilt from the files' results and the
        record of which records were kept and which defaults were filled in; None when any
        part is amiss (or the submission files it looked for changed)."""
        doc = self.read(self.folder / "whole", _LoadEntry)
        if doc is None or doc.key != identity:
            return None
        if not probes_hold(self.root, doc.probes) or any(rel not in results for rel in doc.files):
            return None
        records = [results[rel].records for rel in doc.files]
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

    def memo(self, identity: str) -> Memo:
        return Memo(self, identity)

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
        keep_newest(self.folder, "d-", MEMOS)
        self.store.prune_folders(self.folder)


MEMOS = 16
"""Days of findings kept per data folder (the newest)."""


class Memo:
    """Findings already worked out for one ledger identity, by day: `validate` (at the
    campaign's end), every view of `check` and every form of `report` of a day share
    them, and an edit that changes no record keeps them."""

    def __init__(self, cache: FileCache, identity: str) -> None:
        self.cache, self.identity = cache, identity

    def _path(self, day: dt.date) -> Path:
        return self.cache.folder / f"d-{name_of(self.identity, day.isoformat())}"

    def get(self, day: dt.date) -> tuple[list[Finding], list[tuple[str, Msg]]] | None:
        entry = self.cache.read(self._path(day), _MemoEntry)
        if entry is None or entry.identity != self.identity or entry.day != day:
            return None
        return codec.decode_findings(entry.payload)

    def put(self, day: dt.date, findings: list[Finding], problems: list[tuple[str, Msg]]) -> None:
        payload = codec.encode_findings(findings, problems)
        entry = _MemoEntry(self.cache.context, self.identity, day, payload)
        self.cache.store.write(self._path(day), msgspec.msgpack.encode(entry))
