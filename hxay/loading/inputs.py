"""Stage 2, loading: what a load reads, and the one digest of it: every file's bytes (or why
they could not be read) and what discovery found. Light: the answer cache computes the
same digest before anything heavy is imported, and a load computes it again from the
bytes it parses, so an answer is given only for exactly these bytes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from hxay.loading.cachedir import digest, name_of
from hxay.loading.discover import FileSet


@dataclass
class Inputs:
    """campaign.yaml's bytes, every record file's bytes (or why it was unreadable), their
    digests, and the digest of it all."""

    campaign: bytes
    contents: dict[str, bytes]
    unreadable: dict[str, OSError]
    digests: dict[str, bytes]
    key: str


def read_inputs(files: FileSet, overrides: Mapping[str, bytes] | None = None) -> Inputs:
    """Every file's bytes, and the key: each file with the digest of its bytes (or why it
    could not be read), in order, then what discovery reported."""
    root = files.root
    campaign = (root / files.campaign).read_bytes() if files.campaign is not None else b""
    contents: dict[str, bytes] = {}
    unreadable: dict[str, OSError] = {}
    for rel in files.records:
        if overrides and rel in overrides:
            contents[rel] = overrides[rel]
            continue
        try:
            contents[rel] = (root / rel).read_bytes()
        except OSError as exc:
            unreadable[rel] = exc
    digests = {rel: digest(data) for rel, data in contents.items()}
    parts: list[str | bytes] = [files.campaign or "", digest(campaign)]
    for rel in files.records:
        parts += [rel, digests.get(rel) or f"! {unreadable[rel]}"]
    parts.append("--")
    parts += [d.format("en") for d in files.diagnostics]
    return Inputs(campaign, contents, unreadable, digests, name_of(*parts))


def probe(root: Path, file: str) -> tuple[bool, bool]:
    """(inside the data folder, is a file) for a submission's `file`: what the caches check
    again before they answer, since no digest covers these files."""
    target = (root / file).resolve()
    inside = target.is_relative_to(root.resolve())
    return inside, inside and target.is_file()


def probes_hold(root: Path, probes: list[tuple[str, bool, bool]]) -> bool:
    return all(probe(root, file) == (inside, exists) for file, inside, exists in probes)
