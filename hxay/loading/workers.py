"""Parse a large folder on two cores: one forked worker reads part of the files while this
process reads the rest. Results are the same objects the serial path makes, in file order.

Only worth it past about a megabyte of YAML: below that, starting the worker and sending its
records back costs more than it saves (measured on a 2-core machine).
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
from collections.abc import Callable, Sequence
from pathlib import Path

from hxay.loading.parse import Parsed, parse_file
from hxay.loading.yamlsrc import FilePositions, LazyPositions, read_records

PARALLEL_MIN_BYTES = 1_000_000
WORKER_SHARE = 0.45  # the worker also pays for sending its records back

Read = Callable[[str], bytes]
Outcome = tuple[bytes, Parsed] | OSError  # (content digest, result) or why it was unreadable


def digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


def parse_one(rel: str, data: bytes, terms: tuple[str, ...]) -> Parsed:
    """One file's records and diagnostics (reading problems first)."""
    raws, problems = read_records(rel, data)
    parsed = parse_file(raws, terms)
    parsed.diagnostics[:0] = problems
    return parsed


def detach(parsed: Parsed, file: Path, rel: str) -> None:
    """Let the records leave this process: positions re-read from the file when needed,
    instead of the YAML node trees they point at."""
    for rec in parsed.records:
        where = rec.location
        if type(where.positions) is LazyPositions:
            located = FilePositions(str(file), rel, where.positions.raw_line)
            rec.locate(where._replace(positions=located))


def _parse_many(
    root: str, rels: Sequence[str], terms: tuple[str, ...], detached: bool
) -> list[Outcome]:
    out: list[Outcome] = []
    for rel in rels:
        try:
            data = (Path(root) / rel).read_bytes()
        except OSError as exc:
            out.append(exc)
            continue
        parsed = parse_one(rel, data, terms)
        if detached:
            detach(parsed, Path(root) / rel, rel)
        out.append((digest(data), parsed))
    return out


def _worker(root: str, rels: list[str], terms: tuple[str, ...]) -> list[Outcome]:
    return _parse_many(root, rels, terms, detached=True)


def parse_files(root: Path, rels: Sequence[str], terms: tuple[str, ...]) -> list[Outcome]:
    """Every file's outcome, in the order given; on two cores when the files are large."""
    sizes = []
    for rel in rels:
        try:
            sizes.append(os.stat(root / rel).st_size)
        except OSError:
            sizes.append(0)
    total = sum(sizes)
    if total < PARALLEL_MIN_BYTES or len(rels) < 4 or (os.cpu_count() or 1) < 2:
        return _parse_many(str(root), rels, terms, detached=False)
    # The first files (up to WORKER_SHARE of the bytes) go to the worker, the rest stay here.
    running, cut = 0, 0
    for cut, size in enumerate(sizes):  # noqa: B007 - cut is used after the loop
        if running >= total * WORKER_SHARE:
            break
        running += size
    theirs, mine = list(rels[:cut]), rels[cut:]
    try:
        pool = multiprocessing.get_context("fork").Pool(1)
    except (OSError, ValueError):
        return _parse_many(str(root), rels, terms, detached=False)
    with pool:
        pending = pool.apply_async(_worker, (str(root), theirs, terms))
        here = _parse_many(str(root), mine, terms, detached=False)
        try:
            there = pending.get()
        except Exception:  # a worker that failed: read its files here instead
            there = _parse_many(str(root), theirs, terms, detached=False)
    return [*there, *here]
