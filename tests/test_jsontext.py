"""JSON output written by orjson is byte for byte what `json.dumps(indent=2,
ensure_ascii=False)` writes, on tricky text and on real outputs of every JSON renderer."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from hxay.render.jsontext import dumps

DATA = Path(__file__).resolve().parent.parent / "data"


def _reference(doc: object) -> str:
    return json.dumps(doc, ensure_ascii=False, indent=2)


@pytest.mark.parametrize(
    "doc",
    [
        {},
        [],
        {"a": [], "b": {}, "c": [[]], "d": [{}]},
        {"text": '护校安园\u3000全角\t\n\r\b\f\x00\x1f\x7f\u2028\u2029 "quoted" \\ /'},
        {"n": [0, -1, 2**40, True, False, None], "nested": {"x": {"y": [1, {"z": "é"}]}}},
        {"emoji": "🚸", "rtl": "\u202e", "bom": "\ufeff"},
    ],
)
def test_same_bytes_as_json(doc: object) -> None:
    assert dumps(doc) == _reference(doc)


def test_what_orjson_refuses_is_written_by_json() -> None:
    for doc in ({1: "a"}, {"bad": "\udcff"}):
        assert dumps(doc) == _reference(doc)


@pytest.mark.parametrize(
    "args",
    [
        ["check", "--as-of", "2012-11-30", "--all", "--format", "json"],
        ["report", "-m", "2012-09", "--format", "json"],
        ["report", "--form", "serious-list", "--format", "json"],
        ["validate", "--format", "json"],
    ],
    ids=lambda a: a[0] + "-" + a[2] if len(a) > 2 else a[0],
)
def test_real_outputs_reencode_the_same(args: list[str]) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "hxay", "--no-cache", *args, "--data", str(DATA)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode in (0, 1), done.stderr
    doc = json.loads(done.stdout)
    assert done.stdout.rstrip("\n") == _reference(doc)
