"""`hxay export` and `hxay.api.frames`: one table per record kind with typed columns,
`findings` as check gives them, `form_values` as report gives them, the hive layout, the
manifest, atomic writes; and DuckDB over two exports adds up their forms."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import pytest
from conftest import DataDir
from typer.testing import CliRunner

from hxay import api
from hxay.cli import app
from hxay.models import codes
from hxay.models.errors import HxayError
from hxay.render.formats import Format, render

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data"
TINY = ROOT / "examples" / "tiny"
sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import generate  # noqa: E402

runner = CliRunner()


@pytest.fixture(scope="module")
def city(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("city") / "data"
    generate(root, 900, seed=7)
    return root


def report_values(
    root: Path, period: str, as_of: dt.date
) -> dict[tuple[str, str], tuple[int, int]]:
    """`report --month M [--half H] --as-of D --format json`, values by (measure, unit)."""
    half = period[8:]
    result = api.report(root, month=period[:7], half=int(half) if half else None, as_of=as_of)
    assert result.table is not None
    doc = json.loads(render(result.table, Format.json))
    assert doc["period"]["label"] == period
    return {(v["measure"], v["unit"]): (v["period"], v["cumulative"]) for v in doc["values"]}


@pytest.mark.parametrize(("which", "as_of"), [("sample", "2012-09-25"), ("city", "2012-11-30")])
def test_form_values_equal_the_report_of_every_period(which: str, as_of: str, city: Path) -> None:
    root = SAMPLE if which == "sample" else city
    day = dt.date.fromisoformat(as_of)
    fv = api.frames(root, day)["form_values"]
    periods = list(dict.fromkeys(fv["period"]))
    # Every month from the campaign's start to D, each followed by its halves: the sample
    # campaign runs from March, so up to 09-25 that is 7 months and 14 halves.
    expected_months = 7 if which == "sample" else 9
    assert len(periods) == 3 * expected_months
    assert periods[:3] == ["2012-03", "2012-03-1", "2012-03-2"]
    for period in periods:
        rows = fv[fv["period"] == period]
        got = {
            (m, u): (int(p), int(c))
            for m, u, p, c in zip(
                rows["measure"],
                rows["unit"],
                rows["period_value"],
                rows["cumulative_value"],
                strict=True,
            )
        }
        assert got == report_values(root, period, day), period
    last = fv[fv["period"] == periods[-1]]
    assert set(last["period_end"]) == {min(day, dt.date(2012, 11, 30))}


@pytest.mark.parametrize("which", ["sample", "city"])
def test_one_row_per_record_of_each_kind(which: str, city: Path) -> None:
    root = SAMPLE if which == "sample" else city
    frames = api.frames(root, dt.date(2012, 9, 25))
    counts = api.validate(root).counts()
    for kind in codes.KIND_LABELS:
        assert len(frames[kind]) == counts.get(kind, 0), kind
    assert counts["hazard"] > 0 and counts["inspection"] > 0


@pytest.mark.parametrize("which", ["sample", "city"])
def test_findings_equal_check_all(which: str, city: Path) -> None:
    root = SAMPLE if which == "sample" else city
    frame = api.frames(root, dt.date(2012, 9, 25))["findings"]
    done = runner.invoke(
        app, ["check", "--data", str(root), "--as-of", "2012-09-25", "--all", "--format", "json"]
    )
    expected = json.loads(done.stdout)["findings"]
    got = [
        {
            "obligation": row["obligation"],
            "status": row["status"],
            "unit": None if row["unit"] is None or row["unit"] != row["unit"] else row["unit"],
            "subject": row["subject"],
            "period": row["period"] if isinstance(row["period"], str) else None,
            "due": row["due"].isoformat(),
            "evidence": row["evidence"].isoformat() if row["evidence"] is not None else None,
            "message": row["message"],
            "refs": list(row["refs"]),
        }
        for row in frame.astype(object).where(frame.notna(), None).to_dict("records")
    ]
    assert len(got) == len(expected) > 100
    assert got == expected


def test_columns_are_typed_and_values_as_written(datadir: DataDir) -> None:
    # One inspection (line 1 of the file) with one inline hazard (line 7, its id under
    # `hazards:`), a vehicle with two drivers, an `x_` field and a school name a
    # spreadsheet would evaluate.
    root = datadir.write(
        {
            "vehicles.yaml": """\
                - kind: vehicle
                  id: veh-1
                  plate: 浙F-A1234
                  school: sch-a
                  seats: 19
                  drivers:
                    - {name: 张三, license_valid_until: 2014-03-01}
                    - {name: 李四}
                """,
            "records.yaml": """\
                - kind: inspection
                  date: 2012-05-14
                  unit: ps-a
                  school: sch-a
                  inspectors: [王建国, 李明]
                  hazards:
                    - id: hz-1
                      description: 围墙破损
                      severity: 重大
                      supervisor: {name: 陈伟, unit: edu}
                  x_weather: 晴
                """,
        }
    )
    frames = api.frames(root, dt.date(2012, 6, 1))
    insp = frames["inspection"].iloc[0]
    assert (insp["path"], insp["line"], insp["campaign"]) == ("records.yaml", 1, "test-2012")
    assert insp["date"] == dt.date(2012, 5, 14)
    assert list(insp["inspectors"]) == ["王建国", "李明"]
    assert list(insp["hazards"]) == ["hz-1"]
    assert insp["x_weather"] == "晴"
    hz = frames["hazard"].iloc[0]
    assert (hz["id"], hz["line"], hz["parent_line"]) == ("hz-1", 7, 1)
    assert (hz["school"], hz["found"], hz["severity"]) == ("sch-a", dt.date(2012, 5, 14), "major")
    assert hz["supervisor.name"] == "陈伟" and hz["supervisor.unit"] == "edu"
    severity = frames["hazard"]["severity"]
    assert list(severity.cat.categories) == ["general", "serious", "major"]
    veh = frames["vehicle"].iloc[0]
    assert list(veh["drivers.name"]) == ["张三", "李四"]
    assert list(veh["drivers.license_valid_until"]) == [dt.date(2014, 3, 1), None]
    dtypes = frames["school"].dtypes
    assert str(dtypes["students"]) == "Int64" and str(dtypes["opened"]).startswith("date32")
    assert str(dtypes["uses_transport"]) == "boolean"
    assert list(frames["school"]["type"].cat.categories) == list(codes.SCHOOL_TYPES)
    assert len(frames["case"]) == 0 and "persons_handled" in frames["case"].columns


def test_export_writes_the_hive_layout_and_a_manifest(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    out = tmp_path / "exports" / "tiny"
    done = runner.invoke(
        app, ["export", "--data", str(TINY), "--as-of", "2012-06-30", "--out", str(out)]
    )
    assert done.exit_code == 0, done.output
    assert f"{out}" in done.stderr and "17" in done.stderr
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["campaign"]["id"] == "tiny-2012" and manifest["as_of"] == "2012-06-30"
    assert manifest["data"]["records"] == 12 and manifest["hxay"]
    tables = {t["name"]: t for t in manifest["tables"]}
    assert set(tables) == {*codes.KIND_LABELS, "findings", "form_values", "campaign"}
    for name, entry in tables.items():
        path = out / "campaign=tiny-2012" / f"{name}.parquet"
        assert entry["file"] == f"campaign=tiny-2012/{name}.parquet"
        assert pq.read_table(path).num_rows == entry["rows"]
    assert tables["unit"]["rows"] == 4
    assert [p.name for p in tmp_path.joinpath("exports").iterdir()] == ["tiny"]


def test_csv_joins_lists_and_escapes_formulas(datadir: DataDir, tmp_path: Path) -> None:
    root = datadir.write(
        {
            "schools.yaml": "- {kind: school, id: sch-a, name: '=1+1', type: primary, station: ps-a}\n",
            "records.yaml": "- {kind: inspection, date: 2012-05-14, unit: ps-a, school: sch-a, "
            "inspectors: [王建国, 李明]}\n",
        }
    )
    out = tmp_path / "csv"
    result = api.export(
        root, out, as_of=dt.date(2012, 6, 1), now=dt.datetime.now(dt.UTC), fmt="csv"
    )
    assert result.written
    text = (out / "campaign=test-2012" / "school.csv").read_bytes()
    assert text.startswith(b"\xef\xbb\xbf")
    assert "'=1+1" in text.decode("utf-8-sig")
    inspection = (out / "campaign=test-2012" / "inspection.csv").read_text(encoding="utf-8-sig")
    assert inspection.splitlines()[1].startswith("test-2012,records.yaml,1,,2012-05-14,sch-a,ps-a,")
    assert ",王建国、李明," in inspection


def test_export_refuses_the_data_folder_and_foreign_folders(tmp_path: Path) -> None:
    inside = runner.invoke(app, ["export", "--data", str(TINY), "--out", str(TINY / "out")])
    assert inside.exit_code == 2 and not (TINY / "out").exists()
    other = tmp_path / "notes"
    other.mkdir()
    (other / "mine.txt").write_text("keep", encoding="utf-8")
    refused = runner.invoke(app, ["export", "--data", str(TINY), "--out", str(other)])
    assert refused.exit_code == 2
    assert (other / "mine.txt").read_text(encoding="utf-8") == "keep"


def test_a_failed_export_leaves_the_earlier_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pyarrow.parquet as pq

    out = tmp_path / "tiny"
    now = dt.datetime.now(dt.UTC)
    api.export(TINY, out, as_of=dt.date(2012, 5, 31), now=now)
    before = sorted(p.relative_to(out) for p in out.rglob("*"))
    calls = []
    real = pq.write_table

    def failing(table: object, where: object, **kw: object) -> None:
        calls.append(where)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        real(table, where, **kw)

    monkeypatch.setattr(pq, "write_table", failing)
    with pytest.raises(OSError):
        api.export(TINY, out, as_of=dt.date(2012, 6, 30), now=now)
    assert len(calls) == 3
    assert sorted(p.relative_to(out) for p in out.rglob("*")) == before
    assert json.loads((out / "manifest.json").read_text(encoding="utf-8"))["as_of"] == "2012-05-31"
    assert [p.name for p in tmp_path.iterdir()] == ["tiny"]  # no temporary folder left
    monkeypatch.setattr(pq, "write_table", real)
    api.export(TINY, out, as_of=dt.date(2012, 6, 30), now=now)
    assert json.loads((out / "manifest.json").read_text(encoding="utf-8"))["as_of"] == "2012-06-30"


def test_duckdb_over_two_exports_adds_up_their_forms(tmp_path: Path) -> None:
    now = dt.datetime.now(dt.UTC)
    api.export(SAMPLE, tmp_path / "ex" / "pinghu", as_of=dt.date(2012, 6, 30), now=now)
    api.export(TINY, tmp_path / "ex" / "tiny", as_of=dt.date(2012, 6, 30), now=now)
    result = api.sql(
        "SELECT measure, sum(period_value), sum(cumulative_value), count(DISTINCT campaign) "
        "FROM form_values WHERE unit = '*' AND period = '2012-05' GROUP BY measure",
        tmp_path / "ex",
    )
    got = {m: (int(p), int(c), n) for m, p, c, n in result.rows}
    day = dt.date(2012, 6, 30)
    a, b = report_values(SAMPLE, "2012-05", day), report_values(TINY, "2012-05", day)
    expected = {
        m: (a[(m, "*")][0] + b[(m, "*")][0], a[(m, "*")][1] + b[(m, "*")][1], 2)
        for m, u in a
        if u == "*"
    }
    assert got == expected and got["inspections"][0] > 100


def test_sql_views_and_errors(tmp_path: Path) -> None:
    api.export(
        TINY, tmp_path / "ex" / "tiny", as_of=dt.date(2012, 6, 30), now=dt.datetime.now(dt.UTC)
    )
    done = runner.invoke(
        app,
        ["sql", "-e", str(tmp_path / "ex"), "-f", "csv", "SELECT campaign, plate FROM vehicle"],
    )
    assert done.exit_code == 0, done.output
    assert done.stdout.splitlines() == ["campaign,plate", "tiny-2012,浙F-A1234"]
    shown = runner.invoke(app, ["sql", "-e", str(tmp_path / "ex"), "SELECT plate FROM vehicle"])
    assert "浙F-A1234" in shown.stdout
    assert not [line for line in shown.stdout.splitlines() if line != line.rstrip()]
    bad = runner.invoke(app, ["sql", "-e", str(tmp_path / "ex"), "SELECT * FROM nowhere"])
    assert bad.exit_code == 2 and "nowhere" in bad.stderr and "inspection" in bad.stderr
    (tmp_path / "empty").mkdir()
    empty = runner.invoke(app, ["sql", "-e", str(tmp_path / "empty"), "SELECT 1"])
    assert empty.exit_code == 2 and "campaign=" in empty.stderr


def test_data_errors_stop_the_export_unless_allowed(datadir: DataDir, tmp_path: Path) -> None:
    # One inspection of an unknown school: an error, the record left out.
    root = datadir.write(
        {"records.yaml": "- {kind: inspection, date: 2012-05-14, unit: ps-a, school: sch-x}\n"}
    )
    out = tmp_path / "ex"
    args = ["export", "--data", str(root), "--as-of", "2012-06-01", "--out", str(out)]
    stopped = runner.invoke(app, args)
    assert stopped.exit_code == 3 and "records.yaml:1" in stopped.stderr
    assert not out.exists()
    allowed = runner.invoke(app, [*args, "--allow-errors"])
    assert allowed.exit_code == 0, allowed.output
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["data"]["errors"] == 1 and manifest["data"]["left_out"] == 1
    assert "1 个错误" in manifest["notice"]
    with pytest.raises(HxayError) as caught:
        api.frames(root, dt.date(2012, 6, 1))
    assert caught.value.exit_code == 3 and "records.yaml:1" in caught.value.msg.en
