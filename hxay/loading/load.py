"""The loading pipeline in one call: discover -> read -> parse -> cross-check -> ledger."""

from __future__ import annotations

import gc
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hxay.loading import cachesetting
from hxay.loading.campaign import parse_campaign
from hxay.loading.crosscheck import crosscheck, may_warn
from hxay.loading.discover import FileSet, list_files
from hxay.loading.inputs import Inputs, read_inputs
from hxay.loading.parse import Parsed
from hxay.loading.provenance import git_state
from hxay.loading.workers import parse_files
from hxay.loading.yamlsrc import FileSource
from hxay.models.campaign import Campaign
from hxay.models.diagnostics import Diagnostic, capped
from hxay.models.ledger import Ledger, Provenance
from hxay.models.records import Record
from hxay.models.text import Msg

if TYPE_CHECKING:
    from hxay.loading.cache import FileCache, Memo, Whole


@dataclass
class Loaded:
    """Everything one load produced: the ledger (None without a usable campaign) and diagnostics."""

    root: Path
    display_path: str
    campaign: Campaign | None
    ledger: Ledger | None
    diagnostics: list[Diagnostic]
    files: tuple[str, ...]
    kept: list[Record]
    left_out: int
    memo: Memo | None = None
    """Findings already worked out for this very ledger, by day (the cache's), if any."""

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if not d.is_error]

    @property
    def campaign_errors(self) -> list[Diagnostic]:
        return [d for d in self.errors if d.path == "campaign.yaml" or d.code == "E-campaign"]

    def counts(self) -> Counter[str]:
        return Counter(x.KIND for x in self.kept)

    def provenance(self) -> Provenance:
        state = git_state(self.root, self.files)
        return Provenance(
            path=self.display_path,
            commit=state.commit,
            dirty=state.dirty,
            hint=state.hint,
            records=len(self.kept),
            errors=len(self.errors),
            left_out=self.left_out,
        )


class _Default:
    """The marker for "use the cache directory the command line configured"."""


_DEFAULT = _Default()


def load(
    root: Path,
    display_path: str | None = None,
    overrides: Mapping[str, bytes] | None = None,
    cache_dir: Path | _Default | None = _DEFAULT,
) -> Loaded:
    """Load a data folder; never raises on bad data (problems are diagnostics).

    `overrides` (record file path -> content) is read instead of the disk, a new path as
    one more file: how `hxay new --to` tries a change before writing it.

    The cyclic garbage collector is paused while loading: the load allocates hundreds of
    thousands of objects that all stay alive, and collections over them cost more than
    the parse itself (measured: 3x on the compose of a city-year). It is restored after.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _load(root, display_path, overrides, cache_dir)
    finally:
        if enabled:
            gc.enable()


def _load(
    root: Path,
    display_path: str | None,
    overrides: Mapping[str, bytes] | None,
    cache_dir: Path | _Default | None,
) -> Loaded:
    files, inputs = _preread(root) if not overrides else (None, None)
    files = files or list_files(root)
    if overrides:
        records = tuple(sorted(set(files.records) | set(overrides)))
        files = FileSet(files.root, files.campaign, records, files.diagnostics)
    diagnostics: list[Diagnostic] = list(files.diagnostics)
    campaign: Campaign | None = None
    inputs = inputs or read_inputs(files, overrides)
    campaign_bytes = inputs.campaign
    if files.campaign is not None:
        campaign, problems = parse_campaign(files.campaign, campaign_bytes)
        diagnostics += problems
    directory = cachesetting.configured() if cache_dir is _DEFAULT else cache_dir
    cache = None
    if isinstance(directory, Path) and not overrides:
        from hxay.loading.cache import FileCache

        cache = FileCache(directory, root, campaign_bytes)
    contents, unreadable, digests, key = (
        inputs.contents,
        inputs.unreadable,
        inputs.digests,
        inputs.key,
    )
    sources = {rel: FileSource(rel, _reader(root, rel, overrides)) for rel in contents}
    results = _parse_all(contents, digests, sources, campaign, cache)
    identity = cache.identity(files, unreadable) if cache is not None else None
    whole = cache.whole(identity, results) if cache is not None and identity else None
    if whole is None:
        whole, filled = _crosscheck_all(files, results, unreadable, campaign)
        whole.diagnostics = capped(diagnostics + whole.diagnostics)
        if cache is not None and identity:
            by_file = {rel: results[rel].records for rel in contents}
            cache.store_whole(identity, by_file, whole, filled)
    if cache is not None:
        cache.prune()
        probes = [(file, inside, exists) for file, (inside, exists) in whole.probes.items()]
        cachesetting.observe(root, key, campaign.timezone if campaign else None, probes)
    for source in sources.values():
        source.release()
    ledger = Ledger(campaign, whole.kept) if campaign is not None else None
    all_files = ((files.campaign,) if files.campaign else ()) + files.records
    return Loaded(
        root=root,
        display_path=display_path if display_path is not None else str(root),
        campaign=campaign,
        ledger=ledger,
        diagnostics=whole.diagnostics,
        files=all_files,
        kept=whole.kept,
        left_out=whole.left_out,
        memo=cache.memo(identity) if cache is not None and identity else None,
    )


def _preread(root: Path) -> tuple[FileSet | None, Inputs | None]:
    """What the answer cache read of this folder in this process, taken once."""
    if cachesetting.preread and cachesetting.preread[0][0] == root.resolve():
        _, files, inputs = cachesetting.preread.pop()
        return files, inputs
    return None, None


def _reader(root: Path, rel: str, overrides: Mapping[str, bytes] | None) -> Callable[[], bytes]:
    """How a file is read again for positions: what the load read, not a later edit's
    bytes when it was an override."""
    if overrides and rel in overrides:
        data = overrides[rel]
        return lambda: data
    return lambda: (root / rel).read_bytes()


def _parse_all(
    contents: dict[str, bytes],
    digests: dict[str, bytes],
    sources: dict[str, FileSource],
    campaign: Campaign | None,
    cache: FileCache | None,
) -> dict[str, Parsed]:
    """Every file's result: from its cache entry when its bytes are unchanged, else parsed
    (and its entry written)."""
    results: dict[str, Parsed] = {}
    pending: dict[str, bytes] = {}
    for rel, data in contents.items():
        cached = cache.lookup(rel, digests[rel], sources[rel]) if cache is not None else None
        if cached is not None:
            results[rel] = cached
        else:
            pending[rel] = data
    terms = tuple(t.name for t in campaign.terms) if campaign else ()
    fresh = parse_files(pending, terms, sources, lambda rec: may_warn(rec, campaign))
    results.update(fresh)
    if cache is not None:
        for rel, parsed in fresh.items():
            cache.store_file(rel, digests[rel], parsed)
    return {rel: results[rel] for rel in contents}


def _crosscheck_all(
    files: FileSet,
    results: dict[str, Parsed],
    unreadable: dict[str, OSError],
    campaign: Campaign | None,
) -> tuple[Whole, dict[int, tuple[Record, dict[str, Any]]]]:
    """Every file's records cross-checked; also the records made by filling in defaults
    (for the whole-load cache)."""
    from hxay.loading.cache import Whole

    merged = Parsed()
    diagnostics: list[Diagnostic] = []
    for rel in files.records:
        if rel in unreadable:
            why = unreadable[rel]
            diagnostics.append(
                Diagnostic(
                    rel,
                    1,
                    1,
                    "E-read",
                    Msg(f"无法读取文件:{why}", f"cannot read the file: {why}"),
                )
            )
            continue
        parsed = results[rel]
        merged.records += parsed.records
        merged.diagnostics += parsed.diagnostics
        merged.broken_ids |= parsed.broken_ids
        merged.broken += parsed.broken
    checked = crosscheck(merged.records, merged.broken_ids, campaign, files.root)
    whole = Whole(
        checked.kept,
        diagnostics + merged.diagnostics + checked.diagnostics,
        checked.left_out + merged.broken,
        checked.probes,
    )
    return whole, checked.filled
