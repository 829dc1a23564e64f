"""Benchmark hxay against the bare YAML parse of the same files, side by side in one run.

    python benchmarks/run.py                   # city (10,000 records) and prefecture (70,000)
    python benchmarks/run.py --scale city      # one scale
    python benchmarks/run.py --smoke           # a few hundred records, one repeat (CI)

Every figure is a separate process, timed from outside (wall clock) with its peak memory
from the kernel (`wait4`); each is the fastest of `--repeat` runs (the least disturbed by
whatever else the machine does; a shared 2-core machine varies by 30% between runs). Ratios divide by the bare
parse: `yaml.load(..., CSafeLoader)` of every file, timed inside its process (parse only,
no start-up), so the ratios are strict. Writes a Markdown table (stdout, and `--out`).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate

HXAY = [sys.executable, "-m", "hxay"]
AS_OF = "2012-11-30"
BARE = """
import sys, time, yaml
from pathlib import Path
files = sorted(p for p in Path(sys.argv[1]).rglob('*') if p.suffix in ('.yaml', '.yml'))
t = time.perf_counter()
for p in files:
    list(yaml.load_all(p.read_bytes(), Loader=yaml.CSafeLoader))
print(time.perf_counter() - t)
"""


@dataclass
class Run:
    wall: float
    cpu: float
    peak_mb: float
    stdout: str


def run(cmd: list[str], env: dict[str, str]) -> Run:
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    assert proc.stdout is not None
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, out.decode())


def best(runs: list[Run], attr: str) -> float:
    return min(getattr(r, attr) for r in runs)


def measure(records: int, repeat: int, work: Path) -> dict[str, float]:
    data = work / f"data-{records}"
    counts = generate(data, records)
    env = dict(os.environ, HXAY_CACHE_DIR=str(work / "cache"))
    env.pop("HXAY_NO_CACHE", None)
    check = [*HXAY, "check", "--data", str(data), "--as-of", AS_OF, "--format", "json"]
    edit_file = sorted((data / "records").rglob("*.yaml"))[len(counts) // 2]
    out: dict[str, float] = {"records": float(sum(counts.values()))}
    out["bytes"] = float(sum(p.stat().st_size for p in data.rglob("*.yaml")))
    bare = [run([sys.executable, "-c", BARE, str(data)], env) for _ in range(repeat)]
    out["bare_parse"] = min(float(r.stdout) for r in bare)
    out["bare_process"] = best(bare, "wall")
    cold, nocache, warm, edited = [], [], [], []
    for _ in range(repeat):
        shutil.rmtree(work / "cache", ignore_errors=True)
        cold.append(run(check, env))
        warm.append(run(check, env))
        with open(edit_file, "a", encoding="utf-8") as handle:
            handle.write("# edited\n")
        edited.append(run(check, env))
        nocache.append(run([*HXAY, "--no-cache", *check[3:]], env))
    out["cold"] = best(cold, "wall")
    out["no_cache"] = best(nocache, "wall")
    out["warm"] = best(warm, "wall")
    out["edited"] = best(edited, "wall")
    out["peak_mb"] = max(r.peak_mb for r in cold + warm + edited + nocache)
    empty = work / "empty"
    empty.mkdir(exist_ok=True)
    (empty / "campaign.yaml").write_text(
        "id: e\nname: e\nstart: 2012-03-01\nend: 2012-11-30\n"
        "terms: [{name: t, start: 2012-03-01, end: 2012-06-30}]\n",
        encoding="utf-8",
    )
    out["help_cpu"] = best([run([*HXAY, "--help"], env) for _ in range(repeat)], "cpu")
    out["validate_empty_cpu"] = best(
        [run([*HXAY, "validate", "--data", str(empty)], env) for _ in range(repeat)], "cpu"
    )
    return out


def table(results: dict[str, dict[str, float]]) -> str:
    rows = [
        "| scale | records | YAML | bare parse | cold check | ratio (goal) | no-cache check | ratio | "
        "warm check | ratio (goal) | after one edit | ratio (goal) | peak memory |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    goals = {"city": ("1.0", "0.2", "0.3"), "prefecture": ("1.0", "0.1", "-")}
    for scale, r in results.items():
        g = goals.get(scale, ("-", "-", "-"))
        b = r["bare_parse"]
        rows.append(
            f"| {scale} | {int(r['records']):,} | {r['bytes'] / 1e6:.1f} MB | {b:.2f} s | "
            f"{r['cold']:.2f} s | {r['cold'] / b:.2f}x ({g[0]}x) | {r['no_cache']:.2f} s | "
            f"{r['no_cache'] / b:.2f}x | {r['warm']:.2f} s | {r['warm'] / b:.2f}x ({g[1]}x) | "
            f"{r['edited']:.2f} s | {r['edited'] / b:.2f}x ({g[2]}x) | {r['peak_mb']:.0f} MB |"
        )
    lines = ["\n".join(rows), ""]
    first = next(iter(results.values()))
    lines.append(
        f"Start-up (process CPU time, goal < 0.25 s): `hxay --help` {first['help_cpu']:.2f} s; "
        f"`hxay validate` on an empty data folder {first['validate_empty_cpu']:.2f} s."
    )
    if "city" in results and "prefecture" in results:
        c, p = results["city"], results["prefecture"]
        lines.append(
            f"Growth: {p['records'] / c['records']:.1f}x the records took "
            f"{p['no_cache'] / c['no_cache']:.1f}x the time without cache (goal: at most "
            f"{8 * (p['records'] / c['records']) / 7:.1f}x); the bare parse grew "
            f"{p['bare_parse'] / c['bare_parse']:.1f}x."
        )
    return "\n".join(lines) + "\n"


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--scale", choices=["city", "prefecture", "both"], default="both")
    parser.add_argument("--smoke", action="store_true", help="a few hundred records, one repeat")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path, help="also write the table to this Markdown file")
    args = parser.parse_args()
    if args.smoke:
        scales = {"smoke": 300}
        args.repeat = 1
    else:
        scales = {"city": 10_000, "prefecture": 70_000}
        if args.scale != "both":
            scales = {args.scale: scales[args.scale]}
    with tempfile.TemporaryDirectory(prefix="hxay-bench-") as tmp:
        results = {name: measure(n, args.repeat, Path(tmp)) for name, n in scales.items()}
    text = f"Machine: {machine()}\n\n" + table(results)
    print(text)
    if args.out:
        args.out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
