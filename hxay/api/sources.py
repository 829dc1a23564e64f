"""Stage 7, api: the source lines a load's diagnostics point at, for excerpts under them."""

from __future__ import annotations

from hxay.loading.load import Loaded
from hxay.loading.sourcelines import Where, source_lines


def excerpt_lines(loaded: Loaded) -> dict[Where, str]:
    """(path, line) -> the text of that line, for every diagnostic whose file is still text."""
    return source_lines(loaded.root, ((d.path, d.line) for d in loaded.diagnostics))
