"""Benchmark hxay against the bare YAML parse of the same files, side by side in one run.

    python benchmarks/run.py                    # city, prefecture and 200k; growth 1k..200k
    python benchmarks/run.py --scale city       # one scale
    python benchmarks/run.py --smoke            # a few hundred records, one repeat (CI)
    python benchmarks/run.py --out benchmarks/RESULTS.md   # rewrite this script's part

Every figure is a separate process, timed from outside (wall clock) with its peak memory
from the kernel (`wait4`); each is the fastest of `--repeat` runs (the least disturbed by
whatever else the machine does). Ratios divide by the bare parse: `yaml.load_all(...,
CSafeLoader)` of every file, timed inside its process (parse only, no start-up), so the
ratios are strict. The data are benchmarks/generate.py's untidy folders (warnings in a few
records in a hundred, errors in about one file in forty), so the check runs with
`--allow-errors`. `--out` rewrites only the part between this script's markers.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate

HXAY = [sys.executable, "-m", "hxay"]
AS_OF = "2012-11-30"
NEW_DAYS = ["2012-10-31", "2012-10-30", "2012-10-29", "2012-10-28", "2012-10-27"]
BEGIN = "<!-- benchmarks/run.py: begin -->"
END = "<!-- benchmarks/run.py: end -->"
BARE = """
import sys, time, yaml
from pathlib import Path
files = sorted(p for p in Path(sys.argv[1]).rglob('*') if p.suffix in ('.yaml', '.yml'))
t = time.perf_counter()
for p in files:
    list(yaml.load_all(p.read_bytes(), Loader=yaml.CSafeLoader))
print(time.perf_counter() - t)
"""
SCALES = {"city": 10_000, "prefecture": 70_000, "200k": 200_000}
GROWTH = {"1k": 1_000, "10k": 10_000, "70k": 70_000, "200k": 200_000}
# goal of each figure as a ratio to the bare parse, per scale (None: no goal)
GOALS: dict[str, dict[str, float]] = {
    "no_cache": {"city": 1.0, "prefecture": 0.8, "200k": 0.8},
    "warm": {"city": 0.1, "prefecture": 0.05, "200k": 0.05},
    "new_as_of": {"city": 0.5, "prefecture": 0.5, "200k": 0.5},
    "edited": {"city": 0.5, "prefecture": 0.5, "200k": 0.5},
}
RSS_GOALS = {"prefecture": 600.0, "200k": 1000.0}
EMPTY_CPU_GOAL = 0.12


@dataclass
class Run:
    wall: float
    cpu: float
    peak_mb: float
    code: int
    stdout: bytes


def run(cmd: list[str], env: dict[str, str] | None = None) -> Run:
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    assert proc.stdout is not None
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, code, out)


def env_for(cache: Path) -> dict[str, str]:
    """The environment of every measured process: its own cache folder, and compiled
    bytecode kept as an installed hxay keeps it (a shell that sets PYTHONDONTWRITEBYTECODE
    would make every run compile hxay's modules again, about 60 ms of start-up)."""
    env = dict(os.environ, HXAY_CACHE_DIR=str(cache))
    for name in ("HXAY_NO_CACHE", "PYTHONDONTWRITEBYTECODE"):
        env.pop(name, None)
    return env


def fastest(runs: list[Run]) -> Run:
    """The fastest run (the least disturbed by the rest of a shared machine), carrying the
    highest peak memory of them all."""
    best = min(runs, key=lambda r: r.wall)
    return dataclasses.replace(best, peak_mb=max(r.peak_mb for r in runs))


def measure(records: int, repeat: int, work: Path, full: bool) -> dict[str, float]:
    """Every figure of one scale (only the bare parse and the no-cache check unless `full`)."""
    data = work / f"data-{records}"
    counts = generate(data, records, untidy=True)
    cache = work / "cache"
    env = env_for(cache)
    common = ["--data", str(data), "--format", "json", "--allow-errors"]
    check = [*HXAY, "check", "--as-of", AS_OF, *common]
    nocache = [*HXAY, "--no-cache", "check", "--as-of", AS_OF, *common]
    files = sorted((data / "records").rglob("*.yaml"))
    out: dict[str, float] = {"records": float(sum(counts.values()))}
    out["bytes"] = float(sum(p.stat().st_size for p in data.rglob("*.yaml")))
    bare = [run([sys.executable, "-c", BARE, str(data)], env) for _ in range(repeat)]
    out["bare_parse"] = min(float(r.stdout) for r in bare)
    runs: dict[str, list[Run]] = {}

    def take(name: str, cmd: list[str], before: Callable[[], None] | None = None) -> Run:
        if before is not None:
            before()
        got = run(cmd, env)
        runs.setdefault(name, []).append(got)
        return got

    for i in range(repeat):
        reference = take("no_cache", nocache)
        if not full:
            continue
        first = take("first", check, lambda: shutil.rmtree(cache, ignore_errors=True))
        warm = take("warm", check)
        assert first.stdout == reference.stdout == warm.stdout, "a cache changed the output"
        day = NEW_DAYS[i % len(NEW_DAYS)]
        take("new_as_of", [*HXAY, "check", "--as-of", day, *common])
        take("touched", check, lambda i=i: os.utime(files[i % len(files)]))

        def comment(i: int = i) -> None:
            with open(files[(len(files) // 2 + i) % len(files)], "a", encoding="utf-8") as f:
                f.write(f"# edited {i}\n")

        def change_record(i: int = i) -> None:
            """A value of a record changed: one inspection's officers, in a station's file."""
            stations = [f for f in files if f.name.startswith("ps-")]
            path = stations[(len(stations) // 3 + i) % len(stations)]
            text = path.read_text(encoding="utf-8")
            old, new = ("  officers: 2\n", "  officers: 3\n")
            if old not in text:
                old, new = new, old
            path.write_text(text.replace(old, new, 1), encoding="utf-8")

        take("commented", check, comment)
        take("edited", check, change_record)
        validate = [*HXAY, "validate", "--data", str(data)]
        take("validate_no_cache", [*HXAY, "--no-cache", *validate[3:]])
        take("validate_first", validate)
        take("validate", validate)
        report = [*HXAY, "report", "-m", "2012-09", "--format", "json", "--data", str(data)]
        take("report_no_cache", [*HXAY, "--no-cache", *report[3:]])
        take("report_first", report)
        take("report", report)
    for name, got in runs.items():
        out[name] = fastest(got).wall
    out["peak_mb"] = max(r.peak_mb for got in runs.values() for r in got)
    out["cold_peak_mb"] = max(r.peak_mb for r in runs["no_cache"])
    return out


def startup(repeat: int, work: Path) -> dict[str, float]:
    empty = work / "empty"
    empty.mkdir(exist_ok=True)
    (empty / "campaign.yaml").write_text(
        "id: e\nname: e\nstart: 2012-03-01\nend: 2012-11-30\n"
        "terms: [{name: t, start: 2012-03-01, end: 2012-06-30}]\n",
        encoding="utf-8",
    )
    env = env_for(work / "cache-empty")
    help_runs = [run([*HXAY, "--help"], env) for _ in range(repeat)]
    nocache = [
        run([*HXAY, "--no-cache", "validate", "--data", str(empty)], env) for _ in range(repeat)
    ]
    warm = [run([*HXAY, "validate", "--data", str(empty)], env) for _ in range(repeat + 1)][1:]
    return {
        "help_cpu": min(r.cpu for r in help_runs),
        "empty_cpu": min(r.cpu for r in nocache),
        "empty_warm_cpu": min(r.cpu for r in warm),
    }


def _ratio(value: float, bare: float) -> str:
    return f"{value:.2f} s ({value / bare:.2f}x)"


def _verdict(value: float, goal: float) -> str:
    return "met" if value <= goal else "**not met**"


def table(results: dict[str, dict[str, float]]) -> list[str]:
    rows = [
        ("records", lambda r: f"{int(r['records']):,}"),
        ("YAML", lambda r: f"{r['bytes'] / 1e6:.1f} MB"),
        ("bare parse (1.00x)", lambda r: f"{r['bare_parse']:.2f} s"),
        ("check, no cache", lambda r: _ratio(r["no_cache"], r["bare_parse"])),
        ("check, first run (writes the cache)", lambda r: _ratio(r["first"], r["bare_parse"])),
        ("check, warm, unchanged", lambda r: _ratio(r["warm"], r["bare_parse"])),
        ("check, warm, a new as-of date", lambda r: _ratio(r["new_as_of"], r["bare_parse"])),
        ("check, one file touched", lambda r: _ratio(r["touched"], r["bare_parse"])),
        (
            "check, one file edited (a record changed)",
            lambda r: _ratio(r["edited"], r["bare_parse"]),
        ),
        (
            "check, one file edited (a comment: no record changed)",
            lambda r: _ratio(r["commented"], r["bare_parse"]),
        ),
        ("validate, no cache", lambda r: _ratio(r["validate_no_cache"], r["bare_parse"])),
        ("validate, warm", lambda r: _ratio(r["validate"], r["bare_parse"])),
        ("report (stats, json), no cache", lambda r: _ratio(r["report_no_cache"], r["bare_parse"])),
        ("report (stats, json), warm", lambda r: _ratio(r["report"], r["bare_parse"])),
        ("peak memory, no cache", lambda r: f"{r['cold_peak_mb']:.0f} MB"),
        ("peak memory, any run", lambda r: f"{r['peak_mb']:.0f} MB"),
    ]
    names = list(results)
    out = ["| | " + " | ".join(names) + " |", "|---" * (len(names) + 1) + "|"]
    for label, cell in rows:
        out.append(f"| {label} | " + " | ".join(cell(results[n]) for n in names) + " |")
    return out


def goals(results: dict[str, dict[str, float]], start: dict[str, float]) -> tuple[list[str], bool]:
    labels = {
        "no_cache": "cold check (no cache)",
        "warm": "warm, unchanged",
        "new_as_of": "warm, a new as-of date",
        "edited": "one file edited (a record changed)",
    }
    out = ["| goal | measured | |", "|---|---|---|"]
    for key, per_scale in GOALS.items():
        for scale, goal in per_scale.items():
            r = results.get(scale)
            if r is None or key not in r:
                continue
            ratio = r[key] / r["bare_parse"]
            out.append(
                f"| {scale}: {labels[key]} <= {goal}x | {ratio:.3f}x ({r[key]:.2f} s) | "
                f"{_verdict(ratio, goal)} |"
            )
    for scale, goal_mb in RSS_GOALS.items():
        r = results.get(scale)
        if r is not None:
            out.append(
                f"| {scale}: peak memory < {goal_mb:.0f} MB | {r['peak_mb']:.0f} MB | "
                f"{_verdict(r['peak_mb'], goal_mb)} |"
            )
    out.append(
        f"| validate on an empty folder <= {EMPTY_CPU_GOAL} s CPU | "
        f"{start['empty_cpu']:.3f} s (no cache), {start['empty_warm_cpu']:.3f} s (warm) | "
        f"{_verdict(start['empty_cpu'], EMPTY_CPU_GOAL)} |"
    )
    never_slower = all(
        r[k] <= r["no_cache"] for r in results.values() for k in ("warm", "new_as_of", "edited")
    )
    out.append(
        "| warm never slower than no cache, at any size (warm, new as-of, edited) | "
        + ", ".join(
            f"{s}: {max(r[k] for k in ('warm', 'new_as_of', 'edited')) / r['no_cache']:.2f}x"
            for s, r in results.items()
        )
        + f" of no cache | {'met' if never_slower else '**not met**'} |"
    )
    return out, never_slower


def growth(results: dict[str, dict[str, float]]) -> list[str]:
    out = [
        "| records | bare parse | check, no cache | ratio | time per record |",
        "|---|---|---|---|---|",
    ]
    for name, r in results.items():
        out.append(
            f"| {int(r['records']):,} ({name}) | {r['bare_parse']:.2f} s | {r['no_cache']:.2f} s | "
            f"{r['no_cache'] / r['bare_parse']:.2f}x | {r['no_cache'] / r['records'] * 1e6:.0f} us |"
        )
    return out


def stages(data: Path, cache: Path) -> dict[str, dict[str, float]]:
    """CPU seconds per stage of one check (benchmarks/stages.py), without and with the
    cache, the fastest of two runs each."""
    script = str(Path(__file__).resolve().parent / "stages.py")
    out: dict[str, dict[str, float]] = {}
    for name, extra in (("no cache", []), ("warm, a new as-of date", ["--cache", str(cache)])):
        runs = [
            run([sys.executable, script, str(data), *extra], env_for(cache)).stdout
            for _ in range(2)
        ]
        parsed = [json.loads(r) for r in runs]
        out[name] = {k: min(p[k] for p in parsed) for k in parsed[0]}
    return out


def profile_table(where: str, profile: dict[str, dict[str, float]]) -> str:
    lines = [
        "",
        f"### Where the time goes ({where}, CPU seconds per stage in one process)",
        "",
        "benchmarks/stages.py calls the pipeline's stages one after the other; the command "
        "line adds its own start-up (Typer, option parsing) and the provenance (git) to these.",
        "",
    ]
    for name, got in profile.items():
        lines += [f"{name}:", "", "| stage | CPU |", "|---|---|"]
        lines += [f"| {stage} | {sec:.3f} s |" for stage, sec in got.items()]
        lines += [f"| total | {sum(got.values()):.3f} s |", ""]
    return "\n".join(lines)


def cpu_model() -> str | None:
    """The processor's name from /proc/cpuinfo (None where there is none)."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return None


def machine() -> str:
    cpu = cpu_model() or platform.processor() or platform.machine()
    return (
        f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}"
    )


def report(
    results: dict[str, dict[str, float]],
    grown: dict[str, dict[str, float]],
    start: dict[str, float],
    repeat: int,
) -> tuple[str, bool]:
    goal_rows, ok = goals(results, start)
    parts = [
        f"Measured with `python benchmarks/run.py --repeat {repeat}` on "
        f"{time.strftime('%Y-%m-%d')}; machine: {machine()}. Each figure is the fastest of "
        f"{repeat} runs, each a separate process timed from outside, start-up included; the "
        "ratio divides by the bare parse (`yaml.load_all(CSafeLoader)` of the same files, "
        "parse only) of the same run. The check is `hxay check --as-of 2012-11-30 --format "
        "json --allow-errors` on benchmarks/generate.py's untidy folders.",
        "",
        *table(results),
        "",
        f"Start-up (process CPU time): `hxay --help` {start['help_cpu']:.3f} s; `hxay validate` "
        f"on an empty folder {start['empty_cpu']:.3f} s without the cache, "
        f"{start['empty_warm_cpu']:.3f} s answered from it.",
        "",
        "### Goals",
        "",
        *goal_rows,
    ]
    if grown:
        parts += ["", "### Growth (check without cache)", "", *growth(grown)]
    return "\n".join(parts) + "\n", ok


def write_between_markers(path: Path, text: str) -> None:
    """Replace this script's part of the file, keeping every other section as it is."""
    old = path.read_text(encoding="utf-8") if path.exists() else "# Benchmark results\n"
    block = f"{BEGIN}\n{text.rstrip()}\n{END}"
    if BEGIN in old and END in old:
        head, rest = old.split(BEGIN, 1)
        new = head + block + rest.split(END, 1)[1]
    else:
        title, _, rest = old.partition("\n")
        new = f"{title}\n\n{block}\n\n{rest.lstrip()}"
    path.write_text(new.rstrip() + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--scale", choices=[*SCALES, "all"], default="all")
    parser.add_argument("--smoke", action="store_true", help="a few hundred records, one repeat")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-growth", action="store_true", help="skip the 1k..200k series")
    parser.add_argument("--out", type=Path, help="write the results into this Markdown file")
    args = parser.parse_args()
    scales = {"smoke": 300} if args.smoke else dict(SCALES)
    if args.smoke:
        args.repeat = 1
    elif args.scale != "all":
        scales = {args.scale: SCALES[args.scale]}
    grown: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory(prefix="hxay-bench-") as tmp:
        work = Path(tmp)
        results = {n: measure(size, args.repeat, work, full=True) for n, size in scales.items()}
        if not args.smoke and not args.no_growth and args.scale == "all":
            for name, size in GROWTH.items():
                same = next((r for n, r in results.items() if SCALES.get(n) == size), None)
                grown[name] = same or measure(size, args.repeat, work, full=False)
        start = startup(args.repeat, work)
        where = "prefecture" if "prefecture" in scales else next(iter(scales))
        profile = stages(work / f"data-{scales[where]}", work / "cache-stages")
    text, ok = report(results, grown, start, args.repeat)
    text += profile_table(where, profile)
    print(text)
    if args.out:
        write_between_markers(args.out, text)
    if not ok and not args.smoke:  # a few hundred records are too few to time
        sys.exit("warm was slower than no cache at some size")


if __name__ == "__main__":
    main()
