"""Over random sequences of edits (values changed, errors written and mended, files added,
renamed, deleted and touched, campaign.yaml changed, a submission's file appearing) and
random as-of dates, a load with every cache gives exactly what a load without any gives:
the same diagnostics, records, left-out count and findings; and the command line prints the
same bytes and exit code whether it is answered from the cache or not."""

from __future__ import annotations

import datetime as dt
import gc
import os
import shutil
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hxay import __main__ as entry
from hxay.loading.load import load
from hxay.rules.registry import evaluate

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
DAYS = [dt.date(2012, 5, 20), dt.date(2012, 6, 20), dt.date(2012, 6, 30), dt.date(2012, 8, 1)]
EXTRA = [
    "- {kind: legal_visit, date: 2012-05-40, school: sch-a}\n",  # an error
    "- {kind: legal_visit, date: 2012-05-21, school: nowhere}\n",  # a missing reference
    "- {kind: legal_visit, date: 2012-12-21, school: sch-a}\n",  # outside the campaign
    "- {kind: submission, form: stats_form, unit: ps-danghu, period: 2012-05-1, "
    "submitted: 2012-05-16, file: forms/may.xlsx}\n",  # a file that may appear
    "- {kind: education, date: 2012年5月22日, school: sch-a, audience: 学生}\n",  # spellings
]
OPS = st.sampled_from(
    ["edit", "append", "mend", "add", "rename", "delete", "touch", "campaign", "file"]
)


def _result(root: Path, cache: Path | None, day: dt.date) -> tuple[object, ...]:
    loaded = load(root, "data", cache_dir=cache)
    findings = evaluate(loaded.ledger, day)[0] if loaded.ledger else []
    return (
        [(d.path, d.line, d.column, d.code, d.message("en")) for d in loaded.diagnostics],
        [(x.KIND, x.where, x.model_dump(), sorted(x.__pydantic_fields_set__)) for x in loaded.kept],
        loaded.left_out,
        [f.as_dict("en") for f in findings],
    )


def _apply(root: Path, op: str, n: int) -> None:
    files = sorted(p for p in root.glob("*.yaml") if p.name != "campaign.yaml")
    target = files[n % len(files)] if files else root / "more.yaml"
    if op == "edit" and target.exists():
        text = target.read_text(encoding="utf-8")
        target.write_text(text.replace("2012-05-1", "2012-05-2", 1), encoding="utf-8")
    elif op == "append":
        with open(target, "a", encoding="utf-8") as handle:
            handle.write(EXTRA[n % len(EXTRA)])
    elif op == "mend" and target.exists():
        lines = target.read_text(encoding="utf-8").splitlines(keepends=True)
        target.write_text("".join(x for x in lines if x not in EXTRA), encoding="utf-8")
    elif op == "add":
        (root / f"added-{n}.yaml").write_text(EXTRA[n % len(EXTRA)], encoding="utf-8")
    elif op == "rename" and target.exists():
        target.rename(root / f"renamed-{n}-{target.name}")
    elif op == "delete" and target.exists() and len(files) > 2:
        target.unlink()
    elif op == "touch" and target.exists():
        os.utime(target)
    elif op == "campaign":
        campaign = root / "campaign.yaml"
        campaign.write_text(campaign.read_text(encoding="utf-8") + f"# {n}\n", encoding="utf-8")
    elif op == "file":
        (root / "forms").mkdir(exist_ok=True)
        may = root / "forms" / "may.xlsx"
        if may.exists():
            may.unlink()
        else:
            may.write_bytes(b"x")


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(steps=st.lists(st.tuples(OPS, st.integers(0, 9), st.sampled_from(DAYS)), max_size=6))
def test_random_edits_give_the_same_result_with_every_cache(
    tmp_path_factory: pytest.TempPathFactory, steps: list[tuple[str, int, dt.date]]
) -> None:
    base = tmp_path_factory.mktemp("case")
    root, cache = base / "data", base / "cache"
    shutil.copytree(EXAMPLES / "tiny", root)
    for op, n, day in [("touch", 0, DAYS[0]), *steps]:
        _apply(root, op, n)
        fresh = _result(root, None, day)
        assert _result(root, cache, day) == fresh  # may write the caches
        assert _result(root, cache, day) == fresh  # reads them back


def _run(args: list[str], capfd: pytest.CaptureFixture[str]) -> tuple[str, str, int]:
    saved = sys.argv
    sys.argv = ["hxay", *args]
    code = 0
    try:
        entry.main()
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 0
    finally:
        sys.argv = saved
        gc.enable()
    out, err = capfd.readouterr()
    return out, err, code


@settings(
    max_examples=4,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(steps=st.lists(st.tuples(OPS, st.integers(0, 9), st.sampled_from(DAYS)), max_size=4))
def test_random_edits_give_the_same_output_with_the_answer_cache(
    tmp_path_factory: pytest.TempPathFactory,
    capfd: pytest.CaptureFixture[str],
    steps: list[tuple[str, int, dt.date]],
) -> None:
    base = tmp_path_factory.mktemp("answers")
    root = base / "data"
    shutil.copytree(EXAMPLES / "tiny", root)
    saved = dict(os.environ)
    os.environ["HXAY_CACHE_DIR"] = str(base / "cache")
    os.environ.pop("HXAY_NO_CACHE", None)
    try:
        for op, n, day in steps:
            _apply(root, op, n)
            for args in (
                ["check", "--as-of", day.isoformat(), "--format", "json", "--allow-errors"],
                ["validate"],
            ):
                full = [*args, "--data", str(root)]
                fresh = _run(["--no-cache", *full], capfd)
                assert _run(full, capfd) == fresh
                assert _run(full, capfd) == fresh
    finally:
        os.environ.clear()
        os.environ.update(saved)
