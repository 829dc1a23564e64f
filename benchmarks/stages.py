"""Where the time of one check goes: CPU seconds of each stage, in one process, as JSON.

    python benchmarks/stages.py DATA               # without the cache: every stage
    python benchmarks/stages.py DATA --cache DIR   # warm: what a new as-of date costs

The stages are the pipeline's own functions called one after the other, as `hxay check
--format json` calls them (benchmarks/run.py prints the table in RESULTS.md).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import time
from pathlib import Path

CLOCK = time.process_time


def cold(root: Path) -> dict[str, float]:
    out: dict[str, float] = {}
    t = CLOCK()
    from hxay.api.common import evaluate_at
    from hxay.loading.campaign import parse_campaign
    from hxay.loading.crosscheck import crosscheck
    from hxay.loading.discover import list_files
    from hxay.loading.inputs import read_inputs
    from hxay.loading.parse import Parsed, parse_file
    from hxay.loading.yamlsrc import FileSource, read_records
    from hxay.models.ledger import Ledger
    from hxay.render import formats

    out["imports"] = CLOCK() - t
    t = CLOCK()
    files = list_files(root)
    inputs = read_inputs(files)
    assert files.campaign is not None
    campaign, _ = parse_campaign(files.campaign, inputs.campaign)
    assert campaign is not None
    out["discover, read and digest every file, campaign.yaml"] = CLOCK() - t
    t = CLOCK()
    raws = {rel: read_records(rel, data)[0] for rel, data in inputs.contents.items()}
    out["YAML to plain data (libyaml compose, fast reader)"] = CLOCK() - t
    t = CLOCK()
    terms = tuple(x.name for x in campaign.terms)
    merged = Parsed()
    for rel, found in raws.items():
        parsed = parse_file(found, terms, FileSource(rel))
        merged.records += parsed.records
        merged.broken_ids |= parsed.broken_ids
    del raws
    out["typing (msgspec, pydantic for the rest)"] = CLOCK() - t
    t = CLOCK()
    checked = crosscheck(merged.records, merged.broken_ids, campaign, root)
    out["cross-record checks"] = CLOCK() - t
    t = CLOCK()
    ledger = Ledger(campaign, checked.kept)
    out["ledger indexes"] = CLOCK() - t
    return _rest(out, ledger, root, evaluate_at, formats)


def warm(root: Path, cache: Path) -> dict[str, float]:
    out: dict[str, float] = {}
    t = CLOCK()
    from hxay.api.common import evaluate_at
    from hxay.loading.load import load
    from hxay.render import formats

    out["imports"] = CLOCK() - t
    load(root, cache_dir=cache)  # writes the caches
    t = CLOCK()
    loaded = load(root, cache_dir=cache)
    out["load from the caches (read and digest every file, decode, ledger)"] = CLOCK() - t
    assert loaded.ledger is not None
    loaded.memo = None  # a new as-of date: the findings are worked out
    return _rest(out, loaded.ledger, root, evaluate_at, formats, loaded)


def _rest(
    out: dict[str, float],
    ledger: object,
    root: Path,
    evaluate_at: object,
    formats: object,
    loaded: object = None,
) -> dict[str, float]:
    from hxay.loading.load import Loaded
    from hxay.models.ledger import Ledger, Provenance
    from hxay.reports.check import CheckReport

    assert isinstance(ledger, Ledger)
    if not isinstance(loaded, Loaded):
        loaded = Loaded(root, str(root), ledger.campaign, ledger, [], (), list(ledger.records), 0)
    day = dt.date(2012, 10, 15)
    t = CLOCK()
    findings, _ = evaluate_at(loaded, day)  # type: ignore[operator]
    out["evaluate every obligation"] = CLOCK() - t
    t = CLOCK()
    report = CheckReport(
        campaign=ledger.campaign.id,
        as_of=day,
        findings=findings,
        summary={},
        provenance=Provenance(str(root), None, None, len(ledger.records), 0, 0),
        ledger=ledger,
        lang="zh",
        notice=None,
    )
    from hxay.render.options import RenderOptions

    formats.render(report, formats.Format.json, RenderOptions())  # type: ignore[attr-defined]
    out["JSON output"] = CLOCK() - t
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("data", type=Path)
    parser.add_argument("--cache", type=Path)
    args = parser.parse_args()
    gc.disable()  # as the command line runs
    got = warm(args.data, args.cache) if args.cache else cold(args.data)
    print(json.dumps(got))


if __name__ == "__main__":
    main()
