"""Stage 7, api: process-wide settings the command line makes before any command runs (the
parse cache's folder). Light on purpose: read at every start-up."""

from __future__ import annotations

import os

from hxay.loading import cachesetting
from hxay.models.text import Msg


def use_cache(enabled: bool) -> Msg | None:
    """The cache folder from the environment (`HXAY_CACHE_DIR`, `XDG_CACHE_HOME`, ...), or
    none: `--no-cache` or `HXAY_NO_CACHE=1`; why it is not used when it is not safe (owned
    by someone else, or others may write it), to be said once."""
    from hxay.loading.cachedir import refused

    directory = cachesetting.default_directory(os.environ) if enabled else None
    problem = refused(directory) if directory is not None else None
    cachesetting.use_cache(None if problem is not None else directory)
    return problem
