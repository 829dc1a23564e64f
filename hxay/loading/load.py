"""The loading pipeline in one call: discover -> read -> parse -> cross-check -> ledger."""

from __future__ import annotations

import gc
import os
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from hxay.loading import cachesetting
from hxay.loading.campaign import parse_campaign
from hxay.loading.crosscheck import crosscheck
from hxay.loading.discover import FileSet, list_files
from hxay.loading.parse import Parsed
from hxay.loading.provenance import git_state
from hxay.loading.workers import Outcome, digest, parse_files, parse_one
from hxay.models.campaign import Campaign
from hxay.models.diagnostics import Diagnostic, capped
from hxay.models.ledger import Ledger, Provenance
from hxay.models.records import Record
from hxay.models.text import Msg


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
    files = list_files(root)
    if overrides:
        records = tuple(sorted(set(files.records) | set(overrides)))
        files = FileSet(files.root, files.campaign, records, files.diagnostics)
    diagnostics: list[Diagnostic] = list(files.diagnostics)
    campaign: Campaign | None = None
    campaign_bytes = b""
    if files.campaign is not None:
        campaign_bytes = (root / files.campaign).read_bytes()
        campaign, problems = parse_campaign(files.campaign, campaign_bytes)
        diagnostics += problems
    terms = tuple(t.name for t in campaign.terms) if campaign else ()
    directory = cachesetting.configured() if cache_dir is _DEFAULT else cache_dir
    cache = None
    if isinstance(directory, Path) and not overrides:
        from hxay.loading.cache import FileCache

        cache = FileCache(directory, root, campaign_bytes)
    outcomes: dict[str, Outcome] = {}
    pending: list[str] = []
    stats: dict[str, os.stat_result | None] = {}
    for rel in files.records:
        if overrides and rel in overrides:
            data = overrides[rel]
            outcomes[rel] = (digest(data), parse_one(rel, data, terms))
            continue
        cached, stats[rel] = cache.lookup(rel) if cache is not None else (None, None)
        if cached is not None:
            outcomes[rel] = (b"", cached)
        else:
            pending.append(rel)
    for rel, outcome in zip(pending, parse_files(root, pending, terms), strict=True):
        outcomes[rel] = outcome
        if cache is not None and not isinstance(outcome, OSError):
            cache.store(rel, stats[rel], outcome[0], outcome[1])
    merged = Parsed()
    for rel in files.records:
        outcome = outcomes[rel]
        if isinstance(outcome, OSError):
            diagnostics.append(
                Diagnostic(
                    rel,
                    1,
                    1,
                    "E-read",
                    Msg(f"无法读取文件:{outcome}", f"cannot read the file: {outcome}"),
                )
            )
            continue
        parsed = outcome[1]
        merged.records += parsed.records
        merged.diagnostics += parsed.diagnostics
        merged.broken_ids |= parsed.broken_ids
        merged.broken += parsed.broken
    if cache is not None:
        cache.prune()
    checked = crosscheck(merged.records, merged.broken_ids, campaign, root)
    diagnostics = capped(diagnostics + merged.diagnostics + checked.diagnostics)
    ledger = Ledger(campaign, checked.kept) if campaign is not None else None
    all_files = ((files.campaign,) if files.campaign else ()) + files.records
    return Loaded(
        root=root,
        display_path=display_path if display_path is not None else str(root),
        campaign=campaign,
        ledger=ledger,
        diagnostics=diagnostics,
        files=all_files,
        kept=checked.kept,
        left_out=checked.left_out + merged.broken,
    )
