"""`hxay rollup`: the sum of the forms sent up equals the form counted over all their records;
inputs read from JSON and from the xlsx machine contract; errors and warnings name the file."""

from __future__ import annotations

import copy
import json
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest
from formbook import contract_workbook
from typer.testing import CliRunner

from hxay import api
from hxay.cli import app
from hxay.models.errors import HxayError
from hxay.render.formats import Format, render

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import generate  # noqa: E402

runner = CliRunner()
Values = dict[tuple[str, str], tuple[int, int]]


def form_json(root: Path, month: str = "2012-05") -> dict[str, Any]:
    result = api.report(root, month=month)
    assert result.table is not None
    doc: dict[str, Any] = json.loads(render(result.table, Format.json))
    return doc


def values(doc: dict[str, Any]) -> Values:
    return {(v["measure"], v["unit"]): (v["period"], v["cumulative"]) for v in doc["values"]}


@pytest.fixture(scope="module")
def cities(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Three small generated cities (different seeds, ids starting a-, b-, c-), and one
    folder holding all their records."""
    base = tmp_path_factory.mktemp("cities")
    out: dict[str, Path] = {}
    combined = base / "all"
    combined.mkdir()
    for prefix, seed in (("a-", 1), ("b-", 2), ("c-", 3)):
        root = base / prefix.strip("-")
        generate(root, 600, seed=seed, prefix=prefix)
        out[prefix] = root
        for path in root.rglob("*.yaml"):
            if path.name != "campaign.yaml":
                target = combined / prefix.strip("-") / path.relative_to(root)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(path, target)
    # three cities in one folder have three of each owner unit: name the ones that own the
    # campaign-wide duties, as a prefecture's campaign.yaml would
    text = (out["a-"] / "campaign.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "  joint_operation: {due: 2012-07-31}\n",
        "  joint_operation: {due: 2012-07-31, unit: a-zadd}\n"
        + "".join(
            f"  {ob}: {{unit: a-jjdd}}\n"
            for ob in (
                "vehicle_registration",
                "vehicle_check",
                "driver_check",
                "vehicle_ban",
                "vehicle_documents",
            )
        ),
    )
    (combined / "campaign.yaml").write_text(text, encoding="utf-8")
    out["all"] = combined
    return out


@pytest.fixture(scope="module")
def forms(cities: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("forms")
    paths = []
    for prefix in ("a-", "b-", "c-"):
        path = folder / f"{prefix}2012-05.json"
        path.write_text(json.dumps(form_json(cities[prefix]), ensure_ascii=False), encoding="utf-8")
        paths.append(path)
    return paths


def test_the_sum_of_three_forms_is_the_form_of_all_their_records(
    cities: dict[str, Path], forms: list[Path]
) -> None:
    result = api.rollup(forms)
    assert result.warnings == []
    table = result.table
    assert [r.id for r in table.rows] == ["a-bench-2012", "b-bench-2012", "c-bench-2012", "*"]
    everything = values(form_json(cities["all"]))
    city = {p: values(form_json(cities[p])) for p in ("a-", "b-", "c-")}
    for j, col in enumerate(table.columns):
        assert table.rows[-1].cells[j] == everything[(col.id, "*")], col.id
        for row, prefix in zip(table.rows, ("a-", "b-", "c-"), strict=False):
            assert row.cells[j] == city[prefix][(col.id, "*")]
    assert everything[("inspections", "*")][1] > 0 and everything[("hazards_found", "*")][1] > 0


def test_by_unit_keeps_every_station_row(cities: dict[str, Path], forms: list[Path]) -> None:
    table = api.rollup(forms, by_unit=True).table
    everything = values(form_json(cities["all"]))
    stations = [r for r in table.rows if not r.total]
    assert len(stations) == 3  # 600 records: 30 schools, one station per city
    for row in stations:
        station = row.id.rpartition("/")[2]
        assert row.id == f"{station[:2]}bench-2012/{station}"
        assert row.label.endswith(f"·{station[:2]}第000派出所")
        for j, col in enumerate(table.columns):
            assert row.cells[j] == everything[(col.id, station)]
    assert table.rows[-1].cells == api.rollup(forms).table.rows[-1].cells


def test_xlsx_inputs_read_as_their_json(forms: list[Path], tmp_path: Path) -> None:
    books = []
    for i, path in enumerate(forms):
        doc = json.loads(path.read_text(encoding="utf-8"))
        books.append(contract_workbook(doc, tmp_path / f"{i}.xlsx", header_unit=f"第{i}县公安局"))
    mixed = api.rollup([books[0], forms[1], books[2]]).table
    plain = api.rollup(forms).table
    assert [r.cells for r in mixed.rows] == [r.cells for r in plain.rows]
    assert [r.label for r in mixed.rows] == ["第0县公安局", "b-bench-2012", "第2县公安局", "合计"]


def test_rows_are_named_after_the_header_unit(forms: list[Path], tmp_path: Path) -> None:
    doc = json.loads(forms[0].read_text(encoding="utf-8"))
    doc["header"] = {"unit": "平湖市公安局"}
    named = tmp_path / "named.json"
    named.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    table = api.rollup([named, forms[1]], name="嘉兴市公安局").table
    assert [r.label for r in table.rows] == ["平湖市公安局", "b-bench-2012", "合计"]
    assert table.reporting_unit is not None and table.reporting_unit.label == "嘉兴市公安局"


def changed(forms: list[Path], tmp_path: Path, edit: Any, name: str = "edited.json") -> Path:
    doc = copy.deepcopy(json.loads(forms[0].read_text(encoding="utf-8")))
    edit(doc)
    path = tmp_path / name
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def set_value(doc: dict[str, Any], measure: str, unit: str, p: int, c: int) -> None:
    for v in doc["values"]:
        if (v["measure"], v["unit"]) == (measure, unit):
            v["period"], v["cumulative"] = p, c


def test_a_mismatched_period_is_an_error_naming_the_file(
    cities: dict[str, Path], forms: list[Path], tmp_path: Path
) -> None:
    june = tmp_path / "june.json"
    june.write_text(json.dumps(form_json(cities["b-"], "2012-06")), encoding="utf-8")
    with pytest.raises(HxayError) as caught:
        api.rollup([forms[0], june])
    assert caught.value.exit_code == 3
    assert str(june) in caught.value.msg.zh and "2012-06" in caught.value.msg.en


def test_other_measures_are_an_error(forms: list[Path], tmp_path: Path) -> None:
    def drop(doc: dict[str, Any]) -> None:
        doc["measures"] = [m for m in doc["measures"] if m["id"] != "cases"]
        doc["values"] = [v for v in doc["values"] if v["measure"] != "cases"]

    fewer = changed(forms, tmp_path, drop)
    with pytest.raises(HxayError) as caught:
        api.rollup([forms[1], fewer])
    assert str(fewer) in caught.value.msg.en and "missing: cases" in caught.value.msg.en


def test_the_same_input_twice_is_an_error(forms: list[Path], tmp_path: Path) -> None:
    copy_ = tmp_path / "copy.json"
    shutil.copy(forms[0], copy_)
    done = runner.invoke(app, ["rollup", str(forms[0]), str(forms[1]), str(copy_)])
    assert done.exit_code == 3
    assert (
        str(copy_) in done.stderr and str(forms[0]) in done.stderr and "a-bench-2012" in done.stderr
    )


def test_unreadable_inputs_are_errors_naming_each_file(forms: list[Path], tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"form": "stats",\n "campaign": }', encoding="utf-8")
    other = tmp_path / "check.json"
    other.write_text('{"campaign": "x", "findings": []}', encoding="utf-8")
    done = runner.invoke(app, ["rollup", str(forms[0]), str(broken), str(other), "--lang", "en"])
    assert done.exit_code == 3
    assert f"{broken}: line 2 column 14" in done.stderr
    assert f"{other}: not an hxay statistics form" in done.stderr
    missing = runner.invoke(app, ["rollup", str(tmp_path / "nowhere.json")])
    assert missing.exit_code == 2 and "nowhere.json" in missing.stderr


def warnings_of(forms: list[Path], tmp_path: Path, edit: Any) -> list[str]:
    return [w.en for w in api.rollup([changed(forms, tmp_path, edit), forms[1]]).warnings]


def test_warning_cumulative_below_period(forms: list[Path], tmp_path: Path) -> None:
    # One station's inspections: 本期 5 but 累计 4, and 合计 changed the same way so the
    # rows still add up.
    station = json.loads(forms[0].read_text(encoding="utf-8"))["units"][0]["id"]

    def edit(doc: dict[str, Any]) -> None:
        set_value(doc, "inspections", station, 5, 4)
        rest = [u["id"] for u in doc["units"] if u["id"] not in (station, "*")]
        others = values(doc)
        set_value(
            doc,
            "inspections",
            "*",
            5 + sum(others[("inspections", u)][0] for u in rest),
            4 + sum(others[("inspections", u)][1] for u in rest),
        )

    got = warnings_of(forms, tmp_path, edit)
    assert len(got) == 2  # the station's row and the total
    assert all("inspections cumulative 4 < period 5" in w for w in got)
    assert str(tmp_path / "edited.json") in got[0]


def test_warning_more_rectified_than_found_and_open(forms: list[Path], tmp_path: Path) -> None:
    # 合计 only: found 3 this period of 10 so far (7 before it), rectified 12 this period of
    # 14 so far (2 before it): 5 were open at the start, 3 + 5 < 12.
    got = warnings_of(
        forms,
        tmp_path,
        lambda d: (
            set_value(d, "hazards_found", "*", 3, 10),
            set_value(d, "hazards_rectified", "*", 12, 14),
        ),
    )
    rectified = [w for w in got if "hazards rectified 12" in w]
    assert rectified == [
        f"{tmp_path / 'edited.json'} total: hazards rectified 12 (cumulative 14) exceed hazards "
        "found 3 plus 5 open at the start (cumulative found 10)"
    ]


def test_warning_stock_differs(forms: list[Path], tmp_path: Path) -> None:
    got = warnings_of(forms, tmp_path, lambda d: set_value(d, "schools", "*", 10, 11))
    assert any(
        "total: schools is a state on the last day; period 10 and cumulative 11" in w for w in got
    )


def test_warning_total_not_the_sum_of_rows(forms: list[Path], tmp_path: Path) -> None:
    doc = json.loads(forms[0].read_text(encoding="utf-8"))
    p, c = values(doc)[("legal_visits", "*")]
    got = warnings_of(forms, tmp_path, lambda d: set_value(d, "legal_visits", "*", p + 1, c + 1))
    assert got == [
        f"{tmp_path / 'edited.json'}: legal_visits total {p + 1}/{c + 1} is not the sum of its "
        f"rows {p}/{c}"
    ]


def test_warning_cumulative_from_another_day(forms: list[Path], tmp_path: Path) -> None:
    # The first input is the one the others are compared with.
    got = warnings_of(forms, tmp_path, lambda d: d["cumulative"].update(start="2012-03-05"))
    edited = tmp_path / "edited.json"
    assert got == [f"{forms[1]}: cumulative from 2012-03-01, {edited} from 2012-03-05"]


def test_a_consistent_form_gives_no_warning(forms: list[Path]) -> None:
    assert api.rollup(forms).warnings == []


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "md", "html", "xlsx"])
def test_every_format_of_the_city_form(forms: list[Path], tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"rollup.{'txt' if fmt == 'table' else fmt}"
    done = runner.invoke(app, ["rollup", *map(str, forms), "--format", fmt, "--out", str(out)])
    assert done.exit_code == 0, done.output
    assert str(out) in done.stderr
    data = out.read_bytes()
    if fmt == "json":
        doc = json.loads(data)
        assert [u["id"] for u in doc["units"]] == [
            "a-bench-2012",
            "b-bench-2012",
            "c-bench-2012",
            "*",
        ]
        again = api.rollup([out]).table  # the level above reads this form in turn
        assert again.rows[-1].cells == api.rollup(forms).table.rows[-1].cells
    elif fmt == "xlsx":
        assert data[:2] == b"PK"
    else:
        assert "合计" in data.decode("utf-8-sig")
