"""Beyond one city: export next to check, DuckDB over a simulated province and country, and
rollup of many forms. Writes the section "## Beyond one city" of RESULTS.md.

    python benchmarks/scale.py                  # city, prefecture, 90 and 2,800 counties
    python benchmarks/scale.py --smoke --out X  # tiny sizes (CI), section written to X

1. `hxay export` of a generated city-year (10,000 records) and prefecture (70,000), beside
   `hxay check` of the same folder: wall time and peak memory of each process, without the
   cache and warm.
2. A simulated province (90 county exports) and country (2,800 county exports, about 30
   million rows): Parquet in the export's own layout and schema, written directly by a
   seeded numpy generator (not through YAML) into a temporary folder deleted afterwards;
   the README's two province questions run with `hxay sql`.
3. `hxay rollup` of 90 and of 2,800 county forms (JSON, generated with consistent numbers).
Every figure is one separate process, timed from outside, peak memory from `wait4`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))
from generate import generate  # noqa: E402
from run import AS_OF, HXAY, Run, cpu_model, env_for, fastest, run  # noqa: E402

SECTION = "## Beyond one city"
Q_MONTHS = (
    "SELECT campaign, strftime(date, '%Y-%m') AS month, count(*) AS inspections "
    "FROM inspection GROUP BY ALL ORDER BY ALL"
)
Q_OVERDUE = (
    "SELECT h.campaign, count(*) AS overdue FROM hazard h JOIN campaign c USING (campaign) "
    "WHERE h.found <= c.end AND h.deadline < c.end "
    "AND (h.rectified IS NULL OR h.rectified > c.end) GROUP BY ALL ORDER BY overdue DESC"
)


def checked(cmd: list[str], env: dict[str, str] | None = None) -> Run:
    """One timed run; an exit code other than 0 and 1 stops the benchmark with the command's
    error output (from running it once more, untimed)."""
    got = run(cmd, env)
    if got.code not in (0, 1):
        err = subprocess.run(cmd, env=env, capture_output=True, check=False).stderr
        raise SystemExit(f"{' '.join(cmd[:6])} failed ({got.code}): {err.decode()[-2000:]}")
    return got


def best_of(cmd: list[str], repeat: int, env: dict[str, str] | None = None) -> Run:
    return fastest([checked(cmd, env) for _ in range(repeat)])


def export_vs_check(records: int, work: Path, repeat: int) -> dict[str, Run]:
    data = work / f"data-{records}"
    generate(data, records)
    env = env_for(work / "cache")
    check = ["check", "--data", str(data), "--as-of", AS_OF, "--format", "json"]
    export = ["export", "--data", str(data), "--as-of", AS_OF, "--out", str(work / "export")]
    out = {
        "check cold": best_of([*HXAY, "--no-cache", *check], repeat, env),
        "export cold": best_of([*HXAY, "--no-cache", *export], repeat, env),
    }
    checked([*HXAY, *check], env)  # fills the cache
    out["check warm"] = best_of([*HXAY, *check], repeat, env)
    out["export warm"] = best_of([*HXAY, *export], repeat, env)
    shutil.rmtree(data)
    return out


def _strings(rng: object, prefix: str, n: int, count: int) -> object:
    import numpy as np
    import pyarrow as pa

    assert isinstance(rng, np.random.Generator)
    picks = rng.integers(0, count, n)
    return pa.array([f"{prefix}{i:05d}" for i in range(count)]).take(pa.array(picks))


def _fill(schema: object, n: int, given: dict[str, object]) -> object:
    """A table of `schema` with the given columns, every other column null."""
    import pyarrow as pa

    assert isinstance(schema, pa.Schema)
    arrays = []
    for f in schema:
        if f.name in given:
            arr = given[f.name]
            if pa.types.is_dictionary(f.type) and not isinstance(arr, pa.DictionaryArray):
                arr = pa.array(arr, pa.string()).dictionary_encode().cast(f.type)
            arrays.append(arr)
        elif pa.types.is_dictionary(f.type):
            idx = pa.nulls(n, pa.int8())
            arrays.append(pa.DictionaryArray.from_arrays(idx, pa.array([], pa.string())))
        else:
            arrays.append(pa.nulls(n, f.type))
    return pa.Table.from_arrays(arrays, schema=schema)


def simulate(root: Path, counties: int, seed: int = 2012) -> int:
    """County exports in the hive layout, straight to Parquet; returns the number of rows."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.parquet as pq

    from hxay.export.columns import Col, arrow_schema
    from hxay.export.records import kind_columns

    def schema(kind: str) -> pa.Schema:
        return arrow_schema([Col("campaign", "text", lambda _: None), *kind_columns(kind)])

    schemas = {k: schema(k) for k in ("school", "inspection", "hazard", "legal_visit", "education")}
    campaign_schema = pa.schema(
        [
            ("campaign", pa.string()),
            ("name", pa.string()),
            ("start", pa.date32()),
            ("end", pa.date32()),
        ]
    )
    rng = np.random.default_rng(seed)
    start, end = np.datetime64("2012-03-01"), np.datetime64("2012-11-30")
    days = int((end - start).astype(int)) + 1
    total = 0
    for c in range(counties):
        cid = f"county-{c:04d}"
        folder = root / cid / f"campaign={cid}"
        folder.mkdir(parents=True)
        schools = int(rng.integers(120, 252))
        stations = max(1, schools // 20)
        n = {"inspection": schools * 22, "legal_visit": schools * 12, "education": schools * 16}
        tables: dict[str, pa.Table] = {}
        sids = pa.array([f"sch-{i:05d}" for i in range(schools)])
        station_of = np.arange(schools) % stations
        tables["school"] = _fill(
            schemas["school"],
            schools,
            {
                "campaign": pa.array([cid] * schools),
                "path": pa.array(["schools.yaml"] * schools),
                "line": pa.array(np.arange(schools) * 10 + 1),
                "id": sids,
                "name": pa.array([f"第{i}学校" for i in range(schools)]),
                "type": pa.array(rng.choice(["kindergarten", "primary", "junior"], schools)),
                "station": pa.array([f"ps-{s:03d}" for s in station_of]),
            },
        )
        for kind in ("inspection", "legal_visit", "education"):
            k = n[kind]
            school = rng.integers(0, schools, k)
            date = start + rng.integers(0, days, k).astype("timedelta64[D]")
            given: dict[str, object] = {
                "campaign": pa.array([cid] * k),
                "path": pa.array([f"records/{kind}.yaml"] * k),
                "line": pa.array(np.arange(k) * 8 + 1),
                "date": pa.array(date, pa.date32()),
                "school": sids.take(pa.array(school)),
            }
            if kind == "inspection":
                given["unit"] = pa.array([f"ps-{s:03d}" for s in station_of[school]])
                given["type"] = pa.array(np.where(rng.random(k) < 0.1, "comprehensive", "routine"))
                given["officers"] = pa.array(rng.integers(1, 5, k))
                given["hazards"] = pa.ListArray.from_arrays(
                    pa.array(np.zeros(k + 1, dtype=np.int32)), pa.array([], pa.string())
                )
            else:
                given["participants"] = pa.array(rng.integers(20, 900, k))
            if kind == "education":
                given["audience"] = pa.array(rng.choice(["students", "staff", "parents"], k))
            tables[kind] = _fill(schemas[kind], k, given)
        insp = tables["inspection"]
        found_in = np.flatnonzero(rng.random(insp.num_rows) < 0.25)
        h = len(found_in)
        found = insp.column("date").to_numpy()[found_in].astype("datetime64[D]")
        fixed = rng.random(h) < 0.88
        rectified = found + rng.integers(1, 30, h).astype("timedelta64[D]")
        tables["hazard"] = _fill(
            schemas["hazard"],
            h,
            {
                "campaign": pa.array([cid] * h),
                "path": pa.array(["records/inspection.yaml"] * h),
                "line": pa.array(found_in * 8 + 8),
                "id": pa.array([f"hz-{i:06d}" for i in range(h)]),
                "school": insp.column("school").take(pa.array(found_in)),
                "found": pa.array(found, pa.date32()),
                "category": pa.array(rng.choice(["physical", "technical", "fire", "traffic"], h)),
                "severity": pa.array(np.where(rng.random(h) < 0.05, "serious", "general")),
                "description": pa.array(["围墙部分破损,存在安全隐患"] * h),
                "deadline": pa.array(found + np.timedelta64(14, "D"), pa.date32()),
                "rectified": pa.array(
                    [d if ok else None for d, ok in zip(rectified.tolist(), fixed, strict=True)],
                    pa.date32(),
                ),
                "parent_line": pa.array(found_in * 8 + 1),
            },
        )
        tables["campaign"] = pa.table(
            {
                "campaign": [cid],
                "name": [f'第{c}县"护校安园"专项行动'],
                "start": pa.array([dt.date(2012, 3, 1)], pa.date32()),
                "end": pa.array([dt.date(2012, 11, 30)], pa.date32()),
            },
            schema=campaign_schema,
        )
        for name, table in tables.items():
            pq.write_table(table, folder / f"{name}.parquet")
            total += table.num_rows
    return total


def forms(folder: Path, n: int, seed: int = 2012) -> list[Path]:
    """`n` county statistics forms for 2012-05 as `report --format json` writes them, with
    consistent numbers (合计 the sum of the rows, 累计 at least 本期, stocks equal)."""
    import numpy as np

    from hxay.models.ledger import Provenance
    from hxay.models.measures import MEASURES
    from hxay.render.formats import Format, render
    from hxay.reports.stats import PARTS
    from hxay.reports.table import Column, Head, Row, Table
    from hxay.rules.calendar import Period

    rng = np.random.default_rng(seed)
    folder.mkdir(parents=True)
    paths = []
    for c in range(n):
        stations = int(rng.integers(6, 13))
        rows = []
        for s in range(stations):
            cells = []
            for m in MEASURES:
                p = int(rng.integers(0, 40))
                cum = p if m.kind == "stock" else p + int(rng.integers(0, 80))
                cells.append((p, cum))
            found = cells[[m.id for m in MEASURES].index("hazards_found")]
            cells[[m.id for m in MEASURES].index("hazards_rectified")] = (
                min(found[0], 3),
                min(found[1], 10),
            )
            rows.append(Row(f"ps-{s:03d}", f"第{s}派出所", tuple(cells)))
        rows.append(Row("-", "其他", tuple((0, 0) for _ in MEASURES)))
        total = tuple(
            (sum(r.cells[j][0] for r in rows), sum(r.cells[j][1] for r in rows))
            for j in range(len(MEASURES))
        )
        rows.append(Row("*", "合计", total, total=True))
        cid = f"county-{c:04d}"
        table = Table(
            form="stats",
            title=f"第{c}县统计报表",
            lang="zh",
            campaign=Head(cid, f'第{c}县"护校安园"专项行动'),
            as_of=dt.date(2012, 5, 31),
            period=Period("2012-05", dt.date(2012, 5, 1), dt.date(2012, 5, 31)),
            cumulative=Period("campaign", dt.date(2012, 3, 1), dt.date(2012, 5, 31)),
            parts=tuple(Head(i, t.render("zh")) for i, t in PARTS),
            columns=tuple(Column(m.id, m.text("zh"), m.kind == "stock") for m in MEASURES),
            rows=tuple(rows),
            provenance=Provenance(f"county-{c:04d}", None, None, 10_000, 0, 0),
            version="bench",
        )
        path = folder / f"{cid}.json"
        path.write_text(str(render(table, Format.json)), encoding="utf-8")
        paths.append(path)
    return paths


def section(results: dict[str, str]) -> str:
    return f"{SECTION}\n\n" + "".join(results.values())


def machine() -> str:
    cpu = cpu_model() or "unknown CPU"
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kb / 2**20:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    return f"{cpu}, {os.cpu_count()} cores{mem}, Python {sys.version.split()[0]}"


def _secs(wall: float) -> str:
    """Seconds, with two decimals under one second (an answer from the cache is 0.04 s)."""
    return f"{wall:.2f} s" if wall < 1 else f"{wall:.1f} s"


def main() -> None:
    import duckdb
    import pandas
    import pyarrow

    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--smoke", action="store_true", help="tiny sizes, to see that it runs")
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md", help="file to update")
    parser.add_argument("--work", type=Path, help="scratch folder (default: a temporary one)")
    parser.add_argument("--repeat", type=int, default=2, help="runs of each timed command")
    args = parser.parse_args()
    if args.smoke:
        args.repeat = 1
    scales = {"smoke": 300} if args.smoke else {"city": 10_000, "prefecture": 70_000}
    regions = {"province": 3, "country": 5} if args.smoke else {"province": 90, "country": 2_800}
    lines: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="hxay-scale-", dir=args.work) as tmp:
        work = Path(tmp)
        rows = [
            "| scale | records | check, no cache | export, no cache | check, warm | export, warm |",
            "|---|---|---|---|---|---|",
        ]
        for name, records in scales.items():
            r = export_vs_check(records, work, args.repeat)
            cells = " | ".join(
                f"{_secs(r[k].wall)}, {r[k].peak_mb:.0f} MB"
                for k in ("check cold", "export cold", "check warm", "export warm")
            )
            rows.append(f"| {name} | {records:,} | {cells} |")
            shutil.rmtree(work / "export", ignore_errors=True)
        lines["export"] = (
            f"Measured with `python benchmarks/scale.py` on {dt.date.today()}; machine: {machine()};\n"
            f"pandas {pandas.__version__}, pyarrow {pyarrow.__version__}, duckdb {duckdb.__version__}. "
            f"Each figure is the fastest of {args.repeat} runs (a shared machine varies by 30% "
            "and more between runs), with the highest peak memory seen.\n\n"
            "### Export next to check (wall time, peak memory of the process)\n\n"
            "`hxay check --as-of 2012-11-30 --format json` and `hxay export --as-of 2012-11-30` "
            "(Parquet: every record table, the findings, the forms of 27 periods) on the "
            "generated folders of benchmarks/generate.py.\n\n"
            + "\n".join(rows)
            + "\n\nThe export's time beyond the check is mostly the statistics form of every "
            "period up to D (27 at the campaign's end), each counted afresh over all records by "
            "reports/stats.py; counting every period in one pass over the records would remove "
            "most of it. The record tables, the findings and writing Parquet are a small part.\n"
        )
        rows = [
            "| region | county exports | rows | Parquet | generated in | inspections per county and month | hazards overdue at the end per county |",
            "|---|---|---|---|---|---|---|",
        ]
        for name, counties in regions.items():
            root = work / name
            t = time.perf_counter()
            total = simulate(root, counties)
            made = time.perf_counter() - t
            size = sum(p.stat().st_size for p in root.rglob("*.parquet"))
            q = []
            for query in (Q_MONTHS, Q_OVERDUE):
                out = work / "answer.csv"
                cmd = [*HXAY, "sql", "-e", str(root), "-f", "csv", "-o", str(out), query]
                r = best_of(cmd, args.repeat)
                answer = out.read_text(encoding="utf-8-sig").splitlines()
                assert len(answer) > counties, answer[:3]
                q.append(f"{_secs(r.wall)}, {r.peak_mb:.0f} MB")
            rows.append(
                f"| {name} | {counties:,} | {total:,} | {size / 2**20:,.0f} MiB | {made:.0f} s | "
                f"{q[0]} | {q[1]} |"
            )
            shutil.rmtree(root)
        lines["duckdb"] = (
            "\n### DuckDB over many exports (`hxay sql`, wall time and peak memory)\n\n"
            "County exports simulated straight to Parquet (school, inspection, hazard, legal_visit, "
            "education, campaign tables in the export's schema; about 190 schools and 10,700 "
            "rows per county), then the README's two questions, each one `hxay sql ... -f csv "
            "-o FILE` process (views over every file, the query, the answer written).\n\n"
            + "\n".join(rows)
            + "\n\nDuckDB reads only the columns a query names, from every file, on both cores. "
            "Binding a view reads the schema of each of its files (columns are matched by name "
            "across exports), about half of the country's time; `hxay sql` makes views only "
            "for the tables a query names.\n"
        )
        rows = ["| forms | rollup |", "|---|---|"]
        for name, counties in regions.items():
            paths = forms(work / f"forms-{name}", counties)
            out = work / "rollup.json"
            r = best_of(
                [*HXAY, "rollup", *map(str, paths), "-f", "json", "-o", str(out)], args.repeat
            )
            rows.append(
                f"| {counties:,} county forms (JSON) | {_secs(r.wall)}, {r.peak_mb:.0f} MB |"
            )
        lines["rollup"] = (
            "\n### Rollup of county forms (`hxay rollup ... -f json -o FILE`)\n\n"
            + "\n".join(rows)
            + "\n"
        )
    text = section(lines)
    print(text)
    old = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
    pattern = re.compile(rf"^{re.escape(SECTION)}\n.*?(?=^## |\Z)", re.S | re.M)
    if pattern.search(old):
        new = pattern.sub(lambda _: text + "\n", old)
    else:
        new = (old.rstrip() + "\n\n" if old.strip() else "") + text
    args.out.write_text(new.rstrip() + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
