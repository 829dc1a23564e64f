"""Stage 6, api: process-wide settings the command line makes before any command runs (the
parse cache's folder). Light on purpose: read at every start-up."""

from __future__ import annotations

import os

from hxay.loading import cachesetting


def use_cache(enabled: bool) -> None:
    """The cache folder from the environment (`HXAY_CACHE_DIR`, `XDG_CACHE_HOME`, ...), or
    none: `--no-cache` or `HXAY_NO_CACHE=1`."""
    cachesetting.use_cache(cachesetting.default_directory(os.environ) if enabled else None)
