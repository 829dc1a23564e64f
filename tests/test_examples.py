"""The example folders: `examples/tiny` loads clean, `examples/broken` gives exactly the
diagnostics listed in `examples/broken/EXPECTED.md` (the table is parsed here, so the
document and the test cannot drift apart)."""

from __future__ import annotations

import re
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


def _table_cells() -> list[list[str]]:
    """The cells of EXPECTED.md's table rows (a `\\|` inside a cell is a literal bar)."""
    return [
        [cell.strip() for cell in re.split(r"(?<!\\)\|", text.strip()[1:-1])]
        for text in (BROKEN / "EXPECTED.md").read_text(encoding="utf-8").splitlines()
        if text.startswith("| `")
    ]


def expected_rows() -> list[Row]:
    """The rows of EXPECTED.md's tables: `| `path` | line | column or — | code | text |`."""
    rows: list[Row] = []
    for cells in _table_cells():
        path, line, column, code = cells[0].strip("`"), cells[1], cells[2], cells[3]
        rows.append((path, int(line), None if column in {"—", "-", ""} else int(column), code))
    return rows


def expected_fixes() -> list[tuple[str, int, str]]:
    """(path, line, phrase) of the rows whose last column names what the message says."""
    return [
        (cells[0].strip("`"), int(cells[1]), cells[5].strip("`"))
        for cells in _table_cells()
        if len(cells) > 5
    ]


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


def test_the_syntax_corpus_is_large_enough() -> None:
    assert len(expected_fixes()) >= 15


@pytest.mark.parametrize(("path", "line", "phrase"), expected_fixes())
def test_each_message_holds_its_fix_in_chinese(
    broken: Any, path: str, line: int, phrase: str
) -> None:
    [found] = [d for d in broken.diagnostics if (d.path, d.line) == (path, line)]
    assert phrase in found.message("zh")
    assert found.message("en") != found.message("zh")
