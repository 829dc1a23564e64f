"""Stage 2, loading: the source lines that diagnostics point at, read afresh for excerpts
(`hxay validate` on a terminal shows each problem's line with a `^` under its column).

Read-only; a file that is gone, too large or not UTF-8 text gives no lines (its diagnostic
already says why).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from hxay.loading.text import LINE_BREAK, MAX_BYTES, decode

Where = tuple[str, int]  # a diagnostic's path (relative to the folder) and 1-based line


def source_lines(root: Path, wanted: Iterable[Where]) -> dict[Where, str]:
    """The text of each (path, line) asked for that exists, without its line break."""
    by_path: dict[str, set[int]] = {}
    for path, line in wanted:
        by_path.setdefault(path, set()).add(line)
    found: dict[Where, str] = {}
    for path, lines in by_path.items():
        file = root / path
        try:
            if not file.is_file() or file.stat().st_size > MAX_BYTES:
                continue
            raw = file.read_bytes()
        except OSError:
            continue
        text, _ = decode(path, raw)
        if text is None:
            continue
        split = LINE_BREAK.split(text)
        found.update({(path, n): split[n - 1] for n in lines if 1 <= n <= len(split)})
    return found
