"""Stage 7, api: beyond one city. `frames` and `export` (the ledger as tidy tables), `rollup`
(the next level's statistics form from the forms sent up) and `sql` (DuckDB over many
exports). pandas, pyarrow and duckdb are imported by hxay/export only when these run."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from hxay import __version__
from hxay.api.common import allowed_errors_notice, evaluate_at, stopping_errors, today
from hxay.loading.load import Loaded, load
from hxay.models.diagnostics import Diagnostic
from hxay.models.errors import HxayError, UsageError
from hxay.models.ledger import Provenance
from hxay.models.text import Lang, Msg

if TYPE_CHECKING:
    from pandas import DataFrame

    from hxay.export.query import QueryResult
    from hxay.export.write import TableFormat, Written
    from hxay.reports.rollup import Rollup


@dataclass
class Tables:
    """The tables of one data folder at D, or the errors that stop them (exit 3)."""

    loaded: Loaded
    as_of: dt.date
    frames: dict[str, DataFrame] = field(default_factory=dict)
    problems: list[Diagnostic] = field(default_factory=list)
    notice: Msg | None = None
    provenance: Provenance | None = None
    """What the tables were made from (git state, counts): asked of git once, for the
    tables and the export's manifest alike."""


def tables(
    root: Path,
    as_of: dt.date,
    *,
    lang: Lang | None = None,
    allow_errors: bool = False,
    display_path: str | None = None,
    loaded: Loaded | None = None,
) -> Tables:
    """Every table: one per record kind, then `findings`, `form_values` and `campaign`."""
    from hxay.export.facts import campaign_frame, findings_frame, form_values_frame
    from hxay.export.records import record_frames

    loaded = loaded or load(root, display_path)
    result = Tables(loaded, as_of, problems=stopping_errors(loaded, allow_errors))
    if result.problems or loaded.ledger is None:
        return result
    findings, result.problems = evaluate_at(loaded, as_of)
    if result.problems:
        return result
    ledger = loaded.ledger
    language: Lang = lang or ledger.campaign.language
    provenance = result.provenance = loaded.provenance()
    result.frames = record_frames(ledger)
    result.frames["findings"] = findings_frame(findings, ledger.campaign.id, language)
    result.frames["form_values"] = form_values_frame(ledger, provenance, as_of, language)
    result.frames["campaign"] = campaign_frame(ledger, provenance, as_of)
    result.notice = allowed_errors_notice(loaded)
    return result


def frames(
    root: Path, as_of: dt.date, *, lang: Lang | None = None, allow_errors: bool = False
) -> dict[str, DataFrame]:
    """The tables of `hxay export` as pandas DataFrames, for notebooks: one per record kind,
    `findings`, `form_values`, `campaign`. Data errors raise HxayError (as `check` stops)."""
    built = tables(root, as_of, lang=lang, allow_errors=allow_errors)
    if built.problems:
        first = built.problems[0]
        raise HxayError(
            Msg(
                f"数据有 {len(built.problems)} 个错误(第一个:{first.format('zh')});"
                "allow_errors=True 可按已读入的记录计算",
                f"the data has {len(built.problems)} errors (the first: {first.format('en')}); "
                "allow_errors=True runs on what loaded",
            ),
            exit_code=3,
        )
    return built.frames


@dataclass
class ExportResult:
    """What `hxay export` wrote, or the errors that stopped it."""

    tables: Tables
    written: list[Written] = field(default_factory=list)

    @property
    def rows(self) -> int:
        """Rows written, over every table."""
        return sum(w.rows for w in self.written)


def check_export_target(out: Path, root: Path) -> None:
    """DIR must not be inside the data folder (hxay would read it) nor hold it."""
    target, data = out.absolute().resolve(), root.resolve()
    if target.is_relative_to(data) or data.is_relative_to(target):
        raise UsageError(
            Msg(
                f"--out {out}:导出文件夹不能在数据文件夹内,也不能包含数据文件夹;请换一个位置",
                f"--out {out}: the export folder may not be inside the data folder nor hold it; "
                "choose another place",
            )
        )


def export(
    root: Path,
    out: Path,
    *,
    as_of: dt.date | None,
    now: dt.datetime,
    fmt: TableFormat = "parquet",
    lang: Lang | None = None,
    allow_errors: bool = False,
    display_path: str | None = None,
) -> ExportResult:
    """`hxay export`: the tables at D (default today in the campaign's timezone) written to
    DIR in the hive layout with a manifest, atomically."""
    from hxay.export.write import MARK, check_target, write_export

    check_export_target(out, root)
    check_target(out)
    loaded = load(root, display_path)
    day = as_of or today(now, loaded)
    built = tables(root, day, lang=lang, allow_errors=allow_errors, loaded=loaded)
    result = ExportResult(built)
    if built.problems or loaded.ledger is None or built.provenance is None:
        return result
    campaign = loaded.ledger.campaign
    manifest: dict[str, object] = {
        "kind": MARK,
        "hxay": __version__,
        "format": fmt,
        "campaign": {
            "id": campaign.id,
            "name": campaign.name,
            "start": campaign.start.isoformat(),
            "end": campaign.end.isoformat(),
        },
        "as_of": day.isoformat(),
        "data": built.provenance.as_dict(),
        "layout": f"campaign={campaign.id}/TABLE.{fmt}",
    }
    if built.notice is not None:
        manifest["notice"] = built.notice.render(lang or campaign.language)
    result.written = write_export(out, campaign.id, built.frames, manifest, fmt)
    return result


def rollup(
    inputs: Sequence[Path],
    *,
    by_unit: bool = False,
    lang: Lang = "zh",
    name: str | None = None,
) -> Rollup:
    """`hxay rollup`: read each form (stats JSON or xlsx), check that they fit together,
    and build the next level's form; HxayError (exit 3) naming every input that does not."""
    from hxay.reports.rollup import build_rollup

    return build_rollup(inputs, by_unit=by_unit, lang=lang, name=name)


def sql(query: str, exports: Path) -> QueryResult:
    """`hxay sql`: run a DuckDB query over every export below `exports`, each table a view."""
    from hxay.export.query import run_query

    return run_query(query, exports)
