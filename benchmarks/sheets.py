"""Benchmark spreadsheets in: `hxay import` of a workbook against the YAML load of the same
records, and the workbook readers hxay could use, side by side in one run.

    python benchmarks/sheets.py                # 10,000-row import; readers on 50,000 rows
    python benchmarks/sheets.py --smoke        # a few hundred rows, one repeat (CI)

The records come from benchmarks/generate.py (a city-year): every record but the registers
goes into a workbook filled as the template lays it out (one sheet per kind, inline hazards
on the 隐患 sheet linked by `source`), and the same records into one YAML file; then the
same for a workbook of one 50,000-row sheet of inspections of that city. Each figure
is a separate process timed from outside with its peak memory from the kernel, the fastest
of `--repeat` runs:

- YAML: `hxay --no-cache validate` of the folder with the records file;
- import: `hxay import BOOK --to records/bench.yaml` into the folder without it (a fresh
  copy each run), which reads the workbook, loads the folder before and with the rows, and
  writes;
- readers: every cell of a workbook of one 50,000-row sheet (inspections), by hxay's reader
  (python-calamine plus the XML scan for hidden rows and formulas), openpyxl's read-only
  mode, and openpyxl's normal mode (the one that sees merged cells and hidden rows).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate
from run import HXAY, env_for, fastest, machine, run

REGISTERS = ("units.yaml", "schools.yaml", "vehicles.yaml")
READERS = {
    "hxay (python-calamine + XML scan)": (
        "from pathlib import Path; from hxay.editing.sheet import read_book; "
        "b = read_book(Path({path!r})); print(sum(len(g.rows) for g in b.sheets))"
    ),
    "openpyxl read-only": (
        "import openpyxl; wb = openpyxl.load_workbook({path!r}, read_only=True, data_only=True); "
        "print(sum(1 for ws in wb.worksheets for row in ws.iter_rows(values_only=True)))"
    ),
    "openpyxl normal (merged cells, hidden rows)": (
        "import openpyxl; wb = openpyxl.load_workbook({path!r}, data_only=True); "
        "print(sum(1 for ws in wb.worksheets for row in ws.iter_rows(values_only=True)))"
    ),
}


def records_of(folder: Path) -> list[dict[str, Any]]:
    """The generated records (not the registers); inspections with hazards get an id, so
    that their hazards can point at them from the 隐患 sheet."""
    out: list[dict[str, Any]] = []
    for path in sorted((folder / "records").rglob("*.yaml")):
        out += yaml.safe_load(path.read_text(encoding="utf-8")) or []
    for n, rec in enumerate(out):
        if rec.get("hazards"):
            rec["id"] = f"insp-b-{n:06d}"
    return out


def _cell(value: Any) -> Any:
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    if isinstance(value, dict):
        return "、".join(f"{k}:{v}" for k, v in value.items())
    return value


def write_book(records: list[dict[str, Any]], path: Path) -> int:
    """The records as the template lays them out (openpyxl's write-only mode); the rows."""
    import openpyxl

    from hxay.editing.template import sheets

    kinds = list(dict.fromkeys(rec["kind"] for rec in records))
    layout = {s.kind: s for s in sheets(kinds)}
    rows: dict[str, list[list[Any]]] = {kind: [] for kind in layout}

    def add(kind: str, values: dict[str, Any]) -> None:
        flat: dict[str, Any] = {}
        for key, value in values.items():
            if isinstance(value, dict) and layout[kind].column(key) is None:
                flat.update({f"{key}.{k}": v for k, v in value.items()})
            else:
                flat[key] = _cell(value)
        rows[kind].append([flat.get(c.code) for c in layout[kind].columns])

    for rec in records:
        add(rec["kind"], {k: v for k, v in rec.items() if k not in ("kind", "hazards")})
        for hazard in rec.get("hazards") or []:
            add("hazard", {**hazard, "source": rec["id"]})
    wb = openpyxl.Workbook(write_only=True)
    for kind, sheet in layout.items():
        ws = wb.create_sheet(sheet.title)
        ws.append([c.header for c in sheet.columns])
        ws.append([c.code for c in sheet.columns])
        for row in rows[kind]:
            ws.append(row)
    wb.save(path)
    return sum(len(r) for r in rows.values())


def one_sheet(folder: Path, rows: int) -> list[dict[str, Any]]:
    """`rows` inspections of the folder's schools, for a workbook of one large sheet."""
    schools = yaml.safe_load((folder / "schools.yaml").read_text(encoding="utf-8"))
    start = dt.date(2012, 3, 1)
    return [
        {
            "kind": "inspection",
            "date": start + dt.timedelta(days=i % 270),
            "school": schools[i % len(schools)]["id"],
            "unit": schools[i % len(schools)]["station"],
            "inspectors": ["王建国", "李明"],
            "officers": 2,
            "summary": "检查校园安保、消防、技防设施运行情况,查看门卫值班记录",
        }
        for i in range(rows)
    ]


def folders(work: Path, records: int, sheet_rows: int = 0) -> tuple[Path, Path, Path, int, int]:
    """(the folder with the records as YAML, the folder of registers only, the workbook,
    rows, records): the generated city's records, or `sheet_rows` inspections on one sheet."""
    name = f"{records}-{sheet_rows}"
    generated = work / f"gen-{name}"
    generate(generated, records)
    recs = one_sheet(generated, sheet_rows) if sheet_rows else records_of(generated)
    with_yaml, registers = work / f"yaml-{name}", work / f"registers-{name}"
    for folder in (with_yaml, registers):
        folder.mkdir()
        for name in ("campaign.yaml", *REGISTERS):
            shutil.copy(generated / name, folder / name)
    (with_yaml / "records").mkdir()
    (with_yaml / "records" / "bench.yaml").write_text(
        yaml.safe_dump(recs, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    book = work / f"book-{name}.xlsx"
    rows = write_book(recs, book)
    inline = sum(len(r.get("hazards") or []) for r in recs)
    return with_yaml, registers, book, rows, len(recs) + inline


def prepared(work: Path, records: int, sheet_rows: int) -> tuple[Path, Path, Path, int, int]:
    """`folders`, made by a child process: the driver stays small, so that the processes it
    starts do not inherit (and count in their peak memory) the generated records."""
    done = subprocess.run(
        [sys.executable, __file__, "--prepare", str(work), str(records), str(sheet_rows)],
        check=True,
        capture_output=True,
        text=True,
    )
    a, b, c, rows, n = json.loads(done.stdout)
    return Path(a), Path(b), Path(c), rows, n


def measure_import(
    work: Path, records: int, sheet_rows: int, repeat: int, env: dict[str, str]
) -> dict[str, Any]:
    with_yaml, registers, book, rows, n = prepared(work, records, sheet_rows)
    yaml_runs = [
        run([*HXAY, "--no-cache", "validate", "--data", str(with_yaml)], env) for _ in range(repeat)
    ]
    import_runs = []
    for i in range(repeat):
        target = work / f"target-{records}-{sheet_rows}-{i}"
        shutil.copytree(registers, target)
        cmd = [*HXAY, "import", str(book), "--to", str(target / "records" / "bench.yaml")]
        import_runs.append(run([*cmd, "--data", str(target)], env))
        written = target / "records" / "bench.yaml"
        assert written.exists(), f"the import wrote nothing: {cmd}"
    from_yaml, imported = fastest(yaml_runs), fastest(import_runs)
    return {
        "rows": rows,
        "records": n,
        "book_mb": book.stat().st_size / 1e6,
        "yaml_mb": (with_yaml / "records" / "bench.yaml").stat().st_size / 1e6,
        "yaml": from_yaml.wall,
        "yaml_peak": from_yaml.peak_mb,
        "import": imported.wall,
        "import_peak": imported.peak_mb,
        "book": book,
    }


def measure_readers(book: Path, repeat: int, env: dict[str, str]) -> dict[str, tuple[float, float]]:
    out = {}
    for name, code in READERS.items():
        best = fastest(
            [run([sys.executable, "-c", code.format(path=str(book))], env) for _ in range(repeat)]
        )
        out[name] = (best.wall, best.peak_mb)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--smoke", action="store_true", help="a few hundred rows, one repeat")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path, help="also write the section to this Markdown file")
    parser.add_argument("--prepare", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.prepare:
        made = folders(Path(args.prepare[0]), int(args.prepare[1]), int(args.prepare[2]))
        print(json.dumps([str(x) for x in made[:3]] + list(made[3:])))
        return
    city_records, sheet_rows = (400, 500) if args.smoke else (10_600, 50_000)
    repeat = 1 if args.smoke else args.repeat
    with tempfile.TemporaryDirectory(prefix="hxay-sheets-") as tmp:
        work = Path(tmp)
        env = env_for(work / "cache")
        city = measure_import(work, city_records, 0, repeat, env)
        big = measure_import(work, city_records, sheet_rows, repeat, env)
        readers = measure_readers(big["book"], repeat, env)
    ratio = city["import"] / city["yaml"]
    lines = [
        "## Spreadsheet import",
        "",
        f"Measured with `python benchmarks/sheets.py` on {dt.date.today().isoformat()}; "
        f"machine: {machine()}. Each figure is a separate process, start-up included, the "
        f"fastest of {repeat} runs; peak memory from the kernel.",
        "",
        "| rows | records | workbook | YAML | `validate` of the YAML | `import` of the workbook "
        "| ratio (goal) | peak memory: YAML / import |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for label, r in (("a city's records, every kind", city), ("one sheet", big)):
        lines.append(
            f"| {r['rows']:,} ({label}) | {r['records']:,} | {r['book_mb']:.1f} MB | "
            f"{r['yaml_mb']:.1f} MB | {r['yaml']:.2f} s | {r['import']:.2f} s | "
            f"{r['import'] / r['yaml']:.2f}x (2x) | {r['yaml_peak']:.0f} MB / "
            f"{r['import_peak']:.0f} MB |"
        )
    lines += [
        "",
        f"Goal (import at most 2x the YAML path on the city workbook): {ratio:.2f}x, "
        f"{'met' if ratio <= 2 else 'not met'}.",
        "",
        f"Reading every cell of the {big['rows']:,}-row workbook ({big['book_mb']:.1f} MB), "
        "one process each:",
        "",
        "| reader | time | peak memory |",
        "|---|---|---|",
    ]
    for name, (wall, peak) in readers.items():
        lines.append(f"| {name} | {wall:.2f} s | {peak:.0f} MB |")
    text = "\n".join(lines) + "\n"
    print(text)
    if args.out:
        args.out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
