"""The stages import only from earlier ones (models < loading < rules < reports < render < api
< cli), and starting the command line imports no heavy library."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "hxay"
ORDER = ("models", "loading", "rules", "reports", "render", "api", "cli")


def _stage(module: str) -> int | None:
    parts = module.split(".")
    if parts[0] != "hxay" or len(parts) < 2 or parts[1] not in ORDER:
        return None
    return ORDER.index(parts[1])


def test_stages_import_only_earlier_stages() -> None:
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = ".".join(("hxay", *path.relative_to(PACKAGE).with_suffix("").parts))
        own = _stage(module)
        if own is None:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            for name in names:
                target = _stage(name)
                if target is not None and target > own:
                    wrong.append(f"{module} imports {name}")
    assert wrong == []


def test_starting_the_cli_imports_no_heavy_library() -> None:
    code = (
        "import sys, hxay.cli; "
        "print(sorted(m for m in ('pandas', 'rich.table', 'hxay.reports.stats') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
