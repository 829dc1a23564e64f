"""STYLE.md, "A stage imports only from stages before it": models < loading < rules < reports
< render < api < cli. Imports are read with `ast`, including imports inside functions,
`from hxay import api` (a module named by `from`) and relative imports; pandas stays in
reports/render and Typer in the CLI.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "hxay"
ORDER = ("models", "loading", "rules", "reports", "render", "api", "cli", "__main__")
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
    [("pandas", ("reports", "render")), ("typer", ("cli",))],
)
def test_libraries_stay_in_their_stages(library: str, stages: tuple[str, ...]) -> None:
    wrong = [
        f"{path.relative_to(PACKAGE.parent)}:{line}"
        for path in MODULES
        for line, name in imports(path)
        if name.split(".")[0] == library and stage(module_name(path)) not in stages
    ]
    assert wrong == []


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
