"""Hostile or damaged files: each gets exactly one clear diagnostic and the rest of the folder
still loads; any mutation of a valid file gives diagnostics or a valid load, never a traceback;
`hxay validate` only reads the data folder and keeps its exit codes and JSON shape.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from pathlib import Path

import pytest
from conftest import BASE_RECORDS, DataDir, of_kind
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from hxay.api import Scope, View, check, report, validate
from hxay.cli import app
from hxay.models.diagnostics import CATALOGUE

TINY = Path(__file__).resolve().parent.parent / "examples" / "tiny"
MEETING = "- kind: meeting\n  id: mt-ok\n  date: 2012-05-14\n  unit: ps-a\n"

BILLION_LAUGHS = "x_a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"x_{b}: &{b} [{', '.join(['*' + a] * 10)}]\n"
    for a, b in zip("abcdefghi", "bcdefghij", strict=True)
)

HOSTILE: dict[str, tuple[bytes, str]] = {
    "gbk": (
        "- kind: meeting\n  date: 2012-05-14\n  unit: ps-a\n  topic: 校园安全\n".encode("gbk"),
        "E-encoding",
    ),
    "python-object": (
        b"- kind: meeting\n  date: 2012-05-14\n  unit: ps-a\n"
        b"  topic: !!python/object/apply:os.system ['touch pwned']\n",
        "E-tag",
    ),
    "python-object-on-a-required-field": (
        b"- kind: meeting\n  date: !!python/object:datetime.date [2012, 5, 14]\n  unit: ps-a\n",
        "E-tag",
    ),
    "billion-laughs": (BILLION_LAUGHS.encode(), "E-alias-bomb"),
    "billion-laughs-in-a-record": (
        (BILLION_LAUGHS + "---\n- kind: meeting\n  date: 2012-05-14\n  unit: ps-a\n").encode(),
        "E-alias-bomb",
    ),
    "one-mb-line-of-text": (b"a" * 1_000_000, "E-not-record"),
    "one-mb-line-of-brackets": (b"[" * 1_000_000, "E-yaml"),
    "one-mb-unclosed-quote": (b'- kind: meeting\n  topic: "' + b"x" * 1_000_000, "E-yaml"),
    "binary": (bytes(range(256)) * 64, "E-binary"),
    "zip": (b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00" + bytes(range(256)) * 8, "E-binary"),
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_a_hostile_file_gets_one_diagnostic_and_the_rest_loads(datadir: DataDir, name: str) -> None:
    content, code = HOSTILE[name]
    loaded = datadir.load({"bad.yaml": content, "good.yaml": MEETING})
    about_bad = [d for d in loaded.diagnostics if d.path == "bad.yaml"]
    assert [d.code for d in about_bad] == [code]
    assert len(about_bad[0].message("en")) < 300  # clear, not a dump of the file
    assert [d for d in loaded.diagnostics if d.path != "bad.yaml"] == []
    assert [m.id for m in of_kind(loaded, "meeting")] == ["mt-ok"]
    assert len(loaded.kept) == BASE_RECORDS + 1


def test_a_tagged_object_is_never_constructed(datadir: DataDir, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    text = f"- kind: meeting\n  topic: !!python/object/apply:os.system ['touch {marker}']\n"
    datadir.load({"bad.yaml": text})
    assert not marker.exists()


def test_a_file_too_large_to_read_is_refused_whole(datadir: DataDir) -> None:
    big = b"# " + b"x" * (33 * 1024 * 1024) + b"\n" + MEETING.encode()
    loaded = datadir.load({"big.yaml": big})
    assert [(d.path, d.code) for d in loaded.diagnostics] == [("big.yaml", "E-too-large")]


# Any mutation of a valid file: diagnostics or a valid load, never a traceback

SOURCES = {p.name: p.read_bytes() for p in sorted(TINY.glob("*.yaml"))}
SOURCES["inline.yaml"] = """\
- x_base: &base {kind: meeting, unit: ps-danghu}
- <<: *base
  date: 2012年5月20日
  schools: sch-dh-01
- kind: vehicle_check
  id: vc-9
  date: ２０１２-０５-２３
  vehicle: 浙F-A1234
  unit: tb
  drivers: 张三
  result: 不合格
  items: {逃生锤: 是, 灭火器: 无}
  hazards:
    - id: hz-9
      description: 灭火器过期
      deadline: 2012-06-01
      supervisor: {name: 陈伟, unit: tb}
- kind: submission
  form: stats_form
  unit: ps-danghu
  period: 2012-5下
  submitted: 2012/6/1
  to: [sb, edu-bureau]
""".encode()

NOISE = st.sampled_from(
    [
        "\t",
        "\u3000",
        "：",
        "，",
        "- ",
        ": ",
        "&a ",
        "*a",
        "<<: *a",
        "!!python/object ",
        "!x ",
        '"',
        "'",
        "[",
        "]",
        "{",
        "}",
        "#",
        "---\n",
        "...\n",
        "~",
        "null",
        "\ufeff",
        "\x00",
        "\r",
        "%YAML 1.1\n",
        "? ",
        "|",
        ">",
        "@",
        "`",
        "2012-02-30",
        "12人",
        "-1",
        "kind: ",
        "id: ",
        "x_y: ",
    ]
).map(str.encode)


# What a change in one file can make another file's records say.
CROSS_RECORD = frozenset(
    {
        "E-ref-missing",
        "E-ref-type",
        "E-duplicate-id",
        "E-bad-driver",
        "E-school-mismatch",
        "E-bad-period",  # a term name in campaign.yaml
        "E-campaign",  # an owner unit gone: campaign.yaml says which obligation needs one
        "W-outside-campaign",
        "W-transport-mismatch",
        "W-fail-no-hazard",
    }
)


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, bytes]:
    name = draw(st.sampled_from(sorted(SOURCES)))
    data = SOURCES[name]
    for _ in range(draw(st.integers(1, 3))):
        lines = data.split(b"\n")
        i = draw(st.integers(0, max(0, len(lines) - 1)))
        op = draw(
            st.sampled_from(
                [
                    "delete",
                    "indent",
                    "dedent",
                    "truncate",
                    "bytes",
                    "noise",
                    "scalar",
                    "swap",
                    "copy",
                ]
            )
        )
        if op == "delete":
            del lines[i]
        elif op == "indent":
            lines[i] = b" " * draw(st.integers(1, 3)) + lines[i]
        elif op == "dedent":
            lines[i] = lines[i][draw(st.integers(1, 4)) :]
        elif op == "swap":
            j = draw(st.integers(0, max(0, len(lines) - 1)))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "copy":
            lines.insert(draw(st.integers(0, len(lines))), lines[i])
        elif op == "scalar" and b": " in lines[i]:
            key = lines[i].split(b": ", 1)[0]
            lines[i] = key + b": " + draw(st.text(max_size=12)).encode("utf-8", "surrogatepass")
        if op in ("truncate", "bytes", "noise"):
            joined = b"\n".join(lines)
            at = draw(st.integers(0, len(joined)))
            if op == "truncate":
                data = joined[:at]
            elif op == "bytes":
                data = joined[:at] + draw(st.binary(min_size=1, max_size=8)) + joined[at:]
            else:
                data = joined[:at] + draw(NOISE) + joined[at:]
        else:
            data = b"\n".join(lines)
    return name, data


@pytest.fixture(scope="module")
def mutation_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("mutations")


# HXAY_FUZZ_EXAMPLES=30000 pytest -n0 -k mutation tests/test_robustness.py: a long run by hand
FUZZ_EXAMPLES = int(os.environ.get("HXAY_FUZZ_EXAMPLES", "200"))


@settings(max_examples=FUZZ_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=mutated())
def test_any_mutation_gives_diagnostics_or_a_valid_load(
    mutation_folder: Path, case: tuple[str, bytes]
) -> None:
    name, data = case
    for source, content in SOURCES.items():
        (mutation_folder / source).write_bytes(data if source == name else content)
    loaded = validate(mutation_folder)
    for d in loaded.diagnostics:
        assert d.code in CATALOGUE
        assert d.path in loaded.files or d.path == "campaign.yaml"
        assert d.line >= 1 and d.column >= 1
        assert d.message("zh") and d.message("en")
    if data == SOURCES[name]:
        assert loaded.diagnostics == []
    # the other files can only be affected through what they reference
    elsewhere = {d.code for d in loaded.diagnostics if d.path != name}
    assert elsewhere <= CROSS_RECORD
    # check and report run on what loaded (or stop with the errors), never raise
    now = dt.datetime(2012, 9, 25, tzinfo=dt.UTC)
    for allow in (False, True):
        checked = check(
            mutation_folder,
            display_path=None,
            as_of=dt.date(2012, 9, 25),
            now=now,
            scope=Scope(),
            view=View(),
            allow_errors=allow,
        )
        assert checked.problems or checked.provenance is not None
        reported = report(mutation_folder, month="2012-05", allow_errors=allow, now=now)
        assert reported.problems or reported.table is not None


# `hxay validate` through the command line

runner = CliRunner()


def snapshot(root: Path) -> dict[str, tuple[int, int]]:
    return {
        p.relative_to(root).as_posix(): (p.stat().st_mtime_ns, p.stat().st_size)
        for p in sorted(root.rglob("*"))
    }


def test_validate_writes_nothing_into_the_data_folder(tmp_path: Path) -> None:
    root = tmp_path / "data"
    shutil.copytree(TINY, root)
    (root / "records" / "2012-05").mkdir(parents=True)
    (root / "records" / "2012-05" / "bad.yaml").write_text(
        "- kind: meeting\n  date: 2012-02-30\n  unit: ps-danghu\n", encoding="utf-8"
    )
    before = snapshot(root)
    for extra in ([], ["--format", "json"], ["--lang", "en"]):
        result = runner.invoke(app, ["validate", "--data", str(root), *extra])
        assert result.exit_code == 1
    assert snapshot(root) == before


def test_validate_exits_0_without_errors_and_1_with_errors(datadir: DataDir) -> None:
    root = datadir.write({"ok.yaml": MEETING})
    assert runner.invoke(app, ["validate", "--data", str(root)]).exit_code == 0
    datadir.write({"warn.yaml": "- kind: meeting\n  date: 2012-12-10\n  unit: ps-a\n"})
    assert runner.invoke(app, ["validate", "--data", str(root)]).exit_code == 0
    datadir.write({"bad.yaml": "- kind: meeting\n  date: 2012-12-40\n  unit: ps-a\n"})
    assert runner.invoke(app, ["validate", "--data", str(root)]).exit_code == 1


def test_validate_json_shape_and_parity_with_the_api(datadir: DataDir) -> None:
    root = datadir.write(
        {
            "warn.yaml": "- kind: meeting\n  date: 2012-12-10\n  unit: ps-a\n",
            "bad.yaml": "- kind: meeting\n  date: 2012-12-40\n  unit: ps-a\n",
            "ok.yaml": MEETING,
        }
    )
    result = runner.invoke(
        app, ["validate", "--data", str(root), "--format", "json", "--lang", "en"]
    )
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    assert set(doc) == {"errors", "warnings", "files", "records"}
    for item in doc["errors"] + doc["warnings"]:
        assert set(item) == {"path", "line", "column", "code", "message"}
        assert isinstance(item["line"], int) and isinstance(item["column"], int)
        assert isinstance(item["message"], str) and item["message"]
    assert [(e["path"], e["line"], e["column"], e["code"]) for e in doc["errors"]] == [
        ("bad.yaml", 2, 9, "E-bad-date")
    ]
    assert [(w["path"], w["line"], w["code"]) for w in doc["warnings"]] == [
        ("warn.yaml", 2, "W-outside-campaign")
    ]
    assert doc["files"] == 6
    assert doc["records"] == BASE_RECORDS + 2
    loaded = validate(root)
    assert doc["errors"] == [
        {
            "path": d.path,
            "line": d.line,
            "column": d.column,
            "code": d.code,
            "message": d.message("en"),
        }
        for d in loaded.errors
    ]
