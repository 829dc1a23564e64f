"""docs/cli.md is the commands' own `--help` (tools/gen_cli_docs.py), never stale; shell
completion (Typer's) is there for the commands and their arguments."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

TOOLS = Path(__file__).resolve().parent.parent / "tools"
HXAY = Path(sys.executable).parent / "hxay"  # the console script, as a shell runs it
sys.path.insert(0, str(TOOLS))

import gen_cli_docs  # noqa: E402


def test_cli_reference_is_up_to_date() -> None:
    current = gen_cli_docs.DOCS.read_text(encoding="utf-8")
    assert current == gen_cli_docs.render(), (
        "docs/cli.md is stale: run `python tools/gen_cli_docs.py` and commit the result"
    )


def test_every_command_is_documented() -> None:
    text = gen_cli_docs.DOCS.read_text(encoding="utf-8")
    for name in gen_cli_docs.commands():
        assert f"\n## hxay {name}\n" in text


def _complete(words: str, index: int) -> list[str]:
    env = {
        **os.environ,
        "_HXAY_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(index),
    }
    done = subprocess.run(
        [str(HXAY)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    return done.stdout.split()


def test_shell_completion_knows_commands_kinds_and_fields() -> None:
    assert "calendar" in _complete("hxay cal", 1)
    assert _complete("hxay new haz", 2) == ["hazard"]
    assert "deadline=" in _complete("hxay new hazard dead", 3)
    assert "--install-completion" in gen_cli_docs.help_text([])


def test_show_completion_prints_a_script() -> None:
    done = subprocess.run(
        [str(HXAY), "--show-completion", "bash"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0
    assert "_HXAY_COMPLETE=complete_bash" in done.stdout
