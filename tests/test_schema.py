"""`hxay schema`: the JSON Schema accepts every file hxay accepts and rejects what a schema
can see is wrong. Files are read the way hxay reads them (`read_records`: every scalar is
its source text), so the schema must take text for numbers, dates and yes/no."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_examples import expected_rows
from typer.testing import CliRunner

from hxay import api
from hxay.cli import app
from hxay.editing.schema import PERIOD_PATTERNS, build_schema
from hxay.loading.parse import normalise_period
from hxay.loading.yamlsrc import read_records
from hxay.models import records as r
from hxay.models import schema_types as js
from hxay.models.campaign import Campaign
from hxay.models.values import (
    BadValue,
    Choice,
    parse_bool,
    parse_count,
    parse_date,
    parse_id,
    parse_positive_count,
)

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
EXAMPLES = ROOT / "examples"

# What examples/broken shows, by where hxay finds it. The schema must reject the first
# group; the second never reaches a schema (hxay refuses the bytes, the YAML or the node
# while reading); the third needs the whole folder (other records, other files).
SCHEMA_CODES = frozenset(
    {
        "E-bad-bool",
        "E-bad-count",
        "E-bad-date",
        "E-bad-id",
        "E-bad-period",
        "E-bad-value",
        "E-missing-field",
        "E-unknown-field",
        "E-unknown-kind",
    }
)
READING_CODES = frozenset(
    {
        "E-binary",
        "E-encoding",
        "E-alias-bomb",
        "E-alias-record",
        "E-duplicate-key",
        "E-fullwidth-colon",
        "E-indent",
        "E-not-record",
        "E-tag",
        "E-yaml",
    }
)
FOLDER_CODES = frozenset(
    {"E-bad-driver", "E-duplicate-id", "E-found-before-parent", "E-ref-missing", "E-ref-type"}
)


@cache
def validator() -> jsonschema.Draft7Validator:
    schema = build_schema()
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


def errors(data: Any) -> list[str]:
    return [f"{e.json_path}: {e.message[:200]}" for e in validator().iter_errors(data)]


def records_of(path: Path, root: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    raws, _ = read_records(path.relative_to(root).as_posix(), path.read_bytes())
    for raw in raws:
        yield raw.line, raw.data


def yaml_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.suffix.lower() in (".yaml", ".yml"))


@pytest.mark.parametrize("folder", [DATA, EXAMPLES / "tiny"], ids=["data", "tiny"])
def test_every_file_hxay_loads_is_valid(folder: Path) -> None:
    assert not api.validate(folder).errors  # the premise: hxay loads these folders
    found = []
    for path in yaml_files(folder):
        for line, data in records_of(path, folder):
            found += [f"{path.relative_to(folder)}:{line}: {e}" for e in errors(data)]
    assert found == []


def test_examples_broken_are_rejected_where_a_schema_can_see_it() -> None:
    broken = EXAMPLES / "broken"
    rows = expected_rows()
    codes = {code for _, _, _, code in rows}
    unclassified = codes - SCHEMA_CODES - READING_CODES - FOLDER_CODES
    assert {c for c in unclassified if c.startswith("E-")} == set(), "classify new codes here"
    for rel, line, _, code in rows:
        path = broken / rel
        records = list(records_of(path, broken))
        if code in SCHEMA_CODES:
            # the record holding the mistake: the last one starting on or before its line
            holder = [data for start, data in records if start <= line][-1]
            assert errors(holder), f"{rel}:{line} {code} passes the schema"
        elif code in READING_CODES:
            own = [d.code for d in read_records(rel, path.read_bytes())[1]]
            assert code in own, f"{rel}: hxay reports {code} while reading"
        else:  # cross-record problems and warnings: each record on its own is fine
            assert all(not errors(data) for _, data in records), rel


def test_schema_is_made_from_the_models() -> None:
    defs = build_schema()["definitions"]
    for cls in (*r.KINDS.values(), r.InlineHazard, Campaign):
        names = {info.alias or name for name, info in cls.model_fields.items()}
        assert set(defs[cls.__name__]["properties"]) == names, cls.__name__
        required = {info.alias or n for n, info in cls.model_fields.items() if info.is_required()}
        assert required <= set(defs[cls.__name__].get("required", ())), cls.__name__


def _has_cjk(text: str) -> bool:
    return re.search("[\u4e00-\u9fff]", text) is not None


def test_every_field_has_a_chinese_description() -> None:
    defs = build_schema()["definitions"]
    missing = [
        f"{name}.{field}"
        for name, definition in defs.items()
        for field, prop in definition.get("properties", {}).items()
        if not _has_cjk(str(prop.get("description", "")))
    ]
    assert missing == []


RECORD = {"kind": "school", "id": "sch-1", "name": "甲小学", "type": "primary", "station": "ps-a"}


@pytest.mark.parametrize(
    "change",
    [
        {"id": 7},  # `id: 007` as an editor's YAML reads it
        {"id": "007"},  # and as hxay reads it
        {"name": True},  # `name: yes` in YAML 1.1
        {"phone": 57385012345},
        {"students": 300},
        {"students": "３００"},
        {"boarding": True},
        {"boarding": "是"},
        {"boarding": "YES"},
        {"uses_transport": "无"},
        {"type": "小学"},
        {"type": "PRIMARY"},
        {"kind": "学校"},
        {"kind": "School"},
        {"opened": "2012年5月14日"},
        {"opened": "２０１２/5/4"},
        {"opened": "2012.02.29"},
        {"closed": None},  # an empty value is an absent field
        {"x_memo": {"any": ["thing"]}},
        {"legal_vice_principal": {"name": "王警官", "x_note": 1, "title": "法制辅导员"}},
    ],
)
def test_accepts_what_hxay_accepts(change: dict[str, Any]) -> None:
    assert errors({**RECORD, **change}) == []


@pytest.mark.parametrize(
    "change",
    [
        {"id": "sch 1"},
        {"id": "-"},
        {"students": "12人"},
        {"students": -1},
        {"boarding": "部分"},
        {"type": "大学"},
        {"kind": "schol"},
        {"opened": "2011-02-29"},
        {"opened": "2012-05-14 08:30"},
        {"opened": "2012-5/14"},
        {"station": None},  # a required field left empty
        {"stattion": "ps-a"},
        {"legal_vice_principal": {"title": "校长"}},
    ],
)
def test_rejects_what_hxay_rejects(change: dict[str, Any]) -> None:
    assert errors({**RECORD, **change}) != []


def test_documents_lists_anchors_and_empty_items() -> None:
    assert errors([RECORD, None, {"x_base": {"unit": "ps-a"}}, RECORD]) == []
    assert errors(None) == []
    assert errors({"x_anchors": [1, 2]}) == []
    assert errors([{"date": "2012-05-14"}]) != []  # a record without kind
    assert errors([{}]) != []


def test_hazards_and_submissions_rules_across_fields() -> None:
    hazard = {"kind": "hazard", "id": "hz-1", "found": "2012-05-01", "description": "围墙"}
    assert errors(hazard) != []  # neither school nor vehicle
    assert errors({**hazard, "vehicle": "veh-1"}) == []
    assert errors({**hazard, "school": None, "vehicle": "veh-1"}) == []
    sub = {"kind": "submission", "unit": "ps-a", "submitted": "2012-05-16"}
    assert errors({**sub, "form": "stats_form", "period": "2012-05-1"}) == []
    assert errors({**sub, "form": "统计报表", "period": "2012-5上"}) == []
    assert errors({**sub, "form": "stats_form"}) != []
    assert errors({**sub, "form": "stats_form", "period": "2012-05"}) != []
    assert errors({**sub, "form": "monthly_work", "period": "2012-05"}) == []
    assert errors({**sub, "form": "gov_briefing", "period": "2011学年第二学期"}) == []
    assert errors({**sub, "form": "other"}) == []
    assert errors({**sub, "form": "other", "period": "2012-05"}) != []


def test_campaign_file_is_told_apart_from_records() -> None:
    campaign = {
        "id": "c",
        "name": "n",
        "start": "2012-03-01",
        "end": "2012-11-30",
        "terms": [{"name": "t", "start": "2012-02-08", "end": "2012-07-05"}],
        "obligations": {"liaison": None, "monthly_inspection": {"min": "2", "any_unit": "否"}},
        "forms": {"stats": [{"measure": "inspections"}]},
    }
    assert errors(campaign) == []
    assert errors({**campaign, "obligations": {"liason": {}}}) != []
    assert errors({**campaign, "forms": {"stats": [{"measure": "nope"}]}}) != []
    assert errors({**campaign, "deu_shift": "none"}) != []
    without_terms = {k: v for k, v in campaign.items() if k != "terms"}
    assert errors(without_terms) != []


def _matches(schema: dict[str, Any], value: Any) -> bool:
    return jsonschema.Draft7Validator(schema).is_valid(value)


def _agrees(schema: dict[str, Any], parser: Any, text: str) -> None:
    try:
        parser(text)
        accepted = True
    except BadValue:
        accepted = False
    assert _matches(schema, text) == accepted, text


@settings(max_examples=300, deadline=None)
@given(
    st.integers(1, 9999),
    st.integers(0, 13),
    st.integers(0, 32),
    st.sampled_from(["-", "/", ".", "－", "／", "．", "年月日", "-/"]),
    st.booleans(),
    st.booleans(),
)
def test_date_pattern_agrees_with_the_parser(
    year: int, month: int, day: int, sep: str, pad: bool, wide: bool
) -> None:
    m, d = (f"{month:02d}", f"{day:02d}") if pad else (str(month), str(day))
    if sep == "年月日":
        text = f"{year:04d}年{m}月{d}日"
    elif len(sep) == 2:
        text = f"{year:04d}{sep[0]}{m}{sep[1]}{d}"
    else:
        text = f"{year:04d}{sep}{m}{sep}{d}"
    if wide:
        text = text.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    _agrees(js.DATE, parse_date, text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789０１２-/.年月日 T:", max_size=14))
def test_date_pattern_agrees_on_any_text(text: str) -> None:
    _agrees(js.DATE, parse_date, text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="0129０１人 -", max_size=5))
def test_count_patterns_agree(text: str) -> None:
    _agrees(js.COUNT, parse_count, text)
    _agrees(js.POSITIVE_COUNT, parse_positive_count, text)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["true", "FALSE", "Yes", "no", "是", "否", "有", "无", "y", "部分", " 是 "]))
def test_bool_pattern_agrees(text: str) -> None:
    _agrees(js.BOOL, parse_bool, text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="az09-_.浙F，、, ;；:/*#@()（）Ａ", min_size=1, max_size=8))
def test_id_pattern_agrees(text: str) -> None:
    _agrees(js.ID, parse_id, text)


@settings(max_examples=100, deadline=None)
@given(st.sampled_from([*r.SEVERITIES, "MAJOR", "重大", "严重 ", "critical", "Major"]))
def test_choice_pattern_agrees(text: str) -> None:
    _agrees(js.choice(r.SEVERITIES), Choice(r.SEVERITIES).parse, text)


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(["stats_form", "monthly_work"]),
    st.text(alphabet="20１-1513上下Q", max_size=10),
)
def test_period_patterns_agree_with_the_loader(form: str, text: str) -> None:
    pattern = PERIOD_PATTERNS[form]
    assert pattern is not None
    accepted = normalise_period(form, text, ()) is not None
    assert (re.search(pattern, text) is not None) == accepted, (form, text)


def _patterns(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "pattern" and isinstance(value, str):
                yield value
            elif key in ("properties", "definitions", "patternProperties"):
                yield from (k for k in value if key == "patternProperties")
                for sub in value.values():
                    yield from _patterns(sub)
            else:
                yield from _patterns(value)
    elif isinstance(node, list):
        for item in node:
            yield from _patterns(item)


@pytest.mark.skipif(shutil.which("node") is None, reason="node (an ECMA-262 engine) not installed")
def test_patterns_are_ecma_regexes_as_editors_read_them() -> None:
    """Editors compile patterns as JavaScript regexes (with the `u` flag): every pattern
    must compile there and decide a few samples the way Python's `re` does."""
    patterns = sorted(set(_patterns(build_schema())))
    samples = [
        "2012-05-14",
        "2012年5月4日",
        "２０１２-02-29",
        "2011-02-29",
        "sch-dh-01",
        "a，b",
        "-",
    ]
    expected = [[re.search(p, s) is not None for s in samples] for p in patterns]
    script = (
        "const [ps, ss] = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        "console.log(JSON.stringify(ps.map(p => { const r = new RegExp(p, 'u');"
        " return ss.map(s => r.test(s)); })));"
    )
    done = subprocess.run(
        ["node", "-e", script],
        input=json.dumps([patterns, samples]),
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == expected


def test_cli_prints_and_writes_the_schema(tmp_path: Path) -> None:
    runner = CliRunner()
    shown = runner.invoke(app, ["schema"])
    assert shown.exit_code == 0
    assert json.loads(shown.stdout) == json.loads(json.dumps(api.schema()))
    out = tmp_path / "hxay.schema.json"
    written = runner.invoke(app, ["schema", "--out", str(out)])
    assert written.exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8")) == json.loads(shown.stdout)


def test_schema_is_deterministic() -> None:
    assert json.dumps(build_schema()) == json.dumps(build_schema())
