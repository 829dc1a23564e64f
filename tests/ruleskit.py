"""Small hand-made data folders for obligation tests, and a way to evaluate them at a date."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

from hxay.loading.load import load
from hxay.models.findings import Finding
from hxay.rules.registry import BY_ID, evaluate

CAMPAIGN = """\
id: test-2012
name: 测试专项行动
issued: 2012-04-24
start: 2012-03-01
end: 2012-11-30
terms:
  - {name: 2011学年第二学期, start: 2012-02-08, end: 2012-07-05}
  - {name: 2012学年第一学期, start: 2012-09-03, end: 2013-01-25}
"""

UNITS = """\
- {kind: unit, id: psb, name: 市公安局, type: city_psb}
- {kind: unit, id: zadd, name: 治安大队, type: security_brigade, parent: psb}
- {kind: unit, id: edu, name: 教育局, type: education_bureau}
- {kind: unit, id: jjdd, name: 交警大队, type: traffic_brigade, liaison: {name: 交警甲, phone: "1"}}
- {kind: unit, id: ps-a, name: 甲派出所, type: police_station, liaison: {name: 甲, phone: "1"}}
- {kind: unit, id: ps-b, name: 乙派出所, type: police_station, liaison: {name: 乙, phone: "2"}}
"""

SCHOOLS = """\
- {kind: school, id: sch-a1, name: 甲一小学, type: primary, station: ps-a, uses_transport: false,
   legal_vice_principal: {name: 王警官}}
- {kind: school, id: sch-b1, name: 乙一幼儿园, type: kindergarten, station: ps-b, uses_transport: false,
   legal_vice_principal: {name: 李警官}}
"""


def make_folder(
    root: Path,
    records: dict[str, str] | None = None,
    *,
    campaign_extra: str = "",
    campaign: str | None = None,
    units: str = UNITS,
    schools: str = SCHOOLS,
) -> Path:
    """Write a data folder: campaign.yaml (+ extra lines), units, schools, and record files."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "campaign.yaml").write_text(
        (campaign if campaign is not None else CAMPAIGN) + textwrap.dedent(campaign_extra),
        encoding="utf-8",
    )
    (root / "units.yaml").write_text(units, encoding="utf-8")
    (root / "schools.yaml").write_text(schools, encoding="utf-8")
    for rel, text in (records or {}).items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def evaluate_at(root: Path, as_of: str | dt.date) -> list[Finding]:
    """All findings at `as_of`; the folder must load without errors."""
    loaded = load(root)
    errors = [d.format("en") for d in loaded.errors]
    assert not errors, errors
    assert loaded.ledger is not None
    day = as_of if isinstance(as_of, dt.date) else dt.date.fromisoformat(as_of)
    findings, problems = evaluate(loaded.ledger, day)
    assert not problems, problems
    return findings


def rows(
    findings: list[Finding], obligation: str
) -> list[tuple[str, str | None, str, str | None, str, str | None]]:
    """(status, unit, subject, period, due, evidence) of one obligation's findings, sorted."""
    return sorted(
        (
            f.status,
            f.unit,
            f.subject,
            f.period,
            f.due.isoformat(),
            f.evidence.isoformat() if f.evidence else None,
        )
        for f in findings
        if f.obligation == obligation
    )


def obligations_only(ours: tuple[str, ...], **params: str) -> str:
    """campaign.yaml `obligations:` turning off every rule not in `ours`, with `params`."""
    lines = ["obligations:"]
    for ob in BY_ID:
        if ob in params:
            lines.append(f"  {ob}: {params[ob]}")
        elif ob not in ours:
            lines.append(f"  {ob}: {{enabled: false}}")
    return "\n".join(lines) + "\n"
