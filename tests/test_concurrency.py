"""Nothing is lost when people write at once: `hxay new --to` holds the folder's write lock
from choosing the id to the atomic replace (hxay/editing/lock.py), and a writer killed at any
moment never leaves a file that does not load."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import DataDir

from hxay.api import validate

WRITERS = 10


def _writer(root: Path, target: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "HXAY_NO_CACHE": "1"}
    return subprocess.Popen(
        [
            sys.executable, "-m", "hxay", "new", "legal_visit", "school=sch-a",
            "--date", "2012-05-20", "--to", str(target), "--data", str(root),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )  # fmt: skip


def _visits(root: Path) -> list[str]:
    loaded = validate(root)
    assert [d.format("en") for d in loaded.errors] == []
    return [x.id or "" for x in loaded.kept if x.KIND == "legal_visit"]


@pytest.mark.parametrize("files", [1, WRITERS], ids=["one-file", "ten-files"])
def test_concurrent_writers_lose_nothing(datadir: DataDir, files: int) -> None:
    root = datadir.write()
    targets = [root / "records" / f"f{i % files}.yaml" for i in range(WRITERS)]
    procs = [_writer(root, t) for t in targets]
    results = [(p.wait(timeout=120), p.stderr.read().decode() if p.stderr else "") for p in procs]
    assert [code for code, _ in results] == [0] * WRITERS, results
    ids = _visits(root)
    assert len(ids) == WRITERS
    assert len(set(ids)) == WRITERS, ids


def test_a_killed_writer_never_leaves_a_file_that_does_not_load(datadir: DataDir) -> None:
    root = datadir.write()
    target = root / "records" / "k.yaml"
    rng = random.Random(7)
    started = time.monotonic()
    assert _writer(root, target).wait(timeout=120) == 0
    whole = time.monotonic() - started  # kill at every stage of a write, however slow the machine
    written = len(_visits(root))
    for _ in range(12):
        proc = _writer(root, target)
        time.sleep(rng.uniform(0.1, 1.1) * whole)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        ids = _visits(root)  # every file loads after every kill
        assert len(ids) == len(set(ids))
        assert len(ids) >= written
        written = len(ids)
    leftovers = [p.name for p in (root / "records").iterdir() if p.name.startswith(".")]
    assert all(name.endswith(".tmp") for name in leftovers)  # discovery skips them
