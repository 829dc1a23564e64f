"""Where `load` keeps its cache unless told otherwise: set once by the command line.

Kept apart from the loader so that setting it imports nothing heavy (start-up time).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hxay.loading.discover import FileSet
    from hxay.loading.inputs import Inputs

_directory: list[Path | None] = [None]


def default_directory(env: Mapping[str, str]) -> Path | None:
    """None when `HXAY_NO_CACHE` is set; else `$HXAY_CACHE_DIR`, `$XDG_CACHE_HOME/hxay` or
    `~/.cache/hxay`."""
    if env.get("HXAY_NO_CACHE", "").strip().lower() in ("1", "true", "yes", "on"):
        return None
    if env.get("HXAY_CACHE_DIR"):
        return Path(env["HXAY_CACHE_DIR"])
    base = env.get("XDG_CACHE_HOME") or os.path.join(Path.home(), ".cache")
    return Path(base) / "hxay"


def use_cache(directory: Path | None) -> None:
    """Set the cache directory `load` uses by default (None: no cache)."""
    _directory[0] = directory


def configured() -> Path | None:
    return _directory[0]


Probes = list[tuple[str, bool, bool]]
observed: list[tuple[Path, str, str | None, Probes]] = []
"""Every cached load of this process: (data folder, digest of all it read, the campaign's
timezone, the submission files it looked for). The answer cache stores a command's output
only when its one load read what the answer's key says."""


def observe(root: Path, key: str, timezone: str | None, probes: Probes) -> None:
    observed.append((root, key, timezone, probes))


preread: list[tuple[Path, FileSet, Inputs]] = []
"""What the answer cache read before the command line started (data folder, FileSet,
Inputs): the command's load takes it instead of reading every file again, so the answer
it records is keyed by exactly the bytes it loaded."""
