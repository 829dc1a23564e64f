"""STYLE.md, "A stage imports only from stages before it": models < rules < loading < editing
< reports < render < export < api < cli, and no module imports itself through others (no import loop,
inside a package or across). Imports are read with `ast`, including imports inside functions
and under TYPE_CHECKING, `from hxay import api` (a module named by `from`) and relative
imports; Typer stays in the CLI; pandas, pyarrow, duckdb (and numpy) stay in the export stage, or in api and
cli functions that call it, and are never imported when a module is (only inside functions or
under TYPE_CHECKING), so validate, check and report never load them.

rules come before loading: campaign.yaml's parameter models are defined beside their
evaluators, and loading validates campaign.yaml with them; rules never read files.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "hxay"
ORDER = (
    "models",
    "rules",
    "loading",
    "editing",
    "reports",
    "render",
    "export",
    "api",
    "cli",
    "__main__",
)
TABLE_LIBRARIES = ("pandas", "pyarrow", "duckdb", "numpy")
MODULES = sorted(PACKAGE.rglob("*.py"))


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def stage(module: str) -> str | None:
    """The stage of a module of hxay; None for the package root (hxay/__init__.py)."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else None


def is_module(name: str) -> bool:
    target = PACKAGE.parent.joinpath(*name.split("."))
    return target.with_suffix(".py").is_file() or (target / "__init__.py").is_file()


def imports_of(source: str, module: str, *, package: bool) -> Iterator[tuple[int, str]]:
    """(line, absolute module name) of every import in `source`, anywhere in it."""
    parent = module if package else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = parent.split(".")
                anchor = ".".join(parts[: len(parts) - node.level + 1])
                base = f"{anchor}.{base}" if base else anchor
            yield node.lineno, base
            for alias in node.names:  # `from hxay import api` imports the module hxay.api
                if is_module(f"{base}.{alias.name}"):
                    yield node.lineno, f"{base}.{alias.name}"


def imports(path: Path) -> Iterator[tuple[int, str]]:
    source = path.read_text(encoding="utf-8")
    return imports_of(source, module_name(path), package=path.name == "__init__.py")


def test_every_module_belongs_to_a_stage() -> None:
    strays = [module_name(p) for p in MODULES if stage(module_name(p)) not in (*ORDER, None)]
    assert strays == []


@pytest.mark.parametrize("path", MODULES, ids=lambda p: module_name(p))
def test_a_stage_imports_only_from_stages_before_it(path: Path) -> None:
    own = stage(module_name(path))
    allowed = ORDER[: ORDER.index(own) + 1] if own is not None else ()
    wrong = [
        f"{path.relative_to(PACKAGE.parent)}:{line} imports {name}"
        for line, name in imports(path)
        if name.split(".")[0] == "hxay" and stage(name) is not None and stage(name) not in allowed
    ]
    assert wrong == []


@pytest.mark.parametrize(
    ("library", "stages"),
    [("typer", ("cli",)), *((name, ("export", "api", "cli")) for name in TABLE_LIBRARIES)],
)
def test_libraries_stay_in_their_stages(library: str, stages: tuple[str, ...]) -> None:
    wrong = [
        f"{path.relative_to(PACKAGE.parent)}:{line}"
        for path in MODULES
        for line, name in imports(path)
        if name.split(".")[0] == library and stage(module_name(path)) not in stages
    ]
    assert wrong == []


def eager_imports(source: str) -> Iterator[tuple[int, str]]:
    """(line, module) of the imports that run when the module is imported: not inside a
    function, not under `if TYPE_CHECKING:`."""

    def visit(nodes: list[ast.stmt]) -> Iterator[tuple[int, str]]:
        for node in nodes:
            if isinstance(node, ast.Import):
                yield from ((node.lineno, a.name) for a in node.names)
            elif isinstance(node, ast.ImportFrom):
                yield node.lineno, node.module or ""
            elif isinstance(node, ast.If):
                test = node.test
                guarded = (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
                    isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
                )
                if not guarded:
                    yield from visit(node.body)
                yield from visit(node.orelse)
            elif isinstance(node, (ast.Try, ast.With, ast.ClassDef)):
                yield from visit(node.body)

    yield from visit(ast.parse(source).body)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: module_name(p))
def test_table_libraries_are_imported_inside_functions(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    wrong = [
        f"{path.relative_to(PACKAGE.parent)}:{line} imports {name}"
        for line, name in eager_imports(source)
        if name.split(".")[0] in TABLE_LIBRARIES
    ]
    assert wrong == []


def test_the_eager_import_reader_skips_functions_and_type_checking() -> None:
    source = (
        "import pandas\n"
        "if TYPE_CHECKING:\n"
        "    import pyarrow\n"
        "else:\n"
        "    import duckdb\n"
        "def f():\n"
        "    import numpy\n"
    )
    assert list(eager_imports(source)) == [(1, "pandas"), (5, "duckdb")]


def test_the_import_reader_sees_every_form_of_import() -> None:
    source = (
        "import hxay.rules\n"
        "from . import values\n"
        "from ..loading import load\n"
        "def f():\n"
        "    from hxay import api\n"
    )
    found = sorted(imports_of(source, "hxay.models.records", package=False))
    assert found == [
        (1, "hxay.rules"),
        (2, "hxay.models"),
        (2, "hxay.models.values"),
        (3, "hxay.loading"),
        (3, "hxay.loading.load"),
        (5, "hxay"),
        (5, "hxay.api"),
    ]


def graph(modules: list[Path]) -> dict[str, set[str]]:
    """module -> the hxay modules it imports (the package root excluded: it holds only the
    version)."""
    names = {module_name(p) for p in modules}
    out: dict[str, set[str]] = {}
    for path in modules:
        own = module_name(path)
        out[own] = {
            name for _, name in imports(path) if name in names and name != own and name != "hxay"
        }
    return out


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected set of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return found


def test_no_import_loop() -> None:
    assert cycles(graph(MODULES)) == []


def test_the_loop_finder_finds_a_loop() -> None:
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(edges) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


MAX_LINES = 450


@pytest.mark.parametrize("path", MODULES, ids=lambda p: module_name(p))
def test_no_module_is_too_long(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_LINES, f"{path.relative_to(PACKAGE.parent)}: {lines} lines"
