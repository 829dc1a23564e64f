"""One wiring function per use case: load, then rules or reports. No printing, no clock."""

from __future__ import annotations

from pathlib import Path

from hxay.loading.load import Loaded, load


def validate(root: Path, display_path: str | None = None) -> Loaded:
    """Load the data folder and return every diagnostic (`hxay validate`)."""
    return load(root, display_path)
