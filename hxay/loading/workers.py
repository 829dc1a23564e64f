"""Stage 2, loading: parse files, on two cores when the folder is large: one forked worker
reads part of the files and sends back plain MessagePack (loading/codec.py) while this
process reads the rest. Results are the same records the serial path makes, in file order.

Only worth it past about a megabyte of YAML: below that, starting the worker and sending its
records back costs more than it saves (measured on a 2-core machine).
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Mapping
from pathlib import Path

from hxay.loading.parse import Parsed, parse_file
from hxay.loading.yamlsrc import FileSource, read_records

PARALLEL_MIN_BYTES = 1_000_000
WORKER_SHARE = 0.45  # the worker also pays for sending its records back

Outcome = tuple[bytes, Parsed] | OSError  # (content digest, result) or why it was unreadable


def parse_one(
    rel: str, data: bytes, terms: tuple[str, ...], source: FileSource | None = None
) -> Parsed:
    """One file's records and diagnostics (reading problems first)."""
    raws, problems = read_records(rel, data)
    parsed = parse_file(raws, terms, source or FileSource(rel))
    parsed.diagnostics[:0] = problems
    return parsed


def to_bytes(parsed: Parsed) -> bytes | None:
    from hxay.loading import codec

    return codec.encode(
        codec.Payload(parsed.records, parsed.diagnostics, parsed.broken_ids, [parsed.broken])
    )


def from_bytes(data: bytes, source: FileSource) -> Parsed | None:
    from hxay.loading import codec

    payload = codec.decode(data, {source.path: source})
    if payload is None or len(payload.numbers) != 1:
        return None
    return Parsed(payload.records, payload.diagnostics, payload.broken_ids, payload.numbers[0])


_FORKED: list[Mapping[str, bytes]] = []
"""The contents the worker reads: set before the fork, so they are never sent to it."""


def _worker(rels: list[str], terms: tuple[str, ...]) -> list[bytes | None]:
    contents = _FORKED[0]
    return [to_bytes(parse_one(rel, contents[rel], terms)) for rel in rels]


def parse_files(
    root: Path,
    contents: Mapping[str, bytes],
    terms: tuple[str, ...],
    sources: Mapping[str, FileSource],
) -> dict[str, Parsed]:
    """Every file's result (contents already read), on two cores when the files are large."""
    rels = list(contents)
    total = sum(len(contents[rel]) for rel in rels)
    if total < PARALLEL_MIN_BYTES or len(rels) < 4 or (os.cpu_count() or 1) < 2:
        return {rel: parse_one(rel, contents[rel], terms, sources[rel]) for rel in rels}
    # The first files (up to WORKER_SHARE of the bytes) go to the worker, the rest stay here.
    running, cut = 0, 0
    for cut, rel in enumerate(rels):  # noqa: B007 - cut is used after the loop
        if running >= total * WORKER_SHARE:
            break
        running += len(contents[rel])
    theirs, mine = rels[:cut], rels[cut:]
    _FORKED[:] = [contents]
    try:
        pool = multiprocessing.get_context("fork").Pool(1)
    except (OSError, ValueError):
        return {rel: parse_one(rel, contents[rel], terms, sources[rel]) for rel in rels}
    finally:
        _FORKED.clear()
    out: dict[str, Parsed] = {}
    with pool:
        pending = pool.apply_async(_worker, (theirs, terms))
        here = {rel: parse_one(rel, contents[rel], terms, sources[rel]) for rel in mine}
        try:
            there = pending.get()
        except Exception:  # a worker that failed: read its files here instead
            there = []
    for rel, got in zip(theirs, there, strict=False):
        back = from_bytes(got, sources[rel]) if got is not None else None
        if back is not None:
            out[rel] = back
    for rel in theirs:
        if rel not in out:  # the worker failed: read here
            out[rel] = parse_one(rel, contents[rel], terms, sources[rel])
    out.update(here)
    return {rel: out[rel] for rel in rels}
