"""Stage 4, reports: statistics forms read back, as units below send them up: the JSON that
`hxay report --format json` writes, or hxay's own xlsx form through its machine contract.

xlsx: the custom document properties `hxay.form` (= stats), `hxay.campaign`,
`hxay.campaign_name`, `hxay.period`, `hxay.period_start`, `hxay.period_end`,
`hxay.cumulative_start`, `hxay.cumulative_end`, `hxay.as_of`, `hxay.header_unit`,
`hxay.version`; on the first sheet a hidden row with `hxay:measure` in column A and each
indicator's id over its 本期 column (累计 is the next), directly above the two header rows,
and a hidden column after the last value column with `hxay:unit` in that row and each data
row's unit id (`-` 其他, `*` 合计). Numbers are read from the visible cells. Every problem
is a FormError naming the file (and the sheet and cell). openpyxl is imported inside.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hxay.models.errors import HxayError
from hxay.models.ledger import Provenance
from hxay.models.text import Msg
from hxay.reports.stats import TOTAL, Pair
from hxay.reports.table import Head
from hxay.rules.calendar import Period

DATA_ERROR = 3
MEASURE_MARK = "hxay:measure"
UNIT_MARK = "hxay:unit"
"""The marks of the hidden row and column render/xlsx/contract.py writes and this reads."""


class FormError(HxayError):
    """An input that is not a statistics form hxay can read (exit 3)."""

    def __init__(self, file: str, zh: str, en: str) -> None:
        super().__init__(Msg(f"{file}:{zh}", f"{file}: {en}"), DATA_ERROR)


@dataclass(frozen=True)
class Form:
    """One statistics form as sent: what it covers, its rows and measures, and the values
    by (measure, unit)."""

    file: str
    campaign: str
    campaign_name: str | None
    period: Period
    cumulative: Period
    as_of: dt.date
    header_unit: str | None
    units: tuple[Head, ...]
    measures: tuple[Head, ...]
    values: dict[tuple[str, str], Pair]
    data: Provenance | None = None

    @property
    def rows(self) -> tuple[Head, ...]:
        """The unit rows, 合计 left out."""
        return tuple(u for u in self.units if u.id != TOTAL)

    def total(self, measure: str) -> Pair:
        """The form's 合计 of a measure as written; the sum of its rows when it has none
        (one station's form)."""
        if any(u.id == TOTAL for u in self.units):
            return self.values[(measure, TOTAL)]
        return self.row_sum(measure)

    def row_sum(self, measure: str) -> Pair:
        pairs = [self.values[(measure, u.id)] for u in self.rows]
        return sum(p for p, _ in pairs), sum(c for _, c in pairs)


def read_form(path: Path, shown: str | None = None) -> Form:
    """The form in `path` (xlsx by its extension, else JSON)."""
    file = shown if shown is not None else str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise FormError(
            file, f"无法读取({exc.strerror or exc})", f"cannot read ({exc.strerror or exc})"
        ) from None
    if path.suffix.lower() == ".xlsx" or data[:2] == b"PK":
        return _from_xlsx(file, path)
    return _from_json(file, data)


def _date(file: str, value: object, what: str) -> dt.date:
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise FormError(
            file, f"{what} 不是日期:{value!r}", f"{what} is not a date: {value!r}"
        ) from None


def _count(file: str, value: object, where: str) -> int:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise FormError(
            file,
            f"{where} 应为非负整数,实为 {value!r}",
            f"{where} must be a whole number of 0 or more, not {value!r}",
        )
    return value


def _not_a_form(file: str, zh: str, en: str) -> FormError:
    return FormError(
        file,
        f"不是 hxay 的统计报表(report --format json 或 xlsx):{zh}",
        f"not an hxay statistics form (report --format json or xlsx): {en}",
    )


def _from_json(file: str, data: bytes) -> Form:
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise FormError(file, "不是 UTF-8 编码的文本", "is not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise FormError(
            file,
            f"第 {exc.lineno} 行第 {exc.colno} 列 JSON 有误:{exc.msg}",
            f"line {exc.lineno} column {exc.colno}: bad JSON: {exc.msg}",
        ) from None
    if not isinstance(doc, dict) or doc.get("form") != "stats":
        raise _not_a_form(file, "'form' 不是 stats", "'form' is not stats")
    try:
        period, cumulative = doc["period"], doc["cumulative"]
        units = tuple(Head(str(u["id"]), str(u["name"])) for u in doc["units"])
        measures = tuple(Head(str(m["id"]), str(m["label"])) for m in doc["measures"])
        values = {
            (str(v["measure"]), str(v["unit"])): (
                _count(file, v["period"], f"{v['measure']}/{v['unit']} 本期"),
                _count(file, v["cumulative"], f"{v['measure']}/{v['unit']} 累计"),
            )
            for v in doc["values"]
        }
        form = Form(
            file=file,
            campaign=str(doc["campaign"]),
            campaign_name=None,
            period=Period(
                str(period["label"]),
                _date(file, period["start"], "period.start"),
                _date(file, period["end"], "period.end"),
            ),
            cumulative=Period(
                "campaign",
                _date(file, cumulative["start"], "cumulative.start"),
                _date(file, cumulative["end"], "cumulative.end"),
            ),
            as_of=_date(file, doc["as_of"], "as_of"),
            header_unit=_header_unit(doc.get("header")),
            units=units,
            measures=measures,
            values=values,
            data=_provenance(doc.get("data")),
        )
    except (KeyError, TypeError) as exc:
        raise _not_a_form(file, f"缺少或不对的 {exc}", f"missing or wrong: {exc}") from None
    _complete(form)
    return form


def _header_unit(header: object) -> str | None:
    unit = header.get("unit") if isinstance(header, dict) else None
    return str(unit).strip() or None if unit is not None else None


def _provenance(data: object) -> Provenance | None:
    if not isinstance(data, dict):
        return None
    try:
        return Provenance(
            path=str(data["path"]),
            commit=data.get("commit"),
            dirty=data.get("dirty"),
            records=int(data["records"]),
            errors=int(data["errors"]),
            left_out=int(data["left_out"]),
        )
    except (KeyError, TypeError, ValueError):
        return None


def _complete(form: Form) -> None:
    """Every measure has a value in every row, and ids are not repeated."""
    for what, heads in (("units", form.units), ("measures", form.measures)):
        ids = [h.id for h in heads]
        if not ids or len(set(ids)) != len(ids):
            raise _not_a_form(form.file, f"'{what}' 为空或有重复", f"'{what}' is empty or repeats")
    missing = [
        f"{m.id}/{u.id}"
        for m in form.measures
        for u in form.units
        if (m.id, u.id) not in form.values
    ]
    if missing:
        listed = ", ".join(missing[:3])
        raise _not_a_form(form.file, f"缺少 {listed} 的数值", f"no value for {listed}")


def _props(wb: Any) -> dict[str, str]:
    out: dict[str, str] = {}
    listed = getattr(wb, "custom_doc_props", None)
    for prop in getattr(listed, "props", None) or ():
        out[str(prop.name)] = "" if prop.value is None else str(prop.value)
    return out


def _from_xlsx(file: str, path: Path) -> Form:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise FormError(
            file, f"不是可读的 xlsx 工作簿({exc})", f"not a readable xlsx workbook ({exc})"
        ) from None
    props = _props(wb)
    if props.get("hxay.form") != "stats":
        raise _not_a_form(file, "没有 hxay.form = stats 文档属性", "no hxay.form = stats property")
    ws = wb.worksheets[0]

    def at(row: int, col: int) -> str:
        return f"{file}!{ws.title}!{ws.cell(row, col).coordinate}"

    marker = next(
        (r for r in range(1, min(ws.max_row, 60) + 1) if ws.cell(r, 1).value == MEASURE_MARK),
        None,
    )
    if marker is None:
        raise _not_a_form(
            file,
            f"工作表 {ws.title} 没有 {MEASURE_MARK} 行",
            f"sheet {ws.title} has no {MEASURE_MARK} row",
        )
    unit_col = next(
        (c for c in range(2, ws.max_column + 1) if ws.cell(marker, c).value == UNIT_MARK), None
    )
    if unit_col is None:
        raise _not_a_form(
            file,
            f"工作表 {ws.title} 没有 {UNIT_MARK} 列",
            f"sheet {ws.title} has no {UNIT_MARK} column",
        )
    measure_cols = [
        (str(ws.cell(marker, c).value).strip(), c)
        for c in range(2, unit_col)
        if ws.cell(marker, c).value not in (None, "")
    ]
    header = marker + 1
    measures = tuple(Head(m, str(ws.cell(header, c).value or m)) for m, c in measure_cols)
    units: list[Head] = []
    values: dict[tuple[str, str], Pair] = {}
    r = marker + 3
    while r <= ws.max_row and ws.cell(r, unit_col).value not in (None, ""):
        unit = str(ws.cell(r, unit_col).value).strip()
        units.append(Head(unit, str(ws.cell(r, 1).value or unit)))
        for m, c in measure_cols:
            values[(m, unit)] = (
                _count(file, ws.cell(r, c).value, at(r, c)),
                _count(file, ws.cell(r, c + 1).value, at(r, c + 1)),
            )
        r += 1

    def prop(key: str) -> str:
        if key not in props:
            raise _not_a_form(file, f"没有文档属性 {key}", f"no document property {key}")
        return props[key]

    form = Form(
        file=file,
        campaign=prop("hxay.campaign"),
        campaign_name=props.get("hxay.campaign_name") or None,
        period=Period(
            prop("hxay.period"),
            _date(file, prop("hxay.period_start"), "hxay.period_start"),
            _date(file, prop("hxay.period_end"), "hxay.period_end"),
        ),
        cumulative=Period(
            "campaign",
            _date(file, prop("hxay.cumulative_start"), "hxay.cumulative_start"),
            _date(file, prop("hxay.cumulative_end"), "hxay.cumulative_end"),
        ),
        as_of=_date(file, prop("hxay.as_of"), "hxay.as_of"),
        header_unit=props.get("hxay.header_unit", "").strip() or None,
        units=tuple(units),
        measures=measures,
        values=values,
    )
    _complete(form)
    return form
