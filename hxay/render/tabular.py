"""Stage 5, render: every report as data: JSON, and CSV (with `#` lines saying what and whence;
`pandas.read_csv(path, comment="#")` reads it). The statistics form is tidy (one value per
measure and row, as JSON's `values`); a document carries its one listing keyed by field ids
(the dossier, in JSON: every listing by its id, and its register entry); the check its
findings as docs/obligations.md shapes them."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import TYPE_CHECKING, Protocol

from hxay.models.findings import STATUS_WORDS, Finding
from hxay.models.text import Lang, Msg
from hxay.render.escape import csv_cell
from hxay.render.jsontext import dumps
from hxay.render.options import RenderOptions
from hxay.render.words import range_lines, report_data_line
from hxay.reports.check import FIELDS, CheckReport
from hxay.reports.document import Document, Listing
from hxay.reports.period import UsageError
from hxay.reports.table import Table

if TYPE_CHECKING:
    from hxay.render.options import Report

FORMS = frozenset({"stats", "serious-list", "schools", "dossier", "check"})
CSV_FORMS = FORMS - {"dossier"}
"""CSV is one grid: a document of many listings (the dossier) comes as JSON only."""


def render(report: Report, options: RenderOptions, *, csv_out: bool = False) -> str:
    if isinstance(report, Table):
        return _stats_csv(report) if csv_out else _stats_json(report)
    if isinstance(report, Document):
        return _document_csv(report) if csv_out else _document_json(report)
    return _check_csv(report) if csv_out else _check_json(report)


def render_csv(report: Report, options: RenderOptions) -> str:
    if isinstance(report, Table) and not options.tidy:
        return _stats_sheet(report)
    return render(report, options, csv_out=True)


def _stats_json(t: Table) -> str:
    doc: dict[str, object] = {"form": t.form, "campaign": t.campaign.id}
    if t.period is not None:
        doc["period"] = {
            "label": t.period.label,
            "start": t.period.start.isoformat(),
            "end": t.period.end.isoformat(),
        }
    if t.cumulative is not None:
        doc["cumulative"] = {
            "start": t.cumulative.start.isoformat(),
            "end": t.cumulative.end.isoformat(),
        }
    doc["as_of"] = t.as_of.isoformat()
    doc["hxay"] = t.version
    doc["data"] = t.provenance.as_dict()
    if t.header is not None and t.header.configured():
        doc["header"] = t.header.configured()
    if t.notes:
        doc["notes"] = list(t.notes)
    if t.footnotes:
        doc["footnotes"] = list(t.footnotes)
    doc[f"{t.row_key}s"] = [{"id": row.id, "name": row.label} for row in t.rows]
    doc[f"{t.column_key}s"] = [{"id": col.id, "label": col.label} for col in t.columns]
    doc["values"] = t.tidy()
    return dumps(doc) + "\n"


def _stats_csv(t: Table) -> str:
    """Tidy rows (one per column and row, as JSON's `values`) under `#` lines that say what
    and whence; `pandas.read_csv(path, comment="#")` reads it."""
    buf = io.StringIO()
    for line in (t.title, *range_lines(t), report_data_line(t), *t.footnotes, *t.notes):
        buf.write(f"# {line}\n")
    writer = csv.writer(buf, lineterminator="\n")
    _row(
        writer,
        [t.column_key, "label", t.row_key, "name", *(p.id for p in t.parts)],
    )
    labels = {c.id: c.label for c in t.columns}
    names = {row.id: row.label for row in t.rows}
    for item in t.tidy():
        measure, unit = str(item[t.column_key]), str(item[t.row_key])
        _row(writer, [measure, labels[measure], unit, names[unit], *(item[p.id] for p in t.parts)])
    return buf.getvalue()


def _stats_sheet(t: Table) -> str:
    """The form as on paper: one row per unit, each indicator's parts side by side (本期,
    累计), under `#` lines that say what and whence; headers in the form's language."""
    buf = io.StringIO()
    for line in (t.title, *range_lines(t), report_data_line(t), *t.footnotes, *t.notes):
        buf.write(f"# {line}\n")
    writer = csv.writer(buf, lineterminator="\n")
    unit = "单位" if t.lang == "zh" else "Unit"
    heads = [f"{c.label.replace(chr(10), '')} {p.label}" for c in t.columns for p in t.parts]
    _row(writer, [unit, *heads])
    for row in t.rows:
        _row(writer, [row.label, *(v for cell in row.cells for v in cell)])
    return buf.getvalue()


def _main(doc: Document) -> Listing:
    listing = doc.main
    if listing is None:
        raise UsageError(
            Msg(
                f"报表 {doc.form} 不能输出为 JSON 或 CSV",
                f"the {doc.form} report has no JSON or CSV form",
            )
        )
    return listing


def _document_json(doc: Document) -> str:
    """`{"form", "campaign", "title", "period"?, "as_of", "hxay", "data", "reporting_unit"?,
    "notes"?, ...}` and then, for a document of one listing, `"fields": [{"id", "label"}],
    LISTING_ID: [{field id: value}], "total"?`; for one of several (the dossier), its
    `extra` blocks (`"school": {...}`), `"fields": {LISTING_ID: [{"id", "label"}]}` and each
    listing under its id. A listing only for people (no data fields) is left out."""
    listing = doc.main
    listings = [b for b in doc.blocks() if isinstance(b, Listing)]
    out: dict[str, object] = {"form": doc.form, "campaign": doc.campaign.id, "title": doc.title}
    if doc.period is not None:
        out["period"] = {
            "label": doc.period.label,
            "start": doc.period.start.isoformat(),
            "end": doc.period.end.isoformat(),
        }
    out["as_of"] = doc.as_of.isoformat()
    out["hxay"] = doc.version
    out["data"] = doc.provenance.as_dict()
    if doc.reporting_unit is not None:
        out["reporting_unit"] = {"id": doc.reporting_unit.id, "name": doc.reporting_unit.label}
    if doc.notes:
        out["notes"] = list(doc.notes)
    if listing is None:
        out.update(doc.extra)
        carried = [x for x in listings if x.data_fields]
        out["fields"] = {x.id: _fields(x) for x in carried}
        out.update({x.id: x.records() for x in carried})
        return dumps(out) + "\n"
    out["fields"] = _fields(listing)
    out[listing.id] = listing.records()
    if listing.total is not None:
        out["total"] = {
            f.id: value
            for f, value in zip(listing.fields, listing.total, strict=True)
            if f.numeric and not f.text
        }
    return dumps(out) + "\n"


def _fields(listing: Listing) -> list[dict[str, str]]:
    return [
        {"id": listing.fields[j].id, "label": listing.fields[j].label} for j in listing.data_fields
    ]


def _document_csv(doc: Document) -> str:
    """The listing's rows under a header of field ids, after `#` lines that say what and
    whence; booleans as true/false. `pandas.read_csv(path, comment="#")` reads it."""
    listing = _main(doc)
    buf = io.StringIO()
    for line in (doc.title, *range_lines(doc), report_data_line(doc), *doc.notes):
        buf.write(f"# {line}\n")
    writer = csv.writer(buf, lineterminator="\n")
    _row(writer, [f.id for f in listing.fields])
    for row in listing.rows:
        _row(
            writer,
            [
                "" if v is None else ("true" if v else "false") if isinstance(v, bool) else v
                for v in row
            ],
        )
    return buf.getvalue()


class _Rows(Protocol):
    """A csv writer (the stdlib types it only as a private class)."""

    def writerow(self, row: Iterable[object], /) -> object: ...


def _row(writer: _Rows, cells: Iterable[object]) -> None:
    """A CSV row; text a spreadsheet would evaluate is written so that it never is."""
    writer.writerow([csv_cell(c) for c in cells])


def finding_cells(f: Finding, lang: Lang) -> list[str]:
    """A finding's fields as text, in FIELDS order (refs joined with `;`)."""
    d = f.as_dict(lang)
    out = []
    for k in FIELDS:
        value = d[k]
        if value is None:
            out.append("")
        elif isinstance(value, list):
            out.append(";".join(str(x) for x in value))
        else:
            out.append(str(value))
    return out


def _check_json(report: CheckReport) -> str:
    lang = report.lang
    doc: dict[str, object] = {
        "campaign": report.campaign,
        "as_of": report.as_of.isoformat(),
        "data": report.provenance.as_dict(),
        "summary": dict(report.summary),
        "findings": [f.as_dict(lang) for f in report.findings],
    }
    if report.notice is not None:
        doc["notice"] = report.notice.render(lang)
    return dumps(doc) + "\n"


_CHECK_HEADERS_ZH = {
    "obligation": "事项",
    "status": "状态",
    "unit": "责任单位",
    "subject": "对象",
    "period": "期间",
    "due": "期限",
    "evidence": "完成日期",
    "message": "说明",
    "refs": "记录",
}


def check_rows(report: CheckReport) -> list[list[str]]:
    """The header and one row per finding, the fields JSON carries, as CSV and Markdown show
    them: in Chinese, headers, status, duty and period in words a chief reads (Excel/WPS,
    a report pasted into a message); in English the codes (for scripts)."""
    lang = report.lang
    if lang != "zh":
        return [list(FIELDS), *(finding_cells(f, lang) for f in report.findings)]
    status_at, duty_at = FIELDS.index("status"), FIELDS.index("obligation")
    period_at = FIELDS.index("period")
    rows = [[_CHECK_HEADERS_ZH[f] for f in FIELDS]]
    for f in report.findings:
        cells = finding_cells(f, lang)
        cells[status_at] = STATUS_WORDS[f.status].render(lang)
        cells[duty_at] = f.duty.render(lang) or f.obligation
        cells[period_at] = f.period_words(lang)
        rows.append(cells)
    return rows


def _check_csv(report: CheckReport) -> str:
    """`check_rows` as CSV, the notice first as a `#` line, refs joined with `;`."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    if report.notice is not None:
        _row(writer, [f"# {report.notice.render(report.lang)}"])
    for cells in check_rows(report):
        _row(writer, cells)
    return buf.getvalue()
