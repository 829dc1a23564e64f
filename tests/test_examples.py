"""The example folders: `examples/tiny` loads clean, `examples/broken` gives exactly the
diagnostics listed in `examples/broken/EXPECTED.md` (the table is parsed here, so the
document and the test cannot drift apart)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest

from hxay.api import validate

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
TINY = EXAMPLES / "tiny"
BROKEN = EXAMPLES / "broken"
# The files of examples/broken that hold no mistake: the others refer to them.
VALID_FILES = frozenset({"campaign.yaml", "units.yaml", "schools.yaml", "vehicles.yaml"})

Row = tuple[str, int, int | None, str]  # path, line, column (None: not pinned down), code


def expected_rows() -> list[Row]:
    """The rows of EXPECTED.md's table: `| `path` | line | column or — | code | text |`."""
    rows: list[Row] = []
    for text in (BROKEN / "EXPECTED.md").read_text(encoding="utf-8").splitlines():
        if not text.startswith("| `"):
            continue
        cells = [cell.strip() for cell in text.strip().strip("|").split("|")]
        path, line, column, code = cells[0].strip("`"), cells[1], cells[2], cells[3]
        rows.append((path, int(line), None if column in {"—", "-", ""} else int(column), code))
    return rows


def shown(diagnostics: Iterable[Any]) -> list[str]:
    return sorted(f"{d.path}:{d.line}:{d.column}: {d.severity} {d.code}" for d in diagnostics)


@pytest.fixture(scope="module")
def broken() -> Any:
    return validate(BROKEN)


def test_tiny_has_no_error_and_no_warning() -> None:
    result = validate(TINY)
    assert shown(result.diagnostics) == []


def test_expected_lists_every_broken_file() -> None:
    files = {
        path.relative_to(BROKEN).as_posix()
        for path in BROKEN.rglob("*")
        if path.is_file()
        and path.suffix.lower() in {".yaml", ".yml"}
        and not any(part.startswith((".", "_")) for part in path.relative_to(BROKEN).parts)
    }
    documented = {row[0] for row in expected_rows()}
    assert documented <= files, "EXPECTED.md names files that do not exist"
    assert files - documented == VALID_FILES, "every broken file needs a row in EXPECTED.md"


def test_broken_gives_exactly_the_expected_diagnostics(broken: Any) -> None:
    rows = expected_rows()
    actual = {(d.path, d.line, d.code) for d in broken.diagnostics}
    expected = {(path, line, code) for path, line, _, code in rows}
    assert sorted(actual - expected) == [], "diagnostics that EXPECTED.md does not list"
    assert sorted(expected - actual) == [], "rows of EXPECTED.md that no diagnostic matches"

    located = {(d.path, d.line, d.column, d.code) for d in broken.diagnostics}
    misplaced = [row for row in rows if row[2] is not None and row not in located]
    assert misplaced == [], f"wrong column; diagnostics were: {shown(broken.diagnostics)}"


def test_broken_severities_follow_the_codes(broken: Any) -> None:
    wrong = [
        f"{d.path}:{d.line} {d.code} is {d.severity}"
        for d in broken.diagnostics
        if d.severity != ("warning" if d.code.startswith("W-") else "error")
    ]
    assert wrong == []
