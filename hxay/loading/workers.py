"""Stage 2, loading: parse files (what the per-file cache, loading/cache.py, does not give).

Parsing runs in this process only. A forked worker reading part of the files on the second
core was measured once the caches and the MessagePack transfer landed (prefecture, 70,000
records, no cache): it saved the main process 0.65 s of 3.0 s of CPU but cost the worker
more than that, and on this shared 2-core machine the wall time was 12-27% longer with it
(6.6 s and 7.9 s against 5.8 s and 6.3 s). Only a run without any cache pays for parsing
now, so it was dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from hxay.loading.parse import Parsed, parse_file
from hxay.loading.yamlsrc import FileSource, LazyPositions, read_records
from hxay.models.records import Record


def parse_one(
    rel: str, data: bytes, terms: tuple[str, ...], source: FileSource | None = None
) -> Parsed:
    """One file's records and diagnostics (reading problems first)."""
    raws, problems = read_records(rel, data)
    parsed = parse_file(raws, terms, source or FileSource(rel))
    parsed.diagnostics[:0] = problems
    return parsed


def parse_files(
    contents: Mapping[str, bytes],
    terms: tuple[str, ...],
    sources: Mapping[str, FileSource],
    pin: Callable[[Record], bool],
) -> dict[str, Parsed]:
    """Every file's result (contents already read), positions through `sources`. Each
    file's node trees are let go once it is typed (kept for a whole prefecture they were
    most of the memory), keeping the positions of the records `pin` says a warning will
    point into; any other later diagnostic reads its file again."""
    out = {}
    for rel, data in contents.items():
        parsed = out[rel] = parse_one(rel, data, terms, sources[rel])
        for rec in parsed.records:
            positions = rec.location.positions
            if isinstance(positions, LazyPositions) and pin(rec):
                positions.pin()
        sources[rel].release()
    return out
