"""Write docs/cli.md, the command-line reference, from the commands' own `--help`.

    python tools/gen_cli_docs.py           # rewrite docs/cli.md after changing a command
    python tools/gen_cli_docs.py --check   # exit 1 when docs/cli.md is stale

tests/test_cli_docs.py runs the same comparison, so CI fails on a stale reference.
"""

from __future__ import annotations

import sys
from pathlib import Path

import typer
from typer.testing import CliRunner

from hxay.cli import app

DOCS = Path(__file__).resolve().parent.parent / "docs" / "cli.md"
WIDTH = 100  # help is wrapped to a fixed width, so the file is the same on every machine
ENV = {"COLUMNS": str(WIDTH), "LINES": "50", "NO_COLOR": "1", "TERM": "dumb", "HXAY_LANG": "en"}


def help_text(args: list[str]) -> str:
    result = CliRunner().invoke(
        app, [*args, "--help"], prog_name="hxay", env=ENV, terminal_width=WIDTH
    )
    if result.exit_code != 0:
        raise SystemExit(f"hxay {' '.join(args)} --help failed: {result.output}")
    return result.output.rstrip() + "\n"


def commands() -> list[str]:
    """The commands in the order they are registered (the order `hxay --help` lists them)."""
    group = typer.main.get_command(app)
    return [name for name, cmd in getattr(group, "commands", {}).items() if not cmd.hidden]


def render() -> str:
    parts = [
        "# hxay command-line reference",
        "",
        "Generated from `hxay --help` by `tools/gen_cli_docs.py`; do not edit by hand.",
        "Regenerate with `python tools/gen_cli_docs.py` (a test fails while it is stale).",
        "",
        "## hxay",
        "",
        "```text",
        help_text([]).rstrip("\n"),
        "```",
    ]
    for name in commands():
        parts += ["", f"## hxay {name}", "", "```text", help_text([name]).rstrip("\n"), "```"]
    return "\n".join(parts) + "\n"


def main(argv: list[str]) -> int:
    text = render()
    if "--check" in argv:
        current = DOCS.read_text(encoding="utf-8") if DOCS.exists() else ""
        if current != text:
            print(f"{DOCS} is stale: run python tools/gen_cli_docs.py", file=sys.stderr)
            return 1
        return 0
    DOCS.parent.mkdir(parents=True, exist_ok=True)
    DOCS.write_text(text, encoding="utf-8")
    print(f"wrote {DOCS}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
