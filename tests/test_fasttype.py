"""The one-pass typing (loading/fasttype.py) takes only what the exact path takes, and gives
the same record: over every spelling the value readers know (and some they refuse), and over
every record of the sample data and a generated untidy folder. Where it refuses, the exact
path decides, so the diagnostics cannot change."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from hxay.loading import parse as p
from hxay.loading.discover import list_files
from hxay.loading.fasttype import fast_validate
from hxay.loading.inputs import read_inputs
from hxay.loading.yamlsrc import read_records
from hxay.models import records as r

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import generate  # noqa: E402

DATES = [
    "2012-05-14",
    "2012-5-14",
    "2012/5/14",
    "2012.5.14",
    "2012年5月14日",
    "２０１２-０５-１４",
    " 2012-05-14",
    "2012-05-14 ",
    "1899-12-31",
    "1900-01-01",
    "2100-12-31",
    "2101-01-01",
    "2012-02-30",
    "2012-05-14T00:00",
    "20120514",
    "2012-W20-1",
]
COUNTS = ["3", "03", "007", "0", "+3", "-1", "3.0", "3 人", "３", "1e3", " 3", "3 ", "", "1_000"]
BOOLS = ["true", "false", "yes", "no", "是", "否", "有", "无", "True", "YES", "1", "0", "on", " 是"]
IDS = ["sch-a", "sch_a.1", "学校1", "-", "a b", "a,b", "a、b", " sch-a", "sch-a\n", "a/b", ""]
CODES = ["comprehensive", "Comprehensive", "全面检查", " routine", "routine", "nope"]


def _same(model: type[BaseModel], data: dict[str, Any]) -> bool:
    """Whether the fast path took the record (and if so, that it equals the exact one)."""
    fast = fast_validate(model, dict(data))
    if fast is None:
        return False
    exact = model.model_validate(dict(data))  # raises if the fast path took too much
    assert fast.model_dump() == exact.model_dump()
    assert fast.__dict__ == exact.__dict__
    assert fast.__pydantic_fields_set__ == exact.__pydantic_fields_set__
    for name in type(exact).model_fields:
        a, b = getattr(fast, name), getattr(exact, name)
        assert type(a) is type(b), name
        if isinstance(a, BaseModel):
            assert a.__pydantic_fields_set__ == b.__pydantic_fields_set__
    return True


def _exact_takes(model: type[BaseModel], data: dict[str, Any]) -> bool:
    try:
        model.model_validate(dict(data))
    except ValidationError:
        return False
    return True


INSPECTION = {"kind": "inspection", "date": "2012-05-14", "school": "sch-a", "unit": "ps-a"}


@pytest.mark.parametrize(
    ("name", "spellings"),
    [
        ("date", DATES),
        ("officers", COUNTS),
        ("school", IDS),
        ("type", CODES),
        ("inspectors", [["张三", "李四"], [" 张三 "], [], ["a,b"], "张三", [1]]),
    ],
)
def test_every_spelling_taken_fast_equals_the_exact_path(name: str, spellings: list[Any]) -> None:
    taken = 0
    for value in spellings:
        data = {**INSPECTION, name: value}
        if _same(r.Inspection, data):
            taken += 1
        else:
            continue
        assert _exact_takes(r.Inspection, data)
    assert taken >= 1  # the usual spelling goes the fast way


def test_yes_no_words_and_nested_models() -> None:
    for word in BOOLS:
        data = {"kind": "school", "id": "s", "name": "n", "type": "primary", "station": "ps"}
        data["uses_transport"] = word
        data["legal_vice_principal"] = {"name": "王", "unit": "ps"}
        if _same(r.School, data):
            assert word in ("true", "false", "yes", "no", "是", "否", "有", "无")
    vehicle = {
        "kind": "vehicle",
        "id": "v",
        "plate": "浙F1",
        "school": "s",
        "seats": "19",
        "drivers": [{"name": "张", "license_valid_until": "2014-01-01"}],
    }
    assert _same(r.Vehicle, vehicle)
    for seats in ("0", "00", "019", "-1"):
        _same(r.Vehicle, {**vehicle, "seats": seats})
    assert not _same(r.Vehicle, {**vehicle, "drivers": []})  # min_length: the exact way
    assert not _same(r.Vehicle, {**vehicle, "colour": "red"})  # unknown field
    check = {
        "kind": "vehicle_check",
        "date": "2012-05-01",
        "vehicle": "v",
        "unit": "tb",
        "result": "pass",
    }
    assert _same(r.VehicleCheck, {**check, "items": {"逃生锤": "true", "x_mine": "no"}})
    assert not _same(r.VehicleCheck, {**check, "items": {"逃生锤": "合格"}})


def _records(folder: Path) -> list[tuple[type[BaseModel], dict[str, Any]]]:
    """Every record (and inline hazard) of a folder, as parse.py hands it to typing."""
    files = list_files(folder)
    out: list[tuple[type[BaseModel], dict[str, Any]]] = []
    for rel, data in read_inputs(files).contents.items():
        for raw in read_records(rel, data)[0]:
            values = p._strip(raw.data)
            kind, _ = p.kind_of(raw)
            if kind is None:
                continue
            values["kind"] = kind
            p._split_lists(kind, values, raw)
            inline = (
                values.pop("hazards", None) if kind in ("inspection", "vehicle_check") else None
            )
            out.append((r.KINDS[kind], values))
            for item in inline if isinstance(inline, list) else []:
                if isinstance(item, dict):
                    out.append((r.InlineHazard, item))
    return out


@pytest.mark.parametrize("which", ["data", "examples/tiny", "generated"])
def test_every_record_of_real_folders(which: str, tmp_path: Path) -> None:
    folder = ROOT / which
    if which == "generated":
        folder = tmp_path / "gen"
        generate(folder, 600, seed=5, untidy=True)
    records = _records(folder)
    taken = sum(_same(model, data) for model, data in records)
    assert taken >= len(records) * 0.8  # most records are written the usual way
