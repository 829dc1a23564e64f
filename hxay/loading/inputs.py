"""Stage 2, loading: what a load reads, and the one digest of it: every file's bytes (or why
they could not be read) and what discovery found. Light: the answer cache computes the
same digest before anything heavy is imported, and a load computes it again from the
bytes it parses, so an answer is given only for exactly these bytes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

try:  # the module itself: hashlib would load OpenSSL, a tenth of the answer's start-up
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - another Python
    from hashlib import blake2b

from hxay.loading.cachedir import load_key
from hxay.loading.discover import FileSet


def digest(data: bytes) -> bytes:
    return blake2b(data, digest_size=16).digest()


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
    key = load_key(
        [(files.campaign or "", digest(campaign))]
        + [(rel, digests.get(rel) or f"! {unreadable[rel]}") for rel in files.records],
        [d.format("en") for d in files.diagnostics],
    )
    return Inputs(campaign, contents, unreadable, digests, key)


def probe(root: Path, file: str) -> tuple[bool, bool]:
    """(inside the data folder, is a file) for a submission's `file`: what the caches check
    again before they answer, since no digest covers these files."""
    target = (root / file).resolve()
    inside = target.is_relative_to(root.resolve())
    return inside, inside and target.is_file()


def probes_hold(root: Path, probes: list[tuple[str, bool, bool]]) -> bool:
    return all(probe(root, file) == (inside, exists) for file, inside, exists in probes)
